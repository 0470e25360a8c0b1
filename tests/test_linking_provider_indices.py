# ruff: noqa: E501  (a table: one row per line reads best)
"""Indices named by a provider the instrument table does not list are subjects of their own
(``linking.provider_indices``): the "Small Cap" inside "the MSCI USA Small Cap Index" is not
the Russell 2000, and "MSCI" or "CRSP" inside an index name is not the company. Sentences
written for this file."""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2025, 10, 10)


def _subjects(text: str) -> list[tuple[str, float | None]]:
    from nlp.extract import extract_claims

    return [(c.subject, c.value) for c in extract_claims(text, DAY)]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The MSCI USA Small Cap Index rose 1.2% on Friday.", ("msci usa small cap", 1.2)),
        ("The CRSP US Small Cap Index gained 2.2% in October.", ("crsp us small cap", 2.2)),
        (
            "The fund tracks the CRSP US Small Cap Value Index, which returned 3.1% in Q3.",
            ("crsp us small cap value", 3.1),
        ),
        (
            "The Bloomberg US Aggregate Index returned 1.1% in October, "
            "while the Russell 2000 gained 1.8%.",
            ("bloomberg us aggregate", 1.1),
        ),
    ],
)
def test_a_provider_index_is_its_own_subject(text: str, want: tuple[str, float]) -> None:
    got = _subjects(text)
    assert want in got
    assert not [s for s, v in got if v == want[1] and s in {"^RUT", "small caps", "MSCI", "CRSP"}]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("MSCI shares fell 2% after earnings.", ("MSCI", -2.0)),  # the company
        ("The FTSE Russell 2000 Index rose 1% on Friday.", ("^RUT", 1.0)),  # a listed name
        (
            "The Bloomberg US Aggregate Index returned 1.1% in October, "
            "while the Russell 2000 gained 1.8%.",
            ("^RUT", 1.8),
        ),
    ],
)
def test_listed_names_and_companies_keep_their_subjects(text: str, want: tuple[str, float]) -> None:
    assert want in _subjects(text)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The SPDR S&P 600 Small Cap ETF (SLY) charges 15 bps; it has risen 4.1% in the past month.",
            ("SLY", 4.1),
        ),
        ("The Invesco S&P SmallCap 600 Pure Value ETF (RZV) lost 3%.", ("RZV", -3.0)),
        ("The iShares Russell 2000 Value ETF (IWN) gained 2%.", ("IWN", 2.0)),
    ],
)
def test_an_index_inside_a_funds_name_is_the_fund(text: str, want: tuple[str, float]) -> None:
    got = _subjects(text)
    assert want in got
    assert not [s for s, v in got if s.startswith("^")]


@pytest.mark.usefixtures("claims_nlp")
def test_the_index_of_smaller_companies_is_the_russell_2000() -> None:
    text = (
        "The S&P 500 added 0.4%. The index of smaller companies has now outperformed the "
        "S&P 500 for five sessions on the trot."
    )
    assert ("^RUT", 5.0) in _subjects(text)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Oklo (OKLO) would be worth about $22 billion, or $150 a share.", [("OKLO", 22000.0)]),
        ("The deal is worth $1.1 billion to Kratos (KTOS).", []),
    ],
)
def test_what_a_company_is_worth_is_its_market_value(
    text: str, want: list[tuple[str, float]]
) -> None:
    from nlp.extract import extract_claims

    got = [(c.subject, c.value) for c in extract_claims(text, DAY) if c.kind == "valuation"]
    assert got == want
