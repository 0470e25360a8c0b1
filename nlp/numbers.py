"""Quantities in commentary: money, percents, basis points, multiples, points, cents, counts.

Everything here works on plain strings with regular expressions, so it is cheap and runs the
same inside the spaCy component (``pipeline.py``) and in tests. A ``Quantity`` keeps its
character offsets in the string it was read from, its unit, the comparator read from the
words before it ("nearly", "north of", "up to") and the *unsigned* numbers; the sign is
decided in ``claims.py`` because it depends on the verb ("fell 3%") or noun ("a 3% drop").

Numbers that are not quantities are skipped on purpose: years, dates ("September 17th"),
moving-average lengths ("200-day"), durations ("25-year lows"), numbers glued to words
("Industrials861072--"), and index names (masked by the caller).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "a": 1,
    "an": 1,
    "another": 1,
}
_ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
_ORDINAL = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
_WORDNUM = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)

# A number: 1,234.56 / 1234 / .5 ; never glued to a letter or another digit group before it.
NUM = r"(?<![\w.,$])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_NUM_INNER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
#: A range dash: "1–2x", "4% to 4.25%", "2,350 - 2,400"; not "6,299.19 -0.49%" (a sign).
DASH = r"(?:\s?[–—]\s?|-(?=\d)|\s-\s|\sto\s)"
#: "$238/240" and "$250/$260": a zone written with a slash (not "$0.35/share")
DASH_USD = r"\s?(?:-|–|—|to|and|/(?=\$?\d))\s?"
_SCALE = r"(?:\s?(?P<scale>trillion|billion|million|thousand|bn|bln|mn|mln|tn|[mbk])\b)"

#: A named ratio and the words that lead to its figure: "a forward price/sales ratio of 113.88",
#: "EV/EBITDA near 9.5" (a multiple written without the x or "times").
_RATIO_NAME = (
    r"\b(?:P/[ESB]|PEG|PE(?=\s(?:ratio|multiple|of|at|near|around|is|was|stands|sits))|"
    r"EV/(?:EBITDA|EBIT|sales|revenues?)|"
    r"(?:EV|enterprise[- ]value)[- ]to[- ](?:EBITDA|EBIT|sales|revenues?)|"
    r"book[- ]to[- ]bill|"
    r"(?:forward|trailing)\s(?:earnings\s|p/e\s|pe\s)?multiple|earnings\smultiple|"
    r"price[-/ ](?:to[-/ ])?earnings[-/ ]to[-/ ]growth|"
    r"price[-/ ](?:to[-/ ])?(?:earnings|sales|book|cash[- ]flow|free[- ]cash[- ]flow))"
    r"(?:\s\(?[PE]/[ESB]\)?)?(?:\s(?:ratio|multiple))?"
    r"(?:\s\((?:TTM|NTM|LTM|MRQ|FY\s?\d*|GAAP|adj\.?|fwd\.?|forward|trailing)\))?"
)
_LEAD_IN = (
    r"(?:\s?:|\s(?:of|at|near|around|is|was|stands at|sits at|comes in at|of just|of only|"
    r"(?:has\s|have\s)?(?:fallen|fell|dropped|risen|rose|climbed|expanded|compressed|"
    r"contracted|slipped|declined|jumped|moved|shrunk|shrank) to))?"
    r"\s?(?:about|roughly|around|nearly|approximately|just|only|~|above|below|over|under|"
    r"north of|south of|more than|less than|in excess of)?\s?"
)
#: Earnings per share written as a bare figure: "trailing 12-month EPS for XYZ yields 0.28",
#: "next year EPS estimates of 1.89", "EPS: -1.31".
_EPS_BARE = re.compile(
    r"\bEPS\b(?:\s\((?:TTM|NTM|LTM|MRQ|FY\s?\d*|GAAP|adj\.?|diluted)\))?"
    r"(?:\s(?:estimates?|forecasts?|consensus|guidance))?"
    r"(?:\s(?:for|of|on)\s[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3})?"
    r"(?:\s?:|\s(?:of|is|was|at|yields?|came in at|comes in at|stands? at|were|are|totaled|"
    r"comes? to|came to|stood at|reads?|totals)|(?=\s[-−]?\d{1,2}\.\d{2}\b))"
    rf"\s?(?:about|roughly|around|nearly|approximately|~)?\s?(?P<neg>[-−])?(?P<a>{NUM})"
    r"(?![\d%x]|\.\d|\s?(?:%|percent|times|million|billion|trillion|bn|bln|mn|mln|[mbk]\b|cents?\b))"
    # "analysts look for -1.96 next year" after the EPS named in the clause; "For the next
    # quarter, that number is 0.35" and "the estimate is -0.71" on an automated EPS page: a
    # per-share figure with cents (two decimals) and no unit of its own
    r"|\b(?:look(?:s|ing)?\sfor|expect(?:s|ing)?|see(?:s|ing)?|forecast(?:s|ing)?|"
    r"project(?:s|ing)?)\s(?P<neg2>[-−])?(?P<a2>\d{1,2}\.\d{2})"
    r"(?![\d%x]|\.\d|\s?(?:%|percent|times|million|billion|[mbk]\b|cents?\b))"
    # chat shorthand: "eps 0.52 vs 0.47 est" (the estimate, after EPS, checked below)
    r"|\b(?:vs\.?|versus)\s(?P<neg4>[-−])?(?P<a4>\d{1,2}\.\d{2})(?=\s(?:est\b|estimates?\b|"
    r"consensus\b|cons\b|expected\b|exp\b|street\b))"
    r"|\b(?:that|this|the)\s(?:number|figure|(?:consensus\s)?estimate)\s(?:is|was|stands\sat|"
    r"comes\sto|comes\sin\sat)\s(?P<neg3>[-−])?(?P<a3>\d{1,2}\.\d{2})"
    r"(?![\d%x]|\.\d|\s?(?:%|percent|times|million|billion|[mbk]\b|cents?\b))",
    re.I,
)
#: Revenue in shorthand, millions or billions with no dollar sign: "rev 108.5m vs 104m est",
#: "guide q4 rev 102-108m", "sales 1.2b".
_REV_SHORT = re.compile(
    r"(?:\b(?:rev|revs|revenue|revenues|sales)\s?:?\s|(?<=\bvs\s)|(?<=\bvs\.\s))"
    rf"(?P<a>{_NUM_INNER})(?:-(?P<b>{_NUM_INNER}))?(?P<scale>m|mn|mm|b|bn)\b",
    re.I,
)
#: Per-share earnings with the figure first: "reported $3.40 earnings per share for the
#: quarter", "will post 12.4 EPS for the current year", "$0.52 diluted EPS".
_EPS_AFTER = re.compile(
    rf"(?<![\w.,])(?P<neg>[-−])?\$?(?P<a>{_NUM_INNER})(?=\s(?:(?:diluted|basic|adjusted|"
    r"GAAP|non-GAAP|core)\s)?(?:EPS\b|earnings\sper\s(?:diluted\s|basic\s)?share\b))",
    re.I,
)
#: "the P/E ratio of the Russell 2000 is 26": whose ratio, between its name and its figure.
_RATIO_OF = (
    r"(?:\s(?:of|for)\s(?:the\s)?[A-Z][\w.&'’-]*(?:\s[A-Z0-9][\w.&'’-]*){0,3}"
    r"(?=\s(?:is|was)\b))?"
)
_RATIO_BARE = re.compile(
    _RATIO_NAME + _RATIO_OF + _LEAD_IN + rf"(?P<a>{NUM})(?:x\b|\s?times\b)?(?![\d%]|\.\d)",
    re.I,
)
#: "lower than 13 times", "18 times for large caps" when a valuation word leads the sentence
_TIMES = re.compile(
    rf"(?<![\w.,$])(?P<a>{_NUM_INNER})(?:{DASH}(?P<b>{_NUM_INNER}))?\s?times\b"
    # "3 times the average volume" is no multiple paid; "19 times the midpoint of the new EPS
    # range" and "times the consensus" are; "rejected 2 times in October", "tested three
    # times since May": how often, not a multiple
    r"(?!\s(?:as|more|less|in|since|this|last|already|so\sfar|before|now|today|each|every|"
    r"per|a\s(?:day|week|month|year)|over\sthe)\b"
    r"|\sthe(?!\s(?:mid-?point|low\send|high\send|top\send|bottom\send|"
    r"consensus|guidance|forecast|company['’]s|new\s(?:guidance|outlook|forecast))))",
    re.I,
)
#: "trades on a 14 P/E", "the 21.5 forward multiple": a multiple written before its name
_BEFORE_RATIO = re.compile(
    r"(?<![\w.,$/-])(?P<a>\d{1,3}(?:\.\d+)?)(?=\s(?:relative\s)?(?:(?:forward|trailing|fwd)\s)?"
    r"(?:P/E|PE)\b|"
    r"\s(?:(?:forward|trailing)\s)?(?:earnings\s)?multiple\b(?!-))",
    re.I,
)
#: "Price-to-sales for the Russell 2000 is 1.3, against 3.1 for the Russell 1000": a small
#: multiple set against another with no x (read only when a valuation word leads, see below)
_COMPARED_BARE = re.compile(
    r"\b(?:versus|vs\.?|against|compared (?:with|to))\s(?P<a>\d{1,2}(?:\.\d+)?)"
    r"(?=\s(?:for|at|on)\s)",
    re.I,
)
#: "a multiple of 14.8 on next year's earnings": the multiple named, then "of" and its figure.
_MULTIPLE_OF = re.compile(
    r"\b(?:(?:forward|trailing|earnings|valuation|p/e)\s)?multiple\sof\s"
    r"(?:about\s|roughly\s|around\s|nearly\s|just\s|only\s|~)?"
    r"(?P<a>\d{1,3}(?:\.\d+)?)(?![\d%x]|[.,]\d|\s?(?:times|percent|million|billion)\b)",
    re.I,
)
#: A newsletter's numbers box: "14.8: the forward P/E of the Russell 2000", "0.65: the
#: relative P/E of small caps": the figure opens the line, what it measures follows the colon.
_FIGURE_FIRST = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<a>\d{1,3}(?:\.\d+)?)x?:\s(?:the|a|an|its)\s(?:[\w'’-]+\s){0,2}?"
    r"(?:P/[ESB]\b|PE\sratio|PEG\b|EV/\w+|price[-/ ]to[-/ ]\w+|(?:earnings\s)?multiple\b)",
    re.I,
)
#: "On price-to-sales the Russell 2000 sits at 1.2": a figure after a copula, in a clause that
#: named a valuation ratio before it (checked in ``_named_figures``: same clause, 100 chars).
_CLAUSE_RATIO = re.compile(
    r"\b(?:sits|sat|stands|stood|trades|traded|comes in|came in|is|was)\sat\s"
    r"(?:about\s|roughly\s|around\s|nearly\s|just\s|only\s|~)?"
    r"(?P<a>\d{1,3}(?:\.\d+)?)(?![\d%x]|[.,]\d|\s?(?:times|percent|million|billion|points)\b)",
    re.I,
)
_CLAUSE_RATIO_NAME = re.compile(_RATIO_NAME, re.I)
_INDEX_NAME = re.compile(r"\b(?:Russell|S&P|Nasdaq|Stoxx|FTSE|Nikkei)(?:\s[A-Z][a-z]+)?\s\d+", re.I)
_VALUATION_LEFT = re.compile(
    r"\b(?:P/[ESB]|PEG|EV/\w+|price[-/ ](?:to[-/ ])?\w+|multiples?|valuations?|"
    r"trades? at|trading at|valued at|market\s(?:cap|value|capitali[sz]ation)\b[^.;]{0,40}?"
    r"\b(?:works?\sout\sto|comes?\sto|equals?|is|amounts?\sto))\b",
    re.I,
)

#: What follows a multiple's figure: "x", or "times" before what it is a multiple of.
_MULTIPLE_TAIL = (
    r"(?:x\b|\s?times(?=\s(?:for\s|that of\s)|"
    r"\s(?:(?:forward|trailing|expected|estimated|projected|current|adjusted|"
    r"(?:this|next|last)[- ](?:fiscal[- ])?year['’]?s?|next[- ]year'?s?|20\d\d|fy\d\d|"
    r"ntm|next[- ](?:twelve|12)[- ]months['’]?)\s){0,3}"
    r"(?:earnings|profits?|sales|revenues?|book|tangible|ebitda|cash|free|ev\b|ev/|"
    r"enterprise[- ]value)|"
    r"\s(?:that of\s)?(?:the\s)?[\w&'’. -]{0,25}?\b(?:multiple|valuation|p/e)\b))"
)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # P/E of 15, forward P/E near 20 (a multiple written without the x)
    (
        "x",
        re.compile(
            rf"(?<=P/E\s)(?:ratio\s)?(?:of\s|at\s|near\s|around\s)?(?P<a>{_NUM_INNER})"
            r"(?![\d%x])",
            re.I,
        ),
    ),
    # two quarter-point cuts, three consecutive 25-basis-point cuts, one more quarter-point
    # cut: a path or a run of moves of one stated size is the move they add up to (devset
    # rule 10: -50 bp, -75 bp, -25 bp)
    (
        "sized_count",
        re.compile(
            rf"\b(?P<a>(?:{_WORDNUM}|\d)(?!\s(?:or|to)\s))\s(?:(?:more|additional|further|"
            r"consecutive|straight|successive|back-to-back|rate|interest[- ]rate)\s)*"
            r"(?:(?P<w>quarter|half)[- ](?:of\s(?:a\s)?)?(?:percentage[- ])?point|"
            r"(?P<size>25|50|75)[- ]?(?:basis[- ]points?|bps?))"
            r"\s(?:(?:rate|interest[- ]rate)\s)?(?P<what>cuts?|hikes?|reductions?|increases?)\b",
            re.I,
        ),
    ),
    # "a 70-30 split between a cut and a hold": the odds of two outcomes (read by the rates'
    # assembly, ``nlp.extract``)
    (
        "odds",
        re.compile(
            r"(?<![\w.,$-])(?P<a>\d{1,2})\s?[-–/]\s?(?P<b>\d{1,2})"
            r"(?=\s(?:split|odds|chance|probability|call|bet)\b)",
            re.I,
        ),
    ),
    # back-to-back cuts: two moves in a row
    (
        "count",
        re.compile(
            r"\b(?P<a>back-to-back)\s(?:(?:rate|interest[- ]rate)\s)?"
            r"(?P<what>cuts|hikes|reductions|increases)\b",
            re.I,
        ),
    ),
    # another cut expected, one more reduction: one move (a sized one is read in basis points)
    (
        "count",
        re.compile(
            r"\b(?P<a>another)\s(?:(?:rate|interest[- ]rate)\s)?"
            r"(?P<what>cut|hike|reduction|increase)\b",
            re.I,
        ),
    ),
    # two quarter-point cuts, three more rate cuts, "three or four cuts" (a range of counts;
    # before the basis-point words take them)
    (
        "count",
        re.compile(
            rf"\b(?P<a>{_WORDNUM}|\d{{1,2}})(?:\s(?:or|to)\s(?P<b>{_WORDNUM}|\d{{1,2}}))?"
            r"\s(?:(?:more|additional|further|rate|interest[- ]rate|"
            r"(?:quarter|half)[- ]point|25[- ]basis[- ]point|50[- ]basis[- ]point)\s)*"
            r"(?P<what>cuts?|hikes?|reductions?|increases?)\b",
            re.I,
        ),
    ),
    # a fifth straight monthly gain, seven sessions in a row
    (
        "count",
        re.compile(
            rf"\b(?P<a>{_ORDINAL})\s(?:straight|consecutive|successive)\s"
            r"(?:(?:monthly|weekly|daily|quarterly)\s)?(?:(?:winning|losing|down|up|negative|"
            r"positive)\s)?(?P<what>months?|weeks?|days?|sessions?|"
            r"quarters?|years?|gains?|losses?|declines?|advances?|meetings?|cuts?|hikes?)\b"
            # "a third straight quarter-point cut": the size of one move, no run of quarters
            r"(?![\s-](?:of\s(?:a\s)?)?(?:percentage[\s-])?points?\b)",
            re.I,
        ),
    ),
    (
        "count",
        re.compile(
            rf"\b(?P<a>{_WORDNUM}|\d{{1,2}})\s(?:(?:straight|consecutive|trading)\s)?"
            r"(?P<what>months?|weeks?|days?|sessions?|quarters?)\s"
            r"(?:in a row|running|on the trot|on end|in succession)\b",
            re.I,
        ),
    ),
    # its third weekly rise in a row, a seventh advance in a row, a fifth session in a row
    (
        "count",
        re.compile(
            rf"\b(?P<a>{_ORDINAL})\s(?:(?:monthly|weekly|daily|quarterly|straight)\s)?"
            r"(?P<what>months?|weeks?|days?|sessions?|quarters?|years?|gains?|losses?|"
            r"declines?|advances?|rises?|drops?|falls?|up\s(?:days?|weeks?|months?)|"
            r"down\s(?:days?|weeks?|months?))\s"
            r"(?:in a row|running|on the trot|on end|in succession)\b",
            re.I,
        ),
    ),
    # a seven-month winning streak
    (
        "count",
        re.compile(
            rf"\b(?P<a>{_WORDNUM}|\d{{1,2}})[\s-](?P<what>month|week|day|session|quarter)[\s-]"
            r"(?:winning\s|losing\s)?(?:streak|run)\b",
            re.I,
        ),
    ),
    # closed higher in each of the last six weeks
    (
        "count",
        re.compile(
            rf"\b(?:each|every|all)\sof\sthe\s(?:last|past)\s(?P<a>{_WORDNUM}|\d{{1,2}})\s"
            r"(?:trading\s)?(?P<what>months|weeks|days|sessions|quarters)\b",
            re.I,
        ),
    ),
    # doubled, more than tripled (a change of +100% / +200%); halved (-50%)
    ("mult", re.compile(r"\b(?P<w>doubled|tripled|quadrupled|halved)\b", re.I)),
    # "could double", "is set to triple": a forecast of +100% / +200% (a modal or "to" before it)
    (
        "mult",
        re.compile(
            r"(?:(?<=\bcould\s)|(?<=\bwould\s)|(?<=\bmight\s)|(?<=\bwill\s)|(?<=\bcan\s)|"
            r"(?<=\bshould\s)|(?<=\bmay\s)|(?<=\bto\s))(?P<w>double|triple|quadruple)\b"
            r"(?!\s(?:digits?|down|check|bottom|top|its|their|the|our|revenue|sales|earnings))",
            re.I,
        ),
    ),
    # $240–$245, $205-220, between $205 and $220, $1.2 billion, $0.35 per share
    (
        "usd",
        re.compile(
            # "$1.2 billion", "US$4.31", "USD 68.2 m"
            # (not "C$0.02", "R$1.1 bln", "HK$5": other dollars and reais)
            rf"(?:US\$|(?<![A-Za-z])\$|\bUSD\s)\s?(?P<a>{_NUM_INNER}){_SCALE}?"
            rf"(?:{DASH_USD}\$?\s?(?P<b>{_NUM_INNER})"
            rf"(?:\s?(?P<scale2>trillion|billion|million|bn|bln|mn|mln|[mbk])\b)?"
            # "$66.52 and 31% above ...": a percentage after "and" is no end of a zone
            r"(?![\d%]|\s?(?:percent|per\scent)\b))?"
            r"(?P<ps>\s?(?:per|a|/)\s?(?:diluted\s|basic\s)?share)?",
            re.I,
        ),
    ),
    # "242$", "252-255$": a price with its dollar sign written after it (non-native English)
    (
        "usd",
        re.compile(
            rf"(?<![\w.,$])(?P<a>{_NUM_INNER})(?:(?:-|–|—)(?P<b>{_NUM_INNER}))?\s?\$(?![\w$])",
            re.I,
        ),
    ),
    # 52 cents per share
    (
        "cents",
        re.compile(
            rf"(?<![\w.,$])(?P<a>{_NUM_INNER})(?:\s?|-)cents?\b"
            r"(?P<ps>\s?(?:per|a|/)\s?(?:diluted\s|basic\s)?share)?",
            re.I,
        ),
    ),
    # three cents a share, a penny: an earnings surprise's size in words (not "penny stocks")
    (
        "cents",
        re.compile(
            rf"\b(?P<a>{_WORDNUM}|a)[\s-](?:cents?|penny|pennies)\b(?!\s?stocks?\b)"
            r"(?P<ps>\s?(?:per|a|/)\s?(?:diluted\s|basic\s)?share)?",
            re.I,
        ),
    ),
    # 25 basis points, 25-basis-point, 25bp, 25 bps
    (
        "bp",
        re.compile(
            rf"(?<![\w.,$])(?P<a>{_NUM_INNER})(?:{DASH}(?P<b>{_NUM_INNER}))?"
            r"[\s-]?(?:basis[\s-]points?|bps?)\b",
            re.I,
        ),
    ),
    # a quarter-point cut, a half-point reduction, three-quarter point, a full percentage point
    (
        "bp_word",
        re.compile(
            r"\b(?P<w>quarter|half|three[- ]quarters?|full)[\s-](?:of\s(?:a\s)?|a[\s-])?"
            r"(?:percentage[\s-])?points?\b",
            re.I,
        ),
    ),
    # 6 percentage points, 3.5 pp
    (
        "pp",
        re.compile(
            rf"(?<![\w.,$])(?P<a>{_NUM_INNER}|{_WORDNUM})(?:{DASH}(?P<b>{_NUM_INNER}))?"
            r"[\s-]?(?:percentage[\s-]points?|pp|ppts?)\b",
            re.I,
        ),
    ),
    # "in a range between 5.25% and 5.5%": a target range said with "between ... and"
    (
        "pct",
        re.compile(
            rf"(?<=range\sbetween\s)(?P<a>{_NUM_INNER})\s?(?:%|percent\b|per\scent\b)?"
            rf"\sand\s(?P<b>{_NUM_INNER})\s?(?:%|percent\b|per\scent\b)",
            re.I,
        ),
    ),
    # 12.4%, 1%-2%, 1–2%, 4% to 4.25%, 50 percent
    (
        "pct",
        re.compile(
            rf"(?<![\w.,$])[-−]?(?P<a>{_NUM_INNER})(?:\s?%|\s?percent\b|\s?per\scent\b)?"
            # "down 1.5% to down 1%", "up 2%-up 3%": a guided range that repeats its direction
            rf"(?:(?:{DASH}|-(?=(?:up|down)\s\d))(?:(?P<dir2>up|down)\s(?=\d))?[-−]?(?P<b>{_NUM_INNER}))?"
            # "fell 0.8 pct", "rose 0.8pc": the wires' abbreviations
            r"\s?(?:%|percent\b|per\scent\b|pct\b|pc\b(?!\s?(?:share|stake|holding)))",
            re.I,
        ),
    ),
    # one per cent, two percent (a spelled-out figure; "one%" is never written)
    ("pct", re.compile(rf"\b(?P<a>{_WORDNUM})[\s-](?:percent|per\scent)\b", re.I)),
    # "between 15 and 16 times forward profits": a range of multiples said with "between"
    (
        "x",
        re.compile(
            rf"(?<=between\s)(?P<a>{_NUM_INNER})x?\sand\s(?P<b>{_NUM_INNER})" + _MULTIPLE_TAIL,
            re.I,
        ),
    ),
    # 20x, 1–2x, 15 times earnings
    (
        "x",
        re.compile(
            rf"(?<![\w.,$])(?P<a>{_NUM_INNER})(?:x)?(?:{DASH}(?P<b>{_NUM_INNER}))?"
            + _MULTIPLE_TAIL,
            re.I,
        ),
    ),
    # rose 38 points, +38 pts (chat shorthand)
    (
        "points",
        re.compile(
            rf"(?<![\w.,$])(?P<a>{_NUM_INNER})(?:{DASH}(?P<b>{_NUM_INNER}))?"
            r"(?:[\s-]points?|\s?pts)\b",
            re.I,
        ),
    ),
    # five consecutive months, 5 straight weekly gains, two more cuts
    (
        "count",
        re.compile(
            rf"\b(?P<a>{_WORDNUM}|\d{{1,2}})[\s-](?:(?:consecutive|straight|successive|"
            r"more|additional|further|rate)\s)+"
            r"(?:(?:monthly|weekly|daily|quarterly|rate|interest[- ]rate)\s)?"
            # "three straight losing sessions", "four consecutive down weeks"
            r"(?:(?:winning|losing|down|up|negative|positive)\s)?"
            r"(?P<what>months?|weeks?|days?|sessions?|quarters?|years?|gains?|losses?|declines?|"
            r"advances?|cuts?|hikes?|reductions?|increases?)\b",
            re.I,
        ),
    ),
    # a zone said in words: "between 2,380 and 2,470" (levels only, see _plausible_level)
    (
        "bare",
        re.compile(
            rf"(?<=between\s)(?P<a>{_NUM_INNER})\sand\s(?P<b>{_NUM_INNER})"
            r"(?![\w%$]|\.\d|[-–][a-z])",
            re.I,
        ),
    ),
    # bare levels: 2,436.48 / 6,550 / 1600–2400 / 6780
    (
        "bare",
        re.compile(
            rf"(?<![\w.,$/:])(?P<a>{_NUM_INNER})(?:{DASH}(?P<b>{_NUM_INNER}))?"
            r"(?![\w%$]|\.\d|[-–][a-z])",
            re.I,
        ),
    ),
]

_COMPARATORS: list[tuple[str, re.Pattern[str]]] = [
    ("gte", re.compile(r"\b(?:at least|no less than|a minimum of|or more)\s*$", re.I)),
    (
        "lte",
        re.compile(
            r"(?<!\badd )(?<!\badds )(?<!\badded )(?<!\badding )"
            # "back up to 70%", "moved up to 4.2%": a move that ended there, not a ceiling
            r"(?<!\bback )(?<!\bmoved )(?<!\bticked )(?<!\bcrept )(?<!\binched )(?<!\bwent )"
            r"\b(?:up to|at most|no more than|as much as|a maximum of)\s*$",
            re.I,
        ),
    ),
    (
        "approx",
        re.compile(
            r"(?:\b(?:nearly|almost|about|around|approximately|approx\.?|roughly|"
            r"close to|some|an estimated|circa|near|in the region of)|~)\s*$",
            re.I,
        ),
    ),
    (
        "gt",
        re.compile(
            r"\b(?:over|more than|above|north of|upwards of|in excess of|greater than|"
            r"exceeding|beyond|better than)\s*$",
            re.I,
        ),
    ),
    (
        "lt",
        re.compile(r"\b(?:under|less than|below|south of|fewer than|shy of|just under)\s*$", re.I),
    ),
]

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_BEFORE = re.compile(rf"\b{_MONTHS}\s*$", re.I)
_DURATION_AFTER = re.compile(
    r"^(?:\s?(?:-|–)\s?|\s)?(?:year|month|week|day|hour|minute|session|quarter|decade)s?\b"
    r"|^(?:st|nd|rd|th)\b|^[-\s]?(?:year|day|week|hour)-",
    re.I,
)
_QUARTER_BEFORE = re.compile(r"(?:\bQ|\bH|\bFY|\bF|#|\bNo\.\s?|\bPage\s)$", re.I)


@dataclass
class Quantity:
    """A number with its unit, read from ``text[start:end]`` (offsets in that text)."""

    unit: str
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    comparator: str = "eq"
    negative: bool = False  # written with a minus sign
    per_share: bool = False
    what: str | None = None  # for counts: months / gains / cuts ...
    text: str = field(default="", repr=False)


#: More significant digits than a float keeps (and than any market figure has): a
#: 400-digit "figure" is noise, and would become ``inf``.
MAX_DIGITS = 15


def parse_number(raw: str) -> float | None:
    """``"1,234.5"`` -> 1234.5; ``"five"`` -> 5; unreadable, overlong or non-finite
    (``1e400``) -> None (never raises)."""
    raw = raw.strip().lower()
    if raw in WORD_NUMBERS:
        return float(WORD_NUMBERS[raw])
    digits = raw.replace(",", "")
    if sum(ch.isdigit() for ch in digits.lstrip("0.")) > MAX_DIGITS:
        return None
    try:
        value = float(digits)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def finite(*values: float | None) -> bool:
    """No value is inf or NaN (None is fine): what reaches a claim must be valid JSON."""
    return all(v is None or math.isfinite(v) for v in values)


_SCALES = {
    "trillion": 1e6,
    "tn": 1e6,
    "billion": 1e3,
    "bn": 1e3,
    "bln": 1e3,
    "b": 1e3,
    "million": 1.0,
    "mn": 1.0,
    "mln": 1.0,
    "m": 1.0,
    "thousand": 1e-3,
    "k": 1e-3,
}


def comparator_before(text: str, start: int) -> str:
    """The comparator the few words before ``start`` state (eq when none)."""
    window = text[max(0, start - 30) : start]
    window = re.sub(r"[$\s]+$", " ", window)
    for name, pat in _COMPARATORS:
        if pat.search(window):
            return name
    return "eq"


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(s < b and a < e for a, b in spans)


def find_quantities(text: str, masked: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every quantity in ``text``, left to right, not overlapping each other or ``masked``."""
    taken: list[tuple[int, int]] = list(masked or [])
    found: list[Quantity] = []
    for q in _named_figures(text):  # the figure only; the name leading to it may be masked
        if not _overlaps(taken, q.start, q.end):
            taken.append((q.start, q.end))
            found.append(q)
    for unit, pat in _PATTERNS:
        pos = 0
        while (m := pat.search(text, pos)) is not None:
            s, e = m.span()
            if _overlaps(taken, s, e):
                # look again past what is taken: a name's number must not swallow the figure
                # after it ("the Russell 2000 to 2,650", "S&P 500 to 7,000" read as a range)
                pos = max(b for a, b in taken if s < b and a < e)
                continue
            pos = max(e, s + 1)
            for q in _split_from_to(unit, m, text):
                taken.append((q.start, q.end))
                found.append(q)
    found.sort(key=lambda q: q.start)
    return found


def _named_figures(text: str) -> list[Quantity]:
    """Figures whose unit is said by the words before them, not by a sign after the number.

    "a price/sales ratio of 113.88" is a multiple and "EPS yields 0.28" is dollars per share
    though neither carries an "x" or a "$"; "slightly lower than 13 times" is a multiple when
    the sentence is about valuation. Only the number is the quantity's span.
    """
    out: list[Quantity] = []
    named = (
        ("x", _RATIO_BARE),
        ("usd_per_share", _EPS_BARE),
        ("usd_per_share", _EPS_AFTER),
        ("usd_millions", _REV_SHORT),
        ("x", _TIMES),
        ("x", _BEFORE_RATIO),
        ("x", _MULTIPLE_OF),
        ("x", _FIGURE_FIRST),
        ("bare", _CLAUSE_RATIO),
    )
    for unit, pat in (*named, ("bare", _COMPARED_BARE)):
        for m in pat.finditer(text):
            # the EPS pattern's alternatives name their figure and sign a2/neg2, a3/neg3
            ga, gn = next(
                (
                    (a, n)
                    for a, n in (("a", "neg"), ("a2", "neg2"), ("a3", "neg3"), ("a4", "neg4"))
                    if m.groupdict().get(a) is not None
                ),
                ("a", "neg"),
            )
            s, e = m.span(ga)
            if ga in {"a2", "a4"} and not re.search(
                r"\b(?:EPS|earnings per share)\b(?:(?!\.\s)[^;$%]){0,80}$",
                text[max(0, s - 110) : s],
                re.I,
            ):
                continue  # "analysts look for 1.96" is per-share earnings only after EPS
            if pat is _COMPARED_BARE and not _VALUATION_LEFT.search(text[max(0, s - 90) : s]):
                continue
            if pat is _CLAUSE_RATIO:
                clause = re.split(r"[.;!?]\s", text[max(0, s - 100) : s])[-1]
                ratio_names = list(_CLAUSE_RATIO_NAME.finditer(clause))
                # the ratio's own figure: no other figure between its name and this one
                # ("a P/E of 40, and the stock is at 61": 61 is a price); an index's name
                # ("the Russell 2000") is no figure
                after_name = clause[ratio_names[-1].end() :] if ratio_names else ""
                if not ratio_names or re.search(r"\d", _INDEX_NAME.sub("", after_name)):
                    continue
            if pat is _TIMES:
                e = m.end()
                if not _VALUATION_LEFT.search(text[max(0, s - 90) : s]):
                    continue
            elif pat is _RATIO_BARE and re.match(r"x\b|\s?times\b", text[e : e + 7], re.I):
                e = m.end()
            value = parse_number(m.group(ga))
            if value is None or any(q.start < e and s < q.end for q in out):
                continue
            scale = 1.0
            if pat is _REV_SHORT:
                if not re.search(
                    r"\b(?:rev|revs|revenues?|sales)\b", text[max(0, s - 40) : s], re.I
                ):
                    continue  # "vs 104m": only after a revenue figure
                scale = 1000.0 if m.group("scale").lower().startswith("b") else 1.0
                value *= scale
                e = m.end()
            if _is_excluded(text, s, e, m.group(ga)) or _YEAR.match(m.group(ga)):
                continue
            q = Quantity(unit=unit, start=s, end=e, value=value, text=text[s:e])
            q.comparator = comparator_before(text, s)
            high = parse_number(m.group("b")) if m.groupdict().get("b") else None
            high = high * scale if high is not None else None
            if high is not None and high > value:  # "12 to 14 times earnings"
                q.value, q.low, q.high, q.comparator = None, value, high, "range"
            if unit == "usd_per_share":
                q.per_share, q.negative = True, bool(m.groupdict().get(gn))
                if q.negative:
                    q.start -= 1
                    q.text = text[q.start : e]
            out.append(q)
    return out


_RANGE_BOUND = re.compile(
    r"\b(?:range[- ]bound|rang(?:ed|ing)|trading range|stuck|boxed|oscillat\w*|swung|swinging)"
    r"(?:\s[\w'’-]+){0,2}?\sfrom\s*(?:US)?\$?\s*$",
    re.I,
)


#: A policy-rate move in percent, then the level it reached: "cut rates by 0.25% to 4.25%".
_MOVE_BY = re.compile(
    r"\b(?:cut|cuts|cutting|lower\w*|reduc\w*|trimm?\w*|slash\w*|eas\w*|rais\w*|hik\w*|increas\w*|"
    r"tighten\w*)\s(?:[\w-]+\s){0,4}?by\s(?:about\s|roughly\s|another\s|a\sfurther\s)?$",
    re.I,
)


#: A price change written in dollars right after its verb: "fell $0.42", "gave up about $1.95",
#: "rose by $3". The figure is the size of the move, not a price (and "$0.42 to $2.18" after
#: it is the move, then where it ended, not a range).
DOLLAR_CHANGE = re.compile(
    r"\b(?:rose|fell|gained|lost|added|dropped|declined|climbed|jumped|slipped|slid|sank|"
    r"shed|gave\sup|advanced|retreated|rallied|surged|tumbled|plunged|soared|eased|"
    r"edged\s(?:up|down|higher|lower)|(?:were|was|is|are|closed|ended|finished|trading)\s"
    r"(?:up|down|off)|(?<=[,;(]\s)(?:up|down|off)|(?:an?\s)?(?:gain|loss|decline|drop|rise|"
    r"increase|decrease)\sof)\s(?:about\s|roughly\s|nearly\s|almost\s|just\s|some\s)?(?:by\s)?"
    r"(?:US)?\$?\s*$",
    re.I,
)


#: What follows an earlier range said with "from": "up from $0.97 to $1.03 previously".
_EARLIER_RANGE_AFTER = re.compile(
    r"^\s?(?:(?:million|billion|bn|mn|[mb])\b\s?)?(?:,\s)?(?:previously|before|earlier|prior|"
    r"(?:in|under)\s(?:the|its)\s(?:prior|previous|earlier|old|original)\b|a\s(?:quarter|month)\s"
    r"(?:ago|earlier))\b",
    re.I,
)


#: A range right before "from": the new range, whose "from" brings in the old one.
_RANGE_THEN_FROM = re.compile(
    r"\$?\d[\d.,]*\s?(?:to|-|–)\s?\$?\d[\d.,]*\s?(?:million|billion|bn|mn|[mb]\b)?"
    r"\s?,?\s(?:(?:up|down)\s)?from\s*(?:US)?\$?\s*$",
    re.I,
)


def _split_from_to(unit: str, m: re.Match[str], text: str) -> list[Quantity]:
    """ "from $280 to $300" is two figures, not a range; anything else is one quantity.

    "cut rates by 0.25% to 4.25%-4.5%" is two as well: the move, then the level or range it
    reached (read again from the second number, so a range there stays one quantity).
    """
    if (
        unit == "pct"
        and m.groupdict().get("b") is not None
        and not text[m.start()].startswith(("-", "−"))
        and (
            gap := re.fullmatch(
                r"(\s?(?:%|percent|per\scent))\sto\s", text[m.end("a") : m.start("b")]
            )
        )
        and _MOVE_BY.search(text[max(0, m.start() - 60) : m.start()])
    ):
        end = m.end("a") + len(gap.group(1))
        move = Quantity(
            unit="pct",
            start=m.start(),
            end=end,
            value=parse_number(m.group("a")),
            text=text[m.start() : end],
        )
        move.comparator = comparator_before(text, move.start)
        rest = m.re.match(text, m.start("b"))
        reached = _build(unit, rest, text) if rest else None
        return [move] + ([reached] if reached else [])
    q = _build(unit, m, text)
    if q is None:
        return []
    if (
        unit == "usd"
        and q.unit == "usd"
        and m.groupdict().get("b") is not None
        and re.fullmatch(r"\s?and\s?\$?\s?", text[m.end("a") : m.start("b")])
        and not re.search(r"\bbetween\s*(?:US)?\$?\s*$", text[max(0, m.start() - 20) : m.start()])
        and (a_val := parse_number(m.group("a"))) is not None
        and (b_val := parse_number(m.group("b"))) is not None
        and not m.group("ps")
        and not (m.groupdict().get("scale") or m.groupdict().get("scale2"))
    ):
        # "Targets: $102, $95 and $88": a list's last two figures, not a zone (only "between
        # $95 and $102" makes one)
        b_start = m.start("b")
        while b_start > 0 and text[b_start - 1] in "$US":
            b_start -= 1
        first = Quantity(unit="usd", start=m.start(), end=m.end("a"), value=a_val)
        first.text = text[first.start : first.end]
        first.comparator = comparator_before(text, first.start)
        second = Quantity(unit="usd", start=b_start, end=m.end("b"), value=b_val)
        second.text = text[second.start : second.end]
        return [first, second]
    if (
        q.comparator == "range"
        and unit == "usd"
        and m.groupdict().get("b") is not None
        and DOLLAR_CHANGE.search(text[max(0, m.start() - 40) : m.start()])
        and re.fullmatch(r"\s*to\s*(?:US)?\$?\s*", text[m.end("a") : m.start("b")])
    ):
        # "fell $0.42 to $2.18": the change, then the price it reached
        change = Quantity(
            unit="usd",
            start=m.start(),
            end=m.end("a"),
            value=q.low,
            text=text[m.start() : m.end("a")],
        )
        b_start = m.start("b")
        while b_start > 0 and text[b_start - 1] in "$US":
            b_start -= 1  # the reached price starts at its dollar sign, as any price does
        reached = Quantity(
            unit="usd", start=b_start, end=m.end(), value=q.high, text=text[b_start : m.end()]
        )
        return [change, reached]
    # "from $50 to $45" falls: no range, but two figures all the same (the first was dropped)
    falling = (
        q.comparator != "range"
        and unit == "usd"
        and q.unit == "usd"
        and m.groupdict().get("b") is not None
        and (a := parse_number(m.group("a"))) is not None
        and q.value is not None
        and a > q.value
    )
    if (q.comparator != "range" and not falling) or not re.search(
        r"\bfrom\s*(?:US)?\$?\s*$", text[: m.start()]
    ):
        return [q]
    if _RANGE_BOUND.search(text[max(0, m.start() - 60) : m.start()]):
        return [q]  # "range-bound from $236 to $250": the range it keeps to
    if q.comparator == "range" and (
        _EARLIER_RANGE_AFTER.match(text[m.end() : m.end() + 30])
        or _RANGE_THEN_FROM.search(text[max(0, m.start() - 50) : m.start()])
    ):
        # "EPS of $1.01 to $1.06, up from $0.97 to $1.03 previously", "guidance to $1.90 to
        # $2.05 from $1.80 to $1.95": a range replaced another range, no move from-to
        return [q]
    if "to" not in text[m.end("a") : m.start("b")]:
        return [q]
    low, high = (a, q.value) if falling else (q.low, q.high)
    first = Quantity(unit=q.unit, start=m.start(), end=m.end("a"), value=low, text=q.text)
    second = Quantity(unit=q.unit, start=m.start("b"), end=m.end(), value=high, text=q.text)
    if falling:
        second.comparator = q.comparator
    return [first, second]


def _build(unit: str, m: re.Match[str], text: str) -> Quantity | None:
    gd = m.groupdict()
    s, e = m.span()
    a = parse_number(gd["a"]) if gd.get("a") else None
    b = parse_number(gd["b"]) if gd.get("b") else None
    q = Quantity(unit=unit, start=s, end=e, text=m.group(0))
    if unit == "odds":
        if a is None or b is None or a + b != 100:
            return None
        q.low, q.high, q.comparator = a, b, "split"
        return q
    if unit == "bp_word":
        w = gd["w"].lower()
        q.unit, a = "bp", {"quarter": 25.0, "half": 50.0, "full": 100.0}.get(w, 75.0)
    elif unit == "sized_count":
        n = parse_number(gd["a"])
        size = {"quarter": 25.0, "half": 50.0}.get((gd.get("w") or "").lower())
        size = size or parse_number(gd.get("size") or "")
        if n is None or size is None:
            return None
        q.unit, a, q.what = "bp", n * size, gd["what"].lower()
    elif unit == "cents":
        if a is None:
            return None
        q.unit, a = "usd_per_share", a / 100.0
        if not gd.get("ps"):
            q.unit = "usd"
        q.per_share = bool(gd.get("ps"))
    elif unit == "usd":
        scale = (gd.get("scale") or gd.get("scale2") or "").lower()
        if (
            scale
            and scale in {"m", "b", "k"}
            and not re.match(
                r"[mbk]\b|\s?[mbk]\b(?!\s?[a-z])",
                text[m.start("scale") :] if gd.get("scale") else "x",
                re.I,
            )
        ):
            scale = ""
        if scale:
            f = _SCALES.get(scale, 1.0)
            q.unit = "usd_millions"
            a = a * f if a is not None else None
            b = b * f if b is not None else None
        elif gd.get("ps"):
            q.unit, q.per_share = "usd_per_share", True
    elif unit == "mult":
        w = gd["w"].lower().removesuffix("d")
        q.unit, a = "pct", {"double": 100.0, "triple": 200.0, "quadruple": 300.0, "halve": 50.0}[w]
        q.negative = w == "halve"  # "has halved from its peak": a fall of half
    elif unit == "count":
        word = gd["a"].lower()
        n = _ORDINALS.get(word) or (2 if word == "back-to-back" else parse_number(word))
        a = float(n or 0) or None
        q.what = gd["what"].lower()
    elif unit == "pct":
        q.negative = text[s] in "-−"
        if q.negative and s > 0 and text[s - 1].isalnum():
            return None
    elif unit == "bare" and not _plausible_level(gd, text, s, e):
        return None
    if (
        unit in {"bp", "pp", "pct", "x", "points", "bare"}
        and a is not None
        and _is_excluded(text, s, e, gd["a"])
    ):
        return None
    if a is None:
        return None
    if b is not None and gd.get("b") is not None:
        if b < a and gd.get("dir2"):
            a, b = b, a  # "down 1.5% to down 1%": both ends declines, a range of sizes
        elif b < a and unit != "bare":
            # "4% to 4.25%" fine; "down 5 to 3%" is not a range, keep the last number
            a, b = b, None
        if b is not None:
            q.low, q.high, q.comparator = a, b, "range"
    if q.comparator != "range":
        q.value = a
        q.comparator = comparator_before(text, s)
        if text[e : e + 12].lower().startswith((" or more", " or higher", "+")):
            q.comparator = "gte"
    if not finite(q.value, q.low, q.high):  # a scale times a huge figure
        return None
    return q


def _is_excluded(text: str, s: int, e: int, first: str) -> bool:
    """Dates, quarters and durations that only look like quantities."""
    before = text[max(0, s - 12) : s]
    after = text[e : e + 12]
    if _QUARTER_BEFORE.search(before):
        return True
    if _DATE_BEFORE.search(before) and re.fullmatch(r"\d{1,2}", first):
        return True
    return bool(re.match(r"^[-–]\d", after))


#: A trade plan's label right before a whole number, or before the list it opens: "tp2 45",
#: "PT: 41", "tgt 18", "sl 9", "tgts 78 / 82".
_PLAN_LABEL_BEFORE = re.compile(
    r"(?<![\w.'’-])(?:tp\d?|tgts?\d?|pt|sl|stop|entry|target)\s?[:@=]?\s?\$?"
    r"(?:\d[\d.,]*\s?/\s?\$?){0,2}$",
    re.I,
)


#: A noun that makes a year-shaped number a level: "towards the 1900 level", "the 2000 mark".
_LEVEL_NOUN_AFTER = re.compile(
    r"^\s(?:level|mark|area|handle|zone|line|region|threshold|barrier|pivot)\b(?!s)",
    re.I,
)


def _plausible_level(gd: dict[str, str | None], text: str, s: int, e: int) -> bool:
    """Bare numbers count as levels only when written like one (2,436.48 / 1600–2400 / 6550)."""
    a_raw, b_raw = gd.get("a") or "", gd.get("b") or ""
    after = text[e : e + 14]
    before = text[max(0, s - 14) : s]
    if _DURATION_AFTER.match(after) or _QUARTER_BEFORE.search(before):
        return False
    if _DATE_BEFORE.search(before):
        return False
    if re.match(r"^\s?(?:-|–)?\s?(?:hour|day|week|month|year|minute|period)", after, re.I):
        return False
    # "10:30", "9:45 am" are clock times; "2,369.70: where it closed" is a glossed figure
    if re.search(r"[:/]$", before) or re.match(r"^\s?(?:am|pm|a\.m|p\.m|et\b|:\d)", after, re.I):
        return False

    planned = bool(_PLAN_LABEL_BEFORE.search(before))

    def levelish(raw: str) -> bool:
        if not raw:
            return False
        v = parse_number(raw)
        if "," in raw or "." in raw:
            return v is not None and v >= 10
        if planned:  # "tp2 45", "PT: 41": a trade plan's label says it is a price
            return v is not None and v >= 1 and len(raw) <= 6
        if _YEAR.match(raw) and not (
            _LEVEL_NOUN_AFTER.match(after) and re.search(r"\bthe\s$", before, re.I)
        ):
            return False  # "in 2024", "2021 levels"; but "the 1900 level", "the 2000 mark"
        return v is not None and v >= 100 and len(raw) <= 6

    if b_raw:
        # 1600–2400 is a zone; 2022–2023 is a span of years
        if _YEAR.match(a_raw) and (_YEAR.match(b_raw) or len(b_raw) <= 2):
            return False
        return levelish(a_raw) and levelish(b_raw)
    return levelish(a_raw)
