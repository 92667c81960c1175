"""The API fuzzed from its own OpenAPI schema on a live uvicorn, plus the security promises
that need a real server: bodies refused before they are read, FTS5 syntax in queries, client file
names, and no pickle anywhere.

* schemathesis (explicit + generated examples, positive and negative, ≤30 per operation) against
  ``python -m uvicorn --factory topicmine.service.app:create_app`` on 127.0.0.1 over a temp workdir holding the
  ingested sample corpus: no 5xx, every 4xx is the envelope ``{"error": {"type", "message"}}``,
  responses conform to their declared schema.
* In the default run the workdir has no vector index (embedding the sample takes minutes on a busy
  CPU); then the one documented 5xx is ``mode=semantic`` search answering 503 ``IndexMismatchError``
  ("run `topicmine embed`"). The ``slow``+``model`` variant runs the same fuzzing on an embedded
  workdir and allows no 5xx at all.
"""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import time
import uuid
from pathlib import Path

import httpx
import pytest
import schemathesis
import requests
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.generation.meta import TestPhase
from schemathesis.specs.openapi.checks import response_schema_conformance

from live_service import ROOT, LiveServer, copy_workdir, ingested_sample

MODEL_DIR = ROOT / "models" / "multilingual-e5-small"


def _envelope_ok(body: object) -> bool:
    return (
        isinstance(body, dict)
        and set(body) == {"error"}
        and isinstance(body["error"], dict)
        and isinstance(body["error"].get("type"), str)
        and isinstance(body["error"].get("message"), str)
        and body["error"]["type"] != ""
    )


def _check_response(response, case, *, index_built: bool) -> None:
    status = response.status_code
    if status >= 500:
        body = _json(response)
        # without a vector index, semantic search is "not ready": 503 with a rebuild hint
        if (
            not index_built
            and status == 503
            and case.operation.path == "/api/v1/search"
            and (case.query or {}).get("mode") == "semantic"
            and _envelope_ok(body)
            and body["error"]["type"] == "IndexMismatchError"
            and "topicmine embed" in body["error"]["message"]
        ):
            return
        raise AssertionError(f"{case.operation.label} → {status}: {response.text[:300]}\n  reproduce: {_curl(case)}")
    if 400 <= status < 500:
        assert _envelope_ok(_json(response)), f"{case.operation.label} → {status} not an envelope: {response.text[:300]}"


def _curl(case) -> str:
    try:
        return case.as_curl_command()
    except Exception:  # noqa: BLE001
        return f"{case.method} {case.formatted_path} query={case.query!r} body={case.body!r}"[:1000]


def _json(response) -> object:
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None


# ---------------------------------------------------------------------------------------------------
# servers
# ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    w = copy_workdir(ingested_sample(), tmp_path_factory.mktemp("fuzz") / "w")
    with LiveServer(w) as server:
        yield server


@pytest.fixture(scope="module")
def live_embedded(tmp_path_factory: pytest.TempPathFactory):
    if not (MODEL_DIR / "topicmine_manifest.json").is_file():
        pytest.skip(f"embedding model not built at {MODEL_DIR}: run `make setup`")
    w = copy_workdir(ingested_sample(embed=True), tmp_path_factory.mktemp("fuzz-emb") / "w")
    with LiveServer(w) as server:
        yield server


FUZZ = settings(
    max_examples=30,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


def _fuzz_all_operations(server: LiveServer, mode: GenerationMode, *, index_built: bool) -> dict[str, int]:
    """Run every operation of the server's own OpenAPI schema; returns {operation: cases}; fails listing every failure.

    (schemathesis's pytest plugin does not run under pytest 9, so each operation's strategy is driven
    with hypothesis directly — the same cases, checks and shrinking.)
    """
    loaded = schemathesis.openapi.from_url(server.url + "/openapi.json")
    failures: list[str] = []
    counts: dict[str, int] = {}
    protocol_refusals: list[str] = []
    for result in loaded.get_all_operations():
        op = result.ok()
        counts[op.label] = 0
        strategies = [op.as_strategy(generation_mode=mode)]
        if mode is GenerationMode.POSITIVE:
            try:
                strategies.append(op.as_strategy(phase=TestPhase.EXAMPLES))  # the schema's own examples
            except Exception:  # noqa: BLE001 - no examples declared
                pass
        for strategy in strategies:

            @FUZZ
            @given(case=strategy)
            def run(case) -> None:
                counts[op.label] += 1
                invalid_before = server.log().count("Invalid HTTP request received")
                try:
                    response = case.call(base_url=server.url, timeout=300)
                except requests.RequestException as exc:
                    # uvicorn's HTTP parser drops requests that are not valid HTTP (e.g. a raw "[" in the
                    # request target, which negative generation produces) before the app sees them;
                    # that is the protocol layer refusing, not a crash — the server must still be healthy
                    time.sleep(0.2)
                    refused = server.log().count("Invalid HTTP request received") > invalid_before
                    healthy = httpx.get(server.url + "/health", timeout=30).status_code == 200
                    if refused and healthy:
                        protocol_refusals.append(op.label)
                        return
                    raise AssertionError(f"{op.label}: connection failed ({exc}); reproduce: {_curl(case)}") from None
                _check_response(response, case, index_built=index_built)
                if response.status_code < 500:
                    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

            try:
                run()
            except Unsatisfiable:  # e.g. no way to make an invalid request to GET /health
                continue
            except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then fail once
                failures.append(f"{op.label} [{mode.value}]: {type(exc).__name__}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures) + "\n\nserver log:\n" + server.log()[-4000:]
    return counts


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
def test_api_fuzz(live, mode: GenerationMode) -> None:
    counts = _fuzz_all_operations(live, mode, index_built=False)
    assert {"GET /api/v1/search", "POST /api/v1/split", "POST /api/v1/check"} <= set(counts)
    assert sum(counts.values()) >= 3 * len(counts), counts
    assert httpx.get(live.url + "/health").json()["status"] == "ok"
    assert "Traceback" not in live.log(), live.log()[-3000:]


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
def test_api_fuzz_with_index(live_embedded, mode: GenerationMode) -> None:
    _fuzz_all_operations(live_embedded, mode, index_built=True)
    assert "Traceback" not in live_embedded.log(), live_embedded.log()[-3000:]


# ---------------------------------------------------------------------------------------------------
# bodies are refused before they are read
# ---------------------------------------------------------------------------------------------------
def _raw(server: LiveServer, data: bytes, *, read_timeout: float = 10) -> str:
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=read_timeout) as s:
        s.sendall(data)
        buf = b""
        while b"\r\n\r\n" not in buf or len(buf.split(b"\r\n\r\n", 1)[1]) < _content_length(buf):
            part = s.recv(65536)
            if not part:
                break
            buf += part
        return buf.decode("utf-8", "replace")


def _content_length(buf: bytes) -> int:
    m = re.search(rb"(?im)^content-length:\s*(\d+)", buf.split(b"\r\n\r\n", 1)[0])
    return int(m.group(1)) if m else 0


@pytest.mark.parametrize("path", ["/api/v1/split", "/api/v1/check", "/api/v1/export"])
def test_ten_gigabyte_content_length_is_refused_at_once(live, path: str) -> None:
    # the reply arrives although only 3 bytes of the body were sent: had the server waited for the
    # body, the socket timeout in _raw would have ended the read with no 413
    reply = _raw(live, (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        f"Content-Length: {10 * 1024**3}\r\n\r\n").encode() + b'{"t')
    assert reply.startswith("HTTP/1.1 413"), reply[:300]
    body = json.loads(reply.split("\r\n\r\n", 1)[1])
    assert _envelope_ok(body) and body["error"]["type"] == "PayloadTooLarge"


def test_chunked_stream_over_the_limit_is_cut_off_without_buffering(live) -> None:
    """Default limit (12 MB): a 64 MB chunked body is refused, and the server does not grow by its size."""
    before = live.rss_bytes()
    sent = 0
    chunk = b"a" * (1 << 20)

    def body():
        nonlocal sent
        yield b'{"text": "'
        for _ in range(64):
            sent += len(chunk)
            yield chunk
        yield b'"}'

    try:
        r = httpx.post(live.url + "/api/v1/check", content=body(), headers={"content-type": "application/json"},
                       timeout=120)
        status, payload = r.status_code, _json(r)
    except httpx.HTTPError as exc:
        # the server may close the connection while we are still sending: that counts only if it stopped
        # reading early (a transport error after the whole body went out is a failure, not a refusal)
        assert sent < 64 * len(chunk), f"the whole 64 MB body was sent and then the connection failed: {exc!r}"
        status, payload = 413, None
    assert status == 413
    if payload is not None:
        assert _envelope_ok(payload) and payload["error"]["type"] == "PayloadTooLarge"
    growth = live.rss_bytes() - before
    assert growth < 40 * 1024 * 1024, f"server RSS grew by {growth / 2**20:.0f} MB for a refused body"
    assert httpx.get(live.url + "/health").status_code == 200


# ---------------------------------------------------------------------------------------------------
# FTS5 syntax in search queries: answered, never executed, store intact
# ---------------------------------------------------------------------------------------------------
FTS_TOKENS = ['"', "*", "NEAR(", "NEAR", ")", "(", "OR", "AND", "NOT", "-", "^", ":", "+", "'", ";",
              "'; DROP TABLE passages; --", '"; DROP TABLE documents; --', "passages_fts:", "{text}", "\\",
              "营商环境", "养老", "托育", " ", "\u3000", "NEAR(营商环境 养老, 2)", "text:营商", "^养老", "养老*"]


def _store_fingerprint(workdir: Path) -> tuple:
    con = sqlite3.connect(f"file:{workdir / 'topicmine.sqlite'}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'"))
        counts = tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in ("documents", "passages", "sources"))
        return tuple(tables), counts
    finally:
        con.close()


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(q=st.lists(st.sampled_from(FTS_TOKENS), min_size=1, max_size=6).map("".join).filter(lambda s: s.strip()))
def test_fts5_syntax_in_search_queries(live, q: str) -> None:
    r = httpx.get(live.url + "/api/v1/search", params={"q": q, "mode": "keyword"}, timeout=120)
    assert r.status_code == 200, r.text[:300]
    assert r.json()["query"] == q


@pytest.mark.parametrize("q", ['"', "*", "NEAR(", "OR", "-", "^", ":", "(营商环境", "营商环境)", "'; DROP TABLE passages; --",
                               '"; DROP TABLE documents; --', "养老 OR 托育", "NOT 养老", "-养老", "text:养老"])
def test_fts5_syntax_characters_are_200_and_store_intact(live, q: str) -> None:
    before = _store_fingerprint(live.workdir)
    for mode in ("keyword", "hybrid"):
        r = httpx.get(live.url + "/api/v1/search", params={"q": q, "mode": mode}, timeout=120)
        assert r.status_code == 200, (mode, r.text[:300])
    assert _store_fingerprint(live.workdir) == before
    # an ordinary query still finds what it found before
    r = httpx.get(live.url + "/api/v1/search", params={"q": "营商环境", "mode": "keyword"}, timeout=120)
    assert r.status_code == 200 and r.json()["hits"]


# ---------------------------------------------------------------------------------------------------
# uploads: the client's file name is never a path
# ---------------------------------------------------------------------------------------------------
def test_upload_names_never_become_paths(live, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:10]
    report = "一、基本情况\n我市养老机构一百二十家。\n二、对策建议\n一是提高护理人员待遇。二是建立职业晋升通道。\n".encode()
    names = [
        f"../../evil-{tag}.txt",
        f"../../../../../../tmp/evil-{tag}.md",
        f"/tmp/evil-abs-{tag}.txt",
        f"..\\..\\evil-win-{tag}.txt",
    ]
    for name in names:
        r = httpx.post(live.url + "/api/v1/split", files={"file": (name, report, "text/plain")}, timeout=300)
        assert r.status_code == 200 or (400 <= r.status_code < 500 and _envelope_ok(_json(r))), r.text[:300]
    candidates = [Path("/tmp"), tmp_path, live.workdir, live.workdir.parent, live.workdir.parent.parent, ROOT,
                  ROOT.parent, live.workdir / "uploads"]
    leaked = [str(p) for d in candidates if d.is_dir() for p in d.glob(f"*{tag}*")]
    assert leaked == [], f"an upload was written under a client-supplied name: {leaked}"
    uploads = live.workdir / "uploads"
    assert not uploads.exists() or list(uploads.iterdir()) == [], list(uploads.iterdir())


# ---------------------------------------------------------------------------------------------------
# no pickle from a writable location
# ---------------------------------------------------------------------------------------------------
_PICKLE_PATTERNS = [
    (re.compile(r"\bpickle\.loads?\s*\("), "pickle.load"),
    (re.compile(r"\b(?:cPickle|dill|joblib|cloudpickle)\.loads?\s*\("), "pickle-like load"),
    (re.compile(r"allow_pickle\s*=\s*True"), "np.load(..., allow_pickle=True)"),
    (re.compile(r"\bpd\.read_pickle\s*\("), "pandas.read_pickle"),
]
_TORCH_LOAD = re.compile(r"\btorch\.load\s*\(")


def test_no_pickle_loading_in_library_or_service() -> None:
    found = []
    for folder in ("topicmine",):  # the service lives inside the package
        for path in sorted((ROOT / folder).rglob("*.py")):
            src = path.read_text(encoding="utf-8")
            for pat, what in _PICKLE_PATTERNS:
                for m in pat.finditer(src):
                    found.append(f"{path.relative_to(ROOT)}:{src[: m.start()].count(chr(10)) + 1}: {what}")
            for m in _TORCH_LOAD.finditer(src):
                call = src[m.start(): src.find(")", m.start()) + 1]
                if "weights_only=True" not in call.replace(" ", ""):
                    found.append(f"{path.relative_to(ROOT)}:{src[: m.start()].count(chr(10)) + 1}: torch.load without weights_only=True")
    assert found == [], "pickle can run code from a writable file:\n" + "\n".join(found)
    # no exemption: the reader worker's pipe carries JSON frames (topicmine.ingest.isolate), not pickles
    assert "import pickle" not in (ROOT / "topicmine/ingest/isolate.py").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------------
# regressions the fuzzer found (each was a 500)
# ---------------------------------------------------------------------------------------------------
def test_unknown_doc_type_filter_is_400_not_500(live) -> None:
    r = httpx.get(live.url + "/api/v1/search", params={"q": "营商环境", "type": "proposal,不存在的类型"}, timeout=120)
    assert r.status_code == 400 and _envelope_ok(r.json()), r.text[:300]
    assert "不存在的类型" in r.json()["error"]["message"]


@pytest.mark.parametrize("draft", [
    {"genre": "proposal", "title": "t", "sections": [1]},
    {"genre": "proposal", "title": "t", "sections": "abc"},
    {"genre": "proposal", "title": "t", "sections": [{"paragraphs": [1]}]},
    {"genre": "proposal", "title": "t", "checks": [1, 2]},
    {"genre": "proposal", "title": "t", "extra": "\ud800"},
], ids=["section-int", "sections-str", "paragraph-int", "checks-ints", "lone-surrogate"])
def test_malformed_draft_export_is_400_not_500(live, draft: dict) -> None:
    body = json.dumps({"draft": draft, "format": "md"})  # ensure_ascii: the surrogate travels as \ud800
    r = httpx.post(live.url + "/api/v1/export", content=body, headers={"content-type": "application/json"}, timeout=120)
    assert r.status_code in (400, 422) and _envelope_ok(r.json()), r.text[:300]


def test_control_characters_in_a_draft_still_export_to_docx(live) -> None:
    draft = {"genre": "proposal", "title": "关于\x00养老\x1f服务的提案",
             "sections": [{"heading": "\x01建议", "paragraphs": ["\x0b正文。", {"text": "第二段\x08。"}]}]}
    r = httpx.post(live.url + "/api/v1/export", json={"draft": draft, "format": "docx"}, timeout=120)
    assert r.status_code == 200, r.text[:300]
    assert r.content[:2] == b"PK"
