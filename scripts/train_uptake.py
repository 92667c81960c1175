"""Train the shipped uptake scorer (topicmine/uptake/uptake_weights.json) on the development labels.

    python scripts/train_uptake.py ../shared/data/jszx_proposals_2019/uptake_dev.jsonl

Only uptake_dev.jsonl is read. The 采纳 threshold (best F1) is chosen by grouped cross-validation over the
proposals (never on in-sample scores); `topicmine eval uptake` reports the same procedure out-of-fold.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from topicmine.config import PROJECT_ROOT, EmbedSettings
from topicmine.embed import load_embedder
from topicmine.uptake.scorer import WEIGHTS_PATH
from topicmine.uptake.uptake_eval import _fit_with_inner_threshold, item_features


def main(path: str) -> None:
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    emb = load_embedder(EmbedSettings(), PROJECT_ROOT)
    feats = item_features(rows, emb, show_progress=True)
    F = [f["features"] for fs in feats for f in fs]
    labels = [f["label"] for fs in feats for f in fs]
    groups = [r["pkid"] for r, fs in zip(rows, feats) for _ in fs]
    model = _fit_with_inner_threshold(F, labels, groups, target_precision=None, inner_folds=5)
    model.trained_on = f"{Path(path).name} ({len(rows)} proposals, {len(F)} passages), model {emb.model_id}"
    model.save(WEIGHTS_PATH)
    print(json.dumps({"saved": str(WEIGHTS_PATH), "t_adopt": model.t_adopt, "t_echo": model.t_echo}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/jszx_proposals_2019/uptake_dev.jsonl")
