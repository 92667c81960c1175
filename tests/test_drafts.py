"""Drafting assistant: report analysis, genre suggestion, assembly, checks (tables of expected results)."""

from __future__ import annotations

import csv
import json
import re

import pytest

from topicmine.drafts import (
    analyze_report,
    assemble_draft,
    check_draft,
    split_report,
    suggest_genre,
    verify_quotes,
)
from topicmine.drafts.analyze import classify_heading, clean_text, parse_sections, sentence_spans
from topicmine.drafts.assemble import title_core
from topicmine.drafts.departments import DepartmentDict

# A realistic 调研报告 excerpt: 基本情况 → 存在问题（一）（二） → 对策建议（一）（二）with 一是……二是……
REPORT = """关于我市养老服务体系建设情况的调研报告

一、基本情况
近年来，市委市政府高度重视养老服务工作。截至2023年底，全市60岁以上户籍老年人口达42.6万人，占户籍总人口的24.8%。全市共有养老机构126家，床位1.9万张，建成社区居家养老服务中心318个。
二、存在问题
（一）护理人才队伍不稳定。全市养老护理员仅2100人，平均年龄52岁，持证上岗率不足60%，年流失率超过30%，群众反映护理服务质量参差不齐。
（二）农村养老服务设施薄弱。部分乡镇敬老院设施老化，消防安全隐患突出，近期检查发现17家存在电气线路老化问题。
三、对策建议
（一）加强养老护理人才队伍建设。一是提高护理员薪酬待遇，由市民政局会同市人社局建立与技能等级挂钩的薪酬制度，对取得职业技能等级证书的给予每月300元岗位补贴。二是将养老护理纳入市职业技能培训补贴目录，每年培训护理员不少于500人次。三是在市卫生职业技术学院开设老年服务与管理专业，定向培养护理人才。
（二）补齐农村养老服务设施短板。一是对17家存在电气线路老化问题的乡镇敬老院开展消防安全专项整治，今年底前完成线路改造。二是统筹安排福利彩票公益金，支持乡镇敬老院转型为区域性养老服务中心。
"""


def test_sections_table():
    secs = parse_sections(REPORT)
    got = [(s.number, s.heading, s.kind) for s in secs]
    assert got == [
        ("一、", "基本情况", "situation"),
        ("二、", "存在问题", "problem"),
        ("（一）", "护理人才队伍不稳定", "problem"),
        ("（二）", "农村养老服务设施薄弱", "problem"),
        ("三、", "对策建议", "suggestion"),
        ("（一）", "加强养老护理人才队伍建设", "suggestion"),
        ("（二）", "补齐农村养老服务设施短板", "suggestion"),
    ]
    for s in secs:  # offsets point at the numbering token
        assert REPORT[s.start:].startswith(s.number)


@pytest.mark.parametrize(
    "heading,kind",
    [("一、基本情况", "situation"), ("二、存在的主要问题", "problem"), ("三、几点建议", "suggestion"),
     ("（二）问题分析", "problem"), ("关于完善城市环卫公厕指引系统的建议", "matter"), ("（三）加快数字化转型", None)],
)
def test_classify_heading(heading, kind):
    assert classify_heading(heading) == kind


def test_units_enumerations_offsets_and_groups():
    a = analyze_report(REPORT)
    assert [u.text[:2] for u in a.units] == ["一是", "二是", "三是", "一是", "二是"]
    for u in a.units:
        assert REPORT[u.start:u.end] == u.text  # offsets into the source
        assert u.marker == "enumeration"
        assert u.key_terms
    # one matter per 对策建议 subsection; headings carried
    assert [g.heading for g in a.groups] == ["加强养老护理人才队伍建设", "补齐农村养老服务设施短板"]
    assert [len(g.unit_ids) for g in a.groups] == [3, 2]
    # 问题（一）↔ 建议（一）: parallel section supports the first group's units
    first = a.units[0]
    probs = [p for p in first.support if p.kind == "problem"]
    assert probs and probs[0].text.startswith("（一）护理人才队伍不稳定")
    assert any("同一事项" in r for r in probs[0].reasons)  # aligned: the matter's own problem item
    second = a.units[3]
    assert any(p.text.startswith("（二）农村养老服务设施薄弱") for p in second.support)
    for p in first.support:
        assert REPORT[p.start:p.end] == p.text


def test_numbered_items_and_jiangsu_markers():
    text = ("调研情况：全省现有公厕3200座，群众反映找厕难。问题分析：指引牌缺失，线上地图信息不全。"
            "具体建议：1.在主要路口设置公厕指引牌，标注方向和距离。2.将公厕位置接入地图APP，实时更新开放时间。")
    a = analyze_report(text)
    assert [s.kind for s in a.sections if s.inline] == ["situation", "problem", "suggestion"]
    assert [u.text for u in a.units] == ["1.在主要路口设置公厕指引牌，标注方向和距离。", "2.将公厕位置接入地图APP，实时更新开放时间。"]
    assert len(a.groups) == 1  # one proposal's list of measures is one matter
    assert {p.kind for p in a.groups[0].support} == {"situation", "problem"}


def test_sentence_spans_ignore_hard_wraps():
    # PDF-extracted proposals wrap lines (~40 characters) inside sentences; a wrap is not a sentence end
    line1 = "国家对厕所问题的关注，说到底是对人的关注，是以人民为中心。三年来，全国公厕数量与"
    text = line1 + "\n硬件水平大幅提升。问题分析：\n指引牌缺失。"
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == ["国家对厕所问题的关注，说到底是对人的关注，是以人民为中心。", "三年来，全国公厕数量与\n硬件水平大幅提升。",
                     "问题分析：", "指引牌缺失。"]
    assert clean_text("国家对厕所\n问题的关注") == "国家对厕所问题的关注"


def test_genre_reasons_and_override():
    a = analyze_report(REPORT)
    g = suggest_genre(a.units[0])
    assert g.genre in ("proposal", "opinion", "motion", "keep")
    assert g.reasons and all(isinstance(r, str) for r in g.reasons)
    assert set(g.scores) == {"motion", "proposal", "opinion", "keep"}
    assert "n_departments" in g.features and "scope_words" in g.features
    grp = suggest_genre(a.groups[0], units=a.group_units(a.groups[0]))
    assert grp.genre == "proposal"
    assert any("具体性" in r for r in grp.reasons)
    o = suggest_genre(a.groups[0], units=a.group_units(a.groups[0]), override="社情民意信息")
    assert o.genre == "opinion" and o.overridden and o.reasons[0].startswith("用户指定文种")


@pytest.mark.parametrize(
    "text,genre",
    [
        ("建议在全省统筹建立跨部门的数据共享体制机制，完善顶层设计，由省发改委、省财政厅、省数据局、省工信厅共同推进，"
         "形成全省一体化的政策体系。", "motion"),
        ("近期群众反映某小区电动车违规充电隐患突出，亟需排查整治。建议社区开展专项检查。", "opinion"),
        ("要高度重视，提高认识，加强领导，形成合力。", "keep"),
    ],
)
def test_genre_table(text, genre):
    assert suggest_genre(text).genre == genre


def test_assembled_drafts_quote_the_report():
    a = analyze_report(REPORT)
    for genre, heads in [("proposal", ["案由", "调研情况", "问题分析", "具体建议"]),
                         ("opinion", ["基本情况", "问题及原因", "意见建议"]), ("motion", ["基本情况", "主要问题", "建议"])]:
        d = assemble_draft(a, a.groups[0], genre)
        assert [s.heading for s in d.sections] == heads
        assert verify_quotes(d, REPORT) == []
        for s in d.sections:
            for p in s.paragraphs:
                if p.kind != "generated":  # a quote, after the draft's own numbering ("一是") if any
                    assert p.lead + clean_text(REPORT[p.start:p.end]) == p.text
    d = assemble_draft(a, a.groups[0], "proposal")
    assert d.title == "关于加强养老护理人才队伍建设的提案"
    assert assemble_draft(a, a.groups[0], "motion").title.endswith("的建议案")


@pytest.mark.parametrize(
    "text,core",
    [("（二）加强基层卫生人才队伍建设。", "加强基层卫生人才队伍建设"), ("关于完善城市环卫公厕指引系统的建议", "完善城市环卫公厕指引系统"),
     ("一是严格课外培训机构资格审查，把好准入关。", "严格课外培训机构资格审查"), ("三、对策建议", None)],
)
def test_title_core(text, core):
    assert title_core(text, first_clause=text.startswith("一是")) == core


def test_opinion_draft_respects_1500_chars():
    long_report = REPORT.replace("（一）护理人才队伍不稳定。", "（一）护理人才队伍不稳定。" + "全市护理员缺口较大，招聘困难。" * 120)
    r = split_report(long_report, genres={"g1": "opinion"})
    op = [d for d in r.drafts if d.genre == "opinion"][0]
    assert op.char_count() <= 1500
    assert verify_quotes(op, long_report) == []


# ---------------------------------------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------------------------------------

GOOD = """关于加强养老护理人才队伍建设的提案
调研情况：全市60岁以上户籍老年人口达42.6万人，共有养老机构126家，床位1.9万张。养老护理员仅2100人，平均年龄52岁。
问题分析：护理员持证上岗率不足60%，年流失率超过30%，薪酬待遇偏低，职业发展通道缺失，导致护理服务质量参差不齐，难以满足老年人需求。
具体建议：一是提高护理员薪酬待遇，由市民政局会同市人社局建立与技能等级挂钩的薪酬制度，对取得职业技能等级证书的给予每月300元岗位补贴。二是将养老护理纳入市职业技能培训补贴目录，每年培训护理员不少于500人次。三是在市卫生职业技术学院开设老年服务与管理专业，定向培养护理人才，对毕业后在本市养老机构工作满五年的学生给予学费补偿。
"""


def _check(report, name):
    return next(c for c in report.checks if c.name == name)


def test_good_proposal_passes():
    r = check_draft(GOOD)
    assert r.genre == "proposal"
    assert r.passed, [c.message for c in r.failed()]
    assert _check(r, "structure").passed
    assert _check(r, "title_body").passed
    # "全市" makes it a city's proposal; the text asks 市民政局 to act (会同市人社局)
    assert r.level == "市" and [h["name"] for h in r.handlers][:2] == ["市民政局", "市人力资源社会保障局"]
    d = r.to_dict()
    assert set(d) >= {"passed", "genre", "checks"}
    assert set(d["checks"][0]) >= {"name", "passed", "message", "spans"}
    json.dumps(d, ensure_ascii=False)


def test_draft_without_suggestions_fails_with_reason():
    text = ("关于加强养老护理人才队伍建设的提案\n调研情况：全市养老护理员仅2100人，平均年龄52岁。"
            "问题分析：护理员持证上岗率不足60%，年流失率超过30%，护理服务质量参差不齐。")
    r = check_draft(text, "proposal")
    assert not r.passed
    c = _check(r, "concrete_suggestions")
    assert not c.passed and "没有找到具体建议" in c.message and "不予立案" in c.message
    s = _check(r, "structure")
    assert not s.passed and "建议" in s.message and "第十五条" in s.message


def test_vague_suggestions_fail():
    text = GOOD.split("具体建议：")[0] + "具体建议：要高度重视，提高认识，加强领导，形成合力，营造氛围。"
    c = _check(check_draft(text, "proposal"), "concrete_suggestions")
    assert not c.passed and "空泛" in c.message


def test_personal_matter_flagged_with_spans():
    text = ("关于解决本人子女入学问题的提案\n调研情况：本人在南京工作十年，户口仍在老家。问题分析：我家孩子今年入学，因户口问题无法入读片区学校。"
            "具体建议：建议教育局为我的孩子办理入学手续，解决子女入学问题。")
    r = check_draft(text)
    c = _check(r, "personal_matter")
    assert not c.passed and "个人问题" in c.message
    assert c.spans and all(text[a:b] for a, b in c.spans)
    assert not r.passed


def test_product_promotion_flagged():
    text = ("关于在全省中小学推广使用智能护眼灯的提案\n调研情况：青少年近视率逐年上升。问题分析：教室照明不达标。"
            "具体建议：建议全省中小学统一采购本公司研发的智能护眼灯产品，该产品已获多项专利。")
    c = _check(check_draft(text), "product_promotion")
    assert not c.passed and "推介" in c.message
    assert any(text[a:b] == "本公司" for a, b in c.spans)


def test_academic_debate_flagged():
    text = ("关于红学研究的提案\n调研情况：学术界对此争论已久。问题分析：笔者认为现有观点有误，特与某先生商榷。"
            "具体建议：建议开展学术争鸣，出版专著。")
    assert not _check(check_draft(text), "academic_debate").passed


def test_length_limits_per_genre():
    body = "调研情况：全市有公厕812座。问题分析：指引牌缺失。具体建议：在主要路口设置公厕指引牌，标注方向和距离。"
    long_text = "关于完善公厕指引的建议\n" + body + ("全市公厕指引牌设置情况调查显示缺失严重。" * 120)
    r = check_draft(long_text, "opinion")
    c = _check(r, "length")
    assert not c.passed and "1500" in c.message and not r.passed
    rp = check_draft("关于完善公厕指引的提案\n" + body + ("全市公厕指引牌设置情况调查显示缺失严重。" * 150), "proposal")
    assert not _check(rp, "length").passed and "2500" in _check(rp, "length").message


def test_title_must_match_body():
    r = check_draft(GOOD, title="关于发展低空经济无人机物流的提案")
    c = _check(r, "title_body")
    assert not c.passed and "题文相符" not in c.message


def test_one_matter_detects_unrelated_matters():
    text = ("关于加强养老护理人才队伍建设的提案\n调研情况：养老护理员仅2100人。问题分析：护理员流失严重，待遇偏低。具体建议："
            "1.提高养老护理员薪酬待遇，建立护理员技能等级薪酬制度。2.将养老护理员纳入技能培训补贴目录，培训护理员。"
            "3.在卫生职业学院开设养老护理专业，定向培养护理员。4.整治城区河道黑臭水体，开展河道清淤疏浚。"
            "5.建设河道生态缓冲带，实施黑臭水体截污纳管。6.建立河道水质监测平台，公开黑臭水体整治进度。")
    c = _check(check_draft(text), "one_matter")
    assert not c.passed and "一事一案" in c.message
    assert c.spans and "河道" in text[c.spans[0][0]:c.spans[0][1]]
    assert _check(check_draft(GOOD), "one_matter").passed


def test_similar_callable_duplicates_and_handler_categories():
    def similar(text):
        return [{"id": "2019-0042", "title": "关于提高养老护理员待遇的提案", "score": 0.93, "level": "重复",
                 "category": "社会事业"}]

    r = check_draft(GOOD, similar=similar)
    c = _check(r, "duplicates")
    assert not c.passed and "2019-0042" not in c.message and "关于提高养老护理员待遇的提案" in c.message
    assert any("相似的往年材料属“社会事业”类" in reason for h in r.handlers for reason in h["reasons"])
    assert r.similar[0]["id"] == "2019-0042"


def test_department_dictionary_file(tmp_path):
    p = tmp_path / "departments.txt"
    p.write_text("市城管局\t城管局|城市管理部门\t公厕|环卫|市容\n市教育局\t教育局\t学校|学生\n", encoding="utf-8")
    d = DepartmentDict.load(p)
    ms = d.mentions("建议城市管理部门会同教育局完善公厕指引")
    assert [(m.name, m.surface) for m in ms] == [("市城管局", "城市管理部门"), ("市教育局", "教育局")]
    assert d.suggest("全市公厕环卫设施不足，市容受影响")[0].name == "市城管局"
    assert DepartmentDict.load(tmp_path / "missing.txt").departments  # built-in fallback


# ---------------------------------------------------------------------------------------------------------
# split
# ---------------------------------------------------------------------------------------------------------


def test_split_report_json_shape_and_files(tmp_path):
    r = split_report(REPORT, tmp_path / "out")
    d = r.to_dict()
    assert {"units", "drafts"} <= set(d)
    assert len(d["units"]) == 5 and all("genre" in u and "genre_reasons" in u for u in d["units"])
    assert d["drafts"]
    for dr in d["drafts"]:
        assert dr["genre"] in ("motion", "proposal", "opinion")
        assert dr["title"] and isinstance(dr["checks"], list)
        assert {"name", "passed", "message", "spans"} <= set(dr["checks"][0])
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"summary.md", "summary.json"} <= names
    assert sum(n.endswith(".docx") for n in names) == len(r.drafts)
    assert sum(n.endswith(".md") for n in names) == len(r.drafts) + 1
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["drafts"]) == len(r.drafts)
    for dr in r.drafts:
        assert verify_quotes(dr, REPORT) == []


def test_split_genre_override_keep_removes_draft():
    r = split_report(REPORT, genres={"g2": "keep"})
    assert all("g2" not in d.group_ids for d in r.drafts)


def test_split_without_suggestions():
    # no "0 drafts" in silence — a Chinese message saying what to do
    from topicmine.errors import InputError

    with pytest.raises(InputError, match="报告过短|未找到建议条目"):
        split_report("一、基本情况\n全市有公厕812座。\n二、存在问题\n指引牌缺失。")
    with pytest.raises(InputError, match="未找到建议条目"):
        split_report("一、基本情况\n全市有公厕812座，分布在各个街道和社区，群众如厕基本方便。\n二、存在问题\n"
                     "部分公厕指引牌缺失，夜间照明不足，保洁频次偏低，群众反映找厕难、如厕体验差。")


# ---------------------------------------------------------------------------------------------------------
# real data (skips without ../shared/data)
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.realdata
def test_real_proposals_structure_and_genre_sample(data_dir):
    path = data_dir / "jszx_proposals_2019" / "jszx2019_dev.csv"
    if not path.is_file():
        pytest.skip(f"{path} missing")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[150:190]  # held-out half (tuning looked at rows 0–143)
    structure = genre = 0
    for row in rows:
        r = check_draft(row["content"], title=row["reason"])
        structure += _check(r, "structure").passed
        genre += suggest_genre(row["content"]).genre == "proposal"
    assert structure / len(rows) >= 0.9
    assert genre / len(rows) >= 0.9


@pytest.mark.realdata
def test_real_proposal_analysis_offsets(data_dir):
    path = data_dir / "jszx_proposals_2019" / "jszx2019_dev.csv"
    if not path.is_file():
        pytest.skip(f"{path} missing")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[:20]
    for row in rows:
        text = row["content"]
        a = analyze_report(text)
        for u in a.units:
            assert text[u.start:u.end] == u.text
            assert not re.match(r"\s", u.text)


# ---------------------------------------------------------------------------------------------------------
# numbering clashes, lead-ins, closing words (report-splitting edge cases): real-looking inputs and expected units
# ---------------------------------------------------------------------------------------------------------

# two proposals joined in a report numbered 一、二、 whose own parts are numbered 一、二、 as well
CLASH = (
    "一、关于加强公务员精神激励的提案\n"
    "调研情况：近年来我省公务员队伍总体稳定，但部分干部存在“躺平”心态。问题分析：一、激励方式单一，多以约束为主。"
    "二、评价标准模糊，干多干少一个样。具体建议：一、在重塑价值取向时注重人性关怀，建立谈心谈话制度，关心公务员思想动态。"
    "二、在查找问题中注重质效，建立问题清单和整改台账，限期销号。三、在文化激励中包容个性，设立容错纠错机制，鼓励担当作为。\n\n"
    "二、关于推进医养结合提升养老服务水平的建议\n"
    "调研情况：全省60岁以上老年人口达1850万人，失能半失能老人约160万人。问题分析：一、我省推进医养结合工作中的主要问题。"
    "1．宏观层面引领力度不足。2．居家养老的医疗服务体系不完善。具体建议：二、关于推进医养结合、提升养老服务水平的建议。"
    "1．加强宏观指导，由卫健委会同民政厅建立医养结合联席会议制度。2．以居家养老为重点，将家庭病床服务纳入医保支付范围。\n"
)


def _spans_of_groups(res):
    out = []
    for g in res.groups:
        us = res.analysis.group_units(g)
        out.append((min(u.start for u in us), max(u.end for u in us), res.group_genres[g.id].genre))
    return out


def test_numbering_clash_keeps_report_headings_on_top():
    secs = parse_sections(CLASH)
    top = [(s.number, s.heading[:6]) for s in secs if s.parent is None]
    assert top == [("一、", "关于加强公务"), ("二、", "关于推进医养")]
    # the proposals' own 一、二、 stay inside their blocks
    inner = [s for s in secs if s.parent is not None and s.number in ("一、", "二、", "三、")]
    assert inner and all(CLASH[s.start - 1] != "\n" for s in inner)
    second = CLASH.index("二、关于推进医养结合")
    res = split_report(CLASH, merge_motions=False)
    spans = _spans_of_groups(res)
    assert len(spans) == 2
    assert spans[0][1] <= second < spans[1][0]  # one group per joined proposal, none crossing
    assert CLASH[spans[0][0]:].startswith("一、在重塑价值取向")
    assert CLASH[spans[1][0]:].startswith("二、关于推进医养结合、提升")  # the suggestion part from its start
    assert all(g in ("proposal", "motion") for _, _, g in spans)


@pytest.mark.parametrize(
    "text,top_numbers",
    [
        # a run-in "三、" opening a paragraph after body text is still the outline's next heading
        ("一、基本情况\n全市有养老机构126家。\n二、存在问题\n护理员流失严重。\n三、对策建议。一是提高护理员待遇。二是建立晋升通道。",
         ["一、", "二、", "三、"]),
        # inside a proposal heading "（一）调研情况" a run-in "一、" numbers the proposal's own parts
        ("一、关于建立全省老年健康教育平台的建议\n（一）调研情况\n一、背景。国家出台了规划。二、意义。老年健康教育很重要。\n"
         "（二）问题分析\n三、存在的问题。缺少专业平台。\n（三）具体建议\n四、对策建议。一是建立平台。二是培训人员。\n"
         "二、关于加强公务员精神激励的提案\n（一）调研情况\n干部队伍总体稳定。\n（二）问题分析\n激励单一。\n（三）具体建议\n"
         "一、建立谈心谈话制度。二、设立容错纠错机制。\n", ["一、", "二、"]),
    ],
)
def test_outline_numbering_table(text, top_numbers):
    assert [s.number for s in parse_sections(text) if s.parent is None] == top_numbers


def test_block_keyword_inside_headed_part_stays_there():
    # "（二）问题分析⏎……主要问题：一是……" must not climb out and swallow "（三）具体建议"
    text = ("一、关于加大力度提升城乡青年教师教学素养的建议\n（一）调研情况\n青年教师比重已经超过50%。\n（二）问题分析\n"
            "青年教师教学素养提升的主要问题：一是培训量大且针对性不强。二是编制紧缺。\n（三）具体建议\n"
            "1. 适当前置招聘时间，建立全年按需招聘机制。2. 加强职前培养与职后培训衔接，优化培训体系。\n")
    secs = parse_sections(text)
    sugg = next(s for s in secs if s.heading == "具体建议")
    assert sugg.kind == "suggestion" and secs[sugg.parent].number == "一、"
    res = split_report(text)
    assert [d.genre for d in res.drafts] == ["proposal"]
    assert res.units[0].text.startswith("1. 适当前置招聘时间")


@pytest.mark.parametrize(
    "suggestion,first_unit,marker",
    [
        # an item's heading and its intro lead into 一是……二是……
        ("1.强化交通互联，提升转移承接能力。主要有三个方面需要加强对接：一是铁路和过江通道，推进沿江高铁建设。"
         "二是港口，推动集装箱码头共建共享。2.推动产业对接，提升协同联动能力，创新项目招商机制，承接先进制造业。",
         "1.强化交通互联，提升转移承接能力。主要有三个方面需要加强对接：", "lead"),
        # words leading into the numbered measures
        ("四、对策建议为有效贯彻落实国家和江苏省的相关政策，将老年健康教育作为一项重要事业来发展。对于如何建立老年健康教育体系，"
         "我们建议：一、建立政府引导、社会资本投资运营的老年健康教育服务平台。二、鼓励并补贴专业医护人员参与健康宣教。",
         "四、对策建议为有效贯彻落实", "lead"),
        # no lead-in: the first measure starts the group
        ("一、建立政府引导、社会资本投资运营的老年健康教育服务平台。二、鼓励并补贴专业医护人员参与健康宣教。",
         "一、建立政府引导", "item"),
    ],
)
def test_lead_in_of_a_matters_suggestions(suggestion, first_unit, marker):
    text = ("一、关于推动沪苏协同发展的建议\n调研情况：沪苏两地产业联系紧密。问题分析：交通互联不足，产业对接不够。具体建议："
            + suggestion + "\n\n二、关于加强公务员精神激励的提案\n调研情况：干部队伍总体稳定。问题分析：激励单一。"
            "具体建议：一、建立谈心谈话制度，关心公务员思想动态。二、设立容错纠错机制，鼓励担当作为。\n")
    a = analyze_report(text)
    u = a.units[0]
    assert u.text.startswith(first_unit) and u.marker == marker
    assert len({x.group for x in a.units}) == 2


def test_report_lead_in_outside_a_matter_is_not_a_unit():
    # a report-level 对策建议 block: its intro is not a recommendation (REPORT keeps its 5 units)
    a = analyze_report(REPORT.replace("三、对策建议\n", "三、对策建议\n为此，调研组提出以下建议：\n"))
    assert [u.text[:2] for u in a.units] == ["一是", "二是", "三是", "一是", "二是"]


def test_closing_paragraph_is_not_part_of_the_last_recommendation():
    closing = "养老服务是一项长期任务。调研组建议，以此次调研为契机，推动形成长效机制。"
    a = analyze_report(REPORT + "\n" + closing + "\n")
    assert all(closing[:6] not in u.text for u in a.units)
    assert a.units[-1].text.startswith("二是统筹安排福利彩票公益金")


def test_markdown_report_with_title_heading(tmp_path):
    # reader headings carry no number; the report's own title is not a matter of its own
    p = tmp_path / "r.md"
    p.write_text("# 关于我市养老服务体系建设情况的调研报告\n\n" + REPORT.split("\n", 1)[1], encoding="utf-8")
    from topicmine.drafts import read_report

    text, heads = read_report(p)
    assert heads and heads[0][0].endswith("调研报告")
    assert classify_heading(heads[0][0]) is None
    r = split_report(text, headings=heads)
    assert [d.title for d in r.drafts] == ["关于加强养老护理人才队伍建设的提案", "关于补齐农村养老服务设施短板的提案"]


# ---------------------------------------------------------------------------------------------------------
# genre of proposal-shaped matters, departments listed by short name
# ---------------------------------------------------------------------------------------------------------

YUQING = (
    "一、关于建立知名民营企业舆情预警机制的建议\n调研情况：近年来，一些知名民营企业因网络舆情突发事件受到冲击，品牌价值受损。"
    "问题分析：政府舆情应对机制主要面向公共事件，对企业舆情苗头关注不够，企业自身应对能力不足。"
    "具体建议：一是将知名品牌列入舆情预警机制范围，由网信部门建立重点企业舆情监测名单。"
    "二是建立企业舆情应对协调机制，明确宣传、网信、市场监管部门职责，开展企业新闻发言人培训。\n"
)


def test_proposal_shaped_matter_is_a_proposal_even_with_yuqing():
    r = split_report(YUQING)
    g = r.group_genres[r.groups[0].id]
    assert g.genre == "proposal"
    assert g.features["proposal_form"] and "舆情" in g.features["topic_words"]
    assert any("原文已按提案格式写成" in x for x in g.reasons)
    assert any("是所提事项本身" in x for x in g.reasons)
    # a timely grassroots matter still reads as 社情民意信息
    assert suggest_genre("近期群众反映某小区电动车违规充电隐患突出，亟需排查整治。建议社区开展专项检查。").genre == "opinion"


def test_heading_asking_for_quick_action_counts_as_urgency():
    text = ("二、存在问题\n（一）电动自行车充电安全隐患突出\n近期城中村发生多起电动自行车充电引发的火灾。\n"
            "三、对策建议\n（一）尽快消除电动自行车充电安全隐患\n一是针对骑手集中居住的城中村，建议立即组织开展充电安全专项排查，"
            "清理“飞线充电”隐患。二是加快建设换电柜和集中充电设施，对建设换电柜的企业给予电价支持。\n")
    r = split_report(text)
    g = r.group_genres[r.groups[0].id]
    assert g.features["heading_urgency"] == ["尽快"]
    assert g.genre == "opinion" and any("标题要求尽快处理" in x for x in g.reasons)


@pytest.mark.parametrize(
    "text,names",
    [
        ("建立农业农村、财政、水利、自然资源等部门协同推进机制", ["省农业农村厅", "省财政厅", "省水利厅", "省自然资源厅"]),
        ("统筹发展改革、交通、工信、公安、数据等部门和各板块", ["省发展改革委", "省交通运输厅", "省工业和信息化厅", "省公安厅",
                                                          "省数据局"]),
        ("由民政、消防救援部门对农村敬老院逐一排查", ["省民政厅", "省消防救援总队"]),
        ("加强文化、旅游、体育等方面的融合", []),  # not a list of departments
    ],
)
def test_departments_listed_by_short_name(text, names):
    from topicmine.drafts.departments import load_departments
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "corpus" / "dicts" / "departments.txt"
    d = load_departments(path if path.is_file() else None)
    assert [m.name for m in d.listed(text)] == names


def test_title_prefers_the_clause_naming_the_matter():
    assert title_core("强化顶层设计，把“一老一小”纳入全省高质量发展全局统筹推进", prefer=("一老一小",)) == \
        "把“一老一小”纳入全省高质量发展全局统筹推进"
    assert title_core("一是严格课外培训机构资格审查，把好准入关。", first_clause=True, prefer=("培训机构",)) == \
        "严格课外培训机构资格审查"


# ---------------------------------------------------------------------------------------------------------
# false 不予立案 / one-matter flags on filed proposals (true positives above still fail)
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,flagged",
    [
        # a member speaking of his own research and work is not a personal matter
        ("关于发展省交响乐团的提案\n调研情况：本人长期工作在交响乐团第一线。省交响乐团是全省唯一的全编制职业交响乐团。"
         "问题分析：乐团缺少固定演出场地。具体建议：建议省文旅厅推动乐团与大剧院签订驻场合作协议。", False),
        ("关于田园综合体的提案\n调研情况：近段时间，本人利用视察调研的机会到部分乡镇调研。问题分析：资金是最大障碍。"
         "对此，本人认为应推广PPP模式。具体建议：建议省财政厅设立田园综合体PPP引导基金。", False),
        # "本人" next to a personal topic in one sentence, or relatives with a topic, still are
        ("关于解决户口问题的提案\n调研情况：本人在南京工作十年，户口仍在老家。问题分析：落户政策限制多。"
         "具体建议：建议公安部门为本人办理落户。", True),
        ("关于职称评定的提案\n调研情况：我爱人在县医院工作二十年。问题分析：她的职称评定一直未解决。"
         "具体建议：建议卫健委为其评定职称。", True),
    ],
)
def test_personal_matter_table(text, flagged):
    assert (not _check(check_draft(text), "personal_matter").passed) is flagged


def test_one_matter_accepts_measures_the_analysis_discusses():
    # four measures of one matter (营商环境) with little shared wording: the analysis names both halves
    text = ("关于打造一流营商环境的提案\n调研情况：我省营商环境评价排名靠前，但企业反映审批环节多、融资担保难。"
            "问题分析：审批事项交叉重复，不见面审批覆盖面不足；政府性融资担保平台规模小，担保费率偏高。具体建议："
            "1.全面推行不见面审批，压减审批事项和环节。2.推进审批事项清单化管理，公布审批时限。"
            "3.做大政府性融资担保平台，降低担保费率。4.建立融资担保风险补偿资金，扩大担保规模。")
    assert _check(check_draft(text), "one_matter").passed
