"""Return tables flattened into lines: "Russell 2000 | 1.68 | 7.00 | 2.96 | 12.02".

Commentary pastes tables as pipe-separated lines under a header of periods
("Index | July | August | September | Q3"). Each numeric cell of a row whose first cell names
an instrument is a performance claim for the header's period. Cells are percentages when
they carry "%" or when the text just before the table says the figures are returns or
percent; otherwise the table is not read (a table of prices or weights states no change).
"""

from __future__ import annotations

import datetime as dt
import re

from thesisdesk.nlp.linking import Mention
from thesisdesk.nlp.numbers import parse_number
from thesisdesk.nlp.periods import find_periods

_ROW = re.compile(r"^[^\n|]*\|[^\n]*\|[^\n]*$", re.M)
_CELL_NUM = re.compile(r"^\s*([-−+]?\d{1,3}(?:,\d{3})*(?:\.\d+)?|[-−+]?\d+(?:\.\d+)?)\s*(%?)\s*$")
_PCT_CONTEXT = re.compile(r"\b(?:percent|returns?|performance|change|%|gains?|moves?)\b", re.I)
_SHORT_PERIOD = re.compile(r"^\s*(\d{1,2})\s?([MWY])\s*$", re.I)


def _header_period(cell: str, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    if published is None:
        return None
    m = _SHORT_PERIOD.match(cell)
    if m:
        from dateutil.relativedelta import relativedelta

        n, u = int(m.group(1)), m.group(2).upper()
        delta = {"M": relativedelta(months=n), "W": relativedelta(weeks=n),
                 "Y": relativedelta(years=n)}[u]
        return published - delta, published
    found = [p for p in find_periods(cell, published) if p.first is not None]
    if not found and re.fullmatch(r"\s*(?:ytd|year[- ]to[- ]date)\s*", cell, re.I):
        return dt.date(published.year, 1, 1), published
    return (found[0].first, found[0].last) if found else None  # type: ignore[return-value]


def table_rows(
    text: str, published: dt.date | None, mentions: list[Mention]
) -> list[dict[str, object]]:
    """Performance drafts (as dicts) for every readable row of every pipe table."""
    out: list[dict[str, object]] = []
    header: list[tuple[dt.date, dt.date] | None] | None = None
    pct_ok = False
    last_end = -2
    for m in _ROW.finditer(text):
        line = m.group(0)
        cells = line.split("|")
        if m.start() > last_end + 1:  # a new table starts: this line may be its header
            header, pct_ok = None, bool(_PCT_CONTEXT.search(text[max(0, m.start() - 300) : m.start()]))
        last_end = m.end()
        nums = [_CELL_NUM.match(c) for c in cells[1:]]
        if not any(nums):
            header = [_header_period(c, published) for c in cells[1:]]
            pct_ok = pct_ok or "%" in line
            continue
        first_end = m.start() + len(cells[0])
        subj = [x for x in mentions if m.start() <= x.start < first_end]
        if not subj:
            continue
        quote = line.strip()
        start = m.start() + (len(line) - len(line.lstrip()))
        for i, nm in enumerate(nums):
            if nm is None or not (pct_ok or nm.group(2)):
                continue
            value = parse_number(nm.group(1).replace("−", "-").replace("+", ""))
            if value is None:
                continue
            period = header[i] if header and i < len(header) else None
            out.append({
                "subject": subj[0].symbol, "value": value, "unit": "pct",
                "period_start": period[0] if period else None,
                "period_end": period[1] if period else None,
                "quote": quote, "start": start, "end": start + len(quote),
            })
    return out
