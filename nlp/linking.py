"""Instrument linking: which symbol a stretch of text names.

The lexicon is built once per instrument directory (module cache, and a JSON cache on disk)
from ``ingest.instruments.load_instrument_rows`` - the shared lists plus the product's own
rows and names in ``ingest/instruments.toml``. Names are found by spaCy ``PhraseMatcher``s:

* index/ETF/future/crypto/group names and aliases ("the Russell 2000", "iShares Russell 2000
  ETF", "Russell Microcap", "E-mini Russell 2000 futures") match case-insensitively when they
  have several words or a digit, exactly otherwise ("RUT", "Gold"); loose names ("the
  Russell", "S&P", "the small-cap benchmark") link with a lower confidence;
* company names match exactly, in the listed form and with legal suffixes stripped
  ("Credo Technology Group Holding Ltd" -> "Credo Technology Group" -> "Credo Technology");
  a one-word short name ("Credo") only counts when the article gives its ticker, because many
  are English words ("Target", "Block") - unless it is written in a shape no word has ("IonQ");
* tickers count when they carry evidence: in parentheses "(CRDO)", as a cashtag "$IWM", in
  an exchange prefix "NYSE: XYZ" / "CRYPTO: BTC", or a ticker widget "IWM--". A bare
  upper-case word is a ticker only if it is an ETF/index symbol, an index member's ticker that
  is no word ("MGTX"), or the article gave the same ticker with evidence (so "AI", "IT", "ON",
  "NOW" stay words);
* groups with no symbol are lower-case words ("small caps", "regional banks").

Then, per article: a name followed by tickers in parentheses is one mention - the ticker's
("Russell 2000 Index ETF (IWM)" is IWM), or the name's own when the first ticker is its alias
("the Russell 2000 (RTY) index", "S&P 500 (SP500)(SPY)(IVV)"); "TICK (Name)" makes TICK that
name in the article; a futures root ("RTY") is the future where the article names the future;
"Nasdaq" as an exchange is no mention; a description right before a name ("the small-cap
Russell 2000") is a modifier of it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

_SUFFIXES = {
    "bancorp",
    "bancorporation",
    "bancshares",
    "inc",
    "inc.",
    "incorporated",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "company",
    "ltd",
    "ltd.",
    "limited",
    "holding",
    "holdings",
    "group",
    "plc",
    "llc",
    "l.p.",
    "lp",
    "n.v.",
    "nv",
    "s.a.",
    "sa",
    "ag",
    "se",
    "trust",
    "the",
    "&",
    "and",
    "cl",
    "class",
    "a",
    "b",
    "c",
    "ordinary",
    "shares",
    "common",
    "stock",
    "adr",
    "ads",
    "new",
    "de",
    "/de/",
}
_KIND_SKIP = {"rate"}  # the Fed is linked by the rate rules, not as a subject mention
#: Upper-case words that are tickers but usually mean something else.
AMBIGUOUS_TICKERS = {
    "A",
    "AI",
    "ALL",
    "AN",
    "ARE",
    "AT",
    "BE",
    "BIG",
    "CAN",
    "CEO",
    "CFO",
    "EPS",
    "ETF",
    "FOR",
    "GDP",
    "GO",
    "HAS",
    "IT",
    "NOW",
    "ON",
    "ONE",
    "OR",
    "OUT",
    "PE",
    "RSI",
    "SO",
    "TV",
    "UK",
    "US",
    "USA",
    "YOU",
    "IPO",
    "COT",
    "OBV",
    "FED",
    "AND",
    "THE",
    "NEW",
    "CPI",
    "PCE",
    "EV",
    "HOLD",
    "BUY",
    "SELL",
    "DD",
    "ATH",
    "YTD",
    # the running month, quarter and week ("MTD: -3.2%"): "MTD" is also Mettler-Toledo's ticker
    "MTD",
    "QTD",
    "WTD",
    "MA",
    "EMA",
    "SMA",
    "ET",
    "PM",
    "AM",
    "Q",
    # terms of the trade that are also tickers of index members
    "ADP",
    "SMID",
    "BDC",
    "MLP",
    "ACA",
    "CRE",
    "NIM",
    # reporting periods and bases written in parentheses: "P/E Ratio (TTM)", "Growth (YoY)"
    "TTM",
    "NTM",
    "LTM",
    "MRQ",
    "YOY",
    "QOQ",
    "GAAP",
    "EBITDA",
    "NAV",
    "REIT",
}
GROUPS: list[tuple[str, re.Pattern[str]]] = [
    (
        "small caps",
        re.compile(
            r"\bsmall(?:er)?[\s-]?cap(?:s|italization)?(?:\s(?:stocks|equities|firms|companies|names|"
            r"shares|indices|indexes|space|segment|universe|sector|complex))?\b",
            re.I,
        ),
    ),
    (
        "large caps",
        re.compile(
            r"\blarge[\s-]?cap(?:s)?(?:\s(?:stocks|equities|firms|companies|names|peers|tech))?\b",
            re.I,
        ),
    ),
    ("mega caps", re.compile(r"\bmega[\s-]?cap(?:s)?(?:\s(?:stocks|tech|names|giants))?\b", re.I)),
    ("mid caps", re.compile(r"\bmid[\s-]?cap(?:s)?(?:\s(?:stocks|equities))?\b", re.I)),
    ("micro caps", re.compile(r"\bmicro[\s-]?cap(?:s)?(?:\s(?:stocks|equities))?\b", re.I)),
    ("regional banks", re.compile(r"\bregional[\s-]bank(?:s|ing stocks|ing sector)?\b", re.I)),
]
#: Descriptions that name an index without its name ("the small-cap benchmark").
INDEX_PHRASES: list[tuple[str, re.Pattern[str]]] = [
    ("^RUT", re.compile(r"\bsmall[\s-]cap (?:benchmark|gauge|barometer|index)\b", re.I)),
    # "the index of smaller companies" (a wire's description of the Russell 2000)
    (
        "^RUT",
        re.compile(
            r"\b(?:index|gauge|benchmark) of (?:smaller|small[\s-]cap|small) "
            r"(?:companies|firms|stocks)\b",
            re.I,
        ),
    ),
    (
        "^GSPC",
        re.compile(r"\b(?:large[\s-]cap|broad[\s-]market) (?:benchmark|gauge|index)\b", re.I),
    ),
    # "the russell lost the 200-day" in an all-lower-case post: "the Russell" as chat writes it
    # (no other Russell index named after it)
    (
        "^RUT",
        re.compile(r"\bthe russell\b(?!\s*(?:\d|microcap|micro|mid|top|growth|value|[12]k\b))"),
    ),
]
#: An index named by a provider the instrument table does not list ("the MSCI USA Small Cap
#: Index", "the CRSP US Small Cap Value Index"): a subject of its own, in lower case as the
#: devset writes unlisted indices, so its figures are neither the Russell 2000's (the "Small
#: Cap" inside it) nor a stock's ("MSCI", "CRSP" are tickers too). Names with "Russell" or
#: "S&P" in them are left to the table.
_PROVIDER_INDEX = re.compile(
    r"\b(?:MSCI|CRSP|FTSE|Bloomberg|Solactive|Wilshire|Morningstar)\s"
    r"(?:(?!Russell\b|S&P\b)[A-Z0-9][\w&.’'-]*\s){1,6}?(?:Index|Indices|Indexes)\b"
)


#: A slice of small caps picked by a trait ("profitable small caps", "unprofitable small-cap
#: stocks", "non-earning small caps"): a group of its own (devset README: "unprofitable russell
#: 2000 stocks"), whose figures are not the whole index's and are never checked as its.
_QUALIFIED_SMALL_CAPS = re.compile(
    r"\b(?:un)?profitable\s(?:russell\s2000\s|small[\s-]?cap\s)?(?:small[\s-]?caps|stocks|"
    r"companies|names|members)\b(?<!\bprofitable\sstocks)(?<!\bprofitable\scompanies)"
    r"|\b(?:non-?earning|money-losing|loss-making|zombie|junk|high-quality|low-quality|"
    r"quality|speculative)\s(?:russell\s2000\s)?small[\s-]?cap(?:s|\sstocks|\scompanies|\snames)?\b",
    re.I,
)


def qualified_small_caps(text: str) -> list[Mention]:
    """Mentions of trait-picked slices of small caps (``_QUALIFIED_SMALL_CAPS``)."""
    out = []
    for m in _QUALIFIED_SMALL_CAPS.finditer(text):
        words = re.sub(r"[\s-]+", " ", m.group(0).lower())
        words = re.sub(r"small cap(?: stocks| companies| names)?$", "small caps", words)
        out.append(Mention(m.start(), m.end(), words, "group"))
    return out


def provider_indices(text: str) -> list[Mention]:
    """Mentions of provider-named indices the table does not list (``_PROVIDER_INDEX``)."""
    out = []
    for m in _PROVIDER_INDEX.finditer(text):
        name = re.sub(r"\s(?:Index|Indices|Indexes)$", "", m.group(0))
        symbol = re.sub(r"[\s-]+", " ", name.lower().replace("’", "'")).strip()
        out.append(Mention(m.start(), m.end(), symbol, "index"))
    return out


#: A word every match of a pattern above contains (lower case): a text without it is not
#: scanned (most are not about size groups, and a long text costs a scan per pattern).
_NEEDS = {
    id(pat): words
    for pat, words in zip(
        [*(p for _, p in GROUPS), *(p for _, p in INDEX_PHRASES)],
        [
            *[("small",), ("large",), ("mega",), ("mid",), ("micro",), ("regional",)],  # GROUPS
            *[("small",), ("small",), ("large", "broad"), ("russell",)],  # INDEX_PHRASES
        ],
        strict=True,
    )
}


#: Letters ``re.IGNORECASE`` also matches to ASCII ones ("ſ" is an "s" to it): folded before
#: the word check, so a skipped scan is one that could not have matched.
_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "K": "k"})


def _may_match(pat: re.Pattern[str], lower: str) -> bool:
    words = _NEEDS.get(id(pat))
    return words is None or any(w in lower for w in words)


#: The exchanges a write-up prefixes a ticker with: "(NASDAQ: QLLN)", "(NYSEAMERICAN:BRNQ)",
#: "(OTCQX: HRBR)", "(NasdaqGS: ABCD)".
_EXCHANGE = (
    r"(?:NYSE|NASDAQ|Nasdaq|NYSEArca|NYSE ?American|NYSEAMERICAN|NYSE ?MKT|AMEX|CBOE|"
    r"Nasdaq(?:GS|GM|CM)|OTC(?:QX|QB|\s?Pink|\s?Markets)?)"
)
_TICKER_EVIDENCE = re.compile(
    rf"\((?:{_EXCHANGE}\s?:\s?)?"
    # "(LUMN.N)", "(OPEN.OQ)": a wire's exchange code after the ticker (Reuters-style)
    r"\$?(?P<p>[A-Z]{1,5}(?:\.(?:OQ|N|O|K)(?=\))|[.\-/][A-Z])?)\)"
    r"|(?<![\w$])\$(?P<c>[A-Z]{1,5}(?:[.\-][A-Z])?)(?![\w])"
    rf"|\b{_EXCHANGE}\s?:\s?(?P<x>[A-Z]{{1,5}})\b"
    r"|(?<![A-Za-z])(?P<w>[A-Z]{2,5})--"
    r"|(?<![\w^])(?P<k>\^[A-Z]{2,6})\b"
)
#: A Reuters-style exchange code after a ticker in parentheses: ".N" NYSE, ".O"/".OQ" Nasdaq,
#: ".K" NYSE Arca (share classes are written ".A"/".B" and stay).
_EXCHANGE_CODE = re.compile(r"\.(?:OQ|N|O|K)$")
_BARE_UPPER = re.compile(r"(?<![\w$^/.-])(?P<t>[A-Z]{2,5}(?:[.\-][A-Z])?)(?![\w-])")
#: Fund, index and futures symbols that chat and social posts write in lower case ("iwm up
#: 1.8%", "rty needs to reclaim 2,400"): the ones no English word spells, so a lower-case
#: "iwm" can only be the fund. A lower-case cashtag ("$tna") is a ticker whatever it spells.
_LOWER_SYMBOLS = frozenset(
    {
        "iwm",
        "ijr",
        "iwo",
        "iwn",
        "vtwo",
        "tna",
        "tza",
        "uwm",
        "twm",
        "urty",
        "srty",
        "rty",
        "spx",
        "ndx",
        "qqq",
        "spy",
        "vix",
        "smh",
        "xbi",
        "kre",
    }
)
_LOWER_TICKER = re.compile(r"(?<![\w^/.-])(?P<c>\$)?(?P<t>[a-z]{2,5})(?![\w-])")
_MODIFIER_AFTER = re.compile(
    r"^(?:'s|’s)?\s(?:(?:top|largest|biggest|key|major|other)\s)?(?:holdings?|constituents?|"
    r"components?|members?|heavyweights?|peers?|stake)\b",
    re.I,
)
ANAPHORA: list[tuple[re.Pattern[str], set[str]]] = [
    (
        re.compile(
            r"\b(?:the|this|that|its) (?:benchmark |small-cap |underlying )?ind(?:ex|ices)\b", re.I
        ),
        {"index"},
    ),
    (re.compile(r"\b(?:the|this|that) (?:etf|fund)\b", re.I), {"etf"}),
    (
        re.compile(r"\b(?:the|this|that) (?:company|firm|stock|business)\b|\bits shares\b", re.I),
        {"stock"},
    ),
]


@dataclass(frozen=True)
class InstrumentInfo:
    symbol: str
    kind: str
    name: str


@dataclass
class Mention:
    """One place a sentence names an instrument (offsets in the document text)."""

    start: int
    end: int
    symbol: str
    kind: str
    modifier: bool = False  # "an IWM holding": named, but not what the sentence is about
    #: how sure the link is: 1 for a name or ticker, lower for a loose description ("the
    #: small-cap benchmark") or a reference resolved from context ("the index")
    confidence: float = 1.0


#: Endings of English words, not names: "Inspired", "Packaging", "Information", "Extra"...
_WORDLIKE_ENDINGS = (
    "ed",
    "ing",
    "ion",
    "ive",
    "al",
    "ity",
    "er",
    "ary",
    "ra",
    "ent",
    "ant",
    "ic",
    "ous",
    "ure",
    "ness",
    "ship",
    "ment",
    "ist",
    "ism",
    "ly",
    "ty",
)
#: A verb of a price move: "added", "fell", "closed higher".
MOVE_VERB = (
    r"(?:rose|fell|gained|added|advanced|climbed|jumped|slipped|lost|"
    r"dropped|declined|surged|soared|sank|tumbled|plunged|rallied|slid|shed|retreated|dipped|"
    r"(?:was|were|ended|closed|finished|edged|moved|traded)\s(?:up|down|higher|lower))\b"
)
#: A verb of a price move right after a name: "Microsoft added 2%", "Tesla shares fell".
_MOVED = rf"(?:(?:shares|stock)\s)?{MOVE_VERB}"
#: An analyst's action right after a name that opens a wire headline: "Biogen stock price
#: target raised to", "Etsy initiated as buy", "Hasbro upgraded to buy", "Adobe's price target
#: cut". Only a company is rated this way, so a one-word name that is also a word links here.
_RATED = (
    r"(?i:(?:['’]s\s)?(?:(?:stock|shares?)\s)?(?:price\s)?(?:target|pt)\s(?:price\s)?"
    r"(?:raised|cut|lowered|lifted|trimmed|boosted|increased|reduced|slashed|hiked|upped|"
    r"pared|set|to|at)"
    r"|(?:upgraded|downgraded|initiated|started|maintained|reiterated|resumed|assumed|rated)"
    r"\s(?:to|at|as|with|by|from|on|in))\b"
)
#: A target's name right after a company's: "its Arlo PT", "the Bloom price target".
_TARGET_NOUN = r"(?i:(?:(?:stock|share)\s)?(?:price\s)?(?:target|pt|objective))\b"
#: One-word names that are the words of a rating headline itself ("Price target raised",
#: "Stock price target cut"): never the rated company there.
_RATING_WORDS = frozenset({"price", "stock", "stocks", "share", "shares", "target", "analyst"})
#: Bump when the lexicon-building rules change (invalidates the on-disk cache).
LEXICON_FORMAT = 20


def _strip_the(alias: str) -> str:
    """ "the Russell" -> "Russell": a longer name ("Russell 1000") then wins."""
    return re.sub(r"^the\s+", "", alias, flags=re.I)


def build_lexicon_data(nlp: Language, instruments: Sequence[Any]) -> dict[str, Any]:
    """The linking tables for a list of ``Instrument`` rows, JSON-ready (the slow part).

    A row is anything with ``symbol``, ``kind``, ``name`` and ``aliases`` (an ``Instrument``,
    or a plain namespace read from the lists: validating 14k models costs ~10x)."""
    from ingest.instruments import futures_roots, futures_underlying, loose_names
    from nlp.pipeline import model_strings

    known_words = model_strings()
    loose = {_strip_the(a) for a in loose_names()}
    info: dict[str, list[str]] = {}
    weak: dict[str, str] = {}
    weak_members: dict[str, str] = {}
    bare_ok: set[str] = set()
    upper_aliases: dict[str, str] = {}
    exact: dict[str, str] = {}
    lower: dict[str, str] = {}
    folded: dict[str, str] = {}
    # the companies (not the listings: "RGTI" and its warrants "RGTIW" are one Rigetti
    # Computing) whose names start with a word or a pair of words; and the listings, for a
    # first word that is also a word ("Chart" of Chart Industries' two listings stays unsure)
    first_words: dict[str, set[str]] = {}
    first_listings: dict[str, int] = {}
    first_pairs: dict[str, set[str]] = {}
    for inst in instruments:
        forms = company_forms(inst.name) if inst.kind == "stock" else []
        if forms and " " in forms[-1]:
            w = forms[-1].split()[0]
            first_words.setdefault(w, set()).add(forms[-1].lower())
            first_listings[w] = first_listings.get(w, 0) + 1
            pair = _first_pair(forms[-1])
            if pair:
                first_pairs.setdefault(pair, set()).add(forms[-1].lower())
    for inst in instruments:
        symbol, kind, name = inst.symbol, inst.kind, inst.name
        if kind in _KIND_SKIP:
            continue
        info[symbol] = [kind, name]
        aliases = [a for a in (inst.aliases or "").split("|") if a]
        if kind in _NAMED_KINDS:
            if not symbol.startswith("^") and symbol not in AMBIGUOUS_TICKERS and kind != "group":
                bare_ok.add(symbol)
            for alias in [name, *aliases]:
                alias = _strip_the(alias)
                if alias.isupper() and alias.isalnum():
                    upper_aliases.setdefault(alias, symbol)
                if " " in alias or any(ch.isdigit() for ch in alias) or "&" in alias:
                    lower.setdefault(alias, symbol)
                else:
                    if alias.isupper() and alias not in AMBIGUOUS_TICKERS:
                        bare_ok.add(alias)
                    exact.setdefault(alias, symbol)
            continue
        member = bool(getattr(inst, "memberships", ""))
        if (
            member
            and 3 <= len(symbol) <= 5
            and symbol.isalpha()
            and symbol not in AMBIGUOUS_TICKERS
            and symbol.lower() not in known_words
            and symbol not in known_words
        ):
            # an index member's ticker that is no word ("MGTX", "CRDO"): a ticker written bare
            bare_ok.add(symbol)
        written = [name, *aliases, *_written_case(name)]
        for form in dict.fromkeys(f for n in written for f in company_forms(n)):
            if " " in form or _distinctive(form):
                exact.setdefault(form, symbol)
                if " " in form and _in_capitals(name) and _coined(form, known_words):
                    # "SOUNDHOUND AI, INC." is written "SoundHound AI": the filing's
                    # capitals say nothing of the name's inner ones
                    folded.setdefault(form, symbol)
            elif (
                member and len(form) > 3 and form[0].isupper() and (form.lower() not in known_words)
            ):
                # an index member whose short name is no word the model knows ("Oklo")
                exact.setdefault(form, symbol)
                if _in_capitals(name):
                    # "SOUNDHOUND AI" is "SoundHound": matched folded where written with an
                    # inner capital (see Lexicon.match)
                    folded.setdefault(form, symbol)
            else:
                weak.setdefault(form, symbol)
                if member and len(form) > 3 and form[0].isupper() and form[1:].islower():
                    weak_members.setdefault(form, symbol)
        forms = company_forms(name)
        if member and forms and " " in forms[-1]:
            # "Credo" for Credo Technology Group: a first word no other company starts with
            w = forms[-1].split()[0]
            if (
                len(first_words.get(w, ())) == 1
                and (first_listings.get(w) == 1 or _coined(w, known_words))
                and len(w) > 3
                and w[0].isupper()
                and w[1:].islower()
                and not w.lower().endswith(_WORDLIKE_ENDINGS)
            ):
                weak_members.setdefault(w, symbol)
                if _in_capitals(name) and _coined(w, known_words):
                    folded.setdefault(w, symbol)  # "SoundHound" for SOUNDHOUND AI INC
            pair = _first_pair(forms[-1])
            if (
                pair
                and len(first_pairs.get(pair, ())) == 1
                and pair.split()[0].lower() not in known_words
            ):
                # "Kratos Defense" for Kratos Defense & Security Solutions: the name's first
                # two words, when no other company's name starts with them and the first is
                # no word the model knows (so "American Airlines"-like pairs of common words
                # are left to the full name or the ticker)
                exact.setdefault(pair, symbol)
    for alias, symbol in list(lower.items()):
        # the tokenizer splits "R2K" (R2 | K) but not "r2k": a name written in lower case
        # needs its own pattern to match case-insensitively
        written_lower = alias.lower()
        if [w.text.lower() for w in nlp.make_doc(written_lower)] != [
            w.text.lower() for w in nlp.make_doc(alias)
        ]:
            lower.setdefault(written_lower, symbol)
            if alias in loose:
                loose.add(written_lower)

    def tokens(table: dict[str, str]) -> list[list[object]]:
        texts = list(table)
        return [
            [table[t], [w.text for w in d], [bool(w.whitespace_) for w in d], t in loose]
            for t, d in zip(texts, map(nlp.make_doc, texts), strict=True)
        ]

    return {
        "format": LEXICON_FORMAT,
        "info": info,
        "weak": weak,
        "weak_members": weak_members,
        "bare_ok": sorted(bare_ok),
        "upper_aliases": upper_aliases,
        "roots": futures_roots(),
        "underlying": futures_underlying(),
        "exact": tokens(exact),
        "lower": tokens(lower),
        "folded": tokens(folded),
    }


def _capitalised(span: Span) -> bool:
    """A folded match counts where each word is written with a capital, and a one-word name
    with an inner one too ("SoundHound"; "Soundhound" is matched exactly if listed so)."""
    if len(span) == 1:
        return _distinctive(span[0].text)
    return all(t.text[:1].isupper() or not t.text[:1].isalpha() for t in span)


def _in_capitals(name: str) -> bool:
    """Whether a filing writes its name's words in capitals ("NUSCALE POWER Corp")."""
    return any(len(w) > 3 and w.isalpha() and w.isupper() for w in name.split())


def _coined(form: str, known_words: frozenset[str]) -> bool:
    """Whether a name holds a word no dictionary has ("Soundhound", "Pubmatic"): only such a
    name is matched whatever its inner capitals (a name of plain words, "Energy Recovery",
    would match prose)."""
    return any(
        len(w) > 3 and w.isalpha() and w.lower() not in known_words and w not in known_words
        for w in form.split()
    )


#: Kinds linked by their names and aliases (companies are linked by their listed names).
_NAMED_KINDS = {"etf", "index", "future", "crypto", "group"}
#: PhraseMatcher keys of loose names end with this mark ("the Russell", "S&P").
_LOOSE_MARK = "~loose"


class Lexicon:
    """Everything needed to link names in one document; built once and cached.

    Names are found by two spaCy ``PhraseMatcher``s over the instrument table: one on the
    exact token text (company names, one-word aliases such as "Dow" or "Gold"), one on
    lower-cased tokens (names with several words or a digit: "the russell 2000").
    """

    def __init__(self, nlp: Language, data: dict[str, Any]) -> None:
        from spacy.matcher import PhraseMatcher

        self.info = {
            sym: InstrumentInfo(sym, kind, name) for sym, (kind, name) in data["info"].items()
        }
        self.weak_names: dict[str, str] = dict(data["weak"])
        #: index members with a one-word name that is also a word ("Credo"): linked only
        #: mid-sentence and followed by a lower-case word, where a capital means a name, or
        #: opening a sentence as the one that moved ("Microsoft added 2%"); after "shares
        #: of" any such name links (``_shares_named``)
        self.weak_members: dict[str, str] = dict(data.get("weak_members", {}))
        alternatives = "|".join(map(re.escape, sorted(self.weak_members, key=len, reverse=True)))
        self.weak_pattern = (
            re.compile(
                # mid-sentence before a lower-case word, a possessive or its own figure
                # ("Rigetti +7%", "Credo (+38%)")
                rf"(?<=[a-z,;]\s)({alternatives})(?=\s[a-z]|['’]s\b|\s?\(\s?[+\-−]?\d|\s[+\-−]\d)"
                rf"|(?:^|(?<=[.!?]\s))({alternatives})(?=\s{_MOVED})",
                re.M,
            )
            if self.weak_members
            else None
        )
        #: a one-word name (an index member's or any listed company's) opening a sentence
        #: and rated right after it: "Biogen stock price target raised to $392"
        self.rated_names: dict[str, str] = {
            form: sym
            for form, sym in {**self.weak_names, **self.weak_members}.items()
            if form.lower() not in _RATING_WORDS and form[:1].isupper()
        }
        rated = "|".join(map(re.escape, sorted(self.rated_names, key=len, reverse=True)))
        self.rated_pattern = (
            re.compile(
                rf"(?:^|(?<=[.!?:]\s))({rated})(?=\s?{_RATED})"
                # "moves its Arlo PT to $24", "the Bloom price target": a broker's own target
                rf"|(?:(?<=\bits\s)|(?<=\btheir\s)|(?<=\bhis\s)|(?<=\bher\s)|(?<=\bthe\s))"
                rf"({rated})(?=\s{_TARGET_NOUN})",
                re.M,
            )
            if self.rated_names
            else None
        )
        self.bare_ok: set[str] = set(data["bare_ok"])
        #: upper-case aliases ("RTY", "SP500", "DJIA") -> symbol: a ticker in parentheses
        #: after a name that is one of that name's own aliases keeps the name's symbol
        self.upper_aliases: dict[str, str] = dict(data.get("upper_aliases", {}))
        #: futures roots ("RTY" -> "RTY=F") and the index under each future ("RTY=F" ->
        #: "^RUT"), see ingest/instruments.toml [roots] and [underlying]
        self.roots: dict[str, str] = dict(data.get("roots", {}))
        self.underlying: dict[str, str] = dict(data.get("underlying", {}))
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        #: company names filed in capitals with a coined word, matched in any case but only
        #: where each word is written with a capital ("SoundHound AI")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for matcher, table in (
            (self.exact, data["exact"]),
            (self.lower, data["lower"]),
            (self.folded, data.get("folded", [])),
        ):
            patterns: dict[str, list[Doc]] = {}
            for symbol, words, spaces, is_loose in table:
                if words:
                    key = f"{symbol}{_LOOSE_MARK}" if is_loose else symbol
                    patterns.setdefault(key, []).append(Doc(nlp.vocab, words=words, spaces=spaces))
            for key, docs in patterns.items():
                matcher.add(key, docs)

    def match(self, doc: Doc) -> list[tuple[int, int, str, bool]]:
        """(start_char, end_char, symbol, loose) of the longest names, left to right."""
        strings = doc.vocab.strings
        found = [
            *self.exact(doc),
            *self.lower(doc),
            *(m for m in self.folded(doc) if _capitalised(doc[m[1] : m[2]])),
        ]
        # longest first, then leftmost: what spacy.util.filter_spans keeps
        found.sort(key=lambda m: (m[1] - m[2], m[1]))
        taken = bytearray(len(doc))
        out: list[tuple[int, int, str, bool]] = []
        for key, start, end in found:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            name = strings[key]
            loose = name.endswith(_LOOSE_MARK)
            symbol = name[: -len(_LOOSE_MARK)] if loose else name
            last = doc[end - 1]
            out.append((doc[start].idx, last.idx + len(last.text), symbol, loose))
        out.sort()
        return out

    def kind_of(self, symbol: str) -> str:
        info = self.info.get(symbol)
        return info.kind if info else ("group" if symbol.islower() else "stock")


#: Small words a company's name writes in lower case inside it.
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "de", "la", "du"})


def company_forms(name: str) -> list[str]:
    """Listed name and shorter forms without legal suffixes, in the case they are written."""
    name = re.sub(r"\s*/[A-Z]{2,3}/\s*$", "", name.strip())
    name = re.sub(r",?\s+national association$", "", name, flags=re.I)
    name = re.sub(r"[,.]?\s*\((?:the|The)\)$", "", name)
    if name.isupper():
        name = " ".join(
            # "HELEN OF TROY" is written "Helen of Troy", "BANK OF THE OZARKS" "Bank of the Ozarks"
            w.lower()
            if i and w.lower() in _FUNCTION_WORDS
            else (w.capitalize() if len(w) > 3 or not w.isalpha() else w.title())
            for i, w in enumerate(name.split())
        )
    words = name.replace(",", " ").split()
    forms: list[str] = []
    while words:
        form = " ".join(words)
        if form not in forms:
            forms.append(form)
        if words[-1].lower() in _SUFFIXES:
            words = words[:-1]
        else:
            break
    pair = re.match(r"([A-Z][\w'’]+) & ([A-Z][\w'’]+)\s\S", forms[-1] if forms else "")
    if (
        pair
        and pair.group(0)[:-2] not in forms
        and not {pair.group(1).lower(), pair.group(2).lower()} & _GENERIC_PAIR_WORDS
    ):
        # "Hims & Hers Health" is written "Hims & Hers", "Barnes & Noble Education" "Barnes &
        # Noble": two names joined by "&" are the company's own short name
        forms.append(pair.group(0)[:-2])
    return [f for f in forms if len(f) > 2 and f.lower() not in _SUFFIXES]


#: Words that make "X & Y" an industry's name rather than a company's ("Travel & Leisure",
#: "Oil & Gas", "Farmers & Merchants"): such a pair is no short name of its own.
_GENERIC_PAIR_WORDS = frozenset(
    [
        "agriculture",
        "natural",
        "central",
        "eastern",
        "western",
        "northern",
        "southern",
        "chemical",
        "chemicals",
        "mining",
        "farmers",
        "merchants",
        "gaming",
        "leisure",
        "graphene",
        "solar",
        "technology",
        "technologies",
        "telecommunication",
        "telecommunications",
        "telephone",
        "data",
        "transportation",
        "logistics",
        "travel",
        "eat",
        "beyond",
        "oil",
        "gas",
        "energy",
        "bank",
        "banks",
        "trust",
        "savings",
        "loan",
        "health",
        "services",
        "industries",
        "resources",
        "associates",
        "commodities",
        "income",
        "growth",
        "value",
        "international",
        "global",
        "bath",
        "body",
        "home",
        "garden",
        "food",
        "foods",
        "power",
        "water",
        "real",
        "estate",
        "life",
        "insurance",
        "capital",
        "investment",
        "investments",
    ]
)


def _first_pair(form: str) -> str | None:
    """A longer name's first two words, when both are capitalised words of their own
    ("Kratos Defense" of "Kratos Defense & Security Solutions"); None for a two-word name
    (already a form) or a pair with a joining word ("Bank of")."""
    words = form.split()
    if len(words) < 3:
        return None
    a, b = words[0], words[1]
    ok = all(
        len(w) > 2
        and w[0].isupper()
        and w[1:].islower()
        and w.isalpha()
        and w.lower() not in _SUFFIXES
        for w in (a, b)
    )
    return f"{a} {b}" if ok else None


_POSSESSIVE_STEM = frozenset("abcdefghjklmnopqrtvwxyz")


def _written_case(name: str) -> list[str]:
    """The ways a listed name is written where the filing's differs: "SYNAPTICS Inc" and
    "OLIN Corp" are written "Synaptics", "Olin"; "lululemon athletica inc." opens a headline
    as "Lululemon Athletica"; "KOHLS Corp" is "Kohl's". (Names wholly in capitals are cased
    by ``company_forms``; the filing's own form is kept too: "AGNC Investment Corp".)"""
    out: list[str] = []
    name = re.sub(r"\s*/[A-Z]{2,3}/\s*$", "", name.strip())
    words = name.split()
    if name.isupper():
        # short capitals are often an acronym: "RPM INTERNATIONAL INC" is "RPM International"
        acro = [
            w
            if i == 0 and len(w) <= 3 and w.isalpha() and w.lower() not in _SUFFIXES
            else (w.lower() if i and w.lower() in _FUNCTION_WORDS else w.capitalize())
            for i, w in enumerate(words)
        ]
        if acro[0].isupper() and len(acro) > 1 and acro[1].lower() not in _SUFFIXES:
            out.append(" ".join(acro))
    else:
        # "CAMPBELL'S Co" is written "Campbell's"
        fixed = [
            w.capitalize()
            if len(w) > 3 and re.sub(r"['’]", "", w).isalpha() and (w.isupper() or w.islower())
            else w
            for w in words
        ]
        if fixed != words:
            out.append(" ".join(fixed))
    # filings drop the possessive's apostrophe: "KOHLS Corp", "Childrens Place", "PAPA JOHNS";
    # the text writes "Kohl's", "Children's Place", "Papa John's"
    base = company_forms(out[0] if out else name)
    if base:
        shown = base[-1].split()
        for i in {0, len(shown) - 1}:
            w = shown[i]
            # not "Genesis", "Genius", "Ross": an "-is", "-us", "-ss" ending is no possessive
            if len(w) >= 4 and w.isalpha() and w.endswith("s") and w[-2] in _POSSESSIVE_STEM:
                for mark in ("'", "’"):
                    out.append(" ".join([*shown[:i], f"{w[:-1]}{mark}s", *shown[i + 1 :]]))
    return out


def _distinctive(word: str) -> bool:
    """A single word no dictionary has: inner capitals or digits ("IonQ", "C3.ai")."""
    return len(word) > 3 and (any(c.isupper() for c in word[1:]) and not word.isupper())


def _cache_path(directory: Path) -> Path:
    """A cache file named by the instrument files' names, sizes and times (and the content of
    the product's own additions, ``ingest/instruments.toml``, and of the code that builds it)."""
    import platformdirs
    import spacy

    import ingest.instruments as ingest_instruments
    from ingest.instruments import EXTRA_FILE

    parts = [str(directory.resolve()), str(LEXICON_FORMAT), spacy.__version__]
    parts.append(hashlib.sha256(EXTRA_FILE.read_bytes()).hexdigest())
    # the code that builds the tables: two checkouts that share the user's cache but build
    # differently (a change not yet released with a new LEXICON_FORMAT) never read each other's
    for module in (Path(__file__), Path(ingest_instruments.__file__)):
        parts.append(hashlib.sha256(module.read_bytes()).hexdigest())
    for f in sorted(directory.glob("*.csv")):
        st = f.stat()
        parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    return (
        Path(platformdirs.user_cache_dir("thesisdesk", appauthor=False)) / f"lexicon-{digest}.json"
    )


@lru_cache(maxsize=4)
def load_lexicon(directory: str | None) -> Lexicon | None:
    """The lexicon for an instrument directory (None when no list is available).

    Reading the lists takes seconds, so the derived tables are cached on disk next to the
    user's data (keyed by the files' sizes and times) and rebuilt when a file changes.
    """
    from nlp.pipeline import get_nlp

    if directory is None or not Path(directory).is_dir():
        return None
    nlp = get_nlp()
    path = _cache_path(Path(directory))
    data: dict[str, Any] | None = None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != LEXICON_FORMAT:
            data = None
    except (OSError, ValueError):
        data = None
    if data is None:
        from ingest.instruments import load_instrument_rows

        # plain rows: validating 14k Instrument objects cost ~10x the reading itself
        rows = [SimpleNamespace(**row) for row in load_instrument_rows(directory)]
        data = build_lexicon_data(nlp, rows)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:  # a read-only cache directory only costs time
            pass
    return Lexicon(nlp, data)


log = logging.getLogger(__name__)


def default_lexicon() -> Lexicon | None:
    from thesisdesk.settings import instruments_dir

    found = instruments_dir()
    if found is None:
        _warn_no_instruments()
    return load_lexicon(str(found) if found else None)


@lru_cache(maxsize=1)
def _warn_no_instruments() -> None:
    """Once per process: without the lists almost no subject links, so few claims come out."""
    log.warning(
        "no instrument list found (../shared/data/instruments or $THESISDESK_DATA): "
        "names and most tickers will not link, so most claims are dropped"
    )


#: How sure a link is when the text names an instrument only loosely ("the Russell",
#: "the small-cap benchmark") rather than by its name or ticker.
LOOSE_CONFIDENCE = 0.8
#: "Nasdaq" as the exchange, not the index: "Nasdaq: XYZ", "Nasdaq-listed", "listed on Nasdaq".
_EXCHANGE_AFTER = re.compile(
    # not "Nasdaq: -0.3%", a label of the index's own figure
    r"^(?:\s?:(?!\s?[+\-−]?\d)|-listed|\s(?:Global|Capital|Stock Market|[Ee]xchange|GS\b))"
)
_EXCHANGE_BEFORE = re.compile(r"\b(?:listed|trades?|trading|debuted) on (?:the )?$", re.I)
#: A description right before a name it describes: "the small-cap Russell 2000",
#: "the large-cap benchmark S&P 500".
_DESCRIBES = re.compile(r"\s*(?:(?:benchmark|index|gauge|barometer|bellwether)\s*)?")
_CASH_INDEX = re.compile(r"\b(?:cash|spot|underlying) index\b", re.I)
#: Tickers in parentheses right after a name, one or a chain: "S&P 500 (SP500)(SPY)(IVV)",
#: "Russell 2000 Index ETF (IWM)", "Axsome Therapeutics (NASDAQ: AXSM)".
_PAREN_CHAIN = re.compile(
    r"(?P<gap>[\w.&'’ -]{0,30}?)(?P<chain>(?:\s*\(\s*(?:[A-Za-z]+:\s?)?\$?\^?"
    r"[A-Z][A-Z0-9.=^-]{0,9}\s*\))+)"
)
#: A technical indicator's name right before "(RSI)", "(MACD)": the letters are the
#: indicator's, never a ticker.
_INDICATOR_BEFORE = re.compile(
    r"\b(?:relative\sstrength\sindex|moving\saverage\sconvergence[\s/-]divergence|"
    r"average\s(?:true\srange|directional\sindex)|on[\s-]balance\svolume|"
    r"(?:exponential|simple)\smoving\saverage|volume[\s-]weighted\saverage\sprice|"
    # "target price (TP)", "stop loss (SL)", "price objective (PO)": a trade's abbreviations
    r"target\sprice|price\starget|price\sobjective|take[\s-]profit|stop[\s-]loss|"
    r"point\sof\scontrol|all[\s-]time\shigh)\s*$",
    re.I,
)
_FIRST_TICKER = re.compile(r"\s*\(\s*(?:[A-Za-z]+:\s?)?\$?(\^?[\w.=^-]+)")


#: Capitalised words right after "shares of" / "shares in", or right before "shares" /
#: "stock": where a one-word company name that is also a word may be linked.
_SHARES_OF = re.compile(r"\b[Ss]hares\s(?:of|in)\s((?:[A-Z][\w&'’.-]*\s?){1,4})")
_NAME_SHARES = re.compile(r"((?:[A-Z][\w&'’.-]*\s){1,4})(?=(?:shares|stock)\b)")


_RUN_OPENERS = frozenset(
    {"The", "Meanwhile", "And", "But", "Also", "While", "As", "Its", "Their", "So", "Still"}
)


def _shares_named(text: str, lex: Lexicon) -> list[Mention]:
    """ "shares of Nutanix", "Nutanix shares", "Campbell's stock": only a company has shares,
    so a one-word name that is also a word links here (looked up, not scanned for: a pattern
    of every such name costs more than the rest of the linking)."""
    out: list[Mention] = []
    for m in _SHARES_OF.finditer(text):
        words = m.group(1).split()
        # the longest run of leading words that is a name ("shares of Nutanix fell")
        for n in range(len(words), 0, -1):
            form = " ".join(words[:n]).rstrip(".,")
            sym = lex.rated_names.get(form)
            # the whole run is the name, give or take a legal suffix ("Nutanix Inc"): not the
            # first word of a longer name ("shares of Target Hospitality")
            if sym and all(w.lower().rstrip(".,") in _SUFFIXES for w in words[n:]):
                end = m.start(1) + len(form)
                out.append(Mention(m.start(1), end, sym, lex.kind_of(sym)))
                break
    for m in _NAME_SHARES.finditer(text):
        run = m.group(1)
        words = run.split()
        for n in range(len(words), 0, -1):
            said = " ".join(words[-n:])
            form = said if said in lex.rated_names else re.sub(r"['’]s?$", "", said)
            sym = lex.rated_names.get(form)
            # the name closes the run; a capitalised word before it is a sentence's opener
            # ("Meanwhile Nutanix shares") or the name's own ("Target Hospitality shares")
            if sym and (n == len(words) or words[-n - 1] in _RUN_OPENERS):
                start = m.start(1) + run.rstrip().rfind(" ".join(words[-n:]))
                out.append(Mention(start, start + len(form), sym, lex.kind_of(sym)))
                break
    return out


def _lower_case_tickers(text: str, lex: Lexicon) -> list[Mention]:
    """Tickers written in lower case: a cashtag ("$iwm") or one of :data:`_LOWER_SYMBOLS`;
    an upper-case alias keeps its own symbol ("rty" is the Russell 2000, as "RTY" is)."""
    out: list[Mention] = []
    for m in _LOWER_TICKER.finditer(text):
        raw = m.group("t")
        if not m.group("c") and raw not in _LOWER_SYMBOLS:
            continue
        up = raw.upper()
        sym = up if up in lex.info else lex.upper_aliases.get(up)
        if sym is None:
            continue
        out.append(Mention(m.start("t"), m.end("t"), sym, lex.kind_of(sym)))
    return out


def find_mentions(doc: Doc, lex: Lexicon | None) -> list[Mention]:
    """Every instrument mention in the document, longest first, with ticker evidence applied."""
    return find_mentions_in(doc.text, lex.match(doc) if lex is not None else [], lex)


def find_mentions_in(
    text: str, matched: list[tuple[int, int, str, bool]], lex: Lexicon | None
) -> list[Mention]:
    """``find_mentions`` given the text and its name matches (``Lexicon.match``, offsets
    in ``text``): a long text is tokenized and matched in pieces, then resolved whole."""
    evidenced: dict[str, str] = {}  # ticker -> symbol seen with evidence in this article
    ticker_spans: list[Mention] = []
    for m in _TICKER_EVIDENCE.finditer(text):
        group = next(g for g in ("p", "c", "x", "w", "k") if m.group(g))
        if group == "k":  # "^RUT": a caret symbol, only if it is a known index
            if lex is not None and m.group("k") in lex.info:
                ticker_spans.append(Mention(m.start("k"), m.end("k"), m.group("k"), "index"))
            continue
        raw = m.group(group)
        if group == "p":
            raw = _EXCHANGE_CODE.sub("", raw)  # "(LUMN.N)" is LUMN on the NYSE
        sym = raw.replace(".", "-").replace("/", "-")
        if lex is not None and m.group(0).upper().startswith("(CRYPTO"):
            sym = f"{sym}-USD"  # "Bitcoin (CRYPTO: BTC)" is the pair BTC-USD
        elif lex is not None and sym not in lex.info and sym in lex.upper_aliases:
            sym = lex.upper_aliases[sym]  # "$SPX" is the S&P 500 index
        if lex is not None and sym not in lex.info and group in {"w"}:
            continue
        if (
            group in {"p", "w"}
            and sym in AMBIGUOUS_TICKERS
            and (lex is None or sym not in lex.info)
        ):
            continue
        if group == "p" and lex is not None and sym not in lex.info and len(sym) < 2:
            continue
        if group == "p" and _INDICATOR_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "the Relative Strength Index (RSI)": an indicator, not Rush Street
        evidenced[raw] = sym
        kind = lex.kind_of(sym) if lex else "stock"
        ticker_spans.append(Mention(m.start(group), m.end(group), sym, kind))
    names: list[Mention] = []
    local: dict[str, str] = {}
    if lex is not None:
        for start, end, sym, loose in matched:
            if (
                text[start:end] in {"Nasdaq", "NASDAQ"}
                and (
                    _EXCHANGE_AFTER.match(text[end : end + 20])
                    # the longest phrase it matches is 15 characters: a window, not the text
                    or _EXCHANGE_BEFORE.search(text[max(0, start - 40) : start])
                )
            ):
                continue
            names.append(
                Mention(
                    start, end, sym, lex.kind_of(sym), confidence=LOOSE_CONFIDENCE if loose else 1.0
                )
            )
            first = text[start:end].split()[0]
            # once "Credo Technology Group" is named, "Credo" means it in this article
            if (
                names[-1].kind == "stock"
                and " " in text[start:end]
                and len(first) > 3
                and first[0].isupper()
                and first.lower() not in _SUFFIXES
            ):
                local.setdefault(first, sym)
    # article-local names: "Some Name (TICK)" and one-word short names with evidence
    for m in re.finditer(r"((?:[A-Z][\w&.'’-]*\s){1,4})\((?:[A-Z]+:\s?)?\$?([A-Z]{1,5})\)", text):
        sym = evidenced.get(m.group(2))
        if sym:
            # "Credo's (CRDO) margin ...": the name is "Credo", so "Credo guided ..." later is it
            words = re.sub(r"['’]s?$", "", m.group(1).strip()).split()
            for n in range(len(words), 0, -1):
                form = " ".join(words[:n])
                if form.lower() not in _SUFFIXES and len(form) > 2:
                    local.setdefault(form, sym)
    if lex is not None:
        for form, sym in lex.weak_names.items():
            if sym in evidenced.values():
                local.setdefault(form, sym)
    if local:
        pat = re.compile(
            r"\b(" + "|".join(sorted(map(re.escape, local), key=len, reverse=True)) + r")\b"
        )
        for m in pat.finditer(text):
            names.append(
                Mention(
                    m.start(),
                    m.end(),
                    local[m.group(1)],
                    lex.kind_of(local[m.group(1)]) if lex else "stock",
                )
            )
    if lex is not None and lex.weak_pattern is not None:
        for m in lex.weak_pattern.finditer(text):
            sym = lex.weak_members[m.group(1) or m.group(2)]
            names.append(Mention(m.start(), m.end(), sym, lex.kind_of(sym)))
    if lex is not None and lex.rated_pattern is not None:
        for m in lex.rated_pattern.finditer(text):
            sym = lex.rated_names[m.group(1) or m.group(2)]
            names.append(Mention(m.start(), m.end(), sym, lex.kind_of(sym)))
    if lex is not None:
        names.extend(_shares_named(text, lex))
    local_tickers = _article_tickers(text, names, lex)
    bare: list[Mention] = []
    for m in _BARE_UPPER.finditer(text):
        raw = m.group("t")
        sym = raw.replace(".", "-")
        if raw in local_tickers:
            bare.append(
                Mention(
                    m.start(),
                    m.end(),
                    local_tickers[raw],
                    lex.kind_of(local_tickers[raw]) if lex else "stock",
                )
            )
        elif raw in evidenced or (lex is not None and raw in lex.bare_ok and sym in lex.info):
            sym = evidenced.get(raw, sym)
            bare.append(Mention(m.start(), m.end(), sym, lex.kind_of(sym) if lex else "stock"))
    if lex is not None:
        bare += _lower_case_tickers(text, lex)
    lower = text.translate(_FOLD).lower()
    groups = [
        Mention(m.start(), m.end(), g, "group")
        for g, pat in GROUPS
        if _may_match(pat, lower)
        for m in pat.finditer(text)
    ]
    groups[:0] = [
        Mention(m.start(), m.end(), sym, "index", confidence=LOOSE_CONFIDENCE)
        for sym, pat in INDEX_PHRASES
        if _may_match(pat, lower)
        for m in pat.finditer(text)
    ]
    if "Ind" in text:
        groups[:0] = provider_indices(text)
    if "rofitab" in lower or ("small" in lower and "cap" in lower):
        groups[:0] = qualified_small_caps(text)
    if lex is not None and lex.underlying and "utures" in text:
        _futures_on_index(names, text, lex.underlying)
    if lex is not None and lex.underlying:
        # "the cash index" in futures commentary: the index under the future the text names
        named = [lex.underlying[m.symbol] for m in names if m.symbol in lex.underlying]
        named += [lex.underlying[s] for s in local_tickers.values() if s in lex.underlying]
        if named:
            groups[:0] = [
                Mention(m.start(), m.end(), named[0], "index", confidence=LOOSE_CONFIDENCE)
                for m in _CASH_INDEX.finditer(text)
            ]
    merged = _merge([*ticker_spans, *names, *bare, *groups])
    if local_tickers:
        for men in merged:
            sym = local_tickers.get(text[men.start : men.end])
            if sym is not None and lex is not None:
                men.symbol, men.kind = sym, lex.kind_of(sym)
    merged = _bind_parenthesised_tickers(merged, text, lex)
    for men in merged:
        men.modifier = bool(
            _MODIFIER_AFTER.match(text[men.end : men.end + 40])
            or (
                men.kind == "stock"
                and (
                    _SOURCE_BEFORE.search(text[max(0, men.start - 40) : men.start])
                    or _SOURCE_AFTER.match(text[men.end : men.end + 40])
                )
            )
            or (
                men.kind in {"stock", "etf"}
                and _BROKER_BEFORE.search(text[max(0, men.start - 110) : men.start])
            )
            or scopes_a_ranking(text, men.start)
            or (
                men.kind == "stock"
                and (
                    _STAFF_AT.search(text[max(0, men.start - 40) : men.start])
                    or _FIRM_AFTER.match(text[men.end : men.end + 40])
                )
            )
        )
    _mark_descriptions(merged, text)
    _mark_tracked(merged, text)
    _mark_asides(merged, text)
    return merged


#: "Futures on the Russell 2000", "futures tied to the S&P 500": the contract, not the index.
_FUTURES_ON = re.compile(
    r"\bfutures\s(?:contracts?\s)?(?:on|tied\sto|linked\sto|tracking|based\son|for)\s(?:the\s)?$",
    re.I,
)


def _futures_on_index(mentions: list[Mention], text: str, underlying: dict[str, str]) -> None:
    """An index named as what futures are written on is the futures contract: "Futures on
    the Russell 2000 were up 0.6%" is a move of RTY=F (one contract per index in the table;
    an index with none stays itself)."""
    contract = {index: future for future, index in underlying.items()}
    for men in mentions:
        future = contract.get(men.symbol)
        if future is not None and _FUTURES_ON.search(text[max(0, men.start - 40) : men.start]):
            men.symbol, men.kind = future, "future"


#: Words that make a company the source of a figure, not its subject: "according to
#: FactSet", "data compiled by Bloomberg", "per LSEG".
_SOURCE_BEFORE = re.compile(
    r"\b(?:according\sto|data\s(?:from|compiled\sby|provided\sby)|compiled\sby|per|"
    r"citing|source:|sources?:|courtesy\sof|survey\sby|poll\sby)\s(?:the\s|data\sfrom\s)?$",
    re.I,
)


#: A data vendor named as the source of an estimate: "FactSet consensus $1.26 bln", "the
#: FactSet EPS consensus", "LSEG EPS estimates", "the Zacks Consensus Estimate", "S&P Capital
#: IQ consensus" (not "Kratos estimates revenue of ...", where the company guides its own
#: figure): the provider is the source, not the subject.
_SOURCE_AFTER = re.compile(
    r"^(?:'s|’s)?\s(?:(?:capital\siq|eps|revenue|sales|earnings|analyst|street)\s)?(?:consensus|"
    r"estimates?\s(?:of|for|call)|polled\sanalysts|survey\sof)\b|"
    r"^(?:'s|’s)?\s(?:eps|revenue|sales|earnings|analyst|street)\sestimates?\b",
    re.I,
)


#: The broker of a rating or a target, named after "at" or "by": "downgraded to hold at
#: Credit Suisse", "started at buy with a $36 target at Canaccord", "cut by Wells Fargo".
#: The firm says it; the rated company is the subject.
_BROKER_BEFORE = re.compile(
    r"\b(?:upgraded|downgraded|initiated|started|reiterated|maintained|resumed|assumed|rated|"
    r"targets?|pt|rating)\b[^.;!?]{0,80}?\s(?:at|by)\s$",
    re.I,
)


#: A firm named as where its people work or as the author of a view: "analysts at Hilltop
#: Securities", "strategists at Goldman Sachs", "Goldman Sachs analysts", "Morgan Stanley's
#: chief strategist", "Hilltop Securities set a target": the firm is never the subject.
_STAFF_AT = re.compile(
    r"\b(?:analysts?|strategists?|economists?|researchers?|team|desk|managers?|"
    r"portfolio\smanagers?|traders?)\s(?:at|from|with)\s(?:the\s)?$",
    re.I,
)
_FIRM_AFTER = re.compile(
    r"^(?:(?:'s|’s)\s(?:(?:own|chief|senior|lead|head|top|equity|small-cap|u\.s\.)\s){0,3}|\s)"
    r"(?:analysts?|strategists?|economists?|research(?:ers)?|team|desk|"
    r"securities|capital\smarkets|asset\smanagement|wealth\smanagement|investments?|advisors|"
    r"global\sresearch|equity\sresearch)\b",
    re.I,
)


def _article_tickers(text: str, names: list[Mention], lex: Lexicon | None) -> dict[str, str]:
    """Tickers this article defines: "RTY (Russell 2000 Futures)" makes RTY the future here.

    A futures root also means the future in an article that names that future or writes a
    contract month after the root ("RTY 03-26", "ESZ5"); elsewhere it keeps its usual link.
    """
    if lex is None:
        return {}
    out: dict[str, str] = {}
    for men in names:
        head = re.search(r"(?<![\w$^])([A-Z]{2,5})\s?\($", text[max(0, men.start - 8) : men.start])
        if head and text[men.end : men.end + 1] == ")" and men.symbol in lex.info:
            out.setdefault(head.group(1), men.symbol)
    named = {m.symbol for m in names}
    months = _contract_months(tuple(lex.roots))
    dated = {m.group(1) for m in months.finditer(text)} if months is not None else set()
    for root, future in lex.roots.items():
        if future in named or root in dated:
            out.setdefault(root, future)
    return out


@lru_cache(maxsize=8)
def _contract_months(roots: tuple[str, ...]) -> re.Pattern[str] | None:
    """A futures root with a contract month ("RTY 03-26", "ESZ5", "RTY (Mar '26)"): one pass
    over the text for all roots (a search per root scanned a long text once each)."""
    if not roots:
        return None
    alternatives = "|".join(sorted(map(re.escape, roots), key=len, reverse=True))
    months = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    return re.compile(
        rf"\b({alternatives})(?:\s\d{{2}}-\d{{2}}\b|[FGHJKMNQUVXZ]\d{{1,2}}\b"
        # "RTY (Mar '26)", "RTY Dec '25", "RTY Mar26": the month named in words
        rf"|\s\(?(?i:{months})(?:\s?['’]\d{{2}}\b|\d{{2}}\b))"
    )


def _bind_parenthesised_tickers(
    mentions: list[Mention], text: str, lex: Lexicon | None
) -> list[Mention]:
    """A name followed closely by "(TICK)" is one mention, and usually that ticker.

    "Russell 2000 Index ETF (IWM)" is IWM, not ^RUT; "Viking Therapeutics (VKTX)" is VKTX.
    When the first ticker is the name's own ("the Russell 2000 (RTY) index", "S&P 500
    (SP500)(SPY)(IVV)": RTY and SP500 are the indices' aliases), the name keeps its symbol,
    and the funds listed after it are part of the name, not subjects of their own.
    """
    out: list[Mention] = []
    absorbed_until = -1
    for i, men in enumerate(mentions):
        if men.start < absorbed_until:
            continue
        out.append(men)
        m = _PAREN_CHAIN.match(text, men.end)
        if not m or m.group("gap").count(" ") > 5:
            continue
        c0, c1 = m.start("chain"), m.end("chain")
        later = []  # the mentions that start before the chain ends (sorted by start)
        j = i + 1
        while j < len(mentions) and mentions[j].start < c1:
            later.append(mentions[j])
            j += 1
        if any(men.end <= o.start < c0 for o in later):
            continue  # another name sits between: "the Russell 2000 and the S&P 500 (SPY)"
        raw = _FIRST_TICKER.match(text, c0)
        first_raw = raw.group(1) if raw else ""
        inner = [o for o in later if c0 <= o.start < c1]
        first = inner[0] if inner and raw and inner[0].start == raw.start(1) else None
        own = first_raw == men.symbol or (
            lex is not None and lex.upper_aliases.get(first_raw) == men.symbol
        )
        if not own:
            if first is None:
                continue  # "(RSI)": not a ticker this text gives the name
            if first.symbol != men.symbol:
                men.symbol, men.kind = first.symbol, first.kind
                men.confidence = max(men.confidence, first.confidence)
        men.end = c1
        absorbed_until = c1
        if men.kind != "index" and len(out) > 1 and _FUND_WORD.search(text[out[-2].start : c0]):
            # "the SPDR S&P 600 Small Cap ETF (SLY)": an index named inside a fund's name,
            # the fund's ticker after it, is part of that name, not a subject of its own
            prev = out[-2]
            if prev.kind == "index" and _NAME_WORDS.fullmatch(text[prev.end : men.start]):
                men.start = prev.start
                out.pop(-2)
    return out


#: A fund's name ends in one of these ("... Small Cap ETF", "... Value Fund").
_FUND_WORD = re.compile(r"\b(?:ETF|Fund|Trust|Portfolio|Index\sFund)\b")
#: Only capitalised words (or none) between two mentions: one name ("S&P 600 Small Cap").
_NAME_WORDS = re.compile(r"(?:\s+[A-Z0-9&][\w&.'’-]*)*\s*")


#: The index or fund a ranking is drawn from: "led gainers in the index", "the top
#: contributors to the Russell 2000", "the biggest holdings of IWM". It scopes the figure's
#: subject; the figure is the ranked member's.
_RANKED_IN = re.compile(
    r"\b(?:gainers|losers|decliners|advancers|laggards|leaders|performers|contributors|"
    r"detractors|winners|movers|drags|holdings)\s(?:in|of|within|to|among|inside|on)\s"
    r"(?:the\s)?$",
    re.I,
)


def scopes_a_ranking(text: str, start: int) -> bool:
    """Whether the name at ``start`` is only where a ranking's members come from."""
    return bool(_RANKED_IN.search(text[max(0, start - 40) : start]))


def anaphor_describes(text: str, start: int, before: list[Mention]) -> bool:
    """Whether "the index" at ``start`` only describes a name before it or scopes a ranking:
    "IWM, the biggest ETF tracking the index, rose 1%" (IWM's move), "Bloom Energy led
    gainers in the index, up 11%" (Bloom's)."""
    return scopes_a_ranking(text, start) or any(
        a.kind == "etf" and _TRACKS.fullmatch(text[a.end : start]) for a in before
    )


def _mark_descriptions(mentions: list[Mention], text: str) -> None:
    """A group or loose description right before a specific name describes it.

    "the small-cap Russell 2000", "the large-cap Russell 1000 Index", "the large-cap
    benchmark S&P 500": the figure is the named index's, not "small caps"' or "large caps'".
    """
    for a, b in itertools.pairwise(mentions):
        if (
            (a.kind == "group" or a.confidence < 1.0)
            and b.kind != "group"
            and b.confidence >= 1.0
            and _DESCRIBES.fullmatch(text[a.end : b.start])
        ):
            a.modifier = True


#: What lies between a fund and the index it follows: "IWM, the ETF that tracks the Russell
#: 2000, lost 2.2%", "IWM (which follows the Russell 2000) fell".
_TRACKS = re.compile(
    r"\s*[,(]\s?(?:the\s|an?\s)?(?:[\w&'’-]+\s){0,4}?(?:which\s|that\s)?"
    r"(?:tracks|tracking|follows|following|mirrors|mirroring|replicates|replicating|"
    r"is\sbenchmarked\sto|benchmarked\sto)\s(?:the\s)?",
    re.I,
)


def _mark_tracked(mentions: list[Mention], text: str) -> None:
    """The index a fund is said to track, in a phrase set off after the fund's name, describes
    the fund: the sentence's figures are the fund's, not the index's."""
    for a, b in itertools.pairwise(mentions):
        if a.kind == "etf" and _TRACKS.fullmatch(text[a.end : b.start]):
            b.modifier = True


#: An aside set off after a name, opened by a relative pronoun or a describing noun phrase:
#: "Regional banks, which make up a big slice of ...", "IonQ, a member of ...".
_ASIDE_OPEN = re.compile(
    r"\s*(?:\([A-Z][A-Z.\-]{0,9}\))?\s*,\s(?:which|who|whose|that|a|an|one|part|among|"
    r"itself|now|once|long|the\s(?:largest|biggest|smallest|best|worst|top))\b[^,;.()]*",
)
#: The aside closes before the main clause goes on: ", rose 4%".
_ASIDE_CLOSE = re.compile(r"[^,;.()]{0,40},\s")


def _mark_asides(mentions: list[Mention], text: str) -> None:
    """A name inside an aside set off by commas after another name describes that name:
    "Kratos Defense (KTOS), which joined the S&P MidCap 400 last year, rose 4%" is a move of
    KTOS; "IonQ, a member of the Russell 2000, fell 6.5%" one of IonQ."""
    for a, b in itertools.pairwise(mentions):
        if a.modifier:
            continue
        if _ASIDE_OPEN.fullmatch(text[a.end : b.start]) and _ASIDE_CLOSE.match(
            text, b.end, b.end + 60
        ):
            b.modifier = True


def _merge(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside longer ones (earlier lists win ties)."""
    out: list[Mention] = []
    for men in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and men.start < out[-1].end:
            continue
        out.append(men)
    return out
