"""Single small caps in the genres that cover them (hand-written texts): templated stock-news
pages, automated statistics pages, press releases of fiscal-year reporters, chat posts. The
figures a company reports take the quarter it reported; traps around them state no claim."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import extract_claims
from nlp.numbers import find_quantities
from thesisdesk.records import Claim

D = dt.date


def _one(claims: list[Claim], kind: str, value: float) -> Claim:
    got = [c for c in claims if c.kind == kind and (c.value == value or c.low == value)]
    assert got, [(c.kind, c.subject, c.value, c.low) for c in claims]
    return got[0]


TEMPLATE = (
    "Ameris Bancorp (NASDAQ:ABCB) last issued its quarterly earnings data on Tuesday, "
    "October 28th. The bank reported $1.45 earnings per share for the quarter, beating the "
    "consensus estimate of $1.38 by $0.07. The business had revenue of $310.20 million during "
    "the quarter, compared to the consensus estimate of $305.00 million. During the same quarter "
    "in the previous year, the company earned $1.22 earnings per share."
)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        (1.45, D(2025, 7, 1), D(2025, 9, 30)),  # reported in October: the quarter before it
        (310.2, D(2025, 7, 1), D(2025, 9, 30)),  # "during the quarter" is no running quarter
        (1.22, D(2024, 7, 1), D(2024, 9, 30)),  # the same quarter a year earlier
    ],
)
def test_a_templated_page_dates_results_by_the_quarter_reported(
    value: float, start: dt.date, end: dt.date
) -> None:
    c = _one(extract_claims(TEMPLATE, D(2025, 11, 10)), "fundamental", value)
    assert (c.period_start, c.period_end) == (start, end)


@pytest.mark.usefixtures("claims_nlp")
def test_for_the_quarter_with_no_report_named_is_the_last_quarter_ended() -> None:
    text = "Visteon (VC) reported $2.15 earnings per share for the quarter."
    c = _one(extract_claims(text, D(2025, 11, 10)), "fundamental", 2.15)
    assert (c.role, c.period_start, c.period_end) == ("eps", D(2025, 7, 1), D(2025, 9, 30))


RELEASE = (
    "Harborview Instruments, Inc. (NASDAQ: HRVX) today reported results for its fiscal third "
    "quarter ended December 27, 2025.\n"
    "Revenue was $240.5 million, up 9.1% from $220.4 million in the third quarter of fiscal "
    "2025."
)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize("value", [240.5, 9.1])
def test_a_comparisons_quarter_neither_dates_nor_resets_the_reported_one(value: float) -> None:
    c = _one(extract_claims(RELEASE, D(2026, 2, 4)), "fundamental", value)
    assert (c.period_start, c.period_end) == (D(2025, 9, 28), D(2025, 12, 27))


@pytest.mark.usefixtures("claims_nlp")
def test_a_year_over_year_base_is_no_trailing_year() -> None:
    text = (
        "In the third quarter Cinemark (CNK) booked revenue of $857.5 million, down 7.5% from "
        "a year earlier."
    )
    c = _one(extract_claims(text, D(2025, 11, 19)), "fundamental", -7.5)
    assert (c.period_start, c.period_end) == (D(2025, 7, 1), D(2025, 9, 30))


@pytest.mark.usefixtures("claims_nlp")
def test_a_quarter_which_ended_on_a_day_and_revenue_that_moved_to_a_figure() -> None:
    text = (
        "Extreme Networks (EXTR) said revenue for its fiscal first quarter, which ended "
        "September 30, rose 15% to $310.2 million, ahead of the $303 million analysts had "
        "expected."
    )
    claims = extract_claims(text, D(2025, 10, 30))
    for value in (15.0, 310.2, 303.0):
        c = _one(claims, "fundamental", value)
        assert (c.period_start, c.period_end) == (D(2025, 7, 1), D(2025, 9, 30))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The company posted $0.52 EPS for the quarter.", [0.52]),
        ("Analysts expect the firm will post 3.1 earnings per share for the current year.", [3.1]),
        (
            "Trailing EPS for XYZ comes to -2.40, while analysts look for -1.10 next year.",
            [2.4, 1.1],
        ),
        ("For the next quarter, that number is -0.44.", [0.44]),
        ("eps 0.61 vs 0.55 est", [0.61, 0.55]),
    ],
)
def test_per_share_figures_without_a_dollar_or_with_the_name_after(
    text: str, values: list[float]
) -> None:
    got = [q for q in find_quantities(text) if q.unit == "usd_per_share"]
    assert [q.value for q in got] == values


@pytest.mark.parametrize(
    ("text", "value", "low", "high"),
    [
        ("rev 108.5m vs 104m est", 108.5, None, None),
        ("guide q4 rev 102-108m", None, 102.0, 108.0),
        ("sales 1.2b for the year", 1200.0, None, None),
    ],
)
def test_revenue_in_shorthand(
    text: str, value: float | None, low: float | None, high: float | None
) -> None:
    q = next(q for q in find_quantities(text) if q.unit == "usd_millions")
    assert (q.value, q.low, q.high) == (value, low, high)


@pytest.mark.parametrize(
    "text",
    [
        "It now sees EPS of $1.01 to $1.06, up from $0.97 to $1.03 previously.",
        "It raised its EPS guidance to $1.90 to $2.05 from $1.80 to $1.95.",
    ],
)
def test_a_range_replaced_by_a_range_stays_a_range(text: str) -> None:
    ranges = [(q.low, q.high) for q in find_quantities(text) if q.comparator == "range"]
    assert len(ranges) == 2


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (
            "Stride (LRN) was our top holding. Enrollments rose 16% in the quarter.",
            "fundamental",
            16.0,
        ),
        ("Tidemark (TDMK) missed as loads in its brokerage unit fell 9%.", "fundamental", -9.0),
        # an EPS growth list with bare periods: the second figure is no move of the stock
        (
            "For XYZ (RYTM) that means EPS growth of -12.5% this year and 37% next year.",
            "fundamental",
            37.0,
        ),
        # "average" naming a multiple leaves the move a move
        (
            "Matson (MATX) fell 11% on Thursday, leaving it at a 20% discount to its five-year "
            "average multiple.",
            "performance",
            -11.0,
        ),
        ("At $76.10 a share, Knife River (KNF) trades at 21.3x forward P/E.", "price_level", 76.1),
        ("needham bumps $AMBA pt to 115 from 100", "price_target", 115.0),
    ],
)
def test_company_page_phrasings(text: str, kind: str, value: float) -> None:
    _one(extract_claims(text, D(2025, 11, 14)), kind, value)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    "text",
    [
        "CFO Jane Roe sold 3,000 shares on Friday for a total transaction of $181,500.",
        "Cinemark (CNK) priced $500 million of senior notes due 2033 at 6.25%.",
        "Cinemark (CNK) operates 497 theatres with 5,700 screens.",
        "Kulicke and Soffa (KLIC) sits in the top 35% of more than 250 industries.",
        "Some 312,400 Matson (MATX) shares traded, a decline of 41% from the average daily volume.",
    ],
)
def test_traps_on_company_pages_state_no_claim(text: str) -> None:
    assert extract_claims(text, D(2025, 11, 14)) == []


INDEX_DAY = (
    "Small caps rally as results roll in\n"
    "The Russell 2000 rose 1.4% on Thursday, led by regional banks.\n"
    "Nvidia reported revenue of $57 billion, ahead of the $54.9 billion analysts expected, and "
    "earnings of $1.30 per share.\n"
    "A chipmaker that reported quarterly earnings of 45 cents a share beat estimates by 6 cents.\n"
    "Aggregate net income for Russell 2000 members came to $48 billion in the quarter.\n"
    "The small-cap benchmark now trades at 27 times trailing earnings."
)


@pytest.mark.usefixtures("claims_nlp")
def test_a_companys_results_are_no_fundamentals_of_the_articles_index() -> None:
    got = {
        (c.subject, c.value)
        for c in extract_claims(INDEX_DAY, D(2025, 11, 20))
        if c.kind in {"fundamental", "valuation"}
    }
    assert got == {("^RUT", 48000.0), ("^RUT", 27.0)}


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "kind", "value", "role"),
    [
        # a miss said with the estimate between the verb and its size
        (
            "Tidemark (TDMK) earned $0.58 a share, missing the $0.63 consensus by five cents.",
            "fundamental",
            -0.05,
            "surprise",
        ),
        # a per-share loss analysts expected
        (
            "Quillon (QLLN) lost 12 cents a share. Analysts had looked for a loss of $0.17.",
            "fundamental",
            -0.17,
            "eps_estimate",
        ),
        # multiples of a guidance midpoint, and a market value set against a forecast
        (
            "At that price Extreme Networks (EXTR) trades at about 19 times the midpoint of the "
            "new EPS range.",
            "valuation",
            19.0,
            None,
        ),
        (
            "Quillon (QLLN) guided sales to $190 million; its market cap of about $640 million "
            "works out to 3.4 times that forecast.",
            "valuation",
            3.4,
            None,
        ),
    ],
)
def test_results_and_multiples_on_company_pages(
    text: str, kind: str, value: float, role: str | None
) -> None:
    c = _one(extract_claims(text, D(2025, 11, 14)), kind, value)
    assert c.role == role


@pytest.mark.usefixtures("claims_nlp")
def test_a_fair_value_per_share_is_no_earnings() -> None:
    text = "A cash flow model puts fair value for Q2 Holdings (QTWO) near $88 a share."
    assert [c for c in extract_claims(text, D(2025, 12, 10)) if c.kind == "fundamental"] == []


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "value", "role"),
    [
        ("Stride (LRN) key numbers: P/E (TTM) 22.4 | EPS (TTM) $6.41 | Beta 0.35", 6.41, "eps"),
        (
            "Small caps lag. Profits at companies in the index are expected to rise about 30% "
            "next year.",
            30.0,
            "growth",
        ),
    ],
)
def test_a_statistics_row_and_the_members_metric(text: str, value: float, role: str) -> None:
    c = _one(extract_claims(text, D(2025, 9, 30)), "fundamental", value)
    assert c.role == role


@pytest.mark.usefixtures("claims_nlp")
def test_an_unknown_company_reporting_after_the_index_owns_its_figures() -> None:
    text = "In the Russell 2000, Opendoor reported a net loss of $90 million, or 12 cents a share."
    assert [c for c in extract_claims(text, D(2025, 11, 20)) if c.kind == "fundamental"] == []
    text = "Russell 2000 companies reported earnings growth of 12% in the quarter."
    _one(extract_claims(text, D(2025, 11, 20)), "fundamental", 12.0)
