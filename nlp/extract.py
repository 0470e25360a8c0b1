"""The public extraction API: article text (and its date) in, contract ``Claim``s out.

``extract_claims`` handles one text; ``extract_many`` streams many (``parse_texts``).
Both never raise on bad text: an unreadable article yields the claims that could be read
(possibly none). Every claim's ``quote`` is ``text[start:end]`` of the text passed in.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import itertools
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from nlp import claims as rules
from nlp import fomc, level_scale
from nlp.figure_model import RULE_NAME as LEARNED_RULE
from nlp.figure_model import FigureModel, open_to_learning, shipped_model
from nlp.linking import ANAPHORA, Mention, anaphor_describes, default_lexicon
from nlp.numbers import DOLLAR_CHANGE, Quantity, finite
from nlp.periods import (
    INDEX_NAMES,
    PRIOR_CLOSE,
    START_CLOSE,
    Period,
    Range,
    find_periods,
    last_session,
)
from nlp.pipeline import Parsed, parse_texts
from nlp.quote_facts import (
    STREAK_UNITS,
    level_facts,
    ma_window,
    streak_direction,
    streak_grain,
)
from nlp.rules import Classified, classify_or_veto
from nlp.rules.fundamental import SURPRISE_BELOW
from nlp.rules.performance import RESPECTIVE_LIST, VS_LAST_CLOSE
from nlp.rules.rates import other_bank_only
from nlp.rules.valuation import (
    DISCOUNT_LATER,
    DISCOUNT_NOUN,
    DISCOUNT_OF,
    DISCOUNT_OR_PREMIUM,
    DISCOUNT_STATED,
    FIGURE_FIRST_GAP,
)
from nlp.stance import rule_stance
from nlp.subjects import pick_subject
from thesisdesk.records import (
    Basis,
    Claim,
    ClaimKind,
    Comparator,
    Role,
    Stance,
    StreakDirection,
    Unit,
)

#: The most a period taken from a parallel figure may be trusted (below the checker's
#: ``doubt_below`` in tolerances.toml: a flag resting on it is at most medium-confidence).
INFERRED_PERIOD_MAX = 0.7
#: The one place the extractor's version lives: stored claims and articles carry it.
EXTRACTOR_VERSION = "claims.rules.v13"
#: The learned step for figures no rule knows (``nlp.figure_model``); swapped out to measure
#: the rules alone.
learned_model: Callable[[], FigureModel | None] = shipped_model
BATCH_SIZE = 64
log = logging.getLogger(__name__)

__all__ = ["EXTRACTOR_VERSION", "extract_claims", "extract_many"]


def extract_claims(
    text: str, published: dt.date | None = None, *, article: str | None = None
) -> list[Claim]:
    """Every claim in ``text``; relative periods resolve against ``published``."""
    return next(extract_many([(text, published, article)]))


def extract_many(
    items: Iterable[tuple[str, dt.date | None, str | None]], *, batch_size: int = BATCH_SIZE
) -> Iterator[list[Claim]]:
    """One list of claims per (text, published, article) item, in order; a batch's texts
    share one pass of the tokenizer (``parse_texts``)."""
    batch: list[tuple[str, dt.date | None, str | None]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _run_batch(batch)
            batch = []
    if batch:
        yield from _run_batch(batch)


def _run_batch(batch: list[tuple[str, dt.date | None, str | None]]) -> Iterator[list[Claim]]:
    texts = [t if isinstance(t, str) else "" for t, _, _ in batch]
    try:
        parsed: list[Parsed | None] = list(parse_texts(texts))
    except Exception:  # one bad text must not cost the batch: retry one by one
        parsed = []
        for t in texts:
            try:
                parsed.append(parse_texts([t])[0])
            except Exception:
                log.exception("text analysis failed on a text of %d characters", len(t))
                parsed.append(None)
    for text, doc, (_, published, article) in zip(texts, parsed, batch, strict=True):
        yield [] if doc is None else _claims_or_fewer(doc, text, published, article)


def _claims_or_fewer(
    doc: Parsed, text: str, published: dt.date | None, article: str | None
) -> list[Claim]:
    """``claims_from_doc``, losing only what a bad part cannot give: a publication date
    that breaks date arithmetic (year 1, year 9999) costs the claims their resolved
    periods, not the claims; a non-finite figure costs its claim."""
    try:
        claims = claims_from_doc(doc, text, published, article)
    except (OverflowError, ValueError) as exc:
        if published is None:
            log.exception("claim assembly failed for %s", article or "a text")
            return []
        log.warning(
            "periods dropped for %s: publication date %s unusable (%s)",
            article or "a text",
            published,
            exc,
        )
        try:
            claims = claims_from_doc(doc, text, None, article)
        except Exception:
            log.exception("claim assembly failed for %s", article or "a text")
            return []
    except Exception:
        log.exception("claim assembly failed for %s", article or "a text")
        return []
    return [c for c in claims if finite(c.value, c.low, c.high, c.probability, c.stance_score)]


def claims_from_doc(
    doc: Parsed, text: str, published: dt.date | None, article: str | None
) -> list[Claim]:
    """Walk the sentences, keeping track of what the text is talking about."""
    mentions: list[Mention] = doc.mentions
    last_any: str | None = None
    last_kind: dict[str, str] = {}
    lines = _Lines(text)
    memory = _Memory(lines)
    # the session a bare move is about: the article's day, or for a piece written on a
    # weekend or an exchange holiday the session before it (no market moved on a Saturday)
    session_day = last_session(published) if published is not None else None
    session_named = False  # the session was named in the text ("On Thursday, ..."), not assumed
    headline_end = _headline_end(text)
    reference = published  # the day relative periods end: the article's, or one it pins
    reported = _reported_session(doc, headline_end, published)
    if reported is not None:
        # a next-day report ("Small caps rose on Monday", published Tuesday): its figures,
        # year-to-date and "over the past year" included, run to that session
        reference = session_day = reported
        session_named = True
    wire_day = _dateline_day(text, headline_end, published)
    if wire_day is not None:
        # "NEW YORK, Dec 3 (Reuters) -": the story was written that day, whatever the date the
        # copy was stored under; its relative periods end there
        reference = session_day = wire_day
        session_named = True
    # a note written before the open: its after-hours quotes are the session before its date
    before_open = (
        _previous_session(published)
        if published is not None
        and session_day == published
        and not session_named
        and _PRE_OPEN.search(text)
        and not _IN_SESSION.search(text)
        else None
    )
    # the session the article first names (or its dateline's, or the one its lede reports):
    # where bare moves go back to after a glance at another day and a span
    home: dt.date | None = session_day if session_named else None
    guessed: dict[int, Range] = {}  # undated moves' likely periods, given after de-duplication
    recap = _recap_span(text, published, headline_end)
    last_span_at = -9
    earlier_target: rules.Draft | None = None  # the last level target, for "this implies 12%"
    earlier_target_at = -9

    block: tuple[dt.date, dt.date, int] | None = None
    last_span: Range | None = None  # what "the same period" refers to
    span_base: dict[Range, str] = {}  # the base of each span a move was measured over
    results: Range | None = None  # the quarter whose results the article reports, once named
    told_quarter: Range | None = None  # a finished quarter the article says it reviews
    out: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    # A sentence read before, word for word, with the same names around it and the same
    # state of the article, gives the same periods and drafts: read once (the work per
    # sentence grows with its figures x its periods; repetitions would pay it each time).
    period_memo: dict[tuple[object, ...], list[Period]] = {}
    draft_memo: dict[tuple[object, ...], list[rules.Draft]] = {}
    transition_memo: dict[
        tuple[object, ...], tuple[dt.date | None, bool, Range | None, list[str]]
    ] = {}

    def periods_of(stext: str, masks: list[tuple[int, int]], headline: bool) -> list[Period]:
        key = (stext, reference, tuple(masks), headline)
        got = period_memo.get(key)
        if got is None:
            got = period_memo[key] = find_periods(stext, reference, masks, headline=headline)
        return got

    named_month: dt.date | None = None  # the first day of the month the text named last
    named_quarter: Range | None = None  # the quarter the text named last ("the third quarter")
    pinned_at: int | None = None  # the paragraph whose "as of <day>" pinned ``reference``
    mi = 0
    for si, (sent_start, sent_end) in enumerate(doc.sents):
        raw = doc.text[sent_start:sent_end]
        lead = len(raw) - len(raw.lstrip())
        stext = raw.strip()
        s0 = sent_start + lead
        if not stext:
            continue
        while mi < len(mentions) and mentions[mi].end <= s0:
            mi += 1
        smentions: list[Mention] = []
        j = mi
        while j < len(mentions) and mentions[j].start < s0 + len(stext):
            m = mentions[j]
            smentions.append(_moved(m, s0))
            j += 1
        found = doc.quantities[si]
        qs = [_shift(q, lead) for q in found]
        last_kind = memory.view(s0)
        fallback = _priced_fallback(_fallback(stext, smentions, last_any, last_kind), qs, last_kind)
        if fallback is None and not smentions and found and j < len(mentions):
            # nothing named yet: "During the session, the company reached $6.20 ... The
            # 52-week range on MGTX ...": the name the paragraph gives next (unsure)
            ahead = mentions[j]
            if not lines.break_between(s0, ahead.start) and not ahead.modifier:
                fallback = ahead.symbol  # picked as "discourse": confidence 0.5
        smentions = _with_anaphora(stext, smentions, last_kind)
        picked: list[str] = []
        yardsticks: set[str] = set()  # what the sentence's relative moves are measured against
        measured: set[str] = set()  # subjects of relative moves that name no yardstick
        masks = [(m.start, m.end) for m in smentions]
        held = _held(stext)
        wanted = bool(qs or held or _SESSION_HINT.search(stext) or _RESULTS_HINT.search(stext))
        periods = periods_of(stext, masks, s0 < headline_end) if wanted else []
        pinned = _pinned_day(periods, published)
        if pinned is not None and pinned != reference:
            # "(as of Sept. 3, 2025)": the article's figures are measured to that day, so
            # this sentence's and later relative periods end there
            reference = pinned
            pinned_at = lines.paragraph_of(s0)
            # the anchor keeps the day it pinned: "closed the last trading session at $92.57"
            # read again from that session would name the one before it
            anchors = {(p.start, p.end): p for p in periods if p.anchor}
            periods = [
                anchors.get((p.start, p.end), p)
                for p in periods_of(stext, masks, s0 < headline_end)
            ]
            if not session_named:
                session_day = last_session(reference)
        periods = _the_month_named(stext, periods, named_month)
        ended = _quarter_ended(stext, reference or published)
        if ended is not None and reference is not None and ended[1] < reference:
            told_quarter = ended  # "This letter reviews the quarter ended June 30"
        periods = _the_quarter_named(stext, periods, named_quarter, told_quarter)
        if before_open is not None and reference == published and periods:
            periods = _before_the_open(stext, periods, before_open, masks)
        if reference is not None and _QUARTER_WORD.search(stext):
            # "Small caps had a strong third quarter." (with or without a figure): the quarter
            # that "for the quarter" in a later sentence means
            named_here = periods if wanted else find_periods(stext, reference, masks)
            whole = [p for p in named_here if p.kind == "quarter" and p.first and p.last]
            if whole:
                named_quarter = (whole[-1].first, whole[-1].last)  # type: ignore[assignment]
        if not wanted and reference is not None:
            said = list(_FULL_MONTH.finditer(stext))
            if said:
                # "November was a choppy month for small caps.": no figure, but the month
                # that "for the month" in the next sentence means (read around the last
                # month named: the whole sentence's periods would cost a full pass)
                at = said[-1]
                near = stext[max(0, at.start() - 16) : at.end() + 16]
                named_month = _last_month_named(find_periods(near, reference), reference, near) or (
                    named_month
                )
        named_month = _last_month_named(periods, reference, stext) or named_month
        before_day, before_named = session_day, session_named
        if (
            ended is None
            and _RESULTS.search(stext)
            and any(p.kind == "fiscal" and not _compared_period(stext, p) for p in periods)
        ):
            results = None  # "Q2 FY2026 results": a fiscal quarter, no calendar guess for it
        else:
            results = (
                ended
                or _results_quarter(stext, periods)
                or _reported_on(stext, periods, reference or published)
                or results
            )
        recent_span = last_span if si - last_span_at <= 2 else None
        heading = None if s0 < headline_end else _heading_period(lines, s0, stext, published)
        if heading is not None:
            block = heading  # "Scoreboard (price return, 2025)" dates the lines below it
        elif block is not None and s0 >= block[2]:
            block = None
        for p in periods:
            if (
                p.kind in {"weekday", "relday"}
                and p.first is not None
                and not _PERIOD_MODIFIER.match(stext[p.end :])
                and _cause_clause_start(stext, p.start, qs) is None
                and not _DAYS_CLOSE.match(stext[p.end :])
                and not _EXTREME_DATED_AFTER.search(stext[max(0, p.start - 80) : p.start])
            ):
                # "On Thursday, ..." sets the session for what follows; "Wednesday's slide"
                # (a modifier of another move) and "its record close set Wednesday" (an
                # extreme's day) do not
                session_day, session_named = p.first, True
                if home is None:
                    home = p.first
        if qs or held:  # "Fed keeps rates unchanged": a decision with no figure
            block_range = (block[0], block[1]) if block is not None else None
            memo_key = (
                stext,
                id(found),  # the figures: one list per distinct sentence text and names
                tuple(
                    (m.start, m.end, m.symbol, m.kind, m.modifier, m.confidence) for m in smentions
                ),
                reference,
                s0 < headline_end,
                fallback,
                session_day,
                last_kind.get("index"),
                block_range,
                tuple((p.start, p.first, p.last) for p in periods),
            )
            # the same sentence in the same state again: all its claims are already out, and
            # what it does to the state is known (the drafts loop below is skipped)
            full_key = (
                memo_key,
                before_day,
                before_named,
                session_named,
                last_span,
                recent_span,
                home,
            )
            known = transition_memo.get(full_key)
            if known is not None:
                session_day, session_named, span, was_picked = known
                if span is not None:
                    last_span, last_span_at = span, si
                picked.extend(was_picked)
            cached = draft_memo.get(memo_key) if known is None else []
            if cached is None:
                cached = sentence_drafts(
                    stext,
                    qs,
                    smentions,
                    periods,
                    reference,
                    fallback,
                    session_day,
                    last_kind.get("index"),
                    block_range,
                )
                draft_memo[memo_key] = cached
            drafts = [_copy_draft(d) for d in cached]  # the loop below adjusts them
            drafts = [d for d in drafts if not _company_figure_on_index(d, stext)]
            if si - earlier_target_at == 1 and _POINTS_BACK.match(stext):
                _implied_from_earlier(drafts, stext, earlier_target, reference)
            # the sentence's first level target: "an average target of $3.50, a high of $5.50"
            first = next(
                (d for d in drafts if d.kind == "price_target" and d.unit in {"usd", "points"}),
                None,
            )
            if first is not None and first.value:
                earlier_target, earlier_target_at = first, si
            span = None
            if known is None and not any(d.kind in {"performance", "price_level"} for d in drafts):
                # "odds of 90%, from about 75% on Thursday": a day for another figure,
                # not the session the article reports on
                session_day, session_named = before_day, before_named
            for d in drafts:
                if (
                    d.extra.get("period_kind") == "session"
                    and session_named
                    and session_day is not None
                    and reference is not None
                    and d.period_start == d.period_end
                    and d.period_start in {reference, last_session(reference)}
                ):
                    # "On Tuesday, ..." then "it lost 1.1% by the close": that session's close
                    d.period_start = d.period_end = session_day
                    d.period_base = None
                    d.extra["period_confidence"] = 0.8
                if d.extra.get("same") and last_span is not None:
                    d.period_start, d.period_end = last_span
                    d.period_base = span_base.get(last_span)
                    d.extra["period_confidence"] = 0.7  # "over the same period": the last span
                guess = _guessed_period(
                    d, stext, periods, session_day, session_named, recap, recent_span, reference
                )
                if guess is not None and d.period_start is not None:
                    # a session the rules assumed, where a recap's headline span or the span
                    # just compared against ("In contrast, the S&P 500 slid 0.4%") fits better
                    d.period_start, d.period_end = guess
                    d.period_base = span_base.get(guess)
                    d.extra["period_confidence"] = 0.5
                d.extra.setdefault(
                    "period_confidence",
                    _period_confidence(d, periods, session_day if session_named else None),
                )
                if d.kind == "fundamental" and ended is not None:
                    # "revenue for the quarter ended Nov. 1": the stated fiscal quarter wins
                    d.period_start, d.period_end = ended
                    d.extra["period_confidence"] = 0.8
                elif (
                    d.kind == "fundamental"
                    and results is not None
                    and not any(
                        not _COMPARED_BEFORE.search(stext[max(0, f.start() - 70) : f.start()])
                        for f in _FORWARD_PERIOD.finditer(stext)
                    )
                ):
                    _running_quarter_to_reported(d, reference)
                    _base_year_is_no_period(d, stext)
                    _date_by_results(d, results)
                    _year_ago_amount(d, stext, results)
                elif d.kind == "fundamental" and reference is not None:
                    # "reported $3.40 EPS for the quarter": results are for a quarter that has
                    # ended, not the one running when the article was written
                    _running_quarter_to_reported(d, reference, _prev_quarter_of(reference))
                if d.extra.get("inherited"):
                    # a period read off another figure of the sentence is inferred, not
                    # stated: checkable, but never the ground for a high-confidence flag
                    pc = d.extra["period_confidence"]
                    if isinstance(pc, int | float):
                        d.extra["period_confidence"] = min(float(pc), INFERRED_PERIOD_MAX)
                if (
                    d.kind == "price_level"
                    and pinned_at is not None
                    and pinned_at != lines.paragraph_of(s0)
                    and d.as_of == reference
                    and not any(p.last == d.as_of for p in periods)
                ):
                    # "As of June 30, the top holdings ..." paragraphs earlier: a level the
                    # text does not date is read on that day, but only as a guess
                    pc = d.extra.get("period_confidence")
                    d.extra["period_confidence"] = min(
                        float(pc) if isinstance(pc, int | float) else 1.0, UNREAD_PERIOD_MAX
                    )
                if d.kind == "performance" and _unread_time_words(stext, periods, masks, d):
                    pc = d.extra["period_confidence"]
                    if isinstance(pc, int | float):
                        d.extra["period_confidence"] = min(float(pc), UNREAD_PERIOD_MAX)
                if (
                    d.kind == "performance"
                    and d.role != "streak"
                    and d.period_start is not None
                    and d.period_end is not None
                    and d.period_start != d.period_end
                ):
                    last_span = span = (d.period_start, d.period_end)
                    last_span_at = si
                    if d.period_base == START_CLOSE:
                        span_base[span] = START_CLOSE
                if d.subject != rules.RATE_SUBJECT:
                    # a sector slice's figure leaves the article talking about its index
                    within = d.extra.get("slice_of")
                    picked.append(within if isinstance(within, str) else d.subject)
                if d.kind == "performance" and d.benchmark:
                    yardsticks.add(d.benchmark)
                elif d.kind == "performance" and d.role == "relative":
                    measured.add(d.subject)
                if d.kind in {"fundamental", "valuation"}:
                    # after the discourse noted the whole index: the next sentence's "the
                    # index" is the whole again
                    _excluded_sector(d, stext)
                key = (
                    ClaimKind(d.kind),
                    d.subject,
                    d.value,
                    d.low,
                    d.high,
                    d.period_start,
                    d.period_end,
                    d.probability,  # "90% on FedWatch, 95% on Polymarket": two claims
                )
                if key not in seen:  # the same claim again: not built twice
                    seen.add(key)
                    claim = _to_claim(d, stext, text, s0, article)
                    out.append(claim)
                    if guess is not None and claim.period_start is None:
                        guessed[id(claim)] = guess
            if (
                known is None
                and span is not None
                and home is not None
                and session_day != home
                and not any(p.kind in {"weekday", "relday", "day"} for p in periods)
            ):
                # "On Thursday, the index sank 2.7%. For the week it is down 0.8%. IonQ
                # jumped 6%.": after a glance back at another session and a span, a bare move
                # is the article's own session again
                session_day, session_named = home, True
            if known is None:
                transition_memo[full_key] = (session_day, session_named, span, list(picked))
        if measured:
            # "The S&P 500 gained 0.6%, so small caps trailed by 0.2 points": the other
            # subjects of the sentence are what the relative move is measured against
            yardsticks.update(s for s in picked if s not in measured)
        last_any, last_kind = _update_discourse(
            smentions, picked, fallback, stext, last_any, last_kind, yardsticks
        )
        kinds_seen: set[str] = set()
        for n, m in enumerate(x for x in smentions if not x.modifier):
            # a sentence's first index is what it says about indices, even after a group
            # ("Small-cap shares pushed higher, and the Russell 2000 finished up 1.9%")
            first_of_kind = m.kind == "index" and m.kind not in kinds_seen
            kinds_seen.add(m.kind)
            memory.note(m.kind, m.symbol, s0 + m.start, subject=n == 0 or first_of_kind)
    if "|" in text or "  " in text or "\t" in text:
        table = _table_claims(text, published, mentions, article, seen)
        # a row's cell is read under its column's header: the sentence reading of the same
        # figure on that row (which knows no columns) gives way
        cells = {(c.subject, c.value, c.start) for c in table}
        out = [
            c
            for c in out
            if not (c.kind == ClaimKind.performance and (c.subject, c.value, c.start) in cells)
        ]
        out.extend(table)
    kept = _drop_undated_repeats(_small_caps_as_index(out, mentions))
    kept = _levels_on_their_scale(kept, mentions, published)
    for c in kept:
        # an undated move that repeats no dated figure: the span of a recap's headline, the
        # span just compared against, or the session the article reports on (all unsure)
        if id(c) in guessed and c.period_start is None:
            c.period_start, c.period_end = guessed[id(c)]
            c.period_base = span_base.get(guessed[id(c)], PRIOR_CLOSE)
            c.period_confidence = 0.5
    return _drop_undated_repeats(kept)


#: A note written before the session opens ("Russell 2000 futures are up 0.3% in premarket
#: trading", "Good morning", "ahead of the open").
_PRE_OPEN = re.compile(
    r"\bpre-?market\b|\bbefore\sthe\s(?:opening\s)?(?:bell|open)\b|\bahead\sof\sthe\s(?:open|bell)\b"
    r"|\bgood\smorning\b|\bmorning\s(?:call|note|briefing|report)\b"
    r"|\bfutures\s(?:are|were)\s(?:up|down|higher|lower|flat|pointing|indicated|indicating)\b",
    re.I,
)
#: Words that speak from inside or after the session: the note is no pre-open one.
_IN_SESSION = re.compile(
    r"\b(?:this|in\s(?:the\s)?)\s?afternoon\b|\bmidday\b|\bat\sthe\sclose\b|\bclosing\sbell\b"
    r"|\bin\s(?:late|afternoon|midday)\strading\b|\btoday['’]s\ssession\b|\bintraday\b"
    r"|\bended\sthe\sday\b",
    re.I,
)
_AFTER_THE_BELL = re.compile(
    r"after[\s-]hours|after\sthe\s(?:closing\s)?bell|extended[\s-]hours|post[\s-]?market", re.I
)


def _before_the_open(
    stext: str, periods: list[Period], prior: dt.date, masks: list[tuple[int, int]]
) -> list[Period]:
    """A pre-open note's "after the bell" is the after-hours of the session before its date
    (a quote outside that session: still unsure). Its counts of sessions still end at its
    date, the annotation rule for spans."""
    again: list[Period] | None = None
    out = []
    for p in periods:
        if p.kind == "extended_hours" and _AFTER_THE_BELL.search(stext[p.start : p.end]):
            if again is None:
                again = find_periods(stext, prior, masks)
            same = next((x for x in again if (x.start, x.kind) == (p.start, p.kind)), None)
            if same is not None:
                p = same
        out.append(p)
    return out


#: "during the quarter", "for the quarter": the running one, unless the article reviews another
_DURING_THE_QUARTER = re.compile(
    r"\b(?:in|during|for|over|through(?:out)?|across)\s(?:the|this)\squarter\b(?!['’-])", re.I
)
_HISTORICAL = re.compile(
    r"\bhistoric(?:al)?(?:ly)?\b|\bon average\b|\btypically\b|\btends? to\b|\busually\b"
    r"|\b(?:the|an|on)\saverage\b|\bin the past,",
    re.I,
)
_COMPARED = re.compile(
    r"\b(?:in|by|for)\s(?:contrast|comparison)\b|\bmeanwhile\b|\bcompared\s(?:with|to)\b"
    r"|\bversus\b|\blagg(?:ed|ing)\b|\btrail(?:ed|ing)\b",
    re.I,
)


#: Words that put an article's writing inside a session ("today", "this afternoon", "at the
#: time of writing", "in early trading") or count days from its own date ("yesterday"):
#: its figures run to its own day.
_PRESENT = re.compile(
    r"\btoday\b|\btoday['’]s\b|\btonight\b|\byesterday\b|\byday\b"
    r"|\bthis\s(?:morning|afternoon|evening)\b"
    r"|\b(?:at|as of)\s(?:the\stime\sof\s)?(?:this\s)?writing\b"
    r"|\bin\s(?:early|late|morning|midday|afternoon|pre-?market)\strading\b|\bpre-?market\b"
    # a morning note speaks before the session: "futures were up 0.4% before the bell"
    r"|\b(?:before|ahead\sof)\sthe\s(?:opening\s)?(?:bell|open)\b"
    # a wire from inside the session: "shortly after the open", "at last check", "at midday"
    r"|\b(?:shortly|just|soon)\safter\sthe\s(?:open|opening\sbell)\b|\bin\sthe\sfirst\shour\b"
    r"|\bat\s(?:last\scheck|midday|mid-?session|the\stime\sof\spublication)\b",
    re.I,
)
#: How many sentences of the body (after the headline) may name the session it reports on.
_LEDE_SENTENCES = 2


_THE_MONTH = re.compile(r"\b(?:the|that)\smonth\b", re.I)
_FULL_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)


def _the_month_named(
    stext: str, periods: list[Period], named_month: dt.date | None
) -> list[Period]:
    """ "August was the turning point: ... finished the month up 7%": "the month" is the one
    the text just named (in this sentence, else the last one named), not the calendar's last
    or current month; unsure, as any reading of a reference is."""
    out = []
    for p in periods:
        if p.kind in {"finished", "current"} and _THE_MONTH.search(stext[p.start : p.end]):
            own = [
                o.first
                for o in periods
                if o.kind in {"month", "day"} and o.first is not None and o.end <= p.start
            ]
            month = own[-1].replace(day=1) if own else named_month
            if month is not None and (p.first is None or p.first.replace(day=1) != month):
                end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
                if p.last is not None and end > p.last:
                    end = p.last  # the month still running: to the day the text speaks from
                p = dataclasses.replace(p, first=month, last=end, confidence=min(p.confidence, 0.7))
        out.append(p)
    return out


_THE_QUARTER = re.compile(r"\b(?:the|that)\squarter\b", re.I)
#: A sentence that may name a quarter ("third quarter", "Q3", "3Q25", "the September quarter").
_QUARTER_WORD = re.compile(r"\bquarter\b|\bQ[1-4]\b|\b[1-4]Q(?:\d\d)?\b", re.I)


def _the_quarter_named(
    stext: str, periods: list[Period], named_quarter: Range | None, told: Range | None
) -> list[Period]:
    """ "Small caps had a strong third quarter. The Russell 2000 advanced 12.4% for the
    quarter": "the quarter" is the one the text named (in this sentence, else the last one),
    not the calendar's running quarter; unsure, as any reading of a reference is. A letter
    that says which finished quarter it reviews (``told``: "reviews the quarter ended June
    30") means that one by "during the quarter", and by "this quarter" too."""
    out = []
    for p in periods:
        said = stext[p.start : p.end] if p.kind == "current" else ""
        named: tuple[dt.date | None, dt.date | None] | None = None
        if _THE_QUARTER.search(said):
            own = [
                (o.first, o.last)
                for o in periods
                if o.kind == "quarter" and o.first is not None and o.end <= p.start
            ]
            named = own[-1] if own else named_quarter
        finished = told is not None and p.first is not None and told[1] < p.first
        if finished and _DURING_THE_QUARTER.search(stext) and (named is None or "this" in said):
            named = told
        if named is not None and named[0] is not None and named[0] != p.first:
            first, last = named
            if p.last is not None and last is not None and last > p.last:
                last = p.last  # the quarter still running: to the day the text speaks from
            p = dataclasses.replace(p, first=first, last=last, confidence=min(p.confidence, 0.7))
        out.append(p)
    return out


#: A month that names a past extreme or meeting ("the September lows", "its April 2025
#: peak", "the March meeting") is an anchor, not the month the text is reporting on.
_MONTH_AS_ANCHOR = re.compile(
    r"^\s*(?:\d{4}\s)?(?:lows?|highs?|peaks?|troughs?|bottoms?|tops?|meetings?)\b", re.I
)


def _last_month_named(
    periods: list[Period], reference: dt.date | None, text: str
) -> dt.date | None:
    """The first day of the month the sentence (``text``) named last ("In August, ...", "on
    August 22"); not a month that only names an extreme or a meeting."""
    named = [
        p.first
        for p in periods
        if p.kind in {"month", "day"}
        and p.first is not None
        and (reference is None or p.first <= reference)
        and not _MONTH_AS_ANCHOR.match(text[p.end : p.end + 20])
    ]
    return named[-1].replace(day=1) if named else None


def _previous_session(day: dt.date) -> dt.date:
    return last_session(day - dt.timedelta(days=1))


def _reported_session(doc: Parsed, headline_end: int, published: dt.date | None) -> dt.date | None:
    """The session a next-day report is about, when its lede names it.

    The article's opening sentences name the session before the article's date ("The
    Russell 2000 reached a record on Monday", published on Tuesday; "In a Tuesday note ...",
    published on Wednesday) and nothing in the text speaks from inside a session ("today",
    "this afternoon"): the piece reports on that session, so its relative periods ("this
    year", "over the past year", "since 5 November") end there, as the annotation rule's
    "a date the article itself anchors" does.
    """
    if published is None or _PRESENT.search(doc.text) or last_session(published) != published:
        # a weekend's or a holiday's piece: no session lies between the one it reports and
        # its own date, so its spans end at its date (the annotation rule), not moved back
        return None
    if published.weekday() == 4 and _WEEK_DONE.search(doc.text):
        return None  # a Friday's weekly letter ("closed the week down 4%"): Friday's close
    want = _previous_session(published)
    if _names_the_day(doc.text, published):
        return None  # "rallied on Tuesday ... and another 1.98% on Wednesday": the article's day
    seen = 0
    for a, b in doc.sents:
        if a < headline_end or len(doc.text[a:b].split()) < 6:
            continue  # the headline, a byline, a dateline
        seen += 1
        if seen > _LEDE_SENTENCES:
            break
        stext = doc.text[a:b]
        for p in find_periods(stext, published):
            if _DAYS_CLOSE.match(stext[p.end :]):
                continue  # "down 3% from Thursday's close": the base of today's move
            if p.kind in {"weekday", "relday", "day"} and p.first is not None:
                # the first session the lede names ("rose 1.6% on Thursday, erasing its 2%
                # drop Wednesday": Thursday's report)
                return want if p.first == p.last == want else None
    return None


#: A week spoken of as finished: a weekly wrap written after Friday's close.
_WEEK_DONE = re.compile(
    r"\b(?:closed|ended|finished|wrapped\sup)\s(?:out\s)?the\sweek\b|\b(?:for|on)\sthe\sweek\b",
    re.I,
)
_WEEKDAY_NAME = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday)\b", re.I)


def _names_the_day(text: str, published: dt.date) -> bool:
    """Whether the text names the article's own day ("on Wednesday", published Wednesday)."""
    name = calendar.day_name[published.weekday()]
    return any(m.group(0).capitalize() == name for m in _WEEKDAY_NAME.finditer(text))


#: A sentence with no figure that may name the quarter of the results reported later.
_RESULTS_HINT = re.compile(r"\bquarter|\b[1-4]Q\b|\bQ[1-4]\b", re.I)
#: Words that make a quarter the one a company reports results for.
_RESULTS = re.compile(
    r"\b(?:results?|earnings|reported|reports|revenue|sales|bookings|eps|per\sshare|"
    r"net\s(?:income|loss)|quarter\sperformance|guidance)\b",
    re.I,
)


def _results_quarter(stext: str, periods: list[Period]) -> Range | None:
    """The quarter a sentence names as the one results are reported for ("its third-quarter
    results", "second-quarter revenue of $5.5 million"), if any."""
    if not _RESULTS.search(stext):
        return None
    for p in periods:
        if p.kind == "quarter" and p.first is not None and p.last is not None:
            if _compared_period(stext, p):
                continue  # "up 11.8% from $190.0 million in the second quarter of fiscal 2025"
            return p.first, p.last
    return None


#: A quarter or year still ahead: estimates for it are not the reported quarter's figures.
_FORWARD_PERIOD = re.compile(
    r"\b(?:next|coming|upcoming|current|following|this)\s(?:fiscal\s)?(?:quarter|year)\b|"
    r"\bfull[- ](?:fiscal[- ])?year\b|\bfiscal\s(?:year\s)?20\d\d\b|\bFY\s?'?\d\d\b",
    re.I,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_QUARTER_ENDED = re.compile(
    r"\b(?:quarter|three months|3 months|period),?\s(?:(?:that|which)\s)?"
    r"(?:end(?:ed|ing|s)|closed)\s"
    r"(?:on\s)?(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s(?P<day>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s(?P<year>(?:19|20)\d\d)\b)?",
    re.I,
)


def _quarter_ended(stext: str, published: dt.date | None) -> Range | None:
    """The quarter a sentence dates by its last day ("the quarter ended Nov. 1", "the three
    months ended September 2025"): a quarter ending on a month's last day runs from the
    first of the month two before; one ending on another day is a 13-week fiscal quarter
    (91 days, as retailers and chip makers keep them)."""
    m = _QUARTER_ENDED.search(stext)
    if m is None:
        return None
    month = _MONTHS.index(m.group("mon").lower()[:3]) + 1
    today = published or dt.date.today()
    year = int(m.group("year")) if m.group("year") else today.year
    last_day = calendar.monthrange(year, month)[1]
    day = int(m.group("day")) if m.group("day") else last_day
    if not 1 <= day <= last_day:
        return None
    end = dt.date(year, month, day)
    if not m.group("year") and end > today:
        end = dt.date(year - 1, month, min(day, calendar.monthrange(year - 1, month)[1]))
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        start_month = (end.month - 3) % 12 + 1
        start_year = end.year - (1 if end.month <= 2 else 0)
        return dt.date(start_year, start_month, 1), end
    return end - dt.timedelta(days=90), end


def _between_first(span: str, last: dt.date) -> dt.date | None:
    """ "between March 31 and June 30" for a balance: from the first day stated (a price
    change between two closes starts the session after it, ``nlp.periods``)."""
    m = re.match(
        r"between\s(?:\w+day,?\s)?(?P<mon>[a-z]{3})[a-z]*\.?\s(?P<day>\d{1,2})\b", span, re.I
    )
    if m is None or m.group("mon").lower() not in _MONTHS:
        return None
    month, day = _MONTHS.index(m.group("mon").lower()) + 1, int(m.group("day"))
    year = last.year if (month, day) <= (last.month, last.day) else last.year - 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


#: A sentence whose subject is a company the lexicon does not know, reporting results:
#: "Nvidia reported revenue of $57 billion", "A chipmaker that reported earnings of 45 cents".
_UNNAMED_COMPANY_REPORTS = re.compile(
    r"^(?:(?!(?:The|It|Its|This|That|These|Those|Small|Smaller|Large|Analysts|Investors|"
    r"Earnings|Revenue|Sales|Profits?|Consensus|Estimates?|Overall|Aggregate|In|For|On|At|"
    r"With|After|As|While|So|But|And|Russell|S&P|Nasdaq|Dow)\b)[A-Z][\w&.'’-]+(?:\s[A-Z][\w&.'’-]+)"
    r"{0,3}(?:['’]s)?|(?:A|An|One|Another)\s(?:[\w-]+\s){0,3}?(?:company|maker|chipmaker|firm|"
    r"lender|bank|retailer|developer|provider|supplier|producer|operator|insurer|biotech|"
    r"name|stock|member|constituent))\s(?:[\w,'’-]+\s){0,4}?(?:that\s)?(?:reported|reports|"
    r"posted|posts|earned|earns|delivered|beat|missed|guided|lost|booked|generated|swung|"
    r"topped|said)\b"
)


def _company_figure_on_index(d: rules.Draft, stext: str) -> bool:
    """A company's result read onto the index the article talks about: "Nvidia reported
    revenue of $57 billion" (a name the lexicon does not know, so the subject came from the
    discourse) is no fundamental of the Russell 2000. Per-share earnings under $50 and
    dollar amounts of revenue or income are a company's scale; any figure is when the
    sentence's own subject is an unknown company reporting results."""
    if d.kind != "fundamental":
        return False
    if not (d.subject.startswith("^") or d.subject.endswith("=F") or d.subject.islower()):
        return False
    size = next((v for v in (d.value, d.low, d.high) if v is not None), None)
    company_scale = d.unit == "usd_millions" or (
        d.unit == "usd_per_share" and size is not None and abs(size) < 50
    )
    if d.extra.get("subject_rule") not in {"discourse", "pronoun, discourse"}:
        # "In the Russell 2000, Opendoor reported a net loss of $90 million, or 12 cents a
        # share": an unknown company reporting right before a company-scale figure owns it
        # ("FactSet reported that S&P 600 earnings grew 5%" leaves a rate to the index)
        reporters = list(_COMPANY_REPORTED.finditer(stext[: d.q_start]))
        reporter = reporters[-1] if reporters else None
        return (
            company_scale
            and reporter is not None
            and not _INDEX_WORDS.search(reporter.group("who"))
            and not _AGGREGATE_WORDS.search(stext[reporter.end() : d.q_start])
        )
    if _UNNAMED_COMPANY_REPORTS.match(stext):
        return True
    if _AGGREGATE_WORDS.search(stext):
        return False  # "aggregate net income for Russell 2000 members came to $48 billion"
    return company_scale


#: A capitalised name reporting results: "Opendoor reported", "Quillon Labs posted".
_COMPANY_REPORTED = re.compile(
    r"(?<![\w.])(?P<who>[A-Z][a-z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]+){0,3})\s(?:also\s)?"
    r"(?:reported|posted|earned|delivered|booked|generated|swung\sto)\b"
)
_INDEX_WORDS = re.compile(
    r"\b(?:Russell|S&P|Nasdaq|Dow|Index|Small|Smaller|Large|Companies|Members|Analysts|"
    r"It|The|This|That|They|Investors|Banks)\b"
)
#: Words that make a dollar figure an index's or a group's sum.
_AGGREGATE_WORDS = re.compile(
    r"\b(?:aggregate|combined|total|blended|members|constituents|components|companies|"
    r"index|indices|sector|group|universe|small[- ]caps?|benchmark)\b",
    re.I,
)


#: A company's report of a quarter, said without naming it: "Matson last posted its
#: quarterly earnings data on Monday, November 3rd", "reported its latest quarterly results".
_REPORTED_QUARTERLY = re.compile(
    r"\b(?:posted|reported|released|announced|issued|published|unveiled)\s(?:its|their|the\s"
    r"(?:company|firm|business)['’]s)\s(?:latest\s|most\srecent\s|last\s)?(?:quarterly|"
    r"earnings)\s(?:earnings\s)?(?:results|report|data|numbers|figures|earnings)\b",
    re.I,
)
#: A comparison word right before a period: "up 11.8% from $190.0 million in the second
#: quarter of fiscal 2025" names the year-ago quarter, not the one reported.
_COMPARED_BEFORE = re.compile(
    r"\b(?:from|versus|vs\.?|compared\s(?:with|to)|against|than)\b[^;]{0,60}$", re.I
)


def _compared_period(stext: str, p: Period) -> bool:
    """Whether a period stands in a comparison's second half ("from $190.0 million in the
    second quarter of fiscal 2025"): the base compared against, not the reported period."""
    return bool(_COMPARED_BEFORE.search(stext[max(0, p.start - 70) : p.start]))


def _prev_quarter_of(day: dt.date) -> Range:
    """The last calendar quarter that ended before ``day``."""
    first = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    last = first - dt.timedelta(days=1)
    start = dt.date(last.year, 3 * ((last.month - 1) // 3) + 1, 1)
    return start, last


def _reported_on(stext: str, periods: list[Period], today: dt.date | None) -> Range | None:
    """The quarter a report without a named quarter covers ("posted its quarterly earnings
    data on Monday, November 3rd"): the last calendar quarter ended before the report's day
    (a guess for fiscal calendars, so read on the calendar like ``_quarter_ended``)."""
    if today is None or not _REPORTED_QUARTERLY.search(stext):
        return None
    days = [p.first for p in periods if p.first is not None and p.first == p.last]
    return _prev_quarter_of(days[0] if days else today)


def _running_quarter_to_reported(
    d: rules.Draft, reference: dt.date | None, fallback: Range | None = None
) -> None:
    """ "revenue of $880.1 million during the quarter": the running quarter read off "the
    quarter" is the reported one for a company's results (the one ``_date_by_results`` then
    gives, else ``fallback``)."""
    if (
        reference is None
        or d.extra.get("period_kind") != "current"
        or d.period_start is None
        or d.period_end != reference
        or d.period_start.day != 1
        or d.period_start.month not in {1, 4, 7, 10}
        or (reference - d.period_start).days > 92
    ):
        return
    d.period_start = d.period_end = None
    if fallback is not None:
        d.period_start, d.period_end = fallback
        d.extra["period_confidence"] = 0.5


#: A year-ago amount: "year-ago revenues of $181.7 million", "$0.39 per share a year ago",
#: "During the same quarter in the prior year, the firm earned $4.22".
_YEAR_AGO_BEFORE = re.compile(
    r"(?:\byear[- ]ago\s(?:[\w-]+\s){0,2}(?:of\s)?(?:about\s|roughly\s)?(?:US)?\$?$|"
    r"^(?:during|in|for)\s(?:the\s)?(?:same|comparable|year[- ]ago|prior[- ]year)\s"
    r"(?:quarter|period)\b[^;]*$)",
    re.I,
)
_YEAR_AGO_AFTER = re.compile(
    r"^[^,;]{0,25}?\b(?:a\syear\s(?:ago|earlier|before)|in\sthe\s(?:year[- ]ago|prior[- ]year)\s"
    r"(?:quarter|period))\b",
    re.I,
)


#: The base of a year-over-year change: "down 7.5% from a year earlier", "than a year ago".
_BASE_YEAR = re.compile(
    r"\b(?:from|than|versus|vs\.?|compared\s(?:with|to)|over)\s(?:a|the|one)\s(?:year|quarter)\s"
    r"(?:earlier|ago|before)\b",
    re.I,
)


def _base_year_is_no_period(d: rules.Draft, stext: str) -> None:
    """ "revenue of $857.5 million, down 7.5% from a year earlier": the year the change is
    measured against is no trailing year of the figure; the reported quarter dates it."""
    if (
        d.unit == "pct"
        and d.extra.get("period_kind") == "past"
        and d.period_start is not None
        and d.period_end is not None
        and 360 <= (d.period_end - d.period_start).days <= 370
        and _BASE_YEAR.search(stext)
    ):
        d.period_start = d.period_end = None


def _year_ago_amount(d: rules.Draft, stext: str, results: Range) -> None:
    """An amount stated for the year-ago quarter takes the reported quarter a year back (a
    change "from a year earlier" keeps the reported quarter)."""
    if d.unit not in {"usd", "usd_per_share", "usd_millions"}:
        return
    left, right = stext[: d.q_start], stext[d.q_start :]
    num = re.match(r"[-−$\d.,\s]*(?:million|billion|bn|mn)?", right)
    after = right[num.end() if num else 0 :]
    if (
        _YEAR_AGO_BEFORE.search(left[-60:])
        or (_YEAR_AGO_BEFORE.search(left) and left[:1].isupper() and "," in left)
        or _YEAR_AGO_AFTER.match(after)
    ):
        start, end = results
        try:
            d.period_start = start.replace(year=start.year - 1)
            d.period_end = end.replace(year=end.year - 1)
        except ValueError:  # a fiscal quarter ending on February 29
            d.period_start, d.period_end = (
                start - dt.timedelta(days=365),
                end - dt.timedelta(days=365),
            )
        d.extra["period_confidence"] = 0.5


def _date_by_results(d: rules.Draft, results: Range) -> None:
    """Date a fundamental by the quarter whose results the article reports.

    "IonQ surged after its third-quarter results. Revenue rose 103% year-over-year": the
    revenue is the third quarter's. "Bookings of $32.2 million year-to-date", reported with
    a quarter's results, run from January 1 to that quarter's end. With no such quarter in
    or before its sentence a fundamental keeps the period its own words give, or none.
    """
    if d.period_start is None:
        d.period_start, d.period_end = results
        d.extra["period_confidence"] = 0.6  # read off the article's reporting quarter
    elif d.extra.get("period_kind") == "ytd":
        d.period_start, d.period_end = dt.date(results[1].year, 1, 1), results[1]


def _recap_span(text: str, published: dt.date | None, headline_end: int) -> Range | None:
    """A headline naming a finished multi-day period ("1Q25 Small-Cap Recap"): the span the
    article's undated moves most likely cover."""
    if published is None or headline_end == 0:
        return None
    head = text[:headline_end]
    for p in find_periods(head, published, headline=True):
        if p.first and p.last and p.first != p.last and p.last < published and not p.anchor:
            if _EVENT_AFTER.match(head[p.end :]):
                continue  # "bets on a January rate cut": when an event is due, not a span
            return p.first, p.last
    return None


#: An event right after a period in a headline: the period says when it happens.
_EVENT_AFTER = re.compile(
    r"['’]?s?\s(?:[\w-]+\s){0,2}?(?:cuts?|hikes?|meetings?|decisions?|reports?|earnings|"
    r"results|payrolls|CPI|jobs|minutes|FOMC|data|print|reading|auction|vote|election)\b",
    re.I,
)


def _guessed_period(
    d: rules.Draft,
    stext: str,
    periods: list[Period],
    session_day: dt.date | None,
    session_named: bool,
    recap: Range | None,
    recent_span: Range | None,
    reference: dt.date | None = None,
) -> Range | None:
    """The period to give a move the sentence dates with no expression of its own, if any.

    An undated move gets one; so does a move the rules gave the article's session by default
    (not a session the text named), when a compared span or a recap headline fits better.
    """
    if d.kind != "performance" or d.role in {"streak", "from_high"} or d.extra.get("unresolved"):
        return None
    if d.period_start is None and _HISTORICAL.search(stext):
        return None  # "historically, such phases preceded 30% rallies": no concrete period
    if d.period_start is not None:
        if d.period_start != d.period_end or d.period_start != session_day:
            return None
        if session_named or any(p.first == d.period_start for p in periods):
            return None
    if recent_span is not None and (
        _COMPARED.search(stext) or (not session_named and reference and recent_span[1] < reference)
    ):
        # the span just compared against ("In contrast, the S&P 500 slid 0.4%"), or a finished
        # span the text just narrated ("rose 2% between January 9 and 16. The S&P 400
        # advanced 1.3%"); after "so far this year" a bare "rose 1.1%" is the session
        return recent_span
    if recap is not None:
        return recap
    if d.period_start is None and session_day is not None:
        return session_day, session_day
    return None


#: Periods that run back from the reference day by a span ("the past three months").
_SPAN_TO_REFERENCE = frozenset({"past", "streak", "to_date"})


def _dateline_day(text: str, headline_end: int, published: dt.date | None) -> dt.date | None:
    """The day a wire's dateline at the head of the body names, if any."""
    if published is None:
        return None
    body = text[headline_end:].lstrip()
    for p in find_periods(body[: body.find("\n") if "\n" in body else 200], published):
        if p.kind == "dateline" and p.first is not None:
            return p.first
    return None


def _pinned_day(periods: list[Period], published: dt.date | None) -> dt.date | None:
    """The day an "as of <day>" anchor pins, when it is at most a month before publication."""
    if published is None:
        return None
    for p in periods:
        day = p.last if p.anchor and p.first == p.last else None
        if day is not None and 0 <= (published - day).days <= 31:
            return day
    return None


def _headline_end(text: str) -> int:
    """End of the headline: a short first line standing on its own (0 when there is none)."""
    nl = text.find("\n")
    first = text[:nl].strip() if nl > 0 else ""
    return nl if 0 < len(first) <= 160 and not first.endswith(".") else 0


def _period_confidence(
    d: rules.Draft, periods: list[Period], named_session: dt.date | None
) -> float | None:
    """How sure the draft's period is: the confidence of the expression it was read from.

    A period no expression in the sentence gives (a bare move dated to the article's day, a
    streak counted back, a figure sharing another sentence's span) is a guess: 0.5, below
    ``PERIOD_SURE_MIN``; a bare move on a session the text named before is 0.8.
    """
    if d.period_start is None and d.period_end is None:
        return None
    dated = [p for p in periods if p.first is not None]
    exact = [p.confidence for p in dated if (p.first, p.last) == (d.period_start, d.period_end)]
    if exact:
        return max(exact)
    # "over the past month (as of Sept. 3)": one end read from an expression, one from an anchor
    part = [p.confidence for p in dated if d.period_start in (p.first, p.last)]
    part += [p.confidence for p in dated if p.anchor and p.last == d.period_end]
    if part:
        return max(part)
    if named_session is not None and d.period_start == d.period_end == named_session:
        return 0.8
    return 0.5


#: The most a period may be trusted when the sentence holds time words no period expression
#: read ("over the five sessions" left to the article's day): below ``PERIOD_SURE_MIN``.
UNREAD_PERIOD_MAX = 0.5
# words that state a span or a date; "52-week" and "200-day" (attributes) are not among them
_TIME_WORDS = re.compile(
    r"(?<![\d-])\b(?:sessions?|(?:trading\s+)?days|weeks?|months?|quarters?|years?|"
    r"decades?|since|through|ytd|year-to-date|so\s+far|stretch|weekly|monthly|quarterly|"
    r"annual(?:ly|ized)?)\b",
    re.IGNORECASE,
)


def _unread_time_words(
    stext: str, periods: list[Period], masks: list[tuple[int, int]], d: rules.Draft
) -> bool:
    """Whether a performance draft's period is a default while the sentence says when.

    A move dated to the article's (or a named) day because no expression was understood,
    in a sentence that does name a span ("over the five sessions", "across the stretch"),
    is a misreading waiting to become a false flag: its period is kept but made unsure.
    Periods read from an expression (their dates equal the draft's) are left alone.
    """
    if d.period_start is None or d.period_end is None:
        return False
    if any(
        p.first is not None and (p.first, p.last) == (d.period_start, d.period_end) for p in periods
    ):
        return False
    read = [(p.start, p.end) for p in periods] + masks
    return any(not any(a <= m.start() < b for a, b in read) for m in _TIME_WORDS.finditer(stext))


#: Between a dollar change and the percentage restating it: ", or ", " (", " or ".
_AFTER_DOLLARS = re.compile(r",?\s*(?:or\s*)?\(?\s*")


def _dollar_change_direction(text: str, q: Quantity) -> int:
    """-1 / +1 when ``q`` is the size of a move in dollars ("fell $0.42"), else 0."""
    m = DOLLAR_CHANGE.search(text[max(0, q.start - 40) : q.start])
    if m is None:
        return 0
    return -1 if rules._MOVE_DOWN.search(m.group(0)) else 1


def _heading_period(
    lines: _Lines, s0: int, stext: str, published: dt.date | None
) -> tuple[dt.date, dt.date, int] | None:
    """(first, last, end of block) when ``stext`` is a heading line that names a period.

    A heading is a short line of its own, not ending like a sentence, with more lines
    directly under it ("Scoreboard (price return, 2025)", "Q3 returns:"); the block runs to
    the next blank line.
    """
    if published is None or "\n" in stext or len(stext) > 80 or stext[-1:] in ".!?":
        return None
    text = lines.text
    end = s0 + len(stext)
    line_start = text.rfind("\n", 0, s0) + 1
    if not _LINE_BELOW.match(text, end) or text[line_start:s0].strip(_BULLETS):
        return None  # a heading stands at the start of its line (after a bullet, if any)
    rng = _heading_range(stext, published)
    if rng is None:
        return None
    blank = lines.next_blank(end)
    return rng[0], rng[1], blank if blank is not None else len(text)


@lru_cache(maxsize=4096)
def _heading_range(stext: str, published: dt.date) -> tuple[dt.date, dt.date] | None:
    """The period a heading line names (a table's rows repeat theirs: read once)."""
    for p in find_periods(stext, published):
        if p.first is not None and p.last is not None and not p.anchor:
            return p.first, p.last
    year = re.search(r"\b((?:19|20)\d\d)\b", INDEX_NAMES.sub("", stext))
    if not year or re.search(r"\d[\d,.]*\s*%", stext):
        return None
    y = int(year.group(1))
    if y > published.year:
        return None
    return dt.date(y, 1, 1), min(dt.date(y, 12, 31), published)


_BULLETS = " \t•·*-–"  # what may stand before a heading on its line ("  • 6-month returns")
_LINE_BELOW = re.compile(r"[ \t]*\n[ \t]*\S")
_BLANK_LINE = re.compile(r"\n(?=[ \t]*\n)")


class _Lines:
    """Where a text's line breaks and blank lines are, asked about at every sentence:
    slicing the text from a sentence onwards each time would be quadratic."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks: list[int] | None = None
        self._blanks: list[int] | None = None

    def paragraph_of(self, at: int) -> int:
        """How many blank lines come before ``at``: the paragraph's number."""
        if self._blanks is None:
            self._blanks = [m.start() for m in _BLANK_LINE.finditer(self.text)]
        return bisect.bisect_left(self._blanks, at)

    def break_between(self, a: int, b: int) -> bool:
        """Whether ``text[a:b]`` holds a line break."""
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._breaks, a) < bisect.bisect_left(self._breaks, b)

    def next_blank(self, at: int) -> int | None:
        """Where the first blank line at or after ``at`` starts (its line break), if any."""
        if self._blanks is None:
            self._blanks = [m.start() for m in _BLANK_LINE.finditer(self.text)]
        i = bisect.bisect_left(self._blanks, at)
        return self._blanks[i] if i < len(self._blanks) else None


def _copy_draft(d: rules.Draft) -> rules.Draft:
    """A draft to adjust, leaving the remembered one as it was (``copy.copy`` and
    ``dataclasses.replace`` cost ten times more, per figure of a long text)."""
    out = object.__new__(rules.Draft)
    out.__dict__.update(d.__dict__)
    out.extra = dict(d.extra)
    return out


def _moved(m: Mention, s0: int) -> Mention:
    """``m`` with offsets relative to a sentence starting at ``s0`` (a fast ``replace``)."""
    out = object.__new__(Mention)
    out.__dict__.update(m.__dict__)
    out.start, out.end = m.start - s0, m.end - s0
    return out


def _table_claims(
    text: str,
    published: dt.date | None,
    mentions: list[Mention],
    article: str | None,
    seen: set[tuple[object, ...]],
) -> list[Claim]:
    from nlp.tables import table_rows

    out = []
    for row in table_rows(text, published, mentions):
        value = row["value"]
        key = (
            ClaimKind.performance,
            row["subject"],
            value,
            None,
            None,
            row["period_start"],
            row["period_end"],
        )
        if key in seen:  # the same claim again: not built twice
            continue
        seen.add(key)
        stance, score = rule_stance("performance", value=value, role=None, sentence="")
        claim = Claim(
            kind=ClaimKind.performance,
            subject=row["subject"],
            value=value,
            unit=Unit.pct,
            period_start=row["period_start"],
            period_end=row["period_end"],
            stance=Stance(stance),
            stance_score=score,
            quote=row["quote"],
            start=row["start"],
            end=row["end"],
            article=article,
            note="read from a table",
            extractor_version=EXTRACTOR_VERSION,
            # the column header's period: as sure as a stated one, less its reading from layout
            period_confidence=0.8 if row["period_start"] is not None else None,
            subject_confidence=0.9,  # the row's own label names it
            rule="claims.performance.table_row.v1",
        )
        out.append(claim)
    return out


_ELLIPSIS = re.compile(r"\s*,?\s*(?:and|while|with|but)\s(?:the\s)?\s*@\s*")


def _without_mentions(gap: str, offset: int, mentions: list[Mention]) -> str:
    """``gap`` with the one instrument name in it replaced by "@" ("and the S&P 500" -> "and @")."""
    inside = [m for m in mentions if offset <= m.start and m.end <= offset + len(gap)]
    if len(inside) != 1:
        return gap
    m = inside[0]
    return gap[: m.start - offset] + "@" + gap[m.end - offset :]


_PARAGRAPH_BREAK = re.compile(r"\n\s*")


class _Memory:
    """What "the index" / "the ETF" / "the company" refer to at a point of the article.

    Within the paragraph that last named one, the most recent a sentence was about (named
    first in it; else the most recent named); in a later paragraph, the one the article has
    named most (an article about the Russell 2000 that mentions the
    S&P 500 in passing still means the Russell by "the index" in its next paragraph).
    """

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.last: dict[str, tuple[str, int]] = {}
        self.last_subject: dict[str, tuple[str, int]] = {}
        self.counts: dict[str, dict[str, int]] = {}

    def note(self, kind: str, symbol: str, offset: int, *, subject: bool = False) -> None:
        self.last[kind] = (symbol, offset)
        if subject:
            self.last_subject[kind] = (symbol, offset)
        per = self.counts.setdefault(kind, {})
        weight = 3 if offset < 300 else 1  # the headline and lead say what the piece is about
        weight *= 2 if subject else 1  # a sentence's first name is what it is about
        per[symbol] = per.get(symbol, 0) + weight

    def view(self, at: int) -> dict[str, str]:
        out = {}
        for kind, (symbol, offset) in self.last.items():
            if not self.lines.break_between(offset, at):
                # within the paragraph, the last one a sentence was about: "Russell 2000
                # earnings ... versus 13% for the S&P 500. ... the index trades at 14.8x"
                said = self.last_subject.get(kind)
                mine = said is not None and not self.lines.break_between(said[1], at)
                out[kind] = said[0] if said is not None and mine else symbol
            elif self._adjacent(kind, symbol, offset, at):
                # "VTWO, Vanguard's fund, ended at $98.40. / The fund has gained 9.5%": the
                # paragraph right before was about it, and named no other of its kind after
                out[kind] = symbol
            else:
                per = self.counts[kind]
                best = max(per.values())
                out[kind] = symbol if per[symbol] == best else max(per, key=per.__getitem__)
        return out

    def _adjacent(self, kind: str, symbol: str, offset: int, at: int) -> bool:
        """Whether the last ``kind`` named was its sentence's subject in the paragraph just
        before ``at``. Not for an index: an article about the Russell 2000 that gives the
        S&P 500 a paragraph still means the Russell by "the index" after it (wires write
        one sentence a paragraph); "the fund" or "the company" right after a paragraph about
        one is that one."""
        said = self.last_subject.get(kind)
        if kind == "index" or said is None or said != (symbol, offset):
            return False
        return len(_PARAGRAPH_BREAK.findall(self.lines.text, offset, at)) == 1


def _with_anaphora(
    stext: str, smentions: list[Mention], last_kind: dict[str, str]
) -> list[Mention]:
    """ "The index", "the ETF", "the company" stand for the last one of that kind named."""
    extra = []
    for pat, kinds in ANAPHORA:
        for m in pat.finditer(stext):
            kind = next(iter(kinds))
            if any(x.start < m.end() and m.start() < x.end for x in smentions):
                continue
            # "The Russell 2000 ended July up 1.7%, trailing the S&P 500's 2.2% rise, and
            # the index fell 0.93%": within a sentence, the one it is about (named first and
            # not as a possessive modifier of another figure)
            own = [
                x
                for x in smentions
                if x.end <= m.start()
                and x.kind == kind
                and not x.modifier
                and not re.match(r"['’]s\b", stext[x.end :])
            ]
            # "IWM, the ETF tracking the index, rose 1%": the index only describes the fund
            modifier = anaphor_describes(stext, m.start(), smentions)
            if own:
                extra.append(
                    Mention(m.start(), m.end(), own[0].symbol, kind, modifier, confidence=0.8)
                )
            elif kind in last_kind:
                # "the index" in a sentence that names none: the last one named before
                extra.append(
                    Mention(m.start(), m.end(), last_kind[kind], kind, modifier, confidence=0.7)
                )
    if not extra:
        return smentions
    return sorted([*smentions, *extra], key=lambda x: x.start)


#: The group a sector is taken out of, in the contract's lower-case words.
_GROUP_WORDS = {
    "^RUT": "russell 2000",
    "^SP600": "s&p 600",
    "^SP400": "s&p 400",
    "^GSPC": "s&p 500",
    "^RUI": "russell 1000",
    "small caps": "small caps",
    "large caps": "large caps",
}
#: "Excluding the energy sector, …", "ex-Health Care": a sector taken out of an aggregate.
_EXCLUDING_SECTOR = re.compile(
    r"\b(?:excluding|ex-|ex\s|outside(?:\sof)?|stripping\sout|leaving\sout)\s?(?:the\s)?"
    r"(?P<sector>energy|health\s?care|financials|banks|biotech|technology|tech|utilities|"
    r"materials|industrials|real\sestate|consumer\sstaples|consumer\sdiscretionary|"
    r"communication\sservices)(?:\s(?:sector|stocks|companies|names|group))?\b",
    re.I,
)


#: A sector's own aggregate, its name capitalised as in an earnings report: "Health Care
#: earnings remain negative at -$6.3 billion", "Energy sector revenue fell 8%".
_SECTOR_METRIC = re.compile(
    r"\b(?P<sector>Energy|Health\s?[Cc]are|Financials|Utilities|Materials|Industrials|"
    r"Real\s[Ee]state|Consumer\s[Ss]taples|Consumer\s[Dd]iscretionary|Communication\s[Ss]ervices|"
    r"Information\s[Tt]echnology)(?:\ssector(?:['’]s)?)?\s(?:earnings|revenues?|sales|profits?|"
    r"EPS|margins?)\b"
)
#: Between a sector's metric and a later figure: another subject's figure is brought in.
_OTHER_SUBJECT_BETWEEN = re.compile(
    r";|\b(?:while|whereas|compared|versus|vs\.?|against|Russell|S&P|Nasdaq|small[- ]caps?|"
    r"the\sindex|overall|excluding)\b",
    re.I,
)


def _sector_word(raw: str) -> str:
    return re.sub(r"\s+", " ", raw.lower()).replace("healthcare", "health care")


def _excluded_sector(d: rules.Draft, stext: str) -> None:
    """An index's (or small caps') earnings with one sector left out ("Excluding the energy
    sector, small-cap earnings would be up 2.1%") are the group without that sector, a
    subject of their own ("small caps ex energy", "russell 2000 ex health care"); one
    sector's own aggregate ("Health Care earnings remain negative at -$6.3 billion") is that
    sector of the group ("russell 2000 health care"). Read as the whole index either would
    accuse an honest author."""
    group = _GROUP_WORDS.get(d.subject)
    if group is None:
        return
    before = re.split(r"[;!?]|\.(?!\d)", stext[: d.q_start])[-1]
    m = list(_EXCLUDING_SECTOR.finditer(before))
    if m:
        d.subject = f"{group} ex {_sector_word(m[-1].group('sector'))}"
        return
    own = list(_SECTOR_METRIC.finditer(before))
    if own and not _OTHER_SUBJECT_BETWEEN.search(before[own[-1].end() :]):
        d.subject = f"{group} {_sector_word(own[-1].group('sector'))}"


_SIZE_GROUPS = frozenset({"large caps", "mega caps", "mid caps", "micro caps"})


def _levels_on_their_scale(
    claims: list[Claim], mentions: list[Mention], published: dt.date | None
) -> list[Claim]:
    """A level or target in points far from its index's price belongs to another index the
    article names, when exactly one of them trades near it ("support at 2,400" paragraphs
    after the S&P 500 was named, in a piece about the Russell 2000). Unsure (0.6): a reading
    of magnitudes, not of words."""
    named = [m for m in mentions if m.kind == "index" and m.symbol.startswith("^")]
    if len({m.symbol for m in named}) < 2:
        return claims
    for c in claims:
        if (
            c.kind not in {ClaimKind.price_level, ClaimKind.price_target}
            or c.unit != "points"
            or not c.subject.startswith("^")
            # a subject its own sentence names is the writer's, whatever its scale
            or any(m.symbol == c.subject and c.start <= m.start < c.end for m in named)
        ):
            continue
        value = next((v for v in (c.value, c.low, c.high) if v), None)
        day = c.as_of or published
        if value is None or day is None or level_scale.fits(c.subject, value, day) is not False:
            continue
        before = {m.symbol for m in named if m.start < c.end}
        fitting = [s for s in before if s != c.subject and level_scale.fits(s, value, day)]
        if len(fitting) == 1:
            c.subject = fitting[0]
            c.subject_confidence = min(c.subject_confidence or 0.6, 0.6)
    return claims


def _small_caps_as_index(claims: list[Claim], mentions: list[Mention]) -> list[Claim]:
    """A dated move of "small caps" in an article about the Russell 2000 is the index's move.

    The contract keeps groups as lower-case words, but a performance figure needs a series
    to be checked against, and commentary that names the Russell 2000 uses "small caps" for
    it. Valuations and other group statistics stay with the group.
    """
    if not any(m.symbol == "^RUT" for m in mentions):
        return claims
    for c in claims:
        if (
            c.subject == "small caps"
            and c.kind == "performance"
            and (c.period_start is not None or c.role == "relative")
            # "small caps beat large caps by 4 points": one size group against another
            and c.benchmark not in _SIZE_GROUPS
        ):
            c.subject = "^RUT"
            c.subject_confidence = min(c.subject_confidence or 0.7, 0.7)
    return claims


def _drop_undated_repeats(claims: list[Claim]) -> list[Claim]:
    """A headline figure without a period repeats the body's dated one: keep the dated one."""
    dated = {
        (c.kind, c.subject, c.value, c.low, c.high)
        for c in claims
        if c.period_start is not None or c.as_of is not None
    }
    out, seen = [], set()
    for c in claims:
        k = (c.kind, c.subject, c.value, c.low, c.high)
        if c.period_start is None and c.as_of is None and k in dated:
            continue
        full = (*k, c.period_start, c.period_end, c.probability)
        if full in seen:
            continue
        seen.add(full)
        out.append(c)
    return out


#: "a premium of 12%": a valuation gap named before its figure.
_GAP_OF = re.compile(
    r"\b(?:discount|premium) of\s(?:about\s|around\s|roughly\s|nearly\s|some\s|~)?$", re.I
)
#: The word that brings in the yardstick of a comparison.
_YARDSTICK_WORD = re.compile(
    r"\b(?:compared (?:with|to)|versus|vs\.?|than|relative to|against)\s", re.I
)


def _gap_owner(text: str, q: Quantity, mentions: list[Mention], subject: str) -> str:
    """Whose discount a gap after a comparison is: "X trades at 16x, compared with 22x for Y,
    a 27% discount" names Y last, but the gap is X's (Y is the yardstick). The subject stays
    when the text names no comparison, or the last thing named before the gap is not the
    one after the comparison word."""
    left = text[: q.start]
    said = list(_YARDSTICK_WORD.finditer(left))
    if not said:
        return subject
    at = said[-1].start()
    own = [m for m in mentions if m.end <= at and not m.modifier]
    yardstick = [m for m in mentions if at <= m.start < q.start]
    if own and yardstick and yardstick[-1].symbol == subject and own[0].symbol != subject:
        return own[0].symbol
    return subject


def _settle_price_figure(d: rules.Draft, q: Quantity) -> None:
    """A range's ends run low to high; a fund's or a share's bare level is a price.

    "boxed in between 231.5 and 228" names the top first, but the contract's low/high are
    the range's ends in order. A fund or a stock is quoted in dollars; only an index, a
    futures contract or a group with no symbol is quoted in points. The checker reads the
    unit to choose the series, so a fund's bare 231.5 left in points would be checked
    against its index.
    """
    if d.low is not None and d.high is not None and d.low > d.high:
        d.low, d.high = d.high, d.low
    if (
        q.unit == "bare"
        and d.unit == "points"
        and d.kind in {"price_level", "price_target"}
        and d.subject == d.subject.upper()
        and d.subject[:1].isalpha()
        and not d.subject.endswith("=F")
        and d.subject != "FEDFUNDS"
    ):
        d.unit = "usd"


def _shift(q: Quantity, lead: int) -> Quantity:
    if lead:
        q = Quantity(**{**q.__dict__, "start": q.start - lead, "end": q.end - lead})
    return q


#: A sentence about the author's own book: "Our model portfolio ...", "My picks ...".
_OWN_BOOK = re.compile(
    r"^\W*(?:[\w'’]+(?:\s[\w'’]+)?,\s)?(?:(?:our|my)\s(?:[\w-]+\s){0,2}?"
    r"(?:portfolios?|funds?|strateg(?:y|ies)|picks|watchlist|accounts?|holdings|models?|trades?)"
    r"|the\s(?:model|sample|paper|newsletter)\sportfolio)\b",
    re.I,
)


def _fallback(
    stext: str, smentions: list[Mention], last_any: str | None, last_kind: dict[str, str]
) -> str | None:
    """The discourse subject: "the index" -> last index named, else the last subject."""
    if not smentions and _OWN_BOOK.match(stext):
        return None  # "Our model portfolio rose 3%": the author's own book, no instrument
    for kind in sorted(rules.anaphora_kinds(stext)):
        if kind in last_kind:
            return last_kind[kind]
    return last_any


def _priced_fallback(
    fallback: str | None, qs: list[Quantity], last_kind: dict[str, str]
) -> str | None:
    """The subject carried over, checked against the sentence's prices: an index carried to a
    sentence whose figures are all share prices ("a weekly close back inside the flag under
    $236" after a line on the Russell 2000, in a post about IWM) means the fund or stock
    named last, as a fund carried to a sentence with an index level in it ("closed friday at
    2,447.80, about 0.7% under the high" after a line on IWM) means the index named last: a
    fund has no price in the thousands, an index no dollar price under 1,000."""
    if fallback is None or not qs:
        return fallback
    if fallback.startswith("^"):
        if all(q.unit == "usd" and q.value is not None and q.value < 1000 for q in qs):
            return last_kind.get("etf") or last_kind.get("stock") or fallback
        return fallback
    index_level = any(
        q.unit in {"bare", "points"} and q.value is not None and q.value >= 1000 and "," in q.text
        for q in qs
    )
    if (
        fallback == last_kind.get("etf")
        and index_level
        and not any(q.unit == "usd" for q in qs)
        and last_kind.get("index")
    ):
        return last_kind["index"]
    return fallback


def _update_discourse(
    smentions: list[Mention],
    picked: list[str],
    fallback: str | None,
    stext: str,
    last_any: str | None,
    last_kind: dict[str, str],
    yardsticks: set[str] | None = None,
) -> tuple[str | None, dict[str, str]]:
    usable = [m for m in smentions if not m.modifier]
    kinds = {m.symbol: m.kind for m in usable}
    previous_group = last_kind.get("group")
    for m in usable:
        last_kind[m.kind] = m.symbol
    if picked and yardsticks and picked[0] in yardsticks and last_any is not None:
        # "The S&P 500 e-mini gained 0.6%, so small caps trailed by 0.2 points": the
        # yardstick's own move opens the sentence, but the sentence is about the one measured
        # against it; a group word there ("small caps") is the instrument talked about before
        rest = [s for s in picked if s not in yardsticks]
        if rest and not (kinds.get(rest[0]) == "group" and last_any != previous_group):
            last_any = rest[0]
        return last_any, last_kind
    if picked:
        last_any = picked[0]  # the sentence's first subject is what it is about
    elif usable:
        inst = [m for m in usable if m.kind != "group"]
        last_any = (inst or usable)[0].symbol
    elif fallback and rules.anaphora_kinds(stext):
        last_any = fallback
    return last_any, last_kind


#: A percentage measured from where the price stands: "22.5% upside", "12% above where the
#: index closed on Tuesday", "18% higher than the current price".
_FROM_CURRENT = re.compile(
    r"\b(?:upside|downside)\b|\b(?:from|above|below|to|than|over|under) (?:the )?(?:current|"
    r"today|present|here\b|last close|latest close|recent|where\b|stock\b|shares\b|"
    r"(?:monday|tuesday|wednesday|thursday|friday|yesterday)['’]s close)"
)


#: A forecast move that ends at a level target: "to surge 64.6% to reach $152".
_MOVE_TO_TARGET = re.compile(r"^\s?to\s(?:reach\s|hit\s|touch\s|about\s|around\s)?(?:US)?\$?\d")
#: A level target's verb of implication before the percentage it gives: "a target of $75
#: suggests the stock could rally 79%", "the $40 objective implies a 12% gain".
_TARGET_IMPLIES = re.compile(
    r"^[^.;!?]{0,30}?\b(?:suggests?|suggesting|implies|implying|indicates?|indicating|"
    r"represents?|representing|points?\sto|would\smean)\b[^.;!?]{0,60}$",
    re.I,
)


#: A sentence that opens by pointing back at the target just stated: "This represents ...",
#: "The new forecast is about 12% above ...".
_POINTS_BACK = re.compile(
    r"(?:this|that|it|which|the\s(?:[\w'’-]+\s){0,2}?(?:target|forecast|objective|estimate|"
    r"call|projection))\b",
    re.I,
)


def _implied_from_earlier(
    drafts: list[rules.Draft], stext: str, earlier: rules.Draft | None, day: dt.date | None
) -> None:
    """ "... an average price target of $3.50. This represents a potential 52% downside": a
    percentage to a level target stated in the sentence before implies where the price stands
    now (rule 8), as it does when both share a sentence."""
    if (
        earlier is None
        or earlier.value is None
        or any(d.rule == "claims.price_level.implied_current.v2" for d in drafts)
    ):
        return
    for d in drafts:
        if d.kind != "price_target" or d.unit != "pct" or d.value is None:
            continue
        if d.subject != earlier.subject:
            continue
        near = stext[max(0, d.q_start - 30) : d.q_start + 60].lower()
        if not _FROM_CURRENT.search(near):
            continue
        down = d.value < 0 or bool(re.search(r"\b(?:downside|below|under|lower)\b", near))
        level = _implied_level(earlier, abs(d.value), -1 if down else 1, day, d.q_start)
        if level is None:
            continue
        level.note = f"{level.note} (the target before)"
        drafts.append(level)
        return


def _implied_level(
    target: rules.Draft, size: float, direction: int, day: dt.date | None, at: int
) -> rules.Draft | None:
    """The current level a target ``size`` percent away implies (devset rule 8): the target
    over (1 +- size/100), rounded to cents; None when the distance leaves no level."""
    factor = 1 + size / 100 if direction >= 0 else 1 - size / 100
    if factor <= 0 or target.value is None:
        return None
    return rules.Draft(
        kind="price_level",
        subject=target.subject,
        unit=target.unit,
        value=round(target.value / factor, 2),
        comparator=target.comparator,
        role="current",
        as_of=day,
        direction=0,
        note=f"implied: {target.value:g} / {factor:g}",
        q_start=at,
        rule="claims.price_level.implied_current.v2",
    )


def sentence_drafts(
    text: str,
    qs: list[Quantity],
    mentions: list[Mention],
    periods: list[Period],
    published: dt.date | None,
    fallback: str | None,
    session_day: dt.date | None = None,
    index_hint: str | None = None,
    block_period: tuple[dt.date, dt.date] | None = None,
) -> list[rules.Draft]:
    """Drafts for one sentence (offsets relative to ``text``).

    ``block_period``: the period a heading gives the list lines under it; a bare move in
    such a line ("Russell 2000: 2,481.91, +11.29%") is over that period, not one session.
    """
    low = text.lower()
    rate_sentence = bool(rules._RATE_CTX.search(text))
    names = tuple(mentions)  # one tuple for every figure of the sentence
    drafts: list[rules.Draft] = []
    probability: float | None = None  # the last one stated
    probabilities: list[tuple[float, int]] = []  # every one, with where it stands
    implied: list[tuple[Quantity, int]] = []
    prev: Classified | None = None
    prev_veto: str | None = None  # the rule that said the previous figure states no claim
    bound = _bound_periods(text, qs, periods)
    for i, q in enumerate(qs):
        ctx = rules.make_context(text, qs, i)
        ctx.mention_before = any(
            m.end <= q.start and re.fullmatch(r"\)?\s*(?:at|near|:)\s*", text[m.end : q.start])
            for m in mentions
        )
        ctx.mention_adjacent = any(
            m.end <= q.start and re.fullmatch(r"\)?[ \t|]+", text[m.end : q.start])
            for m in mentions
        )
        ctx.rate_sentence = rate_sentence
        ctx.names = names
        shared = RESPECTIVE_LIST.match(text[q.end :])
        if shared is not None:  # "0.5% and 0.9% respective losses": the noun's direction
            down = re.match(
                r"(?:loss|decline|drop|decrease|fall|slide)", shared.group("noun"), re.I
            )
            ctx.inherit_direction = -1 if down else 1
        got, veto = classify_or_veto(ctx)
        gap = text[qs[i - 1].end : q.start] if i > 0 else ""
        if (
            prev is None
            and prev_veto in _SHARE_VETOES
            and q.unit == qs[i - 1].unit == "pct"
            and (got is None or got[2] in _WEAK_MOVE_RULES)
            and (share_gap := _SHARE_GAP.fullmatch(gap)) is not None
            and not any(
                share_gap.start("tail") <= m.start - qs[i - 1].end
                for m in mentions
                if qs[i - 1].end <= m.start < q.start
            )
        ):
            # "make up 6% of U.S. market value, down from 11% in 2000", "42% of its members
            # lose money, compared with 6% in the S&P 500": the same share, earlier or of
            # another name, is no more a move than the first
            got, veto = None, prev_veto
        elif (
            prev is None
            and prev_veto in _OWN_FUND_VETOES
            and q.unit == qs[i - 1].unit == "pct"
            and (got is None or got[2] in _WEAK_MOVE_RULES)
            and _BENCHMARK_GAP.search(gap)
            and re.match(r"\s*(?:for|by|in)\s(?:the\s)?[A-Z]", text[q.end :])
        ):
            # "it returned 8.7% in the quarter against 12.4% for the Russell 2000": the fund's
            # return is none, its benchmark's is a move
            got = Classified("performance", None, "claims.performance.fund_benchmark.v1")
        elif (
            prev is not None
            and prev[0] == "fundamental"
            and prev[2] in _SHARE_OF_MEMBERS_RULES
            and q.unit == qs[i - 1].unit == "pct"
            and (got is None or got[2] in _WEAK_MOVE_RULES)
            and _SHARE_GAP.fullmatch(gap)
            and re.match(r"\s*(?:for|in|among|at|across)\s", text[q.end :])
        ):
            # "42% of its members lose money, compared with 6% in the S&P 500": the same
            # share of another index's members
            got = Classified(prev[0], prev[1], "claims.fundamental.metric_compared.v1")
        elif (
            got is None
            and prev is not None
            and i > 0
            and qs[i - 1].unit == q.unit
            and re.fullmatch(
                r"\s*(?:,|or|and|to)?\s*(?:(?:or|and)\s)?(?:even|possibly|perhaps|then)?\s*"
                r"|\s*(?:first)?,?\s*then\s(?:the\s)?",
                gap,
            )
        ):
            got = prev  # "a drop to 6,550 or even 6,200": the second figure is the same kind
        elif (
            prev is not None
            and prev[0] == "performance"
            and q.unit == "points"
            and re.fullmatch(r",?\s*or\s(?:about|nearly|roughly|almost|some|just)?\s*", gap)
        ):
            # "climbed 1.02%, or 22.66 points"
            got = Classified("performance", None, "claims.performance.points_restated.v1")
        elif (
            got is None
            and prev is not None
            and prev[0] == "performance"
            and qs[i - 1].unit == "points"
            and q.unit == "pct"
            and re.fullmatch(r",?\s*or\s(?:about|nearly|roughly|almost|some|just)?\s*", gap)
        ):
            # "jumped 394 points, or 1%"
            got = Classified("performance", None, "claims.performance.percent_restated.v1")
        elif (
            got is None
            and prev is not None
            and prev[0] == "performance"
            and q.unit == qs[i - 1].unit
            and re.search(r"['’]s\s*$", gap)
        ):
            got = prev  # "only slightly behind IWM's 7.2%"
        elif (
            got is None
            and prev is not None
            and prev[0] == "performance"
            and q.unit == qs[i - 1].unit
            and (
                re.search(r"\b(?:against|versus|vs\.?|compared (?:with|to))\s*$", gap)
                or _ELLIPSIS.fullmatch(_without_mentions(gap, qs[i - 1].end, mentions))
            )
        ):
            got = prev  # "up 10.7% in 2025, against 12.8% for the S&P 500"
        elif (
            prev is not None
            and prev[0] == "fundamental"
            and q.unit == qs[i - 1].unit
            and (got is None or got[2] in _WEAK_MOVE_RULES)
            and _LIST_AFTER_PERIOD.fullmatch(gap)
            and not any(qs[i - 1].end <= m.start < q.start for m in mentions)
        ):
            # "an EPS growth rate of 41% for this year and 19% for next year": the same
            # metric over the next period, not a move of the stock
            got = prev
        elif (
            prev is not None
            and prev[0] == "fundamental"
            and prev[1] == "growth"
            and q.unit == qs[i - 1].unit == "pct"
            and (got is None or got[0] in {"performance", "price_target"})
            and _GROWTH_CONTINUED.fullmatch(gap)
            and not any(qs[i - 1].end <= m.start < q.start for m in mentions)
        ):
            # "earnings fell 8% in 2024, but are forecast to rebound 16% in 2025": the same
            # metric's next change, not a move or a target of the subject
            got = Classified(prev[0], prev[1], "claims.fundamental.growth_continued.v1")
        elif (
            prev is not None
            and prev[0] == "fundamental"
            and prev[1] in {"growth", "margin"}
            and q.unit == qs[i - 1].unit == "pct"
            and (got is None or got[2] in _WEAK_MOVE_RULES)
            and _FUNDAMENTAL_COMPARED.fullmatch(gap)
            and re.match(r"\s*for\s(?:the\s)?\S", text[q.end :])
        ):
            # "expected to grow 5% in 2025, against 6% for large caps": the same metric of
            # the subject named after the figure
            got = Classified(prev[0], prev[1], "claims.fundamental.metric_compared.v1")
        elif (
            prev is not None
            and prev[0] == "fundamental"
            and prev[1] in {"growth", "margin"}
            and q.unit == qs[i - 1].unit == "pct"
            and (got is None or got[2] in _WEAK_MOVE_RULES)
            and _FUNDAMENTAL_POSSESSIVE.fullmatch(gap)
        ):
            # "a net margin of 5.9%, about half the S&P 500's 12.1%": the same metric of the
            # name whose figure it is
            got = Classified(prev[0], prev[1], "claims.fundamental.metric_compared.v1")
        elif (
            prev is not None
            and prev[0] == "fundamental"
            and prev[1] == "growth"
            and q.unit == qs[i - 1].unit == "pct"
            and (got is None or got[0] in {"performance", "price_target"})
            and _GROWTH_AFTER_PRIOR.fullmatch(gap)
            and _CHANGE_NOUN_NEXT.match(text[q.end :])
            and not any(qs[i - 1].end <= m.start < q.start for m in mentions)
        ):
            # "earnings to climb 24% in 2026, after a 6% gain this year": the same metric's
            # change over the period before, not a move of the shares
            got = Classified(prev[0], prev[1], "claims.fundamental.growth_continued.v1")
        elif (
            prev is not None
            and prev[0] == "fundamental"
            and prev[1] in {"eps", "eps_estimate", "revenue"}
            and q.unit == "pct"
            and qs[i - 1].unit in {"usd", "usd_per_share", "usd_millions"}
            and (got is None or got[0] in {"performance", "price_target"})
            and _IMPLIES_CHANGE.fullmatch(gap)
            and _CHANGE_NOUN_NEXT.match(text[q.end :] + " ")
        ):
            # "the consensus estimate of $9.10 indicates a +5.3% change from the prior year":
            # the change the estimate (or result) implies, a growth rate, not a move
            got = Classified("fundamental", "growth", "claims.fundamental.implied_change.v1")
        elif (
            got is None
            and prev is not None
            and prev[0] == "fundamental"
            and prev[1] in {"eps", "eps_estimate", "revenue", None}
            and q.unit == qs[i - 1].unit
            and q.unit != "pct"  # an earlier rate is read by the margin and growth rules
            and _EARLIER_OF_SAME.fullmatch(gap)
        ):
            # "forward EPS at $115, up from $110 in June", "earnings remain negative at -$6.3
            # billion, though improved from -$10.2 billion": where the same figure stood before
            got = prev
        elif (
            prev is not None
            and prev[0] == "valuation"
            and qs[i - 1].unit == "x"
            and q.unit == "bare"  # a multiple with its x is read by the multiple rule
            and (
                (
                    re.search(r"\b(?:versus|vs\.?|against|compared (?:with|to)|and)\s*$", gap)
                    and re.match(r"\s*(?:x\b|times\b|for\b|at\b|on\b)", text[q.end :])
                )
                # "14.5 vs. the S&P 500 at 22.4": the other index's multiple, named first
                or _MULTIPLE_OF_OTHER.fullmatch(gap)
                # "has shrunk to 14.6 from 16.9": where the same multiple stood before
                or re.fullmatch(r"\s*from\s(?:about\s|roughly\s|around\s|nearly\s)?", gap)
            )
        ):
            # "15.2 times forward earnings versus 22.1 for large caps": the other multiple
            got = Classified("valuation", None, "claims.valuation.multiple_compared.v1")
        elif (
            prev is not None
            and prev[0] == "price_target"
            and q.unit == "pct"
            and re.fullmatch(r"\s*\(\s*(?:roughly|about|around|some|~)?\s*", gap)
        ):
            got = prev  # "back to 6,200 (roughly -8%)"
        if (
            got is not None
            and prev is not None
            and got[0] == prev[0] == "price_level"
            and got[1] == "current"
            and prev[1] not in {None, "current"}
            and q.unit == qs[i - 1].unit
            and re.fullmatch(r"\s*(?:first)?,?\s*(?:(?:and|or)\s)?(?:then\s)?(?:the\s)?", gap, re.I)
            and re.search(r"\b(?:then|and|or)\b", gap)
        ):
            got = prev  # "resistance: $240 first, then the $244-$245 band": still resistance
        if (
            prev is not None
            and prev[0] == "price_target"
            and i > 0
            and q.unit == qs[i - 1].unit
            and re.fullmatch(r"\s?/\s?", gap)
        ):
            got = prev  # "targets $98 / $105": a slash lists the next target
        if got is None and open_to_learning(veto):
            got = _learned(ctx, veto)
        prev = got
        prev_veto = veto if got is None else None
        if got is None:
            continue
        dollars = (
            _dollar_change_direction(text, qs[i - 1])
            if i > 0 and qs[i - 1].unit == "usd" and _AFTER_DOLLARS.fullmatch(gap)
            else 0
        )
        if dollars:
            # "were down $1.12, or 3.4%", "off $2.31 (5.97%)": the dollar change is no claim,
            # but its verb signs the percentage that restates it
            ctx.inherit_direction = dollars
        elif re.fullmatch(r",?\s*or\s.*", gap) and drafts:
            ctx.inherit_direction = drafts[-1].direction  # "dropped 3.01%, or 74.26 points"
        elif _ANOTHER_MOVE.search(gap) and drafts and drafts[-1].kind == "performance":
            # "fell 1.4% on Wednesday and another 0.8% on Thursday": more of the same way
            ctx.inherit_direction = drafts[-1].direction
        kind, role, rule = got
        if kind == "probability":
            probability = q.value
            if q.value is not None:
                probabilities.append((q.value, q.start))
            continue
        if kind == "implied":
            near = (ctx.left[-30:] + " " + ctx.right[:20]).lower()
            if re.search(r"\b(?:below|downside|under)\b", near):
                implied.append((q, -1))
            elif re.search(r"\b(?:above|upside|over)\b", near):
                implied.append((q, 1))
            else:
                implied.append((q, rules.direction_of(ctx) or 1))
            continue
        usable = [p for p in periods if i in bound.get(id(p), {i})]
        period = rules.choose_period(usable, qs, i, text)
        anchor = rules.anchor_for(periods, qs, i)
        d = _draft(kind, role, ctx, text, mentions, fallback, period, anchor, published, qs)
        if d is not None and rule in _YIELD_RULES and not _yield_subject(d):
            d = None  # "the yield on the 10-year note fell 12 bp": no yield named, not the index's
        if d is not None:
            d.rule = rule
            if rule == "claims.valuation.multiple_compared.v1":
                own = [m for m in mentions if qs[i - 1].end <= m.start and m.end <= q.start]
                # only a name after the comparison word is the next figure's: in "14.8: the
                # forward P/E of the Russell 2000, against 22.6 for the S&P 500" the name
                # between the figures is the first figure's own
                if (
                    own
                    and not own[-1].modifier
                    and _COMPARISON_WORD.search(text[qs[i - 1].end : own[-1].start])
                ):
                    d.subject = own[-1].symbol  # "14.5 vs. the S&P 500 at 22.4": the S&P's
        if d is not None and period is not None:
            d.extra["period_kind"] = period.kind
            if period.kind == "same":
                d.extra["same"] = True  # "over the same period": the one named before
            if period.first is None:
                d.extra["unresolved"] = True  # "since the Fed's first cut": no dates, no guess
            if id(period) in bound:
                d.extra["bound"] = True  # "Wednesday's 1.07% slide": that figure's own day
        if d is not None:
            _dated_reference(d, q, text, periods, published, anchor)
            close_side = VS_LAST_CLOSE.match(text[q.end :])
            if d.rule == "claims.performance.vs_last_close.v1" and close_side and d.value:
                # "3.4% below the previous close": the side named gives the sign
                under = close_side["way"] in {"below", "under", "beneath", "lower than"}
                d.value = -abs(d.value) if under else abs(d.value)
                d.direction = -1 if under else 1
            if d.rule == "claims.performance.from_low.v1" and d.value is not None:
                # "35% above its April lows", "20% off the lows": a rise from a low
                d.value, d.direction = abs(d.value), 1
                d.comparator = {"lt": "gt", "lte": "gte"}.get(d.comparator, d.comparator)
                if not (d.extra.get("dated_ref") or d.extra.get("period_kind") == "since"):
                    # the low's day unsaid ("its April lows"): no period guessed
                    d.period_start = d.period_end = None
                    d.extra["unresolved"] = True
        if (
            d is not None
            and d.unit == "points"
            and index_hint
            and not d.subject.startswith("^")
            and not d.subject.endswith("=F")  # futures trade at the index's level
        ):
            named = [m for m in mentions if m.symbol == d.subject]
            size = next((v for v in (d.value, d.low, d.high) if v is not None), None)
            # a fund named in the sentence keeps a figure of a fund's size ("IWM plan:
            # entry 224-226"); small-cap index levels run in the thousands
            own_size = bool(named) and size is not None and abs(size) < 1000
            if not own_size and (not named or named[0].kind in {"etf", "stock"}):
                # 2,400 is an index level, not a fund's price: the index the text is about
                d.subject = index_hint
                d.extra["subject_confidence"] = 0.6
        if d is not None:
            _settle_price_figure(d, q)
        if (
            d is not None
            and d.rule == "claims.price_level.year_range.v1"
            and d.low is not None
            and d.high is not None
        ):
            # "a 52-week range of $171.73 to $252.77": its low and its high
            for role, v in (("low", d.low), ("high", d.high)):
                drafts.append(
                    dataclasses.replace(
                        d,
                        value=v,
                        low=None,
                        high=None,
                        comparator="eq",
                        role=role,
                        extra=dict(d.extra),
                    )
                )
            continue
        if d is not None:
            drafts.append(d)
            again = _repeated_period(text, period, periods, qs) if d.kind == "performance" else None
            if again is not None:
                # "returned more than 10% in 2023 and again in 2024": the figure, twice
                drafts.append(
                    dataclasses.replace(
                        d, period_start=again.first, period_end=again.last, extra=dict(d.extra)
                    )
                )
            if d.kind == "performance" and d.role is None:
                # "Alpha Corp (AAA) and Beta Inc (BBB) each rose 3%": every subject moved
                for symbol in _coordinated_subjects(text, mentions, qs, i, d.subject):
                    drafts.append(dataclasses.replace(d, subject=symbol, extra=dict(d.extra)))
    for d in drafts:
        if d.kind == "rate_decision" and re.search(
            r"\b(?:total|totals|totalling|totaling|cumulative|combined|altogether|in all|"
            r"add(?:s|ed)?\sup\sto|amount(?:s|ed)?\sto)"
            r"(?:\sof)?\s*$",
            text[: d.q_start],
            re.I,
        ):
            # "50 bp in September, then 25 in November and December, a total of 100 bp":
            # the total spans every period named before it
            spans = [p for p in periods if p.first and p.last and p.end <= d.q_start]
            if len(spans) > 1:
                d.period_start = min(p.first for p in spans if p.first)
                d.period_end = max(p.last for p in spans if p.last)
                if spans[-1].kind == "month":  # a meeting's month is the whole month
                    end = d.period_end
                    d.period_end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
            else:  # "a combined 50 bp at its November and December 2024 meetings"
                _span_listed_months(d, text, periods)
        elif d.kind == "rate_decision" and d.extra.get("moves"):
            _span_listed_months(d, text, periods)
        elif d.kind == "rate_decision" and _TOTAL_AFTER.match(text[d.q_start :]):
            # "three rate cuts in 2024, worth 100 basis points in all": the span said before
            spans = [p for p in periods if p.first and p.last and p.end <= d.q_start]
            if spans:
                d.period_start = min(p.first for p in spans if p.first)
                d.period_end = max(p.last for p in spans if p.last)
    _share_decision_day(drafts)
    _inherit_periods(drafts, text)
    for d in drafts:
        if d.extra.get("session") and d.period_start is None and block_period is not None:
            d.period_start, d.period_end = block_period
        elif d.extra.get("session") and d.period_start is None and session_day is not None:
            d.period_start = d.period_end = session_day
    _inherit_periods(drafts, text)
    rate = [d for d in drafts if d.kind in {"rate_decision", "rate_expectation"}]
    if probability is None and rate and _FULLY_PRICED.search(low):
        for d in rate:  # "a 25 bp cut in December is fully priced"
            if d.unit == "bp":
                d.kind, d.probability = "rate_expectation", 100.0
                d.period_start = d.period_end = None
                d.horizon = d.horizon or rules.horizon_of(text)
                d.rule = "claims.rate_expectation.fully_priced.v1"
    if probability is not None and rate and _odds_own_clause(text, probabilities, rate):
        # "fewer than two cuts next year, with the odds of a January move at just 9%": the
        # odds are on a move of their own clause, not on the path said before it
        rate = []
    if probability is not None:
        # "a 22% chance of a cut in January, and the dot plot shows one cut in 2026": a path
        # counted in a clause of its own after the odds' move carries no odds
        with_odds = [d for d in rate if not _path_after_odds(low, probabilities, d, rate)]
        for d in with_odds:
            d.kind, d.probability = "rate_expectation", probability
        rate = with_odds
        if rate and len(probabilities) > 1:
            # "FedWatch shows 90% for a cut, Polymarket 95%": each move takes the nearest
            # probability, and a probability no move took states the nearest move again
            used: set[float] = set()
            for d in rate:
                d.probability = _nearest_probability(probabilities, d.q_start)
                used.add(d.probability)
            for value, at in probabilities:
                if value not in used:
                    base = min(rate, key=lambda r: abs(r.q_start - at))
                    drafts.append(
                        dataclasses.replace(base, probability=value, extra=dict(base.extra))
                    )
                    used.add(value)
        if not rate and _NO_CHANGE.search(low):
            drafts.append(
                rules.Draft(
                    kind="rate_expectation",
                    subject=rules.RATE_SUBJECT,
                    unit="bp",
                    value=0.0,
                    probability=probability,
                    horizon=rules.horizon_of(text),
                    note="no change",
                    rule="claims.rate_expectation.no_change.v1",
                )
            )
        elif not rate and re.search(r"\b(?:cut|hike|reduction|increase|move)", low):
            said = low[_clause_start(low, probabilities[-1][1]) :] if probabilities else low
            if not (rules._HIKE.search(said) or rules._CUT.search(said)):
                said = low  # "the odds of a move": the way the sentence says moves go
            hike = rules._HIKE.search(said) and not rules._CUT.search(said)
            direction = 1 if hike else -1
            drafts.append(
                rules.Draft(
                    kind="rate_expectation",
                    subject=rules.RATE_SUBJECT,
                    unit="bp",
                    value=-25.0 if direction < 0 else 25.0,
                    probability=probability,
                    horizon=rules.horizon_of(text[len(low) - len(said) :]),
                    direction=direction,
                    note="size not stated: a quarter point, the usual step",
                    rule="claims.rate_expectation.unsized_move.v1",
                )
            )
    if (
        rate_sentence
        and not probability
        and _held(text)
        and not any(
            d.kind in {"rate_decision", "rate_expectation"}
            and d.unit == "bp"
            and not _held_later_clause(text, d.q_start)
            for d in drafts
        )
    ):
        decided = [d for d in drafts if d.kind == "rate_decision"]
        held = rules.Draft(
            kind="rate_decision",
            subject=rules.RATE_SUBJECT,
            unit="bp",
            value=0.0,
            note="held unchanged",
            rule="claims.rate_decision.held.v1",
        )
        held_at = _HELD.search(text)
        later = [d for d in decided if _held_later_clause(text, d.q_start)]
        if decided and not later:
            held.period_start, held.period_end = decided[0].period_start, decided[0].period_end
            held.period_base = decided[0].period_base
        else:
            # a hold in a clause after a move's takes the dates said after it, not the move's
            after = held_at.start() if later and held_at is not None else 0
            day = [
                p
                for p in periods
                if p.kind in {"weekday", "relday", "day"} and p.first and p.start >= after
            ]
            month = [p for p in periods if p.kind == "month" and p.first and p.start >= after]
            if day:
                held.period_start = held.period_end = day[0].first
            elif month:  # "at the close of its March meeting": the month (rule 9)
                held.period_start, held.period_end = month[0].first, month[0].last
        drafts.append(held)
    if rate_sentence and not probability:
        drafts.extend(_odds_split(text))
    for d in drafts:
        if d.kind == "rate_decision" and not d.extra.get("moves"):
            _on_decision_day(d, text, published)
    _range_direction(drafts, text)
    # "the $41.20 target implies 22.5% upside": a percentage target read against a level
    # target in the same sentence also says where the price stands now (rule 8)
    seen_implied = {q.start for q, _ in implied}
    for d in drafts:
        if d.kind != "price_target" or d.unit != "pct" or d.value is None:
            continue
        tq = next((x for x in qs if x.start == d.q_start), None)
        if tq is None or tq.start in seen_implied:
            continue
        near = text[max(0, tq.start - 30) : tq.end + 45].lower()
        level_before = [
            t
            for t in drafts
            if t.kind == "price_target" and t.unit != "pct" and t.value and t.q_start < tq.start
        ]
        if (
            _FROM_CURRENT.search(near)
            # "expects the stock to surge 64.6% to reach $152": the move to a level target
            or _MOVE_TO_TARGET.match(text[tq.end :])
            # "a median target of $75 suggests the stock could rally 79%": what it implies
            or (level_before and _TARGET_IMPLIES.search(text[level_before[-1].q_start : tq.start]))
        ):
            implied.append((tq, -1 if d.value < 0 or "downside" in near else 1))
            seen_implied.add(tq.start)
    for q, direction in implied:
        targets = [d for d in drafts if d.kind == "price_target" and d.value and d.unit != "pct"]
        # "lowers its PO to $88 from $102, implying 9% downside": the new target is measured
        # against today's price, the earlier one (``previous``) is not
        targets = [d for d in targets if d.rule != "claims.price_target.previous.v2"] or targets
        if not targets or q.value is None:
            continue
        t = min(targets, key=lambda d: abs(d.q_start - q.start))
        if t.value is None:  # never (the filter above); narrows the type
            continue
        level = _implied_level(t, abs(q.value), direction, published, q.start)
        if level is None:
            continue
        level.extra["current_for"] = t
        drafts.append(level)
        t.extra["current"] = level.value
    _period_to_change(drafts)
    return drafts


def _period_to_change(drafts: list[rules.Draft]) -> None:
    """ "$2 billion in deposit growth between March 31 and May 12, to about $50 billion":
    the period is the change's, and the total is a balance at its end, not over it."""
    for k, d in enumerate(drafts):
        if d.rule != "claims.fundamental.amount_to_total.v1" or d.period_start is None or k == 0:
            continue
        change = drafts[k - 1]
        if change.kind == "fundamental" and change.subject == d.subject:
            if change.period_start is None:
                change.period_start, change.period_end = d.period_start, d.period_end
                change.period_base = d.period_base
            d.as_of, d.period_start, d.period_end, d.period_base = d.period_end, None, None, None


#: Between two coordinated names: "A and B", "A, B and C", "A & B".
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|\s(?:and|&)\s+)(?:the\s+)?", re.I)
#: Between the last coordinated name and its one figure: a verb phrase, no clause break.
_SHARED_MOVE = re.compile(
    r"(?:['’]s?)?\s*(?:shares\s|stocks\s)?(?:each\s|both\s|all\s)?(?:have\s|had\s)?"
    r"(?:[a-z]+\s){0,2}?(?:rose|fell|gained|lost|jumped|dropped|climbed|declined|slid|"
    r"surged|soared|sank|tumbled|advanced|added|rallied|plunged|slipped|(?:are|were)\s(?:up|"
    r"down))(?:\s(?:by\s)?(?:about|around|roughly|nearly|almost|over|more\sthan|less\sthan|"
    r"some|just))?\s*$",
    re.I,
)


#: "a 70-30 split between a cut and a hold": two outcomes and the odds of each.
_ODDS_SPLIT = re.compile(
    r"\b(?P<a>\d{1,2})\s?[-–/]\s?(?P<b>\d{1,2})\s(?:split|odds|chance|probability|call|bet)"
    r"\s(?:between|for|in\sfavou?r\sof|on)\s(?P<x>(?:a\s|an\s|no\s)?[\w-]+(?:\s[\w-]+)?)"
    r"\s(?:and|or|versus|vs\.?|over)\s(?P<y>(?:a\s|an\s|no\s)?[\w-]+(?:\s[\w-]+)?)",
    re.I,
)
_OUTCOMES: tuple[tuple[re.Pattern[str], float, str | None], ...] = (
    (
        re.compile(r"\b(?:hold|pause|no (?:change|move|cut)|unchanged|skip)\b", re.I),
        0.0,
        "no change",
    ),
    (re.compile(r"\bhalf[- ]point\b|\b50\b", re.I), -50.0, None),
    (re.compile(r"\b(?:cut|reduction|easing)\b", re.I), -25.0, "size not stated: a quarter point"),
    (re.compile(r"\b(?:hike|increase)\b", re.I), 25.0, "size not stated: a quarter point"),
)


def _odds_split(text: str) -> list[rules.Draft]:
    """ "futures show a 70-30 split between a cut and a hold": each outcome with its odds."""
    out: list[rules.Draft] = []
    for m in _ODDS_SPLIT.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a + b != 100:
            continue
        for odds, what in ((a, m.group("x")), (b, m.group("y"))):
            move = next(((v, note) for pat, v, note in _OUTCOMES if pat.search(what)), None)
            if move is None:
                return []
            value, note = move
            if re.search(r"\bcut\b|\breduction\b", what, re.I) and value > 0:
                value = -value
            out.append(
                rules.Draft(
                    kind="rate_expectation",
                    subject=rules.RATE_SUBJECT,
                    unit="bp",
                    value=value,
                    probability=float(odds),
                    horizon=rules.horizon_of(text),
                    direction=-1 if value < 0 else (1 if value > 0 else 0),
                    note=note,
                    q_start=m.start(),
                    rule="claims.rate_expectation.odds_split.v1",
                )
            )
    return out


#: "... and another", ", then a further": the next figure moves the way the last one did.
_ANOTHER_MOVE = re.compile(
    r"(?:\band|,)\s(?:then\s)?(?:another|a\sfurther|an\sadditional)\s(?:[-−+]\s?)?$", re.I
)
#: A figure said to be a total after it: "100 basis points in all".
_TOTAL_AFTER = re.compile(
    r"[^,;.]{0,30}?\b(?:basis points?|bps?|points?)\s(?:in all|in total|all told|combined|"
    r"altogether)\b",
    re.I,
)


def _span_listed_months(d: rules.Draft, text: str, periods: list[Period]) -> None:
    """ "back-to-back cuts in September and October 2025": a run of moves spans the months
    listed after it; a year said once at the end belongs to every month of the list."""
    listed = [
        p for p in periods if p.first and p.last and p.start >= d.q_start and p.kind == "month"
    ]
    listed = [p for p in listed if p.start - d.q_start < 80]
    if len(listed) < 2 or not re.fullmatch(
        r"(?:,\s|,?\s(?:and|through|to)\s)+",
        "".join(text[a.end : b.start] for a, b in itertools.pairwise(listed)),
    ):
        return
    start, end = listed[0].first, listed[-1].last
    assert start is not None and end is not None
    if start > end and start.month <= end.month:
        start = start.replace(year=end.year)  # "in June and July 2022"
    # the last month is the meeting's whole month, not that month to the article's date
    end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    d.period_start, d.period_end = start, end


#: A decision the sentence places in a stretch of time, not at one meeting.
_NOT_ONE_MEETING = re.compile(
    r"\b(?:has|have|had|since|total\w*|so far|cumulative\w*|combined|in all|altogether|"
    r"this year|last year)\b",
    re.I,
)


#: The decision figure is the event a "since" span runs from: "since the Fed's 50 bp cut".
_SINCE_THE_MOVE = re.compile(
    r"\bsince\s(?:the|its|that|a|an)\s(?:(?:fed|fomc|federal\sreserve|central\sbank)['’]s\s)?"
    r"(?:(?:jumbo|surprise|first|last|latest)\s)?$",
    re.I,
)


def _on_decision_day(d: rules.Draft, text: str, published: dt.date | None) -> None:
    """Put a rate decision on its FOMC decision day when the text's date is near one
    (``nlp.fomc``): "rallied on Thursday, a day after the Fed cut" is Wednesday's decision;
    "last week's cut" is the one meeting that week; an undated decision in an article of the
    morning after is that meeting's. A month stays a month (rule 9)."""
    first, last = d.period_start, d.period_end
    if first is not None and last is not None:
        if first.day == 1 and (last.year, last.month) == (first.year, first.month):
            # "its March meeting" in a March 20 article: the meeting's month, not March to date
            last = d.period_end = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        if first == last and first not in fomc.DECISION_DAYS:
            day = fomc.decision_day_near(first)
        elif (
            first != last
            and first in fomc.DECISION_DAYS
            and _SINCE_THE_MOVE.search(text[: d.q_start])
        ):
            # "up 1.9% since the Fed's half-point cut on Sept. 18": the cut is the day the
            # span starts from, not the span
            day = first
        elif first != last:
            day = fomc.decision_day_in(first, last)
        else:
            return
        if day is not None:
            d.period_start = d.period_end = day
        return
    if published is None or not fomc.covered(published) or _NOT_ONE_MEETING.search(text):
        return
    day = fomc.decision_day_near(published)
    if day is not None:
        d.period_start = d.period_end = day


def _range_direction(drafts: list[rules.Draft], text: str) -> None:
    """Which way a target range points (its stance): the move the sentence decided ("left
    rates unchanged in the 4.25-4.50 range" is a hold, neutral), else where the sentence
    says rates go ("a chance of rates dropping further, with 24.4% for a 2.75%-3.00%
    range")."""
    moves = [
        d for d in drafts if d.subject == rules.RATE_SUBJECT and d.unit == "bp" and d.low is None
    ]
    if moves:
        way = moves[0].direction
    elif _held(text):
        way = 0
    elif _RATES_FALL.search(text):
        way = -1
    else:
        return  # "now stands at 3.75% to 4.00% after the October cut": the words around it
    for d in drafts:
        if (
            d.kind in {"rate_decision", "rate_expectation"}
            and d.unit == "pct"
            and d.low is not None
        ):
            d.direction = way


def _share_decision_day(drafts: list[rules.Draft]) -> None:
    """ "cut rates by 0.25% to 3.50%-3.75% on Wednesday", "In September 2024 the Fed cut
    rates by 0.5% to 4.75%-5.00%": the move and the range it reached were decided at the
    same meeting, whichever figure the date stands next to."""
    dated = [
        d
        for d in drafts
        if d.kind == "rate_decision"
        and d.period_start
        and d.period_end
        and (d.period_end - d.period_start).days <= 31  # a day or a month, not "since ..."
        and not d.extra.get("moves")
    ]
    if len({(d.period_start, d.period_end) for d in dated}) != 1:
        return
    for d in drafts:
        spanned = (
            d.low is not None
            and d.period_start is not None
            and d.period_end is not None
            and (d.period_end - d.period_start).days > 31
        )  # "its first move since December, to 4.00%-4.25%": a range is where one meeting left it
        if d.kind == "rate_decision" and (d.period_start is None or spanned):
            d.period_start, d.period_end = dated[0].period_start, dated[0].period_end
            d.period_base = dated[0].period_base


def _coordinated_subjects(
    text: str, mentions: list[Mention], qs: list[Quantity], i: int, subject: str
) -> list[str]:
    """The other names of a coordinated subject that shares figure ``i`` ("Rigetti (RGTI)
    and IonQ (IONQ) each rose more than 3%": RGTI too), nearest first; none when the
    sentence pairs several figures with the names ("rose 2% and 3%, respectively")."""
    q = qs[i]
    named = [m for m in mentions if m.end <= q.start and not m.modifier]
    if not named or named[-1].symbol != subject:
        return []
    last = named[-1]
    if not _SHARED_MOVE.fullmatch(text[last.end : q.start]):
        return []
    after = text[q.end : q.end + 80]
    if re.search(r"\brespectively\b", after) or (
        i + 1 < len(qs) and qs[i + 1].start - q.end < 20 and qs[i + 1].unit == q.unit
    ):
        return []
    out: list[str] = []
    for prev in reversed(named[:-1]):
        if not _COORDINATION.fullmatch(text[prev.end : last.start]):
            break
        if prev.symbol != subject and prev.symbol not in out:
            out.append(prev.symbol)
        last = prev
    return out


#: Rules that read a percent as a move from period words alone ("18% for next year").
_WEAK_MOVE_RULES = frozenset({"claims.performance.period_return.v1", "claims.performance.move.v1"})
#: The word that brings in another name's figure: "vs. the S&P 500 at 22.4".
_COMPARISON_WORD = re.compile(r"\b(?:versus|vs\.?|against|compared (?:with|to)|while|and)\s", re.I)
#: "… vs. the S&P 500 at": another name's figure of the same multiple follows.
_MULTIPLE_OF_OTHER = re.compile(
    r"\s*,?\s*(?:versus|vs\.?|against|compared (?:with|to)|while|and)\s(?:the\s|its\s)?"
    r"[^,;%$]{2,40}?\s(?:at|is|of|on|trades at|sits at|stands at)\s"
    r"(?:about\s|roughly\s|around\s|nearly\s|~)?",
    re.I,
)
#: "…, against", "… compared with": the same metric for another subject follows.
_FUNDAMENTAL_COMPARED = re.compile(
    r"(?:\s(?:(?:in|for|during|over)\s)?[\w' -]{2,25}?)?,?\s(?:against|versus|vs\.?|"
    r"compared (?:with|to)|while|and)\s(?:about\s|nearly\s|roughly\s|just\s|only\s)?",
    re.I,
)
#: Vetoes of a figure that is a share of some whole (members, sales, owners, a fund's).
_SHARE_VETOES = frozenset(
    {
        "claims.statistic.breadth.v1",
        "claims.statistic.ownership.v2",
        "claims.statistic.fund_attribute.v3",
        "claims.statistic.own_fund.v1",
        "claims.statistic.attribution.v1",
        "claims.fundamental.sales_mix.v1",
        "claims.fundamental.headcount.v2",
    }
)
#: Vetoes of a letter's own fund's figure: a benchmark's figure may follow it.
_OWN_FUND_VETOES = frozenset({"claims.statistic.own_fund.v1", "claims.statistic.fund_sentence.v1"})
#: The word that sets a fund's return against its benchmark's.
_BENCHMARK_GAP = re.compile(
    r"\b(?:against|versus|vs\.?|compared (?:with|to)|trailing|behind|ahead of|while)\s"
    r"(?:about\s|roughly\s|nearly\s|a\s)?$",
    re.I,
)
#: "… of U.S. market value, down from", "… members lose money, compared with": the same share,
#: where it stood before or for another name, follows.
_SHARE_GAP = re.compile(
    r"[^;%$]{0,70}?(?P<tail>,?\s(?:(?:(?:up|down)\s)?from|compared (?:with|to)|versus|vs\.?|"
    r"against)\s(?:about\s|roughly\s|nearly\s|just\s|only\s|some\s|~)?)",
    re.I,
)
#: Fundamentals that are a share of an index's members (who beat, who lose money).
_SHARE_OF_MEMBERS_RULES = frozenset(
    {"claims.fundamental.share_unprofitable.v2", "claims.fundamental.beat_rate.v2"}
)
#: "…, about half the S&P 500's", "…, below large caps'": the same metric of another name.
_FUNDAMENTAL_POSSESSIVE = re.compile(
    r"(?:\s(?:(?:in|for|during|over)\s)?[\w' -]{2,25}?)?,?\s(?:about\s|roughly\s|nearly\s|"
    r"almost\s|less than\s|more than\s|just\s|only\s|well\s|far\s)?(?:half|twice|double|"
    r"a third of|two-thirds of|a quarter of|below|above|under|over|behind|ahead of|versus|"
    r"vs\.?|against|compared (?:with|to)|than|unlike|like)\s(?:that of\s|those of\s)?"
    r"(?:the\s)?[^,;%$]{2,40}?['’]s?\s*",
    re.I,
)
#: "… in 2026, after a": the change the same metric made in the period before.
_GROWTH_AFTER_PRIOR = re.compile(
    r"[^.;%$]{0,40}?,?\s(?:after|following|on top of)\s(?:an?\s)?(?:(?:estimated|expected|"
    r"projected|blended|likely)\s)?",
    re.I,
)
_CHANGE_NOUN_NEXT = re.compile(
    r"\s?(?:(?:year[- ]over[- ]year|y/y|yoy|annual)\s)?(?:gain|rise|increase|jump|climb|advance|"
    r"rebound|decline|drop|fall|contraction|expansion|growth|change|improvement)\b",
    re.I,
)
#: "… indicates a", "…, implying": what an estimate or a result implies next.
_IMPLIES_CHANGE = re.compile(
    r"[^.;%$]{0,50}?\b(?:indicat\w*|impl(?:y|ies|ying|ied)|represent\w*|reflect\w*|marks?|"
    r"marking|means?)\s(?:an?\s|the\s)?(?:(?:expected|projected|estimated)\s)?[+]?",
    re.I,
)
#: ", up from", ", down from", "from": where the same figure stood before.
_EARLIER_OF_SAME = re.compile(
    r",?\s*(?:(?:though|but|and|having)\s)?(?:(?:up|down|higher|lower|raised|lifted|cut|lowered|"
    r"improved|narrowed|widened|deteriorated|shrank|grew|rose|fell)\s)?from\s"
    r"(?:about\s|roughly\s|around\s|nearly\s)?[-−]?",
    re.I,
)
#: "… in 2024, but are forecast to rebound", "… in 2026, after a decline of": the metric just
#: stated, changing again (or before).
_GROWTH_CONTINUED = re.compile(
    r"[^.;%$]{0,40}?\b(?:(?:but|and|then|before)\s(?:(?:are|is|were|was|should|could|may|might|"
    r"will|now)\s){0,2}(?:(?:expected|forecast|projected|seen|set|likely|poised|on track)\s)?"
    r"(?:to\s)?(?:rebound|rise|grow|jump|increase|climb|expand|fall|decline|drop|surge|recover|"
    r"improve|accelerate|slow|shrink|contract)\w*\s(?:by\s)?"
    r"|(?:after|following)\s(?:(?:an?|the)\s)?(?:(?:expected|estimated|projected)\s)?"
    r"(?:(?:decline|drop|fall|rise|gain|increase|contraction|slump|dip)\s(?:of\s)?|"
    r"(?:falling|rising|declining|dropping|growing|shrinking|contracting|gaining|slipping)\s"
    r"(?:by\s)?))(?:about\s|roughly\s|nearly\s|another\s|some\s)?",
    re.I,
)
#: "… for this year and", "… in 2025, and": a list of one metric over several periods.
_LIST_AFTER_PERIOD = re.compile(
    r"\s*(?:(?:for|in|over|during)\s(?:the\s)?[\w' -]{2,25}?|"
    # "EPS growth of -12.5% this year and 37% next year": the period with no preposition
    r"(?:this|next|last|the\scurrent|the\scoming)\s(?:fiscal\s)?(?:year|quarter))"
    r",?\s(?:and|while|with)\s"
    r"(?:about|nearly|roughly|an?\s)?\s*",
    re.I,
)


def _learned(ctx: rules.Context, veto: str | None) -> Classified | None:
    """The learned step's reading of a figure no rule placed (None: it is unsure)."""
    model = learned_model()
    read = model.kind_of(ctx, veto) if model is not None else None
    if read is None:
        return None
    kind = read[0]
    role = rules.level_role(ctx.left, ctx.right) if kind == "price_level" else None
    return Classified(kind, role, LEARNED_RULE)


def _nearest_probability(probabilities: list[tuple[float, int]], at: int) -> float:
    """The stated probability (value, offset) nearest to offset ``at``."""
    return min(probabilities, key=lambda p: abs(p[1] - at))[0]


def _inherit_periods(drafts: list[rules.Draft], text: str = "") -> None:
    """Parallel figures share a period: "rose 12% in Q3, beating the Russell 1000's 8%".

    A period bound to one figure ("Wednesday's 1.07% slide", "30% below its October 13
    high") is not shared, and a figure whose own period could not be resolved ("since the
    Fed's first cut") takes none. Nor do figures in sequence ("ended the year up 15%, after
    being down 7% on Oct. 27"; "after falling 3% on Monday, it rebounded 2%"): another
    moment's period is not this figure's.
    """
    perf = [d for d in drafts if d.kind == "performance" and d.role != "streak"]
    dated = [
        d
        for d in perf
        if d.period_start is not None
        and not d.extra.get("bound")
        and not d.extra.get("dated_ref")
        and d.role != "from_high"
        # "jumped 1.9%, extending its gain for the week to 2.4%": a running total over a
        # longer span is no parallel of the moves beside it
        and not (text and _RUNNING_TOTAL.search(text[max(0, d.q_start - 70) : d.q_start]))
    ]
    for d in perf:
        if d.extra.get("unresolved") or d.extra.get("dated_ref"):
            continue
        if d.period_start is not None or not dated:
            continue
        src = _parallel_source(d, dated, text)
        if src is not None:
            d.period_start, d.period_end = src.period_start, src.period_end
            d.period_base = src.period_base
            d.extra["inherited"] = True


def _parallel_source(d: rules.Draft, dated: list[rules.Draft], text: str) -> rules.Draft | None:
    """The nearest dated figure that is parallel to ``d``: close by, and not another moment."""

    def dist(x: rules.Draft) -> int:
        return abs(x.q_start - d.q_start)

    near = min(dated, key=dist)
    candidates = [near] if dist(near) <= _PARALLEL_SPAN else []
    if candidates and _SEQUENCE.search(text, *sorted((near.q_start, d.q_start))):
        candidates = sorted((x for x in dated if dist(x) <= _PARALLEL_SPAN), key=dist)[1:4]
    for x in candidates:
        if not _SEQUENCE.search(text, *sorted((x.q_start, d.q_start))):
            return x
    return None


#: Figures further apart than this (characters) are not parallel: no period is shared.
_PARALLEL_SPAN = 400
#: Words between two figures that put them at different moments (no shared period).
#: The figure a move brings a longer tally to: "extending its gain for the week to 2.4%",
#: "bringing its year-to-date advance to 12%", "leaving it up 5% for the month".
_RUNNING_TOTAL = re.compile(
    r"\b(?:extend\w*|bring\w*|brought|tak(?:ing|es)|leav(?:ing|es)|lift\w*|push\w*|par(?:ing|es)|"
    r"trimm\w*|cutting)\s(?:its|their|the|it)\s(?:[\w-]+\s){0,4}?(?:(?:gains?|loss(?:es)?|"
    r"advance|decline|rise|drop|rally|slide|total|tally)\s(?:[\w-]+\s){0,4}?to|up|down)\s"
    r"(?:about\s|nearly\s|roughly\s|more\sthan\s)?$",
    re.I,
)
_SEQUENCE = re.compile(
    r"\b(?:after|before|following|having|then|later|earlier|until|prior\sto|"
    r"previously|subsequently)\b",
    re.I,
)


# a noun a period can modify: "Wednesday's 1.07% slide", "its entire July gain"
_MOVE_NOUN = (
    r"(?:gains?|loss(?:es)?|rall(?:y|ies)|slides?|declines?|drops?|advances?|sell-?offs?|routs?|"
    r"surges?|jumps?|moves?|runs?|highs?|lows?|close|peaks?|records?|levels?|bounces?|"
    r"rebounds?|plunges?|tumbles?|slumps?|swoons?|pops?|spikes?|sell-off|retreats?)"
)
_PERIOD_MODIFIER = re.compile(rf"^(?P<poss>['’]s)?\s(?:[\w.,%$+-]+\s){{0,2}}?{_MOVE_NOUN}\b", re.I)
#: The words before "close" that make it the last session's: "the previous", "Thursday's".
_LAST_SESSION = re.compile(
    r"(?:previous|prior|last|latest|yesterday['’]s|(?:mon|tues|wednes|thurs|fri)day['’]s|"
    r"(?:the\s)?(?:prior\s|previous\s)?(?:day|session)['’]s)\s",
    re.I,
)
#: "Thursday's close": the base of a later move, not the session the text reports on.
_DAYS_CLOSE = re.compile(
    # "following Tuesday's record close of 2,651.9": the base of today's figures too
    r"(?:['’]s)?\s(?:record\s|all-time\s)?(?:close|closing (?:level|price|high)|finish|settle)\b",
    re.I,
)
_FROM_DAY_CLOSE = re.compile(
    r"^\s*(?:from|since|versus|vs\.?)\s(?P<day>(?:mon|tues|wednes|thurs|fri)day|yesterday)['’]s\s"
    r"(?:close|closing (?:level|price)|finish|settle(?:ment)?)\b"
    r"(?!\s(?:to|through|until|and)\b)",  # "from Friday's close to Tuesday's": a stated span
    re.I,
)
_DATED_LEVEL = re.compile(
    r"^\s*(?:(?:drawdown|decline|drop|pullback|pull-back|correction|fall|slide|retreat)\s)?"
    r"(?:below|under|beneath|off|from|of|short of|above|over)\s"
    r"(?:its|the|their|his|her|that)\s(?P<mid>(?:[\w.,’'/-]+\s){0,5}?)"
    # "gained 14.6% over the past four weeks to close the session at": "to close" is a verb
    r"(?<!\bto\s)"
    r"(?P<noun>closing (?:high|low|peak)|record (?:close|high|closing high)|all-time high|"
    r"record|close|high|peak|top|low|level|ATH)\b(?!\s(?:end|ground|yield))",
    re.I,
)
_LEVEL_OF = re.compile(
    r"\b(?:its|the|their|his|her|that)\s(?P<mid>(?:[\w.,’'-]+\s){0,5}?)"
    r"(?P<noun>closing (?:high|low|peak)|record (?:close|high|closing high)|all-time high|"
    r"record|close|high|peak|top|low)\s(?:of|at|near|around)\s(?:about\s|roughly\s|nearly\s)?\$?$",
    re.I,
)


#: A clause after a figure that tells why or when something else happened: "after touching a
#: record high on Tuesday", "following the company's third-quarter report".
_CAUSE_CLAUSE = re.compile(
    r"\b(?:after|before|following|ahead of|upon|on)\s(?:\w+ing|(?:(?:its|their|the company['’]s)"
    # "jumped 6.1% after third-quarter earnings of $2.97 topped estimates": no determiner
    r"\s(?:[\w-]+\s){0,2}?|(?:[\w-]+[\s-]){0,2}?quarter\s|q[1-4]\s)(?:results|report|earnings))\b",
    re.I,
)


def _cause_clause_start(text: str, at: int, qs: list[Quantity]) -> int | None:
    """Where the cause clause holding position ``at`` starts, when a figure comes before it."""
    starts = [s for s in _cause_starts(text) if s < at]
    if starts and any(q.end <= starts[-1] for q in qs):
        return starts[-1]
    return None


@lru_cache(maxsize=4096)
def _cause_starts(text: str) -> tuple[int, ...]:
    """Where the sentence's cause clauses start (read once per sentence, asked per period)."""
    return tuple(m.start() for m in _CAUSE_CLAUSE.finditer(text))


#: Rules whose figure is a yield's move or level: its subject must be a yield.
_YIELD_RULES = frozenset({"claims.performance.yield_move.v2", "claims.price_level.yield_level.v2"})


def _yield_subject(d: rules.Draft) -> bool:
    """Whether a yield figure's subject can be a yield: one the sentence named, or a
    carried-over subject that is a yield (an equity index carried over from an earlier
    sentence is what the yield was not)."""
    if d.extra.get("subject_rule") not in {"discourse", "pronoun, discourse"}:
        return True
    lex = default_lexicon()
    info = lex.info.get(d.subject) if lex is not None else None
    return d.subject == rules.RATE_SUBJECT or (info is not None and "yield" in info.name.lower())


#: Between a level and the month (quarter, year) its clause names: "$17.42 in April", "2,437.08
#: set in November 2021", "$193.84 in mid-October".
_IN_SPAN_AFTER = re.compile(
    r"[^.;,]{0,25}?\b(?:in|during|back\sin|set\sin|reached\sin|hit\sin)\s"
    r"(?:(?:early|mid|late)[\s-]?)?\S*\s?$",
    re.I,
)
#: From a month said first to its level, in one clause: "In April, IWM traded at $".
_SPAN_THEN_LEVEL = re.compile(r"[^.;]{0,60}", re.I)
#: A session's close named before its level: "Friday's close of $111", "Tuesday's closing
#: price of $41.20".
_DAYS_CLOSE_OF = re.compile(
    r"\b(?P<day>(?:Monday|Tuesday|Wednesday|Thursday|Friday|yesterday)['’]s)\s"
    r"(?:closing\s(?:price|level)|close|finish|settle(?:ment)?)\s(?:of|at)\s"
    r"(?:about\s|around\s|roughly\s)?\$?\s*$",
    re.I,
)


#: A past extreme or level dated after its noun: "its record close set in mid-November", "the
#: high it reached in March", "a level last seen in July". The date is that extreme's, not the
#: session of the move the sentence reports.
_EXTREME_DATED_AFTER = re.compile(
    r"\b(?P<noun>(?:record|all-time|closing|intraday|52-week)?\s?(?:highs?|lows?|peaks?|tops?|"
    r"troughs?|bottoms?|records?|close|levels?))\s"
    # "its record close of 2,548 set Wednesday": the extreme's level between noun and verb
    r"(?:of\s(?:about\s|around\s|roughly\s)?\$?\d[\d,.]*\s(?:points?\s)?)?"
    r"(?:(?:it|they)\s)?(?:(?:first\s|last\s)?"
    r"(?:set|reached|hit|made|touched|notched|posted|seen|marked|struck|recorded)\s)"
    r"(?:back\s|earlier\s|as\srecently\sas\s)?(?:in|on|during|at\sthe\s(?:start|end)\sof)?\s*"
    r"(?:(?:early|mid|late)[\s-]?)?$",
    re.I,
)


def _bound_periods(text: str, qs: list[Quantity], periods: list[Period]) -> dict[int, set[int]]:
    """Periods that belong to one figure only (id -> indexes of the figures they date).

    "recovering part of Wednesday's 1.07% slide": Wednesday dates the 1.07% only, not the
    moves reported before it; "giving back its entire July gain": July dates no figure
    (the gain is not stated); "30% below its October 13 closing high of $82.09": October 13
    is where that change and that level start, not a session for other figures.
    """
    out: dict[int, set[int]] = {}
    for p in periods:
        if re.search(r"\b(?:earlier|later)\s$", text[: p.start], re.I):
            out[id(p)] = set()  # "after its run to records earlier in the month": an event
            continue
        dated = _EXTREME_DATED_AFTER.search(text[max(0, p.start - 80) : p.start])
        if dated is not None:
            # "jumped 1.9%, near its record close set in mid-November": mid-November dates
            # the record (and a figure inside its phrase), not the move
            lo = max(0, p.start - 80) + dated.start()
            out[id(p)] = {j for j, q in enumerate(qs) if lo <= q.start < p.start}
            continue
        cause = _cause_clause_start(text, p.start, qs)
        if cause is not None:
            # "shed 1.4% after touching a record on Tuesday", "jumped 9% after reporting
            # third-quarter results": the period dates what that clause tells, not the move
            # it explains
            out[id(p)] = {j for j, q in enumerate(qs) if q.start >= cause}
            continue
        if p.kind not in {"weekday", "relday", "day", "month", "quarter", "year", "ytd", "to_date"}:
            continue
        after = text[p.end :]
        m = _PERIOD_MODIFIER.match(after)
        before = text[: p.start]
        owners: set[int] = set()
        poss = m is not None and (
            bool(m.group("poss")) or text[p.start : p.end].endswith(("'s", "’s"))
        )
        if m and (
            poss
            or re.search(
                r"\b(?:its|their|the|a|an|entire|whole|own|"
                r"his|her|that|this)\s$",
                before,
            )
        ):
            stop = p.end + m.end()
            owners = {j for j, q in enumerate(qs) if p.end <= q.start < stop}
            tail = re.match(
                r"\s(?:of|at|near|toward|towards|to|past|above)\s(?:about\s|roughly\s|nearly\s)?\$?",
                text[stop:],
            )
            if tail:
                owners |= {j for j, q in enumerate(qs) if q.start == stop + tail.end()}
            out[id(p)] = owners
        for j, q in enumerate(qs):
            ref = _DATED_LEVEL.match(text[q.end :])
            if ref and q.end + ref.start("mid") <= p.start and p.end <= q.end + ref.end("noun"):
                out.setdefault(id(p), set()).add(j)
                rest = text[q.end + ref.end() :]
                lv = re.match(r"\s(?:of|at|near)\s(?:about\s|roughly\s)?\$?", rest)
                if lv:
                    at = q.end + ref.end() + lv.end()
                    out[id(p)] |= {k for k, o in enumerate(qs) if o.start == at}
    return out


def _period_after_level(
    text: str, at: int, periods: list[Period], *, figure_first: bool = True
) -> list[Period]:
    """The period right after a level: "its record close of 2,442.74 from November 2021".

    ``at`` is where the level noun ends (``figure_first``: " of 2,442.74 from ..." follows)
    or where the figure starts.
    """
    pat = (
        r"\s(?:of|at|near)\s(?:about\s|roughly\s)?\$?[\d,.]+\s" if figure_first else r"\$?[\d,.]+\s"
    ) + r"(?:points?\s)?(?:(?:set|reached|hit|made)\s)?(?:back\s)?(?:from|in|on)\s"
    m = re.match(pat, text[at:])
    if not m:
        return []
    start = at + m.end()
    return [p for p in periods if p.first is not None and start - 4 <= p.start <= start + 4]


def _first_session_after(closed: dt.date | None, end: dt.date) -> dt.date:
    """The first weekday after the close of ``closed`` (the base of a move measured from it),
    or ``end`` itself when no earlier close is named."""
    if closed is None or closed >= end:
        return end
    first = closed + dt.timedelta(days=1)
    while first.weekday() >= 5 and first < end:
        first += dt.timedelta(days=1)
    return first


def _dated_reference(
    d: rules.Draft,
    q: Quantity,
    text: str,
    periods: list[Period],
    published: dt.date | None,
    anchor: Period | None,
) -> None:
    """A change measured from a past level, and that level itself.

    "down about 27% from its December 3 close of $189.19", "30% below its October 13
    closing high", "within 5% of its November 2021 record close": the change runs from that
    date to the article's date (role ``from_high`` unless the level is a low). "its December
    11 record close of 2,590.61", "its own 2021 peak of $242.56": a past high (as of that
    date), not the current price.
    """
    if d.kind == "performance" and d.unit == "pct" and d.role in {None, "from_high"}:
        day_close = _FROM_DAY_CLOSE.match(text[q.end :])
        if day_close:
            # "down 5% from Monday's close": the sessions after Monday's close, to today
            at = q.end + day_close.start("day")
            named = [p for p in periods if p.first is not None and abs(p.start - at) <= 2]
            end = published
            own = bool(named) and anchor is not None and anchor.start == named[0].start
            if anchor is not None and anchor.last and not own:
                end = anchor.last
        if day_close and end is not None:
            first = _first_session_after(named[0].first if named else None, end)
            d.period_start, d.period_end, d.period_base = first, end, PRIOR_CLOSE
            d.extra["dated_ref"] = True
            return
        ref = _DATED_LEVEL.match(text[q.end :])
        if not ref:
            return
        lo, hi = q.end + ref.start("mid"), q.end + ref.end("noun")
        dated = [p for p in periods if lo <= p.start and p.end <= hi and p.first is not None]
        if not dated:
            dated = _period_after_level(text, hi, periods)  # "... close of 2,442.74 from 2021"
        if not dated:  # "down 9.5% from its intraday high on November 25"
            on = re.match(r"\s(?:(?:set|reached|hit|made)\s)?(?:on|in|of)\s", text[hi:])
            if on:
                at = hi + on.end()
                dated = [p for p in periods if p.first is not None and abs(p.start - at) <= 4]
        noun = ref.group("noun").lower()
        if noun == "close" and _LAST_SESSION.fullmatch(ref.group("mid")):
            # "down 3.4% from the previous close", "up 2% from Thursday's close": a move from
            # the last session's close, not a distance from a high
            end = anchor.last if anchor and anchor.last else published
            if end is not None:
                first = _first_session_after(dated[0].first if dated else None, end)
                d.period_start, d.period_end, d.period_base = first, end, PRIOR_CLOSE
                d.extra["dated_ref"] = True
            return
        if noun in {"low", "closing low"}:
            if not dated:
                return
        else:
            if d.role is None:
                d.role = "from_high"
                if d.value is not None:
                    d.value = -abs(d.value)
                d.comparator = {"gt": "lt", "gte": "lte"}.get(d.comparator, d.comparator)
                if re.search(r"\bwithin\s*$", text[: q.start]) or re.search(
                    r"^\s*of\s", text[q.end :]
                ):
                    d.comparator = (
                        "gt" if q.comparator in {"lt", "lte", "approx", "eq"} else (d.comparator)
                    )
        end = anchor.last if anchor and anchor.last else published
        d.extra.pop("session", None)
        d.extra["dated_ref"] = True
        joined = [
            p
            for p in periods
            if p.kind == "between" and lo <= p.start < hi and p.first is not None and p.end > hi
        ]
        if joined and not dated:
            # "lost 58% from its July 2007 peak to its March 2009 trough": the span between
            # the two extremes the text dates (its ends are months: unsure of the days)
            d.period_start, d.period_end = joined[0].first, joined[0].last
            d.period_base = PRIOR_CLOSE
            d.extra["period_confidence"] = min(joined[0].confidence, 0.5)
        elif dated:
            d.period_start, d.period_end = dated[0].first, end
            # "down 27% from its December 3 close": measured from that day's own close
            d.period_base = START_CLOSE if dated[0].first == dated[0].last else dated[0].base
        elif d.role == "from_high":
            d.period_start = d.period_end = None
        return
    if d.kind == "price_level" and d.role in {None, "current", "high", "low"}:
        lv = _LEVEL_OF.search(text[: q.start])
        if not lv:
            return
        noun = lv.group("noun").lower()
        if not re.search(r"\d|record|all-time|peak|closing|high|low", lv.group("mid") + noun):
            return  # "its close of $57": today's close, not a past level
        if lv.group(0).lower().startswith("the") and not re.search(r"\d", lv.group("mid")):
            return  # "to the record close of ...": a new record, today's
        d.role = "low" if noun.endswith("low") else "high"
        if "clos" in noun or "clos" in lv.group("mid").lower():
            d.basis = "close"
        lo = lv.start("mid")
        dated = [p for p in periods if lo <= p.start and p.end <= q.start and p.first is not None]
        # "the Russell 2000 touched a session high of": an index's name, no year
        year = re.search(r"(?<!russell\s)\b(?:19|20)\d\d\b", lv.group("mid"), re.I)
        if not dated:
            dated = _period_after_level(text, q.start, periods, figure_first=False)
        if dated and dated[-1].last is not None:
            d.as_of = dated[-1].last
        elif year and published is not None and int(year.group(0)) < published.year:
            d.as_of = dt.date(int(year.group(0)), 12, 31)  # "its own 2021 peak of $242.56"
        elif d.as_of == published:
            d.as_of = None


def _draft(
    kind: str,
    role: str | None,
    ctx: rules.Context,
    text: str,
    mentions: list[Mention],
    fallback: str | None,
    period: Period | None,
    anchor: Period | None,
    published: dt.date | None,
    qs: list[Quantity] | None = None,
) -> rules.Draft | None:
    q = ctx.q
    window = (ctx.left[-70:] + " " + ctx.right[:40]).lower()
    as_of = anchor.last if anchor and anchor.last else published
    if kind in {"rate", "rate_range", "rate_level", "rate_decided"}:
        expect = kind != "rate_decided" and _expected(ctx, text, kind)
        moves = re.match(r"(?:cut|reduction)|(?:hike|increase)", q.what or "")
        said = _RATE_MOVE_NOUN.match(ctx.right)  # "150 bp off the policy rate", "of easing"
        direction = (
            (-1 if moves.group(0)[0] in "cr" else 1)  # "two consecutive 75 bp hikes"
            if moves
            else (1 if said.group("up") else -1)
            if said
            else -1
            if rules._CUT.search(window) or _RATES_FALL.search(window)
            else 1
            if rules._HIKE.search(window)
            else (-1 if "cut" in text.lower() else 0)
        )
        d = rules.Draft(
            kind="rate_expectation" if expect else "rate_decision",
            subject=rules.RATE_SUBJECT,
            unit=q.unit,
            comparator=q.comparator,
            direction=direction,
            q_start=q.start,
            horizon=rules.horizon_of(text) if expect else None,
        )
        if kind == "rate_range":
            d.low, d.high, d.unit, d.comparator = q.low, q.high, "pct", "range"
        elif kind == "rate_level":
            d.value, d.unit = q.value, "pct"
        elif q.unit == "count":
            d.value, d.unit = q.value, "count"
            if q.comparator == "range":  # "either three or four cuts"
                d.low, d.high, d.comparator = q.low, q.high, "range"
        elif q.unit in {"pct", "pp"} and q.value is not None:  # "cut rates by 0.25%"
            d.unit = "bp"
            d.value, d.comparator = rules.signed(
                dataclasses.replace(q, value=round(q.value * 100, 6)), direction
            )
        else:
            d.value, d.comparator = rules.signed(q, direction)
            if d.value is None and q.comparator == "range":
                sign = -1 if direction < 0 else 1
                d.low, d.high = sorted((sign * (q.low or 0), sign * (q.high or 0)))
        if period and period.first and not expect:
            d.period_start, d.period_end = period.first, period.last
            d.period_base = period.base
        if moves and not expect:
            d.extra["moves"] = True  # a run of moves: its period spans the months it names
        return d
    anchor_q = q
    if role == "relative" or (role == "streak" and _relative_streak(text, q)):
        # the subject is whoever out/under-performed, before the verb ("small caps have beaten
        # large caps seven sessions in a row": a run of outperformance is the small caps')
        verbs = list(rules._RELATIVE.finditer(text[: q.start]))
        if verbs:
            anchor_q = Quantity(unit=q.unit, start=verbs[-1].start(), end=verbs[-1].end())
    versus = _VERSUS_LABEL.match(text) if role == "relative" else None
    label_bench = [m for m in mentions if versus and m.end <= versus.end()]
    if label_bench and fallback and fallback != label_bench[0].symbol:
        # "Relative to S&P 500 (YTD): +6.3 percentage points": a recap's metric line names
        # the benchmark; the subject is the one the page is about
        mentions = [m for m in mentions if m not in label_bench]
    choice = pick_subject(text, anchor_q, mentions, fallback, qs)
    if choice is None:
        return None
    subject = choice.symbol
    d = rules.Draft(
        kind=kind,
        subject=subject,
        unit=q.unit,
        role=role,
        comparator=q.comparator,
        low=q.low,
        high=q.high,
        q_start=q.start,
        extra={"subject_confidence": choice.confidence, "subject_rule": choice.rule},
    )
    if choice.within is not None:
        d.extra["slice_of"] = choice.within
    if q.unit == "bare":
        d.unit = "points"
    direction = rules.direction_of(ctx)
    d.direction = direction
    if kind == "valuation":
        neg = q.unit == "pct" and bool(DISCOUNT_NOUN.match(ctx.right.lower()))
        neg = neg or bool(re.search(r"discount of\s*$", ctx.left.lower()))
        # "a discount to NAV of 12%" (not "a discount to its average of 1.8x": a multiple)
        of = DISCOUNT_OF.search(ctx.left.lower()) if q.unit == "pct" else None
        neg = neg or bool(of and of.group("which") == "discount")
        # "30%: the discount small caps trade at": a numbers box names the gap after a colon
        gap_first = FIGURE_FIRST_GAP.match(ctx.right.lower()) if q.unit == "pct" else None
        neg = neg or bool(gap_first and gap_first.group("which") == "discount")
        # "25% undervalued": a gap below fair value or peers, like a discount
        neg = neg or bool(
            q.unit == "pct" and re.match(r"^\s?under-?valu(?:ed|ation)", ctx.right.lower())
        )
        stated = (
            DISCOUNT_STATED.search(ctx.left.lower()[-80:])
            or DISCOUNT_LATER.search(ctx.wide_left.lower()[-130:])
            if q.unit == "pct"
            else None
        )
        neg = neg or bool(stated and stated.group("which") == "discount")
        # "35% cheaper than", "lower than the S&P 500 by 30%": a discount in other words
        neg = neg or (
            q.unit == "pct"
            and bool(
                re.match(r"^\s*(?:cheaper|lower|below|less|under)\b", ctx.right.lower())
                or re.search(
                    r"(?:\b(?:cheaper|lower|below|less)\s(?:than|relative to|versus|vs\.?)\s"
                    r"[^.;]{0,50}\bby|\bcheaper\sby)\s*(?:about|around|roughly|nearly|almost|"
                    r"some|~)?\s*$",
                    ctx.left.lower()[-90:],
                )
            )
        )
        if q.unit == "pct" and (
            DISCOUNT_OR_PREMIUM.match(ctx.right.lower()) or _GAP_OF.search(ctx.left[-40:])
        ):
            d.subject = _gap_owner(text, q, mentions, d.subject)
        if d.unit == "points":
            d.unit = "x"  # "the 21.5 multiple", "versus 22.1 for large caps"
        d.value = -abs(q.value) if (neg and q.value is not None) else q.value
        d.as_of = as_of
        return d
    if kind == "fundamental":
        if period and period.first:  # "annually over the last five years", "Q3 revenue"
            d.period_start, d.period_end, d.period_base = period.first, period.last, period.base
            if period.kind == "fiscal":
                # a fiscal quarter with no dates stated: company calendars differ, so no
                # calendar guess (a stated "quarter ended Nov. 1" dates it, see below)
                d.period_start = d.period_end = None
            elif period.kind == "between" and period.last is not None:
                d.period_start = _between_first(text[period.start : period.end], period.last)
        d.value = q.value
        if q.unit == "usd" and role in {"eps", "eps_estimate", "surprise"}:
            d.unit = "usd_per_share"
        if (
            role == "surprise"
            and (
                _MISSED.search(ctx.left)
                # "missing the $0.63 consensus by five cents": the verb before the estimate
                or (
                    re.search(r"\bby\s*$", ctx.left)
                    and _MISSED.search(re.split(r"[;.]\s|\band\b", ctx.wide_left[-60:])[-1])
                )
                or SURPRISE_BELOW.match(ctx.right.lower())
                or _NEGATIVE_SURPRISE.match(ctx.right.lower())
            )
            and d.value
        ):
            d.value = -abs(d.value)
        if d.value and (q.negative or (role != "growth" and _LOSS.search(ctx.wide_left[-60:]))):
            d.value = -abs(d.value)  # "EPS: -1.31", "a net loss of $43.7 million, or $0.22 a share"
        if (
            d.value
            and role in {"eps", "eps_estimate"}
            and (_LOST.search(ctx.left[-20:]) or _LOSS_AFTER.match(ctx.right))
        ):
            d.value = -abs(d.value)  # "lost 93 cents a share", "the 48-cent loss expected"
        if d.value and re.search(r"(?:^|[\s(])[-−]$", ctx.left[-2:]):
            d.value = -abs(d.value)  # "stands at -$0.58": a minus glued to the figure
        if role == "margin" and q.unit in {"bp", "pp"} and _SHRANK.search(ctx.left[-40:]):
            direction = -1  # "operating margin contracted by 90 bp"
        moved = (role == "growth" and q.unit == "pct") or (
            role == "margin" and q.unit in {"bp", "pp"}
        )
        reached = re.search(r"\bto\s*(?:about|roughly|around|~)?\s*$", ctx.left[-14:])
        if moved and direction < 0 and d.value and not reached:  # "growth slowed to 6%" is +6
            d.value = -abs(d.value)
        if moved and direction < 0 and q.comparator == "range" and not reached:
            # "sees revenue down 3% to 4%": a guided decline, signed like a move's range
            d.low, d.high = -abs(q.high or 0), -abs(q.low or 0)
        if (
            role is None
            and q.unit == "pct"
            and d.value
            and _ESTIMATE_CUT.search(ctx.left.lower()[-90:])
            and re.search(r"\b(?:estimates?|forecasts?|projections?)\b", ctx.wide_left.lower())
        ):
            d.value = -abs(d.value)  # "estimates have been cut by 10%": a downward revision
        if q.unit == "count":
            d.value = q.value  # "losses for 11 straight quarters": a run's length, unsigned
        d.horizon = rules.horizon_of(text) if role in {"growth", "revenue"} else None
        return d
    if kind == "price_target":
        d.value, d.comparator = (
            rules.signed(q, direction) if q.unit == "pct" else (q.value, q.comparator)
        )
        if d.unit == "usd_per_share":
            d.unit = "usd"  # "a price target of $90 a share": a price
        d.horizon = rules.horizon_of(text)
        return d
    if kind == "price_level":
        d.value = q.value
        if d.unit == "usd_per_share":
            d.unit = "usd"  # "trading at $146.76 per share": a price
        d.as_of = period.last if period and period.kind in {"day", "weekday", "relday"} else as_of
        if (
            period is not None
            and period.kind in {"month", "quarter", "year"}
            and not period.anchor
            and (
                (period.start >= q.end and _IN_SPAN_AFTER.match(text[q.end : period.end + 1]))
                or (
                    period.end <= q.start and _SPAN_THEN_LEVEL.fullmatch(text[period.end : q.start])
                )
            )
        ):
            # "traded as low as $17.42 in April", "a record of 2,437.08 set in November 2021":
            # a level in a month names no session (devset rule 7: no usable date)
            d.as_of = None
        days_close = _DAYS_CLOSE_OF.search(text[: q.start])
        if days_close is not None and published is not None:
            # "35% above Friday's close of $111": the level of that session
            named = [
                p.first
                for p in find_periods(days_close.group("day"), published)
                if p.first is not None and p.first == p.last
            ]
            d.as_of = named[0] if named else d.as_of
        d.basis = rules.basis_of(ctx.left[-50:])
        return d
    # performance
    d.basis = rules.basis_of(ctx.left[-60:] + " " + ctx.right[:30])
    if role == "streak":
        if not mentions:
            return None  # "deposit costs fell for a second straight quarter": not a price
        grain = streak_grain(f"{q.what or ''} {q.text}")
        d.value, d.comparator = q.value, "eq"
        d.unit = STREAK_UNITS.get(grain or "", "count")  # a streak of quarters: a count
        d.extra["streak_grain"] = grain
        ended = re.search(
            r"\b(?:ended|ends|ending|snapped|snaps|snapping|broke|breaks|breaking|halted|"
            r"halting|stopped|stopping|end|"
            r"(?:set|poised|on\strack|looking|about)\sto\s(?:break|snap|end|halt))"
            # "ending a run of three straight weekly declines": the run's noun, then "of"
            r"\s(?:its|their|the|a|an)\s(?:[\w-]+\s)?(?:(?:run|streak|string|stretch)\sof\s)?$",
            text[: q.start],
            re.I,
        )
        d.period_start, d.period_end = _streak_period(q, text, published, ended=bool(ended))
        if _relative_streak(text, q):
            d.benchmark = rules.benchmark_of(text, q, mentions, subject)
        way = streak_direction(text)
        d.extra["streak_direction"] = way
        d.direction = {"up": 1, "down": -1}.get(way or "", 0)
        return d
    d.value, d.comparator = rules.signed(q, direction)
    if q.comparator == "range" and direction < 0:
        d.low, d.high = -(q.high or 0), -(q.low or 0)
    if role == "from_high":
        d.value = -abs(d.value) if d.value is not None else None
        d.comparator = {"gt": "lt", "gte": "lte"}.get(q.comparator, q.comparator)
    if role == "relative":
        d.benchmark = rules.benchmark_of(text, q, mentions, subject)
        if d.benchmark is None and label_bench and label_bench[0].symbol != subject:
            d.benchmark = label_bench[0].symbol
        if (
            re.search(
                rf"\bunderperform|\blagg?|\b(?!{rules.TRAILING_ADJECTIVE})trail",
                ctx.left.lower()[-60:],
            )
            and d.value
        ):
            d.value = -abs(d.value)
        if q.unit == "points":
            d.unit = "pp"
        if re.match(r"^\s?(?:behind|worse than|less than|lower than)\b", ctx.right) and d.value:
            d.value = -abs(d.value)  # "1.4 points behind the S&P 500"
        if q.unit == "bp" and d.value is not None:
            # "lagged large caps by 600 bp": a spread, which the annotation rules keep in
            # percentage points (shared/devset/README.md rule 5), so 600 bp is 6
            d.unit, d.value = "pp", round(d.value / 100, 6)
    if d.direction == 0 and ctx.inherit_direction:
        d.direction = ctx.inherit_direction
        d.value, d.comparator = rules.signed(q, d.direction)
    if period and period.first:
        d.period_start, d.period_end = period.first, period.last
        d.period_base = period.base
        if anchor and anchor.last:
            if period.kind == "ytd":
                d.period_start = dt.date(anchor.last.year, 1, 1)
            elif period.kind in _SPAN_TO_REFERENCE and period.last == published:
                # "over the past three months (as of Sept. 30)": the span ends at the anchor,
                # so it starts three months before it
                again = find_periods(text[period.start : period.end], anchor.last)
                if again and again[0].first is not None and again[0].last == anchor.last:
                    d.period_start = again[0].first
            d.period_end = anchor.last
    elif (
        role is None
        and (
            _PAST_MOVE.search(ctx.left[-45:])
            or text[max(0, q.start - 1) : q.start] in {"+", "-", "−"}
            or q.negative
        )
        and not _NOT_SESSION.search(text)
    ):
        d.extra["session"] = True  # a plain "fell 2%" in a recap: the session reported on
    return d


#: A miss of the estimate: the surprise is negative.
_SHRANK = re.compile(r"\b(?:contract\w*|compress\w*|narrow\w*|shr[ai]nk\w*|erod\w*)\b", re.I)
#: An estimate revised down: "have been cut by", "were lowered".
_ESTIMATE_CUT = re.compile(
    r"\b(?:cut|lowered|trimmed|reduced|slashed|revised (?:down|lower)\w*|fallen|fell|dropped|"
    r"declined)\s(?:by\s)?(?:about\s|roughly\s|nearly\s|some\s|more than\s|over\s)?$"
    # the verb first: "have cut third-quarter EPS estimates for the index by 4.2%"
    r"|\b(?:cut|lowered|trimmed|reduced|slashed|revised (?:down|lower)\w*)\s[^.;%$]{0,30}?"
    r"\b(?:estimates?|forecasts?|projections?)\b[^.;%$]{0,40}?\bby\s(?:about\s|roughly\s|"
    r"nearly\s|some\s|more than\s|over\s)?$"
)
#: "a 3% negative surprise", "a 4-cent miss": the surprise's own noun says it missed.
_NEGATIVE_SURPRISE = re.compile(
    r"^\s?(?:negative\s(?:[\w-]+\s)?surprise|(?:(?:earnings|eps|revenue|sales)\s)?miss)\b"
)
_MISSED = re.compile(r"\bmiss|\bfell short|\bcame in (?:below|short)|\bshort of\b", re.I)
#: A per-share loss said with the verb before it or the noun after it.
_LOST = re.compile(r"\blos(?:t|es|ing)\s(?:about\s|roughly\s|nearly\s|an adjusted\s)?$", re.I)
_LOSS_AFTER = re.compile(r"^\s?(?:a share\s|per share\s)?(?:net\s)?loss\b", re.I)
#: A loss the figure is the size of: "a net loss of", "estimates of a loss of ... , or".
_LOSS = re.compile(
    r"\b(?:net |operating |adjusted |gaap )?loss(?:es)?\b"
    r"(?:(?!\b(?:profit|income|gain|revenue|sales)\b)(?:[^.;]|\.(?=\d)))*$",
    re.I,
)
#: "its widely expected 25 bp cut": what was expected, then done (an adjective, not a call).
_AS_EXPECTED = re.compile(
    r"\b(?:its|the|a|an|widely|largely|much|long|well|fully|everyone|everybody|markets?|"
    r"investors|traders|economists|analysts)[\s-](?:\w+[\s-])?"
    r"(?:expected|anticipated|telegraphed|priced)$",
    re.I,
)
#: ", lowering the target range to": what the decision just named did (a consequence).
_DID = re.compile(
    r",\s(?:lowering|cutting|raising|lifting|taking|bringing|pushing|moving)\s(?:the\s|its\s)?",
    re.I,
)
#: The words right after a policy-rate move that say its direction: "taken 150 basis points
#: off the policy rate", "100 bp of easing", "75 bp of tightening".
_RATE_MOVE_NOUN = re.compile(
    r"\s*(?:off\b|of\s(?:(?:rate\s)?cuts?|easing|reductions?|relief)\b|"
    r"of\s(?P<up>(?:rate\s)?hikes?|tightening|increases?)\b)",
    re.I,
)
#: "rates to fall by another 50 bps": a cut said of the rate itself.
_RATES_FALL = re.compile(
    r"\b(?:rates?|fed funds|funds rate|policy rate|borrowing costs)\s(?:to\s)?"
    r"(?:(?:has|have|had|will|would|could|is|are|was|were)\s(?:now\s)?(?:been\s)?)?"
    r"(?:fall|falls|fell|fallen|falling|drop\w*|declin\w*|come down|came down|coming down|"
    r"go lower|gone lower|down|lower|eased|cut)\b",
    re.I,
)


def _expected(ctx: rules.Context, text: str, kind: str) -> bool:
    """Whether a rate figure is a call on the future rather than a decision taken.

    The words nearest the figure decide: a decision verb after any forecast word on its left
    ("the Fed forecast cuts ... after it delivered a 50 bp cut") is a decision; words after it
    count only within its own clause ("two quarter-point cuts were likely later this year" is
    a call, "a half-point reduction and forecast more cuts" is not). A count of moves is a
    call unless a rule said it was made (``rate_decided``).
    """
    q = ctx.q
    if q.unit == "count":
        return True
    left = re.split(r"[;]", ctx.left[-80:])[-1]
    said = [m for m in rules._EXPECT.finditer(left) if not _AS_EXPECTED.search(left[: m.end()])]
    done = list(_DECIDED.finditer(left)) + list(_DID.finditer(left))
    if kind in {"rate_range", "rate_level"} and not said and not _DECIDED.search(left):
        # "expect two more cuts in 2026, taking the funds rate to 3.25%-3.50%": the range a
        # forecast ends at (its verb before the figures the "taking" follows)
        before = re.split(r"[;.!?]\s", ctx.wide_left)[-1]
        called = any(
            not _AS_EXPECTED.search(before[: m.end()]) for m in rules._EXPECT.finditer(before)
        )
        if called and not _DECIDED.search(before) and not _HELD.search(before):
            return True
    done.sort(key=lambda m: m.start())
    if said or done:
        return bool(said) and (not done or said[-1].start() > done[-1].start())
    if re.search(r"\b(?:more|additional|further)\b", q.text or "", re.I):
        return True  # "one more quarter-point reduction this year": moves still to come
    if kind in {"rate_range", "rate_level"}:
        return False  # "now stands at 3.75% to 4.00%, with another cut expected": a level now
    own = re.split(r",|;|\s(?:and|but|while|whereas)\s|\s[—–]\s", ctx.right[:60])[0]
    return bool(rules._EXPECT.search(own)) and not _DECIDED.search(text)


_DECIDED = re.compile(
    r"\b(?:delivered|cut (?:its|the|rates|interest|borrowing)|lowered|reduced|raised|hiked|"
    r"slashed|trimmed|announced|voted to)\b",
    re.I,
)
_HELD = re.compile(
    r"\b(?:held|kept|left|maintain(?:ed|ing|s)?|leav(?:e|es|ing)|keep(?:s|ing)?|hold(?:s|ing))\s"
    r"(?:the\s|its\s)?(?:\w+\s){0,3}?"
    r"(?:rates?|range|target|borrowing costs?)"
    r"(?:\s\w+)*?\s(?:unchanged|steady|at|on hold|in\s(?:a|the|its)\s(?:[\w%.-]+\s){0,3}?range)\b"
    r"|\b(?:held|kept|left) rates unchanged\b"
    # "the fed funds rate was held at 4.25%-4.5%", "rates were left unchanged": said of the rate
    r"|\b(?:rates?|range)\s(?:was|were|has\sbeen|have\sbeen)\s(?:held|kept|left)\s"
    r"(?:\w+\s)?(?:unchanged|steady|at|on\shold|in\s(?:a|the|its)\s)"
    r"|\bstood pat\b",
    re.I,
)
#: "expected to hold rates steady", "will keep rates unchanged": a call, not a decision.
_HELD_LATER = re.compile(
    r"\b(?:expected|likely|set|poised|seen|forecast|predicted|anticipated|tipped|will|would|"
    r"could|may|might|should|not|unlikely|to\sbe)\s(?:to\s)?$",
    re.I,
)


#: "the odds of a January move", "the chance of another cut": odds that name their own move.
_ODDS_OWN_MOVE = re.compile(
    r"\b(?:odds|chances?|probabilit(?:y|ies)|likelihood)\s(?:of|for)\s(?:a|an|another)\s"
    r"(?:[\w-]+\s){0,2}?(?:cut|hike|move|reduction|increase)\b",
    re.I,
)


def _path_after_odds(
    low: str, probabilities: list[tuple[float, int]], d: rules.Draft, rate: list[rules.Draft]
) -> bool:
    """A counted path ("one cut in 2026") in a clause joined after the one probability and
    the move it is on: its own statement, not the move the odds are for."""
    if d.unit != "count" or len(probabilities) != 1:
        return False
    at = probabilities[0][1]
    if d.q_start <= at:
        return False
    if not re.search(r"(?:[;]|,\s(?:and|while|but|whereas)\s)", low[at : d.q_start]):
        return False
    return any(o is not d and o.unit == "bp" and at - 80 <= o.q_start < d.q_start for o in rate)


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding offset ``at`` starts (after the last comma or semicolon)."""
    return max(text.rfind(",", 0, at), text.rfind(";", 0, at)) + 1


def _odds_own_clause(
    text: str, probabilities: list[tuple[float, int]], rate: list[rules.Draft]
) -> bool:
    """One probability, in a clause after every rate figure, that names its own move."""
    if len(probabilities) != 1:
        return False
    at = probabilities[0][1]
    start = _clause_start(text, at)
    return bool(_ODDS_OWN_MOVE.search(text[start:at])) and all(d.q_start < start for d in rate)


#: A clause after a move's: ", then", "; ", ", before", ", and then".
_THEN_CLAUSE = re.compile(r"(?:[,;]\s(?:and\s)?(?:then|before|after\sthat)\b|;)", re.I)


def _held_later_clause(text: str, move_at: int) -> bool:
    """ "quarter-point moves in November and December, then held at 4.25%-4.50% this year":
    the hold is said in a clause of its own after the move, so it is a decision of its own."""
    m = _HELD.search(text, move_at)
    return m is not None and bool(_THEN_CLAUSE.search(text[move_at : m.start()]))


def _held(text: str) -> bool:
    """The sentence says the Fed held rates (not that it is expected to; not the ECB's)."""
    if other_bank_only(text):
        return False
    m = _HELD.search(text)
    return m is not None and not _HELD_LATER.search(text[: m.start()])


_NO_CHANGE = re.compile(
    r"\bno (?:change|move|cut)\b|\b(?:a )?hold\b|\bunchanged\b|\bpause\b|"
    r"\bst(?:and|ands|ood) pat\b|\bstays? put\b|\bsits? tight\b|\bon hold\b|\bskips?\b",
    re.I,
)
#: A move the market prices as certain: its probability is 100%.
_FULLY_PRICED = re.compile(
    r"\bfully (?:priced|discounted)\b|\bdone deal\b|\b100% priced\b|\bpriced (?:in )?fully\b",
    re.I,
)
_SESSION_HINT = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|today|yesterday)\b", re.I
)
_PAST_MOVE = re.compile(
    r"\b(?:rose|fell|climbed|gained|added|slipped|lost|sank|jumped|dropped|declined|soared|"
    r"rallied|tumbled|slid|advanced|surged|plunged|shed|retreated|dipped|popped|spiked|"
    r"(?:edged|ended|finished|closed|was|were|traded|moved)\s(?:up|down|higher|lower))\b"
    r"(?:\s(?:by\s)?(?:about|nearly|roughly|almost|some|just|over|more than)?)?\s*$",
    re.I,
)
_NOT_SESSION = re.compile(
    r"\b(?:has|have|had|historic\w*|typically|averag\w*|since|would|"
    r"could|will|if)\b",
    re.I,
)


#: what joins a figure's period to a second one it also holds for: "in 2023 and again in 2024"
_AGAIN = re.compile(r",?\s(?:and|as\swell\sas)\s(?:again\s|also\s)?(?:in\s|during\s)?", re.I)


def _repeated_period(
    text: str, period: Period | None, periods: list[Period], qs: list[Quantity]
) -> Period | None:
    """The second period of "rose more than 10% in 2023 and again in 2024" (same kind, right
    after the figure's own, no figure between them and none after it in its clause: "in
    2023 and in 2024 it fell 5%" gives 2024 to the 5%)."""
    if period is None or period.first is None or period.anchor:
        return None
    if any(period.start <= q.start < period.end for q in qs) or not any(
        q.end <= period.start for q in qs
    ):
        return None  # the figure stands before its period
    later = [p for p in periods if p.start >= period.end and not p.anchor]
    if not later:
        return None
    p2 = min(later, key=lambda p: p.start)
    if p2.first is None or p2.kind != period.kind:
        return None
    if not _AGAIN.fullmatch(text[period.end : p2.start]):
        return None
    nxt = [q.start for q in qs if q.start >= p2.end]
    if nxt and not re.search(r"[,;:]|\b(?:while|but|whereas)\b", text[p2.end : min(nxt)]):
        return None
    return p2


#: A metric line that names a benchmark before its figure: "- Relative to S&P 500 (YTD):",
#: "vs. Russell 1000 (1M):", "Versus the S&P 500, year to date:".
_VERSUS_LABEL = re.compile(
    r"^\s*(?:[-–•*]\s*)?(?:relative\sto|vs\.?|versus|against|compared\swith)\s"
    r"[^:;\n]{2,40}?(?::|,)\s",
    re.I,
)


def _relative_streak(text: str, q: Quantity) -> bool:
    """ "has beaten large caps seven sessions in a row", "outperformed the S&P 500 for the
    seventh straight session": a run of outperformance, its out/under-perform verb in the
    figure's own clause before it."""
    before = text[max(0, q.start - 60) : q.start]
    return bool(rules._RELATIVE.search(re.split(r"[,;:]\s|\s[—–]\s", before)[-1]))


def _streak_period(
    q: Quantity, text: str, published: dt.date | None, *, ended: bool = False
) -> tuple[dt.date | None, dt.date | None]:
    """n consecutive months/weeks/sessions ending at the article's date.

    ``ended``: "a 1.04% decline ended its seven-month winning streak" -- the streak ran
    up to the month (week, session) before the article's.
    """
    from dateutil.relativedelta import relativedelta

    if published is None or q.value is None:
        return None, None
    what0 = (q.what or "") + " " + q.text.lower()
    if ended and "month" in what0:
        published = published.replace(day=1) - dt.timedelta(days=1)
        return published.replace(day=1) - relativedelta(months=int(q.value) - 1), published
    if ended and "week" in what0:
        published = published - dt.timedelta(days=published.weekday() + 3)  # last Friday
    elif ended and re.search(r"day|session|gain|loss|decline|advance|rise|drop|fall", what0):
        from nlp.periods import _weekdays_back

        published = _weekdays_back(published, 2)
    n = int(q.value)
    what = (q.what or "") + " " + q.text.lower()
    if "month" in what:
        return published.replace(day=1) - relativedelta(months=n - 1), published
    if "week" in what:
        monday = published - dt.timedelta(days=published.weekday())
        return monday - dt.timedelta(weeks=n - 1), published
    if "quarter" in what:
        qstart = dt.date(published.year, 3 * ((published.month - 1) // 3) + 1, 1)
        return qstart - relativedelta(months=3 * (n - 1)), published
    if "year" in what:
        return dt.date(published.year - n + 1, 1, 1), published
    if re.search(
        r"day|session|gain|loss|decline|advance|rise|drop|fall", what
    ) or _DAILY_RUN.search(what):
        # "a third consecutive advance", "its seventh advance in a row": a run of moves with
        # no unit is one of sessions
        from nlp.periods import _weekdays_back

        end = last_session(published)
        return _weekdays_back(end, n), end
    return None, None


#: The moves a run counts when it names no unit ("a third straight gain", "five consecutive
#: declines"): daily ones.
_DAILY_RUN = re.compile(
    r"\b(?:gains?|loss(?:es)?|advances?|declines?|rises?|drops?|falls?|increases?|"
    r"decreases?|rall(?:y|ies)|retreats?|slides?|pullbacks?|setbacks?|upticks?|"
    r"up\s(?:closes|finishes)|down\s(?:closes|finishes)|(?:higher|lower)\s(?:closes|finishes))\b"
)


def _to_claim(d: rules.Draft, stext: str, text: str, s0: int, article: str | None) -> Claim:
    current = d.extra.get("current")
    stance, score = rule_stance(
        d.kind,
        value=d.value if d.value is not None else d.low,
        role=d.role,
        sentence=stext,
        direction=d.direction,
        current=current if isinstance(current, float) else None,
        unit=d.unit,
        before=stext[: d.q_start],
        after=stext[d.q_start :],
    )
    if d.kind == "price_level" and d.role == "current" and "current_for" in d.extra:
        stance, score = "neutral", 0.0
    conditional, ma = None, None
    if d.kind == "price_level":
        conditional, d.comparator = level_facts(stext, d.role, d.comparator)
        ma = ma_window(stext) if d.role == "moving_average" else None
    streak_direction, streak_grain = d.extra.get("streak_direction"), d.extra.get("streak_grain")
    return Claim(
        kind=ClaimKind(d.kind),
        subject=d.subject,
        value=d.value,
        low=d.low,
        high=d.high,
        unit=Unit(d.unit),
        comparator=Comparator(d.comparator),
        role=Role(d.role) if d.role else None,
        benchmark=d.benchmark,
        basis=Basis(d.basis) if d.basis else None,
        period_start=d.period_start,
        period_end=d.period_end,
        as_of=d.as_of,
        horizon=d.horizon,
        probability=d.probability,
        stance=Stance(stance),
        stance_score=score,
        quote=text[s0 : s0 + len(stext)],
        start=s0,
        end=s0 + len(stext),
        article=article,
        note=d.note,
        extractor_version=EXTRACTOR_VERSION,
        rule=d.rule,
        streak_direction=StreakDirection(str(streak_direction)) if streak_direction else None,
        streak_grain=str(streak_grain) if streak_grain else None,
        conditional=conditional,
        ma_window=ma,
        period_confidence=_conf(d.extra.get("period_confidence"), d),
        period_base=(d.period_base or PRIOR_CLOSE) if d.period_start is not None else None,
        subject_confidence=_subject_confidence(d),
    )


def _conf(value: object, d: rules.Draft) -> float | None:
    if d.period_start is None and d.period_end is None:
        # a level's day (``as_of``) carries a confidence only where it was judged a guess
        return float(value) if d.as_of is not None and isinstance(value, int | float) else None
    return float(value) if isinstance(value, int | float) else 0.5


def _subject_confidence(d: rules.Draft) -> float:
    """How sure the draft's subject is: the rate rules name the Fed outright; an implied
    current price is as sure as the target it is derived from."""
    source = d.extra.get("current_for")
    if isinstance(source, rules.Draft):
        d = source
    if d.subject == rules.RATE_SUBJECT:
        return 0.9
    conf = d.extra.get("subject_confidence")
    return float(conf) if isinstance(conf, int | float) else 0.5
