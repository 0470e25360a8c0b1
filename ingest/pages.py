"""Article pages: fetch a link, extract the main text and metadata with trafilatura.

The page's own ``<link rel=canonical>`` is read too (identity prefers it). When the page
cannot be had (fetch error, not HTML, nothing extracted) the feed entry's summary, HTML
stripped, stands in and the article is marked ``summary_only``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ingest.http import ContentError, Fetcher, FetchError, UnsupportedURL, decode_bytes
from ingest.sanitize import binary_reason, clean_text
from thesisdesk import settings

HTML_TYPES = ("html", "xhtml")
#: Extractions shorter than this are treated as "nothing extracted".
MIN_TEXT_CHARS = 40
_SPACE = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n+")


@dataclass
class PageContent:
    """What a page gave us."""

    url: str
    text: str
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    canonical_url: str | None = None


def _canonical_link(tree: object, base: str | None) -> str | None:
    for href in tree.xpath(  # type: ignore[attr-defined]
        '//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href'
    ):
        href = str(href).strip()
        if href:
            return urljoin(base, href) if base else href
    return None


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_html(html: str | bytes, url: str | None = None) -> PageContent:
    """Main text, title, author, date and declared canonical URL of an HTML document.

    Raises ``ContentError`` when nothing worth keeping is found.
    """
    import lxml.html
    import trafilatura

    if isinstance(html, bytes):
        html = decode_bytes(html)
    if not html.strip():
        raise ContentError(url or "", "empty page")
    if reason := binary_reason(html):
        raise ContentError(url or "", f"page is {reason}")
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ContentError(url or "", f"not parseable as HTML: {exc}") from exc
    canonical = _canonical_link(tree, url)
    head = _head_metadata(tree)
    # trafilatura's metadata pass costs about as much as the text extraction; when the page
    # states its title and date in the usual tags, those are read directly instead.
    need_meta = not (head["title"] and head["date"])
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=True,
        with_metadata=need_meta,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False},
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    text = clean_text(text) or ""
    if len(text) < MIN_TEXT_CHARS:
        raise ContentError(url or "", "no article text could be extracted from the page")
    return PageContent(
        url=url or "",
        text=text,
        title=clean_text(head["title"] or getattr(doc, "title", None)) or None,
        author=clean_text(head["author"] or getattr(doc, "author", None)) or None,
        published=_parse_date(head["date"] or getattr(doc, "date", None)),
        canonical_url=canonical,
    )


_META = {
    "title": (
        '//meta[@property="og:title"]/@content',
        '//meta[@name="twitter:title"]/@content',
        "//h1[1]//text()",
    ),
    "author": (
        '//meta[@name="author"]/@content',
        '//meta[@property="article:author"]/@content',
    ),
    "date": (
        '//meta[@property="article:published_time"]/@content',
        '//meta[@name="date" or @name="pubdate" or @name="publish-date"]/@content',
        '//meta[@name="DC.date.issued" or @name="dc.date"]/@content',
        "//article//time/@datetime",
    ),
}


def _head_metadata(tree: object) -> dict[str, str | None]:
    """Title, author and date from the tags pages commonly declare them in (first hit)."""
    out: dict[str, str | None] = {}
    for key, paths in _META.items():
        out[key] = None
        for path in paths:
            found = " ".join(str(v) for v in tree.xpath(path)).strip()  # type: ignore[attr-defined]
            if found:
                out[key] = " ".join(found.split())
                break
    if out["date"] and _parse_date(out["date"]) is None:
        out["date"] = None
    return out


def file_url_path(url: str) -> Path:
    """The local path of a ``file:`` URL."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise UnsupportedURL(url, f"file URL on another host: {url!r}")
    return Path(unquote(parts.path))


def read_local(url: str, max_bytes: int) -> bytes:
    """The bytes of a ``file:`` URL, capped like a download."""
    path = file_url_path(url)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise FetchError(url, f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        from ingest.http import TooLarge

        raise TooLarge(url, f"file larger than the {max_bytes:,}-byte cap")
    return data


Extractor = Callable[[str, str], PageContent]


def fetch_page(
    url: str,
    fetcher: Fetcher,
    *,
    allow_file: bool = False,
    max_bytes: int = settings.MAX_PAGE_BYTES,
    extract: Extractor | None = None,
) -> PageContent:
    """Fetch and extract ``url``. ``file:`` links only when ``allow_file`` (a local feed).

    ``extract`` replaces ``extract_html`` (the pipeline passes one that runs it in a
    worker process, so extraction uses every core instead of fighting for the GIL)."""
    extract = extract or extract_html
    scheme = urlsplit(url).scheme.lower()
    if scheme == "file":
        if not allow_file:
            raise UnsupportedURL(url, "file: links are only followed from local feeds")
        return extract(decode_bytes(read_local(url, max_bytes)), url)
    result = fetcher.fetch(url, max_bytes=max_bytes, accept=HTML_TYPES)
    return extract(result.text(), result.final_url)


def strip_html(fragment: str | None) -> str:
    """Plain text of an HTML fragment (feed summaries), paragraphs kept as blank lines."""
    if not fragment or not fragment.strip():
        return ""
    import lxml.html

    if "<" not in fragment and "&" not in fragment:
        text = fragment
    else:
        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except (ValueError, lxml.etree.ParserError):
            return re.sub(r"<[^>]+>", " ", fragment).strip()
        for el in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
            el.tail = "\n\n" + (el.tail or "")
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        text = root.text_content()
    lines = [_SPACE.sub(" ", ln).strip() for ln in (clean_text(text) or "").splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
