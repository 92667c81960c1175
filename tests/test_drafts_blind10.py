"""Cases from the fourth blind drafts reading (docs/figures/drafts10-blind.md; its rows are seen now): a pair of
proposals pasted one after the other without the 调研情况/问题分析/具体建议 labels (row 176 黄海湿地国家公园 + row 213
淮安融入长三角) failed the title check ("正文另有一事") while the one-matter line above it said "✓ 全文围绕同一事项"
— the report contradicted itself."""

from __future__ import annotations

from _report_shape import proposal_parts
import test_drafts_reading8 as r8
from realdata_paths import DATA, needs

pytestmark = needs(DATA / "jszx_proposals_2019")

_LABELS = ("调研情况", "问题分析", "具体建议")


def _unlabelled_pair(a: dict[str, str], b: dict[str, str]) -> str:
    """The reader's j3 shape: the first's title, both situations, both problems, "为此建议：", both measure lists."""
    pa, pb = ([proposal_parts(r["content"])[lab] for lab in _LABELS] for r in (a, b))
    return "\n".join([a["reason"].strip(), pa[0], pb[0], pa[1], pb[1], "为此建议：", pa[2], pb[2]])


def _checks(text: str) -> dict[str, object]:
    from topicmine.drafts.checks import check_draft

    return {c.name: c for c in check_draft(text, "proposal").checks}


def test_an_unlabelled_pasted_pair_fails_check_draft_and_the_one_matter_line_names_the_other_stretch() -> None:
    rows = r8._rows()
    report_checks = _checks(_unlabelled_pair(rows[176], rows[213]))
    assert not report_checks["title_body"].passed, report_checks["title_body"].message
    assert "全文围绕同一事项" not in report_checks["one_matter"].message
    assert "淮安" in report_checks["one_matter"].message, report_checks["one_matter"].message


def test_the_one_matter_line_never_says_one_matter_above_a_title_check_that_found_a_second() -> None:
    rows = r8._rows()
    for a, b in ((176, 213), (186, 167), (168, 144)):
        checks = _checks(_unlabelled_pair(rows[a], rows[b]))
        if "正文另有一事" in checks["title_body"].message:
            assert "全文围绕同一事项" not in checks["one_matter"].message, (a, b, checks["one_matter"].message)
    # filed single proposals keep passing both, with the plain message
    for i in (212, 219, 228, 255):
        checks = _checks(r8._single(rows[i]))
        assert checks["one_matter"].passed and checks["title_body"].passed, (i, checks["one_matter"].message)
        assert "全文围绕同一事项" in checks["one_matter"].message


def _units(text: str, level: str) -> list[str]:
    from topicmine.drafts.departments import load_departments_for_level

    return [h.name for h in load_departments_for_level(level).suggest(text)]


def test_a_city_reports_money_asks_seat_finance_and_a_provincial_fund_its_body() -> None:
    """The reader's 市 教育 report: "加大对职业教育的投入" and "加大政府财政对终身教育的支持，设立市级终身教育发展基金"
    had only 市教育局; the 省 report's "省自然科学基金项目申报取消限额" had no unit at all ("【请填写】")."""
    assert _units("关于加快发展职业教育的提案\n建议进一步加大对职业教育的投入，改善职业学校办学条件。", "市") == \
        ["市教育局", "市财政局"]
    assert _units("关于推进终身教育的提案\n加大政府财政对终身教育的支持，设立市级终身教育发展基金。", "市") == \
        ["市教育局", "市财政局"]
    assert _units("关于省自然科学基金项目申报取消限额的提案\n建议省自然科学基金项目申报取消限额。", "省")[0] == "省科技厅"
    # a firm's own investment is no public money
    assert "市财政局" not in _units("关于鼓励企业研发的提案\n引导企业加大对研发的投入，建设企业技术中心。", "市")
