"""Fundamentals take the period their text gives (devset rule 11), and coordinated subjects
share one figure (hand-written texts)."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import extract_claims
from thesisdesk.records import Claim

D = dt.date


def _one(claims: list[Claim], kind: str, value: float) -> Claim:
    got = [c for c in claims if c.kind == kind and c.value == value]
    assert got, [(c.kind, c.subject, c.value) for c in claims]
    return got[0]


RESULTS = (
    "IonQ (IONQ) shares jumped after the company posted its second-quarter results on "
    "Wednesday. Revenue rose 48% year-over-year to $12.5 million, well above estimates. "
    "New bookings reached $40.5 million year-to-date."
)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        (48.0, D(2025, 4, 1), D(2025, 6, 30)),  # the quarter named a sentence before
        (12.5, D(2025, 4, 1), D(2025, 6, 30)),
        (40.5, D(2025, 1, 1), D(2025, 6, 30)),  # year-to-date: to that quarter's end
    ],
)
def test_results_take_the_quarter_the_article_reports(
    value: float, start: dt.date, end: dt.date
) -> None:
    c = _one(extract_claims(RESULTS, D(2025, 8, 7)), "fundamental", value)
    assert (c.period_start, c.period_end) == (start, end)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "value", "start", "end"),
    [
        (
            "Credo (CRDO) has grown its revenue by 31.5% annually over the last five years.",
            31.5,
            D(2020, 8, 22),
            D(2025, 8, 22),
        ),
        (
            "Over the past two years, IonQ (IONQ) grew its EPS by 9.2% annually.",
            9.2,
            D(2023, 8, 22),
            D(2025, 8, 22),
        ),
        ("IonQ (IONQ) reported revenue of $12.5 million.", 12.5, None, None),  # none given
    ],
)
def test_a_fundamental_takes_the_period_its_sentence_gives(
    text: str, value: float, start: dt.date | None, end: dt.date | None
) -> None:
    c = _one(extract_claims(text, D(2025, 8, 22)), "fundamental", value)
    assert (c.period_start, c.period_end) == (start, end)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        ("Rigetti Computing (RGTI) and IonQ (IONQ) each rose more than 3% on Tuesday.", 2),
        ("Shares of Apple (AAPL), Microsoft and Nvidia (NVDA) all fell about 2%.", 3),
        ("The Russell 2000 and the S&P 600 both climbed 1.4% on Friday.", 2),
    ],
)
def test_coordinated_subjects_each_get_the_shared_figure(text: str, subjects: int) -> None:
    got = {c.subject for c in extract_claims(text, D(2025, 11, 14)) if c.kind == "performance"}
    assert len(got) == subjects, got


@pytest.mark.usefixtures("claims_nlp")
def test_figures_paired_with_names_are_not_shared() -> None:
    text = "The Russell 2000 and the S&P 500 rose 1.2% and 0.5%, respectively."
    got = {(c.subject, c.value) for c in extract_claims(text, D(2025, 11, 14))}
    assert got == {("^RUT", 1.2), ("^GSPC", 0.5)}


@pytest.mark.usefixtures("claims_nlp")
def test_a_period_after_the_second_figure_does_not_date_the_first() -> None:
    text = "IonQ (IONQ) gained 8% on the day, extending its year-to-date gain to 145%."
    claims = extract_claims(text, D(2025, 11, 14))
    day = _one(claims, "performance", 8.0)
    assert (day.period_start, day.period_end) == (D(2025, 11, 14), D(2025, 11, 14))
    ytd = _one(claims, "performance", 145.0)
    assert (ytd.period_start, ytd.period_end) == (D(2025, 1, 1), D(2025, 11, 14))


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "value", "start", "end"),
    [
        # a quarter ending on a month's last day is that calendar quarter
        (
            "Kratos (KTOS) revenue for the quarter ended Sept. 30 rose 26%.",
            26.0,
            D(2025, 7, 1),
            D(2025, 9, 30),
        ),
        # a quarter ending on another day is a 13-week fiscal quarter
        (
            "Credo (CRDO) posted EPS of $0.67 for the quarter ended Nov. 1.",
            0.67,
            D(2025, 8, 3),
            D(2025, 11, 1),
        ),
        # a balance's change between two dates runs from the first date stated
        (
            "Deposits at Zions (ZION) rose by $1.5 billion between March 31 and June 30.",
            1500.0,
            D(2025, 3, 31),
            D(2025, 6, 30),
        ),
        # a fiscal quarter with no dates gets no calendar guess
        ("Credo (CRDO) reported fiscal Q2 2026 revenue of $268 million.", 268.0, None, None),
    ],
)
def test_fundamental_periods_from_stated_dates(
    text: str, value: float, start: dt.date | None, end: dt.date | None
) -> None:
    c = _one(extract_claims(text, D(2025, 12, 3)), "fundamental", value)
    assert (c.period_start, c.period_end) == (start, end)


@pytest.mark.usefixtures("claims_nlp")
def test_estimates_for_a_coming_period_are_not_the_reported_quarter() -> None:
    text = (
        "Kratos (KTOS) reported third-quarter revenue of $347.6 million. "
        "For the coming quarter, the consensus EPS estimate is $0.15."
    )
    claims = extract_claims(text, D(2025, 11, 6))
    assert _one(claims, "fundamental", 347.6).period_end == D(2025, 9, 30)
    assert _one(claims, "fundamental", 0.15).period_start is None


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    "text",
    [
        "Strategists see S&P 600 earnings growing 14% in 2026, after a drop of 4% in 2025.",
        "S&P 600 earnings are expected to rise 14% in 2026 after falling 4% in 2025.",
    ],
)
def test_the_metric_before_after_a_forecast_is_the_same_metric(text: str) -> None:
    # the forecast's own verb signs it, not the decline told after the comma; and the decline
    # is the earnings', not a move of the index
    claims = extract_claims(text, D(2025, 12, 5))
    ahead = _one(claims, "fundamental", 14.0)
    before = _one(claims, "fundamental", -4.0)
    assert (ahead.subject, before.subject) == ("^SP600", "^SP600")
    assert not [c for c in claims if c.kind == "performance"], claims
