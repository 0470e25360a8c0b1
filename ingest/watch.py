"""Watching a ticker: its per-symbol headline feeds, from URL templates in a data file.

The templates live in ``ticker_feeds.toml`` (commented, beside this module) or in a file the
reader names, so adding a site needs no code. ``watch_symbol`` puts the symbol on the
watchlist and subscribes every enabled site's feed for it as an ordinary feed source.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.engine import Engine

from ingest.feeds import check_feed_url
from store import sources as source_q
from store import watch as watch_q

DEFAULT_TEMPLATES = Path(__file__).with_name("ticker_feeds.toml")


class TemplateError(ValueError):
    """The ticker-feed file cannot be read or a site in it is incomplete."""


@dataclass(frozen=True)
class Site:
    name: str
    url: str
    title: str
    indices: bool = True
    enabled: bool = True

    def feed_for(self, symbol: str) -> tuple[str, str]:
        """(url, title) of this site's feed for ``symbol``."""
        values = {"symbol": quote(symbol, safe=""), "symbol_lower": quote(symbol.lower(), safe="")}
        try:
            return self.url.format(**values), self.title.format(symbol=symbol)
        except (KeyError, IndexError, ValueError) as exc:
            raise TemplateError(f"site {self.name}: bad template {self.url!r} ({exc})") from exc


def load_sites(path: str | Path | None = None) -> list[Site]:
    """The sites of a ticker-feed file (default: the shipped one), enabled or not."""
    path = Path(path) if path else DEFAULT_TEMPLATES
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(f"cannot read ticker feeds {path}: {exc}") from exc
    sites: list[Site] = []
    for i, raw in enumerate(data.get("site", [])):
        if not isinstance(raw, dict) or not raw.get("name") or not raw.get("url"):
            raise TemplateError(f"{path}: site #{i + 1} needs a name and a url")
        if "{symbol" not in str(raw["url"]):
            raise TemplateError(f"{path}: site {raw['name']}: url has no {{symbol}}")
        sites.append(
            Site(
                name=str(raw["name"]),
                url=str(raw["url"]),
                title=str(raw.get("title") or f"{raw['name']}: {{symbol}}"),
                indices=bool(raw.get("indices", True)),
                enabled=bool(raw.get("enabled", True)),
            )
        )
    return sites


@dataclass
class WatchResult:
    symbol: str
    created: bool
    feeds_added: list[str]
    feeds_existing: list[str]
    known_instrument: bool

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def watch_symbol(
    engine: Engine, symbol: str, *, templates: str | Path | None = None, note: str | None = None
) -> WatchResult:
    """Watch ``symbol``: the watchlist row and one feed per enabled site (idempotent)."""
    symbol = watch_q.normalise_symbol(symbol)
    if not symbol or len(symbol) > 32:
        raise ValueError(f"not a ticker: {symbol!r}")
    sites = [s for s in load_sites(templates) if s.enabled]
    _, created = watch_q.add_watch(engine, symbol, note)
    added: list[str] = []
    existing: list[str] = []
    for site in sites:
        if symbol.startswith("^") and not site.indices:
            continue
        url, title = site.feed_for(symbol)
        url = check_feed_url(url)
        src, new_source = source_q.add_source(engine, url, name=title, kind="feed")
        assert src.id is not None
        watch_q.link_source(engine, symbol, src.id, site.name)
        (added if new_source else existing).append(url)
    known = watch_q.instrument_kind(engine, symbol) is not None
    return WatchResult(symbol, created, added, existing, known)
