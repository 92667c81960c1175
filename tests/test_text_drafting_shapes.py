"""Drafting on the text layer: every input shape of a sample report gives the same drafts (split_report with
layout=True), and front matter never becomes a draft's supporting text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_text_structure import SAMPLES, _body, _wrap
from topicmine.drafts import analyze_report, split_report


def _signature(res) -> list[tuple[str, str, list[str]]]:
    return [(d.genre, d.title, [re.sub(r"\s", "", p.text) for s in d.sections for p in s.paragraphs])
            for d in res.drafts]


@pytest.mark.parametrize("md", SAMPLES[-1:], ids=["低空经济"])
def test_same_drafts_for_every_input_shape(md: Path) -> None:
    text, _title = _body(md)
    shapes = {"blank-line": text, "one-newline": re.sub(r"\n\s*\n", "\n", text), "hard-wrapped": _wrap(text)}
    sigs = {name: _signature(split_report(t, layout=True)) for name, t in shapes.items()}
    assert len(sigs["blank-line"]) >= 3
    assert sigs["one-newline"] == sigs["blank-line"]
    assert sigs["hard-wrapped"] == sigs["blank-line"]
    # without the layout step the raw one-newline shape is read differently (what layout=True fixes)
    assert _signature(split_report(shapes["hard-wrapped"])) != sigs["blank-line"]


def test_front_matter_supports_nothing() -> None:
    text = ("关于我市养老护理队伍建设情况的调研报告\n市政协社会法制委员会调研组\n2025年5月\n"
            "根据年度协商计划，调研组赴5个区开展调研。现将调研情况报告如下：\n"
            "一、基本情况\n我市现有养老机构120家，护理员2100人。\n二、存在问题\n护理员流失率高，待遇偏低。\n"
            "三、对策建议\n建议提高养老护理员薪酬待遇，建立护理员职业晋升通道。")
    a = analyze_report(text)
    assert a.units
    quoted = " ".join(p.text for u in a.units for p in u.support)
    assert "调研报告" not in quoted and "报告如下" not in quoted and "调研组" not in quoted
    assert all(p.start >= text.index("一、基本情况") for p in a.passages)
