"""The one manifest reader behind ``extract``, ``check`` and the benches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.manifest import ManifestError, read_manifest


def test_entries_dates_and_lookup(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "index.jsonl"
    path.write_text(
        '{"article": "sub/a.txt", "published": "2025-12-18"}\n'
        "\n"
        '{"article": "b.txt"}\n'
        '{"article": "c.txt", "published": null}\n'
        '{"article": "d.txt", "published": ""}\n'
    )
    man = read_manifest(path)
    assert [(e.name, e.published) for e in man.entries] == [
        ("sub/a.txt", dt.date(2025, 12, 18)),
        ("b.txt", None),
        ("c.txt", None),
        ("d.txt", None),
    ]
    assert man.entries[0].path == (tmp_path / "sub" / "a.txt").resolve()
    assert man.published(tmp_path / "sub" / "a.txt") == dt.date(2025, 12, 18)
    # a copy of the file elsewhere is found by its bare name
    assert man.published(Path("/elsewhere/a.txt")) == dt.date(2025, 12, 18)
    assert man.for_name("b.txt") is not None and man.published(tmp_path / "b.txt") is None
    assert man.for_path(tmp_path / "zzz.txt") is None


@pytest.mark.parametrize(
    "line",
    ['{"published": "2025-01-02"}', "not json", '{"article": "a.txt", "published": "soon"}', "[1]"],
)
def test_bad_lines_name_the_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text('{"article": "ok.txt"}\n' + line + "\n")
    with pytest.raises(ManifestError, match=r"m\.jsonl:2"):
        read_manifest(path)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="not found"):
        read_manifest(tmp_path / "none.jsonl")
