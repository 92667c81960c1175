"""/docs (Swagger UI) and /redoc (ReDoc) render the API's operations in headless Chromium with every request
that does not go to the service itself blocked — an office machine without internet access."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service_server import LiveServer, prepare_workdir, start_server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def docs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium not installed (`make browser` installs Debian chromium as root)")
    pytest.importorskip("playwright.sync_api")
    wd = tmp_path_factory.mktemp("docs-wd")
    prepare_workdir(wd, embed=False)
    srv = start_server(wd)
    yield srv
    srv.stop()


def _offline_page(srv: LiveServer, path: str):  # type: ignore[no-untyped-def]
    """Open ``path`` with the network cut off except the service; returns (page, blocked, errors, csp, close)."""
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                           args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
    ctx = b.new_context(locale="zh-CN")
    blocked: list[str] = []

    def route(r) -> None:  # type: ignore[no-untyped-def]
        if r.request.url.startswith(srv.url):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    resp = page.goto(srv.url + path)
    assert resp is not None and resp.status == 200
    csp = resp.headers.get("content-security-policy", "")

    def close() -> None:
        b.close()
        pw.stop()

    return page, blocked, errors, csp, close


def test_swagger_ui_renders_operations_offline(docs_server: LiveServer) -> None:
    page, blocked, errors, csp, close = _offline_page(docs_server, "/docs")
    try:
        page.wait_for_selector(".opblock", timeout=60_000)
        ops = page.locator(".opblock-summary-path").all_inner_texts()
        assert any("/api/v1/split" in o for o in ops), ops
        assert any("/api/v1/check" in o for o in ops), ops
        assert blocked == [], f"/docs tried to reach the network: {blocked}"
        assert not [e for e in errors if "Content Security Policy" in e], errors
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert "default-src 'none'" in csp
    finally:
        close()


def test_redoc_renders_operations_offline(docs_server: LiveServer) -> None:
    page, blocked, errors, csp, close = _offline_page(docs_server, "/redoc")
    try:
        page.wait_for_selector("[data-section-id^='operation/']", timeout=60_000)
        assert page.locator("[data-section-id^='operation/']").count() >= 5  # one section per operation
        page.wait_for_function("document.body.innerText.includes('/api/v1/split')", timeout=30_000)
        assert blocked == [], f"/redoc tried to reach the network: {blocked}"
        # ReDoc's "powered by" logo points at its CDN: the page's CSP stops it before any request (wanted);
        # no script, style, worker or fetch of the page itself may be blocked
        assert not [e for e in errors if "Content Security Policy" in e and "img-src" not in e], errors
        assert "script-src 'self'" in csp
    finally:
        close()


def test_docs_assets_come_from_the_installed_package(docs_server: LiveServer) -> None:
    import httpx

    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        r = httpx.get(f"{docs_server.url}/docs-assets/{name}", timeout=30)
        assert r.status_code == 200 and len(r.content) > 50_000, name
