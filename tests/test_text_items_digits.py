"""A numbered item whose text opens with digits ("3．12345转办的……") is the list's next item, not a decimal.

The eighth blind reader's 县 report (citizens' messages on 农村人居环境) had under （二）规范农村垃圾收运处置
"1．全面禁止……⏎2．县城管局会同各镇……⏎3．12345转办的农村环境投诉，以现场整改结果办结……": the number token pattern
excludes "3．1" (as it must for "1.5亿元"), so the third measure fused into the second and the draft said "有 2 条建议".
"""

from __future__ import annotations

from topicmine.text.structure import parse_sections

REPORT = (
    "三、对策建议\n"
    "（二）规范城乡垃圾收运处置\n"
    "1．全面禁止露天焚烧垃圾，把保洁员焚烧垃圾纳入考核，镇村加强巡查。\n"
    "2．区城管局会同各街道完善垃圾收集点，及时清运，修复破损设施。\n"
    "3．12345热线转办的环境投诉，以现场整改结果办结，杜绝“电话回复已处理”。\n"
    "（三）加快推进厕所改造\n"
    "一是公布改厕年度计划和进度。\n"
)


def _items(text: str) -> list[tuple[str, str]]:
    return [(s.number, s.heading[:8]) for s in parse_sections(text) if s.number[:1].isdigit()]


def test_an_item_opening_with_digits_continues_its_list():
    items = _items(REPORT)
    assert [n for n, _ in items] == ["1．", "2．", "3．"], items
    assert items[2][1].startswith("12345热线")


def test_a_decimal_at_a_line_start_is_no_item():
    # no list before it, or a list whose last item is not N−1, or another dot: a number, not an item
    for text in ("（一）资金投入\n1.5亿元专项资金已下达，覆盖全部乡镇。\n",
                 "（一）资金投入\n1．加大投入。\n3．5万人受益于改造工程。\n",
                 "（一）资金投入\n1．加大投入。\n2.5万人受益于改造工程。\n"):
        assert [n for n, _ in _items(text)] in ([], ["1．"]), (text, _items(text))


def test_check_draft_counts_the_item_opening_with_digits():
    from topicmine.drafts.checks import check_draft

    draft = ("关于规范城乡垃圾收运处置的提案\n一、调研情况\n某镇保洁员违规焚烧垃圾，垃圾池破损，村民多次拨打12345热线，只有一次派车清运。\n"
             "二、问题分析\n垃圾收运不及时，热线转办以电话回复办结，问题反复出现。\n三、具体建议\n"
             + "\n".join(REPORT.splitlines()[2:5]))
    c = next(c for c in check_draft(draft, "proposal").checks if c.name == "concrete_suggestions")
    assert c.passed and "有 3 条建议" in c.message, c.message
