"""Local article files: .txt, .md and .html, one by one or whole folders.

Metadata (title, date, URL, source, author) comes from YAML front matter
(python-frontmatter) or from a sidecar ``index.jsonl`` / ``index.json`` in the file's folder
whose objects name the file in ``"article"``; front matter wins over the sidecar. HTML goes
through the same trafilatura extraction as fetched pages. Binary or undecodable files raise
``ContentError`` so that the batch records them and moves on.

Reading is bounded: only regular files are opened (a FIFO, device or socket, or a link to
one, is refused before any read, so nothing can hang or stream forever), every read stops
at ``MAX_FILE_BYTES``, front matter is capped at ``MAX_FRONT_MATTER_BYTES`` and parsed by a
YAML loader that refuses aliases (no "billion laughs"). A bad metadata value costs that
field (with a warning on the record), not the article.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field

from ingest.http import ContentError, FetchError
from ingest.sanitize import binary_reason, clean_text
from thesisdesk.records import ArticleRecord


class FileRecord(ArticleRecord):
    """An article read from a file, with the problems that cost a field, not the article
    (a front-matter date of month 13): the run shows them as warnings."""

    warnings: list[str] = Field(default_factory=list)

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
SIDECAR_NAMES = ("index.jsonl", "index.json")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_SIDECAR_BYTES = 20 * 1024 * 1024
#: Front matter is a few lines of metadata; anything larger is not metadata.
MAX_FRONT_MATTER_BYTES = 64 * 1024
#: Folder walks skip these (a folder's own notes are not articles); naming one explicitly works.
SKIPPED_STEMS = {"readme", "license", "licence", "changelog", "index", "sources"}
_DATE_KEYS = ("published", "date", "published_at", "pubdate")


PathProblem = Callable[[Path, str], None]


def _wanted(rel: Path) -> bool:
    return (
        rel.suffix.lower() in SUFFIXES
        and rel.stem.lower() not in SKIPPED_STEMS
        and not any(p.startswith(".") for p in rel.parts)
    )


def _walk(root: Path, on_problem: PathProblem | None) -> Iterator[Path]:
    """Files under ``root`` whose names look like articles, sorted; folders that cannot be
    listed (permissions, names past PATH_MAX) go to ``on_problem`` and the walk goes on.

    Entries that are not folders are all yielded (FIFOs and devices included) so that the
    reader refuses them with a reason instead of them vanishing without a word."""

    def report(exc: OSError) -> None:
        if on_problem is not None:
            where = Path(exc.filename) if exc.filename else root
            what = "name too long" if exc.errno == errno.ENAMETOOLONG else exc.strerror
            on_problem(where, f"folder skipped: cannot list it ({what or exc})")

    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=report, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            child = Path(folder) / name
            if _wanted(child.relative_to(root)):
                found.append(child)
    yield from sorted(found)


def iter_paths(
    paths: Iterable[str | Path], on_problem: PathProblem | None = None
) -> Iterator[Path]:
    """Article files under ``paths`` (folders walked recursively, sorted, hidden skipped).

    ``on_problem(path, reason)`` hears about folders that could not be walked."""
    for raw in paths:
        path = Path(raw).expanduser()
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, on_problem)
        else:
            yield path  # missing or odd files are reported by read_article_file


def load_sidecar(folder: Path) -> dict[str, dict[str, Any]]:
    """File name -> metadata from ``index.jsonl`` / ``index.json`` (empty when absent).

    ``index.json`` may hold a list of objects or an object keyed by file name. Lines that
    are not JSON objects are skipped rather than failing the folder."""
    out: dict[str, dict[str, Any]] = {}
    for name in SIDECAR_NAMES:
        path = folder / name
        try:
            raw = decode_file(read_bounded(path, MAX_SIDECAR_BYTES), path)
        except (OSError, FetchError):
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


_ISO_DATE = re.compile(r"\s*[+-]?\d{1,6}-\d{1,2}-\d{1,2}\b")


class BadValue(ValueError):
    """A metadata value that cannot mean what its field says (a date of month 13)."""


def _as_date(value: Any) -> tuple[dt.date | None, dt.datetime | None]:
    """A front-matter or sidecar date; ``BadValue`` when it is given but not a date."""
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return aware.date(), aware
    if isinstance(value, dt.date):
        return value, None
    from dateutil import parser as dateparser

    text = str(value).strip()[:100]
    try:
        if _ISO_DATE.match(text):  # an ISO date is read strictly: 2025-13-01 is no date
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            parsed = dateparser.parse(text)
    except (ValueError, OverflowError) as exc:
        raise BadValue(f"{text!r} is not a date ({exc})") from None
    if len(text) <= 10:  # a bare date: no time of day to keep
        return parsed.date(), None
    aware = parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    return aware.date(), aware


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most ``limit`` (``ContentError`` past it).

    The file is opened non-blocking and checked with ``fstat`` on the open descriptor, so a
    FIFO (which would block the open or the read forever), a device such as ``/dev/zero``
    (endless), a socket, or a symlink to any of them is refused before one byte is read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise ContentError(str(path), "no such file or folder") from exc
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO nobody writes to
            raise ContentError(str(path), "not a regular file (socket or FIFO); skipped") from exc
        what = "name too long" if exc.errno == errno.ENAMETOOLONG else exc.strerror or exc
        raise ContentError(str(path), f"cannot read file: {what}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = (
                "a FIFO"
                if stat.S_ISFIFO(mode)
                else "a device"
                if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "a socket"
                if stat.S_ISSOCK(mode)
                else "a folder"
                if stat.S_ISDIR(mode)
                else "not a plain file"
            )
            raise ContentError(str(path), f"not a regular file ({kind}); skipped")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read(limit + 1)
    except OSError as exc:
        raise ContentError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise ContentError(str(path), f"file larger than {limit:,} bytes")
    return data


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_file(data: bytes, path: Path) -> str:
    """Text of a file that should be text; ``ContentError`` for binary or undecodable data.

    A BOM decides (UTF-8, UTF-16, UTF-32); else UTF-8; else what charset-normalizer finds
    (cp1252, latin-1, ...)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise ContentError(str(path), f"bad {codec} text after its BOM") from None
            return _check_text(text, path)
    if b"\x00" in data[:8192]:
        raise ContentError(str(path), "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
        if best is None or not best.encoding:  # no plausible text encoding at all
            raise ContentError(str(path), "cannot decode the file as text") from None
        text = data.decode(best.encoding, errors="replace")
    return _check_text(text, path)


def _check_text(text: str, path: Path) -> str:
    if binary_reason(text):
        raise ContentError(str(path), "file looks like binary data, not text")
    return clean_text(text) or ""


def _title_from_text(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 200 else None
    return None


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that refuses aliases (no expansion bombs) and keeps timestamps as text, so
    that one impossible date (month 13) is judged by ``_as_date`` and costs that field only."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases are not allowed in front matter", mark
            )
        return super().compose_node(parent, index)


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A YAML timestamp stays the text it was written as (dates are parsed later, once)."""
    assert isinstance(node, yaml.ScalarNode)  # timestamps are scalars
    return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def parse_front_matter(raw: str, path: Path) -> tuple[dict[str, Any], str]:
    """(metadata, body) of a text that may open with ``---`` YAML front matter."""
    if not raw.lstrip().startswith("---"):
        return {}, raw
    from frontmatter.default_handlers import YAMLHandler

    try:
        fm, body = YAMLHandler().split(raw)
    except ValueError:  # an opening line but no closing one: all of it is text
        return {}, raw
    if len(fm.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER_BYTES:
        raise ContentError(str(path), f"front matter larger than {MAX_FRONT_MATTER_BYTES:,} bytes")
    try:
        data = yaml.load(fm, Loader=_FrontMatterLoader)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise ContentError(str(path), f"bad front matter: {exc}") from exc
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        raise ContentError(str(path), "bad front matter: not a mapping of fields")
    return {str(k): v for k, v in data.items() if v is not None}, body


def _text_field(value: Any, limit: int = 2000) -> str | None:
    """A metadata value as text: scalars only (a list or mapping is not a title)."""
    if value is None or isinstance(value, dict | list | set | tuple):
        return None
    text = str(value).strip()
    return text[:limit] or None


def read_article_file(path: Path, sidecar: dict[str, Any] | None = None) -> FileRecord:
    """One file as a record. Raises ``ContentError`` (unreadable, not a regular file, bad
    content). Metadata values that cannot be used are dropped with a note in
    ``record.warnings``."""
    if path.suffix.lower() not in SUFFIXES:
        raise ContentError(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
    raw = decode_file(read_bounded(path, MAX_FILE_BYTES), path)
    warnings: list[str] = []
    front, body = parse_front_matter(raw, path)
    meta: dict[str, Any] = {**(sidecar or {}), **front}
    if any(front.get(k) for k in _DATE_KEYS):  # a date in the file beats the sidecar's
        for key in _DATE_KEYS:
            meta.pop(key, None)
        meta.update({k: front[k] for k in _DATE_KEYS if front.get(k)})
    canonical = None
    if path.suffix.lower() in HTML_SUFFIXES:
        from ingest.pages import extract_html

        page = extract_html(body, str(_text_field(meta.get("url")) or path.resolve().as_uri()))
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
            try:
                published, published_at = _as_date(meta[key])
            except BadValue as exc:
                warnings.append(f"{key} dropped: {exc}")
                continue
            if published:
                break
    url = _text_field(meta.get("url")) or _text_field(meta.get("link"))
    record = FileRecord(
        url=url,
        canonical_url=_text_field(meta.get("canonical_url")) or canonical,
        title=_text_field(meta.get("title"), 1000) or _title_from_text(body),
        author=_text_field(meta.get("author"), 300),
        published=published,
        published_at=published_at,
        text=body,
        source_name=_text_field(meta.get("source"), 300),
        source_url=_text_field(meta.get("source_url")),
        origin="file",
    )
    record.warnings = warnings
    return record
