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
