"""One pass over the window's claims: stances per voice, dissent and list candidates.

A day can hold 100,000 claims; a single narrow query (``window_claim_tuples``) plus one loop
here replaces several grouped and windowed queries, and only the few claims a reader will
see (top performance claims, dissenters) are then fetched in full by id.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from store import digest_queries as q

_SIGN = {"bullish": 1, "bearish": -1}
_LABEL = {1: "bullish", -1: "bearish", 0: "neutral"}


def sign(x: float) -> int:
    return 1 if x > 0 else -1 if x < 0 else 0


@dataclass
class SubjectScan:
    """What one window says about one subject, before it becomes a ``SubjectDigest``."""

    voices: dict[str, str] = field(default_factory=dict)  # voice key -> stance label
    labels: dict[str, str] = field(default_factory=dict)  # voice key -> readable name
    articles: dict[int, int] = field(default_factory=dict)  # original article -> sign
    claims: dict[str, int] = field(default_factory=lambda: {"bullish": 0, "bearish": 0})
    n_claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)  # performance claims by verdict
    # candidates, largest first wins: (contradicted, published, id) / (published, id)
    perf: list[tuple] = field(default_factory=list)
    sided: dict[str, list[tuple]] = field(default_factory=lambda: {"bullish": [], "bearish": []})


def scan_window(
    engine: Engine, start: dt.date, end: dt.date, labels: dict[int, str], *, lists: bool = True
) -> dict[str, SubjectScan]:
    """Per subject: voices and their stances, claim counts, and (with ``lists``) the
    candidates for the performance and dissent lists. Without ``lists`` (the previous
    window: stances only) the grouping is done in SQL."""
    net: dict[tuple[str, int], int] = defaultdict(int)
    voice_of: dict[tuple[str, int], int | None] = {}
    n_claims: dict[str, int] = defaultdict(int)
    sided: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    perf: dict[str, list[tuple]] = defaultdict(list)
    verdicts: dict[tuple[str, str], int] = defaultdict(int)
    if lists:
        sign_of = _SIGN.get
        # published is never NULL here: the window is a range on it
        for (
            subject,
            kind,
            stance,
            cid,
            canon,
            source_id,
            copy_of,
            published,
            verdict,
        ) in q.window_claim_tuples(engine, start, end):
            key = (subject, canon)
            s = sign_of(stance, 0)
            net[key] += s
            voice_of[key] = source_id
            n_claims[subject] += 1
            if copy_of is not None:  # the original's claims already speak for it
                continue
            if s:
                sided[(subject, stance)].append((published, cid))
            if kind == "performance":
                verdicts[(subject, verdict or "unchecked")] += 1
                perf[subject].append((verdict == "contradicted", published, cid))
    else:
        for subject, canon, source_id, value, n in q.stance_nets(engine, start, end):
            key = (subject, canon)
            net[key] += int(value or 0)
            voice_of[key] = source_id
            n_claims[subject] += int(n)
    out: dict[str, SubjectScan] = defaultdict(SubjectScan)
    for subject, n in n_claims.items():
        st = out[subject]
        st.n_claims = n
        st.perf = perf.get(subject, [])
        for side in ("bullish", "bearish"):
            st.sided[side] = sided.get((subject, side), [])
            st.claims[side] = len(st.sided[side])
    for (subject, label), n in verdicts.items():
        out[subject].verdicts[label] = n
    # An ArticleStance (sentiment over all sentences) beats the claims' stances.
    from_model: dict[tuple[str, int], int] = defaultdict(int)
    for r in q.article_stance_rows(engine, start, end):
        key = (r["subject"], int(r["canon_id"]))
        from_model[key] += _SIGN.get(str(r["stance"]), 0)
        voice_of[key] = r["source_id"]
    for key, value in from_model.items():
        net[key] = value
    voice_net: dict[tuple[str, str], int] = defaultdict(int)
    for (subject, canon), value in net.items():
        article_sign = sign(value)
        st = out[subject]
        st.articles[canon] = article_sign
        source_id = voice_of[(subject, canon)]
        voice = q.voice_key(source_id, canon)
        if voice not in st.labels:
            st.labels[voice] = (
                labels.get(source_id, f"source {source_id}")
                if source_id is not None
                else f"article {canon}"
            )
        voice_net[(subject, voice)] += article_sign
    for (subject, voice), value in voice_net.items():
        out[subject].voices[voice] = _LABEL[sign(value)]
    return dict(out)


def top_ids(items: list[tuple], n: int) -> list[int]:
    """Ids of the ``n`` largest candidates (the id is the tuple's last element)."""
    return [t[-1] for t in heapq.nlargest(n, items)]
