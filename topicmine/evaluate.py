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


def read_pairs(path: Path | str, limit: int | None = None) -> list[tuple[str, str, str]]:
    """Sentence pairs with their raw label, from TSV (no header) or JSONL.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "p.tsv")
    >>> _ = open(p, "w", encoding="utf-8").write("花呗怎么还款\\t花呗如何还钱\\t1\\n")
    >>> read_pairs(p)
    [('花呗怎么还款', '花呗如何还钱', '1')]
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    out: list[tuple[str, str, str]] = []
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n\r")
            if not line.strip():
                continue
            if line.lstrip().startswith("{"):
                try:
                    obj = json.loads(line)
                    out.append((str(obj["sentence1"]), str(obj["sentence2"]), str(obj["label"])))
                except (json.JSONDecodeError, KeyError) as exc:
                    raise InputError(f"{path}, line {n}: expected JSON with sentence1/sentence2/label ({exc})") from exc
            else:
                parts = line.split("\t")
                if len(parts) < 3:
                    raise InputError(f"{path}, line {n}: expected s1<TAB>s2<TAB>label, got {len(parts)} column(s)")
                out.append((parts[0], parts[1], parts[-1].strip()))
            if limit is not None and len(out) >= limit:
                break
    if not out:
        raise InputError(f"{path}: no pairs found")
    return out


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

    pairs = [(a, b, float(y)) for a, b, y in read_pairs(path, limit)]
    res = dict(sts_spearman(ws.embedder, pairs))
    res.setdefault("model", ws.embedder.model_id)
    res["precision"] = getattr(ws.embedder, "info", {}).get("precision")
    res["file"] = str(path)
    return res
