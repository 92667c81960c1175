"""Hostile input on a live uvicorn (127.0.0.1): bounded model work (503 + Retry-After, /health answers while
a split runs, a queued request whose client left is dropped), one text limit on every input path, the
key on every corpus/compute route, the Host check, 400 for deep nesting, hostile uploads bounded."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx
import pytest

import hostile_fixtures as H
from live_service import LiveServer, copy_workdir, ingested_sample

KEY = "k-19-\u5bc6\u94a5"


def unseen_report(i: int, paragraphs: int = 40) -> str:
    """A 调研报告 the server has never seen (so nothing is cached): numbered sections, varied sentences."""
    topics = ["社区养老", "托育服务", "老旧小区改造", "农村供水", "校园安全", "中小企业融资", "新就业形态", "生态补偿"]
    t = topics[i % len(topics)]
    lines = [f"关于{t}情况的调研报告（第{i}号）", "一、基本情况"]
    lines += [f"第{i}-{k}段：{t}工作取得进展，全市已建成服务点{100 + k * 7 + i}个，覆盖{k + i}个街道。" for k in range(paragraphs)]
    lines += ["二、存在问题", f"{t}资金保障不足，专业人员流失率达{10 + i % 30}%。", "三、对策建议"]
    lines += [f"{'一二三四五'[k]}是建议完善{t}第{k + 1}项机制，加大财政投入{i + k}亿元。" for k in range(5)]
    return "\n".join(lines)


def _server(tmp_path: Path, **env: str) -> LiveServer:
    workdir = copy_workdir(ingested_sample(), tmp_path / "w")
    return LiveServer(workdir, env={f"TOPICMINE_SERVICE__{k.upper()}": v for k, v in env.items()})


def _wait_busy(c: httpx.Client, running: int, waiting: int = 0, timeout: float = 120) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        busy = c.get("/health").json()["busy"]
        if busy["running"] >= running and busy["waiting"] >= waiting:
            return busy
        time.sleep(0.05)
    raise AssertionError(f"server never reached running={running} waiting={waiting}: {busy}")


def test_full_queue_is_503_with_retry_after_and_health_answers_meanwhile(tmp_path: Path) -> None:
    with _server(tmp_path, model_workers="1", model_queue="0") as srv, httpx.Client(base_url=srv.url, timeout=600) as c:
        results: list[httpx.Response] = []
        t = threading.Thread(target=lambda: results.append(c.post("/api/v1/split", json={"text": unseen_report(1, 400)})))
        t.start()
        _wait_busy(c, running=1)
        # while the split computes: /health answers, and a second split is refused at once
        assert c.get("/health").status_code == 200
        r = c.post("/api/v1/split", json={"text": unseen_report(2)})
        busy_seen = t.is_alive()
        t.join()
        assert results[0].status_code == 200, results[0].text[:300]
        if busy_seen:  # the first split was still running when the second came
            assert r.status_code == 503 and r.headers.get("retry-after") == "10", r.text[:300]
            assert r.json()["error"]["type"] == "ServiceBusy"
        assert c.get("/health").json()["busy"] == {"running": 0, "waiting": 0, "workers": 1, "queue": 0, "cancelled": 0}


def test_a_queued_request_whose_client_left_is_dropped(tmp_path: Path) -> None:
    with _server(tmp_path, model_workers="1", model_queue="4") as srv, httpx.Client(base_url=srv.url, timeout=600) as c:
        first: list[httpx.Response] = []
        t = threading.Thread(target=lambda: first.append(c.post("/api/v1/split", json={"text": unseen_report(3, 400)})))
        t.start()
        _wait_busy(c, running=1)
        with pytest.raises(httpx.TimeoutException):  # the client gives up while queued
            httpx.post(srv.url + "/api/v1/split", json={"text": unseen_report(4)}, timeout=1.0)
        # the abandoned request leaves the queue without computing (not after the first split)
        end = time.monotonic() + 30
        while c.get("/health").json()["busy"]["waiting"] and time.monotonic() < end:
            time.sleep(0.1)
        busy = c.get("/health").json()["busy"]
        still_running = t.is_alive()
        t.join()
        assert busy["waiting"] == 0
        if still_running:
            assert busy["running"] == 1
        assert first[0].status_code == 200


def test_one_text_limit_on_every_input_path(tmp_path: Path) -> None:
    long = "建议加强社区养老服务。" * 30_000  # 330,000 characters
    with _server(tmp_path) as srv, httpx.Client(base_url=srv.url, timeout=600) as c:
        r_json = c.post("/api/v1/split", json={"text": long})
        r_field = c.post("/api/v1/split", files={"text": (None, long)})  # a multipart text field
        r_file = c.post("/api/v1/split", files={"file": ("长.txt", long.encode("utf-8"), "text/plain")})
        for r in (r_json, r_field, r_file):
            assert r.status_code == 422, r.text[:300]
            assert r.json()["error"]["type"] == "ValidationError"


@pytest.mark.parametrize("body", [
    "[" * 100_000 + "]" * 100_000,
    '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"text": "关于养老的调研报告。建议加强。", "n": ' + "1" * 5000 + "}",  # probe P6: was 500 and two tracebacks
])
def test_deep_json_is_400(tmp_path: Path, body: str) -> None:
    with _server(tmp_path) as srv, httpx.Client(base_url=srv.url, timeout=600) as c:
        r = c.post("/api/v1/split", content=body.encode(), headers={"content-type": "application/json"})
        assert r.status_code == 400, r.text[:300]
        r = c.post("/api/v1/split", files={"text": (None, "一、基本情况\n建议加强。"), "overrides": (None, "[" * 100_000 + "]" * 100_000)})
        assert r.status_code == 400, r.text[:300]
        assert "Traceback" not in srv.log()


def test_hostile_uploads_are_bounded(tmp_path: Path) -> None:
    laughs = H.billion_laughs_front_matter(tmp_path / "笑.txt").read_bytes()
    md = ("# 关于加强养老服务的调研报告\n一、基本情况\n" + H.repeated_openers("link", 20_000)
          + "\n三、对策建议\n一是建议完善社区养老服务网络。\n").encode()
    with _server(tmp_path) as srv, httpx.Client(base_url=srv.url, timeout=600) as c:
        end = time.monotonic() + 600
        while not c.get("/health").json()["warmed_up"] and time.monotonic() < end:  # model loaded: RSS settled
            time.sleep(0.5)
        rss0 = srv.rss_bytes()
        r = c.post("/api/v1/split", files={"file": ("笑.txt", laughs, "text/plain")})
        # the front matter is refused and the short text left is answered with a named error, never a 500
        assert r.status_code in (200, 400, 422), r.text[:300]
        if r.status_code == 400:
            assert r.json()["error"]["type"] == "InputError" and "报告过短" in r.json()["error"]["message"]
        r = c.post("/api/v1/split", files={"file": ("恶意.md", md, "text/markdown")})
        assert r.status_code == 200, r.text[:300]
        assert srv.rss_bytes() - rss0 < 400 * 1024 * 1024  # the unfixed alias bomb alone took 1.1 GB


def test_key_host_and_health(tmp_path: Path) -> None:
    with _server(tmp_path, api_key=KEY) as srv, httpx.Client(base_url=srv.url, timeout=600) as c:
        health = c.get("/health").json()
        assert "workdir" not in health and str(srv.workdir) not in json.dumps(health)
        for path, params in (("/api/v1/search", {"q": "养老"}), ("/api/v1/similar", {"text": "养老服务"})):
            r = c.get(path, params=params)
            assert r.status_code == 401 and r.json()["error"]["type"] == "Unauthorized", (path, r.text[:200])
            assert c.get(path, params=params, headers={"X-API-Key": KEY.encode()}).status_code == 200
        # the key is checked before the body is parsed
        r = c.post("/api/v1/check", content=b"{not json", headers={"content-type": "application/json"})
        assert r.status_code == 401
        # a DNS-rebinding page sends its own name as Host
        r = c.get("/health", headers={"host": "evil.example:8000"})
        assert r.status_code == 400 and r.json()["error"]["type"] == "BadRequest"
        assert c.get("/", headers={"host": "localhost"}).status_code == 200
    with _server(tmp_path / "open", api_key=KEY, open_search="true") as srv, httpx.Client(base_url=srv.url, timeout=600) as c:
        assert c.get("/api/v1/search", params={"q": "养老"}).status_code == 200
        assert c.get("/api/v1/similar", params={"text": "养老服务"}).status_code == 401


def test_serve_warns_loudly_on_a_non_loopback_bind_without_a_key() -> None:
    from topicmine.service.limits import bind_warnings

    warnings = bind_warnings("0.0.0.0", None, ("127.0.0.1", "localhost"))
    assert any("API key" in w for w in warnings)
    assert not any("API key" in w for w in bind_warnings("0.0.0.0", "k", ("127.0.0.1",)))
    assert bind_warnings("127.0.0.1", None, ("127.0.0.1",)) == []


def test_running_work_is_cancelled_when_the_client_leaves_and_memory_returns(tmp_path: Path) -> None:
    """A split that has started computing stops between batches once its client disconnects: the slot frees
    long before the work would have ended, the gate counts one cancellation, and RSS returns."""
    import socket
    from urllib.parse import urlsplit

    with _server(tmp_path, model_workers="1", model_queue="2") as srv, httpx.Client(base_url=srv.url, timeout=600) as c:
        end = time.monotonic() + 600
        while not c.get("/health").json()["warmed_up"] and time.monotonic() < end:
            time.sleep(0.5)
        assert c.post("/api/v1/split", json={"text": unseen_report(90)}).status_code == 200  # warm every code path
        rss0 = srv.rss_bytes()
        body = json.dumps({"text": unseen_report(91, 1500)}, ensure_ascii=False).encode()
        u = urlsplit(srv.url)
        sock = socket.create_connection((u.hostname, u.port))
        sock.sendall(b"POST /api/v1/split HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        _wait_busy(c, running=1)
        time.sleep(1.0)  # well inside the computation (a 1,500-paragraph report)
        sock.close()  # the client leaves
        end = time.monotonic() + 300
        while c.get("/health").json()["busy"]["running"] and time.monotonic() < end:
            time.sleep(0.1)
        busy = c.get("/health").json()["busy"]
        assert busy["running"] == 0 and busy["cancelled"] == 1, busy
        # the slot is free again and the server answers model work normally
        assert c.post("/api/v1/split", json={"text": unseen_report(92)}).status_code == 200
        assert srv.rss_bytes() <= rss0 * 1.10 + 50 * 1024 * 1024, (rss0, srv.rss_bytes())
        assert "Traceback" not in srv.log()


def test_export_is_bounded_and_gated(tmp_path: Path) -> None:
    """Probe P7: 60 drafts × 50 sections × 20 one-character paragraphs took 386 s of CPU in one request; the
    shapes allowed 50× more. Now one request holds at most 5,000 paragraphs / 400,000 字 (422), and a normal
    export still answers. Probe P9: a U+202E in the title does not reach the download's name."""
    para = [{"text": "字"} for _ in range(20)]
    drafts = [{"genre": "proposal", "title": f"关于第{i}项的提案", "sections": [{"heading": "建议", "paragraphs": para}] * 50}
              for i in range(60)]
    with _server(tmp_path) as srv, httpx.Client(base_url=srv.url, timeout=600) as c:
        r = c.post("/api/v1/export-all", json={"drafts": drafts, "format": "md"})
        assert r.status_code == 422 and "导出内容过多" in r.text, r.text[:300]
        one = {"genre": "proposal", "title": "关于\u202e养老的提案", "sections": [{"heading": "建议", "paragraphs": para}]}
        r = c.post("/api/v1/export", json={"draft": one, "format": "md"})
        assert r.status_code == 200, r.text[:300]
        assert "%E2%80%AE" not in r.headers["content-disposition"], r.headers["content-disposition"]
        assert "\u202e" not in r.text and "# 关于养老的提案" in r.text, r.text[:200]
        r = c.post("/api/v1/export-all", json={"drafts": [one] * 3, "format": "docx"})
        assert r.status_code == 200 and r.content[:2] == b"PK"
        assert "Traceback" not in srv.log()
