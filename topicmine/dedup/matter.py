"""Same matter, not same topic: the document-level duplicate decision for proposals and similar items.

LABELS.md (jszx_proposals_2019) draws the lines the office cares about: 重复 — same matter and the asks
substantially coincide (one reply would answer both); 相近 — same object and problem, asks differ in part
or emphasis; 相关 — same policy area only. Whole-document similarity cannot see that line: every proposal
of one genre shares its background wording. This decision compares the *asks* instead:

1. each proposal is cut into asks (the items of 具体建议, :mod:`topicmine.dedup.asks`);
2. the two ask lists are aligned one to one (Hungarian assignment on ask similarity — e5 cosine of the
   asks when vectors are given, else char-bigram overlap), and the best-matching asks are scored;
3. object overlap: the titles (the 案由 names object and problem) and the ask headlines, by IDF-weighted
   char-bigram cosine;
4. broad vs narrow: how well the narrower proposal's asks are covered by the broader one's — a narrow
   proposal whose whole ask is one section of a broad one is 相近, with that section highlighted.

A small logistic combiner over these transparent features gives P(same matter); the cut-offs and the
weights come from ``calibration/matter.json``, fitted on pairs_dev by stratified cross-validation
(``scripts/calibrate_matter.py``; provenance and the folds' spread are in the JSON). 重复 additionally
needs the asks to coincide on both sides (``cover_min``) AND in content (``same_share``: half the narrower
side's asks aligned above the ask background), or copied text.

>>> a = ("关于加快建立农村互助养老服务体系的建议\\n调研情况：农村老人多。具体建议：第一，建立和完善农村互助养老服务体系。"
...      "在乡镇建立互助养老服务中心。第二，加快制定互助养老的法规政策。第三，加大政府资金扶持力度。")
>>> b = ("切实推进我省农村互助养老的几点建议\\n调研情况：互助养老是互助活动。具体建议：第一，建立和完善农村互助养老服务体系。"
...      "第二，加快制定互助养老的法规政策。第三，加大政府资金扶持力度，改造闲置用房。")
>>> j = judge_texts(a, b)
>>> j.level, j.shared_asks[0]["a_head"]
('重复', '建立和完善农村互助养老服务体系')
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.dedup.asks import ProposalAsks, proposal_asks
from topicmine.dedup.text import jaccard, ngram_set, normalize, normalized_grams

CALIBRATION = Path(__file__).resolve().parent / "calibration" / "matter.json"

#: the combiner's features, in order; every one has a Chinese label for the score breakdown
MATTER_FEATURES: tuple[str, ...] = ("ask_best", "cover_max", "cover_min", "matched", "title", "object", "doc",
                                     "title_in_asks")
MATTER_LABELS_ZH: dict[str, str] = {
    "ask_best": "最相近的一对建议",
    "cover_max": "较窄一方建议被覆盖的程度",
    "cover_min": "双方建议相互覆盖的程度",
    "matched": "一一对应的相同建议条数占比",
    "title": "案由(标题)相似度",
    "object": "对象/问题关键词重合",
    "doc": "全文相似度",
    "title_in_asks": "一方案由与另一方某条建议的相似度(宽窄)",
}
# words every 案由 carries: they say nothing about the matter
_TITLE_BOILER = re.compile(r"关于|的建议|的提案|建议|提案|几点|我省|江苏省|江苏|进一步|切实|加快|加强|推进|推动|大力|"
                           r"全面|积极|深入|关于进一步|的$")
CN_ORD = "一二三四五六七八九十"


@dataclass
class MatterDoc:
    """One side of a comparison: the text, its title, asks, and (optionally) vectors.

    ``ask_vecs`` rows follow ``asks.asks``; ``title_vec`` / ``doc_vec`` are unit vectors or None.
    """

    text: str
    title: str = ""
    asks: ProposalAsks = field(default_factory=ProposalAsks)
    doc_vec: np.ndarray | None = None
    ask_vecs: np.ndarray | None = None
    title_vec: np.ndarray | None = None
    #: the item's genre (``proposal``, ``opinion``, ``report`` …; "" = not known): the message names it
    doc_type: str = ""

    @classmethod
    def of(cls, text: str, title: str | None = None, doc_type: str | None = None, **vecs: Any) -> MatterDoc:
        t = title if title is not None else first_line(text)
        return cls(text=text, title=t, asks=proposal_asks(text), doc_type=str(getattr(doc_type, "value", doc_type) or ""),
                   **vecs)

    def ask_texts(self) -> list[str]:
        """What an ask's vector is computed from (its first 200 characters)."""
        return [ask_embed_text(a.text) for a in self.asks.asks]


def ask_embed_text(text: str) -> str:
    return " ".join(text.split())[:200]


def first_line(text: str) -> str:
    """The first non-empty line (a proposal's 案由 when the text starts with it), at most 80 characters."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:80]
    return ""


def title_core(title: str) -> str:
    """The 案由 without the words every title carries.

    >>> title_core("关于进一步加快建立农村互助养老服务体系的建议")
    '建立农村互助养老服务体系'
    """
    return _TITLE_BOILER.sub("", normalize(title))


@dataclass
class Judgement:
    """The decision for one pair: level, probability, features, the shared asks and the reason in Chinese."""

    level: str | None
    score: float
    features: dict[str, float]
    shared_asks: list[dict[str, Any]]
    narrow: str | None = None            # "a" | "b": the side whose asks are one section of the other's
    section: dict[str, Any] | None = None  # the broad side's section that holds the narrow side's ask
    reason: str = ""
    mode: str = "lexical"
    breakdown: list[dict[str, Any]] = field(default_factory=list)
    z: float | None = None      # corpus-relative document cosine (when document vectors were given)
    rank: int | None = None     # mutual neighbour rank in the corpus (0 = each is the other's nearest)
    aligned: list[float] = field(default_factory=list)  # the one-to-one aligned asks' similarities, best first

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "score": round(self.score, 4), "features": self.features,
                "shared_asks": self.shared_asks, "narrow": self.narrow, "section": self.section,
                "reason": self.reason, "mode": self.mode}


# ---- similarity of asks -----------------------------------------------------------------------------
def _bigrams(text: str) -> frozenset[str]:
    return ngram_set(normalize(text), 2)


def ask_similarity(a: MatterDoc, b: MatterDoc, background: float | None = None) -> np.ndarray:
    """(len(a.asks), len(b.asks)) similarity in [0, 1].

    With vectors: the e5 cosine mapped so that the corpus's background ask cosine (``background``,
    median over unrelated asks) is 0 and 1.0 stays 1; without: char-bigram Jaccard of the asks,
    stretched (×2, capped at 1) because two paraphrased asks rarely share more than half their bigrams.
    """
    na, nb = len(a.asks.asks), len(b.asks.asks)
    if not na or not nb:
        return np.zeros((na, nb))
    if a.ask_vecs is not None and b.ask_vecs is not None and len(a.ask_vecs) == na and len(b.ask_vecs) == nb:
        cos = np.asarray(a.ask_vecs, dtype=np.float32) @ np.asarray(b.ask_vecs, dtype=np.float32).T
        bg = DEFAULT_ASK_BACKGROUND if background is None else background
        return np.clip((cos - bg) / max(1e-6, 1.0 - bg), 0.0, 1.0).astype(float)
    ga = [_bigrams(x.text) for x in a.asks.asks]
    gb = [_bigrams(x.text) for x in b.asks.asks]
    return np.array([[min(1.0, 2.0 * jaccard(x, y)) for y in gb] for x in ga], dtype=float)


#: median e5 (query side) cosine of asks of unrelated proposals (jszx 2019 dev); calibration overrides it
DEFAULT_ASK_BACKGROUND = 0.80


def align(S: np.ndarray) -> list[tuple[int, int, float]]:
    """One-to-one alignment maximising the total similarity (Hungarian), best pairs first.

    >>> align(np.array([[0.9, 0.1], [0.8, 0.2]]))
    [(0, 0, 0.9), (1, 1, 0.2)]
    """
    if S.size == 0:
        return []
    from scipy.optimize import linear_sum_assignment

    r, c = linear_sum_assignment(-S)
    out = [(int(i), int(j), round(float(S[i, j]), 4)) for i, j in zip(r, c)]
    return sorted(out, key=lambda t: -t[2])


def _title_in_asks(a: MatterDoc, b: MatterDoc, background: float | None) -> float:
    """Broad vs narrow: how close one side's 案由 comes to one ask of the other (the better direction).

    With vectors the title and ask vectors are compared (rescaled like :func:`ask_similarity`); without,
    the share of the title core's bigrams found in the ask."""
    best = 0.0
    for x, y in ((a, b), (b, a)):
        if not y.asks.asks:
            continue
        if x.title_vec is not None and y.ask_vecs is not None and len(y.ask_vecs) == len(y.asks.asks):
            bg = DEFAULT_ASK_BACKGROUND if background is None else background
            cos = np.asarray(y.ask_vecs, dtype=np.float32) @ np.asarray(x.title_vec, dtype=np.float32)
            best = max(best, float(np.clip((cos.max() - bg) / max(1e-6, 1.0 - bg), 0.0, 1.0)))
        else:
            g = _bigrams(title_core(x.title))
            if g:
                best = max(best, max(len(g & _bigrams(ask.text)) / len(g) for ask in y.asks.asks))
    return best


def _idf_cos(a: str, b: str, idf: Mapping[str, float] | None) -> float:
    ga, gb = _bigrams(a), _bigrams(b)
    if not ga or not gb:
        return 0.0
    w = (lambda g: idf.get(g, _MAX_IDF)) if idf else (lambda g: 1.0)
    inter = sum(w(g) ** 2 for g in ga & gb)
    na = math.sqrt(sum(w(g) ** 2 for g in ga))
    nb = math.sqrt(sum(w(g) ** 2 for g in gb))
    return float(inter / (na * nb)) if na and nb else 0.0


_MAX_IDF = 6.0


def bigram_idf(texts: Sequence[str]) -> dict[str, float]:
    """IDF of char bigrams over a corpus (log(N / df) + 1, as sklearn with smoothing)."""
    df: dict[str, int] = {}
    for t in texts:
        for g in _bigrams(t):
            df[g] = df.get(g, 0) + 1
    n = len(texts)
    return {g: math.log((1 + n) / (1 + c)) + 1.0 for g, c in df.items()}


def object_text(d: MatterDoc) -> str:
    """What names the object and problem: the title's core and the asks' headlines."""
    return title_core(d.title) + " " + " ".join(a.head for a in d.asks.asks)


def features(a: MatterDoc, b: MatterDoc, *, ask_background: float | None = None,
             idf: Mapping[str, float] | None = None, doc_z: float | None = None,
             threshold: float = 0.5, use_vectors: bool = True,
             same_level: float | None = None) -> tuple[dict[str, float], np.ndarray, list[tuple[int, int, float]]]:
    """The transparent features of a pair, its ask similarity matrix and its one-to-one alignment.

    ``doc`` is the corpus-relative document cosine (z, scaled by ``/10``) when ``doc_z`` is given, the
    raw cosine of the two document vectors when vectors are given, else the char-3-gram Jaccard.
    ``threshold`` is the ask similarity at which two aligned asks count as the same ask (``matched``).
    ``use_vectors=False`` ignores every vector (the lexical mode, so its features never mix scales).
    ``same_level`` (default ``threshold``) is the ask similarity above the ask background at which two
    aligned asks say the same thing; ``same_share`` is the share of the narrower side's asks aligned at
    or above it — the content evidence the 重复 rule needs (:meth:`MatterModel.level`).
    """
    if not use_vectors:
        a = MatterDoc(a.text, a.title, a.asks)
        b = MatterDoc(b.text, b.title, b.asks)
        doc_z = None
    S = ask_similarity(a, b, ask_background)
    al = align(S)
    if S.size:
        cover_a = float(S.max(axis=1).mean())
        cover_b = float(S.max(axis=0).mean())
        best = float(S.max())
        matched = sum(1 for _, _, s in al if s >= threshold) / min(S.shape)
        lvl = threshold if same_level is None else same_level
        same_share = sum(1 for _, _, s in al if s >= lvl) / min(S.shape)
    else:
        cover_a = cover_b = best = matched = same_share = 0.0
    if a.title_vec is not None and b.title_vec is not None:
        title = float(np.dot(a.title_vec, b.title_vec))
    else:
        title = _idf_cos(title_core(a.title), title_core(b.title), idf)
    # the char-3-gram Jaccard of the two texts (each text's grams kept once: the draft meets every candidate)
    jac3 = jaccard(normalized_grams(a.text)[1], normalized_grams(b.text)[1])
    if doc_z is not None:
        doc = float(doc_z) / 10.0
    elif a.doc_vec is not None and b.doc_vec is not None:
        doc = float(np.dot(a.doc_vec, b.doc_vec))
    else:
        doc = jac3
    f_t = _title_in_asks(a, b, ask_background)
    f = {"title_in_asks": f_t, "ask_best": best, "cover_max": max(cover_a, cover_b), "cover_min": min(cover_a, cover_b),
         "matched": float(matched), "title": title, "object": _idf_cos(object_text(a), object_text(b), idf),
         "doc": doc, "cover_a": cover_a, "cover_b": cover_b, "same_share": float(same_share),
         "jac3": jac3}
    return {k: round(float(v), 4) for k, v in f.items()}, S, al


# ---- the calibrated decision ------------------------------------------------------------------------
#: used when no calibration file is shipped (a fresh checkout before scripts/calibrate_matter.py ran):
#: equal weights on the standardised features, the cut at the positive class's prior. Documented, not fitted.
FALLBACK: dict[str, Any] = {
    "features": list(MATTER_FEATURES), "mean": [0.3, 0.2, 0.15, 0.2, 0.3, 0.1, 0.2, 0.3],
    "scale": [0.2, 0.15, 0.12, 0.25, 0.2, 0.08, 0.2, 0.2], "coef": [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
    "intercept": -2.0, "thresholds": {"相近": 0.5, "相关": 0.2}, "duplicate": {"cover_min": 0.5, "jac3": 0.3},
    "ask_threshold": 0.5,
}


@dataclass
class MatterModel:
    """Logistic combiner over :data:`MATTER_FEATURES` plus the level rules, for one mode.

    ``mode`` is "semantic" (ask / title / document vectors given) or "lexical" (texts only).
    """

    mode: str
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    thresholds: dict[str, float]
    duplicate: dict[str, float]
    ask_threshold: float = 0.5
    ask_background: float | None = None
    provenance: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, mode: str, d: Mapping[str, Any]) -> MatterModel:
        return cls(mode=mode, features=tuple(d["features"]), mean=np.asarray(d["mean"], float),
                   scale=np.asarray(d["scale"], float), coef=np.asarray(d["coef"], float),
                   intercept=float(d["intercept"]), thresholds=dict(d["thresholds"]),
                   duplicate=dict(d.get("duplicate", {})), ask_threshold=float(d.get("ask_threshold", 0.5)),
                   ask_background=d.get("ask_background"), provenance=dict(d.get("provenance", {})))

    def probability(self, f: Mapping[str, float]) -> float:
        x = np.array([f[n] for n in self.features], dtype=float)
        z = float(((x - self.mean) / self.scale) @ self.coef + self.intercept)
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def contributions(self, f: Mapping[str, float]) -> list[dict[str, Any]]:
        """Each feature's value and its push on the logit (weight × standardised value)."""
        out = []
        for n, m, s, w in zip(self.features, self.mean, self.scale, self.coef):
            out.append({"feature": n, "label": MATTER_LABELS_ZH.get(n, n), "value": round(float(f[n]), 4),
                        "contribution": round(float(w * (f[n] - m) / s), 4), "in_score": True})
        # the ask evidence the levels (重复) and the reason use, shown even when not a term of the score
        for n in MATTER_FEATURES:
            if n not in self.features:
                out.append({"feature": n, "label": MATTER_LABELS_ZH.get(n, n), "value": round(float(f[n]), 4),
                            "contribution": 0.0, "in_score": False})
        return out

    def level(self, p: float, f: Mapping[str, float]) -> str | None:
        """相近 and above from the probability; 重复 when the asks coincide both ways (``cover_min``) AND their
        content coincides — at least ``same_share`` of the narrower side's asks aligned above the ask
        background (``same_level``) — or the text is copied (``jac3``).

        Coverage alone is not enough: two proposals on one object share the object's vocabulary in every
        ask (the planted 托育 A–D pair: four asks each, all about 托育设施, one different suggestion)."""
        if p >= self.thresholds["相近"]:
            dup = self.duplicate
            asks_coincide = (f.get("cover_min", 0.0) >= dup.get("cover_min", 2.0)
                             and f.get("matched", 0.0) >= dup.get("matched", 0.0)
                             and f.get("same_share", 0.0) >= dup.get("same_share", 0.0))
            if asks_coincide or f.get("jac3", 0.0) >= dup.get("jac3", 2.0):
                return "重复"
            return "相近"
        if p >= self.thresholds["相关"]:
            return "相关"
        return None


@lru_cache(maxsize=4)
def _models(path_s: str) -> dict[str, MatterModel]:
    p = Path(path_s)
    if not p.is_file():
        return {"semantic": MatterModel.from_dict("semantic", FALLBACK), "lexical": MatterModel.from_dict("lexical", FALLBACK)}
    cal = json.loads(p.read_text(encoding="utf-8"))
    return {mode: MatterModel.from_dict(mode, cal[mode]) for mode in ("semantic", "lexical") if mode in cal}


def load_matter_model(mode: str = "semantic", path: str | Path | None = None) -> MatterModel:
    """The shipped matter model for ``mode`` ("semantic" needs ask vectors; "lexical" does not)."""
    models = _models(str(path or CALIBRATION))
    return models.get(mode) or models["lexical"]


def calibration_provenance(path: str | Path | None = None) -> dict[str, Any]:
    """The calibration file's metadata (data, method, cross-validated figures) without the weights."""
    p = Path(path or CALIBRATION)
    if not p.is_file():
        return {"calibrated": False, "note": "no calibration/matter.json: built-in fallback weights"}
    cal = json.loads(p.read_text(encoding="utf-8"))
    return {k: v for k, v in cal.items() if k not in ("semantic", "lexical")}


def mode_of(a: MatterDoc, b: MatterDoc) -> str:
    """"semantic" when both sides carry ask vectors, else "lexical"."""
    ok = all(d.ask_vecs is not None and len(d.ask_vecs) == len(d.asks.asks) for d in (a, b))
    return "semantic" if ok else "lexical"


def judge(a: MatterDoc, b: MatterDoc, *, doc_z: float | None = None, idf: Mapping[str, float] | None = None,
          model: MatterModel | None = None) -> Judgement:
    """Level of one pair of whole documents (proposals, 社情民意信息, messages) by their matter and asks.

    ``doc_z`` is the pair's corpus-relative document cosine (:class:`topicmine.dedup.documents.CorpusStats`);
    ``idf`` the char-bigram IDF of the corpus (:func:`bigram_idf`). The explanation names the shared
    asks: "两件提案的第2条建议与第1条建议基本一致：…".
    """
    m = model or load_matter_model(mode_of(a, b))
    if m.mode == "semantic" and doc_z is None:
        # the semantic model was fitted with the corpus-relative cosine; without a corpus use raw cosine
        # mapped through the calibration's reference (mean / spread of unrelated proposals)
        ref = m.provenance.get("doc_reference") or {"mean": 0.9076, "std": 0.0152}
        if a.doc_vec is not None and b.doc_vec is not None:
            doc_z = (float(np.dot(a.doc_vec, b.doc_vec)) - ref["mean"]) / ref["std"]
    f, S, al = features(a, b, ask_background=m.ask_background, idf=idf, doc_z=doc_z, threshold=m.ask_threshold,
                        use_vectors=m.mode == "semantic", same_level=m.duplicate.get("same_level"))
    p = m.probability(f)
    lv = m.level(p, f)
    shared = _shared_asks(a, b, al, m.ask_threshold)
    narrow, section = _narrow_section(a, b, S, f, lv)
    j = Judgement(level=lv, score=p, features=f, shared_asks=shared, narrow=narrow, section=section, mode=m.mode,
                  breakdown=m.contributions(f), aligned=[s for _, _, s in al])
    from topicmine.dedup.wording import reason_zh  # the wording module reads this one: imported here, not at the top

    j.reason = reason_zh(j, a, b)
    return j


def judge_texts(a: str, b: str, *, title_a: str | None = None, title_b: str | None = None) -> Judgement:
    """:func:`judge` on two plain texts, lexical mode (no vectors) — for a quick look or a test."""
    return judge(MatterDoc.of(a, title_a), MatterDoc.of(b, title_b))


def _shared_asks(a: MatterDoc, b: MatterDoc, al: list[tuple[int, int, float]], thr: float) -> list[dict[str, Any]]:
    out = []
    for i, j, s in al:
        if s < thr:
            continue
        x, y = a.asks.asks[i], b.asks.asks[j]
        out.append({"a_index": i + 1, "b_index": j + 1, "similarity": s, "a_head": x.head, "b_head": y.head,
                    "a_start": x.start, "a_end": x.end, "b_start": y.start, "b_end": y.end})
    return out


def _narrow_section(a: MatterDoc, b: MatterDoc, S: np.ndarray, f: Mapping[str, float],
                    level: str | None) -> tuple[str | None, dict[str, Any] | None]:
    """Broad vs narrow: when one side has clearly fewer asks and they all land in one ask of the other,
    that ask is the broad side's section on the narrow side's matter (highlighted for the drafter)."""
    if level not in ("相近", "重复") or S.size == 0:
        return None, None
    na, nb = S.shape
    if na == nb or min(na, nb) > max(na, nb) - 2 and abs(f["cover_a"] - f["cover_b"]) < 0.15:
        return None, None
    narrow = "a" if f["cover_a"] >= f["cover_b"] else "b"
    col = S.max(axis=1) if narrow == "b" else S.max(axis=0)  # broad side's asks: best match in the narrow side
    k = int(np.argmax(col))
    broad = b if narrow == "a" else a
    ask = broad.asks.asks[k]
    return narrow, {"side": "b" if narrow == "a" else "a", "index": k + 1, "head": ask.head,
                    "start": ask.start, "end": ask.end, "similarity": round(float(col[k]), 4)}


def prepare_docs(texts: Sequence[str], titles: Sequence[str | None] | None = None, doc_vecs: np.ndarray | None = None,
                 embed_asks: Any = None, only: Sequence[int] | None = None,
                 doc_types: Sequence[str | None] | None = None) -> list[MatterDoc | None]:
    """MatterDocs for ``texts`` (only the indices in ``only`` when given; the others are None).

    ``doc_types`` (genre per text: proposal / opinion / report …) only names the items in the message.

    ``embed_asks(list[str]) -> np.ndarray`` embeds asks and titles in one batch (the pipeline passes
    a cached embedder); without it the docs carry no ask vectors and :func:`judge` runs lexically.
    """
    n = len(texts)
    todo = range(n) if only is None else sorted({int(i) for i in only})
    docs: list[MatterDoc | None] = [None] * n
    for i in todo:
        t = titles[i] if titles is not None and titles[i] else None
        docs[i] = MatterDoc.of(texts[i], t, doc_types[i] if doc_types is not None else None,
                               doc_vec=None if doc_vecs is None else np.asarray(doc_vecs[i], dtype=np.float32))
    if embed_asks is not None:
        batch: list[str] = []
        for i in todo:
            d = docs[i]
            batch.extend(d.ask_texts())
            batch.append(title_core(d.title) or d.title or first_line(d.text))
        if batch:
            V = np.asarray(embed_asks(batch), dtype=np.float32)
            pos = 0
            for i in todo:
                d = docs[i]
                k = len(d.asks.asks)
                d.ask_vecs = V[pos:pos + k]
                d.title_vec = V[pos + k]
                pos += k + 1
    return docs


def judge_pairs(docs: Sequence[MatterDoc | None], pairs: Sequence[tuple[int, int]], *,
                vectors: np.ndarray | None = None, groups: Sequence | None = None,
                doc_cfg: Mapping[str, Any] | None = None, idf: Mapping[str, float] | None = None,
                model: MatterModel | None = None, background_vectors: np.ndarray | None = None,
                stats: Any = None) -> list[Judgement]:
    """:func:`judge` for pairs ``(i, j)`` of one corpus: the document cosine is taken relative to the
    corpus (each side's usual cosine to the rest, :class:`~topicmine.dedup.documents.CorpusStats`) — or
    to ``background_vectors`` (a reference corpus of the same genre) when given — and ``idf``
    (optional, :func:`bigram_idf`) weights the object overlap; the shipped callers leave it None.

    ``stats``: a :class:`~topicmine.dedup.documents.CorpusStats` already built over the same ``vectors``,
    ``groups``, ``doc_cfg`` and background (a worker judging many chunks of one corpus builds it once;
    the statistics cost a pass over the whole corpus)."""
    from topicmine.dedup.documents import CorpusStats

    if not pairs:
        return []
    ii = np.array([p[0] for p in pairs], dtype=int)
    jj = np.array([p[1] for p in pairs], dtype=int)
    zs = ranks = None
    if vectors is not None:
        v = np.asarray(vectors, dtype=np.float32)
        if stats is None:
            stats = CorpusStats(v, groups, doc_cfg, reference=background_vectors)
        cos = np.einsum("ij,ij->i", v[ii], v[jj])
        zs, ranks = stats.z(ii, jj, cos), stats.rank(ii, jj, cos)
    # no corpus IDF by default: ``check`` sees only a draft and its candidates, and the same pair must get
    # the same features whichever caller judges it
    out = []
    for n, (i, j) in enumerate(zip(ii, jj)):
        j_ = judge(docs[i], docs[j], doc_z=None if zs is None else float(zs[n]), idf=idf, model=model)
        if zs is not None:
            j_.z, j_.rank = round(float(zs[n]), 3), int(ranks[n])
        out.append(j_)
    return out


def decide_documents(texts: Sequence[str], pairs: Sequence[tuple[int, int]], *, vectors: np.ndarray | None = None,
                     titles: Sequence[str | None] | None = None, groups: Sequence | None = None,
                     doc_cfg: Mapping[str, Any] | None = None, embed_asks: Any = None,
                     model: MatterModel | None = None, background_vectors: np.ndarray | None = None,
                     stats: Any = None, docs: list[MatterDoc | None] | None = None,
                     doc_types: Sequence[str | None] | None = None) -> list[Judgement]:
    """THE document-level duplicate decision: every caller (``dedup``, ``check``, the drafting history
    check, the service's /similar, the refresh's morning report) reaches it through
    :func:`topicmine.dedup.find_pairs` or :func:`topicmine.dedup.check`.

    Semantic mode needs document ``vectors`` and ``embed_asks``; otherwise the lexical mode decides.
    ``background_vectors``: document vectors of a reference corpus of the same genre for the
    corpus-relative cosine (default: the corpus itself — right for a year's proposals, wrong for a batch
    of messages dominated by one hot issue).

    A worker judging one corpus chunk by chunk (the Ray actors) passes ``stats`` (the corpus statistics,
    built once) and ``docs`` (a list of len(texts), prepared documents kept between chunks; the missing
    ones are prepared here and stored into it), so neither is rebuilt per chunk; the judgements are the
    same as one call over all pairs.
    """
    if not pairs:
        return []
    involved = sorted({int(i) for p in pairs for i in p})
    semantic = vectors is not None and embed_asks is not None
    if docs is None:
        docs = prepare_docs(texts, titles, vectors, embed_asks if semantic else None, only=involved, doc_types=doc_types)
    else:
        missing = [i for i in involved if docs[i] is None]
        if missing:
            fresh = prepare_docs(texts, titles, vectors, embed_asks if semantic else None, only=missing,
                                 doc_types=doc_types)
            for i in missing:
                docs[i] = fresh[i]
    return judge_pairs(docs, pairs, vectors=vectors, groups=groups, doc_cfg=doc_cfg, model=model,
                       background_vectors=background_vectors, stats=stats)


def matter_fields(j: Judgement) -> dict[str, Any]:
    """The fields a pair dict carries from its matter judgement (dedup.json, /similar, the morning report)."""
    out = {"matter": j.features, "shared_asks": j.shared_asks, "narrow": j.narrow, "section": j.section,
           "reason": j.reason, "mode": j.mode, "breakdown": j.breakdown}
    if j.z is not None:
        out["z"], out["rank"] = j.z, j.rank
    return out


def merge_breakdown(matter: list[dict[str, Any]], pair: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The matter decision's breakdown, then the pair evidence (语义相似度, 三字片段重合, 建议/情况部分相似度)
    as context: not terms of the matter score (contribution 0), still what a reader checks first."""
    names = {b["feature"] for b in matter}
    extra = [{**b, "contribution": 0.0, "in_score": False} for b in (pair or []) if b["feature"] not in names]
    return list(matter) + extra
