"""The digest as one typed record: the CLI, the app and every export render this, nothing else.

Keeping the numbers here (not in the views) means the text, HTML and JSON forms can never
disagree about what the sources said.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from crosscheck.flags import FlaggedArticle
from store.claims import ClaimBrief
from store.verdicts import SourceRecord


class StanceSplit(BaseModel):
    """How many voices (or articles) lean each way on one subject."""

    bullish: int = 0
    bearish: int = 0
    neutral: int = 0

    @property
    def total(self) -> int:
        return self.bullish + self.bearish + self.neutral

    @property
    def consensus(self) -> str:
        """bullish / bearish when one side outnumbers the other, mixed on a tie, else neutral."""
        if self.bullish > self.bearish:
            return "bullish"
        if self.bearish > self.bullish:
            return "bearish"
        return "mixed" if self.bullish else "neutral"

    def share(self, side: str) -> float:
        return getattr(self, side) / self.total if self.total else 0.0


class TargetItem(BaseModel):
    """One stated price target with who said it."""

    value: float
    low: float | None = None
    high: float | None = None
    unit: str = "usd"
    source: str
    article_id: int
    published: dt.date | None = None
    horizon: str | None = None
    stance: str = "neutral"


class TargetSummary(BaseModel):
    """The spread of price targets for a subject and where they sit against the last close."""

    count: int
    median: float
    low: float
    high: float
    unit: str = "usd"
    latest_close: float | None = None
    close_date: dt.date | None = None
    upside_pct: float | None = None
    sources: list[str] = Field(default_factory=list)
    items: list[TargetItem] = Field(default_factory=list)


class LevelZone(BaseModel):
    """Nearby support/resistance levels merged into one zone, with how many sources name it."""

    role: str  # support | resistance | mixed
    low: float
    high: float
    center: float
    mentions: int
    n_sources: int
    sources: list[str] = Field(default_factory=list)


class RateExpectation(BaseModel):
    """What sources expect from the Fed at one meeting or horizon."""

    subject: str = "FEDFUNDS"
    horizon: str
    size: float | None = None
    unit: str | None = None
    mean_probability: float | None = None
    min_probability: float | None = None
    max_probability: float | None = None
    mentions: int = 0
    sources: list[str] = Field(default_factory=list)


class SubjectDigest(BaseModel):
    """Everything the window's sources said about one subject."""

    subject: str
    name: str | None = None
    voices: int
    articles: int
    sources: list[str] = Field(default_factory=list)
    stance: StanceSplit = Field(default_factory=StanceSplit)
    stance_articles: StanceSplit = Field(default_factory=StanceSplit)
    consensus: str = "neutral"
    targets: TargetSummary | None = None
    levels: list[LevelZone] = Field(default_factory=list)
    rates: list[RateExpectation] = Field(default_factory=list)
    performance: list[ClaimBrief] = Field(default_factory=list)
    performance_verdicts: dict[str, int] = Field(default_factory=dict)
    dissent: list[ClaimBrief] = Field(default_factory=list)
    n_dissent: int = 0
    flags: int = 0  # claims the market data contradicts (not those a reader dismissed)
    #: False when the lists above were left for later (a page lists them on request)
    listed: bool = Field(default=False, exclude=True)


class SubjectChange(BaseModel):
    """One thing that moved against the previous window."""

    subject: str
    change: str  # new | dropped | stance | target
    before: str | None = None
    after: str | None = None
    text: str


class Digest(BaseModel):
    """The consensus digest for a window of days ending on ``day``."""

    day: dt.date
    start: dt.date
    end: dt.date
    days: int
    previous_start: dt.date
    previous_end: dt.date
    generated_at: dt.datetime
    note: str | None = None
    n_articles: int = 0
    n_claims: int = 0
    subjects: list[SubjectDigest] = Field(default_factory=list)
    flagged: list[FlaggedArticle] = Field(default_factory=list)
    changes: list[SubjectChange] = Field(default_factory=list)
    track_record: list[SourceRecord] = Field(default_factory=list)
    #: False for the counts alone (``build_digest(quick=True)``): no targets, levels, lists
    complete: bool = Field(default=True, exclude=True)

    def subject(self, symbol: str) -> SubjectDigest | None:
        """The section for ``symbol`` (None when the window never mentions it)."""
        return next((s for s in self.subjects if s.subject == symbol), None)
