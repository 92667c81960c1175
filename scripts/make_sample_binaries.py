"""Build the binary / non-UTF-8 files of the sample corpus from text sources.

The sample corpus (``corpus/sample/``) is written by us. Most of it is Markdown,
kept in git as is. The files that cannot be reviewed as text -- .docx, .xlsx and
one GBK-encoded .txt -- are generated from sources in ``scripts/sample_src/``:

* ``*.md``        -> .docx (python-docx): ``#`` title, ``##`` Heading 1,
                     ``###`` Heading 2, Markdown pipe tables -> a Word table,
                     other lines -> body paragraphs. Front matter -> core
                     properties (see corpus/README.md).
* ``*.gbk.txt``   -> the same text encoded as GBK with CRLF line ends (to
                     exercise encoding detection); its ``out:`` / ``encoding:``
                     front-matter keys are dropped, the rest is kept.
* ``*.yaml``      -> .xlsx (openpyxl): one header row + one row per document.

Each source names its output with ``out:`` (relative to ``corpus/sample/``).
Outputs are byte-for-byte reproducible (fixed zip timestamps and document
properties), so re-running the script changes nothing in git.

Usage (from the project root, in the project venv)::

    .venv/bin/python scripts/make_sample_binaries.py          # (re)write outputs
    .venv/bin/python scripts/make_sample_binaries.py --check  # exit 1 if stale
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "scripts" / "sample_src"
OUT = ROOT / "corpus" / "sample"
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_DT = dt.datetime(2024, 1, 1, 0, 0, 0)

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def split_front_matter(text: str) -> tuple[dict, str, str]:
    """Return (metadata, raw front-matter block, body)."""
    m = _FRONT.match(text)
    if not m:
        raise SystemExit("source has no YAML front matter (--- ... ---)")
    return yaml.safe_load(m.group(1)) or {}, m.group(1), text[m.end():]


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def normalized_zip(data: bytes, modified: dt.datetime = FIXED_DT) -> bytes:
    """Rewrite a zip (docx/xlsx) with fixed member timestamps and a fixed
    ``dcterms:modified`` (openpyxl stamps the current time on save)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    stamp = modified.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", payload)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, payload)
    return out.getvalue()


def _as_datetime(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return dt.datetime.fromisoformat(str(value))


def _set_east_asian_font(style, name: str, size_pt: float | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)
    if size_pt:
        style.font.size = Pt(size_pt)


def build_docx(meta: dict, body: str) -> bytes:
    import docx  # python-docx

    d = docx.Document()
    _set_east_asian_font(d.styles["Normal"], "仿宋_GB2312", 16)
    _set_east_asian_font(d.styles["Title"], "方正小标宋简体", 22)
    _set_east_asian_font(d.styles["Heading 1"], "黑体", 16)
    _set_east_asian_font(d.styles["Heading 2"], "楷体_GB2312", 16)

    cp = d.core_properties
    cp.title = str(meta.get("title", ""))
    cp.author = str(meta.get("author", ""))
    cp.subject = str(meta.get("region", ""))  # region
    cp.category = str(meta.get("category", "") or "")
    cp.keywords = str(meta.get("doc_type", ""))  # doc type id
    extra = {k: v for k, v in meta.items() if k != "out"}
    cp.comments = yaml.safe_dump(extra, allow_unicode=True, sort_keys=False, default_flow_style=True).strip()
    created = _as_datetime(meta["date"]) if meta.get("date") else FIXED_DT
    cp.created = created
    cp.modified = created
    cp.last_modified_by = "topicmine sample corpus"
    cp.revision = 1

    table_rows: list[list[str]] = []

    def flush_table() -> None:
        if not table_rows:
            return
        t = d.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        t.style = "Table Grid"
        for i, row in enumerate(table_rows):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
        table_rows.clear()

    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue  # the Markdown separator row
            table_rows.append(cells)
            continue
        flush_table()
        if not line:
            continue
        if line.startswith("### "):
            d.add_heading(line[4:].strip(), level=2)
        elif line.startswith("## "):
            d.add_heading(line[3:].strip(), level=1)
        elif line.startswith("# "):
            d.add_heading(line[2:].strip(), level=0)  # "Title" style
        else:
            d.add_paragraph(line)
    flush_table()

    buf = io.BytesIO()
    d.save(buf)
    return normalized_zip(buf.getvalue(), created)


def build_gbk_txt(raw_front: str, body: str) -> bytes:
    kept = [ln for ln in raw_front.splitlines() if not re.match(r"(out|encoding):", ln)]
    text = "---\n" + "\n".join(kept) + "\n---\n" + body
    return text.replace("\n", "\r\n").encode("gbk")  # strict: fails on a non-GBK character


def build_xlsx(spec: dict) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = spec.get("sheet", "Sheet1")
    cols = spec["columns"]
    ws.append(cols)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in spec["rows"]:
        values = []
        for c in cols:
            v = row.get(c)
            if isinstance(v, str):
                v = v.strip()
            values.append(v)
        ws.append(values)
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            if isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = {"编号": 16, "标题": 36, "内容": 80, "日期": 12, "反映人": 30, "类别": 10, "地区": 10}
    for i, c in enumerate(cols, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = widths.get(c, 14)
    wb.properties.creator = "topicmine sample corpus"
    wb.properties.lastModifiedBy = "topicmine sample corpus"
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    buf = io.BytesIO()
    wb.save(buf)
    return normalized_zip(buf.getvalue())


def build_all() -> dict[Path, bytes]:
    outputs: dict[Path, bytes] = {}
    for src in sorted(SRC.iterdir()):
        if src.name.endswith(".gbk.txt"):
            meta, raw_front, body = split_front_matter(src.read_text(encoding="utf-8"))
            outputs[OUT / meta["out"]] = build_gbk_txt(raw_front, body)
        elif src.suffix == ".md":
            meta, _, body = split_front_matter(src.read_text(encoding="utf-8"))
            outputs[OUT / meta["out"]] = build_docx(meta, body)
        elif src.suffix in (".yaml", ".yml"):
            spec = yaml.safe_load(src.read_text(encoding="utf-8"))
            outputs[OUT / spec["out"]] = build_xlsx(spec)
    return outputs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report outputs that are missing or stale")
    args = ap.parse_args(argv)
    stale = 0
    for path, data in build_all().items():
        rel = path.relative_to(ROOT)
        same = path.exists() and path.read_bytes() == data
        if args.check:
            if not same:
                stale += 1
                print(f"stale: {rel}", file=sys.stderr)
            continue
        if not same:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {rel} ({len(data):,} bytes)")
        else:
            print(f"unchanged {rel}")
    if args.check and stale:
        print(f"{stale} sample file(s) out of date: run scripts/make_sample_binaries.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
