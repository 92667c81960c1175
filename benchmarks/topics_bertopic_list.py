"""BERTopic's topic list on a workdir's passages, for the office's reading beside `topicmine topics --top 20`.

Same passages and the same stored e5 vectors as topicmine (every passage of the store, boilerplate included, as
BERTopic would be given them), BERTopic 0.17 defaults (benchmarks.topics.run_bertopic: UMAP random_state = seed,
jieba vectorizer). BERTopic has no ranking: its topics are listed by size (its own order), each with its c-TF-IDF
terms, the number of documents, and the first passages, so a reader can give the same verdicts
(matter / area / framing / artefact / duplicate).

    nice .venv/bin/python benchmarks/topics_bertopic_list.py --workdir /tmp/topics4/yn/wd --out /tmp/topics4/yn/bt.json

Needs the [bench] extra (`make bench`). Prints one JSON object on the last stdout line (the summary; the list is in --out).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--top", type=int, default=20)
    a = ap.parse_args()
    from benchmarks.topics import run_bertopic
    from topicmine.pipeline import Workspace

    ws = Workspace.from_settings(None, workdir=a.workdir)
    rows = list(ws.store.iter_passages())
    X = ws.store.get_embeddings(ws.embedder.model_id, [r.hash for r in rows]).astype(np.float32)
    labels, secs, tm = run_bertopic(X, [r.text for r in rows], a.seed)
    info = tm.get_topic_info()
    out = []
    for _, row in info.iterrows():
        if row["Topic"] == -1:
            continue
        idx = np.flatnonzero(labels == row["Topic"])
        docs = sorted({str(rows[i].doc_id) for i in idx})
        years = sorted({rows[i].year for i in idx if rows[i].year})
        out.append({"topic": int(row["Topic"]), "size": int(row["Count"]), "terms": [w for w, _ in tm.get_topic(row["Topic"])][:8],
                    "n_docs": len(docs), "years": years,
                    "regions": sorted({str(rows[i].region) for i in idx if rows[i].region}),
                    "examples": [rows[i].text[:160] for i in idx[:4]]})
    out.sort(key=lambda t: -t["size"])
    summary = {"workdir": str(a.workdir), "passages": len(rows), "n_topics": len(out),
               "outliers": int((labels == -1).sum()), "fit_seconds": round(secs, 1), "seed": a.seed}
    a.out.write_text(json.dumps({**summary, "topics": out[: max(a.top, 0) or None]}, ensure_ascii=False, indent=1),
                     encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
