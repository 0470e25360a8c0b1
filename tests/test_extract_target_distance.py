"""A level target with its distance from today's price (rule 8 of the devset's annotation):
the distance implies where the price stands now. A distance worded as potential ("implies
22.5% upside") is a percentage target as well (the devset's gold); one measured from today
("15% above current levels", "9% downside from here") only locates the price (the contract's
own example, ``../shared/spec/claims.md``)."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import extract_claims

pytestmark = pytest.mark.usefixtures("shared_dir")  # the instrument lexicon

DAY = dt.date(2025, 12, 3)


def _read(sentence: str) -> set[tuple[str, str, float, str, str | None]]:
    claims = extract_claims("Notes\n\n" + sentence, published=DAY)
    return {(c.kind, c.subject, c.value or 0.0, c.unit, c.role) for c in claims}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The average analyst target of $41.20 for Axsome Therapeutics (AXSM) implies "
            "22.5% upside.",
            {
                ("price_target", "AXSM", 41.2, "usd", None),
                ("price_target", "AXSM", 22.5, "pct", None),
                ("price_level", "AXSM", 33.63, "usd", "current"),
            },
        ),
        (
            "We think the Russell 2000 can reach 2,900, roughly 15% above current levels.",
            {
                ("price_target", "^RUT", 2900.0, "points", None),
                ("price_level", "^RUT", 2521.74, "points", "current"),
            },
        ),
        (
            "The consensus target of $18 for Plug Power (PLUG) suggests 9% downside from here.",
            {
                ("price_target", "PLUG", 18.0, "usd", None),
                ("price_level", "PLUG", 19.78, "usd", "current"),
            },
        ),
        (
            "Strategists lifted their year-end target for the Russell 2000 to 2,650 from 2,400.",
            {
                ("price_target", "^RUT", 2650.0, "points", None),
                ("price_target", "^RUT", 2400.0, "points", None),
            },
        ),
    ],
)
def test_distance_to_a_target(sentence: str, expected: set) -> None:
    got = _read(sentence)
    assert expected <= got, got
    # no other level or performance is read from the distance
    assert not {c for c in got if c[0] == "performance"}
