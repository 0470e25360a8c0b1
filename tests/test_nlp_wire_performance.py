# ruff: noqa: E501  (a table: one row per line reads best)
"""Performance in wires, ETF-issuer blogs, newsletters and market recaps, read through the
whole extractor (issue #11; phrasebook families ``pb210``-``pb214`` score the same phrasings).

Each row is a sentence written for this table (no third-party text), the article's date and
the performance claim it must carry: (subject, signed value, role, benchmark, first, last).
The annotation conventions are ``shared/devset/README.md`` rule 5: a relative move names the
outperformer and its benchmark, its spread in percentage points (600 bp is 6); a streak
counts its sessions, weeks or months and runs over them (market holidays are no sessions);
a record's yardstick ("its worst month since March") is no period of its own.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.periods import market_closed

Row = tuple[str, str, str, float, str | None, str | None, str | None, str | None]

ROWS: list[Row] = [
    # --- streaks: an ordinal, a move noun and "in a row"; runs ended; runs of outperformance
    (
        "The Russell 2000 rose 0.9%, its fourth weekly gain in a row.",
        "2025-12-12",
        "^RUT",
        4,
        "streak",
        None,
        "2025-11-17",
        "2025-12-12",
    ),
    (
        "The S&P 600 added 0.4% on Tuesday, a sixth advance in a row.",
        "2025-12-09",
        "^SP600",
        6,
        "streak",
        None,
        "2025-12-02",
        "2025-12-09",
    ),
    (
        "IWM gained 1.1%, breaking a string of four straight weekly losses.",
        "2025-11-21",
        "IWM",
        4,
        "streak",
        None,
        "2025-10-20",
        "2025-11-14",
    ),
    (
        "Small caps have outperformed large caps five sessions in a row.",
        "2025-12-05",
        "small caps",
        5,
        "streak",
        "large caps",
        "2025-12-01",
        "2025-12-05",
    ),
    # seven sessions back from Friday Dec. 5, 2025 skip Thanksgiving (Nov. 27)
    (
        "The Russell 2000 has now climbed for seven straight sessions.",
        "2025-12-05",
        "^RUT",
        7,
        "streak",
        None,
        "2025-11-26",
        "2025-12-05",
    ),
    # winning and losing runs: "three straight losing sessions", "four consecutive winning weeks"
    (
        "The S&P 500 has suffered three straight losing sessions.",
        "2025-11-21",
        "^GSPC",
        3,
        "streak",
        None,
        "2025-11-19",
        "2025-11-21",
    ),
    (
        "IWM has strung together four consecutive winning weeks.",
        "2025-11-21",
        "IWM",
        4,
        "streak",
        None,
        "2025-10-27",
        "2025-11-21",
    ),
    # --- relative moves: spreads in bp are percentage points; "N points ahead of / behind"
    (
        "So far this year the S&P 600 has trailed the S&P 500 by 750 basis points.",
        "2025-11-21",
        "^SP600",
        -7.5,
        "relative",
        "^GSPC",
        "2025-01-01",
        "2025-11-21",
    ),
    (
        "Micro caps beat the Russell 1000 by 120 bp in October.",
        "2025-10-31",
        "micro caps",
        1.2,
        "relative",
        "^RUI",
        "2025-10-01",
        "2025-10-31",
    ),
    (
        "The Russell 2000 Growth index returned 5.2% in October, 2.1 points ahead of the Russell 2000 Value index.",
        "2025-10-31",
        "^RUO",
        2.1,
        "relative",
        "^RUJ",
        "2025-10-01",
        "2025-10-31",
    ),
    (
        "The S&P 600 gained 3.3% in the third quarter, 1.8 percentage points behind the Russell 2000.",
        "2025-10-31",
        "^SP600",
        -1.8,
        "relative",
        "^RUT",
        "2025-07-01",
        "2025-09-30",
    ),
    # one size group against another stays a group, even in an article that names the Russell
    (
        "The Russell 2000 fell 1.1% on Friday. Small caps trailed large caps by 2.4 percentage points in November.",
        "2025-11-28",
        "small caps",
        -2.4,
        "relative",
        "large caps",
        "2025-11-01",
        "2025-11-28",
    ),
    # "leads ... by", "ahead by": a lead is a relative move too (not "gains led by tech")
    (
        "Year to date, the S&P 500 leads the Russell 2000 by 3.7 percentage points.",
        "2025-12-19",
        "^GSPC",
        3.7,
        "relative",
        "^RUT",
        "2025-01-01",
        "2025-12-19",
    ),
    (
        "The Russell 2000 led the S&P 500 by 2 points in November.",
        "2025-11-28",
        "^RUT",
        2,
        "relative",
        "^GSPC",
        "2025-11-01",
        "2025-11-28",
    ),
    # a run the move ended is no period of the move: the week the sentence names is
    (
        "Small caps slipped this week, with the Russell 2000 down 0.9% and snapping a three-week winning streak.",
        "2025-12-19",
        "^RUT",
        -0.9,
        None,
        None,
        "2025-12-15",
        "2025-12-19",
    ),
    # the first sessions of a year skip New Year's Day
    (
        "The Russell 2000 rose 4.6% in the first six sessions of 2026.",
        "2026-01-09",
        "^RUT",
        4.6,
        None,
        None,
        "2026-01-02",
        "2026-01-09",
    ),
    (
        "The S&P 600 added 3% in the first three trading days of the year.",
        "2026-01-09",
        "^SP600",
        3,
        None,
        None,
        "2026-01-02",
        "2026-01-06",
    ),
    # "N percentage points less than X": a spread below the benchmark
    (
        "Over the past year the S&P 600 returned 4%, 9 percentage points less than the S&P 500.",
        "2025-10-08",
        "^SP600",
        -9,
        "relative",
        None,
        "2024-10-08",
        "2025-10-08",
    ),
    # "trailing" as an adjective is a span, not a relative verb: the subject and sign stay
    (
        "Over the trailing twelve months, small caps returned 10.8%, roughly 6.8 percentage points less than large caps.",
        "2025-10-08",
        "small caps",
        -6.8,
        "relative",
        "large caps",
        "2024-10-08",
        "2025-10-08",
    ),
    (
        "Over the trailing 12 months, IWM has risen 8%.",
        "2025-10-08",
        "IWM",
        8,
        None,
        None,
        "2024-10-08",
        "2025-10-08",
    ),
    # "halved": a fall of half, from a peak when the sentence says so
    (
        "Shares of Plug Power (PLUG) have halved since March.",
        "2025-12-05",
        "PLUG",
        -50,
        None,
        None,
        "2025-03-01",
        "2025-12-05",
    ),
    (
        "Bitcoin has roughly halved from its October peak.",
        "2025-12-05",
        "BTC-USD",
        -50,
        "from_high",
        None,
        "2025-10-01",
        "2025-12-05",
    ),
    # a quarterly review written in a quarter's first days: "the quarter" is the one just ended
    (
        "Micro caps did better still in the quarter, with a 16.6% gain.",
        "2025-10-08",
        "micro caps",
        16.6,
        None,
        None,
        "2025-07-01",
        "2025-09-30",
    ),
    # a wire's Reuters-style exchange code after the ticker
    (
        "Lumen Technologies (LUMN.N) rose 9 per cent and Opendoor (OPEN.OQ) added 7.5 per cent.",
        "2025-11-21",
        "OPEN",
        7.5,
        None,
        None,
        "2025-11-21",
        "2025-11-21",
    ),
    (
        "Lumen Technologies (LUMN.N) rose 9 per cent and Opendoor (OPEN.OQ) added 7.5 per cent.",
        "2025-11-21",
        "LUMN",
        9,
        None,
        None,
        "2025-11-21",
        "2025-11-21",
    ),
    # --- a record's yardstick: the grain it names dates the move; its "since" is no period
    (
        "The biotech fund XBI slid 5.6%, its worst month since April.",
        "2025-11-28",
        "XBI",
        -5.6,
        None,
        None,
        "2025-11-01",
        "2025-11-28",
    ),
    (
        "IWM added 3.9%, its biggest weekly gain since early September.",
        "2025-11-28",
        "IWM",
        3.9,
        None,
        None,
        "2025-11-24",
        "2025-11-28",
    ),
    (
        "In the third quarter IWM returned 12.1% against 8.0% for SPY, the widest gap in its favor since late 2020.",
        "2025-10-31",
        "SPY",
        8.0,
        None,
        None,
        "2025-07-01",
        "2025-09-30",
    ),
    # a yardstick's day with no year is the latest such day: the figure after "when" is its
    (
        "IWM jumped 4.1% on Tuesday, its best day since March 3, when it rose 4.4%.",
        "2025-11-18",
        "IWM",
        4.4,
        None,
        None,
        "2025-03-03",
        "2025-03-03",
    ),
    (
        "Small caps beat the S&P 500 by 2.2 percentage points, the most since Oct. 9, when they outpaced it by 2.5 points.",
        "2025-11-18",
        "small caps",
        2.5,
        "relative",
        None,
        "2025-10-09",
        "2025-10-09",
    ),
    # --- a Friday's weekly letter that names Thursday in its lede is still Friday's
    (
        "On Thursday the Russell 2000 hit its low for the month. By Friday's close IWM had finished the week up 1.4% and it is up 9% this year.",
        "2025-11-21",
        "IWM",
        9,
        None,
        None,
        "2025-01-01",
        "2025-11-21",
    ),
    # --- a numbers box: the figure first, the move it measures after it
    (
        "4. 9.6%: the S&P 600's total return in the third quarter.",
        "2025-10-31",
        "^SP600",
        9.6,
        None,
        None,
        "2025-07-01",
        "2025-09-30",
    ),
]


def _claims(text: str, pub: str):  # type: ignore[no-untyped-def]
    from nlp.extract import extract_claims

    return [c for c in extract_claims(text, dt.date.fromisoformat(pub)) if c.kind == "performance"]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize("row", ROWS, ids=[r[0][:60] for r in ROWS])
def test_wire_performance(row: Row) -> None:
    text, pub, subject, value, role, bench, first, last = row
    got = [
        c
        for c in _claims(text, pub)
        if c.subject == subject and c.value is not None and abs(c.value - value) < 1e-6
    ]
    assert got, (text, [(c.subject, c.value, c.role) for c in _claims(text, pub)])
    c = got[0]
    assert (c.role or None) == role or (role is None and c.role in (None, "change")), (text, c.role)
    if bench is not None:
        assert c.benchmark == bench, (text, c.benchmark)
    want = (
        (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
        if first and last
        else (None, None)
    )
    assert (c.period_start, c.period_end) == want, text


NEGATIVES = [
    "A decline of 20% from a peak is what most strategists call a bear market.",
    "A 20% drop from the high marks a bear market, and a 10% drop a correction.",
    "The fund held 1,958 stocks at the end of September.",
    "1,981: the number of companies in the Russell 2000 after the June rebuild.",
    "Our model assigns a 62% probability that small caps beat large caps next year.",
    "Gains were led by tech shares.",
    "The lender halved its dividend in October.",
    "honestly I'm 40% in $IWM calls into the print",
    "Banks make up 14% of the S&P 600, and the largest member weighs just 0.6%.",
]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize("text", NEGATIVES)
def test_wire_negatives(text: str) -> None:
    from nlp.extract import extract_claims

    got = [(c.kind, c.subject, c.value) for c in extract_claims(text, dt.date(2025, 11, 21))]
    assert got == [], text


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        ("2025-11-27", True),  # Thanksgiving
        ("2025-11-28", False),  # the half session after it
        ("2025-01-20", True),  # Martin Luther King Jr. Day
        ("2025-04-18", True),  # Good Friday
        ("2025-06-19", True),  # Juneteenth
        ("2021-12-24", True),  # Christmas on a Saturday, observed on the Friday
        ("2021-12-31", False),  # New Year's Day on a Saturday is not moved
        ("2023-01-02", True),  # New Year's Day on a Sunday, observed on the Monday
        ("2025-12-06", True),  # a Saturday
        ("2025-12-08", False),
    ],
)
def test_market_closed(day: str, closed: bool) -> None:
    assert market_closed(dt.date.fromisoformat(day)) is closed
