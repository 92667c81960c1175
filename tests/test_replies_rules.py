"""Reply outcome rules added in uptake4: each one is a phenomenon of the rubric, tested on its own and on its
near miss (the wording that must keep the old outcome)."""

from __future__ import annotations

import pytest

from topicmine.uptake.replies import find_cues, read_reply


@pytest.mark.parametrize(("reply", "outcome"), [
    # an outcome still to come is a promise, not a fix
    ("目前公交公司已在积极筹备购买新车，待新车上线运营，您提及的问题将得到解决。", "承诺办理"),
    ("我大队已对几家KTV提出了整改意见，将不定期检查，督促其整改到位。", "承诺办理"),
    # …while the same words in the past tense stay a fix
    ("经查，该处违章搭建已整改到位。", "已解决"),
    ("您反映的积水问题已得到解决。", "已解决"),
    # a dated action without 于 is done; a forecast date is not
    ("经报请县政府同意，8月28日增开13路公交线路，途经金穗家园。", "已解决"),
    ("施工人员全力抢修，于12月27日上午10时将故障修复，恢复供水。", "已解决"),
    # plans with a concrete action: 拟由…采购, 审批后即可实施, 已启动…程序, 督促…（long list）…进行整改
    ("根据实际情况，拟由县政府采购服务，计划在日月湖全域配备河道保洁人员及垃圾打捞船。", "承诺办理"),
    ("我局已经做了过渡方案，区住建局审核盖了章，经市交警支队审批后就可以实施了。", "承诺办理"),
    ("目前镇社会事务办已启动您母子两人低保办理程序。", "承诺办理"),
    ("会议决定，由县公安局督促开发商就小区水电入户安装、消防设施完善、门禁及监控设备完善、机动车位设置、"
     "电动车充电桩设置安装及不动产证办理情况等问题进行整改。", "承诺办理"),
    # "将充分论证研究" while others draw up a plan: for reference, no concrete action (C类)
    ("目前，市规划局正在编制轨道交通线网规划修编规划，对于您的意见和建议，将充分论证研究。", "解释说明"),
    # …but a plan being drawn up with a date is still a promise
    ("目前正在编制改造方案，预计今年10月底前完成施工。", "承诺办理"),
    # a hand-over to a 大队/所/处, by "已经将…转", or announced ("将按工作程序转交至…") is 转办
    ("你反映的问题，我们已转交交警大队关注。", "转办"),
    ("我办已将您反映的情况转交相关科室核实处理。", "转办"),
    ("帖文已收悉，我们将按工作程序转交至县交通局、镇政府参考。", "转办"),
    # outside the remit, the asker sent elsewhere without a hand-over is 无法办理
    ("由于火车站由铁路部门直管，不归地方管理，建议您直接向铁路部门提出您的意见建议。", "无法办理"),
    ("该学院不归我局管辖，建议您直接向学院反映相关情况。", "无法办理"),
    # …but a procedure explained ("可向…申请") stays an explanation
    ("符合条件的可以携带身份证到社区服务中心办理申请。", "解释说明"),
    # "暂无新增该线公交线路计划": the words between 暂无 and 计划 may be long
    ("由于凉塘路未全面拉通，暂无新增该线公交线路计划。", "无法办理"),
    # "已全部将…去除" is done; "已经将您反映的问题转有关部门处理" stays a hand-over
    ("土城社区已全部将相关信息从墙面去除，没有损坏墙面。", "已解决"),
    ("您反映的厨房是过去承包商搭建。我们已经将您反映的问题转有关部门处理。", "转办"),
    # preparatory work done ("前期工作均已全部完成") with construction still to come is a promise
    ("该项目的立项报批、招投标等前期工作均已全部完成。待腾地完成后，区城管局将立即启动建设，工期为1-2个月。", "承诺办理"),
    # 不能设立 is a refusal
    ("定制公交实施点对点运输，中途尽量不设站点，因此原定设置的站点现不能设立。", "无法办理"),
])
def test_outcome_rules(reply: str, outcome: str) -> None:
    assert read_reply(reply, reply_time="2019/06/01 10:00:00").outcome == outcome


def test_refusal_inside_a_quoted_rule_list_is_explanation() -> None:
    """"有下列情形之一的，不予办理注册登记：" quotes a regulation; it refuses nothing to the asker."""
    reply = "根据《机动车登记规定》第九条，有下列情形之一的，不予办理注册登记：（一）证明无效的。您的新车可以登记。"
    assert not [c for c in find_cues(reply) if c.kind == "refuse"]
    assert read_reply(reply).outcome == "解释说明"


def test_dated_rule_fires_with_a_plain_digit() -> None:
    """The "于5月20日…修复" rule was written as a raw string with a doubled backslash and never fired."""
    cues = find_cues("该路灯于5月20日由施工方修复。")
    assert any(c.kind == "done" and "5月20日" in c.words for c in cues)
