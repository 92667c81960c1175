"""成果转化: asks, ask ↔ passage alignment, the 采纳 scorer and its evaluation."""

from __future__ import annotations

import json

import pytest

from topicmine.uptake.alignment import Lexicon, align_lexical, content_words, longest_common_run
from topicmine.uptake.asks import extract_asks, suggestion_part
from topicmine.uptake.scorer import UptakeScorer, best_f1_threshold, describe, pick_threshold
from topicmine.uptake.uptake_eval import _auc, _precision_at_recall

PROPOSAL = ("调研情况：全省农村老年人口比重持续上升。问题分析：互助养老缺少场地和经费。"
            "具体建议：1、建立农村互助养老服务体系。在每个行政村建设互助养老睦邻点。"
            "2、设立农村养老服务专项资金。省财政每年安排专项资金支持互助养老点运营。"
            "3、加强养老护理人员培训。")


def test_asks_from_the_suggestion_part():
    off, part = suggestion_part(PROPOSAL)
    assert part.startswith("1、建立农村互助养老")
    asks = extract_asks(PROPOSAL)
    assert [a.headline for a in asks] == ["建立农村互助养老服务体系。", "设立农村养老服务专项资金。", "加强养老护理人员培训。"]
    for a in asks:
        assert PROPOSAL[a.start:a.end] == a.text and a.start >= off
    assert "在每个行政村建设互助养老睦邻点。" in asks[0].sentences
    # "一是…二是…" and a text without a marked suggestion part
    assert [a.headline for a in extract_asks("建议：一是提高护理人员待遇。二是建立职业晋升通道。")] == \
        ["提高护理人员待遇。", "建立职业晋升通道。"]
    assert extract_asks("加快建设城市生命线工程。完善应急管理体系。")[0].headline == "加快建设城市生命线工程。"


def test_alignment_finds_the_measure_and_ignores_boilerplate():
    passages = ["大力发展农村互助养老，新建互助养老睦邻点1000个，实现涉农街道全覆盖。",
                "坚持高质量发展，加强体系建设，推进各项工作全面提升。"]
    asks = extract_asks(PROPOSAL)
    lex = Lexicon.fit(passages + [s for a in asks for s in a.sentences])
    sents = [s for a in asks for s in a.sentences]
    good = align_lexical(sents, passages[0], lex)
    assert {"互助", "养老"} <= set(good["shared"]) and good["commit"] == 1.0
    assert passages[0][good["p_start"]:good["p_end"]] == good["passage_sentence"]
    bad = align_lexical(sents, passages[1], lex)
    assert bad["shared_n"] == 0  # 加强/体系/建设 are boilerplate, never evidence
    assert content_words("加快推进农村互助养老服务") == ["农村", "互助", "养老"]
    assert longest_common_run("广泛采取集团化办学方式", "深化紧密型集团化办学") == "集团化办学"


def test_thresholds_and_ranking_metrics():
    scores = [0.9, 0.8, 0.7, 0.6, 0.2]
    gold = [True, True, False, True, False]
    assert pick_threshold(scores, gold, 0.8) == 0.8  # at 0.6 precision is 3/4 < 0.8
    assert best_f1_threshold(scores, gold) in (0.8, 0.6)
    assert _auc([0.9, 0.1], [True, False]) == 1.0 and _auc([0.1, 0.9], [True, False]) == 0.0
    assert _precision_at_recall(scores, gold, 1.0) == 0.75


def test_scorer_fit_levels_and_wording(tmp_path):
    feats, labels = [], []
    for k in range(30):
        strong = k % 3 == 0
        mid = k % 3 == 1
        feats.append({"cos_item": 0.85 + 0.05 * strong, "cos_ask": 0.8 + 0.1 * strong, "cos_sent": 0.8 + 0.1 * strong,
                      "shared_idf": 30.0 * strong + 10.0 * mid, "shared_n": 5 * strong + 2 * mid, "lcs": 6 * strong,
                      "commit": 1.0 * strong, "generic": 1.0 * mid})
        labels.append("采纳" if strong else ("呼应" if mid else "无"))
    s = UptakeScorer.fit(feats, labels, target_precision=0.8)
    assert [s.level(f)[0] for f in feats[:3]] == ["采纳", "呼应", "无"]
    p = tmp_path / "w.json"
    s.save(p)
    again = UptakeScorer.load(p)
    assert again.level(feats[0])[0] == "采纳"
    text = describe("采纳", "2024年江苏省政府工作报告", "建立农村互助养老服务体系", "新建互助养老睦邻点1000个")
    assert text.startswith("与建议一致的举措已写入《2024年江苏省政府工作报告》") and "因" not in text


def test_shipped_weights_load():
    s = UptakeScorer.load()
    assert 0.0 < s.t_adopt < 1.0 and "uptake_dev" in s.trained_on


@pytest.mark.slow
def test_eval_uptake_on_dev_labels(data_dir, model_dir, tmp_path):
    from topicmine.evaluate import eval_uptake
    from topicmine.pipeline import Workspace

    path = data_dir / "jszx_proposals_2019" / "uptake_dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} missing")
    ws = Workspace.from_settings(None, workdir=tmp_path / "var")
    res = eval_uptake(ws, path)
    json.dumps(res, ensure_ascii=False)
    assert res["n_items"] == 70 and res["n_passages"] == 420
    base = res["baseline_e5_cosine"]
    assert 0.5 < base["auc"] < 1.0
    # out-of-fold, the scorer must rank 采纳 passages better than the cosine it starts from
    assert res["scorer_cv"]["auc_adopt"] > base["auc"]
    # the sentence-pair scorer is measured in the same run, over the same repeated grouped folds
    pair = res["pair_scorer_cv_repeated"]
    assert pair["auc_mean"] > base["auc"] and len(pair["precision_at_recall_0.7_each"]) == 5


# ---- the sentence-pair scorer (uptake3) ----------------------------------------------------------------------
def test_ask_sentences_come_from_the_text_layer():
    from topicmine.text.sentences import sentences

    text = ("具体建议：1、保障疾控人员经费。国办发(国办发〔2017〕5号）要求足额列入预算。浙江省参照公务员发放；"
            "2、设立专项资金。\n")
    asks = extract_asks(text)
    assert [a.headline for a in asks] == ["保障疾控人员经费。", "设立专项资金。"]
    # a half-width "(" closed by a full-width "）" no longer swallows the rest of the ask
    assert asks[0].sentences == ["保障疾控人员经费。", "国办发(国办发〔2017〕5号）要求足额列入预算。", "浙江省参照公务员发放；"]
    assert asks[0].sentences == sentences("保障疾控人员经费。国办发(国办发〔2017〕5号）要求足额列入预算。浙江省参照公务员发放；")


def _bag(cos: float, commit: float, same_action: float, n: int = 3):
    import numpy as np

    from topicmine.uptake.pair_scorer import PAIR_FEATURES

    rows = np.zeros((n, len(PAIR_FEATURES)))
    rows[:, 0] = 0.80  # the other pairs of the passage: unrelated sentences
    rows[0, 0] = cos
    rows[0, PAIR_FEATURES.index("commit")] = commit
    rows[0, PAIR_FEATURES.index("same_action")] = same_action
    rows[0, PAIR_FEATURES.index("shared_idf")] = 2.0 * commit
    return rows


def test_pair_scorer_ranks_committing_pairs_and_names_them(tmp_path):
    from topicmine.errors import ModelError
    from topicmine.uptake.pair_scorer import PairScorer, fit_with_threshold, repeated_pair_cv, soft_max

    bags, adopted, groups = [], [], []
    for k in range(40):
        yes = k % 4 == 0
        bags.append(_bag(0.92 if yes else 0.90 - 0.002 * (k % 5), 1.0 if yes else 0.0, 1.0 if yes else float(k % 2)))
        adopted.append(yes)
        groups.append(f"p{k // 2}")
    m = fit_with_threshold(bags, adopted, groups)
    scores = [m.passage(b)[0] for b in bags]
    assert min(s for s, a in zip(scores, adopted) if a) > max(s for s, a in zip(scores, adopted) if not a)
    assert all(m.passage(b)[1] == 0 for b, a in zip(bags, adopted) if a)  # the committing pair is the alignment
    assert all((s >= m.t_adopt) == a for s, a in zip(scores, adopted))
    assert m.probability(m.t_adopt) == 0.5
    cv = repeated_pair_cv(bags, adopted, groups, repeats=2)
    assert cv["auc_mean"] == 1.0 and len(cv["precision_at_recall_0.7_each"]) == 2
    assert soft_max([1.0, 1.0]) > soft_max([1.0]) == 1.0
    p = tmp_path / "pw.json"
    m.manifest = {"data": {"sha256": "x"}}
    m.save(p)
    again = PairScorer.load(p)
    assert again.passage(bags[0]) == m.passage(bags[0]) and again.manifest == m.manifest
    d = json.loads(p.read_text(encoding="utf-8"))
    d["features"] = d["features"][:-1]
    p.write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(ModelError, match="train_uptake_pairs"):
        PairScorer.load(p)


def test_shipped_pair_weights_carry_a_manifest():
    from topicmine.uptake.pair_scorer import PAIR_FEATURES, PairScorer

    s = PairScorer.load()
    assert len(s.coef) == len(PAIR_FEATURES)
    man = s.manifest
    assert man["data"]["path"] == "uptake_dev.jsonl" and len(man["data"]["sha256"]) == 16
    assert man["model_id"].startswith("multilingual-e5-small")
    assert 0.0 < man["cv"]["precision_at_recall_0.7_mean"] < 1.0 and "sealed" in man["held_out"]


@pytest.mark.slow
def test_refresh_scores_later_text_with_the_pair_scorer(model_dir, sample_dir, tmp_path):
    """A real 建议案 and a later 政府工作报告 of the sample corpus: the pair scorer decides 采纳 and names the
    aligned ask sentence and report sentence, both verbatim."""
    import shutil

    from topicmine.pipeline import Workspace, ingest
    from topicmine.uptake.refresh import refresh_links
    from topicmine.uptake.store import links

    corpus = tmp_path / "corpus"
    (corpus / "建议案").mkdir(parents=True)
    shutil.copy(sample_dir / "建议案" / "2023" / "关于深化产教融合推动职业教育高质量发展的建议案.md", corpus / "建议案")
    shutil.copytree(sample_dir / "政府工作报告" / "江苏省", corpus / "政府工作报告")
    ws = Workspace.from_settings(None, workdir=tmp_path / "var")
    try:
        ingest(ws, [corpus], show_progress=False)
        refresh_links(ws)
        up = links(ws.store, kind="uptake")
        assert up and {r["method"] for r in up} == {"pairs+e5+lr"}
        adopted = [r for r in up if r["level"] == "采纳"]
        assert adopted, [r["evidence"]["statement"] for r in up]
        for r in adopted:
            ev = r["evidence"]
            src = ws.store.get_document(r["src_doc"]).text
            dst = ws.store.get_document(r["dst_doc"]).text
            assert ev["ask"] in src and ev["passage_sentence"] in dst
            assert ev["statement"].startswith("与建议一致的举措已写入《")
    finally:
        ws.close()
