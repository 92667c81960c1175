"""Slow clients (outside probe P8, "slowloris") against a real server on 127.0.0.1.

Before: a connection that sent half a request head was held for ever (1,000 of them for the prober's whole
90 s; only the fd limit bounded them). Now `topicmine serve` (and plain uvicorn with
``--http topicmine.service.server:BoundedH11Protocol``) closes a request whose head is not complete within
``service.request_head_timeout_s`` (408), whose body is not complete within ``request_body_timeout_s``, and
keeps at most ``service.max_connections`` open by closing the one waiting longest for its head.

The servers run over an empty workdir with no model (the warm-up fails fast and does not matter here).
Deadlines are 2 s; each raw socket waits up to 60 s for the server to close it, so a pass never depends on
the machine's speed, and a server that does not close (the old behaviour) fails the test.
"""

from __future__ import annotations

import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from service_server import LiveServer, start_server  # noqa: E402

pytestmark = pytest.mark.slow

LIMITS = {
    "TOPICMINE_SERVICE__REQUEST_HEAD_TIMEOUT_S": "2",
    "TOPICMINE_SERVICE__REQUEST_BODY_TIMEOUT_S": "2",
    "TOPICMINE_SERVICE__MAX_CONNECTIONS": "20",
    "TOPICMINE_EMBED__MODEL": "/nonexistent/no-model",  # no 1 GB warm-up for a socket test
}
WAIT = 60.0  # how long a test socket waits for the server to close it (the deadline is 2 s)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    srv = start_server(tmp_path_factory.mktemp("slow-wd"), env=LIMITS, via_cli=True)
    yield srv
    srv.stop()


def _connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    s = socket.create_connection((host, int(port)), timeout=WAIT)
    return s


def _read_until_closed(s: socket.socket, trickle: bytes = b"", every: float = 0.5) -> tuple[bytes, float]:
    """Read until the server closes (b'' or reset), sending ``trickle`` one byte every ``every`` s meanwhile.
    Returns (what the server sent, seconds until it closed); fails if still open after WAIT s."""
    t0 = time.monotonic()
    got = b""
    s.settimeout(every)
    i = 0
    while time.monotonic() - t0 < WAIT:
        try:
            chunk = s.recv(65536)
        except TimeoutError:
            if trickle:
                try:
                    s.sendall(trickle[i % len(trickle): i % len(trickle) + 1])
                except OSError:
                    break  # closed by the server while we were trickling
                i += 1
            continue
        except ConnectionResetError:
            break
        if not chunk:
            break
        got += chunk
    else:
        pytest.fail(f"the server kept the connection open for {WAIT:.0f} s (received {got[:200]!r})")
    return got, time.monotonic() - t0


def test_half_a_request_head_is_closed_with_408(server: LiveServer) -> None:
    s = _connect(server.url)
    s.sendall(b"POST /api/v1/split HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ")
    got, _ = _read_until_closed(s, trickle=b"abcdefgh")  # one byte every 0.5 s: never completes the head
    s.close()
    assert got.startswith(b"HTTP/1.1 408 "), got[:200]
    assert "请求头没有在 2 秒内发送完整".encode() in got


def test_a_silent_connection_is_closed(server: LiveServer) -> None:
    s = _connect(server.url)
    got, _ = _read_until_closed(s)
    s.close()
    assert got == b""  # nothing asked, nothing answered


def test_a_body_that_never_comes_is_closed(server: LiveServer) -> None:
    s = _connect(server.url)
    s.sendall(b"POST /api/v1/similar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              b"Content-Length: 5000\r\n\r\n{\"text\": \"")
    got, _ = _read_until_closed(s, trickle=b"x")
    s.close()
    assert got.startswith(b"HTTP/1.1 408 "), got[:200]
    assert "请求正文没有在 2 秒内发送完整".encode() in got


def _response(s: socket.socket) -> bytes:
    """One whole response (head + Content-Length body) from a keep-alive connection."""
    s.settimeout(WAIT)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        assert chunk, f"closed before a whole response: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(v) for k, _, v in (ln.partition(b":") for ln in head.split(b"\r\n")[1:])
                  if k.strip().lower() == b"content-length")
    while len(body) < length:
        chunk = s.recv(65536)
        assert chunk, "closed mid-body"
        body += chunk
    return head + b"\r\n\r\n" + body


def test_ordinary_requests_and_idle_keep_alive_still_work(server: LiveServer) -> None:
    # an idle keep-alive connection is uvicorn's business (timeout_keep_alive 30 s), not the head deadline:
    # a request after 4 s of quiet (twice the head deadline) is answered on the same connection
    s = _connect(server.url)
    ask = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    s.sendall(ask)
    assert _response(s).startswith(b"HTTP/1.1 200 ")
    time.sleep(4)
    s.sendall(ask)
    assert _response(s).startswith(b"HTTP/1.1 200 ")
    s.close()
    # a request with a body sent at once reaches the app (its answer is the app's, not a 408)
    r = httpx.post(server.url + "/api/v1/similar", json={"text": "关于加强社区养老服务的提案", "limit": 3}, timeout=60)
    assert r.status_code != 408 and "error" in r.json() or r.status_code == 200, r.text


def test_the_connection_cap_closes_the_slowest_and_serves_the_rest(server: LiveServer) -> None:
    slow = []
    for _ in range(40):  # twice the cap of 20, each with half a head
        s = _connect(server.url)
        s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ")
        slow.append(s)
    r = httpx.get(server.url + "/health", timeout=30)  # an honest client still gets through
    assert r.status_code == 200
    answers = []
    for s in slow:
        got, _ = _read_until_closed(s)
        s.close()
        answers.append(got.decode("utf-8", "replace"))
    evicted = [a for a in answers if "连接数已满" in a]
    timed_out = [a for a in answers if "请求头没有在 2 秒内发送完整" in a]
    # the first ones were closed to make room for the later ones (and for the honest client), the rest
    # by their head deadline; every one of the 40 was closed and told why
    assert len(evicted) >= 20 and all(a.startswith("HTTP/1.1 408 ") for a in answers), answers[:3]
    assert len(evicted) + len(timed_out) == 40
    assert all("连接数已满" in a for a in answers[:20])


def test_plain_uvicorn_with_the_protocol_reads_the_limits_from_settings(tmp_path: Path) -> None:
    """The documented production line: ``uvicorn --factory … --http topicmine.service.server:BoundedH11Protocol``."""
    import subprocess

    from service_server import ROOT, env_for, free_port

    port = free_port()
    wd = tmp_path / "wd"
    wd.mkdir()
    log = open(tmp_path / "uvicorn.log", "wb")  # noqa: SIM115 - the child owns it
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "topicmine.service.app:create_app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--http", "topicmine.service.server:BoundedH11Protocol"],
        cwd=ROOT, env=env_for(wd, LIMITS), stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, (tmp_path / "uvicorn.log").read_text(errors="replace")
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.25)
        s = _connect(url)
        s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        got, _ = _read_until_closed(s, trickle=b"X-A: b\r\n")
        s.close()
        assert got.startswith(b"HTTP/1.1 408 "), got[:200]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
