"""The judged checks on real proposals (the drafting issue's "How it is checked"), on jszx2019_dev.csv:

- single real proposals passing ``check-draft`` (:func:`topicmine.drafts.check_draft`, genre 提案, no history:
  ``passed`` = no failed check of severity error), and which checks fail;
- single proposals passing the one-matter rule alone (:func:`topicmine.drafts.matters.one_matter`, the earlier figure);
- two unrelated proposals joined (different category; random pairs, seed 1; the first one's title) failing the
  one-matter check that check-draft runs, with and without the 调研情况/问题分析/具体建议 markers.

Rows 0–143 were read while tuning; 144–286 are measured only. Run:
``nice .venv/bin/python benchmarks/drafts_one_matter.py [--pool 144-286]``; the last stdout line is one JSON object.
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
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from topicmine.drafts.checks import check_draft, one_matter_check  # noqa: E402
from topicmine.drafts.matters import one_matter  # noqa: E402

_MARKERS = re.compile(r"(调研情况|问题分析|具体建议)[：:]")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pool_pos", nargs="?", help="rows, e.g. 144-286 (same as --pool)")
    ap.add_argument("--pool", default="144-286")
    ap.add_argument("--data", default=os.environ.get("TOPICMINE_DATA_DIR", str(ROOT.parent / "shared" / "data")))
    a = ap.parse_args()
    pool = a.pool_pos or a.pool
    rows = list(csv.DictReader((Path(a.data) / "jszx_proposals_2019" / "jszx2019_dev.csv").open(encoding="utf-8")))
    lo, hi = map(int, pool.split("-"))
    rows = rows[lo : hi + 1]
    t0 = time.perf_counter()

    single_rule = sum(one_matter(r["content"], title=r["reason"]).single for r in rows)
    passed = 0
    failing: Counter[str] = Counter()
    failed_rows: list[dict[str, object]] = []
    for r in rows:
        text = r["reason"].strip() + "\n" + r["content"]
        rep = check_draft(text, "proposal", title=r["reason"].strip())
        bad = [c.name for c in rep.checks if not c.passed and c.severity == "error"]
        passed += rep.passed
        failing.update(bad)
        if bad:
            failed_rows.append({"row": lo + rows.index(r), "title": r["reason"][:40], "failed": bad})

    rng = random.Random(1)
    pairs = [(rng.randrange(len(rows)), rng.randrange(len(rows))) for _ in range(len(rows))]
    pairs = [(x, y) for x, y in pairs if x != y and rows[x]["type"] != rows[y]["type"]]

    def joined_fails(strip: bool) -> int:
        n = 0
        for x, y in pairs:
            tx, ty = rows[x]["content"], rows[y]["content"]
            if strip:
                tx, ty = _MARKERS.sub("", tx), _MARKERS.sub("", ty)
            title = rows[x]["reason"].strip()
            n += not one_matter_check(title + "\n" + tx + "\n" + ty, "proposal", title=title).passed
        return n

    jf, jf2 = joined_fails(False), joined_fails(True)
    out = {"pool_rows": pool, "proposals": len(rows), "pairs": len(pairs),
           "single_pass_check_draft": passed, "single_pass_one_matter_rule": single_rule,
           "joined_fail_one_matter": jf, "joined_fail_without_markers": jf2,
           "failing_checks": dict(failing.most_common()), "failed_rows": failed_rows[:20],
           "seconds": round(time.perf_counter() - t0, 1)}
    print(f"single proposals passing check-draft {passed}/{len(rows)} (one-matter rule alone {single_rule}/{len(rows)}); "
          f"joined pairs failing one-matter {jf}/{len(pairs)}, without markers {jf2}/{len(pairs)}")
    print("failing checks:", dict(failing.most_common()))
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
