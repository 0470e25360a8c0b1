# ruff: noqa: E501  (a table: one row per line reads best)
"""Periods of moves in fresh text, read through the whole extractor: the session calendar,
weekend and holiday pieces, runs with no unit, fiscal years, quarter-ends and a letter's
quarter, and which session a bare move belongs to.

Each row is a sentence written for this table (no third-party text), the article's date, the
claim it carries (subject, signed value, unit) and the period the devset's annotation rules
give it (``shared/devset/README.md`` rule 5; conventions in ``nlp/periods.py``):
(text, published, subject, value, unit, first, last, sure). ``sure`` is
``period_confidence >= PERIOD_SURE_MIN`` (None: not checked). A text with a newline is a
headline over its body. ``demo/gold/phrasebook/phrasebook.txt`` families pb195a-pb199c carry
whole articles in the same phrasings.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.periods import last_session, market_closed, resolve
from thesisdesk.settings import PERIOD_SURE_MIN

D = dt.date
Y, N = True, False

Row = tuple[str, str, str, float, str, str | None, str | None, bool | None]

ROWS: list[Row] = [
    # --- a count of sessions skips exchange holidays (Thanksgiving, Good Friday, Juneteenth) --------------
    ("Over the past ten trading days the Russell 2000 has climbed 4.2%.", "2025-12-03", "^RUT", 4.2, "pct", "2025-11-19", "2025-12-03", Y),
    ("IWM has slipped 1.3% in the last three sessions.", "2025-11-28", "IWM", -1.3, "pct", "2025-11-25", "2025-11-28", Y),
    ("The S&P 600 is down 2.2% over the past four trading days.", "2025-04-22", "^SP600", -2.2, "pct", "2025-04-16", "2025-04-22", Y),
    ("Across the last five sessions small caps have gained 3.1%.", "2025-06-24", "small caps", 3.1, "pct", "2025-06-17", "2025-06-24", Y),
    # --- a bare move in a piece written on a weekend or a holiday is the session before it --------------
    ("Weekend notes\nThe Russell 2000 rose 1.2%.", "2025-12-06", "^RUT", 1.2, "pct", "2025-12-05", "2025-12-05", N),
    ("Sunday digest\nIWM slipped 0.4% on the day.", "2025-12-07", "IWM", -0.4, "pct", "2025-12-05", "2025-12-05", None),
    ("Holiday desk\nThe S&P 600 added 0.9% by the close.", "2025-11-27", "^SP600", 0.9, "pct", "2025-11-26", "2025-11-26", None),
    ("Markets closed\nThe Russell 2000 fell 0.7%.", "2025-12-25", "^RUT", -0.7, "pct", "2025-12-24", "2025-12-24", N),
    # --- a run of moves with no unit is a run of sessions ---------------------------------------------------
    ("It was a third consecutive advance for the Russell 2000.", "2025-12-03", "^RUT", 3.0, "count", "2025-12-01", "2025-12-03", N),
    ("The S&P 600 logged five consecutive declines.", "2025-12-03", "^SP600", 5.0, "count", "2025-11-26", "2025-12-03", N),
    ("IWM has now put together four straight gains.", "2025-12-06", "IWM", 4.0, "count", "2025-12-02", "2025-12-05", N),
    # --- a (fiscal) year ended on a month's last day is twelve whole months -------------------------------------
    ("For the fiscal year ended June 30, 2025, the Russell 2000 returned 7.7%.", "2025-08-14", "^RUT", 7.7, "pct", "2024-07-01", "2025-06-30", Y),
    ("In the fiscal year ending March 31, IWM gained 3.9%.", "2025-05-20", "IWM", 3.9, "pct", "2024-04-01", "2025-03-31", Y),
    ("Over the year ended Friday, the S&P 600 added 5.5%.", "2025-11-18", "^SP600", 5.5, "pct", "2024-11-14", "2025-11-14", Y),
    # --- quarter-end and month-end as the start or the end of a span --------------------------------------------------
    ("Since quarter-end, the Russell 2000 has added 3.2%.", "2025-08-14", "^RUT", 3.2, "pct", "2025-07-01", "2025-08-14", Y),
    ("IWM is up 2.6% since the end of the quarter.", "2025-11-05", "IWM", 2.6, "pct", "2025-10-01", "2025-11-05", Y),
    ("Since month-end the S&P 600 has slipped 1.4%.", "2025-12-10", "^SP600", -1.4, "pct", "2025-12-01", "2025-12-10", Y),
    ("Small caps have rallied 4% since year-end.", "2026-02-09", "small caps", 4.0, "pct", "2026-01-01", "2026-02-09", Y),
    ("From its April 8 low to quarter-end, the Russell 2000 had recovered 24%.", "2025-08-14", "^RUT", 24.0, "pct", "2025-04-08", "2025-06-30", Y),
    # --- sessions counted after a Fed decision named by its maker, with or without its day ----------------
    ("In the session after the Fed, the Russell 2000 rose 1.2%.", "2025-12-16", "^RUT", 1.2, "pct", "2025-12-11", "2025-12-11", Y),
    ("In the two sessions after the Fed's Oct. 29 decision, IWM dropped 1.9%.", "2025-11-12", "IWM", -1.9, "pct", "2025-10-30", "2025-10-31", Y),
    ("The S&P 600 lost 2.4% in the three days following the FOMC decision.", "2025-11-05", "^SP600", -2.4, "pct", "2025-10-30", "2025-11-03", Y),
    # --- a span from a dated extreme starts on the extreme's day; one from a close, the session after ---------
    ("From the Oct. 15 peak to Tuesday's close, the Russell 2000 fell 4.1%.", "2025-11-12", "^RUT", -4.1, "pct", "2025-10-15", "2025-11-11", Y),
    ("From its April 8 low to May 13, IWM climbed 21%.", "2025-11-12", "IWM", 21.0, "pct", "2025-04-08", "2025-05-13", Y),
    ("From its Oct. 15 close to Friday, the S&P 600 lost 3.3%.", "2025-11-12", "^SP600", -3.3, "pct", "2025-10-16", "2025-11-07", Y),
    # --- chat shorthand: weekdays, yday, month/day dates -------------------------------------------------------
    ("thurs was ugly, RUT -2.7%", "2025-11-22", "^RUT", -2.7, "pct", "2025-11-20", "2025-11-20", Y),
    ("tues: IWM +1.1% into the close", "2025-11-22", "IWM", 1.1, "pct", "2025-11-18", "2025-11-18", Y),
    ("$IWM +2.6% yday, best day in a month", "2025-11-22", "IWM", 2.6, "pct", "2025-11-21", "2025-11-21", Y),
    ("$RUT is -8% from the 10/15 ATH", "2025-11-22", "^RUT", -8.0, "pct", "2025-10-15", "2025-11-22", Y),
    ("$IWM up 31% since 4/8", "2025-11-22", "IWM", 31.0, "pct", "2025-04-08", "2025-11-22", Y),
    # --- a weekend letter's spans end at its date, whatever session its lede names ----------------------------
    ("Sunday letter\nFriday's session was the exception, as the Russell 2000 gave back 1.5%. Over the past two weeks IWM is up 3.3%.", "2025-12-14", "IWM", 3.3, "pct", "2025-11-30", "2025-12-14", Y),
    ("Saturday notes\nOn Friday the S&P 600 fell 1.2%. Quarter-to-date it has added 2.8%.", "2025-12-13", "^SP600", 2.8, "pct", "2025-10-01", "2025-12-13", Y),
    # --- counted sessions of a named month; "the N sessions" just past ---------------------------------------
    ("In the first three sessions of December, IWM lost 0.8%.", "2025-12-14", "IWM", -0.8, "pct", "2025-12-01", "2025-12-03", Y),
    ("The S&P 600 rose 2.1% in the last two sessions of November.", "2025-12-14", "^SP600", 2.1, "pct", "2025-11-26", "2025-11-28", Y),
    ("The Russell 2000 climbed 1.9% over the five sessions.", "2025-12-12", "^RUT", 1.9, "pct", "2025-12-08", "2025-12-12", Y),
    # --- "through <month>" said first ends the span the clause names ------------------------------------------
    ("Through November, the fund's year-to-date return stood at 12.7%, IWM's managers said.", "2025-12-02", "IWM", 12.7, "pct", "2025-01-01", "2025-11-30", Y),
    ("Through September, IWM is up 10% over the past 12 months.", "2025-10-08", "IWM", 10.0, "pct", "2024-09-30", "2025-09-30", Y),
]


def _claim(text: str, pub: str, subject: str, value: float, unit: str):  # type: ignore[no-untyped-def]
    from nlp.extract import extract_claims

    claims = extract_claims(text, dt.date.fromisoformat(pub))
    got = [c for c in claims if c.value == value and c.unit == unit]
    got = [c for c in got if c.subject == subject] or got
    assert got, [(c.kind, c.subject, c.value, c.unit) for c in claims]
    return got[0]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "pub", "subject", "value", "unit", "first", "last", "sure"),
    ROWS,
    ids=[f"{i:03d}" for i in range(len(ROWS))],
)
def test_fresh_period_phrasings(
    text: str,
    pub: str,
    subject: str,
    value: float,
    unit: str,
    first: str | None,
    last: str | None,
    sure: bool | None,
) -> None:
    c = _claim(text, pub, subject, value, unit)
    got = (
        c.period_start.isoformat() if c.period_start else None,
        c.period_end.isoformat() if c.period_end else None,
    )
    assert got == (first, last), (text, c.period_confidence)
    if sure is not None and first is not None:
        assert ((c.period_confidence or 0.0) >= PERIOD_SURE_MIN) == sure, (
            text,
            c.period_confidence,
        )


def test_rows_are_distinct() -> None:
    assert len({(r[0], r[1], r[3]) for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        (D(2025, 11, 27), True),  # Thanksgiving
        (D(2025, 4, 18), True),  # Good Friday
        (D(2025, 1, 9), True),  # a national day of mourning
        (D(2026, 7, 3), True),  # July 4 on a Saturday: observed on the Friday
        (D(2022, 12, 26), True),  # Christmas on a Sunday: observed on the Monday
        (D(2021, 12, 31), False),  # New Year's Day on a Saturday: no Friday holiday
        (D(2021, 6, 18), False),  # Juneteenth before the exchange kept it
        (D(2025, 11, 28), False),  # Black Friday: a short session, still a session
        (D(2025, 12, 6), True),  # a Saturday
    ],
)
def test_the_session_calendar(day: dt.date, closed: bool) -> None:
    assert market_closed(day) == closed


def test_the_last_session_skips_weekends_and_holidays() -> None:
    assert last_session(D(2025, 11, 27)) == D(2025, 11, 26)
    assert last_session(D(2025, 12, 7)) == D(2025, 12, 5)
    assert last_session(D(2025, 12, 3)) == D(2025, 12, 3)


@pytest.mark.parametrize(
    ("phrase", "pub", "first", "last"),
    [
        ("since the quarter ended", "2025-08-14", "2025-07-01", "2025-08-14"),
        ("since the end of the month", "2025-11-12", "2025-11-01", "2025-11-12"),
        ("at quarter-end", "2025-10-20", "2025-09-30", "2025-09-30"),
        ("yesterday", "2025-11-28", "2025-11-26", "2025-11-26"),
    ],
)
def test_ends_of_spans(phrase: str, pub: str, first: str, last: str) -> None:
    got = resolve(phrase, dt.date.fromisoformat(pub))
    assert got is not None
    assert (got.first, got.last) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize(
    "phrase",
    [
        "could rally into quarter-end",
        "a year-end target",
        "by year-end",
        "the 1/2 of it",
        "a 3/4 point move",
        "FRI fell",
    ],
)
def test_ends_ahead_are_no_period(phrase: str) -> None:
    assert resolve(phrase, D(2025, 11, 12)) is None
