"""Non-price statistics: figures that read like a move or a level but measure something else.

A share of an index's members ("60% of these stocks are down over 10%"), a chart ratio ("a
61.8% retracement"), a valuation ratio or spread ("a P/E of 23.90", "an 8-point P/E discount")
cannot be checked against a price series; read as a move or a level they accuse an honest
author. These rules sit before the price-level and move rules they pre-empt.
"""

from __future__ import annotations

import re

from nlp.claims import Context, own_clause
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


#: A breadth gauge named before its reading: "the % of stocks in the index above their
#: 20-day MA, down to 7.5%", "the share of members trading above their 200-day average is 31%".
_BREADTH_GAUGE = re.compile(
    r"(?:%|\bpercent(?:age)?|\bshare|\bproportion|\bnumber)\sof\s(?:[\w$&'’-]+\s){0,6}?"
    r"(?:stocks|members|companies|names|components|constituents|issues|caps)\b[^.;]{0,50}?"
    r"\b(?:above|below|under|over)\s(?:their|its|the)\s(?:\d{1,3}[- ](?:day|week|dma|d)|"
    r"(?:fifty|hundred|two-hundred)[- ]day|moving|ma\b)[^.;]*$",
    re.I,
)


_MEMBERS = r"(?:stocks|members|companies|names|constituents|components|issues)"
#: A threshold that members are counted against: "gains of 4% or more came from 312 of the
#: index's members".
_THRESHOLD_COUNTED = re.compile(
    r"^\s?or\s(?:more|better|worse|greater|higher|lower)\b[^.;]{0,60}?\b\d[\d,]*\s"
    rf"(?:of\s(?:the\s|its\s|their\s)?(?:[\w&'’-]+\s){{0,3}}?)?{_MEMBERS}\b",
    re.I,
)
#: A count of members, then their move: "312 members rose 4% or more", "about 900 stocks fell
#: at least 10%".
_COUNT_MOVED = re.compile(
    # "Unprofitable Russell 2000 stocks jumped 23%": a number in an index's name counts nothing
    rf"\b(?<!russell\s)(?<!s&p\s)(?<!wilshire\s)\d[\d,]*\s(?:of\s(?:the\s|its\s|their\s)?"
    rf"(?:[\w&'’-]+\s){{0,3}}?)?{_MEMBERS}\s"
    r"(?:(?:have|had|has)\s)?(?:rose|fell|gained|lost|dropped|jumped|climbed|declined|slid|"
    r"advanced|surged|sank|are|were)\s(?:by\s)?(?:at\sleast\s|more\sthan\s|over\s|"
    r"(?:up|down)\s)?$",
    re.I,
)


@rule("claims.statistic.breadth.v1")
def breadth(ctx: Context) -> Outcome:
    """ "with 60% of these stocks down over 10% from their highs": both the share (60%) and
    each member's distance (10%) are breadth statistics, not the index's move; so is the
    reading of a gauge named before it ("% of stocks above their 20-day MA, down to 7.5%")."""
    if ctx.q.unit not in _CHANGE_UNITS:
        return None
    if ctx.q.unit == "pct" and _SHARE_OF_MEMBERS.match(ctx.right):
        return NO_CLAIM
    if ctx.q.unit in {"pct", "pp"} and _BREADTH_GAUGE.search(ctx.wide_left):
        return NO_CLAIM
    if ctx.q.unit == "pct" and (
        _THRESHOLD_COUNTED.match(ctx.text[ctx.q.end :])
        or _COUNT_MOVED.search(ctx.text[max(0, ctx.q.start - 80) : ctx.q.start])
    ):
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
    # "the fibonacci 61.8 level is 238.9", "the 61.8 retracement": the ratio written bare
    bare_fib = ctx.q.unit == "bare" and ctx.q.value is not None and ctx.q.value in _FIB_LEVELS
    if bare_fib and (
        re.search(r"\bfib(?:onacci)?\s$", ctx.left[-12:], re.I)
        or re.match(r"^\s(?:fib|fibonacci|retrace|retracement|extension)\b", ctx.right, re.I)
    ):
        return NO_CLAIM
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


@rule("claims.statistic.fund_attribute.v3")
def fund_attribute(ctx: Context) -> Outcome:
    """A fund's fee, yield, turnover or tracking gap is an attribute, not a claim (the
    annotation rules leave fund attributes out). "IWM, which tracks the index, rose 1%" is
    the fund's move: a move verb right before the figure wins over the aside before it."""
    if (
        ctx.q.unit in {"pct", "bp"}
        and _FUND_ATTRIBUTE.search(ctx.left[-60:])
        and not _MOVED_JUST_BEFORE.search(ctx.lt)
    ):
        return NO_CLAIM
    if ctx.q.unit in {"pct", "bp"} and _CHARGES.search(ctx.left[-30:]):
        return NO_CLAIM  # "which charges 0.19% a year": the fund's fee
    return None


#: A fee said with a verb: "charges 0.19% a year", "costs investors 0.05% annually".
_CHARGES = re.compile(
    r"\b(?:charg(?:es|ed|ing)|costs?\s(?:investors|holders|shareholders)|levies|levied)\s"
    r"(?:just\s|only\s|about\s|roughly\s|an?\sannual\s)?$",
    re.I,
)


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
    r"(?:stocks|names|companies)|tickers|names|stocks|companies|holdings|members|constituents|"
    r"securities|issues)\b"
    # a numbers box: "1,973: the number of stocks in the index"
    r"|^\s?:\s(?:the\s)?(?:total\s)?(?:number|count)\sof\b",
    re.I,
)


@rule("claims.statistic.group_count.v1")
def group_count(ctx: Context) -> Outcome:
    """ "we screened 600 small caps", "it held 1,974 stocks": a count of stocks, not a level."""
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
    # "a 10% decline from a peak is usually called a correction", "a drop of 20% from a high
    # is what most people call a bear market", "a 20% decline marks a bear market, and a 10%
    # decline a correction": a generic figure (an indefinite article), named after
    if _GENERIC_FIGURE.search(ctx.lt[-30:]) and (
        _CALLED_AFTER.search(ctx.rt[:80]) or _MARKS_PHASE.match(ctx.rt[:90])
    ):
        return NO_CLAIM
    return None


#: A figure any index could have: "a 10%", "a drop of 20%", "an 8% to 10%".
_GENERIC_FIGURE = re.compile(
    r"\b(?:a|an)\s*$|\b(?:a|an)\s(?:[\w-]+\s)?(?:drop|decline|fall|loss|gain|rise|rally|move|"
    r"pullback|slide)\sof\s*$"
)
_CALLED_AFTER = re.compile(
    r"^[^.;]*?\b(?:is|are)\s(?:usually\s|typically\s|generally\s|commonly\s|often\s)?"
    r"(?:called|considered|defined as|known as|termed|labell?ed|deemed|what\s(?:[\w-]+\s){0,3}"
    r"(?:call|calls|consider|considers|term|terms|label|labels))\b"
)
#: "... decline from a peak marks a bear market", "... decline a correction": the figure's
#: noun, then the market phase it marks (no comma between: "a 12% drop, a correction" is
#: an index's own drop, named).
_MARKS_PHASE = re.compile(
    r"^\s?(?:(?:drop|decline|fall|loss|gain|rise|rally|move|pullback|slide)s?\s)?"
    r"(?:(?:from|off)\s(?:a|an|its|the)\s(?:[\w-]+\s)?(?:peak|high|low|bottom|trough)\s)?"
    r"(?:(?:usually\s|typically\s|generally\s|commonly\s|often\s)?(?:marks?|signals?|"
    r"constitutes?|defines?|means?|makes?|confirms?)\s)?"
    r"(?:a|an)\s(?:technical\s|new\s|official\s)?(?:correction|bear\smarket|bull\smarket|crash)\b",
    re.I,
)


_OUTCOME_ODDS = re.compile(r"^\s?(?:probability|chance|likelihood|odds)\s(?:that|of)\b", re.I)


@rule("claims.statistic.outcome_odds.v1")
def outcome_odds(ctx: Context) -> Outcome:
    """ "our model gives a 65% probability that small caps outperform": the odds of an outcome
    (the Fed's odds are read by the rate rules, asked before), not a move, level or target."""
    if ctx.q.unit == "pct" and _OUTCOME_ODDS.match(ctx.right):
        return NO_CLAIM
    return None


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
    r"\b(?:economy|economic growth|global growth|world growth|gdp|inflation|consumer prices|"
    r"core prices|pce|cpi|(?:consumer|producer) price index|"
    r"unemployment|jobless|payrolls|wage growth|home sales|housing starts|industrial production|"
    r"retail sales|consumer (?:sentiment|confidence|spending)|(?:sentiment|confidence) index|"
    r"(?:margin|household|consumer|credit[- ]card) debt|money supply|durable goods|factory orders|"
    r"pmi|ism)\b",
    re.I,
)
_MARKET = re.compile(
    # a "price index" is the CPI's or the PCE's, a "sentiment index" a survey's: no market's
    r"\b(?:stocks?|shares?|(?<!price\s)(?<!sentiment\s)(?<!confidence\s)index|indices|indexes|etfs?|funds?|s&p|russell|nasdaq|dow|"
    r"small[- ]caps?|large[- ]caps?|equit\w+|rall\w+|benchmark)\b|\([A-Z]{1,5}\)|\$[A-Z]{2,5}",
    re.I,
)


@rule("claims.statistic.macro_projection.v2")
def macro_projection(ctx: Context) -> Outcome:
    """ "Officials expect the economy to expand at a 1.9 per cent pace", "inflation at 2.8 per
    cent, up from the 2.6 per cent projected": a sentence about the economy, not a market,
    states macro data (left out by the annotation rules), whatever verb carries it."""
    if ctx.q.unit not in {"pct", "pp", "points", "bare"} or ctx.rate_sentence:
        return None  # "jobless claims are forecast at 220,000": a bare number is no level either
    before = ctx.text[: ctx.q.start]
    if _MACRO.search(before) and not _MARKET.search(ctx.text):
        return NO_CLAIM
    # "The ISM manufacturing PMI fell to 48.2, and small caps slipped 0.8%": the figure's own
    # clause is about the economy, whatever the next one is about
    clause = own_clause(before)
    after = re.split(r",\s(?:and|but|while|whereas)\s|;|\s[—–]\s", ctx.text[ctx.q.start :])[0]
    if _MACRO.search(clause) and not _MARKET.search(clause + after):
        return NO_CLAIM
    return None


#: Words of an option trade: its premium, strike and contracts are no price of the underlying.
_OPTION_WORDS = re.compile(
    r"\b(?:calls?|puts?|options?|contracts?|strikes?|premiums?|spreads?|straddles?|leaps)\b", re.I
)
_PAID_AT = re.compile(
    r"\b(?:bought|sold|buys|sells|paid|filled|opened|entered|got\sin|premium\sof|"
    r"cost(?:s|ing)?|to\sopen|to\sclose)\s"
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


#: A position's share of the trader's money: "15% of the account", "sized down from 25%".
_ALLOCATION_AFTER = re.compile(
    r"^\s?of\s(?:the\s|my\s|your\s|our\s|his\s|her\s|their\s)?(?:trading\s)?"
    r"(?:account|portfolio|port|capital|net\sliq\w*|buying\spower)\b",
    re.I,
)
#: What a move would do to the trader's own book: "~6% for me", "8% on my account".
_OWN_RESULT_AFTER = re.compile(
    r"^\s?(?:for\sme\b|(?:for|on|in)\smy\s(?:account|position|port\w*|book|p&l)\b)", re.I
)
#: A move supposed, not reported: "a 2% day in the russell is ~6% for me", "a 5% drop in
#: IWM means ...".
_SCENARIO_AFTER = re.compile(
    r"^\s?(?:day|week|move|drop|dip|selloff|sell-off|rally|pop)\s(?:in|for|on)\s"
    r"[\w$^&' -]{1,30}?\s(?:is|means|=|would\sbe|becomes|equals)\b",
    re.I,
)
_RESIZED_BEFORE = re.compile(
    r"\b(?:sized|sizing|resized|scaled)\s(?:it\s|the\sposition\s)?(?:down|up|back)\s"
    r"(?:from|to)\s(?:about\s|roughly\s|~)?$",
    re.I,
)


@rule("claims.statistic.trade_sizing.v1")
def trade_sizing(ctx: Context) -> Outcome:
    """A trader's own position: an option's fill ("the $250 calls, bought at $2.15"), a share
    count ("holding 300 shares"), the risk and reward of the trade ("risking 3% to make
    8-10%"), its share of the account ("15% of the account, sized down from 25%"), what a
    supposed move would do to it ("a 2% day in the russell is ~6% for me"). None of it is a
    price, level or move of the underlying."""
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
    if ctx.q.unit == "pct" and (
        _ALLOCATION_AFTER.match(ctx.right)
        or _RESIZED_BEFORE.search(ctx.left[-40:])
        or _OWN_RESULT_AFTER.match(ctx.right)
        or (re.search(r"\ban?\s$", ctx.left[-3:]) and _SCENARIO_AFTER.match(ctx.right))
        or (_HOLDER_BEFORE.search(ctx.left[-30:]) and _IN_HOLDING.match(ctx.right))
    ):
        return NO_CLAIM
    return None


#: "I'm 30% in $IWM calls", "we are 60% in cash": how much of the writer's money sits where.
_HOLDER_BEFORE = re.compile(
    r"\b(?:i['’]m|i\sam|we['’]re|we\sare|i['’]ve\sgot|i\shave)\s(?:now\s|about\s|roughly\s|"
    r"only\s|just\s|still\s|~)?$",
    re.I,
)
_IN_HOLDING = re.compile(r"^\s?(?:in|into|long|short)\b", re.I)


#: A holding in a company: "bought an 8.2% stake", "a 5% interest in", "72% of its shares are
#: owned by", "owns 30% of the company".
_STAKE_AFTER = re.compile(
    r"^\s?(?:(?:equity|ownership|voting|minority|majority|controlling|economic|direct|"
    r"indirect|passive|active|remaining|additional|combined)\s){0,2}"
    r"(?:stake|holding|ownership|interest\sin|shareholding|equity\sinterest)\b"
    r"|^\s?more\s(?:shares|stock)\b"  # "an insider bought 6.7% more shares"
    r"|^-?\s?(?:owned|held|controlled)\b"  # "its 100%-owned subsidiaries"
    r"|^\s?of\s(?:the\s|its\s|their\s)?(?:[\w&'’.-]+\s){0,4}?(?:outstanding\s|common\s)?"
    r"(?:shares|stock|equity)\s(?:are\s|is\s|were\s|was\s)?(?:owned|held|controlled)\b",
    re.I,
)
_OWNS_BEFORE = re.compile(
    r"\b(?:owns?|owned|controls?|controlled|insiders\s(?:hold|have)|holds?\s(?:a\s)?stakes?\sof)"
    r"\s(?:about\s|roughly\s|nearly\s|"
    r"around\s|some\s|just\sunder\s|just\sover\s|more\sthan\s|less\sthan\s|~)?$",
    re.I,
)
#: The stake named earlier in the clause: "raised its stake in the maker to 80%", "bought 57
#: million shares, or 32.96%, in the lender".
_STAKE_TO = re.compile(
    r"\b(?:stake|holding|shareholding|ownership)\b[^.;%]{0,60}\b(?:to|from|at|of)\s"
    r"(?:about\s|roughly\s|nearly\s|around\s|some\s|~)?$"
    r"|\bshares,?\s(?:or|representing|equal\sto)\s(?:about\s|roughly\s|nearly\s|some\s|~)?$",
    re.I,
)
#: "to purchase an additional 15.3% of the insurer", "sold 10% of the unit"
_TRADES_PART_OF = re.compile(
    r"\b(?:buy|buys|bought|purchas\w+|acquir\w+|sell|sells|sold|divest\w*|take|takes|took)\s"
    r"(?:an?\s|its\s|their\s|the\s)?(?:additional\s|further\s|another\s|remaining\s)?$",
    re.I,
)
#: "a stake valued at $370 million", "the holding, worth about $1.2 billion"
_STAKE_VALUE = re.compile(
    r"\b(?:stake|holding|shareholding|position)\b[^.;]{0,40}?\b(?:valued\sat|worth)\s"
    r"(?:about\s|roughly\s|nearly\s|around\s|some\s|~)?$",
    re.I,
)


@rule("claims.statistic.ownership.v2")
def ownership(ctx: Context) -> Outcome:
    """ "a fund bought an 8.2% stake, valued at $370 million", "72% of its shares are owned
    by the founder": who owns how much of a company (and what the holding is worth) is no
    move, level or valuation of its stock."""
    q = ctx.q
    if q.unit == "pct" and (_STAKE_AFTER.match(ctx.right) or _OWNS_BEFORE.search(ctx.left[-25:])):
        return NO_CLAIM
    if q.unit == "pct" and _STAKE_TO.search(ctx.wide_left[-90:]):
        return NO_CLAIM  # "raised its stake in the maker to 80%", "57 million shares, or 33%"
    if (
        q.unit == "pct"
        and _TRADES_PART_OF.search(ctx.left[-40:])
        and re.match(r"^\s?of\s(?!its\s(?:value|gains?|losses)\b)", ctx.right, re.I)
    ):
        return NO_CLAIM
    if q.unit in {"usd", "usd_millions"} and _STAKE_VALUE.search(ctx.wide_left[-70:]):
        return NO_CLAIM
    return None


#: What a number counts or measures when it is not a price: "17,000 feet", "10,000 square
#: meters", "4,450 contracts", "200,000 orders" (the noun right after the figure).
_MEASURE_AFTER = re.compile(
    r"^\s?(?:mln|bln|mn|bn|million|billion|trillion|thousand)\b"  # "450 mln phones"
    r"|^\s?(?:(?!(?:as|on|in|at|and|or|with|after|before|by|for|to|from|is|was|the|a|an|"
    r"points?|pts|level|mark|area|zone|handle|support|resistance)\b)[a-z][\w-]*\s){0,2}"
    r"(?:feet|foot|ft|meters?|metres?|sq\.?\s?m|km|kilomet(?:er|re)s?|miles?|acres?|hectares?|"
    r"tons?|tonnes?|barrels?|bbl|ounces?|oz|gallons?|litres?|liters?|megawatts?|mw|gwh|kwh|"
    r"units|orders|vehicles|cars|trucks|aircraft|planes|homes|stores|outlets|restaurants|"
    r"locations|branches|employees|workers|staff|jobs|people|customers|clients|subscribers|"
    r"users|members|merchants|partners|sellers|buyers|patients|visitors|passengers|beds|"
    r"rooms|pieces|copies|votes|titles|movies|episodes|games|apps|downloads|"
    r"contracts|lots|shares|"
    # what a company write-up counts: its reach, sites and partners
    r"distributors|dealers|resellers|suppliers|vendors|countries|states|facilities|plants|"
    r"factories|warehouses|offices|sites|institutions|banks|credit\sunions|hospitals|clinics|"
    r"franchises|franchisees|agents|engineers|products|brands|positions|holdings)\b",
    re.I,
)
#: The noun before a figure that says it is a count: "orders hit 200,000", "deliveries of 5,000".
_COUNT_BEFORE = re.compile(
    r"\b(?:orders|pre-?orders|reservations|deliveries|shipments|subscribers|users|customers|"
    r"employees|workers|headcount|jobs|units|vehicles|downloads|visitors|passengers|"
    r"patients|enrollment|enrolment|volume)\s(?:[\w'’.-]+\s){0,4}?(?:hit|hits|reached|reach|topped|tops|"
    r"totaled|totalled|totals|of|at|to|were|was|are|is|exceeded|passed|surpassed)\s"
    r"(?:about\s|roughly\s|nearly\s|around\s|some\s|over\s|more\sthan\s|~)?$",
    re.I,
)
#: A year or a figure in another currency: "in 1893", "EUR 7,801.7 mn", "36.5 mln euro".
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|from|by|until|till|through|during|of|year|circa|founded|established|"
    r"built|incorporated|registered)\s$",
    re.I,
)
_OTHER_MONEY_BEFORE = re.compile(
    r"\b(?:eur|euro|gbp|sek|nok|dkk|chf|jpy|cny|rmb|inr|hkd)\s?$", re.I
)
_OTHER_MONEY_AFTER = re.compile(
    r"^\s?(?:(?:mln|mn|bln|bn|million|billion|thousand|k|m)\s)?(?:euros?|eur|pounds?|gbp|"
    r"kronor|kroner|sek|nok|dkk|francs?|chf|yen|jpy|yuan|rmb|rupees?|inr|won)\b",
    re.I,
)


#: A breadth count: "118 new 52-week highs", "new highs (116) outpacing new lows (12)",
#: "advancers 1,840, decliners 1,020" (plural: "a new high of 2,480" is a level).
_NEW_EXTREMES_AFTER = re.compile(
    r"^\)?\s?(?:new\s)?(?:(?:52|12)[- ]week\s|all[- ]time\s|record\s)?(?:highs|lows)\b"
    r"|^\s?(?:advancers|decliners|advancing\sissues|declining\sissues|gainers|losers)\b",
    re.I,
)
_NEW_EXTREMES_BEFORE = re.compile(
    r"\bnew\s(?:(?:52|12)[- ]week\s|all[- ]time\s|record\s)?(?:highs|lows)\s?(?:\(|:|of|at|"
    r"were|was|numbered|totaled)?\s?$"
    r"|\b(?:advancers|decliners|advancing\sissues|declining\sissues)\s?(?:\(|:|of|at|were|"
    r"outnumbered\sdecliners|outnumbered\sadvancers)?\s?$",
    re.I,
)


@rule("claims.statistic.measure_count.v2")
def measure_count(ctx: Context) -> Outcome:
    """ "a base station at about 17,000 feet", "Cybertruck orders hit 200,000", "in 1893",
    "net profit fell to 36.5 mln euro": a length, area, count, year or sum in another currency
    is no price level of a U.S. stock or index."""
    q = ctx.q
    if q.unit not in {"bare", "points"}:
        return None
    if ctx.q.unit == "points" and re.match(r"^\s?(?:points?|pts?)\b", ctx.right, re.I):
        return None  # the figure names its own unit: an index's level or move
    if _MEASURE_AFTER.match(ctx.right) or _OTHER_MONEY_AFTER.match(ctx.right):
        return NO_CLAIM
    if _COUNT_BEFORE.search(ctx.left[-45:]) or _OTHER_MONEY_BEFORE.search(ctx.left[-6:]):
        return NO_CLAIM
    if _NEW_EXTREMES_AFTER.match(ctx.right) or _NEW_EXTREMES_BEFORE.search(ctx.left[-40:]):
        return NO_CLAIM
    if (
        q.value is not None
        and q.value == int(q.value)
        and 1800 <= q.value <= 2100
        and re.fullmatch(r"\d{4}", ctx.text[q.start : q.end].strip())
        and _YEAR_BEFORE.search(ctx.left[-12:])
    ):
        return NO_CLAIM
    return None


#: A security's terms, not a price of a stock: a note's coupon ("0.50% convertible senior
#: notes due 2025"), an option's strike ("the January $60 puts"), a fund's leverage ("3x
#: gold ETFs").
_COUPON_AFTER = re.compile(
    r"^\s?(?:(?:convertible|exchangeable|senior|junior|secured|unsecured|subordinated|"
    r"green|fixed[- ]rate|floating[- ]rate|perpetual|preferred|first[- ]lien|"
    r"second[- ]lien)\s){0,3}"
    r"(?:notes|bonds|debentures|debt|loans?|preferred\s(?:stock|shares)|term\sloan)\b"
    # "5.850% Cum Red Pfd Series K", "a 6.25% Series A preferred"
    r"|^\s?(?:(?:cum(?:ulative)?|red(?:eemable)?|non-cumulative|perpetual|fixed-to-floating|"
    r"series\s\w)\.?\s){0,3}(?:pfd|preferred|prf)\b"
    r"|^\s?(?:notes|bonds|debentures)\sdue\b",
    re.I,
)
#: (the letter alone only written onto the strike, "230c": "L 2,388.0 C 2,409.7" is a quote
#: row's low and close)
_STRIKE_AFTER = re.compile(
    r"^(?:/\$?\d[\d,.]*)?(?:[cp]\b|\s?(?:strike\s)?(?:calls?|puts?|call\soptions?|"
    r"put\soptions?|call\sspreads?|put\sspreads?|strikes?)\b)",
    re.I,
)
#: A count of option contracts: "1000 January $150 calls", "50,000 Jan $21/$30 call spreads".
_CONTRACTS_AFTER = re.compile(
    r"^\s?(?:(?:[A-Z][a-z]{2,8}\.?|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\s)?\$?\d[\d,.]*"
    r"(?:/\$?\d[\d,.]*)?\s?(?:calls?|puts?|c|p|call\sspreads?|put\sspreads?)\b",
    re.I,
)
_LEVERAGE_AFTER = re.compile(
    r"^\s?(?:(?:daily|leveraged|inverse|long|short|bull|bear|gold|silver|oil|"
    r"small[- ]cap|[\w&'’-]+)\s){0,3}(?:etfs?|etns?|leveraged|inverse)\b",
    re.I,
)


#: A multiple of a move rather than of earnings: a leveraged fund's "3x the index" or "3x
#: leverage", an Elliott-wave count's "2.618x wave 1", "1.5x the size of the first leg",
#: "roughly 3x that" (the move just named).
_MULTIPLE_OF_MOVE = re.compile(
    r"^\s?(?:the\s(?:index|underlying|benchmark|daily\smove|move|russell\b)|"
    r"(?:daily\s)?leverage\b|levered\b|wave\s(?:\d|[a-e]\b|one\b|i{1,3}\b|iv\b|v\b)|"
    r"(?:the\s)?(?:size|length|height)\sof\b|"
    # "3x that if it plays out": the move just named ("20x that of peers", "28 times this
    # year's earnings" are a valuation's)
    r"(?:that|this)(?=\s*$|\s*[,.;:!?)]|\s(?:if|on|in|when|and|or|but|for|with)\b))",
    re.I,
)


@rule("claims.statistic.security_terms.v1")
def security_terms(ctx: Context) -> Outcome:
    """ "prices $750 million of 0.50% convertible senior notes", "sweep buys the January $60
    puts", "two Direxion 3x gold ETFs": a coupon, a strike or a fund's leverage is a term of
    the security, not a rate decision, a level or a valuation."""
    q = ctx.q
    if q.unit == "pct" and _COUPON_AFTER.match(ctx.right):
        return NO_CLAIM
    if q.unit in {"usd", "bare"} and _STRIKE_AFTER.match(ctx.text[q.end : q.end + 40]):
        return NO_CLAIM
    if q.unit in {"bare", "points"} and _CONTRACTS_AFTER.match(ctx.text[q.end : q.end + 40]):
        return NO_CLAIM
    if q.unit == "x" and (_LEVERAGE_AFTER.match(ctx.right) or _MULTIPLE_OF_MOVE.match(ctx.right)):
        return NO_CLAIM
    return None


#: A deal's price: "to acquire TCO for $52.50 per share in cash", "sells the unit to a rival
#: for $127.5M", "a takeover offer of $30 a share".
_DEAL_FOR = re.compile(
    r"(?:\b(?:acquir\w*|purchas\w*|takeovers?|take-?private|buyouts?|mergers?|merg(?:e|es|ing)|"
    r"deals?|offers?|offered|bids?|bidding|tender\w*)\b(?:\s[\w&'’.,-]+){0,6}?\s(?:for|at|of)|"
    r"\b(?:buy|buys|buying|bought|sell|sells|selling|sold|sales?\sto)\b"
    r"(?:\s[\w&'’.,-]+){1,8}?\sfor)"
    r"\s(?:about\s|roughly\s|around\s|nearly\s|up\sto\s|~)?(?:US)?$",
    re.I,
)
_DEAL_TERMS_AFTER = re.compile(
    r"^\s?(?:(?:per|a)\sshare\s)?in\s(?:cash|stock|an?\sall-(?:cash|stock)|cash\sand\sstock)\b",
    re.I,
)


@rule("claims.statistic.deal_price.v1")
def deal_price(ctx: Context) -> Outcome:
    """ "Simon to acquire Taubman for $52.50 per share in cash", "agreed to sell the drug for
    $127.5M": the price of a deal (annotation rules: deal values are no claims) is neither
    earnings per share nor a level of the stock."""
    if ctx.q.unit not in {"usd", "usd_per_share", "usd_millions"}:
        return None
    if _DEAL_TERMS_AFTER.match(ctx.right):
        return NO_CLAIM
    clause = re.split(r"[;:]|\s[-–—]\s", ctx.left)[-1]
    return NO_CLAIM if _DEAL_FOR.search(clause[-80:]) else None


#: A holding's share of a fund's return, said with the verb of attribution: "added 85 basis
#: points to performance", "contributing 70 bp", "cost the fund 60 basis points", "detracted
#: 55 bp". The figure is the holding's weight times its return, a fund attribute.
_ATTRIBUTION_BEFORE = re.compile(
    r"\b(?:contribut(?:ed|ing|es)|detract(?:ed|ing|s)|subtract(?:ed|ing|s)|add(?:ed|ing|s)|"
    r"took\saway|tak(?:es|ing)\saway|shav(?:ed|ing)\soff|cost(?:ing|s)?(?:\s(?:the\s|our\s)?"
    r"(?:fund|portfolio|strategy|composite|us))?)\s(?:about\s|roughly\s|nearly\s|some\s|"
    r"another\s|a\sfurther\s|more\sthan\s|over\s|just\s|only\s)?$",
    re.I,
)
#: The return it was added to: "to performance", "to the fund's relative return", "from returns".
_ATTRIBUTION_AFTER = re.compile(
    r"^\s?(?:of\s)?(?:to|from)\s(?:the\s|our\s)?(?:(?:fund|portfolio|strategy|composite)['’]?s?\s)?"
    r"(?:(?:relative|absolute|total|quarterly|annual)\s)?(?:performance|returns?|results)\b"
    # "added 120 bps of excess return", "40 bp of alpha"
    r"|^\s?of\s(?:(?:excess|relative|active)\sreturns?|alpha|outperformance|underperformance)\b",
    re.I,
)
#: The sentence speaks of attribution (a holding's share of the fund's result).
_ATTRIBUTION_WORDS = re.compile(
    r"\b(?:contribut\w+|detract\w+|attribution|to\s(?:relative\s)?performance|the\s(?:fund|"
    r"portfolio|strategy)|our\s(?:fund|portfolio|strategy|overweight|underweight|position|"
    r"holding)|overweight|underweight|stock\sselection|sector\sallocation|relative\sto\sthe\s"
    r"benchmark)\b",
    re.I,
)


@rule("claims.statistic.attribution.v1")
def attribution(ctx: Context) -> Outcome:
    """ "UFP Technologies added 85 basis points to performance", "the top contributor, adding
    95 bp", "which cost the fund 60 basis points": how much a holding added to (or took from) a
    fund's return is its weight times its move, an attribute of the fund (no Fed move, no
    move of the stock). Asked before the rate rules read basis points."""
    if ctx.q.unit not in {"bp", "pp", "pct"}:
        return None
    if _ATTRIBUTION_AFTER.match(ctx.right):
        return NO_CLAIM
    if not _ATTRIBUTION_BEFORE.search(ctx.left[-40:]) or not _ATTRIBUTION_WORDS.search(ctx.text):
        return None
    # a percent after "added" is the stock's own move ("shares added 3%") unless the sentence
    # speaks of contributors; basis points a holding added are attribution
    if ctx.q.unit == "pct" and not re.search(r"\b(?:contribut|detract)\w*", ctx.text, re.I):
        return None
    return NO_CLAIM


#: The writer's own fund, strategy or portfolio as the clause's subject: "our small-cap
#: strategy gained 4.1%", "the portfolio trades at 14.2 times forward earnings".
_OWN_FUND = re.compile(
    r"(?:\bour\s(?:[\w-]+\s){0,3}?(?:fund|strategy|portfolio|composite|partnership|"
    r"account)s?|\bthe\s(?:fund['’]s\s)?(?:portfolio|strategy))"
    r"(?:['’]s\s[\w\s-]{0,20}?)?\s(?:(?:has|have|had|was|were|is)\s)?(?:[\w-]+\s)?"
    r"(?:(?:at|of|by|on)\s)?(?:about\s|roughly\s|nearly\s|just\s|some\s|~)?$",
    re.I,
)
#: "The fund returned 9.8% in the quarter, trailing the Russell 2000 Value": an unnamed fund
#: set against its benchmark, which is a fund letter's own fund.
_FUND_VS_BENCHMARK = re.compile(
    r"\b(?:trail\w*|lagg\w*|behind|ahead\sof|versus|vs\.?|compared\s(?:with|to)|against|"
    r"outpac\w*|outperform\w*|underperform\w*|beat\w*|while)\b",
    re.I,
)


@rule("claims.statistic.own_fund.v1")
def own_fund(ctx: Context) -> Outcome:
    """A fund letter's figures about its own fund ("our strategy gained 4.1% net of fees", "the
    portfolio trades at 14.2 times forward earnings", "the fund returned 9.8%, trailing the
    Russell 2000 Value"): the fund has no symbol to check, and the benchmark named later in
    the sentence is not what moved. Fund attributes are no claims."""
    if ctx.q.unit not in {"pct", "bp", "x", "bare"}:
        return None
    if _OWN_FUND.search(ctx.left[-70:]):
        return NO_CLAIM
    if ctx.q.unit == "pct" and re.match(r"^\s?(?:net|gross)\sof\sfees\b", ctx.right, re.I):
        return NO_CLAIM
    if (
        ctx.q.unit == "pct"
        and re.search(
            r"\bthe\sfund\s(?:has\s)?(?:returned|gained|rose|was\sup|fell|lost)\s$", ctx.lt
        )
        and _FUND_VS_BENCHMARK.search(ctx.right)
        and not any(m.end <= ctx.q.start for m in ctx.names)
    ):
        return NO_CLAIM
    return None


#: An insider's trade as a stock page reports it: "sold 6,000 shares ... in a transaction
#: dated Friday", "for a total transaction of $609,000", "now owns 48,210 shares, valued at
#: $4.9 million".
_INSIDER_TRADE = re.compile(
    r"\b(?:sold|sells|selling|bought|buys|buying|purchased|acquired|disposed\sof)\s"
    r"(?:about\s|roughly\s|some\s)?[\d,]+\s(?:shares|units)\b"
    r"|\bin\sa\stransaction\s(?:dated|on|that\s(?:occurred|took\splace))\b"
    r"|\btotal\s(?:transaction|value)\sof\b"
    r"|\b(?:now\s|directly\s|still\s)*(?:owns|holds)\s[\d,]+\s(?:shares|units)\b",
    re.I,
)


@rule("claims.statistic.insider_trade.v1")
def insider_trade(ctx: Context) -> Outcome:
    """ "EVP Jordan Pike sold 6,000 shares at an average price of $101.50, for a total
    transaction of $609,000", "now owns 48,210 shares, valued at $4,893,315": what an
    insider paid, got or still holds is no level, target or valuation of the stock."""
    if ctx.q.unit not in {"usd", "usd_millions", "usd_per_share", "bare"}:
        return None
    return NO_CLAIM if _INSIDER_TRADE.search(ctx.text) else None


#: A coupon said after the security: "$500 million of senior notes due 2033 at 6.25%".
_COUPON_BEFORE = re.compile(
    r"\b(?:notes|bonds|debentures|loans?|debt|preferred\s(?:stock|shares))\b[^.;%]{0,40}?"
    r"\b(?:at|bearing|paying|with\san?\s(?:interest\srate|coupon)\sof|coupon\sof)\s"
    r"(?:about\s|roughly\s)?$",
    re.I,
)
#: A rank within a group: "in the top 35% of more than 250 industries".
_RANK_BEFORE = re.compile(r"\b(?:top|bottom|upper|lower)\s$", re.I)


@rule("claims.statistic.coupon_or_rank.v1")
def coupon_or_rank(ctx: Context) -> Outcome:
    """ "priced $500 million of senior notes due 2033 at 6.25%" (a coupon), "sits in the top
    35% of more than 250 industries" (a rank): no yield level, move or fundamental."""
    if ctx.q.unit != "pct":
        return None
    if _COUPON_BEFORE.search(ctx.left[-70:]):
        return NO_CLAIM
    if _RANK_BEFORE.search(ctx.left[-8:]) and re.match(r"^\s?of\b", ctx.right):
        return NO_CLAIM
    return None


#: What a bare whole number after which a plural noun follows counts: "497 theatres with
#: 5,700 screens", "runs 1,100 rigs". Words that follow a level or a span are no counts.
_PLURAL_AFTER = re.compile(
    r"^\s(?!(?:highs|lows|levels|zones|points|pts|bps|closes|years|days|sessions|weeks|"
    r"months|quarters|times|marks|handles|areas|cents|dollars|calls|puts|bars|candles|ticks|"
    r"lines|percent|this|thus|plus|versus|across|perhaps|always|unless|less|analysts|"
    r"futures|options|contracts|shares|stocks|was|has|is|its|yards)\b)[a-z]{3,}(?<!ss)s\b",
)


@rule("claims.statistic.plural_count.v1")
def plural_count(ctx: Context) -> Outcome:
    """ "operates 497 theatres with 5,700 screens": a whole number right before a plural
    noun counts things, it is no price or index level."""
    q = ctx.q
    if q.unit != "bare" or q.value is None or q.value != int(q.value):
        return None
    if "." in ctx.text[q.start : q.end]:
        return None
    if not _COUNTING_BEFORE.search(ctx.left[-25:]):
        return None  # "if 2,480 gives way", "a close above 2,432 opens": a level, then a verb
    return NO_CLAIM if _PLURAL_AFTER.match(ctx.right) else None


#: The words before a count of things: "operates 497 theatres with 5,700 screens".
_COUNTING_BEFORE = re.compile(
    r"\b(?:with|operates|operating|operated|runs|running|ran|has|had|have|owns|owned|employs|"
    r"employed|across|than|and|about|some|roughly|nearly|almost|over|opened|opens|closed|added|"
    r"adds|built|sold|shipped|serves|served|counts|counted)\s$",
    re.I,
)


#: A fund letter's sentence about its own fund: "At quarter end the fund held 71 names ...",
#: "The fund's net expense ratio is 0.95%, and it returned 8.7%".
_FUND_SENTENCE = re.compile(
    r"^(?:[A-Z][\w ,-]{0,30}?\s)?(?:the|our)\s(?:fund|portfolio|strategy)(?:['’]s)?\b", re.I
)


#: What a letter says of its own fund beside its return: holdings, fees, weights.
_FUND_STATS = re.compile(
    r"\b(?:held|holds|holdings|positions|names|expense\sratio|active\sshare|turnover|"
    r"weighted|median\smarket|net\sassets|assets\sunder)\b",
    re.I,
)


@rule("claims.statistic.fund_sentence.v1")
def fund_sentence(ctx: Context) -> Outcome:
    """In a sentence whose subject is the letter's own fund, a figure before any name is the
    fund's ("a weighted average P/E of 15.2x, compared with 17.8x for the Russell 2000": the
    15.2x; "it returned 8.7% in the quarter against 12.4% for the Russell 2000": the 8.7%):
    a fund attribute, no claim of the stock the letter spoke of before. The figure a name
    follows ("17.8x for the Russell 2000") is that name's."""
    if ctx.q.unit not in {"pct", "x", "usd_millions", "bare"}:
        return None
    if not _FUND_SENTENCE.match(ctx.text):
        return None
    if not (_FUND_STATS.search(ctx.text) or _FUND_VS_BENCHMARK.search(ctx.right)):
        return None  # "So far this year, the fund is up 8.1%": a named fund's move
    if any(m.start < ctx.q.start for m in ctx.names):
        return None
    if re.match(r"^\s?(?:x\s)?(?:for|of|at|in)\s(?:the\s)?[A-Z]", ctx.right):
        return None  # "17.8x for the Russell 2000": the figure of the name after it
    return NO_CLAIM
