"""The hostile corpus (issue 14): over 200 generated cases across files, feeds, pages and
extractor input. Each case must finish in under 30 s, keep the ingest process under
1.5 GB peak RSS, and store every good item next to the hostile one. Nothing here is a
committed binary: every case is built by the test."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import json
import math
import os
import resource
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select
from test_ingest_http import LocalServer

from ingest.http import Fetcher
from ingest.pipeline import ingest_paths, poll_feeds
from store.db import get_engine, session_scope
from store.models import Article, Source
from store.sources import add_source

CASE_SECONDS = 30.0
MAX_RSS_BYTES = 1.5 * 1024**3
GOOD = (
    "Regional lenders in the small-cap index rose {n}.5% this week as deposit outflows eased, "
    "and we expect the Russell 2000 to hold above 2,{n}00 into the December meeting."
)


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


class _Bounded:
    """Times a case and checks the process's peak memory after it."""

    def __enter__(self) -> _Bounded:
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        took = time.perf_counter() - self.started
        assert took < CASE_SECONDS, f"case took {took:.1f} s"
        assert _peak_rss() < MAX_RSS_BYTES, f"peak RSS {_peak_rss() / 1e9:.2f} GB"


# --- files ---------------------------------------------------------------------------------

FileMaker = Callable[[Path], None]


def _write(name: str, data: bytes | str) -> FileMaker:
    def make(folder: Path) -> None:
        path = folder / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", errors="surrogatepass")
        else:
            path.write_bytes(data)

    return make


def _laughs(depth: int) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, depth):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 8) + "]")
    return "---\n" + "\n".join(lines) + "\n---\nText after the laughs, 2% of it.\n"


def _file_cases() -> dict[str, FileMaker]:
    text = "A note on small caps: IWM slipped 1.2% on Friday, résumé “quoted”."
    cases: dict[str, FileMaker] = {
        "fifo": lambda d: os.mkfifo(d / "pipe.txt"),
        "link to /dev/zero": lambda d: (d / "zero.txt").symlink_to("/dev/zero"),
        "link to /dev/urandom": lambda d: (d / "rand.md").symlink_to("/dev/urandom"),
        "link to /dev/null": lambda d: (d / "null.txt").symlink_to("/dev/null"),
        "dangling link": lambda d: (d / "gone.txt").symlink_to(d / "nowhere.txt"),
        "link loop": lambda d: (d / "loop.txt").symlink_to(d / "loop.txt"),
        "link to folder": lambda d: (d / "dir.txt").symlink_to(d.parent),
        "folder named .txt": lambda d: (d / "folder.txt").mkdir(),
        "empty": _write("empty.txt", b""),
        "blank": _write("blank.txt", " \n\t\n" * 100),
        "nul bytes": _write("nul.txt", b"\x00" * 5000),
        "random binary": _write("bin.txt", bytes((i * 7919) % 256 for i in range(60_000))),
        "png header": _write("img.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 50),
        "zip as html": _write("z.html", zlib.compress(b"x" * 100_000)),
        "gzip as txt": _write("g.txt", gzip.compress(text.encode() * 100)),
        "invalid utf-8": _write("bad8.txt", text.encode() + b"\xff\xfe\xfa" * 10),
        "lone surrogate utf-8": _write("sur.txt", "IWM rose 2% \ud800 today.\n" + text),
        "utf-16 no bom": _write("u16.txt", text.encode("utf-16-le")),
        "utf-16 bom odd length": _write("u16odd.txt", codecs.BOM_UTF16_LE + b"a\x00b"),
        "utf-32 bom garbage": _write("u32.txt", codecs.BOM_UTF32_LE + b"\xff" * 7),
        "bom only": _write("bom.txt", codecs.BOM_UTF8),
        "control chars": _write("ctl.txt", "".join(chr(i) for i in range(1, 32)) * 200),
        "rtl override": _write("rtl.txt", "\u202e" + text + "\u202d"),
        "zero width": _write("zw.txt", "\u200b".join(text)),
        "one huge line": _write("line.txt", "word " * 400_000),
        "many lines": _write("lines.txt", "x\n" * 500_000),
        "emoji": _write("emoji.md", "😀" * 50_000),
        "yaml laughs 6": _write("l6.md", _laughs(6)),
        "yaml laughs 9": _write("l9.md", _laughs(9)),
        "yaml alias": _write("alias.md", "---\na: &x 1\nb: *x\n---\n" + text),
        "yaml huge": _write("huge.md", "---\nk: '" + "y" * 200_000 + "'\n---\n" + text),
        "yaml deep nesting": _write("deep.md", "---\nk: " + "[" * 5000 + "]" * 5000 + "\n---\nT"),
        "yaml python tag": _write(
            "tag.md", "---\nx: !!python/object/apply:os.system ['true']\n---\nT"
        ),
        "yaml not a mapping": _write("list.md", "---\n- a\n- b\n---\n" + text),
        "yaml bad syntax": _write("syn.md", "---\ntitle: [unclosed\n---\n" + text),
        "yaml no end": _write("noend.md", "---\ntitle: T\n" + text),
        "yaml only": _write("only.md", "---\ntitle: T\n---\n"),
        "yaml title list": _write("tl.md", "---\ntitle: [a, b]\nauthor: {x: 1}\n---\n" + text),
        "yaml url number": _write("un.md", "---\nurl: 12345\nsource: 7\n---\n" + text),
        "yaml control chars": _write("yc.md", '---\ntitle: "\\0\\x07"\n---\n' + text),
        "html binary": _write("b.html", b"<html><body>" + bytes(range(256)) * 100),
        "html empty": _write("e.html", "<html></html>"),
        "html deep": _write("d.html", "<div>" * 20_000 + "IWM rose 2%" + "</div>" * 20_000),
        "html script only": _write("s.html", "<script>" + "x=1;" * 10_000 + "</script>"),
        "html entity refs": _write("ent.html", "<p>&#55296; &#0; &#x110000; " + text + "</p>"),
        "html huge attr": _write("attr.html", '<p title="' + "a" * 1_000_000 + '">x</p>'),
        "name too long": lambda d: _write("n" * 250 + ".txt", text)(d),
        "name with markup": _write("[bold]x[red] [link=y].txt", text + " [/] "),
        "name with newline": _write("a\nb.txt", text),
        "name not utf-8": lambda d: Path(os.fsdecode(bytes(d) + b"/\xff\xfe.txt")).write_text(text),
    }
    for month in ("13", "00", "02-30", "99"):
        day = "01" if "-" not in month else ""
        date = f"2025-{month}-{day}".rstrip("-")
        cases[f"date {date}"] = _write(f"d{month}.md", f"---\ndate: {date}\n---\n" + text)
    for value in ("0000-01-01", "-5-01-01", "1e400", "[/]", "tomorrow-ish", "2025-10-01T99:00"):
        cases[f"date {value!r}"] = _write(
            f"dv{abs(hash(value)) % 10_000}.md", f"---\npublished: '{value}'\n---\n" + text
        )
    for codec in ("utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "mac-roman", "cp437"):
        safe = text if codec not in ("latin-1",) else text.replace("“", '"').replace("”", '"')
        if codec in ("mac-roman", "cp437"):
            safe = safe.replace("“", '"').replace("”", '"').replace("é", "e")
        cases[f"encoding {codec}"] = _write(f"enc-{codec}.txt", safe.encode(codec))
    return cases


FILE_CASES = _file_cases()


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_hostile_file(sqlite_url: str, tmp_path: Path, case: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"good{n}.txt").write_text(GOOD.format(n=n))
    FILE_CASES[case](folder)
    engine = get_engine(sqlite_url)
    with _Bounded():
        summary = ingest_paths(engine, [folder])
    with session_scope(engine) as s:
        texts = [a.text for a in s.exec(select(Article)).all()]
    assert GOOD.format(n=1) in texts and GOOD.format(n=2) in texts, summary.errors
    assert summary.status in ("ok", "partial"), summary.errors


# --- feeds and pages -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    yield srv
    srv.close()


XML = {"Content-Type": "application/rss+xml; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _item(title: str, link: str, summary: str) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link>"
        f"<description>{summary}</description></item>"
    )


def _feed(items: list[str], title: str = "Feed", head: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{head}<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.com/</link>{''.join(items)}"
        "</channel></rss>"
    ).encode("utf-8", "surrogatepass")


def _trickle() -> Iterator[bytes]:
    for _ in range(200):
        time.sleep(0.05)
        yield b"<"


def _feed_item_cases() -> dict[str, tuple[str, str, str]]:
    """(title, link, summary) of one hostile item; the feed also holds two good items."""
    big = "x" * 200_000
    return {
        "surrogate title": ("T &#55296;", "", "ok summary 1%"),
        "surrogate summary": ("T", "", "summary &#xDFFF; &#56320;"),
        "nul refs": ("T &#0;", "", "summary &#0; &#x0;"),
        "out of range ref": ("T &#x110000;", "", "summary &#99999999999;"),
        "markup title": ("[/] [bold]x[/bold]", "", "s [/]"),
        "javascript link": ("T", "javascript:alert(1)", "summary text"),
        "ftp link": ("T", "ftp://example.com/x", "summary text"),
        "data link": ("T", "data:text/html,<b>x</b>", "summary text"),
        "file link": ("T", "file:///etc/passwd", "summary text"),
        "no link no summary": ("T", "", ""),
        "huge title": (big, "", "summary"),
        "huge summary": ("T", "", big),
        "script summary": ("T", "", "&lt;script&gt;alert(1)&lt;/script&gt; 2%"),
        "cdata html": ("T", "", "<![CDATA[<p>para</p><p>" + "y " * 1000 + "</p>]]>"),
        "unicode junk": ("\u202e\u200b😀", "", "\ufeff\u2028 summary"),
        "bad date": ("T", "", "summary"),
    }


FEED_ITEM_CASES = _feed_item_cases()


def _good_items(server: LocalServer, tag: str) -> list[str]:
    return [
        _item(f"Good {tag} {n}", server.url(f"/gone/{tag}/{n}"), GOOD.format(n=n)) for n in (1, 2)
    ]


def _poll_one(engine: Any, url: str) -> Any:
    add_source(engine, url, kind="feed")
    # Deadlines with room for a loaded CI box; the trickling page (10 s) still outlasts them.
    with Fetcher(connect_timeout=3.0, read_timeout=3.0, total_timeout=6.0) as fetcher:
        return poll_feeds(engine, force=True, fetcher=fetcher, processes=0)


def _good_stored(engine: Any) -> set[str]:
    with session_scope(engine) as s:
        return {a.text for a in s.exec(select(Article)).all()}


@pytest.mark.parametrize("case", sorted(FEED_ITEM_CASES))
def test_hostile_feed_item(sqlite_url: str, server: LocalServer, case: str) -> None:
    title, link, summary = FEED_ITEM_CASES[case]
    tag = f"i{sorted(FEED_ITEM_CASES).index(case)}"
    items = [_item(title, link, summary), *_good_items(server, tag)]
    path = f"/feed/{tag}.xml"
    server.routes[path] = (200, XML, _feed(items, title=title[:1000]))
    engine = get_engine(sqlite_url)
    with _Bounded():
        summary_ = _poll_one(engine, server.url(path))
    assert {GOOD.format(n=1), GOOD.format(n=2)} <= _good_stored(engine), summary_.errors
    assert summary_.feeds_failed == 0, summary_.errors


def _whole_feed_cases() -> dict[str, tuple[int, dict[str, str], Any]]:
    """Bodies that spoil the whole feed: it must fail cleanly and be recorded."""
    laughs = (
        '<!DOCTYPE r [<!ENTITY a "lollollollol">'
        + "".join(
            f'<!ENTITY {c} "' + f"&{p};" * 10 + '">'
            for p, c in zip("abcdefg", "bcdefgh", strict=True)
        )
        + "]>"
    )
    return {
        "empty body": (200, XML, b""),
        "html page": (200, HTML, b"<html><body><p>not a feed</p></body></html>"),
        "binary": (200, XML, bytes(range(256)) * 100),
        "json": (200, {"Content-Type": "application/json"}, json.dumps({"a": 1}).encode()),
        "xml billion laughs": (200, XML, _feed(["<item><title>&h;</title></item>"], head=laughs)),
        "external entity": (
            200,
            XML,
            _feed(
                ["<item><title>&x;</title></item>"],
                head='<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            ),
        ),
        "deep nesting": (200, XML, b"<rss>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</rss>"),
        "truncated xml": (200, XML, _feed([])[:40]),
        "404": (404, {"Content-Type": "text/plain"}, b"no"),
        "500": (500, {}, b"oops"),
        "429": (429, {"Retry-After": "99999999999"}, b""),
        "503 date": (503, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, b""),
        "wrong type": (200, {"Content-Type": "image/png"}, b"\x89PNG"),
        "trickle": (200, XML, _trickle),
        "gzip lie": (200, {**XML, "Content-Encoding": "gzip"}, b"not gzip at all"),
        "deflate lie": (200, {**XML, "Content-Encoding": "deflate"}, b"\x00\x01\x02"),
        "bad charset": (200, {"Content-Type": "application/xml; charset=nope-42"}, _feed([])),
        "utf-16 feed": (
            200,
            {"Content-Type": "application/xml; charset=utf-16"},
            _feed([]).decode().replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"),
        ),
    }


WHOLE_FEED_CASES = _whole_feed_cases()


@pytest.mark.parametrize("case", sorted(WHOLE_FEED_CASES))
def test_hostile_whole_feed(sqlite_url: str, server: LocalServer, case: str) -> None:
    tag = f"w{sorted(WHOLE_FEED_CASES).index(case)}"
    path = f"/whole/{tag}.xml"
    server.routes[path] = WHOLE_FEED_CASES[case]
    good = f"/whole/{tag}-good.xml"
    server.routes[good] = (200, XML, _feed(_good_items(server, tag)))
    engine = get_engine(sqlite_url)
    add_source(engine, server.url(path), kind="feed")
    with _Bounded():
        summary = _poll_one(engine, server.url(good))
    assert {GOOD.format(n=1), GOOD.format(n=2)} <= _good_stored(engine), summary.errors
    with session_scope(engine) as s:
        bad = s.exec(select(Source).where(Source.url == server.url(path))).one()
    assert bad.last_fetch_at is not None  # the bad feed was tried and recorded


def _page_cases() -> dict[str, tuple[int, dict[str, str], Any]]:
    page = (
        "<html><head><title>T</title></head><body><article><p>"
        + GOOD.format(n=9)
        + " More words so the page has text.</p></article></body></html>"
    )
    return {
        "binary as html": (200, HTML, bytes(range(256)) * 200),
        "pdf as html": (200, HTML, b"%PDF-1.7\n" + bytes(range(256)) * 200),
        "empty": (200, HTML, b""),
        "whitespace": (200, HTML, b" \n" * 1000),
        "script only": (200, HTML, b"<script>" + b"a=1;" * 5000 + b"</script>"),
        "deep divs": (200, HTML, b"<div>" * 30_000 + b"x" + b"</div>" * 30_000),
        "huge": (200, HTML, b"<p>" + b"word " * 3_000_000 + b"</p>"),
        "trickle": (200, HTML, _trickle),
        "surrogate refs": (200, HTML, page.replace("More", "&#55296;&#xdfff; More").encode()),
        "nul refs": (200, HTML, page.replace("More", "&#0; More").encode()),
        "charset lie": (200, {"Content-Type": "text/html; charset=utf-32"}, page.encode()),
        "latin-1": (
            200,
            {"Content-Type": "text/html"},
            page.replace("More", "Mé").encode("latin-1"),
        ),
        "utf-16 page": (200, {"Content-Type": "text/html; charset=utf-16"}, page.encode("utf-16")),
        "gzip bomb": (
            200,
            {**HTML, "Content-Encoding": "gzip"},
            gzip.compress(b"<p>" + b"a" * 30_000_000 + b"</p>"),
        ),
        "image type": (200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff" + b"\x00" * 1000),
        "no type": (200, {}, page.encode()),
        "404": (404, HTML, b"gone"),
        "410": (410, HTML, b"gone"),
        "500": (500, HTML, b"oops"),
        "redirect loop": (302, {"Location": "/page/loop"}, b""),
        "redirect to ftp": (302, {"Location": "ftp://example.com/x"}, b""),
        "redirect to file": (302, {"Location": "file:///etc/passwd"}, b""),
        "markup text": (200, HTML, page.replace("More", "[/] [bold]More[/bold]").encode()),
        "good page": (200, HTML, page.encode()),
    }


PAGE_CASES = _page_cases()


@pytest.mark.parametrize("case", sorted(PAGE_CASES))
def test_hostile_page(sqlite_url: str, server: LocalServer, case: str) -> None:
    tag = f"p{sorted(PAGE_CASES).index(case)}"
    page_path = f"/page/{tag}" if case != "redirect loop" else "/page/loop"
    server.routes[page_path] = PAGE_CASES[case]
    summary_text = f"Summary {tag}: IWM slipped 1.{len(tag)}% on the week."
    items = [_item(f"Hostile {tag}", server.url(page_path), summary_text)]
    items += _good_items(server, tag)
    path = f"/pagefeed/{tag}.xml"
    server.routes[path] = (200, XML, _feed(items))
    engine = get_engine(sqlite_url)
    with _Bounded():
        summary = _poll_one(engine, server.url(path))
    stored = _good_stored(engine)
    assert {GOOD.format(n=1), GOOD.format(n=2)} <= stored, summary.errors
    with session_scope(engine) as s:
        art = s.exec(select(Article).where(Article.title == f"Hostile {tag}")).one()
    # the hostile item is stored: its page text when that is text, else its summary
    assert art.text == summary_text or GOOD.format(n=9) in art.text, art.text[:200]
    assert "\x00" not in art.text and not any("\ud800" <= ch <= "\udfff" for ch in art.text)
    junk = sum(1 for ch in art.text if not (ch.isprintable() or ch in "\n\t"))
    assert junk <= len(art.text) * 0.01, art.text[:200]


# --- extractor input ------------------------------------------------------------------------


def _extract_cases() -> dict[str, str]:
    cases = {
        "rose repeated": "rose 3% last week, " * 842,
        "subject rose repeated": "IWM rose 3% last week, " * 700,
        "dollars": "$" * 16_000,
        "parens": "(" * 16_000,
        "brackets": "[" * 16_000,
        "emoji": "😀" * 100_000,
        "1e400": "The Russell 2000 rose 1e400% last week.",
        "400 digits": "IWM closed at " + "9" * 400 + ".",
        "scaled huge": "IWM took in $" + "9" * 300 + " trillion.",
        "spaces": " " * 300_000 + "IWM fell 2% on Monday.",
        "newlines": "\n" * 300_000 + "IWM fell 2% on Monday.",
        "digits": "1" * 300_000,
        "bare numbers": ("1 " * 100 + "\n") * 3_000,
        "table rows": "| IWM | 2% | 3% |\n" * 20_000,
        "tabs": "IWM\t2%\t3%\n" * 20_000,
        "surrogates": "\ud800" * 10_000 + "IWM fell 2% on Monday.",
        "controls": "".join(chr(i) for i in range(32)) * 1000 + "IWM fell 2% on Monday.",
        "dashes": "-" * 200_000 + "\nIWM fell 2% on Monday.",
        "percent signs": "%" * 50_000,
        "mixed symbols": "$%()[]{}<>|" * 10_000,
        "tickers": "IWM " * 50_000,
        "dates": "2025-10-01 " * 20_000,
        "ranges": "2,300-2,400 " * 10_000,
        "rtl": "\u202e" * 20_000 + "IWM rose 2% last week.",
        "combining": "a\u0301" * 100_000,
        "cjk": "小型株が2%上昇した。" * 10_000,
        "arabic digits": "٣٪ " * 30_000,
        "fullwidth": "ＩＷＭ　２％ " * 20_000,
        "html": "<p>IWM rose 2%</p>" * 10_000,
        "json": json.dumps([{"IWM": "2%"}] * 10_000),
        "url": "https://example.com/" + "a/" * 100_000,
        "base64": "QUJD" * 100_000,
        "one long word": "IWM" + "x" * 500_000,
        "numbers with commas": ",".join(["1"] * 100_000),
        "decimal points": "." * 200_000,
        "many sentences": "IWM rose 2%. " * 20_000,
        "many questions": "Will IWM rise 2%? " * 20_000,
        "quotes": '"' * 100_000,
        "unbalanced parens": "IWM (rose (2% (last (week " * 5_000,
        "big doc": (
            "The Russell 2000 rose 1.2% last week while IWM fell 0.5% on Monday. " * 15 + "\n"
        )
        * 1_000,
    }
    return cases


EXTRACT_CASES = _extract_cases()
#: each text is read with an ordinary date and with one that breaks date arithmetic
DATES = {"2025": dt.date(2025, 10, 1), "year 1": dt.date(1, 1, 1), "9999": dt.date(9999, 12, 31)}


@pytest.mark.parametrize("when", ["2025", "year 1"])
@pytest.mark.parametrize("case", sorted(EXTRACT_CASES))
def test_hostile_extractor_input(case: str, when: str) -> None:
    """The hostile text sits between two good sentences: no exception, valid claims, in
    time, and both good claims kept (a long text is read whole, nothing after the junk is
    lost)."""
    from nlp.extract import extract_claims

    extract_claims("IWM fell 2% on Monday.", dt.date(2025, 10, 1))  # model loaded before timing
    text = "IWM fell 2% on Monday.\n" + EXTRACT_CASES[case] + "\nIWM rose 3% on Tuesday."
    published = DATES[when]
    with _Bounded():
        claims = extract_claims(text, published)
    for c in claims:
        assert text[c.start : c.end] == c.quote
        assert all(v is None or math.isfinite(v) for v in (c.value, c.low, c.high))
        json.dumps(c.contract_dict(), allow_nan=False, default=str)
    assert any(c.subject == "IWM" and c.value == -2.0 for c in claims), case
    assert any(c.subject == "IWM" and c.value == 3.0 for c in claims), case


def test_the_corpus_is_large_enough() -> None:
    n = len(FILE_CASES) + len(FEED_ITEM_CASES) + len(WHOLE_FEED_CASES) + len(PAGE_CASES)
    assert n + 2 * len(EXTRACT_CASES) >= 200, n + 2 * len(EXTRACT_CASES)
