"""The only module that knows the order of stages and wires them together.

cli / service / scripts / notebooks call these functions; each stage module stays
usable alone. A :class:`Workspace` is one corpus working directory (store,
artifacts, reports) with its settings and lazily loaded heavy parts (segmenter,
embedder, index), shared by the long-running service.

Example (in a notebook)::

    >>> from topicmine.pipeline import Workspace, ingest, search
    >>> ws = Workspace.from_settings(workdir="var/demo")
    >>> summary = ingest(ws, ["corpus/sample"])
    >>> hits = search(ws, "社区嵌入式托育服务", limit=3)
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from topicmine.config import Settings, load_settings
from topicmine.errors import IndexMismatchError, InputError, TopicmineError
from topicmine.progress import progress
from topicmine.records import DocType, IngestIssue

if TYPE_CHECKING:  # heavy modules load lazily
    import numpy as np

    from topicmine.embed.base import Embedder
    from topicmine.index import VectorIndex
    from topicmine.segment import Segmenter
    from topicmine.store import Store

logger = logging.getLogger("topicmine")

INDEX_DIRNAME = "index"


# ---------------------------------------------------------------------------------------------
# Workspace
# ---------------------------------------------------------------------------------------------
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
        self._query_cache = QueryVectorCache()

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


# ---------------------------------------------------------------------------------------------
# ingest
# ---------------------------------------------------------------------------------------------
@dataclass
class IngestSummary:
    """What one ingest saw and did; ``issues`` name every file that failed and why."""

    seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    deleted: int = 0
    documents_added: int = 0
    documents_removed: int = 0
    duplicates: list[dict[str, str]] = field(default_factory=list)
    issues: list[dict[str, str | None]] = field(default_factory=list)
    new_doc_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0
    run_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def file_hash(path: Path, chunk: int = 1 << 20) -> str:
    """sha256 of a file's bytes, streamed (so change detection never loads a big file)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def _source_key(path: Path) -> str:
    return str(path.resolve())


def ingest(
    ws: Workspace,
    paths: Sequence[Path | str],
    *,
    doc_type: str | None = None,
    region: str | None = None,
    strict: bool = False,
    delete_missing: bool = False,
    show_progress: bool | None = None,
) -> IngestSummary:
    """Read files/folders into the store: new, changed and unchanged files detected by content hash.

    One corrupt file never stops the batch: it is reported in ``issues`` (and the
    store's ingest log) with its name and the reason. With ``delete_missing`` the
    documents of files that vanished from the given folders are removed (refresh).

    >>> s = ingest(ws, ["corpus/sample/提案"], doc_type="提案")   # doctest: +SKIP
    >>> s.new, s.failed                                           # doctest: +SKIP
    (14, 0)
    """
    from topicmine.ingest import IngestRules, iter_files, read_documents

    t0 = time.perf_counter()
    settings = ws.settings
    limits = settings.ingest
    dt = DocType.from_any(doc_type) if doc_type else None
    rules_path = settings.resolve(limits.rules_file)
    rules = IngestRules.load(rules_path, root=settings.home_dir) if rules_path.is_file() else None
    store = ws.store
    summary = IngestSummary()
    roots = [Path(p) for p in paths]
    for r in roots:
        if not r.exists():
            raise InputError(f"{r}: no such file or folder; check the path (relative to {Path.cwd()})")

    with store.writer_lock():
        run_id = store.begin_run("ingest")
        summary.run_id = run_id
        seen_sources: set[str] = set()
        try:
            items = list(iter_files(roots, limits))
            for item in progress(items, desc="ingest", unit="file", show=show_progress):
                if isinstance(item, IngestIssue):
                    _record_issue(store, run_id, summary, item)
                    continue
                path = item
                summary.seen += 1
                source = _source_key(path)
                seen_sources.add(source)
                try:
                    fhash = file_hash(path)
                except OSError as exc:
                    _record_issue(store, run_id, summary, IngestIssue(str(path), f"cannot read: {exc}"))
                    continue
                previous = store.source_hash(source)
                if previous == fhash:
                    summary.unchanged += 1
                    continue
                rule = rules.rule_for(path) if rules is not None else None
                docs, issues = read_documents(
                    path, limits, doc_type=dt, region=region, rule=rule, root=_root_of(path, roots)
                )
                for issue in issues:
                    _record_issue(store, run_id, summary, issue, count_failed=False)
                if not docs:
                    if issues:
                        summary.failed += 1
                    continue
                segmented = [ws.segmenter.segment(d) for d in docs]
                change = store.replace_source(source, fhash, segmented, size=path.stat().st_size)
                if previous is None:
                    summary.new += 1
                else:
                    summary.changed += 1
                summary.documents_added += len(change.new_docs)
                summary.documents_removed += len(change.removed_docs)
                summary.new_doc_ids.extend(change.new_docs)
                for doc_id, other in change.duplicates:
                    summary.duplicates.append({"doc_id": doc_id, "source": source, "same_as": other})
            if delete_missing:
                summary.deleted, removed = _delete_missing(store, roots, seen_sources)
                summary.documents_removed += removed
            summary.seconds = round(time.perf_counter() - t0, 3)
            store.finish_run(run_id, "ok", _summary_for_log(summary))
        except BaseException as exc:
            store.finish_run(run_id, "failed", {"error": str(exc)[:500]})
            raise
    if strict and (summary.failed or summary.issues):
        raise IngestFailed(summary)
    return summary


class IngestFailed(TopicmineError):
    """Raised with ``--strict`` when any file failed; carries the summary."""

    exit_code = 3

    def __init__(self, summary: IngestSummary) -> None:
        self.summary = summary
        lines = "; ".join(f"{i['source']}: {i['reason']}" for i in summary.issues[:5])
        super().__init__(f"{len(summary.issues)} file(s) could not be ingested (--strict): {lines}")


def _root_of(path: Path, roots: list[Path]) -> Path | None:
    rp = path.resolve()
    for r in roots:
        rr = r.resolve()
        if rr.is_dir() and (rp == rr or rr in rp.parents):
            return rr
    return None


def _record_issue(store: Store, run_id: int, summary: IngestSummary, issue: IngestIssue, count_failed: bool = True) -> None:
    store.log_issue(run_id, issue)
    summary.issues.append({"source": issue.source, "locator": issue.locator, "reason": issue.reason})
    if count_failed:
        summary.failed += 1
    logger.warning("%s", issue)


def _delete_missing(store: Store, roots: list[Path], seen: set[str]) -> tuple[int, int]:
    """Remove sources under the given folders that no longer exist on disk."""
    dirs = [str(r.resolve()) for r in roots if r.is_dir()]
    deleted = removed = 0
    for source in list(store.sources()):
        if source in seen or not any(source.startswith(d.rstrip("/") + "/") for d in dirs):
            continue
        if Path(source).exists():
            continue  # present but skipped (hidden, refused): not a deletion
        removed += len(store.remove_source(source))
        deleted += 1
    return deleted, removed


def _summary_for_log(s: IngestSummary) -> dict[str, Any]:
    d = s.to_dict()
    d["issues"] = d["issues"][:200]
    d["new_doc_ids"] = len(d["new_doc_ids"])
    return d


# ---------------------------------------------------------------------------------------------
# stats / show
# ---------------------------------------------------------------------------------------------
def stats(ws: Workspace) -> dict[str, Any]:
    """Documents and passages by type, region and year (JSON-ready)."""
    return ws.store.stats()


def show(ws: Workspace, doc_id: str) -> dict[str, Any]:
    """One document with its metadata, sources and sections."""
    store = ws.store
    doc = store.get_document(doc_id)
    if doc is None:
        full = store.resolve_doc_id(doc_id)  # a unique id prefix is enough, as with git
        doc = store.get_document(full) if full else None
    if doc is None:
        raise InputError(f"no document with id {doc_id!r}; `topicmine search` shows ids")
    out = asdict(doc)
    out["doc_type"] = doc.doc_type.value
    out["doc_type_zh"] = doc.doc_type.label_zh
    out["sections"] = [asdict(s) for s in ws.store.document_sections(doc.id)]
    return out


# ---------------------------------------------------------------------------------------------
# embed + index
# ---------------------------------------------------------------------------------------------
def embed(ws: Workspace, *, show_progress: bool | None = None, rebuild_index: bool = False) -> dict[str, Any]:
    """Embed every passage not yet embedded by the configured model, then bring the index up to date.

    Vectors are cached by passage content hash + model id, so a second run embeds
    nothing and switching models is safe; the work is saved chunk by chunk, so an
    interrupted run resumes where it stopped. The index is updated incrementally
    (new passage ids added, vanished ones removed) and saved atomically.
    """
    from topicmine.embed import embed_passages

    t0 = time.perf_counter()
    store = ws.store
    embedder = ws.embedder
    model_id = embedder.model_id
    with store.writer_lock():
        missing = store.missing_embeddings(model_id)
        res = embed_passages(
            missing,
            embedder,
            put=lambda hashes, vectors: store.put_embeddings(model_id, hashes, vectors),
            batch_size=ws.settings.embed.batch_size,
            chunk_size=ws.settings.embed.chunk_size,
            show_progress=show_progress,
        )
        t_embed = time.perf_counter() - t0
        index_info = _sync_index(ws, rebuild=rebuild_index, show_progress=show_progress)
    return {
        "model": model_id,
        "precision": getattr(embedder, "info", {}).get("precision"),
        "passages_embedded": int(res["embedded"]),
        "passages_per_s": res.get("passages_per_s"),
        "embed_seconds": round(t_embed, 3),
        "index": index_info,
        "seconds": round(time.perf_counter() - t0, 3),
    }


def _index_manifest(ws: Workspace) -> dict[str, Any]:
    """The caller's facts for the index manifest (dim, count, kind and versions are added by the index)."""
    emb = ws.embedder
    return {
        "model_id": emb.model_id,
        "store_fingerprint": ws.store.fingerprint(),
        "precision": getattr(emb, "info", {}).get("precision"),
    }


def _sync_index(ws: Workspace, *, rebuild: bool = False, show_progress: bool | None = None) -> dict[str, Any]:
    """Add new passages to / remove gone passages from the saved index (rebuild on model change)."""
    import numpy as np

    from topicmine.index import VectorIndex

    s = ws.settings.index
    store = ws.store
    emb = ws.embedder
    rows = [(r.id, r.hash) for r in store.iter_passages()]
    want = {pid: h for pid, h in rows}
    index: VectorIndex | None = None
    if not rebuild:
        try:
            index = VectorIndex.load(ws.index_dir, expect={"model_id": emb.model_id, "dim": int(emb.dim)})
        except (IndexMismatchError, FileNotFoundError, TopicmineError) as exc:
            logger.info("rebuilding index: %s", exc)
            index = None
    if index is None:
        index = VectorIndex(
            int(emb.dim), kind=s.kind, exact_max=s.exact_max, hnsw_m=s.hnsw_m,
            ef_construction=s.ef_construction, ef_search=s.ef_search, nprobe=s.nprobe,
        )
    have = set(int(i) for i in index.ids())
    gone = np.array(sorted(have - want.keys()), dtype=np.int64)
    new_ids = [pid for pid in want if pid not in have]
    if len(gone):
        index.remove(gone)
    chunk = 4096
    for i in progress(range(0, len(new_ids), chunk), desc="index", unit="chunk", show=show_progress):
        ids = new_ids[i : i + chunk]
        vecs = store.get_embeddings(emb.model_id, [want[p] for p in ids])
        index.add(np.asarray(ids, dtype=np.int64), vecs)
    if len(gone) or new_ids or not (ws.index_dir / "manifest.json").is_file():
        index.save(ws.index_dir, _index_manifest(ws))
    return {"count": int(index.ntotal), "added": len(new_ids), "removed": int(len(gone)), "kind": index.built_kind}


# ---------------------------------------------------------------------------------------------
# search
# ---------------------------------------------------------------------------------------------
def _doc_types(doc_types: Iterable[str] | str | None) -> list[DocType] | None:
    if doc_types is None:
        return None
    if isinstance(doc_types, str):
        doc_types = [t for t in doc_types.split(",") if t.strip()]
    try:
        out = [DocType.from_any(t) for t in doc_types]
    except ValueError as exc:  # a user's typo is an input error (400), not a crash
        raise InputError(str(exc)) from None
    return out or None


def search(
    ws: Workspace,
    query: str,
    *,
    doc_types: Iterable[str] | str | None = None,
    region: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    limit: int | None = None,
    mode: str = "hybrid",
) -> list[dict[str, Any]]:
    """Hybrid search: FTS5 keywords (jieba words) fused with faiss neighbours by reciprocal rank.

    ``mode`` is ``hybrid`` (default; keyword-only when no index has been built yet),
    ``keyword`` or ``semantic``. Each hit carries its document, type, region, year,
    offsets and a snippet with the query's words in 【】.

    >>> hits = search(ws, "托育服务 社区", doc_types="proposal", limit=3)   # doctest: +SKIP
    >>> hits[0]["title"]                                                     # doctest: +SKIP
    '关于加快发展社区嵌入式托育服务的提案'
    """
    from topicmine.hybrid import rrf_fuse, snippet

    query = (query or "").strip()
    if not query:
        raise InputError("empty query: give a few words, e.g. topicmine search \"社区嵌入式托育\"")
    if mode not in {"hybrid", "keyword", "semantic"}:
        raise InputError(f"unknown search mode {mode!r}; use hybrid, keyword or semantic")
    s = ws.settings.search
    limit = limit or s.limit
    types = _doc_types(doc_types)
    filters = dict(doc_types=types, region=region, year_from=year_from, year_to=year_to)
    store = ws.store
    seg = ws.segmenter
    terms = seg.terms(query) or seg.words(query) or [query]
    rankings: dict[str, list[int]] = {}
    cosines: dict[int, float] = {}
    if mode in {"hybrid", "keyword"}:
        rankings["keyword"] = [h.passage_id for h in store.keyword_search(terms, limit=s.candidates, **filters)]
    index = ws.index(required=(mode == "semantic")) if mode in {"hybrid", "semantic"} else None
    if index is not None:
        q = ws.query_vectors([query])
        # oversample when filtering, since faiss does not know the metadata
        k = s.candidates * (5 if any(v for v in filters.values()) else 1)
        scores, ids = index.search(q, min(k, max(index.ntotal, 1)))
        cand = [int(i) for i in ids[0] if i >= 0]
        cos = {int(i): float(sc) for i, sc in zip(ids[0], scores[0]) if i >= 0}
        if any(v for v in filters.values()):
            allowed = {r.id for r in store.passages(cand) if _passes(r, types, region, year_from, year_to)}
            cand = [i for i in cand if i in allowed]
        rankings["semantic"] = cand[: s.candidates]
        cosines = cos
    fused = rrf_fuse(rankings, k=s.rrf_k, limit=limit)
    rows = {r.id: r for r in store.passages([i for i, _, _ in fused])}
    hits = []
    for pid, score, ranks in fused:
        r = rows.get(pid)
        if r is None:
            continue
        snip, spans = snippet(r.text, terms)
        hits.append(
            {
                "passage_id": pid,
                "doc_id": r.doc_id,
                "title": r.title,
                "doc_type": r.doc_type.value,
                "doc_type_zh": r.doc_type.label_zh,
                "region": r.region,
                "year": r.year,
                "date": r.date,
                "author": r.author,
                "start": r.start,
                "end": r.end,
                "snippet": snip,
                "highlights": [[a, b] for a, b in spans],
                "score": round(score, 6),
                "ranks": ranks,
                "cosine": round(cosines[pid], 4) if pid in cosines else None,
            }
        )
    return hits


def _passes(r: Any, types: list[DocType] | None, region: str | None, y0: int | None, y1: int | None) -> bool:
    if types and r.doc_type not in types:
        return False
    if region and r.region != region:
        return False
    if y0 is not None and (r.year is None or r.year < y0):
        return False
    if y1 is not None and (r.year is None or r.year > y1):
        return False
    return True
