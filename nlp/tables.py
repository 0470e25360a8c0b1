"""Return tables flattened into lines: "Russell 2000 | 1.68 | 7.00 | 2.96 | 12.02".

Commentary pastes tables as pipe-separated lines under a header of periods
("Index | July | August | September | Q3"). Each numeric cell of a row whose first cell names
an instrument is a performance claim for the header's period. Cells are percentages when
they carry "%" or when the text just before the table says the figures are returns or
percent; otherwise the table is not read (a table of prices or weights states no change).
Markdown tables ("| Index | Close | Change | YTD |" with a "|---|" rule) read the same way: a
column of closes states no change, and a day's "Change" column is the session the words
just before the table name.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import TypedDict

from nlp.linking import Mention
from nlp.numbers import parse_number
from nlp.periods import find_periods

_CELL_NUM = re.compile(r"^\s*([-−+]?\d{1,3}(?:,\d{3})*(?:\.\d+)?|[-−+]?\d+(?:\.\d+)?)\s*(%?)\s*$")
_PCT_CONTEXT = re.compile(r"\b(?:percent|returns?|performance|change|%|gains?|moves?)\b", re.I)
#: A column of the day's moves: "Change", "% Chg", "Day", "1D", "Today", "Daily".
_SESSION_HEADER = re.compile(
    r"\s*(?:%\s?)?(?:change|chg\.?|day|1d|today|daily(?: change)?|session)(?:\s?\(?%\)?)?\s*",
    re.I,
)
#: A column of levels, not changes: "Close", "Last", "Price", "Level".
_LEVEL_HEADER = re.compile(r"\s*(?:close|closing|last|price|level|value)\b.*", re.I)
#: "1M", "3 Mo", "1 Yr", "10-Year", "5 Yrs": a trailing span ending at the table's date
_SHORT_PERIOD = re.compile(
    r"^\s*(\d{1,2})[\s-]?([MWY])(?:o|os|onths?|ks?|eeks?|rs?|ears?)?\.?\s*$", re.I
)


def _header_period(
    cell: str, published: dt.date | None, session: dt.date | None = None
) -> tuple[dt.date, dt.date | None] | None:
    """A header cell's period: "July", "Q3", "YTD", or "1W"/"1M"/"1Y" (the span ending at
    the article's date, starting on the first weekday after the date one span back); a
    day's "Change"/"Chg"/"1D" column is the session the table reports (``session``: the day
    the text names just before the table, else the article's date)."""
    if published is None:
        return None
    session = session or published
    m = _SHORT_PERIOD.match(cell)
    if m:
        from dateutil.relativedelta import relativedelta

        n, u = int(m.group(1)), m.group(2).upper()
        delta = {
            "M": relativedelta(months=n),
            "W": relativedelta(weeks=n),
            "Y": relativedelta(years=n),
        }[u]
        first = session - delta + dt.timedelta(days=1)
        while first.weekday() >= 5:
            first += dt.timedelta(days=1)
        return first, session
    if re.fullmatch(r"\s*(?:ytd|year[- ]to[- ]date)\s*", cell, re.I):
        return dt.date(session.year, 1, 1), session
    if _SESSION_HEADER.fullmatch(cell):
        return session, session
    for p in find_periods(cell, published):
        if p.first is not None:
            return p.first, p.last
    return None


_RULE_CELL = re.compile(r"\s*:?-{2,}:?\s*|\s*")


def _session_named(before: str, published: dt.date | None) -> dt.date | None:
    """The one day the words just before a table name ("at the close on Wednesday,
    December 3"), else None (the article's date then stands)."""
    if published is None:
        return None
    days = {
        p.first
        for p in find_periods(before[-160:], published)
        if p.first is not None and p.first == p.last
    }
    return days.pop() if len(days) == 1 else None


class TableRow(TypedDict):
    """One numeric cell of a table row, as a performance draft."""

    subject: str
    value: float
    unit: str
    period_start: dt.date | None
    period_end: dt.date | None
    quote: str
    start: int
    end: int


def _cells(line: str) -> list[tuple[int, str]]:
    """(offset in line, text) of each cell of a pipe- or space-aligned row (else []).

    A Markdown row's outer pipes ("| Russell 2000 | +1.9% |") open and close no cell."""
    if "|" in line:
        parts = line.split("|")
        if len(parts) > 2 and not parts[0].strip():
            line_pad = len(parts[0]) + 1
            parts = parts[1:]
            if not parts[-1].strip():
                parts = parts[:-1]
            out, pos = [], line_pad
            for part in parts:
                out.append((pos, part))
                pos += len(part) + 1
            return out if len(out) >= 3 else []
    else:
        parts = re.split(r"\s{2,}|\t", line.strip())
        if len(parts) < 3:
            return []
    out, pos = [], 0
    for part in parts:
        idx = line.find(part, pos) if part else pos
        out.append((max(idx, 0), part))
        pos = max(idx, 0) + len(part)
    return out if len(out) >= 3 else []


def table_rows(text: str, published: dt.date | None, mentions: list[Mention]) -> list[TableRow]:
    """Performance drafts for every readable row of every flattened table."""
    out: list[TableRow] = []
    header: list[tuple[dt.date, dt.date | None] | None] | None = None
    pct_ok = False
    levels: set[int] = set()
    session: dt.date | None = None
    prev_row_end = -2
    pos = 0
    mentions = sorted(mentions, key=lambda x: x.start)  # a row's names, by bisection
    starts = [x.start for x in mentions]
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        cells = _cells(line)
        if not cells:
            continue
        # a new table: forget the last header (one blank line between rows, as pages pasted
        # from HTML leave them, still holds one table)
        if line_start > prev_row_end + 2:
            header = None
            levels = set()
            before = text[max(0, line_start - 300) : line_start]
            pct_ok = bool(_PCT_CONTEXT.search(before))
            session = _session_named(before, published)
        prev_row_end = line_start + len(line)
        if all(_RULE_CELL.fullmatch(c) for _, c in cells):
            continue  # a Markdown rule under the header: "|---|---:|"
        nums = [_CELL_NUM.match(c) for _, c in cells[1:]]
        if not any(nums):
            header = [_header_period(c, published, session) for _, c in cells[1:]]
            levels = {i for i, (_, c) in enumerate(cells[1:]) if _LEVEL_HEADER.fullmatch(c)}
            pct_ok = pct_ok or "%" in line or bool(_PCT_CONTEXT.search(line))
            continue
        first_end = line_start + cells[0][0] + len(cells[0][1])
        lo, hi = bisect.bisect_left(starts, line_start), bisect.bisect_left(starts, first_end)
        subj = mentions[lo:hi]
        if not subj or sum(1 for n in nums if n) < 2:
            continue
        quote = line.strip()
        start = line_start + (len(line) - len(line.lstrip()))
        for i, nm in enumerate(nums):
            if nm is None or not (pct_ok or nm.group(2)) or (i in levels and not nm.group(2)):
                continue  # a column of closes states no change
            value = parse_number(nm.group(1).replace("−", "-").replace("+", ""))
            if value is None:
                continue
            period = header[i] if header and i < len(header) else None
            out.append(
                {
                    "subject": subj[0].symbol,
                    "value": value,
                    "unit": "pct",
                    "period_start": period[0] if period else None,
                    "period_end": period[1] if period else None,
                    "quote": quote,
                    "start": start,
                    "end": start + len(quote),
                }
            )
    return out
