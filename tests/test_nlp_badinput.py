"""Bad input never raises, and every claim's quote is its text slice.

``extract_many`` logs and swallows a failure in claim assembly (one bad text must not stop
a batch), so "no exception" proves nothing here: every test also fails on an error logged
by ``nlp``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.extract import extract_claims, extract_many

pytestmark = pytest.mark.usefixtures("claims_nlp")

P = dt.date(2025, 10, 1)


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def no_logged_errors() -> Iterator[None]:
    """Fail if anything under the ``nlp`` logger logs an error (a swallowed exception).

    A handler of its own rather than ``caplog``: hypothesis runs many examples per test and
    refuses function-scoped fixtures."""
    errors = _Errors()
    logger = logging.getLogger("nlp")
    logger.addHandler(errors)
    try:
        yield
    finally:
        logger.removeHandler(errors)
    assert not errors.records, [
        f"{r.getMessage()}: {r.exc_info[1]!r}" if r.exc_info else r.getMessage()
        for r in errors.records
    ]


def _valid(text: str, claims: list) -> None:
    for c in claims:
        assert c.quote == text[c.start : c.end]
        assert 0 <= c.start <= c.end <= len(text)


def _extract_valid(text: str) -> None:
    with no_logged_errors():
        claims = extract_claims(text, P, article="bad")
    _valid(text, claims)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t ",
        "no sentences here just words and more words without any stop",
        "$1.2.3 rose 50%% to $$ and 4..5x, -–—%",
        "SmÃ¥ll caps ralliedâ€™ 3% Ã©tÃ© IWM rose 2% â€”",
        "Russell 2000 | 1.2% | 4.5% | 10.1% Russell 2000 | 2.2 | 3.4 | S&P 500 | 1% | 2% | 3%",
        "Industrials861072--, Tech IWM-- AI-- (^GSPC 0.01%) $IWM 2.3%",
        "\x00\x01 IWM \x07 fell 3% \x1b[0m",
        "| | | |\n|x|y|\n||",
        "The Russell 2000 rose 1.2%" * 3,
    ],
)
def test_bad_input_does_not_raise(text: str) -> None:
    _extract_valid(text)


def test_no_date_is_fine() -> None:
    text = "The Russell 2000 rose 1.2% year-to-date."
    claims = extract_claims(text, None)
    assert claims and claims[0].period_start is None


@pytest.mark.slow
def test_a_five_megabyte_text() -> None:
    """A 5 MB page (furniture, no sentences) still yields the claim buried in it."""
    filler = "menu home markets news video opinion subscribe sign in share this " * 30 + "\n"
    body = filler * (5_000_000 // len(filler) + 1)
    text = body + "The Russell 2000 rose 1.4% on Tuesday.\n" + filler
    assert len(text) > 5_000_000
    claims = extract_claims(text, P)
    _valid(text, claims)
    c = next(c for c in claims if c.subject == "^RUT")
    assert c.value == 1.4 and c.period_start == dt.date(2025, 9, 30)


def test_one_bad_item_never_stops_a_batch() -> None:
    items = [("IWM rose 2%.", P, "a"), (None, P, "b"), ("IWM fell 1% on Monday.", P, "c")]
    with no_logged_errors():  # a non-text item is skipped, not an assembly failure
        out = list(extract_many(items))  # type: ignore[arg-type]
    assert len(out) == 3 and out[1] == [] and out[2]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_random_text(text: str) -> None:
    _extract_valid(text)


FRAGMENTS = [
    "IWM",
    "(CRDO)",
    "$IONQ",
    "Russell 2000",
    "S&P 500",
    "rose",
    "fell",
    "to",
    "at",
    "$240",
    "–",
    "$245",
    "12.4%",
    "25 basis points",
    "cut",
    "Fed",
    "Q3 2025",
    "on Friday",
    "1,600",
    "2x",
    "north of",
    "nearly",
    ".",
    ",",
    "\n",
    "|",
    "-",
    "year-to-date",
    "target",
    "support",
    "probability",
    "81%",
    "52 cents per share",
    "revenue",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_random_commentary_like_text(parts: list[str]) -> None:
    _extract_valid(" ".join(parts))
