"""PDF (text layer via pypdf) and HTML (main text via lxml) readers.

Both formats come from the web and can be hostile or broken: a PDF may have no
text layer (a scan), be encrypted, or be crafted to make a parser spin; an HTML
page may nest elements thousands deep. Both readers are bounded by page count,
time and depth, and walk trees iteratively (no Python recursion).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from topicmine.errors import ReaderError
from topicmine.records import IngestIssue, RawDocument

from .encoding import decode_bytes

if TYPE_CHECKING:
    from topicmine.config import IngestSettings

__all__ = ["read_pdf", "read_html", "MAX_PDF_PAGES"]

#: hard cap on pages read from one PDF (a 政府工作报告 is 30–60 pages; a 年鉴 ~1,000)
MAX_PDF_PAGES = 3000
#: fewer extracted characters per page than this (on average) means "a scan"
_MIN_CHARS_PER_PAGE = 10


def read_pdf(path: Path, limits: IngestSettings) -> tuple[list[RawDocument], list[IngestIssue]]:
    """Text of a PDF with a text layer; a scanned PDF raises ``ReaderError`` asking for OCR.

    Pages are separated by blank lines. Reading stops (with an issue) after
    ``MAX_PDF_PAGES`` pages or ``limits.max_seconds_per_file`` seconds.

    >>> read_pdf(Path("扫描件.pdf"), IngestSettings())  # doctest: +SKIP
    Traceback (most recent call last):
    topicmine.errors.ReaderError: 扫描件.pdf: no text layer (扫描件？请先 OCR)
    """
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    src = str(path)
    issues: list[IngestIssue] = []
    # pypdf logs warnings about sloppy-but-readable PDFs; they are not our user's problem
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001
                ok = 0
            if not ok:
                raise ReaderError(src, "PDF 已加密，无法读取；请提供未加密的文件")
        n_pages = len(reader.pages)
    except ReaderError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError, AssertionError) as exc:
        raise ReaderError(src, f"不是有效的 PDF 文件（{type(exc).__name__}: {exc}）") from exc
    except MemoryError:
        raise  # the per-file memory cap (a worker's RLIMIT_AS), not a broken file
    except Exception as exc:  # noqa: BLE001 - pypdf can raise almost anything on crafted input
        raise ReaderError(src, f"PDF 解析失败（{type(exc).__name__}: {exc}）") from exc
    if n_pages == 0:
        raise ReaderError(src, "PDF 没有页面")
    deadline = time.monotonic() + limits.max_seconds_per_file
    parts: list[str] = []
    read = 0
    for i in range(min(n_pages, MAX_PDF_PAGES)):
        if time.monotonic() > deadline:
            issues.append(IngestIssue(src, f"读取超时，只读了前 {read} 页（共 {n_pages} 页）", f"page {i + 1}"))
            break
        try:
            parts.append(reader.pages[i].extract_text() or "")
        except MemoryError:
            raise  # the per-file memory cap (a worker's RLIMIT_AS), not a broken file
        except Exception as exc:  # noqa: BLE001 - one broken page must not lose the rest
            issues.append(IngestIssue(src, f"该页无法提取文字（{type(exc).__name__}）", f"page {i + 1}"))
            parts.append("")
        read += 1
    if n_pages > MAX_PDF_PAGES:
        issues.append(IngestIssue(src, f"页数 {n_pages} 超过上限 {MAX_PDF_PAGES}，其余页未读取"))
    text = "\n\n".join(p.strip() for p in parts)
    if len("".join(text.split())) < _MIN_CHARS_PER_PAGE * max(read, 1):
        raise ReaderError(src, "no text layer (扫描件？请先 OCR)：PDF 中几乎没有可提取的文字")
    meta: dict[str, Any] = {}
    try:
        info = reader.metadata or {}
        if info.get("/Title"):
            meta["title"] = str(info.get("/Title")).strip()
        if info.get("/Author"):
            meta["author"] = str(info.get("/Author")).strip()
        created = getattr(reader.metadata, "creation_date", None) if reader.metadata else None
        if created:
            meta["created"] = created.date().isoformat()
    except Exception:  # noqa: BLE001 - broken metadata only loses metadata
        pass
    return [RawDocument(text=text, source=src, meta=meta)], issues


# ---- HTML --------------------------------------------------------------------------
_DROP_TAGS = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button",
    "select", "option", "iframe", "object", "embed", "svg", "canvas", "menu", "dialog", "head",
}
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "main", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "dl", "hr", "figure", "figcaption", "address",
    "center", "tbody", "thead", "tfoot", "caption",
}
_CELL_TAGS = {"td", "th"}
# class/id words that mark chrome on Chinese government and news sites
_CHROME_ATTR_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumb|crumb|footer|foot|sidebar|side|share|toolbar|copyright|"
    r"bdsharebuttonbox|position|location|pagination|pager|related|comment|advert|ads?)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT_ATTR_RE = re.compile(
    r"(?:TRS_Editor|article|content|zoom|detail|main|text|正文|wzxq|pages_content|view)", re.IGNORECASE
)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _decode_html(data: bytes, src: str, encoding: str | None) -> str:
    if not encoding:
        m = _META_CHARSET_RE.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "ignore").lower()
            # pages declaring gb2312 often contain GBK/GB18030-only characters
            if declared in {"gb2312", "gbk", "gb_2312-80"}:
                declared = "gb18030"
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):  # a wrong or unknown declared charset: detect it instead
                pass
    text, _ = decode_bytes(data, src, encoding=encoding)
    return text


def read_html(
    path: Path, limits: IngestSettings, encoding: str | None = None
) -> tuple[list[RawDocument], list[IngestIssue]]:
    """Main text of a web page: scripts, styles, nav/header/footer/aside and share bars dropped.

    Paragraph-level elements become lines, table cells are tab-separated, ``h1``–``h6``
    are recorded as headings. Title: the first ``<h1>``, else ``<title>`` without the
    site name ("…_浙江省人民政府" → "…"). Elements nested deeper than
    ``limits.max_html_depth`` are skipped (with an issue), never recursed into.

    >>> docs, _ = read_html(Path("2023年政府工作报告.html"), IngestSettings())  # doctest: +SKIP
    >>> docs[0].meta["title"]  # doctest: +SKIP
    '2023年政府工作报告'
    """
    import lxml.html
    from lxml import etree

    src = str(path)
    issues: list[IngestIssue] = []
    text = _decode_html(path.read_bytes(), src, encoding)
    # lxml refuses str input that carries an XML encoding declaration
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        raise ReaderError(src, "HTML 文件没有内容")
    try:
        # huge_tree lifts libxml2's fixed 256-level cap (beyond which it silently drops the
        # rest of the page) so that our own max_html_depth decides; the file size limit
        # already bounds memory
        parser = lxml.html.HTMLParser(
            recover=True, no_network=True, remove_comments=True, remove_pis=True, huge_tree=True
        )
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReaderError(src, f"HTML 无法解析（{exc}）") from exc

    title = ""
    t_el = root.find(".//title")
    if t_el is not None and t_el.text:
        title = re.split(r"\s*(?:[_|｜]|\s-\s|--)\s*", t_el.text.strip())[0].strip()

    # choose the content root: the largest element whose class/id says "content"
    max_depth = limits.max_html_depth
    body = root.find("body")
    if body is None:
        body = root
    content = body
    best = 0
    checked = 0
    for el in body.iter("div", "article", "main", "section", "td"):
        attrs = f"{el.get('class', '')} {el.get('id', '')}"
        if el.tag in ("article", "main") or _CONTENT_ATTR_RE.search(attrs):
            if _CHROME_ATTR_RE.search(attrs):
                continue
            checked += 1
            if checked > 200:  # text_content() is O(subtree): bound the work on odd pages
                break
            n = len(el.text_content())
            if n > best:
                best, content = n, el
    # only use the content element when it holds most of the page's text
    if content is not body and best < 0.3 * len(body.text_content()):
        content = body

    lines: list[str] = []
    headings: list[tuple[str, int]] = []
    buf: list[str] = []
    depth = 0
    too_deep = False
    h1 = ""
    walker = etree.iterwalk(content, events=("start", "end"))
    heading_stack: list[tuple[int, int]] = []  # (level, index in lines where heading starts)

    def flush() -> None:
        # whitespace inside a cell collapses; the tabs between cells stay
        s = "\t".join(" ".join(cell.split()) for cell in "".join(buf).split("\t")).strip("\t ")
        buf.clear()
        if s:
            lines.append(s)

    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            depth += 1
            attrs = f"{el.get('class', '')} {el.get('id', '')}" if tag else ""
            drop = (
                tag in _DROP_TAGS
                or (tag and _CHROME_ATTR_RE.search(attrs) is not None and el is not content)
                or el.get("role") in ("navigation", "banner", "contentinfo")
                or (el.get("style") or "").replace(" ", "").lower().find("display:none") >= 0
            )
            if depth > max_depth:
                too_deep = True
                drop = True
            if drop:
                walker.skip_subtree()
                # iterwalk still emits "end" for a skipped element; the tail is handled there
                el.set("data-tm-skip", "1")
                continue
            if tag in _BLOCK_TAGS:
                flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                heading_stack.append((int(tag[1]), len(lines)))
            if el.text and tag != "br":
                buf.append(el.text)
            elif tag == "br" and el.text:
                buf.append(el.text)
        else:
            depth -= 1
            skipped = el.get("data-tm-skip") == "1"
            if not skipped:
                if tag in _CELL_TAGS:
                    buf.append("\t")
                if tag in _BLOCK_TAGS:
                    flush()
                if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and heading_stack:
                    level, start = heading_stack.pop()
                    htext = " ".join(lines[start:]).strip()
                    if htext:
                        headings.append((htext, level))
                        if level == 1 and not h1:
                            h1 = htext
            if el.tail:
                buf.append(el.tail)
    flush()
    if too_deep:
        issues.append(IngestIssue(src, f"HTML 嵌套超过 {max_depth} 层，更深的内容已忽略"))
    body_text = "\n".join(ln.strip("\t ") for ln in lines)
    if not body_text.strip():
        if too_deep:
            # the depth is why nothing was read: say so (the probe's BOM'd .txt of 10⁵ nested <div> got
            # only "no text", which sends the user looking for a scanned page)
            raise ReaderError(
                src,
                f"网页嵌套超过 {max_depth} 层，正文都在更深处，未读取（疑似损坏或恶意构造的网页）；"
                "可用浏览器打开后另存为纯文本再导入，或调整 [ingest] max_html_depth",
            )
        raise ReaderError(src, "网页中没有正文文字")
    meta: dict[str, Any] = {}
    if h1 and len(h1) <= 120:
        meta["title"] = h1
    elif title:
        meta["title"] = title
    return [RawDocument(text=body_text, source=src, meta=meta, headings=headings)], issues
