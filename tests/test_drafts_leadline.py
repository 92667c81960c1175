"""A lead-in sentence under the report's own 对策建议 heading ("针对上述问题，调研组提出如下建议：") is that section's text.

The seventh blind reader (docs/figures/drafts21-blind.md) built two 市 reports from citizens' messages with this very
common line right after "三、对策建议"; the structure parser made it an inline block above （一）…（五）, so the five
matters became ONE draft titled "关于提出如下的提案" (and "为此，提出以下建议：" did the same). The shape below is that
report's, shortened, in Word shape (one newline per paragraph).
"""

from __future__ import annotations

import pytest

from topicmine.drafts import split_report
from topicmine.text.structure import parse_sections

REPORT = (
    "关于A市公共交通和市民出行情况的调研报告\n"
    "A市政协城乡建设和交通委员会调研组\n"
    "交通出行是市民最关心的身边事之一。现将调研情况报告如下：\n"
    "一、基本情况\n"
    "近年来，我市城市公共交通和道路设施建设持续推进，市民出行条件明显改善。\n"
    "（一）新建小区公交线网覆盖\n"
    "A7县蝴蝶谷小区入住已有几年，居民乘坐公交车要步行到两里外的星沙一桥站。该路段此前有城乡公交4号线支线运营，由于沿线客源严重不足，"
    "运营企业亏损，已申请停线。\n"
    "（二）老旧小区停车\n"
    "A3区岳银欣苑小区2009年入住，当时建设停车位276个，其中212个供业主使用。目前登记停车的业主有340多位。开发商尚有41个地下车位未使用，"
    "表示只售不租。\n"
    "（三）共享单车管理\n"
    "目前，五家公司的共享单车已投放至我市主要城区。市城管局出台了加强非机动车停放管理执法的指导意见，全市已施划非机动车停车位700余处。\n"
    "二、存在的主要问题\n"
    "（一）部分新建小区公交“最后一公里”不通\n"
    "蝴蝶谷小区城乡公交支线因客源不足停线后，至今没有一趟方便出行的公交车，孩子上学要走五六里路。\n"
    "（二）老旧小区停车位严重不足，地下车位只售不租\n"
    "岳银欣苑小区室外停车位不到小区实际车辆的四分之一；开发商将地下车库空余车位用栏杆焊死，只卖不租。\n"
    "（三）共享单车无序停放、总量失控\n"
    "共享单车“无序停放”“乱占道”现象十分普遍，投放总量和密度缺乏控制，企业管理人员配备不足。\n"
    "三、对策建议\n"
    "{lead}\n"
    "（一）补齐新建小区公交服务短板\n"
    "1．交通运输部门对新建小区开展公交出行需求调查，对蝴蝶谷等无公交覆盖的小区优先开通社区微循环公交。\n"
    "2．对客源不足但群众确需的线路，研究建立公交运营亏损补贴机制，避免“一停了之”。\n"
    "（二）缓解老旧小区停车难\n"
    "1．督促开发商将空置地下车位向业主出租，不得只售不租、封闭闲置。\n"
    "2．街道、社区挖潜小区周边空地和道路资源，增设错时共享停车位。\n"
    "（三）规范共享单车管理\n"
    "一是对共享单车投放实行总量控制和备案管理。二是督促企业按规定配备管理人员，运用电子围栏等手段规范停放。\n"
)


@pytest.mark.parametrize("lead", ["针对上述问题，调研组提出如下建议：", "为此，提出以下建议：", "现提出如下建议："])
def test_a_lead_in_line_under_the_suggestions_heading_is_no_level_of_its_own(lead: str) -> None:
    text = REPORT.replace("{lead}", lead)
    secs = parse_sections(text)
    top = next(s for s in secs if s.heading == "对策建议")
    items = [s for s in secs if s.number == "（一）" and s.start > top.start]
    assert items and items[0].parent == top.index, [(s.heading, s.parent) for s in secs if s.start > top.start][:3]
    r = split_report(text)
    titles = [d.title for d in r.drafts]
    assert len(r.drafts) == 3, titles
    assert not any("如下" in t or "以下" in t for t in titles), titles
    assert any("共享单车" in t for t in titles) and any("停车" in t for t in titles), titles


def test_a_part_label_opening_an_item_of_another_part_is_still_a_block() -> None:
    # "具体建议：" inside a matter item ("（一）关于……的建议") still opens that item's measures
    text = ("三、几点建议\n（一）关于规范共享单车管理的建议\n调研情况：共享单车已投放至主要城区。\n"
            "问题分析：无序停放现象普遍。\n具体建议：一是实行总量控制。二是规范停放。\n")
    kinds = [(s.heading, s.inline) for s in parse_sections(text)]
    assert ("具体建议", True) in kinds and ("问题分析", True) in kinds, kinds


def test_asks_to_launch_a_service_and_deploy_terminals_are_concrete_measures() -> None:
    # the reader's 公交移动支付 matter was kept in the report ("没有可操作的具体措施") although it asks for an app to go
    # live (上线) and terminals to be deployed (布设) by a named body
    text = REPORT.replace("{lead}", "").replace(
        "二、存在的主要问题\n",
        "（四）公交移动支付\n目前，我市公交乘车主要使用公交IC卡和现金，很多城市的公交已支持支付宝或微信支付。据公交IC卡管理中心介绍，"
        "与支付宝、微信等手机支付方的对接正在进行中。\n二、存在的主要问题\n").replace(
        "三、对策建议\n",
        "（四）公交支付方式单一\n公交乘车不支持手机移动支付，乘客需提前准备零钱或办理实体卡，扫码乘车尚未全面上线。\n三、对策建议\n").replace(
        "（三）规范共享单车管理\n",
        "（三）加快推进公交移动支付\n一是督促公交IC卡管理中心加快公交IC卡App和扫码乘车上线，尽快完成与支付宝、微信等支付方的对接。"
        "二是在火车站、高铁站等换乘站点优先布设自助充值终端，方便外地来A市人员乘车。\n（四）规范共享单车管理\n")
    titles = [d.title for d in split_report(text).drafts]
    assert any("移动支付" in t for t in titles), titles


def test_a_title_says_的_once_before_its_genre() -> None:
    # the seventh reader's "关于严格幼儿园装修改建的安全管理的提案" (re-read: "better 关于加强幼儿园装修改建安全管理的提案")
    from topicmine.drafts.titles import make_title

    assert make_title("proposal", "（四）严格幼儿园装修改建的安全管理", [], []) == "关于严格幼儿园装修改建安全管理的提案"
    assert make_title("proposal", "（一）补齐新建小区公交服务短板", [], []) == "关于补齐新建小区公交服务短板的提案"
