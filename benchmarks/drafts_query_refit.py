"""The history check's document rule refitted on the draft's query-side vector, against the labels.

A split already has every draft's sentences embedded on the e5 "query:" side; the history check's document-level
rule was calibrated on "passage:" document vectors, so each split embedded its drafts a second time. Here the rule
(the shipped semantic matter model: the corpus-relative document z, ``doc`` = z / 10, plus the 重复 rule) is
refitted on the z of the draft's sentence-mean "query:" vector against the corpus items' stored passage-side
vectors — the asymmetric query → passage use e5 is built for — and scored against the LABELS of pairs_dev.jsonl
(dev data, 320 pairs over jszx2019_dev.csv; the figures are cross-validated, not held out), next to:

- ``shipped``: the shipped model on the passage-side z (what the history check does), not refitted (it was fitted
  on these 320 pairs, so its fold figures are in-sample);
- ``passage``: the same refit procedure on the passage-side z, same folds — the fair baseline of every refit;
- ``query``: the refit on the query-side z (what a split could do with the vectors it already has);
- ``query_cos``, ``query_doc_cos``: the raw query → passage cosine instead of / beside the z;
- ``query_doc_asks``, ``passage_doc_asks``: all matter features (asks, titles, coverage) with either side's z.

The verdict for shipping is the per-fold difference to ``passage`` (same folds, 5 × 5), mean ± its standard error.

Each labelled pair (a, b) is checked as draft a against past item b through ``dedup.check`` exactly as the history
check calls it (``pipeline.dedup_job.history_rule_levels``): the other proposals are the background.

Run: ``TOPICMINE_DATA_DIR=/work/shared/data nice .venv/bin/python benchmarks/drafts_query_refit.py --workdir WDJ``
(WDJ: a workspace; jszx2019_dev.csv is ingested and embedded there if not yet).
Last stdout line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _metrics(labels: list[str], levels: list) -> dict:
    from topicmine.dedup.proposal_eval import level_metrics

    m = level_metrics(labels, levels)
    return {"precision": m["precision"], "recall": m["recall"], "f1": m["f1"],
            "level_exact_all": round(sum((p or "无关") == g for p, g in zip(levels, labels)) / len(labels), 4)}


def _pair_features(ws, d: dict) -> tuple[list[dict], list[list[float]]]:  # type: ignore[no-untyped-def]
    """Per labelled pair: the matter features that do not depend on the draft's document vector (asks, titles,
    coverage, 3-gram overlap) and the aligned ask similarities, built as ``dedup.check`` builds them."""
    import numpy as np

    from topicmine.dedup.matter import first_line, judge, prepare_docs
    from topicmine.pipeline.dedup_job import ask_embedder

    embed_asks = ask_embedder(ws)
    feats, aligned = [], []
    for i, j in d["rows"]:
        t = [d["texts"][i], d["texts"][j]]
        docs = prepare_docs(t, [first_line(t[0]), d["meta"][d["ids"][j]].get("title")],
                            np.vstack([d["vectors"][i], d["vectors"][j]]), embed_asks, doc_types=["proposal", "proposal"])
        jd = judge(docs[0], docs[1], doc_z=0.0)
        feats.append(jd.features)
        aligned.append(list(jd.aligned))
    return feats, aligned


def refit(workdir: str, *, k: int = 5, repeats: int = 5) -> dict:
    """Every variant's repeated stratified k-fold figures (F1 of {重复, 相近}, four-level accuracy; mean, std, min,
    max over folds) and its per-fold difference to the passage-side refit (same folds), plus the shipped rule."""
    import numpy as np

    from topicmine import pipeline
    from topicmine.config import load_settings
    from topicmine.dedup.matter import MATTER_FEATURES, load_matter_model
    from topicmine.pipeline.sentence_vectors import SentenceVectors
    from topicmine.dedup.matter_fit import _folds, aligned_column, fit_entry, predict
    from topicmine.pipeline.dedup_job import history_rule_levels, labelled_corpus

    data_dir = Path(os.environ.get("TOPICMINE_DATA_DIR", ROOT.parent / "shared" / "data")) / "jszx_proposals_2019"
    ws = pipeline.Workspace(load_settings(workdir=workdir))
    d = labelled_corpus(ws, data_dir / "jszx2019_dev.csv", data_dir / "pairs_dev.jsonl", show_progress=False)
    labels = d["labels"]
    g = np.asarray(labels)
    t0 = time.perf_counter()
    shipped = history_rule_levels(ws, d, side="passage")
    query_shipped = history_rule_levels(ws, d, side="query")  # the query z under the passage-side model
    feats, aligned = _pair_features(ws, d)
    extra = {"jac3": np.array([f["jac3"] for f in feats]), "cover_min": np.array([f["cover_min"] for f in feats]),
             "aligned": aligned_column(aligned)}
    shipped_names = list(load_matter_model("semantic").features)  # the shipped semantic model's features (["doc"])
    ii = np.array([i for i, _ in d["rows"]])
    jj = np.array([j for _, j in d["rows"]])
    qv = np.vstack([SentenceVectors(ws, d["texts"][i]).query(d["texts"][i])[0] for i in ii])
    per_side = {}
    for side, res in (("passage", shipped), ("query", query_shipped)):
        z = np.array([np.nan if x is None else float(x) for x in res["z"]])
        if np.isnan(z).any():
            raise SystemExit(f"{int(np.isnan(z).sum())} pairs without a document z on the {side} side")
        dv = d["vectors"][ii] if side == "passage" else qv
        per_side[side] = {"doc": z / 10.0, "cos": np.einsum("ij,ij->i", dv, d["vectors"][jj])}

    def columns(side: str, names: list[str]) -> np.ndarray:
        return np.column_stack([per_side[side][n] if n in per_side[side] else np.array([f[n] for f in feats])
                                for n in names])

    # the variants, each fitted by the same procedure in the same folds: the shipped feature set on either side,
    # then what else the query side could use (the raw cosine instead of the z; the ask features with it)
    variants = {"passage": ("passage", shipped_names), "query": ("query", shipped_names),
                "query_cos": ("query", ["cos"]), "query_doc_asks": ("query", list(MATTER_FEATURES)),
                "query_doc_cos": ("query", ["doc", "cos"]), "passage_doc_asks": ("passage", list(MATTER_FEATURES))}
    cols = {v: columns(side, names) for v, (side, names) in variants.items()}
    folds: list[dict] = []
    pooled = {v: [None] * len(g) for v in cols}
    for r in range(repeats):
        for f_no, test in enumerate(_folds(labels, k, r)):
            train = np.setdiff1d(np.arange(len(g)), test)
            row = {"repeat": r, "fold": f_no}
            for v, F in cols.items():
                names = variants[v][1]
                e = fit_entry(F[train], g[train], names, {n: c[train] for n, c in extra.items()}, same_level=0.5)
                pred = predict(e, F[test], {n: c[test] for n, c in extra.items()})
                row[v] = _metrics(list(g[test]), pred)
                if r == 0:
                    for n_, t in enumerate(test):
                        pooled[v][int(t)] = pred[n_]
            row["shipped"] = _metrics(list(g[test]), [shipped["levels"][int(t)] for t in test])
            folds.append(row)

    def spread(v: str, key: str) -> dict:
        x = np.array([f[v][key] for f in folds])
        return {"mean": round(float(x.mean()), 4), "std": round(float(x.std(ddof=1)), 4),
                "min": round(float(x.min()), 4), "max": round(float(x.max()), 4)}

    def diff(v: str, key: str, base: str) -> dict:
        x = np.array([f[v][key] - f[base][key] for f in folds])
        return {"mean": round(float(x.mean()), 4), "std": round(float(x.std(ddof=1)), 4),
                "p10": round(float(np.percentile(x, 10)), 4), "p90": round(float(np.percentile(x, 90)), 4),
                "se_of_mean": round(float(x.std(ddof=1) / np.sqrt(len(x))), 4)}

    keys = ("f1", "level_exact_all", "precision", "recall")
    # the query-side rule fitted on all pairs (what a calibration would ship), in-sample against the labels
    full = fit_entry(cols["query"], g, shipped_names, extra, same_level=0.5)
    full_levels = predict(full, cols["query"], extra)
    same = round(sum(a == b for a, b in zip(full_levels, shipped["levels"])) / len(g), 4)
    dz = (per_side["query"]["doc"] - per_side["passage"]["doc"]) * 10
    out = {
        "pairs": len(g), "labels": {x: labels.count(x) for x in ("重复", "相近", "相关", "无关")},
        "variants": {v: {"side": s_, "features": n_} for v, (s_, n_) in variants.items()}, "k": k, "repeats": repeats,
        "shipped_passage_side_all_pairs": _metrics(labels, shipped["levels"]),
        "shipped_model_on_query_z_all_pairs": _metrics(labels, query_shipped["levels"]),
        "cv": {v: {x: spread(v, x) for x in keys} for v in ["shipped", *variants]},
        "cv_minus_passage_refit": {v: {x: diff(v, x, "passage") for x in ("f1", "level_exact_all")}
                                   for v in variants if v != "passage"},
        "pooled_first_repeat": {v: _metrics(labels, pooled[v]) for v in pooled},
        "query_fit_on_all": {"entry": full, "in_sample": _metrics(labels, full_levels),
                             "verdicts_same_as_shipped": same},
        "z_query_minus_passage": {q: round(float(np.percentile(dz, q)), 3) for q in (5, 50, 95)},
        "corr_z_query_passage": round(float(np.corrcoef(per_side["query"]["doc"], per_side["passage"]["doc"])[0, 1]), 4),
        "model": ws.embedder.model_id, "seconds": round(time.perf_counter() - t0, 1),
        "data": "pairs_dev.jsonl over jszx2019_dev.csv — dev data: cross-validated, not held out",
        "machine": f"{platform.node()} {os.cpu_count()} cores", "load": os.getloadavg()[0],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=5)
    a = ap.parse_args()
    print(json.dumps(refit(a.workdir, k=a.folds, repeats=a.repeats), ensure_ascii=False))


if __name__ == "__main__":
    main()
