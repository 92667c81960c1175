"""One numbering rule set: the outline (segmentation) and the report structure (drafting) agree on what a number is.

Each row is a line of a real kind of document; both parsers must see a numbered section at its start, or neither.
"""

from __future__ import annotations

import pytest

from topicmine.text.outline import outline_sections
from topicmine.text.structure import parse_sections

BODY = "\n全省上下认真贯彻落实，取得明显成效，群众满意度不断提升。"

CASES = [
    ("一、总体要求", "一、"),
    ("十二、加强基层治理", "十二、"),
    ("（三）完善托育服务体系", "（三）"),
    ("2.加快建设嵌入式托育机构", "2."),
    ("（1）强化财政支持", "（1）"),
    ("⑴培育100个标准示范村", "⑴"),
    ("③落实属地责任", "③"),
    ("第二章　提案的提出", "第二章"),
    # not numbers: a company name, an enumeration of numerals, amounts and dates
    ("三一、中联、中烟3家企业年销售收入均过300亿元。", None),
    ("一、二类疫苗接种率保持在95%以上。", None),
    ("1.5亿元用于老旧小区改造。", None),
    ("2、3月份降水偏少，旱情露头。", None),
]


@pytest.mark.parametrize("line,number", CASES, ids=[c[0][:8] for c in CASES])
def test_both_parsers_agree_on_the_number(line: str, number: str | None) -> None:
    text = "关于加快发展社区嵌入式托育服务的调研报告\n" + line + BODY
    start = text.index(line)
    outline = {s.start: s.number for s in outline_sections(text)}
    drafting = {s.start: s.number for s in parse_sections(text)}
    if number is None:
        assert start not in outline and start not in drafting, (outline, drafting)
    else:
        assert outline.get(start) == number, outline
        assert drafting.get(start, "").strip() == number, drafting
