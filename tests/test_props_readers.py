"""Property tests of every reader: random bytes, random text and mutated real files under each
extension either give documents or a ``ReaderError`` / issue naming the file — never another exception.

(The segmenter's own properties are in tests/test_segment_properties.py; the normalise → segment
chain and the drafts' report parser are in tests/test_props_text.py.)
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile_fixtures as H
from topicmine.config import IngestSettings
from topicmine.errors import ReaderError
from topicmine.ingest import read_documents, read_file

EXTENSIONS = [".txt", ".md", ".csv", ".tsv", ".jsonl", ".html", ".docx", ".xlsx", ".pdf"]
LIMITS = IngestSettings(max_seconds_per_file=20)
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                 database=None)

_DIR = Path(tempfile.mkdtemp(prefix="tm-props-readers-"))

ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=400)
STRUCTURED_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["---\n", "+++\n", "title: 关于", "# ", "一、", "（一）", "\t", ",", "\"", "\n", "\r\n", "{", "}",
                         "[", "]", ":", "<p>", "</p>", "<div>", "<script>", "&amp;", "&#0;", "\x00", "\ufeff",
                         "text,title\n", '{"text": "', '"}\n', "<html><body>", "%PDF-1.4", "PK\x03\x04"]),
        st.text(max_size=20),
    ),
    max_size=40,
).map("".join)


def _write(ext: str, data: bytes, tag: str) -> Path:
    p = _DIR / f"{tag}{ext}"
    p.write_bytes(data)
    return p


def _assert_contract(path: Path) -> None:
    """read_file raises only ReaderError naming the file; read_documents never raises."""
    try:
        result = read_file(path, LIMITS)
    except ReaderError as exc:
        assert exc.source == str(path) and exc.reason.strip()
        assert str(path) in str(exc)
    else:
        for issue in result.issues:
            assert issue.source == str(path)
        for raw in result.docs:
            assert isinstance(raw.text, str) and raw.source == str(path)
    docs, issues = read_documents(path, LIMITS)
    for issue in issues:
        assert issue.source == str(path) and issue.reason.strip()
    for d in docs:
        assert d.text.strip() and d.id and all(s.startswith(str(path)) for s in d.sources)
    assert docs or issues, "a file gave neither documents nor a reason"


@pytest.mark.parametrize("ext", EXTENSIONS)
@PROPS
@given(data=st.binary(max_size=2048))
def test_random_bytes(ext: str, data: bytes) -> None:
    if not data:
        data = b"\x00"
    _assert_contract(_write(ext, data, "bytes"))


@pytest.mark.parametrize("ext", EXTENSIONS)
@PROPS
@given(text=st.one_of(ANY_TEXT, STRUCTURED_TEXT),
       enc=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "surrogateescape"]))
def test_random_text(ext: str, text: str, enc: str) -> None:
    if enc == "surrogateescape":
        data = text.encode("utf-8", "surrogateescape") if text else b" "
    else:
        data = text.encode(enc, "replace") or b" "
    try:
        data = text.encode("utf-8", "surrogatepass") if enc == "utf-8" else data
    except UnicodeEncodeError:
        pass
    _assert_contract(_write(ext, data, "text"))


# ---------------------------------------------------------------------------------------------------
# mutated real files: valid containers with flipped / truncated / inserted bytes
# ---------------------------------------------------------------------------------------------------
def _valid(kind: str) -> bytes:
    p = _DIR / f"valid-{kind}"
    if kind == "docx":
        H.good_docx(p)
    elif kind == "xlsx":
        H.million_rows_xlsx(p, empty_rows=3, rows_after=2)
    elif kind == "pdf":
        H.looping_pdf_xref(p)
    elif kind == "docx-real":
        import docx

        d = docx.Document()
        d.add_heading("关于加快发展银发经济的调研报告", 0)
        d.add_paragraph("一、基本情况")
        d.add_paragraph("我市老年人口占比持续上升。")
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text, t.cell(1, 1).text = "项目", "数量"
        buf = io.BytesIO()
        d.save(buf)
        return buf.getvalue()
    return p.read_bytes()


VALID = {k: _valid(k) for k in ("docx", "docx-real", "xlsx", "pdf")}
MUTATION = st.lists(
    st.tuples(st.sampled_from(["flip", "truncate", "insert", "zero"]), st.integers(0, 1 << 20), st.binary(min_size=1, max_size=8)),
    min_size=1, max_size=4,
)


def _mutate(data: bytes, ops: list[tuple[str, int, bytes]]) -> bytes:
    b = bytearray(data)
    for op, pos, blob in ops:
        i = pos % max(len(b), 1)
        if op == "flip":
            b[i] ^= blob[0] or 1
        elif op == "truncate":
            del b[max(i, 1):]
        elif op == "insert":
            b[i:i] = blob
        else:
            b[i:i + len(blob)] = b"\x00" * len(blob)
    return bytes(b) or b"\x00"


@pytest.mark.parametrize("kind,ext", [("docx", ".docx"), ("docx-real", ".docx"), ("xlsx", ".xlsx"), ("pdf", ".pdf"),
                                      ("docx-real", ".pdf"), ("pdf", ".txt")])
@PROPS
@given(ops=MUTATION)
def test_mutated_files(kind: str, ext: str, ops) -> None:
    _assert_contract(_write(ext, _mutate(VALID[kind], ops), f"mut-{kind}"))


@PROPS
@given(members=st.dictionaries(
    st.sampled_from(["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                     "xl/workbook.xml", "xl/worksheets/sheet1.xml", "docProps/core.xml", "word/styles.xml"]),
    st.one_of(st.binary(max_size=200), STRUCTURED_TEXT.map(lambda s: s.encode("utf-8", "surrogatepass"))),
    max_size=6),
    ext=st.sampled_from([".docx", ".xlsx"]))
def test_random_office_packages(members: dict[str, bytes], ext: str) -> None:
    """Zips with the right part names and garbage inside (the parsers' error paths)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    _assert_contract(_write(ext, buf.getvalue(), "pkg"))
