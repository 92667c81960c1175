"""Benchmark of the drafting assistant on real proposals (Jiangsu CPPCC 2019, 287 filed proposals).

(a) Filed proposals should pass: structure check pass rate (goal ≥ 95%) and genre suggestion = 提案
    (goal ≥ 90%). The heuristics were tuned while looking at rows 0–143 ("tune" half); rows 144–286
    ("held-out" half) were not inspected. Both halves are reported.
(b) Synthetic reports: 5–10 real proposals (rows 144–286 by default; ``--pool 0-143`` for the other half)
    joined under 一、二、… headings, half of
    the reports keeping the inline 调研情况：/问题分析：/具体建议： markers, half rewritten as
    （一）调研情况 / （二）问题分析 / （三）具体建议 headings. ``split_report`` must recover one 提案-or-better
    unit group per joined proposal: a group of genre proposal/motion lying inside that proposal, no group
    crossing proposals, and its span matching the proposal's suggestion part within one sentence at
    both ends (goal ≥ 90%).

Run: ``.venv/bin/python benchmarks/drafts.py [--data ../shared/data] [--reports 24] [--seed 20261126]
[--pool 144-286] [--synthetic-only]``
Prints a table and, as the last line, one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from topicmine.drafts import check_draft, split_report, suggest_genre  # noqa: E402
from topicmine.drafts.analyze import sentence_spans  # noqa: E402
from topicmine.drafts.departments import load_departments  # noqa: E402

_MARK = re.compile(r"(调研情况|问题分析|具体建议)[：:]")


def load_proposals(data: Path) -> list[dict[str, str]]:
    path = data / "jszx_proposals_2019" / "jszx2019_dev.csv"
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def bench_proposals(rows: list[dict[str, str]], dep) -> dict:
    out = {}
    halves = {"tune (rows 0-143)": rows[:144], "held-out (rows 144-286)": rows[144:], "all": rows}
    per_row = []
    t0 = time.perf_counter()
    for r in rows:
        rep = check_draft(r["content"], title=r["reason"], departments=dep)
        g = suggest_genre(r["content"], departments=dep)
        by = {c.name: c for c in rep.checks}
        per_row.append({
            "structure": by["structure"].passed,
            "proposal": g.genre == "proposal",
            "all_errors_pass": rep.passed,
            "concrete": by["concrete_suggestions"].passed,
            "one_matter": by["one_matter"].passed,
            "grounds": all(by[n].passed for n in ("personal_matter", "product_promotion", "academic_debate")),
            "genre": g.genre,
        })
    secs = time.perf_counter() - t0
    idx = {"tune (rows 0-143)": range(0, 144), "held-out (rows 144-286)": range(144, len(rows)), "all": range(len(rows))}
    for name in halves:
        rs = [per_row[i] for i in idx[name]]
        n = len(rs)
        out[name] = {
            "n": n,
            "structure_pass": round(sum(r["structure"] for r in rs) / n, 4),
            "genre_proposal": round(sum(r["proposal"] for r in rs) / n, 4),
            "concrete_pass": round(sum(r["concrete"] for r in rs) / n, 4),
            "one_matter_pass": round(sum(r["one_matter"] for r in rs) / n, 4),
            "no_reject_ground": round(sum(r["grounds"] for r in rs) / n, 4),
            "all_error_checks_pass": round(sum(r["all_errors_pass"] for r in rs) / n, 4),
        }
    out["seconds_per_proposal"] = round(secs / len(rows), 3)
    return out


def build_report(props: list[dict[str, str]], headed: bool) -> tuple[str, list[dict]]:
    """Join proposals under 一、二、…; returns the text and each proposal's span and suggestion start."""
    cn = "一二三四五六七八九十"
    parts, truth = [], []
    pos = 0
    for i, p in enumerate(props):
        body = p["content"].strip()
        if headed:
            names = {"调研情况": "（一）调研情况", "问题分析": "（二）问题分析", "具体建议": "（三）具体建议"}
            body = _MARK.sub(lambda m: "\n" + names[m.group(1)] + "\n", body).strip()
        head = f"{cn[i]}、{p['reason'].strip()}\n"
        block = head + body + "\n\n"
        start = pos
        m = re.search(r"具体建议", block)
        truth.append({"start": start, "end": start + len(block.rstrip()), "sugg": start + m.start() if m else None,
                      "title": p["reason"]})
        parts.append(block)
        pos += len(block)
    return "".join(parts), truth


def _full_sentences(text: str, a: int, b: int) -> int:
    """Complete sentences (≥ 8 non-space chars) inside [a, b): the size of a boundary error."""
    if b <= a:
        return 0
    return sum(1 for s, e in sentence_spans(text, a, b) if len(re.sub(r"\W", "", text[s:e])) >= 8)


def bench_synthetic(rows: list[dict[str, str]], n_reports: int, seed: int, dep, pool_rows: str = "144-286") -> dict:
    rng = random.Random(seed)
    lo, hi = (int(x) for x in pool_rows.split("-"))
    pool = rows[lo : hi + 1]
    recovered = exact_one = total = crossing = 0
    genre_hits = {"proposal": 0, "motion": 0, "opinion": 0, "keep": 0}
    t0 = time.perf_counter()
    sizes = []
    misses = []
    for k in range(n_reports):
        props = rng.sample(pool, rng.randint(5, 10))
        text, truth = build_report(props, headed=bool(k % 2))
        sizes.append(len(text))
        res = split_report(text, departments=dep, merge_motions=False)
        spans = []
        for g in res.groups:
            us = res.analysis.group_units(g)
            spans.append((min(u.start for u in us), max(u.end for u in us), res.group_genres[g.id].genre))
        for t in truth:
            total += 1
            inside = [s for s in spans if s[0] >= t["start"] and s[1] <= t["end"] + 3]
            cross = [s for s in spans if s[0] < t["end"] and s[1] > t["end"] + 3 and s[0] >= t["start"]]
            crossing += bool(cross)
            good = [s for s in inside if s[2] in ("proposal", "motion")]
            for s in inside:
                genre_hits[s[2]] += 1
            if not good or cross:
                misses.append((t["title"], "no proposal-or-better group" if not good else "group crosses proposals"))
                continue
            a, b = min(s[0] for s in good), max(s[1] for s in good)
            ref = t["sugg"] if t["sugg"] is not None else a
            start_err = _full_sentences(text, min(ref, a), max(ref, a))
            end_err = _full_sentences(text, b, t["end"])
            if start_err <= 1 and end_err <= 1:
                recovered += 1
                exact_one += len(good) == 1
            else:
                misses.append((t["title"], f"boundary off by {start_err}/{end_err} sentences"))
    secs = time.perf_counter() - t0
    return {
        "seed": seed,
        "pool_rows": pool_rows,
        "reports": n_reports,
        "proposals_joined": total,
        "recovered": recovered,
        "recovery_rate": round(recovered / total, 4),
        "recovered_as_single_group": round(exact_one / total, 4),
        "groups_crossing_proposals": crossing,
        "group_genres": genre_hits,
        "mean_report_chars": round(sum(sizes) / len(sizes)),
        "seconds_per_report": round(secs / n_reports, 2),
        "misses": misses[:15],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("TOPICMINE_DATA_DIR", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--reports", type=int, default=24)
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--departments", default=str(ROOT / "corpus" / "dicts" / "departments.txt"))
    ap.add_argument("--pool", default="144-286",
                    help="rows the synthetic reports draw proposals from (default 144-286; 0-143 gives reports "
                         "from proposals the splitting heuristics were never tuned on)")
    ap.add_argument("--synthetic-only", action="store_true", help="skip (a), the filed-proposal checks")
    args = ap.parse_args()
    import jieba

    jieba.setLogLevel(logging.WARNING)
    rows = load_proposals(Path(args.data))
    dep = load_departments(args.departments if Path(args.departments).is_file() else None)
    a: dict = {}
    if not args.synthetic_only:
        a = bench_proposals(rows, dep)
        print("(a) filed proposals", file=sys.stderr)
        for k, v in a.items():
            print(f"  {k}: {v}", file=sys.stderr)
    b = bench_synthetic(rows, args.reports, args.seed, dep, args.pool)
    print("(b) synthetic reports", file=sys.stderr)
    for k, v in b.items():
        print(f"  {k}: {v}", file=sys.stderr)
    print(json.dumps({"proposals": a, "synthetic": {k: v for k, v in b.items() if k != "misses"}}, ensure_ascii=False))


if __name__ == "__main__":
    main()
