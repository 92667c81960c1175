"""Drafting cases, each built from the failing case the drafter met (one matter, grounds, genre, units, forms)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from topicmine.drafts import check_draft, read_report, split_report
from topicmine.drafts.departments import load_departments_for_level, report_level
from topicmine.drafts.grounds import duplicate_check
from topicmine.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"
LA = SAMPLE / "调研报告" / "2025" / "关于苏州市低空经济发展情况的调研报告.md"
OLD_YOUNG = SAMPLE / "调研报告" / "2024" / "关于我省一老一小服务体系建设情况的调研报告.docx"


def _c(rep, name):
    return next(c for c in rep.checks if c.name == name)


# --- 一事一案 / 一事一报 at any item count -------------------------------------------------------------------

THREE_MATTERS = (
    "关于加强民生保障的提案\n调研情况：近年来我市民生投入持续增加。\n问题分析：部分领域仍有短板。\n具体建议：\n"
    "一是提高养老护理员薪酬待遇，建立与技能等级挂钩的养老护理员工资制度，对持证护理员给予岗位补贴。\n"
    "二是规范校外培训机构收费，严查校外培训机构预收费超过三个月的行为，建立培训费资金监管账户。\n"
    "三是更换城区道路护栏，修复损坏的道路护栏和中央隔离设施，在学校周边路段加装防撞护栏。\n"
)

OPINION_TWO = (
    "养老机构消防和托育预收费问题应引起重视\n反映人：王某（市政协委员）\n"
    "情况：部分2010年以前建成的农村敬老院消防设施老化，自动喷水灭火系统不能正常运行，疏散通道被杂物占用。"
    "另有部分托育机构要求家长一次性预交一年托育费，个别机构关门后家长预付费难以退回。\n"
    "原因分析：养老机构消防改造资金不足；托育机构预收费缺乏资金监管。\n"
    "意见建议：1. 由民政、消防救援部门对农村敬老院消防设施逐一排查，限期更换失效的喷淋系统。"
    "2. 将托育机构预收费纳入资金监管，单次预收不超过三个月，设立预收费专用账户。\n"
)


def test_three_unrelated_items_fail_one_matter():
    rep = check_draft(THREE_MATTERS, "proposal")
    om = _c(rep, "one_matter")
    assert not om.passed and "提案" in om.message and "全国政协提案工作条例" in om.message
    assert not rep.passed


def test_opinion_joining_two_matters_fails_with_opinion_rules():
    rep = check_draft(OPINION_TWO, "opinion")
    om = _c(rep, "one_matter")
    assert not om.passed
    assert "一事一报" in om.message and "社情民意信息" in om.message and "提案工作条例" not in om.message


def test_single_real_proposals_pass_and_joined_pairs_fail(data_dir):
    import csv

    rows = list(csv.DictReader((data_dir / "jszx_proposals_2019" / "jszx2019_dev.csv").open(encoding="utf-8")))
    sample = rows[144:160]  # held-out half
    for r in sample:
        rep = check_draft(r["reason"] + "\n" + r["content"], "proposal")
        assert _c(rep, "one_matter").passed, r["reason"]
    a, b = rows[150], rows[200]
    assert a["type"] != b["type"]
    joined = a["reason"] + "\n" + a["content"] + "\n" + b["content"]
    assert not _c(check_draft(joined, "proposal"), "one_matter").passed


def test_split_drafts_pass_their_own_one_matter_check():
    text, heads = read_report(OLD_YOUNG)
    r = split_report(text, headings=heads)
    for d in r.drafts:
        assert _c(d.checks, "one_matter").passed, (d.title, _c(d.checks, "one_matter").message)
    # the 社情民意信息 joining 养老机构消防 with 托育预收费 is now two
    opinions = [d for d in r.drafts if d.genre == "opinion"]
    assert not any("消防" in d.text() and "预收费" in d.text() for d in opinions)


# --- grounds not accepted ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("关于尽快审结张某某合同纠纷案的提案\n调研情况：原告张某某诉某公司合同纠纷一案目前处于二审中。\n"
     "问题分析：案件久拖不决。\n具体建议：建议法院加快审理进度，尽快作出判决。", "litigation"),
    ("关于提拔李某某同志的提案\n调研情况：李某某同志在基层工作二十年，业绩突出。\n问题分析：长期未获重用。\n"
     "具体建议：建议提拔李某某担任县交通局局长。", "personnel"),
])
def test_litigation_and_personnel_grounds(text, name):
    rep = check_draft(text, "proposal")
    c = _c(rep, name)
    assert not c.passed and "不予立案" in c.message and c.spans


def test_generic_justice_or_cadre_proposals_are_not_flagged():
    rep = check_draft("关于完善干部选拔任用机制的提案\n调研情况：近年来干部队伍结构持续优化。\n问题分析：选拔视野不够开阔。\n"
                      "具体建议：建议完善干部提拔任用机制，推行公开选拔，健全行政诉讼案件审理机制。", "proposal")
    assert _c(rep, "litigation").passed and _c(rep, "personnel").passed


# --- 社情民意信息: rules, 反映人, plain titles ---------------------------------------------------------------

def test_sample_opinion_passes_with_plain_title_and_reporter():
    text, _ = read_report(SAMPLE / "社情民意信息" / "2025" / "无人机小区上空盘旋拍摄扰民问题应引起重视.md")
    body = text.split("---", 2)[-1]
    rep = check_draft(body, "opinion")
    assert rep.title and rep.title.startswith("无人机在居民小区上空")
    assert _c(rep, "reporter").passed and _c(rep, "title_body").passed
    messages = " ".join(c.message for c in rep.checks)
    assert "关于……的提案" not in messages and "提案工作条例" not in messages


def test_opinion_without_reporter_fails():
    rep = check_draft(OPINION_TWO.replace("反映人：王某（市政协委员）\n", ""), "opinion")
    assert not _c(rep, "reporter").passed and "反映人" in _c(rep, "reporter").message


# --- duplicate message ----------------------------------------------------------------------------------

def test_duplicate_message_plain_words_and_no_merge_for_opinion():
    item = {"level": "相近", "score": 0.15, "doc_type": "proposal", "title": "关于加强城市低空无人机飞行安全监管的提案",
            "number": "0044", "date": "2025-01-06",
            "sentences": [{"a_text": "x", "b_text": "明确由公安部门牵头处置"}]}
    c = duplicate_check([item], "opinion")
    assert "高度" not in c.message and "0.15" not in c.message and "并案" not in c.message
    assert "提案第0044号" in c.message and "2025-01-06" in c.message and "相近" in c.message
    assert "公安部门牵头处置" in c.message
    dup = duplicate_check([{**item, "level": "重复"}], "proposal")
    assert not dup.passed and "并案" in dup.message and "重复" in dup.message


# --- 承办单位 by level -------------------------------------------------------------------------------------

def test_city_report_gets_city_units_and_named_unit_first():
    assert report_level(LA.read_text(encoding="utf-8"))[0] == "市"
    d = load_departments_for_level("市")
    hs = d.suggest("建议市工信局会同市财政局设立低空经济产业基金，支持整机企业落地。", level="市")
    assert hs[0].name == "市工业和信息化局" and "正文建议由" in hs[0].reasons[0]
    assert all(not h.name.startswith("省") for h in hs)
    drone = d.suggest("无人机在小区上空盘旋拍摄扰民，违规飞行查处难，建议加强无人机监管和反制。", level="市")
    assert drone[0].name == "市公安局"


def test_split_of_city_report_names_no_provincial_unit():
    text, heads = read_report(LA)
    r = split_report(text, headings=heads)
    assert r.level == "市"
    names = [h["name"] for d in r.drafts for h in d.handlers]
    assert names and not any(n.startswith("省") for n in names)
    safety = next(d for d in r.drafts if "安全" in d.title)
    assert safety.handlers[0]["name"] == "市公安局"


# --- forms, titles, empty input, genre override, output folder ------------------------------------------------

def test_forms_have_placeholders_in_docx_and_md(tmp_path):
    import docx

    text, heads = read_report(LA)
    r = split_report(text, tmp_path / "out", headings=heads, genres={"u10": "opinion"})
    by_genre = {d.genre: d for d in r.drafts}
    assert set(by_genre) == {"motion", "proposal", "opinion"}
    for f in sorted((tmp_path / "out").glob("*.docx")):
        paras = [p.text for p in docx.Document(str(f)).paragraphs]
        joined = "\n".join(paras)
        if "_提案_" in f.name:
            assert all(k in joined for k in ("提案人：", "界别：", "联系方式：", "建议承办单位："))
            unit_line = next(ln for ln in paras if ln.startswith("建议承办单位："))
            # filled from the suggestion, with units of the report's (市) level
            assert "【请填写】" not in unit_line and "省" not in unit_line, unit_line
        if "_建议案_" in f.name:
            assert all(k in joined for k in ("主送：", "落款：", "日期："))
        if "_社情民意信息_" in f.name:
            assert "反映人及单位：" in joined
    md = next((tmp_path / "out").glob("*_社情民意信息_*.md")).read_text(encoding="utf-8")
    assert "反映人及单位：【请填写】" in md
    # the tool's own 提案 .docx, read back as text, passes the title check and is still a 提案
    f = next((tmp_path / "out").glob("*_提案_*.docx"))
    text2, _ = read_report(f)
    rep = check_draft(text2)
    assert rep.genre == "proposal" and _c(rep, "title_body").passed and rep.title.startswith("关于")


def test_genre_override_of_one_item_moves_only_that_item():
    # u9 (安全监测和反制网络) sits in the 安全底线 提案; u10 (小区上空盘旋拍摄) leaves it by itself (urgent item)
    text, heads = read_report(LA)
    before = split_report(text, headings=heads)
    after = split_report(text, headings=heads, genres={"u9": "opinion"})
    op = [d for d in after.drafts if d.genre == "opinion"]
    assert [d.unit_ids for d in op if "u9" in d.unit_ids] == [["u9"]]
    old = next(d for d in before.drafts if "u9" in d.unit_ids)
    assert old.genre == "proposal" and len(old.unit_ids) > 1
    rest = next(d for d in after.drafts if set(d.unit_ids) == set(old.unit_ids) - {"u9"})
    assert rest.genre == old.genre


def test_unknown_override_id_is_a_chinese_error():
    text, heads = read_report(LA)
    with pytest.raises(InputError, match="不存在"):
        split_report(text, headings=heads, genres={"u99": "opinion"})


@pytest.mark.parametrize("text,words", [
    ("关于加强养老服务的建议", "过短"),
    ("近年来我市养老服务发展较快，但也存在一些问题，群众对养老服务的期待越来越高，养老机构数量逐年增加，"
     "护理员队伍不断壮大，社区居家养老服务中心基本实现全覆盖，老年人的获得感持续提升。", "未找到建议条目"),
])
def test_short_or_headingless_input_says_so(text, words):
    with pytest.raises(InputError, match=words):
        split_report(text)


def test_rerun_into_same_folder_leaves_no_stale_drafts(tmp_path):
    text, heads = read_report(LA)
    out = tmp_path / "out"
    split_report(text, out, headings=heads, genres={"u10": "opinion"})
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    r2 = split_report(text, out, headings=heads)
    names = sorted(p.name for p in out.iterdir())
    assert sorted(r2.files + ["notes.txt"]) == names  # only this run's files (and the user's own)
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["level"] == "市"


def test_titles_name_the_subject_and_keep_quotes_balanced():
    text, heads = read_report(LA)
    r = split_report(text, headings=heads)
    for d in r.drafts:
        assert d.title.count("“") == d.title.count("”"), d.title
    assert "关于加强区域协同的提案" not in [d.title for d in r.drafts]


def test_a_generic_city_word_is_no_named_city():
    # filed provincial proposals ("关于完善城市环卫公厕指引系统的建议", "关于治理城市“僵尸车”的建议") were read as 市
    # because "关于完善城市" looked like "关于苏州市": their check-draft then proposed 市 bodies
    assert report_level("关于完善城市环卫公厕指引系统的建议\n城市公厕是城市基础设施的重要组成部分。")[0] == "省"
    assert report_level("关于在城市主要干道斑马线设置请求式红绿灯\n行人过街难。")[0] == "省"
    assert report_level("关于治理城市“僵尸车”的建议\n各地城市道路上长期停放的车辆……全省")[0] == "省"
    # a city named with its government is the place a text is about, not its level (filed provincial proposals on
    # 南京's 老城区 and 体育城市 were answered by 市 bodies); the text's own words say it ("我市", "市政协")
    assert report_level("关于加强南京市老城区街坊路交通管理\n……")[0] == "省"
    assert report_level("超市市场……苏州市委、市政府高度重视")[0] == "省"
    assert report_level("超市市场……我市各区")[0] == "市"
