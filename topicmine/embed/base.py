"""The ``Embedder`` protocol every backend implements, and shared helpers.

An embedder turns texts into float32, L2-normalised rows, so inner product =
cosine. ``kind`` chooses the e5-style prompt: ``"query"`` for short queries and
pair similarity, ``"passage"`` for stored passages (models without prompts ignore it).

Example::

    >>> emb = load_embedder(EmbedSettings(), PROJECT_ROOT)            # doctest: +SKIP
    >>> v = emb.encode(["加强基层医疗卫生服务体系建设"], kind="passage")   # doctest: +SKIP
    >>> v.shape, v.dtype                                              # doctest: +SKIP
    ((1, 384), dtype('float32'))
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np

Kind = Literal["passage", "query"]
KINDS: tuple[str, ...] = ("passage", "query")


@runtime_checkable
class Embedder(Protocol):
    """What every embedding backend offers (see docs/DEVELOPING.md, section embed)."""

    #: stable per model weights (NOT per precision/engine settings that keep cosine ≥ 0.9999)
    model_id: str
    #: vector width
    dim: int
    #: the model's token window (specials and prompt included); longer texts are windowed
    max_tokens: int
    #: how it runs: backend, precision path, threads … (recorded in the index manifest)
    info: dict[str, Any]

    def encode(
        self,
        texts: Sequence[str],
        *,
        kind: Kind = "passage",
        batch_size: int | None = None,
        show_progress: bool | None = None,
    ) -> np.ndarray:
        """``(len(texts), dim)`` float32, rows L2-normalised, in input order."""
        ...

    def count_tokens(self, text: str) -> int:
        """Tokens the model would see for ``text`` as a passage (prompt and specials included)."""
        ...


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be 'passage' or 'query', not {kind!r}")


def check_encode_args(texts: Sequence[str], kind: str) -> list[str]:
    """The checks every backend's ``encode`` starts with: a known kind and a list (not one string).

    >>> check_encode_args(("政协提案", "社情民意"), "passage")
    ['政协提案', '社情民意']
    """
    check_kind(kind)
    if isinstance(texts, str):
        raise TypeError("encode takes a list of texts, e.g. encode([\"政协提案\"])")
    return list(texts)


def l2_normalize(x: np.ndarray) -> np.ndarray:
    """Row-wise L2 normalisation to float32 (zero rows stay zero).

    >>> l2_normalize(np.array([[3.0, 4.0]])).tolist()
    [[0.6000000238418579, 0.800000011920929]]
    """
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return np.ascontiguousarray(x / np.maximum(n, 1e-12), dtype=np.float32)


def cpu_threads() -> int:
    """CPUs this process may use (affinity/cgroup aware where the OS tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def cpu_flags() -> set[str]:
    """CPU feature flags from /proc/cpuinfo (empty set where unavailable)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:  # no /proc (not Linux): no flags, so fp32 is chosen — a slower default, not an error
        pass
    return set()


def bf16_capable() -> tuple[bool, str]:
    """Whether bf16 autocast should pay off on this CPU, and why.

    AMX (``amx_bf16``) or AVX-512 BF16 (``avx512_bf16``) give native bf16 dot products;
    without them oneDNN emulates bf16 and fp32 is faster.
    """
    flags = cpu_flags()
    for flag in ("amx_bf16", "avx512_bf16"):
        if flag in flags:
            return True, f"cpu flag {flag}"
    try:
        import torch

        cap = str(torch.backends.cpu.get_cpu_capability())
        if "AMX" in cap or "BF16" in cap:
            return True, f"torch cpu capability {cap}"
    except Exception:  # pragma: no cover - torch missing or old
        pass
    return False, "no amx_bf16/avx512_bf16 cpu flag"


def short_file_digest(path: Path, n: int = 12) -> str:
    """A stable short digest of a weights file (sha256 of size + first/last 4 MiB)."""
    path = Path(path)
    size = path.stat().st_size
    h = hashlib.sha256(str(size).encode())
    with open(path, "rb") as fh:
        h.update(fh.read(4 << 20))
        if size > (8 << 20):
            fh.seek(size - (4 << 20))
            h.update(fh.read())
    return h.hexdigest()[:n]


def windows_by_offsets(offsets: Sequence[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """Group consecutive tokens (given as character ``(start, end)`` offsets, specials
    excluded) into character spans of at most ``size`` tokens each.

    >>> windows_by_offsets([(0, 2), (2, 4), (4, 5), (5, 7), (7, 9)], 2)
    [(0, 4), (4, 7), (7, 9)]
    """
    if size < 1:
        raise ValueError("window size must be ≥ 1 token")
    spans = []
    for i in range(0, len(offsets), size):
        chunk = offsets[i : i + size]
        spans.append((chunk[0][0], chunk[-1][1]))
    # make the spans tile the text: each window starts where the previous ended
    for j in range(1, len(spans)):
        spans[j] = (spans[j - 1][1], spans[j][1])
    return spans
