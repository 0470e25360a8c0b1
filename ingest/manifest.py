"""The JSONL manifest that names article files and their publication dates.

One line per article: ``{"article": "name.txt", "published": "2025-12-18"}``, the name
relative to the manifest's folder. ``published`` may be missing or null: the article is
still read, and whatever depends on its date is left open downstream (``extract`` resolves
no relative period, ``check`` calls such claims unverifiable). ``extract`` and ``check`` both
read manifests here, so they accept the same files.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path


class ManifestError(ValueError):
    """A manifest that cannot be read, or a line of it that is not an entry (says which)."""


@dataclass(frozen=True)
class ManifestEntry:
    """One article of a manifest."""

    name: str  # as the manifest writes it
    path: Path  # resolved against the manifest's folder
    published: dt.date | None


@dataclass
class Manifest:
    """The entries in file order, found by resolved path or, failing that, by bare file name."""

    entries: list[ManifestEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_path = {e.path: e for e in self.entries}
        self._by_name = {Path(e.name).name: e for e in self.entries}

    def for_name(self, name: str) -> ManifestEntry | None:
        return self._by_name.get(Path(name).name)

    def for_path(self, path: Path) -> ManifestEntry | None:
        return self._by_path.get(path.resolve()) or self.for_name(path.name)

    def published(self, path: Path) -> dt.date | None:
        entry = self.for_path(path)
        return entry.published if entry else None


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    return dt.date.fromisoformat(str(value))


def read_manifest(path: str | Path) -> Manifest:
    """Parse a JSONL manifest; a bad line is a ``ManifestError`` naming the line."""
    path = Path(path)
    if not path.is_file():
        raise ManifestError(f"manifest not found: {path}")
    entries: list[ManifestEntry] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            name = str(row["article"])
            published = _date(row.get("published"))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ManifestError(
                f"{path}:{n}: want {{'article': FILE, 'published': DATE or null}}: {exc}"
            ) from exc
        entries.append(ManifestEntry(name, (path.parent / name).resolve(), published))
    return Manifest(entries)
