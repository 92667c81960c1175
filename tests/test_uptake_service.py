"""成果转化 endpoints on a real uvicorn: the stored links, 督办 rows and figures, read-only."""

from __future__ import annotations

import shutil

import pytest

httpx = pytest.importorskip("httpx")

from service_server import start_server  # noqa: E402


def reply_links_workdir(tmp_path, sample_dir, monkeypatch):
    """A workdir with the sample's proposals and replies ingested and their reply links stored (no model)."""
    from topicmine.pipeline import Workspace, ingest
    from topicmine.uptake import refresh as refresh_mod
    from topicmine.uptake.refresh import refresh_links

    corpus = tmp_path / "corpus"
    for sub in ("提案", "答复"):
        shutil.copytree(sample_dir / sub, corpus / sub)
    wd = tmp_path / "var"
    ws = Workspace.from_settings(None, workdir=wd)
    ingest(ws, [corpus], show_progress=False)
    monkeypatch.setattr(refresh_mod, "score_pairs", lambda ws, pairs, **kw: [])  # reply links only: no model
    counts = refresh_links(ws)
    ws.close()
    assert counts["reply_links"] >= 3
    return wd


def test_uptake_endpoints_read_stored_links(tmp_path, sample_dir, monkeypatch):
    wd = reply_links_workdir(tmp_path, sample_dir, monkeypatch)
    srv = start_server(wd)
    try:
        r = httpx.get(srv.url + "/api/v1/uptake", params={"today": "2026-01-01"}, timeout=300)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["summary"]["replied"] == len({x["item"] for x in body["replies"]}) >= 3
        assert all(x["outcome"] in ("已解决", "承诺办理", "解释说明", "无法办理", "转办", "无实质内容") for x in body["replies"])
        assert body["refresh"] == {}  # a request never matches documents
        s = httpx.get(srv.url + "/api/v1/uptake/supervision", params={"today": "2026-01-01", "reply_days": 30}, timeout=300)
        assert s.status_code == 200
        rows = s.json()["rows"]
        assert rows and all(row["reason"] for row in rows)
        assert any(row["kind"] == "逾期未答复" for row in rows)  # sample proposals without a reply
        bad = httpx.get(srv.url + "/api/v1/uptake", params={"today": "明天"}, timeout=60)
        assert bad.status_code == 422 and set(bad.json()) == {"error"}
    finally:
        srv.stop()
