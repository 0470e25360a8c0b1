"""Rules for performance: moves, returns, point changes, streaks, relative performance and
distances from a high."""

from __future__ import annotations

import re

from nlp.claims import (
    _FROM_HIGH,
    _MOVE_DOWN,
    _MOVE_UP,
    _NOT_MOVE,
    _RELATIVE,
    _SHARE_OF,
    _SIDE_OF_START,
    _STAT,
    _STREAK,
    Context,
)
from nlp.numbers import DOLLAR_CHANGE
from nlp.rules.registry import NO_CLAIM, Outcome, rule

_CHANGE_UNITS = {"pct", "pp", "bp"}


def _moved(text: str) -> bool:
    return bool(_MOVE_UP.search(text) or _MOVE_DOWN.search(text))


@rule("claims.performance.yield_move.v2")
def yield_move(ctx: Context) -> Outcome:
    """ "the 10-year yield fell 12 basis points": a yield's move."""
    if ctx.q.unit in {"bp", "pct"} and ctx.yields:
        if _YIELD_VERB.search(ctx.lt[-30:]):
            return NO_CLAIM  # "fetches 11 times earnings and yields 1.5%": a payout, no move
        return ("performance", None)
    return None


#: "yields 1.5%", "yielding about 4%": what something pays (a level), not a yield's move.
_YIELD_VERB = re.compile(
    r"\byield(?:s|ing)\s(?:about\s|roughly\s|around\s|nearly\s|just\s|over\s|more than\s|"
    r"close to\s|~)?$"
)


@rule("claims.performance.relative_points.v1")
def relative_points(ctx: Context) -> Outcome:
    """ "outran SPY by 5.1 points"."""
    lt = ctx.lt
    if ctx.q.unit == "points" and (
        (
            _RELATIVE.search(lt[-50:])
            and re.search(r"\bby\s*(?:about|roughly|nearly|some|over)?\s*$", lt[-20:])
        )
        # "returned 12.6%, 1.4 points ahead of its growth counterpart": the gap, then the side
        or re.match(r"^\s?(?:ahead of|behind|better than|worse than)\s", ctx.rt)
    ):
        return ("performance", "relative")
    return None


@rule("claims.performance.point_move.v1")
def point_move(ctx: Context) -> Outcome:
    """ "rose 38 points": a move, whatever follows."""
    if ctx.q.unit == "points" and _moved(ctx.lt[-25:]):
        return ("performance", None)
    return None


@rule("claims.performance.point_move_wide.v1")
def point_move_wide(ctx: Context) -> Outcome:
    """ "the index gave back some of its gains, losing 41 points": a move word further back."""
    if ctx.q.unit == "points" and _moved(ctx.lt[-40:]):
        return ("performance", None)
    return None


@rule("claims.performance.streak.v1")
def streak(ctx: Context) -> Outcome:
    """ "five consecutive monthly gains", "seven sessions in a row"."""
    q = ctx.q
    if (
        q.unit == "count"
        and _STREAK.search(q.text)
        and q.what
        and re.match(
            r"(?:month|week|day|session|quarter|year|gain|loss|decline|advance|rise|drop|fall|"
            r"up\s|down\s)",
            q.what,
        )
    ):
        return ("performance", "streak")
    return None


@rule("claims.performance.other_count.v1")
def other_count(ctx: Context) -> Outcome:
    """Any other count ("11 sectors", "three meetings") states no claim."""
    return NO_CLAIM if ctx.q.unit == "count" else None


_THRESHOLD_AFTER = re.compile(
    r"^[^.;!?]{0,60}?\b(?:is|are|marks?|defines?)\s(?:the\s|an?\s)?(?:[\w-]+\s){0,2}?"
    r"(?:definition|threshold|yardstick)\s(?:of|for)\b"
    r"|^[^.;!?]{0,60}?\b(?:qualif(?:y|ies)|counts?)\sas\san?\s(?:[\w-]+\s)?"
    r"(?:bear\smarket|bull\smarket|correction|crash)\b",
    re.I,
)
_THRESHOLD_BEFORE = re.compile(
    r"\b(?:definition\sof\san?\s(?:[\w-]+\s)?(?:bear\smarket|bull\smarket|correction)"
    r"|(?:bear\smarket|bull\smarket|correction)\sis\s(?:usually\s|commonly\s)?defined)"
    r"[^.;!?]{0,40}$",
    re.I,
)


@rule("claims.performance.threshold_definition.v1")
def threshold_definition(ctx: Context) -> Outcome:
    """ "A 20% decline from a peak is the usual definition of a bear market", "a correction
    is commonly defined as a 10% drop": a definition's threshold is no move of anything
    (devset rule 1: index definitions are no claims)."""
    if ctx.q.unit != "pct":
        return None
    if _THRESHOLD_AFTER.match(ctx.rt) or _THRESHOLD_BEFORE.search(ctx.lt[-100:]):
        return NO_CLAIM
    return None


@rule("claims.performance.from_high.v1")
def from_high(ctx: Context) -> Outcome:
    """ "12% below its record high", "within 5% of its peak"."""
    if ctx.q.unit != "pct":
        return None
    if _FROM_HIGH.match(ctx.rt) or (
        re.search(r"\bwithin\s*$", ctx.lt[-8:])
        and re.match(r"^\s*of\s(?:its|the|their)\s(?:[\w-]+\s){0,3}(?:record|high|peak)", ctx.rt)
    ):
        return ("performance", "from_high")
    return None


@rule("claims.performance.disclaimer.v1")
def disclaimer(ctx: Context) -> Outcome:
    """ "an investment in the fund may lose 100% of its value", "you could lose up to 50% of
    your investment": a risk disclaimer's hypothetical loss is no move of anything."""
    if (
        ctx.q.unit == "pct"
        and _MAY_LOSE.search(ctx.lt[-40:])
        # the investor loses (a forecast that a stock "could lose 20% of its value" is a target)
        and (ctx.q.value == 100 or _INVESTOR.search(ctx.text[: ctx.q.start][-80:]))
        and re.match(
            r"^\s?of\s(?:its|their|your|the|an?)\s(?:\w+\s)?(?:value|investment|"
            r"principal|money|capital)\b",
            ctx.rt,
        )
    ):
        return NO_CLAIM
    return None


_INVESTOR = re.compile(r"\b(?:investments?|investors?|you|your|shareholders?|holders?)\b", re.I)
_MAY_LOSE = re.compile(
    r"\b(?:may|could|can|might|will)\s(?:\w+\s){0,2}?lose\s(?:up\sto\s|all\sor\s|as\smuch\sas\s)?$"
)


@rule("claims.performance.not_a_move.v1")
def not_a_move(ctx: Context) -> Outcome:
    """A share, weight, dividend or survey figure is no move, unless a move word is nearer.

    "where banks are a big weight, fell 2.09%": the move is nearer, so it is a move.
    """
    if ctx.q.unit not in _CHANGE_UNITS:
        return None
    lt = ctx.lt[-30:]
    not_move = [m.end() for m in _NOT_MOVE.finditer(lt)]
    moves = [m.end() for p in (_MOVE_UP, _MOVE_DOWN) for m in p.finditer(lt)]
    # "(IWM -0.9%) as yields rose": a signed figure is its own move word (not against a
    # non-move noun before it: "10-year yield +0.05%" stays no move)
    signed = ctx.text[ctx.q.start : ctx.q.start + 1] in {"-", "+", "−"} or bool(
        _GLUED_SIGN.search(ctx.text[max(0, ctx.q.start - 2) : ctx.q.start])
    )
    closer_move = bool(not_move and moves and max(moves) > max(not_move))
    after = _NOT_MOVE.search(ctx.rt[:25])
    if (
        (moves or signed)
        and not not_move
        and after
        and _NEXT_CLAUSE.search(ctx.rt[: after.start()])
    ):
        # "fell 1.2% on Wednesday as yields rose": the yields are the next clause's
        return None
    own_value = moves and _OF_OWN_VALUE.match(ctx.rt)  # "lost 2% of its value": a move
    if (_SHARE_OF.match(ctx.rt) and not own_value) or (
        not closer_move and _NOT_MOVE.search(lt + " " + ctx.rt[:25])
    ):
        return NO_CLAIM
    return None


_OF_OWN_VALUE = re.compile(r"^\s?of\s(?:its|their)\s(?:market\s)?(?:value|worth)\b")


#: Words that start another clause after a figure ("..., as yields rose", "while inflation"),
#: or the parenthesis that closes the figure's aside ("(IWM -0.9%) as yields rose").
_NEXT_CLAUSE = re.compile(r",|;|\)|\b(?:as|while|after|because|when|amid|and|with|despite)\b", re.I)
#: A sign glued to the figure: "-0.9%", "+1.2%", "(−0.4%" (a dash with a space is no sign).
_GLUED_SIGN = re.compile(r"(?:^|[\s(\[])[-+−]$")


#: What analysts expected, heading the figure: "FactSet consensus up 2.0%", "the Street
#: estimate of +3%", "consensus called for a 1.5% rise".
_ESTIMATE_HEAD = re.compile(
    r"\b(?:consensus|estimates?|expectations?|forecasts?|guidance|outlook)"
    r"(?:\s(?:was|is|had|of|for|calls?\sfor|called\sfor|sees?|saw|looked\sfor|at))?"
    r"(?:\s(?:an?\s)?(?:up|down|rise|gain|increase|decline|drop|fall|growth)(?:\sof)?)?"
    r"\s*[+-]?$",
    re.I,
)
#: A company metric heading the figure ("revs +1.2% yr/yr", "same-store sales up 2%") or
#: named right after it ("a 500% increase in new orders", "12% revenue growth").
_METRIC_WORDS = (
    r"(?:revs|revenues?|sales|comps|comparable\ssales|same-store\ssales|eps|earnings|"
    r"profits?|net\sincome|orders|bookings|backlog|shipments|deliveries|margins?|ebitda|"
    r"cash\sflow|subscribers|users|customers|traffic|volumes?|market\sshare)"
)
_METRIC_HEAD = re.compile(
    rf"\b{_METRIC_WORDS}(?:\s(?:has\s|have\s)?(?:were|was|are|is|rose|fell|grew|increased|"
    r"decreased|declined|dropped|climbed|gained|jumped)(?:\sby)?)?"
    r"(?:\s(?:up|down|higher|lower))?\s*[+-]?$",
    re.I,
)
_METRIC_NAMED_AFTER = re.compile(
    rf"^\s?(?:(?:y/y|yoy|yr/yr|q/q)\s)?(?:(?:increase|rise|jump|gain|growth|decline|drop|fall)"
    rf"\s(?:in|of)\s(?:[\w-]+\s){{0,2}}?{_METRIC_WORDS}\b|"
    rf"{_METRIC_WORDS}\s(?:growth|increase|decline|gain|drop))",
    re.I,
)


@rule("claims.performance.policy_level.v1")
def policy_level(ctx: Context) -> Outcome:
    """ "the Fed's move to a 3.50% range", "cuts that took the funds rate to 3.75%": a policy
    rate's level (the rate rules read it when they can) is never a stock's or index's move."""
    if ctx.q.unit != "pct" or not ctx.rate_sentence:
        return None
    if re.match(r"^\s?(?:target\s)?range\b", ctx.rt) or re.search(
        r"\b(?:fed|fomc|federal reserve|central bank)(?:['’]s)?\s(?:\w+\s){0,2}?"
        r"(?:move|moves|moved|shift|cut|cuts|hike|hikes|step)\s(?:\w+\s){0,2}?to\s(?:a\s)?$",
        ctx.lt[-60:],
    ):
        return NO_CLAIM
    return None


@rule("claims.performance.metric_not_move.v1")
def metric_not_move(ctx: Context) -> Outcome:
    """ "same-store sales up 1.1%; FactSet consensus up 2.0%", "revs +1.2% yr/yr", "a 500%
    increase in new orders": an analysts' estimate or a company metric heads the figure, so
    it is no move of a stock (a fundamental rule, asked first, may have read it)."""
    if ctx.q.unit not in {"pct", "pp"}:
        return None
    clause = re.split(r"[;:,]|\b(?:and|while|but|as)\b", ctx.left)[-1]
    if _ESTIMATE_HEAD.search(clause[-40:]) or _METRIC_HEAD.search(clause[-30:]):
        return NO_CLAIM
    if _METRIC_NAMED_AFTER.match(ctx.right) or _DOUBLED_WHAT.match(ctx.right):
        return NO_CLAIM
    return None


#: "Cantor doubled its price target", "the company tripled its dividend": what was doubled
#: is a target, a payout or a metric, not the stock.
_DOUBLED_WHAT = re.compile(
    r"^\s?(?:its|their|the|his|her)\s(?:[\w-]+\s){0,2}?(?:price\s)?(?:targets?|dividends?|"
    r"payouts?|stake|buyback|forecasts?|estimates?|guidance|outlook|revenues?|sales|earnings|"
    r"eps|profits?|orders|capacity|workforce|headcount|share\scount|shares\soutstanding|"
    # "the ECB has halved its deposit rate", "halved its losses", "doubled its position"
    r"rates?|losses|deficit|debt|holdings?|position|exposure)\b",
    re.I,
)


#: A dollar figure at the end of the text before a percentage: "$1.12", "45 cents".
_DOLLAR_FIGURE_END = re.compile(r"(?:US)?\$\s?[\d.,]+$|\b[\d.]+\s?cents?$", re.I)


@rule("claims.performance.dollars_restated.v1")
def dollars_restated(ctx: Context) -> Outcome:
    """ "were down $1.12, or 3.4%", "off $2.31 (5.97%)", "a gain of $6.15 or 4.33%": the
    percentage restates a move in dollars (no claim itself), so it is the move; the dollar
    change's verb signs it (``nlp.extract``)."""
    if ctx.q.unit != "pct" or ctx.prev_unit != "usd":
        return None
    if not re.fullmatch(r",?\s*(?:or\s*)?\(?\s*", ctx.left):
        return None
    before = ctx.wide_left[: len(ctx.wide_left) - len(ctx.left)].rstrip()
    m = _DOLLAR_FIGURE_END.search(before)
    if m and DOLLAR_CHANGE.search(before[max(0, m.start() - 40) : m.start()]):
        return ("performance", None)
    return None


@rule("claims.performance.statistic.v2")
def statistic(ctx: Context) -> Outcome:
    """ "small caps average 35% after a first cut": a statistic with no concrete period."""
    if ctx.q.unit not in _CHANGE_UNITS:
        return None
    for m in _STAT.finditer(ctx.text):
        t = ctx.text
        if _AVERAGE_OF_A_LEVEL_AFTER.match(t[m.end() : m.end() + 30]) or re.search(
            r"(?:\d+[- ]day|moving|exponential)\s$", t[max(0, m.start() - 15) : m.start()], re.I
        ):
            continue  # "a 20% discount to its five-year average multiple", "its 50-day average"
        return NO_CLAIM
    return None


#: "average" naming a level or a multiple, not a statistic of moves: "its five-year average
#: multiple", "the average price target" (a change against an average volume stays none).
_AVERAGE_OF_A_LEVEL_AFTER = re.compile(
    r"^\s(?:[\w-]+\s)?(?:multiples?|p/e|pe\b|valuations?|price|rating|(?:price\s)?targets?)",
    re.I,
)


@rule("claims.performance.relative.v1")
def relative(ctx: Context) -> Outcome:
    """ "outperformed the S&P 500 by 6 percentage points"."""
    lt = ctx.lt
    if (
        ctx.q.unit in _CHANGE_UNITS
        and _RELATIVE.search(lt[-60:])
        and re.search(r"\bby\s*(?:about|roughly|nearly|some|over|more than|almost)?\s*$", lt[-25:])
    ):
        return ("performance", "relative")
    return None


@rule("claims.performance.relative_pp.v1")
def relative_pp(ctx: Context) -> Outcome:
    """ "4 percentage points better than large caps"."""
    if ctx.q.unit == "pp" and (
        _RELATIVE.search(ctx.text)
        or re.match(
            r"^\s*(?:better|worse|ahead|behind|of (?:out|under)performance|"
            # "roughly 6.8 percentage points less than large caps"
            r"(?:less|more|lower|higher) than (?:the |that of |those of )?(?!expected|forecast|"
            r"estimated|consensus|a year|last|the prior|the previous))",
            ctx.rt,
        )
        # a metric line: "- Relative to S&P 500 (YTD): +6.3 percentage points"
        or re.match(r"^\s*(?:[-–•*]\s*)?(?:relative\sto|vs\.?|versus)\s", ctx.text, re.I)
    ):
        return ("performance", "relative")
    return None


@rule("claims.performance.move.v1")
def move(ctx: Context) -> Outcome:
    """ "the Russell 2000 surged 12.4%", "+1.8%": a signed figure or a move word nearby."""
    q = ctx.q
    if q.unit not in _CHANGE_UNITS:
        return None
    # a minus is part of the figure's own span ("-16%"); a plus sign sits just before it
    signed_figure = q.negative or ctx.text[max(0, q.start - 1) : q.start] in {"+", "-", "−"}
    if not signed_figure and q.unit == "pct" and _MOVED_TO.search(ctx.lt[-40:]):
        return None  # "mortgage rates eased to 6.2%": where a rate ended, not a move's size
    if signed_figure or _moved(ctx.lt[-60:] + " " + q.text + " " + ctx.rt[:25]):
        return ("performance", None)
    if _SIDE_OF_START.match(ctx.right):
        return ("performance", None)  # "4% above where it began the year": a move since then
    return None


#: A move verb, then "to": the percentage after it is a level reached ("fell to 6.2%").
_MOVED_TO = re.compile(
    r"\b(?:f[ae]ll|fallen|falls|dropped|drops|declined|declines|eased|eases|slipped|slid|"
    r"sank|rose|risen|rises|climbed|climbs|jumped|edged (?:up|down|higher|lower)|ticked "
    r"(?:up|down|higher|lower)|increased|decreased|moved|inched (?:up|down|higher|lower))"
    r"\s(?:back\s)?to\s(?:about\s|around\s|roughly\s|nearly\s|~)?$"
)


@rule("claims.performance.period_return.v1")
def period_return(ctx: Context) -> Outcome:
    """ "IonQ is 60% year-to-date", "18% since the low": a return over a named period."""
    if ctx.q.unit in _CHANGE_UNITS and re.search(
        r"\b(?:since|year[- ]to[- ]date|ytd|in q[1-4]|this year|so far)\b",
        ctx.lt[-30:] + " " + ctx.rt[:30],
    ):
        return ("performance", None)
    return None


#: A trailing span's label right before its figure: "1 year 10.8%", "3-yr: 15.2%", "10 years
#: annualized 9.8%", a calendar year "2023 16.9%"; or after it in brackets: "10.8% (1 year)".
_SPAN_LABEL_BEFORE = re.compile(
    r"(?:^|[\s,;:(|])(?:(?:\d{1,2}|one|three|five|ten)[\s-](?:years?|yrs?\.?|months?|mos?\.?)"
    r"(?:\s(?:return|annuali[sz]ed|avg\.?|average))?|(?:19|20)\d\d)\s?:?\s?$"
)
_SPAN_LABEL_AFTER = re.compile(
    r"^\s?\((?:\d{1,2}|one|three|five|ten)[\s-](?:years?|yrs?\.?|months?|mos?\.?)\)"
)
#: The sentence speaks of returns: its labelled figures are returns over those spans.
_RETURNS_CUE = re.compile(r"\b(?:returns?|performance|annuali[sz]ed|trailing)\b", re.I)


@rule("claims.performance.span_label.v1")
def span_label(ctx: Context) -> Outcome:
    """ "Average annual total returns as of Sept. 30: 1 year 10.8%, 3 years 15.2%", "15.2%
    (3 years)": a fund page's trailing returns said in a line, each under its span."""
    if ctx.q.unit != "pct" or not _RETURNS_CUE.search(ctx.text):
        return None
    if _SPAN_LABEL_BEFORE.search(ctx.lt[-24:]) or _SPAN_LABEL_AFTER.match(ctx.rt):
        return ("performance", None)
    return None


#: "has compounded at roughly 10% a year", "compounding at an annual rate of 9%".
_COMPOUNDED = re.compile(
    r"\bcompound(?:ed|s|ing)?\s(?:at\s)?(?:an?\s)?(?:annual(?:i[sz]ed)?\s)?(?:rate\s(?:of\s)?)?"
    r"(?:about\s|roughly\s|nearly\s|around\s|almost\s|close\sto\s|~)?$"
)


@rule("claims.performance.compounded.v1")
def compounded(ctx: Context) -> Outcome:
    """ "the Russell 2000 has compounded at roughly 10% a year": an annualised return (its
    span is the sentence's period, "since its 1979 inception")."""
    if ctx.q.unit == "pct" and _COMPOUNDED.search(ctx.lt[-50:]):
        return ("performance", None)
    return None


#: A signed figure glued to its sign, then where it ended: "Dow -32.46 at 43,428.75".
_SIGNED_BEFORE_LEVEL = re.compile(r"(?:^|[\s(])[-+−]$")


@rule("claims.performance.signed_tape.v1")
def signed_tape(ctx: Context) -> Outcome:
    """ "Dow -32.46 at 43428.75, Nasdaq +269.66 at 19017.27": a recap's signed point change
    followed by the level it left the index at."""
    q = ctx.q
    if q.unit not in {"bare", "points"} or not re.match(r"^\s(?:at|to)\s", ctx.right):
        return None
    if _SIGNED_BEFORE_LEVEL.search(ctx.text[max(0, q.start - 2) : q.start]):
        return ("performance", None)
    return None


#: "0.5% and 0.9% respective losses": a list of figures, then the move noun they share.
RESPECTIVE_LIST = re.compile(
    r"^(?:\s*(?:,|and|,\s*and)\s*[-+−]?\d[\d,]*(?:\.\d+)?\s?%)*\s+respective\s+"
    r"(?P<noun>gains?|loss(?:es)?|declines?|drops?|advances?|returns?|moves?|rises?|"
    r"increases?|decreases?|falls?|rall(?:y|ies)|slides?|jumps?)\b",
    re.I,
)


@rule("claims.performance.respective.v1")
def respective(ctx: Context) -> Outcome:
    """ "outpaced the S&P and Nasdaq's 0.5% and 0.9% respective losses": each figure of the
    list is a move, its direction the shared noun's."""
    if ctx.q.unit == "pct" and RESPECTIVE_LIST.match(ctx.text[ctx.q.end :]):
        return ("performance", None)
    return None


_BELOW_NAMED_HIGH = re.compile(
    r"^\s*(?:below|under|off|beneath|short of|from)\s(?:its|the|their)\s(?:[\w-]+\s){0,2}?"
    r"\$?\d[\d,]*(?:\.\d+)?\s(?:[\w-]+\s)?(?:record|high|peak|top|all-time high)\b",
    re.I,
)


@rule("claims.performance.from_named_high.v1")
def from_named_high(ctx: Context) -> Outcome:
    """ "sits 6% below its $252.77 peak", "12% off the 2,466 record": the distance from a high
    whose level the sentence also gives (the level is read on its own)."""
    if ctx.q.unit == "pct" and _BELOW_NAMED_HIGH.match(ctx.text[ctx.q.end : ctx.q.end + 70]):
        return ("performance", "from_high")
    return None


@rule("claims.performance.points_then_direction.v1")
def points_then_direction(ctx: Context) -> Outcome:
    """ "ended 21.71 points higher at 2,408.08", "finished 40 points lower": a point change
    whose direction word follows it (the verb before it names no move)."""
    if ctx.q.unit == "points" and re.match(r"^\s(?:higher|lower|up|down)\b", ctx.rt):
        return ("performance", None)
    return None


@rule("claims.performance.signed_points.v1")
def signed_points(ctx: Context) -> Outcome:
    """ "closed at 2,369.59 (+64.5 points, +2.80%)": a point change with its sign glued on."""
    q = ctx.q
    if q.unit == "points" and (
        q.negative or re.search(r"(?:^|[\s(])[-+−]$", ctx.text[max(0, q.start - 2) : q.start])
    ):
        return ("performance", None)
    return None


_FROM_LOW = re.compile(
    r"^\s*(?:above|off|over|from)\s(?:its|the|their)\s(?:[\w'’-]+\s){0,3}?"
    r"(?:lows?|bottoms?|troughs?)\b"
)


@rule("claims.performance.from_low.v1")
def from_low(ctx: Context) -> Outcome:
    """ "35% above its April lows", "up 22% off the bottom": the rise from a low."""
    if ctx.q.unit == "pct" and _FROM_LOW.match(ctx.rt):
        return ("performance", None)
    return None


#: A move stated against the last close: "3.4% below the previous close".
VS_LAST_CLOSE = re.compile(
    r"^\s(?P<way>below|under|beneath|above|over|higher than|lower than)\s(?:the|its|their)\s"
    r"(?:previous|prior|last|latest|day['’]s|session['’]s)\s(?:session['’]s\s|day['’]s\s)?"
    r"(?:close|closing (?:level|price)|settle(?:ment)?)\b"
)


@rule("claims.performance.vs_last_close.v1")
def vs_last_close(ctx: Context) -> Outcome:
    """ "traded 3.4% below the previous close": the session's move, its sign the side named."""
    if ctx.q.unit == "pct" and VS_LAST_CLOSE.match(ctx.rt) and not _TARGET_DISTANCE.search(ctx.lt):
        return ("performance", None)
    return None


#: "a target of $200, a level that sits about 22% above the day's close": the distance of a
#: target or a named level from the close, not a move the price made.
_TARGET_DISTANCE = re.compile(
    r"\b(?:targets?|objective|a\slevel|that\slevel|implies|implying|would\sbe)\b"
    r"[^.;]{0,30}$",
    re.I,
)


#: A numbers box names the move after its figure: "12.4%: the Russell 2000's total return in
#: the third quarter", "-3.1% - IWM's loss for the week".
_MOVE_NAMED_AFTER = re.compile(
    r"^\s?(?::|\s[-–—])\s(?:the\s)?(?:[\w&.’'^ -]{1,40}?['’]s?\s)?"
    r"(?:(?:total|price|net|year-to-date|ytd|one-year|12-month|annual(?:i[sz]ed)?|weekly|monthly|"
    r"quarterly|daily)\s)?(?:returns?|gain|loss|decline|drop|rise|advance|performance|move|"
    r"rally|slide)\b",
    re.I,
)


@rule("claims.performance.figure_first.v1")
def figure_first(ctx: Context) -> Outcome:
    """ "12.4%: the Russell 2000's total return in the third quarter": a numbers box's line,
    the figure first and the move it measures after a colon or a dash."""
    named = _MOVE_NAMED_AFTER.match(ctx.right) if ctx.q.unit == "pct" else None
    if named is None:
        return None
    # "5.3%: the small-cap index's drop from its October record": a distance from a high
    if re.match(
        r"^\s(?:from|off|below)\s(?:its|the|their)\s(?:[\w-]+\s){0,3}?(?:record|high|peak|top)",
        ctx.right[named.end() :],
    ):
        return ("performance", "from_high")
    return ("performance", None)
