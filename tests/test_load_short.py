"""The short version of benchmarks/load.py (slow set): 20 concurrent clients for ~5 s (at most 60 requests) on /split, /check
and /search against a live uvicorn, while a second process writes to the same store
(``topicmine ingest`` of new files). Zero errors, no 5xx; no latency is asserted (the figures of the
long run are in BENCHMARKS.md, "Service and reliability")."""

from __future__ import annotations

import asyncio
import importlib.util
import threading
from pathlib import Path

import httpx
import pytest

from live_service import ROOT, LiveServer, copy_workdir, ingested_sample, topicmine


def _load_module():
    spec = importlib.util.spec_from_file_location("tm_load_bench", ROOT / "benchmarks" / "load.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
def test_twenty_clients_with_a_concurrent_writer(tmp_path: Path) -> None:
    bench = _load_module()
    workdir = copy_workdir(ingested_sample(), tmp_path / "w")
    new = tmp_path / "new"
    new.mkdir()
    (new / "关于完善社区助餐服务的提案.txt").write_text(
        "关于完善社区助餐服务的提案\n\n调研情况：我市老年助餐点覆盖不足。\n具体建议：一是扩大助餐点布局。二是完善补贴机制。\n",
        encoding="utf-8")
    (new / "关于加强校园食品安全的社情民意信息.txt").write_text(
        "关于加强校园食品安全的社情民意信息\n\n部分学校食堂承包经营监管不到位。建议落实陪餐制度，加强抽检。\n",
        encoding="utf-8")
    with LiveServer(workdir) as server:
        with httpx.Client(base_url=server.url, timeout=600) as c:  # warm-up loads jieba and the drafts stage
            for name, method, kw in bench._requests():
                r = c.request(method, **kw)
                assert r.status_code == 200, (name, r.text[:300])
            docs_before = c.get("/health").json()["documents"]
        writer: dict = {}

        def write() -> None:
            writer["proc"] = topicmine("ingest", str(new), "--json", workdir=workdir)

        th = threading.Thread(target=write)
        th.start()
        res = asyncio.run(bench.run_load(server.url, seconds=5, clients=20, max_requests=60))
        th.join()
        assert writer["proc"].returncode == 0, writer["proc"].stderr[-2000:]
        assert res["errors"] == 0, res["error_samples"]
        assert not any(s.startswith("5") for s in res["status"]), res["status"]
        assert res["requests"] >= 20 and set(res["status"]) == {"200"}
        assert all(v["n"] > 0 for v in res["latency_ms"].values()), res["latency_ms"]
        with httpx.Client(base_url=server.url, timeout=60) as c:
            assert c.get("/health").json()["documents"] == docs_before + 2  # the writer's work is visible
        assert "Traceback" not in server.log(), server.log()[-3000:]
