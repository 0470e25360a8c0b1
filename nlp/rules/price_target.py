"""Rules for price targets and projected moves."""

from __future__ import annotations

import re

from nlp.claims import _FORWARD, _TARGET, Context, own_clause
from nlp.rules.registry import NO_CLAIM, Outcome, rule


def _unnamed_left(ctx: Context) -> str:
    """``ctx.lt`` with the instruments' names blanked: "Target Hospitality missed by 34%" or
    "Projects Inc. fell 3%" name a company, not a target or a projection."""
    left_start = ctx.q.start - len(ctx.left)
    chars = list(ctx.lt)
    for m in ctx.names:
        for i in range(max(m.start, left_start), min(m.end, ctx.q.start)):
            chars[i - left_start] = " "
    return "".join(chars)


#: A target revised by a percent: "paring the price target 19%", "trims its PT by 10%", "a 25%
#: cut to its target", "doubled its price target": the size of the revision, not a move the
#: analyst expects (the new target, when given, is the claim).
_REVISED_TARGET_BY = re.compile(
    r"\b(?:rais|lift|boost|hik|increas|cut|lower|trim|par|slash|reduc|chop|lop|bump|upp|"
    r"tak)\w*\s(?:[\w'’$-]+\s){0,4}?(?:price\s)?(?:target|pt|objective)s?\s"
    r"(?:(?:on|for|of|at)\s(?:[\w'’.&$-]+\s){1,3}?)?(?:by\s)?(?:about\s|roughly\s|nearly\s|some\s|another\s|~)?$"
)
_REVISION_OF_TARGET = re.compile(
    r"^\s?(?:(?:cut|increase|hike|reduction|raise|boost|lift|trim|bump|rise|jump|drop|"
    r"decrease)\s(?:in|to|of)\s|(?:higher|lower|up|down)\s)?(?:its|the|their|his|her|our)\s"
    r"(?:[\w'’-]+\s)?(?:price\s)?(?:target|pt|objective)s?\b"
)


@rule("claims.price_target.revised_by.v1")
def revised_by(ctx: Context) -> Outcome:
    """ "trims its PT by 19%", "a 25% cut to its target", "doubled its price target": how far
    a target moved is no claim (neither a target nor the stock's move)."""
    if ctx.q.unit != "pct":
        return None
    if _REVISED_TARGET_BY.search(_clause(ctx.left[-90:])) or _REVISION_OF_TARGET.match(ctx.rt):
        return NO_CLAIM
    return None


#: A deadline ahead after a level: "by the end of 2026", "by year-end", "before next summer".
_FORESEEN_BY = re.compile(
    r"^\s?(?:by|before)\s(?:the\s)?(?:end\sof|year[- ]end|next|mid-?|early|late|20\d\d|"
    r"spring|summer|fall|autumn|winter|q[1-4]|(?:first|second)\shalf)"
)


#: The words of a company's books: a figure per share near them is earnings or a payout.
_BOOKS_PER_SHARE = re.compile(
    r"\b(?:eps|earnings|profits?|income|losses?|loss|dividends?|payouts?|distributions?|"
    r"book\svalue|cash\sflow|revenue|sales|nav|estimates?|consensus\s(?:eps|estimate))\b"
)


def _PER_SHARE_PRICE(ctx: Context) -> bool:
    """ "a price target of $90 a share", "a bull case of $90 per share": a price per share,
    not earnings (no word of the books in the clause before it)."""
    clause = re.split(r"[;!?]|\.(?!\d)", ctx.wide_left.lower())[-1]
    return not _BOOKS_PER_SHARE.search(clause)


@rule("claims.price_target.target.v2")
def target(ctx: Context) -> Outcome:
    """ "a target of $300", "could drop to 6,550", "next stop: 2,600", "could rise 20%",
    "TP1 232".

    A percentage counts only when the sentence looks forward ("could", "by year-end").
    """
    q, lt, rt = ctx.q, _unnamed_left(ctx), ctx.rt
    if q.unit == "usd_per_share" and not _PER_SHARE_PRICE(ctx):
        return None
    if q.unit not in {"usd", "points", "bare", "pct", "usd_per_share"}:
        return None
    # the forecast word in the figure's own clause: "after it lifted its revenue forecast,
    # and IonQ slid 4.2%" forecasts nothing about IonQ's 4.2%
    own = own_clause(lt[-70:])
    targetish = (
        _TARGET.search(own)
        or re.match(r"^\s?(?:(?:stock|share)\s)?(?:price )?(?:target|objective)", rt)
        # a broker's note: "upgraded to buy, $20 PT", "started at buy with $36 stock price
        # target" (a dollar figure: "a 700 pt gain" is points)
        or (q.unit == "usd" and re.match(r"^\s?pt\b", rt))
        or re.search(r"\b(?:next stop|objective|target)\s*:\s*$", lt[-20:])
        # "next stop is $255", "the next stop would be 2,600": where the move goes next
        or re.search(
            r"\bnext\sstop\s(?:is|at|would\sbe|could\sbe|should\sbe)\s(?:about\s|around\s|near\s)?$",
            lt[-40:],
        )
        # a trade plan's exits: "TP1 232", "TP2: $238", "take profit at $232"
        or re.search(r"\b(?:tp\d?|take[- ]profit)\s*(?::|@|at|near)?\s*$", lt[-20:])
        # "consider taking profits on IonQ near $60", "take some profit at 2,520"
        or re.search(
            r"\b(?:tak(?:e|es|ing)|book(?:ing)?|lock(?:ing)?\sin)\s(?:some\s|partial\s)?profits?\b"
            r"[^.;!?]{0,30}?\s(?:at|near|around|above|into)\s(?:about\s|around\s)?\$?$",
            lt[-70:],
        )
        # a waypoint on the way to a target: "2,540 as the first stop on the way"
        or re.match(
            r"^\s?as\s(?:the\s|a\s|its\s)?(?:first|next|second|initial|interim)\s"
            r"(?:stop|target|objective|waypoint)\b(?!-|\sloss)",
            rt,
        )
        # chat shorthand written right before the figure: "pt 250", "PT: 41", "tgt 2,550",
        # "tgt1 @ 43.5", "tgts 240 / 244" (after the figure "pt" is points: "a 40 pt drop")
        or re.search(r"(?<![\w.'’-])(?:pt|tgts?)\d?\s?(?::|@)?\s?$", lt[-12:], re.I)
        # every figure of a labelled list: "Targets: $102, $95 and $88", "tgts 240 / 244 / 251"
        or re.search(
            r"\b(?:targets?|objectives?|tgts?|tps?|pts)\s*:?\s*(?:\$?\d[\d,.]*\s*(?:,|and|&|/)\s*)+"
            r"(?:and\s)?\$?$",
            lt[-80:],
        )
        # a plan's numbered targets in capitals: "T1: $252", "T2 2,610", "T3 @ 48"
        or re.search(r"(?<![\w.'’$-])T[1-5]\s?(?::|@|=)?\s?\$?$", ctx.left[-12:])
        # "set their sights on 2,550", "aims for $60", "takes aim at $18"
        or re.search(
            r"\b(?:sights\s(?:set\s)?on|aim(?:s|ing|ed)?\s(?:at|for)|take[sn]?\saim\sat)\s"
            r"(?:about\s|around\s|roughly\s|the\s)?$",
            lt[-40:],
        )
        # a broker's shorthand: "its PT to $12", "PT of $30", "PT: $45"
        or (
            q.unit == "usd"
            # "boosts its PT on Kratos (KTOS) to $95" (the name is blanked out)
            and re.search(
                r"\b(?:pts?|(?-i:POs?))\b(?:\s+[\w'’()-]+){0,3}?\s*(?:to|of|at|is|was|:)\s*$",
                lt[-50:],
            )
        )
        # chat shorthand with no dollar sign: "needham bumps pt to 115 from 100"
        or (q.unit == "bare" and re.search(r"\bpts?\s(?:to|of)\s$", lt[-10:]))
        or re.search(
            r"\b(?:could|may|might|would|will)\s(?:\S+\s){1,4}?(?:back\s)?to\s*$", lt[-50:]
        )
        # "reaches 2,700 by the end of 2026", "we think it hits $60": a level foreseen
        or (
            re.search(
                r"\b(?:reach(?:es|ing)?|hits?|hitting|tops?|topping|get(?:s|ting)?\sto|"
                r"(?:climb|rise|rall(?:y|ie))s?\sto)\s(?:about\s|around\s|roughly\s|nearly\s)?$",
                lt[-30:],
            )
            and (
                _FORESEEN_BY.match(rt)
                or re.search(
                    r"\b(?:think|thinks|expect\w*|see|sees|forecast\w*|predict\w*|project\w*|"
                    r"believe\w*|look\sfor|anticipat\w*)\b",
                    own,
                )
            )
        )
        # "would put $252 in play", "brings 2,500 into view": the next objective of a scenario
        or (
            re.match(r"^\s?(?:back\s)?in(?:to)?\s(?:play|view|focus|sight|range)\b", rt)
            and re.search(r"\b(?:puts?|putting|brings?|bringing|would|could)\b", lt[-50:])
        )
        # "I'd look for 2,300", "looking at $218 next": where the writer expects it to go
        or (
            re.search(
                r"\blook(?:s|ing)?\s(?:for|at)\s(?:a\s(?:move|run|drop|push|test)\s"
                r"(?:to|toward|towards|of)\s)?(?:about\s|roughly\s|around\s)?\$?$",
                lt[-50:],
            )
            and not re.match(r"^\s?(?:support|resistance|as\s|area|zone|level)", rt)
        )
    )
    if re.search(r"\b(?:struggl\w*|fail(?:s|ed|ing)?|unable)\sto\s(?:\S+\s){0,3}$", lt[-40:]):
        return None  # "has struggled to push through 2,470": a lid it has not passed
    if targetish and _ROLE_NAMED.search(lt[-30:]):
        return None  # "analysts see support near $48": the role named is the level's
    if targetish and (q.unit != "pct" or _FORWARD.search(ctx.window)):
        return ("price_target", None)
    return None


#: A level's role named right before the figure, after any forecasting verb: "see support
#: near $48", "expect resistance at 2,480" (a support seen is a level, not a target).
_ROLE_NAMED = re.compile(
    r"\b(?:support|resistance|floor|ceiling|stop(?:[- ]loss)?|moving\saverage)\s"
    r"(?:level\s|zone\s|area\s)?(?:(?:is|sits|comes\sin|lies)\s)?(?:at|near|around|of|"
    r"close\sto|in\sthe)\s(?:about\s|roughly\s)?\$?$",
    re.I,
)


#: Words of a forecast that govern the figure right after them: a modal ("will be up 50%",
#: "could rally as much as 20%"), a "to" of expectation ("is expected to advance 6.3%",
#: "poised to gain 10%"), a verb of forecasting ("sees 12% upside", "predicts a return of
#: 9%"), or a noun of one ("an expected increase of 7%").
_MODAL = re.compile(
    r"\b(?:will|would|could|may|might|should|shall|can|cannot|can['’]t|won['’]t|'ll)\s"
    # "would be a gain of roughly 14%": a hedge before the figure is no word of the verb's
    r"(?:not\s)?(?:[\w'’-]+\s){0,4}(?:about\s|roughly\s|around\s|nearly\s|some\s|almost\s)?$"
)
_EXPECTED_TO = re.compile(
    r"(?<!than\s)(?<!as\s)\b(?:expect\w*|forecast\w*|project\w*|predict\w*|anticipat\w*|"
    r"estimat\w*|poised|set|on\strack|likely|unlikely|seen|slated|tipped|positioned|primed|"
    r"aiming|looking|bound|going|needs?|need(?:ed|s)?)\s(?:[\w'’&.-]+\s){0,3}?to\s(?:[\w'’-]+\s){0,3}$"
)
_FORECAST_VERB = re.compile(
    r"\b(?:sees?|expects?|predicts?|forecasts?|projects?|targets?|calls?\sfor|looks?\sfor|"
    r"anticipates?|models?(?!\sportfolios?)|estimates?|envisions?|pencils?\sin|eyes|eyeing)\s"
    r"(?:[\w'’-]+\s){0,4}$"
)
_FORECAST_NOUN = re.compile(
    r"\b(?:expected|projected|forecast|predicted|anticipated|potential|estimated|implied|"
    r"possible|hypothetical|targeted)\s(?:[\w-]+\s){0,2}?(?:gains?|increases?|rises?|returns?|"
    r"upside|downside|declines?|drops?|moves?|rall(?:y|ies)|advances?|growth|appreciation|"
    r"loss(?:es)?|fall)\s(?:of\s)?(?:about\s|around\s|roughly\s|some\s|nearly\s|up\sto\s)?$"
)
_FORECAST_AFTER = re.compile(
    r"^\+?\s?(?:of\s)?(?:further\s|more\s|additional\s)?(?:upside|downside|potential|"
    r"(?:price\s)?target|return\spotential|expected\sreturn)\b"
)
#: The size of an upside named before it: "the upside for Arlo is about 40%", "downside from
#: here would be 15%".
_UPSIDE_IS = re.compile(
    r"\b(?:upside|downside)\b[^.;!?%$\d]{0,50}?\b(?:is|are|of|at|would\sbe|comes?\sto|stands\sat)"
    r"\s(?:about\s|roughly\s|around\s|nearly\s|some\s|~)?$"
)
#: A figure that never happened: "would have gained 30%", "if small caps rally 10%".
_COUNTERFACTUAL = re.compile(
    r"\b(?:would|could|might|should)(?:\snot)?\shave\s(?:[\w'’-]+\s){0,3}$"
    r"|\b(?:if|unless|assuming|suppose|supposing)\s(?:[\w'’&-]+\s){0,8}$"
)
#: "if you had bought the stock five years ago, you could pocket a 61% gain today": a gain
#: a reader would have made, not a forecast.
_HAD_BOUGHT = re.compile(
    r"\b(?:if\s(?:you|we|investors|one)\s(?:had\s)?|had\s(?:you|we|investors|one)\s)"
    r"(?:bought|invested|purchased|put\smoney)\b[^.;!?]*$"
)


def _clause(text: str) -> str:
    """The words of the figure's own clause before it (lower case). A capital "May" is the
    month ("In May the index added 5.2%"), not the modal a lower-case match would see."""
    parts = re.split(r"[.;:!?()\u2014\u2013]|\b(?:but|while|whereas|however|although|yet)\b", text)
    return re.sub(r"\bMay\b", "maymonth", parts[-1]).lower().lstrip() if parts else ""


@rule("claims.price_target.forecast_move.v2")
def forecast_move(ctx: Context) -> Outcome:
    """ "will be up 50% this year", "is expected to advance 6.3%", "15% upside in 2024": a
    percent the author forecasts is a target (unit pct), never a performance to check; a
    hypothetical one ("would have gained 30%", "if small caps rally 10%") is no claim."""
    if ctx.q.unit not in {"pct", "pp"}:
        return None
    left = _clause(ctx.left[-90:])
    if _COUNTERFACTUAL.search(left) or _HAD_BOUGHT.search(ctx.wide_left.lower()):
        return NO_CLAIM
    if (
        _MODAL.search(left)
        or _EXPECTED_TO.search(left)
        or _FORECAST_VERB.search(left)
        or _FORECAST_NOUN.search(left)
        or _FORECAST_AFTER.match(ctx.rt)
        or _UPSIDE_IS.search(ctx.lt[-80:])
    ):
        return ("price_target", None)
    return None


#: Analysts' targets named in the sentence: their spread is targets too.
_ANALYST_TARGETS = re.compile(
    r"\b(?:price targets?|target prices?|targets? (?:range|spread)|analysts?'? (?:targets?|"
    r"estimates?)|short-term price targets?|(?:lowest|highest|low|high|mean|median|average) "
    r"(?:price )?(?:estimate|target|objective))\b"
)
_SPREAD_END = re.compile(
    r"\b(?:a |an |the )?(?:street[- ])?(?:high|low|highest|lowest|top|bottom|mean|median|average|"
    r"consensus)"
    r"(?:\s(?:price\s)?(?:estimate|target|forecast))?\s(?:of|at|is|was|stands at)\s*"
    r"(?:about|around|roughly|~)?\s*$"
)


@rule("claims.price_target.spread.v1")
def spread(ctx: Context) -> Outcome:
    """ "an average price target of $14.20, a high of $19 and a low of $9", "the lowest
    estimate of $61": the ends and middle of the analysts' targets."""
    q = ctx.q
    if q.unit not in {"usd", "points", "bare"} or not _SPREAD_END.search(ctx.lt[-40:]):
        return None
    before = ctx.text[: q.start].lower()
    if _ANALYST_TARGETS.search(before[-160:]):
        return ("price_target", None)
    return None


_PROJECTION = re.compile(
    r"\b(?:points? (?:to|toward|towards)|measured[- ]move(?: target)?|"
    r"measures?\s(?:down\s|up\s)?(?:to|toward|towards)|"
    r"opens? (?:the way|the door|room|a path|up room) (?:to|toward|towards|for)|"
    r"room to (?:run|rally|climb) (?:to|toward)|(?:re)?tests?(?: of)?|retesting|revisit\w*|"
    r"(?:bear|bull|base)[- ]case\b[^.;]{0,60}?|"
    r"(?:expect|see|forecast|project|predict)\w*\b[^.;]{0,40}?\bto (?:finish|end|close|be|trade|"
    r"reach|hit|top|settle)\b[^.;]{0,25}?)"
    r"\s?(?:at|near|around|to|of|toward|towards)?\s*(?:about|around|roughly|~)?\s*$"
)


@rule("claims.price_target.projection_words.v1")
def projection_words(ctx: Context) -> Outcome:
    """ "the measured move points to 2,560", "a break opens the way to $265", "could retest
    $100", "our bear case has it falling back to 2,100", "we expect the index to finish 2026
    near 1,600": a level the author projects, in a chartist's or strategist's words."""
    if ctx.q.unit not in {"usd", "points", "bare", "usd_per_share"} or (
        ctx.q.unit == "usd_per_share" and not _PER_SHARE_PRICE(ctx)
    ):
        return None
    lt = _clause(ctx.left[-110:])
    if _COUNTERFACTUAL.search(lt) or not _PROJECTION.search(lt):
        return None
    if re.search(r"\b(?:tests?|retest\w*|revisit\w*)\b", lt[-25:]) and not (
        _FORWARD.search(ctx.window) or _MODAL.search(lt)
    ):
        return None  # "tested $100 last week" is a level it touched, not a target
    return ("price_target", None)


_ROOM_FOR = re.compile(
    r"\b(?:ripe|room|scope|set up|primed|poised|ready|positioned|space|potential|capacity)\s"
    r"(?:[\w'’-]+\s){0,2}?for\s(?:another\s|a\sfurther\s|a\s|an\s|further\s|more\s)?$"
)
_IMPLIES = re.compile(
    r"\b(?:implies|implying|represents|representing|indicates|indicating|suggests|suggesting|"
    r"points to|pointing to|signals|would mean)\s(?:a\s|an\s|another\s)?(?:potential\s|further\s)?$"
)
_MOVE_AFTER = re.compile(
    r"^\s?(?:move|rally|gain|jump|pop|rise|climb|advance|upside|leg (?:higher|lower|up|down)|"
    r"run|surge|slide|drop|decline|fall|pullback|correction|downside|loss|increase|decrease)\b"
)
_FROM_CURRENT = re.compile(
    r"\b(?:from|over|above|below|vs\.?)\s(?:the\s)?(?:current|today['’]s|present|recent|"
    r"prevailing|last)\b|\bfrom (?:here|these levels)\b"
)


@rule("claims.price_target.room_for_move.v2")
def room_for_move(ctx: Context) -> Outcome:
    """ "ripe for another 12% rally", "scope for a further 20% slide", "a $58 target implies a
    9% decline from the current price": a move the author expects (a target in pct)."""
    if ctx.q.unit != "pct" or not _MOVE_AFTER.match(ctx.rt):
        return None
    lt = _clause(ctx.left[-90:])
    if _COUNTERFACTUAL.search(lt):
        return None
    if _ROOM_FOR.search(lt):
        return ("price_target", None)
    # the target may be the figure before: "the target of 2,700 implies another 10% gain"
    if _IMPLIES.search(lt) and (
        _FROM_CURRENT.search(ctx.rt[:50]) or "target" in _clause(ctx.wide_left[-120:])
    ):
        return ("price_target", None)
    return None


_TARGET_BEFORE_FROM = re.compile(
    r"\b(?:price\s)?(?:target|objective|pt|(?-i:PO))s?\b[^.;!?]{0,70}?\bto\s\$?[\d,.]+"
    r"(?:\sa\sshare|\sper\sshare|\spoints)?,?\s(?:up\s|down\s)?from\s(?:its\sprior\s|a\sprior\s)?\$?$",
    re.I,
)
#: A chain of revisions after the target's name: "took its target from $50 to $45, then to
#: $40", "its PT goes to $12 (from $10), and later to $14": every step is a target.
_TARGET_CHAIN = re.compile(
    r"\b(?:price\s)?(?:target|objective|pt|(?-i:PO))s?\b[^.;!?$\d]{0,50}?"
    r"(?:\(?\b(?:to|from|at)\s\$?\d[\d,.]*\)?(?:\s(?:a|per)\sshare)?[,;]?\s(?:and\s)?"
    r"(?:then\s|later\s|again\s|subsequently\s|finally\s)?){1,3}"
    r"\(?(?:to|from)\s\$?$",
    re.I,
)


#: The earlier target after a new one written figure-first: "$18 PT, from $11", "a $95 price
#: target (vs. $80)", "$40 target, up from $32".
_FIGURE_TARGET_FROM = re.compile(
    r"\$\d[\d,.]*\s(?:(?:stock|share)\s)?(?:price\s)?(?:target|pt|objective)s?,?\s\(?"
    r"(?:up\s|down\s|raised\s|cut\s|lowered\s)?(?:from|vs\.?|versus)\s(?:a\sprior\s|its\sprior\s)?\$?$",
    re.I,
)

#: The earlier target after the new one and a few words: "now targets $18 for Arlo, up from
#: $15", "its new target of $160 is up from $98".
_TARGET_THEN_FROM = re.compile(
    r"\b(?:target|objective|pt|(?-i:PO))s?\b[^.;!?$]{0,50}?\$\d[\d,.]*[^.;!?$\d]{0,40}?\b(?:up|down|"
    r"raised|cut|lowered|increased|reduced|lifted|trimmed)\sfrom\s(?:a\s|its\s|the\s)?"
    r"(?:prior\s|previous\s|earlier\s)?\$?$",
    re.I,
)


@rule("claims.price_target.previous.v2")
def previous(ctx: Context) -> Outcome:
    """ "cut its target on HIMS to $38 from $52", "lopped its target from $50 to $45, then to
    $40": the earlier targets are targets too (the annotation records every step; their
    stance follows the new one's)."""
    before = ctx.wide_left[-120:]
    if ctx.q.unit in {"usd", "points", "bare"} and (
        _TARGET_BEFORE_FROM.search(before)
        or _TARGET_CHAIN.search(before)
        or _FIGURE_TARGET_FROM.search(before[-60:])
        or _TARGET_THEN_FROM.search(before)
    ):
        return ("price_target", None)
    return None


#: A forecast table's row: a future month or year, then the model's minimum, average and
#: maximum ("June 2026: minimum $238.40, average $251.90, maximum $266.10").
_FORECAST_ROW = re.compile(
    r"^[ \t]*(?:[-*•·|][ \t]*)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"\s)?20\d\d[ \t]*[:|–—-]",
    re.I,
)
_FORECAST_CELL = re.compile(
    r"(?:^|[:|,;]\s?|\s)(?:min(?:imum)?|avg|average|mean|max(?:imum)?)(?:\s(?:price|target))?"
    r"\s?[:=]?\s?\$?$",
    re.I,
)


@rule("claims.price_target.forecast_row.v1")
def forecast_row(ctx: Context) -> Outcome:
    """ "June 2026: minimum $238.40, average $251.90, maximum $266.10": a forecast page's
    table row, each cell a target for that month."""
    q = ctx.q
    if q.unit not in {"usd", "points", "bare"}:
        return None
    t = ctx.text
    line = t[t.rfind("\n", 0, q.start) + 1 : q.start]
    end = t.find("\n", q.end)
    row = t[t.rfind("\n", 0, q.start) + 1 : end if end >= 0 else len(t)]
    if not (_FORECAST_ROW.match(line) and _FORECAST_CELL.search(line)):
        return None
    # a model's row has its minimum, average and maximum (a past month's row: low, high, close)
    if re.search(r"\bmin(?:imum)?\b", row, re.I) and re.search(
        r"\b(?:avg|average|mean)\b", row, re.I
    ):
        return ("price_target", None)
    return None
