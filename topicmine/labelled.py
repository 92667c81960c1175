"""The one reader for hand-labelled JSONL files (pairs, replies, uptake): rows with the keys they need.

Bottom layer (imports only ``errors``), so the evaluation commands and the stages that calibrate on labels
read them alike: a missing file, a line that is not JSON or lacks a key, or an empty file is an
``InputError`` naming the file and the line.

>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "pairs.jsonl")
>>> _ = open(p, "w", encoding="utf-8").write('{"a": "x", "b": "y", "label": "相近"}\\n\\n')
>>> read_labelled_jsonl(p, ("a", "b", "label"))[0]["label"]
'相近'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from topicmine.errors import InputError

__all__ = ["read_labelled_jsonl"]


def read_labelled_jsonl(path: Path | str, need: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every non-blank line of ``path`` as a dict holding at least the keys ``need`` (UTF-8, BOM allowed)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: 文件不存在 / file not found")
    rows: list[dict[str, Any]] = []
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}, line {n}: 不是 JSON / not JSON ({exc})") from exc
            if not isinstance(obj, dict):
                raise InputError(f"{path}, line {n}: 每行应为一个 JSON 对象 / each line must be a JSON object")
            missing = [k for k in need if k not in obj]
            if missing:
                raise InputError(f"{path}, line {n}: 缺少字段 {missing}（需要 {list(need)}）；该文件应为带标注的 JSONL"
                                 "（见数据目录的 README/LABELS）")
            rows.append(obj)
    if not rows:
        raise InputError(f"{path}: 没有标注行 / no labelled rows")
    return rows
