"""Drafting benchmark: assembled reports whose 基本情况 / 存在问题 are plain paragraphs, without "（k）" items.

The reports are :mod:`drafts_assembled`'s (4–6 real proposals of jszx2019_dev.csv, each one's 调研情况 under
一、基本情况, 问题分析 under 二、存在问题, 具体建议 under "（k）<title>" in 三、对策建议). Here the "（k）<title>" lines
of 一、 and 二、 are deleted — the common shape of a report that numbers only its recommendations — so each part
block is one paragraph per proposal and nothing says which paragraph is which matter's. Each report is split
twice, with the items and without (one newline per paragraph, as Word gives it), and scored as drafts_assembled
scores it (lexical linking, no model). Only proposals whose 调研情况 and 问题分析 number no points of their own
are drawn (79 of rows 0–143): those would bring items of their own into the part block.

(a) support from own proposal — share of the drafts' quoted 情况/问题 paragraphs that come from the proposal
    whose suggestions the draft holds;
(b) one draft per proposal;
(c) drafts quoting another proposal's paragraph (count).

Run: ``nice .venv/bin/python benchmarks/drafts_plain.py [--reports 20] [--seed 5] [--pool 0-143]``; last
stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from drafts_assembled import assemble, owner, parts_of, score  # noqa: E402

from topicmine.drafts import split_report  # noqa: E402
from topicmine.errors import TopicmineError  # noqa: E402
from topicmine.ingest.normalize import normalize_text  # noqa: E402

_ITEM = re.compile(r"^（[一二三四五六七八九十]）")
#: a proposal whose 调研情况 or 问题分析 numbers its own points ("一、我省城市社区居家养老现状", "（1）", "2．") would bring
#: items of its own into the report's part block: only proposals written in running text are drawn
_OWN_ITEMS = re.compile(r"[一二三四五六七八九十]、|[（(][一二三四五六七八九十\d]{1,2}[）)]|(?<![\d.．])\d{1,2}[、．]")
_PART = re.compile(r"^[一二三四五六七八九十]、")


def plain(text: str) -> str:
    """The report with the "（k）" lines of every part but 对策建议 deleted, one newline per paragraph."""
    out, part = [], ""
    for ln in re.sub(r"\n\n+", "\n", text).split("\n"):
        if _PART.match(ln):
            part = ln
        if _ITEM.match(ln) and "对策建议" not in part:
            continue
        out.append(ln)
    return "\n".join(out)


def foreign_drafts(res, truth: list[dict[str, str]]) -> int:
    """Drafts quoting a 情况/问题 paragraph of another proposal than the one whose suggestions they hold."""
    truth = [{k: re.sub(r"\s+", "", normalize_text(v)) for k, v in t.items()} for t in truth]
    n = 0
    for d in res.drafts:
        asks = [a for s in d.sections[-1:] for p in s.paragraphs if (a := owner(p.text, truth, ("具体建议",))) is not None]
        if not asks:
            continue
        mine = max(set(asks), key=asks.count)
        quoted = [owner(p.text, truth, ("调研情况", "问题分析")) for s in d.sections[:-1] for p in s.paragraphs
                  if p.kind not in ("generated", "table_row")]
        n += any(o is not None and o != mine for o in quoted)
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("TOPICMINE_DATA_DIR", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--reports", type=int, default=20)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--pool", default="0-143")
    a = ap.parse_args()
    rows = list(csv.DictReader((Path(a.data) / "jszx_proposals_2019" / "jszx2019_dev.csv").open(encoding="utf-8")))
    lo, hi = (int(x) for x in a.pool.split("-"))
    pool = [r for r in rows[lo : hi + 1] if (pt := parts_of(r["content"]))
            and not _OWN_ITEMS.search(pt["调研情况"] + pt["问题分析"])]
    rng = random.Random(a.seed)
    acc = {s: {"own": 0.0, "total": 0, "one": 0.0, "foreign": 0, "drafts": 0, "errors": 0} for s in ("items", "plain")}
    t0 = time.perf_counter()
    for _ in range(a.reports):
        text, truth = assemble(rng.sample(pool, rng.randint(4, 6)))
        for name, t in (("items", re.sub(r"\n\n+", "\n", text)), ("plain", plain(text))):
            v = acc[name]
            try:
                res = split_report(normalize_text(t), layout=True)
            except TopicmineError:
                v["errors"] += 1
                continue
            sc = score(res, truth)
            v["own"] += sc["support_own"] * sc["support_total"]
            v["total"] += sc["support_total"]
            v["one"] += sc["one_draft"]
            v["foreign"] += foreign_drafts(res, truth)
            v["drafts"] += len(res.drafts)
    out = {"reports": a.reports, "pool_rows": a.pool, "seed": a.seed, "seconds": round(time.perf_counter() - t0, 1),
           "shapes": {}}
    for name, v in acc.items():
        out["shapes"][name] = {"support_own": round(v["own"] / v["total"], 3) if v["total"] else 0.0,
                               "support_quoted": v["total"], "one_draft_per_proposal": round(v["one"] / a.reports, 3),
                               "drafts": v["drafts"], "drafts_quoting_another_proposal": v["foreign"],
                               "errors": v["errors"]}
        s = out["shapes"][name]
        print(f"{name:6s} support from own proposal {s['support_own']:.3f} ({s['support_quoted']} quoted)   one draft per "
              f"proposal {s['one_draft_per_proposal']:.3f}   drafts quoting another proposal {v['foreign']}/{v['drafts']}")
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
