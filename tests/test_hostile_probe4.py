"""The last open Low findings of the outside re-probe (docs/figures/probe3.md), built from the failing files.

P12: a BOM'd .txt holding 100,000 nested ``<div>`` (the text below the depth cap) was refused as
"网页中没有正文文字" — the depth issue was collected, then dropped when the empty page raised.
P14 (third file): UTF-8 text with a NUL after each 。 was refused as binary; a few isolated control bytes
are now removed and counted, while binary (runs of NULs, or not UTF-8 around them) is still refused.
Each file is generated here, as the prober's generator made it (docs/figures/probe3-gen/g5_text.py).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from topicmine.config import IngestSettings
from topicmine.ingest import read_documents
from topicmine.ingest.encoding import decode_bytes, sniff_kind

T = "建议完善社区养老服务网络，加大财政支持力度，推动医养结合。"


def _deep_page(prefix: str = "") -> str:
    return prefix + "<!DOCTYPE html><html><body>" + "<div>" * 100_000 + "政</body></html>"


@pytest.mark.parametrize("name,isolate", [("txt_bom_then_html.txt", "off"), ("txt_bom_then_html.txt", "all"),
                                          ("deep.html", "off")])
def test_deep_html_with_nothing_above_the_cap_names_the_depth(tmp_path: Path, name: str, isolate: str) -> None:
    f = tmp_path / name
    f.write_text(_deep_page("\ufeff" if name.endswith(".txt") else ""), encoding="utf-8")
    docs, issues = read_documents(f, IngestSettings(isolate=isolate))
    assert docs == []
    reasons = [i.reason for i in issues]
    assert any("嵌套超过 400 层" in r and "正文都在更深处" in r for r in reasons), reasons
    assert not any(r == "网页中没有正文文字" for r in reasons), reasons
    assert all(i.source == str(f) for i in issues)


def test_deep_html_with_text_above_the_cap_keeps_it_and_says_the_rest_was_cut(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text("<html><body><p>关于养老的提案。</p>" + "<div>" * 5_000 + "政</body></html>", encoding="utf-8")
    docs, issues = read_documents(f, IngestSettings(isolate="off"))
    assert [d.text for d in docs] == ["关于养老的提案。"]
    assert any("嵌套超过 400 层，更深的内容已忽略" in i.reason for i in issues)


def _nul_sprinkled() -> bytes:
    return ("关于养老服务的提案\n\n" + T * 200).encode("utf-8").replace("。".encode(), "。\x00".encode())


def test_utf8_text_with_a_nul_after_each_full_stop_is_read_and_the_bytes_counted(tmp_path: Path) -> None:
    data = _nul_sprinkled()
    assert sniff_kind(data[:8192]) == "text"
    text, used = decode_bytes(data, "nul.txt")
    assert used == "utf-8+removed:200" and "\x00" not in text and text.startswith("关于养老服务的提案")
    f = tmp_path / "txt_nul_sprinkled.txt"
    f.write_bytes(data)
    docs, issues = read_documents(f, IngestSettings())
    assert len(docs) == 1 and "\x00" not in docs[0].text and "医养结合" in docs[0].text
    assert any("有 200 个控制字节（如 NUL）" in i.reason for i in issues), [i.reason for i in issues]


@pytest.mark.parametrize("kind", ["nul_runs", "struct_like", "random", "dense"])
def test_binary_with_nuls_is_still_refused(tmp_path: Path, kind: str) -> None:
    rng = random.Random(3)
    if kind == "nul_runs":  # text with 4-byte NUL runs: a binary record format, not stray bytes
        data = (T * 300).encode().replace("。".encode(), "。\x00\x00\x00\x00".encode())
    elif kind == "struct_like":  # ASCII strings in fixed-width fields padded with NULs (a tar header, a DB page)
        data = b"".join(f"field{i}".encode().ljust(32, b"\x00") for i in range(300))
    elif kind == "random":
        data = bytes(rng.randrange(256) for _ in range(20_000))
    else:  # valid UTF-8, but more than 1 byte in 20 is a control byte
        data = "".join(ch + ("\x01" if i % 3 == 0 else "") for i, ch in enumerate(T * 200)).encode()
    assert sniff_kind(data[:8192]) == "binary", kind
    f = tmp_path / f"{kind}.txt"
    f.write_bytes(data)
    docs, issues = read_documents(f, IngestSettings(isolate="off"))
    assert docs == [] and any("二进制" in i.reason for i in issues), [i.reason for i in issues]


# ---- found by the fourth outside probe -------------------------------------------------------------------
_WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_with_table(path: Path, span: str) -> Path:
    import zipfile

    tc = ('<w:tc><w:tcPr>{p}</w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>')
    spanned = tc.format(p='<w:gridSpan w:val="' + span + '"/>', t="甲")
    body = (f'<w:p><w:r><w:t>关于养老的提案</w:t></w:r></w:p><w:p><w:r><w:t>{T}</w:t></w:r></w:p>'
            f'<w:tbl><w:tr>{spanned}{tc.format(p="", t="乙")}</w:tr></w:tbl>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                   'officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="{_WNS}"><w:body>{body}</w:body></w:document>')
    return path


@pytest.mark.parametrize("span", ["10000000", "-5", "2"])
def test_a_huge_grid_span_costs_nothing_and_keeps_the_table_text(tmp_path: Path, span: str) -> None:
    """A 1 KB .docx whose table cell says gridSpan=2,000,000,000: python-docx's layout built a list per grid
    column (6.8 GB inline and growing; in the worker 40 s and 2 GB until the cap, then a silent fallback)."""
    import tracemalloc

    f = _docx_with_table(tmp_path / f"span{span}.docx", span)
    assert f.stat().st_size < 2000
    tracemalloc.start()
    try:
        docs, issues = read_documents(f, IngestSettings(isolate="off"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024, peak
    assert len(docs) == 1 and docs[0].text.rstrip().endswith("甲\t乙"), docs[0].text[-40:]


def test_a_two_billion_grid_span_in_the_reader_worker_is_read_not_swallowed_by_the_cap(tmp_path: Path) -> None:
    """The probe's file, through the capped worker (as ingest reads a .docx): before, 40 s and 2 GB until the cap,
    whose MemoryError python-docx's fallback then swallowed; now read at once, table text kept, no issue.
    (The result looks the same either way; the inline test above is the one that fails on the old layout.)"""
    f = _docx_with_table(tmp_path / "span2e9.docx", "2000000000")
    docs, issues = read_documents(f, IngestSettings(isolate="all", max_memory_mb_per_file=400))
    assert [i.reason for i in issues] == []
    assert len(docs) == 1 and docs[0].text.rstrip().endswith("甲\t乙")


@pytest.mark.parametrize("host,allowed", [(b"127.0.0.1:8000", True), (b"LOCALHOST", True), (b"[::1]:80", True),
                                          (b"localhost:1@evil", False), (b"[::1]x", False), (b"localhost:", False),
                                          (b"evil.example:8000", False), (b"127.0.0.1.nip.io", False)])
def test_host_header_with_junk_after_the_name_is_not_allowed(host: bytes, allowed: bool) -> None:
    """The fourth probe sent ``Host: localhost:1@evil`` and got the corpus (the part after ':' was taken as a port)."""
    from topicmine.service.limits import _host_name

    assert (_host_name(host) in {"127.0.0.1", "localhost", "::1", "[::1]"}) is allowed
