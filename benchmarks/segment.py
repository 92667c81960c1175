"""Segmentation on real reports: sections, passages and sentences per document, passage lengths, speed.

The figures a change to the sentence splitter, the heading parser or the passage rules must keep (or
explain): reads the provincial government reports of the given provinces (``read_documents``, as ingest
does), segments each with the workspace's ``Segmenter`` (the office's user dictionary, default passage
bounds) and prints one JSON object: counts, passage-length quantiles, the share of passages outside the
bounds, and characters per second of ``Segmenter.segment`` (jieba words included; reading excluded).

    nice .venv/bin/python benchmarks/segment.py [--data ../shared/data] [--provinces 江苏省 山东省]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path,
                    default=Path(os.environ.get("TOPICMINE_DATA_DIR", ROOT.parent / "shared" / "data")))
    ap.add_argument("--provinces", nargs="+", default=["江苏省", "山东省"])
    args = ap.parse_args(argv)

    from topicmine.ingest import read_documents
    from topicmine.pipeline import Workspace

    ws = Workspace.from_settings(workdir=Path("/tmp") / "topicmine-bench-segment")
    seg = ws.segmenter
    seg.load()
    base = args.data / "gov_reports_lawtext" / "政府工作报告-省自治区"
    files = [p for prov in args.provinces for p in sorted((base / prov).glob("*.md"))]
    if not files:
        raise SystemExit(f"no report files under {base} for {args.provinces}: set --data")
    docs = []
    for path in files:
        got, _issues = read_documents(path, ws.settings.ingest, doc_type="gov_report")
        docs.extend(got)
    t0 = time.perf_counter()
    segmented = [seg.segment(d) for d in docs]
    seconds = time.perf_counter() - t0
    lengths = [p.end - p.start for s in segmented for p in s.passages]
    chars = sum(len(d.text) for d in docs)
    q = statistics.quantiles(lengths, n=20)
    out = {
        "provinces": args.provinces,
        "documents": len(docs),
        "characters": chars,
        "sections": sum(len(s.sections) for s in segmented),
        "passages": len(lengths),
        "sentences": sum(len(s.sentences) for s in segmented),
        "passage_chars": {"p5": round(q[0]), "median": round(statistics.median(lengths)), "p95": round(q[-1]),
                          "max": max(lengths)},
        "share_below_min": round(sum(n < seg.min_passage_chars for n in lengths) / len(lengths), 4),
        "share_above_max": round(sum(n > seg.max_passage_chars for n in lengths) / len(lengths), 4),
        "segment_chars_per_s": round(chars / seconds),
        "seconds": round(seconds, 1),
    }
    print(json.dumps(out, ensure_ascii=False))
    return out


if __name__ == "__main__":
    main()
