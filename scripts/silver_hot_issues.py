"""Silver check across genres: citizen messages of one agreed hot issue should come out at 重复/相近.

Two contest teams grouped the TipDM 2020 附件3 messages into hot issues
(../shared/data/gov_messages_tipdm2020_full/hot_issue_silver, see its README); they agree on 102
messages in 4 groups. Every pair of those 102 messages is judged by the SHIPPED decision (the same
``find_pairs`` as ``topicmine dedup``, with every pair made a candidate, so the decision and not the
candidate generator is measured; the default candidate generator's recall is reported beside it):
same group → should be 重复/相近, different groups → should not. ``--distractors N`` other messages
of 附件3 (fixed seed) join the corpus so that corpus-relative statistics see a realistic background.

Two backgrounds for the corpus-relative document cosine are measured: the corpus itself (the default
of ``topicmine dedup``; a hot issue raised by 20–40 of the 251 messages is then its own members'
background) and a reference corpus — ``--reference N`` further 附件3 messages (fixed seed, disjoint
from the judged messages and the distractors), standing for the office's archive of earlier messages.

Usage (from the project root; the workdir is created or reused; ~10 min on 2 shared cores)::

    nice .venv/bin/python scripts/silver_hot_issues.py [--workdir /tmp/silver] [--distractors 150]
        [--reference 300] [--json]

Nothing is tuned here: the figures are a held-out check (the decision was calibrated on proposals).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def agreed_groups(silver: Path) -> dict[int, int]:
    """留言编号 → agreed group number (1..4) for the messages both teams put in one matching group."""
    import pandas as pd

    a = pd.read_excel(silver / "team_a" / "热点问题留言明细表.xlsx")
    b = pd.read_excel(silver / "team_b" / "热点问题留言明细表.xls")
    m = a[["问题ID", "留言编号"]].merge(b[["问题ID", "留言编号"]], on="留言编号", suffixes=("_a", "_b"))
    # a group pair counts when it is the majority mapping of team A's group (1:1 here: 1↔5, 2↔1, 3↔2, 4↔4)
    best = m.groupby("问题ID_a")["问题ID_b"].agg(lambda s: s.value_counts().index[0])
    m = m[m["问题ID_b"] == m["问题ID_a"].map(best)]
    return {int(r["留言编号"]): int(r["问题ID_a"]) for _, r in m.iterrows()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "gov_messages_tipdm2020_full")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/topicmine_silver"))
    ap.add_argument("--distractors", type=int, default=150)
    ap.add_argument("--reference", type=int, default=300)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    import numpy as np
    import pandas as pd

    from topicmine.dedup import find_pairs
    from topicmine.dedup.proposal_eval import level_metrics
    from topicmine.pipeline.core import Workspace, embed, ingest
    from topicmine.pipeline.dedup_job import ask_embedder, corpus_documents

    groups = agreed_groups(args.data / "hot_issue_silver")
    msgs = pd.read_excel(args.data / "附件3.xlsx")
    msgs["留言编号"] = msgs["留言编号"].astype(int)
    others = sorted(set(msgs["留言编号"]) - set(groups))
    extra = set(random.Random(7).sample(others, min(args.distractors, len(others))))
    rest = sorted(set(others) - extra)
    reference = set(random.Random(11).sample(rest, min(args.reference, len(rest))))

    def workspace(folder: Path, keep_ids: set[int]) -> Workspace:
        folder.mkdir(parents=True, exist_ok=True)
        table = folder / "messages.csv"
        with open(table, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "title", "text", "date"])
            for _, r in msgs[msgs["留言编号"].isin(keep_ids)].iterrows():
                w.writerow([int(r["留言编号"]), str(r["留言主题"]).strip(), " ".join(str(r["留言详情"]).split()),
                            str(r["留言时间"])[:10]])
        ws_ = Workspace.from_settings(workdir=folder)
        ingest(ws_, [table], doc_type="opinion")
        embed(ws_)
        return ws_

    ws = workspace(args.workdir, set(groups) | extra)
    ref_vectors = None
    if reference:
        ref_vectors = corpus_documents(workspace(args.workdir / "reference", reference), doc_types=("opinion",))[2]
    key = {d.id: int(d.meta["id"]) for d in ws.store.iter_documents(doc_types=["opinion"]) if d.meta.get("id")}
    ids, texts, vectors, meta = corpus_documents(ws, doc_types=("opinion",))
    titles = [meta[i]["title"] for i in ids]
    grp = [groups.get(key.get(i, -1)) for i in ids]
    lab = [n for n, g in enumerate(grp) if g is not None]
    res: dict = {"messages_agreed": len(lab), "distractors": len(ids) - len(lab),
                 "groups": {str(g): grp.count(g) for g in sorted({g for g in grp if g})}}
    s = ws.settings.dedup
    runs = [("all_pairs", len(ids), None), ("default_candidates", s.k_neighbours, None)]
    if ref_vectors is not None:
        runs += [("all_pairs_reference_background", len(ids), ref_vectors),
                 ("default_candidates_reference_background", s.k_neighbours, ref_vectors)]
        res["reference_messages"] = len(ref_vectors)
    for name, k, bg in runs:
        found = find_pairs(texts, vectors, ids, k=k, ngram=s.ngram, num_perm=s.num_perm, lsh_threshold=s.lsh_threshold,
                           min_level=None, titles=titles, embed_asks=ask_embedder(ws), background_vectors=bg)
        level = {frozenset((p["i"], p["j"])): p for p in found}
        gold, pred, regimes, by_regime = [], [], {}, {}
        for x in range(len(lab)):
            for y in range(x + 1, len(lab)):
                i, j = lab[x], lab[y]
                p = level.get(frozenset((i, j)))
                gold.append("相近" if grp[i] == grp[j] else "无关")
                pred.append(p["level"] if p else None)
                r = (p or {}).get("regime", "none")
                regimes[r] = regimes.get(r, 0) + 1
                by_regime.setdefault(r, ([], []))
                by_regime[r][0].append(gold[-1])
                by_regime[r][1].append(pred[-1])
        m = level_metrics(gold, pred)
        m.pop("confusion", None)
        per = {}
        for r, (gs, ps) in by_regime.items():
            mr = level_metrics(gs, ps)
            per[r] = {k2: mr[k2] for k2 in ("precision", "recall", "f1", "tp", "fp", "fn", "n")}
        # regime "document" = the matter decision (both messages ≥ 200 characters); the others the pair model
        res[name] = {**m, "regimes": regimes, "by_regime": per}
    res["lengths"] = {"median_chars": int(np.median([len(t) for t in texts])),
                      "share_document_sized": round(float(np.mean([len(t) >= 200 for t in texts])), 3)}
    print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()
