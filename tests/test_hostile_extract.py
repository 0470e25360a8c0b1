"""Hostile extractor input (issue 14): no non-finite numbers, a bad date or a lone
surrogate costs only what it cannot give, pathological repetitions stay fast."""

from __future__ import annotations

import datetime as dt
import json
import math
import time

import pytest

from nlp.extract import extract_claims, extract_many
from nlp.numbers import parse_number
from nlp.pipeline import clean_for_nlp

P = dt.date(2025, 10, 1)
GOOD = "IWM fell 2% on Monday."


def _valid(text: str, claims: list) -> None:
    for c in claims:
        assert text[c.start : c.end] == c.quote
        for v in (c.value, c.low, c.high, c.probability, c.stance_score):
            assert v is None or math.isfinite(v), c
        json.dumps(c.contract_dict(), allow_nan=False, default=str)


@pytest.mark.parametrize(
    "bad",
    [
        "1e400%",
        "9" * 400 + "%",
        "$" + "9" * 400,
        "$1e308 billion",
        "9" * 400 + " points",
        "1" + "0" * 330 + ".5%",
        "$" + "9" * 300 + "trillion",
    ],
)
def test_no_non_finite_number(bad: str) -> None:
    text = f"The Russell 2000 rose {bad} last week. {GOOD}"
    claims = extract_claims(text, P)
    _valid(text, claims)
    assert any(c.subject == "IWM" and c.value == -2.0 for c in claims), claims


def test_parse_number_refuses_what_a_float_cannot_hold() -> None:
    assert parse_number("1e400") is None and parse_number("9" * 400) is None
    assert parse_number("1,234.5") == 1234.5 and parse_number("0.000001") == 1e-6


@pytest.mark.parametrize(
    "published", [dt.date(1, 1, 1), dt.date(1, 1, 3), dt.date(9999, 12, 31), dt.date.min]
)
def test_extreme_publication_date_keeps_the_claims(published: dt.date) -> None:
    text = "The Russell 2000 rose 2% last week. IWM fell 1% yesterday. IWM is at $210."
    claims = extract_claims(text, published)
    _valid(text, claims)
    assert len(claims) >= 2, claims


@pytest.mark.parametrize("where", ["start", "middle", "quote", "end"])
def test_lone_surrogates_cost_only_themselves(where: str) -> None:
    base = "The Russell 2000 rose 2% last week. IWM fell 1% on Monday."
    text = {
        "start": "\ud800" + base,
        "middle": base.replace(". IWM", ".\udfff IWM"),
        "quote": base.replace("rose", "ro\ud800se"),
        "end": base + "\udbff",
    }[where]
    claims = extract_claims(text, P)
    assert all(text[c.start : c.end] == c.quote for c in claims)
    assert any(c.subject == "IWM" for c in claims), claims


def test_clean_for_nlp_keeps_offsets() -> None:
    for text in ["$" * 1000, "a\ud800b", " " * 500 + "x", "😀" * 300, "ok\x00\x01"]:
        assert len(clean_for_nlp(text)) == len(text)


PATHOLOGICAL = {
    "rose": "rose 3% last week, " * (16_000 // 19),
    "subject rose": "IWM rose 3% last week, " * 700,
    "dollars": "$" * 16_000,
    "parens": "(" * 16_000,
    "brackets": "[" * 16_000,
    "emoji": "😀" * 100_000,
    "spaces": " " * 500_000 + GOOD,
    "digits": "1" * 500_000,
    "glued percents": "3%" * 500_000,
    "glued signed figures": "-3%€0." * 150_000,
    "bare numbers": ("1 " * 100 + "\n") * 5_000,
    "one long line": "IWM rose 2% " * 90_000,
    "dense article": (
        "The Russell 2000 rose 1.2% last week while IWM fell 0.5% on Monday. " * 15 + "\n"
    )
    * 1_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_stays_fast(name: str) -> None:
    extract_claims(GOOD, P)  # model loaded before timing
    text = PATHOLOGICAL[name] + "\n" + GOOD
    started = time.process_time()  # this process's CPU time: what neighbours on a shared
    claims = extract_claims(text, P)  # machine take does not count against the text
    took = time.process_time() - started
    _valid(text, claims)
    # A hang guard, as the hostile corpus's 30 s per case; the 2 s goal is the bench's.
    assert took < 30, f"{name}: {took:.1f} s CPU"
    assert claims and claims[-1].quote == GOOD  # read to its end


def test_long_text_is_read_whole_with_true_offsets() -> None:
    filler = "menu home markets news video opinion subscribe sign in share this\n"
    text = filler * 20_000 + "The Russell 2000 rose 1.4% on Tuesday.\n" + filler * 100
    text += "IWM fell 0.6% on Monday.\n" + "no figures here at all, only words " * 3_000
    claims = extract_claims(text, P)
    _valid(text, claims)
    assert [c.value for c in claims if c.subject == "^RUT"] == [1.4]
    assert [c.value for c in claims if c.subject == "IWM"] == [-0.6]


def test_one_hostile_text_does_not_cost_its_batch() -> None:
    items = [
        (GOOD, P, "a"),
        ("$" * 16_000, dt.date(1, 1, 1), "b"),
        ("IWM rose 1e400% \ud800 and 3% on Friday.", dt.date.max, "c"),
        (GOOD.replace("2%", "4%"), P, "d"),
    ]
    out = list(extract_many(items))  # type: ignore[arg-type]
    assert len(out) == 4 and out[0] and out[3]
    assert [c.value for c in out[3]] == [-4.0]
