"""The drafters' web page driven in headless Chromium (Playwright) against a real uvicorn on 127.0.0.1.

Paste a real 调研报告 → units with genre and reasons → change one unit's genre → regenerate → the
drafts change → download the .docx and reopen it with python-docx → screenshot in tests/artifacts/.
A report containing ``<script>`` shows as text and never runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service_server import LiveServer, prepare_workdir, sample_report, start_server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def page_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium not installed (`make browser` installs Debian chromium as root)")
    pytest.importorskip("playwright.sync_api")
    wd = tmp_path_factory.mktemp("page-wd")
    # keyword-only similar is enough for the page; embedding is covered by test_service_api
    prepare_workdir(wd, embed=False)
    srv = start_server(wd)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser(page_server: LiveServer) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


def _split(page, text: str) -> None:
    page.fill("#report-text", text)
    with page.expect_response(lambda r: "/api/v1/split" in r.url, timeout=300_000) as resp:
        page.get_by_role("button", name="拆分报告").click()
    assert resp.value.status == 200, resp.value.text()
    page.wait_for_selector(".unit", timeout=60_000)


def _drafts(page) -> list[tuple[str, str, str]]:
    return page.eval_on_selector_all(
        "article.draft", "els => els.map(e => [e.dataset.genre, e.dataset.units || '', e.querySelector('h3').textContent])")


def test_paste_split_override_download(page_server: LiveServer, browser, tmp_path: Path) -> None:
    import docx

    title, text = sample_report()
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 1600}, locale="zh-CN")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(page_server.url + "/")
    assert "调研报告拆分助手" in page.title()

    _split(page, text)
    units = page.locator(".unit")
    assert units.count() >= 3
    first = units.first
    assert first.locator("select").input_value() in {"motion", "proposal", "opinion", "keep"}
    # reasons and internals sit behind 详情 (closed by default)
    assert "u1 ·" not in first.inner_text() and "原文 " not in first.inner_text()
    # each suggestion names its matter by the report's own heading and never just repeats its own text: the
    # report's "1. 扩大职业伤害保障覆盖面。……" sits under "（二）完善社会保险和职业伤害保障", which it shows as 事项
    shown = page.eval_on_selector_all(".unit", "els => els.map(e => [e.querySelector('.text').textContent, "
                                      "(e.querySelector('.where.matter') || {}).textContent || ''])")
    for unit_text, matter in shown:
        assert not matter or (matter.startswith("事项：") and matter[3:] not in unit_text), (unit_text, matter)
    assert "（二）完善社会保险和职业伤害保障" in text
    insured = [m for t, m in shown if t.lstrip("1. ").startswith("扩大职业伤害保障覆盖面")]
    assert insured == ["事项：完善社会保险和职业伤害保障"], shown
    first.locator("details.details summary").click()
    assert first.locator(".reasons li").count() >= 1 and first.locator(".reasons li").first.inner_text().strip()
    before = _drafts(page)
    assert before, "no drafts shown"
    assert page.locator("article.draft .checks li").count() >= 1

    # change one unit's genre to 社情民意信息 and regenerate
    sel = page.locator(".unit select").first
    uid = sel.get_attribute("data-unit")
    target = "opinion" if sel.input_value() != "opinion" else "proposal"
    sel.select_option(target)
    with page.expect_response(lambda r: "/api/v1/split" in r.url, timeout=300_000) as resp:
        page.get_by_role("button", name="重新生成").click()
    assert resp.value.status == 200
    page.wait_for_function(
        "([u, g]) => [...document.querySelectorAll('article.draft')].some("
        "e => e.dataset.genre === g && (e.dataset.units || '').split(' ').includes(u))",
        arg=[uid, target], timeout=60_000)
    after = _drafts(page)
    assert after != before
    assert page.locator(f".unit select[data-unit='{uid}']").input_value() == target

    # download the first draft as .docx and reopen it
    card = page.locator("article.draft").first
    draft_title = card.locator("h3 .title").inner_text().strip()
    with page.expect_download(timeout=120_000) as dl:
        card.get_by_role("button", name="下载 .docx").click()
    out = tmp_path / "draft.docx"
    dl.value.save_as(out)
    assert dl.value.suggested_filename.endswith(".docx")
    doc = docx.Document(str(out))
    assert any(draft_title in p.text for p in doc.paragraphs), [p.text for p in doc.paragraphs][:5]

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web_page.png"), full_page=True)
    assert not errors, errors
    ctx.close()


def test_script_in_a_report_shows_as_text(page_server: LiveServer, browser) -> None:
    evil = "<script>window.__pwned=1</script>"
    text = ("关于社区养老服务的调研报告\n一、基本情况\n全市有社区养老服务站120个。" + evil + "\n"
            "二、存在问题\n护理人员流失严重，服务质量参差不齐。<img src=x onerror=\"window.__pwned=2\">\n"
            "三、对策建议\n一是提高护理人员待遇" + evil + "，建立岗位补贴制度。二是建立职业晋升通道，开展等级评定。")
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(page_server.url + "/")
    _split(page, text)
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shown = page.locator("body").inner_text()
    assert evil in shown
    assert page.locator("main script").count() == 0 and page.locator("main img").count() == 0
    ctx.close()


def test_typed_text_beats_old_file_edit_then_download_all(page_server: LiveServer, browser, tmp_path: Path) -> None:
    """A chosen file does not override newly pasted text; a draft edited on the page is what
    is downloaded; 全部下载 gives a .zip of every draft; passed checks carry no [必改]."""
    import zipfile

    import docx

    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(page_server.url + "/", wait_until="domcontentloaded")
    old = tmp_path / "old.txt"
    old.write_text("一、基本情况\n旧文件。\n", encoding="utf-8")
    page.set_input_files("#report-file", str(old))
    _split(page, sample_report()[1])  # typed after choosing the file: the typed text is split
    assert page.locator("#report-file").input_value() == ""
    titles = [t for _, _, t in _drafts(page)]
    assert len(titles) >= 3
    for li in page.locator("article.draft .checks li.ok .sev").all_inner_texts():
        assert "必改" not in li
    card = page.locator("article.draft").first
    editor = card.locator("textarea.editor")
    text = editor.input_value()
    first_line = text.split("\n", 1)[0]
    editor.fill(text.replace(first_line, "关于修改后标题的建议案", 1))
    with page.expect_download(timeout=120_000) as dl:
        card.get_by_role("button", name="下载 .docx").click()
    out = tmp_path / "edited.docx"
    dl.value.save_as(out)
    assert "关于修改后标题的建议案" in [p.text for p in docx.Document(str(out)).paragraphs]
    with page.expect_download(timeout=120_000) as dl:
        page.get_by_role("button", name="全部下载（.zip）").click()
    z = tmp_path / "all.zip"
    dl.value.save_as(z)
    names = zipfile.ZipFile(z).namelist()
    assert len(names) == len(titles) and all(n.endswith(".docx") for n in names)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web_page_edit.png"), full_page=False)
    ctx.close()
