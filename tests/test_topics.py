"""Topics stage: estimator contract, reproducibility, boilerplate, labels, evidence, ranking, stable ids."""

from __future__ import annotations

import json

import numpy as np
import pytest

from topicmine.topics import (
    TopicModel,
    TopicRun,
    boilerplate_reasons,
    cluster_eval,
    discover_topics,
    document_vectors,
    flag_boilerplate,
    label_topics,
    load_run,
    match_topics,
    rank_by_class,
    rank_topics,
    render_html,
    save_run,
    topic_evidence,
    topic_hierarchy,
    topic_map,
    trend_series,
)
from topicmine.topics.boilerplate import formula_share
from topicmine.topics.labels import GENERIC_TERMS, is_label_term


def blobs(n_per: int = 60, k: int = 6, d: int = 48, noise: float = 0.35, seed: int = 0, centres=None):
    rng = np.random.default_rng(seed)
    C = rng.normal(size=(k, d)) if centres is None else centres
    X = np.vstack([c + noise * rng.normal(size=(n_per, d)) for c in C])
    y = np.repeat(np.arange(len(C)), n_per)
    return X.astype(np.float32), y, C


# ---------------------------------------------------------------------------------------------
# estimator contract
# ---------------------------------------------------------------------------------------------
def test_graph_degree_grows_with_the_sample():
    # n_neighbors=None: 15 up to 2,400 fitted points, 30 from 4,800; an explicit degree is kept
    small, _, _ = blobs(n_per=50, k=4, d=8, seed=1)
    assert TopicModel().get_params()["n_neighbors"] is None
    assert TopicModel(seed=1).fit(small).n_neighbors_ == 15
    assert TopicModel(seed=1, n_neighbors=7).fit(small).n_neighbors_ == 7
    big, y, _ = blobs(n_per=1200, k=4, seed=2)
    m = TopicModel(seed=1, n_consensus=10).fit(big)
    assert m.n_neighbors_ == 30
    assert m.n_topics_ == 4
    from sklearn.metrics import adjusted_rand_score

    assert adjusted_rand_score(y, m.labels_) > 0.95


def test_init_stores_params_only():
    m = TopicModel(min_topic_size=7, max_outlier_share=0.05, seed=3)
    assert m.get_params()["min_topic_size"] == 7
    assert not any(k.endswith("_") and not k.startswith("_") for k in vars(m))
    assert set(vars(m)) == set(m.get_params())


def test_fit_returns_self_and_attributes():
    X, _, _ = blobs()
    m = TopicModel()
    assert m.fit(X) is m
    assert m.labels_.shape == (len(X),)
    assert m.centroids_.shape == (m.n_topics_, X.shape[1])
    assert set(np.unique(m.labels_)) <= set(range(-1, m.n_topics_))


def test_predict_reproduces_training_labels():
    X, _, _ = blobs(noise=0.6)
    m = TopicModel().fit(X)
    assigned = m.labels_ >= 0
    assert (m.predict(X)[assigned] == m.labels_[assigned]).all()
    assert (m.predict(X) >= 0).all()  # predict assigns everything, also the ambiguous border


def test_sklearn_clone_and_set_params():
    from sklearn.base import clone

    m = TopicModel(min_topic_size=4, seed=9)
    c = clone(m)
    assert c is not m and c.get_params() == m.get_params()
    m.set_params(seed=1)
    assert m.seed == 1
    with pytest.raises(ValueError):
        m.set_params(k=3)


def test_predict_before_fit_raises():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        TopicModel().predict(np.zeros((2, 4)))


def test_empty_input_message():
    with pytest.raises(ValueError, match="no rows"):
        TopicModel().fit(np.zeros((0, 8)))


# ---------------------------------------------------------------------------------------------
# reproducibility, stability, number of topics, outliers
# ---------------------------------------------------------------------------------------------
def test_same_seed_identical():
    X, _, _ = blobs(noise=0.7)
    a = TopicModel(seed=5).fit(X).labels_
    b = TopicModel(seed=5).fit(X).labels_
    assert (a == b).all()


def test_seed_stability_and_topic_count_on_blobs():
    from sklearn.metrics import adjusted_rand_score

    X, y, _ = blobs(n_per=80, k=6, noise=0.5)
    runs = [TopicModel(seed=s).fit(X) for s in (1, 2, 3)]
    for m in runs:
        assert m.n_topics_ == 6
        assert adjusted_rand_score(y, m.labels_) > 0.9
    for a in range(3):
        for b in range(a + 1, 3):
            assert adjusted_rand_score(runs[a].labels_, runs[b].labels_) >= 0.9


def test_outlier_cap_and_assign_all():
    X, _, _ = blobs(noise=0.8)
    rng = np.random.default_rng(1)
    X = np.vstack([X, rng.normal(size=(60, X.shape[1])) * 3])  # scattered points
    m = TopicModel(max_outlier_share=0.05).fit(X)
    assert np.mean(m.labels_ == -1) <= 0.05 + 1e-9
    m2 = TopicModel(assign_all=True).fit(X)
    assert (m2.labels_ >= 0).all()


def test_min_topic_size_respected():
    X, _, _ = blobs(n_per=40, k=4)
    tiny = np.random.default_rng(3).normal(size=(3, X.shape[1])) * 0.01 + 10  # a far-away group of 3
    m = TopicModel(min_topic_size=5, assign_all=True).fit(np.vstack([X, tiny]))
    assert np.bincount(m.labels_).min() >= 5


def test_fit_on_sample_then_assign():
    X, y, _ = blobs(n_per=150, k=5, noise=0.4)
    m = TopicModel(fit_sample=300, seed=2).fit(X)
    from sklearn.metrics import adjusted_rand_score

    ok = m.labels_ >= 0
    assert ok.mean() >= 0.9 and adjusted_rand_score(y[ok], m.labels_[ok]) > 0.95
    assert (m.predict(X)[ok] == m.labels_[ok]).all()


def test_document_vectors_mean_renormalised():
    P = np.array([[1, 0], [0, 1], [3, 0]], dtype=np.float32)
    ids, V = document_vectors(P, ["提案A", "提案A", "提案B"])
    assert ids == ["提案A", "提案B"]
    assert np.allclose(V[0], [2 ** -0.5, 2 ** -0.5]) and np.allclose(V[1], [1, 0])


def test_cluster_eval_keys_and_json():
    X, y, _ = blobs(n_per=40, k=3)
    r = cluster_eval(X, [f"类{v}" for v in y], seed=1)
    assert set(r) == {"nmi", "ari", "n_topics", "outlier_share", "seconds"}
    assert r["nmi"] > 0.9 and r["n_topics"] == 3
    json.dumps(r)
    with pytest.raises(ValueError):
        cluster_eval(X, y[:-1])


# ---------------------------------------------------------------------------------------------
# boilerplate
# ---------------------------------------------------------------------------------------------
FORMULAIC = [
    "各位代表：",
    "现在，我代表江苏省人民政府向大会报告工作，请予审议，并请各位政协委员提出意见。",
    "——2026年2月3日在江苏省第十四届人民代表大会第五次会议上",
    "（2005年1月19日 梁保华）",
    "省长 刘小涛",
    "我代表江苏省人民政府，向全省人民表示崇高的敬意和衷心的感谢！",
    "各位代表，奋斗创造历史，实干成就未来。让我们更加紧密地团结在以习近平同志为核心的党中央周围，"
    "在省委领导下，为谱写“强富美高”新江苏现代化建设新篇章而努力奋斗！",
    "一、2019年工作回顾",
]
SUBSTANTIVE = [
    "加快完善现代综合交通运输体系，徐宿淮盐铁路、连淮铁路建成通车，苏北五市全部进入“高铁时代”。",
    "持续优化营商环境，深化“放管服”改革，92.5%的审批事项可在网上办理。",
    "各位代表！做好今年工作，必须深入推进依法治省，加快建设法治政府，严格规范公正文明执法，"
    "推进政务公开，主动接受人大法律监督和政协民主监督，健全行政复议和行政诉讼衔接机制，"
    "完善重大行政决策程序，加强审计监督和统计监督。" * 3,
]


def test_formulaic_passages_flagged():
    flags = flag_boilerplate(FORMULAIC + SUBSTANTIVE)
    assert flags[: len(FORMULAIC)].all(), [t for t, f in zip(FORMULAIC, flags) if not f]
    assert not flags[len(FORMULAIC):].any()


def test_repetition_across_documents_flagged():
    frame = "今年政府工作的总体要求是坚持稳中求进工作总基调完整准确全面贯彻新发展理念服务和融入新发展格局"
    texts = [frame + f"统筹{w}" for w in ("甲", "乙", "丙", "丁", "戊")] + ["推进太湖治理和长江大保护"] * 1
    texts += ["建设南京都市圈轨道交通网络", "发展县域特色产业集群"]
    docs = ["2021", "2022", "2023", "2024", "2025", "2025", "2024", "2023"]
    r = boilerplate_reasons(texts, docs)
    assert r[:5] == ["repeated"] * 5
    assert r[5:] == [None, None, None]


def test_extra_patterns_file(tmp_path):
    p = tmp_path / "formulaic.txt"
    p.write_text("# 本地套话\n以上报告，请予审阅\n[坏的正则\n", encoding="utf-8")
    assert flag_boilerplate(["以上报告，请予审阅。", "[坏的正则", "推进城市更新行动和老旧小区改造"], patterns_path=p).tolist() == [
        True, True, False]


# ---------------------------------------------------------------------------------------------
# labels
# ---------------------------------------------------------------------------------------------
def _label_fixture():
    labels = [0] * 6 + [1] * 6
    toks = [
        ["加快", "发展", "养老", "服务", "社区", "养老机构", "老年人"],
        ["推进", "养老服务", "老年人", "护理", "床位", "2025年"],
        ["养老", "服务", "居家", "老年人", "护理", "，"],
        ["坚持", "养老", "服务", "补贴", "社区", "老年人"],
        ["养老机构", "护理", "床位", "老年人", "水"],
        ["养老", "服务", "社区", "老年人", "10%"],
        ["优化", "营商", "环境", "民营企业", "审批"],
        ["营商", "环境", "民营企业", "融资", "推进"],
        ["营商", "环境", "审批", "涉企", "收费"],
        ["民营企业", "融资", "贷款", "加强"],
        ["营商", "环境", "涉企", "收费", "发展"],
        ["营商", "环境", "民营企业", "审批"],
    ]
    return labels, toks


def test_labels_no_stopwords_single_chars_or_numbers():
    labels, toks = _label_fixture()
    out = label_topics(labels, toks, n_terms=5, stopwords={"社区"})
    for lab in out.values():
        assert 3 <= len(lab.terms) <= 6 or len(lab.terms) >= 1
        for t in lab.terms:
            assert len(t) >= 2 and t not in GENERIC_TERMS and t != "社区"
            assert is_label_term(t)


def test_labels_joined_and_diversified():
    labels, toks = _label_fixture()
    out = label_topics(labels, toks, n_terms=4)
    assert "营商环境" in out[1].terms and "营商" not in out[1].terms and "环境" not in out[1].terms
    care = out[0].terms
    # at most one of the near-synonyms 养老 / 养老服务 / 养老机构
    assert sum(t.startswith("养老") for t in care) <= 1, care


def test_label_phrase_from_representatives():
    labels, toks = _label_fixture()
    texts = ["发展居家社区养老服务，增加护理型床位。"] * 6 + ["持续优化营商环境，清理涉企收费；加强审计。"] * 6
    out = label_topics(labels, toks, texts=texts, representatives={0: [0, 1], 1: [6]})
    assert out[1].phrase == "持续优化营商环境，清理涉企收费"
    assert len(out[0].phrase) <= 30


def test_labels_skip_unassigned_and_boilerplate():
    out = label_topics([-2, -1, 0, 0], [["各位", "代表"], ["杂项"], ["乡村", "振兴"], ["乡村", "振兴"]], min_count=1)
    assert list(out) == [0]


# ---------------------------------------------------------------------------------------------
# evidence and ranking
# ---------------------------------------------------------------------------------------------
def _corpus():
    meta, labels, texts = [], [], []
    for y in (2024, 2025, 2026):
        for r in ("江苏省", "浙江省", "安徽省")[: y - 2023]:
            meta.append({"passage_id": f"g{y}{r}", "doc_id": f"gov{y}{r}", "doc_type": "gov_report", "year": y,
                         "region": r, "start": 10, "end": 60})
            labels.append(0)
            texts.append(f"{r}{y}年推进低空经济发展")
    for i in range(12):
        meta.append({"passage_id": f"p{i}", "doc_id": f"prop{i}", "doc_type": "proposal", "year": 2026,
                     "region": "江苏省"})
        labels.append(0)
        texts.append("关于发展低空经济的提案")
    for i in range(4):
        meta.append({"passage_id": f"o{i}", "doc_id": f"rep{i}", "doc_type": "report", "year": 2024,
                     "region": "江苏省"})
        labels.append(1)
        texts.append("关于养老服务的调研报告")
    meta.append({"passage_id": "x", "doc_id": "gov2024江苏省", "doc_type": "gov_report", "year": 2024,
                 "region": "江苏省"})
    labels.append(1)
    texts.append("养老服务")
    return np.array(labels), meta, texts


def test_evidence_counts_documents_by_group_year_region():
    labels, meta, texts = _corpus()
    ev = topic_evidence(labels, meta, texts=texts)
    e0 = ev[0]
    assert e0.groups == {"党政点题": 6, "委员关注": 12}
    assert e0.by_year == {2024: 1, 2025: 2, 2026: 15}
    assert e0.by_region["江苏省"] == 15 and len(e0.by_region) == 3
    assert e0.group_years["党政点题"] == [2024, 2026]
    rep = e0.representatives[0]
    assert rep.doc_id and rep.doc_type and rep.text
    assert len({r.doc_id for r in e0.representatives}) == len(e0.representatives)  # one per document


def test_rank_reason_weights_and_filters():
    labels, meta, texts = _corpus()
    ev = topic_evidence(labels, meta, texts=texts)
    ranked = rank_topics(ev)
    assert ranked[0].topic == 0
    assert ranked[0].reason == "2024–2026年3个地区的政府工作报告提及（6件）；12件提案反映；尚无调研报告；呈上升趋势"
    assert "已有4件调研报告" in ranked[1].reason
    # weights are parameters: only "not yet researched" counts → topic 0 still first, scores differ
    only_gov = rank_topics(ev, {"party_gov": 1, "members": 0, "growth": 0, "not_researched": 0, "regions": 0})
    assert only_gov[0].score == pytest.approx(1.0)
    zj = rank_topics(ev, regions=["浙江省"])
    assert [r.topic for r in zj] == [0] and zj[0].evidence.n_docs == 2
    early = rank_topics(ev, years=(2024, 2024))
    assert {r.topic for r in early} == {0, 1}
    per = rank_by_class(ev, by="doc_type")
    assert set(per) == {"gov_report", "proposal", "report"}


def test_rank_weights_from_settings():
    from topicmine.config import TopicSettings

    labels, meta, texts = _corpus()
    ev = topic_evidence(labels, meta)
    s = TopicSettings(weight_party_gov=0, weight_members=0, weight_growth=0, weight_regions=0,
                      weight_not_researched=1)
    r = rank_topics(ev, s)
    assert r[0].topic == 0 and r[0].components["not_researched"] == 1.0


def test_hierarchy_and_related():
    C = np.array([[1, 0, 0], [0.95, 0.3, 0], [0, 1, 0], [0, 0.95, 0.3], [0, 0, 1], [0.3, 0, 0.95]], dtype=float)
    levels = topic_hierarchy(C, branching=2)
    assert levels[0][0] == levels[0][1] and levels[0][2] == levels[0][3]
    labels = np.repeat(np.arange(6), 2)
    meta = [{"doc_id": f"d{i}"} for i in range(12)]
    V = np.repeat(C, 2, axis=0)
    ev = topic_evidence(labels, meta, vectors=V / np.linalg.norm(V, axis=1, keepdims=True), centroids=C)
    assert ev[0].related[0][0] == 1
    assert len(ev[0].parents) == len(topic_hierarchy(C))


# ---------------------------------------------------------------------------------------------
# stable ids
# ---------------------------------------------------------------------------------------------
def test_run_json_roundtrip_and_atomic_save(tmp_path):
    X, _, _ = blobs(n_per=30, k=3)
    m = TopicModel(seed=1).fit(X)
    run = TopicRun.from_fit(m.labels_, [f"p{i}" for i in range(len(X))], m.centroids_, model_id="e5-small")
    text = run.to_json()
    assert "pickle" not in text and json.loads(text)["format"].startswith("topicmine.topics.run/")
    back = TopicRun.from_json(text)
    assert back.to_json() == text
    p = save_run(run, tmp_path / "artifacts" / "topics" / "run.json")
    assert load_run(p).run_id == run.run_id
    assert not list(p.parent.glob("*.tmp"))


def test_stable_ids_on_grown_corpus():
    X, y, C = blobs(n_per=60, k=6, noise=0.45, seed=4)
    ids = [f"p{i}" for i in range(len(X))]
    m1 = TopicModel(seed=1).fit(X)
    run1 = TopicRun.from_fit(m1.labels_, ids, m1.centroids_, model_id="e5")
    # grow: 20% more points of the same topics plus one new topic; refit with another seed
    X2, _, _ = blobs(n_per=12, k=6, noise=0.45, seed=5, centres=C)
    Xn, _, _ = blobs(n_per=40, k=1, noise=0.45, seed=6)
    Xall = np.vstack([X, X2, Xn])
    ids2 = ids + [f"q{i}" for i in range(len(X2) + len(Xn))]
    m2 = TopicModel(seed=7).fit(Xall)
    run2 = match_topics(run1, TopicRun.from_fit(m2.labels_, ids2, m2.centroids_, model_id="e5"))
    persisting = [t for t in run2.topics if t.status == "persisting"]
    assert len(persisting) >= 0.9 * len(run1.topics)
    new = [t for t in run2.topics if t.status == "new"]
    assert len(new) == 1 and new[0].id == run1.next_id
    # each persisting topic kept most of its old members
    old = run1.by_id()
    for t in persisting:
        assert len(set(t.members) & set(old[t.id].members)) >= 0.8 * len(old[t.id].members)
    assert run2.previous_run_id == run1.run_id and not run2.vanished


def test_split_merge_vanish_marked():
    prev = TopicRun.from_fit([0] * 10 + [1] * 10 + [2] * 10 + [3] * 10, [f"p{i}" for i in range(40)],
                             np.eye(4), model_id="m")
    prev.topics[0].terms = ["营商环境"]
    # topic 0 splits into two; topics 1 and 2 merge; topic 3 disappears (its passages unassigned)
    labels = [0] * 6 + [1] * 4 + [2] * 20 + [-1] * 10
    new = TopicRun.from_fit(labels, [f"p{i}" for i in range(40)], np.eye(4)[:3], model_id="m")
    out = match_topics(prev, new)
    st = {t.id: (t.status, t.sources) for t in out.topics}
    assert st[0] == ("persisting", [0])
    assert out.by_id()[0].terms == ["营商环境"]  # label kept
    split = [t for t in out.topics if t.status == "split"]
    assert len(split) == 1 and split[0].sources == [0] and split[0].id == 4
    merged = [t for t in out.topics if t.status == "merged"]
    assert len(merged) == 1 and set(merged[0].sources) == {1, 2}
    van = {v["id"]: v for v in out.vanished}
    assert van[3]["status"] == "vanished"
    gone = [v for v in out.vanished if v["status"] == "merged"]
    assert len(gone) == 1 and gone[0]["into"] == merged[0].id


def test_first_run_identity():
    run = TopicRun.from_fit([0, 1], ["a", "b"], np.eye(2))
    assert match_topics(None, run).to_json() == run.to_json()


# ---------------------------------------------------------------------------------------------
# whole stage and rendering
# ---------------------------------------------------------------------------------------------
def test_discover_topics_end_to_end_and_refit():
    X, y, C = blobs(n_per=30, k=3, noise=0.3, seed=8)
    words = [["营商环境", "民营企业", "审批"], ["乡村振兴", "农业农村", "高标准农田"], ["养老服务", "护理型床位", "老年人"]]
    rng = np.random.default_rng(0)
    # varied wording (identical sentences in many documents would be flagged as repeated boilerplate)
    texts = ["".join(chr(0x4E00 + int(v)) for v in rng.integers(0, 20000, 30)) + "，".join(words[c]) for c in y]
    toks = [words[c] for c in y]
    meta = [{"passage_id": f"p{i}", "doc_id": f"d{i}", "doc_type": "proposal" if i % 2 else "gov_report",
             "year": 2024 + i % 3, "region": "江苏省"} for i in range(len(X))]
    texts[0] = "各位代表："
    res = discover_topics(X, texts, toks, meta, model_id="demo")
    assert res.assignments[0] == -2 and res.boilerplate[0] == "address"
    assert len(res.labels) == 3
    assert {frozenset(lab.terms) for lab in res.labels.values()} == {frozenset(w) for w in words}
    assert res.ranked[0].reason
    res2 = discover_topics(X, texts, toks, meta, model_id="demo", previous_run=res.run,
                           settings={"seed": 99})
    assert sorted(res2.labels) == sorted(res.labels)
    assert all(t.status == "persisting" for t in res2.run.topics)
    page = render_html(res.ranked, labels=res.labels, centroids=res.centroids, topic_ids=res.topic_ids)
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "主题地图" in page


def test_situation_topic_set_aside_as_framing():
    # one of three topics is the reports' 形势分析 (labelled only by 困难·机遇·面临): set aside, not ranked
    X, y, C = blobs(n_per=30, k=3, noise=0.3, seed=8)
    words = [["营商环境", "民营企业", "审批"], None, ["养老服务", "护理型床位", "老年人"]]
    situation = ["困难", "机遇", "面临", "挑战", "形势"]
    rng = np.random.default_rng(0)
    # the situation passages draw 3 of 5 such words (always the same three would be merged into one term)
    toks = [words[c] if c != 1 else [situation[j] for j in rng.choice(5, 3, replace=False)] for c in y]
    texts = ["".join(chr(0x4E00 + int(v)) for v in rng.integers(0, 20000, 30)) + "，".join(t) for t in toks]
    meta = [{"passage_id": f"p{i}", "doc_id": f"d{i}", "doc_type": "gov_report", "year": 2024, "region": "江苏省"}
            for i in range(len(X))]
    res = discover_topics(X, texts, toks, meta, model_id="demo")
    assert {frozenset(lab.terms) for lab in res.labels.values()} == {frozenset(words[0]), frozenset(words[2])}
    framing = np.flatnonzero(np.asarray(y) == 1)
    assert all(res.assignments[i] == -2 and res.boilerplate[i] == "framing" for i in framing)
    assert len(res.ranked) == 2


def test_topic_map_deterministic_and_trend_series():
    C = np.random.default_rng(0).normal(size=(5, 8))
    a, b = topic_map(C), topic_map(C.copy())
    assert a == b and len(a) == 5
    ev = topic_evidence([0, 0, 1], [{"doc_id": "a", "year": 2020}, {"doc_id": "b", "year": 2022},
                                    {"doc_id": "c", "year": 2021}])
    assert trend_series(ev) == {0: [[2020, 1], [2021, 0], [2022, 1]], 1: [[2020, 0], [2021, 1], [2022, 0]]}


def test_import_is_light():
    import subprocess
    import sys

    code = "import sys, topicmine.topics; print(any(m in sys.modules for m in ('faiss','torch','sklearn','scipy')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_seed_stability_on_overlapping_topics():
    """Realistic case: 8 topics of unequal size, two pairs of close topics, a noisy background share.
    Different seeds must agree (ARI ≥ 0.9) on the full labels, outliers included."""
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(11)
    d = 64
    C = rng.normal(size=(8, d))
    C[1] = C[0] + 0.8 * rng.normal(size=d)  # near-synonymous topics
    C[5] = C[4] + 0.8 * rng.normal(size=d)
    sizes = [300, 200, 150, 150, 120, 100, 80, 60]
    X = np.vstack([c + 0.55 * rng.normal(size=(s, d)) for c, s in zip(C, sizes)] + [rng.normal(size=(60, d)) * 1.5])
    labs = [TopicModel(seed=s).fit(X).labels_ for s in (1, 2, 3)]
    for a in range(3):
        for b in range(a + 1, 3):
            assert adjusted_rand_score(labs[a], labs[b]) >= 0.9


def test_seed_drives_the_leiden_runs():
    """Stability must come from the consensus, not from ignoring the seed: single Leiden runs on an
    ambiguous graph differ between seeds, the same seed repeats exactly, and the fitted models of two
    seeds still agree."""
    from sklearn.metrics import adjusted_rand_score

    from topicmine.topics.cluster import consensus_leiden, knn_graph

    rng = np.random.default_rng(5)
    X = rng.normal(size=(400, 16)).astype(np.float32)  # no structure: every split is arbitrary
    A = knn_graph(X / np.linalg.norm(X, axis=1, keepdims=True), 10)
    one = [consensus_leiden(A, resolution=1.0, seed=s, n_runs=1, rounds=1) for s in (1, 2, 1)]
    assert (one[0] == one[2]).all()
    assert adjusted_rand_score(one[0], one[1]) < 0.99
    Xb, _, _ = blobs(noise=0.7)
    a, b = TopicModel(seed=1).fit(Xb), TopicModel(seed=2).fit(Xb)
    assert adjusted_rand_score(a.labels_, b.labels_) >= 0.9


def test_vote_outliers_and_predict_on_new_points():
    X, y, C = blobs(n_per=80, k=4, noise=0.6, seed=2)
    m = TopicModel(seed=3).fit(X)
    labels, share = m._vote(X / np.linalg.norm(X, axis=1, keepdims=True))
    out = m.labels_ == -1
    assert (share[out] < m.min_vote_share).all()  # only ambiguous points are left out
    assert (labels[~out] == m.labels_[~out]).all()
    assert TopicModel(seed=3, min_vote_share=0.0).fit(X).labels_.min() >= 0
    # fresh points drawn around a topic centre go to the topic that holds most of that centre's training points
    Xnew, ynew, _ = blobs(n_per=20, k=4, noise=0.3, seed=9, centres=C)
    pred = m.predict(Xnew)
    for t in range(4):
        own = np.bincount(m.labels_[(y == t) & ~out]).argmax()
        assert np.mean(pred[ynew == t] == own) >= 0.9


def test_consensus_later_rounds_use_fewer_runs(monkeypatch):
    import topicmine.topics.cluster as cl

    seen = []
    real = cl._leiden_runs

    def spy(*args, **kw):
        seen.append(kw["n_runs"])
        return real(*args, **kw)

    monkeypatch.setattr(cl, "_leiden_runs", spy)
    X, _, _ = blobs(n_per=50, k=3, noise=0.9)
    A = cl.knn_graph(X / np.linalg.norm(X, axis=1, keepdims=True), 10)
    cl.consensus_leiden(A, resolution=2.0, seed=1, n_runs=30, rounds=3)
    assert seen[0] == 30 and all(r == 15 for r in seen[1:])
    seen.clear()
    cl.consensus_leiden(A, resolution=2.0, seed=1)  # default: many runs for a small graph
    assert seen[0] == 200


def test_few_clean_topics_are_not_split():
    """At resolution 2 modularity would cut a clean topic holding half of the corpus in two; the
    separability pass puts it back (two topics stay two, for every seed)."""
    rng = np.random.default_rng(0)
    X = np.vstack([c + 0.2 * rng.normal(size=(20, 16)) for c in rng.normal(size=(2, 16))])
    for s in (1, 2, 3):
        m = TopicModel(seed=s).fit(X)
        assert m.n_topics_ == 2
        assert len(set(m.labels_[:20]) - {-1}) == 1 and len(set(m.labels_[20:]) - {-1}) == 1


def test_joined_title_dateline_passage_flagged():
    # the segmenter joins a report's title, dateline and address into one passage; each line is a formula
    joined = "政府工作报告\n\n——2024年1月8日在苏州市第十七届人民代表大会第三次会议上\n\n各位代表："
    resolution = "（2023年10月20日政协江苏省第十三届委员会常务委员会第五次会议通过）"
    title = "# 中国共产党苏州市第十三届委员会第五次全体会议决议（节选）"
    mixed = "政府工作报告\n\n推进太湖治理和长江大保护，完成国考断面水质提升任务，建设美丽江苏。"
    r = boilerplate_reasons([joined, resolution, title, mixed])
    assert r[:3] == ["dateline", "dateline", "heading"], r
    assert r[3] is None  # one substantive line keeps the passage in the topics


def test_plenum_opening_counts_as_framing():
    texts = ["中国共产党苏州市第十三届委员会第五次全体会议，在市委常委会主持下，于2023年7月28日在苏州举行。全会深入学习贯彻党的二十大精神。",
             "推进太湖治理和长江大保护"]
    assert formula_share(texts, [0, 1]) == {0: 1.0, 1: 0.0}
    # the bridges between a report's parts (the framing topic of 江苏省's reports;
    # docs/benchmarks-history.md "Label quality")
    bridges = ["做好今年的工作，必须求真务实，把握全局，突出重点，在四个方面取得明显进展：",
               "实现今年发展目标，要把握全局，突出重点，着力做好十个方面工作。",
               "过去五年，是极不寻常、极不平凡的五年。",
               "新时代赋予新使命，新征程呼唤新作为。",
               "深入开展国防教育，提高国防动员和后备力量建设质量。"]
    assert formula_share(bridges, [0, 0, 0, 0, 1]) == {0: 1.0, 1: 0.0}


def test_leiden_backend_setting_reaches_every_consensus(monkeypatch):
    """``[topics] leiden_backend`` picks the backend of the area fit and of the 议题 re-clustering alike."""
    import topicmine.topics.cluster as cl

    seen: list[str] = []
    real = cl._leiden_runs

    def spy(*args, **kw):
        seen.append(kw["backend"])
        return real(*args, **kw)

    monkeypatch.setattr(cl, "_leiden_runs", spy)
    X, y, _ = blobs(n_per=30, k=3, noise=0.3, seed=8)
    words = [["营商环境", "民营企业", "审批"], ["乡村振兴", "农业农村", "高标准农田"], ["养老服务", "护理型床位", "老年人"]]
    rng = np.random.default_rng(0)
    texts = ["".join(chr(0x4E00 + int(v)) for v in rng.integers(0, 20000, 30)) + "，".join(words[c]) for c in y]
    meta = [{"passage_id": f"p{i}", "doc_id": f"d{i}", "doc_type": "gov_report", "year": 2024, "region": "江苏省"}
            for i in range(len(X))]
    settings = {"leiden_backend": "networkit", "matter_unit": "passage"}
    discover_topics(X, texts, [words[c] for c in y], meta, model_id="demo", settings=settings)
    assert seen and set(seen) == {"networkit"}
    seen.clear()
    discover_topics(X, texts, [words[c] for c in y], meta, model_id="demo")
    assert seen and "networkit" not in set(seen)  # auto on a 90-point graph: networkit's Leiden
