"""A level in points far from its index's price goes to the one named index that trades near
it (``nlp.level_scale``, ``extract._levels_on_their_scale``). Closes from the shared market
files: ^RUT closed 2,369.59 and ^GSPC 6,602.99 on 2025-11-21. Text written for this file."""

from __future__ import annotations

import datetime as dt

import pytest

SAT = dt.date(2025, 11, 22)


@pytest.mark.usefixtures("shared_dir")
def test_fits_reads_the_closes() -> None:
    from nlp import level_scale

    assert level_scale.close_near("^RUT", SAT) == pytest.approx(2369.59)
    assert level_scale.fits("^RUT", 2400, SAT) is True
    assert level_scale.fits("^GSPC", 2400, SAT) is False
    assert level_scale.fits("^NOPE", 2400, SAT) is None  # no data: no opinion


@pytest.mark.usefixtures("claims_nlp")
def test_a_level_goes_to_the_index_it_can_belong_to() -> None:
    from nlp.extract import extract_claims

    text = (
        "Small-cap check-in\n\n"
        "The Russell 2000 finished Friday at 2,441.6, down 1.9% for the week. "
        "The S&P 500 managed a 0.3% weekly gain.\n\n"
        "Looking ahead, our desk sees support at 2,400, and a weekly close above 2,500 "
        "would reopen the path toward our year-end target of 2,650."
    )
    got = {(c.kind.value, c.value): c.subject for c in extract_claims(text, SAT)}
    assert got[("price_level", 2400.0)] == "^RUT"
    assert got[("price_level", 2500.0)] == "^RUT"
    assert got[("price_target", 2650.0)] == "^RUT"


@pytest.mark.usefixtures("claims_nlp")
def test_a_level_that_fits_its_subject_stays() -> None:
    from nlp.extract import extract_claims

    text = "The S&P 500 rose 0.3% and the Russell 2000 fell 1%. The S&P 500 sees support at 6,500."
    got = {(c.kind.value, c.value): c.subject for c in extract_claims(text, SAT)}
    assert got[("price_level", 6500.0)] == "^GSPC"
