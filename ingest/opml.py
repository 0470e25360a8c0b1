"""OPML feed lists: import (nested outlines, ``xmlUrl``/``title``) and export (OPML 2.0).

Parsed with lxml with entity resolution and network access off, so a hostile OPML file
cannot read local files or make requests.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from ingest.feeds import check_feed_url, is_local
from ingest.http import ContentError, UnsupportedURL
from store import sources as source_q

#: The starter list shipped with the project: public market-commentary feeds, described.
STARTER_OPML = Path(__file__).with_name("starter.opml")


@dataclass
class OutlineFeed:
    url: str
    title: str | None = None
    site_url: str | None = None
    category: str | None = None  # the enclosing folder outline's text, if any


def parse_opml(data: bytes | str) -> list[OutlineFeed]:
    """Every outline with an ``xmlUrl``, at any depth, in document order (first wins)."""
    from lxml import etree

    if isinstance(data, str):
        data = data.encode("utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ContentError("opml", f"not an OPML file: {exc}") from exc
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise ContentError("opml", "not an OPML file: no <opml> root element")
    feeds: list[OutlineFeed] = []
    seen: set[str] = set()
    for el in root.iter("{*}outline", "outline"):
        url = (el.get("xmlUrl") or el.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        parent = el.getparent()
        category = None
        if parent is not None and etree.QName(parent).localname == "outline":
            category = parent.get("title") or parent.get("text")
        feeds.append(
            OutlineFeed(
                url=url,
                title=(el.get("title") or el.get("text") or "").strip() or None,
                site_url=(el.get("htmlUrl") or "").strip() or None,
                category=category,
            )
        )
    return feeds


def import_opml(engine: Engine, path: str | Path) -> dict[str, list[str]]:
    """Add every feed of an OPML file; returns {"added": [...], "existing": [...],
    "refused": [...]} (refused: URLs that are neither http(s) nor local files).

    A relative local ``xmlUrl`` (``site/feed.xml``) is read relative to the OPML file."""
    path = Path(path)
    feeds = parse_opml(path.read_bytes())
    out: dict[str, list[str]] = {"added": [], "existing": [], "refused": []}
    for feed in feeds:
        url = feed.url
        if is_local(url) and not url.lower().startswith("file:"):
            url = str(path.resolve().parent / Path(url).expanduser())  # relative to the OPML
        try:
            url = check_feed_url(url)
        except UnsupportedURL:
            out["refused"].append(feed.url)  # javascript:, ftp://, ...: never polled
            continue
        _, created = source_q.add_source(
            engine,
            url,
            name=feed.title,
            kind="feed",
            site_url=feed.site_url,
        )
        out["added" if created else "existing"].append(feed.url)
    return out


def export_opml(engine: Engine, title: str = "thesisdesk feeds") -> str:
    """Every feed source as an OPML 2.0 document (UTF-8 text)."""
    from lxml import etree

    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = email.utils.format_datetime(
        dt.datetime.now(dt.UTC), usegmt=True
    )
    body = etree.SubElement(root, "body")
    for src in source_q.list_sources(engine, kind="feed"):
        attrs = {"type": "rss", "text": src.name or src.url, "xmlUrl": src.url}
        if src.name:
            attrs["title"] = src.name
        if src.site_url:
            attrs["htmlUrl"] = src.site_url
        etree.SubElement(body, "outline", attrs)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode()
