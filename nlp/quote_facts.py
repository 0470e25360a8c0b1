"""Facts of a claim's sentence that a checker needs, read once, by the extractor.

A checker must not re-read quotes: the extractor records on each claim (its provenance
fields) which way a streak ran and in what grain, whether a level is a condition or a
close stated as having happened, and a moving average's window. This module is the one
place those facts are read from words; ``fill_provenance`` applies the same reading to a
claim written by hand (gold files) that carries only the contract fields.
"""

from __future__ import annotations

import re
from typing import Literal

from thesisdesk.records import Claim, Comparator, StreakDirection, Unit

Direction = Literal["up", "down"]

# -- streaks ---------------------------------------------------------------------------------
#: What marks the streak itself: its noun ("streak", "run") or a count of periods in a row.
_STREAK_MARK = re.compile(
    r"\b(streak|run|string|consecutive|straight|successive|in a row|back-to-back|"
    r"each of the (?:last|past))\b",
    re.I,
)
_GAIN_WORDS = {
    "win", "winning", "gain", "gains", "gained", "gaining", "up", "higher", "rose", "risen",
    "rising", "rise", "rises", "advance", "advances", "advanced", "advancing", "rally",
    "rallied", "positive", "green", "climbed", "climb", "climbs", "increases", "increase",
}  # fmt: skip
_LOSS_WORDS = {
    "loss", "losses", "losing", "lost", "lose", "decline", "declines", "declined",
    "declining", "down", "lower", "fell", "fall", "falls", "fallen", "falling", "drop",
    "drops", "dropped", "negative", "red", "slid", "slide", "slump", "sank", "retreat",
    "retreated", "decrease", "decreases",
}  # fmt: skip
#: How many words before / after the streak's mark may say its direction, within one clause.
_REACH_BEFORE, _REACH_AFTER = 5, 3
_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\band\b|\bbut\b|\bwhile\b", re.I)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*", re.I)
#: Grain words, most specific first; sessions are trading days.
_GRAINS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("months", re.compile(r"\bmonth", re.I)),
    ("weeks", re.compile(r"\bweek", re.I)),
    ("days", re.compile(r"\b(?:day|daily|session)", re.I)),
    ("quarters", re.compile(r"\bquarter", re.I)),
    ("years", re.compile(r"\byear", re.I)),
)
#: Streak grains that are also contract units; other grains keep unit ``count``.
STREAK_UNITS: dict[str, Unit] = {"days": Unit.days, "weeks": Unit.weeks, "months": Unit.months}


def streak_direction(text: str | None) -> Direction | None:
    """ "up" (gains) / "down" (losses) from the words next to the streak, None if neither.

    Only the streak's own words count ("its seven-month winning streak", "three straight
    monthly losses", "has risen for four consecutive months"), never the rest of the sentence:
    in "IWM's 1.04% decline ended its seven-month winning streak" the streak is of gains.
    """
    text = text or ""
    best: tuple[int, bool] | None = None
    for mark in _STREAK_MARK.finditer(text):
        head = _CLAUSE.split(text[: mark.start()])[-1]
        tail = _CLAUSE.split(text[mark.end() :])[0]
        before = [w.lower() for w in _WORD.findall(head)][-_REACH_BEFORE:]
        after = [w.lower() for w in _WORD.findall(tail)][:_REACH_AFTER]
        near = [(len(before) - k, w) for k, w in enumerate(before)]
        near += [(k + 1, w) for k, w in enumerate(after)]
        for dist, word in sorted(near):
            parts = word.split("-")  # "seven-month" / "three-day" carry no direction
            up = any(p in _GAIN_WORDS for p in parts)
            down = any(p in _LOSS_WORDS for p in parts)
            if up != down:
                if best is None or dist < best[0]:
                    best = (dist, up)
                break
    if best is None:
        return None
    return "up" if best[1] else "down"


def streak_grain(text: str | None) -> str | None:
    """The period a streak counts: "days" (sessions), "weeks", "months", "quarters", "years"."""
    for grain, rx in _GRAINS:
        if rx.search(text or ""):
            return grain
    return None


# -- levels: conditions and closes stated as facts -------------------------------------------
#: A close stated as a fact: a finite verb ("closed", "has closed", "finished", "settled"),
#: never the noun ("a weekly close above", "a close back below", "on a closing basis").
_CLOSE_VERB = re.compile(
    r"\b(?P<verb>(?:clos|finish|settl)(?:ed|es)|end(?:ed|s))\s+"
    r"(?:[\w-]+\s+){0,3}?(?P<side>above|over|below|under|beneath)\b",
    re.I,
)
_CLOSE_NOUN = re.compile(
    r"\b(?:a|an|another|its|their)\s+(?:[\w-]+\s+){0,2}?(?:close|finish)\s+(?:back\s+)?"
    r"(?P<side>above|over|below|under|beneath)\b",
    re.I,
)
#: Words that make what follows (in the same sentence) hypothetical: "if it closed above".
#: A present-tense verb is also conditional after "once"/"when"/"until" ("once it closes above").
_CONDITIONAL = re.compile(
    r"\b(if|unless|would|should|could|might|must|needs?|needed|wants?|requires?|"
    r"in case|provided)\b|\bwhether\b",
    re.I,
)
_CONDITIONAL_PRESENT = re.compile(r"\b(once|when|whenever|until|as long as|after)\b", re.I)
_NEGATED = re.compile(r"(\bnot|\bnever|n['’]t|\bno longer|\byet to)\s+(?:\w+\s+)?$", re.I)
#: A level named as a trigger: "a (weekly) close above", "a break below", "to close above"
#: (needs to, has to), "on a closing basis", or an explicit "if"/"unless"/"once".
_TRIGGER = re.compile(
    r"\b(?:a|an|any|another|one|the\s+first|to)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:close|closing|break|breakout|breakdown|move|push|drop|fall|rally|reclaim|recapture|"
    r"finish|settle|hold)\s+(?:back\s+)?(?:above|over|below|under|beneath|through)\b"
    r"|\bon\s+a\s+(?:daily\s+|weekly\s+|monthly\s+)?closing\s+basis\b"
    r"|\b(?:if|unless|once|whenever)\b",
    re.I,
)
#: A noun trigger after these happened ("IWM posted a weekly close above $245").
_HAPPENED = re.compile(
    r"\b(set|sets|posted|notched|logged|marked|recorded|scored|saw|made|got|delivered|"
    r"managed|booked|printed)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"[.;:!?]\s|\s[-\u2013\u2014]\s")
#: Roles that are opinions: checkable only as a close the text says happened.
OPINION_ROLES = frozenset({"support", "resistance", "entry", "stop"})


def _clause_before(text: str, pos: int) -> str:
    """The text from the start of the clause holding ``pos`` up to ``pos``."""
    head = text[:pos]
    breaks = list(_SENTENCE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def close_fact(text: str | None) -> Literal["above", "below"] | None:
    """'above' or 'below' when the text states, as a fact, a close beyond a level.

    "IWM closed above $240 on Thursday" -> 'above'; "has not closed above $245" -> 'below'
    (at or below, strictly); "posted a weekly close above $245" -> 'above'. None for a
    condition or an opinion: "a weekly close above $245 would...", "if it closed below 2,400",
    "once it closes above", "a close back under 2,520".
    """
    text = text or ""
    for m in (*_CLOSE_VERB.finditer(text), *_CLOSE_NOUN.finditer(text)):
        before = _clause_before(text, m.start())
        if _CONDITIONAL.search(before):
            continue
        verb = m.groupdict().get("verb")
        if verb is None and not _HAPPENED.search(before[-40:]):
            continue  # "a weekly close above": a fact only after "posted", "set", ...
        if verb and verb.lower().endswith("s") and _CONDITIONAL_PRESENT.search(before):
            continue  # "once it closes above": a trigger in the present tense
        up = m.group("side").lower() in ("above", "over")
        if _NEGATED.search(before):
            up = not up
        return "above" if up else "below"
    return None


def is_condition(text: str | None) -> bool:
    """Whether the text states a level as a trigger rather than a fact about a close.

    Only the trigger's own wording counts ("a close above $245", "if it breaks 2,400"), not
    a modal anywhere in the sentence: "IWM traded above $244, which could mark a top" is a fact.
    """
    text = text or ""
    return any(
        not _HAPPENED.search(_clause_before(text, m.start())[-40:]) for m in _TRIGGER.finditer(text)
    )


def level_facts(
    text: str | None, role: str | None, comparator: str
) -> tuple[bool | None, Comparator]:
    """(conditional, comparator) of a price level read in ``text``.

    ``conditional`` is True for a trigger ("a close above $245 would ..."), False for a
    crossing the text says happened ("closed above its $240 resistance"), None otherwise.
    An opinion level (support, resistance, entry, stop) crossed as a stated fact takes the
    side of the crossing as its comparator ("above" -> gt, "below" -> lt): that comparison
    against the close is what can be checked.
    """
    fact = close_fact(text)
    if fact is not None:
        if role in OPINION_ROLES:
            comparator = Comparator.gt if fact == "above" else Comparator.lt
        return False, Comparator(comparator)
    return (True if is_condition(text) else None), Comparator(comparator)


# -- moving averages -------------------------------------------------------------------------
_MA = re.compile(
    r"\b(\d{1,3})[- ]?(day|week|hour|hr|minute|min|d|w|h)\b[^.]{0,25}?"
    r"(moving average|\bma\b|\bdma\b|\bsma\b|\bema\b)"
    r"|\b(\d{1,3})[- ]?(dma|sma|ema|wma)\b",
    re.I,
)


def ma_window(text: str | None) -> int | None:
    """The window in daily sessions of a simple moving average named in ``text`` (200, 50).

    None when no daily simple average is named: an hourly, weekly or exponential average
    is not a plain mean of that many daily closes.
    """
    m = _MA.search(text or "")
    if not m:
        return None
    if m.group(1):
        n, unit, name = int(m.group(1)), m.group(2).lower(), m.group(3).lower()
    else:
        n, name = int(m.group(4)), m.group(5).lower()
        unit = "week" if name == "wma" else "day"
    if unit not in ("day", "d") or "ema" in name or n < 2:
        return None
    return n


# -- hand-written claims ---------------------------------------------------------------------
def fill_provenance(claim: Claim) -> Claim:
    """A copy of ``claim`` with the quote facts it lacks read from its quote, as extracted.

    For claims written by hand (gold files, claim JSONL) that carry only the contract: the
    checker reads these fields and never the quote.
    """
    update: dict[str, object] = {}
    quote = claim.quote
    gold_streak = (  # the gold seeds write a streak as a count with "streak" in the note
        claim.role is None
        and claim.unit == "count"
        and _STREAK_MARK.search(f"{quote} {claim.note or ''}") is not None
    )
    if claim.kind == "performance" and (claim.role == "streak" or gold_streak):
        if claim.streak_direction is None:
            way = streak_direction(quote)
            update["streak_direction"] = StreakDirection(way) if way else None
        if claim.streak_grain is None:
            unit = str(claim.unit)
            update["streak_grain"] = unit if unit in STREAK_UNITS else streak_grain(quote)
    if claim.kind == "price_level":
        if claim.conditional is None:
            conditional, comparator = level_facts(quote, claim.role, claim.comparator)
            update["conditional"] = conditional
            update["comparator"] = comparator
        if claim.role == "moving_average" and claim.ma_window is None:
            update["ma_window"] = ma_window(quote)
    return claim.model_copy(update=update) if update else claim
