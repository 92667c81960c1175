"""The eval commands: STS, pairs and clusters on any labelled file.

File formats (detected by extension and content):
- TSV without header ``s1<TAB>s2<TAB>label`` (senteval_cn, AFQMC);
- JSONL with ``sentence1``/``sentence2``/``label`` (sohu dd-test);
- for clusters: CSV/TSV/JSONL with named columns (``--text-col``, ``--label-col``); a TSV
  without header takes column numbers (``--text-col 0 --label-col 1``).
Each function returns one JSON-ready dict; the CLI prints it as the last line of stdout.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from topicmine.errors import InputError

if TYPE_CHECKING:
    from topicmine.pipeline import Workspace


def read_labelled_texts(path: Path | str, text_col: str, label_col: str, limit: int | None = None) -> tuple[list[str], list[str]]:
    """Texts and their gold labels from CSV/TSV/JSONL with named columns (or numbers for header-less TSV)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    texts: list[str] = []
    labels: list[str] = []
    suffix = path.suffix.lower()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        if suffix in {".jsonl", ".json"}:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                obj = json.loads(line)
                if text_col not in obj or label_col not in obj:
                    raise InputError(f"{path}, line {n}: columns {text_col!r}/{label_col!r} not found; have {sorted(obj)}")
                texts.append(str(obj[text_col]))
                labels.append(str(obj[label_col]))
        else:
            delim = "\t" if suffix in {".tsv", ".txt"} else ","
            if text_col.isdigit() and label_col.isdigit():
                ti, li = int(text_col), int(label_col)
                for n, row in enumerate(csv.reader(fh, delimiter=delim), 1):
                    if not row:
                        continue
                    if max(ti, li) >= len(row):
                        raise InputError(f"{path}, line {n}: has {len(row)} columns, need column {max(ti, li)}")
                    texts.append(row[ti])
                    labels.append(row[li])
            else:
                reader = csv.DictReader(fh, delimiter=delim)
                cols = reader.fieldnames or []
                if text_col not in cols or label_col not in cols:
                    raise InputError(f"{path}: columns {text_col!r}/{label_col!r} not found; the file has {cols}")
                for row in reader:
                    texts.append(row[text_col] or "")
                    labels.append(row[label_col] or "")
    if limit is not None:
        texts, labels = texts[:limit], labels[:limit]
    if not texts:
        raise InputError(f"{path}: no rows")
    return texts, labels


def eval_sts(ws: Workspace, path: Path | str, limit: int | None = None) -> dict[str, Any]:
    """Spearman of cosine vs gold with the workspace's embedder: ``{"spearman", "n", "model"}``."""
    from topicmine.embed.sts import sts_spearman

    from topicmine.dedup import read_pairs

    a, b, raw = read_pairs(path)
    try:
        pairs = [(x, y, float(g)) for x, y, g in zip(a, b, raw)][: limit or None]
    except ValueError as exc:
        raise InputError(f"{path}: STS labels must be numbers ({exc})") from exc
    res = dict(sts_spearman(ws.embedder, pairs))
    res.setdefault("model", ws.embedder.model_id)
    res["precision"] = getattr(ws.embedder, "info", {}).get("precision")
    res["file"] = str(path)
    return res


def eval_pairs(ws: Workspace, path: Path | str, *, positive: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """AUC and F1/precision/recall at the SHIPPED duplicate threshold (never re-tuned on the file)."""
    from topicmine.dedup import load_scorer, pairs_eval, read_pairs

    a, b, raw = read_pairs(path)
    rows = list(zip(a, b, raw))[: limit or None]
    emb = ws.embedder
    scorer = load_scorer(model_id=emb.model_id)
    res = dict(pairs_eval(scorer, rows, positive=positive, embed=lambda texts: emb.encode(texts, kind="query")))
    res["model"] = emb.model_id
    res["file"] = str(path)
    return res


def eval_clusters(
    ws: Workspace, path: Path | str, *, text_col: str, label_col: str, seed: int | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Cluster the texts exactly as the product does (no true k) and score against the gold labels."""
    import time

    from topicmine.topics import cluster_eval

    texts, labels = read_labelled_texts(path, text_col, label_col, limit=limit)
    t0 = time.perf_counter()
    vectors = ws.embedder.encode(texts, kind="query")
    embed_s = time.perf_counter() - t0
    s = ws.settings.topics
    seed = s.seed if seed is None else seed
    res = dict(cluster_eval(vectors, labels, seed=seed, min_topic_size=s.min_topic_size,
                            max_outlier_share=s.max_outlier_share))
    res["seed"] = seed
    res["n"] = len(texts)
    res["n_gold"] = len(set(labels))
    res["embed_seconds"] = round(embed_s, 3)
    res["model"] = ws.embedder.model_id
    return res


# ---- 成果转化: replies and uptake -----------------------------------------------------------------


def _read_jsonl(path: Path | str, need: tuple[str, ...]) -> list[dict[str, Any]]:
    from topicmine.labelled import read_labelled_jsonl

    return read_labelled_jsonl(path, need)


def eval_replies(path: Path | str, *, folds: int = 5, repeats: int = 5, seed: int = 0) -> dict[str, Any]:
    """Reply reading against hand labels: outcome, responsive = no, deadlines; baselines in the same run.

    The label file is self-contained (message, reply, both times); nothing else is read. A predicted
    无实质内容 is scored as 解释说明, the rubric's label for replies with no content. The learned layer
    (logistic regression over the rules' cues) is reported only out-of-fold (``folds``-fold CV).
    """
    from topicmine.uptake.scoring import score_replies

    rows = _read_jsonl(path, ("reply", "reply_time", "outcome", "responsive", "deadline"))
    res = score_replies(rows, folds=folds, repeats=repeats, seed=seed)
    res["seed"] = seed
    res["file"] = str(path)
    return res


def eval_uptake(ws: Workspace, path: Path | str, *, folds: int = 5, target_precision: float | None = None,
                seed: int = 0) -> dict[str, Any]:
    """Uptake of proposals' asks in later passages against hand labels (uptake_dev.jsonl format).

    采纳 precision/recall out-of-fold (grouped by proposal), item-level accuracy, and the e5 cosine
    baseline (AUC, best F1 at its oracle threshold) on the same candidates, with the workspace's embedder.
    """
    from topicmine.uptake.uptake_eval import item_features, score_uptake

    rows = _read_jsonl(path, ("pkid", "title", "content", "candidates"))
    feats = item_features(rows, ws.embedder)
    res = score_uptake(rows, feats, folds=folds, target_precision=target_precision, seed=seed)
    res["seed"] = seed
    res["model"] = ws.embedder.model_id
    res["file"] = str(path)
    return res


def eval_proposal_pairs(ws: Workspace, corpus: Path | str, pairs: Path | str, *, folds: int = 5, repeats: int = 5,
                        show_progress: bool | None = None, seed: int = 0) -> dict[str, Any]:
    """The shipped document-level decision on labelled proposal pairs, with baselines in the same run.

    Ingests ``corpus`` (a CSV of proposals; unchanged files are skipped, so a workdir is reused) and
    embeds it, runs the SHIPPED decision over the whole corpus exactly as ``topicmine dedup`` does
    (candidates, then the matter decision), and compares its levels on the labelled pairs (a pair
    that is not reported has no level). Also: candidate recall, the baselines (raw e5 document cosine,
    char-3-gram Jaccard, TF-IDF cosine — each at its best threshold on these labels, so optimistic),
    and the matter combiner cross-validated on these labels (stratified ``folds``-fold × ``repeats``).
    """
    from topicmine.pipeline.dedup_job import proposal_pairs_eval

    res = proposal_pairs_eval(ws, corpus, pairs, folds=folds, repeats=repeats, show_progress=show_progress, seed=seed)
    res["seed"] = seed
    return res
