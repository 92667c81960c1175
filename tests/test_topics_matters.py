"""议题 that name a matter: specificity ranks them above broad chapters, 回顾 and framing stay out, and the input
checks (reports stored twice, datelines) run when documents arrive, not in the topics stage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from topicmine.topics import discover_topics, rank_topics, topic_evidence
from topicmine.topics.nonmatter import is_review_heading, nonmatter_reason
from topicmine.topics.shares import share_table
from topicmine.topics.specificity import topic_specificity

ROOT = Path(__file__).resolve().parent.parent


def _noise(rng: np.random.Generator, n: int) -> list[str]:
    """n two-character words no other passage is likely to share."""
    return ["".join(chr(0x4E00 + int(c)) for c in rng.integers(0, 20000, 2)) for _ in range(n)]


def test_specific_matter_outranks_a_larger_broad_chapter():
    rng = np.random.default_rng(0)
    labels, toks, meta = [], [], []
    for y in range(2019, 2027):
        for _ in range(2):  # the matter: every passage names 高校毕业生 (and only these do)
            labels.append(0)
            toks.append(["高校毕业生", "就业", *_noise(rng, 4)])
            meta.append({"doc_id": f"r{y}", "doc_type": "gov_report", "year": y, "region": "某省"})
        for _ in range(4):  # the chapter: twice the passages, no object in common
            labels.append(1)
            toks.append(_noise(rng, 6))
            meta.append({"doc_id": f"r{y}", "doc_type": "gov_report", "year": y, "region": "某省"})
    spec = topic_specificity(labels, toks)
    assert spec[0].anchor == "高校毕业生" and spec[0].score > 0.5 > spec[1].score
    docs = [m["doc_id"] for m in meta]
    tab = share_table(labels, docs, {m["doc_id"]: m["year"] for m in meta}, topics=[0, 1])
    ev = topic_evidence(labels, meta)
    # by share alone the chapter wins (it is twice as large) …
    assert rank_topics(ev, shares=tab, weights={"specific": 0.0})[0].topic == 1
    # … with specificity the matter does, and its reason names the object its passages share
    ranked = rank_topics(ev, shares=tab, specificity=spec)
    assert ranked[0].topic == 0
    assert "“高校毕业生”" in ranked[0].reason and "“" not in ranked[1].reason


def _planted(seed: int = 1):
    """Three well-separated groups over 8 yearly reports: a matter (高校毕业生 in every passage), a chapter
    with no shared word, and a group told only in the reports' 回顾."""
    rng = np.random.default_rng(seed)
    d = 32
    centres = rng.normal(size=(3, d)) * 4
    V, T, toks, M, gold = [], [], [], [], []
    for y in range(2019, 2027):
        for g in range(3):
            for k in range(4):
                V.append(centres[g] + 0.3 * rng.normal(size=d))
                words = {0: ["高校毕业生", "就业见习", *_noise(rng, 4)], 1: _noise(rng, 6),
                         2: ["农村公路", "通车里程", *_noise(rng, 4)]}[g]
                toks.append(words)
                T.append("，".join(words) + "。")
                M.append({"passage_id": f"{y}-{g}-{k}", "doc_id": f"r{y}", "doc_type": "gov_report", "year": y,
                          "region": "某省", **({"part": "review"} if g == 2 else {})})
                gold.append(g)
    return np.array(V, dtype=np.float32), T, toks, M, np.array(gold)


def test_broad_and_review_matters_are_flagged_not_ranked():
    V, T, toks, M, gold = _planted()
    res = discover_topics(V, T, toks, M, settings={"min_topic_size": 4, "seed": 1, "matter_unit": "passage"}, model_id="test")
    lv = res.matters
    kinds: dict[int, set[str]] = {g: set() for g in range(3)}
    for t in lv.topic_ids:
        members = gold[lv.assignments == t]
        if len(members):
            g = int(np.bincount(members).argmax())
            kinds[g].add(lv.flags.get(t, "ranked"))
    assert kinds[0] == {"ranked"}
    assert kinds[1] == {"broad"}
    assert kinds[2] == {"review"}
    ranked_groups = {int(np.bincount(gold[lv.assignments == r.topic]).argmax()) for r in lv.ranked}
    assert ranked_groups == {0}
    assert lv.specificity[lv.ranked[0].topic].anchor in ("高校毕业生", "就业见习")


def test_framing_kinds_political_plan_and_short_lead_ins():
    assert nonmatter_reason("（一）增强“四个意识”，坚决维护党中央权威。始终在思想上政治上行动上同以习近平同志为核心的党中央"
                            "保持高度一致。") in ("political", "lead_in")
    assert nonmatter_reason("严守政治纪律，坚决维护党中央权威和集中统一领导，不折不扣贯彻落实党中央决策部署。") == "political"
    assert nonmatter_reason("《纲要草案》提出了2035年远景目标：紧紧围绕奋勇争先、更加出彩，基本建成现代化强省。") == "plan"
    assert nonmatter_reason("做好今年的政府工作，要以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。") == "plan"
    assert nonmatter_reason("（四）全面深化改革扩大开放。坚持以改革破局、以开放突围，持续用力打造内陆地区改革开放高地。") == "lead_in"
    assert nonmatter_reason("——各项改革全面深化。一些重点领域和关键环节改革取得积极成效，为经济社会发展注入活力。") == "lead_in"
    # a chapter heading followed by the matter itself is substance, not a lead-in
    matter = ("（三）推进农业转移人口市民化。深化户籍制度改革，推行以经常居住地登记户口制度，推动符合条件的农业转移人口"
              "在城镇落户，保障随迁子女在流入地受教育权利，将稳定就业的农民工纳入住房保障范围，完善农业转移人口市民化"
              "奖励机制。")
    assert nonmatter_reason(matter) is None
    assert nonmatter_reason("实施消费品以旧换新，支持汽车、家电更新换代，扩大县域商业体系建设。") is None


def test_review_headings():
    assert is_review_heading("一、2024年工作回顾", 2025)
    assert is_review_heading("一、过去五年工作回顾", 2023)
    assert is_review_heading("二、关于2019年工作", 2020)
    assert is_review_heading("一、2014年的政府工作", 2015)
    assert not is_review_heading("三、2025年重点工作", 2025)
    assert not is_review_heading("二、2025年工作总体要求和主要目标", 2025)
    assert not is_review_heading("（二）推进新型城镇化", 2025)


_PARAS = [
    "深入实施就业优先战略，促进高校毕业生、退役军人、农民工等重点群体就业，开发见习岗位三万个，兜底帮扶困难人员。",
    "推进农村人居环境整治提升，开展厕所革命和生活垃圾分类，因地制宜推进生活污水治理，建设宜居宜业和美乡村。",
    "有效防范化解地方政府债务风险，严禁新增隐性债务，加快融资平台市场化转型，守住不发生系统性风险的底线。",
    "持续实施消费品以旧换新，支持汽车、家电、家装更新换代，培育文旅、体育、养老等服务消费新增长点。",
    "加强森林草原防灭火，落实地方党政领导责任，完善监测预警和应急处置机制，提升基层扑救队伍专业化水平。",
    "办好人民满意的教育，增加公办学前教育学位，推进义务教育优质均衡发展，扩大普通高中优质资源供给。",
]


def _report(year: int, dateline: int, extra: str = "") -> str:
    return (f"---\ntitle: {year}年政府工作报告\n---\n\n# 政府工作报告\n\n"
            f"——{dateline}年1月15日在某省第十三届人民代表大会第三次会议上\n\n"
            + "\n\n".join(p + extra for p in _PARAS) + "\n")


def test_input_checks_run_at_ingest_and_topics_read_them(tmp_path):
    src = tmp_path / "src" / "四川省"
    src.mkdir(parents=True)
    # 2019.md is the 2020 report filed a year early and stored twice (the 四川省 case); 2021.md is its own
    # (not byte-identical: an exact copy is one document already; this one carries a later note)
    (src / "2019.md").write_text(_report(2019, 2020) + "\n本报告另附名词解释，供代表审议时参阅，不作为正式文件。\n",
                                 encoding="utf-8")
    (src / "2020.md").write_text(_report(2020, 2020), encoding="utf-8")
    (src / "2021.md").write_text(_report(2021, 2021, "今年继续推进。"), encoding="utf-8")
    work = tmp_path / "work"
    out = subprocess.run([sys.executable, "-m", "topicmine.cli", "ingest", str(tmp_path / "src"), "--workdir", str(work),
                          "--json", "-q"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout.strip().splitlines()[-1])
    checks = s["input_checks"]
    assert len(checks["duplicates"]) == 1 and checks["duplicates"][0]["new"] is True
    assert "几乎相同" in checks["duplicates"][0]["message"]
    assert [(m["stored_year"], m["dateline_year"]) for m in checks["year_mismatches"]] == [(2019, 2020)]
    copy = checks["duplicates"][0]["copy"]
    assert copy == checks["year_mismatches"][0]["doc_id"]  # the copy kept out is the one filed under the wrong year
    # the topics job reads what ingest saved (same store, no recomputation needed) …
    from topicmine.cli import _workspace
    from topicmine.pipeline.input_checks import META_KEY, stored_checks

    ws = _workspace(work, None)
    saved = ws.store.meta_get(META_KEY)
    assert saved["fingerprint"] == ws.store.fingerprint()
    assert stored_checks(ws)["copies"] == [copy]
    assert stored_checks(ws)["year_of"] == {copy: 2020}
    # … and the plain summary says it in Chinese
    out = subprocess.run([sys.executable, "-m", "topicmine.cli", "ingest", str(tmp_path / "src"), "--workdir",
                          str(tmp_path / "work2"), "-q"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert "输入检查：1对疑似重复存放的同类文件，1份文件落款年份与存放年份不一致" in out.stdout


def test_government_conduct_said_other_ways_is_self():
    # the 河南省 framing topic that slipped ("维护党中央权威": 作风, 能力建设, 政绩观) and 江苏省's 钉钉子精神
    for text in ["（五）砥砺严实作风，始终保持开拓进取奋发有为的精神状态。自觉践行“三严三实”要求，真正把心思用在谋发展上。"
                 "坚持勤奋学习，丰富专业知识，提高专业素养，增强专业能力，努力使自己成为本职工作的行家里手。",
                 "要加强能力建设。坚持为人民出政绩、以实干出政绩，强化投入产出、成本效益、节约集约观念，善于用市场化思维抓工作。",
                 "树牢正确的政绩观。坚持从群众根本利益出发想问题、做决策、抓工作，多做打基础、增后劲、利长远的实事。",
                 "我们将扎扎实实踏踏实实抓落实，进一步提升抓落实的自觉、担当和能力，以钉钉子精神把基础夯实、把步子迈实。"]:
        assert nonmatter_reason(text) == "self", text
    # a matter's own 能力建设 is not the government's conduct
    assert nonmatter_reason("加强农业基础能力建设。强化水利基础保障作用，加快出山店水库、病险水库水闸除险加固、中小河流治理、"
                            "大中型灌区节水改造等项目建设，实施一批引黄调蓄、中小水源及水系连通工程。") is None
