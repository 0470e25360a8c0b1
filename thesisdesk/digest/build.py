"""Build the consensus digest for a window of days from the store's aggregates.

Voices: one per source; a syndicated copy speaks with its original's voice. A voice's stance
on a subject is the net of its articles' stances, where an article's stance comes from its
``ArticleStance`` row when sentiment has run, else from the net of its claims' stances.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine, RowMapping

from thesisdesk.digest.levels import LevelMention, cluster_levels, summarize_targets, target_point
from thesisdesk.digest.model import (
    ClaimBrief,
    Digest,
    FlaggedArticle,
    RateExpectation,
    SourceRecord,
    StanceSplit,
    SubjectChange,
    SubjectDigest,
    TargetItem,
)
from thesisdesk.store import digest_queries as q

log = logging.getLogger(__name__)

PER_SUBJECT_LIST = 8  # performance claims shown per subject
DISSENT_LIST = 5  # dissenting claims shown per subject (all are counted)
FLAGGED_LIMIT = 50
TARGET_MOVE_PCT = 1.0  # a median target moving less than this is not news
STANCE_SHIFT_PP = 20.0  # nor is a bullish share moving less than this


def window_for(day: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """``day`` and the ``days`` days before it."""
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    return day - dt.timedelta(days=days), day


def _sign(x: float) -> int:
    return 1 if x > 0 else -1 if x < 0 else 0


_STANCE_SIGN = {"bullish": 1, "bearish": -1}


@dataclass
class _SubjectStances:
    voices: dict[str, str] = field(default_factory=dict)  # voice key -> stance label
    labels: dict[str, str] = field(default_factory=dict)  # voice key -> readable name
    articles: dict[int, int] = field(default_factory=dict)  # canon article -> sign
    article_voice: dict[int, str] = field(default_factory=dict)


def stance_by_subject(engine: Engine, start: dt.date, end: dt.date) -> dict[str, _SubjectStances]:
    """Per subject: each original article's stance sign and its voice."""
    per_article: dict[tuple[str, int], int] = {}
    voice_of: dict[tuple[str, int], str] = {}
    labels: dict[str, str] = {}
    for r in q.claim_stance_groups(engine, start, end):
        key = (r["subject"], int(r["canon_id"]))
        per_article[key] = per_article.get(key, 0) + int(r["bull"] or 0) - int(r["bear"] or 0)
        voice = q.voice_key(r["source_id"], key[1])
        voice_of[key] = voice
        labels[voice] = q.source_label(r["source_name"], r["source_url"], key[1])
    # An ArticleStance (sentiment over all sentences) beats the claims' stances.
    from_model: dict[tuple[str, int], float] = {}
    for r in q.article_stance_rows(engine, start, end):
        key = (r["subject"], int(r["canon_id"]))
        sign = _STANCE_SIGN.get(str(r["stance"]), 0)
        from_model[key] = from_model.get(key, 0.0) + sign
        voice = q.voice_key(r["source_id"], key[1])
        voice_of[key] = voice
        labels[voice] = q.source_label(r["source_name"], r["source_url"], key[1])
    for key, net in from_model.items():
        per_article[key] = _sign(net)
    out: dict[str, _SubjectStances] = defaultdict(_SubjectStances)
    voice_net: dict[tuple[str, str], int] = defaultdict(int)
    for (subject, canon), net in per_article.items():
        sign = _sign(net)
        st = out[subject]
        st.articles[canon] = sign
        voice = voice_of[(subject, canon)]
        st.article_voice[canon] = labels[voice]
        st.labels[voice] = labels[voice]
        voice_net[(subject, voice)] += sign
    for (subject, voice), net in voice_net.items():
        out[subject].voices[voice] = {1: "bullish", -1: "bearish", 0: "neutral"}[_sign(net)]
    return dict(out)


def _split(values: Iterable[int | str]) -> StanceSplit:
    split = StanceSplit()
    for v in values:
        label = v if isinstance(v, str) else {1: "bullish", -1: "bearish", 0: "neutral"}[v]
        setattr(split, label, getattr(split, label) + 1)
    return split


def _dedupe(rows: Iterable[RowMapping], *fields: str) -> list[RowMapping]:
    """One row per (original article, numbers): a copy repeats its original's claims."""
    seen: set[tuple] = set()
    out = []
    for r in rows:
        key = (r["canon_id"], r["subject"], *(r[f] for f in fields))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _label(r: RowMapping) -> str:
    return q.source_label(r["source_name"], r["source_url"], r.get("canon_id"))


def _targets(engine: Engine, start: dt.date, end: dt.date) -> dict[str, list[TargetItem]]:
    rows = q.claim_rows(engine, start, end, "price_target", units=q.ABSOLUTE_UNITS)
    out: dict[str, list[TargetItem]] = defaultdict(list)
    for r in _dedupe(rows, "value", "low", "high", "unit"):
        if target_point(r["value"], r["low"], r["high"]) is None:
            continue
        out[r["subject"]].append(
            TargetItem(
                value=target_point(r["value"], r["low"], r["high"]),  # type: ignore[arg-type]
                low=r["low"],
                high=r["high"],
                unit=r["unit"],
                source=_label(r),
                article_id=int(r["canon_id"]),
                published=r["published"],
                horizon=r["horizon"],
                stance=r["stance"],
            )
        )
    return out


def _levels(engine: Engine, start: dt.date, end: dt.date) -> dict[str, list[LevelMention]]:
    rows = q.claim_rows(engine, start, end, "price_level", roles=("support", "resistance"))
    out: dict[str, list[LevelMention]] = defaultdict(list)
    for r in _dedupe(rows, "role", "value", "low", "high"):
        lo = r["low"] if r["low"] is not None else r["value"]
        hi = r["high"] if r["high"] is not None else r["value"]
        if lo is None or hi is None:
            continue
        out[r["subject"]].append(LevelMention(r["role"], float(lo), float(hi), _label(r)))
    return out


def _rates(engine: Engine, start: dt.date, end: dt.date) -> dict[str, list[RateExpectation]]:
    rows = _dedupe(q.claim_rows(engine, start, end, "rate_expectation"), "value", "unit", "horizon")
    groups: dict[tuple[str, str, float | None, str | None], list[RowMapping]] = defaultdict(list)
    for r in rows:
        horizon = (r["horizon"] or "unspecified").strip()
        groups[(r["subject"], horizon, r["value"], r["unit"])].append(r)
    out: dict[str, list[RateExpectation]] = defaultdict(list)
    for (subject, horizon, size, unit), items in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0)
    ):
        probs = [float(r["probability"]) for r in items if r["probability"] is not None]
        out[subject].append(
            RateExpectation(
                subject=subject,
                horizon=horizon,
                size=size,
                unit=unit,
                probabilities=probs,
                mean_probability=sum(probs) / len(probs) if probs else None,
                mentions=len(items),
                sources=sorted({_label(r) for r in items}),
            )
        )
    return out


def brief(r: RowMapping) -> ClaimBrief:
    """A claim row (with article, source and verdict columns) as a ``ClaimBrief``."""
    return ClaimBrief(
        claim_id=r["claim_id"],
        article_id=r["article_id"],
        kind=r["kind"],
        subject=r["subject"],
        value=r["value"],
        low=r["low"],
        high=r["high"],
        unit=r["unit"],
        comparator=r["comparator"],
        role=r["role"],
        stance=r["stance"],
        quote=r["quote"],
        start=r["start"],
        end=r["end"],
        period_start=r["period_start"],
        period_end=r["period_end"],
        horizon=r["horizon"],
        probability=r["probability"],
        source=q.source_label(r["source_name"], r["source_url"], r["article_id"]),
        source_id=r["source_id"],
        published=r["published"],
        title=r["title"],
        url=r["url"],
        verdict=r["verdict"],
        actual=r["actual"],
        difference=r["difference"],
        tolerance=r["tolerance"],
        reason=r["reason"],
        series=r["series"],
        date_start=r["date_start"],
        date_end=r["date_end"],
    )


def _flagged(engine: Engine, start: dt.date, end: dt.date) -> list[FlaggedArticle]:
    """Articles in the window whose numbers disagree with the data."""
    heads = q.flagged_article_rows(engine, start, end, limit=FLAGGED_LIMIT)
    if not heads:
        return []
    claims: dict[int, list[ClaimBrief]] = defaultdict(list)
    ids = [int(h["article_id"]) for h in heads]
    for r in q.contradicted_briefs(engine, article_ids=ids, limit=FLAGGED_LIMIT * 20):
        claims[int(r["article_id"])].append(brief(r))
    return [
        FlaggedArticle(
            article_id=int(h["article_id"]),
            title=h["title"],
            url=h["url"],
            source=q.source_label(h["source_name"], h["source_url"], h["article_id"]),
            published=h["published"],
            contradicted=int(h["contradicted"]),
            max_severity=h["max_severity"],
            claims=claims.get(int(h["article_id"]), []),
        )
        for h in heads
    ]


def track_record(engine: Engine) -> list[SourceRecord]:
    """Each source's resolved price targets: the cross-check's function when it exists."""
    try:
        from thesisdesk.crosscheck import track_record as theirs  # type: ignore[attr-defined]

        records = [_as_source_record(item) for item in theirs(engine)]
        if all(r is not None for r in records):
            return [r for r in records if r is not None]
    except Exception as exc:  # not written yet, or a shape this module does not know
        log.debug("crosscheck.track_record unavailable (%s); using the digest's query", exc)
    by_source: dict[tuple[int | None, str], SourceRecord] = {}
    errors: dict[tuple[int | None, str], list[tuple[float, int]]] = defaultdict(list)
    for row in q.target_outcomes(engine):
        key = (row.source_id, row.source)
        rec = by_source.setdefault(key, SourceRecord(source=row.source, source_id=row.source_id))
        if row.outcome == "hit":
            rec.hits += row.n
        elif row.outcome == "missed":
            rec.misses += row.n
        else:
            rec.pending += row.n
        if row.outcome in ("hit", "missed") and row.avg_error_pct is not None:
            errors[key].append((float(row.avg_error_pct), row.n))
    for key, errs in errors.items():
        total = sum(n for _, n in errs)
        by_source[key].avg_error_pct = sum(e * n for e, n in errs) / total if total else None
    recs = [r for r in by_source.values() if r.resolved]
    return sorted(recs, key=lambda r: (-(r.hit_rate or 0), -r.resolved, r.source))


def _as_source_record(item: object) -> SourceRecord | None:
    """Read another module's track-record item (model, dataclass or dict) if it fits."""
    data = item if isinstance(item, dict) else getattr(item, "__dict__", {})
    if hasattr(item, "model_dump"):
        data = item.model_dump()  # type: ignore[attr-defined]
    name = data.get("source") or data.get("source_name") or data.get("name")
    hits = data.get("hits", data.get("hit"))
    if name is None or hits is None:
        return None
    resolved = data.get("resolved")
    misses = data.get("misses", data.get("missed"))
    if misses is None and resolved is not None:
        misses = int(resolved) - int(hits)
    return SourceRecord(
        source=str(name),
        source_id=data.get("source_id"),
        hits=int(hits),
        misses=int(misses or 0),
        pending=int(data.get("pending") or 0),
        avg_error_pct=data.get("avg_error_pct", data.get("average_error_pct")),
    )


@dataclass
class _Window:
    stances: dict[str, _SubjectStances]
    targets: dict[str, list[TargetItem]]


def _changes(
    day: dt.date, cur: _Window, prev: _Window, subjects: list[SubjectDigest]
) -> list[SubjectChange]:
    changes: list[SubjectChange] = []
    prev_subjects = set(prev.stances) | set(prev.targets)
    for sd in subjects:
        s = sd.subject
        if s not in prev_subjects:
            changes.append(
                SubjectChange(
                    subject=s,
                    change="new",
                    after=sd.consensus,
                    text=f"{s} is new this window ({sd.voices} voices, {sd.consensus})",
                )
            )
            continue
        before = _split(prev.stances[s].voices.values()) if s in prev.stances else StanceSplit()
        after = sd.stance
        moved_pp = (after.share("bullish") - before.share("bullish")) * 100
        if before.total and (
            before.consensus != after.consensus or abs(moved_pp) >= STANCE_SHIFT_PP
        ):
            changes.append(
                SubjectChange(
                    subject=s,
                    change="stance",
                    before=before.consensus,
                    after=after.consensus,
                    text=f"{s} stance {before.consensus} -> {after.consensus} (bullish share "
                    f"{before.share('bullish'):.0%} -> {after.share('bullish'):.0%})",
                )
            )
        old = summarize_targets(prev.targets.get(s, []), None)
        new = sd.targets
        if old and new and old.median:
            move = (new.median / old.median - 1) * 100
            if abs(move) >= TARGET_MOVE_PCT:
                changes.append(
                    SubjectChange(
                        subject=s,
                        change="target",
                        before=f"{old.median:g}",
                        after=f"{new.median:g}",
                        text=f"{s} median target {old.median:,.2f} -> {new.median:,.2f} "
                        f"({move:+.1f}%)",
                    )
                )
    current = {sd.subject for sd in subjects}
    for s in sorted(prev_subjects - current):
        changes.append(SubjectChange(subject=s, change="dropped", text=f"{s} not discussed"))
    return changes


def build_digest(
    engine: Engine, day: dt.date, days: int = 7, *, max_subjects: int | None = None
) -> Digest:
    """The digest for ``day`` and the ``days`` days before it, against the window before."""
    start, end = window_for(day, days)
    prev_end = start - dt.timedelta(days=1)
    prev_start = prev_end - dt.timedelta(days=days)
    n_articles, n_claims = q.window_counts(engine, start, end)
    stances = stance_by_subject(engine, start, end)
    targets = _targets(engine, start, end)
    levels = _levels(engine, start, end)
    rates = _rates(engine, start, end)
    perf = q.claim_briefs_per_subject(
        engine, start, end, kinds=["performance"], per_subject=PER_SUBJECT_LIST
    )
    perf_by: dict[str, list[ClaimBrief]] = defaultdict(list)
    for r in perf:
        perf_by[r["subject"]].append(brief(r))
    perf_counts = q.verdict_counts(engine, start, end, "performance")
    stance_counts = q.stance_claim_counts(engine, start, end)
    sided = q.claim_briefs_per_subject(
        engine,
        start,
        end,
        stances=["bullish", "bearish"],
        per_subject=DISSENT_LIST,
        partition_by_stance=True,
        contradicted_first=False,
    )
    sided_by: dict[tuple[str, str], list[ClaimBrief]] = defaultdict(list)
    for r in sided:
        sided_by[(r["subject"], r["stance"])].append(brief(r))

    all_subjects = set(stances) | set(targets) | set(levels) | set(rates)
    names = q.instrument_names(engine, all_subjects)
    closes = q.closes_as_of(engine, targets, day)
    subjects: list[SubjectDigest] = []
    for s in all_subjects:
        st = stances.get(s, _SubjectStances())
        split = _split(st.voices.values())
        consensus = split.consensus
        close = closes.get(s)
        tsum = summarize_targets(
            targets.get(s, []), close[1] if close else None, close[0] if close else None
        )
        opposite = {"bullish": "bearish", "bearish": "bullish"}.get(consensus)
        subjects.append(
            SubjectDigest(
                subject=s,
                name=names.get(s),
                voices=len(st.voices),
                articles=len(st.articles),
                sources=sorted(st.labels.values()),
                stance=split,
                stance_articles=_split(st.articles.values()),
                consensus=consensus,
                targets=tsum,
                levels=cluster_levels(levels.get(s, [])),
                rates=rates.get(s, []),
                performance=perf_by.get(s, []),
                performance_verdicts=perf_counts.get(s, {}),
                dissent=sided_by.get((s, opposite), []) if opposite else [],
                n_dissent=stance_counts.get(s, {}).get(opposite, 0) if opposite else 0,
            )
        )
    subjects.sort(key=lambda sd: (-sd.voices, -sd.articles, sd.subject))
    prev = _Window(
        stances=stance_by_subject(engine, prev_start, prev_end),
        targets=_targets(engine, prev_start, prev_end),
    )
    changes = _changes(day, _Window(stances, targets), prev, subjects)
    if max_subjects is not None:
        subjects = subjects[:max_subjects]
    return Digest(
        day=day,
        start=start,
        end=end,
        days=days,
        previous_start=prev_start,
        previous_end=prev_end,
        generated_at=dt.datetime.now(dt.UTC),
        n_articles=n_articles,
        n_claims=n_claims,
        subjects=subjects,
        flagged=_flagged(engine, start, end),
        changes=changes,
        track_record=track_record(engine),
    )


def default_day(engine: Engine, today: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """Today if it has articles, else the latest day that has (with a note saying so)."""
    today = today or dt.date.today()
    if q.has_articles_on(engine, today):
        return today, None
    latest = q.latest_article_day(engine)
    if latest is None:
        return None, "the store has no articles yet"
    return latest, f"no articles on {today.isoformat()}; showing the latest day with articles"
