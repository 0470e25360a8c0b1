"""What a window says about each subject, read from the ``subject_day`` summary.

A window can hold a million claims; the summary (``store.rollup``) holds their counts per
(day, subject, voice), kept in step when claims and verdicts are written, so this reads a few
thousand rows. A voice's stance over the window is the sign of the sum of its articles'
stances (each +1, -1 or 0), which adds up across days. Only the few claims a reader sees
(top performance claims, dissenters) are then fetched, by ``store.digest_queries``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from store import digest_queries as q

_LABEL = {1: "bullish", -1: "bearish", 0: "neutral"}


def sign(x: float) -> int:
    return 1 if x > 0 else -1 if x < 0 else 0


@dataclass
class SubjectScan:
    """What one window says about one subject, before it becomes a ``SubjectDigest``."""

    voices: dict[str, str] = field(default_factory=dict)  # voice key -> stance label
    labels: dict[str, str] = field(default_factory=dict)  # voice key -> readable name
    n_articles: int = 0  # original articles
    article_split: dict[str, int] = field(
        default_factory=lambda: {"bullish": 0, "bearish": 0, "neutral": 0}
    )
    claims: dict[str, int] = field(default_factory=lambda: {"bullish": 0, "bearish": 0})
    n_claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)  # performance claims by verdict
    flags: int = 0  # contradicted claims (dismissed ones included)


def _label(labels: dict[int, str], voice: str, source_id: int | None) -> str:
    if source_id is not None:
        return labels.get(source_id, f"source {source_id}")
    return f"article {voice[1:]}"


def scan_window(
    engine: Engine, start: dt.date, end: dt.date, labels: dict[int, str]
) -> dict[str, SubjectScan]:
    """Per subject: voices and their stances, article and claim counts, verdict counts."""
    out: dict[str, SubjectScan] = {}
    for r in q.summary_rows(engine, start, end):
        subject, voice, source_id = r[0], r[1], r[2]
        articles, net, a_bull, a_bear, n, bull, bear, perf, sup, con, unv, flags = (
            int(x or 0) for x in r[3:]
        )
        st = out.get(subject)
        if st is None:
            st = out[subject] = SubjectScan()
        st.voices[voice] = _LABEL[sign(net)]
        st.labels[voice] = _label(labels, voice, source_id)
        st.n_articles += articles
        st.article_split["bullish"] += a_bull
        st.article_split["bearish"] += a_bear
        st.article_split["neutral"] += articles - a_bull - a_bear
        st.n_claims += n
        st.claims["bullish"] += bull
        st.claims["bearish"] += bear
        for label, count in (
            ("supported", sup),
            ("contradicted", con),
            ("unverifiable", unv),
            ("unchecked", perf - sup - con - unv),
        ):
            if count:
                st.verdicts[label] = st.verdicts.get(label, 0) + count
        st.flags += flags
    return out
