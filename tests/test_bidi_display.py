"""Bidi controls (U+202A–202E, U+2066–2069, U+200E/F) never reach what people read: titles, authors and file
names in the stored documents, the morning report (HTML and Markdown) and the spreadsheet CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from topicmine.config import IngestSettings
from topicmine.csvsafe import safe_writer
from topicmine.export.morning import render_html, render_markdown
from topicmine.ingest import read_documents

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def _clean(s: str) -> bool:
    return not any(ch in s for ch in BIDI)


def test_titles_authors_and_file_names_are_stored_without_bidi_controls(tmp_path: Path) -> None:
    fm = tmp_path / "关于\u202e托育\u2066服务的提案.md"
    fm.write_text("---\ntitle: \"关于\u202e加强托育\u2067服务的提案\"\nauthor: \"张\u202d三\"\n---\n正文：建议\u202e增加托育机构。\n",
                  encoding="utf-8")
    stem = tmp_path / "\u202e关于养老服务的提案.txt"  # no title anywhere but the file name
    stem.write_text("\n\n建议增加养老服务\u2068供给。\n", encoding="utf-8")
    for path in (fm, stem):
        docs, issues = read_documents(path, IngestSettings())
        assert docs and not issues, issues
        d = docs[0]
        for value in (d.title, d.author or "", d.text):
            assert _clean(value), repr(value)
    assert read_documents(fm, IngestSettings())[0][0].title == "关于加强托育服务的提案"


def test_the_morning_report_and_csv_neutralise_bidi_in_data_already_stored() -> None:
    evil = "关于\u202e托育\u2066服务的提案"
    report = {"date": "2026-12-06", "new_documents": [{"id": "a1", "title": evil, "doc_type_zh": "提案",
                                                       "author": "李\u202e四", "region": "江苏省"}]}
    html_out = render_html(report)
    md_out = render_markdown(report)
    assert "关于托育服务的提案" in html_out and _clean(html_out)
    assert "关于托育服务的提案" in md_out and _clean(md_out)
    buf = io.StringIO()
    safe_writer(buf).writerow([evil, "=\u202eHYPERLINK(1)"])
    row = next(csv.reader(io.StringIO(buf.getvalue())))
    assert row == ["关于托育服务的提案", "'=HYPERLINK(1)"]
