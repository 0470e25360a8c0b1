"""Rules for price levels: where a move ended, closes, current prices, highs and lows,
support, resistance, entries, stops and moving averages."""

from __future__ import annotations

import re

from nlp.claims import (
    _AFTER_MOVE,
    _ECON,
    _MOVE_DOWN,
    _MOVE_UP,
    _PAYOUT_YIELD,
    _YIELD,
    Context,
    copula_role,
    level_role,
)
from nlp.numbers import DOLLAR_CHANGE
from nlp.rules.registry import NO_CLAIM, Outcome, rule

#: "usd_per_share" reaches these rules only when the earnings rules left it as a price
#: ("hit a 52-week high of $48.10 a share", ``fundamental.eps``).
_LEVEL_UNITS = {"usd", "points", "bare", "usd_per_share"}


@rule("claims.price_level.implied_current.v2")
def implied_current(ctx: Context) -> Outcome:
    """ "a $300 target, 19% above current levels": the current price the target implies."""
    if ctx.q.unit != "pct":
        return None
    rt = ctx.rt
    if (
        re.search(r"\b(?:upside|downside)\b", ctx.window)
        and re.search(
            r"\b(?:from|above|below|vs\.?) (?:current|today|present|here|the current)", rt
        )
    ) or re.match(
        r"^\s*(?:above|below|over|under)\s(?:where\s(?:it|they|(?:the\s)?(?:stock|shares|index|etf|"
        r"fund|benchmark|gauge))"
        r"\s(?:trades?|is|are|stands?|sits?|closed)\b|(?:the\s)?(?:current|today'?s?|present|"
        r"(?:monday|tuesday|wednesday|thursday|friday)'?s?|the last|last|recent)\b|"
        # "a $402 consensus, about 8% above the stock", "an objective roughly 3% above here"
        r"here\b|the\s(?:stock|shares)\b(?!\s(?:market|index|price\starget)))"
        # "down 1.9% over the last two trading days": a span, not a level the figure is over
        r"(?!\s(?:[\w-]+\s){0,2}?(?:sessions?|days?|weeks?|months?|quarters?|years?|"
        r"decades?|hours?|trading)\b)",
        rt,
    ):
        return ("implied", None)
    return None


@rule("claims.price_level.yield_level.v2")
def yield_level(ctx: Context) -> Outcome:
    """ "the 10-year yield rose to 4.1%", "10-year Treasury yield: 4.08%", "the two-year
    yield, near 3.5%", "had touched 4.2%", "a yield of 4.06%": where a yield stands (a label's
    colon or a level word before it; a yield's move is in basis points)."""
    if ctx.q.unit == "pct" and ctx.yields and _YIELD_AT.search(ctx.lt[-30:]):
        return ("price_level", "current")
    if ctx.q.unit == "pct" and _after_yield_move(ctx):
        return ("price_level", "current")
    return None


def _after_yield_move(ctx: Context) -> bool:
    """ "the 10-year yield fell 12 basis points on the week to 4.02%": the level the yield's
    move (in basis points) ended at; the yield is named before the move, not before it."""
    return (
        ctx.prev_unit == "bp"
        and len(ctx.lt) <= 30
        and bool(re.search(r"\b(?:to|at)\s*(?:about\s|around\s|roughly\s|nearly\s|~)?$", ctx.lt))
        and bool(_YIELD.search(ctx.wide_left.lower()[-100:]))
        and not _PAYOUT_YIELD.search(ctx.wide_left.lower()[-100:])
    )


#: The words that put a yield at a figure: "to", "at", "near", a label's colon.
_YIELD_AT = re.compile(
    r"(?:\b(?:to|at|near|around|of|above|below|under|over|touch(?:ed|es|ing)?|top(?:ped|s)?|"
    r"hit|hits|hitting|reach(?:ed|es|ing)?|breach(?:ed|es)?|test(?:ed|s)?)|\byields?:|"
    r"\bstands?|\bstood|\bsits?|\bsat|\bwas|\bis)\s*"
    r"(?:about\s|around\s|roughly\s|nearly\s|just\s|above\s|below\s|~)?$",
    re.I,
)


_MEMBERS = re.compile(
    r"^\s*(?:[\w&.'’-]+\s){0,3}?(?:companies|stocks|names|members|constituents|components|"
    r"firms|holdings|issues|issuers|securities|businesses|banks|baggers|tickers|equities)\b"
)


#: Statistics of an options chain that are priced in dollars: "max pain for Friday's expiry
#: sits at $240", "the gamma flip is at 2,450", "the call wall at $250" (strikes, no levels).
_OPTIONS_STAT = re.compile(
    r"\b(?:max(?:imum)?\s?pain|gamma\s(?:flip|wall|level)|call\swall|put\swall|"
    r"(?:open\sinterest|oi)\s(?:peak|wall))\b"
)


@rule("claims.price_level.options_stat.v1")
def options_stat(ctx: Context) -> Outcome:
    """ "Max pain for Friday's IWM expiration sits at $240": an options-chain statistic in
    dollars is a strike, not a level the price stood at or a chart level."""
    if ctx.q.unit in _LEVEL_UNITS and _OPTIONS_STAT.search(ctx.lt[-60:]):
        return NO_CLAIM
    return None


@rule("claims.price_level.member_count.v1")
def member_count(ctx: Context) -> Outcome:
    """ "about 2,000 small-cap companies", "586 index members", "the 3,000 largest US
    stocks": a count of what an index holds is no level."""
    if ctx.q.unit == "bare" and _MEMBERS.match(ctx.rt):
        return NO_CLAIM
    return None


#: Analysts' earnings estimates named before a dollar figure, with no price or target words.
_ESTIMATES = re.compile(r"\b(?:estimates?|consensus|forecasts?\sfor\s(?:eps|earnings))\b")
_PRICE_WORDS = re.compile(
    r"\b(?:price|prices|priced|target|targets|fair\svalue|valuation|trad\w+|shares?|stock|"
    r"support|resistance|close[sd]?|level)\b"
)


@rule("claims.price_level.estimate_figure.v1")
def estimate_figure(ctx: Context) -> Outcome:
    """ "yearly estimates in a range of $0.08 being high and $0.06 being low": analysts'
    estimates of earnings, stated in dollars, are no price level (the fundamental rules,
    asked first, read the ones they know)."""
    if ctx.q.unit != "usd":
        return None
    clause = re.split(r"[;!?]|\.(?!\d)", ctx.wide_left.lower())[-1]  # "$0.08" is no stop
    if re.search(r"\b(?:eps|earnings|profits?|per\sshare|revenues?|sales)\b", clause):
        return None  # a named metric: the later steps may still read it as a fundamental
    if _ESTIMATES.search(clause) and not _PRICE_WORDS.search(clause):
        return NO_CLAIM
    return None


@rule("claims.price_level.dollar_change.v1")
def dollar_change(ctx: Context) -> Outcome:
    """ "fell $0.42", "gave up $1.95 to finish at $238.40": the size of a move in dollars is
    no price (the contract measures moves in percent or index points)."""
    if ctx.q.unit == "usd" and DOLLAR_CHANGE.search(ctx.lt[-40:]):
        return NO_CLAIM
    return None


#: The dollar change a price figure follows: "fell $0.42 to", "up $1.10, or 8.3%, at".
_AFTER_DOLLAR_CHANGE = re.compile(r"\$\s?[\d.,]+(?:,?\s(?:or|and)\s[\d.]+%,?)?\s(?:to|at)\s*$")


@rule("claims.price_level.after_move.v1")
def after_move(ctx: Context) -> Outcome:
    """ "fell 2.04% to $214.92", "ended up 0.18% at 2,407.34", "fell $0.42 to $2.18": where
    the move ended."""
    if ctx.q.unit not in _LEVEL_UNITS or not _AFTER_MOVE.search(ctx.lt):
        return None
    wide = ctx.wide_left.lower()
    if ctx.prev_unit in {"pct", "points"} or (
        ctx.prev_unit == "usd"
        and (m := _AFTER_DOLLAR_CHANGE.search(wide))
        and DOLLAR_CHANGE.search(wide[max(0, m.start() - 40) : m.start() + 1])
    ):
        return ("price_level", "high" if "record" in ctx.lt[-30:] else "current")
    return None


@rule("claims.price_level.named_at.v1")
def named_at(ctx: Context) -> Outcome:
    """ "IWM at 249.43", "Russell 2000: 2,481.91"."""
    if ctx.q.unit in _LEVEL_UNITS and ctx.mention_before:
        return ("price_level", "current")
    return None


#: A price named as the present one: "from today's $45", "its current price of $61.20", "at
#: the recent $18".
_PRESENT_PRICE = re.compile(
    r"\b(?:today['’]s|current|recent|present|latest|prevailing)\s(?:(?:share|stock|market)\s)?"
    r"(?:(?:price|level|quote)\s(?:of\s|near\s|around\s)?)?(?:about\s|around\s|roughly\s|~)?"
    r"(?:US)?\$?\s*$"
)


@rule("claims.price_level.present_price.v1")
def present_price(ctx: Context) -> Outcome:
    """ "could double from today's $45", "its current price of $61.20": the price now."""
    if ctx.q.unit in {"usd", "points"} and _PRESENT_PRICE.search(ctx.lt[-45:]):
        return ("price_level", "current")
    return None


@rule("claims.price_level.moved_to.v1")
def moved_to(ctx: Context) -> Outcome:
    """ "the VIX eased to 16.87", "gapping up to $74.10" (where a gap opened the price)."""
    lt = ctx.lt[-25:]
    if (
        ctx.q.unit in _LEVEL_UNITS
        and (
            (
                re.search(r"\b\w+(?:ed|ose|ell|ank|lid)\s(?:back\s)?to\s*$", lt)
                and (_MOVE_UP.search(lt) or _MOVE_DOWN.search(lt) or re.search(r"\beased", lt))
            )
            or re.search(
                r"\bgap(?:s|ped|ping)?\s(?:up|down|higher|lower)\s(?:to|at)\s\$?$", lt, re.I
            )
            # "gave up its gains, with the Russell 2000 falling to 2,300": what happened, told in
            # a clause opened by "with" (no forecast)
            or (
                re.search(r"\b\w+ing\s(?:back\s)?to\s*$", lt)
                and (_MOVE_UP.search(lt) or _MOVE_DOWN.search(lt))
                and re.search(
                    r"(?:^|,\s)with\s(?:the\s)?(?:[\w&.'’-]+\s){1,4}\w+ing\s", ctx.lt[-60:]
                )
                # "expect small caps to outperform, with the index rising to 2,300 by December":
                # a forecast told the same way
                and not re.search(
                    r"\b(?:could|would|may|might|will|can|expect\w*|forecast\w*|project\w*|"
                    r"predict\w*|sees?|think\w*|anticipat\w*|likely|target\w*)\b",
                    ctx.lt,
                )
                and not re.match(r"^\s?(?:by|before)\s", ctx.rt)
            )
        )
    ):
        return ("price_level", "current")
    return None


@rule("claims.price_level.role_words.v1")
def role_words(ctx: Context) -> Outcome:
    """ "support near $231", "resistance at 2,500", "its 50-day moving average near $214"."""
    if ctx.q.unit not in _LEVEL_UNITS:
        return None
    role = level_role(ctx.lt[-60:], ctx.rt[:40])
    return ("price_level", role) if role else None


@rule("claims.price_level.unplaced.v1")
def unplaced(ctx: Context) -> Outcome:
    """A price or level figure no rule placed states no claim (later rules read percents)."""
    return NO_CLAIM if ctx.q.unit in _LEVEL_UNITS else None


_EXTREME = re.compile(
    r"\b(?:highest|lowest|(?:previous|prior|former|old) (?:record|high|low|peak)|ath|"
    r"all[- ]time high)\b(?:\s[\w'’-]+){0,4}?\s(?:at|of|to|near|was|is)\s*"
    r"(?:about|around|roughly|~)?\s*$"
    # chat shorthand, the figure right after the word: "rejected at ATH 2,466", "ATH: 2,519"
    r"|\b(?:ath|all[- ]time high)\s?(?:[:@=]\s?)?\$?$"
)
_REACHED = re.compile(
    r"\b(?:reach(?:ed|es)|hit|touch(?:ed|es)|(?:was|is|were|stood|stands) at|"
    r"top(?:ped|s)|cross(?:ed|es)|surpass(?:ed|es)|eclips(?:ed|es)|breach(?:ed|es)|"
    r"current (?:value|price|level) of|(?:stock|share) price of)\s*"
    # "crossed the 2,500 threshold": the level named by its noun after the figure
    r"(?:the\s)?(?:about|around|roughly|nearly|~)?\s*$"
)
_AFTER_PCT = re.compile(
    r"^[\s,]*(?:higher|lower|up|down|more|less)?\s*(?:to|at|above|below)\s"
    r"(?:about|around|roughly|nearly|near|just|~)\s*$|"
    r"^[\s,]*(?:higher|lower)\s(?:to|at)\s*$|^[\s,]*(?:above|below)\s*$"
)


@rule("claims.price_level.extreme.v1")
def extreme(ctx: Context) -> Outcome:
    """ "its highest point at $86.69", "the lowest price of $3.85", "a prior record of
    2,437.08", "its ATH of 2,477.10": a high or low the words name."""
    if ctx.q.unit not in _LEVEL_UNITS or not _EXTREME.search(ctx.lt[-50:]):
        return None
    return ("price_level", "low" if re.search(r"\blowest\b|\blow\b", ctx.lt[-50:]) else "high")


@rule("claims.price_level.reached.v1")
def reached(ctx: Context) -> Outcome:
    """ "the index reached 2,466.39 points", "was at 2422.03", "a current value of $7.46"."""
    if ctx.q.unit in _LEVEL_UNITS and _REACHED.search(ctx.lt[-40:]) and not _ECON.search(ctx.lt):
        return ("price_level", copula_role(ctx.left) or "current")
    return None


@rule("claims.price_level.after_move_hedged.v1")
def after_move_hedged(ctx: Context) -> Outcome:
    """ "rose 0.4% to about $4,210", "inched 0.2% higher to 25,700", "climbed 4% above
    $94,000", "ended 21.71 points higher at 2,408.08": where a move ended, said with a hedge
    or a direction word."""
    if (
        ctx.q.unit in _LEVEL_UNITS
        and ctx.prev_unit in {"pct", "points"}
        and _AFTER_PCT.search(ctx.lt)
    ):
        return ("price_level", "current")
    return None


_CLOSED_AT = re.compile(
    r"\b(?:clos(?:e|ed|es)|finish(?:ed|es)?|settl(?:ed|es)|end(?:ed|s))\b"
    r"(?:\s[\w'’-]+){0,5}?\s(?:at|near|around)\s*(?:about|around|roughly|~)?\s*$"
)


@rule("claims.price_level.closed_at.v1")
def closed_at(ctx: Context) -> Outcome:
    """ "closed the last trading session at $83.74", "finished Friday's session near 2,410":
    a close with the session named between the verb and the level."""
    if ctx.q.unit in _LEVEL_UNITS and _CLOSED_AT.search(ctx.lt[-60:]):
        return ("price_level", "current")
    return None


_AFTER_SIGNED = re.compile(r"(?:^|[\s(])[-+−]\d[\d,]*(?:\.\d+)?%?\s(?:at|to)\s*$")


@rule("claims.price_level.tape_level.v1")
def tape_level(ctx: Context) -> Outcome:
    """ "Nasdaq -269.66 at 19017.27": the level a recap's signed change left the index at."""
    if ctx.q.unit in _LEVEL_UNITS and _AFTER_SIGNED.search(ctx.wide_left[-30:]):
        return ("price_level", "current")
    return None


_SIGNED_PCT = re.compile(r"(?:^|\s)[-+−]\s?\d[\d,]*(?:\.\d+)?\s?%")
_TABLE_HEAD = re.compile(r"\b(?:price|close|last|level|change)\b", re.I)
_CHANGE_NEXT = re.compile(
    r"^[ \t|,]*(?:[-+−]\s?)?\d[\d,]*(?:\.\d+)?\s?%"
    # "^RUT 2,401.22 -7.45 (-0.31%)": the point change, then the percent in parentheses
    r"|^[ \t|,]*[-+−▲▼]\s?\d[\d,]*(?:\.\d+)?[ \t]*\(\s?[-+−]?\s?\d[\d,]*(?:\.\d+)?\s?%\)"
)


@rule("claims.price_level.tape_row.v1")
def tape_row(ctx: Context) -> Outcome:
    """ "Dow Jones 47,898.01 +0.3%", "IWM | 231.40 | -1.2%", "S&P 500 6,602.99 (+0.98%)": a
    quote row, the name, its level, then its change. Several quotes on one line are a
    flattened table when the line names its columns ("Price % Change") or puts each change
    in parentheses after its level, else a page's ticker widget (furniture, no claim)."""
    t, q = ctx.text, ctx.q
    end = t.find("\n", q.end)
    line = t[t.rfind("\n", 0, q.start) + 1 : end if end >= 0 else len(t)]
    in_parens = bool(_CHANGE_IN_PARENS.match(t[q.end :]))  # "6,602.99 (+0.98%)": a recap's row
    if len(_SIGNED_PCT.findall(line)) > 1 and not _TABLE_HEAD.search(line) and not in_parens:
        return None
    if (
        ctx.q.unit in _LEVEL_UNITS
        and ctx.mention_adjacent
        and (_CHANGE_NEXT.match(ctx.text[ctx.q.end :]) or in_parens)
    ):
        return ("price_level", "current")
    return None


#: A level's change in parentheses right after it: "6,602.99 (+0.98%)", "2,451.3 (-0.8%)".
_CHANGE_IN_PARENS = re.compile(r"^\s?\(\s?[-+−]\s?\d[\d,]*(?:\.\d+)?\s?%\)")


_SHARE_PRICE = re.compile(
    r"\b(?:trad(?:es|ed|ing)|priced|changing hands|chang(?:es|ed) hands|sells?|selling|sold|"
    r"quoted|clos(?:ed|es|ing)|sits?|sitting|stands?|standing)\s(?:at|near|around|for)\s*"
    r"(?:about|around|roughly|nearly|just|~)?\s*$|\b(?:share|stock) price of\s*$"
    r"|,?\s(?:at|near)\s(?:about|around|roughly)\s*$"
    r"|\b(?:worth|valued at)\s(?:about\s|around\s|roughly\s|nearly\s|just\s|~)?$"
)


@rule("claims.price_level.share_price.v1")
def share_price(ctx: Context) -> Outcome:
    """ "is trading at $52.10 per share", "at around $25 per share", "now worth $232 a share":
    what a share costs, not what it earns."""
    if ctx.q.unit != "usd_per_share" or re.search(
        r"\b(?:eps|earnings|profit|income|dividend|payout)\b", ctx.lt[-40:]
    ):
        return None
    clause = re.split(r"[,;:]|\b(?:while|but|whereas)\b", ctx.lt[-60:])[-1]
    if re.search(r"\b(?:bull|bear|base)[- ]case|\btargets?\b|\bobjectives?\b", clause):
        return None  # "one bear case sits at $45 a share": a target's (the target rules read it)
    if _SHARE_PRICE.search(ctx.lt[-40:]):
        return ("price_level", "current")
    if re.fullmatch(r"\s*at\s(?:about\s|around\s|roughly\s|nearly\s)?", ctx.lt) and re.match(
        r"^\s?,\s", ctx.rt
    ):
        return ("price_level", "current")  # "At $76.10 a share, Knife River trades at 21.3x"
    if (
        ctx.prev_unit in {"pct", "points"}
        and _AFTER_MOVE.search(ctx.lt)
        and not re.search(
            r"\b(?:eps|earnings|profits?|income|dividends?|payouts?|book value|bv|nav)\b",
            ctx.wide_left.lower()[-70:],
        )
    ):
        return ("price_level", "current")  # "is down 10% to $213 a share": where it ended
    return None


_MOVED_FROM = re.compile(
    r"\b(?:r[io]se|rising|soar\w*|jump\w*|climb\w*|surg\w*|rall\w*|f[ae]ll\w*|drop\w*|"
    r"slid\w*|plung\w*|tumbl\w*|sank|sink\w*|declin\w*|advanc\w*|went|moved?)"
    r"(?:\s[\w'’-]+){0,3}?\sfrom\s(?:less than\s|under\s|about\s|around\s|roughly\s|"
    r"over\s|more than\s|just\s)?$"
)


@rule("claims.price_level.moved_from.v1")
def moved_from(ctx: Context) -> Outcome:
    """ "the stock jumped from $3.10 at Monday's close to $5.02", "climbed from under $2 to
    $4.46": where a move started is a level the price stood at."""
    if (
        ctx.q.unit in {"usd", "points", "bare"}
        and _MOVED_FROM.search(ctx.lt[-50:])
        and re.search(r"\bto\s", ctx.text[ctx.q.end : ctx.q.end + 80])
    ):
        return ("price_level", None)
    return None


#: Chart vocabulary beyond "support"/"resistance": the images traders use for a level.
_CHART_SUPPORT = re.compile(
    r"\b(?:shelf|line in the sand|lines? of defen[cs]e|springboard|cushion|demand zone|"
    r"buyers?(?: have)?(?: stepped in| showed up| emerged)?|finding buyers|bounced? off|"
    r"on the downside|downside (?:level|marker)|bottom(?:ed)?(?: out)?|"
    r"(?:slip|slips|slipped|break|breaks|broke|falls?|fell|drops?|dropped)\s(?:down\s)?"
    r"(?:through|below|under)|(?:dip|dips|pullback|pull back|retreat)\s(?:back\s)?"
    r"(?:to|toward|towards|into)|s[123]|"
    # "bullish above 236", "holding above 2,380": the side a plan wants the price to stay on
    r"(?:bullish|constructive|long|bulls? (?:in control|have the edge))\s(?:above|over)|"
    # "acceptance below 2,622", "Below 2,600, the path opens to ...": a plan's lower trigger
    r"acceptance\s(?:below|under)|^\s*below(?=\s*$)|"
    r"(?:holds?|holding|stays?|staying)\s(?:just\s)?above)\b"
)
_CHART_RESIST = re.compile(
    r"\b(?:wall|lid|supply(?: zone)?|sellers?|turned (?:it )?back|ran into|runs? into|"
    r"on the upside|a (?:daily |weekly )?close above|(?:break|breaks|broke|push|pushes"
    r"|pushed) (?:out )?(?:above|through|past)|r[123]|"
    # "bearish below 2,420", "coiling under 2,450", "capped below $245"
    r"(?:bearish|short|bears? (?:in control|have the edge))\s(?:below|under)|"
    r"acceptance\s(?:above|over)|^\s*above(?=\s*$)|"
    # "rejected at 2,466", "got rejected near $241"
    r"rejected\s(?:again\s)?(?:at|near|from|by)(?:\sthe)?|"
    r"(?:coil\w*|capped|stuck|pinned|stays?|staying|trad(?:es|ing))\s(?:just\s)?(?:below|under)|"
    # "struggled to get past 2,450", "knocking on the door of 2,500"
    r"struggl\w*\s(?:to\s(?:get|break|push|climb|move)\s)?(?:back\s)?(?:past|above|over|through)|"
    r"knock\w*\son\sthe\sdoor\sof)\b"
)
#: A gap on the chart filled to a level: "filled the gap down to 2,395", "fills the open gap
#: at $236.40", "gap fill to 2,300".
_GAP_FILL = re.compile(
    r"\b(?:fill(?:s|ed|ing)?\s(?:the\s|its\s|a\s|that\s)?(?:[\w-]+\s)?gap|gap[\s-]fill)"
    # "gap fill 247.80 ✅": chat shorthand puts the figure right after the words
    r"\s(?:(?P<side>down|up)\s)?(?:(?:at|to|near|toward|towards)\s)?(?:about\s|around\s)?\$?$",
    re.I,
)
_CHART_PIVOT = re.compile(
    r"\bpivot(?: point)?s?\b|\bvwap\b|\bvolume[- ]weighted average price\b|\bpoint of control\b"
    r"|\b(?:open|unfilled)\sgap\b"
)
#: A chart noun right after its figure: "once the $104 neckline breaks", "the 2,410 pivot".
_CHART_NOUN_AFTER = re.compile(r"^\s?(?:neckline|pivot|trend\s?line|gap\b)")


@rule("claims.price_level.chart_words.v1")
def chart_words(ctx: Context) -> Outcome:
    """ "a wall at $175", "the line in the sand at 2,350", "R1 at $247.20", "bounced off
    $58", "slip through $240", "a daily close above 2,465": chart images that name a level
    without the words support or resistance (the nearest one before the figure decides)."""
    if ctx.q.unit not in _LEVEL_UNITS or _ECON.search(ctx.lt):
        return None
    left = ctx.lt[-45:]
    gap = _GAP_FILL.search(left)
    if gap:
        # "filled the gap down to 2,395": the price came down to it (a floor); "up to": a lid
        side = {"down": "support", "up": "resistance"}.get(gap.group("side") or "")
        return ("price_level", side)
    best: tuple[int, str | None] | None = None
    for pat, role in ((_CHART_SUPPORT, "support"), (_CHART_RESIST, "resistance")):
        for m in pat.finditer(left):
            if best is None or len(left) - m.end() < best[0]:
                best = (len(left) - m.end(), role)
    if best is None and (_CHART_PIVOT.search(ctx.lt[-60:]) or _CHART_NOUN_AFTER.match(ctx.rt)):
        return ("price_level", None)
    return ("price_level", best[1]) if best else None


_APPOSITION = re.compile(r"^\s*,\s(?:a|an|the|its|which is|where|that is)\b([^,;.]{0,45})")


@rule("claims.price_level.apposition.v1")
def apposition(ctx: Context) -> Outcome:
    """ "buyers near $238, a floor it has defended", "stalled at 2,470, the ceiling since
    July": a role word in the phrase set off right after the figure."""
    if ctx.q.unit not in _LEVEL_UNITS:
        return None
    m = _APPOSITION.match(ctx.rt)
    if not m:
        return None
    role = level_role("", m.group(1))
    return ("price_level", role) if role and role != "current" else None


_SESSION_VERB = re.compile(
    r"\b(?:chang(?:ed|es|ing) hands|wrap(?:ped|s)? up|came to rest|last (?:traded|seen|quoted)|"
    r"(?:sat|stood|was sitting|was standing|was hovering|hovered)|was pegged|"
    r"tick(?:ed|s)? (?:in|up|down)|open(?:ed|s))(?:\s[\w'’-]+){0,3}?\s(?:at|near|around)\s*"
    r"(?:about|around|roughly|~)?\s*$"
    # "slipping back, last at 2,641.55", "was last at $12.40": a wire's latest quote
    r"|(?:^|[\s,;(])(?:was\s|is\s|were\s)?last\sat\s*(?:about\s|around\s)?$"
)


@rule("claims.price_level.session_verbs.v1")
def session_verbs(ctx: Context) -> Outcome:
    """ "changed hands at $243.10", "wrapped up the week at 1,421.35", "IonQ sat at $64.75":
    verbs a wire uses for where a price stood in a session."""
    if (
        ctx.q.unit in _LEVEL_UNITS | {"usd_per_share"}
        and _SESSION_VERB.search(ctx.lt[-50:])
        and not _ECON.search(ctx.wide_left)
        and not _NOT_A_PRICE.match(ctx.rt)
        and not _BOOKS.search(ctx.lt)
    ):
        return ("price_level", "current")
    return None


#: Words of a company's books ("EPS stood at $1.20" is a result, not a price) and of macro data.
_BOOKS = re.compile(
    r"\b(?:eps|earnings|profit|income|revenues?|sales|dividends?|loss|cash|backlog|bookings|"
    r"guidance|estimates?|consensus|ebitda|debt|market (?:cap|value)|valuation|assets|nav|"
    r"(?:initial|jobless|continuing) claims|payrolls|jobs)\b"
)
#: What a figure after "stood at" may count instead of a price: claims, jobs, holdings.
_NOT_A_PRICE = re.compile(
    r"^\s?(?:jobs|claims|people|workers|shares\b(?! of)|contracts|units|homes|"
    r"companies|stocks|members|holdings|employees)"
)


_EXTREME_VERB = re.compile(
    r"\b(?:(?:intraday|closing|all-time|fresh|new)\s)?(?:record|peak)\s(?:high\s)?(?:of|at)\s*$|"
    r"\b(?:topp(?:ed|ing) out|peak(?:ed|ing)|crest(?:ed|ing)|max(?:ed)? out)\s(?:at|near|around)"
    r"\s*$|\b(?:bottom(?:ed|ing)(?: out)?|trough(?:ed)?)\s(?:at|near|around)\s*$"
)


@rule("claims.price_level.extreme_verbs.v1")
def extreme_verbs(ctx: Context) -> Outcome:
    """ "hit an intraday record of 2,502.30", "topped out at $415", "bottomed at 1,732.99": a
    high or low stated by its verb."""
    if ctx.q.unit not in _LEVEL_UNITS:
        return None
    m = _EXTREME_VERB.search(ctx.lt[-45:])
    if not m:
        return None
    return ("price_level", "low" if re.search(r"bottom|trough", m.group(0)) else "high")


_RANGE_WORDS = re.compile(
    r"\b(?:stuck|boxed|caught|trapped|pinned|range[- ]bound|rang(?:ed|ing)|chopp(?:ed|ing)|"
    r"consolidat\w*|oscillat\w*|sideways|trading range|swung|swinging|"
    r"(?:has|have|had) (?:traded|been trading))\b"
)


@rule("claims.price_level.trading_range.v1")
def trading_range(ctx: Context) -> Outcome:
    """ "stuck between 2,380 and 2,470", "range-bound from $236 to $250": the range a price
    has kept to."""
    if (
        ctx.q.unit in _LEVEL_UNITS
        and ctx.q.comparator == "range"
        and _RANGE_WORDS.search(ctx.lt[-50:])
    ):
        return ("price_level", None)
    return None


_CONDITION_BEFORE = re.compile(r"\b(?:if|once|until|unless|should|when|as long as)\s(?:the\s)?$")
_BREAK_AFTER = re.compile(
    r"^\s?(?:level\s|area\s|mark\s|line\s|zone\s)?(?:gives? way|gives? out|breaks|cracks|fails|"
    r"holds|is (?:cleared|taken out|breached|reclaimed|lost|broken|recaptured))\b"
)


@rule("claims.price_level.conditional_break.v1")
def conditional_break(ctx: Context) -> Outcome:
    """ "if 2,480 gives way", "once $52 is cleared", "as long as 2,350 holds": the level a
    trading plan turns on."""
    if (
        ctx.q.unit in _LEVEL_UNITS
        and _CONDITION_BEFORE.search(ctx.lt[-25:])
        and _BREAK_AFTER.match(ctx.rt)
    ):
        return ("price_level", "support" if re.match(r"^\s?(?:\w+\s)?holds", ctx.rt) else None)
    return None


#: A level named as what a move would cross: "a break of 2,380", "a push through $52",
#: "any drop below 2,300", "a decisive close above 2,450".
_CROSSING_NOUN = re.compile(
    r"(?:^|[\s,(])(?:clearing|reclaiming|recapturing|taking\sout|losing|"
    r"breaking(?:\s(?:above|below|through|under|over))?)\s(?:the\s)?\$?\s*$|"
    r"\b(?:a|any|the|another)\s(?:[\w-]+\s){0,2}?(?:"
    r"(?:break|breach|breakdown|breakout|close|violation|loss|reclaim)\s(?:of|through|past|beyond|"
    r"above|below|under|over)|"
    r"(?:move|push|run|rally|pullback|drop|slide|dip|decline|thrust)\s(?:through|past|beyond|"
    r"above|below|under|over))\s(?:the\s)?(?:about\s|roughly\s|around\s)?(?:US)?\$?\s*$"
)


@rule("claims.price_level.crossing_noun.v1")
def crossing_noun(ctx: Context) -> Outcome:
    """ "a break of 2,380 would expose the lows", "a push through $52 opens $58", "clearing
    $240 would put $252 in play": the level a scenario turns on (below/under/losing: a floor;
    above/through/past/clearing: a ceiling)."""
    if ctx.q.unit not in _LEVEL_UNITS or "point" in ctx.q.text.lower():
        return None
    m = _CROSSING_NOUN.search(ctx.lt[-60:])
    if not m:
        return None
    said = m.group(0)
    if re.search(r"\bloss\sof\b", said) and _RESULTS_TALK.search(ctx.text):
        return None  # "analysts had looked for a loss of $0.17": a loss per share, no level
    if re.search(r"\b(?:below|under|losing)\b", said):
        return ("price_level", "support")
    if re.search(
        r"\b(?:above|over|through|past|beyond|reclaim\w*|recapturing|clearing|taking|breakout)\b",
        said,
    ):
        return ("price_level", "resistance")
    return ("price_level", None)


#: Words of a company's results: a "loss of" there is money lost, not a level given up.
_RESULTS_TALK = re.compile(
    r"\b(?:analysts?|consensus|estimates?|expected|forecasts?|looked\sfor|per\sshare|a\sshare|"
    r"eps|quarter|quarterly|results|reported|posted|net\sloss)\b",
    re.I,
)


_SHARE_PRICE_PAST = re.compile(
    r"\b(?:sat|stood|was|were|ended|finished|opened|settled)\s(?:at|near|around)\s*"
    r"(?:about|around|roughly|nearly|just|~)?\s*$"
)


@rule("claims.price_level.share_price_past.v1")
def share_price_past(ctx: Context) -> Outcome:
    """ "IonQ sat at $64.75 a share", "the stock ended at $12.40 per share": a past session's
    price per share (not earnings, which the words of the books would name)."""
    if (
        ctx.q.unit == "usd_per_share"
        and _SHARE_PRICE_PAST.search(ctx.lt[-30:])
        and not _BOOKS.search(ctx.lt)
    ):
        return ("price_level", "current")
    return None


_DIP_TO = re.compile(
    r"\b(?:drop|dip|pullback|pull-back|decline|retreat|slide|sell-?off|correction|fall)s?\s"
    r"(?:back\s)?(?:to|toward|towards|into|near|around)\s(?:about\s|roughly\s|around\s)?\$?$",
    re.I,
)
_BUY_AFTER = re.compile(
    r"^\s?(?:[\w&$.,-]+\s){0,4}?(?:would|will|could)?\s?(?:be\s)?"
    r"(?:as\s)?(?:an?\s)?(?:buying opportunit(?:y|ies)|opportunity to (?:buy|add)|"
    r"chance to (?:buy|add)|entry point|place to (?:buy|add))",
    re.I,
)


@rule("claims.price_level.dip_to_buy.v1")
def dip_to_buy(ctx: Context) -> Outcome:
    """ "would treat a drop toward 2,300 as a buying opportunity": where the writer would buy,
    not a forecast that the price goes there."""
    if ctx.q.unit in _LEVEL_UNITS and _DIP_TO.search(ctx.lt[-40:]) and _BUY_AFTER.match(ctx.rt):
        return ("price_level", "entry")
    return None


_LAST_PRICE = re.compile(
    r"\b(?:last|current|recent|latest|closing|prevailing)\s(?:share\s|stock\s|trading\s)?"
    r"(?:price|quote)\s(?:of\s|near\s|at\s|around\s|was\s|is\s|stood\sat\s)?"
    r"(?:about\s|roughly\s|around\s|near\s|just\s(?:over|under)\s|~\s?)?\$?$",
    re.I,
)


@rule("claims.price_level.last_price.v1")
def last_price(ctx: Context) -> Outcome:
    """ "compared with a last price near $48", "a current share price of $12.30": where the
    stock stands now (what a target is measured against)."""
    if ctx.q.unit in {"usd", "usd_per_share", "points", "bare"} and _LAST_PRICE.search(
        ctx.lt[-45:]
    ):
        return ("price_level", "current")
    return None


_NAMED_EXTREME = re.compile(
    r"\b(?:its|the|their|a|an)\s(?:[\w.,'’-]+\s){0,3}?(?P<w>lows?|highs?|troughs?|peaks?|"
    r"bottoms?|tops?)\s(?:of|at|near|around)\s*(?:about|around|roughly|nearly|~)?\s*\$?$"
)


@rule("claims.price_level.named_extreme.v1")
def named_extreme(ctx: Context) -> Outcome:
    """ "from its April trough of $47", "the October 28 peak of 2,502", "a session low of
    $229.10": a high or low named by its noun, then its level."""
    if ctx.q.unit not in _LEVEL_UNITS or _ECON.search(ctx.lt):
        return None
    m = _NAMED_EXTREME.search(ctx.lt[-50:])
    if not m:
        return None
    return ("price_level", "low" if re.match(r"low|trough|bottom", m["w"]) else "high")


_HOLD_LEVEL = re.compile(
    r"\b(?:hold|holds|holding|held|defend|defends|defending|defended|protect|keep above|"
    r"stay above|stays above|staying above)\s(?:above\s|onto\s|on to\s)?(?:the\s)?\$?$"
)


@rule("claims.price_level.level_to_hold.v1")
def level_to_hold(ctx: Context) -> Outcome:
    """ "bulls want to see it hold 2,340", "needs to defend $230", "must stay above 2,400":
    the level a plan needs kept is support (a hope to see it is not a forecast of a move)."""
    if ctx.q.unit in _LEVEL_UNITS and _HOLD_LEVEL.search(ctx.lt[-30:]):
        if ctx.q.unit == "bare" and _MEMBERS.match(ctx.rt):
            return NO_CLAIM  # "the fund holds 840 stocks": what it owns, no level
        return ("price_level", "support")
    return None


_FROM_TO_LEVEL = re.compile(
    r"\b(?:went|moved?|r[io]se|risen|climb\w*|rall\w*|jump\w*|surg\w*|soar\w*|advanc\w*|"
    r"f[ae]ll\w*|drop\w*|slid\w*|sank|tumbl\w*|declin\w*|plung\w*)\s(?:[\w'’-]+\s){0,3}?from\s"
    r"(?:about\s|around\s|roughly\s|under\s|over\s)?\$?\d[\d,]*(?:\.\d+)?\s(?:[\w'’.,-]+\s){0,5}?"
    r"to\s(?:about\s|around\s|roughly\s|nearly\s|over\s|more than\s)?\$?$"
)


@rule("claims.price_level.moved_from_to.v1")
def moved_from_to(ctx: Context) -> Outcome:
    """ "went from 2,100 in early August to 2,480 by late October": where a from-to move
    ended is a level too (``moved_from`` reads where it started)."""
    if ctx.q.unit in _LEVEL_UNITS and _FROM_TO_LEVEL.search(ctx.wide_left.lower()[-110:]):
        return ("price_level", None)
    return None


_LEVEL_OBJECT = re.compile(
    r"\b(?:flirt(?:s|ed|ing)?\swith|(?:re)?test(?:s|ed|ing)?|reclaim(?:s|ed|ing)?|regain(?:s|ed|ing)?|recaptur\w+|"
    r"breach(?:es|ed|ing)?|sliced?\sthrough|slicing\sthrough|tagg?(?:ed|ing|s)?|revisit\w*)\s"
    r"(?:the\s)?(?:about\s|around\s|roughly\s|~)?\$?$"
)


@rule("claims.price_level.level_object.v1")
def level_object(ctx: Context) -> Outcome:
    """ "IWM tested $225 on Thursday", "reclaimed $235", "sliced through 2,350": verbs whose
    object is a price level the chart touched."""
    if ctx.q.unit in _LEVEL_UNITS and _LEVEL_OBJECT.search(ctx.lt[-30:]):
        return ("price_level", None)
    return None


_IS_THE_LEVEL = re.compile(
    r"^\s?(?:is|remains|stays|will be|becomes)\s(?:now\s|still\s)?(?:the|a|an)\s"
    r"(?:(?:key|big|important|major|next|first|critical|crucial|pivotal|round|psychological)\s)*"
    r"(?:line|level|mark|number|area|zone|pivot|threshold|battleground)\b"
)


@rule("claims.price_level.is_the_level.v1")
def is_the_level(ctx: Context) -> Outcome:
    """ "For IWM, $240 is the line to watch", "2,400 remains the key level": a level named by
    what follows it."""
    if ctx.q.unit in _LEVEL_UNITS and _IS_THE_LEVEL.match(ctx.rt):
        return ("price_level", None)
    return None


_YEAR_RANGE = re.compile(
    r"\b(?:(?:52|fifty-two)[- ]week|(?:one|1|12)[- ](?:year|month)|year['’]s|annual|yearly|"
    r"all-time|day(?:['’]s)?|today['’]s|daily|session['’]s|intraday|overnight|week['’]s|"
    r"weekly)\s(?:trading\s|price\s)?range"
    r"(?:\s(?:is|was|of|stands at|spans?))?\s?(?::|from|between)?\s*\$?$"
)


@rule("claims.price_level.year_range.v1")
def year_range(ctx: Context) -> Outcome:
    """ "a 52-week range of $171.73 to $252.77", "the day's range: 2,377-2,418": the ends of
    a stated trading range are its low and its high (split into two levels by the
    extractor, ``nlp.extract``)."""
    if ctx.q.unit not in _LEVEL_UNITS or ctx.q.comparator != "range":
        return None
    if _YEAR_RANGE.search(ctx.lt[-50:]):
        return ("price_level", "low")
    # "over the past 52 weeks the fund has traded between $161.67 and $228.63": the same ends
    sentence = re.split(r"(?<=[.!?])\s", ctx.wide_left)[-1] + ctx.rt[:40]
    if (
        _TRADED_BETWEEN.search(ctx.lt[-30:])
        and (
            _YEAR_SPAN.search(sentence)
            # "closed Monday at 2,084.3, after trading between 2,061 and 2,092": a session's low
            # and high, said beside its close (a forecast or a weeks-long band says no close)
            or (_SESSION_CLOSE.search(sentence) and not _FORECAST_RANGE.search(ctx.lt[-40:]))
        )
    ):
        return ("price_level", "low")
    return None


_SESSION_CLOSE = re.compile(
    r"\b(?:closed|settled|finished|ended)\s(?:the\s(?:day|session)\s)?(?:(?:on\s)?(?:monday|"
    r"tuesday|wednesday|thursday|friday|yesterday|today)\s)?(?:at|near|around)\b|"
    r"\b(?:in|during)\s(?:today['’]s|monday['’]s|tuesday['’]s|wednesday['’]s|thursday['’]s|"
    r"friday['’]s|the|yesterday['’]s)\s(?:session|trading\sday)\b|"
    # "rose 0.5% to 2,513.48 on Friday, after trading between ...": a move to a close that day
    r"\b(?:rose|fell|gained|lost|climbed|slipped|added|dropped|ended|closed)\s(?:[^.;]|\.\d){0,40}?\bto\s"
    r"[$\d][\d,.]*\s(?:on\s(?:monday|tuesday|wednesday|thursday|friday)|yesterday|today)\b",
    re.I,
)
_FORECAST_RANGE = re.compile(
    r"\b(?:will|would|could|may|might|should|expect\w*|likely|keep|continue\w*|been)\s"
    r"(?:[\w-]+\s){0,2}?(?:trade|trading|range|ranging)\s(?:between|from)\s\$?$"
)


_TRADED_BETWEEN = re.compile(
    r"\b(?:traded|trading|trades|ranged|ranging|moved|swung|fluctuated)\s(?:between|from)\s\$?$"
)
_YEAR_SPAN = re.compile(
    r"\b(?:past|last|prior|previous)\s(?:52\sweeks|fifty-two\sweeks|12\smonths|twelve\smonths|year)\b",
    re.I,
)


_PRICE_IS = re.compile(
    # "Oklo stock price today is $112": a word of time between the price and its verb
    r"\b(?:(?:share|stock)|(?:current|latest|last|closing)(?:\s(?:share|stock|market))?)\sprice\b"
    r"(?:\sof\s[^.;$]{1,50}?)?(?:\s(?:today|now|currently))?\s(?:is|was|stands\sat|stood\sat|"
    r"sits\sat|sat\sat|came\sin\sat|now\sat)\s(?:currently\s|now\s)?(?:about\s|around\s|"
    r"roughly\s|~)?\$?$"
)


@rule("claims.price_level.price_is.v1")
def price_is(ctx: Context) -> Outcome:
    """ "the share price of Kratos Defense (KTOS) is $68.40", "its stock price was $12.10":
    where a share trades, with the company named between the words and the figure."""
    if ctx.q.unit in _LEVEL_UNITS | {"usd_per_share"} and _PRICE_IS.search(ctx.lt[-90:]):
        return ("price_level", "current")
    return None


#: A quote page's label starting its line: "Open: $67.80", "Previous close: 2,396.30",
#: "Prev. close - $41.20", "Last price: $12.05" (High/Low and ranges have their own rules).
_QUOTE_LABEL = re.compile(
    r"^[ \t]*(?:[-*•·][ \t]*)?(?-i:(?!STOP|SL\b|TP)[A-Z]{1,5}\s)?"  # "IWM last: $229.85"
    r"(?:(?:previous|prev\.?|prior|last|today['’]s|yesterday['’]s)\s)?"
    r"(?:close|closing\sprice|open|opening\sprice|last(?:\sprice)?|price|settle(?:ment)?|"
    r"current\s(?:value|price|level))"
    r"[ \t]*(?::|[-–—]|=)[ \t]*\$?$",
    re.I,
)


@rule("claims.price_level.quote_label.v1")
def quote_label(ctx: Context) -> Outcome:
    """ "Open: $67.80", "Previous close: 2,396.30": a stock-of-the-day page's or an AI recap's
    labelled price, alone at the start of its line (volume and market cap lines carry no
    price unit and no such label)."""
    if ctx.q.unit not in _LEVEL_UNITS:
        return None
    line = ctx.text[ctx.text.rfind("\n", 0, ctx.q.start) + 1 : ctx.q.start]
    cell = re.split(r"\s[|•·]\s", line)[-1]  # "Previous Close: $233.10 | Open: $232.40"
    return ("price_level", "current") if _QUOTE_LABEL.match(cell) else None


#: A trade plan's or a quote row's cell in chat shorthand, its label right before the figure
#: and after the line's start, a separator or the cell before: "in 41.20 | sl 39.80",
#: "S1 229.40 / R1 235.80", "entry: 233.50". Single letters are read only in an OHLC row.
_PLAN_CELL = re.compile(
    r"(?:^|[|/:;,]\s?|\d\s)(?P<label>in|entry|sl|[sr][1-4]|[OHLC])\s?[:@=]?\s?\$?$", re.I
)
_PLAN_ROLES = {
    "in": "entry",
    "entry": "entry",
    "sl": "stop",
    "s": "support",
    "r": "resistance",
    "o": "current",
    "h": "high",
    "l": "low",
    "c": "current",
}
#: An open-high-low-close row: "O 2,401.2 H 2,418.6 L 2,388.0 C 2,409.7".
_OHLC_ROW = re.compile(r"\bO\s?\$?\d.*\bH\s?\$?\d.*\bL\s?\$?\d.*\bC\s?\$?\d")


@rule("claims.price_level.plan_cell.v1")
def plan_cell(ctx: Context) -> Outcome:
    """ "$TNA scalp: in 41.20 | sl 39.80", "S1 229.40 / S2 226.10 / R1 235.80", "O 2,401.2
    H 2,418.6 L 2,388.0 C 2,409.7": a level labelled in shorthand, one cell of a row."""
    if ctx.q.unit not in _LEVEL_UNITS:
        return None
    line = ctx.text[ctx.text.rfind("\n", 0, ctx.q.start) + 1 : ctx.q.start]
    m = _PLAN_CELL.search(line)
    if m is None:
        return None
    label = m.group("label")
    if len(label) == 1 and not (label.isupper() and _OHLC_ROW.search(ctx.text)):
        return None
    if label.lower() == "in" and m.group(0)[:1] not in {"|", "/", ":", ";", ","} and m.start():
        return None  # "up 5% in 2,400 ...": only a cell's "in" is an entry
    return ("price_level", _PLAN_ROLES[label.lower().rstrip("1234")])


#: A numbers box's bullet, the figure first: "- 2,369.70: where the index closed Friday",
#: "$229.85 – IWM's Friday close".
_BOX_LEAD = re.compile(r"^[ \t]*(?:[-*•·][ \t]*)?\$?$")
_BOX_GLOSS = re.compile(r"^\s?(?::|[-–—])\s")
_BOX_CLOSE = re.compile(r"\b(?:clos(?:e|ed|es|ing)|finish(?:ed)?|ended|settled?)\b", re.I)


@rule("claims.price_level.numbers_box.v1")
def numbers_box(ctx: Context) -> Outcome:
    """ "- 2,369.70: where the Russell 2000 closed Friday": a "By the numbers" bullet opens with
    the figure and glosses it after a colon or dash; a close, high, low or a named role in
    the gloss makes the figure that level."""
    if ctx.q.unit not in _LEVEL_UNITS:
        return None
    t = ctx.text
    line = t[t.rfind("\n", 0, ctx.q.start) + 1 : ctx.q.start]
    if not _BOX_LEAD.match(line) or not _BOX_GLOSS.match(ctx.right):
        return None
    end = t.find("\n", ctx.q.end)
    gloss = re.split(r"[(;]", t[ctx.q.end : end if end >= 0 else len(t)], maxsplit=1)[0]
    role = level_role("", gloss[:80])
    if role is not None:
        return ("price_level", role)
    return ("price_level", "current") if _BOX_CLOSE.search(gloss) else None
