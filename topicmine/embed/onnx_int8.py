"""ONNX int8 path for the sentence-transformers backend (``embed.precision = "int8"``).

For CPUs without native bf16 (no ``avx512_bf16``/AMX — most office desktops), the
model's transformer is exported once to ONNX with pooling and L2 normalisation
inside the graph, its weights quantised to int8 per channel (activations
dynamically), and run with onnxruntime. Measured on this project's build box:
≈1.8× plain fp32 encode with cosine ≈0.997 to fp32 (BENCHMARKS.md "Embeddings"),
so it is an explicit choice, never picked by ``precision="auto"``, and its vectors
get their own model id (``…+int8``) so they never mix with fp32/bf16 ones in the
embeddings cache.

The exported files live next to the weights, in ``<model>/onnx-int8/`` with a
JSON manifest naming the source weights; a manifest that does not match the
folder's weights triggers a rebuild (never a silent reuse).

Example::

    >>> from topicmine.embed.st import SentenceTransformerEmbedder
    >>> emb = SentenceTransformerEmbedder("models/multilingual-e5-small", precision="int8")  # doctest: +SKIP
    >>> emb.encode(["推进城乡义务教育一体化发展"]).shape                                      # doctest: +SKIP
    (1, 384)
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.errors import ModelError

logger = logging.getLogger("topicmine.embed")

ONNX_DIR = "onnx-int8"
MODEL_FILE = "model_int8.onnx"
MANIFEST = "manifest.json"
OPSET = 17


def pooling_mode(model_dir: Path) -> str:
    """The pooling the folder's sentence-transformers config asks for: ``mean`` or ``cls``.

    Reads ``1_Pooling/config.json`` (both the ``pooling_mode`` key of newer
    sentence-transformers and the older ``pooling_mode_*_tokens`` flags).
    """
    cfgs = sorted(Path(model_dir).glob("*Pooling*/config.json"))
    if not cfgs:
        return "mean"  # plain transformers folder: sentence-transformers defaults to mean
    cfg = json.loads(cfgs[0].read_text(encoding="utf-8"))
    mode = cfg.get("pooling_mode")
    if mode is None:
        if cfg.get("pooling_mode_cls_token"):
            mode = "cls"
        elif cfg.get("pooling_mode_mean_tokens", True):
            mode = "mean"
    if mode not in ("mean", "cls"):
        raise ModelError(
            f"{cfgs[0]}: pooling {mode!r} is not supported by the int8 path (mean or cls only); "
            "use embed.precision = 'auto' or 'fp32' for this model"
        )
    return str(mode)


def _read_manifest(out_dir: Path) -> dict[str, Any] | None:
    p = out_dir / MANIFEST
    if not (p.is_file() and (out_dir / MODEL_FILE).is_file()):
        return None
    try:
        return dict(json.loads(p.read_text(encoding="utf-8")))
    except ValueError:
        return None


def ensure_int8_model(model_dir: Path, source_id: str, *, force: bool = False) -> Path:
    """Return ``<model_dir>/onnx-int8/model_int8.onnx``, building it first if missing or stale.

    ``source_id`` is the folder's model id (weights digest); the manifest records it
    so replaced weights are never paired with an old export. Building takes ~30 s
    on 2 cores and needs torch + onnx; running needs only onnxruntime.
    """
    out_dir = Path(model_dir) / ONNX_DIR
    man = _read_manifest(out_dir)
    if man is not None and man.get("source_model_id") == source_id and not force:
        return out_dir / MODEL_FILE
    if man is not None:
        logger.info("%s: int8 export is for %s, weights are %s: rebuilding", out_dir, man.get("source_model_id"), source_id)
    return build_int8_model(Path(model_dir), source_id)


def build_int8_model(model_dir: Path, source_id: str) -> Path:
    """Export the transformer (+ pooling + L2) to ONNX and quantise it to int8, atomically."""
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel, AutoTokenizer
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise ModelError(f"the int8 path needs onnx, onnxruntime, torch and transformers ({exc}): install the extra with `pip install -e '.[int8]'`") from exc

    t0 = time.perf_counter()
    mode = pooling_mode(model_dir)
    logger.info("building the ONNX int8 model for %s once (~30 s)", model_dir)
    try:
        bert = AutoModel.from_pretrained(str(model_dir), local_files_only=True, attn_implementation="eager").eval()
        tok = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    except Exception as exc:
        raise ModelError(f"{model_dir}: cannot load the transformer for ONNX export ({exc})") from exc

    class Pooled(torch.nn.Module):
        """The transformer with sentence-transformers' pooling and Normalize, as one graph."""

        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            h = self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            if mode == "cls":
                v = h[:, 0]
            else:
                m = attention_mask.unsqueeze(-1).to(h.dtype)
                v = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(v, dim=-1)

    sample = tok(["passage: 政协提案办理", "社情民意信息"], return_tensors="pt", padding=True)
    out_dir = model_dir / ONNX_DIR
    # build in a sibling temp folder and rename: a crash never leaves a half-written model behind
    tmp = Path(tempfile.mkdtemp(prefix=".onnx-int8-", dir=model_dir))
    try:
        fp32_path = tmp / "model_fp32.onnx"
        with torch.inference_mode():
            torch.onnx.export(
                Pooled(bert),
                (sample["input_ids"], sample["attention_mask"]),
                str(fp32_path),
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "seq"},
                    "attention_mask": {0: "batch", 1: "seq"},
                    "embedding": {0: "batch"},
                },
                opset_version=OPSET,
                dynamo=False,  # the TorchScript exporter needs no onnxscript and handles dynamic axes here
            )
        # per-channel int8 weights, dynamic activations: the accuracy/speed point measured in BENCHMARKS.md
        quantize_dynamic(str(fp32_path), str(tmp / MODEL_FILE), weight_type=QuantType.QInt8, per_channel=True)
        fp32_path.unlink()
        (tmp / MANIFEST).write_text(
            json.dumps(
                {
                    "source_model_id": source_id,
                    "pooling": mode,
                    "normalize": True,
                    "quantization": "dynamic int8 (QInt8 weights, per channel)",
                    "opset": OPSET,
                    "torch": torch.__version__,
                    "built_seconds": round(time.perf_counter() - t0, 1),
                },
                indent=2,
            ),
            encoding="utf-8",
        )
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    except ModelError:
        raise
    except Exception as exc:
        raise ModelError(f"{model_dir}: ONNX int8 export failed ({type(exc).__name__}: {exc})") from exc
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    logger.info("int8 model ready in %.1f s: %s", time.perf_counter() - t0, out_dir)
    return out_dir / MODEL_FILE


class Int8Runner:
    """An onnxruntime session over the exported model: token ids in, unit vectors out."""

    def __init__(self, path: Path, threads: int) -> None:
        try:
            import onnxruntime as ort
        except ImportError as exc:  # pragma: no cover
            raise ModelError(f"the int8 path needs onnxruntime ({exc}): install the extra with `pip install -e '.[int8]'`") from exc
        so = ort.SessionOptions()
        so.intra_op_num_threads = max(1, threads)
        so.inter_op_num_threads = 1
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        so.log_severity_level = 3  # ORT's own warnings about unused initialisers are noise to users
        try:
            self.session = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise ModelError(f"{path}: onnxruntime cannot load the int8 model ({exc}); delete the folder to rebuild it") from exc

    def run(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        out = self.session.run(
            None,
            {"input_ids": input_ids.astype(np.int64, copy=False), "attention_mask": attention_mask.astype(np.int64, copy=False)},
        )[0]
        return np.asarray(out, dtype=np.float32)
