"""Short and former company names: "X & Y" pairs of a listed name ("Hims & Hers" of "Hims &
Hers Health, Inc."), unless the pair is an industry's name ("Travel & Leisure"), and the
product's own rows for names the shared lists lack (MicroStrategy, PacWest). Sentences written
for this file."""

from __future__ import annotations

import datetime as dt

import pytest


def test_and_pairs_are_short_names_unless_generic() -> None:
    from nlp.linking import company_forms

    assert "Hims & Hers" in company_forms("Hims & Hers Health, Inc.")
    assert "Barnes & Noble" in company_forms("BARNES & NOBLE EDUCATION, INC.")
    assert "Chemical & Mining" not in company_forms("Chemical & Mining Co of Chile")
    assert "Bath & Body" not in company_forms("Bath & Body Works, Inc.")
    assert company_forms("Johnson & Johnson") == ["Johnson & Johnson"]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Hims & Hers shares jumped 12% on Monday.", "HIMS"),
        ("MicroStrategy rose 5% on Friday.", "MSTR"),
        ("Shares of PacWest fell 28% on Thursday.", "PACW"),
    ],
)
def test_short_and_former_names_link(text: str, subject: str) -> None:
    from nlp.extract import extract_claims

    got = [c.subject for c in extract_claims(text, dt.date(2023, 5, 4))]
    assert got == [subject]
