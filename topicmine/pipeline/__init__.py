"""The pipeline package: the only place that knows the order of stages and wires them.

cli / service / scripts / notebooks call these functions; each stage module stays
usable alone. ``workspace`` holds the Workspace (settings, store, segmenter, embedder, index and
their caches); ``ingest_job``, ``embed_job`` (embedding + index sync) and ``search_job`` (hybrid
search, show, stats) the basic calls (``core`` re-exports them for older imports); a ``*_job`` module
wires the stage it is named after: ``topics_job``, ``dedup_job``, ``drafting_job`` (split/check/
similar/export), ``morning_job`` (the morning report), ``service_job`` (what the web service needs);
``refresh`` is the nightly job, ``demo`` the demo.
"""

from topicmine.pipeline.embed_job import embed  # noqa: F401
from topicmine.pipeline.ingest_job import IngestFailed, IngestSummary, file_hash, ingest  # noqa: F401
from topicmine.pipeline.search_job import search, show, stats  # noqa: F401
from topicmine.pipeline.workspace import Workspace  # noqa: F401
from topicmine.pipeline.service_job import health, read_upload, warm_up  # noqa: F401
from topicmine.pipeline.drafting_job import check_draft, export_all, export_draft, similar, similar_items, split  # noqa: F401
