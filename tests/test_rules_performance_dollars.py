"""A percentage that restates a move in dollars ("down $1.12, or 3.4%") is the move, signed by
the dollar change's verb (``claims.performance.dollars_restated.v1``); the dollar figure itself
is no claim. Sentences written for this file."""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2025, 10, 10)


def _claims(text: str) -> list[tuple[str, str, float | None]]:
    from nlp.extract import extract_claims

    return [(c.kind.value, c.subject, c.value) for c in extract_claims(text, DAY)]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "move"),
    [
        ("Shares of Kratos Defense were down $1.12, or 3.4%, at $31.80 at midday.", ("KTOS", -3.4)),
        ("IonQ stock is trading at $41.02, down $2.31 (5.97%) today.", ("IONQ", -5.97)),
        ("CRDO closed at $148.20, a gain of $6.15 or 4.33% on the session.", ("CRDO", 4.33)),
        ("Oklo shares slipped 45 cents, or 2.1%, to $21.10.", ("OKLO", -2.1)),
        ("Oklo shares rose 45 cents, or 2.1%, to $21.90.", ("OKLO", 2.1)),
        ("Kratos (KTOS) was off $0.30, or 1.6%, at $18.10.", ("KTOS", -1.6)),
    ],
)
def test_the_percentage_is_the_move_signed_by_the_dollar_verb(
    text: str, move: tuple[str, float]
) -> None:
    got = _claims(text)
    assert ("performance", *move) in got
    # the size of the move in dollars is neither a level nor a move
    assert not [c for c in got if c[2] in {1.12, 2.31, 6.15, 0.45, 0.3}]


@pytest.mark.usefixtures("claims_nlp")
def test_a_dollar_amount_that_is_no_move_does_not_sign_a_percentage() -> None:
    got = _claims("Kratos trades at $20, or 5% below where it started the month.")
    assert not [c for c in got if c[0] == "performance" and c[2] == 5.0]
