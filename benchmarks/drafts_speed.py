"""Waiting for drafts: split time against the time to embed the report's sentences once, and check-draft per file.

Same process, same workspace, model and jieba loaded first (a running service); every repeat starts with an
empty query-vector cache and an empty similar-items cache, so nothing the model computed for the previous
repeat is reused, and with the process's per-text caches emptied (normalised texts and n-grams, pair-feature
sides, span positions, the departments a sentence names), so a repeat is a first split, not a re-split. The ask vectors the store keeps between runs (history asks, the drafts' asks) are kept —
as in a service that has checked drafts before; the first, cold repeat is reported separately.

- ``embed_once``: embedding every sentence of the report in one batch (the lower bound of any semantic split);
- ``split``: ``pipeline.split`` of the same report (support linking, genres, drafts, checks, history);
- ``check_draft``: ``topicmine check-draft FOLDER --json`` on a folder of 40 drafts in a fresh process (one
  model load for all of them), total / 40 — the folder holds the drafts split from the four sample reports just
  before (what an office checks after a split) and real proposals never seen; then the same folder again in a
  new process (re-checking after an edit); and the in-process median per draft.

Each split's model calls are timed by side (``split_query_model_s``: the report's sentences, titles and asks;
``split_passage_model_s``: the drafts' passages for the history rule), the rest is ``split_non_model_s``; the load
average is recorded before and after.

``--reuse-check REPORT ...`` runs the paragraph-grain experiment instead: each report split twice, the history
check's draft document vector exact (the drafts' passages embedded on the "passage:" side) and estimated (a draft
passage that is one paragraph of the report — its heading line, numbering lead and form lines aside — takes that
paragraph's own "passage:" vector, embedded once per report; the other passages their exact vectors); per report
the passages mapped, the document vectors' cosine, the history items whose level changed, |z| errors, and the
tokens each route sends to the model (:func:`route_tokens`).

Run: ``nice .venv/bin/python benchmarks/drafts_speed.py --workdir WD [--report PATH] [--repeats 3] [--batch 40]``
(WD: a workspace with an embedded corpus and its index; ``--batch 0`` skips the check-draft folder), or
``... --workdir WD --reuse-check REPORT [REPORT ...]``. Last stdout line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LA = ROOT / "corpus" / "sample" / "调研报告" / "2025" / "关于苏州市低空经济发展情况的调研报告.md"


def _fresh_caches(ws) -> None:  # type: ignore[no-untyped-def]
    from topicmine.pipeline.workspace import QueryVectorCache, ResultCache

    ws._query_cache = QueryVectorCache()
    ws.similar_cache = ResultCache()
    forget_text_caches()


def forget_text_caches() -> None:
    """Empty the process's per-text caches (normalised texts and n-grams, pair-feature sides, span positions,
    department hits per sentence), so a repeat is a first split, not a re-split of texts already read. A cache an
    older tree lacks is skipped."""
    import importlib

    for mod, name in (("topicmine.dedup.text", "_grams_kept"), ("topicmine.dedup.features", "_side_kept"),
                      ("topicmine.dedup.explain", "_gram_positions_kept"), ("topicmine.drafts.genre", "_HITS")):
        try:
            obj = getattr(importlib.import_module(mod), name)
        except (ImportError, AttributeError):
            continue
        (obj.cache_clear if hasattr(obj, "cache_clear") else obj.clear)()


def _forget_sentences(ws, text: str, corpus_asks: bool = False) -> int:  # type: ignore[no-untyped-def]
    """Drop the stored vectors of the report's sentences (as a split embeds them: without their numbering lead) and
    of its drafts' passages, so each repeat splits a report the store has not seen — the first split of a new
    report, not a re-split. Returns how many were dropped.

    ``corpus_asks``: also drop the sentences with their numbering ("一是尽快出台……"). Until this session the benchmark
    always did (an older tree embedded every line with its numbering); with the sample report in the store those are
    the asks of the stored report — a history candidate of its own split — which the nightly dedup keeps, so
    dropping them made every repeat embed three corpus asks again (a model call a new report's split never makes)."""
    from topicmine.pipeline.dedup_job import ASK_MODEL_SUFFIX
    from topicmine.pipeline.sentence_vectors import _key, _sentences

    try:  # run against an older tree (before/after in one run), which embedded every line
        from topicmine.pipeline.sentence_vectors import _matter_lines
    except ImportError:
        def _matter_lines(t: str) -> str:
            return t
    from topicmine.records import content_hash
    from topicmine.text.layout import normalize_layout

    sents = {_key(x) for x in _sentences(normalize_layout(_matter_lines(text)))}
    if corpus_asks:
        sents |= set(_sentences(normalize_layout(text)))  # the old tree embedded them with their numbering
    hashes = [content_hash(x) for x in sents]
    with ws.store.transaction() as c:
        c.executemany("DELETE FROM embeddings WHERE model_id = ? AND hash = ?",
                      [(ws.embedder.model_id + ASK_MODEL_SUFFIX, h) for h in hashes])
        # the drafts' passage vectors a split caches for its history check (a new report's drafts are new)
        c.execute("DELETE FROM embeddings WHERE model_id = ?", (ws.embedder.model_id + "#draft",))
    return len(hashes)


def _drafts_folder(ws, folder: Path, n: int) -> int:  # type: ignore[no-untyped-def]
    """Write ``n`` drafts: those split from the sample reports, then real proposals of jszx2019_dev (rows
    144–286, each as its own .txt) until there are ``n``."""
    import csv

    from topicmine import pipeline

    k = 0
    for rep in sorted((ROOT / "corpus" / "sample" / "调研报告").rglob("*")):
        if rep.suffix not in (".md", ".docx") or k >= n:
            continue
        out = folder.parent / f"split{k}"  # the folder to check holds the drafts only
        pipeline.split(ws, pipeline.read_upload(ws, rep.name, rep.read_bytes()), out_dir=out)
        for f in sorted(out.glob("*.md")):
            if f.name.startswith("summary") or k >= n:
                continue
            (folder / f"{k:02d}_{f.name}").write_bytes(f.read_bytes())
            k += 1
    data = Path(os.environ.get("TOPICMINE_DATA_DIR", ROOT.parent / "shared" / "data"))
    rows = list(csv.DictReader((data / "jszx_proposals_2019" / "jszx2019_dev.csv").open(encoding="utf-8")))[144:287]
    for r in rows:
        if k >= n:
            break
        (folder / f"{k:02d}_proposal.txt").write_text(r["reason"].strip() + "\n" + r["content"], encoding="utf-8")
        k += 1
    return k


# ---- the paragraph-grain route: a draft's passages from the report's paragraphs, embedded once -----------------
def paragraph_vectors(ws, analysed_text: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The report's paragraphs (the non-empty lines of the text a split analysed) embedded once on the "passage:"
    side, keyed by the paragraph without its numbering lead (a draft quotes "（一）规划缺乏统筹。" as "规划缺乏统筹。"
    under its heading, or renumbers it "一是……")."""
    from topicmine.pipeline.sentence_vectors import _key

    lines = list(dict.fromkeys(ln.strip() for ln in analysed_text.split("\n") if ln.strip()))
    if not lines:
        return {}
    vecs = ws.embedder.encode(lines, kind="passage")
    return {_key(ln): v for ln, v in zip(lines, vecs)}


def quoted_paragraph(passage_text: str) -> str | None:
    """The one report paragraph a draft passage is, once its heading line ("一、主要问题"), form lines ("主送：【请填写】")
    and numbering lead ("一是") are set aside; None when it holds none or several."""
    from topicmine.pipeline.sentence_vectors import _FORM_LINE, _key

    content = [_key(ln.strip()) for ln in passage_text.split("\n") if ln.strip() and not _FORM_LINE.match(ln)]
    return content[0] if len(content) == 1 else None


def exact_passage_vectors(ws, passages: list[Any]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Each passage's "passage:" vector by hash, found as ``draft_document_vector`` finds it (the corpus's vectors,
    then the drafts' cached ones), the rest embedded now (not cached)."""
    from topicmine.embed import embed_passages
    from topicmine.pipeline.dedup_job import DRAFT_MODEL_SUFFIX, _stored_vectors

    emb = ws.embedder
    got: dict[str, Any] = {}
    for mid in (emb.model_id, emb.model_id + DRAFT_MODEL_SUFFIX):
        want = [h for h in dict.fromkeys(p.hash for p in passages) if h not in got]
        if want:
            got.update(_stored_vectors(ws.store, mid, want))
    todo = list({p.hash: (p.hash, p.text) for p in passages if p.hash not in got}.values())
    if todo:
        embed_passages(todo, emb, put=lambda hs, vs: got.update(zip(hs, vs)), show_progress=False)
    return got


def reuse_document_vector(ws, text: str, paragraphs: dict[str, Any]) -> tuple[Any, int, int]:  # type: ignore[no-untyped-def]
    """(unit vector, passages, passages mapped) of a draft built like ``draft_document_vector`` — the draft cut
    into passages by the workspace's segmenter, the renormalised mean of their vectors — except that a passage
    that is one report paragraph (:func:`quoted_paragraph`) takes the paragraph's vector from ``paragraphs``."""
    import numpy as np

    from topicmine.pipeline.dedup_job import _draft_passages

    passages = _draft_passages(ws, text)
    if not passages:
        return None, 0, 0
    keys = [quoted_paragraph(p.text) for p in passages]
    exact = exact_passage_vectors(ws, [p for p, k in zip(passages, keys) if k not in paragraphs])
    rows = [paragraphs[k] if k in paragraphs else exact[p.hash] for p, k in zip(passages, keys)]
    v = np.mean(np.asarray(rows, dtype=np.float32), axis=0)
    return (v / np.linalg.norm(v)).astype(np.float32), len(passages), sum(k in paragraphs for k in keys)


def route_tokens(ws, text: str, analysed_text: str, draft_texts: list[str],  # type: ignore[no-untyped-def]
                 paragraphs: dict[str, Any]) -> dict[str, int]:
    """Tokens each route sends to the model for one report: its sentences ("query:", what a split embeds first
    and the baseline embeds once), its paragraphs ("passage:"), the drafts' distinct passages not in the corpus
    ("passage:", today's second call) and those of them no report paragraph stands for (what the route embeds)."""
    from topicmine.pipeline.dedup_job import _draft_passages, _stored_vectors
    from topicmine.pipeline.sentence_vectors import _key, _matter_lines, _sentences
    from topicmine.text.layout import normalize_layout

    emb = ws.embedder
    sents = list(dict.fromkeys(_key(s) for s in _sentences(normalize_layout(_matter_lines(text)))))
    lines = list(dict.fromkeys(ln.strip() for ln in analysed_text.split("\n") if ln.strip()))
    dps = list({p.hash: p for t in draft_texts for p in _draft_passages(ws, t)}.values())
    in_corpus = set(_stored_vectors(ws.store, emb.model_id, [p.hash for p in dps]))
    dps = [p for p in dps if p.hash not in in_corpus]
    unmapped = [p for p in dps if quoted_paragraph(p.text) not in paragraphs]
    return {"sentences_query": sum(emb.count_tokens(s, "query") for s in sents),
            "paragraphs_passage": sum(emb.count_tokens(x, "passage") for x in lines),
            "drafts_passages": sum(emb.count_tokens(p.text, "passage") for p in dps),
            "drafts_passages_unmapped": sum(emb.count_tokens(p.text, "passage") for p in unmapped),
            "n_sentences": len(sents), "n_paragraphs": len(lines), "n_drafts_passages": len(dps),
            "n_unmapped": len(unmapped)}


def reuse_check(ws, reports: list[Path]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Split each report twice — the history check's draft vector exact, then :func:`reuse_document_vector` — and
    compare the history items (level, z) the checks got. One JSON line per report, then the totals."""
    from topicmine import pipeline
    from topicmine.pipeline import dedup_job, drafting_job

    seen: list[tuple[str, list[tuple[Any, ...]]]] = []
    real_similar, real_dv, real_prefetch = drafting_job.similar_items, dedup_job.draft_document_vector, drafting_job._prefetch

    def similar_items(ws_, text, **kw):  # type: ignore[no-untyped-def]
        res = real_similar(ws_, text, **kw)
        seen.append((text, [(it["id"], it["level"], it.get("z")) for it in res["items"]]))
        return res

    total: dict[str, Any] = {"reports": 0, "drafts": 0, "checks_changed": 0, "items": 0, "items_changed": 0,
                             "passages": 0, "mapped": 0, "z_err": [], "cos": []}
    drafting_job.similar_items = similar_items
    try:
        for rep in reports:
            text = pipeline.read_upload(ws, rep.name, rep.read_bytes())
            _fresh_caches(ws)
            seen.clear()
            res = pipeline.split(ws, text)
            exact = dict(seen)
            paragraphs = paragraph_vectors(ws, res["text"])
            stats: list[tuple[int, int, float]] = []

            def estimate(ws_, t, paragraphs=paragraphs, stats=stats):  # type: ignore[no-untyped-def]
                v, n, m = reuse_document_vector(ws_, t, paragraphs)
                ev = real_dv(ws_, t)
                stats.append((n, m, float(v @ ev) if v is not None and ev is not None else float("nan")))
                return v

            _fresh_caches(ws)
            seen.clear()
            dedup_job.draft_document_vector = estimate
            drafting_job._prefetch = lambda ws_, texts: None
            try:
                res2 = pipeline.split(ws, text)
            finally:
                dedup_job.draft_document_vector, drafting_job._prefetch = real_dv, real_prefetch
            est = dict(seen)
            changed, items, items_changed, z_err, moves = 0, 0, 0, [], []
            for t, found in exact.items():
                a = {i: (lv, z) for i, lv, z in found}
                b = {i: (lv, z) for i, lv, z in est.get(t, [])}
                changed += {i: v[0] for i, v in a.items()} != {i: v[0] for i, v in b.items()}
                for i in set(a) | set(b):
                    items += 1
                    la, lb = a.get(i, (None, None))[0], b.get(i, (None, None))[0]
                    if la != lb:
                        items_changed += 1
                        moves.append(f"{la or '—'}→{lb or '—'}")
                    if i in a and i in b and a[i][1] is not None and b[i][1] is not None:
                        z_err.append(abs(a[i][1] - b[i][1]))
            tokens = route_tokens(ws, text, res["text"], [d["text"] for d in res["drafts"]], paragraphs)
            row = {"report": rep.name, "drafts": len(res["drafts"]),
                   "drafts_same": [d["text"] for d in res["drafts"]] == [d["text"] for d in res2["drafts"]],
                   "passages": sum(n for n, _, _ in stats), "mapped": sum(m for _, m, _ in stats),
                   "doc_cos_min": round(min(c for _, _, c in stats), 4) if stats else None,
                   "doc_cos_median": round(statistics.median(c for _, _, c in stats), 4) if stats else None,
                   "checks": len(exact), "checks_changed": changed, "items": items, "items_changed": items_changed,
                   "moves": moves, "z_err_median": round(statistics.median(z_err), 3) if z_err else None,
                   "z_err_max": round(max(z_err), 3) if z_err else None, "tokens": tokens}
            print(json.dumps(row, ensure_ascii=False), flush=True)
            total["reports"] += 1
            for k in ("drafts", "checks_changed", "items", "items_changed", "passages", "mapped"):
                total[k] += row[k]
            total["z_err"] += z_err
            total["cos"] += [c for _, _, c in stats]
            for k, v in tokens.items():
                total.setdefault("tokens", {}).setdefault(k, 0)
                total["tokens"][k] += v
    finally:
        drafting_job.similar_items = real_similar
    z, c = sorted(total.pop("z_err")), sorted(total.pop("cos"))
    total["z_err_median"] = round(statistics.median(z), 3) if z else None
    total["doc_cos_median"] = round(statistics.median(c), 4) if c else None
    total["doc_cos_min"] = round(c[0], 4) if c else None
    tk = total.get("tokens", {})
    if tk.get("sentences_query"):
        s = tk["sentences_query"]
        # model work of a split in "embed the sentences once" units, by tokens (asks aside): today the sentences and
        # the drafts' passages; the route its paragraphs (in place of the sentences) and the unmapped passages
        total["model_tokens_today_over_sentences"] = round((s + tk["drafts_passages"]) / s, 2)
        total["model_tokens_route_over_sentences"] = round((tk["paragraphs_passage"] + tk["drafts_passages_unmapped"]) / s, 2)
        total["model_tokens_route_keeping_sentences_over_sentences"] = round(
            (s + tk["paragraphs_passage"] + tk["drafts_passages_unmapped"]) / s, 2)
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--in-process", type=int, default=40, help="how many drafts to time one by one in process")
    ap.add_argument("--report", default=str(LA))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--batch", type=int, default=40, help="drafts in the check-draft folder (0: skip that part)")
    ap.add_argument("--forget-corpus-asks", action="store_true",
                    help="also drop the report's numbered sentences each repeat (the benchmark before this session)")
    ap.add_argument("--reuse-check", nargs="+", metavar="REPORT", help="the paragraph-grain experiment on these reports")
    a = ap.parse_args()

    from topicmine import pipeline
    from topicmine.config import load_settings
    from topicmine.pipeline.sentence_vectors import SentenceVectors

    ws = pipeline.Workspace(load_settings(workdir=a.workdir))
    rep = Path(a.report)
    text = pipeline.read_upload(ws, rep.name, rep.read_bytes())
    pipeline.warm_up(ws)
    _ = ws.embedder.encode(["预热"], kind="query")
    if a.reuse_check:
        total = reuse_check(ws, [Path(r) for r in a.reuse_check])
        print(json.dumps({**total, "load": [round(x, 1) for x in os.getloadavg()],
                          "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}, ensure_ascii=False))
        return
    load0 = os.getloadavg()
    calls = _time_model(ws)

    embed_t, split_t, n_sent, parts = [], [], 0, []
    cold = None
    for i in range(a.repeats + 1):
        _fresh_caches(ws)
        _forget_sentences(ws, text, a.forget_corpus_asks)
        t0 = time.perf_counter()
        sv = SentenceVectors(ws, text)
        embed_t.append(time.perf_counter() - t0)
        n_sent = sv.embedded
        _fresh_caches(ws)
        _forget_sentences(ws, text, a.forget_corpus_asks)
        calls.clear()
        t0 = time.perf_counter()
        res = pipeline.split(ws, text)
        dt = time.perf_counter() - t0
        if i == 0:
            cold = dt  # the store's ask-vector cache fills here
        else:
            split_t.append(dt)
            q, ps = (sum(c[2] for c in calls if c[0] == k) for k in ("query", "passage"))
            parts.append((q, ps, dt - q - ps))
    embed_med, split_med = statistics.median(embed_t[1:]), statistics.median(split_t)
    load1 = os.getloadavg()

    n, batch_s, again_s, single, per_file, ok, p = 0, 0.0, 0.0, [float("nan")], [], True, None
    if a.batch > 0:
        with tempfile.TemporaryDirectory() as tmp:
            n, batch_s, again_s, single, per_file, ok, p = _check_folder(ws, a, Path(tmp))

    q_med, p_med, nm_med = (statistics.median(x[k] for x in parts) for k in range(3))
    out = {
        "report": rep.name, "chars": len(text), "sentences": n_sent, "drafts": len(res["drafts"]),
        "embed_once_s": round(embed_med, 2), "split_s": round(split_med, 2), "split_cold_s": round(cold or 0, 2),
        "split_over_embed": round(split_med / embed_med, 2) if embed_med else None,
        # each repeat's split over the embedding just before it: robust when the load swings between repeats
        "split_over_embed_pairs": [round(x / e, 2) for x, e in zip(split_t, embed_t[1:])],
        "split_over_embed_pairs_median": round(statistics.median(x / e for x, e in zip(split_t, embed_t[1:])), 2),
        "split_s_all": [round(x, 2) for x in split_t],
        "embed_once_s_all": [round(x, 2) for x in embed_t[1:]],
        "split_query_model_s": round(q_med, 3), "split_passage_model_s": round(p_med, 3),
        "split_non_model_s": round(nm_med, 3),
        "query_model_over_embed": round(q_med / embed_med, 2) if embed_med else None,
        "passage_model_over_embed": round(p_med / embed_med, 2) if embed_med else None,
        "non_model_over_embed": round(nm_med / embed_med, 2) if embed_med else None,
        "load_before_after": [round(load0[0], 1), round(load1[0], 1)],
        "check_batch_files": n, "check_batch_s": round(batch_s, 1), "check_batch_per_file_s": round(batch_s / max(n, 1), 2),
        "check_batch_exit": p.returncode if p is not None else None, "check_batch_ok": ok,
        "check_one_file_fresh_s": round(statistics.median(single), 2),
        "batch_per_file_over_one_file": round(batch_s / max(n, 1) / statistics.median(single), 3) if n else None,
        "check_again_s": round(again_s, 1), "check_again_per_file_s": round(again_s / max(n, 1), 2),
        "check_in_process_median_s": round(statistics.median(per_file), 2) if per_file else None,
        "forget_corpus_asks": a.forget_corpus_asks, "repeats": a.repeats, "machine": f"{platform.node()} {os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    print(f"embed the report's {n_sent} sentences once: {out['embed_once_s']} s · split: {out['split_s']} s "
          f"({out['split_over_embed']}×; cold {out['split_cold_s']} s) — inside split: query side "
          f"{out['query_model_over_embed']}×, passage side {out['passage_model_over_embed']}×, not the model "
          f"{out['non_model_over_embed']}× (load {out['load_before_after']})")
    if n:
        print(f"check-draft on a folder of {n}: {out['check_batch_s']} s in a fresh process = {out['check_batch_per_file_s']} s "
              f"per file (one file alone: {out['check_one_file_fresh_s']} s; again: {out['check_again_per_file_s']} s per file); "
              f"in process {out['check_in_process_median_s']} s per draft")
    print(json.dumps(out, ensure_ascii=False))


def _time_model(ws) -> list[tuple[str, int, float]]:  # type: ignore[no-untyped-def]
    """Time every model call of ``ws`` from now on: (side, texts, seconds) appended to the list returned."""
    calls: list[tuple[str, int, float]] = []
    emb = ws.embedder
    real = emb.encode

    def encode(texts, *args, kind="passage", **kw):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return real(texts, *args, kind=kind, **kw)
        finally:
            calls.append((kind, len(texts), time.perf_counter() - t0))

    emb.encode = encode
    return calls


def _check_folder(ws, a, tmp: Path):  # type: ignore[no-untyped-def]
    """check-draft on a folder of ``a.batch`` drafts in a fresh process, again, one file alone, and in process."""
    from topicmine import pipeline

    folder = tmp / "drafts"
    folder.mkdir()
    n = _drafts_folder(ws, folder, a.batch)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "topicmine.cli", "check-draft", str(folder), "--workdir", a.workdir,
                        "--json"], capture_output=True, text=True, env=env, cwd=ROOT)
    batch_s = time.perf_counter() - t0
    ok = p.returncode in (0, 1)
    # the same folder checked again in a new process (a drafter re-checks after editing): what the store kept
    t0 = time.perf_counter()
    p2 = subprocess.run([sys.executable, "-m", "topicmine.cli", "check-draft", str(folder), "--workdir", a.workdir,
                         "--json"], capture_output=True, text=True, env=env, cwd=ROOT)
    again_s = time.perf_counter() - t0
    ok = ok and p2.returncode in (0, 1)
    # one file in a fresh process (model load and history included): the baseline of the batch, same run
    one = sorted(p for p in folder.iterdir() if p.is_file())[-1]
    single = []
    for _ in range(2):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "topicmine.cli", "check-draft", str(one), "--workdir", a.workdir,
                        "--json"], capture_output=True, text=True, env=env, cwd=ROOT)
        single.append(time.perf_counter() - t0)
    per_file = []
    for f in sorted(p for p in folder.iterdir() if p.is_file())[: a.in_process]:
        _fresh_caches(ws)
        t0 = time.perf_counter()
        pipeline.check_draft(ws, pipeline.read_upload(ws, f.name, f.read_bytes()))
        per_file.append(time.perf_counter() - t0)
    return n, batch_s, again_s, single, per_file, ok, p


if __name__ == "__main__":
    main()
