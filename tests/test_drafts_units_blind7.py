"""承办单位 cases a blind reader met on held-out drafts (docs/figures/drafts7-blind.md), rebuilt in other words.

- 育儿/托育 drafts got 人社 as 主办 ("职责涉及就业、职称") because five similar past items of 社会事业 gave it 10
  points — more than the duties the text itself names (托育, 儿科, 妇幼 → 卫健委; 幼儿园, 学前教育 → 教育);
- "卫生计生等有关部门" (the old name of 卫健委) was not read as naming 卫健委;
- 区县级平台公司市场化转型 went to 文旅厅 (文化, 旅游 said in passing), never to 国资委;
- a partner that ends up 主办 because nobody else is named was explained as "……办理，列为协办".
"""

from __future__ import annotations

from topicmine.drafts.departments import load_departments_for_level

TUOYU = ("关于完善婴幼儿托育服务体系的提案\n"
         "具体建议：1.扩大普惠托育服务供给，支持社区嵌入式托育机构建设，加强托育机构卫生保健管理。"
         "2.加强妇幼保健机构对托育机构的指导，推动医育结合，开展儿科医生进社区。"
         "3.完善托育从业人员职称评价和就业培训。")


def test_similar_items_categories_do_not_outweigh_the_texts_own_duties() -> None:
    d = load_departments_for_level("市")
    hs = d.suggest(TUOYU, categories=["社会事业"] * 5, level="市")
    assert hs[0].name == "市卫生健康委", [(h.name, h.score) for h in hs]


def test_the_old_name_weisheng_jisheng_names_the_health_commission() -> None:
    d = load_departments_for_level("市")
    hs = d.suggest("关于加强0至3岁托幼服务的提案\n具体建议：建议教育、民政、卫生计生等有关部门共同参与，出台托幼机构管理办法。",
                   level="市")
    names = [h.name for h in hs]
    assert "市卫生健康委" in names, names


def test_local_financing_platform_companies_are_the_state_assets_commissions() -> None:
    d = load_departments_for_level("省")
    text = ("关于推进区县级平台公司市场化转型的提案\n"
            "具体建议：1.清查资产资源，向平台公司注入优质资产，打造文化旅游等经营性板块。2.剥离平台公司的政府融资职能。"
            "3.构建以管资本为主的国资监管体系，积极发展混合所有制经济。")
    hs = d.suggest(text, level="省")
    assert hs[0].name == "省国资委", [(h.name, h.role, h.reasons) for h in hs]


def test_a_partner_that_leads_is_not_explained_as_a_co_handler() -> None:
    d = load_departments_for_level("市")
    hs = d.suggest("关于建设户外劳动者休息点的提案\n具体建议：建议会同工会在全市建设户外劳动者爱心驿站。", level="市")
    assert hs and hs[0].role == "主办"
    assert not any("列为协办" in r for r in hs[0].reasons), hs[0].reasons


def test_the_concrete_suggestions_line_counts_the_drafts_items() -> None:
    """Six numbered measures, one of them with a verb of the concrete-action list: the pass line said "有 1 条"."""
    from topicmine.drafts.checks import check_draft

    text = ("关于加强儿童青少年体质培养的提案\n调研情况：我市学生体质测试优良率连续三年下降。\n"
            "问题分析：体育课程重形式，体质监测结果运用不足。\n具体建议：\n"
            "1.改革体育课程教学内容，树立终身体育意识。\n2.重视学龄前儿童体质水平，从小培养健康习惯。\n"
            "3.中小学招生时先做体质评估，并向社会公布。\n4.加强个体评价，使学生了解自己的体质状况。\n"
            "5.优化体质监测指标体系，建立本地常模。\n6.构建保障学生体质的联动机制，营造关注学生体质的氛围。")
    rep = check_draft(text, "proposal")
    line = next(c for c in rep.checks if c.name == "concrete_suggestions")
    assert line.passed and "有 6 条建议" in line.message, line.message
