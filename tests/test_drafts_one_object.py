"""Two faults an outside reader met on a 市 report: a matter heading joining two actions on one object
("（一）严格夜间施工审批和监管") must hold its items together, and check-draft on one of its drafts must read the
level from the draft's own 建议承办单位 line.

An outside reader's Word-shape 噪声 report (a 市 report assembled from citizens' messages) came back with five drafts
for three matters: the rule that cuts a heading joining two things ("强化人才和金融支撑") by its items' words had cut
"严格夜间施工审批和监管" into 从严审批夜间施工 / 对无证夜间施工依法立案查处, and the 夜宵排档 matter in two as well. The
situation and problem lines below are written for this test; the 对策建议 part is the reader's, as built.
"""

from __future__ import annotations

from topicmine.drafts import split_report
from topicmine.ingest.normalize import normalize_text

REPORT = """关于城区噪声扰民问题的调研报告
市政协城建委调研组
为回应群众关切，调研组走访了3个区、12个小区，现将调研情况报告如下：
一、基本情况
近年来，城区在建工地和夜间经营场所增多，噪声投诉逐年上升，2023年全市受理噪声投诉1.2万件，其中建筑施工占46%，夜宵排档占21%，娱乐场所占17%。
二、存在的主要问题
（一）夜间施工审批偏松、监管偏软。部分工地24小时连续施工，办理了夜间施工登记的工地，执法部门多以告知、劝导为主。
（二）夜宵排档占道经营、噪声扰民反复出现。一些排档集中的街区整治后很快反弹，油烟和噪音长期影响周边居民休息。
（三）娱乐场所噪声执法不到位。住宅区周边的酒吧、KTV隔音措施不落实，群众反复投诉，处理周期长。
三、对策建议
（一）严格夜间施工审批和监管
1．从严审批夜间施工，高噪音设备原则上限定在早8时至晚10时之间运行，确需连续作业的须提前公示并告知周边居民。
2．对无证夜间施工依法立案查处，加强对重点工地夜间施工噪音的巡查管控。
3．轨道交通等重点工程加快附属设施施工进度，明确围挡期限并向社会公布，尽早恢复路面。
（二）从根本上整治夜宵排档占道经营和噪声扰民
1．对板桥小区夜宵一条街等群众反映集中的区域，由街道牵头，会同行政执法、生态环境、市场监管等部门开展联合整治，建立长效管理机制。
2．加大对店外占道经营、油烟污染和夜间噪音的处罚力度，对屡查屡犯的门店依法从严处理，防止整治后反弹。
（三）加强娱乐场所噪声执法
1．对住宅区周边的酒吧、KTV等娱乐场所开展噪声专项检测，督促其落实隔音降噪措施，整改不到位的依法处罚直至停业整顿。
2．建立噪声投诉限时办结和回访制度，对群众反复投诉的问题挂牌督办。
"""


def test_a_heading_joining_two_actions_on_one_object_stays_one_draft() -> None:
    res = split_report(normalize_text(REPORT), layout=True)
    titles = [d.title for d in res.drafts]
    construction = [d for d in res.drafts if "从严审批夜间施工" in d.body_text() or "对无证夜间施工" in d.body_text()]
    assert len(construction) == 1, titles
    body = construction[0].body_text()
    assert "从严审批夜间施工" in body and "对无证夜间施工依法立案查处" in body, titles
    stalls = [t for t in titles if "夜宵" in t or "占道" in t]
    assert len(stalls) == 1, titles


NOISE_DRAFT = """关于加强娱乐场所噪声执法的提案
一、案由
住宅区周边酒吧、KTV噪声扰民问题突出。
二、调研情况
调研组走访了3个街道，2023年受理娱乐场所噪声投诉2100余件，较上年增长三成，多集中在夜间11时以后。
三、问题分析
部分场所隔音设施不达标，执法检测手段不足，投诉处理周期长，群众反复投诉。
四、具体建议
1．对住宅区周边的酒吧、KTV等娱乐场所开展噪声专项检测，督促其落实隔音降噪措施，整改不到位的依法处罚直至停业整顿。
2．建立噪声投诉限时办结和回访制度，对群众反复投诉的问题挂牌督办。
建议承办单位：市生态环境局（主办）、市公安局（协办）
"""


def test_check_draft_reads_the_level_from_the_drafts_own_units() -> None:
    """A 市 report's draft checked alone (check-draft on its .docx) never writes 我市: the check had picked 省 units
    against the draft's own 市 line. The draft's 建议承办单位 says its level."""
    from topicmine.drafts.checks import check_draft

    r = check_draft(NOISE_DRAFT, genre="proposal")
    assert r.level == "市", r.level_reason
    assert r.handlers and all(h["name"].startswith("市") for h in r.handlers), r.handlers
