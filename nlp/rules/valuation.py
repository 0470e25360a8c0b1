"""Rules for valuations: multiples, discounts and premiums, market values."""

from __future__ import annotations

import re

from nlp.claims import _VAL_TARGET, Context
from nlp.rules.registry import NO_CLAIM, Outcome, rule

#: The figure's noun: "a 16% discount", "a 33% valuation discount", "a 20% P/E premium".
DISCOUNT_NOUN = re.compile(
    r"^\s*(?:(?:valuation|p/e|pe|multiple|earnings|price[- /]to[- /]\w+|forward|relative)\s)?"
    r"discount\b"
)
DISCOUNT_OR_PREMIUM = re.compile(
    r"^\s*(?:(?:valuation|p/e|pe|multiple|earnings|price[- /]to[- /]\w+|forward|relative)\s)?"
    r"(?:discount|premium)\b"
)
#: A company metric multiplied, not a price paid for it: "grew EPS 4x", "revenue rose 3x".
_GROWTH_MULTIPLE = re.compile(
    r"\b(?:(?:grew|grown|increased|boosted|lifted|expanded|multiplied)\s(?:its\s|their\s)?"
    r"(?:revenues?|sales|earnings|eps|profits?|net income|bookings|backlog|ebitda)|"
    r"(?:revenues?|sales|earnings|eps|profits?|net income|bookings|backlog|ebitda)\s"
    r"(?:has\s|have\s)?(?:grew|grown|rose|risen|increased|jumped|expanded|multiplied))"
    r"\s(?:by\s|about\s|roughly\s|nearly\s|more than\s|over\s)*$"
)


@rule("claims.valuation.multiple.v4")
def multiple(ctx: Context) -> Outcome:
    """ "trades at 22.5x forward earnings"; leverage and debt ratios are not valuations."""
    if ctx.q.unit != "x":
        return None
    if re.search(r"\blever\w*|\b[23]x (?:long|short|bull|bear)|\bdebt\b|\bcoverage\b", ctx.window):
        return NO_CLAIM
    own_right = re.split(r"[,;]\s|\s(?:and|but|while)\s", ctx.rt[:40])[0]
    if _NOT_A_MULTIPLE.search(ctx.lt[-70:] + " " + own_right):
        # "volume ran 2x its average", "6x days to cover" ("trades at 11.6 times forward
        # earnings, and short interest ..." is the next clause's)
        return NO_CLAIM
    debt = next(reversed(list(_DEBT_WORDS.finditer(ctx.wide_left.lower()[-80:]))), None)
    if debt is not None and not _PRICE_MULTIPLE.search(ctx.wide_left.lower()[-80:][debt.end() :]):
        return NO_CLAIM  # "net debt to EBITDA of 3.2x versus 1.5x for large caps": leverage
    if _GROWTH_MULTIPLE.search(ctx.lt[-60:]):
        return NO_CLAIM  # "grew EPS 4x last year": growth, not a multiple paid
    if _MOVE_MULTIPLE_BEFORE.search(ctx.lt[-40:]) or _MOVE_MULTIPLE_AFTER.match(ctx.rt):
        return NO_CLAIM  # "shares are up 5x", "could 3x from here", "2x faster": no valuation
    if _OTHER_RATIO.search(ctx.lt[-40:]):
        return NO_CLAIM  # "a beta of 2.3x", "a current ratio of 4.2x": risk and liquidity
    if _MEMBERS_THRESHOLD.search(ctx.lt[-80:]):
        return NO_CLAIM  # "25% of Russell 2000 companies trade above 20 times": a threshold
    if _PEER_AVERAGE.search(ctx.lt[-50:]):
        return NO_CLAIM  # "a 45% discount to the specialty-pharma peer average of 17x"
    return ("valuation", None)


#: A peer group's or an industry's multiple, which no symbol names: "the specialty-pharma
#: peer average of 17x", "the industry median of 21 times".
_PEER_AVERAGE = re.compile(
    r"\b(?:peers?|peer\sgroup|industry|sector|group|rivals|competitors|comps)['’]?s?\s"
    r"(?:(?:median|average|mean)\s)(?:(?:multiple|p/e|pe|valuation)\s)?(?:of|at)\s"
    r"(?:about\s|roughly\s|around\s|nearly\s|~)?$"
)


#: A multiple that only sorts an index's members: "companies that trade above 20 times
#: earnings", "the share of stocks trading at more than 30x": a cut-off, not a valuation.
_MEMBERS_THRESHOLD = re.compile(
    r"\b(?:companies|stocks|firms|members|names|constituents|issuers)\s(?:that\s|which\s)?"
    r"(?:[\w-]+\s){0,2}?(?:trade|trading|traded|valued|priced|sell|selling)\s(?:at\s)?"
    r"(?:above|below|over|under|more than|less than|at least|north of|beyond)\s$"
)


#: A price move or a comparison said as a multiple: "up 5x", "surged 10x", "could 3x".
_MOVE_MULTIPLE_BEFORE = re.compile(
    r"\b(?:up|down|rose|risen|surged|soared|jumped|gained|rallied|returned|climbed|ran|run|"
    r"rocketed|skyrocketed|could|can|will|would|might|may|should)\s"
    r"(?:about\s|nearly\s|almost\s|roughly\s|more than\s|over\s|another\s)?$"
)
_MOVE_MULTIPLE_AFTER = re.compile(
    r"^\s?(?:returns?|gains?|moves?|rall(?:y|ies)|increases?|jumps?|run-?ups?|baggers?|from here|"
    r"faster|slower|more|less|higher|lower|larger|bigger|smaller|greater|as (?:much|many|large|"
    r"fast|big|volatile))\b"
)
_OTHER_RATIO = re.compile(
    r"\b(?:beta|current ratio|quick ratio|cash ratio|interest coverage|sharpe ratio|"
    r"put/call|short ratio|days to cover|book[- ]to[- ]bill)\b"
)


_DEBT_WORDS = re.compile(r"\b(?:debt|lever\w*|coverage)\b")
_PRICE_MULTIPLE = re.compile(
    r"\b(?:p/[ebs]|pe\b|price[- /]to|valuations?|valued|trades?|trading|multiples?|"
    r"times (?:forward |trailing )?(?:earnings|sales|book)|ev/|enterprise value)"
)


#: A multiple of something other than earnings, sales or book: trading activity, demand.
_NOT_A_MULTIPLE = re.compile(
    r"\b(?:volume|turnover|short interest|days to cover|oversubscribed|subscribed|"
    r"open interest|options activity|call buying)\b"
)


@rule("claims.valuation.discount_after.v3")
def discount_after(ctx: Context) -> Outcome:
    """ "a 16% discount to fair value" (not a discount rate)."""
    if ctx.q.unit != "pct" or not DISCOUNT_OR_PREMIUM.match(ctx.rt):
        return None
    if _OFFERING_DISCOUNT.match(ctx.rt):
        return NO_CLAIM  # "an offering priced at a 7% discount to Thursday's close"
    if (
        "prem" in ctx.rt[:14]
        and _DEAL_TERMS.search(ctx.text.lower())
        and not _YARDSTICK.search(ctx.text.lower())
    ):
        return NO_CLAIM  # "agreed to be acquired for $40 a share, a 35% premium": a deal's
    if _FROM_PEAK.match(ctx.rt):
        # "a 40% discount to its 52-week high": how far it is below its peak, not a valuation
        return ("performance", "from_high") if "disc" in ctx.rt[:12] else NO_CLAIM
    if re.match(r"^\s*(?:discount rate|premium (?:rate|income))", ctx.rt):
        return None
    return ("valuation", None)


#: A takeover's terms: the premium it pays over the market price is no valuation claim.
_DEAL_TERMS = re.compile(
    r"\b(?:acquir\w*|acquisition|buyout|takeover|take[- ]private|merger|merge|deal|tender|"
    r"(?:agreed|agrees|to) (?:buy|pay|purchase|sell)|offer(?:ed|s|ing)?|bid)\b"
)
#: What a valuation's premium is measured against (a deal's premium is against the price).
_YARDSTICK = re.compile(
    r"\b(?:p/[ebs]|pe ratio|price[- /]to[- /]\w+|multiples?|earnings|sales|book|ebitda|"
    r"fair value|nav|net asset value|peers?|sector|industry|group|historical|history|"
    r"s&p|russell|large[- ]caps?|small[- ]caps?|index)\b"
)
_FROM_PEAK = re.compile(
    r"^\s*(?:discount|premium)\s(?:to|from)\s(?:its|the|their)\s(?:[\w'’-]+\s){0,2}?"
    r"(?:high|highs|peak|record|top|low|lows)\b"
)
#: "priced its offering at a 7% discount to Thursday's close": a deal's price, no valuation.
_OFFERING_DISCOUNT = re.compile(
    r"^\s*(?:discount|premium)\s(?:to|from)\s(?:the\s|its\s)?(?:[\w'’]+\s){0,2}?"
    r"(?:clos(?:e|ing)|last (?:sale|trade)|market price|offering|share price|stock price)\b"
)


#: "a discount of 12%", "a discount to NAV of 12%": the yardstick may sit between the noun
#: and "of" (a discount is negative, see ``nlp.extract``).
DISCOUNT_OF = re.compile(
    r"\b(?P<which>discount|premium)(?:\s(?:to|versus|vs\.?|relative to|against)\s"
    r"[^,.;%]{1,40}?)?\sof\s*(?:about\s|roughly\s|around\s|nearly\s|some\s|~)?$"
)


@rule("claims.valuation.discount_of.v2")
def discount_of(ctx: Context) -> Outcome:
    """ "trades at a discount of 12% to large caps"."""
    if ctx.q.unit == "pct" and DISCOUNT_OF.search(ctx.lt) and _VAL_TARGET.search(ctx.text.lower()):
        return ("valuation", None)
    return None


@rule("claims.valuation.market_value.v2")
def market_value(ctx: Context) -> Outcome:
    """ "a market value above $25 billion"."""
    if ctx.q.unit == "usd_millions" and re.search(
        r"\bmarket (?:value|cap\w*)|\bvalued at|\bvaluation\b|\benterprise value|"
        # "the company would be worth about $22 billion": what the whole company is worth
        r"\b(?:would\sbe|could\sbe|is|was|are|were)\s(?:now\s)?worth\s"
        r"(?:about\s|roughly\s|around\s|some\s|nearly\s)?$",
        ctx.lt[-50:],
    ):
        if _SIZE_DEFINITION.search(ctx.wide_left.lower()[-80:]):
            return NO_CLAIM  # "companies with a median market cap of $1 billion": a definition
        if _DEAL.search(ctx.lt[-80:]) and not re.search(r"\bmarket (?:value|cap)", ctx.lt[-50:]):
            return NO_CLAIM  # "the acquisition, valued at $1.1 billion": a deal's price
        return ("valuation", None)
    return None


#: A deal's price: "an acquisition valued at", "the deal values the company at".
_DEAL = re.compile(
    r"\b(?:acquisitions?|acquir\w+|deals?|mergers?|transactions?|takeovers?|buyouts?|"
    r"purchases?|offers?|bids?|divestitures?|spin-?offs?|stake sales?|offerings?)\b"
)


#: A size band or a statistic of an index's members: an index definition, not a valuation.
_SIZE_DEFINITION = re.compile(
    r"\b(?:median|average|weighted|smallest|largest|companies|stocks|firms|members|names|"
    r"issuers|constituents|defined|definition|between|under|below|less than|up to)\b"
)


#: Words that make a comparison a comparison of valuations (not of prices or earnings).
_VALUATION_WORDS = re.compile(
    r"\b(?:p/[eb]|pe ratio|price[- /]to[- /]\w+|multiples?|valuations?|valued|"
    r"times (?:forward |trailing )?(?:earnings|sales|book)|ev/\w+|cheap\w*|expensive)\b"
)
#: The figure, then the comparison: "35% cheaper than", "30% lower than the P/E of".
_COMPARED_AFTER = re.compile(
    r"^\s*(?:cheaper|lower|higher|below|above|less|more expensive|richer)\b"
    r"(?:\s(?:than|that of|relative to|versus|vs\.?|the|its)\b|\s*$)"
)
#: The comparison, then the figure: "a valuation lower than the S&P 500 by nearly 30%".
_COMPARED_BEFORE = re.compile(
    r"\b(?:(?:cheaper|lower|higher|below|above|less|more expensive|richer)\s"
    r"(?:than|relative to|versus|vs\.?)\s[^.;]{0,50}\bby|(?:cheaper|more expensive|richer)\sby)"
    r"\s*(?:about|around|roughly|nearly|almost|some|over|more than|~)?\s*$"
)


@rule("claims.valuation.relative.v3")
def relative(ctx: Context) -> Outcome:
    """ "valued about 35% cheaper than the S&P 500", "a P/E 30% lower than large caps'",
    "a valuation lower than the S&P 500 by nearly 30%": one valuation against another."""
    if ctx.q.unit != "pct":
        return None
    if _AGAINST_VALUE.match(ctx.rt):
        return ("valuation", None)  # "trades 15% above our fair value estimate"
    after, before = _COMPARED_AFTER.match(ctx.rt), _COMPARED_BEFORE.search(ctx.lt[-90:])
    if not (after or before):
        return None
    near = ctx.wide_left.lower()[-90:] + " " + ctx.rt[:60]
    if before and re.search(r"\b(?:cheaper|more expensive|richer)\sby\b", before.group(0)):
        # "cheaper by 28%" names no yardstick: the valuation word must be there outright
        return ("valuation", None) if _MEASURE_WORDS.search(near) else None
    return ("valuation", None) if _VALUATION_WORDS.search(near) else None


#: The figure above or below an estimate of worth: "15% above our fair value estimate",
#: "20% below its net asset value" (below is a discount, see ``nlp.extract``).
_AGAINST_VALUE = re.compile(
    r"^\s*(?:above|below|over|under)\s(?:our|its|their|the|his|her|[\w&.'’-]+['’]s?)\s"
    r"(?:[\w-]+\s){0,2}?(?:fair[- ]value|intrinsic value|net asset value|nav|book value)\b"
)


_MEASURE_WORDS = re.compile(
    r"\b(?:p/[ebs]|pe ratio|price[- /]to[- /]\w+|multiples?|valuations?|valued|earnings|sales|"
    r"book|ebitda|ev/\w+)\b"
)


@rule("claims.valuation.bare_multiple.v1")
def bare_multiple(ctx: Context) -> Outcome:
    """ "the 21.5 multiple of the S&P 500", "a 14 P/E": a multiple written with no x."""
    if ctx.q.unit in {"bare", "x"} and re.match(
        r"^\s*(?:(?:forward|trailing)\s)?(?:p/e|multiple|pe\b|times\b)", ctx.rt
    ):
        return ("valuation", None)
    return None


#: A valuation ratio named in the clause: "on a price-to-earnings (P/E) basis ... sits at 15.4".
_RATIO_CLAUSE = re.compile(
    r"\b(?:p/[ebs]|pe ratio|peg ratio|price[- /]to[- /](?:earnings|book|sales)|"
    r"price/(?:earnings|book|sales)|ev/\w+|enterprise[- ]value[- ]to[- ](?:ebitda|sales)|"
    r"(?:forward|trailing) (?:p/e|pe|multiple|earnings multiple)|valuation multiple)\b"
)
_COPULA_AT = re.compile(
    r"\b(?:sits?|sat|stands?|stood|trades?|traded|trading|is|was|at|of|near|around|to|"
    r"compares? with|against|versus|vs\.?)\s"
    r"(?:about\s|roughly\s|around\s|just\s|only\s|nearly\s)?$"
)


@rule("claims.valuation.ratio_clause.v3")
def ratio_clause(ctx: Context) -> Outcome:
    """ "on a price-to-earnings (P/E) basis the S&P 600 sits at 15.4", "its forward P/E, at
    17.2, ...": a bare multiple whose ratio the clause names (asked before the veto that
    keeps such figures from being read as levels)."""
    q = ctx.q
    if q.unit != "bare" or q.value is None or not 0 < q.value < 100:
        return None
    # a decimal point ("is 14.9, below its average of 15.8") ends no clause
    clause = re.split(r"[;!?]|\.(?!\d)", ctx.text[max(0, q.start - 120) : q.start])[-1].lower()
    if _RATIO_CLAUSE.search(clause) and _COPULA_AT.search(ctx.lt[-25:]):
        return ("valuation", None)
    return None


#: "its discount to the S&P 500 is about 30%", "the premium has widened to 12%".
DISCOUNT_STATED = re.compile(
    r"\b(?P<which>discount|premium)\b(?:\s(?:to|versus|vs\.?|relative to|against)\s[^,.;%]{0,40})?"
    r"\s(?:is|was|stands at|sits at|of|at|has (?:widened|narrowed|grown|shrunk|reached) to|"
    r"(?:widened|narrowed|grew|shrank|reached|hit) (?:to\s)?)\s*"
    r"(?:about\s|roughly\s|around\s|nearly\s|almost\s|some\s|~)?$"
)


@rule("claims.valuation.discount_stated.v1")
def discount_stated(ctx: Context) -> Outcome:
    """ "The Russell 2000's discount to the S&P 500 is about 30%": the discount or premium
    named before its size (a discount is negative, see ``nlp.extract``)."""
    if ctx.q.unit == "pct" and DISCOUNT_STATED.search(ctx.lt[-80:]):
        return ("valuation", None)
    return None


#: The discount or premium named early in the clause, its size at the end: "the Russell
#: 2000's discount to the S&P 500 on forward earnings is the widest since 2001, at 34%".
DISCOUNT_LATER = re.compile(
    r"\b(?P<which>discount|premium)\b[^%;.!?]{0,90}?,\s(?:at|of|now at|currently at)\s"
    r"(?:about\s|roughly\s|around\s|nearly\s|almost\s|some\s|~)?$"
)


@rule("claims.valuation.discount_later.v1")
def discount_later(ctx: Context) -> Outcome:
    """A discount or premium whose size closes the clause that named it (after a comma):
    a valuation when the clause is about valuations (a discount to large caps, to history)."""
    if ctx.q.unit != "pct":
        return None
    m = DISCOUNT_LATER.search(ctx.wide_left.lower()[-130:])
    if m is None or not _VAL_TARGET.search(m.group(0)):
        return None
    return ("valuation", None)


UNDERVALUED_AFTER = re.compile(
    r"^\s?(?:under|over)-?valu(?:ed|ation)\b"  # "25% undervalued", "a 48% undervaluation"
)


@rule("claims.valuation.under_over.v1")
def under_over(ctx: Context) -> Outcome:
    """ "small caps look 25% undervalued relative to large caps": a valuation gap (under is
    a discount, negative, see ``nlp.extract``)."""
    if ctx.q.unit == "pct" and UNDERVALUED_AFTER.match(ctx.rt):
        return ("valuation", None)
    return None


_VALUATION_GAP = re.compile(
    r"\b(?:valuation|p/e|multiple)\s(?:gap|spread|differential)\b[^.;%]{0,60}?"
    r"\b(?:is|was|of|at|stands at|has (?:widened|narrowed) to|(?:widened|narrowed) to)\s"
    r"(?:about\s|roughly\s|around\s|nearly\s|~)?$"
)


@rule("claims.valuation.gap_between.v1")
def gap_between(ctx: Context) -> Outcome:
    """ "the valuation gap between small and large caps is 30%": a gap whose sign and subject
    the sentence leaves open (which side is cheaper?), so no claim rather than a guessed one,
    and never a price move."""
    if ctx.q.unit in {"pct", "pp"} and _VALUATION_GAP.search(ctx.wide_left.lower()[-100:]):
        return NO_CLAIM
    return None


#: A numbers box line: "30%: the discount small caps trade at versus large caps".
FIGURE_FIRST_GAP = re.compile(
    r"^\s*:\s(?:the|a|an|its)\s(?:[\w'’-]+\s){0,2}?(?P<which>discount|premium)\b"
)


@rule("claims.valuation.figure_first.v1")
def figure_first(ctx: Context) -> Outcome:
    """A newsletter's numbers box, the figure first and what it is after a colon: "30%: the
    discount small caps trade at versus large caps on forward earnings" (a discount is
    negative, see ``nlp.extract``); only when the line says what the gap is measured on."""
    if (
        ctx.q.unit == "pct"
        and not ctx.lt.strip()
        and FIGURE_FIRST_GAP.match(ctx.rt)
        and (_VAL_TARGET.search(ctx.text.lower()) or _YARDSTICK.search(ctx.text.lower()))
    ):
        return ("valuation", None)
    return None
