"""Detect what a file really is (sniffing) and decode text files without assuming UTF-8.

Offices hand over files saved by Windows Notepad (GBK/GB18030, UTF-16 with BOM),
by WPS, by web exports (UTF-8 with BOM) and sometimes a Word file renamed to .txt.
We decide from the bytes, never from the extension alone.
"""

from __future__ import annotations

import codecs
import re

from topicmine.errors import ReaderError

__all__ = ["sniff_kind", "decode_bytes", "plausibility"]

# magic numbers of formats we either read or must refuse with a helpful reason
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # empty zip
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # legacy .doc/.xls/.wps
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"BM", "image?"),  # weak: only with other binary evidence
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"Rar!\x1a\x07", "archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable?"),
    (b"SQLite format 3\x00", "sqlite"),
    (b"ID3", "audio"),
    (b"OggS", "audio"),
    (b"\x00\x00\x00\x18ftyp", "video"),
    (b"\x00\x00\x00\x20ftyp", "video"),
]

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

KIND_ZH = {
    "pdf": "PDF",
    "zip": "zip 压缩包 (.docx/.xlsx)",
    "ole": "旧版 Office 文件 (.doc/.xls/.wps)",
    "rtf": "RTF 文档",
    "image": "图片",
    "gzip": "gzip 压缩包",
    "archive": "压缩包",
    "executable": "可执行程序",
    "sqlite": "SQLite 数据库",
    "audio": "音频",
    "video": "视频",
    "binary": "二进制文件",
}

_HTML_RE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                      re.IGNORECASE | re.DOTALL)


def sniff_kind(head: bytes) -> str:
    """Classify a file from its first bytes.

    Returns one of ``pdf zip ole rtf image gzip archive executable sqlite audio video``,
    ``html``, ``text`` (decodable-looking) or ``binary``.

    >>> sniff_kind(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_kind("关于加强营商环境建设的提案".encode("gbk"))
    'text'
    """
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind.endswith("?"):
                # weak signatures ("MZ", "BM") are also ordinary text starts: decide by content
                if _looks_binary(head):
                    return kind[:-1]
                break
            return kind
    for bom, _enc in _BOMS:
        if head.startswith(bom):
            # a BOM'd UTF-16 HTML page is still HTML; check decoded start
            try:
                txt = head.decode(_enc, errors="ignore").lstrip("\ufeff")
            except LookupError:  # pragma: no cover
                txt = ""
            return "html" if _HTML_RE.match(txt.encode("utf-8", "ignore")) else "text"
    if _HTML_RE.match(head[:2048]):
        return "html"
    if _looks_binary(head):
        if _utf16_guess(head) or _stray_controls(head) is not None:
            return "text"
        return "binary"
    return "text"


# every byte except the C0 controls that do not occur in text (keeps \t \n \v \f \r ESC)
_NON_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32 and b != 27))


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many C0 control bytes: not a text file (unless UTF-16, checked separately)."""
    if not data:
        return False
    if b"\x00" in data:
        return True
    ctrl = len(data.translate(None, _NON_CONTROL))  # bytes.translate: C speed
    return ctrl / len(data) > 0.05


# the C0 control bytes _NON_CONTROL leaves out (NUL, BEL, BS, SO … US except ESC): never part of office text
_CONTROL_BYTES = bytes(b for b in range(256) if b not in _NON_CONTROL)
_CONTROL_RUN_RE = re.compile(b"[" + re.escape(_CONTROL_BYTES) + b"]{4}")


def _stray_controls(data: bytes) -> tuple[str, int] | None:
    """UTF-8 text with a few isolated control bytes (a NUL after each 。 from a broken export or copy):
    ``(text without them, how many)``; None when there are none, or when they look like a binary format
    (more than 1 byte in 20, runs of 4 or more) or the rest is not UTF-8 text that reads as text.

    >>> _stray_controls("关于养老的提案。\\x00建议加强。\\x00".encode())
    ('关于养老的提案。建议加强。', 2)
    >>> _stray_controls(bytes(range(256)) * 4) is None
    True
    """
    n = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if n == 0 or n * 20 > len(data) or _CONTROL_RUN_RE.search(data):
        return None
    clean = data.translate(None, _CONTROL_BYTES)
    try:
        text = clean.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a sniffed head may end inside a character
        if not (exc.start >= len(clean) - 3 and exc.reason.startswith("unexpected end")):
            return None
        text = clean[: exc.start].decode("utf-8")
    text = text.lstrip("\ufeff")
    if plausibility(text) < 0.97:
        return None
    return text, n


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without BOM: decode both ways and keep the one that reads as text."""
    if len(data) < 4:
        return None
    data = data[: len(data) - (len(data) % 2)]
    best: tuple[float, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            txt = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = plausibility(txt)
        if score >= 0.9 and (best is None or score > best[0]):
            best = (score, enc)
    return best[1] if best else None


def _is_plausible_char(ch: str) -> bool:
    o = ord(ch)
    return (
        ch in "\n\t\r "
        or 0x20 <= o < 0x7F  # ASCII printable
        or 0x4E00 <= o <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= o <= 0x4DBF  # extension A
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2000 <= o <= 0x206F  # general punctuation (“”…—)
        or 0x2460 <= o <= 0x24FF  # ①②
        or 0x00A0 <= o <= 0x00FF  # Latin-1 letters, ·, ×
        or 0x2150 <= o <= 0x218F  # Ⅰ Ⅱ
        or 0x3200 <= o <= 0x32FF  # ㈠
        or 0xFE30 <= o <= 0xFE4F  # vertical forms
        or 0x0370 <= o <= 0x04FF  # Greek/Cyrillic (units, formulas)
        or 0x2190 <= o <= 0x22FF  # arrows, math
        or 0x25A0 <= o <= 0x25FF  # ■□▲
        or 0x20000 <= o <= 0x2FFFF  # CJK extensions B+
        or ch == "\ufeff"
    )


def plausibility(text: str) -> float:
    """Share of characters that occur in Chinese/English office text (0..1).

    Random bytes decoded as GB18030 or UTF-16 land on rare ideographs, private-use
    or control characters and score low; real text scores ≥ 0.97.
    """
    if not text:
        return 1.0
    sample = text[:20000]
    good = sum(1 for ch in sample if _is_plausible_char(ch))
    # rare CJK (outside the ~8,000 common characters) is suspicious in bulk; we cannot
    # cheaply tell rare from common here, so only penalise the obviously non-text.
    return good / len(sample)


_REPLACED = "+replaced:"
_REMOVED = "+removed:"


def _decode_replacing(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with U+FFFD for undecodable bytes; return the text and how many were replaced."""
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


def _few(n: int, size: int) -> bool:
    """Stray bytes, not a wrong encoding: at most 8 (or 1 in 10,000) and at most 1 in 1,000 bytes."""
    return n <= max(8, size // 10_000) and n * 1000 <= size


def replaced_label(encoding: str, n: int) -> str:
    """The encoding label of a file decoded with ``n`` bytes replaced: ``utf-8+replaced:3``."""
    return f"{encoding}{_REPLACED}{n}"


def replaced_issue(label: str) -> str | None:
    """The per-file message for a ``…+replaced:N`` label, else None.

    >>> replaced_issue("utf-8+replaced:3")
    '有 3 处无法按 utf-8 解码的字节，已替换为 �，其余正文照常读取'
    """
    if _REMOVED in label:
        enc, n = label.split(_REMOVED, 1)
        return f"有 {n} 个控制字节（如 NUL）夹在 {enc} 正文中，已删除，其余正文照常读取"
    if _REPLACED not in label:
        return None
    enc, n = label.split(_REPLACED, 1)
    return f"有 {n} 处无法按 {enc} 解码的字节，已替换为 \ufffd，其余正文照常读取"


def decode_bytes(data: bytes, source: str, *, encoding: str | None = None) -> tuple[str, str]:
    """Decode file bytes into text; return ``(text, encoding_used)``.

    Order: explicit ``encoding`` (from a source rule) > BOM > strict UTF-8 > UTF-16 without
    BOM (NUL-byte heuristic) > strict GB18030 (superset of GBK/GB2312) if it reads as text >
    charset-normalizer's best guess. Raises ``ReaderError`` for binary content.

    >>> decode_bytes("社情民意信息".encode("gbk"), "a.txt")
    ('社情民意信息', 'gb18030')
    """
    if encoding:
        try:
            text, n = _decode_replacing(data, encoding)
        except LookupError as exc:
            raise ReaderError(source, f"未知编码 {encoding!r}（见 corpus/ingest.toml 的 encoding 设置）") from exc
        if n and not _few(n, len(data)):
            raise ReaderError(
                source, f"按指定编码 {encoding} 解码失败（{n} 处无法解码）；请检查 ingest.toml 的 encoding"
            )
        # a few undecodable bytes under the office's chosen encoding are replaced and counted, not fatal
        return text.lstrip("\ufeff"), replaced_label(encoding, n) if n else encoding
    # a few isolated control bytes (NULs) in UTF-8 text, BOM or not: removed and counted (real binary has runs
    # of them, or more, or is not UTF-8 around them; UTF-16/32 is dense in NULs)
    stray = _stray_controls(data)
    if stray is not None:
        return stray[0], f"utf-8{_REMOVED}{stray[1]}"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            label = enc + ("-sig" if enc == "utf-8" else "")
            try:
                return data[len(bom):].decode(enc), label
            except UnicodeDecodeError:
                # a few bad code units after a BOM (a lone surrogate, an odd trailing byte): keep the file,
                # replaced and counted; a BOM followed by garbage falls through to the heuristics
                text, n = _decode_replacing(data[len(bom):], enc)
                if _few(n, len(data)):
                    return text, replaced_label(label, n)
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        # a file cut off in the middle of a multi-byte character is still UTF-8
        if exc.start >= len(data) - 3 and exc.reason.startswith("unexpected end"):
            return data[: exc.start].decode("utf-8"), "utf-8"
    # a few stray bytes in an otherwise UTF-8 file (a bad copy, one GBK character pasted in):
    # keep the file, mark the bytes with U+FFFD and say how many (a GBK file fails on most characters)
    text, n = _decode_replacing(data, "utf-8")
    if _few(n, len(data)):
        return text, replaced_label("utf-8", n)
    if b"\x00" in data[:65536]:
        enc16 = _utf16_guess(data[:65536])
        if enc16:
            try:
                return data.decode(enc16), enc16
            except UnicodeDecodeError:
                # a lone surrogate or one odd trailing byte in otherwise clean UTF-16: replaced and counted;
                # more than a few and it is not UTF-16 after all (the binary-data error below)
                text, n = _decode_replacing(data, enc16)
                if _few(n, len(data)):
                    return text, replaced_label(enc16, n)
        raise ReaderError(source, "内容是二进制数据，不是文本文件（含 NUL 字节）；请检查文件是否损坏或扩展名是否正确")
    try:
        text = data.decode("gb18030")
        if plausibility(text) >= 0.97:
            return text, "gb18030"
    except UnicodeDecodeError:
        # a few stray bytes in a GBK/GB18030 file (Notepad's "ANSI" export, one bad copy): the same rule as
        # for UTF-8 — replaced and counted if the rest reads as Chinese text; else detection below decides
        text, n = _decode_replacing(data, "gb18030")
        if _few(n, len(data)) and plausibility(text) >= 0.97:
            return text, replaced_label("gb18030", n)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:2_000_000]).best()
    except Exception:  # noqa: BLE001 - a detector crash must not hide the real problem
        best = None
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if text and plausibility(text) >= 0.9:
            return text, best.encoding
    raise ReaderError(
        source,
        "无法识别文本编码（不是 UTF-8/GBK/GB18030/UTF-16），或内容是二进制数据；"
        "可在 corpus/ingest.toml 为该来源指定 encoding",
    )
