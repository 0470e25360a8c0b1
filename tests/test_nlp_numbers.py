"""Quantities and periods read from plain strings (no spaCy: fast)."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.numbers import find_quantities, parse_number
from nlp.periods import find_periods


def _q(text: str) -> list[tuple[str, float | None, float | None, float | None, str]]:
    return [(q.unit, q.value, q.low, q.high, q.comparator) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shares jumped 7.5% on the news", [("pct", 7.5, None, None, "eq")]),
        ("a band of $118–$124 for the fund", [("usd", None, 118.0, 124.0, "range")]),
        ("buyers between $61 and $64", [("usd", None, 61.0, 64.0, "range")]),
        ("a 50-basis-point move", [("bp", 50.0, None, None, "eq")]),
        ("trimmed rates by 25 bps", [("bp", 25.0, None, None, "eq")]),
        ("a quarter-point cut", [("bp", 25.0, None, None, "eq")]),
        ("eased by a full percentage point", [("bp", 100.0, None, None, "eq")]),
        ("trading at 3–4x book", [("x", None, 3.0, 4.0, "range")]),
        ("about 17 times forward earnings", [("x", 17.0, None, None, "approx")]),
        ("a profit of 18 cents per share", [("usd_per_share", 0.18, None, None, "eq")]),
        ("sales of $1.4 billion", [("usd_millions", 1400.0, None, None, "eq")]),
        # newswire abbreviations of the scale
        ("quarterly sales of $2.35 bln", [("usd_millions", 2350.0, None, None, "eq")]),
        ("a buyback of $40 mln", [("usd_millions", 40.0, None, None, "eq")]),
        ("a range of $1.1 bln to $1.3 bln", [("usd_millions", None, 1100.0, 1300.0, "range")]),
        ("the index shed 41 points", [("points", 41.0, None, None, "eq")]),
        ("the Dow gave up over two per cent", [("pct", 2.0, None, None, "gt")]),
        ("small caps added three percent", [("pct", 3.0, None, None, "eq")]),
        ("finished at 2,481.77 on Friday", [("bare", 2481.77, None, None, "eq")]),
        ("a zone of 2,350–2,400 points", [("points", None, 2350.0, 2400.0, "range")]),
        ("north of 22x", [("x", 22.0, None, None, "gt")]),
        ("up to 9%", [("pct", 9.0, None, None, "lte")]),
        ("at least 12%", [("pct", 12.0, None, None, "gte")]),
        ("nearly 40%", [("pct", 40.0, None, None, "approx")]),
        ("seven straight weekly gains", [("count", 7.0, None, None, "eq")]),
        ("desks see either two or three rate cuts", [("count", None, 2.0, 3.0, "range")]),
        ("a spread of 3 percentage points", [("pp", 3.0, None, None, "eq")]),
        # scale letters in either case, glued to the figure
        ("sales of $412M in the quarter", [("usd_millions", 412.0, None, None, "eq")]),
        ("a $2.3B order book", [("usd_millions", 2300.0, None, None, "eq")]),
        ("a $950k grant", [("usd_millions", pytest.approx(0.95), None, None, "eq")]),
        # multiples named by their ratio, with no x
        ("a trailing P/S ratio of 7.4", [("x", 7.4, None, None, "eq")]),
        ("its price-to-book ratio is 1.8", [("x", 1.8, None, None, "eq")]),
        ("EV/EBITDA near 9.5", [("x", 9.5, None, None, "approx")]),
        ("its forward P/E is just under 15 times", [("x", 15.0, None, None, "lt")]),
        ("the group's valuation sits below 11 times", [("x", 11.0, None, None, "lt")]),
        # per-share earnings written bare
        ("trailing EPS for ZZZ is 1.42", [("usd_per_share", 1.42, None, None, "eq")]),
        ("next year EPS estimates of 2.05", [("usd_per_share", 2.05, None, None, "eq")]),
        ("EPS: -0.64 over the last year", [("usd_per_share", 0.64, None, None, "eq")]),
        # issue #11: per diluted share, surprises in words, multiples named after "times"
        ("earned $0.88 per diluted share", [("usd_per_share", 0.88, None, None, "eq")]),
        ("two cents ahead of forecasts", [("usd", 0.02, None, None, "eq")]),
        ("missed by a penny a share", [("usd_per_share", 0.01, None, None, "eq")]),
        ("at 7.5 times enterprise value to EBITDA", [("x", 7.5, None, None, "eq")]),
        ("a book-to-bill ratio of 1.2", [("x", 1.2, None, None, "eq")]),
        ("P/E Ratio (TTM): 19.6", [("x", 19.6, None, None, "eq")]),
        ("EPS (TTM): 3.05", [("usd_per_share", 3.05, None, None, "eq")]),
        ("a forward earnings multiple of 21", [("x", 21.0, None, None, "eq")]),
        ("it trades on a 13 P/E", [("x", 13.0, None, None, "eq")]),
        ("its P/E has fallen to 14.5", [("x", 14.5, None, None, "eq")]),
        (
            "P/S is 2.2, against 4.8 for large caps",
            [("x", 2.2, None, None, "eq"), ("bare", 4.8, None, None, "eq")],
        ),
    ],
)
def test_quantities(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _q(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the 200-day moving average",
        "since 2019 and during 2022–2023",
        "on October 14 the committee met",
        "Industrials861072--, Tech",
        "in Q3 the economy grew",
        "a 25-year low in relative valuations",
        "Thursday, Dec 18, 2025 9:43 pm ET",
        "EPS growth was three times faster than sales",
        "EPS for 2024 rose",
        "penny stocks rallied",
        "it signed 10 multiple-year contracts",
        "the index rose, against 4 for the year",
    ],
)
def test_not_quantities(text: str) -> None:
    assert _q(text) == []


def test_other_dollars_are_no_usd_figures() -> None:
    assert _q("a target of C$54, up from CA$50 (A$40 in Sydney)") == []
    assert _q("a target of US$2.25") == [("usd", 2.25, None, None, "eq")]


def test_from_to_is_two_figures_not_a_range() -> None:
    got = _q("the broker lifted its target from $40 to $48")
    assert [g[1] for g in got] == [40.0, 48.0]
    # falling, too: the first figure was once dropped (no range runs downwards)
    got = _q("the broker cut its target from $48 to $40")
    assert [g[1] for g in got] == [48.0, 40.0]
    # no "from": "down 5 to 3%" keeps the last figure only
    assert [g[1] for g in _q("the desk moved it $48 to $40")] == [40.0]


def test_a_dollar_change_then_the_price_it_reached_is_no_range() -> None:
    # "dropped $3.15 to $41.60": the move, then where it ended
    got = _q("Upstart dropped $3.15 to $41.60 by the close")
    assert got == [("usd", 3.15, None, None, "eq"), ("usd", 41.6, None, None, "eq")]
    assert find_quantities("Upstart dropped $3.15 to $41.60")[1].start == len(
        "Upstart dropped $3.15 to "
    )
    # without a move verb before it, "$40 to $44" stays a band
    assert _q("a band of $40 to $44") == [("usd", None, 40.0, 44.0, "range")]


def test_a_multiple_given_as_a_span_is_a_range() -> None:
    assert _q("the group trades at 11 to 13 times forward earnings") == [
        ("x", None, 11.0, 13.0, "range")
    ]
    assert _q("small caps at 15-17 times earnings") == [("x", None, 15.0, 17.0, "range")]


def test_the_wires_abbreviations_of_percent() -> None:
    assert _q("the index fell 0.8 pct") == [("pct", 0.8, None, None, "eq")]
    assert _q("small caps rose 1.4pc on the day") == [("pct", 1.4, None, None, "eq")]
    assert _q("it holds a 20 pc stake") == []


def test_a_forecast_to_double_or_triple_is_a_percent_change() -> None:
    assert _q("the stock could double by 2027") == [("pct", 100.0, None, None, "eq")]
    assert _q("shares may triple from here") == [("pct", 200.0, None, None, "eq")]
    assert _q("IWM is set to double") == [("pct", 100.0, None, None, "eq")]
    # what is doubled is not always the price: "to double its revenue", "double down"
    assert _q("it plans to double its revenue") == []
    assert _q("traders chose to double down") == []
    assert _q("a double bottom formed") == []


def test_unreadable_numbers_do_not_raise() -> None:
    assert parse_number("1.2.3") is None
    find_quantities("$1.2.3 and 50%% and 4..5x and $$ and %")


P = dt.date(2025, 11, 14)  # a Friday


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("gained 4% in Q2 2025", "2025-04-01", "2025-06-30"),
        ("in the third quarter of 2024", "2024-07-01", "2024-09-30"),
        ("its October advance", "2025-10-01", "2025-10-31"),
        ("in November so far", "2025-11-01", "2025-11-14"),
        ("up 9% year-to-date", "2025-01-01", "2025-11-14"),
        ("so far this year", "2025-01-01", "2025-11-14"),
        ("since late 2021", "2021-10-01", "2025-11-14"),
        ("since early August", "2025-08-01", "2025-11-14"),
        ("over the past three years", "2022-11-14", "2025-11-14"),
        ("in the past month", "2025-10-14", "2025-11-14"),
        ("over the last five sessions", "2025-11-10", "2025-11-14"),
        ("last week", "2025-11-03", "2025-11-07"),
        ("on Wednesday", "2025-11-12", "2025-11-12"),
        ("in 2024", "2024-01-01", "2024-12-31"),
        ("in 2025", "2025-01-01", "2025-11-14"),
        ("the September 17 decision", "2025-09-17", "2025-09-17"),
        ("last month", "2025-10-01", "2025-10-31"),
    ],
)
def test_periods(text: str, first: str, last: str) -> None:
    found = [p for p in find_periods(text, P) if p.first]
    assert found, text
    assert (found[0].first.isoformat(), found[0].last.isoformat()) == (first, last)


def test_as_of_is_an_anchor() -> None:
    found = find_periods("as of September 2025", P)
    assert found[0].anchor and found[0].last == dt.date(2025, 9, 30)


def test_fiscal_quarters_are_read_on_the_calendar_but_unsure() -> None:
    found = find_periods("in its fiscal second quarter", P)
    assert found and found[0].first == dt.date(2025, 4, 1)
    assert not found[0].sure  # company calendars differ: below PERIOD_SURE_MIN


def test_no_date_no_periods() -> None:
    assert find_periods("in Q3 2025", None) == []


@pytest.mark.parametrize(
    ("text", "name", "figures"),
    [
        (
            "Strategists lifted their target for the Russell 2000 to 2,650 from 2,400.",
            "Russell 2000",
            [2650.0, 2400.0],
        ),
        ("A run in the S&P 500 to 7,000 looks stretched.", "S&P 500", [7000.0]),
        ("The Nasdaq 100 to 22,000 by spring is the bull case.", "Nasdaq 100", [22000.0]),
        ("The Russell 2000 - 2,380 is the line to hold.", "Russell 2000", [2380.0]),
    ],
)
def test_a_masked_name_never_swallows_the_next_figure(
    text: str, name: str, figures: list[float]
) -> None:
    """The extractor masks instrument names; a number in one must not start a range that
    eats the real figure after it ("2000 to 2,650" is no range)."""
    at = text.index(name)
    found = find_quantities(text, masked=[(at, at + len(name))])
    assert [q.value for q in found] == figures
    assert all(q.low is None and q.high is None for q in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # wire scales: "bln", and "mln" at a range's far end
        ("Q3 sales $5.17 bln vs. $5.40 bln", [("usd_millions", 5170.0, None, None, "eq")] * 1),
        ("an outlook of $43-48 mln", [("usd_millions", None, 43.0, 48.0, "range")]),
        # a guided range that repeats its direction on both ends
        ("sees sales down 1.5% to down 1%", [("pct", None, 1.0, 1.5, "range")]),
        ("sees sales up 2%-up 3%", [("pct", None, 2.0, 3.0, "range")]),
        # a fall to a smaller figure is still one figure
        ("fell 5 to 3%", [("pct", 3.0, None, None, "eq")]),
    ],
)
def test_issue11_wire_scales_and_ranges(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _q(text)[: len(expected)] == expected


def test_issue11_a_usd_code_before_the_figure_is_dollars() -> None:
    assert _q("net sales of USD 2.6 million for 2008") == [("usd_millions", 2.6, None, None, "eq")]


def test_issue11_eps_in_cents_is_cents() -> None:
    assert _q("EPS estimates were 11 cents") == [("usd", 0.11, None, None, "eq")]


def test_issue11_other_dollars_are_not_us_dollars() -> None:
    assert [g[0] for g in _q("EBITDA exceeding C$10 bln in 2022")] == []
    assert _q("revenue of US$4.5 billion") == [("usd_millions", 4500.0, None, None, "eq")]


def _usd(text: str) -> list[tuple[float | None, float | None, float | None]]:
    return [(q.value, q.low, q.high) for q in find_quantities(text) if q.unit == "usd"]


def test_a_dollar_zone_with_a_slash() -> None:
    assert _usd("support at $61/63 held again") == [(None, 61.0, 63.0)]
    assert _usd("a $70/$75 call spread") == [(None, 70.0, 75.0)]
    assert _usd("earnings of $0.35/share") != [(None, 0.35, None)]


def test_a_dollar_sign_after_the_figure() -> None:
    assert _usd("price now is around 57$ and") == [(57.0, None, None)]
    assert _usd("next target is 60-62$ zone") == [(None, 60.0, 62.0)]


def test_a_percentage_after_and_ends_no_dollar_zone() -> None:
    got = find_quantities("its 50-day average of $18.20 and 12% above its 200-day")
    assert [(q.unit, q.value) for q in got] == [("usd", 18.2), ("pct", 12.0)]


def test_times_in_a_month_is_how_often() -> None:
    got = find_quantities("the price was rejected 3 times in May near $40")
    assert all(q.unit != "x" for q in got)


def test_a_year_shaped_level_named_by_its_noun() -> None:
    got = find_quantities("the index is heading towards the 1900 level after the 2000 mark")
    assert [q.value for q in got] == [1900.0, 2000.0]
    # years stay years: "in 2024", "back to 2021 levels"
    assert find_quantities("in 2024 small caps went back to 2021 levels") == []


@pytest.mark.parametrize(
    "text",
    [
        "Small caps trade between 15 and 16 times forward profits.",
        "Small caps trade between 15x and 16x forward earnings.",
    ],
)
def test_a_range_of_multiples_said_with_between(text: str) -> None:
    qs = [q for q in find_quantities(text) if q.unit == "x"]
    assert [(q.low, q.high, q.comparator) for q in qs] == [(15.0, 16.0, "range")]
