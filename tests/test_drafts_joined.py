"""A matter the report joins (养老机构消防 + 托育预收费 under "及时消除安全隐患"; 人才 + 金融) is cut into drafts that
each quote their own problem text; a lone item loses its number; a 社情民意信息 reports the situation it has."""

from __future__ import annotations

from pathlib import Path

from topicmine.drafts import read_report, split_report
from topicmine.drafts.checks import one_matter_check

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "corpus" / "sample" / "调研报告"


def _split(name: str):  # type: ignore[no-untyped-def]
    text, heads = read_report(next(REPORTS.rglob(name)))
    return split_report(text, headings=heads, layout=True)


def _body(d, names: tuple[str, ...]) -> str:  # type: ignore[no-untyped-def]
    return "".join(p.text for s in d.sections if s.heading in names for p in s.paragraphs)


def test_each_part_of_a_joined_matter_quotes_its_own_problem_item() -> None:
    r = _split("关于我省一老一小服务体系建设情况的调研报告.docx")
    fire = next(d for d in r.drafts if "消防安全专项排查" in _body(d, ("意见建议", "具体建议")))
    fee = next(d for d in r.drafts if "预收费监管" in _body(d, ("意见建议", "具体建议")))
    assert fire is not fee
    support = ("基本情况", "问题及原因", "调研情况", "问题分析")
    assert "消防设施老化" in _body(fire, support) and "预收费" not in fire.text()
    assert "预收费风险" in _body(fee, support) and "消防" not in fee.text()
    for d in (fire, fee):  # each passes the check a drafter runs on it alone
        assert one_matter_check(d.text(), d.genre, title=d.title).passed


def test_a_shared_problem_paragraph_is_cut_by_sentence() -> None:
    """低空经济 "（五）强化人才和金融支撑": the problem paragraph's 人才 sentence goes to 人才, its 融资 sentence to 金融."""
    r = _split("关于苏州市低空经济发展情况的调研报告.md")
    talent = next(d for d in r.drafts if "人才培养引进" in d.title)
    money = next(d for d in r.drafts if "金融" in d.title)
    assert "人才紧缺" in _body(talent, ("问题分析",)) and "银行贷款" not in talent.text()
    assert "银行贷款难以获得" in _body(money, ("问题分析",)) and "人才紧缺" not in money.text()


def test_a_lone_item_has_no_number() -> None:
    r = _split("关于苏州市低空经济发展情况的调研报告.md")
    money = next(d for d in r.drafts if "金融" in d.title)
    sugg = [p.text for s in money.sections if s.heading == "具体建议" for p in s.paragraphs]
    assert sugg and sugg[0].startswith("创新金融服务")  # not "1.创新金融服务" with no 2.


def test_an_opinion_reports_the_problem_text_as_its_situation() -> None:
    # the 扰民 item as a 社情民意信息 of its own: the drafter asks for it (drafts7: no item leaves its matter unasked)
    r0 = _split("关于苏州市低空经济发展情况的调研报告.md")
    uid = next(u.id for u in r0.analysis.units if "盘旋拍摄" in u.text)
    text, heads = read_report(next(REPORTS.rglob("关于苏州市低空经济发展情况的调研报告.md")))
    r = split_report(text, headings=heads, layout=True, genres={uid: "opinion"})
    op = next(d for d in r.drafts if d.genre == "opinion")
    situation = _body(op, ("基本情况",))
    assert "盘旋拍摄" in situation and "【请填写】" not in situation
    assert "【请填写】" in _body(op, ("问题及原因",))  # the causes are the drafter's to add
