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

Run: ``nice .venv/bin/python benchmarks/drafts_speed.py --workdir WD [--report PATH] [--repeats 3]`` (WD: a
workspace with an embedded corpus and its index). Last stdout line: one JSON object.
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


def _forget_sentences(ws, text: str) -> int:  # type: ignore[no-untyped-def]
    """Drop the stored vectors of the report's sentences and of its drafts' passages, so each repeat splits a report
    the store has not seen — the first split of a new report, not a re-split. Returns how many were dropped."""
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--in-process", type=int, default=40, help="how many drafts to time one by one in process")
    ap.add_argument("--report", default=str(LA))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--batch", type=int, default=40)
    a = ap.parse_args()

    from topicmine import pipeline
    from topicmine.config import load_settings
    from topicmine.pipeline.sentence_vectors import SentenceVectors

    ws = pipeline.Workspace(load_settings(workdir=a.workdir))
    rep = Path(a.report)
    text = pipeline.read_upload(ws, rep.name, rep.read_bytes())
    pipeline.warm_up(ws)
    _ = ws.embedder.encode(["预热"], kind="query")

    embed_t, split_t, n_sent = [], [], 0
    cold = None
    for i in range(a.repeats + 1):
        _fresh_caches(ws)
        _forget_sentences(ws, text)
        t0 = time.perf_counter()
        sv = SentenceVectors(ws, text)
        embed_t.append(time.perf_counter() - t0)
        n_sent = sv.embedded
        _fresh_caches(ws)
        _forget_sentences(ws, text)
        t0 = time.perf_counter()
        res = pipeline.split(ws, text)
        dt = time.perf_counter() - t0
        if i == 0:
            cold = dt  # the store's ask-vector cache fills here
        else:
            split_t.append(dt)
    embed_med, split_med = statistics.median(embed_t[1:]), statistics.median(split_t)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "drafts"
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

    out = {
        "report": rep.name, "chars": len(text), "sentences": n_sent, "drafts": len(res["drafts"]),
        "embed_once_s": round(embed_med, 2), "split_s": round(split_med, 2), "split_cold_s": round(cold or 0, 2),
        "split_over_embed": round(split_med / embed_med, 2) if embed_med else None,
        "split_s_all": [round(x, 2) for x in split_t],
        "embed_once_s_all": [round(x, 2) for x in embed_t[1:]],
        "check_batch_files": n, "check_batch_s": round(batch_s, 1), "check_batch_per_file_s": round(batch_s / max(n, 1), 2),
        "check_batch_exit": p.returncode, "check_batch_ok": ok,
        "check_one_file_fresh_s": round(statistics.median(single), 2),
        "batch_per_file_over_one_file": round(batch_s / max(n, 1) / statistics.median(single), 3),
        "check_again_s": round(again_s, 1), "check_again_per_file_s": round(again_s / max(n, 1), 2),
        "check_in_process_median_s": round(statistics.median(per_file), 2) if per_file else None,
        "repeats": a.repeats, "machine": f"{platform.node()} {os.cpu_count()} cores", "date": time.strftime("%Y-%m-%d"),
    }
    print(f"embed the report's {n_sent} sentences once: {out['embed_once_s']} s · split: {out['split_s']} s "
          f"({out['split_over_embed']}×; cold {out['split_cold_s']} s)")
    print(f"check-draft on a folder of {n}: {out['check_batch_s']} s in a fresh process = {out['check_batch_per_file_s']} s "
          f"per file (one file alone: {out['check_one_file_fresh_s']} s; again: {out['check_again_per_file_s']} s per file); in process {out['check_in_process_median_s']} s per draft")
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
