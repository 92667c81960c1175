"""Wiring for the service: health, uploads (and the drafting calls).

Part of the pipeline package: the only place that knows the order of stages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from topicmine.errors import InputError, TopicmineError
from topicmine.pipeline.core import Workspace

# ---------------------------------------------------------------------------------------------
# service helpers
# ---------------------------------------------------------------------------------------------
UPLOAD_TYPES = {".docx", ".txt", ".md"}


def health(ws: Workspace) -> dict[str, Any]:
    """Liveness plus what the corpus holds (cheap: counts only)."""
    from topicmine import __version__

    out: dict[str, Any] = {"status": "ok", "version": __version__, "workdir": str(ws.workdir)}
    try:
        st = ws.store.stats()
        out["documents"] = st.get("documents", 0)
        out["passages"] = st.get("passages", 0)
    except TopicmineError as exc:
        out["status"] = "degraded"
        out["store_error"] = str(exc)
    out["index"] = (ws.index_dir / "manifest.json").is_file()
    return out


def read_upload(ws: Workspace, filename: str, data: bytes) -> str:
    """Text of an uploaded report (.docx/.txt/.md), read with the ingest readers.

    The client's name only gives the extension: the bytes go to a temp file with a
    name we make inside ``<workdir>/uploads`` and are deleted afterwards.
    """
    import os
    import tempfile

    from topicmine.errors import UnsupportedTypeError
    from topicmine.ingest import read_documents

    ext = Path(filename or "").suffix.lower()
    if ext not in UPLOAD_TYPES:
        raise UnsupportedTypeError(
            f"上传文件类型 {ext or '(无扩展名)'} 不支持：请上传 .docx、.txt 或 .md 格式的调研报告"
        )
    if ext == ".docx" and not data.startswith(b"PK\x03\x04"):
        raise UnsupportedTypeError(f"{filename}: 不是有效的 .docx 文件（内容不是 zip 格式）")
    if not data.strip():
        raise InputError(f"{filename}: 文件为空")
    updir = ws.workdir / "uploads"
    updir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=ext, dir=updir)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        docs, issues = read_documents(Path(tmp), ws.settings.ingest)
    finally:
        Path(tmp).unlink(missing_ok=True)
    if not docs:
        reason = "; ".join(i.reason for i in issues) or "no text"
        raise InputError(f"{filename}: 无法读取 ({reason})")
    return "\n\n".join(d.text for d in docs)


WARM_UP_REPORT = (
    "关于社区养老服务的调研报告\n一、基本情况\n全市有社区养老服务站120个。\n二、存在问题\n护理人员流失严重。\n"
    "三、对策建议\n一是提高护理人员待遇，建立岗位补贴制度。二是建立职业晋升通道，开展等级评定。"
)


def warm_up(ws: Workspace) -> dict[str, Any]:
    """Load everything a first request would wait for (store, jieba and its tagger, the embedding model and its first
    inference, the vector index, the drafts dictionaries, the dedup scorer) by splitting a tiny report.

    Meant for a background thread at service start; never raises (a missing model or index only
    degrades the answers, and the request that needs it reports why). Returns seconds per step.
    """
    import logging
    import time

    from topicmine.pipeline.drafting_job import split

    log = logging.getLogger("topicmine.service")
    steps: dict[str, Any] = {}
    for name, fn in (
        ("store", lambda: ws.store.stats()),
        ("segmenter", lambda: ws.segmenter.words("预热")),
        # jieba's part-of-speech tagger (≈ 50 MB): the drafts' object and place readings use it, but the tiny report
        # below may not reach them — loaded on some later request it read as memory growth under load
        ("tagger", lambda: __import__("jieba.posseg", fromlist=["lcut"]).lcut("预热")),
        ("split", lambda: split(ws, WARM_UP_REPORT)),
    ):
        t = time.perf_counter()
        try:
            fn()
            steps[name] = round(time.perf_counter() - t, 2)
        except Exception as exc:  # noqa: BLE001 - warm-up is best effort; the request path reports errors
            steps[name] = f"failed: {exc}"
            log.warning("warm-up step %s failed: %s", name, exc)
    return steps
