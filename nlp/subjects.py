"""Which instrument a figure is about, and how sure that choice is.

A sentence often names several instruments ("the Russell 2000 rose 5.8% while the Russell
1000 gained 2.7%"; "the Nasdaq 100 jumped 1.5%, the S&P 500 rose 0.8% and the Russell 2000
gained 0.6%"). Each figure takes the subject of its own clause. The rules, in order:

1. a possessive right before the figure ("the Russell 1000's 8.0% gain");
2. a name right before a figure in parentheses ("the S&P 500 (5.7%)");
3. "A and B rose 3% and 4%, respectively", "A and B's 3% and 4% respective gains": the n-th
   figure of the list is the n-th name (checked first: the list overrides a possessive);
4. a name the figure stands in apposition to ("lagging the S&P 500, up 16%");
5. a name right after the figure's own noun ("a 17.1% increase of the S&P 500", "22x for
   the Russell 2000");
6. "it"/"its" in a clause that names nothing: the sentence's own subject;
7. the nearest name to the left in the same clause, skipping names that are only what the
   subject is compared with ("the Dow surpassed the S&P 500 and the Nasdaq 100 with a gain
   of 7.5%" is the Dow's gain); then the nearest in the sentence;
8. the nearest name after the figure in the same clause;
9. a reported figure paired with an estimate and named once after both ("EPS: $0.41 actual
   vs. $0.36 expected for Semtech (SMTC)");
10. the discourse subject carried over from earlier sentences.

A yardstick ("relative to the S&P 500", "compared with", "versus", "cheaper than",
"outperformed ...") is never the subject while the sentence names anything else, before or
after it: "Relative to the S&P 500, the Russell 2000 trades at 14x" is the Russell's.

The confidence (0..1, ``Claim.subject_confidence``) says how much the choice rests on
structure: high for a possessive or parentheses, lower when several names compete in the
clause, when the name is a loose description ("the small-cap benchmark"), and lowest when
the subject is inherited from another sentence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from nlp.linking import MOVE_VERB, Mention
from nlp.numbers import Quantity

#: Clause boundaries inside a sentence: a figure after one of these is another clause's.
CLAUSE = re.compile(
    r";|\bwhile\b|\bwhereas\b|\bbut\b|\bcompared (?:with|to)\b|\bversus\b|\bvs\.?\s"
    r"|\bagainst\b|\brelative to\b|\bthan\b",
    re.I,
)
#: "the Russell 1000's 8.0% gain"; after a plural, "small caps' 3% gain", the bare apostrophe
_POSSESSIVE = re.compile(r"(?:'s|’s)\s(?:[\w-]+\s){0,2}")
#: A possessive that names whose call it is: "Wells Fargo's target implies", "UBS's
#: strategists see", "Goldman's forecast of".
_SOURCE_POSSESSIVE = re.compile(
    r"(?:'s|’s)\s(?:new\s|latest\s|updated\s|revised\s)?(?:(?:price\s)?targets?|forecasts?|"
    r"objectives?|calls?|strategists?|analysts?|team|model|base\scase|bull\scase|bear\scase)\b",
    re.I,
)
_PLURAL_POSSESSIVE = re.compile(r"['’]\s(?:[\w-]+\s){0,2}")
_PAREN_FIGURE = re.compile(r"\s*\(\s*(?:[+~≈]|up\s|down\s|about\s)?")
_NEXT_TO = re.compile(r"\s?:?\s?[+\-−]?")
_APPOSITION = re.compile(
    r"\s*,\s*(?:(?:which|that)\s(?:[\w-]+\s){0,4}?|(?:(?:was|is|were)\s)?(?:up|down|higher|lower|"
    r"rising|falling|gaining|losing|adding|shedding|which rose|which fell)\s(?:by\s)?)"
    r"(?:about\s|nearly\s|roughly\s|almost\s|some\s|over\s|more than\s|just\s)?"
)
_MOVE_NOUN = (
    r"(?:increase|gain|return|rise|decline|drop|loss|advance|jump|rally|surge|fall|move|"
    r"performance|slide|climb|rebound|upside|downside|multiple|valuation)s?"
)
#: "up 1.8% on the day small caps ...": a preposition opening a span of time takes no name
#: after it (the span is the figure's period, and a name after it starts the next thought).
_NOT_A_SPAN = r"(?!(?:the\s|this\s|that\s)?(?:day|session|week|wk|month|quarter|year)\b)"
#: "Zions rose 3.1% on Wednesday and Western Alliance ... climbed 4.4%": a coordinator
#: after the figure starts the next name's clause; no word of the gap may be one.
_NO_COORD = r"(?!(?:and|or|but|while|as|whereas)\s)"
_AFTER_FIGURE = re.compile(
    rf"\s*(?:(?:{_NO_COORD}[\w-]+\s){{0,3}}?(?:for|on|in)\s{_NOT_A_SPAN}|"
    rf"(?:[\w-]+\s){{0,1}}?{_MOVE_NOUN}\s(?:of|for|in)\s)(?:the\s)?(?:{_NO_COORD}[\w&-]+\s){{0,2}}?"
)
#: A name written as the target noun's qualifier, right before the figure: "an S&P 500 target
#: of 7,500", "its IWM year-end target at $260", "a Russell 2000 price objective of 2,900".
_NAMED_TARGET = re.compile(
    r"\s(?:(?:year-end|end-\d{4}|\d{4}|12-month|price|base-case|new)\s){0,2}"
    r"(?:target|objective|forecast)\s(?:of|at|is|stands\sat)\s(?:about\s|around\s|roughly\s)?\$?"
)
#: A name that is only the yardstick: "outperformed the S&P 500", "surpassed the S&P 500
#: and Nasdaq 100", "lagging behind the Nasdaq".
_COMPARED_WITH = re.compile(
    r"\b(?:outperform\w*|underperform\w*|outpac\w*|outdid|outdo\w*|surpass\w*|beat(?:s|ing|en)?|"
    r"top(?:s|ped|ping)|trail(?:s|ed|ing)?|lag(?:s|ged|ging)?(?:\sbehind)?|behind|over|"
    r"exceed\w*|ahead of|relative to|(?:discount|premium)\s(?:\S+\s){0,3}?to|versus|vs\.?|against|"
    r"compared (?:with|to)|(?:in )?comparison (?:with|to)|than|"
    r"(?:cheaper|lower|higher|richer|more expensive) than)"
    # "outperformed its tech-heavy rival, the Nasdaq 100": the yardstick after a description
    # (a description in lower-case words: "Versus the S&P 500, small caps ..." is no such)
    r"\s(?:(?:its|their|the|an?)\s(?-i:(?:[a-z'’-]+\s){0,3}?[a-z-]+),\s)?"
    r"(?:the\s)?(?:[\w&-]+\s){0,2}?$",
    re.I,
)
_SHARE_OF_MEMBERS = re.compile(r"\s(?:of|in)\s(?:the\s|all\s)?")
_MEMBERS_NOUN = re.compile(
    r"\s(?:index\s)?(?:members|stocks|companies|constituents|components|issuers|names|firms)\b",
    re.I,
)
_COMMA_ONLY = re.compile(r"\s*,\s*(?:the\s)?")
_COORDINATED = re.compile(r"\s*(?:,|and|or|,\s*and)\s*(?:the\s)?$")
#: "$0.41 actual vs. $0.36 expected for Semtech (SMTC)": a reported figure and the estimate
#: after it are the same company's, named once after both. The estimate word is what makes
#: the pair: "12%, compared with 8% for the S&P 500" names a yardstick, not the subject.
_ESTIMATE_PAIR = re.compile(
    r"\s*(?:actual|reported|adjusted)?,?\s*(?:vs\.?|versus|against|compared (?:with|to))\s"
    r"(?:an?\s|the\s)?(?:[\w-]+\s){0,2}?\$?-?\d[\d.,]*\s?(?:%|cents?|[a-z]+)?\s?"
    r"(?:(?:was\s|had\sbeen\s)?(?:expected|estimated|forecast|anticipated|projected)|estimates?|"
    r"consensus|(?:the\s)?(?:Street|analysts?)(?:'s|’s)?\s(?:estimate|forecast|view))"
    r"(?:\sby analysts)?\s(?:for|at|from)\s(?:the\s)?",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:it|its|it's)\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s)?|and\s|&\s)\s*(?:[+-]|up\s|down\s)?")


@dataclass(frozen=True)
class SubjectChoice:
    """A figure's subject, how sure the choice is (0..1), and the rule that chose it."""

    symbol: str
    confidence: float
    rule: str
    #: for a sector slice ("russell 2000 energy"), the index it is a slice of: what the
    #: article goes on talking about
    within: str | None = None


#: A sector or industry inside the named index is the figure's subject, not the index:
#: "the industrial sector in the index rose 4%", "tech names within the Russell 2000",
#: "the index's energy stocks". Its return is not the index's, so the link is unsure.
_SECTORS = (
    r"tech(?:nology)?|industrials?|financials?|energy|health\s?care|biotech\w*|pharma\w*|"
    r"utilit(?:y|ies)|materials|real\sestate|reits?|consumer(?:\s\w+)?|staples|discretionary|"
    r"communications?|telecom\w*|banks?|regional\sbanks?|semiconductors?|chip\w*|software|"
    r"retail\w*|airlines?|homebuilders?|defen[cs]e|mining|miners|oil|gas|crypto\w*|insurers?"
)
_SECTOR_SCOPE = re.compile(
    rf"\b(?:(?:{_SECTORS})\s(?:stocks|names|shares|companies|firms|groups?|sector|industry|"
    rf"components|constituents|members|segment)|sector|industry|industries|sub-?industry|"
    rf"sub-?sector|segment)\s(?:in|within|inside|of|across)\b"
    rf"|['’]s\s(?:(?:{_SECTORS})\s)+(?:stocks|names|shares|companies|sector|industry|"
    rf"components|constituents|members|segment)\b",
    re.I,
)


#: A clause whose subject is a sector: "Healthcare led ...", "energy lagged ...".
_SECTOR_LEADS = re.compile(
    # "Within the Russell 2000, technology names returned 7.4%": the index fronted before the
    # sector (masked to spaces by the caller) leaves the sector leading its clause;
    # ", as Health Care earnings remain negative": a sector opening a subordinate clause
    r"(?:^\W*(?:(?:within|inside|among|across|in)\s(?:the\s)?\s*,\s*)?|,\s(?:as|and|with|since)\s)"
    rf"(?:the\s)?(?:{_SECTORS})(?:\s(?:stocks|names|shares|sector|companies|firms|earnings|"
    # with a noun that makes the sector a group ("energy stocks gave back"), any verb
    r"profits)\s(?!of\b|in\b|within\b|inside\b|across\b|like\b|such\b)[a-z]+|\s"
    r"(?:led|rose|fell|gained|lagged|trailed|outperformed|underperformed|jumped|slipped|"
    r"dropped|declined|climbed|advanced|rallied|slumped|tumbled|were|was|posted|added|lost|"
    r"returned|remain(?:ed)?|are|is|gave))\b",
    re.I,
)
#: "Excluding health care, earnings growth is 6.2%": the index without that sector.
_SECTOR_EXCLUDED = re.compile(
    rf"\b(?:excluding|ex-|outside(?:\sof)?)\s?(?:the\s)?({_SECTORS})\b(?!\s(?:stocks|names|"
    r"shares|companies|firms)\s(?:rose|fell|gained|lost|were|was))",
    re.I,
)
#: The lower-case names of indices a sector slice is written under ("russell 2000 energy",
#: "s&p 600 industrials": the devset's and the contract's convention for groups).
_SLICE_INDEX = {
    "^RUT": "russell 2000",
    "^SP600": "s&p 600",
    "^SML": "s&p 600",
    "^GSPC": "s&p 500",
    "^SP400": "s&p 400",
    "^MID": "s&p 400",
    "^RUI": "russell 1000",
    "^NDX": "nasdaq 100",
    "^RUO": "russell 2000 growth",
    "^RUJ": "russell 2000 value",
}
#: One spelling per sector in a slice's name.
_SECTOR_SPELLING = {
    "tech": "technology",
    "healthcare": "health care",
    "industrial": "industrials",
    "financial": "financials",
    "utility": "utilities",
    "bank": "banks",
    "regional bank": "regional banks",
    "semiconductor": "semiconductors",
    "chip": "semiconductors",
    "chips": "semiconductors",
    "chipmakers": "semiconductors",
    "reit": "reits",
    "insurer": "insurers",
    "airline": "airlines",
    "homebuilder": "homebuilders",
    "communication": "communications",
    "defence": "defense",
}
_SECTOR_WORD = re.compile(rf"\b(?:{_SECTORS})\b", re.I)
#: What lies between an index and its own move: "the Nasdaq up", "the index 1.2% higher".
_INDEX_MOVE = re.compile(r"\s(?:up|down|higher|lower)?\s?(?:by\s)?(?:about\s|nearly\s)?")


def pick_subject(
    text: str,
    q: Quantity,
    mentions: list[Mention],
    fallback: str | None,
    qs: list[Quantity] | None = None,
) -> SubjectChoice | None:
    """The subject of figure ``q`` in sentence ``text`` (offsets relative to the sentence).

    ``mentions`` are the sentence's instrument mentions, ``fallback`` the discourse subject,
    ``qs`` all figures of the sentence (for "respectively" lists). A figure about a sector
    inside the chosen index is that slice's ("russell 2000 energy"; see ``_slice``), unsure
    (below ``SUBJECT_SURE_MIN``): a checker must not hold the sector's return against the index.
    """
    choice = _pick(text, q, mentions, fallback, qs)
    if choice is None:
        return None
    lo = max(0, q.start - 160)  # the words just before the figure: its own clause's subject
    clause_start = max((cm.end() for cm in CLAUSE.finditer(text, lo, q.start)), default=lo)
    clause = text[clause_start : q.start]
    if not _SECTOR_WORD.search(clause):
        return choice
    chars = list(clause)
    for m in mentions:  # a sector fund's own name ("Financial Select Sector SPDR") is no scope
        if m.end <= clause_start or m.start >= q.start:
            continue
        for k in range(max(m.start, clause_start), min(m.end, q.start)):
            chars[k - clause_start] = " "
    masked = "".join(chars)
    scope = _SECTOR_SCOPE.search(masked)
    if scope:
        return _slice(choice, scope.group(0), "sector within")
    leads = _SECTOR_LEADS.search(masked)
    if leads:
        # "Healthcare led the index higher with a 7.2% weekly gain", "while energy lagged
        # with a 1.1% decline": the sector's move, unless the figure is the index's own
        # ("Tech led the Nasdaq up 1.2%")
        at = clause_start + leads.start()
        named = [m for m in mentions if at <= m.start and m.end <= q.start and not m.modifier]
        gap = text[named[-1].end : q.start] if named else ""
        # a sector opening a later clause ("..., as banks rallied, the Russell 2000 gained
        # 1.5%") leaves the figure to the name after it
        later = leads.start() > 0 and named
        if not later and (not named or not _INDEX_MOVE.fullmatch(gap)):
            return _slice(choice, leads.group(0), "sector leads")
    excluded = _SECTOR_EXCLUDED.search(masked)
    if excluded:
        return _slice(choice, excluded.group(1), "sector excluded", excluded=True)
    return choice


def _slice(
    choice: SubjectChoice, words: str, rule: str, *, excluded: bool = False
) -> SubjectChoice:
    """A sector of the chosen index as its own subject: "Russell 2000 energy stocks fell 3.5%"
    is ``russell 2000 energy``, "excluding health care" ``russell 2000 ex health care``.

    The contract writes a group with no symbol in lower-case words; a slice of an index is
    such a group, and its move is not the index's. A subject that is no index the table
    names keeps its symbol, unsure (below ``SUBJECT_SURE_MIN``): a checker must not hold the
    sector's figure against it.
    """
    confidence = min(choice.confidence, 0.4)
    index = _SLICE_INDEX.get(choice.symbol)
    sector = _SECTOR_WORD.search(words)
    if index is None or sector is None:
        return SubjectChoice(choice.symbol, confidence, rule)
    word = re.sub(r"\s+", " ", sector.group(0).lower())
    word = _SECTOR_SPELLING.get(word, word)
    name = f"{index} ex {word}" if excluded else f"{index} {word}"
    return SubjectChoice(name, confidence, rule, within=choice.symbol)


def _pick(
    text: str,
    q: Quantity,
    mentions: list[Mention],
    fallback: str | None,
    qs: list[Quantity] | None = None,
) -> SubjectChoice | None:
    left = [m for m in mentions if m.end <= q.start]
    usable = [m for m in left if not m.modifier]
    paired = _respectively(text, q, usable, qs)
    if paired is not None:  # before possessives: "the S&P and Nasdaq's 0.5% and 0.9% respective"
        return _choice(paired, 0.85, "respectively")
    after_name = next((m for m in mentions if m.start >= q.end and not m.modifier), None)
    for m in reversed(left):
        gap = text[m.end : q.start]
        if (
            after_name is not None
            and _SOURCE_POSSESSIVE.match(gap)
            and _AFTER_FIGURE.fullmatch(text[q.end : after_name.start])
        ):
            # "Wells Fargo's target implies 18% upside for the Russell 2000": the firm is the
            # source of the call, the name after the figure its subject
            continue
        if (
            _POSSESSIVE.fullmatch(gap)
            or gap in {"'s", "’s"}
            or (text[m.end - 1 : m.end] in {"s", "S"} and _PLURAL_POSSESSIVE.fullmatch(gap))
        ):
            return _choice(m, 0.95, "possessive")
    if left and _NAMED_TARGET.fullmatch(text[left[-1].end : q.start]):
        # "against an S&P 500 target of 7,500": the name that qualifies the target noun is
        # the target's, even when the sentence is about another one
        return _choice(left[-1], 0.9, "name of the target")
    if usable and _PAREN_FIGURE.fullmatch(text[usable[-1].end : q.start]):
        return _choice(usable[-1], 0.95, "parenthesised figure")
    if usable and _NEXT_TO.fullmatch(text[usable[-1].end : q.start]):
        # "R2K +1.8% vs SPX +0.85%": a figure written right after a name is that name's, even
        # when the name is a yardstick of the figure before
        return _choice(usable[-1], 0.9, "figure next to the name")
    if usable and _APPOSITION.fullmatch(text[usable[-1].end : q.start]):
        return _choice(usable[-1], 0.9, "apposition")
    members = next((m for m in mentions if m.start >= q.end), None)
    if (
        members is not None
        and _SHARE_OF_MEMBERS.fullmatch(text[q.end : members.start])
        and _MEMBERS_NOUN.match(text[members.end :])
    ):
        # "40% of Russell 2000 members lost money": a share of what the index holds
        return _choice(members, 0.85, "share of members")
    after = [m for m in mentions if m.start >= q.end and not m.modifier]
    if (
        after
        and _AFTER_FIGURE.fullmatch(text[q.end : after[0].start])
        # "IWN added 4.8% in the month while IWO rose 2.1%": the name after "while" is the
        # next clause's
        and not CLAUSE.search(text[q.end : after[0].start])
        # "15x compared to 22x for large caps": the name after the next figure is its own
        and not any(q.end <= o.start < after[0].start for o in qs or [])
    ):
        return _choice(after[0], 0.85, "named after the figure")
    clause_start = 0
    for cm in CLAUSE.finditer(text[: q.start]):
        clause_start = cm.end()
    in_clause = [m for m in usable if m.start >= clause_start]
    if usable and not in_clause and _PRONOUN.search(text[clause_start : q.start]):
        first = _instruments(usable)[0]
        return _choice(first, 0.7, "pronoun")
    subjects = _not_yardsticks(text, usable)
    # the names since the figure before this one: one name there is this figure's own
    since = max((o.end for o in qs or [] if o.end <= q.start), default=0)
    for pool, base in ((in_clause, 0.9), (usable, 0.7)):
        only_yardsticks = pool is in_clause and not any(m in subjects for m in in_clause)
        if pool and only_yardsticks and any(m in subjects for m in usable):
            continue  # the clause names only a yardstick ("relative to large caps")
        pool = [m for m in pool if m in subjects] or pool
        if not pool:
            continue
        best = _instruments(pool)[-1]
        rivals = {
            m.symbol
            for m in pool
            if m.start >= since and (m.kind != "group" or best.kind == "group")
        }
        sure = best.start >= since and len(rivals) <= 1
        return _choice(best, base if sure else base - 0.15, "nearest before")
    if not usable and fallback is not None and _PRONOUN.search(text[clause_start : q.start]):
        # "Over 12 months it has returned 6.1%, behind the S&P 500's 13.5%": "it" is the
        # subject the article has been talking about, not the name after the figure
        return SubjectChoice(fallback, 0.5, "pronoun, discourse")
    right = [m for m in mentions if m.start >= q.end and not m.modifier]
    if right and right[0].start - q.end < 80 and not CLAUSE.search(text[q.end : right[0].start]):
        lo = max(0, right[0].start - 60)
        if fallback is None or not _COMPARED_WITH.search(text[lo : right[0].start]):
            return _choice(right[0], 0.6, "nearest after")
        # "it trades at 15x, a 24% discount to the S&P 500": the name after the figure is
        # only its yardstick; the subject is the one the article is talking about
    if not usable and right:
        gap = text[q.end : right[0].start]
        if _ESTIMATE_PAIR.fullmatch(gap) and not any(m.start < right[0].start for m in left):
            return _choice(right[0], 0.8, "actual vs estimate for")
    if fallback is not None and not _UNKNOWN_NAME_MOVED.match(text[clause_start : q.start]):
        return SubjectChoice(fallback, 0.5, "discourse")
    return None


#: A clause that opens with a name no list knows, moving: "Shares of Zorblax Kitchens fell",
#: "Zorblax Kitchens Inc. rose": the figure is that company's, so the article's running
#: subject must not take it (a move held against the wrong stock is a false flag).
_UNKNOWN_NAME_MOVED = re.compile(
    r"^\W*(?:(?:[Ss]hares|[Ss]tock)\s(?:of|in)\s(?:[A-Z][\w&'’.-]*\s){1,5}"
    r"|(?!(?:It|Its|This|That|The|These|Those|They|He|She|We|I|Our|Their|His|Her|Shares|Stocks|"
    r"Small|Large|Mid|Micro|Investors|Traders|Analysts|Markets?|Futures|Yields?|Prices?)\b)"
    r"(?:[A-Z][\w&'’.-]*\s){2,4}(?:(?:shares|stock)\s)?"
    r"|[A-Z][\w&'’-]+\s(?:Inc|Corp|Co|Ltd|Holdings|Group)\.?\s)" + MOVE_VERB
)


def _choice(m: Mention, confidence: float, rule: str) -> SubjectChoice:
    return SubjectChoice(m.symbol, round(confidence * m.confidence, 3), rule)


def _instruments(pool: list[Mention]) -> list[Mention]:
    """Instruments before groups: "small caps" only when nothing more specific is named."""
    return [m for m in pool if m.kind != "group"] or pool


def _not_yardsticks(text: str, usable: list[Mention]) -> list[Mention]:
    """The mentions that are not only what something else is compared with.

    A yardstick ("surpassed the S&P 500 and the Nasdaq 100", "Relative to the S&P 500, the
    Russell 2000 trades at 14x") is dropped whenever another name in the sentence can be the
    subject, before or after it; only a sentence that names nothing else keeps it.
    """
    flagged: list[tuple[Mention, bool]] = []
    yardstick = fronted = False
    prev_end: int | None = None
    for m in usable:
        lo = max(0, m.start - 60)
        hit = _COMPARED_WITH.search(text[lo : m.start])
        if hit:
            yardstick = True
            fronted = not text[: lo + hit.start()].strip()
        elif not (
            yardstick
            and prev_end is not None
            and _COORDINATED.fullmatch(text[prev_end : m.start])
            # "Relative to the S&P 500, the Russell 2000 ...": the comma closes a fronted
            # comparison; the name after it is the sentence's subject, not another yardstick
            and not (fronted and _COMMA_ONLY.fullmatch(text[prev_end : m.start]))
        ):
            yardstick = False
        prev_end = m.end
        flagged.append((m, yardstick))
    return [m for m, y in flagged if not y] or list(usable)


def _respectively(
    text: str, q: Quantity, usable: list[Mention], qs: list[Quantity] | None
) -> Mention | None:
    """ "GDX and SIL rose 3.5% and 4.3%, respectively": the n-th figure is the n-th name."""
    if not qs or len(qs) < 2:
        return None
    i = next((k for k, o in enumerate(qs) if o is q or o.start == q.start), None)
    if i is None:
        return None
    lo = i
    while lo > 0 and _LIST_GAP.fullmatch(text[qs[lo - 1].end : qs[lo].start]):
        lo -= 1
    hi = i
    while hi + 1 < len(qs) and _LIST_GAP.fullmatch(text[qs[hi].end : qs[hi + 1].start]):
        hi += 1
    names = [m for m in usable if m.end <= qs[lo].start]
    n = hi - lo + 1
    if n < 2 or len(names) < n:
        return None
    # "Both the Russell 2000 and the S&P 600 hit highs, rising 2.1% and 1.8%": a list of
    # names and a list of as many figures after them pair up without "respectively" when
    # each list is joined by "and" and nothing else is named or measured between
    if not re.match(
        r"\s*,?\s*respective(?:ly)?\b", text[qs[hi].end :], re.I
    ) and not _implicit_pairs(text, names[-n:], qs[lo : hi + 1], names[:-n]):
        return None
    return names[-n:][i - lo]


#: Between the names of a list: "A and B", "A, B and C", "A, B, and the C".
_NAME_GAP = re.compile(r"\s*(?:,\s*(?:and\s)?|and\s)\s*(?:the\s)?", re.I)


def _implicit_pairs(
    text: str, names: list[Mention], figures: list[Quantity], before: list[Mention]
) -> bool:
    """Whether names and figures are two parallel lists joined by "and"."""
    if not re.search(r"\band\s*$", text[figures[-2].end : figures[-1].start]):
        return False
    if not re.search(r"\band\s", text[names[-2].end : names[-1].start]):
        return False
    if any(not _NAME_GAP.fullmatch(text[a.end : b.start]) for a, b in itertools.pairwise(names)):
        return False
    if before and _NAME_GAP.fullmatch(text[before[-1].end : names[0].start]):
        return False  # a longer list of names than of figures
    gap = text[names[-1].end : figures[0].start]
    return len(gap) < 80 and not CLAUSE.search(gap) and not re.search(r"\d", gap)
