"""What a drafter still fixed after drafts10, rebuilt from its cases: the sample 一老一小 report's own 农村 draft (its
宿迁 example shed because the draft failed the one-matter check split itself runs), 医联体's 人事薪酬 measure without
人社, asks that name a body's domain (编制, 用地), the 农田 report's titles and money asks, and the level dictionaries
made reproducible by their script."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from realdata_paths import DATA, needs

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample" / "调研报告"
YLYX = SAMPLE / "2024" / "关于我省一老一小服务体系建设情况的调研报告.docx"

#: the 农村 draft split made from the sample report (its parts as written, label lines as check-draft reads them)
RURAL = (
    "关于补齐农村“一老一小”服务短板的提案\n调研情况\n"
    "宿迁市探索农村互助养老。依托村级党群服务中心建设“邻里互助点”，组织低龄健康老人为高龄、独居老人提供助餐、探访服务，"
    "形成“以老助老”的农村养老模式。\n问题分析\n"
    "农村老龄化程度高于城镇，农村60周岁以上人口占比超过28%，但农村养老服务设施数量少、服务内容单一，部分乡镇敬老院入住率"
    "不足五成，而居家的高龄、失能老人得不到专业照护。农村托育服务几乎空白，留守儿童主要由祖辈照看，科学育儿指导缺乏。"
    "城乡“一老一小”服务水平差距较大。\n具体建议\n"
    "1.发展农村互助养老。推广“邻里互助点”经验，支持村级建设互助养老服务点，对服务成效好的给予运营补助。\n"
    "2.推进乡镇敬老院转型。将符合条件的乡镇敬老院转型为区域养老服务中心，向周边居家老人提供上门照护、助餐助浴服务。\n"
    "3.加强农村婴幼儿照护指导。依托乡镇卫生院和村卫生室开展科学育儿指导，为留守儿童家庭提供入户指导服务。\n"
)


def _checks(text: str, title: str) -> dict:  # type: ignore[type-arg]
    from topicmine.drafts.checks import check_draft

    return {c.name: c for c in check_draft(text, "proposal", title=title).checks}


def test_the_rural_draft_split_made_passes_its_own_one_matter_check() -> None:
    """"（互助养老、农村、服务中心；农村、养老服务、留守儿童）": the 宿迁 example with the measure that spreads it against the
    problems and the other measures — the title's 农村 said in most pieces of both sides."""
    c = _checks(RURAL, "关于补齐农村“一老一小”服务短板的提案")
    assert c["one_matter"].passed, c["one_matter"].message


def test_a_title_word_said_in_passing_does_not_tie_two_matters() -> None:
    """The rule that ties the 农村 draft asks for the title's word in half the pieces of each side: 养老机构消防 with
    托育预收费 appended (both say 机构) still fails."""
    from topicmine.drafts.matters import one_matter

    text = ("养老机构消防设施老化。部分2010年以前建成的农村敬老院和小型民办养老机构，存在消防设施老化失效、疏散通道被占用、"
            "电线私拉乱接等问题，调研抽查的18家小型养老机构中有7家自动喷水灭火系统不能正常运行。\n"
            "建议由民政、消防救援部门对2010年以前建成的农村敬老院和小型民办养老机构逐一排查，限期整改消防设施失效等重大隐患。\n"
            "托育机构预收费风险。一些托育机构以“月卡”“学期卡”等方式预收费用，个别机构经营不善突然停业，家长退费难，"
            "今年以来部分城市已发生多起群体性退费纠纷。\n"
            "将托育机构纳入预付式消费监管范围，推行预收费用资金存管，单次预收不超过3个月，防止机构“卷款跑路”引发群体性纠纷。")
    assert not one_matter(text, title="关于立即开展养老机构消防安全专项排查整治的建议").single


@pytest.fixture(scope="module")
def ylyx() -> list:  # type: ignore[type-arg]
    from topicmine.drafts import read_report, split_report

    text, heads = read_report(YLYX)
    return split_report(text, headings=heads, layout=True).drafts


def test_the_sample_rural_draft_keeps_its_example_and_no_placeholder(ylyx) -> None:  # type: ignore[no-untyped-def]
    d = next(x for x in ylyx if "农村" in x.title)
    body = d.text()
    sit = body[body.index("调研情况"):body.index("问题分析")]
    assert "宿迁市探索农村互助养老" in sit, sit
    assert "【请填写】" not in sit
    checks = {c.name: c for c in d.checks.checks} if hasattr(d.checks, "checks") else {}
    if checks:
        assert checks["one_matter"].passed and checks["structure"].passed
    # its money ask ("对服务成效好的给予运营补助") seats 财政 as the other drafts' "给予运营补贴" does
    assert any("财政" in h["name"] for h in d.handlers), d.handlers


def test_every_sample_draft_split_made_passes_its_own_one_matter_check(ylyx) -> None:  # type: ignore[no-untyped-def]
    from topicmine.drafts.checks import one_matter_check

    for d in ylyx:
        assert one_matter_check(d.text(), d.genre, title=d.title).passed, d.title


def _units(text: str, level: str = "省") -> list[str]:
    from topicmine.drafts.departments import load_departments_for_level

    return [h.name for h in load_departments_for_level(level).suggest(text)]


def test_a_pay_ask_and_a_list_opening_after_jiaqiang_seat_renshe() -> None:
    """254's measures (seen row): "进一步加强人事、财政、价格、医保等多方协调联动" (人事 is 人社's old name) and "建立适应卫生计生行业
    特点的人事薪酬制度，逐步提高医疗卫生事业单位绩效工资总量" — 人社 was missing."""
    text = ("关于优化区域医联体发展的建议\n二、以医保基金预付制为纽带，进一步加强人事、财政、价格、医保等多方协调联动力度。"
            "在目前居民医保支报销比例的基础上，拉大报销比例差距。\n"
            "四、建立适应卫生计生行业特点的人事薪酬制度，逐步提高医疗卫生事业单位绩效工资总量。")
    units = _units(text)
    assert units[0] == "省卫生健康委"
    assert {"省人力资源社会保障厅", "省医保局", "省财政厅"} <= set(units), units
    assert "市人力资源社会保障局" in _units(text, "市")


def test_domain_asks_take_a_free_seat_and_never_push_out_a_body() -> None:
    """"增加教师编制" asks 编办 (rows 113, 139); "编制专项规划" is the verb (the 一老一小 建议案); a 医养结合 measure's
    "集体建设用地" must not push 民政 out (row 261)."""
    assert "省委编办" in _units("关于促进校外教育健康发展的建议\n要适度增加公办校外教育机构教师编制，减少校内教师兼职。")
    assert "省委编办" not in _units("关于“一老一小”服务设施的建议\n编制“一老一小”服务设施专项规划，明确配建标准。")
    assert "省自然资源厅" in _units("关于养老服务设施的建议\n优先安排养老服务设施用地，落实用地指标。")


def test_a_role_title_names_the_report_work() -> None:
    """"（五）充分发挥农民主体作用" in the 农田 report was titled "关于充分发挥农民主体作用的提案" (whose 农民? in what?)."""
    from topicmine.drafts.assemble import make_title
    from topicmine.drafts.subject import report_subject, report_work

    report = (SAMPLE / "2023" / "关于我省高标准农田建设与管护情况的调研报告.md").read_text(encoding="utf-8")
    t = make_title("proposal", "（五）充分发挥农民主体作用", [], [], subject=report_subject(report),
                   work=report_work(report))
    assert t == "关于在高标准农田建设与管护中充分发挥农民主体作用的提案"


def test_a_special_subsidy_asks_finance() -> None:
    """The 农田 report's 管护 draft: "建议省级财政设立高标准农田管护专项补助" had no 财政."""
    assert "省财政厅" in _units("关于健全高标准农田建后管护长效机制的提案\n2.保障管护经费。建议省级财政设立高标准农田管护专项补助，"
                                "按建成面积每亩每年不低于10元安排，市县配套。")


def test_the_level_dictionaries_are_what_their_script_builds() -> None:
    """departments_city.txt / departments_county.txt are generated: running the script gives the committed files
    (the hand-only lines — 城市管理局, 县委宣传部's 网信 duties — live in departments_levels.txt)."""
    spec = importlib.util.spec_from_file_location("build_department_levels", ROOT / "scripts" / "build_department_levels.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    dicts = ROOT / "corpus" / "dicts"
    assert mod.render("市") == (dicts / "departments_city.txt").read_text(encoding="utf-8")
    assert mod.render("县") == (dicts / "departments_county.txt").read_text(encoding="utf-8")
    city = (dicts / "departments_city.txt").read_text(encoding="utf-8")
    assert "\n市城市管理局\t" in city and "城管" not in city.split("\n市住房城乡建设局\t")[1].split("\n")[0]


def test_a_hand_edit_naming_no_generated_body_is_an_error() -> None:
    spec = importlib.util.spec_from_file_location("bdl", ROOT / "scripts" / "build_department_levels.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with pytest.raises(ValueError):
        mod.apply_edits(["市教育局\t教育局\t教育"], [("-", "市不存在局", [], ["教育"])])
    assert mod.apply_edits(["市教育局\t教育局\t教育|学校"], [("-", "市教育局", [], ["学校"])]) == ["市教育局\t教育局\t教育"]


def _real(f):  # type: ignore[no-untyped-def]
    """The shared real-data marks (tests/realdata_paths.needs): marked realdata, skipped with the reason when absent."""
    for mark in needs(DATA / "jszx_proposals_2019"):
        f = mark(f)
    return f


_LABELS = __import__("re").compile(r"(调研情况|问题分析|具体建议)[：:]")


def _rows() -> list:  # type: ignore[type-arg]
    import test_drafts_reading8 as r8

    return r8._rows()


@_real
@pytest.mark.parametrize("x,y", [(2, 143), (2, 97), (41, 114), (71, 63)])
def test_a_pasted_proposal_restarting_its_own_numbering_is_a_second_matter(x: int, y: int) -> None:
    """Unrelated pairs of rows 0–143 pasted one after the other without labels that passed at cross/within 1.22–1.51:
    the title-less stretch restarts its own numbered list ("一是……" again) — a second signal beside the words."""
    from topicmine.drafts.checks import check_draft

    rows = _rows()
    title = rows[x]["reason"].strip()
    text = title + "\n" + _LABELS.sub("", rows[x]["content"]) + "\n" + _LABELS.sub("", rows[y]["content"])
    c = {k.name: k for k in check_draft(text, "proposal", title=title).checks}
    assert not c["one_matter"].passed, c["one_matter"].message


@_real
@pytest.mark.parametrize("i", [3, 41, 103, 106, 135, 152, 192])
def test_singles_whose_title_less_stretch_shares_words_still_pass(i: int) -> None:
    """Singles of rows 0–286 (seen) with a title-less stretch: 1.49–2.58 without a restart, row 3 at 4.14 with one."""
    from topicmine.drafts.checks import check_draft

    r = _rows()[i]
    title = r["reason"].strip()
    c = {k.name: k for k in check_draft(title + "\n" + _LABELS.sub("", r["content"]), "proposal", title=title).checks}
    assert c["one_matter"].passed, c["one_matter"].message


def test_sample_units_the_drafter_filled_by_hand() -> None:
    """The sample 新就业形态 report's "优化“骑手驿站”布局" draft had no 承办 at all (工会 runs the stations); the 低空经济
    report's "创新低空经济金融服务" was led by 发改 on the report's field word alone."""
    assert _units("关于优化“骑手驿站”布局的提案\n优化“骑手驿站”布局，向中心城区以外的商圈、物流园区延伸。", "市")[0] == "市总工会"
    lead = _units("关于创新低空经济金融服务的提案\n创新金融服务。引导银行开发“低空贷”等信用贷款产品，鼓励保险机构开发"
                  "无人机第三者责任险、机身险；发挥低空产业专项基金作用，对早期项目给予股权投资支持。", "市")[0]
    assert lead == "市地方金融管理局"
