"""Hostile local files (issue 14): nothing hangs, nothing reads without bound, nothing good
is lost. Every file is made by the test in a temporary folder."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import select

from ingest.files import MAX_FRONT_MATTER_BYTES, decode_file, read_article_file
from ingest.http import ContentError
from ingest.pipeline import ingest_paths
from store.db import get_engine, session_scope
from store.models import Article

ROOT = Path(__file__).resolve().parent.parent

TEXT = (
    "Regional banks in the small-cap index rose 3.1% this week as deposit outflows eased, "
    "while biotech names slipped 2% on Thursday. We expect the Russell 2000 to hold above "
    "2,300 into the December meeting, résumé of the week: breadth improved – “quietly”."
)


def _good(folder: Path, n: int = 5) -> list[Path]:
    out = []
    for i in range(n):
        path = folder / f"good{i}.txt"
        path.write_text(f"Good note {i}\n\n{TEXT} Note number {i} of {n}, {i * 3}% more.")
        out.append(path)
    return out


def _titles(engine: object) -> set[str]:
    with session_scope(engine) as s:  # type: ignore[arg-type]
        return {a.title or "" for a in s.exec(select(Article)).all()}


def _run_bounded(fn: object, seconds: float = 20.0) -> object:
    """Run ``fn`` on a thread; fail (instead of hanging the suite) if it takes too long."""
    out: dict[str, object] = {}

    def target() -> None:
        try:
            out["value"] = fn()  # type: ignore[operator]
        except BaseException as exc:
            out["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"still running after {seconds} s"
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["value"]


def test_fifo_is_skipped_not_waited_on(db_url: str, tmp_path: Path) -> None:
    _good(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    engine = get_engine(db_url)
    summary = _run_bounded(lambda: ingest_paths(engine, [tmp_path, tmp_path / "pipe.txt"]))
    assert summary.new == 5, summary.errors  # type: ignore[attr-defined]
    errors = [e for e in summary.errors if e["item"].endswith("pipe.txt")]  # type: ignore[attr-defined]
    assert len(errors) == 2 and all("not a regular file" in e["error"] for e in errors)


def test_link_to_device_and_socket_are_skipped(db_url: str, tmp_path: Path) -> None:
    _good(tmp_path)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "null.md").symlink_to("/dev/null")
    sock = socket.socket(socket.AF_UNIX)
    sock_path = tmp_path / "s.txt"
    sock.bind(str(sock_path))
    try:
        engine = get_engine(db_url)
        summary = _run_bounded(lambda: ingest_paths(engine, [tmp_path]))
    finally:
        sock.close()
    assert summary.new == 5  # type: ignore[attr-defined]
    why = {Path(e["item"]).name: e["error"] for e in summary.errors}  # type: ignore[attr-defined]
    assert "device" in why["zero.txt"] and "device" in why["null.md"]
    assert "not a regular file" in why["s.txt"]


def test_oversized_file_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ingest.files

    monkeypatch.setattr(ingest.files, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(ContentError, match="larger than 1,000 bytes"):
        read_article_file(path)


def test_billion_laughs_front_matter_is_refused_quickly(db_url: str, tmp_path: Path) -> None:
    _good(tmp_path)
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    (tmp_path / "laughs.md").write_text("---\n" + "\n".join(lines) + "\n---\n" + TEXT)
    engine = get_engine(db_url)
    started = time.perf_counter()
    summary = _run_bounded(lambda: ingest_paths(engine, [tmp_path]))
    assert time.perf_counter() - started < 10
    assert summary.new == 5  # type: ignore[attr-defined]
    why = {Path(e["item"]).name: e["error"] for e in summary.errors}  # type: ignore[attr-defined]
    assert "aliases are not allowed" in why["laughs.md"]


def test_front_matter_size_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    path.write_text("---\n" + "k: " + "x" * (MAX_FRONT_MATTER_BYTES + 10) + "\n---\n" + TEXT)
    with pytest.raises(ContentError, match="front matter larger"):
        read_article_file(path)


def test_month_13_costs_the_date_not_the_article(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "m13.md").write_text("---\ntitle: Month thirteen\ndate: 2025-13-01\n---\n" + TEXT)
    (tmp_path / "ok.md").write_text("---\ntitle: Fine date\ndate: 2025-11-03\n---\n" + TEXT + " B")
    engine = get_engine(db_url)
    summary = ingest_paths(engine, [tmp_path])
    assert summary.new == 2 and summary.failed == 0, summary.errors
    with session_scope(engine) as s:
        rows = {a.title: a.published for a in s.exec(select(Article)).all()}
    assert rows == {"Month thirteen": None, "Fine date": dt.date(2025, 11, 3)}
    warns = [e for e in summary.errors if e["item"].endswith("m13.md")]
    assert warns and warns[0]["kind"] == "warning" and "2025-13-01" in warns[0]["error"]
    assert summary.status == "ok"


@pytest.mark.parametrize(
    "value", ["0000-01-01", "2025-02-30", "99999-01-01", "not a date at all ][", "1e400"]
)
def test_other_bad_dates_cost_the_field(tmp_path: Path, value: str) -> None:
    path = tmp_path / "d.md"
    path.write_text(f"---\ntitle: T\ndate: '{value}'\n---\n" + TEXT)
    rec = read_article_file(path)
    assert rec.title == "T" and rec.published is None and rec.warnings


def _deep_folder(root: Path, depth: int = 25) -> None:
    """A chain of folders whose full path is longer than PATH_MAX, made with dir fds."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            name = "d" * 200
            os.mkdir(name, dir_fd=fd)
            nxt = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        out = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, TEXT.encode())
        os.close(out)
    finally:
        os.close(fd)


def test_path_max_deep_folder_is_reported_and_batch_goes_on(db_url: str, tmp_path: Path) -> None:
    _good(tmp_path)
    _deep_folder(tmp_path)
    engine = get_engine(db_url)
    summary = _run_bounded(lambda: ingest_paths(engine, [tmp_path]))
    assert summary.new == 5  # type: ignore[attr-defined]
    errors = summary.errors  # type: ignore[attr-defined]
    assert any("too long" in e["error"] for e in errors), errors


_UNREADABLE_SCRIPT = """
import json, sys
from ingest.pipeline import ingest_paths
from store.db import get_engine
s = ingest_paths(get_engine(sys.argv[1]), [sys.argv[2]])
print(json.dumps({"new": s.new, "status": s.status, "errors": s.errors}))
"""


#: Root reads every folder; without these two capabilities it obeys the mode bits.
_NO_DAC = "-dac_override,-dac_read_search"


def test_unreadable_subfolder_is_reported(db_url: str, tmp_path: Path) -> None:
    """CI runs as root, so there the ingest runs in a child stripped of the capabilities
    that let root read any folder (``setpriv``, util-linux), not skipped."""
    _good(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(TEXT)
    locked.chmod(0)
    try:
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            assert setpriv, "running as root needs util-linux's setpriv for this check"
            proc = subprocess.run(
                [
                    *(setpriv, f"--inh-caps={_NO_DAC}", f"--bounding-set={_NO_DAC}"),
                    *(sys.executable, "-c", _UNREADABLE_SCRIPT, db_url, str(tmp_path)),
                ],
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert proc.returncode == 0, proc.stderr
            result = json.loads(proc.stdout.strip().splitlines()[-1])
        else:
            summary = ingest_paths(get_engine(db_url), [tmp_path])
            result = {"new": summary.new, "status": summary.status, "errors": summary.errors}
    finally:
        locked.chmod(0o755)
    assert result["new"] == 5 and result["status"] == "partial", result
    assert any(
        e["item"].endswith("locked") and "cannot list" in e["error"] for e in result["errors"]
    ), result["errors"]


_LATIN1 = TEXT.replace("–", "-").replace("“", '"').replace("”", '"')
#: name -> (BOM, codec, text)
CODECS = {
    "utf8.txt": (b"", "utf-8", TEXT),
    "utf8bom.txt": (codecs.BOM_UTF8, "utf-8", TEXT),
    "utf16le.txt": (codecs.BOM_UTF16_LE, "utf-16-le", TEXT),
    "utf16be.txt": (codecs.BOM_UTF16_BE, "utf-16-be", TEXT),
    "utf32le.txt": (codecs.BOM_UTF32_LE, "utf-32-le", TEXT),
    "utf32be.txt": (codecs.BOM_UTF32_BE, "utf-32-be", TEXT),
    "cp1252.txt": (b"", "cp1252", TEXT),
    "latin1.txt": (b"", "latin-1", _LATIN1),
}


def _encoded(name: str, extra: str = "") -> bytes:
    bom, codec, text = CODECS[name]
    return bom + (text + extra).encode(codec)


ENCODINGS = {name: _encoded(name) for name in CODECS}


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_common_encodings_are_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(ENCODINGS[name])
    text = decode_file(path.read_bytes(), path)
    assert "résumé" in text and "Russell 2000" in text
    if "latin1" not in name:
        assert "“quietly”" in text


def test_all_encodings_stored_in_one_batch(db_url: str, tmp_path: Path) -> None:
    for i, name in enumerate(sorted(CODECS)):
        # distinct texts, so identity does not fold them into one article
        (tmp_path / name).write_bytes(_encoded(name, f" Variant {i}: {name}."))
    engine = get_engine(db_url)
    summary = ingest_paths(engine, [tmp_path])
    assert summary.failed == 0, summary.errors
    assert summary.new + summary.syndicated >= len(ENCODINGS) - summary.syndicated
    with session_scope(engine) as s:
        texts = [a.text for a in s.exec(select(Article)).all()]
    assert len(texts) == len(ENCODINGS) and all("Russell 2000" in t for t in texts)


def test_name_too_long_file_argument(db_url: str, tmp_path: Path) -> None:
    engine = get_engine(db_url)
    long = tmp_path / ("x" * 300 + ".txt")
    summary = ingest_paths(engine, [long, *_good(tmp_path, 2)])
    assert summary.new == 2 and summary.failed == 1
    assert "too long" in summary.errors[0]["error"]
