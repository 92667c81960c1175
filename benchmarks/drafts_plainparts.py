"""Proposals written without the part labels, and texts that lack a part, through ``check-draft`` (genre 提案, no
history; ``passed`` = no failed check of severity error), on jszx2019_dev.csv.

Of each proposal filed with the three labels 调研情况/问题分析/具体建议:

- ``labelled``: as filed (must pass); ``labelled_all`` counts every row of the set, labelled or not;
- ``plain``: the labels replaced by a paragraph break and the filed "\\xa0 \\xa0" indents (3+ spaces) read as breaks —
  a member's plain paragraphs (should pass);
- ``nosugg_lab`` / ``nosugg_plain``: its 具体建议 part removed, labels kept / replaced by breaks (should fail);
- ``noprob_lab`` / ``noprob_plain``: its 问题分析 part removed, likewise (should fail; a filed 调研情况 often names the
  problems already, so some pass with the labels too).

Rows: ``dev`` = 0–143 (tuning rows), ``seen`` = ``SEEN_144_286`` of drafts_units.py (read earlier; no sealed row).
Run: ``nice .venv/bin/python benchmarks/drafts_plainparts.py dev [-v]``; ``-v`` lists the rows that go the wrong way.
The last stdout line is one JSON object: {variant: [n, passed]}.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from drafts_units import SEEN_144_286  # noqa: E402

from topicmine.drafts.checks import check_draft  # noqa: E402

LABELS = re.compile(r"(调研情况|问题分析|具体建议)[：:]")


def plain(body: str) -> str:
    """The labels replaced by a paragraph break; 3+ spaces (the filed indents) read as breaks."""
    return re.sub(r"\s{3,}", "\n", LABELS.sub("\n", body))


def drop(content: str, label: str, keep_labels: bool) -> str:
    """``content`` without its part ``label``; the other labels kept, or replaced by breaks."""
    out, skip = [], False
    for piece in re.split(r"(调研情况[：:]|问题分析[：:]|具体建议[：:])", content):
        if LABELS.fullmatch(piece):
            skip = piece.startswith(label)
            if not skip:
                out.append(piece if keep_labels else "\n")
        elif not skip:
            out.append(piece if keep_labels else re.sub(r"\s{3,}", "\n", piece))
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rows", choices=("dev", "seen"))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--data", default=os.environ.get("TOPICMINE_DATA_DIR", str(ROOT.parent / "shared" / "data")))
    a = ap.parse_args()
    with open(Path(a.data) / "jszx_proposals_2019" / "jszx2019_dev.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = range(144) if a.rows == "dev" else SEEN_144_286
    names = ["labelled_all", "labelled", "plain", "nosugg_lab", "nosugg_plain", "noprob_lab", "noprob_plain"]
    res: dict[str, list] = {k: [0, 0, Counter(), []] for k in names}
    for i in ids:
        title, c = rows[i]["reason"].strip(), rows[i]["content"]
        variants = {"labelled_all": c}
        if len(LABELS.findall(c)) == 3:
            variants.update(labelled=c, plain=plain(c),
                            nosugg_lab=drop(c, "具体建议", True), nosugg_plain=drop(c, "具体建议", False),
                            noprob_lab=drop(c, "问题分析", True), noprob_plain=drop(c, "问题分析", False))
        for k, body in variants.items():
            rep = check_draft(title + "\n" + body, "proposal", title=title)
            r = res[k]
            r[0] += 1
            r[1] += rep.passed
            r[2].update(c.name for c in rep.checks if not c.passed and c.severity == "error")
            if rep.passed != (k in ("labelled_all", "labelled", "plain")):
                r[3].append(i)
    for k, (n, ok, failed, wrong) in res.items():
        print(f"{k:13s} n={n:3d} pass={ok:3d} fail={n - ok:3d} {dict(failed)}" + (f" wrong={wrong}" if a.verbose else ""))
    print(json.dumps({k: v[:2] for k, v in res.items()}))


if __name__ == "__main__":
    main()
