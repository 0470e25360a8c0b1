"""Spans of N sessions written without "past"/"last", and the guard for time words no period
expression read.

A move whose sentence says when it happened in words the resolver does not understand would
otherwise be dated to the article's (or a named) session at full trust, and a multi-day move
checked against one day is a false accusation. The guard keeps such a period but makes it
unsure (``extract.UNREAD_PERIOD_MAX``), so the checker shows it and never flags it. The
sentences are written for this file (no third-party text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from thesisdesk.settings import PERIOD_SURE_MIN

FR = dt.date(2025, 10, 10)  # a Friday


@pytest.mark.parametrize(
    ("phrase", "first", "last"),
    [
        ("gained 2.1% over the five sessions", "2025-10-06", "2025-10-10"),
        ("slipped 1.4% across three sessions", "2025-10-08", "2025-10-10"),
        ("rose 3.3% over the five trading days", "2025-10-06", "2025-10-10"),
        ("added 2% during the two sessions", "2025-10-09", "2025-10-10"),
        ("fell 6% across the three months", "2025-07-10", "2025-10-10"),
        ("climbed 9% over a ten-session run", "2025-09-29", "2025-10-10"),
        ("capped a five-session slide of 4%", "2025-10-06", "2025-10-10"),
        ("a three-session advance of 5.5%", "2025-10-08", "2025-10-10"),
    ],
)
def test_spans_of_sessions_without_past(phrase: str, first: str, last: str) -> None:
    from nlp.periods import find_periods

    got = [(p.first, p.last) for p in find_periods(phrase, FR, []) if p.first]
    assert got and got[0] == (dt.date.fromisoformat(first), dt.date.fromisoformat(last)), got


def test_a_count_ahead_is_no_span() -> None:
    from nlp.periods import find_periods

    assert not [p for p in find_periods("the Fed meets in two weeks", FR, []) if p.first]


def _move(text: str, value: float):  # type: ignore[no-untyped-def]
    from nlp.extract import extract_claims

    got = [c for c in extract_claims(text, FR) if c.kind == "performance" and c.value == value]
    assert got, text
    return got[0]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    "text",
    [
        # time words the resolver does not read, after a session named before
        "On Friday bonds rallied. The Russell 2000 rose 2.4% over the stretch.",
        "Thursday was quiet. IWM slipped 1.1%, extending its weekly losing run.",
        "Friday was choppy. The Russell 2000 gained 1.9% across the holiday-thinned sessions.",
    ],
)
def test_unread_time_words_make_a_default_period_unsure(text: str) -> None:
    c = _move(text, next(v for v in (2.4, -1.1, 1.9) if f"{abs(v)}%" in text))
    assert c.period_confidence is not None and c.period_confidence < PERIOD_SURE_MIN


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a bare move on a named session keeps its trust; attributes are no time words
        ("On Friday the Russell 2000 rose 1.2%.", 1.2),
        ("On Friday IWM rose 1.2% and closed above its 200-day average.", 1.2),
        ("On Friday IWM rose 1.2% to a 52-week high.", 1.2),
        # a span read from the text keeps its own trust
        ("The Russell 2000 gained 2.1% over the five sessions.", 2.1),
    ],
)
def test_read_or_absent_time_words_keep_trust(text: str, value: float) -> None:
    c = _move(text, value)
    assert c.period_confidence is not None and c.period_confidence >= PERIOD_SURE_MIN


@pytest.mark.usefixtures("claims_nlp")
def test_a_level_dated_by_an_as_of_paragraphs_away_is_a_guess() -> None:
    from nlp.extract import extract_claims

    text = (
        "Small caps rally\n\n"
        "As of 06/30/2024, the largest member of the index, Super Micro, was up 213% YTD.\n\n"
        "Financials make up 15% of the index.\n\n"
        "The 10-year Treasury yield fell to 4.16% and gold hit a record."
    )
    got = [c for c in extract_claims(text, dt.date(2024, 7, 17)) if c.value == 4.16]
    assert got and got[0].kind == "price_level"
    assert got[0].period_confidence is not None and got[0].period_confidence < PERIOD_SURE_MIN


@pytest.mark.usefixtures("claims_nlp")
def test_a_level_dated_in_its_own_paragraph_keeps_its_day() -> None:
    from nlp.extract import extract_claims

    text = "Small caps rally\n\nAs of June 30, 2024, IWM closed at $201.50."
    got = [c for c in extract_claims(text, dt.date(2024, 7, 17)) if c.value == 201.5]
    assert got and got[0].as_of == dt.date(2024, 6, 30) and got[0].period_confidence is None


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    "text",
    [
        "The Russell 2000 sank 3.1%, and it is now 4.5% below its record close of 2,548 set "
        "Wednesday.\n\nThe Nasdaq 100 lost 2.4%.",
        "The Russell 2000 sank 3.1% and is now 4.5% below the record close it set on Wednesday."
        "\n\nThe Nasdaq 100 lost 2.4%.",
    ],
)
def test_an_extremes_day_is_no_session_for_the_moves(text: str) -> None:
    from nlp.extract import extract_claims

    moves = [c for c in extract_claims(text, FR) if c.value in (-3.1, -2.4)]
    assert len(moves) == 2
    assert all(c.period_start == c.period_end == FR for c in moves)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "value", "as_of"),
    [
        # a level in a month names no session (devset rule 7: no usable date)
        (
            "Oklo (OKLO) traded as low as $17.42 in April and touched $193.84 in mid-October.",
            17.42,
            None,
        ),
        (
            "Oklo (OKLO) traded as low as $17.42 in April and touched $193.84 in mid-October.",
            193.84,
            None,
        ),
        ("In April, IWM traded at $180.", 180.0, None),
        # a session's close named before its level dates it
        ("OKLO is 35% above Friday's close of $111.", 111.0, dt.date(2025, 11, 14)),
        ("Oklo (OKLO) closed at $111 on Friday.", 111.0, dt.date(2025, 11, 14)),
    ],
)
def test_the_day_a_level_is_read_on(text: str, value: float, as_of: dt.date | None) -> None:
    from nlp.extract import extract_claims

    got = [c for c in extract_claims(text, dt.date(2025, 11, 16)) if c.value == value]
    assert got and got[0].kind == "price_level" and got[0].as_of == as_of


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "value", "first", "last"),
    [
        # "for the week" is the week of the day named nearest before it, not of a cause's day
        (
            "After hitting 2,510 on Tuesday, the Russell 2000 slid for three straight days and "
            "finished Friday at 2,441.6, down 1.9% for the week.",
            -1.9,
            "2025-11-17",
            "2025-11-21",
        ),
        (
            "IWM jumped 1.9% on Wednesday, extending its gain for the week to 2.4%.",
            2.4,
            "2025-11-17",
            "2025-11-19",
        ),
        # a distance from a starting point is signed by its side
        (
            "The Russell 2000 lost 1.9% for the week and is 2.8% below where it started November.",
            -2.8,
            "2025-11-01",
            "2025-11-22",
        ),
        ("IWM is 4% above where it began the year.", 4.0, "2025-01-01", "2025-11-22"),
    ],
)
def test_weeks_of_named_days_and_sides_of_a_start(
    text: str, value: float, first: str, last: str
) -> None:
    from nlp.extract import extract_claims

    got = [c for c in extract_claims(text, dt.date(2025, 11, 22)) if c.value == value]
    assert got, [(c.value, c.period_start) for c in extract_claims(text, dt.date(2025, 11, 22))]
    assert (got[0].period_start, got[0].period_end) == (
        dt.date.fromisoformat(first),
        dt.date.fromisoformat(last),
    )
