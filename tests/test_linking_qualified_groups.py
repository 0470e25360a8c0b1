"""A slice of small caps picked by a trait is a group of its own (``linking.qualified_small_caps``):
"profitable small caps rose 9%" beside "the Russell 2000 rose 12%" is no second reading of the
index (a check against the Russell would call it wrong). Sentences written for this file."""

from __future__ import annotations

import datetime as dt

import pytest


def _subjects(text: str) -> list[tuple[str, float | None]]:
    from nlp.extract import extract_claims

    return [(c.subject, c.value) for c in extract_claims(text, dt.date(2025, 10, 8))]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "The Russell 2000 rose 12% in Q3, while profitable small caps rose about 9%.",
            ("profitable small caps", 9.0),
        ),
        (
            "Unprofitable Russell 2000 stocks jumped 23% in Q3.",
            ("unprofitable russell 2000 stocks", 23.0),
        ),
        ("Quality small caps lagged, up 4% in Q3.", ("quality small caps", 4.0)),
        ("Money-losing small-cap stocks soared 31% in Q3.", ("money losing small caps", 31.0)),
    ],
)
def test_a_trait_picked_slice_is_its_own_group(text: str, want: tuple[str, float]) -> None:
    got = _subjects(text)
    assert want in got
    assert ("^RUT", want[1]) not in got


@pytest.mark.usefixtures("claims_nlp")
def test_the_whole_group_is_unchanged() -> None:
    assert ("^RUT", 5.0) in _subjects(
        "Small caps gained 5% in Q3, and the Russell 2000 hit a record."
    )
