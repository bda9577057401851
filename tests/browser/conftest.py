"""A live portal (``flask portal setup`` + ``flask portal serve``, as
``make run`` does) and a headless Chromium driven by Playwright."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.support import new_context
from tests.support import (
    FLASK,
    flask_env,
    free_port,
    require,
    run_flask,
    start_process,
    stop_process,
    wait_for_port,
)

CHROMIUM = os.environ.get("PORTAL_TEST_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, smtp_server):
    instance = tmp_path_factory.mktemp("live-instance")
    port = free_port()
    env = flask_env(instance, PORTAL_MAIL_URL=f"smtp://127.0.0.1:{smtp_server.port}",
                    PORTAL_BASE_URL=f"http://127.0.0.1:{port}")
    run_flask(env, "portal", "setup")
    process = start_process([FLASK, "portal", "serve", "--port", str(port)], env,
                            instance / "server.log")
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process(process)


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM} "
            "(apt-get install chromium): browser tests are skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = new_context(browser)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
