"""Stance of a claim and of an article per subject: the claim's numbers first, then the tone.

The rule, in order (``claim_stance``):

1. **Hard rules from the claim's own numbers** win whatever the tone of the sentence:
   a ``price_target`` in USD below ``current_price`` is bearish and above it bullish; a
   ``price_target`` in pct, a ``performance`` change (``change``/``relative``/``from_high``)
   and a ``fundamental`` ``growth``/``surprise`` are bullish when positive, bearish when
   negative; a streak is bullish or bearish by the direction the extractor read
   (``Claim.streak_direction``: a streak of gains or of declines); a
   ``price_level`` with role ``entry`` (a zone to buy in) is bullish, a short entry bearish; a
   ``FEDFUNDS`` rate decision or expectation in bp/pct is about equities: a cut
   (negative) is bullish and a hike bearish; without a usable number, the words "cut"/"ease"
   vs "hike"/"raise" in the quote decide.
   Score: the larger of 0.8 and the model's probability for that direction.
   A ``price_level`` (where a price stood, or a support, resistance or average) and a rate
   held unchanged (0 bp) stay neutral when the rules read no direction from their own
   words ("broke above", "up trend"): the model never lends a level the sentence's tone.
   Nor a fundamental the rules made neutral on purpose (an estimate, consensus or guidance
   figure; growth the words call small): results are bullish by default there. A figure
   the quote's words around it call an estimate ("surpassed analysts' expectations of $4.35
   million") stays neutral whatever role the extractor gave it, and so does a valuation that
   is a yardstick ("below its 20-year average of 17x"). A rate
   decision's target range is neutral when the decision held ("unchanged in the 4.25-4.50%
   range"), and "rates falling to 3%" is easing.
   An expectation whose odds of easing fell ("odds of a cut fell to 40%") is bearish even
   though its figure is a cut; the chance of a hold the extractor read stays neutral.
2. **The extractor's rule stance** (``claim.stance`` not neutral) is kept. When it came from
   the claim's own words (``stance_score`` at least ``nlp.stance.FIRM``: "cheap", "broke
   above", "trading above the target") the model never flips it; a guess (a target with no
   price to compare with, the sentence's tone) it flips when very confident of the opposite
   direction (probability >= ``OVERRIDE_P`` = 0.85).
   Score: the larger of 0.6 and the model's probability for the stance kept.
3. **Otherwise the model decides**: positive -> bullish, negative -> bearish, neutral ->
   neutral; a polar label below ``MIN_POLAR_P`` (0.5) is reported as neutral. Score: the
   model's probability for the stance given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from nlp.sentiment.model import SentimentModel, SentimentResult
from nlp.stance import (
    FIRM,
    POOR,
    TEMPERED,
    counts_officials,
    easing_odds_fell,
    expected_figure,
    hold_odds,
    names_officials_count,
    shrinking_burden,
    tightening_odds_fell,
    yardstick,
)

if TYPE_CHECKING:
    from thesisdesk.records import Claim

OVERRIDE_P = 0.85
MIN_POLAR_P = 0.5
HARD_RULE_SCORE = 0.8
KEPT_RULE_SCORE = 0.6
#: A subject's mean signed score must pass this to lean one way (else neutral).
ARTICLE_LEAN = 0.2

_EASE = re.compile(
    r"\b(cut|cuts|cutting|ease|easing|eased|lower(?:s|ed|ing)? (?:\w+ )?rates?|"
    r"rates? (?:\w+ )?(?:fall\w*|drop\w*|declin\w*|coming down))\b",
    re.I,
)
#: A decision that leaves the rate where it was: its target range is no easing.
_HOLD = re.compile(
    r"\b(unchanged|on hold|held|holds|hold steady|kept|keeps|left|leaves|paus\w*|stood pat|"
    r"stands pat|steady)\b",
    re.I,
)
#: Fundamentals whose rule stance is a decision when neutral (an estimate, guidance, growth
#: the words temper): the rules call these bullish by default, so a neutral is deliberate.
_DECIDED_FUNDAMENTAL_ROLES = ("eps", "eps_estimate", "revenue", "growth", "surprise")
#: A performance in one of these units counts periods ("five straight months"): a streak.
_STREAK_UNITS = ("days", "weeks", "months", "count")
_TIGHTEN = re.compile(r"\b(hike|hikes|hiking|hiked|raise[sd]?|raising|tighten\w*)\b", re.I)


def _words(quote: str, up: re.Pattern[str], down: re.Pattern[str]) -> str | None:
    """Bullish if only ``up`` words occur in the quote, bearish if only ``down`` words."""
    found_up, found_down = bool(up.search(quote)), bool(down.search(quote))
    if found_up == found_down:
        return None
    return "bullish" if found_up else "bearish"


def _sign(value: float | None) -> str | None:
    if value is None or value == 0:
        return None
    return "bullish" if value > 0 else "bearish"


def rule_stance(claim: Claim, *, current_price: float | None = None) -> str | None:
    """The stance the claim's numbers imply on their own, or None when they say nothing."""
    kind, unit, role = claim.kind, claim.unit, claim.role
    value = claim.value
    if value is None and claim.low is not None and claim.high is not None:
        value = (claim.low + claim.high) / 2
    if claim.subject == "FEDFUNDS" and kind in ("rate_decision", "rate_expectation"):
        if kind == "rate_expectation" and claim.stance == "neutral" and hold_odds(claim.quote):
            return "neutral"  # the figure is the chance of a hold (the extractor read which)
        split = figure_context(claim)
        if kind == "rate_expectation" and (
            (split is not None and counts_officials(split[1]))
            or (split is None and claim.stance == "neutral" and names_officials_count(claim.quote))
        ):
            return "neutral"  # "seven officials saw no cuts": a head count, not a move
        if kind == "rate_expectation" and easing_odds_fell(claim.quote):
            return "bearish"  # the odds of a cut fell: less easing than the market had priced
        if kind == "rate_expectation" and tightening_odds_fell(claim.quote):
            return "bullish"  # the odds of a hike fell: less tightening than priced
        if unit in ("bp", "pp") and value:
            return "bullish" if value < 0 else "bearish"  # a cut is bullish for equities
        if kind == "rate_decision" and unit in ("bp", "pp") and value == 0:
            return "neutral"  # a hold, whatever cuts the sentence goes on to expect
        if kind == "rate_decision" and unit == "pct" and _HOLD.search(claim.quote):
            return "neutral"  # the range a hold kept ("unchanged in the 4.25-4.50% range")
        return _words(claim.quote, _EASE, _TIGHTEN)
    if kind == "price_target":
        if unit == "pct":
            return _sign(value)
        if unit in ("usd", "points") and value is not None and current_price:
            return _sign(value - current_price)
        return None
    if kind == "price_level" and role == "entry":
        # naming a zone to buy in is a recommendation to buy; a short entry, to sell
        return "bearish" if claim.stance == "bearish" else "bullish"
    if kind == "performance" and (role == "streak" or unit in _STREAK_UNITS):
        # the extractor read which way the streak ran ("five straight months of gains")
        return {"up": "bullish", "down": "bearish"}.get(str(claim.streak_direction or ""))
    if kind == "performance" and unit in ("pct", "pp", "points", "usd"):
        if role in (None, "change", "relative", "from_high"):
            return _sign(value)
        return None
    if kind == "fundamental" and role in ("growth", "surprise") and unit in ("pct", "pp"):
        # the sign, unless the figure's own words temper it ("grew just 0.1%": neutral;
        # "grew 2.7%, underperforming peers": bearish)
        split = figure_context(claim)
        if value and value < 0 and split is not None and shrinking_burden(split[0], claim.quote):
            return "bullish"  # "operating expenses fell 9%": a burden shrinking
        if value and value > 0 and POOR.search(claim.quote):
            return "bearish"
        if value and value > 0 and TEMPERED.search(claim.quote):
            return "neutral"
        return _sign(value)
    return None


def _spellings(value: float, unit: str | None) -> list[str]:
    """How a figure may be written in its quote: 4.35, 4,100 or 4100, 0.70 or 0.7, $2 billion."""
    values = [abs(value)]
    if unit == "usd_millions" and abs(value) >= 1000:
        values.append(abs(value) / 1000)  # "$2 billion" is 2000 in millions
    out: list[str] = []
    for v in values:
        for text in (f"{v:,.2f}", f"{v:.2f}", f"{v:,.1f}", f"{v:.1f}", f"{v:,.0f}", f"{v:.0f}"):
            if float(text.replace(",", "")) == round(v, 6):
                out.append(text)
            trimmed = text.rstrip("0").rstrip(".") if "." in text else text
            if trimmed and float(trimmed.replace(",", "") or 0) == round(v, 6):
                out.append(trimmed)
    return sorted(set(out), key=len, reverse=True)


def figure_context(claim: Claim) -> tuple[str, str] | None:
    """The claim's quote split at its figure (the words before it, and from it on), or None
    when the figure cannot be found in the quote."""
    value = claim.value if claim.value is not None else claim.low
    if value is None:
        return None
    for text in _spellings(float(value), claim.unit):
        m = re.search(rf"(?<![\d.,]){re.escape(text)}(?![\d]|[.,]\d)", claim.quote)
        if m:
            at = m.start()
            while at > 0 and claim.quote[at - 1] in "$~-−":
                at -= 1
            return claim.quote[:at], claim.quote[at:]
    return None


def _decided_neutral(claim: Claim) -> bool:
    """The words around the figure make it neutral on purpose: a fundamental that is someone's
    estimate or guidance (whatever role it got), a valuation that is a yardstick ("its
    10-year average of 17x")."""
    if claim.kind not in ("fundamental", "valuation"):
        return False
    split = figure_context(claim)
    if split is None:
        return False
    if claim.kind == "valuation":
        return yardstick(split[0])
    return expected_figure(*split)


def _model_p(result: SentimentResult | None, stance: str) -> float:
    """The model's probability for a stance (0 without a result)."""
    if result is None:
        return 0.0
    return {
        "bullish": result.p_positive,
        "bearish": result.p_negative,
        "neutral": result.p_neutral,
    }[stance]


def claim_stance(
    claim: Claim,
    sentence_result: SentimentResult | None,
    *,
    current_price: float | None = None,
) -> tuple[str, float]:
    """``(stance, score)`` for one claim; see the module docstring for the rule."""
    hard = rule_stance(claim, current_price=current_price)
    if hard is not None:
        return hard, max(HARD_RULE_SCORE, _model_p(sentence_result, hard))
    if claim.stance == "neutral" and (
        claim.kind == "price_level"
        or (claim.subject == "FEDFUNDS" and claim.unit in ("bp", "pp") and claim.value == 0)
        or (claim.kind == "fundamental" and claim.role in _DECIDED_FUNDAMENTAL_ROLES)
        or _decided_neutral(claim)
    ):
        # a level or a hold is a fact the sentence reports, not a view: the tone of the
        # sentence (a rally, a slide) belongs to the move's own claim
        return "neutral", max(KEPT_RULE_SCORE, _model_p(sentence_result, "neutral"))
    kept = claim.stance if claim.stance in ("bullish", "bearish") else None
    if kept is not None:
        other = "bearish" if kept == "bullish" else "bullish"
        firm = abs(claim.stance_score or 0.0) >= FIRM  # read from the claim's own words
        if not firm and _model_p(sentence_result, other) >= OVERRIDE_P:
            return other, _model_p(sentence_result, other)
        return kept, max(KEPT_RULE_SCORE, _model_p(sentence_result, kept))
    if sentence_result is None:
        return "neutral", 0.0
    stance = {"positive": "bullish", "negative": "bearish"}.get(sentence_result.label, "neutral")
    if stance != "neutral" and _model_p(sentence_result, stance) < MIN_POLAR_P:
        stance = "neutral"
    return stance, _model_p(sentence_result, stance)


def _span(text: str, claim: Claim) -> tuple[int, int, str]:
    """Where the claim's quote sits in ``text`` (its offsets, else a search, else the quote)."""
    start, end = claim.start, claim.end
    if 0 <= start < end <= len(text) and text[start:end] == claim.quote:
        return start, end, claim.quote
    found = text.find(claim.quote) if claim.quote else -1
    if found >= 0:
        return found, found + len(claim.quote), claim.quote
    return -1, -1, claim.quote


def article_stances(
    text: str,
    claims: Sequence[Claim],
    *,
    model: SentimentModel | None = None,
    prices: Mapping[str, float] | None = None,
) -> list[tuple[str, str, float, int]]:
    """``(subject, stance, score, n_sentences)`` per subject, in order of first mention.

    Each distinct quote of a subject is one sentence; a sentence's signed value is the mean
    of its claims' stances (bullish +score, bearish -score, neutral 0), counting only the
    claims with a rule stance when there are any (a bare level must not dilute a target
    below the market), and ``score`` is the
    mean over the subject's sentences, so it lies in [-1, 1] (positive = bullish). The
    stance leans one way only when |score| >= ``ARTICLE_LEAN``. When the claims of the subject
    the article says most about lean neither way, the model's reading of the headline (the
    article's overall tone, a polar label at least ``MIN_POLAR_P`` sure) gives its stance; its
    ``score`` stays the claims' mean. ``prices`` (subject -> current
    price) lets a price target be read against the market; without one, a ``price_level``
    claim with role ``current`` in the same article is used.
    """
    if model is None:
        from nlp.sentiment.model import load_model

        model = load_model()
    spans = [_span(text, c) for c in claims]
    head = headline(text)
    quotes = sorted({s[2] for s in spans} | ({head} if head and claims else set()))
    results = dict(zip(quotes, model.predict(quotes), strict=True)) if quotes else {}
    # per subject, per sentence: signed values of (rule-backed claims, model-only claims)
    per_subject: dict[str, dict[tuple[int, int, str], tuple[list[float], list[float]]]] = {}
    first_seen: dict[str, int] = {}
    # a price the article itself states as current stands in when the caller gives none
    known = {
        c.subject: c.value
        for c in claims
        if c.kind == "price_level" and c.role == "current" and c.value
    }
    known.update(prices or {})
    for i, (claim, span) in enumerate(zip(claims, spans, strict=True)):
        price = known.get(claim.subject)
        stance, score = claim_stance(claim, results.get(span[2]), current_price=price)
        signed = {"bullish": score, "bearish": -score}.get(stance, 0.0)
        ruled = rule_stance(claim, current_price=price) is not None or claim.stance != "neutral"
        pair = per_subject.setdefault(claim.subject, {}).setdefault(span, ([], []))
        pair[0 if ruled else 1].append(signed)
        first_seen.setdefault(claim.subject, span[0] if span[0] >= 0 else len(text) + i)
    out: list[tuple[str, str, float, int]] = []
    for subject in sorted(per_subject, key=lambda s: first_seen[s]):
        sentences = per_subject[subject]
        means = [sum(r or m) / len(r or m) for r, m in sentences.values()]
        net = sum(means) / len(means)
        lean = (
            "bullish" if net >= ARTICLE_LEAN else "bearish" if net <= -ARTICLE_LEAN else "neutral"
        )
        out.append((subject, lean, round(net, 4), len(sentences)))
    if out and head:
        # the article's overall tone decides only what its claims leave open: the subject it
        # says most about (most sentences, the first named of equals) leaning neither way
        main = max(range(len(out)), key=lambda i: out[i][3])
        tone = _tone(results.get(head))
        if out[main][1] == "neutral" and tone != "neutral":
            out[main] = (out[main][0], tone, out[main][2], out[main][3])
    return out


def headline(text: str) -> str:
    """The article's headline: a short first line standing on its own ("" when there is none),
    as the extractor reads it."""
    nl = text.find("\n")
    first = text[:nl].strip() if nl > 0 else ""
    return first if 0 < len(first) <= 160 and not first.endswith(".") else ""


def _tone(result: SentimentResult | None) -> str:
    """The model's polar label when it is at least ``MIN_POLAR_P`` sure, else neutral."""
    if result is None:
        return "neutral"
    stance = {"positive": "bullish", "negative": "bearish"}.get(result.label, "neutral")
    return stance if stance == "neutral" or _model_p(result, stance) >= MIN_POLAR_P else "neutral"
