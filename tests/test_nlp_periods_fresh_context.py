"""Periods a move takes from the article around it (hand-written texts): which session a bare
move is about, the quarter a letter reviews, "in the period"."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import extract_claims
from thesisdesk.records import Claim

D = dt.date


def _period(claims: list[Claim], value: float) -> tuple[dt.date | None, dt.date | None]:
    got = [c for c in claims if c.kind == "performance" and c.value == value]
    assert got, [(c.kind, c.subject, c.value) for c in claims]
    return got[0].period_start, got[0].period_end


@pytest.mark.usefixtures("claims_nlp")
def test_after_a_glance_back_and_a_span_bare_moves_are_the_articles_session() -> None:
    text = (
        "Small caps steady at midday\n"
        "The Russell 2000 was up 1.1% in late-morning trading on Wednesday.\n"
        "On Tuesday the index had lost 1.8% as yields climbed.\n"
        "Month-to-date it is down 2.9%.\n"
        "Among single names, Kratos (KTOS) added 3.3%."
    )
    claims = extract_claims(text, D(2025, 11, 12))
    assert _period(claims, -1.8) == (D(2025, 11, 11), D(2025, 11, 11))
    assert _period(claims, -2.9) == (D(2025, 11, 1), D(2025, 11, 12))
    assert _period(claims, 3.3) == (D(2025, 11, 12), D(2025, 11, 12))


@pytest.mark.usefixtures("claims_nlp")
def test_a_session_named_last_carries_to_the_next_bare_move() -> None:
    text = (
        "Into the last session of the year\n"
        "The S&P 600 is up 6.2% over the last 12 months.\n"
        "The Russell 2000 fell 0.8% on Tuesday.\n"
        "The S&P 500 slipped 0.4%."
    )
    claims = extract_claims(text, D(2025, 12, 31))
    assert _period(claims, -0.4) == (D(2025, 12, 30), D(2025, 12, 30))


@pytest.mark.usefixtures("claims_nlp")
def test_a_letter_reviewing_a_finished_quarter_means_it_by_the_quarter() -> None:
    text = (
        "Dear partners,\n"
        "This letter covers the quarter ended September 30, 2025.\n"
        "During the quarter, the Russell 2000 rose 12.4%.\n"
        "In the period, the S&P 600 gained 9.1%.\n"
        "Since quarter-end, IWM has added 1.7%."
    )
    claims = extract_claims(text, D(2025, 10, 20))
    assert _period(claims, 12.4) == (D(2025, 7, 1), D(2025, 9, 30))
    assert _period(claims, 9.1) == (D(2025, 7, 1), D(2025, 9, 30))
    assert _period(claims, 1.7) == (D(2025, 10, 1), D(2025, 10, 20))


@pytest.mark.usefixtures("claims_nlp")
def test_without_a_reviewed_quarter_the_quarter_is_the_running_one() -> None:
    text = "Small caps on the last day of September\nFor the quarter, the Russell 2000 is up 12%."
    claims = extract_claims(text, D(2025, 9, 30))
    assert _period(claims, 12.0) == (D(2025, 7, 1), D(2025, 9, 30))
    text = "Quarter check\nIn the quarter so far, IWM has gained 2.5%."
    claims = extract_claims(text, D(2025, 11, 20))
    assert _period(claims, 2.5) == (D(2025, 10, 1), D(2025, 11, 20))


@pytest.mark.usefixtures("claims_nlp")
def test_a_note_before_the_open_dates_after_hours_to_the_session_before_it() -> None:
    text = (
        "Morning call\n"
        "Russell 2000 futures are down 0.3% in premarket trading.\n"
        "After the bell, Kratos (KTOS) slipped 2.2% on a cautious outlook.\n"
        "IWM has rallied 6% in eight sessions.\n"
        "The S&P 600 added 1.7%.\n"
        "Month-to-date the Russell 2000 is up 2.1%."
    )
    claims = extract_claims(text, D(2025, 12, 4))
    assert _period(claims, -0.3) == (D(2025, 12, 4), D(2025, 12, 4))
    assert _period(claims, -2.2) == (D(2025, 12, 3), D(2025, 12, 3))
    # spans still end at the note's date (the annotation rule), Thanksgiving skipped
    assert _period(claims, 6.0) == (D(2025, 11, 24), D(2025, 12, 4))
    assert _period(claims, 2.1) == (D(2025, 12, 1), D(2025, 12, 4))


@pytest.mark.usefixtures("claims_nlp")
def test_after_hours_in_a_piece_written_after_the_close_is_its_own_day() -> None:
    text = "Evening wrap\nThe Russell 2000 closed up 0.9%. After the bell, IWM slipped 0.2%."
    claims = extract_claims(text, D(2025, 12, 3))
    assert _period(claims, -0.2) == (D(2025, 12, 3), D(2025, 12, 3))


@pytest.mark.usefixtures("claims_nlp")
def test_a_note_written_in_the_session_is_no_pre_open_one() -> None:
    text = (
        "Midday movers\n"
        "Stocks firmed at midday after a soft premarket tone.\n"
        "After the bell on Wednesday, IWM slipped 0.2%.\n"
        "Later, after the bell, Kratos (KTOS) fell 1.1%."
    )
    claims = extract_claims(text, D(2025, 12, 4))
    assert _period(claims, -1.1) == (D(2025, 12, 4), D(2025, 12, 4))
