"""The judged checks on real proposals (the drafting issue's "How it is checked"), on jszx2019_dev.csv:

- single real proposals passing ``check-draft`` (:func:`topicmine.drafts.check_draft`, genre 提案, no history:
  ``passed`` = no failed check of severity error), and which checks fail;
- single proposals passing the one-matter rule alone (:func:`topicmine.drafts.matters.one_matter`, the earlier figure);
- two unrelated proposals joined (different category; random pairs, seed 1; the first one's title) failing the
  one-matter check that check-draft runs, with and without the 调研情况/问题分析/具体建议 markers;
- two proposals of the **same field** (same category; random pairs, seed 2) merged under one set of parts — the
  first's situation then the second's under 调研情况, their problems under 问题分析, their measures under 具体建议,
  the way a member pastes two matters into one 提案 — failing the one-matter check.

- the title check (题文相符) on the same-field pairs: failing when the title names only the first matter;
- without the part labels: single proposals passing ``check-draft`` and unrelated pairs failing it; and how often the
  one-matter line says ✓ while the title check names a second matter (must be 0: a drafter reads ✓ as one matter).

Rows 0–143 and the seen rows of 144–286 (``SEEN_144_286`` of drafts_units.py) are read while tuning; ``--part
unread`` scores only the rows no one has read and prints counts only (no titles, no failing rows). ``--skip`` leaves
rows out (given as numbers of the whole file, e.g. the rows reserved for a blind reader). Run:
``nice .venv/bin/python benchmarks/drafts_one_matter.py [--pool 144-286] [--skip 144,149,…]``; the last stdout
line is one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import functools
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

from topicmine.drafts.checks import check_draft as _check_draft  # noqa: E402
from topicmine.drafts.checks import one_matter_check as _one_matter_check  # noqa: E402
from topicmine.drafts.matters import one_matter  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from drafts_units import SEEN_144_286  # noqa: E402

_MARKERS = re.compile(r"(调研情况|问题分析|具体建议)[：:]")


def _parts(content: str) -> list[str] | None:
    """The 调研情况 / 问题分析 / 具体建议 texts of a proposal written with the three labels in order, else None."""
    ms = list(_MARKERS.finditer(content))
    if [m.group(1) for m in ms] != ["调研情况", "问题分析", "具体建议"]:
        return None
    return [content[ms[0].end():ms[1].start()].strip(), content[ms[1].end():ms[2].start()].strip(),
            content[ms[2].end():].strip()]


_CNUM = "一二三四五六七八九十"
_STYLES = (  # (pattern of a measure marker at a sentence start, number of the match, marker for a number)
    (re.compile(r"(?:^|(?<=[。；：\n]))\s*(\d{1,2})([、.．])(?!\d)"), lambda m: int(m.group(1)),
     lambda m, n: f"{n}{m.group(2)}"),
    (re.compile(r"(?:^|(?<=[。；：\n]))\s*([一二三四五六七八九])是"), lambda m: _CNUM.index(m.group(1)) + 1,
     lambda m, n: f"{_CNUM[n - 1]}是" if n <= 10 else f"第{n}是"),
    (re.compile(r"(?:^|(?<=[。；：\n]))\s*([一二三四五六七八九])、"), lambda m: _CNUM.index(m.group(1)) + 1,
     lambda m, n: f"{_CNUM[n - 1]}、" if n <= 10 else f"{n}、"),
)


def straight(a: str, b: str) -> str:
    """``b``'s measures numbered on from ``a``'s ("1．…4．" then "5．…8．"), in each marker style both use: the
    way a member numbers two pasted matters' measures as one list."""
    for pat, num, mark in _STYLES:
        na = [num(m) for m in pat.finditer(a)]
        if not na or not pat.search(b):
            continue
        shift = max(na)
        b = pat.sub(lambda m: mark(m, num(m) + shift) if num(m) + shift <= 10 or "是" not in m.group(0)
                    else m.group(0), b)
    return b


def _embedder() -> object:
    """texts → unit vectors (e5 "query:" side) from topicmine's embedding layer, each text embedded once per run
    (the joined texts repeat the singles' sentences); a throwaway workspace under the temp folder holds the model."""
    import tempfile

    import numpy as np

    from topicmine import pipeline
    from topicmine.config import load_settings

    ws = pipeline.Workspace(load_settings(workdir=Path(tempfile.mkdtemp(prefix="om-bench-"))))
    seen: dict[str, np.ndarray] = {}

    def embed(texts: list[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in seen))
        if todo:
            seen.update(zip(todo, np.asarray(ws.query_vectors(todo), dtype=np.float32)))
        return np.stack([seen[t] for t in texts])

    return embed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pool_pos", nargs="?", help="rows, e.g. 144-286 (same as --pool)")
    ap.add_argument("--pool", default="144-286")
    ap.add_argument("--skip", default="", help="rows left out, comma-separated numbers of the whole file")
    ap.add_argument("--part", choices=("all", "seen", "unread"), default="all",
                    help="seen: leave out the rows no one has read (144–286 less SEEN_144_286); unread: only those rows, "
                         "and only counts are printed (no titles, no failing rows)")
    ap.add_argument("--no-embed", action="store_true",
                    help="the lexical checks only (as before the check by meaning); by default check-draft gets the "
                         "multilingual-e5-small sentence vectors, as the CLI does when the model loads")
    ap.add_argument("--data", default=os.environ.get("TOPICMINE_DATA_DIR", str(ROOT.parent / "shared" / "data")))
    a = ap.parse_args()
    pool, part = a.pool_pos or a.pool, a.part
    rows = list(csv.DictReader((Path(a.data) / "jszx_proposals_2019" / "jszx2019_dev.csv").open(encoding="utf-8")))
    lo, hi = map(int, pool.split("-"))
    skip = {int(x) for x in a.skip.split(",") if x.strip()}
    if a.part == "seen":
        skip |= {i for i in range(144, len(rows)) if i not in SEEN_144_286}
    elif a.part == "unread":
        skip |= set(range(0, 144)) | set(SEEN_144_286)
    numbers = [i for i in range(lo, min(hi, len(rows) - 1) + 1) if i not in skip]
    rows = [rows[i] for i in numbers]
    t0 = time.perf_counter()
    embed = None if a.no_embed else _embedder()
    check_draft = functools.partial(_check_draft, embed=embed)
    one_matter_check = functools.partial(_one_matter_check, embed=embed)

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
            failed_rows.append({"row": numbers[rows.index(r)], "title": r["reason"][:40], "failed": bad})

    rng = random.Random(1)
    pairs = [(rng.randrange(len(rows)), rng.randrange(len(rows))) for _ in range(len(rows))]
    pairs = [(x, y) for x, y in pairs if x != y and rows[x]["type"] != rows[y]["type"]]

    contradictions = 0  # "✓ 一事一案" above a title check that found a second matter

    def contradicts(rep: object) -> bool:
        c = {k.name: k for k in rep.checks}  # type: ignore[attr-defined]
        return c["one_matter"].passed and "正文另有一事" in c["title_body"].message

    def joined_fails(strip: bool) -> tuple[int, int]:
        nonlocal contradictions
        n = n_check = 0
        for x, y in pairs:
            tx, ty = rows[x]["content"], rows[y]["content"]
            if strip:
                tx, ty = _MARKERS.sub("", tx), _MARKERS.sub("", ty)
            title = rows[x]["reason"].strip()
            n += not one_matter_check(title + "\n" + tx + "\n" + ty, "proposal", title=title).passed
            if strip:  # the whole check-draft on the unlabelled pairs (the title check may catch what one-matter misses)
                rep = check_draft(title + "\n" + tx + "\n" + ty, "proposal", title=title)
                n_check += not rep.passed
                contradictions += contradicts(rep)
        return n, n_check

    (jf, _), (jf2, jf2_check) = joined_fails(False), joined_fails(True)
    # singles written without the part labels: the whole check-draft (the filed text is one run-on line, so without its
    # labels the parts and measures are often not found: a lower bound), and the one-matter and title checks alone
    plain_pass = plain_matter = 0
    for r in rows:
        rep = check_draft(r["reason"].strip() + "\n" + _MARKERS.sub("", r["content"]), "proposal", title=r["reason"].strip())
        plain_pass += rep.passed
        plain_matter += all(c.passed for c in rep.checks if c.name in ("one_matter", "title_body"))

    parts = [_parts(r["content"]) for r in rows]
    rng2 = random.Random(2)
    same = [(rng2.randrange(len(rows)), rng2.randrange(len(rows))) for _ in range(4 * len(rows))]
    same = [(x, y) for x, y in same if x != y and rows[x]["type"] == rows[y]["type"] and parts[x] and parts[y]]
    same = list(dict.fromkeys(same))[:100]
    sf = sf2 = tf = 0
    for x, y in same:
        a, b = parts[x], parts[y]
        title = rows[x]["reason"].strip()
        text = (f"{title}\n调研情况：{a[0]}\n{b[0]}\n问题分析：{a[1]}\n{b[1]}\n具体建议：{a[2]}\n{b[2]}")
        sf += not one_matter_check(text, "proposal", title=title).passed
        rep = check_draft(text, "proposal", title=title)
        tf += not next(c for c in rep.checks if c.name == "title_body").passed
        contradictions += contradicts(rep)
        # the same two matters with their measures numbered straight through (one list 1–8, no restart)
        text2 = (f"{title}\n调研情况：{a[0]}\n{b[0]}\n问题分析：{a[1]}\n{b[1]}\n具体建议：{a[2]}\n{straight(a[2], b[2])}")
        sf2 += not one_matter_check(text2, "proposal", title=title).passed
    out = {"pool_rows": pool, "embed": embed is not None, "proposals": len(rows), "pairs": len(pairs),
           "single_pass_check_draft": passed, "single_pass_one_matter_rule": single_rule,
           "joined_fail_one_matter": jf, "joined_fail_without_markers": jf2,
           "joined_without_markers_fail_check_draft": jf2_check, "single_without_markers_pass_check_draft": plain_pass,
           "single_without_markers_pass_one_matter_and_title": plain_matter,
           "one_matter_pass_beside_title_second_matter": contradictions,
           "same_field_pairs": len(same), "same_field_merged_fail": sf,
           "same_field_straight_fail": sf2, "same_field_title_fail": tf,
           "single_title_pass": sum(1 for r in rows) - failing.get("title_body", 0), "skipped_rows": len(skip),
           "failing_checks": dict(failing.most_common()),
           "failed_rows": [] if part == "unread" else failed_rows[:20],
           "seconds": round(time.perf_counter() - t0, 1)}
    print(f"single proposals passing check-draft {passed}/{len(rows)} (one-matter rule alone {single_rule}/{len(rows)}); "
          f"joined pairs failing one-matter {jf}/{len(pairs)}, without markers {jf2}/{len(pairs)}; "
          f"same-field pairs merged under one set of parts failing {sf}/{len(same)}, numbered straight through "
          f"{sf2}/{len(same)}; their title check (题文相符) failing {tf}/{len(same)}; "
          f"singles passing the title check {len(rows) - failing.get('title_body', 0)}/{len(rows)}; "
          f"without part labels: singles passing check-draft {plain_pass}/{len(rows)} (one-matter and title checks "
          f"{plain_matter}/{len(rows)}), pairs failing check-draft "
          f"{jf2_check}/{len(pairs)}; ✓ one matter beside a title check naming a second {contradictions}")
    print("failing checks:", dict(failing.most_common()))
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
