"""Refreshing the links in a workspace: replies → items, later passages → asks. Only new documents.

A document is "new" for a role until it is recorded in ``uptake_scanned``: a new reply is matched against
all items, a new item against all replies and all later documents, a new later document (政府工作报告,
党委文件, another reply) against all earlier items. Unchanged documents are never scored twice.

    >>> from topicmine.pipeline import Workspace                       # doctest: +SKIP
    >>> refresh_links(Workspace.from_settings(workdir="var"))          # doctest: +SKIP
    {'replies_linked': 3, 'uptake_links': 5, 'new_items': 9, 'new_later': 4, ...}
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from topicmine.uptake.linking import in_row_reply, item_ref, match_reply
from topicmine.uptake.replies import read_reply
from topicmine.uptake.store import Link, mark_scanned, prune_links, put_links, scanned

logger = logging.getLogger("topicmine.uptake")

ITEM_TYPES = ("proposal", "motion", "opinion")
LATER_TYPES = ("gov_report", "party_doc", "reply")
#: candidates scored per item and later document (the lexical prefilter keeps the best ones)
TOP_K = 4


def doc_date(doc: Any) -> str:
    """The document's date: its own, else the file's creation date from metadata, else its year ("" if none)."""
    m = doc.meta or {}
    d = doc.date or m.get("date") or m.get("created")
    return str(d)[:10] if d else (f"{doc.year}" if doc.year else "")


_date = doc_date


def _lag(a: str | None, b: str | None) -> int | None:
    from topicmine.uptake.deadlines import parse_when

    da = parse_when((a or "") + ("-01-01" if a and len(a) == 4 else ("-01" if a and len(a) == 7 else "")))
    db = parse_when((b or "") + ("-01-01" if b and len(b) == 4 else ("-01" if b and len(b) == 7 else "")))
    return (db - da).days if da and db else None


def _reply_link(item: Any, reply_id: str, reply_text: str, reply_date: str | None, method: str,
                evidence: dict[str, Any], message: str) -> Link:
    r = read_reply(reply_text, message, reply_time=reply_date, item_time=doc_date(item))
    ev = {**evidence, "outcome": r.outcome, "responsive": r.responsive, "reasons": r.reasons,
          "deadline": r.deadline.as_dict() if r.deadline else None, "unit": r.unit, "reply_date": reply_date}
    return Link(item.id, reply_id, "reply", r.outcome, method=method, evidence=ev,
                lag_days=r.days if r.days is not None else _lag(doc_date(item), reply_date))


def refresh_links(ws: Any, *, show_progress: bool | None = None) -> dict[str, Any]:
    """Match new documents; returns counts. Needs the embedder only when there are uptake pairs to score."""
    store = ws.store
    pruned = prune_links(store)
    items = list(store.iter_documents(ITEM_TYPES))
    # citizen messages with their reply in the same row are items too, whatever their doc_type
    row_items = [d for d in store.iter_documents() if d.doc_type.value not in ITEM_TYPES and in_row_reply(d)]
    items += row_items
    replies = list(store.iter_documents(["reply"]))
    later = [d for d in store.iter_documents(LATER_TYPES)]
    seen_item, seen_reply, seen_later = scanned(store, "item"), scanned(store, "reply"), scanned(store, "later")
    new_items = [d for d in items if d.id not in seen_item]
    new_replies = [d for d in replies if d.id not in seen_reply]
    new_later = [d for d in later if d.id not in seen_later]

    out: list[Link] = []
    refs = {d.id: item_ref(d) for d in items}
    by_id = {d.id: d for d in items}
    # replies: new replies against all items, all replies against new items
    new_item_refs = [refs[d.id] for d in new_items]
    new_item_ids0 = {d.id for d in new_items}
    row_replied: set[str] = set()
    for rep in replies:
        # a reply made from the message's own row (ingest/rowreply): linked by the shared row, nothing else
        parent = (rep.meta or {}).get("reply_to_doc")
        if parent:
            row_replied.add(parent)
            it = by_id.get(parent)
            if it is not None and (rep.id not in seen_reply or parent in new_item_ids0):
                out.append(_reply_link(it, rep.id, rep.text, (rep.meta or {}).get("reply_time") or doc_date(rep), "row",
                                       {"link": "shared row", "column": "答复意见"}, it.title + it.text))
            continue
        targets = [refs[i] for i in refs] if rep.id not in seen_reply else new_item_refs
        for ref, method, ev in match_reply(rep, targets):
            it = by_id[ref.doc_id]
            out.append(_reply_link(it, rep.id, rep.text, doc_date(rep), method, ev, it.title + it.text))
    for it in new_items:
        row = in_row_reply(it)
        if row and it.id not in row_replied:  # a store ingested before replies became documents
            text, when = row
            out.append(_reply_link(it, it.id + "#答复", text, when, "row", {"column": "答复意见", "text": text[:2000]},
                                   it.title + it.text))
    n_reply = len(out)
    # an item's own reply restates its asks: it is the reply link, not evidence of uptake elsewhere
    from topicmine.uptake.store import links as stored_links

    own = {(r.src_doc, r.dst_doc) for r in out} | {(r["src_doc"], r["dst_doc"]) for r in stored_links(store, kind="reply")}

    # uptake: (item, later document) pairs where either side is new and the later one is later
    pairs = []
    new_later_ids = {d.id for d in new_later}
    new_item_ids = {d.id for d in new_items}
    for it in items:
        if it.id in {d.id for d in row_items}:
            continue  # a citizen message has no suggestion part to take up
        for doc in later:
            if it.id not in new_item_ids and doc.id not in new_later_ids:
                continue
            if not _date(it) or not _date(doc) or _date(doc) <= _date(it):
                continue
            if (it.id, doc.id) in own:
                continue
            pairs.append((it, doc))
    if pairs:
        out += score_pairs(ws, pairs, show_progress=show_progress)
    put_links(store, out)
    mark_scanned(store, [d.id for d in new_items], "item")
    mark_scanned(store, [d.id for d in new_replies], "reply")
    mark_scanned(store, [d.id for d in new_later], "later")
    return {"pruned": pruned, "new_items": len(new_items), "new_replies": len(new_replies), "new_later": len(new_later),
            "reply_links": n_reply, "uptake_links": len(out) - n_reply, "pairs_scored": len(pairs)}


def score_pairs(ws: Any, pairs: Sequence[tuple[Any, Any]], *, show_progress: bool | None = None) -> list[Link]:
    """采纳/呼应 links for (item, later document) pairs: lexical prefilter, then e5 + alignment features."""
    import numpy as np

    from topicmine.uptake.alignment import Lexicon, align_lexical, cosine_features, sentences
    from topicmine.uptake.asks import extract_asks, suggestion_part
    from topicmine.uptake.pair_scorer import pair_matrix
    from topicmine.uptake.scorer import UptakeScorer, describe, feature_vector

    scorer = UptakeScorer.load()
    pair_scorer = _pair_scorer()
    store = ws.store
    asks = {}
    passages: dict[str, list[Any]] = {}
    for it, doc in pairs:
        if it.id not in asks:
            asks[it.id] = extract_asks(it.text)
        if doc.id not in passages:
            passages[doc.id] = [p for p in store.document_passages(doc.id) if len(p.text) >= 20]
    lex = Lexicon.fit([p.text for ps in passages.values() for p in ps] + [s for A in asks.values() for a in A for s in a.sentences])
    cands = []
    for it, doc in pairs:
        A = asks[it.id]
        asents = [s for a in A for s in a.sentences] + [it.title]
        scored = [(align_lexical(asents, p.text, lex), p) for p in passages[doc.id]]
        scored = [t for t in scored if t[0]["shared_n"] >= 2]
        scored.sort(key=lambda t: -t[0]["shared_idf"])
        cands += [(it, doc, lx, p) for lx, p in scored[:TOP_K]]
    if not cands:
        return []
    emb = ws.embedder
    q_texts, p_texts = set(), set()
    for it, _doc, _lx, p in cands:
        _, part = suggestion_part(it.text)
        q_texts.update([it.title + "。" + part[:700], *[a.headline for a in asks[it.id]], *[s for a in asks[it.id] for s in a.sentences]])
        p_texts.update([p.text, *(sentences(p.text) or [p.text])])
    uq, up = sorted(q_texts), sorted(p_texts)
    qv = dict(zip(uq, emb.encode(uq, kind="query", show_progress=show_progress)))
    pv = dict(zip(up, emb.encode(up, kind="passage", show_progress=show_progress)))
    out: list[Link] = []
    for it, doc, lx, p in cands:
        A = asks[it.id]
        _, part = suggestion_part(it.text)
        heads = [a.headline for a in A] or [it.title]
        asents = [s for a in A for s in a.sentences] or [it.title]
        psents = sentences(p.text) or [p.text]
        sv = np.stack([qv[t] for t in asents if t in qv] or [qv[it.title + "。" + part[:700]]])
        psv = np.stack([pv[t] for t in psents])
        f = cosine_features(qv[it.title + "。" + part[:700]], np.stack([qv[t] for t in heads if t in qv] or [qv[it.title + "。" + part[:700]]]),
                            sv, pv[p.text], psv)
        f.update({k: lx[k] for k in ("shared_idf", "shared_n", "lcs", "commit", "generic")})
        level, pa, pe = scorer.level(f)
        method = "align+e5+lr"
        if pair_scorer is not None and len(sv) == len(asents):
            # the learned sentence-pair scorer decides 采纳; the passage LR keeps 呼应. The alignment shown stays the
            # lexical one: within a passage the pair weights are small (see docs/figures/uptake3.md), so their
            # argmax is a weaker explanation than the pair sharing the rarest words
            score, _best = pair_scorer.passage(pair_matrix(asents, sv, psents, psv, lex, feature_vector(f)))
            pa, method = pair_scorer.probability(score), "pairs+e5+lr"
            level = "采纳" if score >= pair_scorer.t_adopt else ("呼应" if pe >= scorer.t_echo else "无")
        if level == "无":
            continue
        ask = next((a for a in A if lx["ask_sentence"] in a.sentences), None)
        title = doc.title or doc.doc_type.label_zh
        ev = {"ask": lx["ask_sentence"], "passage_sentence": lx["passage_sentence"], "shared": lx["shared"],
              "features": {k: round(float(v), 4) for k, v in f.items()}, "p_adopt": round(pa, 4), "p_echo": round(pe, 4),
              "dst_title": title, "dst_type": doc.doc_type.value, "dst_date": doc_date(doc),
              "statement": describe(level, title, lx["ask_sentence"].rstrip("。；;"), lx["passage_sentence"].rstrip("。；;"))}
        ps = p.start + max(0, lx["p_start"]) if lx["p_start"] >= 0 else p.start
        pe_ = p.start + lx["p_end"] if lx["p_end"] >= 0 else p.end
        out.append(Link(it.id, doc.id, "uptake", level, ask_index=ask.index if ask else -1,
                        ask_start=ask.start if ask else None, ask_end=ask.end if ask else None, dst_start=ps, dst_end=pe_,
                        score=round(pa, 4), method=method, evidence=ev, lag_days=_lag(doc_date(it), doc_date(doc))))
    return out


def _pair_scorer() -> Any:
    """The shipped sentence-pair 采纳 scorer, or None (then the passage LR decides 采纳, as before) when its
    weights file is absent or was trained for other features."""
    from topicmine.errors import ModelError
    from topicmine.uptake.pair_scorer import PairScorer

    try:
        return PairScorer.load()
    except ModelError as e:
        logger.warning("%s — 采纳由段落级模型判断", e)
        return None


def _clean(s: str) -> str:
    return re.sub(r"\s+", "", s or "")
