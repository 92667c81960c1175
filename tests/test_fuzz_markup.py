"""Fuzzing the text readers: the linear-time scanners give exactly what the regexes they
replace gave, and hypothesis-generated front matter, Markdown and table files never raise out of
``read_documents`` (every problem is a named per-file issue)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile_fixtures as H
from topicmine.config import IngestSettings
from topicmine.ingest import read_documents
from topicmine.ingest.scanners import is_table_separator, strip_delimited, strip_links, strip_paired
from topicmine.ingest.text import split_front_matter

# the regexes the scanners replace (kept here as the specification)
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
SHORTCODE_RE = re.compile(r"\{\{[<%].*?[%>]\}\}", re.DOTALL)
IMAGE_RE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
LINK_RE = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
REFLINK_RE = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
TABLE_SEP_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
PAIRED = {d: re.compile(re.escape(d) + r"(?=\S)(.+?)(?<=\S)" + re.escape(d)) for d in ("***", "**", "__", "~~")}

# small alphabets dense in the characters that matter, so openers/closers meet often
MARKUP = st.text(alphabet=list("<!->{}%*_~[]()a 政\t\n"), max_size=60)
LINE = st.text(alphabet=list("*_~a 政\t"), max_size=40)
TABLE_LINE = st.text(alphabet=list("|-: \tx"), max_size=20)


@given(MARKUP)
def test_comment_and_shortcode_scanners_equal_the_regexes(s: str) -> None:
    assert strip_delimited(s, ("<!--",), ("-->",)) == COMMENT_RE.sub("", s)
    assert strip_delimited(s, ("{{<", "{{%"), ("%}}", ">}}")) == SHORTCODE_RE.sub("", s)


@given(MARKUP)
def test_link_scanners_equal_the_regexes(s: str) -> None:
    assert strip_links(s, "![", 0, "(", ")") == IMAGE_RE.sub(lambda m: m.group(1), s)
    assert strip_links(s, "[", 1, "(", ")") == LINK_RE.sub(lambda m: m.group(1), s)
    assert strip_links(s, "[", 1, "[", "]") == REFLINK_RE.sub(lambda m: m.group(1), s)


@given(LINE, st.sampled_from(sorted(PAIRED)))
def test_paired_scanner_equals_the_regex(s: str, delim: str) -> None:
    assert strip_paired(s, delim) == PAIRED[delim].sub(lambda m: m.group(1), s)


@given(TABLE_LINE)
def test_table_separator_equals_the_regex(s: str) -> None:
    assert is_table_separator(s) == bool(TABLE_SEP_RE.match(s))


# ---- whole files: never an exception, always the file named ------------------------------------
_YAML_PIECES = st.sampled_from([
    "title: 关于养老服务的提案", "a: &x [1, 2]", "b: *x", "<<: *x", "c: [[[[", "d: {{{", "- a", "  - b", "e: |",
    "f: !!python/object:os.system ls", "g: !!binary AAAA", "h: 2023-01-15", "? k", ": v", "'", '"', "\t", "%YAML 1.1",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_YAML_PIECES, max_size=12), st.text(max_size=40))
def test_random_front_matter_never_raises(pieces: list[str], body: str) -> None:
    text = "---\n" + "\n".join(pieces) + "\n---\n" + body
    meta, rest, problem = split_front_matter(text)
    assert isinstance(meta, dict)
    json.dumps(meta, ensure_ascii=False)  # what is kept is JSON-friendly (stored as metadata)
    assert body.replace("\r\n", "\n").replace("\r", "\n").startswith(rest[:0]) and (problem is None or problem)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=list("#*_~[]()<>!-=|`{}%\\ \n政a1"), min_size=1, max_size=400), st.sampled_from([".md", ".txt"]))
def test_random_markdown_files_read_or_are_named(tmp_path: Path, md: str, ext: str) -> None:
    f = tmp_path / f"随机{ext}"
    f.write_text(md, encoding="utf-8")
    docs, issues = read_documents(f, IngestSettings())
    assert docs or issues
    assert all(i.source == str(f) for i in issues)


_CELL = st.text(alphabet=list("政a1 ,\"\n\t;=+-@"), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=6), st.sampled_from([".csv", ".tsv", ".jsonl"]))
def test_random_table_files_read_or_are_named(tmp_path: Path, rows: list[list[str]], ext: str) -> None:
    f = tmp_path / f"随机{ext}"
    if ext == ".jsonl":
        f.write_text("\n".join(json.dumps({"标题": r[0], "正文": "".join(r)}, ensure_ascii=False) for r in rows), encoding="utf-8")
    else:
        sep = "," if ext == ".csv" else "\t"
        f.write_text("标题" + sep + "正文\n" + "\n".join(sep.join(r) for r in rows), encoding="utf-8")
    docs, issues = read_documents(f, IngestSettings())
    assert docs or issues
    assert all(i.source == str(f) for i in issues)


_XML_NOISE = st.sampled_from(['t="s"', 't="n"', 't="b"', 't="e"', 't="inlineStr"', 'r="ZZZZZZ3"', 'r="A0"', 'r="1A"', 's="99"'])
_VALUE = st.sampled_from(["0", "999", "-1", "abc", "1e999", "", "政", "<", "&amp;"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_XML_NOISE, _VALUE), min_size=1, max_size=4))
def test_random_broken_xlsx_cells_are_named_not_raised(tmp_path: Path, cells: list[tuple[str, str]]) -> None:
    from xml.sax.saxutils import escape

    row = "".join(f"<c {attrs}><v>{escape(v)}</v></c>" for attrs, v in cells)
    f = H.write_xlsx(tmp_path / "随机.xlsx", H._XLSX_HEADER_ROW + f'<row r="2">{row}</row>', shared=["甲"])
    assert zipfile.is_zipfile(f)
    docs, issues = read_documents(f, IngestSettings())
    assert all(i.source == str(f) for i in issues)


@pytest.mark.parametrize("props", [
    '<w:gridSpan w:val="abc"/>', '<w:gridSpan w:val="-5"/>', '<w:gridSpan w:val="99999999"/>', "<w:vMerge/>",
    '<w:vMerge w:val="restart"/><w:gridSpan w:val="0"/>', '<w:hMerge/>',
])
def test_broken_docx_table_properties_keep_the_text(tmp_path: Path, props: str) -> None:
    table = H._docx_table("<w:tr>" + H._tc("甲", props) + H._tc("乙") + "</w:tr>")
    f = H.write_docx(tmp_path / "表格.docx", H.document_xml(["关于推进老旧小区加装电梯的建议"], extra_body=table))
    docs, issues = read_documents(f, IngestSettings())
    assert len(docs) == 1 and "甲" in docs[0].text and "加装电梯" in docs[0].text, issues
