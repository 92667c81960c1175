"""Benchmark of the text layer on real text: segmentation counts, and the same structure for every input shape.

(a) ``--segment N``: sections / passages / sentences / words of the first N documents of gov_reports_lawtext
    (files sorted), with the office's dictionaries — the figures a refactor must not move.
(b) ``--shapes FOLDER --year Y``: the first 20 government work reports of ``gov_reports_lawtext/FOLDER/*/Y.md`` in
    three shapes (blank-line = the file, one newline per paragraph, hard-wrapped at 34 characters):
    same outline (``report_structure(...).outline()``), same layout text, share of paragraphs reproduced.
    ``政府工作报告-省自治区 2024`` was read while tuning the layout rules; ``政府工作报告-主要城市 2023`` was not.
(c) ``--drafts``: drafts of corpus/sample/调研报告/*.md in three shapes with ``split_report(layout=True)``:
    identical drafts (genre, title, quoted text) per report.
(d) ``--segment-proposals``: sections / passages of the 287 jszx2019 dev proposals (part labels inline).
    ``--all-part-labels`` (with (a) or (d)): segmentation reads every label of ``PART_LABELS`` instead of its
    benchmarked subset ``STAGE_LABELS["segment"]`` — what widening the subset would change (a measurement only).

Run: ``.venv/bin/python benchmarks/textlayer.py [--data ../shared/data] [--segment 40]
[--shapes 政府工作报告-主要城市 --year 2023] [--drafts]``. Prints one JSON object as the last line.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wrap(text: str, width: int = 34) -> str:
    """Hard-wrapped paste (as from a PDF): every paragraph cut into lines of ``width`` characters."""
    out: list[str] = []
    for para in text.split("\n"):
        para = para.strip()
        if para:
            out.extend(para[i : i + width] for i in range(0, len(para), width))
    return "\n".join(out)


def _plain(md: str) -> str:
    md = re.sub(r"\A---\n.*?\n---\n", "", md, flags=re.S)
    return re.sub(r"\*\*(.+?)\*\*", r"\1", md).strip()


def bench_segment(data: Path, n: int) -> dict:
    from topicmine.config import Settings
    from topicmine.ingest import read_documents
    from topicmine.segment import Segmenter

    s = Settings()
    seg = Segmenter(user_dict=s.resolve(s.segment.user_dict), stopwords=s.resolve(s.segment.stopwords))
    tot = {"docs": 0, "sections": 0, "passages": 0, "sentences": 0, "words": 0}
    for f in sorted(p for p in (data / "gov_reports_lawtext").rglob("*") if p.is_file()):
        docs, _ = read_documents(f, s.ingest)
        for d in docs:
            sd = seg.segment(d)
            tot["docs"] += 1
            tot["sections"] += len(sd.sections)
            tot["passages"] += len(sd.passages)
            tot["sentences"] += len(sd.sentences)
            tot["words"] += sum(len(w) for w in sd.passage_words)
            if tot["docs"] >= n:
                return tot
    return tot


def bench_segment_proposals(data: Path) -> dict:
    from topicmine.config import Settings
    from topicmine.ingest import read_documents
    from topicmine.segment import Segmenter

    s = Settings()
    seg = Segmenter(user_dict=s.resolve(s.segment.user_dict), stopwords=s.resolve(s.segment.stopwords))
    docs, _ = read_documents(data / "jszx_proposals_2019" / "jszx2019_dev.csv", s.ingest)
    per = [seg.segment(d) for d in docs]
    return {"docs": len(per), "sections": sum(len(x.sections) for x in per), "passages": sum(len(x.passages) for x in per),
            "sections_per_doc": [len(x.sections) for x in per]}


def use_all_part_labels() -> None:
    """Rebuild the outline's heading pattern from the whole part-label table (this process only)."""
    import topicmine.text.outline as outline
    from topicmine.text.parts import label_alternation

    outline._HEADING = outline.heading_pattern(label_alternation())


def bench_shapes(data: Path, folder: str, year: str, n: int = 20) -> dict:
    from topicmine.text.structure import report_structure

    files = sorted((data / "gov_reports_lawtext" / folder).glob(f"*/{year}.md"))[:n]
    out = {"folder": folder, "year": year, "reports": len(files), "one_newline_same_outline": 0,
           "one_newline_same_text": 0, "wrapped_same_outline": 0, "wrapped_paragraphs": 0, "paragraphs": 0}
    for f in files:
        raw = _plain(f.read_text(encoding="utf-8"))
        ref = report_structure(raw)
        one = report_structure(re.sub(r"\n\s*\n", "\n", raw))
        out["one_newline_same_outline"] += one.outline() == ref.outline()
        out["one_newline_same_text"] += one.text == ref.text
        wrapped = report_structure(wrap(raw))
        out["wrapped_same_outline"] += wrapped.outline() == ref.outline()
        paras, got = ref.text.split("\n\n"), set(wrapped.text.split("\n\n"))
        out["paragraphs"] += len(paras)
        out["wrapped_paragraphs"] += sum(p in got for p in paras)
    out["wrapped_paragraph_share"] = round(out["wrapped_paragraphs"] / max(1, out["paragraphs"]), 4)
    return out


def bench_drafts() -> dict:
    from topicmine.config import Settings
    from topicmine.drafts import split_report
    from topicmine.text.lexicon import Lexicon

    lex = Lexicon.from_settings(Settings())
    out: dict[str, dict] = {}
    for md in sorted((ROOT / "corpus" / "sample" / "调研报告").glob("*/*.md")):
        text = re.sub(r"^#{1,6}\s+", "", _plain(md.read_text(encoding="utf-8")), flags=re.M)
        shapes = {"blank-line": text, "one-newline": re.sub(r"\n\s*\n", "\n", text), "hard-wrapped": wrap(text)}
        sig = {}
        for name, t in shapes.items():
            for layout in (False, True):
                res = split_report(t, lexicon=lex, layout=layout)
                sig[(name, layout)] = [(d.genre, d.title, [re.sub(r"\s", "", p.text) for s in d.sections
                                                           for p in s.paragraphs]) for d in res.drafts]
        out[md.stem] = {"drafts": len(sig[("blank-line", True)]), **{
            f"{name}{' +layout' if lay else ''}": sig[(name, lay)] == sig[("blank-line", lay)]
            for name, lay in sig if name != "blank-line"}}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("TOPICMINE_DATA_DIR", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--segment", type=int, default=0, help="segmentation counts on the first N documents")
    ap.add_argument("--shapes", default="", help="a gov_reports_lawtext folder, e.g. 政府工作报告-主要城市")
    ap.add_argument("--year", default="2023")
    ap.add_argument("--drafts", action="store_true", help="drafts of the sample reports in three shapes")
    ap.add_argument("--segment-proposals", action="store_true", help="segmentation counts on the jszx2019 dev proposals")
    ap.add_argument("--all-part-labels", action="store_true", help="segment with the whole PART_LABELS table")
    a = ap.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    data = Path(a.data)
    result: dict = {}
    if a.all_part_labels:
        use_all_part_labels()
        result["part_labels"] = "all"
    if a.segment_proposals:
        result["segment_proposals"] = bench_segment_proposals(data)
    if a.segment:
        result["segment"] = bench_segment(data, a.segment)
    if a.shapes:
        result["shapes"] = bench_shapes(data, a.shapes, a.year)
    if a.drafts:
        result["drafts"] = bench_drafts()
    for k, v in result.items():
        print(k, v)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
