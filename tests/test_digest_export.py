"""Exports (text, Markdown, HTML, JSON) and the ``thesisdesk digest`` command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sample_store import SAMPLE_DAY, XSS_TITLE, fill_sample
from typer.testing import CliRunner

from digest import build_digest, render
from digest.export import md_escape, safe_url
from digest.model import Digest
from store.db import get_engine
from ui.cli import app


@pytest.fixture
def store(sqlite_url: str) -> str:
    fill_sample(get_engine(sqlite_url))
    return sqlite_url


@pytest.fixture
def digest(store: str) -> Digest:
    return build_digest(get_engine(store), SAMPLE_DAY)


def _with_flagged_xss(d: Digest) -> Digest:
    """The sample's XSS title belongs to an unflagged article: put it on a flag too."""
    d = d.model_copy(deep=True)
    d.flagged[0].title = XSS_TITLE
    d.flagged[0].claims[0].quote = "<img src=x onerror=alert(1)> fell 3%"
    d.subjects[0].name = "<b>bold</b>"
    return d


def test_html_is_self_contained_and_escaped(digest: Digest) -> None:
    page = render(_with_flagged_xss(digest), "html")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x" in page
    assert "<b>bold</b>" not in page
    assert "<style>" in page
    # no external assets: no src= / stylesheet links / @import
    tags = re.findall(r"<[a-zA-Z][^>]*>", page)
    assert not [t for t in tags if re.search(r"\ssrc=|^<link\b|^<script\b|^<iframe\b", t)]
    assert "@import" not in page and "url(" not in page
    # javascript: URLs never become links; http(s) do
    assert "javascript:" not in page
    assert "href='https://charts.example.com/a4'" in page


def test_markdown_escapes_and_links_only_http(digest: Digest) -> None:
    md = render(_with_flagged_xss(digest), "md")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "javascript:" not in md
    assert "[Chart of the week](<https://charts.example.com/a4>)" in md
    assert md_escape("[x](javascript:alert(1))").startswith("\\[x\\]")


def test_text_export_is_readable(digest: Digest) -> None:
    text = render(digest, "text")
    assert "thesisdesk digest — 2025-09-22" in text
    assert "median $290.00" in text
    assert "support 2,350–2,360: 2 source(s)" in text
    assert "\x1b[" not in text  # no colour codes when written to a file
    assert "Flagged articles" in text


def test_text_export_does_not_interpret_rich_markup(digest: Digest) -> None:
    d = digest.model_copy(deep=True)
    d.flagged[0].title = "[bold red]not markup[/bold red]"
    assert "[bold red]not markup[/bold red]" in render(d, "text")


def test_json_round_trips(digest: Digest) -> None:
    data = json.loads(render(digest, "json"))
    back = Digest.model_validate(data)
    assert back.subject("IWM").targets.median == 290.0
    with pytest.raises(ValueError):
        render(digest, "pdf")


def test_safe_url() -> None:
    assert safe_url("https://a.example/x?y=1") == "https://a.example/x?y=1"
    assert safe_url("HTTP://A.EXAMPLE") == "HTTP://A.EXAMPLE"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "https://a.example/'onmouseover='x",
        None,
        "",
    ):
        assert safe_url(bad) is None


runner = CliRunner()


def test_cli_digest_formats(store: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["--db", store, "digest", "--date", "2025-09-22", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["subjects"][0]["subject"] == "IWM"
    out = tmp_path / "d.html"
    res = runner.invoke(
        app,
        [
            "--db",
            store,
            "digest",
            "--date",
            "2025-09-22",
            "--days",
            "3",
            "--format",
            "html",
            "--output",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    assert out.read_text().startswith("<!doctype html>")
    res = runner.invoke(app, ["--db", store, "digest", "--date", "2025-09-22", "-f", "md"])
    assert res.exit_code == 0 and res.stdout.startswith("# thesisdesk digest")
    res = runner.invoke(app, ["--db", store, "digest", "--date", "2025-09-22", "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["day"] == "2025-09-22"


def test_cli_digest_default_date_says_so(store: str) -> None:
    res = runner.invoke(app, ["--db", store, "digest", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["day"] == "2025-09-22"
    assert "showing the latest day with articles" in data["note"]


def test_cli_digest_bad_input(store: str, sqlite_url: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["--db", store, "digest", "--date", "22/09/2025"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output
    res = runner.invoke(app, ["--db", store, "digest", "--format", "pdf"])
    assert res.exit_code == 2 and "unknown --format" in res.output
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    res = runner.invoke(app, ["--db", empty, "digest"])
    assert res.exit_code == 1 and "scripts/demo.sh" in res.output


def test_cli_help_has_examples() -> None:
    for cmd in ("digest", "ui"):
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0 and "Example:" in res.output
