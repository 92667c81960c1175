"""check-draft counts the measures a reader counts.

A blind reader met "有 1 条建议" beside a 具体建议 of 第一，…第六， written in one paragraph after a section number
pasted from the filed text ("三、进一步强化……的对策"; row 169 of jszx2019_dev), and "有 9 条建议" beside four measures
一、…四、, the fourth holding （一）…（五） sub-points (row 170). The top level is the list style whose first item comes
first; sub-points in another style are not counted.
"""

from __future__ import annotations

import re

import pytest

import test_drafts_reading8 as r8
from realdata_paths import DATA, needs
from topicmine.drafts.checks import check_draft
from topicmine.drafts.pieces import listed_measures

_SIX = ("关于进一步强化绿色生物塑料发展的建议\n"
        "调研情况：我省生物塑料产能逐年扩大，已有十余家企业建成生产线，产品覆盖包装膜、餐具和农用地膜等领域。\n"
        "问题分析：生物塑料成本偏高，缺少财税扶持；重点品种不明确，回收处理体系不配套，行业标准缺失，社会认知度低。\n"
        "具体建议：三、进一步强化绿色生物塑料发展的对策从六个方面鼓励绿色生物塑料发展。第一，政府投资引导生物环保产业，"
        "可通过科技攻关资金、贴息等进行补贴。第二，财税激励企业研发生物塑料，制定关税优惠税率。第三，制定生物环保材料"
        "重点品种名单。第四，完善垃圾回收体系，对绿色生物塑料进行明确标识。第五，制定绿色生物塑料行业标准。第六，加大"
        "社会宣传，通过网络媒体、报纸、电视宣传使用绿色生物塑料。")

_FOUR = ("关于进一步深化“放管服”改革的建议\n"
         "调研情况：近年来我省坚持把“放管服”改革作为全面深化改革的先手棋，推行不见面审批，开办企业压缩到3个工作日。\n"
         "问题分析：改革在全局工作中的地位尚未充分落实，国家试点争取不够，宣传方式单一，制度保障不足。\n"
         "具体建议：为此，提出如下四项建议：一、进一步提升“放管服”改革在全局工作中的定位，在省委省政府层面加强统筹领导。"
         "二、进一步争取“放管服”领域的国家试点，积极争取纳入工程建设项目审批制度改革试点。三、进一步加大“放管服”改革的"
         "宣传推广力度，综合运用多种方式加强宣传。四、进一步强化“放管服”改革的法制化，借鉴外省立法保障改革的做法，明确"
         "免责条件：（一）符合国家和省确定的改革方向；（二）未违反法律、法规禁止性规定；（三）决策程序符合规定；"
         "（四）勤勉尽责、未牟取私利；（五）主动挽回损失。建议加快将改革探索以法制化予以固化。")


def _count(text: str) -> int:
    msg = next(c.message for c in check_draft(text, "proposal").checks if c.name == "concrete_suggestions")
    m = re.match(r"有 (\d+) 条建议", msg)
    assert m, msg
    return int(m.group(1))


def test_six_measures_after_a_pasted_section_number_are_six() -> None:
    assert _count(_SIX) == 6


def test_four_measures_with_sub_points_are_four() -> None:
    assert _count(_FOUR) == 4


@pytest.mark.parametrize(("text", "n"), [
    ("1．加大投入。一是设立基金；二是贴息。2．完善机制。3．加强宣传。", 3),
    ("一是整治印染企业。二是推动技改。三是严格执法。", 3),
    ("（一）规划先行。1.编制规划。2.优化布局。（二）资金保障。1.设立基金。（三）人才支撑。", 3),
    ("要充分发挥香港第一大外资来源地作用，建设园区。", 0),  # "第一大" is no list item
])
def test_the_top_level_list_is_the_one_whose_first_item_comes_first(text: str, n: int) -> None:
    assert listed_measures(text) == n


@pytest.mark.parametrize(("row", "n"), [pytest.param(169, 6, marks=needs(DATA / "jszx_proposals_2019")),
                                        pytest.param(170, 4, marks=needs(DATA / "jszx_proposals_2019"))])
def test_the_filed_proposals_the_reader_counted(row: int, n: int) -> None:
    r = r8._rows()[row]
    assert _count(r["reason"].strip() + "\n" + r["content"]) == n


def test_measures_numbered_as_jianyi_yi_er_san_are_counted() -> None:
    # the sixth blind reader's single proposal (row 158's shape): "建议一：……建议二：……建议三：……" read as 1 measure
    from topicmine.drafts.pieces import listed_measures

    text = ("建议一：南京的体育城市建设要走类型化的定位之路，可将南京定位于“体育活力之城”。"
            "建议二：打造具有南京特色的品牌赛事，形成全年赛事日历。建议三：完善体育场馆布局，推进场馆向社会开放。")
    assert listed_measures(text) == 3
