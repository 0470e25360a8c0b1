"""Local files: the shared seeds, front matter, sidecar indexes, HTML, junk; crash and resume."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlmodel import func, select

from ingest.articles import save_article
from ingest.files import load_sidecar, read_article_file
from ingest.http import ContentError
from ingest.pipeline import ingest_paths
from store.db import get_engine, session_scope
from store.models import Article, IngestRun, Source
from thesisdesk.records import ArticleRecord

RES = Path(__file__).parent / "resources" / "ingest"

PARAS = [
    "Small caps had a quiet week. The Russell 2000 moved less than half a percent in either "
    "direction on every session, and volumes were about a fifth below their monthly average.",
    "Energy names were the exception: oil services stocks in the index gained 4.5% as crude "
    "prices firmed, while regional lenders gave back part of their October rally.",
    "We would wait for a close above 2,520 before adding exposure, and would cut it below "
    "2,380, the low of the last pullback. A Fed cut in December is not yet fully priced.",
    "Biotech remains the most volatile corner. Two takeover bids lifted the group by 6% in a "
    "day, but most of that gain faded by Friday as rates ticked up again.",
]


def _article(i: int) -> str:
    """Distinct texts: each paragraph set rotated and tagged so no two are near-copies."""
    body = [f"Note {i}: " + PARAS[(i + k) % 4].replace("week", f"week {i}") for k in range(4)]
    return "\n\n".join(body) + f"\n\nFigures for note {i} rounded: {i * 7 % 13}.{i % 10}%."


def _count(engine: object, model: type = Article) -> int:
    with session_scope(engine) as s:  # type: ignore[arg-type]
        return int(s.exec(select(func.count()).select_from(model)).one())


def test_shared_seeds_ingest_with_their_index(db_url: str, shared_dir: Path) -> None:
    seeds = shared_dir / "seeds"
    index = [json.loads(line) for line in (seeds / "index.jsonl").read_text().splitlines()]
    engine = get_engine(db_url)
    summary = ingest_paths(engine, [seeds])
    assert summary.status == "ok" and summary.new == len(index) == 5, summary.errors
    with session_scope(engine) as s:
        rows = {a.published: a for a in s.exec(select(Article)).all()}
        src = s.exec(select(Source)).one()
    assert sorted(rows) == sorted(dt.date.fromisoformat(i["published"]) for i in index)
    assert all(a.word_count > 300 and a.duplicate_of_id is None for a in rows.values())
    assert src.kind == "files" and src.name == "seeds"
    again = ingest_paths(engine, [seeds])
    assert again.new == 0 and again.duplicate == 5
    assert _count(engine) == 5


def test_front_matter_and_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Breadth improves\ndate: 2025-10-02\nurl: https://x.example/a?utm_source=m\n"
        "source: Example Wire\nauthor: A. Writer\n---\n" + _article(1)
    )
    (tmp_path / "b.txt").write_text("Headline from the first line\n\n" + _article(2))
    (tmp_path / "index.json").write_text(
        json.dumps(
            [
                {
                    "article": "b.txt",
                    "published": "2025-09-30",
                    "url": "https://y.example/b",
                    "source": "Y News",
                    "title": "Sidecar title",
                    "published_note": "ignored",
                },
                {"article": "a.md", "published": "2020-01-01"},  # front matter wins
            ]
        )
    )
    side = load_sidecar(tmp_path)
    a = read_article_file(tmp_path / "a.md", side.get("a.md"))
    assert (a.title, a.published, a.author) == (
        "Breadth improves",
        dt.date(2025, 10, 2),
        "A. Writer",
    )
    assert a.source_name == "Example Wire" and not a.text.startswith("---")
    b = read_article_file(tmp_path / "b.txt", side.get("b.txt"))
    assert (b.title, b.published, b.url) == (
        "Sidecar title",
        dt.date(2025, 9, 30),
        "https://y.example/b",
    )
    bare = read_article_file(tmp_path / "b.txt")
    assert bare.title == "Headline from the first line" and bare.published is None


def test_progress_is_reported_through_the_callback(db_url: str, tmp_path: Path) -> None:
    """The CLI's bar is drawn from these calls; ingest itself imports no UI code."""
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(_article(20 + i))
    calls: list[tuple[str, int, int | None, str]] = []

    def hook(task: str, done: int, total: int | None, note: str = "") -> None:
        calls.append((task, done, total, note))

    ingest_paths(get_engine(db_url), [tmp_path], progress=hook)
    assert calls[0] == ("files", 0, 3, "")
    assert [c[1] for c in calls[1:]] == [1, 2, 3] and {c[2] for c in calls} == {3}
    assert calls[-1][3] == "new 3 dup 0 failed 0"


def test_html_file_goes_through_extraction(tmp_path: Path) -> None:
    page = RES / "site" / "articles" / "yields-slip.html"
    rec = read_article_file(page)
    assert rec.title == "Yields slip, levered small caps rally"
    assert rec.canonical_url == "https://desk.example.com/2025/10/yields-slip"
    assert rec.published == dt.date(2025, 10, 7)
    assert "floating rate" in rec.text and "newsletter" not in rec.text


def test_binary_and_undecodable_files_are_skipped(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(_article(3))
    (tmp_path / "nul.txt").write_bytes(b"\x00\x01\x02binary" * 100)
    (tmp_path / "junk.md").write_bytes(bytes(range(128, 256)) * 40)
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "later.txt").write_text(_article(4))
    engine = get_engine(db_url)
    summary = ingest_paths(engine, [tmp_path, tmp_path / "nope.txt"])
    assert summary.new == 2 and summary.failed == 4 and summary.status == "partial"
    messages = {Path(e["item"]).name: e["error"] for e in summary.errors}
    assert "binary" in messages["nul.txt"]
    assert "junk.md" in messages and "no text" in messages["empty.txt"]
    assert "no such file" in messages["nope.txt"]
    with session_scope(engine) as s:
        run = s.exec(select(IngestRun)).one()
    assert run.items_failed == 4 and "nul.txt" in run.errors and run.status == "partial"
    with pytest.raises(ContentError):
        read_article_file(tmp_path / "nul.txt")


def test_crash_mid_batch_then_resume(db_url: str, tmp_path: Path) -> None:
    for i in range(10):
        (tmp_path / f"{i:02d}.txt").write_text(_article(i))
    engine = get_engine(db_url)
    saved: list[str] = []

    def crash_after_four(item: str, result: object) -> None:
        saved.append(item)
        if len(saved) == 4:
            raise KeyboardInterrupt("operator pressed ctrl-c")

    with pytest.raises(KeyboardInterrupt):
        ingest_paths(engine, [tmp_path], on_result=crash_after_four)
    assert _count(engine) == 4
    with session_scope(engine) as s:
        run = s.exec(select(IngestRun)).one()
        assert run.status == "failed" and "ctrl-c" in run.errors
        assert all(a.text and a.content_hash and a.fingerprint for a in s.exec(select(Article)))
    resumed = ingest_paths(engine, [tmp_path])
    assert (resumed.new, resumed.duplicate) == (6, 4)
    assert _count(engine) == 10


@pytest.mark.slow
def test_hard_kill_mid_batch_leaves_store_consistent(sqlite_url: str, tmp_path: Path) -> None:
    """A process killed outright (no clean-up code runs) loses at most the article in flight."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(8):
        (folder / f"{i:02d}.txt").write_text(_article(i + 20))
    script = textwrap.dedent(f"""
        import os
        from store.db import get_engine
        from ingest.pipeline import ingest_paths
        n = []
        def hook(item, result):
            n.append(item)
            if len(n) == 3:
                os._exit(9)
        ingest_paths(get_engine({sqlite_url!r}), [{str(folder)!r}], on_result=hook)
    """)
    proc = subprocess.run([sys.executable, "-c", script], env={**os.environ}, timeout=120)
    assert proc.returncode == 9
    engine = get_engine(sqlite_url)
    assert _count(engine) == 3
    with session_scope(engine) as s:
        assert s.exec(select(IngestRun.status)).one() == "running"  # it never finished
    ingest_paths(engine, [folder])
    assert _count(engine) == 8
    with session_scope(engine) as s:  # the next run closed the killed one
        statuses = [r.status for r in s.exec(select(IngestRun).order_by(IngestRun.id)).all()]
    assert statuses == ["interrupted", "ok"]


def test_save_article_rules(db_url: str) -> None:
    engine = get_engine(db_url)
    text = _article(40)
    first = save_article(
        engine,
        ArticleRecord(
            url="https://a.example/p?utm_campaign=z", text=text, published=dt.date(2025, 10, 2)
        ),
    )
    assert first.status == "new"
    same_url = save_article(engine, ArticleRecord(url="HTTPS://A.example/p/#top", text="other"))
    assert (same_url.status, same_url.article_id) == ("duplicate_url", first.article_id)
    copy = save_article(engine, ArticleRecord(url="https://b.example/q", text=text.upper()))
    assert (copy.status, copy.duplicate_of_id) == ("syndicated", first.article_id)
    near = text.replace("quiet week", "calm week").replace("Energy names", "Energy stocks")
    rewrite = save_article(engine, ArticleRecord(url="https://c.example/r", text=near))
    assert rewrite.status == "syndicated" and rewrite.duplicate_of_id == first.article_id
    assert rewrite.similarity is not None and rewrite.similarity >= 0.8
    other = save_article(engine, ArticleRecord(url="https://d.example/s", text=_article(41)))
    assert other.status == "new"
    no_url_again = save_article(engine, ArticleRecord(text=_article(41)))
    assert no_url_again.status == "duplicate_url"
    assert save_article(engine, ArticleRecord(text="  ")).status == "failed"
    # an earlier-published original met after its copy becomes the first copy
    orig = save_article(
        engine,
        ArticleRecord(
            url="https://e.example/t", text=near + " Updated.", published=dt.date(2025, 9, 1)
        ),
    )
    assert orig.status == "new" and orig.demoted_id == first.article_id
    with session_scope(engine) as s:
        group = s.exec(
            select(Article)
            .where(Article.id != orig.article_id)
            .where(Article.id != other.article_id)
        ).all()
    assert {a.duplicate_of_id for a in group} == {orig.article_id}
    assert _count(engine) == 5
