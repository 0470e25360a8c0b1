"""Non-price statistics: figures that read like a move or a level but measure something else.

A share of an index's members ("60% of these stocks are down over 10%"), a chart ratio ("a
61.8% retracement"), a valuation ratio or spread ("a P/E of 23.90", "an 8-point P/E discount")
cannot be checked against a price series; read as a move or a level they accuse an honest
author. These rules sit before the price-level and move rules they pre-empt.
"""

from __future__ import annotations

import re

from nlp.claims import Context
from nlp.rules.registry import NO_CLAIM, Outcome, rule

_CHANGE_UNITS = {"pct", "pp", "bp"}

#: A quantifier over an index's members, then (closely, in the same clause) the figure:
#: "60% of these stocks down over 10%", "half of its members are 20% below their highs".
_BREADTH = re.compile(
    r"\b(?:\d+(?:\.\d+)?\s?%|\d+(?:\.\d+)?\spercent|half|a\sthird|two[\s-]thirds|a\squarter|"
    r"three[\s-]quarters|(?:the\s)?majority|most|many|(?:a|the)\s(?:share|proportion|"
    r"percentage|fraction|number)|hundreds|dozens|"
    # "the Russell 2000 index of smaller companies": a number in an index's name counts nothing
    r"(?<!russell\s)(?<!s&p\s)(?<!wilshire\s)\d[\d,]*(?!\sind(?:ex|ices)\b))\s(?:of\s)?(?:the\s|these\s|those\s|"
    r"its\s|all\s|their\s|our\s)?(?:[\w&'’-]+\s){0,3}?(?:stocks|companies|members|constituents|"
    r"components|names|issues|firms|holdings|tickers|equities)\b(?P<gap>[^,;.:()]{0,40})$",
    re.I,
)


#: The figure itself is the share: "60% of these stocks", "45% of its members".
_SHARE_OF_MEMBERS = re.compile(
    r"^\s?(?:of\s)(?:the\s|these\s|those\s|its\s|all\s|their\s|our\s)?(?:[\w&'’-]+\s){0,3}?"
    r"(?:stocks|companies|members|constituents|components|names|issues|firms|holdings|tickers|"
    r"equities)\b",
    re.I,
)


@rule("claims.statistic.breadth.v1")
def breadth(ctx: Context) -> Outcome:
    """ "with 60% of these stocks down over 10% from their highs": both the share (60%) and
    each member's distance (10%) are breadth statistics, not the index's move."""
    if ctx.q.unit not in _CHANGE_UNITS:
        return None
    if ctx.q.unit == "pct" and _SHARE_OF_MEMBERS.match(ctx.right):
        return NO_CLAIM
    clause = re.split(r"[.;:!?]", ctx.text[max(0, ctx.q.start - 140) : ctx.q.start])[-1]
    return NO_CLAIM if _BREADTH.search(clause) else None


_FIB_LEVELS = {23.6, 38.2, 50.0, 61.8, 78.6, 127.2, 161.8}
_RETRACE_AFTER = re.compile(
    r"^\s?(?:fib(?:onacci)?\s)?(?:retrac\w*|extension|fib(?:onacci)?\b|(?:fib\s)?level\sof\sthe)",
    re.I,
)
_RETRACE_BEFORE = re.compile(
    r"\b(?:fib(?:onacci)?(?:\sretracement)?(?:\slevel)?|retrac(?:ed|es|ing)|retracement\sof)"
    r"\s(?:about\s|roughly\s|nearly\s|the\s|a\s|at\s|its\s)*$",
    re.I,
)


@rule("claims.statistic.retracement.v1")
def retracement(ctx: Context) -> Outcome:
    """ "a 61.8% retracement of the rally", "the 38.2% Fibonacci level": a share of an earlier
    swing that marks a chart level, not a move of the price."""
    if ctx.q.unit != "pct":
        return None
    if _RETRACE_AFTER.match(ctx.right) or _RETRACE_BEFORE.search(ctx.left[-40:]):
        return NO_CLAIM
    fib = re.search(r"\bfib(?:onacci)?\b|\bretrac", ctx.text, re.I)
    if fib and ctx.q.value is not None and abs(ctx.q.value) in _FIB_LEVELS:
        return NO_CLAIM
    return None


#: A valuation spread: "an 8-point P/E discount", "a 3-turn premium", "a 5x multiple gap".
_SPREAD_AFTER = re.compile(
    r"^[\s-]?(?:points?|pts?|turns?|x|times|multiple\spoints?)?\s?"
    r"(?:(?:forward|trailing|p/e|pe|p/b|p/s|ev/ebitda|valuation|multiple|earnings)\s){0,2}"
    r"(?:discount|premium|gap|spread)\b",
    re.I,
)


@rule("claims.valuation.spread_words.v1")
def spread_words(ctx: Context) -> Outcome:
    """ "an 8-point P/E discount to large caps": a gap between valuation multiples (a valuation
    claim), not a level or a move of a price."""
    if ctx.q.unit not in {"points", "bare", "x"}:
        return None
    if _SPREAD_AFTER.match(ctx.right) and re.search(
        r"\b(?:p/e|pe|valuation|multiple|earnings|p/b|p/s|ebitda)\b", ctx.text, re.I
    ):
        return ("valuation", None)
    return None


_RATIO_WORDS = re.compile(
    r"\b(?:p/e|pe\sratio|p/b|p/s|ev/ebitda|price[\s/-]to[\s/-]\w+|ratios?|multiples?|"
    r"times\s(?:forward\s|trailing\s)?earnings|valuations?|rsi|relative\sstrength\sindex)\b",
    re.I,
)


@rule("claims.statistic.ratio_not_level.v1")
def ratio_not_level(ctx: Context) -> Outcome:
    """ "the P/E ratio of the S&P 500 stood at 23.90": a bare number of a ratio the clause
    names is no index or price level (a valuation rule, asked first, may still read it)."""
    q = ctx.q
    if q.unit != "bare" or q.value is None or abs(q.value) >= 100:
        return None
    clause = re.split(r"[.;!?]", ctx.text[max(0, q.start - 140) : q.start])[-1]
    if _RATIO_WORDS.search(clause) and not re.match(r"^\s?(?:points?|pts)\b", ctx.right, re.I):
        return NO_CLAIM
    return None


#: A distance to a round level: "23 points adrift of the 7,000 mark", "4% shy of the 2,500
#: level", "within 40 points of the milestone" measures a gap, not a move over a period.
_TO_LEVEL = re.compile(
    r"^\s?(?:points?\s|pts\s)?(?:adrift\sof|away\sfrom|short\sof|shy\sof|off|from|below|above|"
    r"under|over|beneath|of)\s(?:the\s|its\s)?\$?(?:[\d,.]+\s)?(?:points?\s)?"
    r"(?:mark|level|milestone|threshold|handle|line|barrier|figure)\b",
    re.I,
)
#: "8.1% below its 50-day SMA": a gap to a moving average, which no price series dates.
_TO_AVERAGE = re.compile(
    r"^\s?(?:above|below|under|over|beneath|away\sfrom|from)\s(?:the\s|its\s|their\s)"
    r"(?:\d{1,3}[- ](?:day|week|month|period)\s|(?:fifty|hundred|two-hundred)[- ]day\s)"
    r"(?:simple\s|exponential\s)?(?:moving\saverages?|sma|ema|ma|average|line)\b",
    re.I,
)


@rule("claims.statistic.distance_to_level.v1")
def distance_to_level(ctx: Context) -> Outcome:
    """ "the S&P 500 is now 23 points adrift of the 7,000 mark", "8.1% below its 50-day SMA":
    a gap to a round level or an average (the level itself is read on its own), not a change
    over a period."""
    if ctx.q.unit not in {"points", "pct", "bare"}:
        return None
    after = ctx.text[ctx.q.end : ctx.q.end + 70]  # across the level's own figure
    if _TO_AVERAGE.match(after) and ctx.q.unit == "pct" and not _MOVED_JUST_BEFORE.search(ctx.lt):
        return NO_CLAIM
    return NO_CLAIM if _TO_LEVEL.match(after) else None


_MOVED_JUST_BEFORE = re.compile(
    r"\b(?:r[io]se|fell|gained|lost|climbed|dropped|jumped|slid|surged|sank|added|shed)\s*$"
)


#: What a fund charges, pays or tracks: "an expense ratio of 0.19%", "a 30-day SEC yield of
#: 1.1%", "tracked its benchmark within 0.05%", "a turnover ratio of 18%".
_FUND_ATTRIBUTE = re.compile(
    r"\b(?:expense ratio|net expense|gross expense|management fee|fees?|turnover(?: ratio)?|"
    r"(?:sec|distribution|dividend|30-day|12-month|trailing|indicated) yield|"
    r"track(?:ed|s|ing)? (?:its |the )?(?:benchmark|index)|tracking (?:error|difference))\b"
    r"[^.;%]{0,30}$",
    re.I,
)


@rule("claims.statistic.fund_attribute.v1")
def fund_attribute(ctx: Context) -> Outcome:
    """A fund's fee, yield, turnover or tracking gap is an attribute, not a claim (the
    annotation rules leave fund attributes out)."""
    if ctx.q.unit in {"pct", "bp"} and _FUND_ATTRIBUTE.search(ctx.left[-60:]):
        return NO_CLAIM
    return None


_DEFINITION = re.compile(
    r"\b(?:launched|introduced|created|incepted|inception|started|began|set up|founded)\b", re.I
)


@rule("claims.statistic.index_definition.v1")
def index_definition(ctx: Context) -> Outcome:
    """ "launched in 1984 with a base of 100": how an index was defined, not a level."""
    if (
        ctx.q.unit in {"bare", "points"}
        and re.search(r"\bbase (?:value |level )?(?:of|at)\s*$", ctx.left[-20:], re.I)
        and _DEFINITION.search(ctx.text)
    ):
        return NO_CLAIM
    return None


_SIZE_BAND = re.compile(
    r"(?:\b(?:with\s(?:an?\s)?|(?:median|average)\s)(?:market|equity)\s"
    r"(?:values?|caps?|capitali[sz]ations?)|"
    r"\bmarket (?:values|caps|capitali[sz]ations))\s(?:of\s)?"
    r"(?:under|below|above|over|between|less than|more than|greater than|up to|of up to|"
    r"from)\s*$",
    re.I,
)


@rule("claims.statistic.size_band.v1")
def size_band(ctx: Context) -> Outcome:
    """ "members with a market value under $1 billion", "small caps with market values
    between $300 million and $2 billion", "a median market cap of below $1 billion": a
    screen's size band or an index's typical size, not a company's value."""
    if ctx.q.unit == "usd_millions" and _SIZE_BAND.search(ctx.left[-50:]):
        return NO_CLAIM
    return None


_GROUP_AFTER = re.compile(
    r"^\s?(?:(?:small|mid|micro|large|mega)[- ]?caps?|(?:small|mid|micro)[- ]cap "
    r"(?:stocks|names|companies)|tickers|names)\b",
    re.I,
)


@rule("claims.statistic.group_count.v1")
def group_count(ctx: Context) -> Outcome:
    """ "we screened 600 small caps": a count of stocks, not a level."""
    if ctx.q.unit == "bare" and _GROUP_AFTER.match(ctx.right):
        return NO_CLAIM
    return None


_DEFINED_AS = re.compile(
    r"\b(?:defined as|definition of|qualif(?:y|ies|ied) as|counts? as|threshold (?:for|of))\b"
    r"[^.;]{0,60}$",
    re.I,
)


@rule("claims.statistic.definition.v1")
def definition(ctx: Context) -> Outcome:
    """ "a correction is usually defined as a drop of 10% to 20%", "a stock qualifies as a
    small cap when its market value is below $2 billion": a definition, not a claim."""
    if ctx.q.unit in {"pct", "usd", "usd_millions", "bare", "points"} and _DEFINED_AS.search(
        ctx.left[-90:]
    ):
        return NO_CLAIM
    # "a 10% decline from a peak is usually called a correction": a generic figure, named after
    if re.search(r"\b(?:a|an)\s*$", ctx.lt[-4:]) and _CALLED_AFTER.search(ctx.rt[:80]):
        return NO_CLAIM
    return None


_CALLED_AFTER = re.compile(
    r"^[^.;]*?\b(?:is|are)\s(?:usually\s|typically\s|generally\s|commonly\s|often\s)?"
    r"(?:called|considered|defined as|known as|termed|labell?ed|deemed)\b"
)


@rule("claims.statistic.dispersion.v1")
def dispersion(ctx: Context) -> Outcome:
    """ "targets with a standard deviation of $14.20": a spread of estimates, no claim."""
    if re.search(
        r"\b(?:standard deviation|std\.? dev\.?|variance|dispersion)\b[^.;]{0,20}$",
        ctx.left[-40:],
        re.I,
    ):
        return NO_CLAIM
    return None


_MACRO = re.compile(
    r"\b(?:economy|economic growth|gdp|inflation|consumer prices|core prices|pce|cpi|"
    r"unemployment|jobless|payrolls|wage growth|home sales|housing starts|industrial production|"
    r"retail sales|consumer (?:sentiment|confidence|spending))\b",
    re.I,
)
_MARKET = re.compile(
    r"\b(?:stocks?|shares?|index|indices|indexes|etfs?|funds?|s&p|russell|nasdaq|dow|"
    r"small[- ]caps?|large[- ]caps?|equit\w+|rall\w+|benchmark)\b|\([A-Z]{1,5}\)|\$[A-Z]{2,5}",
    re.I,
)


@rule("claims.statistic.macro_projection.v1")
def macro_projection(ctx: Context) -> Outcome:
    """ "Officials expect the economy to expand at a 1.9 per cent pace", "inflation at 2.8 per
    cent, up from the 2.6 per cent projected": a sentence about the economy, not a market,
    states macro data (left out by the annotation rules), whatever verb carries it."""
    if ctx.q.unit not in {"pct", "pp"} or ctx.rate_sentence:
        return None
    before = ctx.text[: ctx.q.start]
    if _MACRO.search(before) and not _MARKET.search(ctx.text):
        return NO_CLAIM
    return None


#: Words of an option trade: its premium, strike and contracts are no price of the underlying.
_OPTION_WORDS = re.compile(
    r"\b(?:calls?|puts?|options?|contracts?|strikes?|premiums?|spreads?|straddles?|leaps)\b", re.I
)
_PAID_AT = re.compile(
    r"\b(?:bought|sold|paid|filled|opened|entered|got\sin|premium\sof|cost(?:s|ing)?)\s"
    r"(?:[\w$.,-]+\s){0,4}?(?:at|for|of)?\s?(?:about\s|around\s|~)?\$?$",
    re.I,
)
#: "holding 300 shares", "2 contracts": a position's size.
_POSITION_SIZE = re.compile(r"^\s?(?:shares|contracts|lots|units)\b", re.I)
#: "risking about 3% to make 8-10%": a trade's risk and reward, not a move of anything.
_RISK_REWARD = re.compile(
    r"\brisk(?:ing|s)?\s(?:about\s|roughly\s|~|only\s|just\s)?$"
    r"|\brisk(?:ing|s)?\s[^.;]{0,25}?\bto\s(?:make|gain|earn|capture)\s(?:about\s|roughly\s|~)?$",
    re.I,
)


@rule("claims.statistic.trade_sizing.v1")
def trade_sizing(ctx: Context) -> Outcome:
    """A trader's own position: an option's fill ("the $250 calls, bought at $2.15"), a share
    count ("holding 300 shares"), the risk and reward of the trade ("risking 3% to make
    8-10%"). None of it is a price, level or move of the underlying."""
    before = ctx.wide_left[-60:]
    if (
        ctx.q.unit in {"usd", "usd_per_share"}
        and _PAID_AT.search(before)
        and _OPTION_WORDS.search(before)
    ):
        return NO_CLAIM
    if ctx.q.unit in {"bare", "points"} and _POSITION_SIZE.match(ctx.text[ctx.q.end :]):
        return NO_CLAIM
    if ctx.q.unit in {"pct", "pp"} and _RISK_REWARD.search(before):
        return NO_CLAIM
    return None
