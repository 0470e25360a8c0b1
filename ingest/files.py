"""Local article files: .txt, .md and .html, one by one or whole folders.

Metadata (title, date, URL, source, author) comes from YAML front matter
(python-frontmatter) or from a sidecar ``index.jsonl`` / ``index.json`` in the file's folder
whose objects name the file in ``"article"``; front matter wins over the sidecar. HTML goes
through the same trafilatura extraction as fetched pages. Binary or undecodable files raise
``ContentError`` so that the batch records them and moves on.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ingest.http import ContentError
from thesisdesk.records import ArticleRecord

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
SIDECAR_NAMES = ("index.jsonl", "index.json")
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Folder walks skip these (a folder's own notes are not articles); naming one explicitly works.
SKIPPED_STEMS = {"readme", "license", "licence", "changelog", "index", "sources"}
_DATE_KEYS = ("published", "date", "published_at", "pubdate")


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Article files under ``paths`` (folders walked recursively, sorted, hidden skipped)."""
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if (
                    child.is_file()
                    and child.suffix.lower() in SUFFIXES
                    and child.stem.lower() not in SKIPPED_STEMS
                    and not any(p.startswith(".") for p in rel)
                ):
                    yield child
        else:
            yield path  # missing or odd files are reported by read_article_file


def load_sidecar(folder: Path) -> dict[str, dict[str, Any]]:
    """File name -> metadata from ``index.jsonl`` / ``index.json`` (empty when absent).

    ``index.json`` may hold a list of objects or an object keyed by file name. Lines that
    are not JSON objects are skipped rather than failing the folder."""
    out: dict[str, dict[str, Any]] = {}
    for name in SIDECAR_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        items: list[Any] = []
        if name.endswith(".jsonl"):
            for line in raw.splitlines():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
        else:
            try:
                data = json.loads(raw)
            except json.JSONDecodeError:
                continue
            if isinstance(data, dict):
                items = [{"article": k, **v} for k, v in data.items() if isinstance(v, dict)]
            elif isinstance(data, list):
                items = data
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("article"), str):
                out.setdefault(Path(item["article"]).name, item)
    return out


def _as_date(value: Any) -> tuple[dt.date | None, dt.datetime | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return aware.date(), aware
    if isinstance(value, dt.date):
        return value, None
    from dateutil import parser as dateparser

    try:
        parsed = dateparser.parse(str(value))
    except (ValueError, OverflowError):
        return None, None
    if len(str(value).strip()) <= 10:  # a bare date: no time of day to keep
        return parsed.date(), None
    aware = parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    return aware.date(), aware


def decode_file(data: bytes, path: Path) -> str:
    """Text of a file that should be text; ``ContentError`` for binary or undecodable data."""
    if b"\x00" in data[:8192]:
        raise ContentError(str(path), "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise ContentError(str(path), "cannot decode the file as text") from None
        text = str(best)
    sample = text[:20000]
    if sample:
        odd = sum(1 for ch in sample if not (ch.isprintable() or ch in "\n\r\t"))
        if odd / len(sample) > 0.05:
            raise ContentError(str(path), "file looks like binary data, not text")
    return text


def _title_from_text(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 200 else None
    return None


def read_article_file(path: Path, sidecar: dict[str, Any] | None = None) -> ArticleRecord:
    """One file as a record. Raises ``ContentError`` (bad content) or ``OSError``-based
    ``ContentError`` (unreadable)."""
    import frontmatter

    if not path.exists():
        raise ContentError(str(path), "no such file or folder")
    if path.suffix.lower() not in SUFFIXES:
        raise ContentError(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ContentError(str(path), f"file larger than {MAX_FILE_BYTES:,} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    raw = decode_file(data, path)
    front: dict[str, Any] = {}
    body = raw
    if raw.lstrip().startswith("---"):
        try:
            post = frontmatter.loads(raw)
        except Exception as exc:  # YAML errors come in several types
            raise ContentError(str(path), f"bad front matter: {exc}") from exc
        front = {k: v for k, v in post.metadata.items() if v is not None}
        body = post.content
    meta: dict[str, Any] = {**(sidecar or {}), **front}
    if any(front.get(k) for k in _DATE_KEYS):  # a date in the file beats the sidecar's
        for key in _DATE_KEYS:
            meta.pop(key, None)
        meta.update({k: front[k] for k in _DATE_KEYS if front.get(k)})
    canonical = None
    if path.suffix.lower() in HTML_SUFFIXES:
        from ingest.pages import extract_html

        page = extract_html(body, str(meta.get("url") or path.resolve().as_uri()))
        body = page.text
        canonical = page.canonical_url
        meta.setdefault("title", page.title)
        meta.setdefault("author", page.author)
        if not any(meta.get(k) for k in _DATE_KEYS):
            meta["published"] = page.published
    body = body.strip("\n")
    if not body.strip():
        raise ContentError(str(path), "file has no text")
    published, published_at = None, None
    for key in _DATE_KEYS:
        if meta.get(key):
            published, published_at = _as_date(meta[key])
            if published:
                break
    url = meta.get("url") or meta.get("link")
    return ArticleRecord(
        url=str(url) if url else None,
        canonical_url=str(meta["canonical_url"]) if meta.get("canonical_url") else canonical,
        title=str(meta["title"]) if meta.get("title") else _title_from_text(body),
        author=str(meta["author"]) if meta.get("author") else None,
        published=published,
        published_at=published_at,
        text=body,
        source_name=str(meta["source"]) if meta.get("source") else None,
        source_url=str(meta["source_url"]) if meta.get("source_url") else None,
        origin="file",
    )
