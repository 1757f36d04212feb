"""The reader in a real browser: headless Chromium (Debian's) driven by Playwright. Screenshots
go to build/screenshots/. `make test-browser` installs Chromium where it is missing."""

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from baoku.web import create_app

from ..conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "build" / "screenshots"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="no Chromium here; `make test-browser` installs it")


@pytest.fixture(scope="module")
def server(db: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox"])
        yield browser.new_page(viewport={"width": 412, "height": 915})  # a phone
        browser.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_reader_browses_reads_searches_and_sees_the_ocr(server, page):
    page.goto(server)
    assert "qingchuan-daily" in page.inner_text("main")
    shot(page, "1-home")

    page.click("text=2026-03-11")
    page.wait_for_url("**/issues/qingchuan-daily/2026-03-11")
    assert "老旧小区加装电梯有了“青川方案”" in page.inner_text("main")
    shot(page, "2-issue")

    page.click("text=老旧小区加装电梯有了“青川方案”")
    page.wait_for_url("**/articles/qingchuan-daily-2026-03-11-p01-a02")
    assert page.inner_text("h1") == "老旧小区加装电梯有了“青川方案”"
    assert "全市首批38部加装电梯已全部投入使用" in page.inner_text("article")
    assert page.locator("ins", has_text="（").count() > 0  # a repair, marked
    shot(page, "3-article-repaired")

    page.click("text=原文（OCR）")
    page.wait_for_url("**view=read**")
    assert "本报讯 (记者 宋雨桐)" in page.inner_text("article")  # the half-width brackets read
    assert page.locator(".was-repaired").count() > 0
    shot(page, "4-article-as-read")

    page.fill("header input[name=q]", "樱花")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=**")
    assert "共 3 篇" in page.inner_text("#count")
    assert page.locator("mark", has_text="樱花").count() == 3
    page.select_option(".filters select[name=kind]", "news")  # the filter form, empty dates
    page.click(".filters button")
    page.wait_for_url("**kind=news**")
    assert "共 0 篇" in page.inner_text("#count")
    page.select_option(".filters select[name=kind]", "photo")
    page.click(".filters button")
    page.wait_for_url("**kind=photo**")
    assert "共 3 篇" in page.inner_text("#count")
    shot(page, "5-search")

    page.goto(f"{server}/articles/qingchuan-daily-2026-03-11-p01-a01")
    page.click(".box >> text=周明远")
    page.wait_for_url("**/entities/person/**")
    assert "3 篇文章提到" in page.inner_text("main") and "市委书记" in page.inner_text("main")
    shot(page, "6-person")
