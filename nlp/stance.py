"""Rule-based stance of one claim: what it implies for its subject.

Kept apart from the extractor so that a learned sentence model (``nlp/sentiment``) can be
combined with it later: ``rule_stance`` returns a label and a score in [-1, 1] with the
same sign convention (positive = bullish), and says nothing when the rules do not know
(score 0, "neutral"). A score of at least ``FIRM`` comes from the claim's own numbers or
words, and the model never flips it; a weaker one (``GUESS``: a target with no price to
compare with; the sentence's general tone) the model may overrule.

Rules, first match wins:
* rates (``FEDFUNDS``): a cut or easing is bullish for equities, a hike bearish, a hold
  neutral; without a signed figure, the rate words decide ("rates falling to 3%" is easing,
  not a bearish "fall"); an expectation whose odds of easing fell ("odds of a December cut
  fell to 40%", "traders pared bets on cuts") is bearish, the chance of a hold neutral;
* targets: above the current level, or with "upside"/"rise" words, or a price still below
  the target -> bullish; "drop to", "downside", a price already above the target ->
  bearish; with no price and no words, a weak bullish guess;
* levels: entry zones (a short entry is bearish), new records the text reports reaching
  (not ones it refers back to: "its ATH of", "a high of 2,458 set in 2021"; "reached 2,466,
  surpassing the previous record" and "hit its highest level in three years at" reach one;
  for a current level the words say which way: "a record close", "its lowest since"),
  breakouts above (not "no breakout above", nor a scenario: "if buyers break above") and
  averages labelled "up trend" are bullish; new record lows, breakdowns below and "down
  trend" bearish; the rest neutral (a level is a fact, not a view);
* performance and growth: the sign of the figure (a decline is bearish); a streak: its
  direction (gains bullish, losses bearish);
* valuation: a yardstick ("its 10-year average of 16x") is neutral; a discount, the lower of
  two multiples compared ("13x versus 21x"), cheap words or below its own average ->
  bullish; the higher of two, the dearer side of a discount ("30% lower than the S&P 500's
  18x"), a premium or rich words -> bearish; failing words, a multiple far from ordinary for
  its metric (P/E at most 14 cheap, at least 25 rich; EV/EBITDA 8 / 18; P/S 1.5 / 8; P/B
  1.2 / 5);
* fundamentals: beats and growth bullish, misses and declines bearish, a loss or cost that
  narrowed bullish; an estimate, a consensus or a guidance figure is neutral ("ahead of the
  $235 million consensus", "analysts expect a loss of 13 cents", "the loss analysts had
  expected"), unless the words say it was raised (bullish) or cut (bearish); growth the
  words call small ("just 0.1%") neutral, or poor ("underperformed") bearish;
* otherwise bearish or bullish words near the figure (a guess), else neutral.
"""

from __future__ import annotations

import re

from nlp.numbers import parse_number

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


#: A rule score at least this strong comes from the claim's own numbers or words (a sign, a
#: target against the price, "broke above", "cheap"); a weaker one is a guess (a default, the
#: sentence's general tone) that a confident sentence model may overrule.
FIRM = 0.5
#: The score of a default guess ("a target is usually above the price").
GUESS = 0.3


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
    r"drop\w*|tumbl\w*|plung\w*|post(?:s|ed|ing)?|log(?:s|ged|ging)?|mark(?:s|ed|ing)?|"
    r"print\w*|scal(?:e|es|ed|ing)|achiev\w*|regist\w*|record(?:s|ed|ing)|made|makes|"
    r"advanc\w*|gain\w*|add(?:s|ed|ing)?|retreat\w*|slump\w*)\b[^.;]{0,60}$"
)
#: "hit its highest level since 2021", "notched their best close in three years": a reach verb
#: right before "its" makes the record the one it reaches, not one it refers back to.
_REACHED_ITS = re.compile(
    r"\b(?:hit|hits|reach\w*|notch\w*|set|sets|post\w*|log(?:s|ged|ging)?|mark\w*|touch\w*|"
    r"clos\w*|finish\w*|ended|scal\w*|achiev\w*|record\w*|print\w*|made|sank|slid|fell|"
    r"drop\w*|tumbl\w*|plung\w*|climb\w*|rose|soar\w*|jump\w*|surg\w*)\s(?:to\s|at\s)?"
    r"(?:its|their)\s"
)
#: A record the text dates in the past is one it refers back to: "its high of 2,458 set in
#: November 2021", "a record close of 2,442 three years ago".
_PAST_AFTER = re.compile(
    r"^\S+[^.;]{0,30}?\b(?:(?:set|made|reached|hit|recorded|posted)\s(?:back\s)?|back\s)"
    r"(?:in|on)\s(?:[a-z]+\s)?(?:\d{1,2},?\s)?(?:19|20)\d\d"
    r"|^\S+[^.;]{0,40}?\b(?:years?|months)\s(?:ago|earlier)"
)
#: "reached 2,466.39, surpassing a previous record of 2,437": the figure IS the new record.
_TOPS_RECORD = re.compile(
    r"^\S+(?:\s(?:points?|pts|dollars))?,?\s+(?:and\s|thereby\s|to\s)?(?:surpass\w*|top(?:s|ping|ped)|eclips\w*|exceed\w*|break(?:s|ing)?|"
    r"broke|beat(?:s|ing)?|(?:well\s|comfortably\s)?(?:above|past|beyond))\s(?:its\s|the\s|a\s|their\s)?(?:previous\s|prior\s|old\s|former\s)?"
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
#: The referring-back words that a reach verb before "its" does not undo ("below its").
_REFERRED_HARD = re.compile(
    r"\b(?:previous|prior|former|old|exceed|surpass|below|under|from|off|near|retest\w*)\b"
    r"[^.;]{0,30}$"
)
#: A scenario, not an event: "if sellers break below 1,734", "unless it closes above 2,200",
#: "a close above 2,480 would", "should it reach".
_CONDITIONAL = re.compile(r"\b(?:if|unless|once|until|should|would|could|whether|might)\b")


def _conditional(near: str) -> bool:
    """The words before a figure (same clause) put it in a scenario ("if ... breaks below")."""
    clause = re.split(r"[,;:]", near)[-1]
    return bool(_CONDITIONAL.search(clause))


_NEW_EXTREME = re.compile(
    r"\b(?:record|all[- ]time|new|fresh|52[- ]week|multi[- ]year)\b|\bath\b|"
    r"\b(?:highest|lowest|best|worst)\b[^.;,]{0,25}\b(?:since|in\s(?:\w+\s)?(?:years?|months|decades?))"
)
#: Which way a new extreme points when the role does not say ("a record close", "its lowest
#: level since April"): a low, a trough, the worst is down; a record, a peak, the best is up.
_LOW_WORDS = re.compile(r"\b(?:low|lows|lowest|worst|trough|bottom)\b")
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
#: Someone expects the figure: "analysts expect a loss of", "Wall Street sees EPS of", "the
#: company is expected to post revenue of", "consensus calls for".
_EXPECTED_BEFORE = re.compile(
    r"\b(?:analysts?|consensus|wall street|the street|street|forecasters?|economists?|estimates?)\b"
    r"[^.;]{0,25}?\b(?:expect\w*|sees?|seeing|project\w*|forecast\w*|predict\w*|model\w*|"
    r"call\w* for|look\w* for|anticipat\w*|pencil\w*)\b[^.;]{0,40}$"
    r"|\b(?:is|are|was|were)\s(?:\w+\s)?(?:expected|forecast|projected|estimated|seen|"
    r"anticipated|slated|on track)\sto\s(?:\w+\s){0,5}[~$-]?$"
)
#: "... the $0.20 loss analysts had expected", "$300 million, as analysts forecast".
_EXPECTED_AFTER = re.compile(
    r"^\S+(?:\s[\w-]+){0,3}?,?\s(?:as\s|that\s)?(?:analysts|wall street|the street|consensus|"
    r"forecasters|economists)(?:\s\w+)?\s(?:had\s|have\s)?(?:expected|forecast|projected|estimated|"
    r"anticipated|predicted|penciled in|pencilled in|modeled|modelled)\b"
)
#: A result short of what was expected: "missed", "fell short", "failed to beat estimates".
_MISSED = re.compile(
    r"\bmiss\w*|\bfell short|\bcame in short|\bbelow (?:the\s)?(?:\w+\s)?(?:consensus|estimates?|"
    r"expectations|forecasts?|guidance)|\b(?:fail\w*|didn[’']t|did not|unable|could not|"
    r"couldn[’']t)\sto\s(?:beat|top|meet|exceed|match|reach)\b|\bshort of\s(?:the\s)?(?:\w+\s)?"
    r"(?:consensus|estimates?|expectations|forecasts?)"
)
#: A cost, loss or debt that shrank is progress even though its figure is negative.
_IMPROVED = re.compile(
    r"\b(?:loss(?:es)?|debt|costs?|expenses?|burn|deficit|leverage)\b[^.;]{0,25}?\b(?:narrow\w*|"
    r"shr[aiu]nk\w*|improv\w*|reduc\w*|trimm?\w*|slash\w*|eased)\b"
    r"|\b(?:narrow\w*|reduc\w*|cut|cutting|trimm?\w*|slash\w*|pa(?:id|y|ys|ying) down|"
    r"shr[aiu]nk\w*)\s(?:\w+\s){0,3}?(?:loss(?:es)?|debt|costs?|expenses?|burn|deficit|leverage)\b"
    r"|\b(?:narrower|smaller|better)\sthan\b"
)
#: The figure is how much a burden shrank: "operating expenses fell 9%", "net debt declined by
#: $120 million", "narrowed its loss by 35%".
_BURDEN = r"(?:loss(?:es)?|debt|costs?|expenses?|spending|opex|burn|deficit|leverage|charges)"
_BURDEN_FELL_BEFORE = re.compile(
    rf"\b{_BURDEN}\b(?:\s[\w-]+){{0,3}}?\s(?:fell|fall(?:s|ing)?|declin\w*|dropp?\w*|decreas\w*|"
    r"shr[aiu]nk\w*|narrow\w*|improv\w*|reduc\w*|was cut|were cut|slid|sank|eased|down|lower)\b"
    r"(?:\s(?:by|about|roughly|nearly|some|around|almost|over|more than))*\s*[~$-]?$"
    r"|\b(?:narrow\w*|reduc\w*|cut|cutting|trimm?\w*|slash\w*|lower\w*|shr[aiu]nk\w*)\s"
    rf"(?:[\w-]+\s){{0,3}}?{_BURDEN}\s(?:by\s)?(?:about\s|roughly\s|nearly\s|some\s)?[~$-]?$"
)
#: ... unless the words say it is still bad or got worse: "remains negative", "a wider loss".
_STILL_BAD = re.compile(
    r"\bremain\w*\s(?:\w+\s)?negative|\bstill\s(?:\w+\s)?(?:negative|loss)|\bwiden\w*|\bwider\b|"
    r"\bdeepen\w*|\bdeeper\b|\blarger than\b|\bbigger than\b|\bworse than\b|\bhigher than\b"
)
#: A result stated as where a decline ended: "revenue fell to $80 million", "EPS slipped to".
_DOWN_TO = re.compile(
    r"\b(?:fell|fall\w*|declin\w*|dropp?\w*|slipp?\w*|slid|sank|shrank|contract\w*|decreas\w*|"
    r"tumbl\w*|plung\w*)\b(?:\s[\w-]+){0,3}?\s(?:to|at)\s[~$]?$"
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


#: The market priced less easing than before: "odds of a December cut fell to 40%", "traders
#: pared bets on further cuts", "pushed back expectations for easing", "fewer cuts". What a
#: cut would do is bullish; the odds of one shrinking is the bearish news.
def _odds_fell(move: str) -> str:
    """A pattern for "the odds of <move> fell" and "traders pared bets on <move>"."""
    return (
        r"\b(?:odds|probabilit\w*|chances?|likelihood|bets?|wagers?|expectations?|pricing|hopes?)"
        rf"\b[^.;]{{0,50}}\b{move}\b"
        r"(?:(?!\b(?:as|while|because|since|when|and|but|with|amid|even)\b)[^.;,]){0,40}?"
        r"\b(?:fell|fall(?:s|ing|en)?|"
        r"dropp?\w*|slipp?\w*|slid(?:e|es|ing)?|declin\w*|sank|sink\w*|tumbl\w*|plung\w*|fad\w*|"
        r"dwindl\w*|diminish\w*|shr[aiu]nk\w*|retreat\w*|receded?|dimm\w*|cool\w*)\b"
        r"|\b(?:pared|pare|pares|paring|trimm?\w*|scal\w* back|dial\w* back|pull\w* back|"
        r"push\w* back|pushed out|unwound|unwind\w*|rein\w* in|reduc\w*|lower\w*|slash\w*|"
        r"abandon\w*|dash\w*)\s(?:\w+\s){0,3}?(?:bets?|wagers?|expectations?|hopes?|odds|pricing)"
        rf"\s(?:\w+\s){{0,3}}?(?:of|for|on)\s(?:\w+\s){{0,4}}?{move}\b"
    )


_EASING_ODDS_FELL = re.compile(
    _odds_fell(r"(?:cuts?|cutting|easing|reductions?)")
    + r"|\bfewer\s(?:\w+\s)?(?:rate\s)?cuts\b|\bno\s(?:more\s|further\s)?(?:rate\s)?cuts\b"
    r"|\b(?:only|just|merely)\s(?:one|a single|1)\s(?:more\s|additional\s|further\s)?"
    r"(?:quarter-point\s|rate\s|interest[- ]rate\s)?(?:cut|reduction)\b"
    r"|\b(?:cuts?|reductions?|easing)\b[^.;]{0,40}\b(?:down|fewer|reduced|lowered|trimmed|pared)"
    r"\sfrom\s"
)
#: ... and less tightening than before is the bullish news: "odds of a June hike faded to 10%".
_TIGHTENING_ODDS_FELL = re.compile(_odds_fell(r"(?:hikes?|hiking|tightening|increases?)"))
#: The figure is the chance of a hold: "a 70% chance the Fed leaves rates unchanged",
#: "odds of a pause stand at 60%".
_HOLD_ODDS_AFTER = re.compile(
    r"^\S*\s?(?:%|percent|per cent)?\s?(?:chance|probability|odds|likelihood)"
    r"(?:\s(?:of|that|for))?\s"
    r"(?:the\s)?(?:fed\s|fomc\s|central bank\s|policymakers\s)?(?:(?:will|would)\s)?(?:a\s|an\s)?"
    r"(?:hold\w*|paus\w*|no (?:change|move|cut)|unchanged|keep\w*|leav\w*|stand\w* pat|"
    r"stay\w* on hold|sit\w* tight|steady)"
)
_HOLD_ODDS_BEFORE = re.compile(
    r"\b(?:chance|probability|odds|likelihood)\s(?:of|that|for)\s(?:the\s)?(?:fed\s)?"
    r"(?:a\s|an\s)?(?:hold\w*|paus\w*|no (?:change|move|cut)|unchanged|keep\w*|leav\w*)"
    r"[^.;%]{0,40}$"
)

#: The price already stands past the target: "trading well above the $18 target", "shares
#: have overshot analysts' targets"; or short of it: "below the consensus target".
_PRICE_ABOVE_TARGET = re.compile(
    r"\b(?:trad\w*|stands?|sits?|is|are|now|already|closed|priced)\s(?:\w+\s){0,2}?(?:above|over|"
    r"beyond|past)\s(?:[\w$.,’'-]+\s){0,4}?(?:price\s)?targets?\b|\bovershot\b[^.;]{0,30}targets?"
)
_PRICE_BELOW_TARGET = re.compile(
    r"\b(?:trad\w*|stands?|sits?|is|are|closed|priced)\s(?:\w+\s){0,2}?(?:below|under|short of)\s"
    r"(?:[\w$.,’'-]+\s){0,4}?(?:price\s)?targets?\b"
)
#: A target the words say lies above: "upside to $300", "could rise to", "rally toward".
_TARGET_UP = re.compile(
    r"\b(?:upside|rise|rising|rall(?:y|ies)|climb|gain|surge|soar|jump|advance|higher|bullish)\w*\b"
)


def expected_figure(before: str, after: str) -> bool:
    """The figure between ``before`` and ``after`` is someone's expectation, estimate or guidance
    ("analysts' expectations of $4.35 million", "$235M cons"), not a result."""
    lb, la = before.lower()[-60:], after.lower()
    return bool(
        _ESTIMATE_BEFORE.search(lb)
        or _EXPECTED_BEFORE.search(lb)
        or _ESTIMATE_AFTER.search(la[:30])
        or _EXPECTED_AFTER.search(la[:60])
    )


def yardstick(before: str) -> bool:
    """The valuation figure after ``before`` is a yardstick ("its 10-year average of"), not the
    subject's multiple now: neutral, whatever the sentence's tone."""
    return bool(_YARDSTICK.search(before.lower()[-45:]))


def shrinking_burden(before: str, sentence: str) -> bool:
    """A negative figure that is a loss, cost or debt shrinking ("expenses fell 9%", "the net
    loss narrowed to $12 million"): progress, unless the words say it is still bad."""
    low = sentence.lower()
    if _STILL_BAD.search(low):
        return False
    return bool(_BURDEN_FELL_BEFORE.search(before.lower()[-60:]) or _IMPROVED.search(low))


def counts_officials(after: str) -> bool:
    """The figure counts people, not moves: "seven officials saw no cuts", "10 of 19 members"."""
    return bool(_OFFICIALS_AFTER.search(after.lower()))


def names_officials_count(sentence: str) -> bool:
    """Some figure of the sentence counts policymakers ("seven officials", "10 of 19 members")."""
    low = sentence.lower()
    return any(counts_officials(low[m.start() :]) for m in _COUNT_WORD.finditer(low))


def easing_odds_fell(sentence: str) -> bool:
    """The sentence says the market priced less easing than before ("odds of a cut fell")."""
    return bool(_EASING_ODDS_FELL.search(sentence.lower()))


def tightening_odds_fell(sentence: str) -> bool:
    """The sentence says the market priced less tightening than before ("odds of a hike fell")."""
    return bool(_TIGHTENING_ODDS_FELL.search(sentence.lower()))


def hold_odds(sentence: str) -> bool:
    """The sentence gives the chance of a hold ("a 70% chance the Fed leaves rates unchanged")."""
    low = sentence.lower()
    return any(
        _HOLD_ODDS_AFTER.search(low[m.start() :]) or _HOLD_ODDS_BEFORE.search(low[: m.start()])
        for m in re.finditer(r"(?<![\d.,])\d", low)
    )


_COUNT_WORD = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"
)
#: A count of policymakers ("seven officials", "10 of the 19 participants"): who expects a
#: move, not the move; the figure says no direction on its own.
_OFFICIALS_AFTER = re.compile(
    r"^\S+\s(?:of\s(?:the\s)?\S+\s)?(?:fed\s|fomc\s)?(?:officials|policymakers|members|"
    r"participants|voters|governors|dots|committee members)\b"
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


#: Cheap and rich in a valuation's own words ("trades at a lofty 30x", "a bargain at 9x").
_CHEAP = re.compile(
    r"\b(?:cheap\w*|inexpensive|bargain\w*|undervalued|attractive\w*|compelling|discount\w*|"
    r"depressed|de-?rated|reasonabl\w*|modest|historically low|near (?:its |their )?lows?|"
    r"(?:lowest|cheapest) (?:since|in)|room to re-?rate)\b"
)
_RICH = re.compile(
    r"\b(?:expensive|pricey|pricier|rich(?:er|ly)?|stretched|lofty|loftier|frothy|steep|elevated|"
    r"overvalued|demanding|premium|bubble\w*|full(?:y)? valued|excessive|sky-?high|nosebleed|"
    r"(?:highest|richest) (?:since|in))\b"
)
#: The figure is a yardstick, not the subject's current multiple: "its 10-year average of
#: 16x", "the historical median of 15 times".
_YARDSTICK = re.compile(
    r"\b(?:average|median|mean|norm|historical|history|long-term|long-run)\b[^.;,]{0,15}"
    r"(?:of|at|is|was|near|around|about|~)?\s*[~$]?\s*$"
)
#: The claim's own comparator right before its figure ("slightly higher than 18 times").
_OWN_COMPARATOR = re.compile(
    r"(?:,?\s(?:which|that)\s(?:is|was|stands at|sits at)\s)?(?:\b(?:slightly|just|a bit|well|"
    r"about|roughly|around|nearly|almost)\s)?(?:\b(?:higher|lower|more|less|greater|above|below|"
    r"over|under|north of|south of)\b(?:\sthan)?\s?)?[~$]?\s*$"
)
#: The figure is what another subject is cheaper than: "a 30% discount to the S&P 500's",
#: "nearly 30% lower than the P/E of the S&P 500, which is".
_DISCOUNT_TO = re.compile(
    r"\b(?:discount|lower|cheaper|less|below|beneath|under)\s(?:than|to|versus|vs\.?)\s"
    r"[^.;]{0,70}$"
)
_VERSUS = re.compile(
    r"\b(?:vs\.?|versus|compared (?:with|to)|relative to|against|than|while|whereas|premium|"
    r"discount)\b"
)
#: A negation right before a valuation word: "no longer cheap", "hardly stretched".
_NOT_BEFORE = re.compile(
    r"\b(?:not|no longer|hardly|far from|never|isn[’']t|aren[’']t|wasn[’']t|nor)\s"
    r"(?:(?:so|that|very|as|too|particularly|especially|exactly|look(?:s|ing)?|seem(?:s)?|"
    r"at all)\s){0,2}$"
)
_MULTIPLE = re.compile(r"(\d+(?:\.\d+)?)\s?(?:x\b|times\b)")


def _versus_multiple(value: float | None, low: str) -> float:
    """Cheap (+) or rich (-) when the sentence compares the claim's multiple with one other
    ("13x versus 21x for the S&P 500"): the lower of the two is the cheap side."""
    if value is None or not _VERSUS.search(low):
        return 0.0
    found = {float(m.group(1)) for m in _MULTIPLE.finditer(low.replace(",", ""))}
    mine = {v for v in found if abs(v - value) <= 0.005 * max(abs(value), 1e-9)}
    others = found - mine
    if not mine or len(others) != 1:
        return 0.0
    other = next(iter(others))
    return 0.5 if value < other else -0.5 if value > other else 0.0


def _valuation_words(low: str) -> float:
    """Cheap/rich words of a valuation sentence, then the generic tone words; a word about the
    valuation is firm (at least ``FIRM``)."""
    cheap = any(not _NOT_BEFORE.search(low[: m.start()]) for m in _CHEAP.finditer(low))
    rich = any(not _NOT_BEFORE.search(low[: m.start()]) for m in _RICH.finditer(low))
    # "no longer cheap" leans rich, "hardly stretched" cheap
    cheap = cheap or any(_NOT_BEFORE.search(low[: m.start()]) for m in _RICH.finditer(low))
    rich = rich or any(_NOT_BEFORE.search(low[: m.start()]) for m in _CHEAP.finditer(low))
    if cheap != rich:
        return 0.6 if cheap else -0.6
    score = _words(low)
    return max(score, FIRM) if score > 0 else min(score, -FIRM) if score < 0 else 0.0


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


#: Where a clause ends: the words of another clause say nothing of this figure's direction.
_CLAUSE_END = re.compile(
    r";|,\s(?:with|while|but|and|though|although|even though)\s|\s(?:but|while|whereas)\s"
    r"|\sand\s(?=(?:would|could|will|we|they|it|risks?|may|might)\b)",
    re.I,
)


def _own_clause(before: str, after: str) -> str:
    """The words of the figure's own clause (lower case): "a target of 2,750 and would treat
    a drop toward 2,300 as a buy" has no drop in the target's clause."""
    head = _CLAUSE_END.split(before)[-1]
    tail = _CLAUSE_END.split(after, maxsplit=1)[0]
    return (head + tail).lower()


#: A level whose break or reclaim sets a move off, with its figure: "a break of 2,380",
#: "lose $226", "a close above 2,470", "below 2,380".
_TRIGGER = re.compile(
    r"\b(?:break(?:s|ing)?\s(?:of|below|under|above|through)|breakdown\sbelow|"
    r"breakout\sabove|los(?:e|es|ing)|clos\w*\s(?:above|below|under|over)|below|under|above|"
    r"over|clears?|reclaims?)\s\$?(?P<n>\d[\d,]*(?:\.\d+)?)\b",
    re.I,
)


#: A scenario named before a target: "our bear case", "in a bullish scenario".
_CASE = re.compile(r"\b(bull|bear)(?:ish)?[- ](?:case|scenario)\b", re.I)


def _trigger_level(before: str) -> float | None:
    """The figure of the last trigger level before a target (None when there is none)."""
    found = list(_TRIGGER.finditer(before))
    if not found:
        return None
    return parse_number(found[-1].group("n"))


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
        if kind == "rate_expectation" and (
            _HOLD_ODDS_AFTER.search(after.lower()) or _HOLD_ODDS_BEFORE.search(before.lower())
        ):
            return "neutral", 0.0  # the chance of a hold: no move either way
        if kind == "rate_expectation" and counts_officials(after):
            return "neutral", 0.0  # "seven officials saw no cuts": a head count
        if kind == "rate_expectation" and _EASING_ODDS_FELL.search(low):
            return "bearish", -0.6  # the market took easing off the table
        if kind == "rate_expectation" and _TIGHTENING_ODDS_FELL.search(low):
            return "bullish", 0.6  # the market took a hike off the table
        if direction < 0 or (value is not None and value < 0):
            score = 0.8
        elif direction > 0 or (value is not None and value > 0 and "hike" in low):
            score = -0.8
        elif value is None or unit not in {"bp", "pp"}:
            ease, tighten = bool(_RATE_EASE.search(low)), bool(_RATE_TIGHTEN.search(low))
            if ease != tighten:
                score = 0.5 if ease else -0.5
        # a hold (0 bp) is neutral, and a rate's "fall" is no bearish word
        return _label(score), round(score, 3)
    elif kind == "price_target":
        trigger = _trigger_level(before) if unit in {"usd", "points"} else None
        case = _CASE.search(before[-60:])
        if current is not None and value is not None:
            score = 0.8 if value > current else -0.8
        elif case is not None:
            # "our bear case puts it at 2,150", "in a bull case, 2,900": the scenario says it
            score = 0.7 if case.group(1).lower() == "bull" else -0.7
        elif trigger is not None and value is not None and value != trigger:
            # "a break of 2,380 would send it toward 2,300": the move runs from the level
            # that sets it off to the target, down here
            score = 0.7 if value > trigger else -0.7
        elif (
            direction < 0
            or re.search(
                r"\b(?:drop|fall|decline|slide|downside|sink|"
                r"tumble|breakdown)\w*",
                _own_clause(before, after) if before or after else low,
            )
            or _PRICE_ABOVE_TARGET.search(low)
        ):
            score = -0.7
        elif _TARGET_UP.search(low) or _PRICE_BELOW_TARGET.search(low):
            score = 0.6
        else:
            score = GUESS  # a target usually sits above the price; the words do not say
    elif kind == "price_level":
        side = _SIDE.search(before)
        near = before.lower()[-75:]
        breakout = re.search(r"\b(?:break(?:out|s|ing)?|broke(?: out)?) (?:above|through)", low)
        breakdown = re.search(
            r"\b(?:break(?:down|s|ing)?|broke)(?: down)? (?:below|through)"
            r"|\b(?:fall(?:s|ing)?|fell) below",
            low,
        )
        if side is not None:
            score = 0.6 if side.group(1).lower() in {"long", "buy"} else -0.6
        elif (
            role in {"high", "low", "current", None}
            and _NEW_EXTREME.search(near[-45:])
            and _REACHED.search(near)
            and not _conditional(near)
            and not _PAST_AFTER.search(after.lower())
            and (
                not _REFERRED.search(near[-35:])
                or (_REACHED_ITS.search(near[-45:]) and not _REFERRED_HARD.search(near[-35:]))
            )
        ):
            # a new record the text reports reaching: up for a high, down for a low
            low_way = role == "low" or (role != "high" and _LOW_WORDS.search(near[-45:]))
            score = -0.5 if low_way else 0.5
        elif _REACH_VERB.search(near) and _TOPS_RECORD.search(after.lower()):
            score = 0.5  # "reached 2,466.39, surpassing a previous record of 2,437.08"
        elif role == "entry" or (
            breakout
            and not _NEGATED.search(low[: breakout.start()])
            and not _conditional(low[: breakout.start()])
        ):
            score = 0.6
        elif (
            breakdown
            and not _NEGATED.search(low[: breakdown.start()])
            and not _conditional(low[: breakdown.start()])
        ):
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
        lb = before.lower()
        versus = _versus_multiple(value, low) if unit == "x" else 0.0
        if yardstick(before):
            return "neutral", 0.0  # "its 10-year average of 16x": the yardstick, not a view
        if value is not None and value < 0:
            score = 0.6
        elif versus:
            score = versus  # "13x versus 21x for large caps": the lower multiple is the cheap one
        elif _DISCOUNT_TO.search(_OWN_COMPARATOR.sub("", lb[-90:])):
            score = -0.5  # "30% lower than the S&P 500's 18x": the dearer side of a discount
        else:
            score = _valuation_words(low)
            if score == 0.0 and unit == "x" and value is not None:
                score = _multiple_stance(value, low)
                score = max(score, FIRM) if score > 0 else min(score, -FIRM) if score < 0 else 0.0
            if score == 0.0 and _BELOW_NORM.search(low):
                score = 0.5  # "12.8x forward P/E, below its historical average": cheap
            elif score == 0.0 and re.search(r"\bnorth of|\babove|\bover\b|\bpremium", low):
                score = -0.4
    elif kind == "fundamental":
        lb = before.lower()[-60:]
        if expected_figure(before, after):
            # someone's expectation, not a result: neutral unless it was raised or cut
            if _RAISED.search(lb[-40:]):
                score = 0.6
            elif _LOWERED.search(lb[-40:]):
                score = -0.6
        elif role in {"eps_estimate"}:
            score = 0.0
        elif value is not None and value < 0 and shrinking_burden(before, sentence):
            score = 0.6  # "the net loss narrowed to $12 million": a smaller loss is progress
        elif _MISSED.search(low) or (value is not None and value < 0):
            score = -0.6
        elif role in {"eps", "revenue", None} and _DOWN_TO.search(lb):
            score = -0.6  # "revenue fell to $80 million": the figure is where a decline ended
        elif role in {"growth", "revenue"} and POOR.search(low):
            score = -0.5  # "EPS grew by just 2.7%, underperforming the sector"
        elif role in {"growth", "revenue"} and TEMPERED.search(low):
            score = 0.0  # "revenue up just 0.1%": a fact, not a view
        elif role in {"eps", "surprise", "growth", "revenue"}:
            score = 0.6
    if score == 0.0 and kind not in {"price_level", "fundamental"}:
        score = _words(sentence) * 0.45  # the sentence's tone: a guess, below FIRM
    return _label(score), round(score, 3)
