"""Rule-based stance of one claim: what it implies for its subject.

Kept apart from the extractor so that a learned sentence model (``nlp/sentiment``) can be
combined with it later: ``rule_stance`` returns a label and a score in [-1, 1] with the
same sign convention (positive = bullish), and says nothing when the rules do not know
(score 0, "neutral").

Rules, first match wins:
* rates (``FEDFUNDS``): a cut or easing is bullish for equities, a hike bearish, a hold
  neutral; without a signed figure, the rate words decide ("rates falling to 3%" is easing,
  not a bearish "fall");
* targets: above the current level, or with "upside"/"rise" words -> bullish; "drop to",
  "downside" -> bearish;
* levels: entry zones (a short entry is bearish), new record highs the text reports
  reaching (not ones it refers back to: "its ATH of"; "reached 2,466, surpassing the
  previous record" reaches one), breakouts above (not "no breakout above") and
  averages labelled "up trend" are bullish; new record lows, breakdowns below and "down
  trend" bearish; the rest neutral (a level is a fact, not a view);
* performance and growth: the sign of the figure (a decline is bearish); a streak: its
  direction (gains bullish, losses bearish);
* valuation: a discount / cheap words / below its own average -> bullish, a premium /
  stretched words -> bearish; failing words, a multiple far from ordinary for its metric
  (P/E at most 14 cheap, at least 25 rich; EV/EBITDA 8 / 18; P/S 1.5 / 8; P/B 1.2 / 5);
* fundamentals: beats and growth bullish, misses and declines bearish; an estimate, a
  consensus or a guidance figure is neutral ("ahead of the $235 million consensus", "estimates
  of a loss of 13 cents"), unless the words say it was raised (bullish) or cut (bearish);
  growth the words call small ("just 0.1%") neutral, or poor ("underperformed") bearish;
* otherwise bearish or bullish words near the figure, else neutral.
"""

from __future__ import annotations

import re

BULLISH_WORDS = re.compile(
    r"\b(?:bullish|upside|breakout|rall\w*|surg\w*|strong\w*|outperform\w*|beat\w*|surpass\w*|"
    r"cheap\w*|undervalued|attractive|compelling|discount|tailwinds?|momentum|record high|"
    r"upgrade\w*|buy)\b",
    re.I,
)
BEARISH_WORDS = re.compile(
    r"\b(?:bearish|downside|breakdown|sell-?off|correction|weak\w*|underperform\w*|miss\w*|"
    r"stretched|elevated|expensive|overvalued|rich|headwinds?|warn\w*|risk\w*|downgrade\w*|"
    r"decline\w*|drop\w*|fall\w*|sell)\b",
    re.I,
)


#: A multiple under its own history is cheap: "below its long-term average".
_BELOW_NORM = re.compile(
    r"\b(?:below|under|beneath|less than)\s(?:its\s|the\s|their\s)?(?:[\w-]+\s){0,2}?"
    r"(?:average|median|norm|mean)\b"
)


def _words(sentence: str) -> float:
    up = len(BULLISH_WORDS.findall(sentence))
    down = len(BEARISH_WORDS.findall(sentence))
    if up == down:
        return 0.0
    return (up - down) / (up + down)


def _label(score: float) -> str:
    if score > 0.05:
        return "bullish"
    if score < -0.05:
        return "bearish"
    return "neutral"


#: A new extreme the text reports reaching is a direction ("hit a new record high of",
#: "soared to an all-time high of"); one it refers back to ("its ATH of", "a previous record
#: of", "could find it hard to exceed its 52-week high of") is a plain level.
_REACHED = re.compile(
    r"\b(?:hit|hits|reach\w*|soar\w*|climb\w*|rall\w*|jump\w*|surg\w*|notch\w*|set|sets|"
    r"touch\w*|ris\w*|rose|clos\w*|finish\w*|ended|sl[iu]\w*|sank|sink\w*|fell|fall\w*|"
    r"drop\w*|tumbl\w*|plung\w*)\b[^.;]{0,60}$"
)
#: "reached 2,466.39, surpassing a previous record of 2,437": the figure IS the new record.
_TOPS_RECORD = re.compile(
    r"^\S+(?:\s(?:points?|pts|dollars))?,?\s+(?:and\s|thereby\s|to\s)?(?:surpass\w*|top(?:s|ping|ped)|eclips\w*|exceed\w*|break(?:s|ing)?|"
    r"broke|beat(?:s|ing)?)\s(?:its\s|the\s|a\s|their\s)?(?:previous\s|prior\s|old\s|former\s)?"
    r"(?:record|all[- ]time high|peak)"
)
_REACH_VERB = re.compile(
    r"\b(?:hit|hits|reach\w*|soar\w*|climb\w*|rose|ris\w*|touch\w*|"
    r"clos\w*|finish\w*|ended|jump\w*|rall\w*)\b[^.;]{0,30}$"
)
#: "no clear breakout above", "failed to break above", "has yet to break out": not a breakout.
_NEGATED = re.compile(
    r"\b(?:no|not|never|without|lack of|failed to|fails to|failing to|yet to|unable to|"
    r"couldn[’']t|didn[’']t|doesn[’']t|won[’']t)\b(?:\s[\w-]+){0,2}\s$"
)
_REFERRED = re.compile(
    r"\b(?:previous|prior|former|old|exceed|surpass|below|under|from|off|its|their)\b[^.;]{0,30}$"
)
_NEW_EXTREME = re.compile(r"\b(?:record|all[- ]time|new|52[- ]week|multi[- ]year)\b|\bath\b")
#: A trade idea's side right before its price: "Short RTY @ 2537", "Long IWM at 231".
_SIDE = re.compile(r"\b(long|short|buy|sell)\b(?!-term| term)[^.;,]{0,25}(?:@|\bat\b)\s*$", re.I)
#: Growth the words call small or poor is no bullish fact: "revenue up just 0.1%".
TEMPERED = re.compile(r"\b(?:just|only|modest\w*|slight\w*|meager|meagre|sluggish|tepid|barely)\b")
POOR = re.compile(r"\b(?:underperform\w*|shaky|weak\w*|disappoint\w*|lagg\w*|worse)\b")
#: The figure is what someone expected or guided, not a result: "analysts' expectations of
#: $4.35 million", "estimates of a loss of $0.13", "$235M cons", "a guidance range of".
_ESTIMATE_BEFORE = re.compile(
    r"\b(?:estimates?|estimated|expectations?|expected|consensus|forecasts?|forecast(?:ed)?|"
    r"projections?|projected|guidance|guided|outlook|penciled in|called for|calls for|"
    r"looking for|anticipated)\b(?:\s(?:range|of|for|at|to|was|were|is|a|an|loss|profit|about|"
    r"around|roughly|near|~|between|calling|revenue|sales|eps))*\s*[~$]?\s*$"
)
_ESTIMATE_AFTER = re.compile(
    r"^\S*(?:\s(?:million|billion|thousand|mln|bln|mn|bn|cents?|a share|per share))?\s*"
    r"\(?(?:cons|consensus|est|estimated?|expected|forecast|guidance)\b"
)
_RAISED = re.compile(r"\b(?:rais\w*|lift\w*|boost\w*|hik\w*|increas\w*|upgrad\w*|bump\w*)\b")
_LOWERED = re.compile(r"\b(?:cut|cuts|cutting|lower\w*|reduc\w*|slash\w*|trimm?\w*|downgrad\w*)\b")
#: For rates, "falling"/"lower" is easing (bullish for stocks), not a bearish fall.
_RATE_EASE = re.compile(
    r"\b(?:cut|cuts|cutting|eas\w*|lower(?:s|ed|ing)?\s(?:\w+\s)?rates?|"
    r"rates?\s(?:\w+\s)?(?:fall\w*|drop\w*|declin\w*|com\w* down|lower)|dovish)\b"
)
_RATE_TIGHTEN = re.compile(
    r"\b(?:hike\w*|hiking|tighten\w*|rais\w*\s(?:\w+\s)?rates?|"
    r"rates?\s(?:\w+\s)?(?:ris\w*|rose|climb\w*|higher)|hawkish)\b"
)
#: (metric words, cheap at or below, rich at or above): rough norms for U.S. equities, so a
#: bare multiple says cheap or rich only when it is far from ordinary.
_MULTIPLE_NORMS = (
    (re.compile(r"ev\s?(?:/|-to-|to)\s?ebitda|enterprise value"), 8.0, 18.0),
    (re.compile(r"price[- ]to[- ]sales|p/s\b|times sales|revenue multiple"), 1.5, 8.0),
    (re.compile(r"price[- ]to[- ]book|p/b\b|times book"), 1.2, 5.0),
    (
        re.compile(
            r"p/e|pe ratio|price[- ]to[- ]earnings|earnings multiple|"
            r"times (?:forward |trailing )?earnings"
        ),
        14.0,
        25.0,
    ),
)


def _multiple_stance(value: float, low: str) -> float:
    """Cheap (+) or rich (-) from a multiple's size for the metric the sentence names."""
    for metric, cheap, rich in _MULTIPLE_NORMS:
        if metric.search(low):
            if value <= cheap:
                return 0.4
            if value >= rich:
                return -0.4
            return 0.0
    return 0.0


def rule_stance(
    kind: str,
    *,
    value: float | None,
    role: str | None,
    sentence: str,
    direction: int = 0,
    current: float | None = None,
    unit: str | None = None,
    before: str = "",
    after: str = "",
) -> tuple[str, float]:
    """(stance, score) for one claim from its kind, signed value, role, unit and sentence
    (``before``/``after``: the sentence's words before the figure, where a level's own verbs
    are, and from the figure on, where "cons" or "surpassing the record" follow it)."""
    low = sentence.lower()
    score = 0.0
    if kind in {"rate_decision", "rate_expectation"}:
        if direction < 0 or (value is not None and value < 0):
            score = 0.8
        elif direction > 0 or (value is not None and value > 0 and "hike" in low):
            score = -0.8
        elif value is None or unit not in {"bp", "pp"}:
            ease, tighten = bool(_RATE_EASE.search(low)), bool(_RATE_TIGHTEN.search(low))
            if ease != tighten:
                score = 0.4 if ease else -0.4
        # a hold (0 bp) is neutral, and a rate's "fall" is no bearish word
        return _label(score), round(score, 3)
    elif kind == "price_target":
        if current is not None and value is not None:
            score = 0.8 if value > current else -0.8
        elif direction < 0 or re.search(
            r"\b(?:drop|fall|decline|slide|downside|sink|"
            r"tumble|breakdown)\w*",
            low,
        ):
            score = -0.7
        else:
            score = 0.6
    elif kind == "price_level":
        side = _SIDE.search(before)
        near = before.lower()[-75:]
        breakout = re.search(r"\b(?:break(?:out|s|ing)?|broke(?: out)?) (?:above|through)", low)
        breakdown = re.search(r"\bbreak(?:down|s|ing)? below|\bfall(?:s|ing)? below", low)
        if side is not None:
            score = 0.6 if side.group(1).lower() in {"long", "buy"} else -0.6
        elif (
            role in {"high", "low"}
            and _NEW_EXTREME.search(near)
            and _REACHED.search(near)
            and not _REFERRED.search(near[-35:])
        ):
            score = 0.5 if role == "high" else -0.5  # a new record the text reports reaching
        elif _REACH_VERB.search(near) and _TOPS_RECORD.search(after.lower()):
            score = 0.5  # "reached 2,466.39, surpassing a previous record of 2,437.08"
        elif role == "entry" or (breakout and not _NEGATED.search(low[: breakout.start()])):
            score = 0.6
        elif breakdown and not _NEGATED.search(low[: breakdown.start()]):
            score = -0.6
        elif re.search(r"\bup[- ]?trend", low) and not re.search(r"\bdown[- ]?trend", low):
            score = 0.5  # "50-day: 2,472.9 Up Trend": the average the price rides up
        elif re.search(r"\bdown[- ]?trend", low) and not re.search(r"\bup[- ]?trend", low):
            score = -0.5
    elif kind == "performance":
        if role == "streak":
            score = 0.6 * direction  # the streak's own words (``nlp.quote_facts``) say which way
        elif value is not None and value != 0:
            score = 0.6 if value > 0 else -0.6
    elif kind == "valuation":
        if value is not None and value < 0:
            score = 0.6
        else:
            score = _words(sentence)
            if score == 0.0 and unit == "x" and value is not None:
                score = _multiple_stance(value, low)
            if score == 0.0 and _BELOW_NORM.search(low):
                score = 0.5  # "12.8x forward P/E, below its historical average": cheap
            elif score == 0.0 and re.search(r"\bnorth of|\babove|\bover\b|\bpremium", low):
                score = -0.4
    elif kind == "fundamental":
        lb = before.lower()[-60:]
        if _ESTIMATE_BEFORE.search(lb) or _ESTIMATE_AFTER.search(after.lower()[:30]):
            # someone's expectation, not a result: neutral unless it was raised or cut
            if _RAISED.search(lb[-40:]):
                score = 0.6
            elif _LOWERED.search(lb[-40:]):
                score = -0.6
        elif role in {"eps_estimate"}:
            score = 0.0
        elif re.search(r"\bmiss\w*|\bfell short|\bbelow (?:the )?(?:consensus|estimate)", low) or (
            value is not None and value < 0
        ):
            score = -0.6
        elif role in {"growth", "revenue"} and POOR.search(low):
            score = -0.5  # "EPS grew by just 2.7%, underperforming the sector"
        elif role in {"growth", "revenue"} and TEMPERED.search(low):
            score = 0.0  # "revenue up just 0.1%": a fact, not a view
        elif role in {"eps", "surprise", "growth", "revenue"}:
            score = 0.6
    if score == 0.0 and kind not in {"price_level", "fundamental"}:
        score = _words(sentence) * 0.5
    return _label(score), round(score, 3)
