"""Service benchmark: latency of /api/v1/split on a ~10,000-字 report, throughput with 20 concurrent
clients on /api/v1/split, /api/v1/check and /api/v1/search, errors, and server memory (RSS) before/after.

A real uvicorn on 127.0.0.1 in a subprocess over a temp workdir with the sample corpus ingested
(and embedded when the model is built, so /similar inside split uses the faiss index). The load
client is a second process (this one) with a bounded request count, so the run always ends.

    .venv/bin/python benchmarks/service.py                       # defaults: 20 sequential, 20×200 load
    .venv/bin/python benchmarks/service.py --sequential 30 --requests 300 --json

Prints one JSON object on the last line of stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from service_server import model_built, prepare_workdir, rss_kb, sample_report, start_server  # noqa: E402

DEV_CSV = ROOT.parent / "shared" / "data" / "jszx_proposals_2019" / "jszx2019_dev.csv"
CN = "一二三四五六七八九十"


def build_report(target_chars: int = 10_000, offset: int = 0) -> tuple[str, int]:
    """A ~10,000-字 调研报告: real proposals joined under 一、二、… headings (their 调研情况/问题分析/具体建议
    parts kept), or the three sample reports when the real data is absent. ``offset`` picks other
    proposals (a report the server has not seen). Returns (text, parts)."""
    parts: list[str] = []
    total = 0
    if DEV_CSV.is_file():
        with DEV_CSV.open(encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(fh) if 800 <= len(r.get("content") or "") <= 2500]
        for i, r in enumerate(rows[offset : offset + len(CN)]):
            title = (r["reason"] or "").strip().removeprefix("关于").removesuffix("的建议").removesuffix("的提案")
            body = (r["content"] or "").strip()
            parts.append(f"{CN[i]}、关于{title}\n{body}")
            total += len(body)
            if total >= target_chars:
                break
        head = "关于若干民生问题的调研报告\n"
    else:
        for p in sorted((ROOT / "corpus" / "sample" / "调研报告").rglob("*.md")):
            raw = p.read_text(encoding="utf-8").split("---", 2)[-1]
            parts.append(raw.strip())
        head = ""
    return head + "\n\n".join(parts), len(parts)


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(q / 100 * (len(s) - 1))))
    return s[k]


async def load(url: str, jobs: list[tuple[str, str, dict]], concurrency: int) -> dict:
    """Run ``jobs`` (method, path, kwargs) with ``concurrency`` clients; latency and errors per path."""
    import httpx

    queue: asyncio.Queue = asyncio.Queue()
    for j in jobs:
        queue.put_nowait(j)
    lat: dict[str, list[float]] = {}
    errors: dict[str, list[str]] = {}

    async def worker(client: httpx.AsyncClient) -> None:
        while True:
            try:
                method, path, kw = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            key = path.split("?")[0]
            t = time.perf_counter()
            try:
                r = await client.request(method, url + path, **kw)
                ok = r.status_code == 200
                msg = f"HTTP {r.status_code}: {r.text[:200]}"
            except httpx.HTTPError as exc:
                ok, msg = False, repr(exc)
            lat.setdefault(key, []).append(time.perf_counter() - t)
            if not ok:
                errors.setdefault(key, []).append(msg)

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=600, limits=limits) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    per = {
        k: {"n": len(v), "errors": len(errors.get(k, [])), "p50_s": round(statistics.median(v), 3),
            "p95_s": round(pct(v, 95), 3)}
        for k, v in lat.items()
    }
    n = sum(len(v) for v in lat.values())
    return {"requests": n, "seconds": round(wall, 2), "rps": round(n / wall, 2),
            "errors": sum(len(v) for v in errors.values()), "per_endpoint": per,
            "first_errors": {k: v[:3] for k, v in errors.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sequential", type=int, default=20, help="sequential /split requests for p50/p95")
    ap.add_argument("--requests", type=int, default=200, help="requests in the concurrent phase")
    ap.add_argument("--concurrency", type=int, default=20, help="concurrent clients")
    ap.add_argument("--uncached", type=int, default=3, help="/split requests on reports the server has not seen")
    ap.add_argument("--no-embed", action="store_true", help="skip `topicmine embed` (keyword-only similar)")
    ap.add_argument("--workdir", type=Path, default=None, help="reuse an ingested workdir (default: a temp dir)")
    args = ap.parse_args()

    import httpx

    report, n_parts = build_report()
    _, sample_text = sample_report()
    tmp = tempfile.TemporaryDirectory(prefix="tm-bench-service-")
    workdir = args.workdir or Path(tmp.name)
    t = time.perf_counter()
    embed = model_built() and not args.no_embed
    prep_errors = prepare_workdir(workdir, embed=embed) if args.workdir is None else {}
    prep_s = time.perf_counter() - t
    srv = start_server(workdir)
    try:
        rss0 = rss_kb(srv.proc.pid)
        # the service warms up in the background (jieba, model + first inference, index); wait for it
        t = time.perf_counter()
        while not httpx.get(srv.url + "/health", timeout=30).json().get("warmed_up"):
            if time.perf_counter() - t > 900:
                raise SystemExit("service did not finish warming up within 900 s")
            time.sleep(0.5)
        warmup_s = time.perf_counter() - t
        health = httpx.get(srv.url + "/health", timeout=30).json()
        rss_warm = rss_kb(srv.proc.pid)
        # reports the server has not seen: every passage and draft is embedded (no cache hit)
        uncached: list[float] = []
        for k in range(args.uncached):
            other, _ = build_report(offset=(k + 1) * len(CN)) if DEV_CSV.is_file() else (report + f"\n（{k}）", 0)
            t = time.perf_counter()
            r = httpx.post(srv.url + "/api/v1/split", json={"text": other}, timeout=900)
            r.raise_for_status()
            uncached.append(time.perf_counter() - t)
        t = time.perf_counter()
        r = httpx.post(srv.url + "/api/v1/split", json={"text": report}, timeout=900)
        r.raise_for_status()
        first = r.json()
        warm_s = time.perf_counter() - t
        rss_first = rss_kb(srv.proc.pid)

        seq: list[float] = []
        seq_errors = 0
        for _ in range(args.sequential):
            t = time.perf_counter()
            r = httpx.post(srv.url + "/api/v1/split", json={"text": report}, timeout=600)
            seq.append(time.perf_counter() - t)
            seq_errors += r.status_code != 200
        rss_seq = rss_kb(srv.proc.pid)

        draft_text = next((d.get("text") for d in first.get("drafts", []) if d.get("text")), sample_text[:1500])
        queries = ["社区嵌入式托育", "高标准农田 管护", "新就业形态 劳动者 权益", "低空经济", "养老服务"]
        kinds = [
            ("POST", "/api/v1/split", {"json": {"text": report}}),
            ("POST", "/api/v1/check", {"json": {"text": draft_text}}),
        ]
        jobs = []
        for i in range(args.requests):
            if i % 3 == 2:
                jobs.append(("GET", f"/api/v1/search?q={queries[i % len(queries)]}&limit=10", {}))
            else:
                jobs.append(kinds[i % 3])
        conc = asyncio.run(load(srv.url, jobs, args.concurrency))
        rss_end = rss_kb(srv.proc.pid)
    finally:
        srv.stop()
        tmp.cleanup()

    out = {
        "benchmark": "service",
        "report_chars": len(report),
        "report_parts": n_parts,
        "units": len(first.get("units", [])),
        "drafts": len(first.get("drafts", [])),
        "embedded": embed and "embed" not in prep_errors,
        "prepare_errors": prep_errors,
        "prepare_seconds": round(prep_s, 1),
        "health": {k: health.get(k) for k in ("documents", "passages", "index")},
        "warmup_seconds": round(warmup_s, 1),
        "split_uncached_s": [round(x, 2) for x in uncached],
        "split_first_request_s": round(warm_s, 2),
        "split_sequential": {"n": len(seq), "errors": seq_errors, "p50_s": round(statistics.median(seq), 3),
                             "p95_s": round(pct(seq, 95), 3), "mean_s": round(statistics.fmean(seq), 3)},
        "concurrent": {"clients": args.concurrency, **conc},
        "rss_mb": {"start": round(rss0 / 1024, 1), "after_warmup": round(rss_warm / 1024, 1),
                   "after_first_requests": round(rss_first / 1024, 1),
                   "after_sequential": round(rss_seq / 1024, 1), "end": round(rss_end / 1024, 1)},
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
