"""FOMC decision days: the only days a rate decision can carry (devset rule 9).

A decision's period is its decision day when the text or the article's date gives it. Text
rarely names the day outright: "a day after the Fed cut" in a Thursday recap, "last week's
decision", "in its final decision of the year" in an article from the morning after. The
calendar below turns such a near date into the day the committee announced its decision.

Source: the Federal Reserve Board's FOMC meeting calendars
(federalreserve.gov/monetarypolicy/fomccalendars.htm): the second day of each scheduled
meeting (the statement day), and the unscheduled decisions of March 2020. FRED's target-range
series (``DFEDTARU``) changes the day after each move listed here, which the tests check.
"""

from __future__ import annotations

import bisect
import datetime as dt

_DAYS = (
    "2019-01-30 2019-03-20 2019-05-01 2019-06-19 2019-07-31 2019-09-18 2019-10-30 2019-12-11 "
    "2020-01-29 2020-03-03 2020-03-15 2020-04-29 2020-06-10 2020-07-29 2020-09-16 2020-11-05 "
    "2020-12-16 "
    "2021-01-27 2021-03-17 2021-04-28 2021-06-16 2021-07-28 2021-09-22 2021-11-03 2021-12-15 "
    "2022-01-26 2022-03-16 2022-05-04 2022-06-15 2022-07-27 2022-09-21 2022-11-02 2022-12-14 "
    "2023-02-01 2023-03-22 2023-05-03 2023-06-14 2023-07-26 2023-09-20 2023-11-01 2023-12-13 "
    "2024-01-31 2024-03-20 2024-05-01 2024-06-12 2024-07-31 2024-09-18 2024-11-07 2024-12-18 "
    "2025-01-29 2025-03-19 2025-05-07 2025-06-18 2025-07-30 2025-09-17 2025-10-29 2025-12-10 "
    "2026-01-28 2026-03-18 2026-04-29 2026-06-17 2026-07-29 2026-09-16 2026-10-28 2026-12-09"
)
#: Every decision day in the calendar, oldest first.
DECISION_DAYS: tuple[dt.date, ...] = tuple(dt.date.fromisoformat(d) for d in _DAYS.split())
#: The decision days that moved the target range, and by how many basis points (a cut is
#: negative). Same source; the tests check it against FRED's ``DFEDTARU``.
_MOVES = (
    "2019-07-31:-25 2019-09-18:-25 2019-10-30:-25 2020-03-03:-50 2020-03-15:-100 "
    "2022-03-16:25 2022-05-04:50 2022-06-15:75 2022-07-27:75 2022-09-21:75 2022-11-02:75 "
    "2022-12-14:50 2023-02-01:25 2023-03-22:25 2023-05-03:25 2023-07-26:25 2024-09-18:-50 "
    "2024-11-07:-25 2024-12-18:-25 2025-09-17:-25 2025-10-29:-25 2025-12-10:-25 "
)
MOVES: dict[dt.date, int] = {
    dt.date.fromisoformat(item[:10]): int(item[11:]) for item in _MOVES.split()
}
#: A week is the widest span that still names one decision (meetings are 5 to 8 weeks apart).
_WIDEST = 7


def covered(day: dt.date) -> bool:
    """Whether the calendar knows the meetings around ``day`` (outside it, no guess)."""
    return DECISION_DAYS[0] <= day <= DECISION_DAYS[-1] + dt.timedelta(days=60)


def days_within(first: dt.date, last: dt.date) -> list[dt.date]:
    """The decision days from ``first`` to ``last``, both included."""
    lo = bisect.bisect_left(DECISION_DAYS, first)
    hi = bisect.bisect_right(DECISION_DAYS, last)
    return list(DECISION_DAYS[lo:hi])


def decision_day_near(day: dt.date, *, back: int = 2) -> dt.date | None:
    """The decision day on ``day`` or up to ``back`` days before it: the decision a market
    recap of that day (or an article of the morning after) reports. None: no meeting then."""
    near = days_within(day - dt.timedelta(days=back), day)
    return near[-1] if near else None


def decision_day_in(first: dt.date, last: dt.date) -> dt.date | None:
    """The one decision day a span of at most a week holds ("last week" around a meeting);
    None for a wider span or one with no meeting."""
    if (last - first).days >= _WIDEST:
        return None
    days = days_within(first, last)
    return days[0] if len(days) == 1 else None


def latest_decision(
    day: dt.date, *, what: str = "decision", month: int | None = None, year: int | None = None
) -> dt.date | None:
    """The latest decision day on or before ``day`` that fits ``what``: any decision
    ("decision", "meeting", "statement"), a cut, a hike, any move or a hold; ``month`` (and
    ``year``) narrow it to the meeting of that month ("since the Fed's September cut")."""
    if not covered(day):
        return None
    days = [d for d in DECISION_DAYS if d <= day]
    if what == "cut":
        days = [d for d in days if MOVES.get(d, 0) < 0]
    elif what == "hike":
        days = [d for d in days if MOVES.get(d, 0) > 0]
    elif what == "move":
        days = [d for d in days if d in MOVES]
    elif what == "hold":
        days = [d for d in days if d not in MOVES]
    if month is not None:
        days = [d for d in days if d.month == month and (year is None or d.year == year)]
    return days[-1] if days else None
