"""The same mistake gets the same status and error ``type`` on every JSON endpoint (live uvicorn, 127.0.0.1),
and POST ``/api/v1/similar`` takes the 20,000-character Chinese text a GET URL cannot carry."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from live_service import LiveServer, copy_workdir, ingested_sample

ENDPOINTS = ("/api/v1/split", "/api/v1/check", "/api/v1/export", "/api/v1/export-all", "/api/v1/similar")
JSON = {"content-type": "application/json"}

MISTAKES = {
    # name: (request kwargs, expected status, expected type)
    "broken JSON": (dict(content=b'{"text": ', headers=JSON), 400, "BadRequest"),
    "nested 100k deep": (dict(content=b'{"text":' + b"[" * 100_000 + b"]" * 100_000 + b"}", headers=JSON), 400, "BadRequest"),
    "not JSON at all": (dict(content="关于托育".encode(), headers={"content-type": "text/plain"}), 415, "UnsupportedMediaType"),
    "no body": (dict(content=b"", headers=JSON), 422, "ValidationError"),
    "a list, not an object": (dict(json=[1, 2]), 422, "ValidationError"),
    "text is a number": (dict(json={"text": 123}), 422, "ValidationError"),
    "unknown field": (dict(json={"text": "关于", "zzz": 1}), 422, "ValidationError"),
    "text over 200,000": (dict(json={"text": "字" * 200_001}), 422, "ValidationError"),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    workdir = copy_workdir(ingested_sample(), tmp_path_factory.mktemp("errtypes") / "w")
    with LiveServer(workdir) as srv:
        yield srv


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_same_mistake_same_status_and_type_everywhere(server, mistake: str) -> None:
    kwargs, status, kind = MISTAKES[mistake]
    with httpx.Client(base_url=server.url, timeout=120) as c:
        got = {ep: (r.status_code, r.json()["error"]["type"]) for ep in ENDPOINTS for r in [c.post(ep, **kwargs)]}
    assert set(got.values()) == {(status, kind)}, got


def test_similar_text_limit_is_the_same_for_get_and_post(server) -> None:
    with httpx.Client(base_url=server.url, timeout=120) as c:
        r = c.post("/api/v1/similar", json={"text": "养" * 20_001})
        assert r.status_code == 422 and r.json()["error"]["type"] == "ValidationError"
        r = c.get("/api/v1/similar", params={"text": "a" * 20_001})
        assert r.status_code == 422 and r.json()["error"]["type"] == "ValidationError"
        r = c.post("/api/v1/similar", json={"text": "养老", "limit": 51})
        assert r.status_code == 422 and r.json()["error"]["type"] == "ValidationError"


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_post_similar_answers_20000_chinese_characters(tmp_path: Path) -> None:
    """20,000 字 percent-encoded is ~180 KB: too long for a request line, fine as a POST body. (The query is
    embedded window by window: minutes of CPU on a busy 2-core machine.)"""
    from test_service_hostile import unseen_report

    workdir = copy_workdir(ingested_sample(embed=True), tmp_path / "w")
    text = "\n".join(unseen_report(i, 60) for i in range(12))[:20_000]
    assert len(text) == 20_000
    with LiveServer(workdir) as srv, httpx.Client(base_url=srv.url, timeout=900) as c:
        r = c.post("/api/v1/similar", json={"text": text, "limit": 5})
        assert r.status_code == 200, r.text[:300]
        items = r.json()["items"]
        assert 1 <= len(items) <= 5
        get = c.get("/api/v1/similar", params={"text": text[:500], "limit": 5})
        assert get.status_code == 200
