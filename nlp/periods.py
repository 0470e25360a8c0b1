"""Periods stated in commentary, resolved to dates against the article's publication date.

Conventions (``P`` = the article's date; every range is inclusive):

* "Q3 2025", "the third quarter of 2025" -> the calendar quarter; a quarter with no year is
  the latest one that has started by P; a quarter still running at P ends at P.
* "September", "its September rally", "September 2025" -> the calendar month; with no year,
  the latest September that has started by P; a month still running at P ends at P.
* "in 2025", "2025's" -> the calendar year, ending at P when P falls inside it.
* "year-to-date", "YTD", "so far this year", "this year" -> Jan 1 of P's year .. P.
* "since 2021" -> 2021-01-01 .. P; "since early/mid/late 2021" starts Jan 1 / Jun 1 / Oct 1;
  "since early August" -> that month's 1st (latest August before P) .. P.
* "over the past three years", "in the past month", "the last 12 months" -> P minus that
  span .. P; "the last five sessions", "a 5% gain in two sessions" -> the five (two)
  weekdays ending at P (only right after a percentage: "in two weeks" may be the future).
* "last week" -> the previous Monday..Friday; "this week" -> this week's Monday .. P;
  "last month"/"last quarter"/"last year" -> the previous calendar month/quarter/year.
* "on Wednesday", "Wednesday's" -> the latest Wednesday on or before P (start = end);
  "today" -> P; "yesterday" -> the weekday before P.
* "October 29", "Nov. 12, 2025" -> that day (the latest such day on or before P when no year).
* "as of Friday's close", "as of September 2025" -> an *anchor*: it replaces the end of the
  period it qualifies ("as of September 2025" ends at 2025-09-30) and is the claim's as_of.
* "since September 17", "since the Fed's first cut on September 17", "since that
  November 20 low" -> the day after that date .. P (the move is measured from that close).
* "over the same period" -> kind ``same``, no dates here: the extractor gives it the span
  of the article's last multi-day performance figure.
* "fiscal first quarter" and other fiscal periods are left unresolved (company calendars
  differ); so are "since the Fed's first cut", "since the Fed's first cut in September"
  and other event-relative periods whose day is not stated (kind ``since_event``: a
  period that is there but has no dates, so no other period is taken for the figure).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a": 1,
    "the": 1,
}

_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YR = r"(?P<yr>(?:19|20)\d\d)"
_MONC = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)


_NOT_PART = r"(?!(?:early|mid|late|end|start|beginning|the\s)\b)"


@dataclass
class Period:
    """A resolved period found at ``text[start:end]``; ``anchor`` marks "as of ..."."""

    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    anchor: bool = False
    kind: str = ""


def _month_range(year: int, month: int, p: dt.date) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return first, min(last, p) if first <= p <= last else last


def _latest_month(month: int, p: dt.date) -> int:
    return p.year if month <= p.month else p.year - 1


def _quarter_range(year: int, q: int, p: dt.date) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * q - 2, 1)
    last = first + relativedelta(months=3) - dt.timedelta(days=1)
    return first, min(last, p) if first <= p <= last else last


def _year_range(year: int, p: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), (p if year == p.year else dt.date(year, 12, 31))


def _latest_weekday(weekday: int, p: dt.date) -> dt.date:
    return p - dt.timedelta(days=(p.weekday() - weekday) % 7)


def _weekdays_back(p: dt.date, n: int) -> dt.date:
    d, left = p, n - 1
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    while left > 0:
        d -= dt.timedelta(days=1)
        if d.weekday() < 5:
            left -= 1
    return d


def _num(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


Handler = Callable[[re.Match[str], dt.date], tuple[dt.date, dt.date] | None]


def _h_month(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    month = MONTHS[
        m.group("mon").lower().rstrip(".")[:4]
        if m.group("mon").lower().startswith("sept")
        else m.group("mon").lower().rstrip(".")[:3]
    ]
    year = int(m.group("yr")) if m.group("yr") else _latest_month(month, p)
    return _month_range(year, month, p)


def _h_day(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    key = m.group("mon").lower().rstrip(".")
    month = MONTHS.get(key[:4] if key.startswith("sept") else key[:3])
    if month is None:
        return None
    day = int(m.group("day"))
    year = int(m.group("yr")) if m.group("yr") else p.year
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    if not m.group("yr") and d > p:
        d = d.replace(year=year - 1)
    return d, d


def _h_year(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    return _year_range(int(m.group("yr") or m.group("yr2")), p)


def _h_ytd(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    return dt.date(p.year, 1, 1), p


def _h_since(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    part = (m.group("part") or "").lower()
    if m.group("yr") and not m.group("mon"):
        year = int(m.group("yr"))
        if part == "end of":
            return dt.date(year + 1, 1, 1), p
        month = {"early": 1, "mid": 6, "mid-": 6, "late": 10}.get(part, 1)
        return dt.date(year, month, 1), p
    if not m.group("mon"):
        return None
    key = m.group("mon").lower().rstrip(".")
    month = MONTHS[key[:4] if key.startswith("sept") else key[:3]]
    year = int(m.group("yr")) if m.group("yr") else _latest_month(month, p)
    if part == "end of":  # "since the end of June": the move starts in July
        return dt.date(year, month, 1) + relativedelta(months=1), p
    day = {"early": 1, "mid": 15, "mid-": 15, "late": 20}.get(part, 1)
    return dt.date(year, month, day), p


def _h_since_day(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "since September 17", "since the Fed's cut on September 17", "since that Nov. 20 low":
    the move is measured from that day's close, so the period starts the day after."""
    got = _h_day(m, p)
    if got is None:
        return None
    start = got[0] + dt.timedelta(days=1)
    return (start, p) if start <= p else None


def _h_past(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    n = _num(m.group("n") or "one")
    if n is None:
        return None
    unit = m.group("unit").lower().rstrip("s")
    if unit in {"session", "trading day"}:
        return _weekdays_back(p, n), p
    delta = {
        "day": relativedelta(days=n),
        "week": relativedelta(weeks=n),
        "month": relativedelta(months=n),
        "quarter": relativedelta(months=3 * n),
        "year": relativedelta(years=n),
        "decade": relativedelta(years=10 * n),
    }.get(unit)
    return (p - delta, p) if delta else None


def _h_last(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    which, unit = m.group("which").lower(), m.group("unit").lower()
    if unit == "week":
        monday = p - dt.timedelta(days=p.weekday())
        if which == "this":
            return monday, p
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=3)
    if unit == "month":
        if which == "this":
            return p.replace(day=1), p
        prev = p.replace(day=1) - dt.timedelta(days=1)
        return prev.replace(day=1), prev
    if unit == "quarter":
        q = (p.month - 1) // 3 + 1
        if which == "this":
            return _quarter_range(p.year, q, p)
        return _quarter_range(p.year if q > 1 else p.year - 1, q - 1 if q > 1 else 4, p)
    if unit == "year":
        return _year_range(p.year if which == "this" else p.year - 1, p)
    return None


def _h_weekday(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    d = _latest_weekday(WEEKDAYS[m.group("wd").lower()], p)
    return d, d


def _h_relday(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    if m.group(0).lower() == "today":
        return p, p
    d = p - dt.timedelta(days=1)
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d, d


def _h_current(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "for the day/week/month/quarter/year": the one the article is written in."""
    unit = (m.group("cu") or m.group("cu2") or m.group("cu3") or "").lower()
    if unit in {"day", "session"}:
        return p, p
    if unit == "week":
        return p - dt.timedelta(days=p.weekday()), p
    if unit == "month":
        return _month_range(p.year, p.month, p)
    if unit == "quarter":
        q = (p.month - 1) // 3 + 1
        first = dt.date(p.year, 3 * q - 2, 1)
        if (p - first).days < 7:  # written in the first days of a quarter: the one just ended
            prev = first - dt.timedelta(days=1)
            return _quarter_range(prev.year, (prev.month - 1) // 3 + 1, p)
        return _quarter_range(p.year, q, p)
    if unit == "year":
        return dt.date(p.year, 1, 1), p
    return None


_RULES: list[tuple[str, re.Pattern[str], Handler | None]] = [
    (
        "current",
        re.compile(
            r"\b(?:for|over|during|on|in)\s(?:the|this)\s(?:holiday-shortened\s)?"
            r"(?:(?:thanksgiving|christmas|holiday|shortened|final|latest)\s)?"
            r"(?P<cu>day|session|week|month|quarter|year)\b(?!\s(?:ago|before|earlier))"
            r"|\bsessions of the (?P<cu2>week)\b"
            r"|\b(?:finished|ended|closed|wrapped up|started)\s(?:the|this)\s"
            r"(?P<cu3>day|session|week|month|quarter|year)\b",
            re.I,
        ),
        _h_current,
    ),
    (
        "same",
        re.compile(
            r"\b(?:over|in|during|for)\s(?:the\s)?same\s(?:period|span|stretch|timeframe|"
            r"time|quarter|month|year|week|window)\b",
            re.I,
        ),
        None,
    ),
    (
        "fiscal",
        re.compile(
            r"\bfiscal\s(?:year\s)?(?:\w+\s)?(?:quarter|half|year)\b|\bFY\s?\d{2,4}"
            r"|\bF[1-4]Q\d{2}\b",
            re.I,
        ),
        None,
    ),
    (
        "quarter",
        re.compile(
            r"\b(?:Q(?P<q>[1-4])(?:\s?'?(?P<yr>(?:20)?\d\d)\b)?"
            r"|(?:the\s)?(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)"
            r"[\s-]quarter(?:\sof)?(?:\s(?P<yr2>(?:19|20)\d\d))?)",
            re.I,
        ),
        None,
    ),
    (
        "since",
        re.compile(
            rf"\bsince\s(?:(?:the|its|that|this|a|an|last)\s{_NOT_PART}"
            rf"(?:[\w'’.&-]+\s){{0,5}}?(?:(?:on|of|at)\s)?)?"
            rf"{_MON}\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s{_YR})?",
            re.I,
        ),
        _h_since_day,
    ),
    (
        "since_event",
        re.compile(
            rf"\bsince\s(?:the|its|that|this|a|an)\s{_NOT_PART}(?:[\w'’.&-]+\s){{1,5}}?"
            rf"(?:on|of|in|at|from)\s(?:early\s|mid-?|late\s)?{_MON}(?:\s{_YR})?\b",
            re.I,
        ),
        None,
    ),
    (
        "since",
        re.compile(
            rf"\bsince\s(?:the\s)?(?P<part>early|mid-?|late|end of|start of|beginning of)?\s?"
            rf"(?:{_MON}\s?)?(?:{_YR})?\b",
            re.I,
        ),
        _h_since,
    ),
    (
        "ytd",
        re.compile(
            r"\byear[\s-]to[\s-]date\b|\bYTD\b|\bso far (?:this year|in (?:19|20)\d\d)"
            r"|\b(?:this|the current) year\b|\bsince the (?:start|beginning) of "
            r"(?:the|this) year\b",
            re.I,
        ),
        _h_ytd,
    ),
    (
        "last",
        re.compile(
            r"(?<!the )\b(?P<which>last|this|previous)\s(?P<unit>week|month|quarter|year)"
            r"\b",
            re.I,
        ),
        _h_last,
    ),
    (
        "past",
        re.compile(
            r"\b(?:over|in|during|for)?\s?(?:the\s)?(?:past|last|previous|prior|"
            r"trailing)\s(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|"
            r"ten|eleven|twelve)?\s?(?P<unit>trading days?|sessions?|days?|weeks?|"
            r"months?|quarters?|years?|decades?)\b",
            re.I,
        ),
        _h_past,
    ),
    (
        "past",
        re.compile(
            r"(?<=\d%\s)(?:(?:gain|loss|drop|decline|rise|advance|rally|move)\s)?"
            r"(?:in|over)\s(?:just\s|only\s)?(?P<n>\d{1,2}|two|three|four|five|six|seven|"
            r"eight|nine|ten)\s(?P<unit>trading days|sessions)\b",
            re.I,
        ),
        _h_past,
    ),
    (
        "day",
        re.compile(rf"\b{_MON}\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s{_YR})?", re.I),
        _h_day,
    ),
    ("month", re.compile(rf"\b{_MONC}\.?(?!\w)(?:'s|’s)?(?:\s(?:of\s)?{_YR})?\b"), _h_month),
    (
        "year",
        re.compile(
            rf"\b(?:in|during|for|of|through(?:out)?|across)\s(?:all\s(?:of\s)?)?"
            rf"{_YR}\b(?![-–]\d)|\b(?P<yr2>(?:19|20)\d\d)(?:'s|’s)\b",
            re.I,
        ),
        _h_year,
    ),
    (
        "weekday",
        re.compile(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday)(?:'s|’s)?\b", re.I),
        _h_weekday,
    ),
    ("relday", re.compile(r"\btoday\b|\byesterday\b", re.I), _h_relday),
]
_ANCHOR = re.compile(r"\bas of\s(?:the\s)?(?:close\s(?:of|on)\s)?", re.I)


def find_periods(
    text: str, published: dt.date | None, masked: list[tuple[int, int]] | None = None
) -> list[Period]:
    """Every period expression in ``text`` (non-overlapping, left to right).

    ``masked`` spans (instrument names such as "Russell 2000") are never read as periods.
    """
    if published is None:
        return []
    taken: list[tuple[int, int]] = list(masked or [])
    out: list[Period] = []
    for kind, pat, handler in _RULES:
        for m in pat.finditer(text):
            s, e = m.span()
            if e == s or any(s < b and a < e for a, b in taken):
                continue
            if kind == "quarter":
                rng = _quarter_match(m, published)
            elif handler is None:
                rng = None
            else:
                try:
                    rng = handler(m, published)
                except (ValueError, KeyError, OverflowError):
                    rng = None
            if kind == "since" and not (m.group("yr") or m.group("mon")):
                continue
            if (
                kind == "month"
                and m.group("mon") == "May"
                and not m.group("yr")
                and not re.search(
                    r"\b(?:in|since|during|of|through|early|late|mid-?)\s?$",
                    text[max(0, s - 9) : s],
                )
            ):
                continue
            taken.append((s, e))
            anchor = bool(_ANCHOR.search(text[max(0, s - 20) : s]))
            out.append(
                Period(
                    s, e, rng[0] if rng else None, rng[1] if rng else None, anchor=anchor, kind=kind
                )
            )
    out.sort(key=lambda x: x.start)
    return out


def _quarter_match(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    q = int(m.group("q")) if m.group("q") else ORDINALS[m.group("qw").lower()]
    yr = m.group("yr") or m.group("yr2")
    if yr:
        year = int(yr) if len(yr) == 4 else 2000 + int(yr)
    else:
        # a trailing year may follow the quarter after a space: "late 2025 Q4" is handled by
        # the caller's proximity rule; here a bare quarter is the latest one started by P
        year = p.year if 3 * q - 2 <= p.month else p.year - 1
    return _quarter_range(year, q, p)


def anchor_date(period: Period) -> dt.date | None:
    """The date an "as of ..." anchor pins (its last day)."""
    return period.last
