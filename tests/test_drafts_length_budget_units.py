"""The length budget's pieces on synthetic text of the 减负 shape (tests/test_drafts_length_budget.py has the real row):
a long measure keeps its lead and every sub-point's head; every part keeps a share; no measure is ever dropped."""

from __future__ import annotations

from topicmine.drafts.budget import measure_pieces, plan_budget


def test_measure_pieces_keep_lead_and_every_sub_point_head() -> None:
    src = ("3．完善教师工作考核。改变考评体系后，最重要的是改变对教师工作的认证。以往只看成绩。"
           "建议：（1）将德育成绩纳入考核。把德育放到与学科齐平的程度。（2）减少成绩与职称挂钩。由此减少过分追求。"
           "（3）提高课堂效率。从备课到反思一体化。（4）对教师进行进修再教育。安排讲座。")
    pieces = [src[a:b] for a, b in measure_pieces(src, 0, len(src), 0)]
    # the heading's lead is the first sentence that asks ("建议："), not the argument before it
    assert pieces[0] == "3．完善教师工作考核。"
    assert pieces[1].startswith("建议：（1）")
    assert [p[:3] for p in pieces[2:]] == ["（2）", "（3）", "（4）"]
    assert "最重要的是" not in "".join(pieces)
    assert "把德育放到" not in "".join(pieces)
    # with room, the sentences after each head come back, in order, whole
    assert "".join(src[a:b] for a, b in measure_pieces(src, 0, len(src), 10_000)) == src


def test_every_part_keeps_a_share_and_no_measure_is_dropped() -> None:
    measure = "1．加强监管。" + "学校应当配合教育部门开展检查并公开结果。" * 30
    src = "\n".join([measure, measure.replace("1．", "2．")])
    spans = [(0, len(measure)), (len(measure) + 1, len(src))]
    plan = plan_budget(src, 1000, [300, 300, 300], [300, 300, 300], spans, keep_one=True)
    assert len(plan.measures) == 2 and all(plan.measures)  # both measures, each at least its lead
    assert len(plan.situation) >= 1 and len(plan.problem) >= 1
    kept = (sum(300 for _ in plan.situation) + sum(300 for _ in plan.problem)
            + sum(len(src[a:b]) for m in plan.measures for a, b in m))
    assert kept <= 1000
    assert plan.shortened == [0, 1] and plan.measure_chars_cut > 0


def test_a_shortened_measure_keeps_its_asks_before_its_argument() -> None:
    # the 减负 report's measure 2 in shape: a heading, an argument that asks nothing, then the asks (the lead kept
    # "光是有思维的转变还不够……" and two sentences of survey findings, and none of "建议……扩充和完善"/"应当精简作业量")
    src = ("2．改善评价体系。从调研过程中，小组成员发现，传统意义上对学生学习能力和成果的判断标准只有考试。"
           "不论是考试还是作业，都体现了目前学生学习情况的评价体系还不够完善。"
           "因此，调研小组建议，将学生的学习情况评价体系进行扩充和完善。从作业方面，首先应当精简作业量。"
           "一个学生的学习情况评价，通常是通过期中考和期末考的成绩按权重而得。")
    kept = "".join(src[a:b] for a, b in measure_pieces(src, 0, len(src), 55))
    assert "扩充和完善" in kept and "精简作业量" in kept
    assert "小组成员发现" not in kept and "按权重而得" not in kept
    # with room, everything comes back in order
    assert "".join(src[a:b] for a, b in measure_pieces(src, 0, len(src), 10_000)) == src


def test_the_budget_keeps_the_matters_evidence_before_the_reports_frame() -> None:
    # the sixth blind reader's 有线电视 draft: the 十九大 quote and a general 社会治理 paragraph were kept, and 苏州's
    # 有线智慧镇 facts — which three measures cite ("可参照苏州做法") — were cut
    from topicmine.drafts.budget import evidence_order

    paras = ["习近平总书记在党的十九大报告中明确提出，要打造共建共治共享的社会治理格局。",
             "近年来，我省认真贯彻中央部署，社会治理水平不断提高，但与群众期待相比仍有差距。",
             "2016年苏州市委市政府推动有线智慧镇建设，目前全市已经建成并通过验收有线智慧镇（街道）27个。"]
    measures = "1．推广有线智慧镇建设，可参照苏州做法。2．以苏州有线智慧镇（街道）项目建设的经验和案例为模板。"
    order = evidence_order(paras, measures)
    assert order[0] == 2  # the evidence first; both paragraphs that restate the centre's line after it
    lengths = [len(p) for p in paras]
    src = measures
    plan = plan_budget(src, 100 + len(src), lengths, [40], [(0, len(src))], keep_one=True, sit_order=order,
                       shorten=False)
    assert 2 in plan.situation and 0 not in plan.situation


def test_a_torn_item_is_kept_whole_or_not_at_all() -> None:
    # a paragraph ending inside a sentence goes with the next: the budget never keeps the second half alone
    from topicmine.drafts.budget import evidence_order

    paras = ["积极参与“雪亮工程”。各地有线电视网络在大力推进视频监控图像资源的汇聚整合以外，",
             "在传统的社会面监控以外，依托小区网络及入户机顶盒，推进监控点位建设，实现重点场所全覆盖。",
             "党的十九大报告提出，加强社会治理制度建设。"]
    order = evidence_order(paras, "依托机顶盒推进监控点位建设。")
    assert order.index(1) == order.index(0) + 1  # side by side, the first half first
