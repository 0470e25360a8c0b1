"""``thesisdesk claims``: the app's claim search from the command line."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_store import fill_sample
from typer.testing import CliRunner

from store.claims import search_claims
from store.db import dispose_all, get_engine
from ui.cli import app


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'sample.db'}"
    fill_sample(get_engine(url))
    yield url
    dispose_all()


def _run(db: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", db, "claims", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_matches_the_app_query(db: str) -> None:
    code, out, _ = _run(db, "IWM", "--json")
    assert code == 0
    rows = json.loads(out)
    expected = search_claims(get_engine(db), ticker="IWM", limit=50, include_copies=False)
    assert [r["claim_id"] for r in rows] == [h.claim_id for h in expected] and rows
    assert {r["subject"] for r in rows} == {"IWM"}


def test_name_alias_kind_verdict_and_text_filters(db: str) -> None:
    code, out, _ = _run(db, "Russell 2000", "--verdict", "contradicted", "--json")
    assert code == 0 and {r["subject"] for r in json.loads(out)} == {"^RUT"}
    code, out, _ = _run(db, "R2K", "--kind", "Performance", "--json")
    assert code == 0 and {r["kind"] for r in json.loads(out)} == {"performance"}
    code, out, _ = _run(db, "--text", "third quarter", "--json")
    quotes = [r["quote"] for r in json.loads(out)]
    assert quotes and all("third quarter" in q for q in quotes)
    code, out, _ = _run(db, "IWM", "--since", "2100-01-01")
    assert code == 0 and "no claims match" in out


def test_csv_has_a_header_and_plain_labels(db: str) -> None:
    code, out, _ = _run(db, "^RUT", "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and rows[0].keys() >= {"subject", "kind", "verdict", "quote", "url"}
    assert "None" not in out and all(r["kind"][0].isupper() for r in rows)


def test_table_has_headers_and_keeps_whole_words_at_80_columns(db: str) -> None:
    code, out, _ = _run(db, "IWM")
    assert code == 0
    assert "date / source" in out and "quote" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    words = {w for line in out.splitlines() for w in line.split()}
    assert "slide" in words  # "IWM could slide to $210": wrapped, not cut


def test_unknown_ticker_and_bad_options_fail_clearly(db: str) -> None:
    code, out, err = _run(db, "ZZZZ")
    assert code == 1 and "unknown ticker" in err and out == ""
    code, _, err = _run(db, "IWM", "--kind", "horoscope")
    assert code == 1 and "unknown kind" in err
    code, _, err = _run(db, "IWM", "--since", "June")
    assert code == 1 and "--since" in err


def test_help_lists_the_filters(tmp_path: Path) -> None:
    out = CliRunner().invoke(app, ["claims", "--help"]).stdout
    for option in ("--kind", "--since", "--until", "--source", "--verdict", "--text", "--csv"):
        assert option in out


def test_help_shows_plain_types_everywhere() -> None:
    import typer

    root = typer.main.get_command(app)
    paths: list[list[str]] = [[]]
    for name, cmd in root.commands.items():
        paths.append([name])
        paths += [[name, sub] for sub in getattr(cmd, "commands", {})]
    for path in paths:
        out = CliRunner().invoke(app, [*path, "--help"], terminal_width=200).stdout
        assert not re.search(r"<(bool|str|int|float|path|list\[)", out), (path, out)
    out = CliRunner().invoke(app, ["claims", "--help"], terminal_width=200).stdout
    assert re.search(r"--since\s+TEXT", out) and re.search(r"--limit\s+INTEGER", out)


def test_articles_list_has_a_header_and_whole_titles(db: str) -> None:
    result = CliRunner().invoke(app, ["--db", db, "articles", "list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(re.search(r"\bid\s+published\s+source\s+title\b", line) for line in lines)
    assert max(len(line) for line in lines) <= 80
    assert "Chart of the week" in " ".join(" ".join(line.split()) for line in lines)
