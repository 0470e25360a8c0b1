"""Plain labels: what a reader sees instead of stored codes."""

from __future__ import annotations

from ui.app.render import claim_markdown, clean_quote
from ui.labels import kind_code, kind_label, percent, reason, signed, tolerance, unit_label


def test_kinds_units_and_missing_values() -> None:
    assert kind_label("price_level") == "Price level" and kind_label(None) == "—"
    assert kind_label("new_kind") == "New kind"
    assert kind_code("Price level") == "price_level" and kind_code("price-target") == "price_target"
    assert unit_label("pct") == "%" and unit_label("bp") == "basis points"
    assert percent(0.8) == "80%" and percent(None) == "—" and percent(2 / 3, 1) == "66.7%"


def test_tolerance_follows_the_figure_precision() -> None:
    assert tolerance(1.7324, 12.4) == "±1.7"
    assert tolerance(1.7324, 2350.0) == "±2"
    assert tolerance(0.5, 15.0) == "±0.5"
    assert tolerance(None) == "—"
    assert signed(2.8712, 15.0) == "+2.87" and signed(-0.004, 1.234) == "-0.004"


def test_reason_words_and_quotes() -> None:
    assert reason("claimed change gt 100.00 pct; data: 13.51 (a -> b)") == (
        "claimed change more than 100.00%; data: 13.51 (a → b)"
    )
    assert clean_quote("- IWM rose 3%") == "IWM rose 3%"
    assert clean_quote("• • IWM rose") == "IWM rose"
    assert clean_quote("-3% for IWM") == "-3% for IWM"  # a sign is not a bullet


def test_claim_line_links_to_its_sentence() -> None:
    from store.claims import ClaimHit

    hit = ClaimHit(
        claim_id=7,
        article_id=3,
        kind="price_level",
        subject="IWM",
        quote="- IWM holds 240",
        value=240.0,
        url="file:///tmp/a.html",
    )
    md = claim_markdown(hit, ["Main Street Markets"])
    assert "Price level" in md and "price\\_level" not in md
    assert "(?page=Article&article=3&claim=7)" in md
    assert "file:" not in md and "“IWM holds **240**”" in md
    assert "also Main Street Markets" in md
