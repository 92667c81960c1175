"""Drafts as .docx in GB/T 9704-2012 (党政机关公文格式) typography, from ONE style definition.

The style lives in ``gbt9704.toml`` beside this module. A user copies it, edits the copy and points
``DraftSettings.docx_style`` at it (or passes ``style=`` here); keys missing from the copy keep the
defaults. Everything the document looks like — page, margins, fonts, sizes, line pitch, numbering of
headings, the page-number footer — is read from that one mapping.

    >>> s = load_style(None)
    >>> s["title"]["size_pt"], s["body"]["font"], s["page"]["margin_top_mm"]
    (22, '仿宋_GB2312', 37)
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

from topicmine.errors import ConfigError

DEFAULT_STYLE_PATH = Path(__file__).with_name("gbt9704.toml")
_CN = "一二三四五六七八九十"


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def load_style(style: Path | str | dict[str, Any] | None = None) -> dict[str, Any]:
    """The packaged GB/T 9704 style, overridden table by table by ``style`` (a TOML path or a dict)."""
    base = tomllib.loads(DEFAULT_STYLE_PATH.read_text(encoding="utf-8"))
    if style is None:
        return base
    if isinstance(style, dict):
        return _merge(base, style)
    p = Path(style)
    if not p.is_file():
        raise ConfigError(f"docx style file {p} not found; copy {DEFAULT_STYLE_PATH} there or unset drafts.docx_style")
    try:
        return _merge(base, tomllib.loads(p.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: invalid TOML ({exc}); fix the style file or remove it") from exc


def _draft_dict(draft: Any) -> dict[str, Any]:
    return draft if isinstance(draft, dict) else draft.to_dict()


# --------------------------------------------------------------------------------------------------------
# low-level formatting (python-docx has no API for east-asian fonts, fields or the character grid)
# --------------------------------------------------------------------------------------------------------


def _set_fonts(rpr_owner: Any, east_asia: str, ascii_font: str) -> None:
    """Set w:rFonts ascii/hAnsi/eastAsia explicitly and drop theme fonts (which would win over them)."""
    from docx.oxml.ns import qn

    rpr = rpr_owner.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    rfonts.set(qn("w:ascii"), ascii_font)
    rfonts.set(qn("w:hAnsi"), ascii_font)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), ascii_font)


def _format_run(run: Any, spec: dict[str, Any]) -> None:
    from docx.shared import Pt, RGBColor

    run.font.size = Pt(spec["size_pt"])
    run.font.bold = bool(spec.get("bold", False))
    run.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(run._element, spec["font"], spec.get("ascii_font", "Times New Roman"))


def _format_paragraph(par: Any, spec: dict[str, Any], body: dict[str, Any], *, indent: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    pf = par.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(spec.get("line_spacing_pt", body["line_spacing_pt"]))
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    chars = spec.get("first_line_indent_chars", body.get("first_line_indent_chars", 2)) if indent else 0
    pf.first_line_indent = Pt(chars * spec["size_pt"]) if chars else Pt(0)
    align = spec.get("align", "justify")
    pf.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                    "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]


def _style_named(doc: Any, name: str, spec: dict[str, Any], body: dict[str, Any]) -> Any:
    """Make a built-in style (Normal, Title, Heading 1/2) carry the GB/T fonts so outline view works."""
    from docx.shared import Pt, RGBColor

    st = doc.styles[name]
    st.font.size = Pt(spec["size_pt"])
    st.font.bold = bool(spec.get("bold", False))
    st.font.italic = False
    st.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(st.element, spec["font"], spec.get("ascii_font", "Times New Roman"))
    pf = st.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    return st


def _add_field(par: Any, instr: str, spec: dict[str, Any], placeholder: str = "1") -> None:
    """A Word field (PAGE) as begin / instrText / separate / result / end runs."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld(kind: str) -> None:
        r = par.add_run()
        _format_run(r, spec)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        r._element.append(el)

    fld("begin")
    r = par.add_run()
    _format_run(r, spec)
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    r._element.append(it)
    fld("separate")
    r = par.add_run(placeholder)
    _format_run(r, spec)
    fld("end")


def _page_number(footer: Any, spec: dict[str, Any], align: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    par = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for r in list(par.runs):
        r._element.getparent().remove(r._element)
    before, _, after = spec.get("format", "— {PAGE} —").partition("{PAGE}")
    if before:
        _format_run(par.add_run(before), spec)
    _add_field(par, "PAGE", spec)
    if after:
        _format_run(par.add_run(after), spec)
    pf = par.paragraph_format
    pf.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                    "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    ind = Pt(spec.get("indent_chars", 1) * spec["size_pt"])
    if align == "right":
        pf.right_indent = ind
    elif align == "left":
        pf.left_indent = ind


def _doc_grid(section: Any, page: dict[str, Any], body: dict[str, Any]) -> None:
    """w:docGrid linesAndChars: line pitch = body line spacing; char pitch fits chars_per_line."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    text_width_pt = (page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]) / 25.4 * 72
    pitch = text_width_pt / page["chars_per_line"]
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(body["line_spacing_pt"] * 20)))
    # charSpace: 1/4096 pt added to the default (body) font size per character
    grid.set(qn("w:charSpace"), str(round((pitch - body["size_pt"]) * 4096)))


def _numbered(fmt: str, i: int) -> str:
    return fmt.format(cn=_CN[i] if i < len(_CN) else str(i + 1), n=i + 1)


def build_docx(draft: Any, style: Path | str | dict[str, Any] | None = None) -> Any:
    """A python-docx Document for a draft (a :class:`~topicmine.drafts.assemble.Draft` or its dict)."""
    import re

    from docx import Document
    from docx.shared import Mm, Pt

    st = load_style(style)
    d = _draft_dict(draft)
    page, body, title_s = st["page"], st["body"], st["title"]
    h1, h2, pn = st["heading1"], st["heading2"], st["page_number"]

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
    sec.top_margin, sec.bottom_margin = Mm(page["margin_top_mm"]), Mm(page["margin_bottom_mm"])
    sec.left_margin, sec.right_margin = Mm(page["margin_left_mm"]), Mm(page["margin_right_mm"])
    sec.footer_distance = Mm(page.get("footer_distance_mm", 28))
    sec.header_distance = Mm(15)
    _doc_grid(sec, page, body)

    normal = _style_named(doc, "Normal", body, body)
    normal.paragraph_format.line_spacing = Pt(body["line_spacing_pt"])
    _style_named(doc, "Title", title_s, body)
    _style_named(doc, "Heading 1", h1, body)
    _style_named(doc, "Heading 2", h2, body)

    meta = st.get("meta", {})
    if meta.get("show_genre") and d.get("genre_zh"):
        p = doc.add_paragraph()
        _format_paragraph(p, {"size_pt": meta.get("genre_size_pt", 16), "align": "left"}, body, indent=False)
        _format_run(p.add_run(d["genre_zh"]), {"font": meta.get("genre_font", "黑体"),
                                                "size_pt": meta.get("genre_size_pt", 16)})

    t = doc.add_paragraph(style="Title")
    _format_paragraph(t, title_s, body, indent=False)
    _format_run(t.add_run(d["title"]), title_s)
    for _ in range(int(title_s.get("space_after_lines", 1))):
        blank = doc.add_paragraph()
        _format_paragraph(blank, body, body, indent=False)

    for line in d.get("front") or []:  # the genre's form: 提案人/界别/联系方式, 主送, 反映人及单位
        p = doc.add_paragraph(style="Normal")
        _format_paragraph(p, body, body, indent=False)
        _format_run(p.add_run(line), body)

    for i, s in enumerate(d["sections"]):
        hp = doc.add_paragraph(style="Heading 1")
        _format_paragraph(hp, h1, body)
        _format_run(hp.add_run(_numbered(h1.get("numbering", "{cn}、"), i) + s["heading"]), h1)
        n2 = 0
        for para in s["paragraphs"]:
            if para.get("kind") == "heading2":
                p = doc.add_paragraph(style="Heading 2")
                _format_paragraph(p, h2, body)
                txt = para["text"]
                # a quoted item heading keeps its own numbering ("（二）……"); add ours only when it has none
                if not re.match(r"^[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]", txt):
                    txt = _numbered(h2.get("numbering", "（{cn}）"), n2) + txt
                n2 += 1
                _format_run(p.add_run(txt), h2)
            else:
                p = doc.add_paragraph(style="Normal")
                _format_paragraph(p, body, body)
                _format_run(p.add_run(para["text"]), body)

    for line in d.get("back") or []:  # 建议承办单位; a 建议案's 落款 and 日期 stand right
        p = doc.add_paragraph(style="Normal")
        _format_paragraph(p, {**body, "align": "right"} if d.get("genre") == "motion" else body, body, indent=False)
        _format_run(p.add_run(line), body)

    position = pn.get("position", "outside")
    if position == "outside":
        doc.settings.odd_and_even_pages_header_footer = True
        _page_number(sec.footer, pn, "right")
        _page_number(sec.even_page_footer, pn, "left")
    else:
        _page_number(sec.footer, pn, "center")
    doc.core_properties.title = d["title"]
    return doc


def export_docx(draft: Any, path: Path | str, style: Path | str | dict[str, Any] | None = None) -> Path:
    """Write a draft as .docx (GB/T 9704 by default; ``style`` = a TOML path or dict overriding it).

    Written to a temporary file and moved into place, so a reader never sees half a document.
    """
    from topicmine.atomic import write_with_atomic

    doc = build_docx(draft, style)
    return write_with_atomic(path, doc.save, binary=True)
