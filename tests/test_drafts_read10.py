"""What a drafter still fixed after the fourth blind read (docs/figures/drafts8-blind.md), rebuilt from its rows of
jszx2019_dev, seen now: a 市 卫生健康 report of 254 (医联体), 284 (精准健康扶贫) and 261 (医养结合) in Word shape (one
newline per paragraph), the 省 科技 report of test_drafts_blind8 (231, 242, 262, 187), and the filed singles and joined
pairs the reader checked."""

from __future__ import annotations

import re

import pytest

from _report_shape import CN, paras, proposal_parts
import test_drafts_reading8 as r8
from realdata_paths import DATA, needs

pytestmark = needs(DATA / "jszx_proposals_2019")

_rows, _single = r8._rows, r8._single
_LABELS = re.compile(r"(调研情况|问题分析|具体建议)[：:]")


def _parts(i: int) -> dict[str, str]:
    return {k: re.sub(r"（([一二三四五六七八九])）", lambda m: f"{CN.index(m.group(1)) + 1}．", v)
            for k, v in proposal_parts(_rows()[i]["content"]).items()}


def _city(t: str) -> str:
    return t.replace("我省", "我市").replace("全省", "全市")


def _health_report() -> str:
    """The reader's 卫生 report, three of its four matters, cut as the reader cut them: 254's suggestion lead-in
    cut and its run-in measure headings given a "。"; 284's situation is its first sentence, its problems the
    一是…五是 that follow, its "五是" measure written "五、"; 261's problem-part opening moved to the situation."""
    p254, p284, p261 = _parts(254), _parts(284), _parts(261)
    s254 = p254["具体建议"]
    s254 = s254[s254.index("我们建议：") + 5:]
    for a in ("“服务共同体”", "利益共同体", "“管理共同体”", "“责任共同体”"):
        s254 = s254.replace(a, a + "。", 1)
    sit284 = p284["调研情况"]
    cut = sit284.index("一是因病致贫")
    prob261 = p261["问题分析"]
    i0, i1 = prob261.index("近年来，我省高度重视"), prob261.index("1．宏观层面")
    s261 = p261["具体建议"]
    matters = [
        ("区域医联体建设", p254["调研情况"], "医联体建设“联而不通”", p254["问题分析"], "优化区域医联体发展", s254),
        ("精准健康扶贫", _city(sit284[:cut]), "疾病仍是贫困人口突出的致贫因素", _city(sit284[cut:]), "实施精准健康扶贫",
         _city(p284["具体建议"].replace("五是实施精准健康管理", "五、实施精准健康管理"))),
        ("医养结合养老服务", p261["调研情况"] + _city(prob261[i0:i1].split("但我省")[0]), "医养结合落实不到位",
         _city(prob261[i1:]), "推进医养结合、提升养老服务水平", s261[s261.index("1．加强宏观指导"):]),
    ]
    lines = ["关于我市医疗卫生和健康养老服务情况的调研报告", "市政协教科卫体委员会调研组",
             "今年以来，调研组走访多家单位，召开座谈会听取意见。现将调研情况报告如下：", "一、基本情况",
             "近年来，全市卫生健康事业取得新进展。"]
    for part, (hi, ti) in (("一", (0, 1)), ("二", (2, 3)), ("三", (4, 5))):
        if part != "一":
            lines.append("二、存在的主要问题" if part == "二" else "三、对策建议")
        for k, m in enumerate(matters):
            lines += [f"（{CN[k]}）{m[hi]}", *paras(m[ti])]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def health() -> list:  # type: ignore[type-arg]
    from topicmine.drafts import split_report

    return split_report(_health_report()).drafts


@pytest.fixture(scope="module")
def science() -> list:  # type: ignore[type-arg]
    from topicmine.drafts import split_report
    from test_drafts_blind8 import _science_report

    return split_report(_science_report()).drafts


def _draft(drafts: list, word: str):  # type: ignore[no-untyped-def,type-arg]
    return next(d for d in drafts if word in d.title)


def _measures(d) -> list[str]:  # type: ignore[no-untyped-def]
    body = d.text()
    return body[body.index("具体建议"):].splitlines()[1:]


def test_a_measure_heading_with_no_body_keeps_its_place_and_number(health) -> None:  # type: ignore[no-untyped-def]
    """"3．提高养老机构的医护服务水平。" over its 一是/二是 lines was dropped; its items ran on as 五是/六是 under measure 2
    and measures 4–5 were numbered 3–4."""
    lines = _measures(_draft(health, "医养结合"))
    heads = [ln for ln in lines if re.match(r"\d．", ln)]
    assert [h[:2] for h in heads] == ["1．", "2．", "3．", "4．", "5．"], heads
    assert heads[2] == "3．提高养老机构的医护服务水平。"
    after = lines[lines.index(heads[2]) + 1]
    assert after.startswith("一是要按照《养老机构医务室基本标准"), after
    assert not any(ln.startswith(("五是", "六是")) for ln in lines)
    assert heads[3].startswith("4．鼓励社会资本") and heads[4].startswith("5．完善政策举措")


def test_a_problem_item_heading_opens_its_paragraph(science) -> None:  # type: ignore[no-untyped-def]
    """262's 问题分析 ended a paragraph with "……首先是研发费用有效投入不足。" and "……政策扶持力度不够。", the headings of
    the paragraphs after them."""
    body = _draft(science, "医药健康").text()
    prob = body[body.index("问题分析"):body.index("具体建议")].splitlines()[1:]
    assert not any(p.endswith(("首先是研发费用有效投入不足。", "政策扶持力度不够。")) for p in prob), prob
    assert any(p.startswith("首先是研发费用有效投入不足。从研发投入上看") for p in prob)
    assert any(p.startswith("政策扶持力度不够。虽然江苏省各区域") for p in prob)


def _units(d) -> list[str]:  # type: ignore[no-untyped-def]
    return [h["name"] for h in d.handlers]


def test_units_money_asks_and_a_list_of_fund_holders(health) -> None:  # type: ignore[no-untyped-def]
    """精准健康扶贫: 妇联 and 残联 were seated from "民政、残联、工会、妇联、公安、红十字会……均设立了医疗救助资金" (who
    holds funds, not who is asked); "加大对基层医疗卫生机构投入力度" and "由政府成立……兜底保障基金" got no 财政."""
    units = _units(_draft(health, "精准健康扶贫"))
    assert units[0] == "市卫生健康委"
    assert "市财政局" in units
    assert not {"市妇联", "市残联", "市总工会", "市公安局"} & set(units), units


def test_units_bodies_named_inside_a_measure_and_a_fund(science) -> None:  # type: ignore[no-untyped-def]
    """"在省级科技、工信、发改项目立项评选时" names 科技 and 发改; "设立制造业创新中心建设专项资金" asks 财政; 科研机构
    和人员自主权 is 科技厅's (教育厅 led on "高校")."""
    assert {"省科技厅", "省发展改革委"} <= set(_units(_draft(science, "工业互联网")))
    assert "省财政厅" in _units(_draft(science, "开放型区域创新体系"))
    assert _units(_draft(science, "科研机构"))[0] == "省科技厅"


def _checks(text: str) -> dict:  # type: ignore[type-arg]
    from topicmine.drafts.checks import check_draft

    return {c.name: c for c in check_draft(text, "proposal").checks}


def test_units_of_filed_singles() -> None:
    """273: "明确由省工商局牵头落实" (in its 调研情况) and 开办企业/工商登记 → 市场监管 leads, not 人民银行 named for 开户;
    206: "文化激励" of an office is no 文旅 matter."""
    rows = _rows()
    msg = _checks(_single(rows[273]))["handlers"].message
    assert msg.startswith("建议承办单位：省市场监管局（主办"), msg
    msg = _checks(_single(rows[206]))["handlers"].message
    assert "文化和旅游" not in msg and msg.startswith("建议承办单位：省委组织部（主办"), msg


def test_the_review_counts_measures_as_a_drafter_does(science) -> None:  # type: ignore[no-untyped-def]
    """三 numbered measures, the first with 一是/二是 lines, were "有 5 条建议"."""
    d = _draft(science, "医药健康")
    assert _checks(d.text())["concrete_suggestions"].message.startswith("有 3 条建议")


@pytest.mark.parametrize("x,y", [(192, 266), (220, 259), (172, 196), (47, 75), (68, 28), (83, 34)])
def test_two_proposals_pasted_one_after_the_other_without_labels_fail_one_matter(x: int, y: int) -> None:
    """The reader's j2 (高校创新竞争力 + 职业教育) with no 调研情况/问题分析/具体建议 labels, j1 and j3, and tuning pairs
    that passed (街坊路交通 + 小学更名, 工业博物馆群 + 农村生态环境, 应用型大学 + 企业研发管理体系)."""
    rows = _rows()
    title = rows[x]["reason"].strip()
    text = title + "\n" + _LABELS.sub("", rows[x]["content"]) + "\n" + _LABELS.sub("", rows[y]["content"])
    c = _checks(text)
    assert not c["one_matter"].passed, c["one_matter"].message
    assert not c["title_body"].passed, c["title_body"].message


@pytest.mark.parametrize("i", [3, 41, 103, 106, 135])
def test_single_proposals_without_labels_whose_last_stretch_skips_the_title_words_pass(i: int) -> None:
    """Singles of rows 0–143 whose later text uses other words for the title's object: one matter still."""
    r = _rows()[i]
    c = _checks(r["reason"].strip() + "\n" + _LABELS.sub("", r["content"]))
    assert c["one_matter"].passed, c["one_matter"].message


def test_the_title_check_and_the_one_matter_verdict_agree_on_a_title_covering_one_of_two() -> None:
    """A same-field pair merged part by part (眼科黄斑病变针剂 + 职业技能等级认定, rows 102 + 87): its title names only
    the first. It passed the one-matter check while the title check said "正文另有一事" (a blind reader met that
    contradiction); the title's words stopping in every part now fails the one-matter verdict too."""
    rows = _rows()
    a, b = (proposal_parts(rows[i]["content"]) for i in (102, 87))
    title = rows[102]["reason"].strip()
    text = title + "\n" + "\n".join(f"{k}：{a[k]}\n{b[k]}" for k in ("调研情况", "问题分析", "具体建议"))
    c = _checks(text)
    assert not c["one_matter"].passed and "不再说标题所说的事" in c["one_matter"].message, c["one_matter"].message
    assert not c["title_body"].passed and "标题只概括了正文的一部分" in c["title_body"].message


@pytest.mark.parametrize("i", [163, 202, 206, 273])
def test_the_readers_singles_pass_both_checks(i: int) -> None:
    c = _checks(_single(_rows()[i]))
    assert c["one_matter"].passed, c["one_matter"].message
    assert c["title_body"].passed, c["title_body"].message


def test_the_drafts_lexicon_is_the_text_layers_with_the_user_dictionary() -> None:
    """title words said "联网" for "物联网": the drafts' default lexicon had no user dictionary."""
    from topicmine.config import Settings
    from topicmine.drafts.analyze import DEFAULT_LEXICON
    from topicmine.drafts.halves import title_words
    from topicmine.text.lexicon import Lexicon

    assert DEFAULT_LEXICON is Lexicon.from_settings(Settings())
    assert "物联网" in title_words("关于加快物联网产业发展的建议")
