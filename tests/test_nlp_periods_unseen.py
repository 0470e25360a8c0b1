# ruff: noqa: E501  (a table: one row per line reads best)
"""Periods in the phrasings unseen commentary uses, read through the whole extractor.

Each row is a full sentence written for this table (no third-party text), the article's
date, the claim it carries (subject, signed value, unit) and the period the annotation rules
give it (``shared/devset/README.md`` rule 5; conventions in ``nlp/periods.py``):
(text, published, subject, value, unit, first, last, sure). ``first``/``last`` None: the
figure must get no period. ``sure`` is ``period_confidence >= PERIOD_SURE_MIN``; None: not
checked (a bare move given the article's session may be either). A text with a blank line
is a headline over a body that carries no claim of its own.

The families are those the older phrase table (``test_nlp_periods_table.py``) covered
thinly: the last quarter, sessions seen from after the close and from before the open,
weekend pieces, record yardsticks, streaks, "on the week", months near a year's turn, halves
and calendar years, lows and peaks as anchors, trailing spans, index inception, relative
moves, headlines, datelines, "as of" and "through" anchors, and spans between two days.
``demo/gold/phrasebook/phrasebook.txt`` carries the same sentences (families ``pb32``+) so
the devset-style benches score them too.
"""

from __future__ import annotations

import datetime as dt

import pytest

from thesisdesk.settings import PERIOD_SURE_MIN

F = "2025-11-14"  # a Friday, written after the close
SA = "2025-11-15"  # the Saturday after it
SU = "2025-11-16"  # the Sunday after it
MO = "2025-11-17"  # the Monday after it (a pre-market piece)
TU = "2025-11-18"  # a Tuesday
DE = "2025-12-05"  # a Friday early in December
JA = "2026-01-06"  # a Tuesday early in a year
JL = "2025-07-25"  # a Friday in the second half
Y, N = True, False

Row = tuple[str, str, str, float, str, str | None, str | None, bool | None]

ROWS: list[Row] = [
    # --- "the last quarter" is the last calendar quarter; "the past quarter" trails P -------
    ("The Russell 2000 slipped 2.1% in the last quarter, lagging the S&P 500.", JA, "^RUT", -2.1, "pct", "2025-10-01", "2025-12-31", Y),
    ("IWM gained 4.4% last quarter as rate-cut hopes built.", F, "IWM", 4.4, "pct", "2025-07-01", "2025-09-30", Y),
    ("Over the past quarter the S&P 600 has advanced 3.2%.", F, "^SP600", 3.2, "pct", "2025-08-14", "2025-11-14", Y),
    ("Small caps returned 9% in the most recent quarter.", F, "small caps", 9.0, "pct", "2025-07-01", "2025-09-30", Y),
    ("In the quarter just ended, the Russell 2000 rose 12.4%.", "2025-10-03", "^RUT", 12.4, "pct", "2025-07-01", "2025-09-30", Y),
    ("The Russell 2000 fell 2.3% in the prior quarter.", JA, "^RUT", -2.3, "pct", "2025-10-01", "2025-12-31", Y),
    ("The S&P 600 gained 5.6% in the previous quarter.", "2025-08-12", "^SP600", 5.6, "pct", "2025-04-01", "2025-06-30", Y),
    ("Small-cap value stocks lost 1.9% during the latest quarter.", JA, "small caps", -1.9, "pct", "2025-10-01", "2025-12-31", Y),
    # --- today, yesterday, the session: after the close and before the open -------------------
    ("The Russell 2000 rose 1.4% today, led by regional banks.", F, "^RUT", 1.4, "pct", F, F, Y),
    ("Small caps lagged yesterday, with IWM down 0.8%.", TU, "IWM", -0.8, "pct", MO, MO, Y),
    ("IWM slid 1.1% yesterday as banks weighed.", MO, "IWM", -1.1, "pct", F, F, Y),
    ("The S&P 600 slid 0.9% yesterday as yields climbed.", TU, "^SP600", -0.9, "pct", MO, MO, Y),
    ("On the session, the Russell 2000 added 0.6%.", F, "^RUT", 0.6, "pct", F, F, Y),
    ("The S&P 600 finished the session down 0.9%.", TU, "^SP600", -0.9, "pct", TU, TU, Y),
    ("Yesterday's 2.2% drop in the Russell 2000 was its steepest since April.", MO, "^RUT", -2.2, "pct", F, F, Y),
    ("In today's session IWM is up 0.7% at midday.", F, "IWM", 0.7, "pct", F, F, Y),
    ("Small caps gave back 1.5% on the day.", TU, "small caps", -1.5, "pct", TU, TU, Y),
    ("IonQ (IONQ) shares jumped 9% in after-hours trading.", F, "IONQ", 9.0, "pct", F, F, N),
    ("Before the bell on Monday, Russell 2000 futures were 0.4% higher.", MO, "RTY=F", 0.4, "pct", MO, MO, N),
    ("The Russell 2000 ended Friday's session 1.3% higher, and futures are flat this morning.", MO, "^RUT", 1.3, "pct", F, F, Y),
    ("IWM closed 0.5% lower in the prior session.", TU, "IWM", -0.5, "pct", MO, MO, None),
    ("Shares of Kratos (KTOS) rose 6% in Tuesday's session.", F, "KTOS", 6.0, "pct", "2025-11-11", "2025-11-11", Y),
    ("IWM rose 1.5% during Wednesday's trading.", F, "IWM", 1.5, "pct", "2025-11-12", "2025-11-12", Y),
    # --- weekend pieces -------------------------------------------------------------------------
    ("The Russell 2000 jumped 2.3% on Friday.", SU, "^RUT", 2.3, "pct", F, F, Y),
    ("On Friday, IWM closed 1.2% lower.", SA, "IWM", -1.2, "pct", F, F, Y),
    ("Small caps rose 3.1% last week.", MO, "small caps", 3.1, "pct", "2025-11-10", F, Y),
    ("The Russell 2000 gained 1.8% last week.", SU, "^RUT", 1.8, "pct", "2025-11-10", F, Y),
    ("This week the Russell 2000 fell 2.5%.", SA, "^RUT", -2.5, "pct", "2025-11-10", F, Y),
    ("The small-cap index added 1.9% on the week.", SU, "^RUT", 1.9, "pct", "2025-11-10", F, Y),
    ("For the week, IWM is down 3.3%.", SA, "IWM", -3.3, "pct", "2025-11-10", F, Y),
    ("The Russell 2000 climbed 0.9% on Monday.", SU, "^RUT", 0.9, "pct", "2025-11-10", "2025-11-10", Y),
    ("On Thursday the S&P 600 lost 1.7%.", MO, "^SP600", -1.7, "pct", "2025-11-13", "2025-11-13", Y),
    ("The Russell 2000 is down 1.9% over the past two trading days.", SU, "^RUT", -1.9, "pct", "2025-11-13", F, Y),
    ("IWM is down 1.6% over the last two trading days.", SU, "IWM", -1.6, "pct", "2025-11-13", F, Y),
    ("The S&P 600 has lost 2.2% over the last three sessions.", TU, "^SP600", -2.2, "pct", "2025-11-14", TU, Y),
    ("Over the week, the S&P 600 gained 0.7%.", SU, "^SP600", 0.7, "pct", "2025-11-10", F, Y),
    ("Small caps slipped 0.4% this week.", SU, "small caps", -0.4, "pct", "2025-11-10", F, Y),
    # --- a record yardstick dates nothing: the move keeps its own day ----------------------------
    ("The Russell 2000 fell 3.3% on Thursday, its worst day since August 5.", F, "^RUT", -3.3, "pct", "2025-11-13", "2025-11-13", Y),
    ("IWM's 2.9% slide on Tuesday was its steepest one-day drop since April.", F, "IWM", -2.9, "pct", "2025-11-11", "2025-11-11", Y),
    ("Small caps surged 4.1% on Wednesday, the most since Nov. 6, 2024.", F, "small caps", 4.1, "pct", "2025-11-12", "2025-11-12", Y),
    ("The Russell 2000 rallied 2.7%, its best session since early September.", F, "^RUT", 2.7, "pct", F, F, None),
    ("The S&P 600 rose 2.2% on Friday, its largest gain since the November 5 election.", DE, "^SP600", 2.2, "pct", DE, DE, Y),
    ("On Monday IWM lost 2.4%, its worst start to a week since March 2023.", TU, "IWM", -2.4, "pct", MO, MO, Y),
    ("The Russell 2000's 1.8% gain on Thursday was its biggest in a month.", F, "^RUT", 1.8, "pct", "2025-11-13", "2025-11-13", Y),
    # --- streaks and the last few sessions --------------------------------------------------------
    ("The Russell 2000 has fallen 4.6% over five straight losing sessions.", F, "^RUT", -4.6, "pct", "2025-11-10", F, N),
    ("IWM dropped 3.8% during a four-session losing streak.", F, "IWM", -3.8, "pct", "2025-11-11", F, N),
    ("Over the past five trading days the Russell 2000 has lost 2.4%.", TU, "^RUT", -2.4, "pct", "2025-11-12", TU, Y),
    ("IWM is up 3.9% across the last three sessions.", F, "IWM", 3.9, "pct", "2025-11-12", F, Y),
    ("In the past 10 sessions, the S&P 600 has climbed 5.5%.", MO, "^SP600", 5.5, "pct", "2025-11-04", MO, Y),
    ("The small-cap index gained 6% in just four sessions.", F, "^RUT", 6.0, "pct", "2025-11-11", F, Y),
    ("The small-cap index has fallen 2.8% in the past week.", MO, "^RUT", -2.8, "pct", "2025-11-10", MO, Y),
    ("Small caps rose 3% in three straight winning sessions.", F, "small caps", 3.0, "pct", "2025-11-12", F, N),
    ("IWM has dropped 5.1% over seven consecutive sessions.", F, "IWM", -5.1, "pct", "2025-11-06", F, N),
    # --- the week -------------------------------------------------------------------------------
    ("Small caps posted a weekly gain of 2.6%.", F, "small caps", 2.6, "pct", "2025-11-10", F, Y),
    ("The Russell 2000 finished the week up 1.2%.", F, "^RUT", 1.2, "pct", "2025-11-10", F, Y),
    ("The S&P 600 booked a 0.8% weekly decline.", F, "^SP600", -0.8, "pct", "2025-11-10", F, Y),
    ("Week to date, the Russell 2000 has added 1.5%.", TU, "^RUT", 1.5, "pct", MO, TU, Y),
    ("In the week to Nov. 7, the Russell 2000 fell 1%.", F, "^RUT", -1.0, "pct", "2025-11-03", "2025-11-07", Y),
    ("Small caps rose 2.4% in the holiday-shortened week.", "2025-11-28", "small caps", 2.4, "pct", "2025-11-24", "2025-11-28", Y),
    ("IWM gained 1.1% for the week ended Nov. 7.", F, "IWM", 1.1, "pct", "2025-11-03", "2025-11-07", Y),
    ("The Russell 2000 added 1.3% in the first week of November.", F, "^RUT", 1.3, "pct", "2025-11-03", "2025-11-07", Y),
    # --- months, with and without a year, near a year's turn -----------------------------------
    ("The Russell 2000 advanced 4.2% in November.", DE, "^RUT", 4.2, "pct", "2025-11-01", "2025-11-30", Y),
    ("So far in December, IWM is up 1.3%.", DE, "IWM", 1.3, "pct", "2025-12-01", DE, Y),
    ("Month to date, the S&P 600 has lost 2.2%.", F, "^SP600", -2.2, "pct", "2025-11-01", F, Y),
    ("The small-cap index dropped 3.5% in November.", F, "^RUT", -3.5, "pct", "2025-11-01", F, Y),
    ("Small caps rallied 5.4% in December.", JA, "small caps", 5.4, "pct", "2025-12-01", "2025-12-31", Y),
    ("In October the Russell 2000 gained 1.8%.", F, "^RUT", 1.8, "pct", "2025-10-01", "2025-10-31", Y),
    ("IWM lost 2.1% during the month of September.", F, "IWM", -2.1, "pct", "2025-09-01", "2025-09-30", Y),
    ("The Russell 2000 closed out November with a 0.9% gain.", DE, "^RUT", 0.9, "pct", "2025-11-01", "2025-11-30", Y),
    ("IWM has gained 3% this month.", DE, "IWM", 3.0, "pct", "2025-12-01", DE, Y),
    ("The index fell 4% last month, the Russell 2000's worst month since March.", DE, "^RUT", -4.0, "pct", "2025-11-01", "2025-11-30", Y),
    ("In December 2025 small caps fell 0.5%.", JA, "small caps", -0.5, "pct", "2025-12-01", "2025-12-31", Y),
    ("IWM climbed 2% in December.", JA, "IWM", 2.0, "pct", "2025-12-01", "2025-12-31", Y),
    ("Small caps are up 1.4% in January.", JA, "small caps", 1.4, "pct", "2026-01-01", JA, Y),
    ("The Russell 2000 ended October 2.3% higher.", F, "^RUT", 2.3, "pct", "2025-10-01", "2025-10-31", Y),
    ("For the month of August, IWM returned 7.1%.", F, "IWM", 7.1, "pct", "2025-08-01", "2025-08-31", Y),
    ("The S&P 600 slid 1.6% in the month through Nov. 12.", F, "^SP600", -1.6, "pct", "2025-10-12", "2025-11-12", Y),
    # --- halves and calendar years ----------------------------------------------------------------
    ("The Russell 2000 rose 1.2% in the first half.", F, "^RUT", 1.2, "pct", "2025-01-01", "2025-06-30", Y),
    ("In H2 2024 small caps gained 9.8%.", F, "small caps", 9.8, "pct", "2024-07-01", "2024-12-31", Y),
    ("IWM returned 10.5% in the second half of last year.", JL, "IWM", 10.5, "pct", "2024-07-01", "2024-12-31", Y),
    ("The S&P 600 slid 5.6% over the first six months of the year.", JL, "^SP600", -5.6, "pct", "2025-01-01", "2025-06-30", Y),
    ("Small caps are up 14% so far in the second half.", F, "small caps", 14.0, "pct", "2025-07-01", F, Y),
    ("The Russell 2000 fell 3.7% in 1H25.", JL, "^RUT", -3.7, "pct", "2025-01-01", "2025-06-30", Y),
    ("The Russell 2000 returned 11.5% for 2024.", F, "^RUT", 11.5, "pct", "2024-01-01", "2024-12-31", Y),
    ("In calendar 2024, IWM gained 11.4%.", F, "IWM", 11.4, "pct", "2024-01-01", "2024-12-31", Y),
    ("The small-cap index rose 16.9% in calendar year 2023.", F, "^RUT", 16.9, "pct", "2023-01-01", "2023-12-31", Y),
    ("Small caps gained 11% last year.", JA, "small caps", 11.0, "pct", "2025-01-01", "2025-12-31", Y),
    ("The Russell 2000 climbed 15% last year.", "2025-02-10", "^RUT", 15.0, "pct", "2024-01-01", "2024-12-31", Y),
    ("IWM ended 2024 up 11.4%.", F, "IWM", 11.4, "pct", "2024-01-01", "2024-12-31", Y),
    ("For the full year, the Russell 2000 rose 12.8%.", JA, "^RUT", 12.8, "pct", "2025-01-01", "2025-12-31", Y),
    ("In 2025, small caps gained 12%.", JA, "small caps", 12.0, "pct", "2025-01-01", "2025-12-31", Y),
    ("The S&P 600 finished 2023 with a 16% gain.", "2024-01-08", "^SP600", 16.0, "pct", "2023-01-01", "2023-12-31", Y),
    ("The Russell 2000 was up 9% in 2025 through October.", F, "^RUT", 9.0, "pct", "2025-01-01", "2025-10-31", Y),
    ("Small caps finished the year up 12.8%.", JA, "small caps", 12.8, "pct", "2025-01-01", "2025-12-31", Y),
    # --- year-to-date, and spans ending at a month: "through September" -------------------------
    ("Year to date through September, the S&P 600 is up 4%.", F, "^SP600", 4.0, "pct", "2025-01-01", "2025-09-30", Y),
    ("The Russell 2000 gained 10.4% through September.", F, "^RUT", 10.4, "pct", "2025-01-01", "2025-09-30", N),
    ("Year-to-date through Oct. 31, IWM is up 11%.", F, "IWM", 11.0, "pct", "2025-01-01", "2025-10-31", Y),
    ("In the nine months through September, the S&P 600 rose 3%.", F, "^SP600", 3.0, "pct", "2025-01-01", "2025-09-30", Y),
    ("From January through June, small caps lost 1.8%.", F, "small caps", -1.8, "pct", "2025-01-01", "2025-06-30", Y),
    ("Since the start of the year, IWM has gained 9.1%.", F, "IWM", 9.1, "pct", "2025-01-01", F, Y),
    ("Small caps have gained 6% since the beginning of 2025.", F, "small caps", 6.0, "pct", "2025-01-01", F, Y),
    ("IWM is up 22% since the start of 2024.", F, "IWM", 22.0, "pct", "2024-01-01", F, Y),
    ("The Russell 2000 is up 5% quarter to date.", F, "^RUT", 5.0, "pct", "2025-10-01", F, Y),
    ("In the fourth quarter so far, IWM has slipped 1%.", F, "IWM", -1.0, "pct", "2025-10-01", F, Y),
    ("The S&P 600 has returned 2% so far this year.", "2026-01-02", "^SP600", 2.0, "pct", "2026-01-01", "2026-01-02", Y),
    # --- "as of": the anchor ends the span ------------------------------------------------------
    ("As of Nov. 30, the Russell 2000 was up 12% for the year.", DE, "^RUT", 12.0, "pct", "2025-01-01", "2025-11-30", Y),
    ("The fund's benchmark, IWM, has returned 8.4% year to date as of Oct. 31.", F, "IWM", 8.4, "pct", "2025-01-01", "2025-10-31", Y),
    ("IWM is up 5% over the past three months (as of Sept. 30, 2025).", F, "IWM", 5.0, "pct", "2025-06-30", "2025-09-30", Y),
    ("As of the close on Nov. 7, small caps were up 3% this month.", F, "small caps", 3.0, "pct", "2025-11-01", "2025-11-07", Y),
    # --- lows, peaks and other events as anchors ---------------------------------------------------
    ("The Russell 2000 has rallied 38% since its April low.", F, "^RUT", 38.0, "pct", "2025-04-08", F, Y),
    ("IWM is up 35% from the April 8 low.", F, "IWM", 35.0, "pct", "2025-04-08", F, Y),
    ("Small caps have climbed 41% off the April 8 bottom.", F, "small caps", 41.0, "pct", "2025-04-08", F, Y),
    ("Since bottoming on April 8, the Russell 2000 has gained 40%.", F, "^RUT", 40.0, "pct", "2025-04-08", F, Y),
    ("IWM has risen 25% since its April 2025 low.", JA, "IWM", 25.0, "pct", "2025-04-08", JA, Y),
    ("The Russell 2000 has gained just 2% since the 2021 peak.", "2024-12-02", "^RUT", 2.0, "pct", "2021-11-08", "2024-12-02", Y),
    ("Small caps are down 5% since their November 2021 high.", "2024-01-11", "small caps", -5.0, "pct", "2021-11-08", "2024-01-11", Y),
    ("IWM has returned 3% since its record close in November 2021.", "2024-06-14", "IWM", 3.0, "pct", "2021-11-08", "2024-06-14", Y),
    ("Since the Nov. 5 election, the Russell 2000 has climbed 7%.", "2024-11-26", "^RUT", 7.0, "pct", "2024-11-05", "2024-11-26", Y),
    ("IWM is up 4% since the November 5 election.", "2025-01-10", "IWM", 4.0, "pct", "2024-11-05", "2025-01-10", Y),
    ("Small caps have rallied 6.5% since the Nov. 5 election.", "2024-11-12", "small caps", 6.5, "pct", "2024-11-05", "2024-11-12", Y),
    ("Since the Fed's Sept. 17 cut, IWM has gained 6%.", F, "IWM", 6.0, "pct", "2025-09-17", F, Y),
    # a Fed meeting named by its month is dated by the FOMC calendar (nlp.fomc): its decision day
    ("The Russell 2000 is up 3% since the Fed's December meeting.", JA, "^RUT", 3.0, "pct", "2025-12-10", "2026-01-06", Y),
    ("IonQ (IONQ) has tumbled 25% since last Friday.", TU, "IONQ", -25.0, "pct", F, TU, Y),
    ("The S&P 600 is down 3% since Monday's open.", TU, "^SP600", -3.0, "pct", MO, TU, Y),
    ("Small caps have climbed 12% since mid-October.", F, "small caps", 12.0, "pct", "2025-10-15", F, N),
    ("The Russell 2000 has gained 5% since late September.", F, "^RUT", 5.0, "pct", "2025-09-20", F, N),
    ("Since Dec. 19, the S&P 600 has gained 4%.", JA, "^SP600", 4.0, "pct", "2025-12-19", JA, Y),
    # --- from a high: a distance, not a span --------------------------------------------------------
    ("IWM trades 9% below its 52-week high.", F, "IWM", -9.0, "pct", None, None, N),
    ("The Russell 2000 is 4% off its all-time high.", F, "^RUT", -4.0, "pct", None, None, N),
    ("IonQ (IONQ) sits 30% beneath its record high.", F, "IONQ", -30.0, "pct", None, None, N),
    ("Kratos (KTOS) is 18% off its 52-week high after Thursday's selloff.", F, "KTOS", -18.0, "pct", None, None, N),
    # --- trailing years, a decade, an index's inception -----------------------------------------
    ("Over the past year, IWM has gained 14%.", F, "IWM", 14.0, "pct", "2024-11-14", F, Y),
    ("The Russell 2000 is up 11% over 12 months.", F, "^RUT", 11.0, "pct", "2024-11-14", F, Y),
    ("On a trailing twelve-month basis, the S&P 600 has returned 7.5%.", F, "^SP600", 7.5, "pct", "2024-11-14", F, Y),
    ("In the last 12 months, IonQ (IONQ) has soared 210%.", F, "IONQ", 210.0, "pct", "2024-11-14", F, Y),
    ("Small caps have returned 8% over the past 52 weeks.", F, "small caps", 8.0, "pct", "2024-11-15", F, Y),
    ("IWM has a one-year return of 12.3%.", F, "IWM", 12.3, "pct", "2024-11-14", F, Y),
    ("The Russell 2000 has returned 95% over the past decade.", F, "^RUT", 95.0, "pct", "2015-11-14", F, Y),
    ("In the last ten years, IWM gained 80%.", F, "IWM", 80.0, "pct", "2015-11-14", F, Y),
    ("Over the past two years, the Russell 2000 has gained 25%.", F, "^RUT", 25.0, "pct", "2023-11-14", F, Y),
    ("Over three months, the Russell 2000 is up 7.7%.", F, "^RUT", 7.7, "pct", "2025-08-14", F, Y),
    ("The small-cap benchmark has risen 18% in the last six months.", F, "^RUT", 18.0, "pct", "2025-05-14", F, Y),
    ("Over the past 30 days, IWM has risen 5%.", F, "IWM", 5.0, "pct", "2025-10-15", F, Y),
    ("The S&P 600 returned 4.5% in the three months to October.", F, "^SP600", 4.5, "pct", "2025-08-01", "2025-10-31", Y),
    ("The Russell 2000 gained 12% in the 12 months ended Sept. 30.", F, "^RUT", 12.0, "pct", "2024-09-30", "2025-09-30", Y),
    ("Since its 1979 inception, the Russell 2000 has gained more than 3,000%.", F, "^RUT", 3000.0, "pct", "1979-01-01", F, Y),
    ("The Russell 2000 has risen 12% since 2021.", F, "^RUT", 12.0, "pct", "2021-01-01", F, Y),
    # --- relative moves keep the span they name ------------------------------------------------------
    ("The Russell 2000 outperformed the S&P 500 by 10 percentage points in July.", F, "^RUT", 10.0, "pct", "2025-07-01", "2025-07-31", Y),
    ("IWM trailed SPY by 3.5 percentage points last week.", MO, "IWM", -3.5, "pct", "2025-11-10", F, Y),
    ("Year to date, the S&P 600 lags the S&P 500 by 12 percentage points.", F, "^SP600", -12.0, "pct", "2025-01-01", F, Y),
    ("The Russell 2000 beat the Nasdaq 100 by 4 percentage points in the third quarter.", F, "^RUT", 4.0, "pct", "2025-07-01", "2025-09-30", Y),
    ("Over the past decade, small caps have lagged the S&P 500 by 150 percentage points.", F, "small caps", -150.0, "pct", "2015-11-14", F, Y),
    # --- quarters ----------------------------------------------------------------------------------
    ("Small caps gained 8.5% in Q3.", F, "small caps", 8.5, "pct", "2025-07-01", "2025-09-30", Y),
    ("The Russell 2000 lost 9.6% in the first quarter of 2025.", F, "^RUT", -9.6, "pct", "2025-01-01", "2025-03-31", Y),
    ("IWM rose 4% in the fourth quarter.", JA, "IWM", 4.0, "pct", "2025-10-01", "2025-12-31", Y),
    # --- headlines (a month or day in a headline is this year's) -----------------------------------
    ("Russell 2000 Slides 2% On Dec. 3 As Banks Sink\n\nTraders watched bond yields.", DE, "^RUT", -2.0, "pct", "2025-12-03", "2025-12-03", Y),
    ("Small Caps Jump 3% In November Rally\n\nTraders watched bond yields.", DE, "small caps", 3.0, "pct", "2025-11-01", "2025-11-30", Y),
    ("Russell 2000 Gains 5% in January\n\nTraders watched bond yields.", "2026-01-30", "^RUT", 5.0, "pct", "2026-01-01", "2026-01-30", Y),
    ("IWM Falls 1.5% Friday\n\nTraders watched bond yields.", SA, "IWM", -1.5, "pct", F, F, Y),
    ("Small Caps Rise 4% This Week On Rate-Cut Bets\n\nTraders watched bond yields.", F, "small caps", 4.0, "pct", "2025-11-10", F, Y),
    ("Russell 2000 Up 11% In 2025\n\nTraders watched bond yields.", JA, "^RUT", 11.0, "pct", "2025-01-01", "2025-12-31", Y),
    # --- datelines: the wire's day is the reference ------------------------------------------------
    ("NEW YORK, Dec 3 (Reuters) - The Russell 2000 fell 1.2% on Wednesday as banks slid.", DE, "^RUT", -1.2, "pct", "2025-12-03", "2025-12-03", Y),
    ("NEW YORK, Nov 12 (Reuters) - Small-cap stocks rose 0.8% on the day.", F, "small caps", 0.8, "pct", "2025-11-12", "2025-11-12", Y),
    ("CHICAGO, Jan. 2 (Reuters) - The S&P 600 has gained 1.1% so far this year.", JA, "^SP600", 1.1, "pct", "2026-01-01", "2026-01-02", Y),
    ("LONDON, Dec 31 (Reuters) - IWM gained 11% in 2025.", JA, "IWM", 11.0, "pct", "2025-01-01", "2025-12-31", Y),
    ("NEW YORK, Nov. 10 (AP) - The Russell 2000 jumped 2.1% today.", F, "^RUT", 2.1, "pct", "2025-11-10", "2025-11-10", Y),
    # --- from X to Y, between X and Y: the sessions of the change ------------------------------------
    ("From Nov. 3 to Nov. 12, the Russell 2000 climbed 4%.", F, "^RUT", 4.0, "pct", "2025-11-04", "2025-11-12", Y),
    ("Between Oct. 10 and Oct. 24, IWM gained 6.2%.", F, "IWM", 6.2, "pct", "2025-10-13", "2025-10-24", Y),
    ("The Russell 2000 rose 9% from April 8 to May 13.", F, "^RUT", 9.0, "pct", "2025-04-09", "2025-05-13", Y),
    ("From Dec. 20, 2024 through Jan. 10, 2025, IWM dropped 3%.", F, "IWM", -3.0, "pct", "2024-12-23", "2025-01-10", Y),
    ("The Russell 2000 rose 3.5% from Friday's close to Tuesday's.", TU, "^RUT", 3.5, "pct", MO, TU, Y),
    ("The Russell 2000 lost 3% between Dec. 15 and Jan. 2.", JA, "^RUT", -3.0, "pct", "2025-12-16", "2026-01-02", Y),
    ("Between March and May, small caps rallied 11%.", F, "small caps", 11.0, "pct", "2025-03-01", "2025-05-31", Y),
    # --- days near a year's turn, with and without the year -----------------------------------------
    ("On Dec. 31 the Russell 2000 slipped 0.8%.", JA, "^RUT", -0.8, "pct", "2025-12-31", "2025-12-31", Y),
    ("The index rose 1.1% on Dec. 30, the Russell 2000's last gain of the year.", JA, "^RUT", 1.1, "pct", "2025-12-30", "2025-12-30", Y),
    ("IWM fell 2% on Jan. 2.", JA, "IWM", -2.0, "pct", "2026-01-02", "2026-01-02", Y),
    ("The Russell 2000 jumped 1.6% on Jan. 3, 2025.", JA, "^RUT", 1.6, "pct", "2025-01-03", "2025-01-03", Y),
    ("On Nov. 28 small caps added 0.9%.", DE, "small caps", 0.9, "pct", "2025-11-28", "2025-11-28", Y),
    # --- a comparison base "ago", parts of quarters, halves and years --------------------------------
    ("IWM is up 20% from a year ago.", F, "IWM", 20.0, "pct", "2024-11-14", F, Y),
    ("The Russell 2000 is 5% higher than two weeks ago.", F, "^RUT", 5.0, "pct", "2025-10-31", F, Y),
    ("Since the start of the fourth quarter, IWM has gained 3.3%.", F, "IWM", 3.3, "pct", "2025-10-01", F, Y),
    ("The S&P 600 has risen 2.7% since the end of the third quarter.", F, "^SP600", 2.7, "pct", "2025-10-01", F, Y),
    ("The Russell 2000 has gained 14% since the end of Q2 2024.", F, "^RUT", 14.0, "pct", "2024-07-01", F, Y),
    ("Small caps have climbed 21% since late last year.", F, "small caps", 21.0, "pct", "2024-10-01", F, Y),
    ("IWM has returned 16% since the start of last year.", F, "IWM", 16.0, "pct", "2024-01-01", F, Y),
    ("Since the end of last year, the Russell 2000 has added 9.5%.", F, "^RUT", 9.5, "pct", "2025-01-01", F, Y),
    ("The Russell 2000 rose 2.5% in the first two weeks of October.", F, "^RUT", 2.5, "pct", "2025-10-01", "2025-10-10", Y),
    ("IWM slipped 1.4% in the last two weeks of October.", F, "IWM", -1.4, "pct", "2025-10-20", "2025-10-31", Y),
    ("The S&P 600 lost 4.4% in the back half of last year.", F, "^SP600", -4.4, "pct", "2024-07-01", "2024-12-31", Y),
    ("In the fourth quarter of last year, IWM gained 0.3%.", F, "IWM", 0.3, "pct", "2024-10-01", "2024-12-31", Y),
    ("Over the past five trading sessions, the S&P 600 has slid 2.6%.", F, "^SP600", -2.6, "pct", "2025-11-10", F, Y),
    ("Since the close on Friday, the Russell 2000 has added 1.6%.", TU, "^RUT", 1.6, "pct", F, TU, Y),
    ("IWM rose 2.1% last Friday.", F, "IWM", 2.1, "pct", "2025-11-07", "2025-11-07", Y),
    ("IWM rose 1.7% on Friday, Nov. 7.", F, "IWM", 1.7, "pct", "2025-11-07", "2025-11-07", Y),
    ("The Russell 2000 fell 0.6% on Thursday, November 6.", F, "^RUT", -0.6, "pct", "2025-11-06", "2025-11-06", Y),
    # --- the nearest period in the figure's own clause -----------------------------------------------
    ("The Russell 2000 rose 2% on Monday, and IWM has gained 9% this year.", F, "^RUT", 2.0, "pct", "2025-11-10", "2025-11-10", Y),
    ("The Russell 2000 rose 2% on Monday, and IWM has gained 9% this year.", F, "IWM", 9.0, "pct", "2025-01-01", F, Y),
    ("Small caps lost 1.2% on Friday after gaining 14% in the past six months.", F, "small caps", -1.2, "pct", F, F, Y),
    ("Small caps lost 1.2% on Friday after gaining 14% in the past six months.", F, "small caps", 14.0, "pct", "2025-05-14", F, Y),
    ("IWM is up 6% this month, while in October it fell 2%.", F, "IWM", 6.0, "pct", "2025-11-01", F, Y),
    ("IWM is up 6% this month, while in October it fell 2%.", F, "IWM", -2.0, "pct", "2025-10-01", "2025-10-31", Y),
    # --- a clause telling why or when something else happened dates that, not the move ---------------
    ("NEW YORK, Nov 18 - The Russell 2000 shed 1.4% to 2,401.77 after touching a record intraday high on Monday.", TU, "^RUT", -1.4, "pct", TU, TU, None),
    ("Viking Therapeutics (VKTX) rallied 7.5% following its third-quarter report.", TU, "VKTX", 7.5, "pct", TU, TU, None),
    ("Oklo (OKLO) sank 6% after reporting second-quarter results.", "2025-08-12", "OKLO", -6.0, "pct", "2025-08-12", "2025-08-12", None),
    ("IonQ (IONQ) jumped 11% on Thursday after posting its best quarter in October.", F, "IONQ", 11.0, "pct", "2025-11-13", "2025-11-13", Y),
    ("IWM has gained 9% since midyear.", F, "IWM", 9.0, "pct", "2025-07-01", F, N),
    ("Small caps are up 14% since the middle of the year.", F, "small caps", 14.0, "pct", "2025-07-01", F, N),
    ("From its April low of 1,732.99, the Russell 2000 has rallied 46%.", F, "^RUT", 46.0, "pct", "2025-04-08", F, Y),
    ("Since Nov. 5, when it closed at 2,210, IWM has gained 9%.", F, "IWM", 9.0, "pct", "2025-11-05", F, Y),
    # --- the Fed's first cut, named with its cycle or as when it started cutting ----------------------
    ("Since the Fed's first cut of this cycle in September 2024, the Russell 2000 has gained 18%.", DE, "^RUT", 18.0, "pct", "2024-09-18", DE, None),
    ("IWM has gained 11% since the Fed started cutting in September 2024.", DE, "IWM", 11.0, "pct", "2024-09-18", DE, None),
    ("The S&P 600 is up 9% since the first cut of the easing cycle.", DE, "^SP600", 9.0, "pct", "2025-09-17", DE, N),
    # --- "the month" is the month the text just named --------------------------------------------------
    ("August was the turning point: the Russell 2000 finished the month up 7%.", "2025-10-03", "^RUT", 7.0, "pct", "2025-08-01", "2025-08-31", None),
    ("After its slide on Sept. 4, IWM finished the month 3% higher.", F, "IWM", 3.0, "pct", "2025-09-01", "2025-09-30", None),
    ("IWM rose 1% on Nov. 3 and finished the month up 4%.", "2025-12-02", "IWM", 4.0, "pct", "2025-11-01", "2025-11-30", None),
    # --- spans found on fresh texts of our own (periods: pb155-pb159 carry the articles) --------------
    ("October was choppy. By the end of the month the Russell 2000 had gained 1.7%.", "2025-10-31", "^RUT", 1.7, "pct", "2025-10-01", "2025-10-31", Y),
    ("September was the low point; by the end of the month IWM had lost 2.2%.", F, "IWM", -2.2, "pct", "2025-09-01", "2025-09-30", None),
    ("From its April 8 close to Friday, the Russell 2000 rose 6%.", "2025-10-31", "^RUT", 6.0, "pct", "2025-04-09", "2025-10-31", Y),
    ("In the quarter ended September, the S&P 600 returned 9.1%.", "2025-10-08", "^SP600", 9.1, "pct", "2025-07-01", "2025-09-30", Y),
    ("The Russell 2000 fell 2.2% in the first two sessions of the week.", F, "^RUT", -2.2, "pct", "2025-11-10", "2025-11-11", Y),
    ("IWM has climbed 30% since its March low.", F, "IWM", 30.0, "pct", "2025-03-01", F, N),
    ("Overnight, Russell 2000 futures rose 0.5%.", F, "RTY=F", 0.5, "pct", F, F, N),
    # --- a period opening the next clause dates that clause; one in the figure's own clause wins ------
    ("For the month of September the S&P 600 gained 3.0%, and for the quarter it rose 9.2%.", "2025-09-30", "^SP600", 3.0, "pct", "2025-09-01", "2025-09-30", Y),
    ("For the month of September the S&P 600 gained 3.0%, and for the quarter it rose 9.2%.", "2025-09-30", "^SP600", 9.2, "pct", "2025-07-01", "2025-09-30", Y),
    ("IWM is down 3.0% for the month of November, after gaining 1.7% in October.", SA, "IWM", -3.0, "pct", "2025-11-01", SA, Y),
    ("IWM is down 3.0% for the month of November, after gaining 1.7% in October.", SA, "IWM", 1.7, "pct", "2025-10-01", "2025-10-31", Y),
    # --- a headline month that says when an event is due is no recap span -----------------------------
    ("Small caps slip as traders pare bets on a January rate cut\n\nThe Russell 2000 lost 1.3%.", DE, "^RUT", -1.3, "pct", DE, DE, None),
    ("Stocks wait on the November jobs report\n\nIWM added 0.5%.", DE, "IWM", 0.5, "pct", DE, DE, None),
    ("Small Caps Sag Ahead of the December Meeting\n\nThe S&P 600 lost 0.7%.", DE, "^SP600", -0.7, "pct", DE, DE, None),
    # --- a month that names a past low or a meeting is no month "for the month" can mean ----------------
    ("Bears eye the October lows near 2,310. For the month, the Russell 2000 is down 1.8%.", DE, "^RUT", -1.8, "pct", "2025-12-01", DE, None),
    ("All eyes are on the September meeting. For the month, IWM has added 2.2%.", "2025-08-22", "IWM", 2.2, "pct", "2025-08-01", "2025-08-22", None),
    ("In October the S&P 600 slipped 1.1%. For the month, breadth was poor and IWM lost 1.4%.", "2025-11-03", "IWM", -1.4, "pct", "2025-10-01", "2025-10-31", None),
    # --- a past extreme dated after its noun dates that extreme, not the session's move ---------------------
    ("IWM climbed 1.7% to $249.10, just shy of the record close it set in mid-November.", DE, "IWM", 1.7, "pct", DE, DE, None),
    ("The S&P 600 gained 0.9% on the day but is still under the peak it reached in September.", DE, "^SP600", 0.9, "pct", DE, DE, None),
    ("The Russell 2000 added 1.3% to a level last seen in July.", DE, "^RUT", 1.3, "pct", DE, DE, None),
    # --- a quarter or half named by its ordinal alone, after one named in full ------------------------------
    ("The S&P 600 slid 6.1% in the first quarter, then rose 5.2% in the second quarter and 9.9% in the third.", DE, "^SP600", 9.9, "pct", "2025-07-01", "2025-09-30", Y),
    ("IWM lost 2% in the first half of 2024 and gained 13% in the second.", DE, "IWM", 13.0, "pct", "2024-07-01", "2024-12-31", Y),
    # --- "has since", "since then": from the day the sentence named to the reference date ------------------
    ("IWM peaked at $252 on Nov. 12 and has since shed 4.4%.", DE, "IWM", -4.4, "pct", "2025-11-12", DE, Y),
    ("The S&P 600 bottomed on Oct. 10; since then it has climbed 7%.", DE, "^SP600", 7.0, "pct", "2025-10-10", DE, Y),
    # --- "in a week", "in a single month" after a move: the span just ended -------------------------------
    ("Small caps soar as the S&P 600 jumps 4.1% in a week", DE, "^SP600", 4.1, "pct", "2025-11-28", DE, Y),
    ("IWM added 8% in a single month.", DE, "IWM", 8.0, "pct", "2025-11-05", DE, Y),
    # --- a futures contract's delivery month names the contract, not the span of its move ----------------
    ("E-mini Russell 2000 futures for March slipped 0.4% on Friday.", F, "RTY=F", -0.4, "pct", F, F, None),
    ("The December Russell 2000 futures contract rose 0.5% on Friday.", F, "RTY=F", 0.5, "pct", F, F, None),
]


def _claim(text: str, pub: str, subject: str, value: float, unit: str):  # type: ignore[no-untyped-def]
    from nlp.extract import extract_claims

    claims = extract_claims(text, dt.date.fromisoformat(pub))
    units = {unit, "pp"} if unit == "pct" else {unit}  # a spread may come out in pp
    got = [c for c in claims if c.value == value and c.unit in units]
    got = [c for c in got if c.subject == subject] or got
    assert got, [(c.kind, c.subject, c.value, c.unit) for c in claims]
    return got[0]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "pub", "subject", "value", "unit", "first", "last", "sure"),
    ROWS,
    ids=[f"{i:03d}" for i in range(len(ROWS))],
)
def test_unseen_period_phrasings(
    text: str,
    pub: str,
    subject: str,
    value: float,
    unit: str,
    first: str | None,
    last: str | None,
    sure: bool | None,
) -> None:
    c = _claim(text, pub, subject, value, unit)
    got = (
        c.period_start.isoformat() if c.period_start else None,
        c.period_end.isoformat() if c.period_end else None,
    )
    assert got == (first, last), (text, c.period_confidence)
    if sure is not None and first is not None:
        assert ((c.period_confidence or 0.0) >= PERIOD_SURE_MIN) == sure, (
            text,
            c.period_confidence,
        )


def test_table_size_and_distinct_rows() -> None:
    assert len(ROWS) >= 150
    assert len({(r[0], r[1], r[3]) for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize(
    ("phrase", "pub", "first"),
    [
        ("since the Nov. 5 election", "2024-11-20", "2024-11-05"),
        ("since the Nov. 5 election", "2025-11-05", "2024-11-05"),
        ("since the Nov. 5 election", "2025-11-20", "2024-11-05"),
        ("since the November 3 election", "2021-02-01", "2020-11-03"),
        ("since Nov. 5", "2025-11-05", "2024-11-05"),
        ("since Nov. 5", "2025-11-20", "2025-11-05"),
    ],
)
def test_since_a_dated_election_is_the_election(phrase: str, pub: str, first: str) -> None:
    from nlp.periods import resolve

    got = resolve(phrase, dt.date.fromisoformat(pub))
    assert got is not None and got.first == dt.date.fromisoformat(first), got


def test_an_expiry_day_is_no_period() -> None:
    import datetime as _dt

    from nlp.periods import find_periods as _find

    day = _dt.date(2025, 11, 13)
    assert _find("the $40 puts expiring Friday traded 9,000 times", day) == []
    assert _find("the calls that expire on Friday were busy", day) == []
    assert _find("the stock rose 3% on Friday", day) != []


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        # the year so far, ended by a later "through <weekday/date>" in the same clause
        ("This year the small-cap index is up 6.1% through Thursday.", "2025-01-01", "2025-11-13"),
        ("IWM has returned 9% this year through Wednesday.", "2025-01-01", "2025-11-12"),
        ("So far this year the S&P 600 has gained 4.4% through Nov. 10.", "2025-01-01", "2025-11-10"),
        # "the year through Thursday" is still a trailing year
        ("The fund rose 12% in the year through Thursday.", "2024-11-13", "2025-11-13"),
    ],
)
def test_this_year_through_a_day_ends_on_that_day(text: str, first: str, last: str) -> None:
    from nlp.periods import find_periods as _find

    got = [(s.first, s.last) for s in _find(text, dt.date(2025, 11, 14))]
    assert (dt.date.fromisoformat(first), dt.date.fromisoformat(last)) in got, got
