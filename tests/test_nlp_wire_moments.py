# ruff: noqa: E501  (a table: one row per line reads best)
"""Which moment a move in a wire sentence belongs to, and whose move it is, read through the
whole extractor: a move and the level it ended at share one moment ("up 0.6% at $251.10 ...
on Wednesday"); a clause telling what happened before ("..., after the index jumped 1.9% on
Tuesday") keeps its own day and takes none from the main clause; "in morning trading on
Wednesday" is Wednesday; "futures on the Russell 2000" are the contract, and "the cash index"
is then the index under it.

Sentences written for this table (no third-party text), dated Monday 2025-12-15.
"""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2025, 12, 15)

ROWS: list[tuple[str, list[tuple[str, float, str]]]] = [
    # (sentence, [(subject, signed value, day)]) for every one-day move
    (
        "IWM was up 0.6% at $251.10 in morning trading on Wednesday, after it fell 1% on Tuesday.",
        [("IWM", 0.6, "2025-12-10"), ("IWM", -1.0, "2025-12-09")],
    ),
    (
        "The Russell 2000 rose 1.2% to 2,400.5 on Friday, after falling 0.8% on Thursday.",
        [("^RUT", 1.2, "2025-12-12"), ("^RUT", -0.8, "2025-12-11")],
    ),
    (
        "Futures on the Russell 2000 were up 0.6% at 2,512 ahead of the open on Wednesday, after the cash index jumped 1.9% on Tuesday to its highest close since Oct. 28.",
        [("RTY=F", 0.6, "2025-12-10"), ("^RUT", 1.9, "2025-12-09")],
    ),
    (
        "The Russell 2000 gained 0.4% on Monday, after a 1.1% drop on Friday.",
        [("^RUT", 0.4, "2025-12-15"), ("^RUT", -1.1, "2025-12-12")],
    ),
    (
        "Futures tied to the S&P 500 slipped 0.3% in late trading on Thursday.",
        [("ES=F", -0.3, "2025-12-11")],
    ),
    # a running total over a longer span lends its period to no move beside it
    (
        "The Russell 2000 jumped 1.9% on Wednesday, extending its gain for the week to 2.4%, "
        "while the equal-weighted S&P 500 rose 0.8%.",
        [("^RUT", 1.9, "2025-12-10"), ("^SPXEW", 0.8, "2025-12-10")],
    ),
    # "for the session" / "on the day" is the day the sentence names
    (
        "Kratos Defense (KTOS) closed at $71.40 on Friday, down 4.6% for the session.",
        [("KTOS", -4.6, "2025-12-12")],
    ),
]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(("text", "want"), ROWS)
def test_each_move_keeps_its_own_moment(text: str, want: list[tuple[str, float, str]]) -> None:
    from nlp.extract import extract_claims

    got = {
        (c.subject, c.value, str(c.period_start))
        for c in extract_claims(text, DAY)
        if c.kind == "performance" and c.period_start == c.period_end
    }
    assert got == set(want), text


ASIDE_ROWS = [
    # a name inside an aside set off by commas describes the name before it
    (
        "Regional banks, which make up a big slice of the small-cap benchmark, rallied 2.3% on Tuesday.",
        "regional banks",
        2.3,
    ),
    (
        "Kratos Defense (KTOS), which joined the S&P MidCap 400 last year, rose 4% on Tuesday.",
        "KTOS",
        4.0,
    ),
    ("IonQ, a member of the Russell 2000, fell 6.5% on Tuesday.", "IONQ", -6.5),
    ("The Russell 2000, which tracks small caps, rose 2% on Tuesday.", "^RUT", 2.0),
    # no aside: the name before the verb is the subject
    ("IWM rose 1% on Tuesday, while the S&P 500, which has lagged, fell 0.2%.", "^GSPC", -0.2),
]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(("text", "subject", "value"), ASIDE_ROWS)
def test_a_name_in_an_aside_is_not_the_subject(text: str, subject: str, value: float) -> None:
    from nlp.extract import extract_claims

    got = [
        c.subject for c in extract_claims(text, DAY) if c.kind == "performance" and c.value == value
    ]
    assert got == [subject], text


@pytest.mark.usefixtures("claims_nlp")
def test_the_month_a_sentence_without_figures_named() -> None:
    """ "November was a choppy month. ... returned 0.9% for the month": November, even read
    on Dec. 2, when "the month" alone would be December."""
    from nlp.extract import extract_claims

    text = (
        "Small-cap monthly: November in review\n\n"
        "November was a choppy month for smaller companies. The Russell 2000 returned 0.9% "
        "for the month, and the S&P SmallCap 600 added 1.6% over the month."
    )
    got = {
        (c.subject, c.value, str(c.period_start), str(c.period_end))
        for c in extract_claims(text, dt.date(2025, 12, 2))
        if c.kind == "performance"
    }
    assert got == {
        ("^RUT", 0.9, "2025-11-01", "2025-11-30"),
        ("^SP600", 1.6, "2025-11-01", "2025-11-30"),
    }


@pytest.mark.usefixtures("claims_nlp")
def test_for_the_session_later_in_an_article_is_the_day_named() -> None:
    """Past the lede, "for the session" is not the article's session: it is the day its own
    sentence names (read on Monday, the move is Friday's)."""
    from nlp.extract import extract_claims

    text = (
        "Kratos after the selloff\n\n"
        "Defense names have had a rough month. Revenue rose 26% in the third quarter.\n\n"
        "Kratos Defense (KTOS) stock closed at $71.40 on Friday, down 4.6% for the session."
    )
    got = [
        (str(c.period_start), str(c.period_end))
        for c in extract_claims(text, dt.date(2025, 11, 24))
        if c.kind == "performance" and c.value == -4.6
    ]
    assert got == [("2025-11-21", "2025-11-21")]


SECTOR_ROWS = [
    # (sentence, value, sure): a sector that leads a clause owns its figure, so the index
    # it is linked to is unsure (a checker must not hold the sector's move against it)
    ("Healthcare led the Russell 2000 higher with a 7.2% weekly gain.", 7.2, False),
    ("The Russell 2000 rose 1% on Friday, while energy lagged with a 1.1% decline.", -1.1, False),
    ("Banks rose 2% on Friday, lifting the Russell 2000.", 2.0, False),
    # the index's own move, with a sector leading the sentence
    ("Tech led the Nasdaq 100 up 1.2% on Friday.", 1.2, True),
    # a company whose name starts with a sector word is no sector
    ("Energy Fuels (UUUU) rose 5% on Friday.", 5.0, True),
]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(("text", "value", "sure"), SECTOR_ROWS)
def test_a_sector_leading_its_clause_makes_the_index_unsure(
    text: str, value: float, sure: bool
) -> None:
    from nlp.extract import extract_claims
    from thesisdesk.settings import SUBJECT_SURE_MIN

    got = [c for c in extract_claims(text, DAY) if c.kind == "performance" and c.value == value]
    assert len(got) == 1, text
    assert (got[0].subject_confidence >= SUBJECT_SURE_MIN) is sure, text


@pytest.mark.usefixtures("claims_nlp")
def test_a_revenue_forecast_in_one_clause_is_not_the_next_clauses_kind() -> None:
    """ "Kratos jumped 9.4% after the company lifted its revenue forecast, and IonQ slid
    4.2%": IonQ's 4.2% is a move, not revenue growth and not a forecast."""
    from nlp.extract import extract_claims

    text = (
        "Among movers, Kratos Defense (KTOS) jumped 9.4% after the company lifted its annual "
        "revenue forecast, and IonQ slid 4.2%."
    )
    got = {(c.kind, c.subject, c.value) for c in extract_claims(text, DAY)}
    assert got == {("performance", "KTOS", 9.4), ("performance", "IONQ", -4.2)}
