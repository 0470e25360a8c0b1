"""The bundled demo corpus and its gold claims stay consistent with the claim contract.

The demo is what a fresh machine ingests and what the extractor is scored against, so a
stale offset, a misspelled enum or a feed item pointing at a missing page would silently
corrupt every score built on it. These checks read files only (fast, no network).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from html import unescape
from pathlib import Path

import feedparser
from lxml import etree
from lxml import html as lxml_html

from thesisdesk.records import CLAIM_FIELDS, Basis, ClaimKind, Comparator, Stance, Unit

DEMO = Path(__file__).resolve().parent.parent / "demo"
TEXTS = DEMO / "texts"
COVERAGE = DEMO / "gold" / "coverage"
SITE = DEMO / "site"

ROLES: dict[str, set[str | None]] = {
    "price_level": {
        "support",
        "resistance",
        "entry",
        "current",
        "high",
        "low",
        "moving_average",
        "stop",
    },
    "performance": {None, "change", "streak", "relative", "from_high"},
    "fundamental": {None, "eps", "eps_estimate", "revenue", "growth", "surprise", "margin"},
}
OPTIONAL = {"note", "doubtful"}


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def _body(text: str) -> str:
    """The article without its title line."""
    return text.split("\n", 1)[1]


INDEX = _jsonl(TEXTS / "index.jsonl")
COV_INDEX = _jsonl(COVERAGE / "index.jsonl")
GOLD = _jsonl(DEMO / "gold" / "demo.jsonl")
COV_GOLD = _jsonl(COVERAGE / "gold.jsonl")
ALL_GOLD = [(TEXTS, r) for r in GOLD] + [(COVERAGE, r) for r in COV_GOLD]


def _is_date(v: object) -> bool:
    if v is None:
        return True
    if not isinstance(v, str):
        return False
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return False
    return len(v) == 10


def test_index_files_exist_and_are_complete() -> None:
    assert len(INDEX) >= 24
    for row in INDEX:
        assert set(row) == {"article", "published", "source", "url", "title"}, row
        assert (TEXTS / str(row["article"])).is_file(), row["article"]
        assert "2025-07-01" <= str(row["published"]) <= "2025-12-31"
        assert str(row["url"]).startswith("https://") and ".example/" in str(row["url"])
    names = [r["article"] for r in INDEX]
    assert len(names) == len(set(names))
    on_disk = {p.name for p in TEXTS.glob("*.txt")}
    assert on_disk == set(names), "every demo text is indexed and vice versa"
    assert len({r["source"] for r in INDEX}) >= 6
    assert max(Counter(r["published"] for r in INDEX).values()) >= 4, "a busy digest day"


def test_texts_have_title_then_paragraphs_and_demo_length() -> None:
    for row in INDEX:
        text = (TEXTS / str(row["article"])).read_text()
        first, rest = text.split("\n", 1)
        assert first == row["title"]
        assert rest.startswith("\n") and not rest.startswith("\n\n"), "blank line after title"
        assert 150 <= _words(_body(text)) <= 450, row["article"]


def test_coverage_set_shape() -> None:
    assert 12 <= len(COV_INDEX) <= 20
    for row in COV_INDEX:
        assert {"article", "published"} <= set(row)
        path = COVERAGE / str(row["article"])
        assert path.is_file()
        assert 60 <= _words(path.read_text()) <= 200, row["article"]
        assert _is_date(row["published"])
    assert {p.name for p in COVERAGE.glob("*.txt")} == {r["article"] for r in COV_INDEX}


def test_gold_quote_matches_offsets() -> None:
    texts: dict[Path, str] = {}
    bad = []
    for folder, row in ALL_GOLD:
        path = folder / str(row["article"])
        text = texts.setdefault(path, path.read_text())
        start, end = row["start"], row["end"]
        ok = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
        if not ok or text[start:end] != row["quote"]:  # type: ignore[misc]
            bad.append((row["article"], start, end, str(row["quote"])[:50]))
    assert bad == [], "run demo/tools/build_offsets.py"


def test_gold_fields_and_enums() -> None:
    indexed = {r["article"] for r in INDEX} | {r["article"] for r in COV_INDEX}
    for _folder, row in ALL_GOLD:
        where = f"{row['article']}: {row['quote']!r:.60}"
        assert set(CLAIM_FIELDS) | {"article"} <= set(row), where
        assert set(row) <= set(CLAIM_FIELDS) | {"article"} | OPTIONAL, where
        assert row["article"] in indexed, where
        kind = str(row["kind"])
        assert kind in set(ClaimKind), where
        assert row["unit"] in set(Unit), where
        assert row["comparator"] in set(Comparator), where
        assert row["basis"] is None or row["basis"] in set(Basis), where
        assert row["stance"] in set(Stance), where
        assert isinstance(row["subject"], str) and row["subject"].strip(), where
        for f in ("value", "low", "high", "probability"):
            assert row[f] is None or isinstance(row[f], int | float), where
        for f in ("period_start", "period_end", "as_of"):
            assert _is_date(row[f]), where
        if row["period_start"] and row["period_end"]:
            assert row["period_start"] <= row["period_end"], where
        if row["comparator"] == "range":
            assert row["low"] is not None and row["high"] is not None, where
            assert row["value"] is None and row["low"] <= row["high"], where  # type: ignore[operator]
        else:
            assert row["value"] is not None, where
        assert row["role"] in ROLES.get(kind, {None}), where
        if row["role"] == "relative":
            assert row["benchmark"] and row["unit"] == "pp", where
        if row["probability"] is not None:
            assert kind == "rate_expectation" and 0 <= row["probability"] <= 100, where
        if row["role"] == "streak":
            assert row["unit"] in {"days", "weeks", "months"}, where
        if row.get("doubtful") is not None:
            assert row["doubtful"] is True, where


def test_each_kind_has_enough_gold_claims() -> None:
    counts = Counter(str(r["kind"]) for _f, r in ALL_GOLD)
    for kind in ClaimKind:
        assert counts[kind.value] >= 8, (kind, counts)
    assert sum(1 for _f, r in ALL_GOLD if r["role"] == "relative") >= 8


def test_repeated_figures_are_listed_once() -> None:
    keys = Counter(
        (
            r["article"],
            r["kind"],
            r["subject"],
            r["value"],
            r["low"],
            r["high"],
            r["unit"],
            r["period_start"],
            r["period_end"],
            r["as_of"],
            r["horizon"],
            r["role"],
            r["basis"],
            r["probability"],
        )
        for _f, r in ALL_GOLD
    )
    assert [k for k, n in keys.items() if n > 1] == []


def test_every_article_has_gold_claims() -> None:
    assert {r["article"] for r in INDEX} == {r["article"] for r in GOLD}
    assert {r["article"] for r in COV_INDEX} == {r["article"] for r in COV_GOLD}


def test_feed_parses_and_lists_every_article() -> None:
    feed = feedparser.parse(str(SITE / "feed.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    raw = (SITE / "feed.xml").read_text()
    assert "<link>articles/" in raw, "item links are relative"
    links = {e.link.rsplit("/", 1)[-1] for e in feed.entries}
    expected = {str(r["article"]).replace(".txt", ".html") for r in INDEX}
    assert links == expected
    titles = {r["title"] for r in INDEX}
    for e in feed.entries:
        assert e.title in titles
        assert e.id and e.summary
        assert e.published_parsed is not None
        assert (SITE / "articles" / e.link.rsplit("/", 1)[-1]).is_file()
    by_title = {r["title"]: r for r in INDEX}
    for e in feed.entries:
        pub = dt.date(*e.published_parsed[:3])
        assert pub.isoformat() == by_title[e.title]["published"]


def test_opml_lists_the_demo_feed() -> None:
    tree = etree.parse(str(DEMO / "feeds.opml"))
    urls = [o.get("xmlUrl") for o in tree.iter("outline") if o.get("xmlUrl")]
    assert urls == ["site/feed.xml"]
    assert (DEMO / urls[0]).is_file()


def _page(row: dict[str, object]) -> lxml_html.HtmlElement:
    name = str(row["article"]).replace(".txt", ".html")
    return lxml_html.fromstring((SITE / "articles" / name).read_bytes())


def test_html_pages_wrap_the_text_with_metadata() -> None:
    assert {p.name for p in (SITE / "articles").glob("*.html")} == {
        str(r["article"]).replace(".txt", ".html") for r in INDEX
    }
    canon: list[str] = []
    for row in INDEX:
        doc = _page(row)
        (link,) = doc.xpath('//link[@rel="canonical"]/@href')
        assert link == row["url"]
        canon.append(link)
        assert doc.xpath('//meta[@name="author"]/@content')[0].strip()
        (published,) = doc.xpath('//meta[@property="article:published_time"]/@content')
        assert published.startswith(str(row["published"]))
        assert str(row["title"]) in doc.findtext(".//title")
        article_text = " ".join(doc.xpath("//article")[0].text_content().split())
        text = (TEXTS / str(row["article"])).read_text()
        for line in _body(text).splitlines():
            line = line.removeprefix("- ").strip()
            if line:
                assert " ".join(unescape(line).split()) in article_text, (row["article"], line)
    assert len(canon) == len(set(canon)), "canonical URLs are unique"


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_one_syndicated_pair_with_distinct_sources_and_urls() -> None:
    bodies = {str(r["article"]): _body((TEXTS / str(r["article"])).read_text()) for r in INDEX}
    shingles = {name: _shingles(body) for name, body in bodies.items()}
    by_name = {str(r["article"]): r for r in INDEX}
    names = sorted(bodies)
    pairs = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            jaccard = len(shingles[a] & shingles[b]) / len(shingles[a] | shingles[b])
            if jaccard > 0.7:
                pairs.append((a, b))
    assert len(pairs) == 1, pairs
    a, b = (by_name[n] for n in pairs[0])
    assert a["source"] != b["source"]
    assert a["url"] != b["url"]
    assert a["title"] != b["title"]
    assert bodies[pairs[0][0]] != bodies[pairs[0][1]], "trivial edits, not a byte copy"
