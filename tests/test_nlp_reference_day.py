"""The day an article's figures run to (hand-written texts).

A next-day report whose lede names the session before its date reports on that session:
its one-day moves are that session's and its relative periods ("over the past year",
"this year", "since 5 November") end there. Words that speak from inside a session
("today", "this afternoon") keep the article's own date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import extract_claims
from thesisdesk.records import Claim

TUE = dt.date(2024, 11, 26)
MON = dt.date(2024, 11, 25)
D = dt.date


def _period(claims: list[Claim], value: float) -> tuple[dt.date | None, dt.date | None]:
    got = [c for c in claims if c.kind == "performance" and c.value == value]
    assert got, [(c.kind, c.subject, c.value) for c in claims]
    return got[0].period_start, got[0].period_end


NEXT_DAY = (
    "Small caps set a record\n\n"
    "The Russell 2000 climbed to a record close on Monday as hopes for lower rates spread. "
    "At the close the index stood at 2,431.50 points, up 1.2%. "
    "Over the past year the index has gained 30.4%, and it is up 16% this year. "
    "Since the 5 November election the Russell 2000 has added 7.5%."
)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        (1.2, MON, MON),
        (30.4, D(2023, 11, 25), MON),
        (16.0, D(2024, 1, 1), MON),
        (7.5, D(2024, 11, 5), MON),
    ],
)
def test_a_next_day_report_runs_to_the_session_its_lede_names(
    value: float, start: dt.date, end: dt.date
) -> None:
    assert _period(extract_claims(NEXT_DAY, TUE), value) == (start, end)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "value", "start", "end"),
    [
        (  # "today": written during the article's own session
            "Small caps extend gains\n\nThe Russell 2000 rose 1.1% on Monday and added 0.6% "
            "today. Over the past year the index has gained 30.4%.",
            30.4,
            D(2023, 11, 26),
            TUE,
        ),
        (  # "yesterday" counts from the article's own date
            "Small caps extend gains\n\nThe Russell 2000 rose 1.1% on Monday, its third gain in "
            "a row. Yesterday's close left it 30.4% higher over the past year.",
            30.4,
            D(2023, 11, 26),
            TUE,
        ),
        (  # the first session the lede names is the article's own day
            "Small caps rebound\n\nThe Russell 2000 rose 1.3% on Tuesday, making up for Monday's "
            "2.1% drop. The index has gained 16% this year.",
            16.0,
            D(2024, 1, 1),
            TUE,
        ),
        (  # the text names the article's own day too: it runs to that day
            "Two strong sessions\n\nThe Russell 2000 rose 1.5% on Monday and another 0.8% on "
            "Tuesday, its best two days in months. It has gained 16% this year.",
            16.0,
            D(2024, 1, 1),
            TUE,
        ),
        (  # a morning note: "before the bell" speaks before the article's own session
            "Futures point higher\n\nRussell 2000 futures were up 0.7% before the bell after "
            "the cash index closed Monday at 2,431.50. The index has gained 16% this year.",
            0.7,
            TUE,
            TUE,
        ),
        (  # a session named later in the text, not in the lede, dates only its own moves
            "Small caps rebound\n\nThe Russell 2000 has gained 16% this year, helped by hopes "
            "for lower rates. Traders bought regional banks and builders again this month. "
            "Fund managers say the rotation has further to run. On Monday the index rose 1.4%.",
            16.0,
            D(2024, 1, 1),
            TUE,
        ),
    ],
)
def test_other_articles_run_to_their_own_date(
    text: str, value: float, start: dt.date, end: dt.date
) -> None:
    assert _period(extract_claims(text, TUE), value) == (start, end)


@pytest.mark.usefixtures("claims_nlp")
def test_a_full_stop_glued_to_a_figure_still_ends_the_sentence() -> None:
    text = (
        "At the close on Friday the Russell 2000 stood at 2,431.50 points, up 1.2%."
        "Over the past year it has gained 30.4%."
    )
    claims = extract_claims(text, D(2024, 11, 22))
    assert _period(claims, 1.2) == (D(2024, 11, 22), D(2024, 11, 22))
    assert _period(claims, 30.4) == (D(2023, 11, 22), D(2024, 11, 22))
