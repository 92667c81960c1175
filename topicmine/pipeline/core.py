"""Where the pipeline's basic calls used to live; kept so existing imports keep working.

The code is split by what happens: :mod:`~topicmine.pipeline.workspace` (the Workspace and its caches),
:mod:`~topicmine.pipeline.ingest_job`, :mod:`~topicmine.pipeline.embed_job` (embedding + index sync) and
:mod:`~topicmine.pipeline.search_job` (hybrid search, show, stats). New code imports from those modules
or from :mod:`topicmine.pipeline`.

    >>> from topicmine.pipeline.core import Workspace, ingest, search   # doctest: +SKIP
"""

from topicmine.pipeline.embed_job import _index_manifest, _sync_index, embed  # noqa: F401
from topicmine.pipeline.ingest_job import (  # noqa: F401
    IngestFailed,
    IngestSummary,
    _delete_missing,
    _record_issue,
    _root_of,
    _source_key,
    _summary_for_log,
    file_hash,
    ingest,
)
from topicmine.pipeline.search_job import _doc_types, _passes, search, show, stats  # noqa: F401
from topicmine.pipeline.workspace import INDEX_DIRNAME, QueryVectorCache, Workspace  # noqa: F401
