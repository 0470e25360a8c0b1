"""Untrusted text into Markdown: escaped, number in bold, links only for http(s)."""

from __future__ import annotations

from store.claims import ClaimHit
from ui.app.render import claim_markdown, highlight_quote, link, md_escape, number_span
from ui.commands.digest import streamlit_command


def test_number_span_finds_the_claimed_figure() -> None:
    q = "Up 3 days in a row, the Russell 2000 gained 12.4% in Q3"
    assert q[slice(*number_span(q, [12.4]))] == "12.4%"
    q = "The index fell 3% last week"
    assert q[slice(*number_span(q, [-3.0]))] == "3%"
    q = "Support near 2,350 and resistance at 2,500"
    assert q[slice(*number_span(q, [2500.0]))] == "2,500"
    q = "IWM to $260 by July"
    assert q[slice(*number_span(q, [260.0]))] == "$260"
    q = "a target of $300"
    assert q[slice(*number_span(q, [None, 300.0]))] == "$300"
    assert number_span("no figure here", [1.0]) is None
    # a number written in words: nothing is bolded (not the name's digits)
    q = "The iShares Russell 2000 ETF is up, and the Fed cut by a full percentage point."
    assert number_span(q, [-100.0]) is None
    assert "**" not in highlight_quote(q, [-100.0])


def test_highlight_escapes_everything_but_our_bold() -> None:
    out = highlight_quote("<script>x</script> rose 5% [click](javascript:x) $1 *", [5.0])
    assert "**5%**" in out
    assert "<script>" not in out and "\\<script\\>" in out
    assert "\\[click\\]\\(javascript\\:x\\)" in out
    assert "\\$1 \\*" in out


def test_md_escape_blocks_directives_and_latex() -> None:
    assert md_escape(":red[alert]") == "\\:red\\[alert\\]"
    assert md_escape("$x^2$") == "\\$x\\^2\\$"
    assert "\n" not in md_escape("a\nb")


def test_links_only_for_http() -> None:
    assert link("ok", "https://a.example/x") == "[ok](<https://a.example/x>)"
    assert link("bad", "javascript:alert(1)") == "bad"
    assert link("[x](y)", None) == "\\[x\\]\\(y\\)"


def test_claim_markdown_row() -> None:
    hit = ClaimHit(
        claim_id=1,
        article_id=2,
        kind="performance",
        subject="^RUT",
        value=15,
        unit="pct",
        quote="The Russell 2000 surged 15% in Q3",
        title="<b>T</b>",
        url="data:text/html,x",
        verdict="contradicted",
        actual=12.13,
        source="S",
    )
    md = claim_markdown(hit)
    assert "**15%**" in md and ":red[contradicted]" in md and "actual \\+12\\.13%" in md
    assert "<b>" not in md and "data:" not in md


def test_ui_command_is_loopback_headless_without_watcher() -> None:
    cmd = " ".join(streamlit_command(8765))
    for part in (
        "--server.address 127.0.0.1",
        "--server.port 8765",
        "--server.headless true",
        "--browser.gatherUsageStats false",
        "--server.fileWatcherType none",
    ):
        assert part in cmd
