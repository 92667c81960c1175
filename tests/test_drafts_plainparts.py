"""A proposal written without the part labels 调研情况/问题分析/具体建议 (plain paragraphs, the way many members
write) is judged by its content: its measures, analysis and situation are found, so it passes check-draft; a text
that really lacks measures or analysis still fails. Built from the failing shapes of jszx2019_dev rows 3, 6 and 14
(their labels replaced by paragraph breaks), synthetic text of the same shapes, and the real rows."""

from __future__ import annotations

import csv
import re

import pytest

from topicmine.drafts.checks import check_draft
from topicmine.drafts.plainparts import plain_parts

# row 3's shape: a situation, an analysis ending in a numbered list of problems, then numbered 建议 items
NUMBERED_ASKS = (
    "关于降低小微企业融资成本的提案\n"
    "近年来，国家支持民营企业融资出台的政策众多、力度空前，提振了企业发展的信心。但在政策落地方面，企业普遍反映实际受益有限，"
    "融资难、融资贵仍然普遍存在。\n"
    "究其原因，这些政策大多为指导性文件，缺乏可操作的刚性措施，执行部门存在本位思想。主要表现有以下两个方面：1、近年来，承兑汇票"
    "期限少则半年多则一年，加大了下游企业的资金成本。2、银行对小微企业收取金融顾问费用，增加了企业的隐性利息负担。\n"
    "1、建议银行业监管机构从严要求，对开具承兑票据的占比数量予以制度性约束，适时叫停此项业务。2、建议银监会加大业务规制力度，"
    "规范金融顾问费用的收取，切实降低小微企业融资费用。\n"
    "3、建议设立更为科学的贷款使用制度，对小微企业贷款实施差别化监管，通过提前续贷审批、设立循环贷款等措施减少高息过桥融资。"
)

# row 6's shape: a short situation, one problem paragraph, then a paragraph of asks running into 一是/二是/三是
RUN_OF_YISHI = (
    "关于加快推动沿江化工产能向沿海转移的建议\n"
    "省委、省政府作出了加快全省化工行业转型升级的重大决策，明确提出到2020年初步形成沿海化工产业集聚区。目前沿海地区积极行动，"
    "努力承接产业转移。\n"
    "在项目推进中，受制于产能置换、用海报批等，前期工作困难重重，审批周期长，项目进度难以预期。\n"
    "从省级层面切实加大组织推进力度，把产能转移这件好事办好。具体，一是组成专门工作班子，建立部门协作、省市联动的工作机制。"
    "二是加大向国家部门争取力度，简化用海报批程序。三是加大统筹，推进环境、用能和产能平衡工作，确保产业转移有序推进。"
)

# row 14's shape: a numbered list of causes ("（1）由于……"), then "……，建议……开展如下工作：（1）……（2）……"
LEAD_THEN_ITEMS = (
    "关于运用心理学手段降低交通事故发生率的建议\n"
    "交通事故频发是个全球性问题，我国每年因交通事故造成的人员伤亡和经济损失较大。研究表明，心理学研究成果的运用有助于降低事故率。\n"
    "大部分交通事故的发生，都与驾车人的心理因素密切相关。常见的如：\n"
    "（1）由于驾车人情绪急躁、惊慌等直接引发的车祸，驾车人情绪失控的问题较为突出。\n"
    "（2）由于驾车人认知能力不足导致的车祸，对车速、距离把握不准，缺乏应急能力。\n"
    "鉴于交通事故与人的心理因素密切相关，建议借助心理学手段开展如下工作：\n"
    "（1）对申请驾驶资格人员进行心理品质筛查，测评情绪稳定性、反应速度、应急能力等。\n"
    "（2）将心理训练纳入驾校培训课程，对测评后需加强训练的学员开展心理训练并记录分析。\n"
    "（3）对职业驾驶人员定期组织心理状态评估，根据评估结果开展心理援助。"
)


def _errors(text: str) -> list[str]:
    title = text.split("\n", 1)[0]
    return [c.name for c in check_draft(text, "proposal", title=title).checks if not c.passed and c.severity == "error"]


@pytest.mark.parametrize("text", [NUMBERED_ASKS, RUN_OF_YISHI, LEAD_THEN_ITEMS], ids=["numbered", "yishi", "lead"])
def test_unlabelled_proposal_passes_structure_and_concrete(text: str) -> None:
    errs = _errors(text)
    assert "structure" not in errs and "concrete_suggestions" not in errs, errs


def test_numbered_asks_start_after_the_numbered_problems() -> None:
    body = NUMBERED_ASKS.split("\n", 1)[1]
    p = plain_parts(body)
    assert body[p.start:].startswith("1、建议银行业")
    assert [body[a:b][:4] for a, b in p.items] == ["1、建议", "2、建议", "3、建议"]
    # the numbered problems ("1、近年来……") are analysis, not measures
    assert any("承兑汇票" in body[a:b] for a, b in p.problem)


def test_yishi_run_opens_at_its_paragraph() -> None:
    body = RUN_OF_YISHI.split("\n", 1)[1]
    p = plain_parts(body)
    assert body[p.start:].startswith("从省级层面")
    assert len(p.items) == 3 and all(body[a:b].startswith(("一是", "二是", "三是")) for a, b in p.items)


def test_lead_sentence_opens_the_measures_not_the_cause_list() -> None:
    body = LEAD_THEN_ITEMS.split("\n", 1)[1]
    p = plain_parts(body)
    assert p.cue == "lead" and body[p.start:].startswith("鉴于交通事故")
    assert len(p.items) == 3 and body[p.items[0][0]:].startswith("（1）对申请驾驶资格")


def test_check_reports_the_measures_count_and_content_reading() -> None:
    r = check_draft(NUMBERED_ASKS, "proposal", title=NUMBERED_ASKS.split("\n", 1)[0])
    msg = {c.name: c.message for c in r.checks}
    assert "按内容识别" in msg["structure"]
    assert "有 3 条建议" in msg["concrete_suggestions"]


def test_without_measures_still_fails() -> None:
    # the same proposal with its measures taken away: the numbered problems must not read as measures
    text = NUMBERED_ASKS[: NUMBERED_ASKS.index("1、建议银行业")].rstrip()
    errs = _errors(text)
    assert "structure" in errs and "concrete_suggestions" in errs, errs
    body = text.split("\n", 1)[1]
    assert plain_parts(body).suggestion == []


def test_without_analysis_still_fails() -> None:
    # situation and measures, no passage naming a problem: 分析 is missing
    text = ("关于推广社区食堂的提案\n"
            "我市已建成社区食堂120家，日均服务老年人1.5万人次，群众评价良好。各区结合实际开展了助餐服务。\n"
            "为此建议：1、建议市民政局制定社区食堂建设标准，明确场地、人员和卫生要求。2、建议市财政局对运营满一年的社区食堂给予"
            "运营补贴。3、建议各街道开展助餐配送服务，为行动不便的老人送餐上门。")
    r = check_draft(text, "proposal", title="关于推广社区食堂的提案")
    structure = next(c for c in r.checks if c.name == "structure")
    assert not structure.passed and "分析" in structure.message


def test_a_list_of_situation_items_is_not_a_run_of_asks() -> None:
    # items that open with a problem or a fact ("由于……", "近年来……") never open the measures
    body = ("我省物流业发展较快，但存在不少短板。\n"
            "一是投入不足，政策支持力度不够。二是人才缺乏，专业队伍薄弱。三是近年来，企业成本上升，制约了发展。")
    assert plain_parts(body).suggestion == []


def test_labelled_draft_reads_as_before() -> None:
    # a draft with the labels: its parts come from the labels, and an empty 具体建议 still fails
    r = check_draft("关于加强学校周边交通安全的提案\n调研情况：近年来学校周边交通事故时有发生。\n"
                    "问题分析：接送车辆乱停乱放，缺少护学岗。\n具体建议：")
    assert [c.name for c in r.failed()] == ["structure", "concrete_suggestions"]


# ---- the real rows ---------------------------------------------------------------------------------------------

from realdata_paths import DATA, needs  # noqa: E402

_LABELS = re.compile(r"(调研情况|问题分析|具体建议)[：:]")


def _rows() -> list[dict[str, str]]:
    with open(DATA / "jszx_proposals_2019" / "jszx2019_dev.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("row", [3, 6, 14])
@pytest.mark.parametrize("_", [pytest.param(0, marks=needs(DATA / "jszx_proposals_2019"))])
def test_real_rows_without_labels_pass(row: int, _: int) -> None:
    r = _rows()[row]
    body = re.sub(r"\s{3,}", "\n", _LABELS.sub("\n", r["content"]))  # the filed "\xa0 \xa0" indents as breaks
    title = r["reason"].strip()
    errs = _errors(title + "\n" + body)
    assert "structure" not in errs and "concrete_suggestions" not in errs, errs


@pytest.mark.parametrize("row", [3, 6, 14])
@pytest.mark.parametrize("_", [pytest.param(0, marks=needs(DATA / "jszx_proposals_2019"))])
def test_real_rows_without_their_measures_fail(row: int, _: int) -> None:
    r = _rows()[row]
    content = r["content"][: r["content"].index("具体建议")]
    body = re.sub(r"\s{3,}", "\n", _LABELS.sub("\n", content))
    title = r["reason"].strip()
    assert "structure" in _errors(title + "\n" + body)
