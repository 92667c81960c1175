"""Write the second-reading request for the 成果转化 dev labels (ids and reasons only, never the texts).

    python scripts/uptake_labelling_request.py --out docs/figures/uptake4-labelling-request.jsonl

Reads ../shared/data/jszx_proposals_2019/uptake_dev.jsonl, gov_messages_tipdm2020_full/replies_dev_labels.jsonl and
附件4_dev.xlsx (ids only go out). One JSON object per line, ``task`` one of:

- ``uptake_second_reading`` — a proposal the first reader marked unsure: re-label its 6 candidates 采纳/呼应/无;
- ``uptake_sentence_alignment`` — a passage labelled 采纳 (or 呼应 in the same item): name the ask sentence and the
  passage clause that carry the measure (the pair scorer is trained on bag labels only);
- ``reply_second_reading`` — a reply the first reader marked unsure: re-label outcome/responsive/deadline;
- ``reply_check_helper_reading`` — the 60 fresh replies the uptake4 helper read (docs/figures/uptake4-fresh-readings.json):
  a second reading measures agreement with the helper's held-out figure;
- ``reply_fresh_label`` — a reply of 附件4_dev outside the 150 and the 60 (seeded random sample, stratified by the rules'
  outcome): a clean held-out check of the reply rules, which were written with all 150 in view.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from topicmine.config import PROJECT_ROOT


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=PROJECT_ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "figures" / "uptake4-labelling-request.jsonl")
    ap.add_argument("--fresh", type=int, default=100, help="fresh replies to label (held-out check)")
    args = ap.parse_args()
    out: list[dict] = []
    up = [json.loads(x) for x in open(args.data / "jszx_proposals_2019" / "uptake_dev.jsonl", encoding="utf-8") if x.strip()]
    for r in up:
        if not r.get("sure", True):
            out.append({"task": "uptake_second_reading", "file": "jszx_proposals_2019/uptake_dev.jsonl", "pkid": r["pkid"],
                        "first_reading": [c["label"] for c in r["candidates"]],
                        "why": "unsure item: the scorer reaches P 0.76 at R 0.7 on sure items but 0.54 on unsure ones"})
    for r in up:
        labels = [c["label"] for c in r["candidates"]]
        if "采纳" in labels:
            out.append({"task": "uptake_sentence_alignment", "file": "jszx_proposals_2019/uptake_dev.jsonl", "pkid": r["pkid"],
                        "candidates": [i for i, x in enumerate(labels) if x in ("采纳", "呼应")],
                        "fill": {"ask_sentence": "the ask sentence (quote)", "passage_clause": "the clause (quote)",
                                 "same_measure": "yes | direction only"},
                        "why": "pair-level labels to train the ask-sentence × passage-clause scorer on pairs, not bags"})
    base = args.data / "gov_messages_tipdm2020_full"
    rl = [json.loads(x) for x in open(base / "replies_dev_labels.jsonl", encoding="utf-8") if x.strip()]
    for r in rl:
        if not r.get("sure", True):
            out.append({"task": "reply_second_reading", "file": "gov_messages_tipdm2020_full/replies_dev_labels.jsonl",
                        "id": r["id"], "first_reading": r["outcome"],
                        "why": "unsure reply: 13 of the 35 persistent errors of uptake3 were unsure rows"})
    from openpyxl import load_workbook

    from topicmine.uptake.replies import read_reply

    # the helper's own single readings of 60 fresh replies: a second reader on the same ids measures agreement
    mine = PROJECT_ROOT / "docs" / "figures" / "uptake4-fresh-readings.json"
    read = json.loads(mine.read_text(encoding="utf-8"))["rows"] if mine.is_file() else []
    for r in read:
        out.append({"task": "reply_check_helper_reading", "file": "gov_messages_tipdm2020_full/附件4_dev.xlsx", "id": r["id"],
                    "helper_reading": r["outcome"], "helper_sure": r["sure"], "role": r["role"],
                    "why": "the only held-out reply figure (23/40) rests on one reader; agreement with the dev labeller is unknown"})
    seen = {str(r["id"]) for r in rl} | {str(r["id"]) for r in read}
    sheet = load_workbook(base / "附件4_dev.xlsx", read_only=True).active
    it = sheet.iter_rows(values_only=True)
    head = next(it)
    rows = [dict(zip(head, v)) for v in it]
    rows = [r for r in rows if str(r["留言编号"]) not in seen and r.get("答复意见")]
    random.Random(17).shuffle(rows)
    by: dict[str, list[dict]] = {}
    for r in rows:
        by.setdefault(read_reply(str(r["答复意见"])).outcome, []).append(r)
    per = max(1, args.fresh // max(1, len(by)))
    for outcome, rs in sorted(by.items()):
        for r in rs[:per]:
            out.append({"task": "reply_fresh_label", "file": "gov_messages_tipdm2020_full/附件4_dev.xlsx", "id": str(r["留言编号"]),
                        "rules_say": outcome, "fill": {"outcome": "", "responsive": "", "deadline": "", "sure": "", "note": ""},
                        "why": "held-out check: the reply rules were written with all 150 labelled rows in view"})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for o in out:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    from collections import Counter

    print(json.dumps({"out": str(args.out), "tasks": dict(Counter(o["task"] for o in out))}, ensure_ascii=False))


if __name__ == "__main__":
    main()
