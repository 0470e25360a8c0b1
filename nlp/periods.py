"""Periods stated in commentary, resolved to dates against the article's publication date.

Conventions (``P`` = the reference date: the article's date, a day it anchors ("as of
Sept. 3"), or the session a next-day report's lede names, see ``nlp.extract``; every range
is inclusive):

* "Q3 2025", "the third quarter of 2025" -> the calendar quarter; a quarter with no year is
  the latest one that has started by P; a quarter still running at P ends at P.
* "September", "its September rally", "September 2025" -> the calendar month; with no year,
  the latest September that has started by P; a month still running at P ends at P.
* "in 2025", "2025's" -> the calendar year, ending at P when P falls inside it.
* "year-to-date", "YTD", "so far this year", "this year" -> Jan 1 of P's year .. P;
  "month-to-date"/"MTD", "week-to-date", "quarter-to-date"/"QTD", "since the start of the
  month/week/quarter" -> the running month's 1st / Monday / quarter's first day .. P.
* "since 2021" -> 2021-01-01 .. P; "since early/mid/late 2021" starts Jan 1 / Jun 1 / Oct 1;
  "since its December 2020 IPO" (a month and year naming an event) -> 2020-12-01 .. P;
  "since early August" -> that month's 1st (latest August before P) .. P; "since midyear"
  -> July 1 .. P. A part of a month or year (early, mid, late, midyear) is unsure (0.5):
  the start is a guess, so no check may accuse an author over it.
* "over the past three years", "in the past month", "the last 12 months" -> P minus that
  span .. P; "the last five sessions", "a 5% gain in two sessions" -> the five (two)
  weekdays ending at P (only right after a percentage: "in two weeks" may be the future).
  "over (roughly) two days of trading" -> from the base session, the close two sessions
  before P, .. P (Wed: Mon..Wed; base ``start_close``).
* "the week ended Friday", "the week ending November 21" -> that week's Monday .. that day;
  "the three months through September", "the 12 months to June" -> the months ending
  with it (07-01..09-30); "the 12 months ended September 30" -> a year to that day.
* "last week" -> the previous Monday..Friday; "this week" -> this week's Monday .. P;
  "last month"/"last quarter"/"last year" -> the previous calendar month/quarter/year.
* "on Wednesday", "Wednesday's" -> the latest Wednesday on or before P (start = end);
  "since (last) Friday's close" -> the latest Friday before P .. P (``start_close``); "this
  afternoon", "in early trading" -> P; "closed the last trading session at $83" -> the
  weekday before P, as an anchor (the article's figures run to that session);
  "today" -> P; "yesterday" -> the weekday before P.
* "October 29", "Nov. 12, 2025" -> that day (the latest such day on or before P when no year).
* "as of Friday's close", "as of September 2025" -> an *anchor*: it replaces the end of the
  period it qualifies ("as of September 2025" ends at 2025-09-30) and is the claim's as_of.
* "since September 17", "since the Fed's first cut on September 17", "since that
  November 20 low" -> that date .. P: "since X" runs from X (inclusive) to the reference
  date, the devset's annotation rule. The move is measured from X's own close, so the
  period's *base* (``Period.base``, copied onto ``Claim.period_base``) is ``start_close``;
  every other period has base ``prior_close``: "Q3 2025" (07-01..09-30) is measured from
  the close before July 1. The cross-checker takes its base close accordingly.
* "over the same period" -> kind ``same``, no dates here: the extractor gives it the span
  of the article's last multi-day performance figure.
* "H1 2025", "the first half of 2025", "2H24" -> the calendar half (a half with no year is
  the latest one started by P; one still running ends at P).
* "fiscal Q3 2025", "fiscal 2025", "FY25", "F3Q25", "its fiscal second quarter" ->
  resolved as if the fiscal year were the calendar year (fiscal Q3 2025 = 2025-07-01..
  2025-09-30) with confidence 0.3, below :data:`PERIOD_SURE_MIN`: company calendars differ
  (a fiscal year may end in June or on the Saturday nearest January 31).
* "from X to Y", "between X and Y" (days) -> the sessions of the change between the two
  closes: the day after X .. Y ("between Friday, January 9 and Friday, January 16" is
  Jan 12..16); "from March to May" (months) -> March 1 .. May 31.
* "06/30/2024" (U.S. month/day/year), "25-Feb-25" (a dateline's day-month-year) -> that day;
  a dateline standing over a quote line ("Dow -32.46 at 43428.75, ...") dates its moves.
* "three-month performance", "a 12-month return", "over a month" -> P minus that span .. P.
* Event anchors: "since the election", "since the Fed's first cut", "since Liberation
  Day", "since Powell's Jackson Hole speech", "since the 2021 peak", "compared to its peak in
  November 2021" ... -> the latest
  dated event in :data:`EVENTS` before P .. P, base ``start_close`` (the event day's
  close; confidence 0.7: the table knows the day, the text did
  not say it; 0.5 when an earlier event of that name lies within 18 months of it).
  "since the Fed's first cut in September" takes that month's event.
  Events the article dates itself ("since the Fed's first cut on September 17") are "since
  <day>" above. Event-relative periods neither the table nor the text dates ("since the
  ECB's surprise cut in April") stay unresolved (kind ``since_event``: a period that is
  there but has no dates, so no other period is taken for the figure).
* A month without a year *in a headline* is this year's, even when it is still to come
  ("Small caps' December playbook" on Nov 28 is this December); in the body (backward
  looking) it is the latest one started by P.
* "finished/ended/closed (out) the year/quarter/month/week" -> the latest completed one
  (this one only in its last days: Dec 29-31, a quarter's or month's last days, a Friday or
  weekend for the week); confidence 0.8 when the article is soon after it, 0.5 later.
* "that week", "the week of the election", "the week after the election" -> the week of an
  event the sentence names (from :data:`EVENTS`, confidence 0.6); with no such event, no
  dates (the figure is never given a guessed period).
* "by the close", "into the closing bell" -> one session: the day the sentence names, else
  the article's; "in after-hours trading", "pre-market", "before the bell" -> the article's
  day at confidence 0.3 (a quote outside the session: daily closes do not measure it).
* "since July last year", "in March of this year" -> that month of the named year; "since
  the deal closed in May last year" is an event the text dates only by month: undated.
* "its best day since Nov. 10, 2022, when it rose 6.1%" -> the 6.1% is that day's move.
* A month that names a release or a vote ("the March CPI report", "the election in
  November") is not a period.
* "Wednesday's meeting/decision", "next Wednesday" -> the nearest such day (the next one
  for "next"/"coming"), confidence 0.5: whether it is past or to come is a guess.
* "its best day since Nov. 10, 2022", "the most since 2020", "levels not seen since March"
  name a record's yardstick, not the figure's period: never read as a period.
* A number that names an instrument is never a year: "Russell 2000", "S&P 500",
  "Nasdaq 100", "Russell 1000", "Top 50", "S&P 600" (see :data:`INDEX_NAMES`).
* "in the last quarter", "the most recent/previous/prior quarter", "the quarter just ended"
  -> the last completed calendar quarter (the devset's reading; 0.7 where "the last quarter"
  might also mean the trailing three months); "over the past quarter" trails P.
* Weekend pieces: "this week", "on the week", "for the week" -> that Monday..Friday; "last
  week" on a Sunday -> the week just closed (0.7), on a Saturday the one before it. Spans of
  sessions ("the past two trading days") end at the last weekday on or before P.
* Streaks: "over five straight losing sessions", "a four-session losing streak", "four days
  in a row", "six consecutive weeks" -> those sessions (weeks) ending at the last session,
  unsure (0.5): the streak may have ended before P.
* "a weekly gain", "its best monthly performance", "a quarterly decline" -> the running week
  (a weekend's Monday..Friday; a Monday's is last week, 0.6), month (in its first five days
  the last one, 0.6) or quarter.
* "the first week of November", "the final week of October" -> that Monday..Friday inside the
  month; "the first six months of the year", "the last three months of 2024" -> those
  months; "the second half of last year" -> that half.
* "calendar 2024", "in calendar year 2023", "ended 2024 up 11%" -> that year; "for the full
  year" in a year's first three months -> the year before (0.8); "for the year" in January's
  first week -> the year before (0.6).
* "year to date through September", "up 9% in 2025 through October" -> Jan 1 .. the month's
  end (or the day); a bare "gained 10% through September" reads the same, unsure (0.5); "the
  month through Nov. 12" -> a month to that day.
* "off the April 8 bottom", "since bottoming on April 8" -> since that day (base
  ``start_close``); a distance "from its February 10 close/high" stays a distance.
* "since its 1979 inception" -> 1979-01-01 .. P; "over 12 months", "on a trailing
  twelve-month basis" -> P minus that span .. P.
* "since the Nov. 5 election" -> the election held on Nov. 5 (from :data:`EVENTS`), else the
  latest Nov. 5 before P; "since the December CPI report" (a month naming a release) -> there
  but undated; a Fed meeting or move is dated by the FOMC calendar (below).
* FOMC anchors (``nlp.fomc``: the decision days and the moves): "on the day of the decision"
  -> the latest decision day on or before P; "since the Fed's decision", "since the last cut,
  in December", "since the Fed's December meeting" -> that day (the latest decision, cut,
  hike or move of its kind, in the month named) .. P, base ``start_close``; "in the week after
  the Fed meeting" -> the next Monday..Friday (as "the week after the election"); "the day
  (session) after the decision" -> the next weekday. Confidence 0.7 (0.6 for a meeting more
  than 45 days back with no month said). "Since the Fed's first cut" stays an event above.
* A wire's dateline ("NEW YORK, Dec 3 (Reuters) -") -> an anchor: the story's relative
  periods end on that day (``nlp.extract`` makes it the article's reference day).
* "from Friday's close to Tuesday's" -> the sessions after Friday .. Tuesday; "before the bell
  on Monday", "in after-hours trading on Thursday" -> that day, unsure (0.3).
* "up 20% from a year ago", "versus two weeks earlier" -> P minus that span .. P; "since the
  start of the fourth quarter" -> Oct 1 .. P, "since the end of Q3" -> Oct 1 .. P, "since late
  last year" -> Oct 1 of last year .. P; "the fourth quarter of last year", "the back half of
  the year", "the first two weeks of October" -> those spans; "last Friday" -> the latest
  Friday before P (a week ago on a Friday); "on Friday, Nov. 7" -> the date, not this Friday;
  "since the close on Friday" -> since that Friday.
* A day's number is never the integer part of a figure: "ended October 2.3% higher" names
  October and 2.3%, not Oct. 2.
* "the quarter ended September (30)", "the September quarter", "3Q" -> Jul 1 .. Sep 30 ("the
  October quarter", which no calendar quarter is, -> Aug..Oct at 0.5: a fiscal one);
  "the three-month period ended Sept. 30" is the n-month rule; "the five sessions ended
  Friday", "the five trading days through Thursday" -> those weekdays.
* "the first two sessions of the week/month", "the last three days of the week" -> those
  weekdays of the running week (month); "the week of Oct. 13" -> its Monday..Friday;
  "Oct. 13-17" -> those days (a span of sessions, the first included).
* "from its April 8 close to Friday", "from Monday's close to Nov. 14" -> the sessions after
  the first close .. the second day ("from Jan. 1 through Friday" starts Jan 1: no close that
  day); "from the start of the year through Friday" -> Jan 1 .. that Friday.
* "by the end of the month" reads like "finished the month" (so the extractor's "the month
  the text just named" applies).
* Holidays the calendar fixes: "since Labor Day", "since the Thanksgiving holiday" -> that day
  .. P (base ``prior_close``: no session that day); "Thanksgiving week", "the week before
  Christmas" -> that Monday..Friday; "on Black Friday", "the session after Thanksgiving" ->
  that day. "over the past fortnight" -> two weeks back .. P.
* Unsure (0.5), never a sure guess: "since its March low" / "since the October high" (the
  month's first day: the resolver has no prices to find the day); "the back half of October"
  (16th .. end); "in late October", "the final days of October" (the month's dates);
  "early in the week", "late last month" (the span's dates); a bare "overnight" is a quote
  outside the session (0.3), as "premarket" is ("the overnight rate" is no period).
* Long horizons: "between 2011 and 2020", "from 2000 to 2006", "in 2011-20" -> whole
  calendar years (numbers after "support"/"trading"/"range" ... are levels: no period);
  "the 2010s" -> 2010-01-01 .. 2019-12-31 ("the late 1990s": the decade, 0.5); "the five
  years through 2006" -> 2002-01-01 .. 2006-12-31; "the five years through November" ->
  whole months (2020-12-01 .. 2025-11-30); "Worst calendar year: 2008", "its best year was
  2003" -> that year; "since the fund's inception in 2012" -> 2012-01-01 .. P.
* "since the Fed's first hike (in March 2022)", "from the financial-crisis low" -> events in
  :data:`EVENTS` like the first cut's.
* A concrete past episode: "in the 12 months after the cut on Sept. 29, 1998", "in the year
  after the March 2020 low", "the month following the November 2016 election" -> from the
  anchor day (base ``start_close``) .. that span later. The anchor must be dated (a day, or
  an event with its year or a dated name); "the 12 months after a first cut" and "averaged
  20% in the year after the Fed's first cut" are historical statistics: undated.
* Two periods stating one span: "from the COVID low on March 18, 2020, to the record close of
  Nov. 8, 2021", "from the March 2009 low to the end of 2018" -> the session after the
  anchor .. the end; "a 10-year return of 108% through Oct. 31, 2025" -> ten years to that
  day; "since its inception in 2012 ... through September" -> ends with September.
* "since the summer's AI scare", "since the merger announcement": an event neither the text
  nor the table dates -> there, undated (kind ``since_event``), never the session.

Confidence (``Period.confidence``, 0..1, copied onto ``Claim.period_confidence``): 1.0 for
periods stated with their year or day ("Q3 2025", "Nov. 6, 2025", "in 2024"); 0.9 for
spans relative to P that have one reading (year-to-date, the past N months, last week);
0.8 for a day or month whose year is inferred; 0.7 for table events; 0.6 or less where a
reading is a guess. Below :data:`PERIOD_SURE_MIN` (``thesisdesk.settings``) downstream
must treat the period as unsure.

Libraries: ``dateutil.relativedelta`` does the calendar arithmetic (month ends, "P minus
three months" on the 31st, leap days). ``dateparser``/``dateutil.parser`` are not used to
*find* periods: they parse a whole string as one date and have no notion of spans
("Q3", "since", "the past five sessions"), of a fixed reference date with backward-looking
defaults, or of instrument names that look like years; spaCy's DATE spans are too coarse
("the past 12 months" and "2000" in "Russell 2000" alike) and would cost a statistical NER
pass in a pipeline that has none. The patterns below are the grammar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from nlp import fomc
from nlp.numbers import WORD_NUMBERS
from thesisdesk.records import PRIOR_CLOSE, START_CLOSE
from thesisdesk.settings import PERIOD_SURE_MIN

__all__ = [
    "EVENTS",
    "INDEX_NAMES",
    "PERIOD_SURE_MIN",
    "PRIOR_CLOSE",
    "START_CLOSE",
    "Period",
    "Range",
    "Resolution",
    "anchor_date",
    "find_periods",
    "last_session",
    "market_closed",
    "resolve",
]

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
#: Spelled-out counts ("three weeks") from the number parser, plus "the" ("the week");
#: "an"/"another" name no span ("another week" is not the past week).
NUMBER_WORDS = {
    **{w: n for w, n in WORD_NUMBERS.items() if n <= 12 and w.isalpha()},
    "the": 1,
}
for _vague in ("an", "another"):
    NUMBER_WORDS.pop(_vague, None)

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
_MONX = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
#: after a day's number: "October 2.3% higher" names a month and a figure, not Oct. 2
_NOT_FIGURE = r"(?![.,]\d|\s?%|\s?percent)"
_NUMW = r"\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
#: U.S. market holidays the calendar fixes (see :func:`_holiday`)
_HOLIDAY = (
    r"thanksgiving(?:\sday)?|black\sfriday|good\sfriday|easter|labor\sday|memorial\sday|christmas(?:\s(?:day|eve))?|"
    r"independence\sday|(?:the\s)?fourth\sof\sjuly|july\s4(?:th)?|new\syear['’]?s(?:\sday|\seve)?|"
    r"christmas\seve"
)


@dataclass
class Period:
    """A resolved period found at ``text[start:end]``; ``anchor`` marks "as of ..."."""

    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    anchor: bool = False
    kind: str = ""
    confidence: float = 0.0  # 0..1; 0 when unresolved (see the module docstring)
    #: which close a change over the period is measured from: ``prior_close`` (the close
    #: before ``first``: "Q3 2025") or ``start_close`` (the close ON ``first``: "since July 11")
    base: str = PRIOR_CLOSE

    @property
    def sure(self) -> bool:
        return self.first is not None and self.confidence >= PERIOD_SURE_MIN


@dataclass(frozen=True)
class Resolution:
    """One period expression resolved: its dates, how sure, and which rule read it."""

    first: dt.date | None
    last: dt.date | None
    confidence: float
    kind: str
    base: str = PRIOR_CLOSE

    @property
    def sure(self) -> bool:
        return self.first is not None and self.confidence >= PERIOD_SURE_MIN


# Instrument names with a number in them: the number is never a year or a count of days.
INDEX_NAMES = re.compile(
    r"\b(?:Russell|S&P|S\s?&\s?P|SP|Nasdaq|NASDAQ|Nasdaq-|Top|SmallCap|MidCap|Wilshire|"
    r"Stoxx|STOXX|FTSE|Nikkei|Euro\s?Stoxx|Dow\sJones\sU\.S\.|Micro[\s-]?cap|Microcap|"
    r"CSI|MSCI\sWorld)\s?-?(?:SmallCap\s|MidCap\s)?\d{2,4}\b",
)

# Dated events the resolver knows ("since the election"); each name maps to its days, and
# the latest one on or before the article date is meant. Closing dates of U.S. markets.
EVENTS: dict[str, tuple[dt.date, ...]] = {
    "election": (dt.date(2016, 11, 8), dt.date(2020, 11, 3), dt.date(2024, 11, 5)),
    # first cut of an easing cycle (and the 2025 resumption after the 2025 pause)
    "first_cut": (
        dt.date(2019, 7, 31),
        dt.date(2020, 3, 3),
        dt.date(2024, 9, 18),
        dt.date(2025, 9, 17),
    ),
    "liberation_day": (dt.date(2025, 4, 2),),
    "april_low": (dt.date(2025, 4, 8),),
    "covid_low": (dt.date(2020, 3, 18),),
    "peak_2021": (dt.date(2021, 11, 8),),  # the Russell 2000's record close of that cycle
    "svb": (dt.date(2023, 3, 10),),
    # first hike of a tightening cycle (FOMC decision days)
    "first_hike": (dt.date(2004, 6, 30), dt.date(2015, 12, 16), dt.date(2022, 3, 16)),
    "gfc_low": (dt.date(2009, 3, 9),),  # the Russell 2000's financial-crisis closing low
    # the Fed chair's Jackson Hole speech (Kansas City Fed symposium), a rate story's anchor
    "jackson_hole": (
        dt.date(2019, 8, 23),
        dt.date(2020, 8, 27),
        dt.date(2021, 8, 27),
        dt.date(2022, 8, 26),
        dt.date(2023, 8, 25),
        dt.date(2024, 8, 23),
        dt.date(2025, 8, 22),
    ),
}
_EVENT_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:(?:presidential|u\.?s\.?|us|november|\d{4})\s)*election", re.I), "election"),
    (
        re.compile(
            r"(?:fed(?:eral reserve)?['’]?s?\s|fomc['’]?s?\s)?first\s"
            r"(?:rate\s|interest[\s-]rate\s)?"
            r"(?:cut|reduction)|(?:start|beginning)\sof\sthe\s(?:fed['’]s\s)?(?:easing|"
            r"rate[\s-]cutting)\scycle"
            r"|(?:fed(?:eral reserve)?|fomc|central\sbank)\s(?:started|began|first\sstarted)\s"
            r"(?:cutting|to\scut|easing)(?:\s(?:interest\s)?rates)?",
            re.I,
        ),
        "first_cut",
    ),
    (
        re.compile(r"(?:trump['’]s\s)?[\"“]?liberation\sday[\"”]?(?:\stariffs?)?", re.I),
        "liberation_day",
    ),
    (re.compile(r"(?:april(?:\s2025)?|tariff)\s(?:low|bottom|lows)", re.I), "april_low"),
    (
        re.compile(r"(?:covid|pandemic|march\s2020)(?:[\s-]era)?\s(?:low|lows|bottom|crash)", re.I),
        "covid_low",
    ),
    (
        re.compile(
            r"(?:2021\speak|(?:record\s|all[\s-]time\s)?(?:peak|high)\s(?:in|of)\s"
            r"(?:november\s)?2021|record\sclos(?:e|ing\shigh)\s(?:in|of)\s(?:november\s)?2021"
            r"|november\s2021\s(?:peak|high|record))",
            re.I,
        ),
        "peak_2021",
    ),
    (re.compile(r"(?:svb|silicon\svalley\sbank)(?:['’]s)?\s(?:collapse|failure)", re.I), "svb"),
    (
        re.compile(
            r"(?:fed(?:eral reserve)?['’]?s?\s|fomc['’]?s?\s)?first\s"
            r"(?:(?:rate\s|interest[\s-]rate\s)?hike|(?:rate\s|interest[\s-]rate\s)increase)"
            r"|(?:start|beginning)\sof\sthe\s(?:fed['’]s\s)?(?:tightening|rate[\s-]hiking|"
            r"hiking)\scycle"
            r"|(?:fed(?:eral reserve)?|fomc|central\sbank)\s(?:started|began)\s(?:hiking|to\shike|"
            r"raising)(?:\s(?:interest\s)?rates)?",
            re.I,
        ),
        "first_hike",
    ),
    (
        re.compile(
            r"(?:(?:march\s)?2009|financial[\s-]crisis|gfc|great\srecession)(?:[\s-]era)?\s"
            r"(?:low|lows|bottom|trough)",
            re.I,
        ),
        "gfc_low",
    ),
    (
        re.compile(
            r"(?:(?:powell|the\sfed\schair)['’]s\s)?jackson\shole(?:\s(?:speech|symposium|"
            r"remarks|address|conference|summit))?",
            re.I,
        ),
        "jackson_hole",
    ),
]


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


def _observed(d: dt.date, *, saturday_friday: bool = True) -> dt.date | None:
    """A fixed-date holiday as the exchange observes it: a Sunday's on the Monday after, a
    Saturday's on the Friday before (none for New Year's Day, whose Friday ends a year)."""
    if d.weekday() == 6:
        return d + dt.timedelta(days=1)
    if d.weekday() == 5:
        return d - dt.timedelta(days=1) if saturday_friday else None
    return d


#: Days the NYSE closed for an event the calendar does not fix (national days of mourning,
#: Hurricane Sandy).
_UNSCHEDULED_CLOSURES = frozenset(
    {
        dt.date(2004, 6, 11),
        dt.date(2007, 1, 2),
        dt.date(2012, 10, 29),
        dt.date(2012, 10, 30),
        dt.date(2018, 12, 5),
        dt.date(2025, 1, 9),
    }
)


def _market_holidays(year: int) -> frozenset[dt.date]:
    """The NYSE's full-day holidays of ``year`` (the rules in force since 2000; Juneteenth
    from 2022): a session count ("the past 30 trading days") skips them."""
    days = {
        _observed(dt.date(year, 1, 1), saturday_friday=False),
        _nth_weekday(year, 1, 0, 3),  # Martin Luther King Jr. Day
        _nth_weekday(year, 2, 0, 3),  # Washington's Birthday
        easter(year) - dt.timedelta(days=2),  # Good Friday
        _nth_weekday(year, 5, 0, -1),  # Memorial Day
        _observed(dt.date(year, 7, 4)),
        _nth_weekday(year, 9, 0, 1),  # Labor Day
        _nth_weekday(year, 11, 3, 4),  # Thanksgiving
        _observed(dt.date(year, 12, 25)),
    }
    if year >= 2022:
        days.add(_observed(dt.date(year, 6, 19)))
    return frozenset(d for d in days if d is not None)


def market_closed(d: dt.date) -> bool:
    """Whether the U.S. stock market had no session on ``d`` (a weekend or a full holiday)."""
    return d.weekday() >= 5 or d in _market_holidays(d.year) or d in _UNSCHEDULED_CLOSURES


def last_session(p: dt.date) -> dt.date:
    """The latest session on or before ``p``: a weekend's or a holiday's piece reports the
    session before it."""
    while market_closed(p):
        p -= dt.timedelta(days=1)
    return p


def _weekdays_back(p: dt.date, n: int) -> dt.date:
    """The first of the ``n`` sessions ending at the last one on or before ``p`` (weekends and
    exchange holidays are no sessions: "the past 30 trading days" across Thanksgiving)."""
    d, left = last_session(p), n - 1
    while left > 0:
        d -= dt.timedelta(days=1)
        if not market_closed(d):
            left -= 1
    return d


def _num(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


Range = tuple[dt.date, dt.date]
# a handler returns the range, or the range with its own confidence (overriding the rule's)
Handler = Callable[[re.Match[str], dt.date], Range | tuple[dt.date, dt.date, float] | None]


def _month_of(word: str) -> int | None:
    key = word.lower().rstrip(".")
    return MONTHS.get(key[:4] if key.startswith("sept") else key[:3])


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


def _h_to_date(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "month-to-date", "QTD", "since the start of the week": the running one .. P."""
    unit = (m.group("td") or m.group("tds") or m.group("tda")[0]).lower()
    unit = {"m": "month", "w": "week", "q": "quarter"}.get(unit, unit)
    if unit == "week":
        return p - dt.timedelta(days=p.weekday()), p
    if unit == "month":
        return p.replace(day=1), p
    return dt.date(p.year, 3 * ((p.month - 1) // 3) + 1, 1), p


#: "since early/mid/late ...": the start is a guess within the part named, so the period is
#: unsure (a check may not accuse the author over which day of "early October" was meant).
_VAGUE_PART_CONFIDENCE = 0.5


def _h_since(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    part = (m.group("part") or "").lower()
    sure = _VAGUE_PART_CONFIDENCE if part in {"early", "mid", "mid-", "late"} else 0.9
    if m.group("yr") and not m.group("mon"):
        year = int(m.group("yr"))
        if part == "end of":
            return dt.date(year + 1, 1, 1), p, sure
        month = {"early": 1, "mid": 6, "mid-": 6, "late": 10}.get(part, 1)
        return dt.date(year, month, 1), p, sure
    if not m.group("mon"):
        return None
    key = m.group("mon").lower().rstrip(".")
    month = MONTHS[key[:4] if key.startswith("sept") else key[:3]]
    year = int(m.group("yr")) if m.group("yr") else _latest_month(month, p)
    if part == "end of":  # "since the end of June": the move starts in July
        return dt.date(year, month, 1) + relativedelta(months=1), p, sure
    day = {"early": 1, "mid": 15, "mid-": 15, "late": 20}.get(part, 1)
    if (m.groupdict().get("last") or "").lower().startswith("last"):
        # "since last September": the latest September, or the one before it? unsure
        sure = min(sure, 0.5)
    return dt.date(year, month, day), p, sure


def _h_since_midyear(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "since midyear", "since the middle of the year": from July 1 of the article's year
    (of the year before in its first half), unsure: a midpoint is a loose anchor."""
    year = p.year if p.month >= 7 else p.year - 1
    return dt.date(year, 7, 1), p, _VAGUE_PART_CONFIDENCE


def _h_since_day(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "since September 17", "since the Fed's cut on September 17", "since that Nov. 20 low":
    from that day (inclusive, the annotation rule) to P; the move is measured from that day's
    close (the period's base is ``start_close``)."""
    got = _h_day(m, p)
    if got is None:
        return None
    start = got[0]
    if not m.groupdict().get("yr"):
        if start >= p:  # "since Nov. 5" written on Nov. 5: last year's
            start = start.replace(year=start.year - 1)
        said = m.string[max(0, m.start()) : m.end() + 30].lower()
        if "election" in said:  # "since the Nov. 5 election": the election held on that day
            same_day = (start.month, start.day)
            held = [d for d in EVENTS["election"] if d < p and (d.month, d.day) == same_day]
            if held:
                start = held[-1]
    return (start, p) if start < p else None


def _h_past(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    groups = m.groupdict()
    n = _num(groups.get("n") or groups.get("n2") or "one")
    if n is None:
        return None
    unit = (groups.get("unit") or groups.get("unit2") or "").lower().rstrip("s")
    unit = "session" if unit == "trading session" else unit
    if unit in {"session", "trading day"}:
        return _weekdays_back(p, n), _last_weekday(p)
    delta = {
        "day": relativedelta(days=n),
        "week": relativedelta(weeks=n),
        "fortnight": relativedelta(weeks=2 * n),
        "month": relativedelta(months=n),
        "quarter": relativedelta(months=3 * n),
        "year": relativedelta(years=n),
        "decade": relativedelta(years=10 * n),
    }.get(unit)
    return (p - delta, p) if delta else None


def _h_last(m: re.Match[str], p: dt.date) -> Range | tuple[dt.date, dt.date, float] | None:
    which, unit = m.group("which").lower(), m.group("unit").lower()
    if unit == "week":
        monday = p - dt.timedelta(days=p.weekday())
        if which == "this":
            return monday, _last_weekday(p) if p.weekday() >= 5 else p
        if p.weekday() == 6:  # a Sunday piece's "last week" is the one just closed (or not)
            return monday, monday + dt.timedelta(days=4), 0.7
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
    """ "on Wednesday" -> the latest Wednesday on or before P; "last Friday" -> the latest one
    before P (written on a Friday, a week ago)."""
    before = p - dt.timedelta(days=1) if m.groupdict().get("lastwd") else p
    d = _latest_weekday(_weekday_of(m.group("wd")), before)
    return d, d


#: Chat shorthand for weekdays ("thurs", "Tues", "weds", "fri"): the day's number.
_WEEKDAY_SHORT = {"tue": 1, "tues": 1, "weds": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4}


def _weekday_of(word: str) -> int:
    low = word.lower().rstrip(".")
    return WEEKDAYS.get(low, _WEEKDAY_SHORT.get(low, 0))


def _h_relday(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    low = m.group(0).lower()
    if low not in {"yesterday", "yday"} and "session" not in low:
        return p, p
    d = last_session(p - dt.timedelta(days=1))
    return d, d


def _h_current(m: re.Match[str], p: dt.date) -> Range | tuple[dt.date, dt.date, float] | None:
    """ "for the day/week/month/quarter/year": the one the article is written in."""
    unit = (m.group("cu") or m.group("cu2") or m.group("cu3") or "").lower()
    unit = unit or ("week" if m.group("cu4") or m.group("cu5") else "")
    full = "full" in m.group(0).lower()
    if unit == "year" and ((full and p.month <= 3) or p <= dt.date(p.year, 1, 7)):
        # "for the full year" in a year's first months, "for the year" in its first days:
        # the year just ended
        sure = 0.8 if full else 0.6
        return dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31), sure
    if (
        unit == "quarter"
        and (p - dt.date(p.year, (p.month - 1) // 3 * 3 + 1, 1)).days < 10
        and "this" not in m.group(0).lower()
        and not _SO_FAR.match(m.string, m.end())
    ):
        # "for the quarter" written in a quarter's first days (as "a quarterly gain"): the
        # quarter just ended; "this quarter" and "the quarter so far" are the running one
        prev = dt.date(p.year, (p.month - 1) // 3 * 3 + 1, 1) - dt.timedelta(days=1)
        return _quarter_range(prev.year, (prev.month - 1) // 3 + 1, p)
    return _current_span(unit, p)


_SO_FAR = re.compile(r",?\s*(?:so\sfar|to\sdate|thus\sfar|-to-date)\b", re.I)


def _current_span(unit: str, p: dt.date) -> tuple[dt.date, dt.date] | None:
    if unit in {"day", "session"}:
        return last_session(p), last_session(p)
    if unit == "week":  # a weekend piece's week ends on its Friday
        return p - dt.timedelta(days=p.weekday()), _last_weekday(p)
    if unit == "month":
        return _month_range(p.year, p.month, p)
    if unit == "quarter":
        return _quarter_range(p.year, (p.month - 1) // 3 + 1, p)
    if unit == "year":
        return dt.date(p.year, 1, 1), p
    return None


def _h_since_weekday(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "since last Friday's close", "since Tuesday": from the latest such day strictly before
    P (inclusive; its close is the base) to P."""
    d = _latest_weekday(WEEKDAYS[m.group("wd").lower()], p - dt.timedelta(days=1))
    return d, p


def _h_trading_days(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "a 67% gain over two days of trading": a change over n sessions is measured from the
    close n sessions before P, so the period starts on that base session."""
    n = _num(m.group("n"))
    return (_weekdays_back(p, n + 1), p) if n else None


_FIRST_HALF = frozenset({"1", "first", "1st", "front"})


def _h_half(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    h = 1 if (m.group("h") or m.group("h2") or m.group("hw")).lower() in _FIRST_HALF else 2
    yr = m.group("yr") or m.group("yr2") or m.group("yr3")
    if yr:
        year = int(yr) if len(yr) == 4 else 2000 + int(yr)
    elif m.group("hrel"):  # "the second half of last year"
        year = p.year - (m.group("hrel").lower() == "last")
    else:
        year = p.year if (h == 1 or p.month >= 7) else p.year - 1
    first = dt.date(year, 1 if h == 1 else 7, 1)
    last = dt.date(year, 6, 30) if h == 1 else dt.date(year, 12, 31)
    return first, min(last, p) if first <= p <= last else last


def _h_fiscal(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """A fiscal period read on the calendar: a guess, so below the sure threshold."""
    yr = m.group("fy") or m.group("fy2") or m.group("fy3") or m.group("fy4")
    q = m.group("fq") or m.group("fq2") or m.group("fq3") or m.group("fqw")
    year = (int(yr) if len(yr) == 4 else 2000 + int(yr)) if yr else None
    if q is not None:
        qn = int(q) if q.isdigit() else ORDINALS[q.lower()]
        if year is None:
            year = p.year if 3 * qn - 2 <= p.month else p.year - 1
        return (*_quarter_range(year, qn, p), 0.3)
    if year is None:
        return None
    return (*_year_range(year, p), 0.3)


def _h_between(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "between Friday, January 9 and Friday, January 16": the change between two closes
    covers the sessions after the first .. the second; months span whole months."""
    m1, m2 = _month_of(m.group("m1")), _month_of(m.group("m2") or m.group("m1"))
    if m1 is None or m2 is None:
        return None
    y2 = int(m.group("y2")) if m.group("y2") else None
    y1 = int(m.group("y1")) if m.group("y1") else y2
    if m.group("d1") and m.group("d2"):
        year2 = y2 or (p.year if (m2, int(m.group("d2"))) <= (p.month, p.day) else p.year - 1)
        last = dt.date(year2, m2, int(m.group("d2")))
        year1 = y1 or (year2 if (m1, int(m.group("d1"))) <= (m2, last.day) else year2 - 1)
        first = dt.date(year1, m1, int(m.group("d1")))
        start = first + dt.timedelta(days=1)
        while start.weekday() >= 5 and start < last:
            start += dt.timedelta(days=1)
        return (start, last) if start <= last else None
    if m.group("d1") or m.group("d2"):
        return None
    year2 = y2 or _latest_month(m2, p)
    year1 = y1 or (year2 if m1 <= m2 else year2 - 1)
    first = dt.date(year1, m1, 1)
    return first, _month_range(year2, m2, p)[1]


def _h_numeric_day(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    yr = int(m.group("y"))
    yr = yr if yr > 99 else 2000 + yr
    d = dt.date(yr, int(m.group("m")), int(m.group("d")))
    return d, d


def _h_span_ending(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "the week ended Friday", "the week ending November 21" -> that Monday .. that day;
    "the three months through September", "the 12 months to June 30" -> the months
    ending with that month (or day); "the ten years ended September 30, 2025" -> that day
    ten years back .. that day."""
    if m.group("wd"):
        last = _latest_weekday(WEEKDAYS[m.group("wd").lower()], p)
    else:
        month = _month_of(m.group("mon"))
        if month is None:
            return None
        year = int(m.group("yr")) if m.group("yr") else _latest_month(month, p)
        if m.group("day"):
            last = dt.date(year, month, int(m.group("day")))
            if not m.group("yr") and last > p:
                last = last.replace(year=year - 1)
        else:
            last = _month_range(year, month, p)[1]
    if m.group("wk").lower() == "week":
        return last - dt.timedelta(days=last.weekday()), last
    if m.group("ns"):  # "the five sessions ended Friday": those weekdays
        n = _num(m.group("ns"))
        return (_weekdays_back(last, n), last) if n else None
    if (
        m.group("wk").lower() == "year"
        and not m.group("wd")
        and (last + dt.timedelta(days=1)).day == 1
    ):
        # "the (fiscal) year ended June 30, 2025": a year of whole months, as "the quarter
        # ended September 30" is (2024-07-01 .. 2025-06-30)
        return last.replace(day=1) - relativedelta(months=11), last
    if m.group("ny") or m.group("wk").lower() == "year":
        # "the ten years ended September 30, 2025": a fund's trailing span, close to close
        years = _num(m.group("ny")) if m.group("ny") else 1
        if not years:
            return None
        if not (m.group("wd") or m.group("day")):
            # "the five years through November": whole months, as "the three months through
            # September" reads (2020-12-01 .. 2025-11-30)
            return last.replace(day=1) - relativedelta(years=years, months=-1), last
        return last - relativedelta(years=years), last
    if m.group("wk").lower() == "month":  # "the month through Nov. 12": a month to that day
        if not (m.group("wd") or m.group("day")) or (last + dt.timedelta(days=1)).day == 1:
            return last.replace(day=1), last
        return last - relativedelta(months=1), last
    if m.group("wk").lower() == "quarter":
        # "the quarter ended September 30": the three calendar months ending with it (a
        # fund's fiscal quarter may end mid-month: then the three months back to that day)
        if m.group("wd") or (last + dt.timedelta(days=1)).day != 1:
            return last - relativedelta(months=3) + dt.timedelta(days=1), last
        return last.replace(day=1) - relativedelta(months=2), last
    n = _num(m.group("n"))
    if not n:
        return None
    if m.group("wd") or m.group("day"):
        return last - relativedelta(months=n), last
    first = last.replace(day=1) - relativedelta(months=n - 1)
    return first, last


def _h_month_day(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "the 10/15 ATH": that month and day, the latest one on or before P."""
    month, day = int(m.group("m") or m.group("m2")), int(m.group("d") or m.group("d2"))
    try:
        d = dt.date(p.year, month, day)
    except ValueError:
        return None
    if d > p:
        d = d.replace(year=p.year - 1) if (month, day) != (2, 29) else None  # type: ignore[assignment]
    return (d, d) if d is not None else None


def _h_since_month_day(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "since 4/8": from that day (its close the base) .. P."""
    got = _h_month_day(m, p)
    return (got[0], p) if got is not None and got[0] < p else None


def _h_dmy(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "25-Feb-25", "3-Mar-2025": a dateline's day (day-month-year)."""
    month = _month_of(m.group("mon"))
    if month is None:
        return None
    yr = int(m.group("y"))
    d = dt.date(yr if yr > 99 else 2000 + yr, month, int(m.group("d")))
    return d, d


def _h_span_adj(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "three-month performance", "a 12-month return", "over a month": P minus the span."""
    n = _num(m.group("n") or "one")
    unit = (m.group("unit") or m.group("unit2")).lower()
    if unit == "session":  # "a ten-session run": trading days, like "the past ten sessions"
        return _weekdays_back(p, n or 1), _last_weekday(p)
    delta = {"day": relativedelta(days=n or 1), "week": relativedelta(weeks=n or 1)}.get(
        unit, relativedelta(months=n or 1) if unit == "month" else relativedelta(years=n or 1)
    )
    if unit == "decade":
        delta = relativedelta(years=10)
    return p - delta, p


#: Chart and quote-page shorthand for a trailing span: "5d", "1wk", "1mo", "3M", "1Y".
_SHORT_UNITS = {
    "d": "session",
    "w": "week",
    "wk": "week",
    "mo": "month",
    "m": "month",
    "y": "year",
    "yr": "year",
}


def _h_short_span(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "1M: -2.1%", "5d +3.4%", "1wk +2.4%": the trailing span the label names, read as "the
    past month" / "the last five sessions" would be (a day count on a chart is sessions);
    "+1.2% w/w": the past week."""
    if m.group("wow"):
        return p - relativedelta(weeks=1), p
    n = int(m.group("n"))
    unit = _SHORT_UNITS[m.group("unit").lower().rstrip("s")]
    if unit == "session":
        return _weekdays_back(p, n), _last_weekday(p)
    delta = {
        "week": relativedelta(weeks=n),
        "month": relativedelta(months=n),
        "year": relativedelta(years=n),
    }[unit]
    return p - delta, p


def _h_event(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    name = next((k for pat, k in _EVENT_WORDS if pat.fullmatch(m.group("ev").strip())), None)
    if name is None:
        return None
    days = [d for d in EVENTS[name] if d <= p]
    if not days:
        return None
    if m.group("evm"):  # "since the Fed's first cut in September": that month's event
        month, year = _month_of(m.group("evm")), m.group("evy")
        days = [d for d in days if d.month == month and (not year or d.year == int(year))]
        if not days:
            return None
    day = days[-1]
    near = [d for d in EVENTS[name] if d < day and (day - d).days < 550 and not m.group("evm")]
    if day >= p:
        return None
    return day, p, 0.5 if near else 0.7


def _h_turn_of_year(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    year = int(m.group("yr")) if m.group("yr") else p.year
    return (dt.date(year, 1, 1), p) if year <= p.year else None


def _h_weekday_event(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "Wednesday's meeting", "next Wednesday": the nearest such day (the next for "next")."""
    wd = WEEKDAYS[(m.group("wd") or m.group("wd2")).lower()]
    ahead = (wd - p.weekday()) % 7
    if m.group("nx") or m.group("nx2"):
        d = p + dt.timedelta(days=ahead or 7)
    else:
        back = (p.weekday() - wd) % 7
        d = p + dt.timedelta(days=ahead) if ahead < back else p - dt.timedelta(days=back)
    return d, d, 0.5


def _h_finished(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "finished the year up 24%", "closing out the week", "ended the quarter": a period that
    has ended, so the latest completed one (this one only in its last days: a piece written on
    Dec 31 or on a Friday evening); "this year" is the running one; "that week" an event's."""
    det, unit = m.group("det").lower(), m.group("fu").lower()
    if det == "that":
        return _h_that_span(m, p)
    if unit in {"day", "session"}:
        return p, p, 0.85
    if det == "this":
        got = _current_span(unit, p)
        return (got[0], got[1], 0.85) if got else None
    if unit == "week":
        monday = p - dt.timedelta(days=p.weekday())
        if p.weekday() >= 4:  # Friday or the weekend: the week just closed
            return monday, monday + dt.timedelta(days=4), 0.8
        prev = monday - dt.timedelta(days=7)
        return prev, prev + dt.timedelta(days=4), 0.8 if p.weekday() == 0 else 0.5
    if unit == "month":
        last_day = calendar.monthrange(p.year, p.month)[1]
        if p.day >= last_day - 2:
            return p.replace(day=1), p, 0.7
        prev = p.replace(day=1) - dt.timedelta(days=1)
        return prev.replace(day=1), prev, 0.8 if p.day <= 10 else 0.5
    if unit == "quarter":
        q = (p.month - 1) // 3 + 1
        first = dt.date(p.year, 3 * q - 2, 1)
        end = first + relativedelta(months=3) - dt.timedelta(days=1)
        if (end - p).days <= 3:
            return first, p, 0.7
        prev = first - dt.timedelta(days=1)
        start, stop = _quarter_range(prev.year, (prev.month - 1) // 3 + 1, p)
        return start, stop, 0.8 if (p - first).days <= 45 else 0.5
    # the year: the one just ended, unless the piece is written in its very last days
    if p.month == 12 and p.day >= 29:
        return dt.date(p.year, 1, 1), p, 0.7
    return dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31), 0.8 if p.month <= 3 else 0.5


#: Who decides, before a decision word: "the Fed's", "the FOMC", "the central bank's".
_DECIDER = (
    r"(?:(?:the\s)?(?:fed(?:eral\sreserve)?|fomc|central\sbank|committee|policymakers)"
    r"(?:['’]s?)?\s)"
)
#: The decision word: a meeting's outcome, or a move of a kind.
_DECISION_WORD = (
    r"(?:(?:quarter|half)[\s-](?:percentage[\s-])?point\s|\d{2,3}[\s-]?(?:basis[\s-]points?|bps?)\s|"
    r"jumbo\s|rate\s|policy\s|interest[\s-]rate\s)*"
    r"(?P<dw>decision|announcement|statement|meeting|cut|hike|move|reduction|increase)\b"
)


#: "since the Fed cut rates last Wednesday", "since the FOMC resumed cutting": the decision
#: said with a verb; the words that date it ("last week", "on Wednesday") belong to it.
_DECIDED_VERB = (
    r"(?P<dv>cut|lowered|eased|trimmed|slashed|(?:resumed|started|began)\s(?:cutting|easing)|"
    r"raised|hiked|held|paused|stood\spat|kept\srates|left\srates|decided|moved|acted)\b"
    r"(?:\s(?:interest\s)?rates|\s(?:its\s|the\s)?(?:policy|benchmark|key)\s(?:interest\s)?rate|"
    r"\sborrowing\scosts)?(?:\s(?:again|once\smore))?"
    r"(?:\s(?:last|this)\sweek|\s(?:on\s|last\s)?(?:monday|tuesday|wednesday|thursday|friday)\b)?"
)


def _decision_of(m: re.Match[str], p: dt.date) -> dt.date | None:
    """The decision day the words name: the latest meeting (or cut, hike, move, hold) on or
    before ``p``, of the month they name if they name one ("since the last cut, in
    December")."""
    groups = m.groupdict()
    word = (groups.get("dw") or groups.get("dv") or "decision").lower().split()[0]
    what = {
        "cut": "cut",
        "reduction": "cut",
        "lowered": "cut",
        "eased": "cut",
        "trimmed": "cut",
        "slashed": "cut",
        "resumed": "cut",
        "started": "cut",
        "began": "cut",
        "hike": "hike",
        "increase": "hike",
        "raised": "hike",
        "hiked": "hike",
        "move": "move",
        "moved": "move",
        "held": "hold",
        "paused": "hold",
        "stood": "hold",
        "kept": "hold",
        "left": "hold",
    }
    mon = groups.get("fm") or groups.get("fm2")
    yr = groups.get("fy") or groups.get("fy2")
    return fomc.latest_decision(
        p,
        what=what.get(word, "decision"),
        month=_month_of(mon) if mon else None,
        year=int(yr) if yr else None,
    )


def _decision_confidence(m: re.Match[str], day: dt.date, p: dt.date) -> float:
    """Unsure (0.7): the text names the meeting, not its date; 0.6 when the meeting is more
    than a month and a half back with no month said (an older one may be meant)."""
    groups = m.groupdict()
    return 0.7 if (p - day).days <= 45 or groups.get("fm") or groups.get("fm2") else 0.6


def _h_fed_since(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "since the Fed's decision", "since the last cut, in December": from that FOMC
    decision day's close (``nlp.fomc``) to P."""
    day = _decision_of(m, p)
    return (day, p, _decision_confidence(m, day, p)) if day is not None else None


def _h_fed_day(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "on the day of the decision": that FOMC decision day; "in the week after the Fed
    meeting": the next Monday..Friday (as "the week after the election"); "the day after the
    decision": the next session."""
    day = _decision_of(m, p)
    if day is None:
        return None
    conf = _decision_confidence(m, day, p)
    after = (m.groupdict().get("fa") or "").lower()
    if not after:
        return day, day, conf
    if after in {"day", "session", "days", "sessions"}:
        # "the session after the Fed", "the two sessions after the decision": the sessions
        # that followed the decision day
        n = _num(m.groupdict().get("fn") or "one") or 1
        nxt = last = day
        for _ in range(n):
            last += dt.timedelta(days=1)
            while market_closed(last):
                last += dt.timedelta(days=1)
            if nxt == day:
                nxt = last
        return (nxt, last, conf) if last <= p else None
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=7)
    return (monday, min(monday + dt.timedelta(days=4), p), conf) if monday <= p else None


#: An event the sentence names, for "that week" / "the week of the election".
_EVENT_IN_TEXT = re.compile(
    r"\b(?:re-?)?(?:" + "|".join(f"(?:{pat.pattern})" for pat, _ in _EVENT_WORDS) + ")", re.I
)


def _h_that_span(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "closing out that week up 8.6%", "the week of the election": the span of the event the
    sentence names (from the table of dated events), else no dates (a period that is there but
    anchored to something the resolver cannot date: never replaced by a guess)."""
    groups = m.groupdict()
    unit = (groups.get("tu") or groups.get("tu2") or groups.get("fu") or "").lower()
    after = "after" in m.group(0).lower() or "following" in m.group(0).lower()
    day = None
    for ev in _EVENT_IN_TEXT.finditer(m.string):
        text = ev.group(0)
        name = next((k for pat, k in _EVENT_WORDS if pat.search(text)), None)
        days = [d for d in EVENTS.get(name or "", ()) if d <= p]
        if days:
            day = days[-1]
            break
    if day is None:
        return None
    if unit in {"day", "session"}:
        d = day + dt.timedelta(days=1) if after else day
        return (d, d, 0.6) if d <= p else None
    if unit == "month":
        first = day.replace(day=1)
        return first, min(p, first + relativedelta(months=1) - dt.timedelta(days=1)), 0.6
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=7 if after else 0)
    friday = monday + dt.timedelta(days=4)
    return (monday, min(friday, p), 0.6) if monday <= p else None


def _h_session(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "lost 1.1% by the close", "into the closing bell": the one session reported on (the
    article's day here, the session before it for a weekend's piece; the extractor
    substitutes a session the text named)."""
    return last_session(p), last_session(p)


def _last_weekday(p: dt.date) -> dt.date:
    """The latest session on or before ``p`` (a weekend piece's last session)."""
    return last_session(p)


def _prev_quarter(p: dt.date) -> Range:
    q = (p.month - 1) // 3 + 1
    return _quarter_range(p.year if q > 1 else p.year - 1, q - 1 if q > 1 else 4, p)


def _last_end(unit: str, p: dt.date) -> dt.date:
    """The last day of the latest month (quarter, year) that ended before ``p``."""
    if unit == "month":
        return p.replace(day=1) - dt.timedelta(days=1)
    if unit == "quarter":
        return _prev_quarter(p)[1]
    return dt.date(p.year - 1, 12, 31)


def _h_since_end(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "since quarter-end", "since the end of the month", "since the quarter ended": from the
    first day after the latest such end .. P (the move is measured from that end's close)."""
    unit = (m.group("u") or m.group("u2") or m.group("u3")).lower()
    first = _last_end(unit, p) + dt.timedelta(days=1)
    return (first, p) if first <= p else None


def _h_prev_quarter(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "in the last quarter", "the most recent quarter", "the quarter just ended": the last
    completed calendar quarter (the devset's reading of "the last quarter"); 0.7 where the
    words also allow the trailing three months ("the last quarter"), 0.9 where they do not."""
    first, last = _prev_quarter(p)
    said = m.group(0).lower()
    loose = said.startswith("the ") and not re.search(r"just|complet|ended|finished", said)
    return first, last, 0.7 if loose else 0.9


#: A run ended by the move beside it: "snapping a three-week winning streak".
_RUN_ENDED = re.compile(
    r"\b(?:snap(?:s|ped|ping)?|end(?:s|ed|ing)?|br(?:eaks?|oke|eaking)|halt(?:s|ed|ing)?|"
    r"stop(?:s|ped|ping)?)\s(?:its\s|their\s|the\s)?$",
    re.I,
)


def _h_streak(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "over five straight losing sessions", "a four-session losing streak", "four days in a
    row": the streak's sessions, ending at the last session on or before P; unsure (0.5): a
    streak may have ended before the article's day, and a count of weeks may or may not count
    the running one."""
    n = _num(m.group("n") or m.group("n2") or "")
    if not n or n > 60:
        return None
    if _RUN_ENDED.search(m.string[max(0, m.start() - 25) : m.start()]):
        return None  # "down 0.9%, snapping a three-week winning streak": the run before the move
    unit = next(m.group(g) for g in ("unit", "unit2", "unit3", "unit4") if m.group(g)).lower()
    end = _last_weekday(p)
    if unit.startswith("week"):
        monday = end - dt.timedelta(days=end.weekday())
        return monday - dt.timedelta(weeks=n - 1), end, 0.5
    return _weekdays_back(end, n), end, 0.5


def _h_periodic(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "a weekly gain of 2.6%", "its best relative monthly performance": the running week
    (month, quarter), or the one just closed when the piece is written at its very start (a
    Monday for the week); a weekend piece's week is its Monday..Friday."""
    return _periodic_span(m.group("pu").lower(), p)


def _periodic_span(unit: str, p: dt.date) -> tuple[dt.date, dt.date, float]:
    """The running week ("weekly"), month ("monthly") or quarter seen from P (see above)."""
    if unit == "weekly":
        end = _last_weekday(p)
        monday = end - dt.timedelta(days=end.weekday())
        if p.weekday() == 0:
            return monday - dt.timedelta(days=7), monday - dt.timedelta(days=3), 0.6
        return monday, end, 0.85 if p.weekday() >= 4 else 0.8
    if unit == "monthly":
        if p.day < 6:
            prev = p.replace(day=1) - dt.timedelta(days=1)
            return prev.replace(day=1), prev, 0.6
        return p.replace(day=1), p, 0.7
    first = dt.date(p.year, 3 * ((p.month - 1) // 3) + 1, 1)
    if (p - first).days < 10:
        return (*_prev_quarter(p), 0.6)
    return first, p, 0.7


def _h_week_of_month(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "the first week of November", "the final week of October": that Monday..Friday within
    the month (the first week starts on the month's first weekday)."""
    month = _month_of(m.group("mon"))
    if month is None:
        return None
    year = int(m.group("yr")) if m.group("yr") else _latest_month(month, p)
    first, last = dt.date(year, month, 1), _month_range(year, month, p)[1]
    which = m.group("fl").lower()
    more = (_num(m.group("nw")) or 1) - 1 if m.group("nw") else 0  # "the first two weeks of"
    if which in {"last", "final"}:
        end = _last_weekday(dt.date(year, month, calendar.monthrange(year, month)[1]))
        start = max(first, end - dt.timedelta(days=end.weekday(), weeks=more))
    else:
        day = first
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        monday = day - dt.timedelta(days=day.weekday())
        weeks = {"first": 0, "second": 1, "third": 2}[which]
        start = max(first, monday + dt.timedelta(weeks=weeks))
        end = monday + dt.timedelta(weeks=weeks + more, days=4)
    end = min(end, last, p)
    return (start, end) if start <= end else None


def _h_months_of_year(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "the first six months of the year", "the last three months of 2024": those calendar
    months of that year (ending at P when they are still running)."""
    n = _num(m.group("n"))
    if not n or n > 12:
        return None
    rel = (m.group("rel") or "").lower()
    year = int(m.group("yr")) if m.group("yr") else p.year - (rel == "last")
    if m.group("fl").lower() == "first":
        first = dt.date(year, 1, 1)
        last = dt.date(year, n, calendar.monthrange(year, n)[1])
    else:
        first, last = dt.date(year, 13 - n, 1), dt.date(year, 12, 31)
    if first > p:
        return None
    return first, min(last, p)


def _h_through(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "year to date through September", "up 9% in 2025 through October", "gained 10%
    through Oct. 31": from January 1 of that year to the end of the month (or that day). A
    bare "through September" reads as the year so far, unsure (0.5: it may end a span the
    sentence began elsewhere, or a trailing one)."""
    month = _month_of(m.group("mon"))
    if month is None:
        return None
    yr = m.group("yr") or m.group("yr2")
    year = int(yr) if yr else _latest_month(month, p)
    if m.group("day"):
        last = dt.date(year, month, int(m.group("day")))
        if not yr and last > p:
            last = last.replace(year=year - 1)
    else:
        last = _month_range(year, month, p)[1]
    sure = 1.0 if yr else 0.9 if m.group("ytd") else 0.5
    return dt.date(last.year, 1, 1), last, sure


def _last_period_end(unit: str, p: dt.date) -> dt.date:
    """The last month-, quarter- or year-end on or before ``p``."""
    if unit == "year":
        return p if (p.month, p.day) == (12, 31) else dt.date(p.year - 1, 12, 31)
    first = p.replace(day=1)
    if unit == "quarter":
        first = first.replace(month=(p.month - 1) // 3 * 3 + 1)
    end = first - dt.timedelta(days=1)
    nxt = p + dt.timedelta(days=1)
    at_end = nxt.day == 1 and (unit == "month" or nxt.month in {1, 4, 7, 10})
    return p if at_end else end


def _h_through_period_end(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float]:
    """ "from its April 8 low through quarter-end", "10.4% through month-end": like "through
    Sept. 30", the last such end on or before P (a running quarter's end is still to come)."""
    last = _last_period_end((m.group("u") or m.group("u2") or m.group("u3")).lower(), p)
    return dt.date(last.year, 1, 1), last, 0.5


def _h_at_period_end(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date]:
    """ "stood at 9.8% at quarter-end", "as of month-end": that day (an anchor after "as of")."""
    last = _last_period_end((m.group("u") or m.group("u2") or m.group("u3")).lower(), p)
    return last, last


def _h_sessions_of(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "the first two sessions of the week", "the last three days of the month": those
    weekdays of the running week (month), cut at P."""
    n = _num(m.group("n") or "one")
    if not n or n > 23:
        return None
    span = "named" if m.groupdict().get("mon") else (m.group("su") or "year").lower()
    if span == "named":  # "the first three sessions of December": the latest one
        month = _month_of(m.group("mon"))
        if month is None:
            return None
        first, last = _month_range(_latest_month(month, p), month, p)
        last = _last_weekday(last)
    elif span == "week":
        first, last = p - dt.timedelta(days=p.weekday()), _last_weekday(p)
        last = min(first + dt.timedelta(days=4), max(last, first))
    elif span == "month":
        first, last = p.replace(day=1), _last_weekday(p)
    elif span != "named":  # "the first six sessions of 2026", "the first three days of the year"
        yr = m.groupdict().get("yr")
        year = int(yr) if yr else p.year
        if year > p.year:
            return None
        first, last = dt.date(year, 1, 1), min(_last_weekday(p), dt.date(year, 12, 31))
    while market_closed(first):
        first += dt.timedelta(days=1)
    if m.group("fl").lower() in {"first", "opening"}:
        end = first
        for _ in range(n - 1):
            end += dt.timedelta(days=1)
            while market_closed(end):
                end += dt.timedelta(days=1)
        start, end = first, min(end, last)
    else:
        start, end = _weekdays_back(last, n), last
    return (start, end) if first <= start <= end else None


def _h_between_days(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "from its April 8 close to Friday", "between Nov. 20 and Nov. 26", "from Monday's
    close to Nov. 14": the sessions after the first close .. the second day (the "between"
    convention: the change between two closes)."""
    before = p - dt.timedelta(days=1) if m.group("last2") else p
    last = _day_named(m.group("w2"), m.group("mon2"), m.group("d2"), before)
    if last is None:
        return None
    if m.group("w1"):
        first = _latest_weekday(WEEKDAYS[m.group("w1").lower()], last - dt.timedelta(days=1))
    else:
        month = _month_of(m.group("mon"))
        if month is None:
            return None
        yr = int(m.group("yr")) if m.group("yr") else last.year
        first = dt.date(yr, month, int(m.group("day")))
        if not m.group("yr") and first >= last:
            first = first.replace(year=first.year - 1)
    if first == _holiday("new year", first.year) or first == _holiday("christmas", first.year):
        return first, last  # "from Jan. 1 through Friday": no close that day, the year's start
    if m.group("ext"):
        # "from the Oct. 15 peak to Tuesday's close": from the extreme's day, as "since its
        # April 8 low" runs (its close the base)
        return (first, last) if first < last else None
    start = first + dt.timedelta(days=1)
    while start.weekday() >= 5 and start < last:
        start += dt.timedelta(days=1)
    return (start, last) if start <= last else None


def _day_named(wd: str | None, mon: str | None, day: str | None, p: dt.date) -> dt.date | None:
    """The day a span ends on: the latest weekday ``wd`` on or before ``p``, else the month
    and day at or before ``p`` (last year's when this year's is still to come)."""
    if wd:
        return _latest_weekday(WEEKDAYS[wd.lower()], p)
    month = _month_of(mon) if mon else None
    if month is None or day is None:
        return None
    last = dt.date(p.year, month, int(day))
    return last.replace(year=last.year - 1) if last > p else last


def _h_start_through(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "from the start of the year through Friday": the year's (quarter's, month's, week's)
    first day .. that day."""
    last = _day_named(m.group("wd"), m.group("mon"), m.group("day"), p)
    if last is None:
        return None
    unit = m.group("su").lower()
    if unit == "year":
        first = dt.date(last.year, 1, 1)
    elif unit == "quarter":
        first = dt.date(last.year, 3 * ((last.month - 1) // 3) + 1, 1)
    elif unit == "month":
        first = last.replace(day=1)
    else:
        first = last - dt.timedelta(days=last.weekday())
    return first, last


def _h_month_quarter(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "the September quarter", "the June-quarter": the three months ending with that month;
    a month that ends no calendar quarter ("the October quarter") names a fiscal one, read on
    the same three months but unsure (0.5)."""
    month = _month_of(m.group("mon"))
    if month is None:
        return None
    year = int(m.group("yr")) if m.group("yr") else _latest_month(month, p)
    last = _month_range(year, month, p)[1]
    first = dt.date(year, month, 1) - relativedelta(months=2)
    sure = (1.0 if m.group("yr") else 0.8) if month % 3 == 0 else _VAGUE_PART_CONFIDENCE
    return first, last, sure


def _h_since_month_extreme(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "since its March low", "since the October high": from a day in that month the text
    does not give (the resolver has no prices to find it): the month's first day, unsure,
    so no check may accuse the author over the start."""
    got = _h_since(m, p)
    if got is None:
        return None
    return got[0], got[1], min(got[2], _VAGUE_PART_CONFIDENCE)


#: words before "between 2050 and 2090" that make the numbers index levels, not years
_LEVEL_WORDS = re.compile(
    r"\b(?:support|resistance|range|trad\w*|zones?|bands?|levels?|stuck|bound|hover\w*|"
    r"consolidat\w*|chop\w*|oscillat\w*|sideways|pinned|capped|area)\b",
    re.I,
)


def _h_year_span(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "between 2011 and 2020", "from 2000 to 2006", "in 2011-20": whole calendar years,
    Jan 1 of the first .. Dec 31 of the last ("from the end of 2019": from Jan 1, 2020)."""
    g = m.groupdict()
    y1 = int(g.get("y1") or g["y1b"])
    y2s = g.get("y2") or g["y2b"]
    y2 = int(y2s) if len(y2s) == 4 else 100 * (y1 // 100) + int(y2s)
    before = m.string[max(0, m.start() - 40) : m.start()]
    if _LEVEL_WORDS.search(before):  # "trading between 2050 and 2090": index levels
        return None
    if g.get("e1"):
        y1 += 1
    if not y1 <= y2 <= p.year or y2 - y1 > 60:
        return None
    return dt.date(y1, 1, 1), min(dt.date(y2, 12, 31), p)


def _h_decade(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "the 2010s", "in the 1990s": the decade's ten calendar years (its first .. last day);
    "the early 2000s" is a part of it, a guess (0.5) over the whole decade."""
    first = int(m.group("dec"))
    if first > p.year:
        return None
    sure = _VAGUE_PART_CONFIDENCE if m.group("part") else 1.0
    return dt.date(first, 1, 1), min(dt.date(first + 9, 12, 31), p), sure


def _h_years_through_year(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "the five years through 2006", "the ten years to 2019", "the decade through 2024":
    the calendar years ending with that one (2002-01-01 .. 2006-12-31)."""
    n, year = (10 if m.group("dec") else _num(m.group("ny"))), int(m.group("yr"))
    if not n or year > p.year:
        return None
    return dt.date(year - n + 1, 1, 1), min(dt.date(year, 12, 31), p)


def _h_since_launch(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "since the fund's inception in 2012", "since its launch in 2019": Jan 1 of that year
    .. P, as "since its 1979 inception" reads (the day is not said)."""
    year = int(m.group("yr"))
    return (dt.date(year, 1, 1), p, 0.9) if year <= p.year else None


#: words that make "the 12 months after a first cut" a historical statistic, not an episode
_STATISTIC = re.compile(
    r"\b(?:averag\w*|median|typical(?:ly)?|historical(?:ly)?|on\saverage|tends?\sto|"
    r"usually|past\s(?:cycles|episodes|instances)|every|each)\b",
    re.I,
)
#: events whose name says which one ("the March 2020 low", "the 2021 peak")
_DATED_EVENTS = frozenset({"covid_low", "peak_2021", "gfc_low", "liberation_day", "svb"})


def _h_after(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "in the 12 months after the Fed's cut on September 29, 1998", "in the year after the
    March 2020 low", "in the month following the November 2016 election": a concrete past
    episode, from the anchor day (its close is the base) .. that span later.

    The anchor must be dated by the text: a day, or an event whose year is said (or whose
    name carries it, "the 2021 peak"). "The 12 months after a first cut" with no year is a
    historical statistic (the devset's rule 5): undated, so no other period is taken."""
    n = _num(m.group("n") or "one")
    unit = (m.group("unit") or m.group("unit1")).lower().rstrip("s")
    if not n:
        return None
    tail = m.group("tail")
    start: dt.date | None = None
    sure = 0.9
    if m.group("ev"):
        name = next((k for pat, k in _EVENT_WORDS if pat.fullmatch(m.group("ev").strip())), None)
        years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", m.group(0))}
        definite = re.search(r"(?:^|\s)(?:the|its|last|that)\s(?:fed['’]s\s)?$", tail, re.I)
        said = m.string[max(0, m.start() - 80) : m.end()]
        if name is not None and (years or definite) and not _STATISTIC.search(said):
            days = [d for d in EVENTS[name] if d < p and (not years or d.year in years)]
            start = days[-1] if days else None
            sure = 0.7 if years or name in _DATED_EVENTS else _VAGUE_PART_CONFIDENCE
    else:
        said_day = m.string[m.start("tail") : m.end()]
        dated = [x for x in find_periods(said_day, p) if x.first is not None]
        if dated and dated[-1].first == dated[-1].last:
            start = dated[-1].first
        elif dated and dated[-1].first is not None:  # a month or year: its day is a guess
            start, sure = dated[-1].first, _VAGUE_PART_CONFIDENCE
    if start is None:
        return None
    if unit in {"session", "trading day"}:
        end = start
        for _ in range(n):
            end += dt.timedelta(days=1)
            while end.weekday() >= 5:
                end += dt.timedelta(days=1)
    else:
        end = (
            start
            + {
                "day": relativedelta(days=n),
                "week": relativedelta(weeks=n),
                "month": relativedelta(months=n),
                "year": relativedelta(years=n),
            }[unit]
        )
    return (start, min(end, p), sure) if start < p else None


def _h_half_of_month(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "the back half of October": the 16th .. the month's end (the 1st .. 15th for the first
    half); unsure (0.5): where a writer splits a month is a guess."""
    month = _month_of(m.group("mon"))
    if month is None:
        return None
    year = int(m.group("yr")) if m.group("yr") else _latest_month(month, p)
    first, last = _month_range(year, month, p)
    if m.group("hw").lower() in _FIRST_HALF:
        last = min(last, first.replace(day=15))
    else:
        first = first.replace(day=16)
    return (first, last, _VAGUE_PART_CONFIDENCE) if first <= last else None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` of a month (``n`` = -1: the last one)."""
    if n < 0:
        d = dt.date(year, month, calendar.monthrange(year, month)[1])
        return d - dt.timedelta(days=(d.weekday() - weekday) % 7)
    d = dt.date(year, month, 1)
    return d + dt.timedelta(days=(weekday - d.weekday()) % 7, weeks=n - 1)


def _holiday(name: str, year: int) -> dt.date | None:
    """A U.S. market holiday (or Black Friday) of ``year``: fixed by the calendar, so a
    text that names it has named a day."""
    key = re.sub(r"[\s'’.-]+", " ", name.lower()).strip()
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if key.startswith("good friday"):
        return easter(year) - dt.timedelta(days=2)
    if key.startswith("black friday"):
        return _nth_weekday(year, 11, 3, 4) + dt.timedelta(days=1)
    if key.startswith("labor"):
        return _nth_weekday(year, 9, 0, 1)
    if key.startswith("memorial"):
        return _nth_weekday(year, 5, 0, -1)
    if key.startswith("easter"):
        return easter(year)
    if key.startswith("christmas eve"):
        return dt.date(year, 12, 24)
    if key.startswith("new years eve"):
        return dt.date(year, 12, 31)
    if key.startswith(("christmas", "xmas")):
        return dt.date(year, 12, 25)
    if key.startswith(("independence", "july 4", "the fourth", "fourth of july")):
        return dt.date(year, 7, 4)
    if key.startswith(("new year", "the new year")):
        return dt.date(year, 1, 1)
    return None


def _latest_holiday(name: str, p: dt.date, *, before: bool) -> dt.date | None:
    """The latest such holiday on or before P (strictly before it with ``before``)."""
    for year in (p.year, p.year - 1):
        d = _holiday(name, year)
        if d is not None and (d < p if before else d <= p):
            return d
    return None


def _h_holiday_day(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "on Black Friday", "Christmas Eve's session": a (shortened) session the calendar
    fixes; the latest one on or before P."""
    name = re.sub(r"^(?:on|during)\s", "", m.group(0), flags=re.I)
    d = _latest_holiday(name, p, before=False)
    return (d, d) if d is not None else None


def _h_since_holiday(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "since Labor Day", "since the Thanksgiving holiday": from that day (the market was shut,
    so the move runs from the close before it: base ``prior_close``) to P."""
    d = _latest_holiday(m.group("hol"), p, before=True)
    return (d, p) if d is not None else None


def _h_holiday_week(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "Thanksgiving week", "the week before Christmas", "the session after Thanksgiving":
    that Monday..Friday (that session), cut at P."""
    name = m.group("hol") or m.group("hol2")
    rel = (m.group("rel") or "of").lower()
    unit = (m.group("hw") or "week").lower()
    d = _latest_holiday(name, p + dt.timedelta(days=7), before=False)
    if d is None:
        return None
    if unit in {"session", "day"}:
        step = -1 if rel in {"before", "ahead of"} else 1
        day = d + dt.timedelta(days=step)
        while day.weekday() >= 5:
            day += dt.timedelta(days=step)
        return (day, day) if rel != "of" and day <= p else None
    monday = d - dt.timedelta(days=d.weekday())
    if rel in {"before", "ahead of"}:
        monday -= dt.timedelta(weeks=1)
    elif rel in {"after", "following"}:
        monday += dt.timedelta(weeks=1)
    if monday > p:
        return None
    return monday, min(monday + dt.timedelta(days=4), _last_weekday(p))


def _h_week_of_day(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "the week of Oct. 13": the Monday..Friday holding that day (cut at P)."""
    got = _h_day(m, p)
    if got is None:
        return None
    monday = got[0] - dt.timedelta(days=got[0].weekday())
    return (monday, min(monday + dt.timedelta(days=4), p)) if monday <= p else None


def _h_day_range(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "during Oct. 13-17": those sessions, the first day included (a span of days, not a
    change between two closes)."""
    got = _h_day(m, p)
    if got is None:
        return None
    try:
        last = got[0].replace(day=int(m.group("d2")))
    except ValueError:
        return None
    return (got[0], last) if got[0] < last <= max(p, got[0]) else None


def _h_between_weekdays(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "from Friday's close to Tuesday's": the sessions after the first close .. the second."""
    last = _latest_weekday(WEEKDAYS[m.group("w2").lower()], p)
    first = _latest_weekday(WEEKDAYS[m.group("w1").lower()], last - dt.timedelta(days=1))
    start = first + dt.timedelta(days=1)
    while start.weekday() >= 5:
        start += dt.timedelta(days=1)
    return (start, last) if start <= last else None


def _h_ago(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "up 20% from a year ago", "versus two weeks earlier": P minus that span .. P."""
    n = _num(m.group("n"))
    unit = (m.group("unit") or m.group("unit1")).lower().rstrip("s")
    if not n:
        return None
    delta = {
        "day": relativedelta(days=n),
        "week": relativedelta(weeks=n),
        "month": relativedelta(months=n),
        "quarter": relativedelta(months=3 * n),
        "year": relativedelta(years=n),
    }.get(unit)
    return (p - delta, p) if delta else None


def _h_since_part(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "since the start of the fourth quarter" -> Oct 1 .. P; "since the end of Q3" -> Oct 1
    .. P (the move runs from the quarter's last close); "since the start of the second half";
    "since late last year" -> Oct 1 of last year .. P; "since the end of last year" -> Jan 1."""
    se = m.group("se").lower()
    ending = se.startswith(("end", "close"))
    if m.group("which"):
        year = p.year - (m.group("which").lower() == "last")
        if ending:
            first = dt.date(year + 1, 1, 1)
        else:
            first = dt.date(year, {"early": 1, "mid": 6, "mid-": 6, "late": 10}.get(se, 1), 1)
        return (first, p) if first <= p else None
    yr = m.group("yr")
    if m.group("hw"):
        h = 1 if m.group("hw").lower() in {"first", "1st", "front"} else 2
        year = int(yr) if yr else (p.year if (h == 1 or p.month >= 7) else p.year - 1)
        first = dt.date(year, 1 if h == 1 else 7, 1)
        last = dt.date(year, 6, 30) if h == 1 else dt.date(year, 12, 31)
    else:
        q = int(m.group("q")) if m.group("q") else ORDINALS[m.group("qw").lower()]
        year = int(yr) if yr else (p.year if 3 * q - 2 <= p.month else p.year - 1)
        first = dt.date(year, 3 * q - 2, 1)
        last = first + relativedelta(months=3) - dt.timedelta(days=1)
    start = last + dt.timedelta(days=1) if ending else first
    return (start, p) if start <= p else None


def _h_dateline(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "NEW YORK, Dec 3 (Reuters) -": the day the wire wrote the story (the latest such day on
    or before the article's date), an anchor for every relative period after it."""
    got = _h_day(m, p)
    if got is None or not 0 <= (p - got[0]).days <= 31:
        return None
    return got


_SINCE_EVENT_IN = re.compile(r"\bsince\s(?:the|its|that|this|a|an)\s(?:[\w'’.&-]+\s){1,6}?$", re.I)


def _h_extended_hours(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date, float] | None:
    """ "gained 8% in after-hours trading", "down 2% before the bell": a quote outside the
    session, which daily closes do not measure: the article's day, but unsure (0.3)."""
    return p, p, 0.3


def _h_month_of_year(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "since July last year", "in March of this year": that month of the named year."""
    month = _month_of(m.group("mon"))
    if month is None or _SINCE_EVENT_IN.search(m.string[max(0, m.start() - 80) : m.start()]):
        return None  # "since the deal was announced in July last year": an undated event
    year = p.year - 1 if m.group("which").lower() == "last" else p.year
    if m.group("since"):
        part = (m.group("part") or "").lower()
        day = {"early": 1, "mid": 15, "mid-": 15, "late": 20}.get(part, 1)
        first = dt.date(year, month, day)
        return (first, p) if first <= p else None
    first, last = _month_range(year, month, p)
    return (first, last) if first <= p else None


_EVENT_ALT = "|".join(f"(?:{pat.pattern})" for pat, _ in _EVENT_WORDS)
# "its best day since Nov. 10, 2022", "the most since 2020", "a level not seen since March":
# a record's yardstick, not the period of the figure beside it (masked, never a period)
_RECORD_SINCE = re.compile(
    rf"\b(?:(?:new|fresh|another)\s(?:[\w-]+\s)?(?:highs?|lows?|records?|peaks?)\s"
    rf"|(?:most|least|largest|biggest|best|worst|highest|lowest|strongest|weakest|"
    rf"sharpest|steepest|longest|greatest|smallest|fewest|widest|narrowest|deepest|fastest|"
    rf"slowest|heaviest|lightest)\b[^.;:!?]{{0,50}}?"
    rf"|first\stime\s|(?:not|never|last)\sseen\s|unseen\s"
    # "a half-point cut, its first since 2020": the move's yardstick, not its period
    rf"|(?:its|the\sfed['’]s)\sfirst\s(?:(?:rate\s)?(?:cut|hike|move|reduction|increase)\s)?"
    rf"(?=since\s))"
    # "in" only before a date ("the widest margin in their favor since early 2021": the
    # yardstick's "in" is no date, its "since" is)
    rf"\b(?:since\s|in\s(?=(?:the\s)?(?:early|mid|late|end\sof|{_WD}|(?:{_MONX})\b|"
    rf"[0-3]?\d\b|(?:19|20)\d\d\b)))(?:the\s)?(?:(?:early|mid-?|late|end\sof)\s?)?"
    rf"(?:{_WD},?\s)?(?:(?:{_MONX})\.?\s?)?(?:[0-3]?\d(?:st|nd|rd|th)?\b,?\s?)?"
    rf"(?:(?:19|20)\d\d\b)?",
    re.I,
)
#: A record yardstick that names its grain: "worst month since March", "biggest weekly gain
#: since June" (the figure is that running week's, month's or quarter's).
_RECORD_GRAIN = re.compile(
    r"^(?:best|worst|biggest|largest|strongest|weakest|sharpest|steepest)\s"
    r"(?:(?:relative|one|single)[\s-])?(?P<g>weekly|monthly|quarterly|week|month|quarter)\b",
    re.I,
)
_RULES: list[tuple[str, re.Pattern[str], Handler | None]] = [
    (
        "dateline",
        re.compile(
            r"^\s*[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3},\s(?:[A-Z][a-z]+\s)?"
            rf"(?i:{_MON})\s(?P<day>[0-3]?\d)(?:,\s(?P<yr>(?:19|20)\d\d))?"
            r"(?:\s\([A-Za-z .&]{2,30}\))?\s[-–—]",
        ),
        _h_dateline,
    ),
    (
        "since",
        re.compile(
            r"\bsince\s(?:the\s)?(?:(?P<u>quarter|month|year)[\s-]end\b"
            r"|end\sof\s(?:the\s)?(?:last\s|previous\s|prior\s)?(?P<u2>quarter|month|year)\b"
            r"|(?P<u3>quarter|month|year)\s(?:ended|closed|finished)\b(?!\s(?:on\s|in\s)?\w))",
            re.I,
        ),
        _h_since_end,
    ),
    (
        "prev_quarter",
        re.compile(
            r"\b(?:the\s)?(?:last|latest|most\srecent|previous|prior|just[\s-]ended|"
            r"just[\s-]completed|recently\scompleted)\s(?:calendar\s)?quarter(?![\w-])"
            r"(?!\s(?:of|ago|before|earlier)\b)"
            r"|\bthe\squarter\s(?:that\s)?(?:just\s)?(?:ended|completed|finished)\b"
            rf"(?!\s(?:on\s|in\s)?(?:{_MONX}|\d))",
            re.I,
        ),
        _h_prev_quarter,
    ),
    (
        "between",
        re.compile(
            r"\b(?:between|from)\s(?:the\s(?:start|beginning)\sof\s|(?P<e1>the\send\sof\s))?"
            r"(?P<y1>(?:19|20)\d\d)\s?(?:and|to|through|until|till|[-–])\s?"
            r"(?:the\s(?:end|close)\sof\s)?(?P<y2>(?:19|20)\d\d)\b"
            r"(?![.,]\d|\s?%|\s(?:points|level|area|zone|range|mark|handle))"
            r"|\b(?:in|during|over|across|throughout)\s(?:the\s)?(?P<y1b>(?:19|20)\d\d)[-–]"
            r"(?P<y2b>(?:19|20)?\d\d)\b(?![.,]\d|\s?%)",
            re.I,
        ),
        _h_year_span,
    ),
    (
        "decade",
        re.compile(
            r"\bthe\s(?:(?P<part>early|mid|late)[\s-]?)?(?P<dec>(?:19|20)\d0)['’]?s\b"
            r"(?!\s(?:level|area|range|handle|zone|mark))",
            re.I,
        ),
        _h_decade,
    ),
    (
        "years_through",
        re.compile(
            r"\b(?:the\s)?(?:(?P<ny>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|fifteen|"
            r"twenty)[\s-]years?|(?P<dec>decade))\s(?:(?:period|span)s?\s)?"
            r"(?:ending|ended|through|to|until)\s"
            r"(?:the\send\sof\s)?(?P<yr>(?:19|20)\d\d)\b(?![.,]\d|\s?%)",
            re.I,
        ),
        _h_years_through_year,
    ),
    (
        "year",
        re.compile(
            r"\b(?:calendar\s)?year\s?(?:[:–—]|was|came\sin)\s?(?P<yr>(?:19|20)\d\d)\b"
            r"(?![-–]\d|[.,]\d|\s?%)",
            re.I,
        ),
        _h_year,
    ),
    (
        # a year as a label on its figure in a line of returns: "2022 -20.4%, 2023 16.9%"
        "year",
        re.compile(
            r"(?<![\w.,$/-])(?P<yr>(?:19|20)\d\d):?(?=\s[-+−]?\d{1,3}(?:\.\d+)?\s?%)",
        ),
        _h_year,
    ),
    (
        "since_year",
        re.compile(
            r"\bsince\s(?:the\s|its\s|their\s)?(?:[\w'’.-]+\s){0,2}?(?:inception|launch|"
            r"listing|debut|founding)\s(?:in\s)?(?P<yr>(?:19|20)\d\d)\b(?![.,]\d|\s?%)",
            re.I,
        ),
        _h_since_launch,
    ),
    (
        "after",
        re.compile(
            # "the week after the election" is the calendar week after it ("that_span"): a
            # bare unit here is a month or a year
            r"\b(?:in|over|during|within|for)\s(?:the\s)?(?:(?P<n>\d{1,2}|a|one|two|three|four|"
            r"five|six|nine|ten|twelve)[\s-](?P<unit>months?|years?|weeks?|days?|sessions?|"
            r"trading\sdays)|(?P<unit1>month|year))\s(?:(?:immediately|right)\s)?"
            r"(?:after|following)\s"
            r"(?P<tail>(?:(?!\b(?:and|but|while|when)\b)(?:[^.;!?]|\.(?=\s\d))){0,60}?)"
            rf"(?:(?P<ev>{_EVENT_ALT})(?:\s(?:in|of)\s(?:(?:{_MONX})\.?\s)?(?:19|20)\d\d\b)?"
            r"|(?:19|20)\d\d\b)",
            re.I,
        ),
        _h_after,
    ),
    (
        # a trailing span's label on its figure: "1 year 10.8%, 3 years 15.2%", "15.2% (3 years)"
        "past",
        re.compile(
            r"(?<![\w.,-])(?P<n>\d{1,2}|one|three|five|ten)[\s-](?P<unit>years?|months?)"
            r"(?:\s(?:return|annuali[sz]ed))?:?(?=\s[-+−]?\d{1,3}(?:\.\d+)?\s?%)"
            r"|(?<=%\s\()(?P<n2>\d{1,2}|one|three|five|ten)[\s-](?P<unit2>years?|months?)(?=\))",
            re.I,
        ),
        _h_past,
    ),
    (
        "since_part",
        re.compile(
            r"\bsince\s(?:the\s)?(?P<se>start|beginning|end|close|early|mid-?|late)"
            r"(?:\sof)?\s?(?:the\s)?(?:(?P<which>last|this)\syear\b|(?:Q(?P<q>[1-4])|"
            r"(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter|"
            r"(?P<hw>first|second|1st|2nd|front|back)[\s-]half)(?:\s(?:of\s)?(?P<yr>(?:19|20)\d\d))?\b)",
            re.I,
        ),
        _h_since_part,
    ),
    (
        "past",
        re.compile(
            rf"\b(?:from|than|since|versus|vs\.?|compared\s(?:to|with))\s(?:about\s|roughly\s)?"
            rf"(?P<n>a|one|{_NUMW})\s(?P<unit>days?|weeks?|months?|quarters?|years?)\s"
            r"(?:ago|earlier|before|prior)\b",
            re.I,
        ),
        _h_ago,
    ),
    (
        "week_of_month",
        re.compile(
            rf"\b(?:the\s)?(?P<fl>first|second|third|last|final)\s(?:(?P<nw>two|three|2|3)\s)?"
            rf"weeks?\sof\s{_MON}"
            rf"(?:,?\s{_YR})?\b",
            re.I,
        ),
        _h_week_of_month,
    ),
    (
        "sessions_of",
        re.compile(
            rf"\b(?:the\s)?(?P<fl>first|opening|last|final|closing)\s(?:(?P<n>{_NUMW})\s)?"
            r"(?:trading\s)?(?:sessions?|days?)\sof\s(?:(?:the|this)\s(?P<su>week|month|year)\b|"
            r"(?P<yr>(?:19|20)\d\d)\b)",
            re.I,
        ),
        _h_sessions_of,
    ),
    (
        # "the first three sessions of December": those sessions of the month named (a count
        # said: "the final days of October" is a part of the month, a guess)
        "sessions_of",
        re.compile(
            rf"\b(?:the\s)?(?P<fl>first|opening|last|final|closing)\s(?P<n>{_NUMW})\s"
            rf"(?:trading\s)?(?:sessions|days)\sof\s{_MON}\b(?!\s\d)(?P<su>)",
            re.I,
        ),
        _h_sessions_of,
    ),
    (
        "months_of_year",
        re.compile(
            rf"\b(?:the\s)?(?P<fl>first|last|final)\s(?P<n>{_NUMW})\smonths\sof\s"
            rf"(?:(?P<rel>the|this|last)\syear\b|(?:the\syear\s)?{_YR}\b)",
            re.I,
        ),
        _h_months_of_year,
    ),
    (
        "streak",
        re.compile(
            rf"\b(?:(?:over|in|during|across|for|after)\s)?(?:a\s|the\s(?:last\s|past\s)?)?"
            rf"(?P<n>{_NUMW})[\s-](?:(?:straight|consecutive|successive)\s"
            r"(?:(?:losing|winning|down|up|negative|positive)\s)?(?P<unit>sessions?|trading\sdays?"
            r"|days|weeks)|(?:losing|winning)\s(?P<unit2>sessions|trading\sdays|days|weeks)"
            r"|(?P<unit3>session|day|week)\s(?:losing|winning)\s(?:streak|run|skid))\b"
            rf"|\b(?P<n2>{_NUMW})\s(?P<unit4>sessions|trading\sdays|days|weeks)\s"
            r"(?:in\sa\srow|on\sthe\strot|on\send|in\ssuccession|running)\b",
            re.I,
        ),
        _h_streak,
    ),
    (
        "periodic",
        re.compile(
            r"\b(?P<pu>weekly|monthly|quarterly)\s(?:(?:relative|net|total|percentage)\s)?"
            r"(?:gains?|loss(?:es)?|declines?|drops?|advances?|rises?|falls?|slides?|jumps?|"
            r"rall(?:y|ies)|returns?|performance|moves?|changes?|increases?|decreases?|"
            r"pullbacks?|sell-?offs?|surges?|outperformance|underperformance)\b",
            re.I,
        ),
        _h_periodic,
    ),
    (
        "start_through",
        re.compile(
            r"\b(?:from|since)\s(?:the\s)?(?:start|beginning)\sof\s(?:the|this)\s"
            r"(?P<su>year|quarter|month|week)\s(?:through|to|until|till)\s(?:last\s)?"
            rf"(?:(?P<wd>{_WD[3:-1]})|{_MON}\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b{_NOT_FIGURE})",
            re.I,
        ),
        _h_start_through,
    ),
    (
        "week_ending",
        re.compile(
            # "8% a year through June" is a rate per year, not the year through June
            # "up 13% this year through Tuesday" is the year so far, to Tuesday
            r"(?<!%\sa\s)(?<!%\sper\s)(?<!\bthis\s)\b(?:the\s)?(?P<wk>week|month|quarter|(?P<n>\d{1,2}|three|six|nine|twelve)"
            r"(?:\smonths|-month(?=\s(?:period|span)))|year|"
            rf"(?P<ns>{_NUMW})\s(?:trading\sdays|(?:trading\s)?sessions)|"
            r"(?P<ny>\d{1,2}|one|two|three|five|seven|ten|fifteen|twenty)[\s-]years?)\s"
            r"(?:(?:period|span)s?\s)?"
            r"(?:ending|ended|through|to)\s(?:on\s)?(?:(?:last\s)?(?P<wd>monday|tuesday|"
            rf"wednesday|thursday|friday)|{_MON}(?:\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?)?"
            rf"(?:,?\s{_YR})?)\b",
            re.I,
        ),
        _h_span_ending,
    ),
    (
        "holiday_week",
        re.compile(
            rf"\b(?:(?:in|during|over|for)\s)?(?:the\s)?(?:(?P<hw>week|session|day)s?\s"
            rf"(?P<rel>of|before|after|following|ahead\sof)\s(?:the\s)?(?P<hol>{_HOLIDAY})"
            rf"|(?P<hol2>{_HOLIDAY})(?:['’]s)?[\s-](?:holiday[\s-])?week)\b",
            re.I,
        ),
        _h_holiday_week,
    ),
    (
        "since_holiday",
        re.compile(
            rf"\bsince\s(?:the\s)?(?P<hol>{_HOLIDAY})(?:['’]s)?(?:\s(?:holiday|weekend|break))?\b",
            re.I,
        ),
        _h_since_holiday,
    ),
    (
        "holiday_day",
        re.compile(
            r"\b(?:(?:on|during)\s)?(?:black\sfriday|christmas\seve|new\syear['’]?s\seve)"
            r"(?:['’]s)?(?:\s(?:session|trading))?\b",
            re.I,
        ),
        _h_holiday_day,
    ),
    (
        "fed_since",
        re.compile(
            rf"\bsince\s(?:the\s)?(?:fed(?:eral\sreserve)?|fomc|central\sbank|policymakers)\s"
            rf"(?:(?:first|last)\s)?{_DECIDED_VERB}"
            # a cut the text dates to the day ("on Sept. 18, 2024") is "since <day>"
            rf"(?!(?:\s\w+){{0,3}}?\s(?:{_MONX})\.?\s[0-3]?\d\b)"
            rf"(?:\s(?:in|at)\s(?:the\s)?(?P<fm2>{_MONX})\.?(?:\s(?P<fy2>(?:19|20)\d\d))?\b)?",
            re.I,
        ),
        _h_fed_since,
    ),
    (
        "fed_since",
        re.compile(
            # "since the Fed's decision", "since the last cut, in December" (a dated one, "since
            # the cut on Sept. 18", is "since <day>")
            rf"\bsince\s(?:the\s|its\s|that\s)?(?:(?:last|latest|most\srecent|recent)\s)?"
            rf"{_DECIDER}?(?:(?:last|latest|most\srecent)\s)?"
            rf"(?:(?P<fm>{_MONX})\.?\s(?:(?P<fy>(?:19|20)\d\d)\s)?)?{_DECISION_WORD}"
            # "since the Fed cut rates on Sept. 18, 2024": a verb with its date, "since <day>"
            rf"(?!\s(?:on|of)\s|\s(?:rates|interest|borrowing)\b)"
            rf"(?:,?\s(?:in|at)\s(?P<fm2>{_MONX})\.?(?:\s(?P<fy2>(?:19|20)\d\d))?\b)?",
            re.I,
        ),
        _h_fed_since,
    ),
    (
        "fed_day",
        re.compile(
            # "in the session after the Fed", "the two sessions after the Fed's Oct. 29
            # decision": the decision named by its maker alone, or with its day
            rf"\b(?:(?:in|during|over)\s)?the\s(?:(?P<fn>{_NUMW})\s(?:trading\s)?)?"
            r"(?P<fa>days?|sessions?)\s(?:after|following)\s(?:the\s)?"
            r"(?:fed(?:eral\sreserve)?|fomc)(?:['’]s?)?\b"
            rf"(?:\s(?:(?P<fm>{_MONX})\.?\s[0-3]?\d\s)?{_DECISION_WORD})?",
            re.I,
        ),
        _h_fed_day,
    ),
    (
        "fed_day",
        re.compile(
            # "on the day of the decision", "in the week after the Fed meeting", "the session
            # following the decision"
            r"\b(?:on\s(?:the\s)?day\sof|(?:in\s|during\s|over\s)?the\s(?P<fa>week|day|session)"
            rf"\s(?:after|following))\s(?:the\s)?{_DECIDER}?{_DECISION_WORD}",
            re.I,
        ),
        _h_fed_day,
    ),
    (
        "current",
        re.compile(
            r"\b(?:for|over|during|on|in)\s(?:the|this)\s(?:holiday-shortened\s)?"
            r"(?:(?:thanksgiving|christmas|holiday|shortened|final|latest|full)\s)?"
            r"(?P<cu>day|session|week|month|quarter|year)\b"
            r"(?!\s(?:ago|before|earlier|after|following|of\sthe\s(?:[\w-]+\s)?election|"
            rf"(?:of|ended|ending|through|to)\s(?:{_MONX}|{_WD[3:-1]}|last|the)\b))"
            r"|\bsessions of the (?P<cu2>week)\b"
            r"|\b(?:started|starting|began|beginning)\s(?:the|this)\s"
            r"(?P<cu3>day|session|week|month|quarter|year)\b"
            # chat shorthand: "on the wk", "this wk", a row's label "wk: +1.6%"
            r"|\b(?:for|over|on|in)\s(?:the|this)\s(?P<cu4>wk)\b|(?<!next\s)(?<![\w.-])(?P<cu5>wk)(?=\s?:)",
            re.I | re.M,
        ),
        _h_current,
    ),
    (
        "finished",
        re.compile(
            r"\b(?:finish(?:ed|es|ing)?|end(?:ed|s|ing)?|clos(?:ed|es|ing)(?:\sout)?|"
            r"wrap(?:ped|s|ping)\sup|round(?:ed|s|ing)\sout|capp(?:ed|ing)|"
            r"by\s(?:the\s)?end\sof(?=\s(?:the|this|that)\s(?:week|month|quarter|year)\b))\s"
            r"(?P<det>the|this|that)\s(?P<fu>day|session|week|month|quarter|year)\b"
            r"(?!\s(?:ago|before|earlier))",
            re.I,
        ),
        _h_finished,
    ),
    (
        "that_span",
        re.compile(
            r"\b(?:(?:in|during|over|for|on)\s)?(?:that|the\sfollowing)\s"
            r"(?P<tu>day|session|week|month)\b"
            r"|\b(?:in\s|during\s|over\s)?the\s(?P<tu2>week|day|session|month)\s(?:of|after)"
            r"\s(?:the\s)?(?=(?:[\w'’-]+\s){0,3}?(?:election|cut|liberation|jackson))",
            re.I,
        ),
        _h_that_span,
    ),
    (
        "session",
        re.compile(
            r"\b(?:by|at|into|near|toward|towards|going\sinto)\s(?:the\s)?(?:close|closing\sbell|"
            r"final\sbell|end\sof\s(?:the\s)?(?:day|session|trading(?:\sday)?))\b"
            r"(?!\s(?:of|on)\s)",
            re.I,
        ),
        _h_session,
    ),
    (
        "extended_hours",
        re.compile(
            r"\b(?:in\s|during\s)?(?:after[\s-]hours|extended[\s-]hours|pre[\s-]?market|"
            r"post[\s-]?market|overnight(?!\s(?:rates?|lending|funding|repo|index|indexed|financing|"
            r"reverse|borrowing|money|deposits?|interest|policy|benchmark|swaps?|loans?)\b)|before\sthe\s(?:opening\s)?bell|"
            r"after\sthe\s(?:closing\s)?bell)"
            r"(?:\s(?:trading|session|action|deals|moves?))?\b",
            re.I,
        ),
        _h_extended_hours,
    ),
    (
        "month_of_year",
        re.compile(
            rf"\b(?P<since>since\s(?:(?P<part>early|mid-?|late)\s?)?)?(?:(?:in|during)\s)?"
            rf"{_MON}\s(?:of\s)?(?P<which>last|this)\syear\b",
            re.I,
        ),
        _h_month_of_year,
    ),
    (
        "same",
        re.compile(
            r"\b(?:over|in|during|for)\s(?:the\s)?same\s(?:period|span|stretch|timeframe|"
            r"time|quarter|month|year|week|window|frame|timespan)\b"
            # a letter's "in the period": the span it has been reporting on
            r"|\b(?:in|during|for|over|across|throughout)\s(?:the|that)\s(?:review\s|reporting\s)?"
            r"period\b(?!\s(?:since|from|between|of|ended|ending|to|through|when|in\s(?:19|20)))",
            re.I,
        ),
        None,
    ),
    (
        "between",
        re.compile(
            rf"\b(?:between|from)\s(?:the\s(?:close\s(?:of|on)\s)?)?(?:{_WD},?\s)?"
            rf"(?P<m1>{_MONX})\.?(?:\s(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?)?(?:,?\s(?P<y1>(?:19|20)\d\d))?"
            rf",?\s(?:and|to|through|until|[-–])\s(?:the\s(?:close\s(?:of|on)\s)?)?(?:{_WD},?\s)?"
            rf"(?P<m2>{_MONX})\.?(?:\s(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?(?:,?\s(?P<y2>(?:19|20)\d\d))?\b",
            re.I,
        ),
        _h_between,
    ),
    (
        "between",
        re.compile(
            r"\b(?:from|between)\s(?:last\s)?(?P<w1>monday|tuesday|wednesday|thursday|friday)"
            r"(?:['’]s)?(?:\s(?:close|open|finish|level|session))?\s(?:to|and|through|until)\s"
            r"(?P<w2>monday|tuesday|wednesday|thursday|friday)(?:['’]s)?\b",
            re.I,
        ),
        _h_between_weekdays,
    ),
    (
        "between",
        re.compile(
            rf"\b(?:from|between)\s(?:the\s|its\s|their\s)?(?:close\s(?:of|on)\s)?"
            rf"(?:(?P<w1>{_WD[3:-1]})|{_MON}\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b{_NOT_FIGURE}"
            rf"(?:,?\s{_YR})?)(?:['’]s)?(?:\s(?:close|finish|level|session|(?P<ext>low|high|peak|"
            r"top|bottom|trough|record(?:\s(?:close|high))?|all-time\shigh)))?,?\s"
            rf"(?:to|and|through|until)\s(?:the\sclose\s(?:of|on)\s)?(?:(?P<last2>last\s)?"
            rf"(?P<w2>{_WD[3:-1]})|(?P<mon2>{_MONX})\.?\s(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b"
            rf"{_NOT_FIGURE})(?:['’]s)?(?:\s(?:close|finish|session))?",
            re.I,
        ),
        _h_between_days,
    ),
    (
        "through",
        re.compile(
            rf"\b(?:(?P<ytd>year[\s-]to[\s-]date|ytd|so\sfar\sthis\syear),?\s|in\s{_YR}\s)?"
            rf"(?:through|thru)\s(?:the\send\sof\s)?{_MON}(?:\s(?P<day>[0-3]?\d)"
            rf"(?:st|nd|rd|th)?\b{_NOT_FIGURE})?(?:,?\s(?P<yr2>(?:19|20)\d\d))?\b",
            re.I,
        ),
        _h_through,
    ),
    (
        "through",
        re.compile(
            r"\b(?:through|thru|until|till)\s(?:the\s)?(?:(?P<u>quarter|month|year)[\s-]end\b"
            r"|end\sof\sthe\s(?P<u2>quarter|month|year)\b)"
            # "from its April 8 low to quarter-end" ("to year-end" mostly looks ahead)
            r"|\bto\s(?:the\s)?(?P<u3>quarter|month)[\s-]end\b",
            re.I,
        ),
        _h_through_period_end,
    ),
    (
        "day",
        re.compile(
            r"(?<=\bat\s)(?:the\s)?(?:(?P<u>quarter|month|year)[\s-]end\b"
            r"|end\sof\sthe\s(?P<u2>quarter|month|year)\b)"
            r"|(?<=\bas\sof\s)(?:the\s)?(?:(?P<u3>quarter|month|year)[\s-]end\b)",
            re.I,
        ),
        _h_at_period_end,
    ),
    (
        "numeric_day",
        re.compile(
            rf"\b(?P<d>[0-3]?\d)-(?P<mon>{_MONX})-(?P<y>(?:19|20)?\d\d)\b(?!-)",
            re.I,
        ),
        _h_dmy,
    ),
    (
        "numeric_day",
        re.compile(
            r"\b(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)\d\d|\d\d)\b"
        ),
        _h_numeric_day,
    ),
    (
        # a month/day with no year where a date is expected: "since 4/8" (never a fraction
        # or a ratio: no figure or unit right after it)
        "since",
        re.compile(
            r"\bsince\s(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])"
            r"(?![\d/%]|[.,]\d|\s?(?:x|pts?|points?)\b)",
            re.I,
        ),
        _h_since_month_day,
    ),
    (
        # "the 10/15 ATH", "on 11/20": a month/day before an extreme or after "on"
        "day",
        re.compile(
            r"(?<=\bon\s)(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])"
            r"(?![\d/%]|[.,]\d|\s?(?:x|pts?|points?)\b)"
            r"|(?<![\w/.$])(?P<m2>0?[1-9]|1[0-2])/(?P<d2>0?[1-9]|[12]\d|3[01])"
            r"(?=\s(?:ATH|all-time\shigh|highs?|lows?|peak|close|closing|record|bottom|top)\b)",
            re.I,
        ),
        _h_month_day,
    ),
    (
        "fiscal",
        re.compile(
            r"\bfiscal\s(?:year\s)?(?:(?P<fqw>first|second|third|fourth)[\s-]quarter|Q(?P<fq>[1-4]))"
            r"(?:\s(?:of\s)?(?:fiscal\s)?(?:year\s)?'?(?P<fy>(?:19|20)\d\d|\d\d))?\b"
            r"|\b(?:Q(?P<fq2>[1-4])\s)?FY\s?'?(?P<fy2>(?:19|20)\d\d|\d\d)\b"
            r"|\bF(?P<fq3>[1-4])Q(?P<fy3>\d\d)\b"
            r"|\bfiscal\s(?:year\s)?'?(?P<fy4>(?:19|20)\d\d)\b"
            r"|\bfiscal\s(?:year\s)?(?:\w+\s)?(?:quarter|half|year)\b",
            re.I,
        ),
        _h_fiscal,
    ),
    (
        "half_of_month",
        re.compile(
            rf"\b(?:the\s)?(?P<hw>first|second|1st|2nd|front|back|latter)[\s-]half\sof\s{_MON}"
            rf"(?:,?\s{_YR})?\b",
            re.I,
        ),
        _h_half_of_month,
    ),
    (
        "half",
        re.compile(
            r"\b(?:H(?P<h>[12])(?:\s?'?(?P<yr>(?:20)?\d\d))?\b|(?P<h2>[12])H\s?'?(?P<yr3>(?:20)?\d\d)\b"
            r"|(?:the\s)?(?P<hw>first|second|1st|2nd|front|back)[\s-]half(?!\sof\s(?:the\s)?(?:session|day|"
            r"trading|month|week|decade|century))(?:\sof(?:\s(?P<hrel>last|this)\syear)?)?"
            r"(?:\s(?P<yr2>(?:19|20)\d\d))?)",
            re.I,
        ),
        _h_half,
    ),
    (
        "quarter",
        re.compile(
            r"\b(?:Q(?P<q>[1-4])(?:\s?'?(?P<yr>(?:20)?\d\d)\b)?"
            r"|(?P<q2>[1-4])Q(?:\s?'?(?P<yr3>(?:20)?\d\d))?\b"
            r"|(?:the\s)?(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)"
            # "its third quarter-point cut" is a move's size, no calendar quarter
            r"[\s-]quarter(?![\s-](?:of\s(?:a\s)?)?(?:percentage[\s-])?points?\b)"
            r"(?:\sof(?:\s(?P<qrel>last|this)\syear)?)?(?:\s(?P<yr2>(?:19|20)\d\d))?)",
            re.I,
        ),
        None,
    ),
    (
        "since",
        re.compile(
            rf"\bsince\s(?:(?:the|its|that|this|a|an|last)\s{_NOT_PART}"
            rf"(?:[\w'’.&-]+\s){{0,5}}?(?:(?:on|of|at)\s)?"
            r"|(?:bottom|peak|top|trough|clos)(?:ed|ing)(?:\sout)?\s(?:on\s)?)?"
            rf"{_MON}\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b{_NOT_FIGURE}(?:,?\s{_YR})?",
            re.I,
        ),
        _h_since_day,
    ),
    (
        "since",
        re.compile(
            rf"\b(?:from|off)\s(?:the|its|their|that)\s{_MON}\s(?P<day>[0-3]?\d)"
            rf"(?:st|nd|rd|th)?(?:,?\s{_YR})?\s(?:intraday\s|closing\s)?"
            r"(?=(?:low|lows|bottom|trough)\b)",  # a distance from a high stays a distance
            re.I,
        ),
        _h_since_day,
    ),
    (
        "since",
        re.compile(
            r"\bsince\s(?:the\s(?:close|open)\s(?:on|of)\s)?(?P<last>last\s)?"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday)"
            r"(?:['’]s)?(?:\s(?:close|open|session|low|high|bottom|peak))?\b",
            re.I,
        ),
        _h_since_weekday,
    ),
    (
        "past",
        re.compile(
            r"\b(?:over|in)\s(?:just\s|only\s|roughly\s|about\s)?(?P<n>\d{1,2}|two|three|four|"
            r"five|six|seven|eight|nine|ten)\s(?P<unit>days)\sof\strading\b",
            re.I,
        ),
        _h_trading_days,
    ),
    (
        "last_session",
        re.compile(r"\b(?:the\s)?(?:last|previous|prior)\s(?:trading\s)?session\b", re.I),
        _h_relday,
    ),
    (
        "since_year",
        re.compile(
            r"\bsince\s(?:the\s)?(?:turn|start|beginning)\sof\s(?:the\s)?"
            r"(?:year|(?P<yr>(?:19|20)\d\d))\b",
            re.I,
        ),
        _h_turn_of_year,
    ),
    (
        "event",
        re.compile(
            rf"\b(?:since|from|off|compared\s(?:to|with))\s(?:the\s|its\s|their\s|that\s|last\s)?"
            rf"(?P<ev>{_EVENT_ALT})(?:\s(?:of|in)\s(?:this|the|that)\s(?:current\s)?"
            r"(?:easing\s|rate[\s-]cutting\s|policy\s)?cycle)?"
            rf"(?:\s(?:in|of)\s(?P<evm>{_MONX})\.?(?:\s(?P<evy>(?:19|20)\d\d))?\b)?",
            re.I,
        ),
        _h_event,
    ),
    (
        "since_event",
        re.compile(
            rf"\bsince\s(?:the|its|that|this|a|an)\s{_NOT_PART}(?:[\w'’.&-]+\s){{1,5}}?"
            rf"(?:on|of|in|at|from)\s(?:early\s|mid-?|late\s)?{_MON}(?:\s{_YR})?\b"
            rf"|\bsince\s(?:the|its|that|this)\s(?:[\w'’.&-]+\s){{0,3}}?(?:{_MONX})\.?"
            r"(?:\s(?:19|20)\d\d)?\s"
            r"(?:(?:fed|fomc|policy|rate|jobs|cpi)\s)?(?:meeting|decision|cut|hike|announcement|"
            r"minutes|report|print|selloff|sell-off|crash|rally|earnings|results|guidance)\b",
            re.I,
        ),
        None,
    ),
    (
        "since_low",
        re.compile(
            rf"\bsince\s(?P<yr>)(?:its|their|the|that)\s(?:(?P<part>early|mid|late)[\s-]?)?{_MON}"
            r"(?:['’]s)?\s(?:(?:intraday|closing|recent)\s)?(?=(?:lows?|highs?|peak|bottom|top|"
            r"trough)\b)",
            re.I,
        ),
        _h_since_month_extreme,
    ),
    (
        "midyear",
        re.compile(
            r"\bsince\s(?:mid-?year|the\smiddle\sof\s(?:the|this)\syear|the\syear['’]s\smidpoint)\b",
            re.I,
        ),
        _h_since_midyear,
    ),
    (
        "since",
        re.compile(
            rf"\bsince\s(?:the\s)?(?P<last>last\s|this\spast\s)?"
            rf"(?P<part>early|mid-?|late|end of|start of|beginning of)?\s?"
            rf"(?:{_MON}\s?)?(?:{_YR})?\b",
            re.I,
        ),
        _h_since,
    ),
    (
        "since",
        re.compile(
            r"\bsince\s(?P<part>)(?P<mon>)(?:(?:its|their|the\s(?:index|fund)['’]s)\s"
            r"(?=(?:19|20)\d\d\s(?:inception|launch|debut|listing|start)\b)"
            rf"|(?:its\s)?(?:inception|launch)\s(?:in\s)){_YR}\b",
            re.I,
        ),
        _h_since,
    ),
    (
        "to_date",
        re.compile(
            r"\b(?P<td>month|week|quarter)[\s-]to[\s-]date\b|\b(?P<tda>MTD|WTD|QTD)\b"
            r"|\bsince\sthe\s(?:start|beginning)\sof\s(?:the|this)\s(?P<tds>month|week|quarter)\b",
            re.I,
        ),
        _h_to_date,
    ),
    (
        "since",
        re.compile(
            rf"\bsince\s(?:its|their|the|that)\s(?P<part>early|mid-?|late)?\s?{_MON}\s{_YR}"
            r"(?=\s(?:ipo|listing|debut|spac|merger|spin-?off|low|high|peak|bottom|top)\b)",
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
            r"ten|eleven|twelve)?\s?(?P<unit>trading days?|(?:trading\s)?sessions?|days?|weeks?|"
            r"fortnight|months?|quarters?|years?|decades?)\b",
            re.I,
        ),
        _h_past,
    ),
    (
        "past",
        re.compile(
            r"(?<=\d%\s)(?:(?:gain|loss|drop|decline|rise|advance|rally|move)\s)?"
            r"(?:in|over)\s(?:just\s|only\s)?(?:(?P<n>\d{1,2}|two|three|four|five|six|seven|"
            r"eight|nine|ten)\s(?P<unit>trading days|sessions)\b"
            # "up 2.4% in a week", "gained 9% in a single month": the span just ended
            r"|(?:a|one)\s(?:single\s)?(?P<unit2>week|month|year)\b(?!['’])(?!\s(?:ago|from|later)))",
            re.I,
        ),
        _h_past,
    ),
    (
        "past",
        re.compile(
            r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)[\s-]"
            r"(?P<unit>month|week|year|day|session)\s(?:price\s|total\s|annuali[sz]ed\s|"
            r"average\sannual(?:i[sz]ed)?\s|cumulative\s){0,2}(?:performance|returns?|gains?|"
            r"change|rally|decline|loss|run|stretch|span|slide|selloff|sell-off|advance)\b"
            r"|(?<=%\s)(?:\w+\s){0,2}?over\s(?:a|one|the\scourse\sof\sa)\s"
            r"(?P<unit2>month|week|year|decade)\b",
            re.I,
        ),
        _h_span_adj,
    ),
    (
        "past",
        # a label right before a signed percentage: "1M: -2.1%", "3M +6.8%", "5d +3.4%",
        # "1wk +2.4%" (lower-case "m" is minutes or millions, so only "M" or "mo" is a month)
        re.compile(
            r"(?<![\w$.,/])(?P<n>[1-9]\d?)\s?(?P<unit>[dD]|[wW]ks?|[wW]|mos?|Mo|M|[yY]rs?|[yY])"
            r"(?![\w%])(?=\s?[:=]?\s?[(]?[+\-−–]?\d[\d.,]*\s?%)"
            # "+1.2% w/w": a move week over week, the past week's
            r"|(?<=%\s)(?P<wow>w/w|wk/wk)(?![\w/])",
        ),
        _h_short_span,
    ),
    (
        "past",
        re.compile(
            # "over the five sessions", "across three weeks", "during the two trading days"
            rf"\b(?:over|across|during)\s(?:the\scourse\sof\s)?(?:the\s)?(?P<n>{_NUMW})\s"
            rf"(?P<unit>months|years|weeks|quarters|sessions|trading\sdays)\b"
            rf"(?!\s(?:ago|before|earlier|from|later))"
            rf"|\btrailing\s(?P<n2>{_NUMW})[\s-](?P<unit2>month|year|week)s?\b",
            re.I,
        ),
        _h_past,
    ),
    (
        "weekday_event",
        re.compile(
            r"\b(?:(?P<nx>next|this\scoming|coming)\s)?(?P<wd>monday|tuesday|wednesday|thursday|"
            r"friday)(?:['’]s)?\s(?:(?:fed|fomc|policy|federal\sreserve|rate|interest[\s-]rate)\s)"
            r"{0,2}(?:meeting|decision|announcement)\b"
            r"|\b(?P<nx2>next|this\scoming)\s(?P<wd2>monday|tuesday|wednesday|thursday|friday)\b",
            re.I,
        ),
        _h_weekday_event,
    ),
    (
        "week_of_day",
        re.compile(
            rf"\b(?:the\s)?week\sof\s(?:{_WD},?\s)?{_MON}\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
            rf"{_NOT_FIGURE}(?:,?\s{_YR})?",
            re.I,
        ),
        _h_week_of_day,
    ),
    (
        "day_range",
        re.compile(
            rf"\b{_MON}\s(?P<day>[0-3]?\d)\s?[-–]\s?(?P<d2>[0-3]?\d)\b{_NOT_FIGURE}(?:,?\s{_YR})?",
            re.I,
        ),
        _h_day_range,
    ),
    (
        "since",
        re.compile(
            rf"\bsince\s(?:the\s)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s{_MON}(?:,?\s{_YR})?\b",
            re.I,
        ),
        _h_since_day,
    ),
    (
        "day",
        re.compile(
            rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s{_MON}(?:,?\s{_YR})?\b"
            r"(?!\s(?:sessions?|days?|weeks?|months?|years?|trading|straight|consecutive))",
            re.I,
        ),
        _h_day,
    ),
    (
        "day",
        re.compile(
            rf"\b{_MON}\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b{_NOT_FIGURE}(?:,?\s{_YR})?", re.I
        ),
        _h_day,
    ),
    (
        "month_quarter",
        re.compile(rf"\bthe\s{_MON}(?:\s{_YR})?(?:[\s-]|['’]s\s)quarter\b", re.I),
        _h_month_quarter,
    ),
    ("month", re.compile(rf"\b{_MONC}\.?(?!\w)(?:'s|’s)?(?:\s(?:of\s)?{_YR})?\b"), _h_month),
    (
        "year",
        re.compile(
            rf"\b(?:(?:in|during|for|of|through(?:out)?|across)\s(?:all\s(?:of\s)?)?"
            r"(?:calendar\s(?:year\s)?)?|calendar\s(?:year\s)?|full[\s-]year\s|"
            r"(?:end(?:ed|ing)|finish(?:ed|ing)|clos(?:ed|ing)(?:\sout)?|wrapp(?:ed|ing)\sup)\s)"
            rf"{_YR}\b(?![-–]\d|[.,]\d)|\b(?P<yr2>(?:19|20)\d\d)(?:'s|’s)\b",
            re.I,
        ),
        _h_year,
    ),
    (
        "weekday",
        re.compile(
            # "Black Monday", "Good Friday", "Super Tuesday": a named day, not the latest one
            r"(?<!black\s)(?<!good\s)(?<!cyber\s)(?<!super\s)"
            r"\b(?P<lastwd>last\s)?(?P<wd>monday|tuesday|wednesday|thursday|friday)(?:'s|’s)?\b"
            rf"(?!,?\s(?:{_MONX})\.?\s[0-3]?\d)",  # "Friday, Nov. 7": the date says which Friday
            re.I,
        ),
        _h_weekday,
    ),
    (
        # chat shorthand: "thurs was ugly, RUT -2.7%", "fri +2.8%" (case kept: "FRI" is a
        # ticker)
        "weekday",
        re.compile(r"(?<![\w$.-])(?P<wd>(?i:thu(?:rs?)?|tues?|weds)|[Ff]ri)(?:['’]s|\.)?(?![\w-])"),
        _h_weekday,
    ),
    (
        "relday",
        re.compile(
            r"\btoday\b|\byesterday\b|\byday\b|\bthis\s(?:morning|afternoon)\b"
            r"|\bin\s(?:early|late|morning|midday|afternoon)\strading\b",
            re.I,
        ),
        _h_relday,
    ),
    (
        # "since the summer's AI scare", "since the deal was announced": an event the text does
        # not date and the table does not know: a period that is there, undated (so the figure
        # takes no other period, and no guess of the session)
        "since_event",
        re.compile(
            r"\bsince\s(?:the|its|their|this|that|last)\s(?:[\w'’-]+\s){0,3}?"
            r"(?:scare|sell-?off|crash|correction|shock|panic|meltdown|rout|collapse|crisis|"
            r"announcement|deal|merger|spin-?off|ipo|listing|debut|vote|decision|pivot|"
            r"bottom|trough|peak|lows?|highs?)\b",
            re.I,
        ),
        None,
    ),
]
#: Readings whose None means "no period here" (the numbers were not years), not "undated".
_NONE_IS_NO_PERIOD = frozenset(
    {_h_year_span, _h_decade, _h_years_through_year, _h_since_launch, _h_streak}
)
#: Readings whose period starts on the day the move is measured from (its close is the base).
_FROM_START_CLOSE = frozenset(
    {
        _h_since_day,
        _h_since_month_day,
        _h_since_weekday,
        _h_event,
        _h_trading_days,
        _h_after,
        _h_fed_since,
    }
)
_ANCHOR = re.compile(r"\bas of\s(?:the\s)?(?:close\s(?:of|on)\s)?", re.I)


# how sure each rule's reading is when the match states no year (see the module docstring);
# a stated year ("Q3 2025", "Nov. 6, 2025") makes quarter/half/month/day/since readings 1.0
_BASE_CONFIDENCE = {
    "since_part": 0.9,
    "dateline": 0.9,
    "through": 0.8,
    "week_of_month": 0.8,
    "months_of_year": 0.9,
    "current": 0.85,
    "between": 0.9,
    "numeric_day": 1.0,
    "quarter": 0.8,
    "half": 0.8,
    "since": 0.9,
    "since_year": 0.9,
    "ytd": 0.9,
    "last": 0.9,
    "past": 0.9,
    "day": 0.85,
    "month": 0.8,
    "year": 1.0,
    "weekday": 0.8,
    "relday": 0.85,
    "last_session": 0.6,
    "session": 0.85,
    "month_of_year": 0.9,
}
_YEAR_GROUPS = ("yr", "yr2", "yr3", "y1", "y2")


#: A futures contract's delivery month ("December futures", "futures for March", "the
#: June contract") names the contract, not a period of a move.
_CONTRACT_MONTH = re.compile(
    rf"\b(?:futures|contracts?)\s(?:for|expiring(?:\sin)?)\s(?:{_MONX})\b\.?(?:\s'?\d{{2,4}})?|"
    rf"\b(?:{_MONX})\b\.?(?:\s'?\d{{2,4}})?\s(?:(?:e-?mini\s)?(?:russell\s2000\s)?futures|"
    r"contracts?|delivery|expiry|expiration)\b",
    re.I,
)


def find_periods(
    text: str,
    published: dt.date | None,
    masked: list[tuple[int, int]] | None = None,
    *,
    headline: bool = False,
) -> list[Period]:
    """Every period expression in ``text`` (non-overlapping, left to right).

    ``masked`` spans (instrument names such as "Russell 2000") are never read as periods, nor
    are the numbers of :data:`INDEX_NAMES`. ``headline``: the text is a headline, where a
    month without a year is this year's (see the module docstring).
    """
    if published is None:
        return []
    taken: list[tuple[int, int]] = list(masked or [])
    taken += [m.span() for m in INDEX_NAMES.finditer(text)]
    taken += [m.span() for m in _CONTRACT_MONTH.finditer(text)]
    out: list[Period] = []
    for m in _RECORD_SINCE.finditer(text):
        said = m.group(0).rstrip(", ")
        if not re.search(r"\b(?:since|in|the)$", said):  # a yardstick with its date
            taken.append((m.start(), m.start() + len(said)))
            when = _WHEN.match(text, m.start() + len(said))
            day = _yardstick_day(said, published) if when else None
            if when and day is not None:
                # "its best day since Nov. 10, 2022, when it rose 6.1%": that day's figure
                out.append(Period(when.start(1), when.end(1), day, day, kind="day", confidence=0.9))
                taken.append(when.span(1))
            grain = _RECORD_GRAIN.match(said)
            if grain:
                # "lost 4.1%, its worst month since March": the figure is the running month's
                # (as "its best monthly performance"); the yardstick's date is no period
                unit = grain.group("g").lower().removesuffix("ly") + "ly"
                first, last, sure = _periodic_span(unit, published)
                out.append(
                    Period(
                        m.start(),
                        m.start() + grain.end(),
                        first,
                        last,
                        kind="periodic",
                        confidence=sure,
                    )
                )
    for kind, pat, handler in _RULES:
        for m in pat.finditer(text):
            s, e = m.span()
            if e == s or any(s < b and a < e for a, b in taken):
                continue
            got: tuple[dt.date, ...] | tuple[dt.date, dt.date, float] | None
            if kind == "quarter":
                got = _quarter_match(m, published)
            elif handler is None:
                got = None
            else:
                try:
                    got = handler(m, published)
                except (ValueError, KeyError, OverflowError, TypeError):
                    got = None
            if got is None and handler in _NONE_IS_NO_PERIOD:
                continue  # "trading between 2050 and 2090": levels, not a span of years
            groups = m.groupdict()
            if (
                kind == "since"
                and handler is _h_since
                and not (groups.get("yr") or groups.get("mon") or groups.get("wd"))
            ):
                continue
            groups = m.groupdict()
            if (
                kind == "month"
                and m.group("mon") == "May"
                and not m.group("yr")
                and not re.search(
                    # "For May as a whole, the index added 5.2%", "In May, ..."
                    r"\b(?:in|since|during|of|through|early|late|mid-?|for)\s?$",
                    text[max(0, s - 9) : s],
                    re.I,
                )
            ):
                continue
            if headline and kind in {"month", "day"} and not groups.get("yr"):
                got = _this_years(kind, m, published) or got
            taken.append((s, e))
            # "closed the last trading session at $83.74": the figures are as of that session
            anchor = (
                kind in {"last_session", "dateline"}
                or bool(_ANCHOR.search(text[max(0, s - 20) : s]))
                # "stood at 9.8% at quarter-end": a period's end the figures are taken at
                or handler is _h_at_period_end
            )
            conf = 0.0
            if got is not None:
                conf = _BASE_CONFIDENCE.get(kind, 0.9)
                if any(groups.get(g) for g in _YEAR_GROUPS):
                    conf = 1.0
                if len(got) == 3:
                    conf = float(got[2])
            out.append(
                Period(
                    s,
                    e,
                    got[0] if got else None,
                    got[1] if got else None,
                    anchor=anchor,
                    kind=kind,
                    confidence=conf,
                    base=(
                        START_CLOSE
                        if handler in _FROM_START_CLOSE or groups.get("ext")
                        else PRIOR_CLOSE
                    ),
                )
            )
    out.sort(key=lambda x: x.start)
    for x in out:
        before = text[max(0, x.start - 30) : x.start]
        if x.kind == "month" and _MONTH_PART_BEFORE.search(before):
            # "in late October", "the final days of October": a part of the month, a guess
            x.confidence = min(x.confidence, _VAGUE_PART_CONFIDENCE)
        if x.kind in {"current", "last"} and _PART_BEFORE.search(before):
            # "early in the week", "late last month": a part of the span, which part a guess
            x.confidence = min(x.confidence, _VAGUE_PART_CONFIDENCE)
    for x in out:
        if x.kind in {"weekday", "relday", "day"} and any(
            abs(y.start - x.end) <= 12 or abs(x.start - y.end) <= 12
            for y in out
            if y.kind == "extended_hours"
        ):
            # "before the bell on Monday": a quote outside that session, not its close
            x.confidence = min(x.confidence, 0.3)
    for x in out:
        if x.kind == "relday" and text[x.start : x.start + 3].lower() == "in ":
            # "in morning trading on Wednesday", "in late trading Tuesday": that day's trading
            named = [
                y
                for y in out
                if y.kind in {"weekday", "day"}
                and y.first is not None
                and y.first == y.last
                and re.fullmatch(r"\s(?:on\s)?", text[x.end : y.start])
            ]
            if named:
                x.first = x.last = named[0].first
                x.confidence = named[0].confidence
    days = [x for x in out if x.kind in {"weekday", "relday", "day"} and x.first == x.last]
    for x in out:
        this_day = x.kind == "current" and re.search(
            r"(?:day|session)$", text[x.start : x.end], re.I
        )
        this_week = x.kind == "current" and re.search(r"week$", text[x.start : x.end], re.I)
        # the day named nearest before it ("After hitting 2,510 on Tuesday, ... finished Friday
        # at 2,441.6, down 1.9% for the week": Friday's week), else the sentence's first
        near = [d for d in days if d.start < x.start][-1:] or days[:1]
        if this_week and near and near[0].first is not None and x.last and near[0].first < x.last:
            # "jumped 1.9% on Wednesday, extending its gain for the week to 2.4%": the week of
            # that Wednesday, to that day
            day = near[0].first
            x.first, x.last = day - dt.timedelta(days=day.weekday()), day
            x.confidence = min(x.confidence, near[0].confidence)
        if (x.kind == "session" or this_day) and near and near[0].first is not None:
            # "closed at $51.73 on Friday, down 4.6% for the session": that Friday
            # "on Tuesday ... lost 1.1% by the close": the close of the day the sentence names
            x.first = x.last = near[0].first
            x.confidence = near[0].confidence
    out += _elided_ordinals(text, out)
    out += _since_then(text, out, published)
    out.sort(key=lambda x: x.start)
    out = _join_spans(text, out, published)
    return [x for x in out if not _event_label(text, x)]


#: "... 8.5% in the second quarter and 12.4% in the third": the quarter (or half) the ordinal
#: stands for, with its noun left out.
_ELIDED_ORDINAL = re.compile(
    r"\b(?:in|for|during|over)\sthe\s(?P<ord>first|second|third|fourth)\b"
    r"(?!\s*[-\w]*\s*(?:quarter|half|week|month|day|session|year|time|cut|hike|place|round))",
    re.I,
)
_ORDINAL_NUMBER = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _elided_ordinals(text: str, found: list[Period]) -> list[Period]:
    """Quarters and halves named by their ordinal alone, after one named in full in the same
    sentence: the same kind of span in the same year (unsure: the noun is the reader's)."""
    out: list[Period] = []
    for m in _ELIDED_ORDINAL.finditer(text):
        if any(p.start < m.end() and m.start() < p.end for p in found):
            continue
        named = [
            p
            for p in found
            if p.end <= m.start()
            and p.first is not None
            and p.last is not None
            and p.kind in {"quarter", "half"}
        ]
        if not named:
            continue
        ref = named[-1]
        assert ref.first is not None
        n = _ORDINAL_NUMBER[m.group("ord").lower()]
        months = (ref.last.month - ref.first.month + 1) if ref.last else 3
        if months not in {3, 6} or (months == 6 and n > 2):
            continue
        first = dt.date(ref.first.year, 1 + (n - 1) * months, 1)
        end_month = first.month + months - 1
        last = dt.date(first.year, end_month, calendar.monthrange(first.year, end_month)[1])
        out.append(
            replace(
                ref,
                start=m.start(),
                end=m.end(),
                first=first,
                last=last,
                confidence=min(ref.confidence, 0.8),
                anchor=False,
            )
        )
    return out


#: "hit a record on Oct. 15 and has since pulled back 3%", "... since then": from the day the
#: sentence named before to the reference date.
_SINCE_THEN = re.compile(
    r"\b(?:ha(?:s|ve|d)\s(?:\w+\s)?since|since\s(?:then|that\s(?:day|date|time|point|"
    r"session|peak|high|low|record)))\b",
    re.I,
)


def _since_then(text: str, found: list[Period], published: dt.date) -> list[Period]:
    """ "Since" pointing back at a day the sentence named: that day (its close is the base, as
    in "since Oct. 15") to the reference date (a little less sure than a day said outright)."""
    out: list[Period] = []
    for m in _SINCE_THEN.finditer(text):
        if any(p.start < m.end() and m.start() < p.end for p in found):
            continue
        days = [
            p
            for p in found
            if p.end <= m.start()
            and p.first is not None
            and p.first == p.last
            and p.first < published
        ]
        if not days:
            continue
        day = days[-1].first
        assert day is not None
        out.append(
            Period(
                m.start(),
                m.end(),
                day,
                published,
                kind="since",
                base=START_CLOSE,
                confidence=min(days[-1].confidence, 0.7),
            )
        )
    return out


#: "... to the record close of ", "... to the end ": what joins a "from" anchor to its end
_TO_GAP = re.compile(r"[^.;!?%]{0,40}?,?\s(?:to|through|until|till)\s(?:[\w'’-]+\s){0,4}", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s(?:[\w'’-]+\s){0,4}$", re.I)
#: a clause break between a trailing span and a "through" day: two figures, two periods
_CLAUSE_BREAK = re.compile(r"[.;!?](?!\d)|\b(?:and|but|while|whereas)\b", re.I)
#: spans that run to P and that a later "through September" (in the same clause) ends instead
_RUNS_TO_P = frozenset({"past", "since", "since_year", "event"})


def _join_spans(text: str, out: list[Period], published: dt.date) -> list[Period]:
    """Two periods that state one span between them.

    * "from the COVID low on March 18, 2020, to the record close of November 8, 2021",
      "from the March 2009 low to the end of 2018": the anchor "from" names .. the end the
      "to" names; a day (or an event's day) is the close the change starts from, so the span
      runs from the session after it, as "from April 8 to May 13" does.
    * "a 10-year return of 108% (through October 31, 2025)", "since its inception in 2012 ...
      9.4% through September": a span the text runs to P ends at the "through" day instead
      (a trailing span keeps its length: ten years to that day).
    """
    drop: set[int] = set()
    dated = [i for i, x in enumerate(out) if x.first is not None and x.last is not None]
    for j, i in enumerate(dated[1:], 1):
        x, y = out[dated[j - 1]], out[i]
        gap = text[x.end : y.start]
        if not _TO_GAP.fullmatch(gap) and not (
            # "from the index's April 8 low through quarter-end": the "through" opens y itself
            y.kind == "through" and re.fullmatch(r"[^.;!?%]{0,40}?,?\s", gap)
        ):
            continue
        k = dated[j - 1]
        while k > 0 and not _FROM_BEFORE.search(text[max(0, out[k].start - 40) : out[k].start]):
            if text[out[k].start : out[k].start + 5].lower() == "from ":
                break
            k -= 1
        while k > 0 and out[k - 1].end + 5 >= out[k].start and out[k - 1].first is not None:
            if text[out[k - 1].start : out[k - 1].start + 5].lower() != "from ":
                break
            k -= 1  # "from the COVID low on March 18, 2020": the event and its day, one anchor
        head = out[k]
        if (
            not (
                _FROM_BEFORE.search(text[max(0, head.start - 40) : head.start])
                or text[head.start : head.start + 5].lower() == "from "
            )
            or text[head.start : y.start].count(",") > 2
        ):
            continue
        assert x.first is not None and y.last is not None
        one_day = x.first == x.last or x.kind == "event"
        first = x.first
        if one_day:
            first += dt.timedelta(days=1)
            while first.weekday() >= 5:
                first += dt.timedelta(days=1)
        if first > y.last:
            continue
        # a bare "through <day>" is unsure only of where its span starts, which "from" states
        end_conf = max(y.confidence, 0.8) if y.kind == "through" else y.confidence
        y.first, y.start, y.kind, y.base = first, head.start, "between", PRIOR_CLOSE
        y.confidence = min(x.confidence, end_conf)
        drop.update(range(k, i))
    for i, x in enumerate(out):
        if (
            i in drop
            or x.kind not in _RUNS_TO_P | {"ytd"}
            or x.last != published
            or x.first is None
        ):
            continue
        nxt = next((j for j in range(i + 1, len(out)) if j not in drop), None)
        if nxt is None:
            continue
        y = out[nxt]
        gap = text[x.end : y.start]
        through = y.kind == "through" or (
            # "up 13% this year through Tuesday": the year so far, to Tuesday's close
            y.kind in {"month", "day", "weekday"} and re.search(r"\b(?:through|thru)\s$", gap, re.I)
        )
        if not through or y.last is None or y.last > published or _CLAUSE_BREAK.search(gap):
            continue
        if len(gap) > 90:
            continue
        if x.kind == "past":
            x.first = y.last - relativedelta(x.last, x.first)
        elif x.kind == "ytd":
            x.first = dt.date(y.last.year, 1, 1)
        x.last = y.last
        drop.add(nxt)
    for i, x in enumerate(out):
        # "Through November, the fund's year-to-date return was 12.7%": the "through" said
        # first ends the span the clause then names
        if i in drop or x.kind != "through" or x.last is None or x.last > published:
            continue
        nxt = next((j for j in range(i + 1, len(out)) if j not in drop), None)
        if nxt is None:
            continue
        y = out[nxt]
        gap = text[x.end : y.start]
        if (
            y.kind not in _RUNS_TO_P | {"ytd"}
            or y.last != published
            or y.first is None
            or len(gap) > 60
            or re.search(r"[.;!?](?!\d)|\b(?:and|but|while|whereas)\b", gap, re.I)
        ):
            continue
        if y.kind == "past":
            y.first = x.last - relativedelta(y.last, y.first)
        elif y.kind == "ytd":
            y.first = dt.date(x.last.year, 1, 1)
        y.last = x.last
        drop.add(i)
    return [x for i, x in enumerate(out) if i not in drop]


#: "early in the week", "later this month": the words before a span that make it a part of it.
_PART_BEFORE = re.compile(r"\b(?:early|earlier|late|later|mid)\s$", re.I)


#: "late October", "the latter part of October", "the first days of October": a part of it.
_MONTH_PART_BEFORE = re.compile(
    r"\b(?:early|mid|late|(?:the\s)?(?:end|start|beginning|middle|latter\spart|"
    r"(?:first|final|last|closing|opening)\s(?:few\s)?(?:days|sessions))\sof)[\s-]$",
    re.I,
)


#: A month that names a release or a vote, not the span of a move: "the March CPI report",
#: "June's jobs data", "the election in November", "its April earnings".
_RELEASE_AFTER = re.compile(
    r"^(?:['’]s)?\s(?:(?:u\.s\.|us|core|headline|monthly|nonfarm|\w+['’]s)\s){0,2}"
    r"(?:cpi|ppi|pce|jobs|payrolls?|employment|inflation|report|data|print|release|minutes|"
    r"earnings|gdp|retail\ssales|opex|options\sexpiration|rebalanc\w*|reconstitution)\b",
    re.I,
)
_EVENT_BEFORE = re.compile(
    r"\b(?:(?:re-?)?election|inauguration|vote|referendum|report|release|announcement)"
    r"\s(?:in|of|on)\s$",
    re.I,
)


#: A day that names when options expire or a payment falls due: "$150 calls expiring
#: Friday", "the puts that expire on Friday", "a coupon due Monday" (no span of a move).
_EXPIRY_BEFORE = re.compile(
    r"\b(?:expir(?:ing|es|e|y)|due|matur(?:ing|es))\s(?:on\s|this\s|next\s)?$", re.I
)


def _event_label(text: str, p: Period) -> bool:
    if p.kind in {"weekday", "relday"}:
        return bool(_EXPIRY_BEFORE.search(text[max(0, p.start - 25) : p.start]))
    if p.kind != "month":
        return False
    before = text[max(0, p.start - 40) : p.start]
    return bool(_RELEASE_AFTER.match(text[p.end :]) or _EVENT_BEFORE.search(before))


_WHEN = re.compile(r",?\s(when)\b", re.I)


def _yardstick_day(said: str, published: dt.date) -> dt.date | None:
    """The day a record yardstick names ("since Nov. 10, 2022"), if any; with no year ("the
    largest since June 7, when ..."), the latest such day before the article's."""
    m = re.search(rf"\b{_MON}\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s{_YR}\b", said, re.I)
    if m is None:
        bare = re.search(rf"\b(?P<mon>{_MONX})\.?\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b", said, re.I)
        month = _month_of(bare.group("mon")) if bare else None
        if bare is None or month is None:
            return None
        for year in (published.year, published.year - 1):
            try:
                d = dt.date(year, month, int(bare.group("day")))
            except ValueError:
                return None
            if d < published:
                return d
        return None
    got = _h_day(m, published)
    return got[0] if got and got[0] <= published else None


def _this_years(kind: str, m: re.Match[str], p: dt.date) -> Range | None:
    """A headline's "December", "Dec. 19": this year's, even if still to come."""
    month = _month_of(m.group("mon"))
    if month is None:
        return None
    if kind == "month":
        first = dt.date(p.year, month, 1)
        last = dt.date(p.year, month, calendar.monthrange(p.year, month)[1])
        return first, min(last, p) if first <= p <= last else last
    d = dt.date(p.year, month, int(m.group("day")))
    return d, d


def resolve(phrase: str, published: dt.date, *, headline: bool = False) -> Resolution | None:
    """The first period expression in ``phrase`` resolved against ``published``.

    For callers holding one expression (tests, a UI); the extractor calls
    :func:`find_periods` on whole sentences. None when the phrase names no period.
    """
    found = find_periods(phrase, published, headline=headline)
    if not found:
        return None
    p = next((x for x in found if x.first is not None), found[0])
    return Resolution(p.first, p.last, p.confidence, p.kind, p.base)


def _quarter_match(m: re.Match[str], p: dt.date) -> tuple[dt.date, dt.date] | None:
    qd = m.group("q") or m.group("q2")
    q = int(qd) if qd else ORDINALS[m.group("qw").lower()]
    yr = m.group("yr") or m.group("yr2") or m.group("yr3")
    if yr:
        year = int(yr) if len(yr) == 4 else 2000 + int(yr)
    elif m.groupdict().get("qrel"):  # "the fourth quarter of last year"
        year = p.year - (m.group("qrel").lower() == "last")
    else:
        # a trailing year may follow the quarter after a space: "late 2025 Q4" is handled by
        # the caller's proximity rule; here a bare quarter is the latest one started by P
        year = p.year if 3 * q - 2 <= p.month else p.year - 1
    return _quarter_range(year, q, p)


def anchor_date(period: Period) -> dt.date | None:
    """The date an "as of ..." anchor pins (its last day)."""
    return period.last
