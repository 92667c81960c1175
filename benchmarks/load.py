"""The service under bounded load from a second process on loopback (the reliability benchmark).

    .venv/bin/python benchmarks/load.py --seconds 180 --clients 20 [--max-requests 20000] [--no-refresh]

Starts ``uvicorn --factory topicmine.service.app:create_app`` on 127.0.0.1 over a temp workdir (a copy of
corpus/sample ingested — and embedded when the model is built, so that a refresh can swap the vector
index and topic artifacts), then runs N concurrent clients (httpx, asyncio; one connection each) that
cycle over ``POST /api/v1/split``, ``POST /api/v1/check`` and ``GET /api/v1/search`` for a bounded
duration and a fixed maximum request count. Meanwhile the server's RSS is sampled every 2 s, and at a
third of the run a file of the corpus copy is changed and ``topicmine refresh`` runs as a subprocess
on the same workdir (ingest → embed → index/topic artifacts swapped under the running service).

Prints one JSON object on the last line: requests, errors (must be 0), status counts, p50/p95/max
latency per endpoint, RSS first/last/max, and the refresh's exit code and duration.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from live_service import SAMPLE, LiveServer, env_for, topicmine  # noqa: E402

MODEL_DIR = ROOT / "models" / "multilingual-e5-small"

REPORT = (
    "关于加快发展社区嵌入式托育服务的调研报告\n"
    "一、基本情况\n近年来，我市托育服务需求快速增长，全市共有托育机构一百二十家。\n"
    "二、存在问题\n（一）托位供给不足。普惠托位缺口较大。\n（二）保育人员短缺。专业人才流失严重。\n"
    "三、对策建议\n（一）扩大普惠托位供给。一是将托育设施纳入社区配套。二是加大财政补贴力度。\n"
    "（二）加强保育队伍建设。一是完善职业培训体系。二是提高从业人员待遇。\n"
)
DRAFT = (
    "关于加强老旧小区加装电梯工作的提案\n调研情况：我市老旧小区老年居民占比高，上下楼困难。\n"
    "问题分析：审批环节多，资金分摊难，后期维护责任不清。\n具体建议：一是简化审批流程。二是建立资金分摊指导标准。"
)
QUERIES = ["营商环境", "社区嵌入式托育", "养老服务", "乡村振兴 人才", "老旧小区加装电梯", "新质生产力", "一老一小",
           "数字经济", "社情民意信息", "高质量发展"]


def _requests() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        ("split", "POST", {"url": "/api/v1/split", "json": {"text": REPORT}}),
        ("check", "POST", {"url": "/api/v1/check", "json": {"text": DRAFT, "genre": "proposal"}}),
        ("search", "GET", {"url": "/api/v1/search", "params": {"q": "营商环境", "limit": 10}}),
    ]


def _pct(xs: list[float], q: float) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(q * (len(xs) - 1) + 0.5))] * 1000, 1)


async def run_load(url: str, *, seconds: float, clients: int, max_requests: int, seed: int = 0) -> dict[str, Any]:
    """N concurrent clients cycling split/check/search until ``seconds`` or ``max_requests``."""
    lat: dict[str, list[float]] = {"split": [], "check": [], "search": []}
    statuses: dict[str, int] = {}
    errors: list[str] = []
    issued = 0
    deadline = time.monotonic() + seconds
    reqs = _requests()

    async def client(i: int) -> None:
        nonlocal issued
        rng = random.Random(seed * 1000 + i)
        async with httpx.AsyncClient(base_url=url, timeout=300) as c:
            k = i
            while time.monotonic() < deadline and issued < max_requests:
                issued += 1
                name, method, kw = reqs[k % len(reqs)]
                k += 1
                kw = dict(kw)
                if name == "search":
                    kw["params"] = {"q": rng.choice(QUERIES), "limit": 10}
                t0 = time.perf_counter()
                try:
                    r = await c.request(method, **kw)
                    dt = time.perf_counter() - t0
                    statuses[str(r.status_code)] = statuses.get(str(r.status_code), 0) + 1
                    if r.status_code != 200:
                        errors.append(f"{name}: {r.status_code} {r.text[:200]}")
                    else:
                        lat[name].append(dt)
                except httpx.HTTPError as exc:
                    statuses["transport-error"] = statuses.get("transport-error", 0) + 1
                    errors.append(f"{name}: {type(exc).__name__}: {exc}")

    t0 = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(clients)))
    wall = time.monotonic() - t0
    n = sum(statuses.values())
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": n,
        "requests_per_s": round(n / wall, 2) if wall else None,
        "errors": len(errors),
        "error_samples": errors[:10],
        "status": statuses,
        "latency_ms": {
            name: {"n": len(v), "p50": _pct(v, 0.5), "p95": _pct(v, 0.95), "max": _pct(v, 1.0),
                   "mean": round(statistics.fmean(v) * 1000, 1) if v else None}
            for name, v in lat.items()
        },
    }


class RssSampler(threading.Thread):
    def __init__(self, server: LiveServer, every: float = 2.0) -> None:
        super().__init__(daemon=True)
        self.server, self.every, self.samples = server, every, []
        self._stop_evt = threading.Event()

    def run(self) -> None:
        while not self._stop_evt.is_set():
            try:
                self.samples.append(self.server.rss_bytes())
            except Exception:  # noqa: BLE001 - the server is gone: the load run will report errors
                pass
            self._stop_evt.wait(self.every)

    def stop(self) -> dict[str, Any]:
        self._stop_evt.set()
        self.join(timeout=5)
        mb = [round(s / 2**20, 1) for s in self.samples]
        return {"samples": len(mb), "first_mb": mb[0] if mb else None, "last_mb": mb[-1] if mb else None,
                "max_mb": max(mb) if mb else None, "min_mb": min(mb) if mb else None}


def prepare(base: Path, *, embed: bool) -> tuple[Path, Path]:
    """A corpus copy and a workdir with it ingested (and embedded)."""
    corpus = base / "corpus"
    shutil.copytree(SAMPLE, corpus)
    workdir = base / "w"
    p = topicmine("ingest", str(corpus), "--json", workdir=workdir)
    if p.returncode != 0:
        raise SystemExit(f"ingest failed: {p.stderr[-2000:]}")
    if embed:  # the vector index the refresh will update (and swap) under the running service
        p = topicmine("embed", "--json", workdir=workdir, timeout=7200)
        if p.returncode != 0:
            raise SystemExit(f"embed failed: {p.stderr[-2000:]}")
    return corpus, workdir


def change_a_file(corpus: Path) -> Path:
    target = sorted((corpus / "提案").rglob("*.md"))[0]
    with target.open("a", encoding="utf-8") as fh:
        fh.write(f"\n补充说明（{time.strftime('%H:%M:%S')}）：建议建立托育服务质量评估制度，定期向社会公布评估结果。\n")
    return target


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=180.0, help="load duration (default 180)")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    ap.add_argument("--max-requests", type=int, default=20_000, help="fixed upper bound on requests")
    ap.add_argument("--no-refresh", action="store_true", help="skip the refresh during the load")
    ap.add_argument("--keep", action="store_true", help="keep the temp workdir")
    args = ap.parse_args(argv)

    model = (MODEL_DIR / "topicmine_manifest.json").is_file()
    do_refresh = not args.no_refresh
    base = Path(tempfile.mkdtemp(prefix="tm-load-"))
    t_prep = time.monotonic()
    corpus, workdir = prepare(base, embed=do_refresh and model)
    prep_s = time.monotonic() - t_prep
    out: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "cpus": os.cpu_count(), "model": model,
                           "prepare_seconds": round(prep_s, 1)}
    try:
        with LiveServer(workdir) as server:
            # warm up: the first call of each endpoint loads jieba / the model
            with httpx.Client(base_url=server.url, timeout=600) as c:
                for name, method, kw in _requests():
                    r = c.request(method, **kw)
                    if r.status_code != 200:
                        raise SystemExit(f"warm-up {name} failed: {r.status_code} {r.text[:300]}")
            sampler = RssSampler(server)
            sampler.start()
            refresh_info: dict[str, Any] = {"ran": False}

            def refresher() -> None:
                time.sleep(args.seconds / 3)
                changed = change_a_file(corpus)
                t = time.monotonic()
                p = subprocess.run(
                    [sys.executable, "-m", "topicmine.cli", "refresh", str(corpus), "--json", "--workdir", str(workdir)],
                    cwd=ROOT, env=env_for(workdir), capture_output=True, text=True, timeout=7200,
                )
                refresh_info.update(ran=True, changed=changed.name, returncode=p.returncode,
                                    seconds=round(time.monotonic() - t, 1))
                if p.returncode == 0:
                    res = json.loads(p.stdout.strip().splitlines()[-1])
                    refresh_info.update(documents=res.get("documents"), index=res.get("index"),
                                        topics_refit=res.get("topics_refit"))
                else:
                    refresh_info["stderr"] = p.stderr[-1500:]

            th = threading.Thread(target=refresher, daemon=True) if do_refresh else None
            if th:
                th.start()
            load = asyncio.run(run_load(server.url, seconds=args.seconds, clients=args.clients,
                                        max_requests=args.max_requests))
            if th:
                th.join()
            out.update(load)
            out["rss"] = sampler.stop()
            out["refresh"] = refresh_info if do_refresh else {"ran": False, "why": "--no-refresh"}
            if do_refresh and not model:
                out["refresh"]["note"] = "no embedding model: refresh re-ingests only (embed step fails)"
            with httpx.Client(base_url=server.url, timeout=60) as c:
                out["health_after"] = c.get("/health").json()
            out["server_log_tracebacks"] = server.log().count("Traceback")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(json.dumps(out, ensure_ascii=False))
    return out


if __name__ == "__main__":
    res = main()
    sys.exit(0 if res["errors"] == 0 and res.get("server_log_tracebacks", 0) == 0 else 1)
