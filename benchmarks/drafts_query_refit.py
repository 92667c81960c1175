"""The history check's document rule on the draft's document vector as a split can build it, against the labels.

A split embeds the report's sentences once; the history check's document-level rule was calibrated on
"passage:" document vectors (a stored document = the mean of its passages' "passage:" vectors), so a split used
to embed its drafts' passages a second time. Compared here, each as the draft-side document vector of every
labelled pair of pairs_dev.jsonl (dev data, 320 pairs over jszx2019_dev.csv; cross-validated, not held out):

- ``passage``: the stored passage-side document vector (what the rule was fitted on; the baseline);
- ``sentences``: the same built from the draft's sentences' "passage:" vectors — each passage the
  length-weighted mean of its sentences, then the mean of the passages (``document_vector_from_sentences``);
  ``sentences_flat`` / ``sentences_plain``: the length-weighted / plain mean of all its sentences;
- ``query``: the mean of its sentences' "query:" vectors (measured and lost before: docs/figures/drafts9s.md).

For each: the correlation of its z with the passage-side z, the share of verdicts equal to the passage side's,
F1 of {重复, 相近} and four-level accuracy under the shipped rule; then the rule (the shipped semantic matter
model: ``doc`` = z / 10, plus the 重复 rule) refitted per fold on each side's z (5 × 5 stratified folds, the
same for every variant), and the per-fold difference to the passage-side refit, mean ± its standard error.

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


SIDES = {"passage": ("passage", None), "sentences": ("sentences", "passage"), "sentences_flat": ("sentences", "flat"),
         "sentences_plain": ("sentences", "plain"), "query": ("query", None)}


def sentence_document_vectors(ws, texts: dict[int, str], weighting: str = "passage") -> dict:  # type: ignore[no-untyped-def]
    """Each draft's document vector built like a stored document's (cut into passages by the workspace's
    segmenter, the mean of its passages' vectors) with every passage's "passage:" vector replaced by a mean of
    its sentences' "passage:" vectors — what a split could build from the report's sentences embedded once on
    the passage side. ``weighting``: ``passage`` = each passage the length-weighted mean of its sentences, then
    the plain mean of the passages; ``flat`` = the length-weighted mean of all its sentences; ``plain`` = their
    unweighted mean. All sentences are embedded in one length-sorted batch."""
    import numpy as np

    from topicmine.embed import embed_passages
    from topicmine.pipeline.dedup_job import _draft_passages
    from topicmine.pipeline.sentence_vectors import _key, _sentences
    from topicmine.records import content_hash

    per = {i: [ks for ks in ([_key(x) for x in _sentences(p.text)] for p in _draft_passages(ws, t)) if ks]
           for i, t in texts.items()}
    keys = list(dict.fromkeys(k for kss in per.values() for ks in kss for k in ks))
    got: dict = {}
    embed_passages([(content_hash(k), k) for k in keys], ws.embedder, put=lambda hs, vs: got.update(zip(hs, vs)),
                   show_progress=False)
    vec = {k: np.asarray(got[content_hash(k)], dtype=np.float32) for k in keys}
    out = {}
    for i, kss in per.items():
        if weighting == "passage":
            parts = []
            for ks in kss:
                v = sum(len(k) * vec[k] for k in ks)
                parts.append(v / (np.linalg.norm(v) + 1e-12))
            v = np.mean(parts, axis=0)
        else:
            v = sum((len(k) if weighting == "flat" else 1.0) * vec[k] for ks in kss for k in ks)
        out[i] = (v / (np.linalg.norm(v) + 1e-12)).astype(np.float32)
    return out


def refit(workdir: str, *, k: int = 5, repeats: int = 5, sides: tuple[str, ...] = tuple(SIDES)) -> dict:
    """Per side: agreement with the passage side and with the labels under the shipped rule, then the rule refitted
    on that side's z in repeated stratified k-fold (F1 of {重复, 相近}, four-level accuracy; mean, std, min, max over
    folds) and its per-fold difference to the passage-side refit (same folds)."""
    import numpy as np

    from topicmine import pipeline
    from topicmine.config import load_settings
    from topicmine.dedup.matter import load_matter_model
    from topicmine.dedup.matter_fit import _folds, aligned_column, fit_entry, predict
    from topicmine.pipeline.dedup_job import history_rule_levels, labelled_corpus

    data_dir = Path(os.environ.get("TOPICMINE_DATA_DIR", ROOT.parent / "shared" / "data")) / "jszx_proposals_2019"
    ws = pipeline.Workspace(load_settings(workdir=workdir))
    d = labelled_corpus(ws, data_dir / "jszx2019_dev.csv", data_dir / "pairs_dev.jsonl", show_progress=False)
    labels = d["labels"]
    g = np.asarray(labels)
    t0 = time.perf_counter()
    sides = tuple(dict.fromkeys(("passage", *sides)))
    res = {}
    drafts = {i: d["texts"][i] for i in sorted({i for i, _ in d["rows"]})}
    for name in sides:
        side, weighting = SIDES[name]
        if side == "sentences":
            dv = sentence_document_vectors(ws, drafts, weighting)
            res[name] = history_rule_levels(ws, d, document_vectors=dv.__getitem__)
        else:
            res[name] = history_rule_levels(ws, d, side=side)
    feats, aligned = _pair_features(ws, d)
    extra = {"jac3": np.array([f["jac3"] for f in feats]), "cover_min": np.array([f["cover_min"] for f in feats]),
             "aligned": aligned_column(aligned)}
    names = list(load_matter_model("semantic").features)  # the shipped semantic model's features (["doc"])
    z = {}
    for name, r in res.items():
        zz = np.array([np.nan if x is None else float(x) for x in r["z"]])
        if np.isnan(zz).any():
            raise SystemExit(f"{int(np.isnan(zz).sum())} pairs without a document z on the {name} side")
        z[name] = zz
    cols = {name: np.column_stack([z[name] / 10.0 if n == "doc" else np.array([f[n] for f in feats]) for n in names])
            for name in sides}
    folds: list[dict] = []
    for r in range(repeats):
        for f_no, test in enumerate(_folds(labels, k, r)):
            train = np.setdiff1d(np.arange(len(g)), test)
            row = {"repeat": r, "fold": f_no}
            for v, F in cols.items():
                e = fit_entry(F[train], g[train], names, {n: c[train] for n, c in extra.items()}, same_level=0.5)
                row[v] = _metrics(list(g[test]), predict(e, F[test], {n: c[test] for n, c in extra.items()}))
                row[v + "/shipped"] = _metrics(list(g[test]), [res[v]["levels"][int(t)] for t in test])
            folds.append(row)

    def spread(v: str, key: str) -> dict:
        x = np.array([f[v][key] for f in folds])
        return {"mean": round(float(x.mean()), 4), "std": round(float(x.std(ddof=1)), 4),
                "min": round(float(x.min()), 4), "max": round(float(x.max()), 4)}

    def diff(v: str, key: str, base: str) -> dict:
        x = np.array([f[v][key] - f[base][key] for f in folds])
        return {"mean": round(float(x.mean()), 4), "se_of_mean": round(float(x.std(ddof=1) / np.sqrt(len(x))), 4),
                "std": round(float(x.std(ddof=1)), 4),
                "p10": round(float(np.percentile(x, 10)), 4), "p90": round(float(np.percentile(x, 90)), 4)}

    keys = ("f1", "level_exact_all", "precision", "recall")
    base = res["passage"]["levels"]
    out = {
        "pairs": len(g), "labels": {x: labels.count(x) for x in ("重复", "相近", "相关", "无关")}, "k": k, "repeats": repeats,
        "sides": {v: {"side": SIDES[v][0], "weighting": SIDES[v][1]} for v in sides}, "features": names,
        "shipped_rule_all_pairs": {v: _metrics(labels, res[v]["levels"]) for v in sides},
        "verdicts_same_as_passage": {v: round(sum(a == b for a, b in zip(res[v]["levels"], base)) / len(g), 4)
                                     for v in sides},
        "corr_z_with_passage": {v: round(float(np.corrcoef(z[v], z["passage"])[0, 1]), 4) for v in sides},
        "z_minus_passage_p5_p50_p95": {v: [round(float(np.percentile(z[v] - z["passage"], q)), 3) for q in (5, 50, 95)]
                                       for v in sides},
        "abs_z_error_p50_p99": {v: [round(float(np.percentile(abs(z[v] - z["passage"]), q)), 3) for q in (50, 99)]
                                for v in sides},
        "cos_to_passage_mean_p5": {v: [round(float(np.mean(res[v]["cos"])), 4),
                                       round(float(np.percentile(res[v]["cos"], 5)), 4)] for v in sides},
        "cv_refit": {v: {x: spread(v, x) for x in keys} for v in sides},
        "cv_shipped_rule": {v: {x: spread(v + "/shipped", x) for x in keys} for v in sides},
        "cv_refit_minus_passage_refit": {v: {x: diff(v, x, "passage") for x in ("f1", "level_exact_all")}
                                         for v in sides if v != "passage"},
        "cv_shipped_minus_passage_shipped": {v: {x: diff(v + "/shipped", x, "passage/shipped") for x in ("f1", "level_exact_all")}
                                             for v in sides if v != "passage"},
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
    ap.add_argument("--sides", default=",".join(SIDES), help=f"comma-separated, of {', '.join(SIDES)}")
    a = ap.parse_args()
    print(json.dumps(refit(a.workdir, k=a.folds, repeats=a.repeats, sides=tuple(a.sides.split(","))),
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
