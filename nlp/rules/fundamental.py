"""Rules for company fundamentals: EPS (actual and estimate), revenue and income, margins,
growth and surprises."""

from __future__ import annotations

import re

from nlp.claims import (
    _ECON,
    _EPS,
    _ESTIMATE,
    _GROWTH,
    _MARGIN,
    _MOVE_DOWN,
    _MOVE_UP,
    _RATE_WORDS,
    _REVENUE,
    _SURPRISE,
    Context,
    own_clause,
)
from nlp.rules.registry import NO_CLAIM, Outcome, rule

_VERSUS = re.compile(r"\b(?:vs\.?|versus)\s*[~≈]?\s*$")
#: What a company pays out or buys back per share: not a fundamental of the seven kinds.
_PAYOUT = re.compile(r"\b(?:dividends?|distributions?|payouts?|buybacks?|repurchases?)\b")
#: Money moving into or out of funds: flows, never a company's income.
_FLOWS = re.compile(
    r"\b(?:inflows?|outflows?|poured|pulled|withdr[ae]w\w*|redemptions?|took in|"
    r"(?:into|from|out of)\s(?:[\w&'’-]+\s){0,3}?(?:etfs?|funds?))\b"
)


_BOOK_OR_NAV = re.compile(
    r"\b(?:(?:tangible\s)?book value|net asset value|nav)(?:\s(?:per|a)\sshare)?\s"
    r"(?:of|is|was|at|stands at|near)\s(?:about\s|roughly\s|around\s)?$"
)
#: A deal's price per share: "acquired by Simon Property for $52.50/share", "offered $14 a share".
_DEAL_FOR = re.compile(
    r"\b(?:acquir\w*|acquisition|buyout|takeover|merger|deal|offers?|offered|bids?|bidding|"
    r"tender|take[- ]private|to buy|agreed to buy|buy(?:s|ing)?|"
    # a share sale's price: "priced a stock offering at $12.25 a share", "a placement at"
    r"offerings?|priced|pricing|placements?|ipo)\b[^.;$]{0,50}?"
    r"(?:\bfor|\bat|\bof|\boffered|\bpay(?:ing|s)?)\s(?:about\s|roughly\s|nearly\s)?$"
)
#: What a company or its shares would be worth: a valuation's per-share figure, not EPS.
_WORTH = re.compile(
    r"\b(?:worth|valued\sat|valuing\s(?:it|the\scompany)\sat|value\sof)\s"
    r"(?:about\s|roughly\s|around\s|some\s|nearly\s)?\$",
    re.I,
)
#: Per-share earnings that moved to the figure: "adjusted EPS climbed 16% to $1.64".
_EPS_MOVED_TO = re.compile(
    r"\b(?:eps|earnings per share|per-share earnings)\b[^.;$]{0,40}?\b(?:rose|climbed|jumped|"
    r"grew|increased|advanced|fell|dropped|declined|slipped|slid)\b[^;$]{0,25}?\bto\s"
    r"(?:about\s|roughly\s|around\s|nearly\s|a record\s)?$"
)
#: Whose EPS, then the figure: "forward 12-month EPS for the Russell 2000 at $115".
_EPS_FOR_NAME_AT = re.compile(
    r"\b(?:eps|earnings per share)\s(?:(?:estimates?|forecasts?|consensus)\s)?(?:for|of)\s"
    r"(?:the\s)?[^.;$%]{2,40}?\s(?:at|of|is|was|to|stands at|came in at)\s"
    r"(?:about\s|roughly\s|around\s|nearly\s)?$"
)
_EPS_WORDS = re.compile(
    r"\b(?:eps|earnings|profits?|guidance|outlook|estimates?|forecasts?|consensus|expected)\b"
)


#: Words of a price level before a per-share figure: "a record high of", "touched", "support
#: at", "closed Friday at", "as low as", "around".
_LEVEL_BEFORE_PER_SHARE = re.compile(
    r"\b(?:highs?|lows?|record|peak(?:ed)?|bottom(?:ed)?|hit|touch(?:ed|es)|top(?:ped)?|"
    r"clos(?:e|ed|es)|open(?:ed|s)|settl(?:ed|es)|end(?:ed|s)|finish(?:ed|es)|support|"
    r"resistance|as\s(?:high|low)\sas|around|near|at)\b[^.;$]{0,25}$"
)


#: A call on the price before a per-share figure: "a price target of", "bull case is".
_PRICE_CALL_BEFORE = re.compile(
    r"\b(?:(?:price\s)?targets?|objectives?|pt|(?:bull|bear|base)\s?case|fair\svalue|"
    r"reach(?:es|ing)?|trad(?:es|ed|ing)\sat|priced\sat)\b"
)


@rule("claims.fundamental.eps.v4")
def eps(ctx: Context) -> Outcome:
    """ "EPS of $0.52", "earnings of 52 cents per share", "consensus of $0.35" (an estimate)."""
    q, lt, rt, wide = ctx.q, ctx.lt, ctx.rt, ctx.wide_left.lower()
    if q.unit in {"usd", "usd_per_share"} and _PAYOUT.search(lt[-40:]):
        return NO_CLAIM  # "a quarterly dividend of $0.24 per share": a payout, not earnings
    if q.unit in {"usd", "usd_per_share"} and _BOOK_OR_NAV.search(lt[-40:]):
        # "a 15% discount to its net asset value of $40 a share": what it is worth on paper,
        # no earnings (a company's book value is a fundamental with no role; a NAV is none)
        return NO_CLAIM if re.search(r"\bnav\b|asset value", lt[-40:]) else ("fundamental", None)
    if q.unit in {"usd", "usd_per_share"} and re.search(
        r"\b(?:fair|intrinsic)\svalue(?:\sestimate)?\b[^.;$]{0,45}$", lt[-70:]
    ):
        return NO_CLAIM  # "a DCF model puts fair value near $88 a share": no earnings
    if q.unit == "usd_per_share" and _DEAL_FOR.search(lt[-70:]):
        return NO_CLAIM  # "to be acquired by Simon Property for $52.50 a share": a deal's price
    if (
        q.unit == "usd_per_share"
        and _WORTH.search(wide[-80:])
        and not _EPS_WORDS.search(wide[-80:])
    ):
        return NO_CLAIM  # "would be worth about $22 billion, or $150 a share": a value, no earnings
    if (
        q.unit == "usd_per_share"
        and _PRICE_CALL_BEFORE.search(re.split(r"[;!?]|\.(?!\d)", wide)[-1])
        and not _EPS_WORDS.search(re.split(r"[;!?]|\.(?!\d)", wide)[-1])
    ):
        return None  # "a price target of $90 a share", "its bull case is $90 a share": a price
    if (
        q.unit == "usd_per_share"
        and _LEVEL_BEFORE_PER_SHARE.search(lt[-40:])
        and not _EPS_WORDS.search(re.split(r"[;!?]|\.(?!\d)", wide)[-1])
        and not re.search(r"\b(?:earn\w*|lost|los[es]s?|dividends?|payouts?|book|nav)\b", lt[-60:])
    ):
        return None  # "hit a 52-week high of $48.10 a share", "closed at $41.20 per share"
    if (
        q.unit == "usd_per_share"
        and re.search(r"\bto\s*$", lt[-5:])
        and (_MOVE_UP.search(wide[-40:]) or _MOVE_DOWN.search(wide[-40:]))
        and not _EPS_WORDS.search(wide[-60:])
    ):
        return None  # "the stock is down 10% to $213 a share": where the price went
    if not (
        q.unit == "usd_per_share"
        or (
            q.unit == "usd"
            and (
                re.search(
                    r"\b(?:eps|earnings per share|earnings|profit|consensus|estimated?|est|"
                    # "EPS (TTM) $6.41" in a statistics row
                    r"expected)\.?(?:\s\((?:ttm|ntm|ltm|mrq|fy\s?\d*|gaap|adj\.?|diluted)\))?"
                    r"\s*(?:of\s|was\s|at\s)?[-−]?$|\bestimates? of\s*$",
                    lt[-30:],
                )
                or re.match(r"^\s*(?:est\.?|estimated?|consensus|expected)\b", rt)
                or _EPS_FOR_NAME_AT.search(lt[-80:])
                # "EPS climbed 16% to $1.64": where per-share earnings moved to
                or _EPS_MOVED_TO.search(wide[-90:])
                # "lost 4 cents a share on a GAAP basis but earned 15 cents on an adjusted
                # basis": cents earned or lost, per share when the sentence says so
                or (
                    re.search(r"\b(?:earned|earns|earning|lost|loses|losing)\s$", lt[-12:])
                    and "cent" in q.text.lower()
                    and re.search(r"\b(?:a|per)\s(?:diluted\s)?share\b|\beps\b", ctx.text, re.I)
                )
                or (  # "Analysts had looked for a loss of $0.17": an expected per-share loss
                    re.search(
                        r"\b(?:a\s)?(?:net\s|adjusted\s)?loss\sof\s(?:about\s|roughly\s)?$",
                        lt[-25:],
                    )
                    and (
                        _EXPECTED_BEFORE.search(lt[-60:])
                        or re.search(r"\b(?:a|per)\s(?:diluted\s)?share\b|\beps\b", ctx.text, re.I)
                    )
                )
                or (  # "EPS of $0.81 vs. ~$0.74"
                    _VERSUS.search(lt[-12:])
                    and re.search(r"\beps\b|per share|earnings", ctx.wide_left.lower()[-60:])
                )
            )
            and q.value is not None
            # an index's EPS runs to three digits: "EPS for the Russell 2000 at $115"
            and (q.value < 50 or (q.value < 1000 and _EPS_FOR_NAME_AT.search(lt[-80:])))
        )
    ):
        return None
    est = (
        re.search(r"\bforward\s(?:12-month\s|twelve-month\s)?(?:eps|earnings)\b", lt[-80:])
        or _ESTIMATE.search(lt[-20:])
        or re.search(r"\best\.?\s*$", lt[-8:])  # "EPS: $1.12 (est. $1.05)"
        or _EXPECTED_BEFORE.search(lt[-45:])
        or re.match(r"^\s*(?:est\.?|estimated?|consensus|expected|forecast)\b", rt)
        or (  # "EPS $0.58 vs. $0.44": the figure it is set against, unless a year-ago one
            _VERSUS.search(lt[-12:])
            and not re.match(r"^\s*(?:a |the )?(?:year[- ]ago|last year|prior|a year)", rt)
        )
    )
    return ("fundamental", "eps_estimate" if est else "eps")


#: Revenue that moved to the figure, with an aside between: "revenue for its fiscal first
#: quarter, which ended September 30, rose 15% to $310.2 million".
_REVENUE_MOVED_TO = re.compile(
    r"\b(?:revenues?|sales|top line)\b[^;$]{0,90}?\b(?:rose|climbed|jumped|grew|increased|"
    r"advanced|surged|fell|dropped|declined|slipped|slid|decreased)\b[^;$]{0,25}?\bto\s"
    r"(?:about\s|roughly\s|around\s|nearly\s|a record\s)?$"
)


@rule("claims.fundamental.revenue.v2")
def revenue(ctx: Context) -> Outcome:
    """ "revenue of $1.2 billion"."""
    if ctx.q.unit != "usd_millions":
        return None
    if _REVENUE.search(ctx.wide_left.lower()[-60:] + " " + ctx.rt[:30]):
        return ("fundamental", "revenue")
    if re.match(
        r"^\s*(?:(?:analysts|the street|wall street)\s(?:had\s)?)?"
        r"(?:expected|estimated|consensus|forecast|anticipated|projected)\b",
        ctx.rt,
    ) and _REVENUE.search(
        ctx.wide_left.lower()
    ):  # "revenue rose 14% to $2.3 billion, ahead of the $2.2 billion (analysts had) expected"
        return ("fundamental", "revenue")
    if _REVENUE_MOVED_TO.search(ctx.wide_left.lower()[-140:]):
        return ("fundamental", "revenue")  # "revenue for its fiscal first quarter ... rose 15% to"
    if re.search(
        r"\b(?:consensus|estimates?|expectations?|forecasts?)\s(?:of\s|was\s|is\s|at\s|for\s)?"
        r"(?:about\s|roughly\s|~)?$",
        ctx.lt[-40:],
    ) and _REVENUE.search(ctx.wide_left.lower()):
        return ("fundamental", "revenue")  # "sales $3.32 bln vs. ...; consensus $3.30 bln"
    return None


@rule("claims.fundamental.income.v2")
def income(ctx: Context) -> Outcome:
    """ "net income of $310 million", "free cash flow of $2 billion"."""
    if ctx.q.unit != "usd_millions":
        return None
    if _FLOWS.search(ctx.lt[-40:] + " " + ctx.rt[:30]):
        return NO_CLAIM  # "after strong earnings, investors poured $2 billion into ETFs"
    if re.search(
        r"\b(?:net income|ebitda|(?:operating|pre-?tax|pretax|segment) income|free cash flow|"
        r"profit|earnings)\b",
        ctx.wide_left.lower()[-60:] + " " + ctx.rt[:30],
    ):
        return ("fundamental", None)
    return None


@rule("claims.fundamental.other_amount.v1")
def other_amount(ctx: Context) -> Outcome:
    """Any other dollar amount in millions (inflows, deal sizes) states no claim."""
    return NO_CLAIM if ctx.q.unit == "usd_millions" else None


@rule("claims.fundamental.margin.v2")
def margin(ctx: Context) -> Outcome:
    """ "gross margin widened 120 bp to 41.5%" (a margin, not a rate)."""
    wide = ctx.wide_left.lower()[-40:]
    if ctx.q.unit in {"pct", "bp"} and _MARGIN.search(wide) and not _RATE_WORDS.search(wide):
        last = list(_MARGIN.finditer(wide))[-1]
        if re.search(r"\b(?:growth|revenues?|sales|eps)\b", wide[last.end() :]):
            return None  # "Gross Margin: 39%, Revenue Growth (YoY): 12%": the next label's
        return ("fundamental", "margin")
    return None


@rule("claims.fundamental.growth_sequential.v2")
def growth_sequential(ctx: Context) -> Outcome:
    """ "Loans +8% q/q", "sales up 12% year-over-year"."""
    if ctx.q.unit == "pct" and re.match(
        r"^\s*(?:q/q|y/y|yr/yr|yoy|qoq|year[- ]over[- ]year|year[- ]on[- ]year|sequentially)\b",
        ctx.rt,
    ):
        left = ctx.lt[-60:]
        if _ECON.search(left) or (
            _PRICE_WORDS.search(left) and not re.search(rf"\b{_METRIC}\b", left)
        ):
            return None  # "shares are up 25% y/y" is a move; "CPI rose 2.9% y/y" is macro
        return ("fundamental", "growth")
    return None


@rule("claims.fundamental.ratio.v1")
def ratio(ctx: Context) -> Outcome:
    """ "efficiency ratio ~57%"."""
    if ctx.q.unit == "pct" and re.search(
        r"\bratio\s*(?:of|was|is|at|near|:)?\s*[~≈]?\s*$", ctx.lt[-20:]
    ):
        return ("fundamental", None)
    return None


@rule("claims.fundamental.margin_near.v2")
def margin_near(ctx: Context) -> Outcome:
    """ "a 23% operating margin", "margin of 9.5%": the margin word right around the figure
    (after it only as the figure's own noun: "sank 9% as gross margin narrowed" is a move)."""
    if ctx.q.unit != "pct":
        return None
    if _MARGIN.search(ctx.lt[-25:]) or _MARGIN_NOUN_AFTER.match(ctx.rt.lower()):
        return ("fundamental", "margin")
    return None


#: The margin named right after its size: "a 23% operating margin", "31.7% EBITDA margins".
_MARGIN_NOUN_AFTER = re.compile(
    r"^\s?(?:(?:gross|operating|net|ebitda|ebit|adjusted|adj\.|pre-?tax|profit|segment|"
    r"contribution|fcf|free[- ]cash[- ]flow|cash|underlying|core|gaap|non-gaap|product|"
    r"services?|[\w-]+[- ]quarter|q[1-4]|annual|full[- ]year)\s){0,3}margins?\b"
    r"(?!\s(?:debt|loans?|calls?|of safety|requirements?|accounts?|lending|balances?|borrowing))"
)


@rule("claims.fundamental.revenue_change.v2")
def revenue_change(ctx: Context) -> Outcome:
    """ "revenue rose 14%", "sales -3%" (the revenue word in the figure's own clause: "after
    it lifted its revenue forecast, and IonQ slid 4.2%" is IonQ's move)."""
    q = ctx.q
    near_l = own_clause(ctx.lt[-45:])
    if q.unit != "pct" or not _REVENUE.search(near_l[-35:]):
        return None
    if (
        _MOVE_UP.search(near_l[-20:])
        or _MOVE_DOWN.search(near_l[-20:])
        or ctx.text[max(0, q.start - 1) : q.start] in "+-"
    ):
        return ("fundamental", "growth")
    return None


@rule("claims.fundamental.surprise.v1")
def surprise(ctx: Context) -> Outcome:
    """ "beat the consensus estimate by 12%"."""
    wide = ctx.wide_left.lower()
    if (
        ctx.q.unit == "pct"
        and _SURPRISE.search(wide)
        and _ESTIMATE.search(wide)
        and re.search(r"\bby\s*$", ctx.lt[-6:])
    ):
        return ("fundamental", "surprise")
    return None


@rule("claims.fundamental.growth_year_ago.v1")
def growth_year_ago(ctx: Context) -> Outcome:
    """ "earnings 18% higher than a year earlier"."""
    if ctx.q.unit != "pct":
        return None
    near_r, wide = ctx.rt[:35], ctx.wide_left.lower()
    if re.search(
        r"\b(?:from|than) (?:a|the) year (?:earlier|ago|before)|year[- ]ago|"
        r"year[- ]over[- ]year|year[- ]on[- ]year|\by/y|\byoy\b|\bq/q\b",
        near_r,
    ) and (_REVENUE.search(wide + " " + near_r) or _EPS.search(wide + " " + near_r)):
        return ("fundamental", "growth")
    return None


@rule("claims.fundamental.growth_words.v1")
def growth_words(ctx: Context) -> Outcome:
    """ "a 9% revenue increase", "12% earnings growth"."""
    if ctx.q.unit != "pct":
        return None
    near_l, near_r = ctx.lt[-45:], ctx.rt[:35]
    if (_REVENUE.search(near_r) or _EPS.search(near_r[:20])) and _GROWTH.search(
        near_r + " " + near_l[-20:]
    ):
        return ("fundamental", "growth")
    return None


@rule("claims.fundamental.growth_estimate.v1")
def growth_estimate(ctx: Context) -> Outcome:
    """ "analysts expect 15% growth year-over-year"."""
    if ctx.q.unit != "pct":
        return None
    near_r = ctx.rt[:35]
    if (
        _GROWTH.search(near_r[:30])
        and re.search(r"year[- ]over[- ]year|y/y|yoy|growth rate", near_r)
        and _ESTIMATE.search(ctx.text.lower())
    ):
        return ("fundamental", "growth")
    return None


#: Words that make a figure the shares' (or an index's) own move, not a company metric's.
_PRICE_WORDS = re.compile(r"\b(?:shares?|stocks?|etf|index|price)\b")

#: Company figures other than revenue and income that commentary reports as fundamentals.
_METRIC = (
    r"(?:revenues?|sales|top[- ]line|earnings|eps|profits?|net income|bookings|backlog|"
    r"(?:operating|pre-?tax|adjusted|gaap|segment)\s(?:income|profit)|"
    r"orders|deposits?|loans?|arr|subscribers|free cash flow|cash flow|ebitda|"
    # operating counts a company reports beside its results
    r"enrollments?|enrolments?|shipments|deliveries|loads|memberships?|subscriptions)"
)
_NAMED_GROWTH = re.compile(
    # the gap may hold an aside: "revenue for its fiscal first quarter, which ended
    # September 30, rose 15%"
    rf"\b{_METRIC}(?P<gap>(?:\s[\w&'’.(),-]+){{0,10}}?)\s"
    r"(?:growth(?:\srate)?(?:\s(?:drops?|dropped|falls?|fell|slows?|slowed|rises?|rose|"
    r"improves?|improved|accelerates?|accelerated|decelerates?|decelerated))?|"
    r"grew|growing|rose|rising|increased|increasing|declined|declining|fell|falling|dropped|"
    r"compounded|expanded|jumped|surged|contracted|shrank|has compounded|has grown|have grown|"
    r"(?:has|have|had)\s(?:risen|fallen|declined|increased|decreased|climbed|dropped|jumped|"
    r"surged|improved|slipped|expanded|contracted|shrunk|doubled|tripled)|"
    r"slipped|slipping|slid|sliding|climbed|climbing|jumping|dipped|dipping|soared|soaring|"
    r"plunged|plunging|tumbled|tumbling|sank|sinking|edged (?:up|down|higher|lower)|"
    r"rebounded|rebounding|recovered|dropping|shrinking|contracting|expanding|"
    r"improved|improving|decreased|decreasing|went (?:up|down)|"
    # present, infinitive and hedged forms: "earnings grow 15%", "profits could rise 20%",
    # "S&P 600 earnings up 17% next year"
    r"(?:(?:could|should|may|might|will|would|can)\s(?:\w+\s)?)?(?:grow|rise|increase|climb|"
    r"expand|fall|decline|drop|surge|jump|rebound|recover|improve|shrink|contract|soar|slip)s?|"
    r"(?<!make )(?<!makes )(?<!made )(?<!making )(?<!take )(?<!took )(?<!takes )up|"
    r"(?<!paid )(?<!pay )(?<!pays )(?<!broke )(?<!break )(?<!breaks )(?<!shut )down|"
    r"higher|lower|"
    r"to (?:rise|grow|jump|increase|climb|expand|fall|decline|drop|surge|shrink|rebound|"
    r"recover|improve|accelerate|soar|slip|contract))\b"
    r"(?:\s(?:of|at|by|to|was|is|stands at|came in at|rate of|just|only|about|roughly|nearly|"
    r"significantly|sharply|slightly|modestly|an average of|averaged|at an annual rate of|"
    r"more than|over|at least|as much as|up to|less than))*"
    r"\s*[~≈]?\s*$"
)
_AMOUNT_WORDS = re.compile(
    r"\b(?:bookings|backlog|deposits?|loans|orders|net loss|operating loss|loss of|"
    r"(?:revenue|sales|bookings|full[- ]year|annual) (?:guidance|outlook)|guidance range|"
    r"(?:expectations?|estimates?|consensus|forecasts?) (?:of|for|at))\b"
)


@rule("claims.fundamental.named_growth.v4")
def named_growth(ctx: Context) -> Outcome:
    """ "sales growth of 2.2%", "EPS grew by just 2.7% annually", "bookings rose 40%",
    "revenue growth at 1.1%": a company metric, a growth word, then the figure."""
    if ctx.q.unit != "pct":
        return None
    m = _NAMED_GROWTH.search(ctx.lt[-75:])
    if m is None:
        return None
    gap = m.group("gap")
    # "earnings for Russell 2000 companies are expected to grow 22%"; a long gap must not
    # turn to the shares ("earnings sent the stock up")
    talk = re.sub(r"\bper share\b", " ", gap)  # "earnings per share are on track to rise"
    # "profits at companies in the index are expected to rise 30%": the index's members' metric
    talk = re.sub(
        r"\b(?:at|of|for|among|across)\s(?:the\s)?(?:companies|members|constituents|firms)\s"
        r"(?:in|of)\s(?:the\s)?index\b",
        " ",
        talk,
    )
    if re.search(r"\b(?:shares?|stocks?|etf|price)\b", talk) or (
        gap.count(" ") > 3 and re.search(r"\bindex\b", talk)
    ):
        return None
    if re.search(r"\b(?:clos\w*|trad\w*|sessions?|finish\w*|before|after|when|while)\b", talk):
        return None  # "after strong chip earnings before closing down 1.8%": the index's move
    if re.search(r",\s(?:and|but|whereas|as|or|then)\b", gap):
        return None  # "lifted its revenue forecast, and IonQ slid 4.2%": the next clause's
    return ("fundamental", "growth")


@rule("claims.fundamental.business_amount.v2")
def business_amount(ctx: Context) -> Outcome:
    """ "bookings of $28 million", "deposits to about $50 billion", "a net loss of $43.7
    million", "its bookings outlook to $56 million", "analysts' expectations of $4.35 million";
    and the amount a change reached: "total deposits grew 2% to $20.0 billion"."""
    if ctx.q.unit != "usd_millions":
        return None
    if _AMOUNT_WORDS.search(ctx.lt[-50:]):
        return ("fundamental", None)
    if (
        ctx.prev_unit == "pct"
        and re.fullmatch(r"\s*to\s(?:about\s|roughly\s|around\s|nearly\s|a record\s)?", ctx.lt)
        and _AMOUNT_WORDS.search(re.split(r"[;:]", ctx.wide_left.lower())[-1][-90:])
    ):
        return ("fundamental", None)
    return None


#: "guided the next quarter to $92 million to $95 million": an amount the company guided to.
_GUIDED_TO = re.compile(
    r"\bguid(?:ed|es|ing)\s(?:[\w-]+\s){0,4}?(?:to|at|for)\s(?:between\s|a\srange\sof\s|"
    r"about\s|roughly\s|around\s)?$"
)


@rule("claims.fundamental.guided_amount.v1")
def guided_amount(ctx: Context) -> Outcome:
    """ "and guided the next quarter to $92 million to $95 million": the revenue the company
    guided to when the sentence is about its revenue (an amount, not a deal or a flow)."""
    if ctx.q.unit != "usd_millions" or not _GUIDED_TO.search(ctx.lt[-50:]):
        return None
    return ("fundamental", "revenue" if _REVENUE.search(ctx.text) else None)


_METRIC_AFTER = re.compile(
    rf"^\s*(?:in|of)\s(?:new\s|net\s|quarterly\s|annual\s|total\s)?{_METRIC}\b", re.I
)


@rule("claims.fundamental.amount_of_metric.v1")
def amount_of_metric(ctx: Context) -> Outcome:
    """ "$2 billion in deposit growth", "$28 million of new bookings", "$1.1B in revenue":
    the amount first, the company metric it measures right after."""
    if ctx.q.unit == "usd_millions" and _METRIC_AFTER.search(ctx.rt[:40]):
        return ("fundamental", "revenue" if _REVENUE.search(ctx.rt[:40]) else None)
    return None


_GROWTH_AFTER = re.compile(r"^\s*(?:annual\s|annualized\s|yearly\s|average\s)?growth\b")
_METRIC_LEFT = re.compile(rf"\b{_METRIC}\b(?P<gap>[^,;]*)$")


@rule("claims.fundamental.metric_growth_after.v1")
def metric_growth_after(ctx: Context) -> Outcome:
    """ "Backlog has averaged 159% growth", "bookings posted 35% annual growth": the metric
    before the figure, the word growth after it, no price or share talk between."""
    if ctx.q.unit != "pct" or not _GROWTH_AFTER.match(ctx.rt):
        return None
    m = _METRIC_LEFT.search(ctx.lt[-45:])
    if m and not re.search(r"\b(?:shares?|stocks?|index|etf|fund|price)\b", m.group("gap")):
        return ("fundamental", "growth")
    return None


_GROWTH_RATE_OF = re.compile(
    r"\bgrowth rate (?:of|at|to|near|around)\s*(?:about|around|roughly|nearly|over|~)?\s*$"
)


@rule("claims.fundamental.growth_rate_of.v1")
def growth_rate_of(ctx: Context) -> Outcome:
    """ "lifting EPS estimates for the index, projecting a growth rate of 17%": a growth rate
    in a sentence about earnings or sales (not GDP's)."""
    if ctx.q.unit != "pct" or not _GROWTH_RATE_OF.search(ctx.lt[-40:]):
        return None
    wide = ctx.wide_left.lower()
    if (_EPS.search(wide) or _REVENUE.search(wide)) and not _ECON.search(wide[-80:]):
        return ("fundamental", "growth")
    return None


_FED_WORDS = re.compile(r"\b(?:fed|fomc|federal reserve|central bank|policy|funds rate|rates)\b")


@rule("claims.fundamental.margin_bp.v1")
def margin_bp(ctx: Context) -> Outcome:
    """ "EBITDA margin expanded 310 basis points", "margins narrowed 1.5 percentage points":
    a margin's change, not a Fed move (asked before the rate rules take basis points)."""
    wide = ctx.wide_left.lower()[-60:]
    if ctx.q.unit in {"bp", "pp"} and _MARGIN.search(wide) and not _FED_WORDS.search(wide):
        return ("fundamental", "margin")
    return None


_EXPECTED_AFTER = re.compile(
    r"^\s?(?:-?cents?\s)?(?:(?:a|per) share\s)?(?:(?:loss|profit|gain)\s)?(?:that\s)?"
    r"(?:(?:most\s)?analysts?|wall street|the street|consensus|forecasters|the market)"
    r"(?:\s[\w'’-]+){0,3}?\s(?:expected|anticipated|forecast|estimated|projected|predicted|"
    r"pencil+ed in|looked for|were expecting|had expected|had forecast|modeled|modelled)\b"
)


@rule("claims.fundamental.eps_expected_after.v1")
def eps_expected_after(ctx: Context) -> Outcome:
    """ "ahead of the 49 cents analysts expected", "the 48-cent loss Wall Street had penciled
    in": an EPS estimate named by who expected it, after the figure."""
    q = ctx.q
    if q.unit not in {"usd", "usd_per_share"} or q.value is None or q.value >= 50:
        return None
    text = ctx.text.lower()
    if _EXPECTED_AFTER.match(ctx.rt) and (_EPS.search(text) or re.search(r"\bcents?\b", text)):
        return ("fundamental", "eps_estimate")
    return None


_SURPRISE_BY = re.compile(
    r"\b(?:beat|beats|beating|topped|tops|topping|exceeded|exceeds|surpassed|missed|misses|"
    r"missing|fell short of|came in (?:ahead of|below|above|short of))\b"
    r"(?:\s[\w'’.-]+){0,4}?\sby\s(?:about\s|roughly\s|nearly\s|just\s|a\s)?$"
)


@rule("claims.fundamental.surprise_amount.v3")
def surprise_amount(ctx: Context) -> Outcome:
    """ "beat by 4 cents", "missed the Street by 6 cents a share", "topped the consensus by
    $0.12": the size of an earnings surprise in dollars (a miss is negative)."""
    q = ctx.q
    if q.value is not None and q.unit == "pct" and _SURPRISE_BY.search(ctx.lt[-50:]):
        # "EPS beat by 10%": the metric right before the verb, so not a relative move
        verb = _SURPRISE_BY.search(ctx.lt[-50:])
        before = ctx.lt[-50:][: verb.start() if verb else 0]
        if re.search(r"\b(?:eps|earnings|revenues?|sales|profits?|results)\s*$", before):
            return ("fundamental", "surprise")
        if verb and re.search(
            r"^\S+\s(?:the\s|its\s|their\s|q[1-4]\s|[\w-]+[- ]quarter\s|quarterly\s|annual\s|"
            r"full[- ]year\s|fiscal\s){0,2}(?:eps|earnings|revenues?|sales|profits?)\b",
            verb.group(0),
        ):
            return ("fundamental", "surprise")  # "just missed EPS by 9%", "beat Q3 sales by 4%"
        return None
    if q.unit == "usd_millions" and q.value is not None and _SURPRISE_BY.search(ctx.lt[-50:]):
        # "revenue of $1.2B (+8% Y/Y) beats by $20M": the size of a revenue beat or miss
        return ("fundamental", "surprise")
    if q.unit not in {"usd", "usd_per_share"} or q.value is None or q.value >= 10:
        return None
    if _SURPRISE_BY.search(ctx.lt[-50:]):
        return ("fundamental", "surprise")
    # "missing the $0.63 consensus by five cents": the estimate stands between verb and size
    if re.search(r"\bby\s$", ctx.lt[-4:]) and _SURPRISE_BY.search(
        re.sub(r"\$\d[\d.,]*", "it", ctx.wide_left.lower()[-60:])
    ):
        return ("fundamental", "surprise")
    return None


#: Who expects it, before the figure: "analysts expect $0.75", "the consensus calls for EPS of".
_EXPECTED_BEFORE = re.compile(
    r"\b(?:consensus|(?:analysts?|the street|wall street|forecasters)\s(?:[\w'’]+\s){0,2}?"
    r"(?:expects?|expected|sees?|see|calls? for|are looking for|looks? for|looked for|projects?|"
    r"forecasts?|models?|estimates?))\b"
)
_EPS_LABEL = re.compile(
    r"\b(?:eps|(?:earnings|loss|income) per (?:diluted |basic )?share|"
    r"(?:adjusted |diluted |gaap |non-gaap )?earnings|profit)\b"
    r"(?:\s(?:guidance|outlook|forecast|estimates?|consensus|of|for|in|the|fiscal|full[- ]year|"
    r"(?:quarter|period|three months) end(?:ed|ing) [a-z]+\.? ?\d{0,2},?(?: 20\d\d)?|"
    r"quarter|[\w'’-]+ quarter|20\d\d|q[1-4]|fy\d\d)){0,4}"
    r"\s*(?::|came in at|landed at|totall?ed|reached|printed at|amounted to|was|were|of|at|"
    r"to|between|in a range of|range of)\s*(?:about|roughly|around|~)?\s*[-−]?$"
)
#: A wire headline's bare label, no verb between it and the figure: "Q3 adj. EPS 74 cents",
#: "now sees full-year EPS $4.75 to $4.95", "FY20 diluted EPS -$0.12".
_EPS_BARE_LABEL = re.compile(
    r"(?:^|[\s:;,(-])(?:(?:q[1-4]|[1-4]q|fy\s?\d{2,4}|20\d\d|full[- ]year|annual|quarterly|"
    r"adj\.|adjusted|non-gaap|gaap|diluted|core|currency[- ]neutral)\s)*eps\s*[-−]?$"
)


@rule("claims.fundamental.eps_label.v3")
def eps_label(ctx: Context) -> Outcome:
    """ "EPS: $0.41 actual", "full-year EPS of $4.10 to $4.30", "Q3 EPS came in at $0.88",
    "Q3 adj. EPS 74 cents", "EPS of -$0.12": a per-share figure (or a guided range)
    introduced by its label."""
    q = ctx.q
    size = q.value if q.value is not None else q.high
    if q.unit not in {"usd", "usd_per_share"} or size is None or size >= 1000:
        return None
    if not (_EPS_LABEL.search(ctx.lt[-60:]) or _EPS_BARE_LABEL.search(ctx.lt[-40:])):
        return None
    if size >= 50 and not re.search(r"\b(?:eps|earnings per share)\b", ctx.lt[-40:]):
        return None  # an index's EPS ("$72") only when the label says per share outright
    label = _EPS_LABEL.search(ctx.lt[-60:])
    est = (
        re.match(r"^\s*(?:est\.?|estimated?|expected|consensus|forecast)\b", ctx.rt)
        or _EXPECTED_BEFORE.search(ctx.lt[-60:])
        or _EXPECTED_TO_POST.search(ctx.wide_left.lower()[-80:])
        # "EPS estimates were 11 cents", "the EPS consensus of $0.52": the label says whose
        or (label and re.search(r"\b(?:estimates?|consensus)\b", label.group(0)))
    )
    return ("fundamental", "eps_estimate" if est else "eps")


#: "is expected to post EPS of", "are forecast to report": a result not yet reported.
_EXPECTED_TO_POST = re.compile(
    r"\b(?:(?:is|are|was|were)\s(?:expected|forecast|projected|seen|estimated|anticipated)\sto|"
    r"(?:expected|forecast|projected|estimated|anticipated) that\b[^.;$]{0,60}?\b(?:would|will))"
    r"\s(?:post|report|earn|deliver|generate|show|book)\b[^.;$]{0,40}$"
)
_YEAR_AGO_AFTER = re.compile(
    r"^\s?(?:(?:a|per) share\s)?(?:in\s)?(?:a year (?:ago|earlier|before)|the (?:year[- ]ago|"
    r"prior[- ]year|same) (?:quarter|period)|last year|in the (?:year[- ]ago|prior[- ]year|same) "
    r"(?:quarter|period)|(?:a|one) year (?:ago|earlier))\b"
)


@rule("claims.fundamental.year_ago_figure.v1")
def year_ago_figure(ctx: Context) -> Outcome:
    """ "EPS of $1.02, up from $0.32 a year ago", "from a loss of 14 cents a year ago",
    "revenue of $310 million versus $270 million last year": the year-ago figure of a
    metric the sentence reports."""
    q = ctx.q
    if q.unit not in {"usd", "usd_per_share", "usd_millions"} or not _YEAR_AGO_AFTER.match(ctx.rt):
        return None
    if not re.search(r"\b(?:from|vs\.?|versus|compared (?:with|to)|against)\b", ctx.lt[-25:]):
        return None
    wide = ctx.wide_left.lower()
    if q.unit == "usd_millions":
        return ("fundamental", "revenue") if _REVENUE.search(wide) else None
    if (q.value or 0) < 50 and (_EPS.search(wide) or "cents" in wide or "loss" in wide):
        return ("fundamental", "eps")
    return None


_TREND_TO = re.compile(
    r"\b(?P<what>growth|margins?)\b[^.;%]{0,50}?\b(?:accelerat\w*|decelerat\w*|slow\w*|"
    r"improv\w*|expand\w*|widen\w*|narrow\w*|contract\w*|compress\w*|r[io]se|risen|fell|fallen|"
    r"recover\w*|rebound\w*|"
    r"climb\w*|dropp\w*|slipp\w*|slid|reach\w*|hit|came in|jump\w*|eas\w*|declin\w*)\b"
    r"[^.;%]{0,40}?\bto\s(?:about\s|roughly\s|around\s|nearly\s)?$"
)


@rule("claims.fundamental.trend_to.v2")
def trend_to(ctx: Context) -> Outcome:
    """ "Top-line growth at Bloom accelerated to 57%", "margin at IonQ slipped 3 points to
    54%": where a growth rate or margin moved to."""
    if ctx.q.unit != "pct":
        return None
    m = _TREND_TO.search(ctx.wide_left.lower()[-100:])
    if not m or _ECON.search(ctx.wide_left.lower()):
        return None
    if m.group("what") == "growth" and not re.search(
        rf"\b{_METRIC}|top[- ]line|organic\b", ctx.wide_left.lower()
    ):
        return None
    return ("fundamental", "margin" if m.group("what").startswith("margin") else "growth")


@rule("claims.fundamental.from_figure.v1")
def from_figure(ctx: Context) -> Outcome:
    """ "improved to 18.9% from 15.4%", "accelerated to 57% from 39%": the earlier value of
    a margin or growth rate the sentence moved."""
    if ctx.q.unit != "pct" or ctx.prev_unit != "pct" or not re.match(r"^[\s,]*from\s*$", ctx.lt):
        return None
    wide = ctx.wide_left.lower()
    m = _TREND_TO.search(wide[: wide.rfind("from")].rstrip()[-100:] + " ")
    if m is None:
        m = _TREND_TO.search(re.sub(r"[\d.,]+%[\s,]*$", "", wide[: wide.rfind("from")].rstrip()))
    if not m or _ECON.search(wide):
        return None
    return ("fundamental", "margin" if m.group("what").startswith("margin") else "growth")


_VERB_METRIC_BY = re.compile(
    r"\b(?:grew|grows|grow|growing|increased|increases|boosted|lifted|raised|expanded|cut|"
    r"reduced|shrank|trimmed)\s(?:its\s|their\s)?(?:quarterly\s|annual\s|net\s|total\s|"
    # "increased their domestic product sales by 4.5%", "boosted its sales last year 22%"
    r"(?!(?:price|stake|share|target|position)s?\b)[a-z][\w-]*\s){0,2}"
    rf"{_METRIC}\s(?:(?:last|this|in the)\s(?:year|quarter|period)\s)?(?:by\s|at\s(?:an?\s)?)?"
    r"(?:about\s|roughly\s|nearly\s|some\s)?$"
)


@rule("claims.fundamental.verb_metric_by.v3")
def verb_metric_by(ctx: Context) -> Outcome:
    """ "grew revenue by 39%", "cut its backlog by 5%": the verb before the metric."""
    if ctx.q.unit == "pct" and _VERB_METRIC_BY.search(ctx.lt[-50:]):
        return ("fundamental", "growth")
    return None


_CHANGE_NOUN_AFTER = re.compile(
    r"^\s?(?:increase|rise|jump|gain|growth|decline|drop|fall|improvement|decrease)\s"
    r"(?:from|over|on|versus|vs\.?|compared (?:with|to))\s(?:last year|a year (?:ago|earlier)|"
    r"the (?:prior|previous|year[- ]ago|same)\b|(?:fiscal\s|calendar\s|fy\s?)?20\d\d\b|"
    r"(?:the\s)?(?:prior|previous|last)\s(?:fiscal\s)?(?:year|quarter)\b)"
)


@rule("claims.fundamental.change_noun.v2")
def change_noun(ctx: Context) -> Outcome:
    """ "revenue of $1.07 billion marked a 22% increase from last year": a change noun
    after the figure, a company metric before it."""
    if (
        ctx.q.unit == "pct"
        and _CHANGE_NOUN_AFTER.match(ctx.rt)
        and re.search(rf"\b{_METRIC}\b", ctx.wide_left.lower())
    ):
        return ("fundamental", "growth")
    return None


_AMOUNT_THEN_CHANGE = re.compile(
    r"^[\s,]*(?:up|down|an? (?:increase|rise|gain|jump|decline|drop) of|higher by|lower by|"
    r"rising|falling)\s(?:about\s|roughly\s|nearly\s|some\s|more than\s)?$"
)


@rule("claims.fundamental.amount_then_change.v1")
def amount_then_change(ctx: Context) -> Outcome:
    """ "a backlog of $2.6 billion, up 64%", "revenue of $739 million, down 4%": the change
    of the company amount just stated."""
    if (
        ctx.q.unit == "pct"
        and ctx.prev_unit == "usd_millions"
        and _AMOUNT_THEN_CHANGE.match(ctx.lt)
        and re.search(rf"\b{_METRIC}\b|\bnet (?:income|loss)\b", ctx.wide_left.lower())
    ):
        return ("fundamental", "growth")
    return None


_UNPROFITABLE_AFTER = re.compile(
    r"^\s?of\s(?:the\s|all\s)?(?:[\w&'’-]+\s){0,4}?(?:companies|stocks|members|constituents|"
    r"firms|names)\s(?:are\s|were\s|have\s|had\s)?(?:still\s|now\s)?(?:unprofitable|lost money|"
    r"lose money|"
    r"losing money|(?:have|had|show|posted|report) (?:no|negative) (?:earnings|profits?)|"
    r"loss[- ]making|money[- ]losing|(?:are|were) not profitable)\b"
)


@rule("claims.fundamental.share_unprofitable.v2")
def share_unprofitable(ctx: Context) -> Outcome:
    """ "about 40% of Russell 2000 companies lost money": the share of an index's members
    without profits, a fundamental of the index (asked before breadth vetoes shares of
    members)."""
    if ctx.q.unit == "pct" and _UNPROFITABLE_AFTER.match(ctx.rt):
        return ("fundamental", None)
    return None


_GROWTH_OF_SUBJECT = re.compile(
    rf"\b{_METRIC}\s(?:growth(?:\srate)?|margins?)\s(?:for|of|at|among|across|in)\s"
    r"(?P<gap>[^.;%$]{0,70}?)\s(?:is|was|stands? at|stood at|sits? at|came in at|"
    r"is running at|was running at|is tracking at|reached|hit|of|at)\s"
    r"(?:about\s|roughly\s|around\s|nearly\s|just\s|only\s|~)?$"
)


@rule("claims.fundamental.growth_of_subject.v1")
def growth_of_subject(ctx: Context) -> Outcome:
    """ "Blended earnings growth for the Russell 2000 in the third quarter is 9.7%": the
    metric's growth (or margin) named with whose it is and when, then its size."""
    if ctx.q.unit != "pct":
        return None
    m = _GROWTH_OF_SUBJECT.search(ctx.wide_left.lower()[-120:])
    if m is None or re.search(r"\b(?:shares?|stocks?|etf|price)\b", m.group("gap")):
        return None
    if _ECON.search(ctx.wide_left.lower()[-120:]):
        return None
    return ("fundamental", "margin" if "margin" in m.group(0) else "growth")


_ESTIMATE_STATED = re.compile(
    r"\b(?:eps|earnings per share|earnings|profit)\s(?:estimates?|consensus|forecasts?|"
    r"projections?)\b[^.;%$]{0,40}?\s(?:is|was|stands? at|stood at|sits? at|of|at|"
    r"comes? in at|came in at)\s(?:about\s|roughly\s|around\s|a loss of\s)?[-−]?$"
)


@rule("claims.fundamental.eps_estimate_stated.v1")
def eps_estimate_stated(ctx: Context) -> Outcome:
    """ "Next year's EPS estimate for Oklo stands at -$0.58": an estimate named first, then
    whose and for when, then its size (asked before level words read "stands at")."""
    q = ctx.q
    if q.unit not in {"usd", "usd_per_share"} or q.value is None or abs(q.value) >= 50:
        return None
    if _ESTIMATE_STATED.search(ctx.wide_left.lower()[-90:]):
        return ("fundamental", "eps_estimate")
    return None


_TO_TOTAL = re.compile(
    r",\s*(?:to|bringing (?:the )?(?:total|it|them) to|for a total of|taking (?:the )?"
    r"total to)\s(?:about\s|roughly\s|around\s|nearly\s|almost\s|more than\s|over\s)?$"
)


@rule("claims.fundamental.amount_to_total.v1")
def amount_to_total(ctx: Context) -> Outcome:
    """ "deposits rose by $1.5 billion between March 31 and June 30, to $72 billion": the
    total a company amount reached after the change just stated."""
    if ctx.q.unit != "usd_millions" or not _TO_TOTAL.search(ctx.lt[-40:]):
        return None
    wide = ctx.wide_left.lower()
    if not re.search(r"\$[\d.,]+\s?(?:billion|million|bn|mn|[mb])\b", wide):
        return None  # the change itself must be an amount stated just before
    if _AMOUNT_WORDS.search(wide) or re.search(rf"\b{_METRIC}\b", wide):
        return ("fundamental", "revenue" if _REVENUE.search(wide[-80:]) else None)
    return None


@rule("claims.fundamental.book_to_bill.v1")
def book_to_bill(ctx: Context) -> Outcome:
    """ "a book-to-bill ratio of 1.3x": orders over sales, a company metric written like a
    multiple (asked before the valuation rules read every x as one)."""
    if ctx.q.unit in {"x", "bare"} and re.search(
        r"\bbook[- ]to[- ]bill\b(?:\s(?:ratio|of|was|is|at|came in at|stood at)){0,3}\s*$",
        ctx.lt[-45:],
    ):
        return ("fundamental", None)
    return None


#: The size of a beat or miss named before what it beat: "22 cents above the average analyst
#: estimate", "three cents better than expected", "4% ahead of the consensus forecast".
_SURPRISE_VERSUS = re.compile(
    r"^\s?(?:(?:a|per)\s(?:diluted\s)?share\s)?(?P<way>above|ahead of|better than|over|"
    r"below|short of|shy of|worse than|under|beneath)\s"
    r"(?:the\s|wall street['’]s\s|the street['’]s\s|analysts['’]?\s)?"
    r"(?:(?:average|mean|median|consensus|analysts?['’]?|zacks|lseg|factset|street|wall street)\s)"
    r"{0,3}(?:estimates?|expectations?|expected|consensus|forecasts?|projections?|views?|"
    r"targets?|the street|wall street|what analysts)\b"
)
#: Which way a surprise went when the words after it say so.
SURPRISE_BELOW = re.compile(
    r"^\s?(?:(?:a|per)\s(?:diluted\s)?share\s)?(?:below|short of|shy of|worse than|under|"
    r"beneath)\b"
)


@rule("claims.fundamental.surprise_versus.v1")
def surprise_versus(ctx: Context) -> Outcome:
    """ "earned $1.85, 22 cents above the average analyst estimate", "three cents better than
    expected", "revenue came in 2% below consensus": the size of a beat or miss stated before
    the estimate it is measured against (below it is negative, see ``nlp.extract``)."""
    q = ctx.q
    if q.value is None or not _SURPRISE_VERSUS.match(ctx.rt):
        return None
    if q.unit in {"usd", "usd_per_share"} and q.value < 10:
        return ("fundamental", "surprise")
    if q.unit == "pct" and (_EPS.search(ctx.wide_left) or _REVENUE.search(ctx.wide_left)):
        return ("fundamental", "surprise")
    return None


_PRIOR_GUIDANCE = re.compile(
    r"\b(?:prior|previous|earlier|original|old|initial)\s(?:full[- ]year\s|annual\s|"
    r"quarterly\s)?(?:range|guidance|outlook|forecast|view|target)\s(?:range\s)?"
    r"(?:of|for|at)\s(?:about\s|roughly\s|around\s)?$|"
    # a wire headline's "now sees EPS $4.75 to $4.95 vs. prior $5.15 to $5.45"
    r"\b(?:vs\.?|versus|from|compared with)\s(?:a\s|the\s|its\s)?(?:prior|previous)\s"
    r"(?:about\s|roughly\s|around\s|~)?$"
)


@rule("claims.fundamental.prior_guidance.v2")
def prior_guidance(ctx: Context) -> Outcome:
    """ "now expects EPS of $6.90 to $7.05, up from a prior range of $6.45 to $6.60": the
    guidance a company replaced, the same metric as the new figure (EPS in dollars a share,
    revenue in millions), not a price."""
    q = ctx.q
    if not _PRIOR_GUIDANCE.search(ctx.lt[-50:]):
        return None
    size = q.value if q.value is not None else q.high
    wide = ctx.wide_left.lower()
    if q.unit in {"usd", "usd_per_share"} and size is not None and size < 50 and _EPS.search(wide):
        return ("fundamental", "eps")
    if q.unit == "usd_millions" and _REVENUE.search(wide):
        return ("fundamental", "revenue")
    if q.unit == "pct" and _GROWTH.search(wide) and re.search(rf"\b{_METRIC}\b", wide):
        return ("fundamental", "growth")
    return None


_CHANGE_OF = re.compile(
    r"\b(?:(?:year[- ]over[- ]year|year[- ]on[- ]year|y/y|yoy|sequential|quarter[- ]over[- ]"
    r"quarter|q/q|annual|organic)\s)(?:increase|rise|gain|growth|jump|improvement|decline|"
    r"decrease|drop|fall|contraction)\s(?:of\s)(?:about\s|roughly\s|nearly\s|some\s|~)?$"
)


@rule("claims.fundamental.change_of.v1")
def change_of(ctx: Context) -> Outcome:
    """ "revenue of $463.3 million, reflecting a year-over-year increase of 24.5%": a company
    metric's change named by its comparison period (a move of the shares would not say
    year over year)."""
    if ctx.q.unit != "pct" or not _CHANGE_OF.search(ctx.lt[-60:]):
        return None
    wide = ctx.wide_left.lower()
    if re.search(rf"\b{_METRIC}\b|\bnet (?:income|loss)\b", wide) and not _ECON.search(wide):
        return ("fundamental", "growth")
    return None


_CASH_AFTER = re.compile(r"^\s?(?:of\s|in\s)?(?:net\s)?cash\b(?!\s?flow)")
_CASH_BEFORE = re.compile(
    r"\b(?:cash(?:\sand\s(?:cash\s)?equivalents|\son hand|\sbalance|\spile)?|liquidity)\s"
    r"(?:of\s|totall?ing\s|stood at\s|was\s|at\s)?(?:about\s|roughly\s|nearly\s)?$"
)


@rule("claims.fundamental.cash_balance.v1")
def cash_balance(ctx: Context) -> Outcome:
    """ "$1.2B of cash on the balance sheet", "cash and equivalents of $300 million": a
    balance-sheet amount, no claim of the seven kinds (unlike free cash flow)."""
    if ctx.q.unit != "usd_millions":
        return None
    if _CASH_AFTER.match(ctx.rt) or _CASH_BEFORE.search(ctx.lt[-40:]):
        return NO_CLAIM
    return None


#: What a company pays its holders, and a bond's coupon: none is a fundamental or a move.
_PAYOUT_WORDS = re.compile(
    r"\b(?:dividends?|distributions?|payouts?|coupons?|buybacks?|repurchases?|"
    r"(?:earnings|fcf|free[- ]cash[- ]flow|shareholder)\syields?)\b"
    # "dividend stocks rallied 3%": a group of stocks, whose move is a claim
    r"(?!\s(?:stocks?|payers?|growers?|aristocrats?|etfs?|funds?|index|indexes|indices|names|"
    r"strateg\w*|investors?|portfolios?|screens?)\b)"
)
#: A return that counts payouts in: "including dividends, IWM has returned 13.8%".
_WITH_PAYOUTS = re.compile(
    r"\b(?:including|incl\.?|with|plus|and|after|reinvest\w*)\s(?:reinvested\s)?"
    r"(?:dividends|distributions)\b|\btotal[- ]return"
)
_PAYOUT_NOUN_AFTER = re.compile(
    r"^\s?(?:(?:quarterly|annual|annualized|forward|trailing|special)\s)?(?:dividend|coupon|"
    r"payout|distribution|dividend yield)\b"
    # "this 8.3% yielding fund", "a 7% yielder": what it pays, not how it moved
    r"|^[\s-]?(?:yielding|yielder)\b"
)
_STOCK_YIELDS = re.compile(r"\byields?\s(?:about\s|roughly\s|nearly\s|just\s|only\s|around\s)?$")
_BOND_WORDS = re.compile(r"\b(?:treasur\w*|bonds?|notes?|bills?|gilts?|bunds?|[0-9]+-year)\b")


#: An amount set aside for buybacks or dividends, named right after it.
_PAYOUT_PROGRAM_AFTER = re.compile(
    r"^\s?(?:(?:in|of|for)\s)?(?:(?:new|accelerated|open[- ]market|special|additional|share|"
    r"stock)\s){0,3}(?:buybacks?|repurchases?|dividends?|distributions?)\b"
)


@rule("claims.fundamental.payout.v3")
def payout(ctx: Context) -> Outcome:
    """ "raised its quarterly dividend 8% to 52 cents a share", "a dividend of 47.5 cents, a
    5.6% increase", "the notes carry a 6.25% coupon", "PIPR yields 0.8%": payouts and
    coupons (their sizes, changes and yields) are not earnings, growth or moves."""
    q = ctx.q
    if q.unit == "usd_millions" and _PAYOUT_PROGRAM_AFTER.match(ctx.rt.lower()):
        return NO_CLAIM  # "initiates a $250 mln accelerated share repurchase program"
    if (
        q.unit == "count"
        and _PAYOUT_WORDS.search(ctx.lt[-40:].lower())
        and re.search(r"\b(?:years?|quarters?)\b", f"{q.text} {q.what or ''} {ctx.rt[:12]}")
    ):
        return NO_CLAIM  # "has raised its dividend for 22 straight years": a payout's run
    if q.unit not in {"pct", "usd", "usd_per_share"}:
        return None
    if _PAYOUT_NOUN_AFTER.match(ctx.rt):
        return NO_CLAIM
    if re.match(r"^\s*(?:[\w/-]+\s)?(?:discount|premium)\b", ctx.rt):
        return None  # "after the dividend cut, it trades at a 20% discount": a valuation
    clause = re.split(r"[;:]|\bwhile\b|\bbut\b", ctx.wide_left.lower())[-1][-70:]
    if _WITH_PAYOUTS.search(ctx.text.lower()):
        return None
    m = next(reversed(list(_PAYOUT_WORDS.finditer(clause))), None)  # the last one before it
    if m is not None and not re.search(
        rf"\b{_METRIC}\b|\bmargins?\b|\bper[- ]share\b", clause[m.end() :]
    ):
        return NO_CLAIM
    if (
        q.unit == "pct"
        and _STOCK_YIELDS.search(ctx.lt[-25:])
        and _PAYOUT_WORDS.search(ctx.text.lower())
        and not _BOND_WORDS.search(ctx.text.lower())
    ):
        return NO_CLAIM  # "Piper Sandler yields 0.8% after its latest payout increase"
    return None


#: Returns and ratios a company or bank reports in percent (annotation rule 11: no matching
#: role, so the role is null): "return on equity of 14.2%", "an efficiency ratio of 58%".
_RATIO_METRIC = re.compile(
    r"\b(?:return on (?:average\s)?(?:tangible\s)?(?:common\s)?(?:equity|assets|invested capital|"
    r"capital)|ro(?:a|e|ic|te|tce)|efficiency ratio|loan[- ]to[- ]deposit ratio|"
    r"cet1(?: capital)?(?: ratio)?|tier 1 (?:capital |leverage )?ratio|combined ratio|"
    r"net charge-offs?|charge-off rate|occupancy(?: rate)?|gross retention|net retention|"
    r"(?:net )?revenue retention)\b"
)


#: The ratio named right after its figure: "an 18% return on equity", "a 6.4% ROE".
_RATIO_NAMED_AFTER = re.compile(
    r"^\s?(?:(?:annual|annualized|average|trailing|adjusted|core)\s)?(?:return on (?:average\s)?"
    r"(?:tangible\s)?(?:common\s)?(?:equity|assets|invested capital|capital)|"
    r"ro(?:a|e|ic|te|tce))\b"
)


@rule("claims.fundamental.return_ratio.v1")
def return_ratio(ctx: Context) -> Outcome:
    """ "a return on equity of 14.2%", "the efficiency ratio improved to 58.1% from 61.4%",
    "ROIC of 21%": a company's reported ratio, not a move of its shares."""
    if ctx.q.unit not in {"pct", "bp", "pp"}:
        return None
    if _RATIO_NAMED_AFTER.match(ctx.rt):
        return ("fundamental", None)  # "an 18% return on equity", "its 6.4% ROE"
    clause = re.split(r"[;,]\s|\bwhile\b|\bbut\b", ctx.wide_left.lower())[-1]
    m = _RATIO_METRIC.search(clause[-60:])
    if m is None or re.search(r"\b(?:shares?|stocks?|etf|index)\b", clause[m.end() :]):
        return None
    return ("fundamental", None)


_SURPRISE_NOUN_AFTER = re.compile(
    r"^\s?(?:(?:positive|negative|earnings|eps|revenue|sales|top[- ]line|bottom[- ]line|"
    r"per[- ]share)\s){0,2}(?:surprise|beat|miss)\b"
)


@rule("claims.fundamental.surprise_noun.v1")
def surprise_noun(ctx: Context) -> Outcome:
    """ "a 2.5% EPS surprise", "a 6% revenue beat", "a 4-cent miss": the surprise named
    right after its size (a miss or a negative surprise is negative, see ``nlp.extract``)."""
    q = ctx.q
    if q.value is None or not _SURPRISE_NOUN_AFTER.match(ctx.rt):
        return None
    if not re.search(r"\b(?:an?|the|its|their|with)\s(?:[\w-]+\s)?$", ctx.lt[-25:]):
        return None  # "EPS of $4.12 beat by $0.35": the figure beat, it is not the beat
    if q.unit == "pct" or (q.unit in {"usd", "usd_per_share"} and q.value < 10):
        return ("fundamental", "surprise")
    return None


#: The share of an index's reporters that beat or missed: "68% beat earnings estimates".
_BEAT_RATE_AFTER = re.compile(
    r"^\s?(?:of\s(?:the\s)?(?:[\w&'’-]+\s){0,4}?(?:companies|firms|members|constituents|names|"
    r"stocks|reporters|issuers|(?:small|mid|large)[- ]caps|caps|those)\s(?:that\s|which\s|who\s)?"
    r"(?:have\s)?(?:reported\s)?)?"
    r"(?:have\s|had\s)?(?:(?:beat|beaten|topped|exceeded|surpassed|missed|fell short of|"
    r"reported (?:better|worse)[- ]than[- ]expected|came in (?:above|below))\s"
    r"(?:their\s|the\s)?(?:[\w'’-]+\s){0,2}?(?:estimates?|expectations?|forecasts?|consensus|"
    r"projections?)\b"
    # "49% beat on sales", "55% have beaten on revenue": the beat named by what was beaten
    r"|(?:beat|beaten|topped|missed)\s(?:on|in)\s(?:the\s)?(?:top[- ]line|bottom[- ]line|"
    r"revenues?|sales|earnings|eps|profits?)\b)"
)


@rule("claims.fundamental.beat_rate.v2")
def beat_rate(ctx: Context) -> Outcome:
    """ "of the S&P 600 companies that have reported, 68% beat earnings estimates": an
    earnings season's beat rate, a fundamental of the index (not a move, not a target)."""
    if ctx.q.unit == "pct" and _BEAT_RATE_AFTER.match(ctx.rt):
        return ("fundamental", None)
    return None


#: Results over a run of quarters: "has beaten EPS estimates in each of the last four
#: quarters", "earnings have declined for six straight quarters".
_RESULTS_RUN = re.compile(
    r"\b(?:eps|earnings|profits?|revenues?|sales|estimates?|expectations?|consensus|"
    r"profitab\w*|losses|guidance)\b(?!\s(?:costs?|expenses?))"
)


@rule("claims.fundamental.results_streak.v1")
def results_streak(ctx: Context) -> Outcome:
    """A streak of quarters or years of company results (beats, earnings declines, losses):
    a fundamental count, not a streak of the shares (asked before the price streaks)."""
    q = ctx.q
    if q.unit != "count" or not q.what or not re.match(r"(?:quarter|year)", q.what):
        return None
    left = re.split(r"[.;]", ctx.wide_left.lower())[-1][-80:]
    # what ran is named after the last word of prices or costs: "earnings have declined for
    # six straight quarters", not "the stock rose for four quarters" nor "deposit costs fell"
    left = re.split(r"\b(?:shares?|stocks?|etfs?|price|costs?|expenses?)\b", left)[-1]
    return ("fundamental", None) if _RESULTS_RUN.search(left) else None


_EPS_GUIDE_MOVED = re.compile(
    r"\b(?:eps|earnings per share|per-share earnings)\b[^.;$%]{0,70}?\b(?:raised|lifted|boosted|"
    r"increased|cut|lowered|trimmed|reduced|narrowed|reaffirmed|maintained|now (?:sees|expects)|"
    r"was (?:raised|lifted|cut|lowered|trimmed|reduced))\b(?:[^.;]|\.(?=\d)){0,40}?\b(?:to|from)\s"
    r"(?:about\s|roughly\s|around\s|a range of\s|between\s)?$"
)


@rule("claims.fundamental.eps_guidance_moved.v1")
def eps_guidance_moved(ctx: Context) -> Outcome:
    """ "full-year EPS guidance was cut to $5.20 from $5.60": per-share guidance moved to (and
    from) a figure, not a price."""
    q = ctx.q
    size = q.value if q.value is not None else q.high
    if q.unit not in {"usd", "usd_per_share"} or size is None or size >= 50:
        return None
    if re.search(r"\b(?:target|price|shares?|stock)\b", ctx.lt[-30:]):
        return None
    if _EPS_GUIDE_MOVED.search(ctx.wide_left.lower()[-120:]):
        return ("fundamental", "eps")
    return None


_ESTIMATE_REVISED = re.compile(
    r"\b(?:eps|earnings|profit|revenue|sales)\s(?:per share\s)?(?:estimates?|forecasts?|"
    r"projections?|expectations?|consensus)\b[^.;%]{0,60}?\b(?:cut|lowered|trimmed|reduced|"
    r"slashed|raised|lifted|boosted|increased|revised (?:up|down|higher|lower)(?:ward)?|"
    r"fallen|fell|dropped|declined|risen|rose|climbed)\s(?:by\s)?(?:about\s|roughly\s|nearly\s|"
    r"some\s|more than\s|over\s)?$"
)


#: The verb first: "analysts have cut third-quarter EPS estimates for the index by 4.2%".
_REVISED_ESTIMATE_BY = re.compile(
    r"\b(?:cut|lowered|trimmed|reduced|slashed|raised|lifted|boosted|increased|revised\s"
    r"(?:up|down|higher|lower)(?:ward)?)\s(?:their\s|its\s|the\s)?[^.;%$]{0,30}?"
    r"\b(?:eps|earnings|profit|revenue|sales)\s(?:per share\s)?(?:estimates?|forecasts?|"
    r"projections?)\b[^.;%$]{0,40}?\bby\s(?:about\s|roughly\s|nearly\s|some\s|more than\s|"
    r"over\s)?$"
)


@rule("claims.fundamental.estimate_revision.v2")
def estimate_revision(ctx: Context) -> Outcome:
    """ "forward earnings estimates for small caps have been cut by 10% since January",
    "analysts have cut EPS estimates for the index by 4.2%": how far analysts moved an
    estimate, a fundamental (no role), not a move of the shares nor a target."""
    if ctx.q.unit != "pct":
        return None
    wide = ctx.wide_left.lower()[-110:]
    m = _ESTIMATE_REVISED.search(wide) or _REVISED_ESTIMATE_BY.search(wide)
    if m is None or re.search(r"\b(?:shares?|stocks?|etf|price)\b", m.group(0)):
        return None
    return ("fundamental", None)


_GROWTH_NOUN = re.compile(
    r"^\s?(?:(?:annual|organic|top[- ]line|revenue|sales|earnings|eps|total)\s)?growth\b"
)
_GROWTH_OF_BEFORE = re.compile(
    r"\bgrowth\s(?:of|at|in the range of|between|near|around)\s(?:about\s|roughly\s|~)?$"
)
_GUIDANCE_WORDS = re.compile(
    r"\b(?:guidance|outlook|guided|guides|guide|implies|implying|forecasts?|targets?|"
    r"(?:the company|management) (?:sees|expects))\b"
)


@rule("claims.fundamental.guided_growth.v1")
def guided_growth(ctx: Context) -> Outcome:
    """ "the guidance implies 8% growth at the midpoint", "implying growth of 7% to 10%": a
    company's guided growth, when the sentence is about guidance and no economy is named."""
    if ctx.q.unit != "pct":
        return None
    if not (_GROWTH_NOUN.match(ctx.rt) or _GROWTH_OF_BEFORE.search(ctx.lt[-40:])):
        return None
    text = ctx.text.lower()
    if not _GUIDANCE_WORDS.search(text) or _ECON.search(text):
        return None
    if re.search(r"\b(?:econom\w*|gdp|consumer spending|jobs?|wages?|payrolls?)\b", text):
        return None
    return ("fundamental", "growth")


_GROWTH_LABEL = re.compile(
    rf"\b{_METRIC}\s(?:growth|change)"
    r"(?:\s\((?:yoy|y/y|qoq|q/q|ttm|ntm|fy\s?\d*|[\w/ -]{1,10})\))?\s?:\s*$"
)


@rule("claims.fundamental.growth_label.v1")
def growth_label(ctx: Context) -> Outcome:
    """ "Revenue Growth (YoY): 12%", "EPS growth: -4%": a key-statistics row, labelled."""
    if ctx.q.unit == "pct" and _GROWTH_LABEL.search(ctx.lt[-45:]):
        return ("fundamental", "growth")
    return None


_SURPRISE_OF = re.compile(
    r"\b(?:earnings|eps|revenue|sales|positive|negative)?\s?surprises?\s"
    r"(?:of|was|is|at|came in at)\s(?:about\s|roughly\s|nearly\s|~)?[+]?$"
)


@rule("claims.fundamental.surprise_of.v1")
def surprise_of(ctx: Context) -> Outcome:
    """ "this quarterly report represents an earnings surprise of +12.12%", "delivering a
    surprise of +10.87%": the surprise named before its size."""
    q = ctx.q
    small = q.unit in {"usd", "usd_per_share"} and (q.value or 0) < 10
    if (q.unit == "pct" or small) and _SURPRISE_OF.search(ctx.lt[-45:]):
        return ("fundamental", "surprise")
    return None


#: "$9.80 on $1.03 billion in revenues": per-share earnings stated with the sales they came on.
_ON_REVENUE_AFTER = re.compile(
    r"^\s?(?:(?:a|per)\s(?:diluted\s)?share\s)?on\s(?:revenues?\sof\s|sales\sof\s)?"
    r"\$[\d.,]+\s?(?:million|billion|mln|bln|bn|mn|[mb])\b\s?(?:(?:in|of)\s)?"
    r"(?:(?:quarterly|annual|total|net)\s)?(?:revenues?|sales)?"
)


@rule("claims.fundamental.eps_on_revenue.v1")
def eps_on_revenue(ctx: Context) -> Outcome:
    """ "$9.80 on $1.03 billion in revenues for the current fiscal year", "earned $0.45 on
    sales of $120 million": the per-share figure that rides on the sales after it (an
    estimate when the sentence is about the consensus)."""
    q = ctx.q
    if q.unit not in {"usd", "usd_per_share"} or q.value is None or q.value >= 50:
        return None
    after = ctx.text[ctx.q.end : ctx.q.end + 70].lower()
    if not _ON_REVENUE_AFTER.match(after) or not re.search(r"\b(?:revenues?|sales)\b", after[:60]):
        return None
    wide = ctx.wide_left.lower()
    est = _ESTIMATE.search(wide) or _EXPECTED_BEFORE.search(wide) or _EXPECTED_TO_POST.search(wide)
    return ("fundamental", "eps_estimate" if est else "eps")


_MARGIN_CLAUSE = re.compile(
    r"\bmargins?\b(?![^,;%]*%)[^,;%]{0,70}?\b(?:averaged|was|were|is|stood at|came in at|"
    r"reached|hit|of|at)\s(?:about\s|roughly\s|around\s|nearly\s|an average of\s|~)?$"
)


@rule("claims.fundamental.margin_clause.v1")
def margin_clause(ctx: Context) -> Outcome:
    """ "operating margin has been trending down over the last 12 months and averaged 16.4%":
    the margin named at the head of the clause, its size at the end (no other figure between)."""
    if ctx.q.unit != "pct":
        return None
    clause = re.split(r"[;:]", ctx.wide_left.lower())[-1][-110:]
    m = _MARGIN_CLAUSE.search(clause)
    if m is None or _RATE_WORDS.search(m.group(0)) or not _MARGIN.search(m.group(0)):
        return None
    return ("fundamental", "margin")


_SHARE_OF_SALES_AFTER = re.compile(
    r"^\s?of\s(?:(?:the|its|their|total|overall|[\w&'’()-]+)\s){0,4}?"
    r"(?:(?:total|overall|group|company|quarterly|annual)\s)?(?:revenues?|sales|the total|total)\b"
)
_MIX_VERBS = re.compile(
    r"\b(?:account\w*\sfor|make up|makes up|made up|represent\w*|comprise\w*|contribut\w*|"
    r"comes? from|came from|derive\w*|generat\w*|rose to|fell to|grew to|climbed to|reached|"
    r"dropped to|jumped to|slipped to|(?:is|was|are|were) now)\s(?:about\s|roughly\s|nearly\s|"
    r"almost\s|some\s|more than\s|over\s|just\s|only\s)?$"
)


@rule("claims.fundamental.sales_mix.v1")
def sales_mix(ctx: Context) -> Outcome:
    """ "government customers account for 70% of Kratos revenue", "AI sales rose to 40% of the
    total": a share of sales (a mix), not a margin, growth or move."""
    if ctx.q.unit != "pct":
        return None
    if re.search(
        r"\b(?:make|makes|made|making) up\s(?:about\s|roughly\s|nearly\s|almost\s|some\s|"
        r"just\s|only\s|more than\s|over\s)?$",
        ctx.lt[-40:],
    ):
        return NO_CLAIM  # "fixed-rate bonds make up 45%": a share of a whole, whatever whole
    if not _SHARE_OF_SALES_AFTER.match(ctx.rt):
        return None
    if re.search(r"\b(?:income|profits?|earnings|ebitda|cash flow|margins?)\b", ctx.lt[-60:]):
        return None  # "operating income rose to 12% of revenue": a margin in other words
    return NO_CLAIM if _MIX_VERBS.search(ctx.lt[-40:]) else None


_HEADCOUNT = re.compile(
    r"\b(?:employees|headcount|workforce|staff|workers|stores|locations|branches|restaurants|"
    r"offices|plants|facilities|share\scount|shares\soutstanding|share\sbase|diluted\sshares|"
    # how much of the stock is sold short or traded: counts of shares, not its price
    r"short\sinterest|shares\s(?:sold\s)?short|(?:trading|daily|options)\svolume|open\sinterest)\b"
)


@rule("claims.fundamental.headcount.v2")
def headcount(ctx: Context) -> Outcome:
    """ "now has 450 employees, up 30% from a year earlier", "short interest in Credo rose 12%":
    the change of a headcount, a store or share count, or of the shares sold short or traded,
    no claim of the seven kinds (unless a company metric follows the count)."""
    if ctx.q.unit != "pct":
        return None
    left = ctx.wide_left.lower()[-60:]
    m = next(reversed(list(_HEADCOUNT.finditer(left))), None)
    if m is None or re.search(rf"\b{_METRIC}\b|\bmargins?\b", left[m.end() :]):
        return None
    if not re.match(
        # "short interest in Credo (CRDO) rose 12%": the count's owner may come between
        r"^(?:\s(?:in|at|for|of)\s[^,;%$]{1,40}?)?"
        r"[\s,]*(?:up|down|an? (?:increase|rise|decline|drop) of|rising|falling|"
        r"(?:have\s|has\s)?(?:grown|grew|rose|risen|fell|fallen|increased|declined|jumped|surged|"
        r"climbed|soared|spiked|dropped|slid|plunged)(?:\sby)?)"
        r"\s(?:about\s|roughly\s|nearly\s|some\s)?$",
        left[m.end() :],
    ):
        return None
    return NO_CLAIM


#: Qualifiers between a change noun and the metric it changed: "in third-quarter net profit".
_METRIC_QUALIFIERS = (
    r"(?:(?:its|the|their|quarterly|annual|full[- ]year|fiscal|q[1-4]|[1-4]q|[\w-]+[- ]quarter|"
    r"first[- ]half|net|operating|pre-?tax|adjusted|adj\.|core|organic|comparable|same[- ]store|"
    r"comparable[- ]store|total|gaap|non-gaap)\s){0,4}"
)
_CHANGE_NOUNS = (
    r"(?:increase|rise|jump|gain|growth|decline|drop|fall|decrease|surge|slump|plunge|"
    r"improvement|slide|dip)"
)
_METRIC_NOUNS = (
    r"(?:revenues?|sales|top[- ]line|profits?|earnings|eps|net income|operating income|"
    r"orders?|bookings|ebitda)"
)
#: "a 20% profit drop", "126% order growth", "a 33% jump in Q4 revenue", "a 0.3% gain in
#: comparable sales": the change noun and the metric it measures, right after the figure.
_METRIC_CHANGE_AFTER = re.compile(
    rf"^\s?(?:{_METRIC_QUALIFIERS}{_METRIC_NOUNS}\s{_CHANGE_NOUNS}|"
    rf"{_CHANGE_NOUNS}\s(?:in|of)\s{_METRIC_QUALIFIERS}{_METRIC_NOUNS})\b"
    r"(?!\s(?:estimates?|expectations?|forecasts?|consensus|per share|multiples?))"
)


@rule("claims.fundamental.metric_change_noun.v1")
def metric_change_noun(ctx: Context) -> Outcome:
    """ "warns of a 20% profit drop", "posted an 18% rise in fourth-quarter profit", "a 33%
    jump in Q4 revenue": a company metric's change said as a noun after its size (not a move
    of the shares, whose noun it would be without the metric)."""
    if ctx.q.unit == "pct" and _METRIC_CHANGE_AFTER.match(ctx.rt.lower()):
        return ("fundamental", "growth")
    return None


#: The change of the amount the clause just stated: "operating profit was EUR 139.7 mn, up
#: 23% from EUR 113.8 mn", "net sales: $1.38 billion; decrease of 25.7%".
_CHANGE_AFTER_AMOUNT = re.compile(
    r"[,;]\s*(?:(?:which\s|that\s)?(?:is|was|were)\s)?(?:up|down|higher|lower|an?\s(?:increase|"
    r"rise|gain|jump|decline|drop|decrease|fall)\sof|(?:increase|decrease|decline|drop|rise|gain)"
    r"\sof|higher by|lower by|rising|falling|increasing|decreasing)\s(?:by\s)?"
    r"(?:about\s|roughly\s|nearly\s|some\s|more than\s|~)?$"
)
_NOT_COMPANY_CLAUSE = re.compile(
    r"\b(?:shares?|stocks?|etfs?|index|price|traded|trading|closed|session|volume|"
    r"units?|deliver\w*|passengers?|liters?|tons?|tonnes?|barrels?)\b"
)


@rule("claims.fundamental.metric_then_change.v1")
def metric_then_change(ctx: Context) -> Outcome:
    """A company metric stated with its amount (in any currency, or none read), then after a
    comma its change: the metric's growth, not a move of the shares."""
    if ctx.q.unit != "pct":
        return None
    wide = ctx.wide_left.lower()
    m = _CHANGE_AFTER_AMOUNT.search(wide)
    if m is None:
        return None
    head = re.split(r"\b(?:while|but|whereas)\b|;", wide[: m.start()])[-1][-110:]
    metrics = list(re.finditer(rf"\b{_METRIC}\b|\bnet (?:income|loss)\b", head))
    metric = metrics[-1] if metrics else None
    if metric is None or _NOT_COMPANY_CLAUSE.search(head) or _ECON.search(head):
        return None
    if not re.search(r"\d", head[metric.end() :]):
        return None  # "gapped up on earnings, up 10%": no amount stated, the shares' move
    return ("fundamental", "growth")


#: "same-store sales up 1.1%; FactSet consensus up 2.0%": the growth analysts expected.
_CONSENSUS_CHANGE = re.compile(
    r"\b(?:consensus|estimates?|expectations?|forecasts?|analysts?\s(?:had\s)?(?:expected|"
    r"forecast|projected))\s(?:was\s|is\s|were\s|had\s|of\s|for\s|called for\s)?(?:up|down|"
    r"growth of|an? (?:increase|rise|gain|decline|drop|decrease) of)\s"
    r"(?:about\s|roughly\s|~)?$"
)


@rule("claims.fundamental.consensus_change.v1")
def consensus_change(ctx: Context) -> Outcome:
    """ "comparable sales rose 4%; the consensus was up 2.3%": an estimated growth rate of
    the metric the sentence reports (role growth, like the actual one), not a move."""
    if ctx.q.unit != "pct" or not _CONSENSUS_CHANGE.search(ctx.lt[-45:]):
        return None
    wide = ctx.wide_left.lower()
    if re.search(rf"\b{_METRIC}\b|\bmargins?\b", wide) and not _ECON.search(wide):
        return ("fundamental", "growth")
    return None


#: An amount in a currency the contract has no unit for ("71.2 mln euro", "EUR 139.7 mn"),
#: or a bare figure in millions (volumes, units sold): never a price level or an index's.
_FOREIGN_AFTER = re.compile(
    r"^\s?(?:(?:million|billion|mln|bln|mn|bn|thousand|m)\s?)?(?:euros?|eur|sek|nok|dkk|gbp|"
    r"pounds?|yen|yuan|rmb|renminbi|francs?|chf|rupees?|won|kronor|kroner|crowns?|rubles?|"
    r"zloty)\b"
)
_FOREIGN_BEFORE = re.compile(r"(?:\b(?:eur|euro|sek|nok|dkk|gbp|chf|rmb|inr|jpy|rs\.?)|[€£¥])\s?$")
_MILLIONS_AFTER = re.compile(r"^\s?(?:million|billion|mln|bln|mn|bn|thousand)\b")


@rule("claims.fundamental.foreign_amount.v1")
def foreign_amount(ctx: Context) -> Outcome:
    """ "net profit rose to 71.2 mln euro", "sales of EUR 139.7 mn", "65.9 million pieces":
    a company amount in a foreign currency, or a count in millions, states no claim of the
    seven kinds (asked before the level rules read the bare figure as a level)."""
    if ctx.q.unit not in {"bare", "points"}:
        return None
    if (
        _FOREIGN_AFTER.match(ctx.rt.lower())
        or _FOREIGN_BEFORE.search(ctx.lt[-6:])
        or _MILLIONS_AFTER.match(ctx.rt.lower())
    ):
        return NO_CLAIM
    return None


#: "cuts its same-store sales outlook to up 1.3%-1.5% from up 1.5%-2.5%": the guidance moved.
_GUIDANCE_MOVED_TO = re.compile(
    r"\b(?:outlook|guidance|forecast|view|target)\b[^.;%]{0,40}?\bto\s(?:up\s|down\s)?"
    r"(?:about\s|roughly\s)?[\d.]+\s?%?(?:\s?(?:-|–|to)\s?(?:up\s|down\s)?[\d.]+\s?%)?"
    r"[\s,]+from\s(?:up\s|down\s)?$"
)


@rule("claims.fundamental.guidance_from.v1")
def guidance_from(ctx: Context) -> Outcome:
    """The earlier figure of a growth outlook moved "to X% from Y%": the same metric's
    guidance, not a move of the shares."""
    if ctx.q.unit != "pct":
        return None
    wide = ctx.wide_left.lower()
    if _GUIDANCE_MOVED_TO.search(wide[-110:]) and re.search(rf"\b{_METRIC}\b", wide):
        return ("fundamental", "growth")
    return None


_METRIC_OUTLOOK = re.compile(
    rf"\b{_METRIC}\s(?:growth\s)?(?:forecasts?|estimates?|outlook|guidance|targets?|views?)\b"
    r"(?P<gap>[^.;]{0,60}?)\b(?:to|from|of|at)\s(?:over\s|about\s|roughly\s|more than\s|"
    r"at least\s|up\s|down\s|~)?$"
)


@rule("claims.fundamental.growth_outlook.v1")
def growth_outlook(ctx: Context) -> Outcome:
    """ "raised its revenue growth forecast to 12% from 9%", "its net sales growth estimate
    from over 25% to over 35%": a metric's guided growth in percent, not a price target."""
    if ctx.q.unit != "pct":
        return None
    m = _METRIC_OUTLOOK.search(ctx.wide_left.lower()[-110:])
    if m is None or re.search(r"\b(?:shares?|stocks?|price|etf|index)\b", m.group("gap")):
        return None
    return ("fundamental", "growth")
