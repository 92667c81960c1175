"""Train the shipped 采纳 pair scorer (topicmine/uptake/pair_weights.json) on the development labels.

    python scripts/train_uptake_pairs.py ../shared/data/jszx_proposals_2019/uptake_dev.jsonl [--vector-cache F.npz] [--json]

Only uptake_dev.jsonl is read. The 采纳 threshold (best F1) comes from grouped out-of-fold scores (whole
proposals per fold); the manifest records the data file's hash, the embedder, and the repeated grouped CV
figures of the same procedure (`topicmine eval uptake` reports them too, as ``pair_scorer_cv_repeated``).
``--vector-cache F.npz`` (vectors keyed by kind + text, written by an earlier run of this script) avoids
re-encoding the 2,000 texts (≈ 30 min on a loaded 2-core box); texts missing from it are encoded and added.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from topicmine.config import PROJECT_ROOT, EmbedSettings
from topicmine.embed import load_embedder
from topicmine.uptake.pair_scorer import PAIR_WEIGHTS_PATH, file_sha, fit_with_threshold, repeated_pair_cv
from topicmine.uptake.uptake_eval import item_features


class _CachedEmbedder:
    """The project's embedder behind an .npz of vectors keyed by "kind\ttext" (development convenience only)."""

    def __init__(self, emb: Any, path: Path) -> None:
        import numpy as np

        self.emb, self.path, self.model_id = emb, path, emb.model_id
        self.cache: dict[str, Any] = {}
        if path.is_file():
            with np.load(path) as z:  # plain arrays only (no pickled objects)
                self.cache = dict(zip(z["keys"].tolist(), z["vectors"]))

    def encode(self, texts: list[str], kind: str = "passage", show_progress: bool = False, **kw: Any) -> Any:
        import numpy as np

        miss = [t for t in dict.fromkeys(texts) if f"{kind}\t{t}" not in self.cache]
        if miss:
            for t, v in zip(miss, self.emb.encode(miss, kind=kind, show_progress=show_progress)):
                self.cache[f"{kind}\t{t}"] = np.asarray(v, dtype=np.float32)
            tmp = self.path.with_suffix(".tmp.npz")
            np.savez(tmp, keys=np.array(list(self.cache)), vectors=np.stack(list(self.cache.values())))
            os.replace(tmp, self.path)
        return np.stack([self.cache[f"{kind}\t{t}"] for t in texts])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("labels", nargs="?", default="../shared/data/jszx_proposals_2019/uptake_dev.jsonl")
    ap.add_argument("--vector-cache", type=Path, default=None)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=PAIR_WEIGHTS_PATH)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(args.labels, encoding="utf-8") if line.strip()]
    emb: Any = load_embedder(EmbedSettings(), PROJECT_ROOT)
    if args.vector_cache:
        emb = _CachedEmbedder(emb, args.vector_cache)
    feats = item_features(rows, emb, show_progress=not args.json)
    flat = [(r, f) for r, fs in zip(rows, feats) for f in fs]
    bags = [f["pairs"] for _, f in flat]
    adopted = [f["label"] == "采纳" for _, f in flat]
    groups = [r["pkid"] for r, _ in flat]
    model = fit_with_threshold(bags, adopted, groups, C=args.C)
    model.manifest = {
        "created": dt.date.today().isoformat(),
        "model_id": emb.model_id,
        "data": {"path": Path(args.labels).name, "sha256": file_sha(args.labels), "proposals": len(rows),
                 "passages": len(bags), "adopted": sum(adopted), "pairs": int(sum(len(b) for b in bags))},
        "method": f"logistic regression (sklearn, C={args.C}) over standardised pair features; every pair carries its "
                  "passage's 采纳 label, weighted 1/pairs, classes balanced; passage score = log-sum-exp of pair scores "
                  "- 0.5 log(pairs); t_adopt = best-F1 point of 4-fold grouped out-of-fold passage scores",
        "held_out": "none read: the sealed uptake labels are over other proposals and never seen by this script",
        "cv": repeated_pair_cv(bags, adopted, groups, C=args.C),
        "script": "scripts/train_uptake_pairs.py",
    }
    model.save(args.out)
    print(json.dumps({"saved": str(args.out), "t_adopt": round(model.t_adopt, 4), "cv": model.manifest["cv"]},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
