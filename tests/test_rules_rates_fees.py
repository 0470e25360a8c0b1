"""Basis points that are a fund's cost are no rate decision; a sentence is no rate sentence
because it measures in basis points (``claims.rates.basis_points.v1``). Sentences written for
this file."""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2025, 10, 10)


def _kinds(text: str) -> list[tuple[str, float | None]]:
    from nlp.extract import extract_claims

    return [(c.kind.value, c.value) for c in extract_claims(text, DAY)]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    "text",
    [
        "VBR has amassed $31.5 billion in assets and charges 7 bps in annual fees.",
        "It charges 15 bps and trades about 310,000 shares a day.",
        "The expense ratio is 19 bps.",
        "The fund costs just 5 basis points a year.",
        "With a management fee of 25 bp, it is the cheapest in its class.",
    ],
)
def test_a_funds_cost_in_basis_points_is_no_claim(text: str) -> None:
    assert not [k for k, _ in _kinds(text) if k.startswith("rate")]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The Fed cut by 25 bps on Wednesday.", -25.0),
        ("Policymakers delivered a 25 bp cut.", -25.0),
        ("Rates were lowered 25 basis points.", -25.0),
        ("The committee raised rates 75 bps in June 2022.", 75.0),
    ],
)
def test_policy_moves_in_basis_points_stay_decisions(text: str, value: float) -> None:
    assert ("rate_decision", value) in _kinds(text)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Economists at Calder Bank expect two more quarter-point cuts in 2026, taking the "
            "funds rate to 3.25%-3.50% by the end of next year.",
            "rate_expectation",
        ),
        ("The Fed, as expected, cut rates to a range of 3.75%-4.00%.", "rate_decision"),
        ("The Fed cut by 25 bp, taking the rate to 3.75%-4.00%.", "rate_decision"),
        (
            "Markets expected a cut; the Fed delivered, taking its range to 3.75%-4.00%.",
            "rate_decision",
        ),
    ],
)
def test_a_range_a_forecast_ends_at_is_an_expectation(text: str, kind: str) -> None:
    from nlp.extract import extract_claims

    got = [c for c in extract_claims(text, DAY) if c.low is not None]
    assert got and got[0].kind == kind


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    "text",
    [
        "Odds of a December cut are back up to 70% on CME.",
        '@macrojane: "Odds of a December cut back up to 70% on CME after this."',
        "The odds of a cut in December rose to 70%.",
    ],
)
def test_odds_that_moved_back_up_are_the_odds_now(text: str) -> None:
    from nlp.extract import extract_claims

    got = [(c.kind.value, c.probability, c.comparator.value) for c in extract_claims(text, DAY)]
    assert got == [("rate_expectation", 70.0, "eq")]
