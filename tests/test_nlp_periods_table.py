"""The temporal resolver, phrase by phrase: (phrase, article date, headline?, start, end, sure).

Every phrase here was written for this table. "sure" is ``confidence >= PERIOD_SURE_MIN``;
``None`` dates mean the resolver must find the expression but leave it undated.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.periods import find_periods, resolve
from thesisdesk.records import Claim
from thesisdesk.settings import PERIOD_SURE_MIN

F = "2025-11-14"  # a Friday
M = "2025-06-16"  # a Monday
J = "2026-01-07"  # a Wednesday, early in a year
W = "2024-12-18"  # a Wednesday (an FOMC day)
S = "2025-03-01"  # a Saturday
Y, N = True, False  # sure / unsure

ROWS: list[tuple[str, str, bool, str | None, str | None, bool]] = [
    # --- quarters: calendar ------------------------------------------------------------
    ("the index rose 8% in Q3 2025", F, N, "2025-07-01", "2025-09-30", Y),
    ("a weak Q1 2024 for small caps", F, N, "2024-01-01", "2024-03-31", Y),
    ("Q4'24 was the best stretch", F, N, "2024-10-01", "2024-12-31", Y),
    ("Q2 25 returns lagged", F, N, "2025-04-01", "2025-06-30", Y),
    ("the second quarter of 2023", F, N, "2023-04-01", "2023-06-30", Y),
    ("during the fourth quarter of 2022", J, N, "2022-10-01", "2022-12-31", Y),
    ("in the 3rd quarter of 2021", F, N, "2021-07-01", "2021-09-30", Y),
    ("the third quarter was strong", F, N, "2025-07-01", "2025-09-30", Y),
    ("small caps led in the fourth quarter", F, N, "2025-10-01", "2025-11-14", Y),
    ("the first quarter saw a drawdown", M, N, "2025-01-01", "2025-03-31", Y),
    ("the fourth quarter rally", M, N, "2024-10-01", "2024-12-31", Y),
    ("Q4 brought a rebound", J, N, "2025-10-01", "2025-12-31", Y),
    ("Q1 so far", M, N, "2025-01-01", "2025-03-31", Y),
    ("in the first-quarter selloff", F, N, "2025-01-01", "2025-03-31", Y),
    ("1Q25 Small-Cap Recap", "2025-04-02", Y, "2025-01-01", "2025-03-31", Y),
    ("3Q24 returns", F, N, "2024-07-01", "2024-09-30", Y),
    # --- halves ------------------------------------------------------------------------
    ("in H1 2025 the index fell", F, N, "2025-01-01", "2025-06-30", Y),
    ("H2 2024 was kinder", F, N, "2024-07-01", "2024-12-31", Y),
    ("the first half of 2024", F, N, "2024-01-01", "2024-06-30", Y),
    ("the second half of 2023", F, N, "2023-07-01", "2023-12-31", Y),
    ("a strong 1H25 for biotech", F, N, "2025-01-01", "2025-06-30", Y),
    ("2H24 earnings recovered", F, N, "2024-07-01", "2024-12-31", Y),
    ("the first half was rough", F, N, "2025-01-01", "2025-06-30", Y),
    ("so far in the second half", F, N, "2025-07-01", "2025-11-14", Y),
    ("the second half of last year", M, N, "2024-07-01", "2024-12-31", Y),
    ("in the first half", M, N, "2025-01-01", "2025-06-16", Y),
    # --- fiscal (read on the calendar, unsure) -----------------------------------------
    ("in fiscal Q3 2025 revenue grew", F, N, "2025-07-01", "2025-09-30", N),
    ("its fiscal third quarter of 2024", F, N, "2024-07-01", "2024-09-30", N),
    ("for its fiscal second quarter", F, N, "2025-04-01", "2025-06-30", N),
    ("guidance for FY2026", F, N, "2026-01-01", "2026-12-31", N),
    ("FY25 sales of $1.2 billion", F, N, "2025-01-01", "2025-11-14", N),
    ("Q2 FY24 earnings per share", F, N, "2024-04-01", "2024-06-30", N),
    ("F3Q25 results", F, N, "2025-07-01", "2025-09-30", N),
    ("fiscal 2024 revenue", F, N, "2024-01-01", "2024-12-31", N),
    ("fiscal year 2023", F, N, "2023-01-01", "2023-12-31", N),
    ("FY 2022 margin", F, N, "2022-01-01", "2022-12-31", N),
    # --- months ------------------------------------------------------------------------
    ("its October advance", F, N, "2025-10-01", "2025-10-31", Y),
    ("in November so far", F, N, "2025-11-01", "2025-11-14", Y),
    ("small caps slid in December", F, N, "2024-12-01", "2024-12-31", Y),
    ("a December rally is coming", F, Y, "2025-12-01", "2025-12-31", Y),
    ("Small Caps' December Playbook", F, Y, "2025-12-01", "2025-12-31", Y),
    ("the index gained 3% in August", M, N, "2024-08-01", "2024-08-31", Y),
    ("in September 2025 alone", F, N, "2025-09-01", "2025-09-30", Y),
    ("during March 2020", F, N, "2020-03-01", "2020-03-31", Y),
    ("in December of 2024", J, N, "2024-12-01", "2024-12-31", Y),
    ("its worst January since", J, N, "2026-01-01", "2026-01-07", Y),
    ("July's gains faded", M, N, "2024-07-01", "2024-07-31", Y),
    ("a rough February", S, N, "2025-02-01", "2025-02-28", Y),
    ("in Sept. the index dipped", F, N, "2025-09-01", "2025-09-30", Y),
    ("small caps rose in May", F, N, "2025-05-01", "2025-05-31", Y),
    ("June Rally Lifts Small Caps", M, Y, "2025-06-01", "2025-06-16", Y),
    ("August Outlook for the Russell 2000", M, Y, "2025-08-01", "2025-08-31", Y),
    # --- year-to-date / this year / last year / in YYYY --------------------------------
    ("up 9% year-to-date", F, N, "2025-01-01", "2025-11-14", Y),
    ("YTD the fund is down 4%", F, N, "2025-01-01", "2025-11-14", Y),
    ("so far this year", F, N, "2025-01-01", "2025-11-14", Y),
    ("the index has gained 13% this year", F, N, "2025-01-01", "2025-11-14", Y),
    ("year to date", J, N, "2026-01-01", "2026-01-07", Y),
    ("so far in 2025", F, N, "2025-01-01", "2025-11-14", Y),
    ("since the start of the year", F, N, "2025-01-01", "2025-11-14", Y),
    ("up 4% month-to-date", F, N, "2025-11-01", "2025-11-14", Y),
    ("a 2.2% MTD gain", F, N, "2025-11-01", "2025-11-14", Y),
    ("its week-to-date loss", F, N, "2025-11-10", "2025-11-14", Y),
    ("quarter-to-date the fund is flat", F, N, "2025-10-01", "2025-11-14", Y),
    ("QTD returns", M, N, "2025-04-01", "2025-06-16", Y),
    ("since the start of the month", F, N, "2025-11-01", "2025-11-14", Y),
    ("since the beginning of the quarter", M, N, "2025-04-01", "2025-06-16", Y),
    ("since its December 2020 IPO", F, N, "2020-12-01", "2025-11-14", Y),
    # --- a span ending at a named day or month -----------------------------------------
    ("in the week ended Friday", M, N, "2025-06-09", "2025-06-13", Y),
    ("for the week ending June 6", M, N, "2025-06-02", "2025-06-06", Y),
    ("in the week through Nov. 7", F, N, "2025-11-03", "2025-11-07", Y),
    ("over the three months through September", F, N, "2025-07-01", "2025-09-30", Y),
    ("in the 12 months to June", F, N, "2024-07-01", "2025-06-30", Y),
    ("during the month of October", F, N, "2025-10-01", "2025-10-31", Y),
    ("up 60% off its April low", M, N, "2025-04-08", "2025-06-16", Y),
    ("since the turn of the year", J, N, "2026-01-01", "2026-01-07", Y),
    ("since the beginning of 2025", F, N, "2025-01-01", "2025-11-14", Y),
    ("last year the index fell", F, N, "2024-01-01", "2024-12-31", Y),
    ("in 2024", F, N, "2024-01-01", "2024-12-31", Y),
    ("in 2025", F, N, "2025-01-01", "2025-11-14", Y),
    ("during 2022 small caps fell 21%", F, N, "2022-01-01", "2022-12-31", Y),
    ("throughout 2023", F, N, "2023-01-01", "2023-12-31", Y),
    ("2020's rebound", F, N, "2020-01-01", "2020-12-31", Y),
    ("for all of 2021", F, N, "2021-01-01", "2021-12-31", Y),
    ("across 2019", F, N, "2019-01-01", "2019-12-31", Y),
    ("for the year the index is up 11%", F, N, "2025-01-01", "2025-11-14", Y),
    # --- since (a part of a month or year, "early August", is unsure: the start is a guess) --
    ("since 2021", F, N, "2021-01-01", "2025-11-14", Y),
    ("since late 2021", F, N, "2021-10-01", "2025-11-14", N),  # a part: unsure
    ("since early 2024", F, N, "2024-01-01", "2025-11-14", N),  # a part: unsure
    ("since mid-2023", F, N, "2023-06-01", "2025-11-14", N),  # a part: unsure
    ("since the end of 2022", F, N, "2023-01-01", "2025-11-14", Y),
    ("since early August", F, N, "2025-08-01", "2025-11-14", N),  # a part: unsure
    ("since the end of June", F, N, "2025-07-01", "2025-11-14", Y),
    ("since mid-September", F, N, "2025-09-15", "2025-11-14", N),  # a part: unsure
    ("since October", F, N, "2025-10-01", "2025-11-14", Y),
    ("since July 11", M, N, "2024-07-11", "2025-06-16", Y),
    ("up 20% since Oct. 3", F, N, "2025-10-03", "2025-11-14", Y),
    ("since November 7, 2024", F, N, "2024-11-07", "2025-11-14", Y),
    ("since that April 8 low", M, N, "2025-04-08", "2025-06-16", Y),
    ("since the Fed's first cut on September 17", F, N, "2025-09-17", "2025-11-14", Y),
    ("since the central bank's cut on Sept. 18, 2024", F, N, "2024-09-18", "2025-11-14", Y),
    # --- event anchors -----------------------------------------------------------------
    ("since the election", "2024-11-26", N, "2024-11-05", "2024-11-26", Y),
    ("since the November election", "2024-12-10", N, "2024-11-05", "2024-12-10", Y),
    ("since the presidential election", "2021-01-15", N, "2020-11-03", "2021-01-15", Y),
    ("since the U.S. election", "2017-02-01", N, "2016-11-08", "2017-02-01", Y),
    ("since the Fed's first cut", "2024-11-01", N, "2024-09-18", "2024-11-01", Y),
    ("since the Fed's first rate cut", "2019-10-01", N, "2019-07-31", "2019-10-01", Y),
    ("since the first rate cut", "2025-10-20", N, "2025-09-17", "2025-10-20", N),
    ("since the start of the easing cycle", "2024-12-02", N, "2024-09-18", "2024-12-02", Y),
    ("since Liberation Day", M, N, "2025-04-02", "2025-06-16", Y),
    ("since the April low", M, N, "2025-04-08", "2025-06-16", Y),
    ("since the pandemic low", "2021-03-01", N, "2020-03-18", "2021-03-01", Y),
    ("since the 2021 peak", "2024-01-11", N, "2021-11-08", "2024-01-11", Y),
    ("compared to its peak in November 2021", "2024-01-11", N, "2021-11-08", "2024-01-11", Y),
    ("since the SVB collapse", "2023-05-15", N, "2023-03-10", "2023-05-15", Y),
    ("since the ECB's surprise cut in April", M, N, None, None, N),
    ("since the Fed's first cut in September", F, N, "2025-09-17", "2025-11-14", Y),
    ("since the Fed's first cut in September 2024", F, N, "2024-09-18", "2025-11-14", Y),
    # --- past N sessions/days/weeks/months/years, a decade -----------------------------
    ("over the past three years", F, N, "2022-11-14", "2025-11-14", Y),
    ("in the past month", F, N, "2025-10-14", "2025-11-14", Y),
    ("the past 12 months", F, N, "2024-11-14", "2025-11-14", Y),
    ("over the last 12 months", M, N, "2024-06-16", "2025-06-16", Y),
    ("the trailing twelve months", F, N, "2024-11-14", "2025-11-14", Y),
    ("over the last five sessions", F, N, "2025-11-10", "2025-11-14", Y),
    ("in the past two sessions", M, N, "2025-06-13", "2025-06-16", Y),
    ("over the past 10 trading days", F, N, "2025-11-03", "2025-11-14", Y),
    ("over the past two weeks", F, N, "2025-10-31", "2025-11-14", Y),
    ("in the past week", F, N, "2025-11-07", "2025-11-14", Y),
    ("over the past six months", F, N, "2025-05-14", "2025-11-14", Y),
    ("over the past year", F, N, "2024-11-14", "2025-11-14", Y),
    ("over the past decade", F, N, "2015-11-14", "2025-11-14", Y),
    ("over the last two decades", F, N, "2005-11-14", "2025-11-14", Y),
    ("the past five years", F, N, "2020-11-14", "2025-11-14", Y),
    ("in the last quarter", F, N, "2025-07-01", "2025-09-30", Y),  # the devset reads it so
    ("a 4% gain in three sessions", F, N, "2025-11-12", "2025-11-14", Y),
    ("a 6% drop over two trading days", F, N, "2025-11-13", "2025-11-14", Y),
    ("three-month performance", F, N, "2025-08-14", "2025-11-14", Y),
    ("its six-month return", F, N, "2025-05-14", "2025-11-14", Y),
    ("a 12-month return of 9%", F, N, "2024-11-14", "2025-11-14", Y),
    ("up 49% over a month", F, N, "2025-10-14", "2025-11-14", Y),
    ("up 12% over a decade", F, N, "2015-11-14", "2025-11-14", Y),
    # --- last/this week/month/quarter ---------------------------------------------------
    ("last week", F, N, "2025-11-03", "2025-11-07", Y),
    ("last week", M, N, "2025-06-09", "2025-06-13", Y),
    ("last week", S, N, "2025-02-17", "2025-02-21", Y),
    ("this week", F, N, "2025-11-10", "2025-11-14", Y),
    ("for the week the index rose", F, N, "2025-11-10", "2025-11-14", Y),
    ("last month", F, N, "2025-10-01", "2025-10-31", Y),
    ("last month", J, N, "2025-12-01", "2025-12-31", Y),
    ("this month", F, N, "2025-11-01", "2025-11-14", Y),
    ("last quarter", F, N, "2025-07-01", "2025-09-30", Y),
    ("last quarter", J, N, "2025-10-01", "2025-12-31", Y),
    ("this quarter", F, N, "2025-10-01", "2025-11-14", Y),
    ("the previous month", F, N, "2025-10-14", "2025-11-14", Y),
    # --- days ---------------------------------------------------------------------------
    ("on Wednesday", F, N, "2025-11-12", "2025-11-12", Y),
    ("Monday's drop", F, N, "2025-11-10", "2025-11-10", Y),
    ("on Friday the index rose", F, N, "2025-11-14", "2025-11-14", Y),
    ("Thursday's session", M, N, "2025-06-12", "2025-06-12", Y),
    ("on Monday", M, N, "2025-06-16", "2025-06-16", Y),
    ("today", F, N, "2025-11-14", "2025-11-14", Y),
    ("yesterday", M, N, "2025-06-13", "2025-06-13", Y),
    ("up 3% this afternoon", F, N, "2025-11-14", "2025-11-14", Y),
    ("slipped 1% in early trading", M, N, "2025-06-16", "2025-06-16", Y),
    ("closed the last trading session at $41", M, N, "2025-06-13", "2025-06-13", Y),
    ("since last Friday's close", F, N, "2025-11-07", "2025-11-14", Y),
    ("since Tuesday", F, N, "2025-11-11", "2025-11-14", Y),
    ("since Monday's low", M, N, "2025-06-09", "2025-06-16", Y),
    ("a 30% jump over about three days of trading", F, N, "2025-11-11", "2025-11-14", Y),
    ("yesterday", J, N, "2026-01-06", "2026-01-06", Y),
    ("for the day the index rose", F, N, "2025-11-14", "2025-11-14", Y),
    ("for the session", M, N, "2025-06-16", "2025-06-16", Y),
    ("on Nov. 6", F, N, "2025-11-06", "2025-11-06", Y),
    ("on Nov. 6, 2024", F, N, "2024-11-06", "2024-11-06", Y),
    ("on December 31", J, N, "2025-12-31", "2025-12-31", Y),
    ("on March 9", M, N, "2025-03-09", "2025-03-09", Y),
    ("the September 17 decision", F, N, "2025-09-17", "2025-09-17", Y),
    ("October 29th", F, N, "2025-10-29", "2025-10-29", Y),
    ("Dec. 19 Selloff Deepens", W, Y, "2024-12-19", "2024-12-19", Y),
    ("on 06/30/2024", F, N, "2024-06-30", "2024-06-30", Y),
    ("14-Nov-25 10:30 ET", F, N, "2025-11-14", "2025-11-14", Y),
    ("Market update, 3-Mar-2025", F, N, "2025-03-03", "2025-03-03", Y),
    ("as of 9/3/2025", F, N, "2025-09-03", "2025-09-03", Y),
    # --- a period that has ended: the latest completed one ----------------------------------
    ("the index finished the year up 17%", J, N, "2025-01-01", "2025-12-31", Y),
    ("small caps ended the year 9% higher", "2025-02-20", N, "2024-01-01", "2024-12-31", Y),
    ("it closed the year down 4%", "2025-08-20", N, "2024-01-01", "2024-12-31", N),
    ("it wrapped up the year with a 12% gain", "2025-12-31", N, "2025-01-01", "2025-12-31", Y),
    ("IWM closed out the week 2.4% higher", F, N, "2025-11-10", "2025-11-14", Y),
    ("the index finished the week lower", M, N, "2025-06-09", "2025-06-13", Y),
    ("the fund ended the week flat", "2025-11-12", N, "2025-11-03", "2025-11-07", N),
    ("the index finished the month up 6%", "2025-12-03", N, "2025-11-01", "2025-11-30", Y),
    ("small caps ended the quarter 5% higher", "2025-10-09", N, "2025-07-01", "2025-09-30", Y),
    ("the fund ended the session up 1%", F, N, "2025-11-14", "2025-11-14", Y),
    # --- spans anchored to an event the sentence names --------------------------------
    ("closing out that week up 6% after the election", F, N, "2024-11-04", "2024-11-08", Y),
    ("small caps jumped the week of the election", F, N, "2024-11-04", "2024-11-08", Y),
    ("they slid in the week after the election", F, N, "2024-11-11", "2024-11-15", Y),
    ("the stock rose 12% that week", F, N, None, None, N),
    ("it fell another 3% the following day", F, N, None, None, N),
    # --- one session: by the close ---------------------------------------------------
    ("the Dow lost 0.9% by the close", F, N, "2025-11-14", "2025-11-14", Y),
    ("IWM was down 2% at the closing bell", M, N, "2025-06-16", "2025-06-16", Y),
    ("On Tuesday the index gave back 1.3% into the close", F, N, "2025-11-11", "2025-11-11", Y),
    ("the stock jumped 11% in after-hours trading", F, N, "2025-11-14", "2025-11-14", N),
    ("shares were 2% lower in pre-market action", M, N, "2025-06-16", "2025-06-16", N),
    ("futures slid 0.6% before the opening bell", F, N, "2025-11-14", "2025-11-14", N),
    # --- a month of a year named relative to the article --------------------------------
    ("it has gained 40% since July last year", M, N, "2024-07-01", "2025-06-16", Y),
    ("the fund fell 8% in March of last year", F, N, "2024-03-01", "2024-03-31", Y),
    ("since mid-February this year", M, N, "2025-02-15", "2025-06-16", Y),
    ("since the merger closed in May last year", M, N, None, None, N),
    # --- a record yardstick's own day: "since <day>, when ..." ---------------------------
    ("its sharpest drop since Aug. 5, 2024, when it sank 3%", F, N, "2024-08-05", "2024-08-05", Y),
    ("the best gain since June 3, 2022, when IWM rose 4.1%", M, N, "2022-06-03", "2022-06-03", Y),
    ("at Wednesday's policy meeting", "2025-12-09", N, "2025-12-10", "2025-12-10", N),
    ("ahead of Thursday's Fed decision", W, N, "2024-12-19", "2024-12-19", N),
    ("after Wednesday's FOMC decision", "2024-12-19", N, "2024-12-18", "2024-12-18", N),
    ("next Tuesday", F, N, "2025-11-18", "2025-11-18", N),
    # --- from X to Y / between ---------------------------------------------------------
    (
        "between Friday, January 9 and Friday, January 16",
        "2026-01-20",
        N,
        "2026-01-12",
        "2026-01-16",
        Y,
    ),
    ("from Oct. 1 to Oct. 31", F, N, "2025-10-02", "2025-10-31", Y),
    ("from March 3 to March 28, 2025", F, N, "2025-03-04", "2025-03-28", Y),
    ("between December 20, 2024 and January 10, 2025", F, N, "2024-12-23", "2025-01-10", Y),
    ("from March to May", M, N, "2025-03-01", "2025-05-31", Y),
    ("from November 2024 to March 2025", F, N, "2024-11-01", "2025-03-31", Y),
    ("between June and August", F, N, "2025-06-01", "2025-08-31", Y),
    # --- anchors ------------------------------------------------------------------------
    ("as of September 2025", F, N, "2025-09-01", "2025-09-30", Y),
    ("as of Friday's close", F, N, "2025-11-14", "2025-11-14", Y),
    # --- spans the unseen-text review found (written for this table) ----------------------
    ("for the month of October", "2025-10-31", N, "2025-10-01", "2025-10-31", Y),
    ("for the month of November", "2025-11-15", N, "2025-11-01", "2025-11-15", Y),
    ("from its April 8 close to Friday", "2025-10-31", N, "2025-04-09", "2025-10-31", Y),
    ("from the Nov. 20 close to Nov. 26", F, N, "2024-11-21", "2024-11-26", Y),
    ("from Tuesday's close to last Friday", "2025-11-17", N, "2025-11-12", "2025-11-14", Y),
    ("for the quarter ended September", "2025-10-08", N, "2025-07-01", "2025-09-30", Y),
    ("the quarter ended Sept. 30, 2025", F, N, "2025-07-01", "2025-09-30", Y),
    ("in the quarter to June", F, N, "2025-04-01", "2025-06-30", Y),
    ("in the three months to June", F, N, "2025-04-01", "2025-06-30", Y),
    ("over the holiday-shortened week", "2025-11-28", N, "2025-11-24", "2025-11-28", Y),
    ("in the first two sessions of the week", F, N, "2025-11-10", "2025-11-11", Y),
    ("the last three sessions of the week", F, N, "2025-11-12", "2025-11-14", Y),
    ("the first two sessions of the month", "2025-10-31", N, "2025-10-01", "2025-10-02", Y),
    ("the final two trading days of the month", "2025-10-31", N, "2025-10-30", "2025-10-31", Y),
    ("the first session of the week", "2025-11-15", N, "2025-11-10", "2025-11-10", Y),
    ("since the start of the fourth quarter", F, N, "2025-10-01", F, Y),
    ("month-to-date", "2025-10-31", N, "2025-10-01", "2025-10-31", Y),
    ("quarter-to-date", "2025-11-28", N, "2025-10-01", "2025-11-28", Y),
    ("since its March low", F, N, "2025-03-01", F, N),
    ("since the October high", F, N, "2025-10-01", F, N),
    ("since their late-August peak", F, N, "2025-08-20", F, N),
    ("over the trailing twelve months", F, N, "2024-11-14", F, Y),
    ("the past three sessions", F, N, "2025-11-12", F, Y),
    ("in Thursday's session", F, N, "2025-11-13", "2025-11-13", Y),
    ("overnight", F, N, F, F, N),
    ("in premarket trading", F, N, F, F, N),
    ("in after-hours trading", F, N, F, F, N),
    ("by the end of the month", "2025-10-31", N, "2025-10-01", "2025-10-31", Y),
    ("by the end of the week", F, N, "2025-11-10", "2025-11-14", Y),
    # --- quarters named by their last month, n-month periods, sessions ended a day -------
    ("in the September quarter", F, N, "2025-07-01", "2025-09-30", Y),
    ("the June 2024 quarter", F, N, "2024-04-01", "2024-06-30", Y),
    ("the October quarter", F, N, "2025-08-01", "2025-10-31", N),
    ("over the three-month period ended Sept. 30", F, N, "2025-06-30", "2025-09-30", Y),
    ("for the 12-month period ending October", F, N, "2024-11-01", "2025-10-31", Y),
    ("in the five trading days through Thursday", F, N, "2025-11-07", "2025-11-13", Y),
    ("the three sessions ended Nov. 12", F, N, "2025-11-10", "2025-11-12", Y),
    ("from Jan. 1 through Friday", F, N, "2025-01-01", F, Y),
    ("from the start of the year through Friday", F, N, "2025-01-01", F, Y),
    ("from the beginning of the month to Nov. 12", F, N, "2025-11-01", "2025-11-12", Y),
    ("the index gained 1.2% in 3Q", F, N, "2025-07-01", "2025-09-30", Y),
    # --- U.S. market holidays the calendar fixes -----------------------------------------
    ("since Labor Day", "2025-12-05", N, "2025-09-01", "2025-12-05", Y),
    ("since the Thanksgiving holiday", "2025-12-05", N, "2025-11-27", "2025-12-05", Y),
    ("since Memorial Day", "2025-07-10", N, "2025-05-26", "2025-07-10", Y),
    ("since the Fourth of July", "2025-07-25", N, "2025-07-04", "2025-07-25", Y),
    ("since Christmas Eve", "2026-01-05", N, "2025-12-24", "2026-01-05", Y),
    ("since New Year's Day", "2026-01-07", N, "2026-01-01", "2026-01-07", Y),
    ("over Thanksgiving week", "2025-12-05", N, "2025-11-24", "2025-11-28", Y),
    ("during the Christmas holiday week", "2025-12-26", N, "2025-12-22", "2025-12-26", Y),
    ("in the week before Thanksgiving", "2025-12-05", N, "2025-11-17", "2025-11-21", Y),
    ("the week after Labor Day", F, N, "2025-09-08", "2025-09-12", Y),
    ("in the session after Thanksgiving", "2025-12-05", N, "2025-11-28", "2025-11-28", Y),
    ("on Black Friday", "2025-12-05", N, "2025-11-28", "2025-11-28", Y),
    ("in Black Friday's shortened session", "2024-12-02", N, "2024-11-29", "2024-11-29", Y),
    ("over the past fortnight", "2025-12-05", N, "2025-11-21", "2025-12-05", Y),
    ("since Good Friday", "2025-05-02", N, "2025-04-18", "2025-05-02", Y),
    ("in the week after Easter", "2025-05-02", N, "2025-04-21", "2025-04-25", Y),
    # --- a part of a span: which days were meant is a guess, so never a sure period -------
    ("in the back half of October", F, N, "2025-10-16", "2025-10-31", N),
    ("the first half of September 2025", F, N, "2025-09-01", "2025-09-15", N),
    ("early in the week", F, N, "2025-11-10", "2025-11-14", N),
    ("late last month", F, N, "2025-10-01", "2025-10-31", N),
    ("in the latter part of October", F, N, "2025-10-01", "2025-10-31", N),
    ("around mid-October", F, N, "2025-10-01", "2025-10-31", N),
    ("in the final days of October", F, N, "2025-10-01", "2025-10-31", N),
    ("at the start of September", F, N, "2025-09-01", "2025-09-30", N),
    # --- a week named by a day in it, and a range of days -------------------------------
    ("in the week of Oct. 13", F, N, "2025-10-13", "2025-10-17", Y),
    ("the week of Wednesday, Oct. 15", F, N, "2025-10-13", "2025-10-17", Y),
    ("during Oct. 13-17", F, N, "2025-10-13", "2025-10-17", Y),
    ("over Nov. 10–12", F, N, "2025-11-10", "2025-11-12", Y),
    # --- long horizons: year spans, decades, years through a year or month, labels --------
    ("between 2011 and 2020", F, N, "2011-01-01", "2020-12-31", Y),
    ("from 2000 to 2006", F, N, "2000-01-01", "2006-12-31", Y),
    ("from the end of 2019 to the end of 2024", F, N, "2020-01-01", "2024-12-31", Y),
    ("in 2015-2019", F, N, "2015-01-01", "2019-12-31", Y),
    ("during 2011–20", F, N, "2011-01-01", "2020-12-31", Y),
    ("the 2010s were kind to large caps", F, N, "2010-01-01", "2019-12-31", Y),
    ("in the late 1990s", F, N, "1990-01-01", "1999-12-31", N),
    ("in the five years through 2006", F, N, "2002-01-01", "2006-12-31", Y),
    ("over the ten years to 2019", F, N, "2010-01-01", "2019-12-31", Y),
    ("over the five years through November", "2025-12-03", N, "2020-12-01", "2025-11-30", Y),
    ("the 20 years through October", F, N, "2005-11-01", "2025-10-31", Y),
    ("worst calendar year: 2008", F, N, "2008-01-01", "2008-12-31", Y),
    ("its best year was 2003", F, N, "2003-01-01", "2003-12-31", Y),
    # --- long horizons: launches, hikes, crisis lows, the span after a dated episode -------
    ("since the fund's inception in 2012", F, N, "2012-01-01", F, Y),
    ("since its launch in 2019", F, N, "2019-01-01", F, Y),
    ("since the Fed's first hike in March 2022", F, N, "2022-03-16", F, Y),
    ("since the Fed started raising rates", F, N, "2022-03-16", F, Y),
    ("up sharply from the financial-crisis low", F, N, "2009-03-09", F, Y),
    ("in the 12 months after the cut on Sept. 29, 1998", F, N, "1998-09-29", "1999-09-29", Y),
    ("in the year after the March 2020 low", F, N, "2020-03-18", "2021-03-18", Y),
    ("in the month following the November 2016 election", F, N, "2016-11-08", "2016-12-08", Y),
    ("over the three months after the 2021 peak", F, N, "2021-11-08", "2022-02-08", Y),
    ("during the six months after the election", "2025-12-03", N, "2024-11-05", "2025-05-05", N),
    # a historical statistic: no concrete episode, so undated (the devset's rule 5)
    ("averaged 20% in the 12 months after the Fed's first cut", F, N, None, None, N),
    ("in the 12 months after a first rate cut", F, N, None, None, N),
    # --- long horizons: a span the text ends at a "through" day, from one anchor to another
    ("a 10-year return of 108% through Oct. 31, 2025", F, N, "2015-10-31", "2025-10-31", Y),
    (
        "9.4% a year since its inception in 2012 through September",
        "2025-10-10",
        N,
        "2012-01-01",
        "2025-09-30",
        Y,
    ),
    (
        "from the COVID low on March 18, 2020, to the record close of Nov. 8, 2021",
        F,
        N,
        "2020-03-19",
        "2021-11-08",
        Y,
    ),
    ("from the March 2009 low to the end of 2018", F, N, "2009-03-10", "2018-12-31", Y),
    # a trailing span's label on its figure (a fund page's line of returns)
    ("1 year 10.8%, 3 years 15.2%", F, N, "2024-11-14", F, Y),
    ("returns of 15.2% (3 years)", F, N, "2022-11-14", F, Y),
    ("10 years annualized: 9.8%", F, N, "2015-11-14", F, Y),
    ("gained 8% a year since its launch in 2000 through June", F, N, "2000-01-01", "2025-06-30", Y),
    ("returned 4.2% a year in the decade through 2024", F, N, "2015-01-01", "2024-12-31", Y),
    ("calendar-year returns: 2022 -20.4%", F, N, "2022-01-01", "2022-12-31", Y),
    # an event neither the text nor the table dates: there, undated, never the session
    ("since the summer's AI scare", F, N, None, None, N),
    ("gained 8% since the merger announcement", F, N, None, None, N),
    # --- the same period (resolved later by the extractor) ------------------------------
    ("over the same period", F, N, None, None, N),
    ("during the same frame", F, N, None, None, N),
]


@pytest.mark.parametrize(("phrase", "pub", "headline", "first", "last", "sure"), ROWS)
def test_resolver_table(
    phrase: str, pub: str, headline: bool, first: str | None, last: str | None, sure: bool
) -> None:
    got = resolve(phrase, dt.date.fromisoformat(pub), headline=headline)
    assert got is not None, f"no period found in {phrase!r}"
    dates = (
        got.first.isoformat() if got.first else None,
        got.last.isoformat() if got.last else None,
    )
    assert dates == (first, last), (phrase, got)
    assert got.sure == sure, (phrase, got.confidence, PERIOD_SURE_MIN)


#: (phrase, article date, base): which close a change over the period is measured from.
BASES: list[tuple[str, str, str]] = [
    ("up 12% since June 2", F, "start_close"),
    ("since the close on Oct. 3", F, "start_close"),
    ("since last Tuesday's close", F, "start_close"),
    ("since the election", "2024-11-26", "start_close"),
    ("since the April low", M, "start_close"),
    ("compared with its peak in November 2021", "2024-01-11", "start_close"),
    ("a 40% jump over two days of trading", F, "start_close"),
    ("in Q3 2025", F, "prior_close"),
    ("year-to-date", F, "prior_close"),
    ("since 2021", F, "prior_close"),
    ("since early August", F, "prior_close"),
    ("over the past month", F, "prior_close"),
    ("over the last five sessions", F, "prior_close"),
    ("between October 1 and October 31", F, "prior_close"),
    ("on Wednesday", F, "prior_close"),
    ("in the year after the March 2020 low", F, "start_close"),
    ("from the March 2009 low to the end of 2018", F, "prior_close"),
    ("between 2011 and 2020", F, "prior_close"),
]


@pytest.mark.parametrize(("phrase", "pub", "base"), BASES)
def test_period_base_table(phrase: str, pub: str, base: str) -> None:
    got = resolve(phrase, dt.date.fromisoformat(pub))
    assert got is not None and got.first is not None, phrase
    assert got.base == base, (phrase, got)


def test_since_a_day_starts_on_it_and_two_days_of_trading_on_the_base_session() -> None:
    wed = dt.date(2024, 12, 11)
    got = resolve("a 67% gain over roughly two days of trading", wed)
    assert got is not None and (got.first, got.last) == (dt.date(2024, 12, 9), wed)
    got = resolve("since 5 November", dt.date(2024, 11, 25))
    assert got is not None and got.first == dt.date(2024, 11, 5)


@pytest.mark.parametrize(
    "phrase", ["the overnight rate stayed at 4.33%", "overnight funding costs rose", "by the end"]
)
def test_overnight_rates_and_bare_ends_are_no_periods(phrase: str) -> None:
    """A rate named "overnight" and an unfinished "by the end" name no span."""
    assert resolve(phrase, dt.date.fromisoformat(F)) is None


@pytest.mark.parametrize("phrase", ["its Black Monday losses", "a Super Tuesday rally"])
def test_named_days_are_not_the_latest_weekday(phrase: str) -> None:
    """ "Black Monday" is no Monday of this week: never a sure session."""
    got = resolve(phrase, dt.date.fromisoformat(F))
    assert got is None or not got.sure


def test_table_is_large_and_phrases_are_distinct() -> None:
    assert len(ROWS) >= 150
    assert len({(r[0], r[1]) for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize(
    "phrase",
    [
        "the Russell 2000 gained 5%",
        "the Russell 2000's 5% gain",
        "the S&P 500 rose 1%",
        "the Nasdaq 100 slipped",
        "the Russell 1000 added 2.7%",
        "the Russell Top 50 lagged",
        "the S&P 600 and the S&P 400",
        "the Nasdaq-100 index",
        "the Russell Microcap 2000 basket",
        "the Wilshire 5000 total market",
        "its best day since Nov. 4, 2024",
        "the most since 2020",
        "a level not seen since March",
        "has not made a new high since October 29",
        "fell 3%, the worst performance since August 5, while",
        # a month that names a release or a vote, not a span
        "stocks slid ahead of the March CPI report",
        "after June's jobs data the index fell 1%",
        "the rally that followed the election in November",
        # an overnight RATE is no overnight session
        "the Fed kept its overnight interest rate unchanged",
        # index levels that look like years are no span of years
        "the Russell 2000 is trading between 2050 and 2090",
        "support sits between 2010 and 2025",
        "the index ranged from 2010 to 2060 points",
    ],
)
def test_names_and_record_yardsticks_are_never_periods(phrase: str) -> None:
    assert find_periods(phrase, dt.date(2025, 11, 14)) == []


def test_no_article_date_no_period() -> None:
    assert resolve("in Q3 2025", dt.date(2025, 11, 14)) is not None
    assert find_periods("in Q3 2025", None) == []


# --- the resolver inside extraction (loads spaCy once per session) ------------------------


def _perf(text: str, pub: str, value: float) -> Claim:
    from nlp.extract import extract_claims

    claims = extract_claims(text, dt.date.fromisoformat(pub))
    got = [c for c in claims if c.kind == "performance" and c.value == value]
    assert got, [(c.kind, c.subject, c.value, c.period_start) for c in claims]
    return got[0]


@pytest.mark.usefixtures("claims_nlp")
def test_extraction_headline_month_is_this_years() -> None:
    c = _perf("Russell 2000 Jumps 4% In December Rally\n\nSmall caps led.", "2025-12-12", 4.0)
    assert (c.period_start, c.period_end) == (dt.date(2025, 12, 1), dt.date(2025, 12, 12))
    assert c.period_confidence is not None and c.period_confidence >= PERIOD_SURE_MIN


@pytest.mark.usefixtures("claims_nlp")
def test_extraction_as_of_day_pins_later_relative_periods() -> None:
    text = (
        "The small-cap fund has returned 5.2% over the past month (as of Oct. 2, 2025).\n\n"
        "So far this year, the fund is up 8.1%."
    )
    month = _perf(text, "2025-10-06", 5.2)
    assert (month.period_start, month.period_end) == (dt.date(2025, 9, 2), dt.date(2025, 10, 2))
    ytd = _perf(text, "2025-10-06", 8.1)
    assert (ytd.period_start, ytd.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 10, 2))


@pytest.mark.usefixtures("claims_nlp")
def test_extraction_record_since_is_not_the_moves_period() -> None:
    text = "The Russell 2000 jumped 3.9% on Tuesday, its biggest gain since June 2024."
    c = _perf(text, "2025-11-11", 3.9)
    assert c.period_start == c.period_end == dt.date(2025, 11, 11)


@pytest.mark.usefixtures("claims_nlp")
def test_extraction_bare_move_gets_the_session_but_unsure() -> None:
    text = "Markets were mixed.\n\nThe Russell 2000 index also climbed 1.3% with the market."
    c = _perf(text, "2025-11-11", 1.3)
    assert c.period_start == c.period_end == dt.date(2025, 11, 11)
    assert c.period_confidence is not None and c.period_confidence < PERIOD_SURE_MIN


@pytest.mark.usefixtures("claims_nlp")
def test_extraction_russell_2000_headline_is_not_the_year_2000() -> None:
    text = "Russell 2000 beats the S&P 500 by the most since 2020\nThe index rose 2.2% on Friday."
    c = _perf(text, "2025-11-14", 2.2)
    assert c.period_start == c.period_end == dt.date(2025, 11, 14)


@pytest.mark.usefixtures("claims_nlp")
def test_extraction_recap_headline_dates_undated_moves_unsure() -> None:
    text = (
        "3Q25 Small-Cap Review\n\nThe Russell 2000 index climbed 12.4% while large caps added 8%."
    )
    c = _perf(text, "2025-10-03", 12.4)
    assert (c.period_start, c.period_end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert c.period_confidence is not None and c.period_confidence < PERIOD_SURE_MIN


@pytest.mark.usefixtures("claims_nlp")
def test_extraction_last_trading_session_pins_the_span() -> None:
    text = "IonQ (IONQ) closed the last trading session at $41.20, up 18% over the past month."
    c = _perf(text, "2025-06-17", 18.0)
    assert (c.period_start, c.period_end) == (dt.date(2025, 5, 16), dt.date(2025, 6, 16))


@pytest.mark.usefixtures("claims_nlp")
def test_extraction_history_gets_no_guessed_period() -> None:
    text = "Historically, the Russell 2000 has rallied about 25% after such a base."
    c = _perf(text, "2025-11-14", 25.0)
    assert c.period_start is None and c.period_confidence is None


@pytest.mark.usefixtures("claims_nlp")
def test_extraction_a_headline_repeat_is_never_sure_of_another_period() -> None:
    text = (
        "Small caps gain 6.2%\n\nThe Russell 2000 has gained 6.2% so far this year."
        " The Dow Jones Industrial Average rose 1.1%."
    )
    from nlp.extract import extract_claims

    claims = [c for c in extract_claims(text, dt.date(2025, 3, 3)) if c.value == 6.2]
    ytd = (dt.date(2025, 1, 1), dt.date(2025, 3, 3))
    assert ytd in [(c.period_start, c.period_end) for c in claims]
    for c in claims:  # the headline's copy: the body's span, or a guess marked unsure
        assert (c.period_start, c.period_end) == ytd or (c.period_confidence or 0) < 0.6
    dow = _perf(text, "2025-03-03", 1.1)  # "Average" is a name, not history
    assert dow.period_start == dt.date(2025, 3, 3)
