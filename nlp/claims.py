"""Claim assembly: quantities + instrument mentions + periods of one sentence -> claims.

Each quantity in a sentence is read in its context (the words between it and its
neighbours) and becomes at most one claim, plus an implied one where the contract asks for
it (a target "X% above current levels" also states the current price). Which kind and role
a figure has is decided by the registered rules of ``nlp.rules`` (one module per kind, asked
in the order ``nlp.rules.ORDER``); this module holds what they share: the figure's
``Context``, the vocabulary of move, rate and level words, and the helpers that sign
values and choose periods.

Statistics with no concrete period ("small caps average 35% after a first cut") are
skipped; historical moves stated as facts are kept, as the gold set does.
The subject is the instrument the sentence says the figure is about (``nlp/subjects.py``),
which is not always the nearest name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from nlp.linking import ANAPHORA, Mention
from nlp.numbers import Quantity
from nlp.periods import Period

RATE_SUBJECT = "FEDFUNDS"

_RATE_CTX = re.compile(
    r"\b(?:fedwatch|polymarket|basis[- ]points?|bps|rate[- ]cut\w*|rate[- ]hike\w*|cuts?|hikes?|"
    r"target range|funds rate|policy)\b|"
    r"\b(?:fed|fomc|federal reserve|rate[- ]cuts?|rate[- ]hikes?|interest rates?|"
    r"policy rate|fed funds|federal funds|easing|powell|central bank)\b|"
    # the policy rate without the Fed's name: "policymakers kept rates on hold", "the odds of
    # a hold", "a chance of rates dropping", "lowered the benchmark rate"
    r"\b(?:policymakers|benchmark (?:interest |lending )?rate|borrowing costs|cme)\b|"
    r"\b(?:odds|chances?|probabilit(?:y|ies)|likelihood)\s(?:of|that|for)\s(?:a\s|an\s|another\s)?"
    r"(?:rates?\b|no (?:change|move)\b|(?:[\w-]+\s){0,2}?(?:hold|pause|cut|hike|reduction)s?\b)|"
    # "a 22% chance of another move": the next policy move, after the last one
    r"\b(?:odds|chances?|probabilit(?:y|ies)|likelihood)\s(?:of|for)\sanother\s(?:[\w-]+\s)?"
    r"(?:move|change|adjustment)\b|"
    r"\b(?:target\s)?range\sat\s\d+(?:\.\d+)?\s?%\s?(?:-|–|to)\s?\d|"
    r"\b(?:cut|lowered|raised|hiked|trimmed|reduced|kept|held|left)\s(?:\w+\s)?rates\b|"
    r"\d%\s?(?:-|–|to)\s?\d+(?:\.\d+)?\s?%\s(?:target\s)?range\b",  # "a 3.25%-3.50% range"
    re.I,
)
_CUT = re.compile(r"\b(?:cut(?:s|ting)?|reduc\w*|lower\w*|eas\w*|trim\w*|slash\w*)\b", re.I)
_HIKE = re.compile(r"\b(?:hike[sd]?|hiking|rais\w*|increas\w*|tighten\w*)\b", re.I)
_HOLD = re.compile(r"\b(?:hold|held|unchanged|pause[sd]?|steady)\b", re.I)
_EXPECT = re.compile(
    r"\b(?:expect\w*|anticipat\w*|probabilit\w*|chances?|odds|likel\w*|pric(?:e|es|ed|ing) in|"
    r"fedwatch|polymarket|kalshi|futures|forecast\w*|project\w*|could|would|will|may|might|"
    r"should|bets?|betting|wager\w*|more (?:cuts?|hikes?|reductions?)|additional|further|next|"
    r"upcoming|pencil\w*|base case|scenario|outlook|"
    r"see(?:s|ing)?|calls? for|predict\w*|implied|consensus|(?:fully\s)?priced(?:\sin)?|"
    r"pricing|done deal|baked in|all but (?:certain|assured)|dot[- ]plot|dots|median dot|"
    # "a 25 bp cut is a long shot", "a hold is a near-certainty": odds said in words
    r"long[- ]shots?|near[- ]certaint(?:y|ies)|toss[- ]ups?|coin[- ]flips?|"
    # "markets now price about 75 basis points of easing": priced, with no "in"
    r"(?:markets?|traders?|investors?|futures)\s(?:now\s|currently\s|still\s|already\s)?"
    r"pric(?:e|es)(?!\saction))\b",
    re.I,
)
_PROB_AFTER = re.compile(r"^\s*(?:probability|chance|odds|likelihood|implied probability)\b", re.I)
_PROB_BEFORE = re.compile(
    r"\b(?:probability|chance|odds|likelihood)\s(?:of|at|is|was|to)\s*$"
    # "a cut is a long shot at 3%": the odds a phrase puts on it
    r"|\b(?:long[- ]shot|near[- ]certainty|toss[- ]up|coin[- ]flip)\s(?:at|of)\s"
    r"(?:about\s|just\s)?$",
    re.I,
)
_VALUATION = re.compile(
    r"\b(?:p/e|pe ratio|price[- ]to[- ]\w+|multiples?|valuations?|earnings|"
    r"sales|revenues?|book|ebitda|fair value|trades? at|trading at|forward|"
    r"trailing|nav|cheap\w*|expensive|discount|premium)\b",
    re.I,
)
_DISCOUNT = re.compile(r"^\s*(?:discount|premium)\b", re.I)
_VAL_TARGET = re.compile(
    r"\b(?:fair value|valuations?|p/e|multiples?|book|nav|net asset value|"
    r"peers|intrinsic|large[- ]caps?|s&p|estimates?)\b",
    re.I,
)
_EPS = re.compile(r"\b(?:eps|earnings|profit|per (?:diluted )?share|a share)\b", re.I)
_ESTIMATE = re.compile(
    r"\b(?:consensus|estimates?d?|expected|expectations?|forecast|projected|"
    r"analysts? (?:had )?(?:expected|anticipated|predicted)|guidance)\b",
    re.I,
)
_REVENUE = re.compile(r"\b(?:revenues?|revs?|sales|top line)\b", re.I)
_GROWTH = re.compile(
    r"\b(?:from|than) (?:a|the) year (?:earlier|ago|before)\b|\byear[- ]ago\b|"
    r"\b(?:growth|increase|rise|jump|grow\w*|expan\w*|year[- ]over[- ]year|y/y|"
    r"yoy|decline|contraction)\b",
    re.I,
)
_SURPRISE = re.compile(
    r"\b(?:beat\w*|surpass\w*|top(?:ped|ping)?|exceed\w*|miss\w*|"
    r"surprise)\b",
    re.I,
)
#: A company's margin; "margin debt", "margin calls", "a margin of safety" are not one.
_MARGIN = re.compile(
    r"\bmargins?\b(?!\s(?:debt|loans?|calls?|of safety|requirements?|accounts?|lending|"
    r"balances?|borrowing))",
    re.I,
)
_TARGET = re.compile(
    # "PO": a broker's price objective (capitals only)
    r"\b(?:targets?|price objective|objective|(?-i:POs?)|projects?|projected|forecasts?|"
    r"sees?|eyes|eyeing|"
    r"(?:could|may|might|would|will|to)\s(?:\w+\s)?(?:rise|climb|rally|reach|hit|test|revisit|"
    r"fall|drop|decline|slide|sink|run|move|push|trade|go|surge|soar|head|tumble|extend)\w*|"
    r"(?:drop|fall|decline|move|rally|run|push|slide|path|upside|downside|head(?:ed|ing)?)\s"
    r"(?:up\s|down\s|back\s)?(?:to|toward|towards)|upside (?:target|of)|reach(?:ing)?)\b",
    re.I,
)
_FORWARD = re.compile(
    r"\b(?:could|may|might|would|will|expect\w*|project\w*|forecast\w*|sees?|"
    r"targets?|potential|upside|downside|poised|next year|by year[- ]end|"
    r"over the next|in the coming)\b",
    re.I,
)
_LEVEL_ROLES: list[tuple[str, re.Pattern[str]]] = [
    (
        "moving_average",
        re.compile(
            r"\bmoving averages?\b|\b\d+[- ](?:day|week|hour)\b"
            # "a 6-week bull flag", "its 3-week range": a pattern's length, not an average
            r"(?!\s(?:bull|bear|flag|pennant|range|base|channel|wedge|triangle|consolidation|"
            r"highs?|lows?|streak|rally|trend|downtrend|uptrend)\b)|\b\d+-?[dw]?ma\b"
            # chart shorthand: "20ema", "50sma", "200 sma", "21-ema"
            r"|\b\d+[-\s]?[es]ma\b"
            r"|\b(?:sma|ema)\b",
            re.I,
        ),
    ),
    ("stop", re.compile(r"(?<!next\s)\bstop(?:[- ]loss)?\b", re.I)),
    (
        "entry",
        re.compile(
            r"\bentry|\bbuy(?:ing)? (?:zone|area|range)|\baccumulat\w*|\bbuy below"
            r"|\bbuy(?:ing)?\s(?:(?:the\s)?(?:dips?|pullbacks?|weakness)\s)?"
            r"(?:into|near|around|toward|towards|in)\s(?:the\s)?$"
            # a trade idea's side and fill: "Long RTY @ 2,410", "short IWM at $241"
            r"|\b(?:long|short|shorted|longed)\b(?!-term| term)[^.;,]{0,25}(?:@|\bat\b)\s*$"
            r"|\b(?:long|buy(?:ing)?|add(?:ing)?)\s(?:on|into)\s(?:a\s|the\s|any\s)?"
            r"(?:retest|pullback|dip|test)s?\s(?:of|to|toward|towards)\s*$",
            re.I,
        ),
    ),
    (
        "resistance",
        re.compile(
            r"\bresistance|\bceiling|\b(?:break(?:out|s|ing)?|broke(?: out)?) (?:above|through)|"
            r"\bcap(?:ped|s)?\b|\bhurdle|\boverhead",
            re.I,
        ),
    ),
    (
        "support",
        re.compile(
            r"\bsupport|\bfloor|\bbase\b|\b(?:break(?:down|s|ing)?|broke) (?:below|under)|"
            r"\blos(?:e|es|ing)\s(?:the\s)?\$?$|"
            r"\bclos\w* (?:back )?(?:below|under)\s*$|"
            r"\b(?:needs?|must|has) to hold|\bon a closing basis|\bhold(?:s)? "
            r"above|\bdefend",
            re.I,
        ),
    ),
    (
        "high",
        re.compile(
            r"\b(?:record|all-time|52-week|multi-year|year-to-date|intraday) (?:high|peak)"
            r"|\brecord (?:close|closing (?:high|level))|\bclosing high"
            r"|\btraded (?:above|as high as)|\bas high as|\btouch(?:ed|ing)|\bpeaked at"
            r"|\b(?:a|another|fresh|new)\s(?:fresh\s|new\s)?record\s\$?$"
            r"|\bpeak(?:ed)?\b|\bhigh of\b|\bhighs?\b",
            re.I,
        ),
    ),
    (
        "low",
        re.compile(
            r"\b(?:52-week|multi-year|year-to-date|intraday) low|\blow of\b|\blows?\b", re.I
        ),
    ),
    (
        "current",
        re.compile(
            r"\bclos(?:e|ed|es|ing)(?:\s\w+){0,2}\s(?:at|near|around)|"
            r"\bclos(?:e|ing) (?:price |level )?of|"
            r"\bsettled at|\bfinished at|\bended at|\btrad(?:es|ed|ing) (?:at|near|"
            r"around)|\bcurrently|\bsits? at|\bhover\w*|\bstands? at|\bremains? "
            r"within|\bquoted at|\bpriced at",
            re.I,
        ),
    ),
]
#: A trade plan's exit on the wrong side: "Invalidation below $217.80", "invalidated on a close
#: under 2,380", "SL 217.8" (devset rule 7: invalidation and stop-loss levels are ``stop``).
_INVALIDATION = re.compile(r"\binvalidat\w*|\bsl\b\s*[:@]?\s*$", re.I)
#: Level words with no role of their own: the level is the current one unless a role is named.
_GENERIC_LEVEL = re.compile(
    r"\blevels?\b|\barea\b|\bzones?\b|\bbands?\b|\brange of\b|\bmark\b|\bhandle\b", re.I
)
_ECON = re.compile(
    r"\b(?:unemployment|jobless|inflation|cpi|pce|gdp|payrolls?|consumer prices|"
    r"producer prices|wages?|core prices|retail sales)\b",
    re.I,
)
_RATE_WORDS = re.compile(r"\b(?:fed|rates?|yields?|treasur\w*)\b", re.I)
_YIELD = re.compile(r"\byields?\b|\btreasur(?:y|ies)\b|\bnotes?\b", re.I)
_PAYOUT_YIELD = re.compile(
    r"\b(?:dividend|sec|distribution|shareholder|earnings|free[- ]cash[- ]flow|fcf)\s+yields?\b",
    re.I,
)
_DISSENT = re.compile(
    r"\b(?:dissent\w*|wanted|favou?red|preferred|pushed for|argued for|"
    r"called for)\b",
    re.I,
)
_PROB_WORDS = re.compile(r"\b(?:probabilit\w*|chances?|odds|likelihood)\b", re.I)
_AFTER_MOVE = re.compile(
    r"^[\s,]*(?:(?:on|in|by)\s[\w'’]+(?:\s(?:trading|session))?\s)?"
    r"(?:to(?:\s(?:a\s)?(?:record|fresh|new)?\s?(?:close|high|closing high)"
    r"?(?:\sof)?)?|at)\s*$",
    re.I,
)
_FROM_HIGH = re.compile(
    r"^\s*(?:(?:drawdown|decline|drop|pullback|pull-back|correction|fall|slide|retreat)\s)?"
    r"(?:below|under|off|beneath|short of|shy of|away from|from)\s(?:its|the|their)\s"
    r"(?:[\w.'’-]+,?\s){0,4}(?:record|high|peak|all-time high|top|ath)\b",
    re.I,
)
_MOVE_UP = re.compile(
    r"\b(?:r[io]se|risen|rising|rises|in the green|gain\w*|surg\w*|advanc\w*|climb\w*|jump\w*|"
    r"rall(?:y|ied|ies|ying)|"
    r"soar\w*|(?<!gave\s)(?<!give\s)(?<!gives\s)(?<!giving\s)up|higher|add(?:ed|s|ing)?|increas\w*|rebound\w*|return\w*|outperform\w*|"
    r"pop\w*|spik\w*|leap\w*|tack\w* on|boost\w*|improv\w*|upside|run-up|recover\w*|"
    r"perform\w*|doubl\w*|tripl\w*|quadrupl\w*)\b",
    re.I,
)
_MOVE_DOWN = re.compile(
    r"\b(?:f[ae]ll|fallen|falling|falls|drop\w*|declin\w*|lost|los(?:e|es|ing|s)|slip\w*|"
    r"slid\w*|tumbl\w*|plung\w*|sank|sunk|sink\w*|shr[iau]nk\w*|tank(?:ed|ing|s)|"
    r"dived|diving|crater\w*|collaps\w*|skid\w*|sagg?(?:ed|ing|s)?|weaken\w*|"
    r"soften\w*|in the red|downside|gave back|giv(?:e|en|es|ing) back|down|lower|shed\w*|"
    r"retreat\w*|slump\w*|dip\w*|decreas\w*|eas(?:ed|es|ing)|"
    r"correct\w*|pullback|pulled back|sell-?off|underperform\w*|lag\w*|crash\w*|plummet\w*|"
    r"giv(?:e|en|es|ing) up|gave up|erase\w*|negative|drawdown|off|contract(?:ed|ing)|"
    r"(?:will|to|would|could|may|should)\scontract)\b",
    re.I,
)
_STAT = re.compile(  # "the Dow Jones Industrial / Transportation Average" is a name
    # and "its 200-day (moving) average" a price level: neither is a statistic
    r"\b(?:on average|(?<!industrial )(?<!transportation )(?<!utility )(?<!moving )"
    r"(?<!day )(?<!week )(?<!month )(?<!session )averag\w*(?!"
    r"\s(?:annual|annuali[sz]ed)\s(?:total\s)?"
    # "average annual total returns for the Russell 2000 as of Sept. 30": a fund's trailing
    # (annualised) returns over stated spans, not a statistic
    r"returns?(?:\s(?:for|of|as\sof|through|to|ended)\b|\s?[(:]))|typically|median|tends? to|"
    r"tended to)\b",
    re.I,
)
_SHARE_OF = re.compile(
    r"^\s(?:of\s(?:the|its|all|their|total|u\.s\.|us|s&p|assets|respondents|"
    r"investors|stocks|companies|small|large|GDP|revenue|sales|the index)|"
    r"(?:weight|weighting|stake|share|yield|dividend|tax|inflation|"
    r"unemployment|allocation|exposure))\b",
    re.I,
)
_NOT_MOVE = re.compile(
    r"\b(?:yields?|inflation|cpi|pce|unemployment|gdp|tariffs?|weight\w*|weighs|"
    r"stake|dividend|coupon|margin|tax|probability|chance|odds|allocation|"
    r"exposure|ownership|short interest|vote|survey|respondents|"
    r"(?:hit|win|success|strike) (?:rate|ratio)|accuracy)\b",
    re.I,
)
#: "trailing" as an adjective ("over the trailing twelve months", "a trailing P/E", "trailing
#: returns"): a span or a basis, not the verb of a relative move.
TRAILING_ADJECTIVE = (
    r"trailing\s(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|"
    r"eleven\b|twelve\b|twenty\b|thirty\b|sixty\b|ninety\b|[\w-]*(?:month|year|week|day|"
    r"quarter|session)|p/?e\b|multiples?\b|returns?\b|performance\b|basis\b|earnings\b|eps\b|"
    r"revenues?\b|sales\b|periods?\b|average\b|annual\w*|yields?\b|stop\b|dividends?\b|ttm\b)"
)
_RELATIVE = re.compile(
    r"\b(?:outperform\w*|underperform\w*|beat(?:ing|s|en)?|lagg?\w*|(?!"
    + TRAILING_ADJECTIVE
    + r")trail\w*|outpac\w*|outr[au]n\w*|"
    r"outdid|outdo\w*|topped|edged out|"
    r"ahead of|behind|ahead(?=\sby\s)|"
    # "the S&P 500 leads the Russell 2000 by 3.7 points" (not "gains led by tech")
    r"(?:leads?|led|leading)(?=\s[^.;]{0,60}?\bby\s(?:about\s|roughly\s|nearly\s|some\s|"
    r"over\s|more\sthan\s|almost\s|~)?(?:[\d.]|$)))\b",
    re.I,
)
_STREAK = re.compile(
    r"\b(?:consecutive|straight|successive|in a row|streak|each of|every|all of|running|"
    r"on the trot|on end|in succession)\b",
    re.I,
)
_HORIZON = re.compile(
    r"\b(?:by (?:the end of )?(?:year[- ]end|the end of (?:the|this|next) year|(?:19|20)\d\d|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?(?: \d{1,2}(?:st|nd|rd|th)?)?)|"
    r"(?:over|in|within) the (?:next|coming) (?:\d+|\w+)(?:[-–]\d+)? (?:days|weeks|months|"
    r"years|quarters)|(?:in|within) \d+(?:[-–]\d+)? (?:months|years)|next year|this year|"
    r"year[- ]end|end of (?:the|this|next) year|"
    r"through year[- ]end|at (?:its|the) (?:next|upcoming) meeting|in (?:19|20)\d\d)\b",
    re.I,
)
_INTRADAY = re.compile(
    r"\bintraday|\b(?:afternoon|morning|midday|early|late) trading|\bat (?:one|"
    r"its session) (?:point|high|low)",
    re.I,
)
_CLOSE = re.compile(r"\bclos(?:ed|e|ing)\b|\bsettled|\bfinished|\bended", re.I)
_TOTAL = re.compile(r"\btotal return", re.I)


@dataclass
class Draft:
    """A claim before it becomes a ``Claim`` record (sentence-relative offsets)."""

    kind: str
    subject: str
    unit: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    comparator: str = "eq"
    role: str | None = None
    benchmark: str | None = None
    basis: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    as_of: dt.date | None = None
    horizon: str | None = None
    probability: float | None = None
    note: str | None = None
    period_base: str | None = None  # "start_close" when the move is measured from the start day
    direction: int = 0  # +1 up / -1 down / 0 unknown: input to the stance rules
    rule: str | None = None  # the versioned name of the rule that read it
    q_start: int = 0
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class Context:
    """What the rules may look at for one quantity."""

    text: str  # the sentence
    q: Quantity
    left: str  # words between the previous quantity (or sentence start) and this one
    right: str  # words up to the next quantity (at most a short window)
    near_left: str  # the last few words before the quantity
    near_right: str  # the first few words after it
    wide_left: str = ""  # up to 140 characters before it, across other quantities
    prev_unit: str | None = None  # the unit of the quantity before it in the sentence
    mention_before: bool = False  # an instrument is named right before it ("IWM at 249")
    mention_adjacent: bool = False  # a name, then only spaces, then it ("Dow Jones 47,898.01")
    inherit_direction: int = 0  # "fell 3%, or 74 points": the second figure moves the same way
    rate_sentence: bool = False  # the sentence is about the Fed or rates
    #: the instruments the sentence names (offsets in ``text``)
    names: tuple[Mention, ...] = ()

    @cached_property
    def lt(self) -> str:
        """``left`` in lower case (what most rules match)."""
        return self.left.lower()

    @cached_property
    def rt(self) -> str:
        """``right`` in lower case."""
        return self.right.lower()

    @cached_property
    def window(self) -> str:
        """The words around the figure: 70 characters before it, 40 after."""
        return self.lt[-70:] + " " + self.rt[:40]

    @cached_property
    def yields(self) -> bool:
        """A yield or Treasury is named just before the figure."""
        near = self.lt[-60:]
        # a dividend or SEC yield is what a stock or fund pays, not a bond's yield
        return bool(_YIELD.search(near)) and not _PAYOUT_YIELD.search(near)


def make_context(text: str, qs: list[Quantity], i: int) -> Context:
    q = qs[i]
    lo = qs[i - 1].end if i > 0 else 0
    hi = qs[i + 1].start if i + 1 < len(qs) else len(text)
    left = text[max(lo, q.start - 90) : q.start]
    right = text[q.end : min(hi, q.end + 60)]
    return Context(
        text,
        q,
        left,
        right,
        text[max(0, q.start - 30) : q.start],
        text[q.end : q.end + 28],
        text[max(0, q.start - 140) : q.start],
        qs[i - 1].unit if i > 0 else None,
    )


def signed(q: Quantity, direction: int) -> tuple[float | None, str]:
    """Apply a direction to the value; a negative value flips gt/lt ("down more than 10%")."""
    value, comp = q.value, q.comparator
    if value is None:
        return None, comp
    if q.negative or direction < 0:
        value = -abs(value)
        comp = {"gt": "lt", "gte": "lte", "lt": "gt", "lte": "gte"}.get(comp, comp)
    return value, comp


#: Where the words after a figure stop describing its own move: "to grow 18% in 2026, after a
#: decline of 3%" is a rise, whatever the next clause's decline.
_RIGHT_CLAUSE_END = re.compile(r"[;,]\s(?:after|while|but|following|before|versus|against)\b")


def direction_of(ctx: Context) -> int:
    """Up (+1), down (-1) or unknown (0) from the nearest move word around the quantity."""
    best: tuple[int, int] | None = None  # (distance, dir)
    longest = 0  # on a tie, the longer phrase wins: "gave up 31 points" is down, not "up"
    for pat, d in ((_MOVE_UP, 1), (_MOVE_DOWN, -1)):
        for m in pat.finditer(ctx.left[-60:]):
            dist = len(ctx.left[-60:]) - m.end()
            size = m.end() - m.start()
            if best is None or dist < best[0] or (dist == best[0] and size > longest):
                best, longest = (dist, d), size
        m2 = pat.search(_RIGHT_CLAUSE_END.split(ctx.right[:30], maxsplit=1)[0])
        if m2 and (best is None or m2.start() + 2 < best[0]):
            best = (m2.start() + 2, d)
    if ctx.q.negative:
        return -1
    arrow = _ARROW_BEFORE.search(ctx.wide_left[-30:])
    if arrow:  # "2,377.90 ▼ 18.40 (0.77%)": a quote row's arrow signs the changes after it
        return -1 if arrow["a"] in "▼↓🔻⬇📉⇩⏬" else 1
    if ctx.text[max(0, ctx.q.start - 1) : ctx.q.start] == "+":
        return 1  # an explicit sign beats the words around it
    side = _SIDE_OF_START.match(ctx.right)
    if side and best is None:
        # "2.8% below where it started November": a distance from a starting point, signed
        # by its side when no move word says more
        return -1 if side.group(1).lower() in {"below", "under", "lower than"} else 1
    if re.search(r"(?:^|[\s(])[-−]$", ctx.text[max(0, ctx.q.start - 2) : ctx.q.start]):
        return -1  # "Dow -32.46 at 43,428.75": a minus glued to the figure, not a dash
    return best[1] if best else 0


#: "... below / above where it started (began, opened, stood)": the side of a starting point.
_SIDE_OF_START = re.compile(
    r"^\s?(below|under|lower than|above|over|higher than)\s(?:where|what)\s(?:it|they|the\s\w+)\s"
    r"(?:started|began|opened|stood|was|were|ended)\b",
    re.I,
)


#: An up or down arrow, then only figures, signs and brackets up to the figure; the emoji
#: arrows and trend charts of social posts ("⬇️ 0.7%", "📈 +2.1%") carry an optional
#: variation selector (U+FE0F).
_ARROW_BEFORE = re.compile(r"(?P<a>[▲▼↑↓🔺🔻⬆⬇📈📉⇧⇩⏫⏬])\ufe0f?[\s\d.,()$%+-]*$")


def level_role(left: str, right: str) -> str | None:
    """The price-level role the nearest level word gives (None: not a level).

    Words after the figure count only up to the next comma, and weigh less than words
    before it ("support sits near $231, resistance is ...": support).
    """
    right = re.split(r"[,;]", right, maxsplit=1)[0]
    if _INVALIDATION.search(left[-60:]) or re.match(
        r"\s*(?:would\s|will\s|then\s)?(?:invalidat|negat)\w*", right, re.I
    ):
        # "invalidated on a daily close below $217.80", "a close under 224 invalidates the
        # setup": where the idea is wrong
        return "stop"
    if re.match(r"\s*(?:close|closing price|finish)\b", right, re.I):
        right = ""  # "IWM's $237.48 close sits under its 50-day average": a close, not the MA
        if not any(pat.search(left) for _, pat in _LEVEL_ROLES):
            return "current"
    best: tuple[int, str] | None = None
    for role, pat in _LEVEL_ROLES:
        for m in pat.finditer(left):
            dist = len(left) - m.end()
            if best is None or dist < best[0]:
                best = (dist, role)
        m2 = pat.search(right)
        if m2 and (best is None or m2.start() + 8 < best[0]):
            best = (m2.start() + 8, role)
    if best is None and (_GENERIC_LEVEL.search(left[-40:]) or _GENERIC_LEVEL.search(right[:25])):
        return "current"
    if best is not None and best[1] == "current":
        return copula_role(left) or "current"
    return best[1] if best else None


def copula_role(left: str) -> str | None:
    """The role named before a verb that only places the level: "IWM's 200-day moving
    average sits at $221", "resistance stands at 2,480" (the noun it is said of, in the same
    clause); None when no such verb comes right before the figure or no role is named."""
    if not _COPULA_AT.search(left):
        return None
    clause = re.split(r"[,;:]|\s[—–]\s", left)[-1]
    named = [
        (m.end(), role)
        for role, pat in _LEVEL_ROLES
        if role != "current"
        for m in pat.finditer(clause)
    ]
    return max(named)[1] if named else None


#: Verbs that only say where a level is ("sits at", "stands at", "is at"), right before the figure.
_COPULA_AT = re.compile(
    r"\b(?:sits?|stands?|is|are|remains?|lies|lie|comes?\sin|rests?)\s(?:now\s)?"
    r"(?:at|near|around|just\s(?:above|below|under))\s(?:about\s|roughly\s|around\s)?\$?$",
    re.I,
)


def horizon_of(text: str) -> str | None:
    m = _HORIZON.search(text)
    return m.group(0) if m else None


#: A close the move is measured FROM ("up 70% since last Friday's close", "above the prior
#: close"): it says nothing of where the move ends (an intraday snapshot may end it).
_BASE_CLOSE = re.compile(
    r"\b(?:since|from|over|above|below|vs\.?|versus|than|compared\s(?:with|to)|relative\sto)"
    r"\s(?:[\w'’.-]+\s){0,4}?clos(?:e|ing)(?:\s(?:price|level|print))?\b"
    r"|\b(?:previous|prior)\s(?:day['’]s\s|session['’]s\s)?close\b",
    re.I,
)


def basis_of(text: str) -> str | None:
    if _TOTAL.search(text):
        return "total_return"
    if _INTRADAY.search(text):
        return "intraday"
    if _CLOSE.search(_BASE_CLOSE.sub(" ", text)):
        return "close"
    return None


def benchmark_of(text: str, q: Quantity, mentions: list[Mention], subject: str) -> str | None:
    """For relative claims: the name after the out/under-perform verb."""
    verbs: list[re.Match[str]] = list(_RELATIVE.finditer(text[: q.end + 60]))
    if not verbs:
        # "6.8 percentage points less than large caps": the comparison after the spread
        than = re.compile(r"\b(?:less|more|lower|higher|better|worse)\sthan\b", re.I)
        compared = than.search(text, q.end, q.end + 40)
        if compared is None:
            return None
        verbs = [compared]
    # the verb before the figure when there is one ("outperformed the Nasdaq by 3.07 points,
    # the largest outperformance since ...": not the record's noun after it)
    before = [v for v in verbs if v.end() <= q.start]
    m = before[-1] if before else verbs[-1]
    after = [x for x in mentions if x.start >= m.end() and x.symbol != subject]
    if after:
        return after[0].symbol
    return None


#: Where a coordinated clause starts: ", and IonQ slid", ", while ...", "; the index".
_COORDINATE = re.compile(r",\s(?:and|but|while|whereas)\s|;|\s[—–]\s")


def own_clause(left: str) -> str:
    """The words before a figure from the start of its own coordinated clause: a kind word
    in the clause before ("lifted its revenue forecast, and IonQ slid 4.2%") is not its."""
    return _COORDINATE.split(left)[-1]


#: Where one clause ends and the next begins, between a period and a figure.
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s[—–|]\s")


def _clause_verdict(p: Period, qs: list[Quantity], i: int, text: str) -> str | None:
    """Whose clause period ``p`` stands in, seen from figure ``i``: "next" when a clause break
    lies between the figure and a period after it that has a figure of its own clause
    ("gained 3.0%, and for the quarter it rose 12.0%"); "own" when no break lies between
    them while a nearer figure stands across one and none nearer within the clause (the
    level a move ended at is no rival: "up 0.6% at 2,512 ... on Wednesday, after ... 1.9% on
    Tuesday"); None: let the distances decide."""
    if not text:
        return None
    q = qs[i]

    def broken(a: int, b: int) -> bool:
        return _CLAUSE_BREAK.search(text, min(a, b), max(a, b)) is not None

    others = [
        o
        for j, o in enumerate(qs)
        if j != i and not p.start <= o.start < p.end and not _ended_at(q, o, text)
    ]
    if p.start >= q.end and broken(q.end, p.start):
        if any(o.start >= p.end and not broken(p.end, o.start) for o in others):
            return "next"
        return None
    if broken(min(p.end, q.end), max(p.start, q.start)):
        return None
    d = _dist(p, q)
    near = [o for o in others if _dist(p, o) < d]
    if not near:
        return None
    if all(broken(min(p.end, o.end), max(p.start, o.start)) for o in near):
        return "own"
    return None


def choose_period(
    periods: list[Period], qs: list[Quantity], i: int, text: str = ""
) -> Period | None:
    """The period expression closest to quantity ``i`` among those nearer to it than to others."""
    q = qs[i]
    best: tuple[int, Period] | None = None
    for p in periods:
        if p.anchor:
            continue
        clause = _clause_verdict(p, qs, i, text)
        if clause == "next":
            continue  # "gained 3.0%, and for the quarter it rose 12.0%": the quarter's 12.0%
        if clause == "own":
            # "down 3.0% for the month of November, after gaining 1.7%": the figure in the
            # period's own clause, whatever figure stands nearer across the break
            if best is None or _dist(p, q) < best[0]:
                best = (_dist(p, q), p)
            continue
        d = _dist(p, q)
        between = text[min(p.end, q.end) : max(p.start, q.start)]
        if ";" in between:
            continue
        # "hit a record of 2,466 on Oct. 15 and has since pulled back 3%": "has since" looks
        # back from the clause it opens, whatever figure stands before it
        looks_back = (
            bool(text)
            and p.kind == "since"
            and q.start >= p.end
            and re.match(r"(?:ha(?:s|ve|d)\b|since\sth)", text[p.start : p.end], re.I)
        )
        # a number inside the period ("since the Fed's Sept. 17 cut", "a four-session
        # streak") is part of it, not a figure competing for it
        others = [
            _dist(p, o)
            for j, o in enumerate(qs)
            if j != i
            and not p.start <= o.start < p.end
            and not (looks_back and o.start < p.end)
            and not _ended_at(q, o, text)
        ]
        # "From its April low of 1,732.99, the index has rallied 46%": a span that opens the
        # sentence governs its main clause, whatever figure its own phrase holds
        fronted = (
            bool(text)
            and not text[: p.start].strip()
            and re.match(r"(?:since|from)\b", text[p.start : p.end], re.I)
        )
        if others and min(others) < d and not fronted:
            continue
        if best is None or d < best[0]:
            best = (d, p)
    return best[1] if best else None


#: A move and where it ended: "rose 1.2% to 2,400.5", "was up 0.6% at $251.10".
_ENDED_AT = re.compile(r"\s*(?:to|at)\s(?:a\s(?:record\s|fresh\s|new\s)?)?\$?", re.I)


def _ended_at(q: Quantity, o: Quantity, text: str) -> bool:
    """Whether ``o`` is the level move ``q`` ended at: the two state one moment, so the
    level does not take the move's period from it ("IWM was up 0.6% at $251.10 in morning
    trading on Wednesday": Wednesday is the move's day)."""
    return (
        bool(text)
        and q.unit in {"pct", "points"}
        and o.unit in {"usd", "points", "bare"}
        and q.end <= o.start
        and _ENDED_AT.fullmatch(text[q.end : o.start]) is not None
    )


def anchor_for(periods: list[Period], qs: list[Quantity], i: int) -> Period | None:
    q = qs[i]
    for p in periods:
        if not p.anchor or p.kind == "dateline":  # a dateline pins the article, not a figure
            continue
        d = _dist(p, q)
        if all(_dist(p, o) >= d for j, o in enumerate(qs) if j != i):
            return p
    return None


def _dist(p: Period, q: Quantity) -> int:
    if p.end <= q.start:
        return q.start - p.end
    if p.start >= q.end:
        return p.start - q.end
    return 0


def anaphora_kinds(text: str) -> set[str]:
    kinds: set[str] = set()
    for pat, k in ANAPHORA:
        if pat.search(text):
            kinds |= k
    return kinds
