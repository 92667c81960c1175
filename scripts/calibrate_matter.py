"""Fit and ship the matter decision (topicmine/dedup/calibration/matter.json) from labelled proposal pairs.

Usage (from the project root; the workdir is created or reused — ingest + embed of 287 proposals takes
~15 min on 2 busy cores the first time, then seconds)::

    nice .venv/bin/python scripts/calibrate_matter.py [--corpus ../shared/data/jszx_proposals_2019/jszx2019_dev.csv]
        [--pairs ../shared/data/jszx_proposals_2019/pairs_dev.jsonl] [--workdir /tmp/topicmine_matter]
        [--folds 5 --repeats 5] [--out topicmine/dedup/calibration/matter.json]

For each mode ("semantic": e5 vectors of the asks, titles and documents; "lexical": texts only) the
script (1) computes the transparent features of every labelled pair, (2) cross-validates the logistic
combiner and the one-feature rule (cover_max ≥ t) by repeated stratified k-fold — thresholds chosen on
the training folds only — and (3) refits on all pairs and writes the weights, thresholds, the folds'
spread and the provenance (file hashes, label counts, model id, date) to the JSON. The sealed pairs are
never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "jszx_proposals_2019"
ASK_THRESHOLD = 0.5  # semantic: rescaled ask similarity at which two aligned asks count as the same ask


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def ask_background(docs: list) -> float:
    """Median e5 cosine of asks of two different proposals (fixed-seed sample of 20,000 pairs)."""
    import numpy as np

    owner = np.array([n for n, d in enumerate(docs) for _ in range(len(d.ask_vecs))])
    V = np.vstack([d.ask_vecs for d in docs if len(d.ask_vecs)])
    rng = np.random.default_rng(0)
    i, j = rng.integers(0, len(V), 20000), rng.integers(0, len(V), 20000)
    k = owner[i] != owner[j]
    return round(float(np.median(np.einsum("ij,ij->i", V[i[k]], V[j[k]]))), 4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DATA / "jszx2019_dev.csv")
    ap.add_argument("--pairs", type=Path, default=DATA / "pairs_dev.jsonl")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/topicmine_matter"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=ROOT / "topicmine" / "dedup" / "calibration" / "matter.json")
    args = ap.parse_args()

    import numpy as np

    from topicmine.dedup.documents import DEFAULT_DOCUMENT, CorpusStats
    from topicmine.dedup.matter import MATTER_FEATURES, features, prepare_docs
    from topicmine.dedup.matter_fit import aligned_column, cross_validate, fit_entry
    from topicmine.pipeline.core import Workspace
    from topicmine.pipeline.dedup_job import ask_embedder, labelled_corpus

    t0 = time.time()
    ws = Workspace.from_settings(workdir=args.workdir)
    data = labelled_corpus(ws, args.corpus, args.pairs)
    labels, rows = data["labels"], data["rows"]
    vecs = data["vectors"]
    docs_sem = prepare_docs(data["texts"], data["titles"], vecs, ask_embedder(ws))
    docs_lex = prepare_docs(data["texts"], data["titles"], None, None)
    bg = ask_background(docs_sem)
    stats = CorpusStats(vecs, None, DEFAULT_DOCUMENT)
    ii = np.array([r[0] for r in rows])
    jj = np.array([r[1] for r in rows])
    zs = stats.z(ii, jj, np.einsum("ij,ij->i", vecs[ii], vecs[jj]))
    out: dict = {
        "created": time.strftime("%Y-%m-%d"),
        "model_id": ws.embedder.model_id,
        "data": {"corpus": {"path": str(args.corpus.name), "sha256": _sha(args.corpus), "documents": len(data["ids"])},
                 "pairs": {"path": str(args.pairs.name), "sha256": _sha(args.pairs), "n": len(labels),
                           "labels": {g: labels.count(g) for g in ("重复", "相近", "相关", "无关")},
                           "sure": sum(data["sure"])}},
        "method": ("logistic regression (sklearn, C=%g) over the standardised features %s; 相近 cut = F1-optimal "
                   "P(same matter) for {重复,相近} on the training pairs, 相关 cut = F1-optimal for not-无关, 重复 = "
                   "cover_min cut (F1-optimal for 重复 among training pairs at 相近 or above) AND at least half of the narrower "
                   "side's asks aligned above the ask background (semantic: rescaled similarity >= ask_threshold; "
                   "lexical: above the highest aligned-ask similarity of any 相关/无关 training pair), or jac3 >= 0.3; "
                   "cv = repeated stratified k-fold, every threshold chosen on the training folds only; the "
                   "shipped model is refit on all pairs" % (args.C, list(MATTER_FEATURES))),
        "held_out": "none read: the sealed pairs are over other proposals and never seen by this script",
        "cv": {},
    }
    for mode, docs in (("semantic", docs_sem), ("lexical", docs_lex)):
        fs, aligned = [], []
        for n, (i, j) in enumerate(rows):
            f, _, al = features(docs[i], docs[j], ask_background=bg, doc_z=float(zs[n]) if mode == "semantic" else None,
                                use_vectors=mode == "semantic")
            fs.append(f)
            aligned.append([s for _, _, s in al])
        F = np.array([[f[n] for n in MATTER_FEATURES] for f in fs])
        extra = {"jac3": np.array([f["jac3"] for f in fs])}
        extra["cover_min"] = F[:, MATTER_FEATURES.index("cover_min")]
        extra["aligned"] = aligned_column(aligned)
        # same-ask level: semantic ask similarity is rescaled so that the ask background is 0 → its
        # ask_threshold; lexical bigram overlap has no such scale → the background's ceiling on the
        # training pairs (fit_entry, same_level=None)
        same_level = ASK_THRESHOLD if mode == "semantic" else None
        cv = cross_validate(F, labels, MATTER_FEATURES, extra, k=args.folds, repeats=args.repeats, mode=mode, C=args.C,
                            rule_feature="doc", same_level=same_level)
        # ship the combiner only if the folds say it beats the one-feature rule (document similarity alone)
        use_rule = cv["rule"]["f1"]["mean"] >= cv["combiner"]["f1"]["mean"]
        names = ["doc"] if use_rule else list(MATTER_FEATURES)
        cols = [MATTER_FEATURES.index(n) for n in names]
        entry = fit_entry(F[:, cols], labels, names, extra, C=args.C, same_level=same_level)
        rf, cf = cv["rule"]["f1"]["mean"], cv["combiner"]["f1"]["mean"]
        entry["chosen"] = (f"rule: document similarity alone (CV F1 {rf:.3f} vs combiner {cf:.3f})" if use_rule
                           else f"combiner (CV F1 {cf:.3f} vs the rule {rf:.3f})")
        entry["ask_background"] = bg if mode == "semantic" else None
        entry["ask_threshold"] = ASK_THRESHOLD
        entry["provenance"] = {"doc_reference": {"mean": DEFAULT_DOCUMENT["prior_mean"], "std": DEFAULT_DOCUMENT["prior_std"]}}
        out[mode] = entry
        cv.pop("pooled_levels", None)
        cv.pop("pooled_rule_levels", None)
        out["cv"][mode] = cv
        c, r = cv["combiner"], cv["rule"]
        print(f"{mode}: combiner P {c['precision']['mean']:.3f}±{c['precision']['std']:.3f} "
              f"R {c['recall']['mean']:.3f}±{c['recall']['std']:.3f} F1 {c['f1']['mean']:.3f}±{c['f1']['std']:.3f} | "
              f"rule ({cv['rule_feature']}) F1 {r['f1']['mean']:.3f}±{r['f1']['std']:.3f}", file=sys.stderr)
        print("  shipped: " + entry["chosen"] + "; coef " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(names, entry["coef"])),
              file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"out": str(args.out), "seconds": round(time.time() - t0, 1),
                      "cv": {m: {k: out["cv"][m][k] for k in ("combiner", "rule")} for m in ("semantic", "lexical")}},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
