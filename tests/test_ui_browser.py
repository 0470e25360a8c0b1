"""The real thing: ``thesisdesk ui`` on a loopback port, driven by Debian's chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_store import fill_sample

from store.db import dispose_all, get_engine

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("THESISDESK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"THESISDESK_REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)")


@contextlib.contextmanager
def start_app(url: str, tmp_path: Path) -> Iterator[str]:
    """``thesisdesk ui`` on a free loopback port for store ``url``; yields its base URL."""
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "--db", url, "ui", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("app did not start:\n" + (tmp_path / "server.log").read_text())
            time.sleep(0.2)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    _need_chromium()
    url = f"sqlite:///{tmp_path / 'sample.db'}"
    fill_sample(get_engine(url))
    dispose_all()
    with start_app(url, tmp_path) as base:
        yield base


def _save(shot: Path) -> None:
    target = os.environ.get("THESISDESK_ARTIFACTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / shot.name)


def test_digest_and_flag_render_in_chromium(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            page.goto(server + "/", wait_until="domcontentloaded")
            expect(page.get_by_role("heading", name="Digest")).to_be_visible(timeout=60_000)
            expect(page.get_by_text("Flagged articles", exact=True).first).to_be_visible(
                timeout=30_000
            )
            link = page.get_by_role("link", name="Chart of the week").first
            expect(link).to_have_attribute("href", "https://charts.example.com/a4")
            # the javascript: URL is never a link
            assert page.locator("a[href^='javascript:']").count() == 0
            assert page.locator("script:has-text('alert')").count() == 0
            shot = tmp_path / "digest.png"
            page.screenshot(path=str(shot), full_page=True)
            _save(shot)

            page.goto(server + "/?page=Flags", wait_until="domcontentloaded")
            expect(page.get_by_role("heading", name="Flags")).to_be_visible(timeout=60_000)
            expect(page.get_by_text("+12.13%").first).to_be_visible(timeout=30_000)
            expect(page.locator("[data-testid='stVegaLiteChart']").first).to_be_visible(
                timeout=30_000
            )
            shot = tmp_path / "flags.png"
            page.screenshot(path=str(shot), full_page=True)
            _save(shot)
        finally:
            browser.close()
    assert (tmp_path / "digest.png").stat().st_size > 10_000
