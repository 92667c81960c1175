"""The community backend of the topic consensus: auto (MIT, default: networkit ParallelLeiden up to 2,000
nodes, PLM above), networkit PLM (MIT), networkit ParallelLeiden (MIT), graspologic-native's Leiden (MIT, Rust)
and igraph's Leiden (GPL, the former default) on the same vectors.

    nice .venv/bin/python benchmarks/leiden.py [--sets thucnews tnews proposals] [--seeds 42 43 44]
                                               [--backends auto networkit igraph networkit-leiden graspologic]
                                               [--subsample N]   # a fixed-seed sample of N items per set

Same sets, same cached e5 vectors as ``benchmarks/topics.py`` (its loaders and cache), same TopicModel
defaults; only ``leiden_backend`` differs. Per set and backend: NMI/ARI against the gold classes (median
over seeds), seed-to-seed ARI (minimum over seed pairs), number of topics, and fit seconds (median; the
two backends alternate seed by seed, so load on the shared cores hits both alike). One JSON object on
the last line. igraph must be installed for the comparison (``make bench`` installs it; not a dependency).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import topics as tb  # noqa: E402  (benchmarks/topics.py: loaders and the embedding cache)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="*", default=["thucnews", "tnews", "proposals"])
    ap.add_argument("--seeds", nargs="*", type=int, default=[42, 43, 44])
    ap.add_argument("--backends", nargs="*", default=["auto", "networkit", "igraph", "networkit-leiden"])
    ap.add_argument("--subsample", type=int, default=None,
                    help="fit on a fixed-seed sample of this many items per set (small-graph behaviour)")
    args = ap.parse_args()
    import numpy as np

    from sklearn.metrics import adjusted_rand_score

    from topicmine.topics import TopicModel

    out: dict = {}
    for nm in args.sets:
        texts, gold = tb.SETS[nm]()
        X = tb.embed_cached(nm, texts)
        if args.subsample and args.subsample < len(X):
            pick = np.sort(np.random.default_rng(0).choice(len(X), args.subsample, replace=False))
            X, gold = X[pick], [gold[i] for i in pick]
        runs: dict[str, dict] = {b: {"labels": [], "secs": [], "cpu": []} for b in args.backends}
        for seed in args.seeds:
            for backend in runs:
                t0, c0 = time.perf_counter(), time.process_time()
                m = TopicModel(seed=seed, leiden_backend=backend).fit(X)
                runs[backend]["secs"].append(time.perf_counter() - t0)
                # CPU seconds of this process: every backend runs one thread, so this is the fair measure on
                # shared cores, where wall time swings with the other sessions' load
                runs[backend]["cpu"].append(time.process_time() - c0)
                runs[backend]["labels"].append(m.labels_)
        res = {}
        for backend, r in runs.items():
            scores = [tb._scores(gold, lab) for lab in r["labels"]]
            pair_ari = [adjusted_rand_score(a, b) for a, b in combinations(r["labels"], 2)]
            res[backend] = {
                "nmi": round(statistics.median(s["nmi"] for s in scores), 4),
                "ari": round(statistics.median(s["ari"] for s in scores), 4),
                "n_topics": [s["n_topics"] for s in scores],
                "outlier_share": round(statistics.median(s["outlier_share"] for s in scores), 4),
                "seed_ari_min": round(min(pair_ari), 4) if pair_ari else None,
                "seed_ari_median": round(statistics.median(pair_ari), 4) if pair_ari else None,
                "fit_seconds_median": round(statistics.median(r["secs"]), 2),
                "fit_cpu_seconds_median": round(statistics.median(r["cpu"]), 2),
            }
        if "igraph" in res:  # each backend against the former default, same run
            for b in args.backends:
                if b != "igraph":
                    res[f"{b}_vs_igraph"] = {
                        "nmi_diff": round(res[b]["nmi"] - res["igraph"]["nmi"], 4),
                        "seed_ari_min_diff": round(res[b]["seed_ari_min"] - res["igraph"]["seed_ari_min"], 4)
                        if res[b]["seed_ari_min"] is not None else None,
                        "time_ratio": round(res[b]["fit_seconds_median"] / res["igraph"]["fit_seconds_median"], 3),
                        "cpu_ratio": round(res[b]["fit_cpu_seconds_median"] / res["igraph"]["fit_cpu_seconds_median"], 3),
                    }
        out[nm] = res
        print(nm, json.dumps(res, ensure_ascii=False), file=sys.stderr, flush=True)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
