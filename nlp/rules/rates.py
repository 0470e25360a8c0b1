"""Rules for Fed rates: decisions and expectations in basis points, counts of moves, ranges,
levels and the probabilities markets put on them.

The kinds named here are read further by the draft step: ``rate`` becomes
``rate_decision`` or ``rate_expectation`` by the words around it, ``rate_range`` and
``rate_level`` are the new range or level, ``probability`` is attached to the sentence's
rate claims.
"""

from __future__ import annotations

import re

from nlp.claims import (
    _CUT,
    _DISSENT,
    _ECON,
    _EXPECT,
    _HIKE,
    _MOVE_DOWN,
    _MOVE_UP,
    _PROB_AFTER,
    _PROB_BEFORE,
    _PROB_WORDS,
    Context,
)
from nlp.rules.registry import NO_CLAIM, Outcome, rule


@rule("claims.rates.basis_points.v1")
def basis_points(ctx: Context) -> Outcome:
    """ "cut rates by 25 basis points": a move of the policy rate (not a yield's)."""
    if ctx.q.unit != "bp" or ctx.yields:
        return None
    if not (ctx.rate_sentence or _CUT.search(ctx.window) or _HIKE.search(ctx.window)):
        return None
    if _DISSENT.search(ctx.lt[-60:]):
        return NO_CLAIM  # what a dissenter wanted is not what the committee did
    return ("rate", None)


@rule("claims.rates.count_of_moves.v1")
def count_of_moves(ctx: Context) -> Outcome:
    """ "two more cuts this year": how many moves are expected."""
    q = ctx.q
    if q.unit != "count" or not q.what or not re.match(r"(?:cut|hike|reduction|increase)", q.what):
        return None
    if re.search(r"\b(?:more|additional|further)\b", q.text, re.I):
        return ("rate", None)  # "one more quarter-point reduction": a call on the future
    if _EXPECT.search(ctx.lt[-80:] + " " + q.text + " " + ctx.rt[:60]):
        return ("rate", None)
    return NO_CLAIM


@rule("claims.rates.probability.v1")
def probability(ctx: Context) -> Outcome:
    """ "a 72% probability of a cut", "the chance of a cut is 60%"."""
    if ctx.q.unit != "pct" or not ctx.rate_sentence:
        return None
    if _PROB_AFTER.search(ctx.rt) or _PROB_BEFORE.search(ctx.lt):
        return ("probability", None)
    return None


@rule("claims.rates.economic_figure.v1")
def economic_figure(ctx: Context) -> Outcome:
    """Inflation, unemployment, GDP: not a market figure."""
    if ctx.q.unit == "pct" and _ECON.search(ctx.lt[-40:]):
        return NO_CLAIM
    return None


@rule("claims.rates.earlier_probability.v1")
def earlier_probability(ctx: Context) -> Outcome:
    """ "odds of 90%, up from about 75%": the earlier probability is not a claim."""
    if (
        ctx.q.unit == "pct"
        and ctx.rate_sentence
        and _PROB_WORDS.search(ctx.text)
        and re.search(r"\bfrom\s(?:about|roughly|around|nearly|some|just)?\s*$", ctx.lt[-22:])
    ):
        return NO_CLAIM
    return None


@rule("claims.rates.probability_in_sentence.v1")
def probability_in_sentence(ctx: Context) -> Outcome:
    """ "puts the chance of a cut at the July meeting at 62%": a probability, not a move."""
    lt = ctx.lt
    if (
        ctx.q.unit != "pct"
        or not ctx.rate_sentence
        or not _PROB_WORDS.search(ctx.text)
        or _MOVE_UP.search(lt[-40:])
        or _MOVE_DOWN.search(lt[-40:])
        or ctx.yields
    ):
        return None
    return NO_CLAIM if re.search(r"\bfrom\s*$", lt[-10:]) else ("probability", None)


@rule("claims.rates.range.v1")
def target_range(ctx: Context) -> Outcome:
    """ "to a range of 3.75% to 4.00%": the new target range."""
    q = ctx.q
    if (
        q.unit == "pct"
        and ctx.rate_sentence
        and q.comparator == "range"
        and not _MOVE_UP.search(ctx.lt[-25:])
    ):
        return ("rate_range", None)
    return None


@rule("claims.rates.level_after_move.v1")
def level_after_move(ctx: Context) -> Outcome:
    """ "cut the rate to 4%": the level a move ended at."""
    lt = ctx.lt
    if (
        ctx.q.unit == "pct"
        and ctx.rate_sentence
        and re.search(r"\b(?:to|at)\s(?:a\s)?(?:range of\s)?$", lt[-20:])
        and (_CUT.search(lt) or _HIKE.search(lt) or "rate" in lt)
    ):
        return ("rate_level", None)
    return None


@rule("claims.rates.named_level.v1")
def named_level(ctx: Context) -> Outcome:
    """ "the fed funds upper bound near 3.25% by late 2026": a named policy-rate level."""
    if ctx.q.unit == "pct" and re.search(
        r"\b(?:fed funds|funds rate|policy rate|upper bound|lower bound|terminal rate|"
        r"cycle low|cycle high)\b(?:\s\w+){0,4}?\s(?:near|at|to|around|of)\s*$",
        ctx.lt[-60:],
    ):
        return ("rate_level", None)
    return None
