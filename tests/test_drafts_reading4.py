"""What a drafter met reading this pass's drafts of the sample reports, each fixed and kept here.

- 一老一小 "（三）加强“一老一小”专业人才队伍建设" (1. 扩大培养规模 · 2. 提高职业待遇) was cut into "关于扩大培养规模的提案"
  and "关于提高职业待遇的提案": the one-matter check counted the title repeated under 一、案由 as a part of the body,
  and the 待遇 sentence of the shared problem paragraph went to 培养 only.
- A part cut from a matter is titled with the object its matter heading names.
- A shared sentence goes to each part one of its clauses is clearly about; the report's general opening line
  ("近年来，省委、省政府把……") to none; a sentence leaning to a part only by the report's field words to its own.
"""

from __future__ import annotations

from pathlib import Path

from topicmine.drafts import read_report, split_report
from topicmine.drafts.assemble import make_title
from topicmine.drafts.checks import one_matter_check
from topicmine.drafts.records import SuggestionUnit
from topicmine.drafts.sides import assign_sentences
from topicmine.ingest.normalize import normalize_text

ROOT = Path(__file__).resolve().parent.parent
OLD_YOUNG = ROOT / "corpus" / "sample" / "调研报告" / "2024" / "关于我省一老一小服务体系建设情况的调研报告.docx"


def test_a_talent_matter_with_two_measures_stays_one_proposal() -> None:
    text, heads = read_report(OLD_YOUNG)
    res = split_report(normalize_text(text), headings=heads, layout=True)
    talent = [d for d in res.drafts if "扩大培养规模" in d.text() or "提高职业待遇" in d.text()]
    assert len(talent) == 1, [d.title for d in talent]
    d = talent[0]
    assert d.title == "关于加强“一老一小”专业人才队伍建设的提案"
    body = d.text()
    assert "扩大培养规模" in body and "提高职业待遇" in body
    assert "工资待遇偏低" in body and "持证比例不足六成" in body  # both sentences of its problem paragraph
    assert "近年来，省委、省政府" not in body  # the report's general opening line supports nothing
    assert one_matter_check(body, d.genre, title=d.title).passed


def test_the_title_repeated_under_the_cause_line_is_not_a_second_matter() -> None:
    title = "关于扩大“一老一小”专业人才培养规模的提案"
    draft = (f"{title}\n提案人：【请填写】\n一、案由\n{title}\n二、调研情况\n调研情况：【请填写】（本事项的现状和数据）\n"
             "三、问题分析\n托育和养老护理岗位工资待遇偏低、社会认同度不高，从业人员流失率普遍在25%以上，职业院校相关专业招生规模偏小。\n"
             "四、具体建议\n扩大培养规模。支持职业院校扩大婴幼儿托育、智慧健康养老服务与管理等专业招生，推行订单式培养。")
    assert one_matter_check(draft, "proposal", title=title).passed


def _unit(text: str, heading: str) -> SuggestionUnit:
    return SuggestionUnit(id="u1", start=0, end=len(text), text=text, marker="item", section=None, heading=heading)


def test_a_cut_part_is_titled_with_its_matters_object() -> None:
    parent = "加强“一老一小”专业人才队伍建设"
    u = _unit("扩大培养规模。支持职业院校扩大婴幼儿托育、智慧健康养老服务与管理等专业招生，推行订单式培养。", "扩大培养规模")
    assert make_title("proposal", "", [u], [], parent=parent) == "关于扩大“一老一小”专业人才培养规模的提案"
    assert make_title("proposal", "", [u], []) == "关于扩大培养规模的提案"  # no parent known: as before
    own = _unit("提高养老护理员薪酬待遇。研究制定薪酬指导价位。", "提高养老护理员薪酬待遇")
    assert make_title("proposal", "", [own], [], parent=parent) == "关于提高养老护理员薪酬待遇的提案"
    # a parent joining two objects gives none
    money = _unit("创新金融服务。引导银行开发“低空贷”等信用贷款产品。", "创新金融服务")
    assert "人才" not in make_title("proposal", "", [money], [], parent="强化人才和金融支撑")


def test_shared_sentences_go_where_their_clauses_are_about() -> None:
    # the two items of 低空经济 "（五）强化人才和金融支撑", as the report writes them
    talent = ("1. 加强人才培养引进。支持在苏高校、职业院校开设无人机应用技术、低空交通管理等专业，建设无人机驾驶员培训考试基地；"
              "将低空经济领域高端人才纳入全市重点人才计划。")
    money = ("2. 创新金融服务。引导银行开发“低空贷”等信用贷款产品，鼓励保险机构开发无人机第三者责任险、机身险；"
             "发挥低空产业专项基金作用，对早期项目给予股权投资支持。")
    sents = ["低空经济领域的飞控算法、适航管理、空管服务等专业人才紧缺，本地高校和职业院校尚未开设相关专业。",
             "低空经济企业多为初创企业，轻资产、研发投入大，银行贷款难以获得，社会资本对低空基础设施项目的投资回报心存疑虑。",
             "近年来，市委、市政府高度重视低空经济发展。"]
    assert assign_sentences(sents, [talent, money]) == [[0], [1], []]


def test_pasted_markdown_is_read_like_an_uploaded_md() -> None:
    """The page's pasted .md: its title line was quoted as a 建议案's 基本情况 ("# 关于……的调研报告") and the report
    was its own drafts' "history" (its front matter hid the title the history check leaves out)."""
    from topicmine.pipeline.drafting_job import _report_title, strip_markup

    md = (ROOT / "corpus" / "sample" / "调研报告" / "2024" / "关于新就业形态劳动者权益保障情况的调研报告.md").read_text(encoding="utf-8")
    text = strip_markup(md)
    assert text.startswith("关于新就业形态劳动者权益保障情况的调研报告\n") and "\n# " not in text and "title:" not in text
    assert _report_title(normalize_text(text)) == "关于新就业形态劳动者权益保障情况的调研报告"
    res = split_report(normalize_text(text), layout=True)
    quoted = [p.text for d in res.drafts for s in d.sections for p in s.paragraphs if p.kind != "generated"]
    assert not any("调研报告" in q and len(q) < 40 for q in quoted)
