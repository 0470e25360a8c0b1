"""Instrument linking: which symbol a stretch of text names, and what a sentence is about.

The lexicon is built once per instrument directory (module cache) from
``ingest.instruments.load_instruments``:

* index/ETF names and aliases ("the Russell 2000", "iShares Russell 2000 ETF", "R2K") match
  case-insensitively when they have several words or a digit, exactly otherwise ("RUT");
* company names match exactly, in the listed form and with legal suffixes stripped
  ("Credo Technology Group Holding Ltd" -> "Credo Technology Group" -> "Credo Technology");
  a one-word short name ("Credo") only counts when the article gives its ticker, because many
  are English words ("Target", "Block") - unless it is written in a shape no word has ("IonQ");
* tickers count when they carry evidence: in parentheses "(CRDO)", as a cashtag "$IWM", in
  an exchange prefix "NYSE: XYZ", or a ticker widget "IWM--". A bare upper-case word is a
  ticker only if it is an ETF/index symbol or the article gave the same ticker with evidence
  (so "AI", "IT", "ON", "NOW" stay words);
* groups with no symbol are lower-case words ("small caps", "regional banks").

A name followed within a few words by a ticker in parentheses takes the ticker:
"Russell 2000 Index ETF (IWM)" is IWM, not ^RUT.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from spacy.language import Language
from spacy.tokens import Doc

_SUFFIXES = {
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
    "MA",
    "EMA",
    "SMA",
    "ET",
    "PM",
    "AM",
    "Q",
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
    (
        "^GSPC",
        re.compile(r"\b(?:large[\s-]cap|broad[\s-]market) (?:benchmark|gauge|index)\b", re.I),
    ),
]
_TICKER_EVIDENCE = re.compile(
    r"\((?:(?:NYSE|NASDAQ|Nasdaq|NYSEArca|NYSE ?American|AMEX|CBOE|OTC)\s?:\s?)?"
    r"\$?(?P<p>[A-Z]{1,5}(?:[.\-/][A-Z])?)\)"
    r"|(?<![\w$])\$(?P<c>[A-Z]{1,5}(?:[.\-][A-Z])?)(?![\w])"
    r"|\b(?:NYSE|NASDAQ|Nasdaq|AMEX)\s?:\s?(?P<x>[A-Z]{1,5})\b"
    r"|(?<![A-Za-z])(?P<w>[A-Z]{2,5})--"
    r"|(?<![\w^])(?P<k>\^[A-Z]{2,6})\b"
)
_BARE_UPPER = re.compile(r"(?<![\w$^/.-])(?P<t>[A-Z]{2,5}(?:[.\-][A-Z])?)(?![\w-])")
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
#: Bump when the lexicon-building rules change (invalidates the on-disk cache).
LEXICON_FORMAT = 6


def build_lexicon_data(nlp: Language, instruments: list[object]) -> dict[str, object]:
    """The linking tables for a list of ``Instrument`` rows, JSON-ready (the slow part)."""
    from nlp.pipeline import model_strings

    known_words = model_strings()
    info: dict[str, list[str]] = {}
    weak: dict[str, str] = {}
    weak_members: dict[str, str] = {}
    bare_ok: set[str] = set()
    exact: dict[str, str] = {}
    lower: dict[str, str] = {}
    first_words: dict[str, int] = {}
    for inst in instruments:
        forms = company_forms(inst.name) if inst.kind == "stock" else []  # type: ignore[attr-defined]
        if forms and " " in forms[-1]:
            w = forms[-1].split()[0]
            first_words[w] = first_words.get(w, 0) + 1
    for inst in instruments:
        symbol, kind, name = inst.symbol, inst.kind, inst.name  # type: ignore[attr-defined]
        if kind in _KIND_SKIP:
            continue
        info[symbol] = [kind, name]
        aliases = [a for a in (inst.aliases or "").split("|") if a]  # type: ignore[attr-defined]
        if kind in {"etf", "index", "future"}:
            if not symbol.startswith("^") and symbol not in AMBIGUOUS_TICKERS:
                bare_ok.add(symbol)
            for alias in [name, *aliases]:
                # "the Russell" -> "Russell": a longer name ("Russell 1000") then wins
                alias = re.sub(r"^the\s+", "", alias, flags=re.I)
                if " " in alias or any(ch.isdigit() for ch in alias) or "&" in alias:
                    lower.setdefault(alias, symbol)
                else:
                    if alias.isupper() and alias not in AMBIGUOUS_TICKERS:
                        bare_ok.add(alias)
                    exact.setdefault(alias, symbol)
            continue
        member = bool(getattr(inst, "memberships", ""))
        for form in company_forms(name):
            if " " in form or _distinctive(form):
                exact.setdefault(form, symbol)
            elif (
                member and len(form) > 3 and form[0].isupper() and (form.lower() not in known_words)
            ):
                # an index member whose short name is no word the model knows ("Oklo")
                exact.setdefault(form, symbol)
            else:
                weak.setdefault(form, symbol)
                if member and len(form) > 3 and form[0].isupper() and form[1:].islower():
                    weak_members.setdefault(form, symbol)
        forms = company_forms(name)
        if member and forms and " " in forms[-1]:
            # "Credo" for Credo Technology Group: a first word no other company starts with
            w = forms[-1].split()[0]
            if (
                first_words.get(w) == 1
                and len(w) > 3
                and w[0].isupper()
                and w[1:].islower()
                and not w.lower().endswith(_WORDLIKE_ENDINGS)
            ):
                weak_members.setdefault(w, symbol)

    def tokens(table: dict[str, str]) -> list[list[object]]:
        texts = list(table)
        return [
            [table[t], [w.text for w in d], [bool(w.whitespace_) for w in d]]
            for t, d in zip(texts, nlp.tokenizer.pipe(texts), strict=True)
        ]

    return {
        "format": LEXICON_FORMAT,
        "info": info,
        "weak": weak,
        "weak_members": weak_members,
        "bare_ok": sorted(bare_ok),
        "exact": tokens(exact),
        "lower": tokens(lower),
    }


class Lexicon:
    """Everything needed to link names in one document; built once and cached."""

    def __init__(self, nlp: Language, data: dict[str, object]) -> None:
        self.info = {
            sym: InstrumentInfo(sym, kind, name) for sym, (kind, name) in data["info"].items()
        }  # type: ignore[union-attr]
        self.weak_names: dict[str, str] = dict(data["weak"])  # type: ignore[arg-type]
        #: index members with a one-word name that is also a word ("Credo"): linked only
        #: mid-sentence and followed by a lower-case word, where a capital means a name
        self.weak_members: dict[str, str] = dict(data.get("weak_members", {}))  # type: ignore[arg-type]
        self.weak_pattern = (
            re.compile(
                r"(?<=[a-z,;]\s)("
                + "|".join(map(re.escape, sorted(self.weak_members, key=len, reverse=True)))
                + r")(?=\s[a-z]|['’]s\b)"
            )
            if self.weak_members
            else None
        )
        self.bare_ok: set[str] = set(data["bare_ok"])  # type: ignore[arg-type]
        # first token -> [(token sequence, symbol)], longest first: one dict probe per token
        self.exact: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.lower: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for index, table, fold in (
            (self.exact, data["exact"], False),
            (self.lower, data["lower"], True),
        ):
            for symbol, words, _spaces in table:  # type: ignore[union-attr]
                seq = tuple(w.lower() for w in words) if fold else tuple(words)
                if seq:
                    index.setdefault(seq[0], []).append((seq, symbol))
            for entries in index.values():
                entries.sort(key=lambda e: -len(e[0]))

    def match(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start_char, end_char, symbol) of the longest name at each place, left to right."""
        words = [t.text for t in doc]
        lowers = [w.lower() for w in words]
        out: list[tuple[int, int, str]] = []
        i, n = 0, len(words)
        while i < n:
            best: tuple[int, str] | None = None
            for index, seqs in ((self.exact, words), (self.lower, lowers)):
                for seq, symbol in index.get(seqs[i], ()):
                    k = len(seq)
                    if (best is None or k > best[0]) and tuple(seqs[i : i + k]) == seq:
                        best = (k, symbol)
                        break
            if best is None:
                i += 1
                continue
            last = doc[i + best[0] - 1]
            out.append((doc[i].idx, last.idx + len(last.text), best[1]))
            i += best[0]
        return out

    def kind_of(self, symbol: str) -> str:
        info = self.info.get(symbol)
        return info.kind if info else ("group" if symbol.islower() else "stock")


def company_forms(name: str) -> list[str]:
    """Listed name and shorter forms without legal suffixes, in the case they are written."""
    name = re.sub(r"\s*/[A-Z]{2,3}/\s*$", "", name.strip())
    name = re.sub(r"[,.]?\s*\((?:the|The)\)$", "", name)
    if name.isupper():
        name = " ".join(
            w.capitalize() if len(w) > 3 or not w.isalpha() else w.title() for w in name.split()
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
    return [f for f in forms if len(f) > 2 and f.lower() not in _SUFFIXES]


def _distinctive(word: str) -> bool:
    """A single word no dictionary has: inner capitals or digits ("IonQ", "C3.ai")."""
    return len(word) > 3 and (any(c.isupper() for c in word[1:]) and not word.isupper())


def _cache_path(directory: Path) -> Path:
    """A cache file named by the instrument files' names, sizes and times."""
    import platformdirs
    import spacy

    parts = [str(directory.resolve()), str(LEXICON_FORMAT), spacy.__version__]
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
    data: dict[str, object] | None = None
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


def default_lexicon() -> Lexicon | None:
    from thesisdesk.settings import instruments_dir

    found = instruments_dir()
    return load_lexicon(str(found) if found else None)


def find_mentions(doc: Doc, lex: Lexicon | None) -> list[Mention]:
    """Every instrument mention in the document, longest first, with ticker evidence applied."""
    text = doc.text
    evidenced: dict[str, str] = {}  # ticker -> symbol seen with evidence in this article
    ticker_spans: list[Mention] = []
    for m in _TICKER_EVIDENCE.finditer(text):
        group = next(g for g in ("p", "c", "x", "w", "k") if m.group(g))
        if group == "k":  # "^RUT": a caret symbol, only if it is a known index
            if lex is not None and m.group("k") in lex.info:
                ticker_spans.append(Mention(m.start("k"), m.end("k"), m.group("k"), "index"))
            continue
        raw = m.group(group)
        sym = raw.replace(".", "-").replace("/", "-")
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
        evidenced[raw] = sym
        kind = lex.kind_of(sym) if lex else "stock"
        ticker_spans.append(Mention(m.start(group), m.end(group), sym, kind))
    names: list[Mention] = []
    local: dict[str, str] = {}
    if lex is not None:
        for start, end, sym in lex.match(doc):
            names.append(Mention(start, end, sym, lex.kind_of(sym)))
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
    for m in re.finditer(r"((?:[A-Z][\w&.'-]*\s){1,4})\((?:[A-Z]+:\s?)?\$?([A-Z]{1,5})\)", text):
        sym = evidenced.get(m.group(2))
        if sym:
            words = m.group(1).split()
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
            sym = lex.weak_members[m.group(1)]
            names.append(Mention(m.start(), m.end(), sym, lex.kind_of(sym)))
    bare: list[Mention] = []
    for m in _BARE_UPPER.finditer(text):
        raw = m.group("t")
        sym = raw.replace(".", "-")
        if raw in evidenced or (lex is not None and raw in lex.bare_ok and sym in lex.info):
            sym = evidenced.get(raw, sym)
            bare.append(Mention(m.start(), m.end(), sym, lex.kind_of(sym) if lex else "stock"))
    groups = [
        Mention(m.start(), m.end(), g, "group") for g, pat in GROUPS for m in pat.finditer(text)
    ]
    groups[:0] = [
        Mention(m.start(), m.end(), sym, "index")
        for sym, pat in INDEX_PHRASES
        for m in pat.finditer(text)
    ]
    merged = _merge([*ticker_spans, *names, *bare, *groups])
    _apply_parenthesised_tickers(merged, text)
    for men in merged:
        men.modifier = bool(_MODIFIER_AFTER.match(text[men.end : men.end + 40]))
    return merged


def _merge(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside longer ones (earlier lists win ties)."""
    out: list[Mention] = []
    for men in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and men.start < out[-1].end:
            continue
        out.append(men)
    return out


def _apply_parenthesised_tickers(mentions: list[Mention], text: str) -> None:
    """A name followed closely by "(TICK)" is that ticker: "Russell 2000 Index ETF (IWM)"."""
    for i, men in enumerate(mentions[:-1]):
        nxt = mentions[i + 1]
        gap = text[men.end : nxt.start]
        if (
            text[nxt.start - 1 : nxt.start] in "($"
            and len(gap) <= 30
            and re.fullmatch(r"[\w\s.&'’-]*\(\$?(?:[A-Z]+:\s?)?", gap)
            and gap.count(" ") <= 4
            and men.symbol != nxt.symbol
        ):
            men.symbol, men.kind = nxt.symbol, nxt.kind
