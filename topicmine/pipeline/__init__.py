"""The pipeline package: the only place that knows the order of stages and wires them.

cli / service / scripts / notebooks call these functions; each stage module stays
usable alone. ``core`` holds the Workspace, ingest, embed/index and search;
``service`` the helpers the web service needs; ``drafting`` split/check/similar/export;
``refresh`` the nightly job and its report.
"""

from topicmine.pipeline.core import (  # noqa: F401
    IngestFailed,
    IngestSummary,
    Workspace,
    embed,
    file_hash,
    ingest,
    search,
    show,
    stats,
)
from topicmine.pipeline.service_job import health, read_upload, warm_up  # noqa: F401
from topicmine.pipeline.drafting_job import check_draft, export_all, export_draft, similar, similar_items, split  # noqa: F401
