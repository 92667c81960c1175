"""SQLite storage for one corpus workdir: documents, passages, FTS5 search, embedding cache.

Imports only the standard library, numpy and ``topicmine.records``/``errors``; callers pass
already-tokenised words (the store never runs jieba).

>>> from topicmine.store import Store
>>> with Store(":memory:") as store:
...     store.count_documents(doc_types="提案")
0
"""

from topicmine.store.lock import WriterLock
from topicmine.store.rows import EmbeddingsMissingError, KeywordHit, PassageRow, SourceChange
from topicmine.store.schema import SCHEMA_VERSION
from topicmine.store.sqlite import Store, display_source

__all__ = [
    "SCHEMA_VERSION",
    "EmbeddingsMissingError",
    "KeywordHit",
    "PassageRow",
    "SourceChange",
    "Store",
    "WriterLock",
    "display_source",
]
