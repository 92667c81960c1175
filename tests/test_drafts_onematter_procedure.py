"""A stretch named only by procedure words is the procedure of the matter beside it, not a second matter.

The seventh blind reader (docs/figures/drafts21-blind.md) wrote a proper 社情民意信息 on 老旧小区加装电梯 from a citizen's
message; check-draft failed it: "包含 2 个不同事项（老旧小区、电梯、加装电梯；组织协调、申请、流程）" — its last asks say how
the matter is handled ("由街道、社区组织协调", "公开申请条件、流程和费用分摊方式") without the word 电梯.
"""

from __future__ import annotations

from topicmine.drafts.checks import check_draft
from topicmine.drafts.matters import one_matter

ELEVATOR = (
    "老旧小区加装电梯“一户不同意、整栋装不了”亟待破解\n"
    "反映人：王敏（A市政协委员，某中学退休教师）\n"
    "情况：\n"
    "A3区教师村小区是一个老旧小区，楼栋没有电梯，不少居民接来八十多岁的父母同住，住在7楼，上楼下楼十分不便，工薪阶层重新买房不现实。"
    "我市已在不少小区先试先行安装了电梯，经验很成功。2018年6月7日，A3区人民政府办公室下发《关于A市A3区既有多层住宅增设电梯实施方案》，"
    "明确了增设电梯的条件及流程，政务服务中心住建局设有老旧小区加装电梯受理窗口。\n"
    "原因分析：\n"
    "一是全市层面尚无统一的既有多层住宅增设电梯规范性文件，各区做法不一；二是个别住户不同意安装，影响整栋楼装不了电梯，对这类情况缺少"
    "协调和鼓励措施；三是居民对申请条件、流程和资金分摊不了解。\n"
    "意见建议：\n"
    "1．建议市住建、财政、自然资源和规划等部门尽早研究出台全市统一的老旧小区加装电梯规范性文件，明确补贴标准和审批流程。\n"
    "2．明确个别住户不同意时的协商调解办法和鼓励措施，由街道、社区组织协调。\n"
    "3．总结已加装小区的经验，在社区公开申请条件、流程和费用分摊方式。\n"
)


def test_procedure_words_make_no_second_matter() -> None:
    rep = check_draft(ELEVATOR, "opinion")
    om = next(c for c in rep.checks if c.name == "one_matter")
    assert om.passed, om.message
    assert not any(not c.passed and "另有一事" in c.message for c in rep.checks), [c.message for c in rep.checks]


def test_a_second_matter_with_its_own_object_still_counts() -> None:
    # the same item with a second, unrelated ask pasted after it (烧烤油烟) is still two matters
    joined = ELEVATOR + ("情况：\nA5区某路段烧烤摊每晚营业至凌晨，油烟和噪音扰民，居民多次投诉。\n"
                         "意见建议：\n1．环保部门对烧烤摊油烟开展专项整治，安装油烟净化设施。\n2．城管部门规范烧烤摊夜间经营时间和地点。\n")
    body = joined.split("\n", 1)[1]
    assert not one_matter(body, title="老旧小区加装电梯“一户不同意、整栋装不了”亟待破解").single
