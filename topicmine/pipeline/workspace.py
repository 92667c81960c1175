"""The Workspace: one corpus working directory and the heavy parts loaded on first use, with its caches.

A :class:`Workspace` holds the settings, the store, the segmenter, the embedder and the vector index of one
workdir (store, artifacts, reports), each loaded lazily and thread-safely, shared by the long-running
service. The pipeline functions (``ingest_job``, ``embed_job``, ``search_job`` …) take it as their first
argument.

Example (in a notebook)::

    >>> from topicmine.pipeline import Workspace, ingest, search
    >>> ws = Workspace.from_settings(workdir="var/demo")
    >>> summary = ingest(ws, ["corpus/sample"])
    >>> hits = search(ws, "社区嵌入式托育服务", limit=3)
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from topicmine.config import Settings, load_settings
from topicmine.errors import IndexMismatchError

if TYPE_CHECKING:  # heavy modules load lazily
    import numpy as np

    from topicmine.embed.base import Embedder
    from topicmine.index import VectorIndex
    from topicmine.segment import Segmenter
    from topicmine.store import Store

logger = logging.getLogger("topicmine")

INDEX_DIRNAME = "index"


class QueryVectorCache:
    """A bounded, thread-safe LRU of text → vector: the page re-splits the same report after every
    genre change, the service runs requests in threads, and people repeat searches: repeated texts
    are embedded once."""

    def __init__(self, max_items: int = 20_000) -> None:
        import threading
        from collections import OrderedDict

        self.max_items = max_items
        self._data: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, embedder: Any, texts: list[str]) -> np.ndarray:
        import numpy as np

        mid = embedder.model_id
        out: list[Any] = [None] * len(texts)
        todo: dict[str, list[int]] = {}
        with self._lock:
            for i, t in enumerate(texts):
                v = self._data.get((mid, t))
                if v is None:
                    todo.setdefault(t, []).append(i)
                else:
                    self._data.move_to_end((mid, t))
                    out[i] = v
        if todo:
            new = embedder.encode(list(todo), kind="query")  # symmetric similarity: e5's "query:" side
            with self._lock:
                for t, v in zip(todo, new):
                    for i in todo[t]:
                        out[i] = v
                    self._data[(mid, t)] = v
                while len(self._data) > self.max_items:
                    self._data.popitem(last=False)
        if not out:
            return np.zeros((0, int(getattr(embedder, "dim", 0) or 0)), dtype=np.float32)
        return np.vstack(out).astype(np.float32, copy=False)


class ResultCache:
    """A small thread-safe LRU for similar-item answers. The key carries the mtimes of the index
    manifest and the store files, so a refresh (new passages, swapped index) invalidates it."""

    def __init__(self, max_items: int = 2000) -> None:
        import threading
        from collections import OrderedDict

        self.max_items = max_items
        self._data: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def stamp(ws: Workspace) -> tuple:
        out = []
        for p in (ws.index_dir / "manifest.json", ws.settings.store_path,
                  ws.settings.store_path.with_name(ws.settings.store_path.name + "-wal")):
            try:
                out.append(p.stat().st_mtime_ns)
            except OSError:
                out.append(None)
        return (str(ws.workdir), *out)

    def get(self, key: tuple) -> dict[str, Any] | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
            return hit

    def put(self, key: tuple, value: dict[str, Any]) -> None:
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.max_items:
                self._data.popitem(last=False)


class Workspace:
    """One corpus working directory and the heavy parts loaded on first use.

    Thread-safe lazy loading so the FastAPI service can share one Workspace.
    The vector index is reloaded when its manifest on disk changes, so a refresh
    that swaps artifacts is picked up without restarting the service.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.RLock()
        self._store: Store | None = None
        self._segmenter: Segmenter | None = None
        self._embedder: Embedder | None = None
        self._index: VectorIndex | None = None
        self._index_stamp: tuple[float, int] | None = None
        # every cache of a workspace lives here, so two workspaces in one process never share answers:
        # query vectors, the drafting page's similar-item answers (keyed by the store/index state) and
        # the proposals' document vectors a draft is judged against (pipeline.drafting_job)
        self._query_cache = QueryVectorCache()
        self.similar_cache = ResultCache()
        self.background_cache: dict[tuple[str, str, str], Any] = {}

    @classmethod
    def from_settings(cls, config_file: Path | str | None = None, **overrides: Any) -> Workspace:
        return cls(load_settings(config_file, **overrides))

    # -- paths ------------------------------------------------------------------------------
    @property
    def workdir(self) -> Path:
        return Path(self.settings.workdir)

    @property
    def index_dir(self) -> Path:
        return self.settings.artifacts_dir / INDEX_DIRNAME

    # -- parts ------------------------------------------------------------------------------
    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                from topicmine.store import Store

                self.workdir.mkdir(parents=True, exist_ok=True)
                self._store = Store(self.settings.store_path).open()
            return self._store

    @property
    def segmenter(self) -> Segmenter:
        with self._lock:
            if self._segmenter is None:
                from topicmine.segment import Segmenter

                seg = self.settings.segment
                user_dict = self.settings.resolve(seg.user_dict)
                stop = self.settings.resolve(seg.stopwords)
                self._segmenter = Segmenter(
                    user_dict=user_dict if user_dict.is_file() else None,
                    stopwords=stop if stop.is_file() else None,
                    min_passage_chars=seg.min_passage_chars,
                    max_passage_chars=seg.max_passage_chars,
                ).load()
            return self._segmenter

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                from topicmine.embed import load_embedder

                self._embedder = load_embedder(self.settings.embed, self.settings.home_dir)
            return self._embedder

    def query_vectors(self, texts: list[str]) -> np.ndarray:
        """``query:``-side vectors of short texts (searches, drafts), cached per workspace."""
        return self._query_cache.encode(self.embedder, texts)

    def index(self, required: bool = True) -> VectorIndex | None:
        """The saved vector index, reloaded when a refresh replaced it on disk."""
        from topicmine.index import VectorIndex

        manifest = self.index_dir / "manifest.json"
        with self._lock:
            if not manifest.is_file():
                if required:
                    raise IndexMismatchError(
                        f"no vector index in {self.index_dir}; run `topicmine embed --workdir {self.workdir}` first"
                    )
                return None
            st = manifest.stat()
            stamp = (st.st_mtime, st.st_size)
            if self._index is None or stamp != self._index_stamp:
                try:
                    self._index = VectorIndex.load(self.index_dir, expect={"model_id": self.embedder.model_id})
                    self._index_stamp = stamp
                except IndexMismatchError:
                    # a refresh may be between writing the index and its manifest: keep
                    # answering from the index we have and try again on the next call
                    if self._index is None:
                        raise
                    logger.warning("index on disk is being replaced; still using the previous one")
            return self._index

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
