"""Reports: reports/dedup.csv (opened in Excel/WPS) never carries a live formula."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from topicmine.csvsafe import safe_cell
from topicmine.dedup.report import write_csv

HOSTILE = ['=HYPERLINK("http://evil.example","点此")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("title", HOSTILE)
def test_formula_cells_are_prefixed(tmp_path: Path, title: str) -> None:
    report = {"groups": [], "pairs": [{
        "level": "重复", "score": -0.5, "a": "d1", "b": "d2", "spans": [], "context": "=cmd|' /C calc'!A0",
        "a_info": {"title": title, "author": "@张委员", "date": "2023-01-01"},
        "b_info": {"title": "关于加强养老服务的提案", "author": "李委员", "year": 2023},
    }]}
    p = write_csv(report, tmp_path / "dedup.csv")
    rows = list(csv.reader(p.read_text(encoding="utf-8-sig").splitlines()))
    row = dict(zip(rows[0], rows[1]))
    for col in ("a_title", "a_author", "context"):
        assert row[col].startswith("'"), (col, row[col])
    assert row["b_title"] == "关于加强养老服务的提案" and row["score"] == "-0.5"  # plain text and numbers untouched


def test_safe_cell_leaves_ordinary_text() -> None:
    assert safe_cell("关于-加强") == "关于-加强" and safe_cell(3) == 3 and safe_cell(None) is None
