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
    _RATE_CTX,
    Context,
)
from nlp.rules.registry import NO_CLAIM, Outcome, rule

#: Another central bank than the Fed: its rate is no ``FEDFUNDS`` claim.
_OTHER_BANK = re.compile(
    r"\b(?:ecb|european central bank|bank of (?:england|japan|canada|korea|mexico|russia)|"
    r"boe|boj|boc|rba|rbnz|rbi|snb|pboc|people's bank of china|riksbank|norges bank|"
    r"bundesbank|swiss national bank|reserve bank of (?:australia|new zealand|india)|"
    r"central bank of (?:brazil|turkey|the republic of turkey)|banxico|copom)\b",
    re.I,
)
_FED_NAMED = re.compile(
    r"\b(?:fed|fomc|federal reserve|powell|fed funds|federal funds|u\.?s\.? central bank)\b",
    re.I,
)
#: A spread over a reference rate: "Euribor plus 2 bps", "150 basis points over Treasuries".
_REFERENCE_PLUS = re.compile(
    r"\b(?:euribor|libor|sofr|sonia|estr|mid-?swaps?|swaps?|treasuries|gilts|bunds|"
    r"benchmark)\s(?:plus|\+|over)\s(?:about\s|roughly\s|around\s|~)?$",
    re.I,
)
_OVER_REFERENCE = re.compile(
    r"^\s?(?:over|above|plus)\s(?:the\s)?(?:euribor|libor|sofr|sonia|mid-?swaps?|swaps?|"
    r"treasuries|gilts|bunds|benchmark)\b",
    re.I,
)


#: The policy rate named in the sentence (a cut of costs or prices is not one).
_RATE_NAMED = re.compile(
    r"\b(?:fed|fomc|federal reserve|rates?|policy|powell|central bank|policymakers|"
    r"borrowing costs|fed funds)\b",
    re.I,
)


#: "Zimbabwe Central Bank", "Mexico's central bank" (the Fed is never named this way).
_NAMED_BANK = re.compile(
    r"\b(?!U\.?S\.?\b|US\b|American\b|The\b|A\b)[A-Z][a-z]+(?:['’]s)?\s(?:[Cc]entral|[Rr]eserve)\s"
    r"[Bb]ank\b"
)


def other_bank_only(text: str) -> bool:
    """The sentence names another central bank (the ECB, the Bank of Japan) and not the Fed."""
    return bool(_OTHER_BANK.search(text) or _NAMED_BANK.search(text)) and not _FED_NAMED.search(
        text
    )


@rule("claims.rates.other_bank.v2")
def other_bank(ctx: Context) -> Outcome:
    """ "the ECB keeps its deposit rate at -0.5%", "the Bank of England cut by 25 basis
    points", "priced at Euribor plus 2 bps": another central bank's rate or a loan's spread
    over a reference rate is no claim about the Fed's policy rate."""
    q = ctx.q
    if q.unit == "bp" and (_REFERENCE_PLUS.search(ctx.lt[-30:]) or _OVER_REFERENCE.match(ctx.rt)):
        return NO_CLAIM
    if q.unit not in {"bp", "pct"} or not other_bank_only(ctx.text):
        return None
    if q.unit == "bp" or re.search(
        r"\b(?:rates?|deposit|refi|repo|lending|policy|benchmark|cut\w*|hike\w*|rais\w*|"
        r"lower\w*)\b"
        r"[^.;]{0,30}$",
        ctx.lt[-45:],
    ):
        return NO_CLAIM
    return None


@rule("claims.rates.earlier_path.v1")
def earlier_path(ctx: Context) -> Outcome:
    """ "futures imply 50 basis points of cuts in 2026, down from 75 bp a week ago": the
    path priced before is no claim (as an earlier probability is none), and never a
    decision."""
    q = ctx.q
    if (
        q.unit == "bp"
        and re.search(
            r"\b(?:down|up|lower|higher|trimmed|cut|pared)\s(?:back\s)?from\s"
            r"(?:about\s|roughly\s|around\s|nearly\s|some\s|as\smuch\sas\s)?$",
            ctx.lt[-40:],
        )
        and _EXPECT.search(ctx.text[: q.start])
    ):
        return NO_CLAIM
    return None


@rule("claims.rates.basis_points.v1")
def basis_points(ctx: Context) -> Outcome:
    """ "cut rates by 25 basis points": a move of the policy rate (not a yield's)."""
    if ctx.q.unit != "bp" or ctx.yields:
        return None
    if _FEE_BP.search(ctx.lt[-40:]) or _FEE_AFTER.match(ctx.rt):
        return NO_CLAIM  # "charges 7 bps in annual fees": what a fund costs
    policy = ctx.rate_sentence and _RATE_CTX.search(_BP_WORDS.sub(" ", ctx.text))
    if not (policy or _CUT.search(ctx.window) or _HIKE.search(ctx.window)):
        return None
    if _DISSENT.search(ctx.lt[-60:]):
        return NO_CLAIM  # what a dissenter wanted is not what the committee did
    if _SPREAD_BY.search(ctx.lt[-80:]) and not _POLICY_WORDS.search(ctx.text):
        return None  # "small caps trailed large caps by 350 basis points": a relative return
    return ("rate", None)


#: The unit's own words: a sentence is no rate sentence because it measures in basis points.
_BP_WORDS = re.compile(r"\b(?:basis[- ]points?|bps?)\b", re.I)
#: A fund's or a trade's cost in basis points: "charges 7 bps", "an expense ratio of 15 bp".
_FEE_BP = re.compile(
    r"\b(?:charg\w*|costs?|fees?|expense\sratio|expenses|commissions?|spread\sof|"
    r"management\sfee)\s(?:of\s|just\s|only\s|about\s|an?\s)*$",
    re.I,
)
_FEE_AFTER = re.compile(
    r"^\s(?:in\s(?:annual\s)?fees|a\syear\sin\sfees|annually|per\syear|of\s(?:annual\s)?fees|"
    r"expense\sratio|in\sexpenses)\b",
    re.I,
)


#: A relative-return verb, then "by": the basis points after it are a spread between returns.
_SPREAD_BY = re.compile(
    r"\b(?:(?:out|under)perform\w*|lagg?\w*|trail\w*|outpac\w*|beat(?:s|ing)?|outr[au]n\w*)"
    r"(?:\s[\w&'’.-]+){0,6}?\sby\s(?:about\s|roughly\s|nearly\s|some\s|more than\s|over\s|"
    r"almost\s|around\s)?$"
)
#: Words that put the policy rate (or a yield) in the sentence.
_POLICY_WORDS = re.compile(
    r"\b(?:fed|fomc|federal reserve|rates?|yields?|policy|powell|treasur\w*|cuts?|hikes?)\b", re.I
)


@rule("claims.rates.sized_moves.v1")
def sized_moves(ctx: Context) -> Outcome:
    """ "two more quarter-point reductions by June", "three consecutive 25 bp cuts": moves of
    one size, read as the basis points they add up to (devset rule 10)."""
    q = ctx.q
    if q.unit != "bp" or not q.what or ctx.yields:
        return None
    if _DISSENT.search(ctx.lt[-60:]):
        return NO_CLAIM
    return ("rate", None)


@rule("claims.rates.count_of_moves.v1")
def count_of_moves(ctx: Context) -> Outcome:
    """ "two more cuts this year": how many moves are expected."""
    q = ctx.q
    if q.unit != "count" or not q.what or not re.match(r"(?:cut|hike|reduction|increase)", q.what):
        return None
    if re.search(r"\b(?:more|additional|further)\b", q.text, re.I):
        return ("rate", None)  # "one more reduction": a call on the future
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


@rule("claims.rates.range_in_odds.v1")
def range_in_odds(ctx: Context) -> Outcome:
    """ "a 24.4% probability for a 2.75% to 3.00% range": the range the odds are on (the
    probability is the claim's number, the range rides along)."""
    q = ctx.q
    if (
        q.unit == "pct"
        and q.comparator == "range"
        and ctx.rate_sentence
        and _PROB_WORDS.search(ctx.text)
        and not ctx.yields
    ):
        return ("rate_range", None)
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
    if _OTHER_TOPIC_CLAUSE.search(_own_clause(lt)):
        # "odds of a September cut at 91.7%, and Russell 2000 earnings are projected to grow
        # 22%": a clause of its own about a company's or index's numbers is no probability
        return None
    return NO_CLAIM if re.search(r"\bfrom\s*$", lt[-10:]) else ("probability", None)


#: Where a new clause starts in the words before a figure: ", and ...", "; ...", ", while ...".
_CLAUSE_JOIN = re.compile(r"[;]|,\s(?:and|while|but|whereas|as)\s|\.\s")
#: A clause about earnings, sales or valuations (and no odds or rates of its own).
_OTHER_TOPIC_CLAUSE = re.compile(
    r"^(?![^%]*\b(?:probabilit\w*|chances?|odds|likelihood|cuts?|hikes?|rates?|fed|fomc|"
    r"meeting|basis\spoints?|bps?)\b)[^%]*\b(?:earnings|profits?|eps|revenues?|sales|margins?|"
    r"valuations?|multiples?|p/e)\b"
)


def _own_clause(lt: str) -> str:
    """The words of the figure's own clause (after the last clause join before it)."""
    starts = [m.end() for m in _CLAUSE_JOIN.finditer(lt)]
    return lt[starts[-1] :] if starts else ""


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
        and not re.search(r"\bup\sto\s$", lt[-7:])  # "cut costs up to 80%": a bound
        and (_CUT.search(lt) or _HIKE.search(lt) or "rate" in lt)
        and _RATE_NAMED.search(ctx.text)
    ):
        return ("rate_level", None)
    return None


@rule("claims.rates.named_level.v2")
def named_level(ctx: Context) -> Outcome:
    """ "the fed funds upper bound near 3.25% by late 2026", "the implied rate for June 2026
    stands at 3.41%": a named policy-rate level (what futures imply is an expectation)."""
    if ctx.q.unit == "pct" and re.search(
        r"\b(?:fed funds|funds rate|policy rate|upper bound|lower bound|terminal rate|"
        r"cycle low|cycle high|implied (?:policy |funds |fed funds )?rate)\b"
        r"(?:\s[\w'’]+){0,6}?\s(?:near|at|to|around|of)\s*$",
        ctx.lt[-60:],
    ):
        return ("rate_level", None)
    return None


#: A condition the figure sits in: "if the Fed cuts twice", "without one more cut by June,",
#: "should policymakers cut by 50 bp,", "were the Fed to hike": a hypothetical, not a call.
_CONDITION = re.compile(
    r"(?:(?:^|[,;:—–(]\s*)(?:should|were)\s|"
    r"\b(?:if|unless)\b|"
    r"(?:^|[,;:—–(]\s*|\b(?:and|but|that|because|even|only)\s)"
    r"(?:without|absent|assuming|provided|in\s(?:the\s)?(?:event|case))\b)"
    r"[^,;:—–()]*$",
    re.I,
)


@rule("claims.rates.odds_split.v1")
def odds_split(ctx: Context) -> Outcome:
    """ "a 70-30 split between a cut and a hold": no claim of its own; the sentence's
    assembly (``claims.rate_expectation.odds_split.v1``) reads each outcome's odds."""
    return NO_CLAIM if ctx.q.unit == "odds" else None


@rule("claims.rates.conditional.v1")
def conditional(ctx: Context) -> Outcome:
    """ "Without at least one more cut by mid-2026, valuations may suffer": a move the
    sentence only supposes is not a claim (the devset leaves such figures out)."""
    q = ctx.q
    moves = q.unit in {"bp", "pp"} or (
        q.unit == "count" and bool(q.what and re.match(r"(?:cut|hike|reduction|increase)", q.what))
    )
    if not moves or not (ctx.rate_sentence or q.what or _CUT.search(ctx.window)):
        return None
    if _CONDITION.search(ctx.text[: q.start]):
        return NO_CLAIM
    return None


#: "cut rates by 0.25%", "lowered the rate by 0.25 percentage point": the move, in percent.
_MOVED_BY = re.compile(
    r"\b(?:cut|cuts|cutting|lower\w*|reduc\w*|trimm?\w*|slash\w*|eas\w*|rais\w*|hik\w*|increas\w*|"
    r"tighten\w*)\s(?:[\w-]+\s){0,4}?by\s(?:about\s|roughly\s|another\s|a\sfurther\s)?$",
    re.I,
)


#: "a 0.5 percentage point reduction": the size written before the move it sizes.
_SIZE_OF_MOVE = re.compile(
    r"^[\s-]?(?:(?:rate|interest[\s-]rate|policy)\s)?(?:cut|reduction|hike|increase)\b", re.I
)


@rule("claims.rates.percent_move.v2")
def percent_move(ctx: Context) -> Outcome:
    """ "cut rates by 0.25% to 4.25%-4.5%", "a 0.5 percentage point reduction": a policy-rate
    move written in percent (read as basis points: a move of the policy rate is never more
    than a point or so)."""
    q = ctx.q
    if (
        q.unit not in {"pct", "pp"}
        or q.value is None
        or q.value > 1.0
        or q.comparator == "range"
        or not ctx.rate_sentence
        or ctx.yields
    ):
        return None
    if _SIZE_OF_MOVE.match(ctx.rt) and re.search(r"\b(?:a|an|the|its)\s$", ctx.lt[-5:]):
        return ("rate", None)
    if _MOVED_BY.search(ctx.lt[-60:]) and re.search(
        r"\b(?:rates?|fed|fomc|federal reserve|policymakers|central bank|committee|"
        r"fed funds|funds rate|policy rate|benchmark|borrowing costs)\b",
        ctx.lt,
    ):
        return ("rate", None)
    return None


@rule("claims.rates.past_moves.v1")
def past_moves(ctx: Context) -> Outcome:
    """ "back-to-back rate cuts in September and October", "delivered three rate cuts in
    2024": how many moves were made, a decision (the devset counts them, with the months or
    the year as the period)."""
    q = ctx.q
    if q.unit != "count" or not q.what or not re.match(r"(?:cut|hike|reduction|increase)", q.what):
        return None
    if re.search(r"\b(?:more|additional|further)\b", q.text, re.I) or re.match(
        r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", q.text, re.I
    ):
        return None  # "a third consecutive cut": one move, the count is its place in a run
    run = re.search(r"\b(?:back-to-back|consecutive|straight|successive)\b", q.text, re.I)
    months = re.match(
        r"\s(?:in|at|during)\s(?:the\s)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*"
        r"(?:,?\s(?:19|20)\d\d)?(?:,\s\w+)*,?\s(?:and|through|to)\s",
        ctx.rt,
    )
    dated = re.match(
        r"\s(?:in|during|over)\s(?:the\s)?(?:(?:first|second|third|fourth|final)\s"
        r"(?:half|quarter)\s(?:of\s)?)?(?:19|20)\d\d\b|\s(?:last|this)\syear\b",
        ctx.rt,
    ) and re.search(
        r"\b(?:delivered|made|enacted|implemented|pushed through|carried out)\s"
        r"(?:only\s|just\s|a\stotal\sof\s)?$",
        ctx.lt,
    )
    if not (run or months or dated):
        return None
    own = re.split(r"[,;]|\s[—–]\s", ctx.rt)[0]  # the words after it in its own clause
    if _EXPECT.search(ctx.lt[-60:]) or _EXPECT.search(own):
        return None
    return ("rate_decided", None)


@rule("claims.rates.probability_moved.v2")
def probability_moved(ctx: Context) -> Outcome:
    """ "the odds of a hold rose to 85%", "odds of another half-point cut surged to nearly
    50%" (the odds named before the move's own figure): the probability now (the one it came
    from is vetoed by ``earlier_probability``)."""
    if (
        ctx.q.unit == "pct"
        and ctx.rate_sentence
        and re.search(
            r"\b(?:probabilit\w*|chances?|odds|likelihood)\b[^.;]{0,60}?\b(?:r[io]sen?|climbed|"
            r"jumped|increased|fell|fallen|dropped|slipped|slid|sunk|declined|eased|moved|"
            r"surged|edged\s\w+|(?:(?:are|is|were|was|now|have\sgone)\s)?(?:back|all\sthe\sway))"
            r"\s(?:back\s)?(?:up\s|down\s)?to\s(?:about\s|around\s|roughly\s|nearly\s|almost\s)?$",
            ctx.text[: ctx.q.start][-90:].lower(),
        )
    ):
        return ("probability", None)
    return None
