"""Return tables pasted into commentary, read through the whole extractor.

Tables written for this test (no third-party text). A cell is read under its column's
header: a day's "Change" column is the session the text names before the table, "YTD" runs
to that session, a column of closes states no change, and Markdown's outer pipes and rule
row open no cell. The sentence reading of a row (which knows no columns) gives way to it.
"""

from __future__ import annotations

import datetime as dt

import pytest

MARKDOWN = """Closing scoreboard

Where the majors finished on Wednesday, December 3, 2025:

| Index | Close | Change | YTD |
|---|---:|---:|---:|
| Russell 2000 | 2,531.16 | +1.9% | +13.5% |
| S&P 500 | 6,849.72 | -0.3% | +16.5% |
"""

PLAIN = """Quarter in numbers

Monthly price returns, percent:

Index | July | August | September | Q3
Russell 2000 | 1.68 | 7.00 | 2.96 | 12.02
S&P 500 | 2.17 | 1.91 | 3.53 | 7.79
"""


def _moves(text: str, published: dt.date) -> set[tuple[str, float, str, str]]:
    from nlp.extract import extract_claims

    return {
        (c.subject, float(c.value), str(c.period_start), str(c.period_end))
        for c in extract_claims(text, published)
        if c.kind == "performance" and c.value is not None
    }


@pytest.mark.usefixtures("claims_nlp")
def test_markdown_table_columns_give_each_cell_its_period() -> None:
    got = _moves(MARKDOWN, dt.date(2025, 12, 4))
    assert got == {
        ("^RUT", 1.9, "2025-12-03", "2025-12-03"),
        ("^RUT", 13.5, "2025-01-01", "2025-12-03"),
        ("^GSPC", -0.3, "2025-12-03", "2025-12-03"),
        ("^GSPC", 16.5, "2025-01-01", "2025-12-03"),
    }


@pytest.mark.usefixtures("claims_nlp")
def test_markdown_table_closes_are_levels_not_changes() -> None:
    from nlp.extract import extract_claims

    claims = extract_claims(MARKDOWN, dt.date(2025, 12, 4))
    assert not [c for c in claims if c.kind == "performance" and c.value == 2531.16]
    levels = [c for c in claims if c.kind == "price_level" and c.subject == "^RUT"]
    assert [c.value for c in levels] == [2531.16]


@pytest.mark.usefixtures("claims_nlp")
def test_plain_pipe_table_still_reads_month_columns() -> None:
    got = _moves(PLAIN, dt.date(2025, 10, 3))
    assert ("^RUT", 7.0, "2025-08-01", "2025-08-31") in got
    assert ("^RUT", 12.02, "2025-07-01", "2025-09-30") in got
    assert ("^GSPC", 3.53, "2025-09-01", "2025-09-30") in got


def test_header_cells() -> None:
    from nlp.tables import _header_period

    day = dt.date(2025, 12, 4)
    session = dt.date(2025, 12, 3)
    assert _header_period(" % Chg ", day, session) == (session, session)
    assert _header_period("1D", day) == (day, day)
    assert _header_period("YTD", day, session) == (dt.date(2025, 1, 1), session)
    assert _header_period("Close", day) is None


TRAILING = """Annualized returns (%) as of September 30, 2025

Index | 1 Yr | 3 Yrs | 10-Year

S&P SmallCap 600 | 3.6 | 9.8 | 8.7

S&P 500 | 17.6 | 24.9 | 15.3
"""


@pytest.mark.usefixtures("claims_nlp")
def test_trailing_year_columns_with_blank_lines_between_rows() -> None:
    """A fund page's "1 Yr | 3 Yrs | 10-Year" columns are trailing spans ending at the
    table's date; rows pasted with a blank line between them still sit under the header."""
    got = _moves(TRAILING, dt.date(2025, 10, 8))
    assert ("^SP600", 3.6, "2024-10-01", "2025-09-30") in got
    assert ("^SP600", 9.8, "2022-10-03", "2025-09-30") in got
    assert ("^GSPC", 15.3, "2015-10-01", "2025-09-30") in got


def test_trailing_header_cells() -> None:
    from nlp.tables import _header_period

    day = dt.date(2025, 10, 31)  # a Friday
    assert _header_period("1 Yr", day) == (dt.date(2024, 11, 1), day)
    assert _header_period(" 5 Yrs ", day) == (dt.date(2020, 11, 2), day)  # Nov 1 is a Sunday
    assert _header_period("10-Year", day) == (dt.date(2015, 11, 2), day)
    assert _header_period("3 Mo", day) == (dt.date(2025, 8, 1), day)
    assert _header_period("2025", day) != (dt.date(2025, 8, 1), day)
