"""Build the consensus digest for a window of days from the store's aggregates.

Voices: one per source; a syndicated copy speaks with its original's voice. A voice's stance
on a subject is the net of its articles' stances, where an article's stance comes from its
``ArticleStance`` row when sentiment has run, else from the net of its claims' stances.
"""

from __future__ import annotations

import datetime as dt
import heapq
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from crosscheck.flags import FlaggedArticle, flagged_articles
from digest.levels import (
    MAX_TARGET_ITEMS,
    LevelMention,
    cluster_levels,
    summarize_points,
)
from digest.model import (
    Digest,
    LevelZone,
    RateExpectation,
    StanceSplit,
    SubjectChange,
    SubjectDigest,
    TargetItem,
    TargetSummary,
)
from digest.scan import SubjectScan, scan_window
from store import digest_queries as q
from store import verdicts
from store.claims import ClaimBrief
from store.digest_queries import brief
from store.verdicts import SourceRecord

PER_SUBJECT_LIST = 5  # performance claims shown per subject
DISSENT_LIST = 3  # dissenting claims shown per subject (all are counted)
FLAGGED_LIMIT = 50
TARGET_MOVE_PCT = 1.0  # a median target moving less than this is not news
STANCE_SHIFT_PP = 20.0  # nor is a bullish share moving less than this


def window_for(day: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """``day`` and the ``days`` days before it."""
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    return day - dt.timedelta(days=days), day


_LABEL = {1: "bullish", -1: "bearish", 0: "neutral"}


def _split(values: Iterable[int | str]) -> StanceSplit:
    split = StanceSplit()
    for v in values:
        label = v if isinstance(v, str) else _LABEL[v]
        setattr(split, label, getattr(split, label) + 1)
    return split


def _voice_label(labels: dict[int, str], source_id: int | None, canon: int) -> str:
    if source_id is None:
        return f"article {canon}"
    found = labels.get(source_id)
    return found if found is not None else f"source {source_id}"


@dataclass
class _Targets:
    """All target figures of a subject, and who gave them (items are built lazily)."""

    points: list[float] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # (point, unit, source, canon, pub, ...)

    def summary(self, close: tuple[dt.date, float] | None) -> TargetSummary | None:
        newest = sorted(self.rows, key=lambda r: (r[4] is not None, r[4]), reverse=True)
        items = [
            TargetItem(
                value=p,
                unit=u,
                source=src,
                article_id=int(canon),
                published=pub,
                horizon=hz,
                stance=stance,
            )
            for p, u, src, canon, pub, hz, stance in newest[:MAX_TARGET_ITEMS]
        ]
        return summarize_points(
            self.points,
            items,
            sorted({r[2] for r in self.rows}),
            close[1] if close else None,
            close[0] if close else None,
        )


def _targets(
    engine: Engine, start: dt.date, end: dt.date, labels: dict[int, str]
) -> dict[str, _Targets]:
    out: dict[str, _Targets] = defaultdict(_Targets)
    for subject, point, unit, source_id, canon, published, horizon, stance in q.target_tuples(
        engine, start, end
    ):
        t = out[subject]
        t.points.append(float(point))
        t.rows.append(
            (
                float(point),
                unit,
                _voice_label(labels, source_id, canon),
                canon,
                published,
                horizon,
                stance,
            )
        )
    return out


def _levels(
    engine: Engine, start: dt.date, end: dt.date, labels: dict[int, str]
) -> dict[str, list[LevelMention]]:
    """Level mentions per subject, each naming its voice by key (``s12``, ``a34``): the
    readable names are looked up for the zones only (a window can hold 100,000 mentions)."""
    out: dict[str, list[LevelMention]] = defaultdict(list)
    for subject, role, lo, hi, source_id, canon in q.level_tuples(engine, start, end):
        out[subject].append(LevelMention(role, float(lo), float(hi), q.voice_key(source_id, canon)))
    return out


def _zones(mentions: list[LevelMention], labels: dict[int, str]) -> list[LevelZone]:
    """Zones of level mentions, their voices named."""
    zones = cluster_levels(mentions)
    for z in zones:
        z.sources = sorted(
            {
                _voice_label(labels, int(k[1:]) if k[0] == "s" else None, int(k[1:]))
                for k in z.sources
            }
        )
    return zones


def _rates(
    engine: Engine, start: dt.date, end: dt.date, labels: dict[int, str]
) -> dict[str, list[RateExpectation]]:
    out: dict[str, list[RateExpectation]] = defaultdict(list)
    groups = q.rate_groups(engine, start, end)
    for g in sorted(groups, key=lambda g: (g["subject"], g["horizon"], g["value"] or 0)):
        out[g["subject"]].append(
            RateExpectation(
                subject=g["subject"],
                horizon=str(g["horizon"]).strip() or "unspecified",
                size=g["value"],
                unit=g["unit"],
                mean_probability=g["mean_p"],
                min_probability=g["min_p"],
                max_probability=g["max_p"],
                mentions=int(g["mentions"]),
                sources=sorted({_voice_label(labels, sid, canon) for sid, canon in g["voices"]}),
            )
        )
    return out


def _flagged(engine: Engine, start: dt.date, end: dt.date) -> list[FlaggedArticle]:
    """Articles in the window whose numbers disagree with the data (originals only: a copy
    speaks through its original), most contradicted claims first."""
    # the most-flagged articles are picked in SQL; a reader's dismissals can lower an
    # article's count, so as many more candidates as there are articles with dismissals
    margin = q.dismissed_articles(engine)
    ids = q.flagged_article_ids(engine, start, end, FLAGGED_LIMIT + margin)
    return flagged_articles(
        engine, since=start, until=end, copies=False, limit=FLAGGED_LIMIT, article_ids=ids
    )


def track_record(engine: Engine) -> list[SourceRecord]:
    """The sources with resolved price targets, from the store's track record."""
    return [r for r in verdicts.track_record(engine) if r.resolved]


@dataclass
class _Window:
    stances: dict[str, SubjectScan]
    targets: dict[str, _Targets]


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
                    text=(
                        f"{s} stance {before.consensus} -> {after.consensus} (bullish share "
                        if before.consensus != after.consensus
                        else f"{s} still {after.consensus}, bullish share moved ("
                    )
                    + f"{before.share('bullish'):.0%} -> {after.share('bullish'):.0%})",
                )
            )
        old_points = prev.targets[s].points if s in prev.targets else []
        old_median = statistics.median(old_points) if old_points else None
        new = sd.targets
        if old_median and new:
            move = (new.median / old_median - 1) * 100
            if abs(move) >= TARGET_MOVE_PCT:
                changes.append(
                    SubjectChange(
                        subject=s,
                        change="target",
                        before=f"{old_median:g}",
                        after=f"{new.median:g}",
                        text=f"{s} median target {old_median:,.2f} -> {new.median:,.2f} "
                        f"({move:+.1f}%)",
                    )
                )
    current = {sd.subject for sd in subjects}
    for s in sorted(prev_subjects - current):
        changes.append(SubjectChange(subject=s, change="dropped", text=f"{s} not discussed"))
    return changes


def subject_claims(
    engine: Engine,
    start: dt.date,
    end: dt.date,
    subject: str,
    consensus: str,
    *,
    performance: bool = True,
    dissent: bool = True,
) -> tuple[list[ClaimBrief], list[ClaimBrief]]:
    """The claims a reader sees under one subject: its top performance claims and the
    dissenters (a dissenting performance claim is listed under Dissent only)."""
    opposite = {"bullish": "bearish", "bearish": "bullish"}.get(consensus)
    against = (
        q.sided_ids(engine, subject, opposite, start, end, DISSENT_LIST)
        if opposite and dissent
        else []
    )
    perf: list[int] = []
    if performance:
        n = PER_SUBJECT_LIST + len(against)
        perf = [i for i in q.performance_ids(engine, subject, start, end, n) if i not in against]
    details = q.briefs_by_id(engine, [*perf[:PER_SUBJECT_LIST], *against])
    return (
        [brief(details[i]) for i in perf[:PER_SUBJECT_LIST] if i in details],
        [brief(details[i]) for i in against if i in details],
    )


#: past this many subjects, one pass over the window's claims beats a query per subject
ONE_PASS_FROM = 8


def _claim_lists_one_pass(
    engine: Engine, start: dt.date, end: dt.date, subjects: list[SubjectDigest]
) -> None:
    """The lists of many subjects from one narrow pass over the window's claims."""
    wanted = {sd.subject: sd for sd in subjects}
    opposite = {
        s: {"bullish": "bearish", "bearish": "bullish"}.get(sd.consensus)
        for s, sd in wanted.items()
    }
    perf: dict[str, list[tuple]] = defaultdict(list)
    against: dict[str, list[tuple]] = defaultdict(list)
    for subject, kind, stance, cid, published, verdict in q.list_candidates(engine, start, end):
        if subject not in wanted:
            continue
        if kind == "performance":
            perf[subject].append((verdict == "contradicted", published, cid))
        if stance == opposite[subject]:
            against[subject].append((published, cid))
    chosen: dict[str, tuple[list[int], list[int]]] = {}
    for s in wanted:
        dissent = [t[-1] for t in heapq.nlargest(DISSENT_LIST, against[s])]
        top = heapq.nlargest(PER_SUBJECT_LIST + len(dissent), perf[s])
        chosen[s] = ([t[-1] for t in top if t[-1] not in dissent][:PER_SUBJECT_LIST], dissent)
    details = q.briefs_by_id(engine, [i for p, d in chosen.values() for i in (*p, *d)])
    for s, sd in wanted.items():
        sd.performance = [brief(details[i]) for i in chosen[s][0] if i in details]
        sd.dissent = [brief(details[i]) for i in chosen[s][1] if i in details]
        sd.listed = True


def _claim_lists(
    engine: Engine, start: dt.date, end: dt.date, subjects: list[SubjectDigest]
) -> None:
    if len(subjects) >= ONE_PASS_FROM:
        _claim_lists_one_pass(engine, start, end, subjects)
        return
    for sd in subjects:
        sd.performance, sd.dissent = subject_claims(
            engine,
            start,
            end,
            sd.subject,
            sd.consensus,
            performance=bool(sum(sd.performance_verdicts.values())),
            dissent=bool(sd.n_dissent),
        )
        sd.listed = True


def _subject_counts(
    subject: str, st: SubjectScan, names: dict[str, str], dismissed: dict[str, int]
) -> SubjectDigest:
    """A subject's counts from the window scan: what the quick and the full digest share."""
    split = _split(st.voices.values())
    opposite = {"bullish": "bearish", "bearish": "bullish"}.get(split.consensus)
    return SubjectDigest(
        subject=subject,
        name=names.get(subject),
        voices=len(st.voices),
        articles=st.n_articles,
        sources=sorted(set(st.labels.values())),
        stance=split,
        stance_articles=StanceSplit(**st.article_split),
        consensus=split.consensus,
        performance_verdicts=st.verdicts,
        n_dissent=st.claims.get(opposite, 0) if opposite else 0,
        flags=max(0, st.flags - dismissed.get(subject, 0)),
    )


def build_digest(
    engine: Engine,
    day: dt.date,
    days: int = 7,
    *,
    max_subjects: int | None = None,
    detail: int | None = None,
    quick: bool = False,
) -> Digest:
    """The digest for ``day`` and the ``days`` days before it, against the window before.

    ``detail`` lists claims (top performance claims, dissent) under the first ``detail``
    subjects only (None: all); the counts and the summary cover every subject. ``quick``
    gives the counts alone (voices, stances, flags: the ``subject_day`` summary), in a
    fraction of the time, for a page to show while the rest is built.
    """
    start, end = window_for(day, days)
    prev_end = start - dt.timedelta(days=1)
    prev_start = prev_end - dt.timedelta(days=days)
    labels = q.source_labels(engine)
    n_articles = q.window_article_count(engine, start, end)
    stances = scan_window(engine, start, end, labels)
    dismissed = q.dismissed_flags_by_subject(engine, start, end)
    if quick:
        return _quick(engine, day, days, prev_start, prev_end, n_articles, stances, dismissed)
    targets = _targets(engine, start, end, labels)
    levels = _levels(engine, start, end, labels)
    rates = _rates(engine, start, end, labels)
    prev = _Window(
        stances=scan_window(engine, prev_start, prev_end, labels),
        targets=_targets(engine, prev_start, prev_end, labels),
    )
    flagged, record = _flagged(engine, start, end), track_record(engine)
    n_claims = sum(st.n_claims for st in stances.values())

    all_subjects = set(stances) | set(targets) | set(levels) | set(rates)
    names = q.instrument_names(engine, all_subjects)
    closes = q.closes_as_of(engine, targets, day)
    subjects: list[SubjectDigest] = []
    for s in all_subjects:
        tsum = targets[s].summary(closes.get(s)) if s in targets else None
        subjects.append(
            _subject_counts(s, stances.get(s, SubjectScan()), names, dismissed).model_copy(
                update={
                    "targets": tsum,
                    "levels": _zones(levels.get(s, []), labels),
                    "rates": rates.get(s, []),
                }
            )
        )
    subjects.sort(key=lambda sd: (-sd.voices, -sd.articles, sd.subject))
    _claim_lists(engine, start, end, subjects if detail is None else subjects[:detail])
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
        flagged=flagged,
        changes=changes,
        track_record=record,
    )


def _quick(
    engine: Engine,
    day: dt.date,
    days: int,
    prev_start: dt.date,
    prev_end: dt.date,
    n_articles: int,
    stances: dict[str, SubjectScan],
    dismissed: dict[str, int],
) -> Digest:
    """The counts of ``build_digest`` alone: no targets, levels, lists or changes."""
    names = q.instrument_names(engine, stances)
    subjects = []
    for s, st in stances.items():
        subjects.append(_subject_counts(s, st, names, dismissed))
    subjects.sort(key=lambda sd: (-sd.voices, -sd.articles, sd.subject))
    start, end = window_for(day, days)
    return Digest(
        day=day,
        start=start,
        end=end,
        days=days,
        previous_start=prev_start,
        previous_end=prev_end,
        generated_at=dt.datetime.now(dt.UTC),
        n_articles=n_articles,
        n_claims=sum(st.n_claims for st in stances.values()),
        subjects=subjects,
        complete=False,
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
