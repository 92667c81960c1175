"""Bad input: each file gives a ReaderError / issue that names the file and the reason; nothing crashes."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from topicmine.config import IngestSettings
from topicmine.errors import ReaderError, TopicmineError
from topicmine.ingest import read_documents, read_file

LIMITS = IngestSettings()


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("关于加强营商环境建设的提案")
    d.save(str(path))
    return path


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str, IngestSettings]]:
    """name → (file, expected words in the reason, limits)."""
    rnd = os.urandom(4096)
    files: dict[str, tuple[Path, str, IngestSettings]] = {}

    p = tmp / "损坏.docx"
    p.write_bytes(rnd)
    files["corrupt docx (random bytes)"] = (p, "不是有效的 .docx", LIMITS)

    p = tmp / "截断.docx"
    good = _docx(tmp / "good.docx").read_bytes()
    p.write_bytes(good[: len(good) // 2])
    files["truncated docx"] = (p, ".docx", LIMITS)

    p = tmp / "旧版.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rnd)
    files["legacy .doc renamed .docx"] = (p, "旧版", LIMITS)

    p = tmp / "二进制.txt"
    p.write_bytes(b"\x00\x01\x02\x03" + rnd)
    files["binary named .txt"] = (p, "二进制", LIMITS)

    p = tmp / "图片.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + rnd)
    files["png named .txt"] = (p, "图片", LIMITS)

    p = tmp / "空文件.txt"
    p.write_bytes(b"")
    files["empty file"] = (p, "空文件", LIMITS)

    p = tmp / "数据.xyz"
    p.write_text("正文", encoding="utf-8")
    files["unknown extension"] = (p, "不支持的文件类型 .xyz", LIMITS)

    p = tmp / "旧格式.doc"
    p.write_bytes(rnd)
    files["legacy .doc"] = (p, "另存为 .docx", LIMITS)

    p = tmp / "巨大.txt"
    p.write_text("很长的正文。" * 2000, encoding="utf-8")
    files["over size limit"] = (p, "文件过大", IngestSettings(max_file_mb=0.01))

    # a .docx with a huge, highly compressible extra part: tiny on disk, big unpacked
    p = tmp / "炸弹.docx"
    with zipfile.ZipFile(tmp / "good.docx") as zin, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        zout.writestr("word/media/padding.bin", b"\0" * (30 * 1024 * 1024))
    files["zip bomb docx"] = (p, "疑似 zip 炸弹", IngestSettings(max_zip_uncompressed_mb=10))

    p = tmp / "炸弹.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<x/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    files["zip bomb xlsx"] = (p, "疑似 zip 炸弹", IngestSettings(max_zip_uncompressed_mb=10))

    p = tmp / "坏.pdf"
    p.write_bytes(b"%PDF-1.4\n" + rnd)
    files["corrupt pdf"] = (p, "PDF", LIMITS)

    p = tmp / "假.pdf"
    p.write_text("这其实是文本", encoding="utf-8")
    files["text named .pdf"] = (p, "不是有效的 PDF", LIMITS)

    p = tmp / "坏.xlsx"
    p.write_bytes(rnd)
    files["corrupt xlsx"] = (p, ".xlsx", LIMITS)

    p = tmp / "无正文列.csv"
    p.write_text("编号,作者\n1,张三\n", encoding="utf-8")
    files["csv without text column"] = (p, "找不到正文列", LIMITS)

    p = tmp / "只有表头.csv"
    p.write_text("title,text\n", encoding="utf-8")
    files["csv header only"] = (p, "没有数据行", LIMITS)

    p = tmp / "乱码.txt"
    p.write_bytes(bytes(range(0x80, 0x100)) * 20)
    files["undecodable text"] = (p, "编码", LIMITS)
    return files


def test_each_bad_file_is_named_with_a_reason(tmp_path: Path) -> None:
    for name, (path, words, limits) in _bad_files(tmp_path).items():
        with pytest.raises(ReaderError) as ei:
            read_file(path, limits)
        exc = ei.value
        assert isinstance(exc, TopicmineError)
        assert exc.source == str(path), name
        assert words in exc.reason, f"{name}: {exc.reason}"
        assert str(path) in str(exc), name
        # read_documents never raises: the same problem comes back as an issue
        docs, issues = read_documents(path, limits)
        assert docs == [] and len(issues) == 1, name
        assert issues[0].source == str(path) and words in issues[0].reason, name


def test_zip_bomb_refused_before_parsing(tmp_path: Path, monkeypatch) -> None:
    files = _bad_files(tmp_path)
    path, _, limits = files["zip bomb docx"]
    import docx

    def boom(*a, **k):
        raise AssertionError("parser reached despite the size guard")

    monkeypatch.setattr(docx, "Document", boom)
    with pytest.raises(ReaderError, match="zip 炸弹"):
        read_file(path, limits)


def test_text_that_normalises_to_nothing_is_an_issue(tmp_path: Path) -> None:
    p = tmp_path / "chrome.txt"
    p.write_text("下载\n打印\n【字号：大 中 小】\n关闭窗口\n", encoding="utf-8")
    docs, issues = read_documents(p, LIMITS)
    assert docs == [] and "没有正文" in issues[0].reason


def test_directory_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="不存在"):
        read_file(tmp_path / "nope.txt", LIMITS)
    d = tmp_path / "dir.txt"
    d.mkdir()
    with pytest.raises(ReaderError, match="文件夹"):
        read_file(d, LIMITS)


def test_unknown_doc_type_argument_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("正文。", encoding="utf-8")
    docs, issues = read_documents(p, LIMITS, doc_type="不存在的类型")
    assert docs == [] and "unknown doc type" in issues[0].reason
