# ruff: noqa: E501  (a table: one row per line reads best)
"""Rate-day stories: the small-cap moves and rate decisions whose periods hang on an FOMC
meeting the text names by its role, not its date ("on the day of the decision", "since the
Fed's decision", "since the last cut, in December", "in the week after the Fed meeting"),
read through the whole extractor. The meeting days come from ``nlp.fomc`` (its calendar and
its moves). Every sentence is written for this table (no third-party text); the phrasebook
families pb190-pb194 carry texts of the same kind.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.periods import find_periods
from thesisdesk.settings import PERIOD_SURE_MIN

Row = tuple[str, str, str, float, str, str | None, str | None]

ROWS: list[Row] = [
    # --- the decision day itself, from a recap of that day or of the morning after ----------
    (
        "Small caps rallied 1.1% on the day of the decision, and IWM added 1.2%.",
        "2025-10-29",
        "small caps",
        1.1,
        "pct",
        "2025-10-29",
        "2025-10-29",
    ),
    (
        "IWM rose 1.2% on the day of the Fed decision before giving some back this morning.",
        "2025-12-11",
        "IWM",
        1.2,
        "pct",
        "2025-12-10",
        "2025-12-10",
    ),
    (
        "The Russell 2000 sank 4.4% on the day of the FOMC announcement.",
        "2024-12-20",
        "^RUT",
        -4.4,
        "pct",
        "2024-12-18",
        "2024-12-18",
    ),
    (
        "Kratos (KTOS) fell 3.2% on the day of the Fed's rate cut.",
        "2025-09-19",
        "KTOS",
        -3.2,
        "pct",
        "2025-09-17",
        "2025-09-17",
    ),
    # --- "since" the decision, the cut, the last cut in a month --------------------------------
    (
        "IWM has gained 2.6% since the Fed's decision.",
        "2025-09-19",
        "IWM",
        2.6,
        "pct",
        "2025-09-17",
        "2025-09-19",
    ),
    (
        "The SPDR regional bank ETF (KRE) has slipped 1.5% since the decision.",
        "2024-09-27",
        "KRE",
        -1.5,
        "pct",
        "2024-09-18",
        "2024-09-27",
    ),
    (
        "The S&P 600 is down 3.3% since the last cut, in December.",
        "2025-07-31",
        "^SP600",
        -3.3,
        "pct",
        "2024-12-18",
        "2025-07-31",
    ),
    (
        "Small caps are up 5.2% since the Fed's September cut.",
        "2025-11-20",
        "small caps",
        5.2,
        "pct",
        "2025-09-17",
        "2025-11-20",
    ),
    (
        "The Russell 2000 has added 1.7% since the FOMC statement.",
        "2025-12-12",
        "^RUT",
        1.7,
        "pct",
        "2025-12-10",
        "2025-12-12",
    ),
    # --- "since" the Fed did something: the verb names the decision, its dating words go with it
    (
        "Since the Fed cut rates last Wednesday, the Russell 2000 has climbed 2.5%.",
        "2025-09-24",
        "^RUT",
        2.5,
        "pct",
        "2025-09-17",
        "2025-09-24",
    ),
    (
        "Small caps have rallied 4% since the Fed resumed cutting rates last week.",
        "2025-09-24",
        "small caps",
        4.0,
        "pct",
        "2025-09-17",
        "2025-09-24",
    ),
    (
        "IWM is down 2% since the Fed held rates in July.",
        "2025-09-10",
        "IWM",
        -2.0,
        "pct",
        "2025-07-30",
        "2025-09-10",
    ),
    (
        "IWM is up 15% since the Fed cut rates on Sept. 18, 2024.",
        "2025-09-24",
        "IWM",
        15.0,
        "pct",
        "2024-09-18",
        "2025-09-24",
    ),
    # --- the week or the session after the meeting ---------------------------------------------
    (
        "In the week after the Fed meeting, the Russell 2000 lost 0.9%.",
        "2024-09-27",
        "^RUT",
        -0.9,
        "pct",
        "2024-09-23",
        "2024-09-27",
    ),
    (
        "IWM jumped 2% in the session following the Fed decision.",
        "2025-11-03",
        "IWM",
        2.0,
        "pct",
        "2025-10-30",
        "2025-10-30",
    ),
    # --- the Fed chair's Jackson Hole speech, a dated event
    (
        "The Russell 2000 has gained 4.2% since Powell's Jackson Hole speech.",
        "2025-09-05",
        "^RUT",
        4.2,
        "pct",
        "2025-08-22",
        "2025-09-05",
    ),
    (
        "IWM jumped 3.9% the day of Powell's Jackson Hole speech.",
        "2025-09-05",
        "IWM",
        3.9,
        "pct",
        "2025-08-22",
        "2025-08-22",
    ),
    (
        "In the week after Jackson Hole, small caps added 1.2%.",
        "2025-09-05",
        "small caps",
        1.2,
        "pct",
        "2025-08-25",
        "2025-08-29",
    ),
    # --- "another" keeps the way of the move before it --------------------------------------------
    (
        "The Russell 2000 slid 1.4% on the day of the decision and another 0.8% on Thursday.",
        "2025-07-31",
        "^RUT",
        -0.8,
        "pct",
        "2025-07-31",
        "2025-07-31",
    ),
    # --- decisions: the cut a span runs from is that day; a range is where one meeting left it
    (
        "The S&P 600 has climbed 1.9% since the Fed's half-point cut on Sept. 18.",
        "2024-09-27",
        "FEDFUNDS",
        -50.0,
        "bp",
        "2024-09-18",
        "2024-09-18",
    ),
    (
        "The FOMC trimmed by a quarter point on Wednesday, its first move since December, to 4.00%-4.25%.",
        "2025-09-19",
        "FEDFUNDS",
        -25.0,
        "bp",
        "2025-09-17",
        "2025-09-17",
    ),
    (
        "The Fed has lowered rates by 100 basis points since September 18, 2024.",
        "2025-09-19",
        "FEDFUNDS",
        -100.0,
        "bp",
        "2024-09-18",
        "2025-09-19",
    ),
]


def _claim(text: str, pub: str, subject: str, value: float, unit: str):  # type: ignore[no-untyped-def]
    from nlp.extract import extract_claims

    claims = extract_claims(text, dt.date.fromisoformat(pub))
    got = [c for c in claims if c.value == value and c.unit == unit and c.subject == subject]
    assert got, [(c.kind, c.subject, c.value, c.unit) for c in claims]
    return got[0]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "pub", "subject", "value", "unit", "first", "last"),
    ROWS,
    ids=[f"{i:02d}" for i in range(len(ROWS))],
)
def test_rate_day_periods(
    text: str, pub: str, subject: str, value: float, unit: str, first: str | None, last: str | None
) -> None:
    c = _claim(text, pub, subject, value, unit)
    got = (
        c.period_start.isoformat() if c.period_start else None,
        c.period_end.isoformat() if c.period_end else None,
    )
    assert got == (first, last), (text, c.period_confidence)


@pytest.mark.usefixtures("claims_nlp")
def test_a_range_takes_the_day_of_its_move_not_a_span_beside_it() -> None:
    from nlp.extract import extract_claims

    text = "The FOMC trimmed by a quarter point on Wednesday, its first move since December, to 4.00%-4.25%."
    claims = extract_claims(text, dt.date(2025, 9, 19))
    ranges = [c for c in claims if c.kind == "rate_decision" and c.low == 4.0]
    assert [(c.period_start, c.period_end) for c in ranges] == [(dt.date(2025, 9, 17),) * 2]


@pytest.mark.parametrize(
    ("phrase", "pub", "first", "last", "base"),
    [
        ("on the day of the decision", "2025-12-11", "2025-12-10", "2025-12-10", "prior_close"),
        ("since the Fed's decision", "2025-09-19", "2025-09-17", "2025-09-19", "start_close"),
        # a hold is a decision but no cut: the last cut before a July hold was December's
        ("since the last cut", "2025-07-31", "2024-12-18", "2025-07-31", "start_close"),
        ("since the Fed's decision", "2025-07-31", "2025-07-30", "2025-07-31", "start_close"),
        ("since the last hike", "2024-06-03", "2023-07-26", "2024-06-03", "start_close"),
        (
            "since the Fed's December meeting",
            "2026-01-20",
            "2025-12-10",
            "2026-01-20",
            "start_close",
        ),
        (
            "in the week after the Fed meeting",
            "2024-09-27",
            "2024-09-23",
            "2024-09-27",
            "prior_close",
        ),
        ("the day after the Fed meeting", "2025-11-20", "2025-10-30", "2025-10-30", "prior_close"),
    ],
)
def test_decision_anchored_phrases(phrase: str, pub: str, first: str, last: str, base: str) -> None:
    got = find_periods(phrase, dt.date.fromisoformat(pub))
    assert len(got) == 1, got
    p = got[0]
    assert (str(p.first), str(p.last), p.base) == (first, last, base)
    assert p.confidence >= PERIOD_SURE_MIN


@pytest.mark.parametrize(
    "phrase",
    [
        "since the Fed's first cut",  # the event table's, not the latest decision
        "since the cut on Sept. 18",  # a dated cut is "since <day>"
        "on the day of the election",
    ],
)
def test_phrases_left_to_other_readings(phrase: str) -> None:
    kinds = {p.kind for p in find_periods(phrase, dt.date(2024, 11, 20))}
    assert not kinds & {"fed_day", "fed_since"}, kinds


def test_outside_the_calendar_no_decision_is_guessed() -> None:
    assert not [p for p in find_periods("since the Fed's decision", dt.date(2012, 5, 1)) if p.first]


def test_a_quarter_point_is_no_calendar_quarter() -> None:
    got = find_periods("the Fed's third quarter-point cut", dt.date(2025, 12, 11))
    assert not [p for p in got if p.kind == "quarter"], got
    got = find_periods("in the third quarter of 2025", dt.date(2025, 12, 11))
    assert [p.kind for p in got] == ["quarter"]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "pub", "want"),
    [
        # a hold said with "in a range between ... and ...": the hold and the range
        (
            "The Fed kept its benchmark rate in a range between 5.25% and 5.5% in July.",
            "2024-08-02",
            {(0.0, None, None), (None, 5.25, 5.5)},
        ),
        # a hold said of the rate, in the passive
        (
            "The fed funds rate was held at 4.25%-4.5% for a fifth straight meeting.",
            "2025-07-31",
            {(0.0, None, None), (None, 4.25, 4.5)},
        ),
        # a hold in a clause after a move is its own decision
        (
            "The Fed cut by 25 bp in December, then held rates steady at its January meeting.",
            "2025-02-03",
            {(-25.0, None, None), (0.0, None, None)},
        ),
        # "its first since 2020" is the move's yardstick, not a span
        (
            "The Fed delivered a 0.5 percentage point reduction, its first since 2020.",
            "2024-09-20",
            {(-50.0, None, None)},
        ),
    ],
)
def test_decisions_said_in_other_words(text: str, pub: str, want: set) -> None:  # type: ignore[type-arg]
    from nlp.extract import extract_claims

    claims = extract_claims(text, dt.date.fromisoformat(pub))
    got = {(c.value, c.low, c.high) for c in claims if c.kind == "rate_decision"}
    assert got == want, got
    spans = [
        c for c in claims if c.period_start and c.period_end and c.period_start != c.period_end
    ]
    assert not [c for c in spans if c.kind == "rate_decision" and c.period_start.year == 2020]
