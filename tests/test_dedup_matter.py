"""The matter decision: asks, alignment, broad vs narrow, levels, and the callers that route through it."""

from __future__ import annotations

import contextlib
import json
import shutil

import numpy as np
import pytest

from tests.test_dedup_data import DUP_A, DUP_B, DUP_C, NEAR_D, NEAR_E, UNRELATED
from topicmine.dedup.asks import proposal_asks, split_asks
from topicmine.dedup.matter import (
    MATTER_FEATURES,
    MatterDoc,
    decide_documents,
    features,
    judge,
    judge_texts,
    load_matter_model,
    title_core,
)
from topicmine.dedup.proposal_eval import best_threshold, level_metrics


def test_asks_follow_the_item_markers() -> None:
    p = proposal_asks(DUP_A)
    assert [a.head for a in p.asks] == ["以行政村为单位建设村级互助养老服务点", "组织乡镇卫生院和养老机构对互助服务人员开展护理技能培训",
                                        "将互助养老点纳入财政运营补贴范围"]
    assert p.family == "N是" and p.by_marker
    # offsets point into the original text
    for a in p.asks:
        assert DUP_A[a.start:a.end] == a.text
    assert "护理人员短缺" in DUP_A[p.problem[0]:p.problem[1]]
    q = proposal_asks(DUP_B)
    assert q.family == "第N" and len(q.asks) == 3


def test_asks_without_markers_are_sentences() -> None:
    asks, fam = split_asks("建议设立农村养老专项资金。同时加强护理员培训，提高待遇。")
    assert fam == "" and len(asks) == 2


def test_title_core_drops_boilerplate() -> None:
    assert title_core("关于进一步加快建立农村互助养老服务体系的建议") == "建立农村互助养老服务体系"
    assert title_core("切实推进我省农村互助养老的几点建议") == "农村互助养老的"


def test_same_asks_are_duplicates_and_named() -> None:
    j = judge_texts(DUP_A, DUP_C)
    assert j.level in ("重复", "相近")
    assert j.shared_asks, "the aligned asks are reported"
    s = j.shared_asks[0]
    assert f"第{s['a_index']}条建议与第{s['b_index']}条建议" in j.reason and s["a_head"] in j.reason
    assert "共有3条建议一一对应" in j.reason
    # offsets of the shared asks point at the asks in both texts
    assert DUP_A[s["a_start"]:s["a_end"]].strip()[:2] in ("一是", "二是", "三是")


def test_unrelated_proposals_are_not_the_same_matter() -> None:
    for u in UNRELATED:
        j = judge_texts(DUP_A, u)
        assert j.level not in ("重复", "相近"), (j.level, j.features)
        assert j.score < judge_texts(DUP_A, DUP_C).score


def test_broad_vs_narrow_highlights_the_section() -> None:
    narrow = ("关于加强农村互助养老服务人员培训的提案\n调研情况：农村互助养老点服务人员多为低龄老人。"
              "问题分析：缺乏专业护理技能。具体建议：组织乡镇卫生院和养老机构对互助服务人员开展护理技能培训，每年不少于40学时。")
    a, b = MatterDoc.of(DUP_A), MatterDoc.of(narrow)
    j = judge(a, b, model=load_matter_model("lexical"))
    f = j.features
    assert f["cover_b"] > f["cover_a"], "the narrow side's one ask is covered by the broad side"
    if j.level in ("重复", "相近"):
        assert j.narrow == "b" and j.section["index"] == 2
        assert "第2条建议" in j.reason


def test_semantic_mode_uses_vectors() -> None:
    rng = np.random.default_rng(0)
    a, b = MatterDoc.of(DUP_A), MatterDoc.of(NEAR_E)
    va = rng.normal(size=(len(a.asks.asks), 8))
    va /= np.linalg.norm(va, axis=1, keepdims=True)
    a.ask_vecs, b.ask_vecs = va, va[: len(b.asks.asks)].copy()
    a.title_vec = b.title_vec = va[0]
    a.doc_vec = b.doc_vec = va[0]
    f, S, al = features(a, b, ask_background=0.0)
    assert f["ask_best"] == pytest.approx(1.0) and f["title"] == pytest.approx(1.0)
    f2, _, _ = features(a, b, use_vectors=False)
    assert f2["ask_best"] < 1.0  # lexical mode ignores the vectors


def test_decide_documents_is_lexical_without_embedder() -> None:
    texts = [DUP_A, DUP_B, NEAR_D, UNRELATED[0]]
    js = decide_documents(texts, [(0, 1), (0, 3)])
    assert [j.mode for j in js] == ["lexical", "lexical"]
    assert js[0].score > js[1].score
    assert set(MATTER_FEATURES) <= set(js[0].features)


def test_find_pairs_and_check_route_documents_through_the_matter_decision() -> None:
    from topicmine.dedup import check, find_pairs

    texts = [DUP_A, DUP_B, DUP_C, NEAR_D, NEAR_E, *UNRELATED]
    ids = [f"P{i}" for i in range(len(texts))]
    # stand-in document vectors (char-bigram TF-IDF) so that every pair is a candidate
    from sklearn.feature_extraction.text import TfidfVectorizer

    vecs = TfidfVectorizer(analyzer="char", ngram_range=(2, 2)).fit_transform(texts).toarray().astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    pairs = find_pairs(texts, vecs, ids, min_level=None, k=len(texts))
    docs = [p for p in pairs if p["regime"] == "document"]
    assert docs and all("reason" in p and "shared_asks" in p for p in docs)
    top = {frozenset((p["a"], p["b"])): p for p in pairs}
    assert top[frozenset(("P0", "P2"))]["level"] in ("重复", "相近")
    res = check(DUP_C, None, texts[:2] + texts[5:], None, ids[:2] + ids[5:],
                [{"title": t.splitlines()[0]} for t in texts[:2] + texts[5:]])
    assert res[0]["id"] in ("P0", "P1") and res[0]["regime"] == "document"
    assert res[0]["reason"] and res[0]["breakdown"][0]["feature"] in MATTER_FEATURES


def test_level_metrics_and_baseline_threshold() -> None:
    m = level_metrics(["重复", "相近", "相关", "无关", "相近"], ["相近", None, "相近", None, "重复"])
    assert (m["tp"], m["fp"], m["fn"]) == (2, 1, 1)
    assert m["confusion"]["相近"] == {"-": 1, "重复": 1}
    b = best_threshold([0.9, 0.7, 0.8, 0.1], ["重复", "相近", "相关", "无关"])
    assert b["f1"] == pytest.approx(0.8) and b["auc"] == pytest.approx(0.75)


def test_calibration_states_its_provenance() -> None:
    from topicmine.dedup.matter import CALIBRATION, calibration_provenance

    if not CALIBRATION.is_file():
        pytest.skip("calibration/matter.json not built yet (scripts/calibrate_matter.py)")
    prov = calibration_provenance()
    assert prov["data"]["pairs"]["sha256"] and prov["cv"]["semantic"]["combiner"]["f1"]["std"] >= 0
    cal = json.loads(CALIBRATION.read_text(encoding="utf-8"))
    for mode in ("semantic", "lexical"):
        assert set(cal[mode]["features"]) <= set(MATTER_FEATURES) and cal[mode]["chosen"]
        assert 0 < cal[mode]["thresholds"]["相关"] <= cal[mode]["thresholds"]["相近"] < 1


def test_real_rural_mutual_aid_pair_is_a_duplicate(data_dir) -> None:
    import csv

    rows = {r["pkid"]: r for r in csv.DictReader(open(data_dir / "jszx_proposals_2019" / "jszx2019_dev.csv",
                                                       encoding="utf-8"))}
    a = rows["2a47d372d3fd49ccb3723691965b13f5"]
    b = rows["5e5639934133419f886c27d756744f61"]
    j = judge_texts(a["content"], b["content"], title_a=a["reason"], title_b=b["reason"])
    assert j.level == "重复", (j.level, j.features)
    assert len(j.shared_asks) >= 3
    assert "加快制定互助养老的法规政策" in j.reason or j.shared_asks[0]["a_head"] in j.reason


def test_report_files_carry_the_reason(tmp_path) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from topicmine.dedup import dedup_report, write_report

    texts = [DUP_A, DUP_B, DUP_C, NEAR_D, *UNRELATED]
    ids = [f"P{i}" for i in range(len(texts))]
    vecs = TfidfVectorizer(analyzer="char", ngram_range=(2, 2)).fit_transform(texts).toarray().astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    rep = dedup_report(texts, vecs, ids, {i: {"title": t.splitlines()[0]} for i, t in zip(ids, texts)})
    doc = [p for p in rep["pairs"] if p.get("reason")]
    assert doc, "document pairs carry the matter decision's reason"
    files = write_report(rep, tmp_path)
    html_text = open(files["html"], encoding="utf-8").read()
    assert doc[0]["reason"][:12] in html_text
    assert "reason" in open(files["csv"], encoding="utf-8-sig").readline()


def test_drafting_history_check_takes_the_matter_level_and_names_the_asks() -> None:
    """A whole-document item at 相近 with a high P(same matter) is not called a duplicate by the drafting
    check (the matter decision's level is the verdict), and the message carries the shared-ask reason."""
    from topicmine.drafts.checks import check_draft

    reason = "同一事项、建议有所不同（起草时应参看）：两件提案的第1条建议与第2条建议相近：“建设村级互助养老服务点”／“设立互助养老站点”。"

    def similar(text):
        return [{"id": "P1", "title": "关于推进农村互助养老发展的建议", "score": 0.95, "level": "相近",
                 "regime": "document", "reason": reason}]

    r = check_draft(DUP_A, similar=similar)
    c = next(ch for ch in r.checks if ch.name == "duplicates")
    assert c.passed and "相近" in c.message and "第1条建议与第2条建议" in c.message


def test_reference_background_keeps_a_hot_issue_visible() -> None:
    """A hot issue raised by many items is its own members' background when the corpus is the background:
    their corpus-relative cosine sinks. A reference corpus of the same genre (earlier items) as the
    background keeps it high; for items outside the cluster nothing much changes."""
    from topicmine.dedup.documents import CorpusStats

    rng = np.random.default_rng(0)
    dim = 64
    common = rng.normal(size=dim)

    def items(n: int, extra: np.ndarray | None = None) -> np.ndarray:
        v = common * 3 + rng.normal(size=(n, dim)) + (0 if extra is None else extra * 2.5)
        return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)

    hot = items(40, rng.normal(size=dim))          # one hot issue, 40 items
    corpus = np.vstack([hot, items(60)])           # the batch being judged
    reference = items(150)                         # earlier items, no hot issue
    i, j = np.array([0, 1, 40]), np.array([1, 2, 41])  # two hot-issue pairs, one ordinary pair
    cos = np.einsum("ij,ij->i", corpus[i], corpus[j])
    z_self = CorpusStats(corpus).z(i, j, cos)
    z_ref = CorpusStats(corpus, reference=reference).z(i, j, cos)
    assert (z_ref[:2] > z_self[:2] + 1.0).all(), (z_self, z_ref)
    assert z_ref[2] < 2.0 and z_self[2] < 2.0
    # an item's own copy inside the reference is not its background (k = 0: no nearest items left out,
    # no prior, so only the exclusion of the copy keeps the two equal)
    cfg = {"k": 0, "prior_n": 0}
    with_copy = CorpusStats(corpus, cfg=cfg, reference=np.vstack([reference, corpus[:1]]))
    without = CorpusStats(corpus, cfg=cfg, reference=reference)
    assert abs(with_copy.mean[0] - without.mean[0]) < 1e-3 and abs(with_copy.std[0] - without.std[0]) < 1e-3


def test_duplicate_needs_the_asks_content_not_only_coverage() -> None:
    """重复 = the asks coincide both ways AND their content does: coverage by shared object vocabulary
    alone (every ask about 托育设施) stays 相近."""
    from topicmine.dedup.matter import load_matter_model

    m = load_matter_model("lexical")
    f = {"cover_min": 0.9, "matched": 1.0, "jac3": 0.0, "same_share": 0.0}
    if "same_share" not in m.duplicate:
        pytest.skip("calibration without the content rule")
    assert m.level(0.99, f) == "相近"
    assert m.level(0.99, {**f, "same_share": 1.0}) == "重复"
    assert m.level(0.99, {**f, "jac3": 0.5}) == "重复"  # copied text


@contextlib.contextmanager
def _embedded_sample_proposals(tmp_path, sample_dir):
    """A workspace over a copy of corpus/sample/提案, ingested as proposals and embedded; closed afterwards."""
    from topicmine.pipeline.core import Workspace, embed, ingest

    corpus = tmp_path / "提案"
    shutil.copytree(sample_dir / "提案", corpus)
    ws = Workspace.from_settings(None, workdir=tmp_path / "var")
    try:
        ingest(ws, [corpus], doc_type="proposal", show_progress=False)
        embed(ws, show_progress=False)
        yield ws, corpus
    finally:
        ws.close()


@pytest.mark.slow
@pytest.mark.model
def test_dedup_against_the_archive_background(tmp_path, sample_dir, model_dir) -> None:
    """`topicmine dedup --year 2025 --background archive`: the 2025 proposals are judged with the other
    years' proposals as the background of the document cosine; the report says which background."""
    from topicmine.pipeline.dedup_job import dedup

    with _embedded_sample_proposals(tmp_path, sample_dir) as (ws, corpus):
        own = dedup(ws, year_from=2025, year_to=2025, out_dir=tmp_path / "own", show_progress=False)
        arch = dedup(ws, year_from=2025, year_to=2025, out_dir=tmp_path / "arch", show_progress=False,
                     background="archive")
        n_2025 = len(list((corpus / "2025").iterdir()))
        assert own["documents"] == arch["documents"] == n_2025
        assert own["summary"]["background"] == "corpus"
        assert arch["summary"]["background"] == f"archive ({len(list(corpus.rglob('*.*'))) - n_2025} documents)"
        with pytest.raises(Exception, match="background"):
            dedup(ws, background="elsewhere")


def test_chunked_decisions_with_shared_stats_and_docs_equal_one_call() -> None:
    """A worker judging one corpus chunk by chunk (the Ray actors) builds the corpus statistics once and
    keeps prepared documents: the judgements equal one call over all pairs, and each document's asks
    are embedded once however many chunks it appears in."""
    from topicmine.dedup.documents import CorpusStats

    texts = [DUP_A, DUP_B, DUP_C, NEAR_D, NEAR_E, *UNRELATED[:2]]
    rng = np.random.default_rng(1)
    vecs = rng.normal(size=(len(texts), 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    embedded: list[str] = []

    def embed(batch: list[str]) -> np.ndarray:
        embedded.extend(batch)
        # a deterministic vector per text (its hash seeds it), so both routes see the same vectors
        out = np.stack([np.random.default_rng(abs(hash(t)) % 2**32).normal(size=16) for t in batch])
        return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)

    pairs = [(0, 1), (0, 2), (1, 2), (3, 4), (0, 5), (2, 6), (1, 3)]
    whole = decide_documents(texts, pairs, vectors=vecs, embed_asks=embed)
    embedded.clear()
    stats = CorpusStats(vecs)
    docs: list = [None] * len(texts)
    chunked = []
    for s in range(0, len(pairs), 2):
        chunked += decide_documents(texts, pairs[s:s + 2], vectors=vecs, embed_asks=embed, stats=stats, docs=docs)
    assert [(j.level, round(j.score, 9), j.z, j.rank) for j in chunked] == \
           [(j.level, round(j.score, 9), j.z, j.rank) for j in whole]
    assert [j.mode for j in chunked] == ["semantic"] * len(pairs)
    # every document appears in pairs of several chunks; its title was embedded once (one title per document)
    titles_embedded = len(embedded) - sum(len(d.asks.asks) for d in docs if d is not None)
    assert titles_embedded == len(texts)


def test_check_judges_the_draft_by_its_document_vector() -> None:
    """`check` (behind /similar, `topicmine check` and the drafting history check) takes the draft's
    document-shaped vector for the matter decision when given: the z it reports is the z of that vector
    against the corpus, as `dedup` computes it — not the z of the retrieval ("query:") vector."""
    from topicmine.dedup import check
    from topicmine.dedup.documents import CorpusStats

    texts = [DUP_A, DUP_B, DUP_C, NEAR_D, NEAR_E, *UNRELATED]
    ids = [f"P{i}" for i in range(len(texts))]
    rng = np.random.default_rng(0)
    base = rng.normal(size=(1, 32))
    cv = (base + 0.6 * rng.normal(size=(len(texts), 32))).astype(np.float32)
    cv /= np.linalg.norm(cv, axis=1, keepdims=True)
    doc_vec = cv[0] + 0.05 * rng.normal(size=32).astype(np.float32)
    doc_vec /= np.linalg.norm(doc_vec)
    query_vec = (doc_vec + 0.8 * rng.normal(size=32)).astype(np.float32)  # a different view of the same draft
    query_vec /= np.linalg.norm(query_vec)
    metas = [{"title": t.splitlines()[0]} for t in texts]
    with_doc = check(DUP_A, query_vec, texts[1:], cv[1:], ids[1:], metas[1:], document_vector=doc_vec, limit=20)
    without = check(DUP_A, query_vec, texts[1:], cv[1:], ids[1:], metas[1:], limit=20)
    allv = np.vstack([cv[1:], doc_vec[None, :]])
    stats = CorpusStats(allv, list(range(len(allv))))
    for res, q in ((with_doc, doc_vec), (without, query_vec)):
        for r in (x for x in res if x.get("regime") == "document"):
            j = ids.index(r["id"]) - 1
            want = stats.z(np.array([len(allv) - 1]), np.array([j]), np.array([float(cv[1:][j] @ q)]))[0] \
                if q is doc_vec else None
            if want is not None:
                assert r["z"] == pytest.approx(float(want), abs=1e-3)
    zs_doc = {r["id"]: r["z"] for r in with_doc if "z" in r}
    zs_q = {r["id"]: r["z"] for r in without if "z" in r}
    assert zs_doc and any(abs(zs_doc[k] - zs_q[k]) > 0.1 for k in zs_doc.keys() & zs_q.keys())


@pytest.mark.slow
@pytest.mark.model
def test_similar_gives_the_dedup_level_for_the_same_pair(tmp_path, sample_dir, model_dir) -> None:
    """The same pair judged by `dedup` and by `check`/`/similar`/the drafting history check (all through
    ``similar_items``): the draft's document vector is built as a stored document's, so the corpus-relative
    z agrees (before: the "query:" vector of the whole text put it 0.4–0.9 lower on real proposals) and
    the level differs only where z sits at the cut."""
    from topicmine.dedup.matter import load_matter_model
    from topicmine.pipeline import similar_items
    from topicmine.pipeline.dedup_job import dedup

    with _embedded_sample_proposals(tmp_path, sample_dir) as (ws, _corpus):
        dedup(ws, out_dir=tmp_path / "rep", show_progress=False)
        rep = json.loads((tmp_path / "rep" / "dedup.json").read_text(encoding="utf-8"))
        pairs = [p for p in rep["pairs"] if p.get("regime") == "document" and "z" in p][:4]
        assert pairs, "the sample corpus has document-sized candidate pairs"
        m = load_matter_model("semantic")
        # the decision's cut expressed in z (the shipped semantic model is a logistic on doc = z / 10)
        k = list(m.features).index("doc")
        logit = np.log(m.thresholds["相近"] / (1 - m.thresholds["相近"]))
        z_cut = 10 * (m.mean[k] + m.scale[k] * (logit - m.intercept) / m.coef[k])
        for p in pairs:
            text_a = ws.store.get_document(p["a"]).text
            res = similar_items(ws, text_a, limit=30)
            it = next((x for x in res["items"] if x["doc_id"] == p["b"]), None)
            assert it is not None and it.get("regime") == "document", p["b"]
            assert abs(it["z"] - p["z"]) < 0.25, (p["a"], p["b"], it["z"], p["z"])
            if abs(p["z"] - z_cut) > abs(it["z"] - p["z"]) + 0.05:
                assert it["level"] == p["level"], (p["a"], p["b"], it["level"], p["level"])


def test_ask_headline_stops_at_a_line_break() -> None:
    """A real jszx 2019 ask (医养结合 proposal) whose first clause runs on after a hard line break: the
    headline the reasons quote is the line, not the line plus the next one."""
    t = ("调研情况：我省老人多。问题分析：医养结合不够。具体建议：针对以上问题，提出如下建议："
         "第一，推动医养融合服务进社区进家庭。在社区设立医养服务站。第二，支持符合条件的民营医疗机构参与医养项目\n"
         "作为一种具备医疗的特殊服务机构，要求给予政策支持。")
    heads = [a.head for a in proposal_asks(t).asks]
    assert heads == ["推动医养融合服务进社区进家庭", "支持符合条件的民营医疗机构参与医养项目"]


def test_check_embeds_the_draft_document_only_when_a_candidate_is_document_sized() -> None:
    """The drafting page checks many drafts: the draft's document vector (a model call) is built only when
    some candidate is a whole document, i.e. when the matter decision will use it."""
    from topicmine.dedup import check

    calls: list[int] = []
    rng = np.random.default_rng(1)

    def unit(n: int) -> np.ndarray:
        v = rng.normal(size=(n, 16)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def doc_vec() -> np.ndarray:
        calls.append(1)
        return unit(1)[0]

    short = ["关于发展夜间经济的提案", "关于加强农村留守儿童关爱保护的提案"]
    check("建议建立农村留守儿童信息库。", unit(1)[0], short, unit(2), ["S1", "S2"], document_vector=doc_vec)
    assert calls == []
    texts = [DUP_B, *UNRELATED]
    check(DUP_A, unit(1)[0], texts, unit(len(texts)), [f"P{i}" for i in range(len(texts))], document_vector=doc_vec)
    assert calls == [1]
