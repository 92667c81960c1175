"""Every endpoint of the service on a real uvicorn (127.0.0.1, free port, subprocess).

The workdir holds corpus/sample ingested with `topicmine ingest` (and embedded with `topicmine embed`
when the model is built; the tests that need vectors are marked ``model``). The main server is started
through `topicmine serve`; a second one with an API key through `uvicorn --factory`. Limits are set
small by environment (1 MB body, 0.5 MB upload) so the 413 tests stay cheap.
"""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")

from service_server import LiveServer, model_built, prepare_workdir, sample_report, start_server  # noqa: E402

# httpx's default 5 s read timeout is a hidden time assertion: on a loaded 2-core box the first
# requests after start-up wait for the warm-up; what these tests check is the answer, not its speed
_get = functools.partial(httpx.get, timeout=300)
_post = functools.partial(httpx.post, timeout=300)

API_KEY = "test-key-\u5bc6\u94a5-0123456789"  # non-ASCII on purpose: compared as UTF-8 bytes
LIMITS = {"TOPICMINE_SERVICE__MAX_BODY_MB": "1", "TOPICMINE_SERVICE__MAX_UPLOAD_MB": "0.5"}
DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# ---------------------------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def service_workdir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """corpus/sample ingested (and embedded when the model exists) into a temp workdir."""
    wd = tmp_path_factory.mktemp("service-wd")
    errors = prepare_workdir(wd, embed=model_built())
    return wd, errors


@pytest.fixture(scope="session")
def server(service_workdir: tuple[Path, dict[str, str]]) -> Iterator[LiveServer]:
    srv = start_server(service_workdir[0], env=LIMITS, via_cli=True)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def keyed_server(service_workdir: tuple[Path, dict[str, str]]) -> Iterator[LiveServer]:
    srv = start_server(service_workdir[0], env={"TOPICMINE_SERVICE__API_KEY": API_KEY})
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def report() -> tuple[str, str]:
    return sample_report()


@pytest.fixture(scope="session")
def split_result(server: LiveServer, report: tuple[str, str]) -> dict:
    r = _post(server.url + "/api/v1/split", json={"text": report[1]}, timeout=300)
    assert r.status_code == 200, r.text
    return r.json()


def envelope(r: httpx.Response, status: int | tuple[int, ...]) -> dict:
    """Assert the status and the one error envelope; return the error object."""
    codes = status if isinstance(status, tuple) else (status,)
    assert r.status_code in codes, f"{r.status_code} {r.text[:500]}"
    body = r.json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"].get("type"), str) and body["error"]["type"]
    assert isinstance(body["error"].get("message"), str) and body["error"]["message"]
    return body["error"]


def make_docx(title: str, text: str) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading(title, level=0)
    for para in text.split("\n"):
        if para.strip():
            d.add_paragraph(para.strip())
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# health, docs
# ---------------------------------------------------------------------------------------------
def test_health(server: LiveServer) -> None:
    r = _get(server.url + "/health")
    assert r.status_code == 200
    h = r.json()
    assert h["status"] == "ok" and h["version"]
    assert h["documents"] > 0 and h["passages"] > 0


def test_openapi_and_docs(server: LiveServer) -> None:
    spec = _get(server.url + "/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/health", "/api/v1/split", "/api/v1/check", "/api/v1/export", "/api/v1/similar", "/api/v1/search"} <= paths
    # the split endpoint documents both ways of sending a report
    content = spec["paths"]["/api/v1/split"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(content)
    docs = _get(server.url + "/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_page_has_csp_and_no_cors_by_default(server: LiveServer) -> None:
    r = _get(server.url + "/", headers={"Origin": "http://evil.example"})
    assert r.status_code == 200 and "调研报告" in r.text
    csp = r.headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers.get("x-content-type-options") == "nosniff"
    assert "access-control-allow-origin" not in r.headers
    pre = httpx.options(server.url + "/api/v1/split", headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers


def test_static_assets(server: LiveServer) -> None:
    for path, kind in (("/static/app.js", "javascript"), ("/static/app.css", "css")):
        r = _get(server.url + path)
        assert r.status_code == 200 and kind in r.headers["content-type"]


# ---------------------------------------------------------------------------------------------
# split
# ---------------------------------------------------------------------------------------------
def test_split_json(split_result: dict) -> None:
    units, drafts = split_result["units"], split_result["drafts"]
    assert len(units) >= 3 and drafts
    for u in units:
        assert {"id", "text", "genre", "genre_reasons", "section", "heading", "group", "start", "end"} <= set(u), u.keys()
        assert u["genre"] in {"motion", "proposal", "opinion", "keep"}
        assert u["genre_reasons"] and all(isinstance(x, str) for x in u["genre_reasons"])
    for d in drafts:
        assert d["genre"] in {"motion", "proposal", "opinion"}
        assert d["title"]
        assert d["sections"] and all("heading" in s and "paragraphs" in s for s in d["sections"])
        assert d["checks"] and all({"name", "passed", "message", "spans"} <= set(c) for c in d["checks"])
        assert isinstance(d["similar"], list)


def test_split_offsets_point_into_the_report(split_result: dict, report: tuple[str, str]) -> None:
    text = split_result["text"]
    assert text == report[1]
    for u in split_result["units"]:
        assert text[u["start"]:u["end"]] == u["text"]
    for d in split_result["drafts"]:
        for s in d["sections"]:
            for p in s["paragraphs"]:
                if p["start"] is not None:  # quoted, never invented: same characters as the source span
                    # (after the generated lead: the draft's own numbering "（一）" or "外地经验（合肥市）：")
                    assert p["text"].startswith(p.get("lead") or "")
                    quote = p["text"][len(p.get("lead") or ""):]
                    assert re.sub(r"\s", "", quote) == re.sub(r"\s", "", text[p["start"]:p["end"]])


def test_split_override_changes_the_drafts(server: LiveServer, split_result: dict, report: tuple[str, str]) -> None:
    unit = next(u for u in split_result["units"] if u["genre"] != "opinion")
    r = _post(server.url + "/api/v1/split", json={"text": report[1], "overrides": {unit["id"]: "opinion"}},
                   timeout=300)
    assert r.status_code == 200, r.text
    res = r.json()
    changed = next(u for u in res["units"] if u["id"] == unit["id"])
    assert changed["genre"] == "opinion"
    moved = [d for d in res["drafts"] if unit["id"] in d.get("unit_ids", [])]
    assert moved and all(d["genre"] == "opinion" for d in moved), moved
    # the override is the stated reason of the draft it now sits in
    assert all(any("用户指定文种" in r for r in d.get("genre_reasons", [])) for d in moved)


def test_split_bad_override_is_422(server: LiveServer, report: tuple[str, str]) -> None:
    r = _post(server.url + "/api/v1/split", json={"text": report[1], "overrides": {"u1": "poem"}})
    envelope(r, 422)


def test_split_upload_docx(server: LiveServer, report: tuple[str, str], split_result: dict) -> None:
    data = make_docx(*report)
    files = {"file": ("../../etc/报告.docx", data, DOCX_MEDIA)}
    r = _post(server.url + "/api/v1/split", files=files, timeout=300)
    assert r.status_code == 200, r.text
    assert len(r.json()["units"]) >= len(split_result["units"]) - 1
    # the client's file name is never used as a path: nothing left in the workdir under it
    wd = server.workdir
    assert not list(wd.rglob("报告.docx")) and not (wd.parent.parent / "etc" / "报告.docx").exists()
    # nothing of the upload is left anywhere in the workdir (no uploads folder, no temp copy)
    leftovers = [p for p in wd.rglob("*") if p.is_file() and p.suffix in {".docx", ".txt", ".md"}
                 and "reports" not in p.parts]
    assert leftovers == [], leftovers


def test_split_upload_txt_with_overrides(server: LiveServer, report: tuple[str, str], split_result: dict) -> None:
    unit = split_result["units"][0]
    r = _post(server.url + "/api/v1/split",
                   files={"file": ("report.txt", report[1].encode("utf-8"), "text/plain")},
                   data={"overrides": json.dumps({unit["id"]: "keep"})}, timeout=300)
    assert r.status_code == 200, r.text
    got = {u["id"]: u["genre"] for u in r.json()["units"]}
    assert got.get(unit["id"]) == "keep"


def test_split_upload_wrong_types_are_415(server: LiveServer) -> None:
    r = _post(server.url + "/api/v1/split", files={"file": ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100, "application/octet-stream")})
    assert "exe" in envelope(r, 415)["message"]
    r = _post(server.url + "/api/v1/split", files={"file": ("报告.docx", "一、基本情况\n这不是 zip。".encode(), DOCX_MEDIA)})
    envelope(r, 415)
    r = _post(server.url + "/api/v1/split", content=b"text=abc", headers={"content-type": "text/plain"})
    envelope(r, 415)


def test_split_upload_over_limit_is_413(server: LiveServer) -> None:
    big = ("一、基本情况\n" + "调研情况说明。" * 120_000).encode("utf-8")[: int(0.8 * 1024 * 1024)]
    r = _post(server.url + "/api/v1/split", files={"file": ("big.txt", big, "text/plain")}, timeout=60)
    err = envelope(r, 413)
    assert "MB" in err["message"]


def test_split_empty_multipart_is_422(server: LiveServer) -> None:
    r = _post(server.url + "/api/v1/split", files={"other": ("a.txt", b"x", "text/plain")})
    envelope(r, 422)


# ---------------------------------------------------------------------------------------------
# body limits, malformed input, unknown routes
# ---------------------------------------------------------------------------------------------
def test_body_over_limit_with_content_length_is_413(server: LiveServer) -> None:
    body = json.dumps({"text": "养老服务" * 400_000}).encode("utf-8")  # ~4.8 MB > 1 MB
    r = _post(server.url + "/api/v1/check", content=body, headers={"content-type": "application/json"}, timeout=60)
    assert envelope(r, 413)["type"] == "PayloadTooLarge"


def test_content_length_is_trusted_before_reading(server: LiveServer) -> None:
    # a raw request that *announces* 50 MB and sends nothing: refused at once, not waited for
    import socket

    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"POST /api/v1/split HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 52428800\r\n\r\n")
        head = s.recv(4096).decode("latin-1")
    assert head.startswith("HTTP/1.1 413"), head[:200]


@pytest.mark.parametrize("path", ["/api/v1/check", "/api/v1/split"])
def test_chunked_body_over_limit_is_413(server: LiveServer, path: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(40):  # 40 × 64 KB = 2.5 MB, no Content-Length
            yield "建".encode() * 21_845
        yield b'"}'

    r = _post(server.url + path, content=chunks(), headers={"content-type": "application/json"}, timeout=60)
    assert envelope(r, 413)["type"] == "PayloadTooLarge"


@pytest.mark.parametrize("path", ["/api/v1/check", "/api/v1/split", "/api/v1/export"])
def test_malformed_json_is_an_envelope(server: LiveServer, path: str) -> None:
    r = _post(server.url + path, content=b'{"text": "abc",', headers={"content-type": "application/json"})
    envelope(r, (400, 422))


def test_missing_field_is_422(server: LiveServer) -> None:
    envelope(_post(server.url + "/api/v1/check", json={"txt": "abc"}), 422)
    envelope(_post(server.url + "/api/v1/check", json={"text": "abc", "genre": "poem"}), 422)


def test_unknown_route_is_404_envelope(server: LiveServer) -> None:
    assert envelope(_get(server.url + "/api/v1/nope"), 404)["type"] == "NotFound"
    envelope(httpx.delete(server.url + "/api/v1/split"), 405)


# ---------------------------------------------------------------------------------------------
# check, export
# ---------------------------------------------------------------------------------------------
def test_check_a_generated_draft(server: LiveServer, split_result: dict) -> None:
    d = split_result["drafts"][0]
    r = _post(server.url + "/api/v1/check", json={"text": d["text"], "genre": d["genre"]}, timeout=120)
    assert r.status_code == 200, r.text
    res = r.json()
    assert isinstance(res["passed"], bool) and res["genre"] == d["genre"]
    assert res["checks"] and all({"name", "passed", "message", "spans"} <= set(c) for c in res["checks"])


def test_check_a_draft_without_suggestions_fails_with_the_reason(server: LiveServer) -> None:
    text = ("关于加强学校周边交通安全的提案\n调研情况：近年来我市学校周边交通事故时有发生，上下学高峰拥堵严重。\n"
            "问题分析：接送车辆乱停乱放，护学岗配备不足，家长安全意识不强。")
    r = _post(server.url + "/api/v1/check", json={"text": text, "genre": "proposal"}, timeout=120)
    assert r.status_code == 200, r.text
    res = r.json()
    assert res["passed"] is False
    failed = [c for c in res["checks"] if not c["passed"]]
    assert failed and all(c["message"] for c in failed)
    assert any("建议" in c["message"] for c in failed)


def test_export_docx_reopens_with_the_title(server: LiveServer, split_result: dict) -> None:
    import docx

    d = split_result["drafts"][0]
    r = _post(server.url + "/api/v1/export", json={"draft": d, "format": "docx"}, timeout=120)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(DOCX_MEDIA)
    assert "attachment" in r.headers["content-disposition"] and ".docx" in r.headers["content-disposition"]
    doc = docx.Document(io.BytesIO(r.content))
    texts = [p.text for p in doc.paragraphs]
    assert any(d["title"] in t for t in texts), texts[:5]
    heading = d["sections"][0]["heading"]
    assert any(heading in t for t in texts)


@pytest.mark.parametrize("fmt,media", [("md", "text/markdown"), ("json", "application/json")])
def test_export_md_and_json(server: LiveServer, split_result: dict, fmt: str, media: str) -> None:
    d = split_result["drafts"][0]
    r = _post(server.url + "/api/v1/export", json={"draft": d, "format": fmt}, timeout=60)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media)
    assert d["title"] in r.content.decode("utf-8")


def test_export_rejects_a_bad_draft(server: LiveServer) -> None:
    envelope(_post(server.url + "/api/v1/export", json={"draft": {"genre": "poem", "title": "x"}}), 422)
    envelope(_post(server.url + "/api/v1/export", json={"draft": {"genre": "proposal", "title": "x"}, "format": "exe"}), 422)


def test_export_file_name_comes_from_the_title_not_the_client(server: LiveServer, split_result: dict) -> None:
    from urllib.parse import unquote

    d = dict(split_result["drafts"][0], title="../../etc/passwd\r\nX-Evil: 1")
    r = _post(server.url + "/api/v1/export", json={"draft": d, "format": "md"}, timeout=60)
    assert r.status_code == 200, r.text
    cd = r.headers["content-disposition"]
    name = unquote(cd.split("filename*=UTF-8''", 1)[1])
    assert name.endswith(".md") and "/" not in name and "\\" not in name and "\r" not in name and "\n" not in name
    assert "x-evil" not in {k.lower() for k in r.headers}


# ---------------------------------------------------------------------------------------------
# similar, search
# ---------------------------------------------------------------------------------------------
def test_similar(server: LiveServer) -> None:
    q = "建议完善新就业形态劳动者职业伤害保障，扩大骑手驿站覆盖。"
    r = _get(server.url + "/api/v1/similar", params={"text": q, "limit": 5}, timeout=120)
    assert r.status_code == 200, r.text
    res = r.json()
    assert res["retrieval"] in {"keyword", "semantic+keyword"}
    assert res["scored"] or res["note"]  # degraded answers say why
    assert len(res["items"]) <= 5
    for it in res["items"]:
        assert {"title", "level", "score", "doc_type", "text", "spans"} <= set(it)
        for s in it["spans"]:
            assert it["text"][s["b_start"]:s["b_end"]] == q[s["a_start"]:s["a_end"]]


@pytest.mark.model
def test_similar_uses_the_vector_index(server: LiveServer, service_workdir: tuple[Path, dict[str, str]]) -> None:
    if service_workdir[1]:
        pytest.fail(f"`topicmine embed` failed on the sample corpus: {service_workdir[1]}")
    q = "关于推进高标准农田建设与管护的提案。建议建立高标准农田建后管护长效机制，落实管护主体和经费。"
    r = _get(server.url + "/api/v1/similar", params={"text": q, "limit": 5}, timeout=300)
    res = r.json()
    assert res["retrieval"] == "semantic+keyword", res
    assert res["scored"], f"no duplicate scorer: {res['note']}"
    assert res["items"] and all("农田" in it["text"] for it in res["items"])
    assert all(it["level"] in {"重复", "相近", "相关"} for it in res["items"])


def test_similar_validation(server: LiveServer) -> None:
    envelope(_get(server.url + "/api/v1/similar"), 422)
    envelope(_get(server.url + "/api/v1/similar", params={"text": "x", "limit": 0}), 422)


def test_search(server: LiveServer) -> None:
    r = _get(server.url + "/api/v1/search", params={"q": "高标准农田", "limit": 5}, timeout=120)
    assert r.status_code == 200, r.text
    res = r.json()
    assert res["query"] == "高标准农田" and 0 < len(res["hits"]) <= 5
    assert any("农田" in h["snippet"] for h in res["hits"])


def test_search_filters_and_fts_syntax(server: LiveServer) -> None:
    r = _get(server.url + "/api/v1/search", params={"q": "养老", "type": "proposal", "mode": "keyword"})
    assert r.status_code == 200 and all(h["doc_type"] == "proposal" for h in r.json()["hits"])
    for q in ['"', "养老 OR", "NEAR(养老", "*", "'; DROP TABLE passages; --"]:
        r = _get(server.url + "/api/v1/search", params={"q": q, "mode": "keyword"})
        assert r.status_code in (200, 400), (q, r.text)
        if r.status_code != 200:
            envelope(r, 400)
    assert _get(server.url + "/health").json()["passages"] > 0  # nothing dropped
    envelope(_get(server.url + "/api/v1/search", params={"q": "养老", "type": "poem"}), 400)
    envelope(_get(server.url + "/api/v1/search", params={"q": "养老", "mode": "magic"}), 422)


# ---------------------------------------------------------------------------------------------
# API key
# ---------------------------------------------------------------------------------------------
WRITE_CALLS = [
    ("/api/v1/check", {"json": {"text": "关于加强学校周边交通安全的提案\n建议设置护学岗。"}}),
    # long enough to be a report (a shorter text is refused with a message)
    ("/api/v1/split", {"json": {"text": "三、对策建议\n一是提高护理人员待遇，由市民政局建立与技能等级挂钩的薪酬制度。"
                                        "二是建立护理员职业晋升通道，每年评选优秀护理员。"}}),
    ("/api/v1/export", {"json": {"draft": {"genre": "proposal", "title": "关于设置护学岗的提案",
                                           "sections": [{"heading": "具体建议", "paragraphs": [{"text": "建议设置护学岗。"}]}]},
                                 "format": "md"}}),
]


@pytest.mark.parametrize("path,kw", WRITE_CALLS, ids=[p for p, _ in WRITE_CALLS])
def test_api_key_required_for_writes(keyed_server: LiveServer, path: str, kw: dict) -> None:
    url = keyed_server.url + path
    assert envelope(_post(url, **kw, timeout=120), 401)["type"] == "Unauthorized"
    envelope(_post(url, **kw, headers={"X-API-Key": "wrong"}, timeout=120), 401)
    envelope(_post(url, **kw, headers={"X-API-Key": API_KEY[:-1].encode("utf-8")}, timeout=120), 401)
    envelope(_post(url, **kw, headers={"X-API-Key": API_KEY.encode("utf-8") + b"x"}, timeout=120), 401)
    r = _post(url, **kw, headers={"X-API-Key": API_KEY.encode("utf-8")}, timeout=120)
    assert r.status_code == 200, r.text


def test_api_key_not_needed_for_health_page_and_docs(keyed_server: LiveServer) -> None:
    for path in ("/health", "/", "/openapi.json"):
        r = _get(keyed_server.url + path, timeout=120)
        assert r.status_code == 200, (path, r.text[:300])
    # corpus reads and model work need the key too (service.open_search opens /search)
    for path, params in (("/api/v1/search", {"q": "养老"}), ("/api/v1/similar", {"text": "养老服务"})):
        envelope(_get(keyed_server.url + path, params=params, timeout=120), 401)
        r = _get(keyed_server.url + path, params=params, headers={"X-API-Key": API_KEY.encode("utf-8")}, timeout=120)
        assert r.status_code == 200, (path, r.text[:300])


def test_api_key_never_logged(keyed_server: LiveServer) -> None:
    _post(keyed_server.url + "/api/v1/check", json={"text": "x"}, headers={"X-API-Key": "wrong-但很长的密钥".encode("utf-8")})
    log = keyed_server.log_tail(200_000)
    assert API_KEY not in log and "wrong-但很长的密钥" not in log
