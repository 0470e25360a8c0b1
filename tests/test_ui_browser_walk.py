"""A reader's morning in Chromium: every page of ``thesisdesk ui`` on the demo store.

Builds the demo store with ``thesisdesk demo run`` (instruments, market data, the demo
feed, claims, verdicts), starts the app on a loopback port and walks it as an analyst
would: the digest's summary table, picking IWM and ^RUT, a flag, a claim followed to its
highlighted sentence. Screenshots go to ``test-artifacts/`` (or ``$THESISDESK_ARTIFACTS``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_ui_browser import ARGS, CHROMIUM, _need_chromium, start_app

from thesisdesk import settings

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]
ROOT = Path(__file__).resolve().parent.parent


def _artifacts() -> Path:
    target = Path(os.environ.get("THESISDESK_ARTIFACTS") or ROOT / "test-artifacts")
    target.mkdir(parents=True, exist_ok=True)
    return target


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need_chromium()
    data = settings.data_dir()
    if data is None:
        if os.environ.get("THESISDESK_REQUIRE_BROWSER") == "1":
            pytest.fail("THESISDESK_REQUIRE_BROWSER=1 but the shared data directory is missing")
        pytest.skip("shared data directory not found (set THESISDESK_DATA)")
    tmp = tmp_path_factory.mktemp("walk")
    url = f"sqlite:///{tmp / 'demo.db'}"
    run = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--db", url, "demo", "run", "--data", str(data), "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    with start_app(url, tmp) as base:
        yield base


def _settle(page: Page) -> None:
    """Wait until Streamlit has finished running the script (no running indicator)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    page.wait_for_timeout(300)


def _clean(page: Page, name: str) -> None:
    """What no reader should ever see: an exception box, a raw None, an internal code."""
    from playwright.sync_api import expect

    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert not re.search(r"\bNone\b", body), f"{name}: 'None' on the page"
    for code in ("price_level", "price_target", "rate_expectation"):
        assert code not in body, f"{name}: internal kind name {code}"
    # the app scrolls inside its main block: grow the window to the content for the shot
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    size = page.viewport_size
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 50, 12_000)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(_artifacts() / f"{name}.png"))
    if size:
        page.set_viewport_size(size)


def _pick(page: Page, key: str, query: str, expect_label: str) -> None:
    from playwright.sync_api import expect

    box = page.locator(f".st-key-{key}_find input")
    box.fill(query)
    box.press("Enter")
    _settle(page)
    expect(page.locator(f".st-key-{key} input")).to_have_value(
        re.compile("^" + re.escape(expect_label))
    )


def test_a_readers_walk_through_every_page(demo_app: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            walk(page, demo_app)
        finally:
            browser.close()


def walk(page: Page, demo_app: str) -> None:
    """The walk itself (separate so it can be pointed at an app that is already running)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)

    # Digest: opens on the busiest day, the summary table has an IWM row
    page.goto(demo_app + "/", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Digest")).to_be_visible()
    _settle(page)
    expect(page.get_by_text("busiest recent day")).to_be_visible()
    grid = page.locator("[data-testid='stDataFrame']").first  # the summary comes first
    expect(grid).to_be_visible()
    iwm = grid.locator("tr").filter(has=page.locator("td").filter(has_text=re.compile("^IWM$")))
    expect(iwm).to_have_count(1)
    expect(iwm).to_contain_text("iShares Russell 2000 ETF")
    expect(iwm).to_contain_text(re.compile("bullish|bearish|mixed|neutral"))
    for label in ("Download HTML", "Download Markdown", "Download JSON"):
        expect(page.get_by_role("button", name=label)).to_be_visible()
    _clean(page, "digest")

    # Claims: search the whole instrument table for IWM, then ^RUT by its name
    page.goto(demo_app + "/?page=Claims", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Claims")).to_be_visible()
    _settle(page)
    _pick(page, "claims_ticker", "IWM", "IWM — iShares Russell 2000 ETF")
    assert "ticker=IWM" in page.url
    expect(page.get_by_text("in the article").first).to_be_visible()
    _clean(page, "claims-iwm")
    _pick(page, "claims_ticker", "Russell 2000", "^RUT — Russell 2000 Index")
    assert "ticker=%5ERUT" in page.url or "ticker=^RUT" in page.url
    _clean(page, "claims-rut")

    # Ticker: ?ticker=IWM opens IWM; the plain page opens on the busiest subject
    page.goto(demo_app + "/?page=Ticker&ticker=IWM", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Ticker")).to_be_visible()
    _settle(page)
    expect(page.locator(".st-key-ticker_symbol input")).to_have_value(re.compile("^IWM — iShares"))
    expect(page.locator("[data-testid='stVegaLiteChart']").first).to_be_visible()
    _clean(page, "ticker-iwm")
    page.goto(demo_app + "/?page=Ticker", wait_until="domcontentloaded")
    _settle(page)
    expect(page.locator(".st-key-ticker_symbol input")).to_have_value(re.compile(r"^\^RUT — "))
    _clean(page, "ticker-default")

    # Flags: a flag links to its sentence in the article view
    page.goto(demo_app + "/?page=Flags", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Flags")).to_be_visible()
    _settle(page)
    to_article = page.get_by_role("link", name="see it in the article").first
    expect(to_article).to_be_visible()
    _clean(page, "flags")
    href = to_article.get_attribute("href") or ""
    assert "page=Article" in href and "claim=" in href

    # Article: the flagged sentence highlighted, verdicts beside every claim
    page.goto(demo_app + "/" + href.lstrip("/"), wait_until="domcontentloaded")
    _settle(page)
    marked = page.locator("[data-testid='stMarkdownContainer'] span").filter(
        has_text=re.compile(r"\w{4,}")
    )
    selected = page.locator("span[style*='background']").first
    expect(selected).to_be_visible()
    assert marked.count() > 0
    expect(page.get_by_text("contradicted").first).to_be_visible()
    link = page.locator("[data-testid='stMain'] a[href^='https://']")
    expect(link.first).to_be_visible()
    assert not (link.first.get_attribute("href") or "").startswith("file:")
    _clean(page, "article")

    # Sources and the article list render too
    for name in ("Sources", "Article"):
        page.goto(f"{demo_app}/?page={name}", wait_until="domcontentloaded")
        _settle(page)
        _clean(page, "articles" if name == "Article" else name.lower())
