"""The 成果转化 page in headless Chromium (Playwright) against a real uvicorn on 127.0.0.1: the 督办 list with
reasons, its links to the evidence, figures by year/unit/category, members' profiles; a screenshot in
tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from service_server import start_server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def test_uptake_page_lists_supervision_with_reasons_and_evidence(tmp_path, sample_dir, monkeypatch):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium not installed (`make browser` installs Debian chromium as root)")
    sync_api = pytest.importorskip("playwright.sync_api")
    from test_uptake_service import reply_links_workdir

    wd = reply_links_workdir(tmp_path, sample_dir, monkeypatch)
    srv = start_server(wd)
    try:
        with sync_api.sync_playwright() as p:
            b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                  args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = b.new_page(viewport={"width": 1280, "height": 1600})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(srv.url + "/uptake")
            page.fill("#today", "2026-01-01")
            page.get_by_role("button", name="查看").click()
            page.wait_for_selector("#supervision tbody tr", timeout=120_000)
            sync_api.expect(page.locator("#status")).to_have_text("已读取。", timeout=120_000)
            rows = page.eval_on_selector_all("#supervision tbody tr",
                                             "trs => trs.map(tr => [...tr.cells].map(c => c.textContent))")
            assert rows and all(r[2] for r in rows), "every 督办 row says why"
            assert {r[0] for r in rows} & {"逾期承诺", "逾期未答复"}
            # a row's evidence link leads to that item's replies and reasons
            link = page.locator("#supervision tbody tr a").first
            target = link.get_attribute("href")
            link.click()
            art = page.locator(target)
            assert art.is_visible() and art.locator("h3").text_content()
            heads = page.eval_on_selector_all("#figures h3", "hs => hs.map(h => h.textContent)")
            assert {"按年份", "按承办单位", "按类别", "委员履职"} <= set(heads)
            body = page.inner_text("body")
            for internal in ("src_doc", "dst_doc", "score", "method", "undefined", "null"):
                assert internal not in body, internal
            assert "答复：" in body and "判断依据" in body
            ARTIFACTS.mkdir(exist_ok=True)
            page.goto(srv.url + "/uptake")
            page.fill("#today", "2026-01-01")
            page.get_by_role("button", name="查看").click()
            sync_api.expect(page.locator("#status")).to_have_text("已读取。", timeout=120_000)
            page.screenshot(path=str(ARTIFACTS / "uptake_page.png"), full_page=False)
            assert not errors, errors
            b.close()
    finally:
        srv.stop()
