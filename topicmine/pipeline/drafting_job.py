"""Wiring for the drafting assistant: split a report, check a draft, find similar past items, export.

Part of the pipeline package — the only place that knows the order of stages. The drafts and export
stages take plain callables (``similar``, ``embed``) and plain data; this module hands them the
workspace's store, embedder and vector index, so the service and the CLI stay thin.

    >>> from topicmine.pipeline import Workspace, split, export_draft          # doctest: +SKIP
    >>> ws = Workspace.from_settings(workdir="var/demo")                        # doctest: +SKIP
    >>> res = split(ws, open("调研报告.txt", encoding="utf-8").read())          # doctest: +SKIP
    >>> data, media, name = export_draft(ws, res["drafts"][0], fmt="docx")      # doctest: +SKIP
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from topicmine.errors import IndexMismatchError, InputError, ModelError, TopicmineError
from topicmine.pipeline.core import Workspace

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger("topicmine")

#: a past document longer than this is compared through its best-matching passage: the dedup scorer
#: is calibrated on proposal-sized texts (length ratio, 情况/建议 parts), and a 20,000-字 work report
#: would be neither a fair nor a readable comparison
DOC_COMPARE_MAX_CHARS = 4000
#: faiss / keyword candidates per request; only these are scored (the service must stay fast)
N_PASSAGE_CANDIDATES = 60
#: query words sent to FTS5 for a long draft (the most frequent content terms)
N_QUERY_TERMS = 16

EXPORT_MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}
from topicmine.text.names import GENRE_ZH  # noqa: E402  (one source: topicmine.records)


# ---------------------------------------------------------------------------------------------
# similar past items
# ---------------------------------------------------------------------------------------------
def _semantic_parts(ws: Workspace) -> tuple[Any, Any, str | None]:
    """(index, embedder, None) when semantic retrieval works, else (None, None, why not)."""
    try:
        index = ws.index(required=False)
    except (IndexMismatchError, ModelError) as exc:
        return None, None, f"向量索引不可用（{exc}），改用关键词检索"
    except TopicmineError as exc:  # e.g. a half-built model folder: degrade, don't fail the request
        return None, None, f"向量索引不可用（{exc}），改用关键词检索"
    if index is None or index.ntotal == 0:
        return None, None, f"尚未建立向量索引（运行 topicmine embed --workdir {ws.workdir}），改用关键词检索"
    return index, ws.embedder, None


def _query_terms(ws: Workspace, text: str) -> list[str]:
    # a whole draft as an OR query would match everything; its most frequent content terms rank well
    counts = Counter(ws.segmenter.terms(text[:20000]))
    return [t for t, _ in counts.most_common(N_QUERY_TERMS)]


def similar_items(ws: Workspace, text: str, *, limit: int = 10, qvec: np.ndarray | None = None,
                  doc_type: str | None = None, explain: bool = True) -> dict[str, Any]:
    """Past items most similar to ``text`` (level 相关 or closer), with how they were found.

    Returns ``{"items": [...], "retrieval": "semantic+keyword" | "keyword", "note": str | None,
    "scored": bool}`` (``scored`` is False when no duplicate scorer could be loaded); see
    :func:`similar` for the items. Answers are cached until the store or the index changes:
    the page re-splits the same report after each genre change, and most drafts stay the same.
    ``explain=False``: the items' highlights are deferred (:func:`topicmine.dedup.explained` puts them in place).
    """
    text = (text or "").strip()
    if not text:
        raise InputError("empty text: give the draft's full text (案由 and 正文)")
    key = (ws.similar_cache.stamp(ws), text, int(limit), doc_type, bool(explain))
    hit = ws.similar_cache.get(key)
    if hit is not None:
        return hit
    res = _similar_items(ws, text, limit=limit, qvec=qvec, doc_type=doc_type, explain=explain)
    if res.get("scored"):  # a degraded answer is not kept: the model or scorer may appear later
        ws.similar_cache.put(key, res)
    return res


BACKGROUND_MAX_DOCS = 1000
BACKGROUND_MIN_DOCS = 10


def _background_vectors(ws: Workspace, model_id: str) -> Any:
    """Up to 1,000 proposals' document vectors (mean of passage vectors, fixed-seed sample), or None.

    The document-level levels of :func:`topicmine.dedup.check` compare the draft's cosine to an item
    with the draft's usual cosine to the corpus; the calibration's prior was measured on proposals,
    so proposals are the background (shrunk towards that prior by the rules themselves). Below 10
    proposals the prior alone is used.
    """
    import numpy as np

    from topicmine import dedup

    store = ws.store
    key = (str(ws.settings.store_path), store.fingerprint(), model_id)
    cache = ws.background_cache  # the proposals' document vectors, per (store state, model)
    if key in cache:
        return cache[key]
    result = None
    try:
        pids, pvecs = store.passage_vectors(model_id, doc_types="proposal")
    except TopicmineError as exc:  # not everything embedded yet: the prior will do
        logger.info("similar: no background vectors (%s)", exc)
        pids = np.zeros(0, dtype=np.int64)
        pvecs = np.zeros((0, 0), dtype=np.float32)
    owners = [r.doc_id for r in store.passages([int(i) for i in pids])] if len(pids) else []
    if len(pids) and len(owners) == len(pids):  # unequal: passages replaced meanwhile; try next call
        _, dvecs = dedup.document_vectors(pvecs, owners)
        if len(dvecs) >= BACKGROUND_MIN_DOCS:
            if len(dvecs) > BACKGROUND_MAX_DOCS:
                dvecs = dvecs[np.random.default_rng(0).choice(len(dvecs), BACKGROUND_MAX_DOCS, replace=False)]
            result = dvecs
    if result is not None:  # "none yet" is not cached: the next call may find the vectors embedded
        cache.clear()  # one store state at a time: a refresh makes the old entry useless
        cache[key] = result
    return result


def _similar_items(ws: Workspace, text: str, *, limit: int, qvec: np.ndarray | None = None,
                   doc_type: str | None = None, explain: bool = True) -> dict[str, Any]:
    import numpy as np

    from topicmine import dedup

    limit = max(1, int(limit))
    store = ws.store
    index, emb, note = _semantic_parts(ws)

    # 1. candidate passages: faiss neighbours (when an index exists) ∪ FTS5 keyword hits
    ranked: list[int] = []
    if index is None:
        qvec = None
    else:
        # the caller's vector (a split's sentences, embedded once) or the draft embedded now; same "query:" side
        qvec = np.asarray(qvec, dtype=np.float32).reshape(1, -1) if qvec is not None else ws.query_vectors([text])
        _, ids = index.search(qvec, min(N_PASSAGE_CANDIDATES, max(index.ntotal, 1)))
        ranked.extend(int(i) for i in ids[0] if i >= 0)
    terms = _query_terms(ws, text)
    if terms:
        ranked.extend(h.passage_id for h in store.keyword_search(terms, limit=N_PASSAGE_CANDIDATES))
    if not ranked:
        return {"items": [], "retrieval": "keyword" if index is None else "semantic+keyword", "note": note,
                "scored": True}

    # 2. one candidate per document (its best-ranked passage), at most a few times ``limit``
    rows = {r.id: r for r in store.passages(list(dict.fromkeys(ranked)))}
    best: dict[str, Any] = {}
    for pid in ranked:
        r = rows.get(pid)
        if r is not None and r.doc_id not in best:
            best[r.doc_id] = r
    doc_rows = list(best.values())[: max(2 * limit, 12)]

    # 3. the text each candidate is compared on: the whole document when proposal-sized, else its passage
    texts: list[str] = []
    metas: list[dict[str, Any]] = []
    hashes: list[list[str]] = []
    for r in doc_rows:
        doc = store.get_document(r.doc_id)
        whole = doc is not None and len(doc.text) <= DOC_COMPARE_MAX_CHARS
        if whole:
            texts.append(doc.text)
            hashes.append([p.hash for p in store.document_passages(r.doc_id)] if qvec is not None else [])
            offset, end = 0, len(doc.text)
        else:
            texts.append(r.text)
            hashes.append([r.hash])
            offset, end = r.start, r.end
        metas.append({"doc_type": r.doc_type, "title": r.title, "year": r.year, "date": r.date,
                      "author": r.author, "region": r.region, "category": r.category,
                      "passage_id": r.id, "start": offset, "end": end, "whole": whole})

    # 4. candidate vectors (mean of the document's passage vectors, as dedup.document_vectors does)
    cvecs: np.ndarray | None = None
    if qvec is not None:
        try:
            flat = [h for hs in hashes for h in hs]
            allv = store.get_embeddings(emb.model_id, flat)
            out = np.zeros((len(texts), allv.shape[1]), dtype=np.float32)
            pos = 0
            for i, hs in enumerate(hashes):
                v = allv[pos : pos + len(hs)].mean(axis=0)
                out[i] = v / (np.linalg.norm(v) + 1e-12)
                pos += len(hs)
            cvecs = out
        except (KeyError, TopicmineError) as exc:  # passages ingested after the last `embed`
            note = f"部分语料尚未向量化（{exc}），仅按字面相似度评分"
            logger.info("similar: %s", note)
            qvec = None

    # 5. the calibrated scorer decides levels; lexical model when there are no vectors
    retrieval = "keyword" if index is None else "semantic+keyword"
    try:
        scorer = None
        if qvec is not None:
            scorer = dedup.load_scorer(model_id=emb.model_id, on_mismatch="lexical")
            if not scorer.uses_vectors:
                qvec, cvecs = None, None
        if qvec is None:
            scorer = dedup.load_scorer(model_id="(none)", on_mismatch="lexical")
    except IndexMismatchError as exc:  # no calibration shipped: a draft can still be split and checked
        logger.info("similar: %s", exc)
        return {"items": [], "retrieval": retrieval, "note": f"相似度评分模型不可用：{exc}", "scored": False}
    ids = [r.doc_id for r in doc_rows]
    # only 相关 or closer: unrelated candidates are noise on the page and each costs an explanation
    # the document-level rules measure the draft against the corpus, not against its nearest candidates
    background = _background_vectors(ws, emb.model_id) if qvec is not None else None
    # the matter decision compares documents as dedup does (mean of "passage:" vectors), not by the
    # "query:" vector used above to retrieve: otherwise check and dedup give one pair two levels
    from topicmine.pipeline.dedup_job import draft_document_vector

    dvec = (lambda: draft_document_vector(ws, text)) if qvec is not None else None  # embedded only when needed
    found = dedup.check(text, None if qvec is None else qvec[0], texts, cvecs, ids, metas, scorer=scorer,
                        limit=limit, n_candidates=len(texts), min_level="相关", background_vectors=background,
                        embed_asks=_ask_embedder(ws) if qvec is not None else None, document_vector=dvec,
                        doc_type=doc_type, explain=explain)
    by_id = {i: m for i, m in zip(ids, metas)}
    items = []
    for f in found:
        m = by_id[f["id"]]
        dt = f.get("doc_type")
        items.append({
            **f,
            "doc_id": f["id"],
            "doc_type_zh": _doc_type_zh(dt),
            "passage_id": m["passage_id"],
            "whole_document": m["whole"],
            # offsets of ``text`` inside the past document, so a viewer can open it at the right place
            "doc_start": m["start"],
            "doc_end": m["end"],
        })
    return {"items": items, "retrieval": retrieval, "note": note, "scored": True}


def _ask_embedder(ws: Workspace) -> Any:
    # the matter decision embeds asks and titles through the store's cache (pipeline.dedup_job)
    from topicmine.pipeline.dedup_job import ask_embedder

    return ask_embedder(ws)


def _doc_type_zh(value: Any) -> str | None:
    from topicmine.records import DocType

    try:
        return DocType.from_any(value).label_zh if value else None
    except (ValueError, TopicmineError):
        return None


def similar(ws: Workspace, text: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """The past proposals, replies and report passages most similar to ``text``, best first.

    Candidates come from the faiss index (top passages by the query embedding) and FTS5 keywords;
    only those documents are scored with dedup's calibrated ``check``. Without a vector index the
    keyword candidates are scored lexically and each item says ``"retrieval": "keyword"``.
    Each item: ``id/doc_id, title, level (重复/相近/相关), score, doc_type, doc_type_zh, year,
    author, region, text, spans ({a_*: offsets in the draft, b_*: offsets in text}), context,
    retrieval``.
    """
    res = similar_items(ws, text, limit=limit)
    return [{**it, "retrieval": res["retrieval"]} for it in res["items"]]


# ---------------------------------------------------------------------------------------------
# embeddings for the drafts stage (semantic linking of suggestions to their support)
# ---------------------------------------------------------------------------------------------


def _embed_fn(ws: Workspace, text: str) -> Any:
    """A :class:`~topicmine.pipeline.sentence_vectors.SentenceVectors` of ``text`` (its sentences embedded
    once) when the embedding model loads, else None (lexical linking, no semantic history)."""
    from topicmine.pipeline.sentence_vectors import SentenceVectors

    try:
        _ = ws.embedder  # loading is what may fail
    except (ModelError, TopicmineError, OSError) as exc:
        logger.info("drafting without embeddings: %s", exc)
        return None
    return SentenceVectors(ws, text)


def _departments(ws: Workspace) -> Any:
    """The provincial dictionary's path: the drafts stage picks the 市/县 dictionary beside it by level."""
    path = ws.settings.resolve(ws.settings.drafts.departments)
    return path if path.is_file() else None


def _level(ws: Workspace) -> str | None:
    """``drafts.level`` (省/市/县) when the office set it; else the drafts stage reads it from the text."""
    return getattr(ws.settings.drafts, "level", None) or None


def _style(ws: Workspace) -> Any:
    style = ws.settings.drafts.docx_style
    return ws.settings.resolve(style) if style else None


def _similar_fn(ws: Workspace, exclude: tuple[str, ...] = (), vectors: Any = None,
                exclude_titles: tuple[str, ...] = ()) -> Callable[[str], list[dict[str, Any]]]:
    def history(t: str, genre: str | None = None) -> list[dict[str, Any]]:
        # with ``vectors`` (a SentenceVectors of the report or draft) the draft is not embedded again; the
        # draft's genre names it in the matter decision's message ("两件社情民意信息的……", not "两件提案")
        res = similar_items(ws, t, limit=5 + len(exclude) + len(exclude_titles),
                            qvec=vectors.query(t) if vectors is not None else None, doc_type=genre, explain=False)
        if not res.get("scored", True):
            # the duplicates check then says the comparison could not be done, not "no duplicates"
            raise TopicmineError(res["note"])
        # a report already in the corpus is not "history" for the drafts cut from it — found by its content
        # hash, or by its title when the pasted copy differs (front matter, Markdown marks, a changed line)
        items = [it for it in res["items"] if (it.get("doc_id") or it.get("id")) not in exclude
                 and _bare_title(str(it.get("title") or "")) not in exclude_titles][:5]
        return [{**it, "retrieval": res["retrieval"]} for it in items]

    if vectors is not None:
        history.prefetch = lambda texts: _prefetch(ws, texts)  # type: ignore[attr-defined]
    # the items come with their highlights deferred: the checks explain only the items they keep and show
    from topicmine.dedup import explained

    history.explain = explained  # type: ignore[attr-defined]
    return history


def _prefetch(ws: Workspace, texts: list[str]) -> None:
    """Embed every draft's passages for the history check in one call; advisory like the check itself."""
    from topicmine.pipeline.dedup_job import prefetch_document_vectors

    try:
        if _semantic_parts(ws)[0] is None:  # no index: the history check compares words only, no vectors
            return
        prefetch_document_vectors(ws, texts)
    except Exception as exc:  # a read-only store or no model: each draft is then embedded in its own check
        logger.info("history prefetch skipped: %s", exc)


# ---------------------------------------------------------------------------------------------
# split, check, export
# ---------------------------------------------------------------------------------------------
def split(ws: Workspace, text: str, *, overrides: dict[str, str] | None = None,
          title: str | None = None, out_dir: Path | str | None = None) -> dict[str, Any]:
    """Split a 调研报告 into 建议案 / 提案 / 社情民意信息 drafts, each checked and compared with history.

    ``overrides`` = ``{unit_id or group_id: genre}`` (motion / proposal / opinion / keep); a unit's
    override applies to its whole matter (group). ``title`` is prepended as the first line when the
    text does not start with it. Returns the drafts stage's JSON (``units``, ``groups``, ``drafts``,
    ``sections``) with each draft's ``similar`` past items added; offsets point into the text as
    analysed (``result["text"]``).
    """
    from topicmine.drafts import split_report

    text = (text or "").strip()
    if not text:
        raise InputError("报告为空：请粘贴调研报告全文，或上传 .docx/.txt/.md 文件")
    if title and not text.startswith(title.strip()):
        text = title.strip() + "\n" + text
    from topicmine.ingest.normalize import normalize_text

    text = strip_markup(text)
    # pasted text gets the normalisation an uploaded file gets from the ingest reader (full-width digits and
    # letters → half-width, stray controls dropped), so a report pasted and the same report uploaded give the
    # same drafts ("１．" pasted from Word and "1." read from the .docx)
    text = normalize_text(text)
    d = ws.settings.drafts
    from topicmine.records import content_hash

    vectors = _embed_fn(ws, text)  # the report's sentences, embedded once for linking and history
    own_title = _report_title(text)
    res = split_report(text, out_dir, similar=_similar_fn(ws, exclude=(content_hash(text),), vectors=vectors,
                                                          exclude_titles=(own_title,) if own_title else ()),
                       embed=vectors, style=_style(ws),
                       departments=_departments(ws), genres=dict(overrides or {}), level=_level(ws),
                       proposal_max_chars=d.proposal_max_chars, opinion_max_chars=d.opinion_max_chars,
                       lexicon=_lexicon(ws), layout=True)
    out = res.to_dict()
    # the checks saw the history; the page shows it beside each draft
    for dd, draft in zip(out["drafts"], res.drafts):
        dd["similar"] = list(getattr(draft.checks, "similar", []) or [])
    out["text"] = res.analysis.text  # the report in one layout: the offsets point into it
    out["overrides"] = dict(overrides or {})
    return out


def strip_markup(text: str) -> str:
    """Pasted Markdown without its markup, as the .md reader gives it: YAML front matter (metadata, not the
    report), heading marks "# ", bold "**…**". Pasted with them, the report's title line "# 关于……的调研报告" was
    quoted as a 建议案's 基本情况 and the report itself was not recognised in the history.

    >>> strip_markup("---\\ntitle: 关于x的调研报告\\n---\\n\\n# 关于x的调研报告\\n**一、基本情况**\\n全市有120家。")
    '关于x的调研报告\\n一、基本情况\\n全市有120家。'
    """
    t = re.sub(r"\A\s*---[ \t]*\r?\n.*?\r?\n---[ \t]*\r?\n", "", text, count=1, flags=re.S)
    t = re.sub(r"(?m)^[ \t]*#{1,6}[ \t]+", "", t)
    return re.sub(r"\*\*(.+?)\*\*", r"\1", t).strip()


def _bare_title(title: str) -> str:
    return re.sub(r"[\s#*《》“”\"]", "", title)


def _report_title(text: str) -> str | None:
    """The report's own title line ("关于……的调研报告"), past YAML front matter and Markdown marks.

    >>> _report_title("---\\ntitle: x\\n---\\n\\n# 关于新就业形态劳动者权益保障情况的调研报告\\n\\n市政协调研组")
    '关于新就业形态劳动者权益保障情况的调研报告'
    """
    body = re.sub(r"\A---[ \t]*\n.*?\n---[ \t]*\n", "", text, count=1, flags=re.S)
    for line in body.splitlines()[:10]:
        t = _bare_title(line)
        if t:
            return t if re.search(r"(?:报告|调研|情况)$", t) and len(t) <= 60 else None
    return None


def check_draft(ws: Workspace, text: str, *, genre: str | None = None, title: str | None = None) -> dict[str, Any]:
    """Check one draft (generated or written by a member) against its genre's rules and the history.

    Returns ``{"passed", "genre", "title", "checks": [{"name", "passed", "message", "spans",
    "severity"}], "handlers", "similar"}``; spans are offsets into ``text``.
    """
    from topicmine import drafts

    if not (text or "").strip():
        raise InputError("稿件为空：请给出稿件的标题和正文")
    from topicmine.pipeline.sentence_vectors import drop_review

    # a .md written by split ends with its check results: checked, embedded and compared with history they
    # were the tool's own words ("✅与往年社情民意信息相近：……" became an ask); spans stay valid (a suffix goes)
    text = drop_review(text)
    d = ws.settings.drafts
    vectors = _embed_fn(ws, text)
    rep = drafts.check_draft(text, genre, title=title, similar=_similar_fn(ws, vectors=vectors),
                             departments=_departments(ws), level=_level(ws), lexicon=_lexicon(ws),
                             embed=vectors, proposal_max_chars=d.proposal_max_chars,
                             opinion_max_chars=d.opinion_max_chars)
    return rep.to_dict()


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\\/:*?\"<>|]+")


def _file_name(title: str, genre: str, fmt: str) -> str:
    # built from the title only, stripped of path separators and control characters (no header
    # injection, no directories); the client never names a file
    from topicmine.logsafe import strip_bidi

    # bidi controls too: a U+202E in the name shows the download reversed ("关于…cod.exe")
    core = strip_bidi(_UNSAFE_NAME.sub("", title)).strip(" .") or GENRE_ZH.get(genre, "草稿")
    return f"{core[:60]}.{fmt}"


def _normalise_draft(draft: dict[str, Any]) -> dict[str, Any]:
    """A draft dict from a client, in the shape the exporters read (paragraph strings become dicts)."""
    if not isinstance(draft, dict) or not str(draft.get("title") or "").strip():
        raise InputError("稿件缺少标题或正文：请提交 /api/v1/split 返回的稿件")
    import json

    try:  # JSON escapes can smuggle lone surrogates in, which no file format can hold
        json.dumps(draft, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError) as exc:
        raise InputError(f"draft is not valid UTF-8 text ({type(exc).__name__}); send the draft as returned by /api/v1/split") from None
    shape = "send a draft as returned by /api/v1/split"
    sections_in = draft.get("sections") or []
    if not isinstance(sections_in, list) or not all(isinstance(s, dict) for s in sections_in):
        raise InputError(f"draft.sections must be a list of objects {{heading, paragraphs}}; {shape}")
    for s in sections_in:
        ps = s.get("paragraphs") or []
        if not isinstance(ps, list) or not all(isinstance(p, (str, dict)) for p in ps):
            raise InputError(f"draft.sections[].paragraphs must be a list of strings or objects {{text}}; {shape}")
    checks = draft.get("checks")
    if checks is not None and (
        not isinstance(checks, list)
        or not all(isinstance(c, dict) and "passed" in c and "message" in c for c in checks)
    ):
        raise InputError(f"draft.checks must be a list of objects {{name, passed, message}} as returned by /api/v1/check; {shape}")
    genre = str(draft.get("genre") or "proposal")
    from topicmine.logsafe import strip_bidi

    def clean(value: Any) -> str:  # .docx (XML) cannot hold NUL and other C0 control characters
        return _XML_UNSAFE.sub("", str(value))

    def offset(value: Any) -> int | None:
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    sections = []
    for s in sections_in:
        paras = []
        for p in s.get("paragraphs") or []:
            if isinstance(p, str):
                paras.append({"text": clean(p), "start": None, "end": None, "kind": "body"})
            else:
                kind = p.get("kind")
                paras.append({"text": clean(p.get("text", "")), "start": offset(p.get("start")), "end": offset(p.get("end")),
                              "kind": kind if isinstance(kind, str) and kind else "body"})
        sections.append({"heading": clean(s.get("heading") or ""), "paragraphs": paras})
    return {**draft, "genre": genre, "genre_zh": clean(draft.get("genre_zh") or GENRE_ZH.get(genre, genre)),
            # the title also names the file and heads the Markdown: no bidi controls (a reversed "# 关于…" line)
            "title": strip_bidi(clean(draft["title"])).strip() or GENRE_ZH.get(genre, "草稿"), "sections": sections}


_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def export_draft(ws: Workspace, draft: dict[str, Any], fmt: str = "docx") -> tuple[bytes, str, str]:
    """A draft as a file: ``(bytes, media type, file name)``; .docx follows the GB/T 9704 style
    (``settings.drafts.docx_style`` overrides it), or Markdown, or JSON."""
    import io

    from topicmine import export

    if fmt not in EXPORT_MEDIA:
        raise InputError(f"不支持的导出格式 {fmt!r}：请用 docx、md 或 json")
    d = _normalise_draft(draft)
    name = _file_name(d["title"], d["genre"], fmt)
    if fmt == "docx":
        buf = io.BytesIO()
        export.build_docx(d, _style(ws)).save(buf)
        data = buf.getvalue()
    elif fmt == "md":
        data = export.export_markdown(d, with_checks=bool(d.get("checks"))).encode("utf-8")
    else:
        data = export.export_json(d).encode("utf-8")
    return data, EXPORT_MEDIA[fmt], name


def export_all(ws: Workspace, drafts: list[dict[str, Any]], fmt: str = "docx") -> bytes:
    """Every draft as one .zip: "01_提案_<title>.docx" … (``fmt`` docx or md), in the order given."""
    import io
    import zipfile

    if not drafts:
        raise InputError("没有可下载的稿件：请先拆分报告")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, d in enumerate(drafts, 1):
            data, _media, name = export_draft(ws, d, fmt=fmt)
            genre = GENRE_ZH.get(str(d.get("genre")), "稿件")
            z.writestr(f"{i:02d}_{genre}_{name}", data)
    return buf.getvalue()


def _lexicon(ws: Workspace) -> Any:
    """The office's lexicon (user dictionary, stop words) from the settings, built once per process."""
    from topicmine.text.lexicon import Lexicon

    return Lexicon.from_settings(ws.settings)
