"""The whole topics stage on arrays: boilerplate → clustering → labels → evidence → ranking → stable ids.

Two levels: **areas** (政策领域, the graph clustering at the default resolution) and inside each area the
**matters** (议题: the area's passages re-clustered on their own kNN graph, so a finer resolution splits an area
into its matters without mixing areas). Both levels get labels with a title, evidence, share-based ranks and
stable ids of their own. Passages that are report furniture (名词解释, chapter lead-ins, targets, "清醒认识到…",
headline figures; :mod:`topicmine.topics.nonmatter`) are flagged and kept out; topics fed by one document are
flagged ``one_document`` and not ranked. At the 议题 level a topic whose passages share no object of their own
(:mod:`topicmine.topics.specificity`) is flagged ``broad`` (the area level shows it), one told mostly in the
reports' 回顾 (metadata ``part == "review"``) is flagged ``review`` (成绩), and the rest are ranked with their
specificity.

``pipeline.py`` reads passages, token lists, metadata and vectors from the store and calls
``discover_topics``; a notebook can call it with anything of the same shape.

>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> V = np.vstack([c + 0.2 * rng.normal(size=(20, 16)) for c in rng.normal(size=(2, 16))])
>>> texts = ["推进养老服务体系建设"] * 20 + ["优化营商环境，支持民营企业"] * 20
>>> toks = [["养老服务", "体系"]] * 20 + [["营商环境", "民营企业"]] * 20
>>> meta = [{"passage_id": f"p{i}", "doc_id": f"d{i // 20}", "doc_type": "proposal", "year": 2025} for i in range(40)]
>>> res = discover_topics(V, texts, toks, meta, model_id="demo")
>>> sorted(term for lab in res.labels.values() for term in lab.terms)
['养老服务', '民营企业', '营商环境']
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.topics.boilerplate import boilerplate_reasons, formula_share, is_framing_label
from topicmine.topics.cluster import TopicModel
from topicmine.topics.evidence import TopicEvidence, topic_evidence
from topicmine.topics.labels import TopicLabel, label_topics
from topicmine.topics.nonmatter import nonmatter_reasons
from topicmine.topics.rank import RankedTopic, rank_topics
from topicmine.topics.shares import ShareTable, share_table
from topicmine.topics.specificity import Specificity, topic_specificity
from topicmine.topics.stable import TopicRun, match_topics
from topicmine.topics.titles import is_place, make_titles, title_still_fits

#: label of a passage flagged as boilerplate (kept, never clustered)
BOILERPLATE = -2


@dataclass
class TopicLevel:
    """One level of topics (``"area"`` or ``"matter"``); ids are stable ids of that level."""

    name: str
    assignments: np.ndarray  # stable id per passage, -1 unassigned, -2 set aside
    labels: dict[int, TopicLabel]
    evidence: list[TopicEvidence]
    ranked: list[RankedTopic]
    run: TopicRun
    centroids: np.ndarray  # rows in the order of `topic_ids`
    topic_ids: list[int]
    shares: ShareTable | None = None
    flags: dict[int, str] = field(default_factory=dict)  # topic → "one_document" / "broad" / "review"
    parent: dict[int, int] = field(default_factory=dict)  # matter → area (matter level only)
    #: matter level: how concrete each topic is and the object its passages share (topics.specificity)
    specificity: dict[int, Specificity] = field(default_factory=dict)
    #: the rows' own texts when the rows are not the passages (matter_unit "clause": one row per clause)
    texts: list[str] = field(default_factory=list)
    #: matter level: terms a year's passages are full of, and whether a 议题 covers them (topics.salient)
    salient: list[Any] = field(default_factory=list)
    #: the region holding most documents over the years (topics.home); 议题 only other regions feed rank after
    home: str | None = None
    #: 议题 covering a salient term (ranked with full mass, topics.rank)
    heavy: list[int] = field(default_factory=list)
    #: 议题 of a programme said across areas (topics.programme; ranked with their 篇幅 not gated by cohesion)
    programmes: list[int] = field(default_factory=list)
    #: a 议题 that is a part of a programme's 议题 → that programme (topics.parts: listed under it, not beside it)
    part_of: dict[int, int] = field(default_factory=dict)
    #: 议题 whose anchor or title the home region's texts say (never 外地动向, topics.home.home_says)
    home_said: list[int] = field(default_factory=list)


@dataclass
class TopicResult:
    """Everything one topics run produced; ``assignments`` uses stable ids (-1 unassigned, -2 套话).

    The top-level fields are the **area** level (as before two levels existed); ``matters`` is the finer
    level and ``level(detail)`` returns either.
    """

    assignments: np.ndarray
    labels: dict[int, TopicLabel]
    evidence: list[TopicEvidence]
    ranked: list[RankedTopic]
    run: TopicRun
    model: TopicModel
    boilerplate: list[str | None]
    centroids: np.ndarray  # rows in the order of `topic_ids`
    topic_ids: list[int]
    timings: dict[str, float] = field(default_factory=dict)
    matters: TopicLevel | None = None
    areas: TopicLevel | None = None
    checks: dict[str, Any] = field(default_factory=dict)  # input checks the pipeline ran (topics.sanity)

    def level(self, detail: str = "matter") -> TopicLevel:
        """``"matter"`` (议题; falls back to areas when no finer level was fitted) or ``"area"``."""
        if detail not in ("matter", "area"):
            raise ValueError(f"detail must be 'matter' or 'area', not {detail!r}")
        if detail == "matter" and self.matters is not None:
            return self.matters
        assert self.areas is not None
        return self.areas


def _get(settings: Any, name: str, default: Any) -> Any:
    if settings is None:
        return default
    if isinstance(settings, dict):
        return settings.get(name, default)
    return getattr(settings, name, default)


def _set_aside_as_framing(clusters: np.ndarray, reasons: list[str | None], topic: int) -> None:
    """Move every passage of ``topic`` out of the topics (-2) with reason ``framing`` (in place)."""
    idx = np.flatnonzero(clusters == topic)
    clusters[idx] = BOILERPLATE
    for i in idx:
        reasons[i] = "framing"


def _centroids(Vn: np.ndarray, clusters: np.ndarray, k: int) -> np.ndarray:
    C = np.zeros((k, Vn.shape[1]), dtype=np.float64)
    ok = clusters >= 0
    np.add.at(C, clusters[ok], Vn[ok])
    return (C / np.maximum(np.linalg.norm(C, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def _fine_clusters(V: np.ndarray, areas: np.ndarray, n_areas: int, *, resolution: float, min_size: int, seed: int,
                   show_progress: bool | None, previous: dict[str, Any] | None = None,
                   pids: Sequence[str] | None = None, max_change: float = 0.1, backend: str = "auto",
                   ) -> tuple[np.ndarray, dict[int, int], dict[int, tuple[int, int]], list[int]]:
    """Re-cluster each area's passages on their own kNN graph; returns matter cluster per passage (-1/-2 kept),
    matter → area, per matter the change since it was partitioned ([added, removed]), and the areas carried. An area too small
    to split is one matter. With ``previous`` (:func:`topics.carry.previous_partition`) an area that barely
    changed keeps its previous 议题 (:func:`topics.carry.carry_plan`) instead of a fresh, fragile split."""
    from topicmine.topics.carry import carry_plan

    fine = np.where(areas < 0, areas, -1).astype(np.int64)
    parent: dict[int, int] = {}
    since: dict[int, tuple[int, int]] = {}
    carried: list[int] = []
    Vn = V / np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
    alive = {pids[i] for i in np.flatnonzero(areas >= 0)} if pids is not None else set()
    nxt = 0
    for a in range(n_areas):
        idx = np.flatnonzero(areas == a)
        if len(idx) == 0:
            continue
        plan = carry_plan(Vn, idx, pids, previous, min_topic_size=min_size, max_change=max_change,
                          alive=alive) if pids is not None else None
        sub = np.zeros(len(idx), dtype=np.int64)
        if plan is not None:
            sub = plan.labels
            carried.append(a)
        elif len(idx) >= 3 * min_size:
            m = TopicModel(min_topic_size=min_size, resolution=resolution, seed=seed, assign_all=True,
                           show_progress=show_progress, leiden_backend=backend).fit(V[idx])
            sub = m.labels_
        for s in np.unique(sub):
            fine[idx[sub == s]] = nxt
            parent[nxt] = a
            since[nxt] = plan.since_fit[int(s)] if plan is not None else (0, 0)
            nxt += 1
    return fine, parent, since, carried


def _same_split(run: TopicRun | None, resolution: float, settings: Any) -> bool:
    """Whether ``run``'s 议题 were split the way this fit would split them (resolution, minimum size, seed)."""
    p = getattr(run, "params", None) or {}
    return (run is not None and p.get("resolution") == resolution
            and p.get("min_topic_size", 5) == int(_get(settings, "min_topic_size", 5))
            and p.get("seed", 42) == int(_get(settings, "seed", 42)))


def _build_level(
    name: str,
    clusters: np.ndarray,
    n_clusters: int,
    Vn: np.ndarray,
    texts: Sequence[str],
    token_lists: Sequence[Sequence[str]],
    metadata: Sequence[dict[str, Any]],
    reasons: list[str | None],
    *,
    settings: Any,
    stopwords: Iterable[str] | None,
    previous_run: TopicRun | None,
    model_id: str,
    params: dict[str, Any],
    formulaic_path: str | Path | None,
    framing_share: float,
    words: Any,
    lexicon: Iterable[str],
    exclude_docs: Iterable[str],
    one_doc_share: float,
    review_share: float = 0.6,
    cluster_parent: dict[int, int] | None = None,
    area_ids: dict[int, int] | None = None,
) -> TopicLevel:
    """Labels, stable ids, evidence, shares and ranks of one level (``clusters`` in place: framing → -2)."""
    # a topic made mostly of framing sentences (总体要求, 清醒地看到 …) is about the report, not a matter
    for c, s in formula_share(texts, clusters, patterns_path=formulaic_path).items():
        if s >= framing_share:
            _set_aside_as_framing(clusters, reasons, c)
    cents = _centroids(Vn, clusters, n_clusters)
    reps: dict[int, list[int]] = {}
    central: dict[int, list[int]] = {}
    for c in range(n_clusters):
        idx = np.flatnonzero(clusters == c)
        if len(idx):
            order = idx[np.argsort(-(Vn[idx] @ cents[c]), kind="stable")]
            reps[c] = order[:5].tolist()
            central[c] = order[:80].tolist()
    labels_by_cluster = label_topics(
        clusters, token_lists, n_terms=int(_get(settings, "n_label_terms", 5)), stopwords=stopwords,
        texts=texts, representatives=reps,
    )
    # a topic labelled only by situation words (困难·机遇·面临) is the report's own 形势分析: set aside too
    for c, lab in list(labels_by_cluster.items()):
        if is_framing_label(lab.terms):
            _set_aside_as_framing(clusters, reasons, c)
            del labels_by_cluster[c]
    # place names are evidence, not label terms (沈阳·大连 say where, not what)
    for lab in labels_by_cluster.values():
        kept = [t for t in lab.terms if not is_place(t)]
        if kept:
            lab.weights = [w for t, w in zip(lab.terms, lab.weights) if not is_place(t)]
            lab.terms = kept
    # a 议题's passages share an object of their own; a broad chapter's do not (ranked lower, flagged "broad")
    spec_c = topic_specificity(clusters, token_lists, stopwords=stopwords or ()) if name == "matter" else {}
    # areas are fields, named by their terms; titles name the matters inside them
    if words is not None and name == "matter":
        doc_of = [str(m.get("doc_id", i)) for i, m in enumerate(metadata)]
        titles = make_titles({c: [texts[i] for i in ix] for c, ix in central.items() if c in labels_by_cluster},
                             {c: [doc_of[i] for i in ix] for c, ix in central.items()}, words,
                             stopwords=stopwords or (), lexicon=lexicon,
                             # only an object most of its passages name (a side word would mislead the title)
                             anchors={c: sp.anchor for c, sp in spec_c.items() if sp.anchor and sp.coverage >= 0.3})
        for c, t in titles.items():
            labels_by_cluster[c].title = t
        for c, lab in labels_by_cluster.items():  # never untitled: the shared object, else the first term
            if not lab.title and (getattr(spec_c.get(c), "anchor", "") or lab.terms):
                lab.title = getattr(spec_c.get(c), "anchor", "") or lab.terms[0]
    live = sorted(labels_by_cluster)
    # a clause row (matter_unit "clause") is a member by its own id; its passage_id stays the passage's
    pids = [m.get("unit_id", m.get("passage_id", i)) for i, m in enumerate(metadata)]
    run = TopicRun.from_fit(clusters, pids, cents, topic_labels=labels_by_cluster, model_id=model_id, params=params)
    run = match_topics(previous_run, run)
    id_of = run.id_of_cluster()
    stable = np.array([id_of.get(int(c), int(c)) if c >= 0 else int(c) for c in clusters], dtype=np.int64)
    by_id = run.by_id()
    labels: dict[int, TopicLabel] = {}
    for c, lab in labels_by_cluster.items():
        sid = id_of.get(c, c)
        rt = by_id.get(sid)
        # persisting topics keep their previous label (a stable name) while it still fits: a previous label none
        # of whose terms is among this fit's is about other passages now ("一般公共预算收入" over 中医药), so the
        # topic takes this fit's label
        keep = bool(rt and rt.terms and set(rt.terms) & set(lab.terms))
        terms = rt.terms if keep else lab.terms
        phrase = rt.phrase if keep and rt.phrase else lab.phrase
        title = getattr(rt, "title", "") if keep and getattr(rt, "title", "") else lab.title
        if keep and words is not None and title and title != lab.title and lab.title \
                and not title_still_fits(title, [texts[i] for i in central.get(c, [])], words):
            # the previous title is one the rules no longer offer ("一码" cut from “一码游贵州”): this fit's title
            title = lab.title
            rt.title = title
        if rt is not None and not keep:
            rt.terms, rt.phrase = list(lab.terms), lab.phrase
            if hasattr(rt, "title"):
                rt.title = lab.title
        labels[sid] = TopicLabel(sid, list(terms), lab.weights, phrase, title)
    parent: dict[int, int] = {}
    if cluster_parent is not None and area_ids is not None:
        for c in live:
            a = area_ids.get(cluster_parent.get(c, -1))
            if c in id_of and a is not None:
                parent[id_of[c]] = a
                by_id[id_of[c]].parent = a
    topic_ids = [id_of[c] for c in range(n_clusters) if c in id_of]
    C = np.stack([cents[c] for c in range(n_clusters) if c in id_of]) if topic_ids else \
        np.zeros((0, Vn.shape[1]), dtype=np.float32)
    full = np.zeros((max(topic_ids, default=-1) + 1, Vn.shape[1]), dtype=np.float32)
    for sid, row in zip(topic_ids, C):
        full[sid] = row
    ev = topic_evidence(stable, metadata, vectors=Vn, centroids=full, texts=texts)
    docs = [str(m.get("doc_id", i)) for i, m in enumerate(metadata)]
    dmeta: dict[str, dict[str, Any]] = {}
    for d, m in zip(docs, metadata):
        dmeta.setdefault(d, m)
    tab = share_table(stable, docs, {d: m.get("year") for d, m in dmeta.items()},
                      regions={d: m.get("region") for d, m in dmeta.items()},
                      doc_types={d: getattr(m.get("doc_type"), "value", m.get("doc_type")) for d, m in dmeta.items()},
                      topics=topic_ids, exclude=exclude_docs)
    flags: dict[int, str] = {}
    if len(tab.docs) > 1:
        for t in topic_ids:
            if tab.top_document_share(t) >= one_doc_share:
                flags[t] = "one_document"
    spec = {id_of[c]: sp for c, sp in spec_c.items() if c in id_of}
    for sid, sp in spec.items():
        sp.topic = sid
    min_spec = float(_get(settings, "matter_min_specificity", 0.25))
    for t in topic_ids:
        # a 议题 whose passages share no object of their own is a chapter: the area level shows it
        if t in spec and t not in flags and spec[t].score < min_spec:
            flags[t] = "broad"
    if name == "matter":  # 回顾, no measure, stock lines, slogans (topics.matterflags)
        from topicmine.topics.matterflags import flag_matters

        flag_matters(flags, stable, texts, metadata, topic_ids, review_share=review_share,
                     clause_rows=params.get("unit") == "clause", token_lists=token_lists, words=words)
    weights = {k: v for k, v in settings.items() if k.startswith("weight_")} if isinstance(settings, dict) else settings
    # a 议题 of the corpus is raised in three documents at least (one or two reports' wording is not)
    # the region whose 议题 the office ranks (topics.home): other regions' reports beside it do not lead the list
    from topicmine.topics.home import home_region, home_says

    home = home_region(metadata)
    said: set[int] = set()
    if home:
        # a 议题 is 外地动向 only when the home region's texts never say its anchor or title (its words may sit in
        # another 议题's clause: "培育壮大低空经济" in 甘肃's 2026 report)
        said = home_says(texts, metadata, home, {
            t: [getattr(spec.get(t), "anchor", "") if spec else "", getattr(labels.get(t), "title", "") or ""]
            for t in topic_ids})
    ranked = rank_topics(ev, weights, labels=labels, shares=tab, exclude=flags, specificity=spec or None,
                         min_docs=3 if name == "matter" else 1, home=home, home_said=said)
    level = TopicLevel(name, stable, labels, ev, ranked, run, C, topic_ids, tab, flags, parent, spec)
    level.home = home
    level.home_said = sorted(said)
    return level


def _clause_level(V: np.ndarray, Vn: np.ndarray, texts: Sequence[str], metadata: Sequence[dict[str, Any]],
                  area: TopicLevel, clusters: np.ndarray, reasons: list[str | None], *, settings: Any,
                  token_lists: Sequence[Sequence[str]] = (),
                  previous_matters: TopicRun | None, common: dict[str, Any]) -> TopicLevel:
    """议题 as recurring specific clauses inside each area (:mod:`topicmine.topics.clauses`): the level's rows
    are the clauses of the passages in an area (a clause row keeps its passage's metadata and vector, and has
    ``unit_id`` "passage#k"); shares are a 议题's clauses over a document's clauses."""
    from topicmine.topics.clauses import anchor_matters, clause_term_lists, split_clauses_heads

    words = common["words"]
    stop = frozenset(common.get("stopwords") or ())
    rows: list[int] = []
    ctexts: list[str] = []
    cmeta: list[dict[str, Any]] = []
    heads: list[bool] = []
    for i, (txt, a) in enumerate(zip(texts, area.assignments)):
        if a < 0:
            continue
        pid = metadata[i].get("passage_id", i)
        for k, (c, head) in enumerate(split_clauses_heads(txt)):
            rows.append(i)
            ctexts.append(c)
            cmeta.append({**metadata[i], "unit_id": f"{pid}#{k}"})
            heads.append(head)
    cterms = clause_term_lists(ctexts, words, stop)
    # a heading names its chapter (the area): counted in the document's clauses, never a 议题's
    carea = [-1 if h else int(area.assignments[i]) for i, h in zip(rows, heads)]
    cdoc = [str(m.get("doc_id")) for m in cmeta]
    # the previous run's 议题 go on with their clauses still here (stable ids; topics.clauses.anchor_matters)
    row_of = {m["unit_id"]: r for r, m in enumerate(cmeta)}
    prev_anchors = ((getattr(previous_matters, "meta", None) or {}).get("anchors") or {}) if previous_matters else {}
    previous = [(prev_anchors[str(t.id)], [row_of[m] for m in t.members if m in row_of])
                for t in (getattr(previous_matters, "topics", None) or []) if str(t.id) in prev_anchors]
    found = anchor_matters(cterms, carea, cdoc, min_docs=int(_get(settings, "matter_min_docs", 3)), previous=previous,
                           words=words)
    from topicmine.topics.framewords import drop_frame_anchors  # "居大陆第一": a yardstick joins no 议题
    found = drop_frame_anchors(found, ctexts)
    # a term a year's passages are full of (疫情 2021–2023): reported, and a 议题 where its clauses allow (topics.salient)
    from topicmine.topics.salient import add_salient_matters, admit_salient_topics

    found, salient = add_salient_matters(
        found, token_lists, [m.get("year") for m in metadata], [str(m.get("doc_id")) for m in metadata], ctexts,
        carea, cdoc, [m.get("part") for m in cmeta], words=words, stopwords=stop,
        min_docs=int(_get(settings, "matter_min_docs", 3)), clause_year=[m.get("year") for m in cmeta],
        passage_area=[int(area.assignments[i]) for i in rows],
        made_before=((getattr(previous_matters, "meta", None) or {}).get("salient_made") or ()) if previous_matters else ())
    # a programme said across many areas (脱贫攻坚, 亚运): its 议题 takes its free clauses there (topics.programme)
    from topicmine.topics.programme import grow_heavy_matters
    found = grow_heavy_matters(found, token_lists, [m.get("year") for m in metadata], ctexts, carea, cdoc,
                               [m.get("part") for m in cmeta])
    # a programme named by a place (雄安新区, 长江经济带) heavy over years: a 议题 under its name (topics.placeprog)
    from topicmine.topics.placeprog import add_place_programmes, dominance
    found, salient = add_place_programmes(found, salient, texts, metadata, ctexts, carea, cdoc,
                                          [m.get("part") for m in cmeta], words=words,
                                          passage_area=[int(area.assignments[i]) for i in rows])
    from topicmine.topics.episode import extend_salient_matters  # its 议题 holds the measures of its years
    found = extend_salient_matters(found, salient, ctexts, carea, [int(area.assignments[i]) for i in rows], rows,
                                   [m.get("part") for m in cmeta], [m.get("year") for m in cmeta], cdoc)
    fine = np.full(len(rows), -1, dtype=np.int64)
    cparent: dict[int, int] = {}
    anchor_of: dict[int, str] = {}
    for c, m in enumerate(found):
        fine[m.clauses] = c
        cparent[c] = m.area
        anchor_of[c] = m.anchor
    area_of_cluster = {sid: c for c, sid in area.run.id_of_cluster().items()}
    Vc = Vn[rows] if rows else np.zeros((0, Vn.shape[1]), dtype=np.float32)
    level = _build_level("matter", fine, len(found), Vc, ctexts, cterms, cmeta, [None] * len(rows),
                         previous_run=previous_matters,
                         params={"unit": "clause", "within": "area", "min_docs": int(_get(settings, "matter_min_docs", 3))},
                         cluster_parent={c: area_of_cluster.get(a, a) for c, a in cparent.items()},
                         area_ids=area.run.id_of_cluster(), **common)
    mid = level.run.id_of_cluster()
    level.run.meta["anchors"] = {str(mid[c]): anchor_of[c] for c in anchor_of if c in mid}
    level.run.meta["clauses"] = len(rows)
    # the salient terms with the 议题 that covers each (its stable id), said in Chinese for the report
    ranked_ids = {r.topic for r in level.ranked}
    ranked_ids |= admit_salient_topics(salient, mid, level.flags, level.specificity)
    for s in salient:
        sid = mid.get(s.topic) if s.topic is not None else None
        s.topic = sid
        if sid is None or sid not in ranked_ids:  # its 议题 is set aside (回顾, one document): not covered
            s.status, s.topic = "未成议题", None
        elif s.status == "已成议题" and sid in level.labels and s.term not in (level.labels[sid].title or ""):
            # the 议题 is the term's: its title names the term (贵州's 贫困县 议题 was titled 专项资金)
            from topicmine.topics.salient import salient_title

            title = salient_title(s.term, [ctexts[i] for i in np.flatnonzero(level.assignments == sid)], words)
            level.labels[sid].title = title
            level.run.by_id()[sid].title = title
    level.salient = salient
    # a 议题 covering a salient term is a heavy matter of its years: ranked with full mass (topics.rank), so the
    # 议题 the office is told covers 疫情 is on the first screen (a sealed city's was rank 100)
    # (only a 议题 about the term — its anchor or title holds it —, not one that merely holds a third of its
    # clauses: a sealed city's style word 决策 was "covered" by a mixture 应急处置 that would have risen with it)
    anchors_now = level.run.meta["anchors"]

    def about(s: Any) -> bool:
        a, title = anchors_now.get(str(s.topic), ""), getattr(level.labels.get(s.topic), "title", "") or ""
        return s.term in title or (bool(a) and (s.term in a or a in s.term))

    level.heavy = sorted({s.topic for s in salient if s.topic is not None and s.status != "未成议题" and about(s)})
    # the 议题 of a programme said across areas (topics.programme): ranked with their 篇幅 in full
    level.programmes = sorted(mid[c] for c, m in enumerate(found) if getattr(m, "programme", False) and c in mid)
    if level.heavy or level.programmes:
        settings = common.get("settings")
        weights = {k: v for k, v in settings.items() if k.startswith("weight_")} if isinstance(settings, dict) \
            else settings
        level.ranked = rank_topics(level.evidence, weights, labels=level.labels, shares=level.shares,
                                   exclude=level.flags, specificity=level.specificity or None,
                                   min_docs=3, home=level.home, heavy=level.heavy, programmes=level.programmes,
                                   home_said=getattr(level, "home_said", ()),
                                   dominance=dominance(level, salient, texts, metadata))
    # a programme's measures found as 议题 of their own (贫困县, 易地扶贫搬迁 beside 脱贫攻坚): listed under it
    # (topics.parts), so a reader does not see one matter twice
    # (and the pieces of one named event said in several areas: 浙江's 亚运 in three 议题, topics.parts.event_heads)
    from topicmine.topics.parts import fold_level

    fold_level(level, ctexts, anchors_now, salient)
    # the terms whose 议题 this run made: the next run rebuilds them the same way (topics.salient)
    level.run.meta["salient_made"] = sorted(s.term for s in salient if s.status == "已成议题")
    level.texts = ctexts
    return level


def discover_topics(
    vectors: np.ndarray,
    texts: Sequence[str],
    token_lists: Sequence[Sequence[str]],
    metadata: Sequence[dict[str, Any]],
    *,
    settings: Any = None,
    previous_run: TopicRun | None = None,
    previous_matters: TopicRun | None = None,
    model_id: str = "",
    formulaic_path: str | Path | None = None,
    stopwords: Iterable[str] | None = None,
    assign_all: bool = False,
    framing_share: float = 0.4,
    show_progress: bool | None = None,
    pre_reasons: Sequence[str | None] | None = None,
    exclude_docs: Iterable[str] = (),
    words: Any = None,
    lexicon: Iterable[str] = (),
    matters: bool = True,
    one_doc_share: float = 0.8,
) -> TopicResult:
    """Run the topics stage. ``settings``: a TopicSettings (or dict) for seed, min_topic_size,
    max_outlier_share, n_label_terms, matter_resolution and the ranking weights.

    ``framing_share``: a topic whose passages contain a formula/framing phrase at this share or more
    is set aside as boilerplate (its passages get -2 and reason ``framing``); so is a topic whose three best
    label terms are all situation words (``boilerplate.FRAMING_TERMS``: 困难 · 机遇 · 面临 — the 形势分析).
    ``pre_reasons``: reasons set by the caller per passage (e.g. ``duplicate_doc`` for a report stored twice);
    ``exclude_docs``: documents left out of shares. ``words``: a word segmenter (str → list of words) for the
    titles (jieba's ``lcut`` when None); ``lexicon``: multi-word policy terms preferred in titles.
    ``matters``: also fit the finer level. ``one_doc_share``: a topic with this share of its passages from one
    document is flagged ``one_document`` and not ranked.

    Topic ids in the result are stable ids: the cluster labels renamed by ``match_topics`` against
    ``previous_run`` / ``previous_matters`` (identity on a first run).
    """
    n = len(texts)
    if not (len(vectors) == len(token_lists) == len(metadata) == n):
        raise ValueError(
            f"discover_topics: {len(vectors)} vectors, {n} texts, {len(token_lists)} token lists, "
            f"{len(metadata)} metadata rows — they must align one per passage"
        )
    timings: dict[str, float] = {}
    t = time.perf_counter()
    doc_ids = [m.get("doc_id", i) for i, m in enumerate(metadata)]
    reasons = boilerplate_reasons(texts, doc_ids, patterns_path=formulaic_path, show_progress=show_progress)
    for i, r in enumerate(nonmatter_reasons(texts, doc_ids)):
        if reasons[i] is None and r is not None:
            reasons[i] = r
    if pre_reasons is not None:
        for i, r in enumerate(pre_reasons):
            if r is not None:
                reasons[i] = r
    keep = np.array([r is None for r in reasons])
    timings["boilerplate"] = time.perf_counter() - t

    t = time.perf_counter()
    model = TopicModel(
        min_topic_size=int(_get(settings, "min_topic_size", 5)),
        max_outlier_share=float(_get(settings, "max_outlier_share", 0.10)),
        seed=int(_get(settings, "seed", 42)),
        assign_all=assign_all,
        show_progress=show_progress,
        leiden_backend=str(_get(settings, "leiden_backend", "auto")),
    )
    V = np.asarray(vectors, dtype=np.float32)
    if keep.sum() == 0:
        raise ValueError("discover_topics: every passage is boilerplate; nothing to cluster")
    model.fit(V[keep])
    clusters = np.full(n, BOILERPLATE, dtype=np.int64)
    clusters[keep] = model.labels_
    timings["cluster"] = time.perf_counter() - t
    if words is None:
        import jieba

        words = jieba.lcut
    Vn = V / np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
    common = dict(settings=settings, stopwords=stopwords, model_id=model_id, formulaic_path=formulaic_path,
                  framing_share=framing_share, words=words, lexicon=list(lexicon), exclude_docs=list(exclude_docs),
                  one_doc_share=one_doc_share)
    t = time.perf_counter()
    area = _build_level("area", clusters, model.n_topics_, Vn, texts, token_lists, metadata, reasons,
                        previous_run=previous_run, params=model.get_params(), **common)
    timings["areas"] = time.perf_counter() - t
    fine_level = None
    if matters and _get(settings, "matter_unit", "clause") == "clause":
        t = time.perf_counter()
        fine_level = _clause_level(V, Vn, texts, metadata, area, clusters, reasons, settings=settings,
                                   token_lists=token_lists,
                                   previous_matters=previous_matters, common=common)
        timings["matters"] = time.perf_counter() - t
    elif matters:
        t = time.perf_counter()
        res = float(_get(settings, "matter_resolution", 2.0))
        # areas set aside as framing are -2 now: their passages get no matter either
        area_cluster = np.array([c if a >= 0 else a for c, a in zip(clusters, area.assignments)], dtype=np.int64)
        from topicmine.topics.carry import previous_partition

        fine, cparent, since, carried = _fine_clusters(
            V, area_cluster, model.n_topics_, resolution=res, min_size=int(_get(settings, "min_topic_size", 5)),
            seed=int(_get(settings, "seed", 42)), show_progress=show_progress,
            # a partition made at another resolution or size is no partition of this fit
            previous=previous_partition(previous_matters) if _same_split(previous_matters, res, settings) else None,
            pids=[str(m.get("passage_id", i)) for i, m in enumerate(metadata)],
            max_change=float(_get(settings, "matter_max_change", 0.1)),
            backend=str(_get(settings, "leiden_backend", "auto")))
        area_ids = area.run.id_of_cluster()
        fine_level = _build_level("matter", fine, (max(cparent) + 1) if cparent else 0, Vn, texts, token_lists, metadata,
                                  reasons, previous_run=previous_matters,
                                  params={"resolution": res, "within": "area",
                                          "min_topic_size": int(_get(settings, "min_topic_size", 5)),
                                          "seed": int(_get(settings, "seed", 42))}, cluster_parent=cparent,
                                  area_ids=area_ids, **common)
        # the change each 议题 saw since it was partitioned, for the next refit's carry decision
        mid = fine_level.run.id_of_cluster()
        fine_level.run.meta["since_fit"] = {str(mid[c]): list(v) for c, v in since.items() if c in mid}
        fine_level.run.meta["areas_carried"] = len(carried)
        fine_level.run.meta["areas_split"] = len(set(cparent.values())) - len(carried)
        timings["matters"] = time.perf_counter() - t
    return TopicResult(area.assignments, area.labels, area.evidence, area.ranked, area.run, model, reasons,
                       area.centroids, area.topic_ids, timings, fine_level, area)
