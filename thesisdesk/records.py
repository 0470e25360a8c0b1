"""The typed records that cross each stage boundary.

feeds -> ``ArticleRecord`` (out of ``ingest``) -> ``Claim`` (out of ``nlp``) ->
``Verdict`` (out of ``crosscheck``) -> the digest (``digest``) -> the screen (``ui``).
Market data comes in as ``PriceBar`` and ``RateObservation`` whatever the provider.

``ClaimFields`` *is* the claim contract of ``shared/spec/claims.md``: the store's claim
table inherits it, so a field added here is a column there (plus a migration), and the
contract document must be changed in the same commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import AutoString, Field, SQLModel


class ClaimKind(StrEnum):
    price_target = "price_target"
    price_level = "price_level"
    performance = "performance"
    rate_decision = "rate_decision"
    rate_expectation = "rate_expectation"
    valuation = "valuation"
    fundamental = "fundamental"


class Unit(StrEnum):
    usd = "usd"
    points = "points"
    pct = "pct"
    pp = "pp"
    bp = "bp"
    x = "x"
    usd_per_share = "usd_per_share"
    usd_millions = "usd_millions"
    days = "days"
    weeks = "weeks"
    months = "months"
    count_ = "count"  # a member named ``count`` would shadow ``str.count`` on every unit


class Comparator(StrEnum):
    eq = "eq"
    approx = "approx"
    gt = "gt"
    gte = "gte"
    lt = "lt"
    lte = "lte"
    range = "range"


class Basis(StrEnum):
    close = "close"
    intraday = "intraday"
    total_return = "total_return"


class Role(StrEnum):
    """What part a figure plays in its claim; which roles fit which kind is in the contract."""

    # price_level
    support = "support"
    resistance = "resistance"
    entry = "entry"
    current = "current"
    high = "high"
    low = "low"
    moving_average = "moving_average"
    stop = "stop"
    # performance
    change = "change"
    streak = "streak"
    relative = "relative"
    from_high = "from_high"
    # fundamental
    eps = "eps"
    eps_estimate = "eps_estimate"
    revenue = "revenue"
    growth = "growth"
    surprise = "surprise"
    margin = "margin"


class StreakDirection(StrEnum):
    up = "up"
    down = "down"


class Stance(StrEnum):
    bullish = "bullish"
    bearish = "bearish"
    neutral = "neutral"


class VerdictLabel(StrEnum):
    supported = "supported"
    contradicted = "contradicted"
    unverifiable = "unverifiable"


class TargetOutcome(StrEnum):
    hit = "hit"
    missed = "missed"
    pending = "pending"


#: Contract field names, in the order of the contract table (used by JSON output).
CLAIM_FIELDS: tuple[str, ...] = (
    "kind",
    "subject",
    "value",
    "low",
    "high",
    "unit",
    "comparator",
    "role",
    "benchmark",
    "basis",
    "period_start",
    "period_end",
    "as_of",
    "horizon",
    "probability",
    "stance",
    "quote",
    "start",
    "end",
)


class EnumString(TypeDecorator[str]):
    """A plain VARCHAR column for a ``StrEnum`` field that loads its values back as members.

    Why: a stored claim must read back like a fresh one (``model_dump`` on a row of plain
    strings warns "Expected enum"). A value that is no member (written by a version with
    another member list) loads as the plain string rather than failing the read."""

    impl = AutoString
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int) -> None:
        super().__init__(length=length)
        self.enum = enum

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        try:
            return self.enum(value)
        except ValueError:
            return value


class ClaimFields(SQLModel):
    """Every field of the claim contract (shared/spec/claims.md), nothing else.

    The enumerated fields validate on ``Claim`` (a misspelt kind is an error) but are stored
    as plain VARCHAR columns (``sa_type=EnumString``), not database enums: a new member needs
    no migration, and JSON output prints their plain values.
    """

    kind: ClaimKind = Field(index=True, sa_type=EnumString(ClaimKind, 32))
    subject: str = Field(index=True, max_length=64)
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: Unit = Field(sa_type=EnumString(Unit, 16))
    comparator: Comparator = Field(default=Comparator.eq, sa_type=EnumString(Comparator, 8))
    role: Role | None = Field(default=None, sa_type=EnumString(Role, 32))
    benchmark: str | None = Field(default=None, max_length=64)
    basis: Basis | None = Field(default=None, sa_type=EnumString(Basis, 16))
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    as_of: dt.date | None = None
    horizon: str | None = Field(default=None, max_length=200)
    probability: float | None = None
    stance: Stance = Field(default=Stance.neutral, sa_type=EnumString(Stance, 8))
    quote: str
    start: int
    end: int


#: ``ClaimProvenance.period_base`` values: which close a change over the period starts from.
PRIOR_CLOSE, START_CLOSE = "prior_close", "start_close"


class ClaimProvenance(SQLModel):
    """What the extractor knew when it made a claim, so later stages never re-read the quote.

    Not part of the contract: the contract says what the text claims; these say how the
    claim was read (which rule, how sure) and the facts of the quote a checker needs.
    """

    rule: str | None = Field(default=None, max_length=64)  # e.g. "claims.performance.move.v1"
    #: a streak of gains ("up") or losses ("down"), as its own words say; None: they don't
    streak_direction: StreakDirection | None = Field(
        default=None, sa_type=EnumString(StreakDirection, 8)
    )
    streak_grain: str | None = Field(default=None, max_length=16)  # "days" | "weeks" | "months"
    #: True: a level named as a trigger ("if it breaks 2,400"); False: a crossing the text says
    #: happened ("closed above its $240 resistance", its side in the comparator); None: neither
    conditional: bool | None = None
    ma_window: int | None = None  # a simple moving average's window in daily sessions (50, 200)
    #: 0..1: how sure the period resolver is; on a level with no period, how sure its
    #: ``as_of`` day is (set only where that day is a guess: None means read from the text)
    period_confidence: float | None = None
    #: which close a change over the period is measured from: "prior_close" (the close before
    #: ``period_start``, the default: "Q3 2025" runs from the June 30 close) or "start_close"
    #: (the close ON ``period_start``: "since July 11", "over two days of trading" from the
    #: base session, "from its November 25 high"); None when the claim has no period
    period_base: str | None = Field(default=None, max_length=16)
    subject_confidence: float | None = None  # 0..1: how sure the subject choice is


class Claim(ClaimFields, ClaimProvenance):
    """A claim as the extractor emits it (not stored): the contract plus provenance."""

    article: str | None = None
    note: str | None = None
    extractor_version: str | None = None
    stance_score: float | None = None

    def contract_dict(self) -> dict[str, object]:
        """The contract fields as JSON-ready values (dates as ISO strings, enums as strings)."""
        out: dict[str, object] = {}
        for name in CLAIM_FIELDS:
            v = getattr(self, name)
            if isinstance(v, dt.date):
                v = v.isoformat()
            elif isinstance(v, StrEnum):
                v = v.value
            out[name] = v
        return out


@dataclass(frozen=True, slots=True)
class ReadingRecord:
    """One fair reading of a claim computed from data, and how the claim fares against it.

    A verdict keeps every reading it judged, so a flag card can show that the claim was
    outside *all* of them (and a supported claim which one it fits). A plain dataclass: the
    checker makes several per claim, and a validated model would triple its cost.
    """

    actual: float
    series: str
    date_start: dt.date | None
    date_end: dt.date | None
    basis: str  # price_return | total_return | close | intraday | change_bp | level_pct | count
    label: str
    stand_in_for: str | None
    difference: float  # actual minus the nearest edge of what was claimed
    tolerance: float  # incl. this reading's own slack
    fits: bool


class Verdict(BaseModel):
    """What the data says about one claim, with everything a reader needs to see why."""

    model_config = ConfigDict(frozen=False)

    verdict: VerdictLabel
    reason: str
    actual: float | None = None
    difference: float | None = None
    tolerance: float | None = None
    tolerance_reason: str | None = None
    series: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    basis: str | None = None
    stand_in: str | None = None
    severity: float | None = None
    #: how sure a flag is (high / medium / low): severity, stand-ins and the claim's own doubts
    confidence: str | None = None
    readings: list[ReadingRecord] = []
    checker_version: str | None = None


class ArticleRecord(BaseModel):
    """An article as ingestion hands it to the store, whatever it came from."""

    url: str | None = None
    canonical_url: str | None = None  # the page's own rel=canonical, when it declares one
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    published_at: dt.datetime | None = None
    text: str
    source_name: str | None = None
    source_url: str | None = None
    summary_only: bool = False
    origin: str = "file"  # file | feed | page


class PriceBar(BaseModel):
    """One daily bar, provider-neutral. ``adj_close`` is the total-return series."""

    symbol: str
    date: dt.date
    open: float | None = None
    high: float | None = None
    low: float | None = None
    close: float
    adj_close: float | None = None
    volume: float | None = None


class RateObservation(BaseModel):
    """One observation of a rate series (FRED style, in percent)."""

    series_id: str
    date: dt.date
    value: float
