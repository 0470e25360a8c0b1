"""Subject pickers search the whole instrument table, most-discussed first; the article view
returns the text, claims and syndicated copies; the app keeps its state in the URL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_store import fill_sample
from streamlit.testing.v1 import AppTest

from store import ui_queries as uq
from store.db import dispose_all, get_engine
from store.instruments import upsert_instruments
from store.models import Article

APP = str(Path(__file__).resolve().parent.parent / "ui" / "app" / "main.py")


@pytest.fixture(scope="module")
def big_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample store plus 6,000 filler instruments sorting before "I" (AAAA..)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('subjects') / 'big.db'}"
    engine = get_engine(url)
    fill_sample(engine)
    filler = [
        {"symbol": f"A{i:04d}", "kind": "stock", "name": f"Filler Holdings {i}", "aliases": ""}
        for i in range(6000)
    ]
    upsert_instruments(engine, filler)
    yield url
    dispose_all()


def test_choices_reach_past_the_alphabet_and_rank_by_discussion(big_url: str) -> None:
    engine = get_engine(big_url)
    top = uq.subject_choices(engine, limit=5)
    counts = [c.claims for c in top]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    assert {"IWM", "^RUT"} <= {c.symbol for c in uq.subject_choices(engine)}
    assert uq.subject_choices(engine, "iwm")[0].symbol == "IWM"
    assert uq.subject_choices(engine, "rut")[0].symbol == "^RUT"
    assert uq.subject_choices(engine, "R2K")[0].symbol == "^RUT"  # an alias
    by_name = [c.symbol for c in uq.subject_choices(engine, "russell 2000")]
    assert by_name[:2] == sorted(by_name[:2], key=lambda s: -uq.subject_claim_counts(engine)[s])
    assert uq.subject_choices(engine, "filler holdings 5999")[0].symbol == "A5999"
    assert uq.subject_choices(engine, "zzzz-nothing") == []


def test_article_view_has_claims_in_order_and_copies(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    engine = get_engine(url)
    fill_sample(engine)
    from sqlmodel import Session, select

    with Session(engine) as s:
        copy = s.exec(select(Article).where(Article.duplicate_of_id.is_not(None))).first()  # type: ignore[union-attr]
    assert copy is not None
    view = uq.article_view(engine, copy.duplicate_of_id)  # type: ignore[arg-type]
    assert view is not None and view.text
    assert [c.article_id for c in view.copies] == [copy.id]
    starts = [c.start for c in view.claims if c.start is not None]
    assert starts == sorted(starts)
    assert uq.outlets(engine, [copy.duplicate_of_id]) == {  # type: ignore[list-item]
        copy.duplicate_of_id: [view.copies[0].source]
    }
    assert uq.article_view(engine, 10**6) is None
    dispose_all()


def _app(url: str, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    monkeypatch.setenv("THESISDESK_DB", url)
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_ticker_page_opens_from_the_url_and_on_the_busiest_subject(big_url, monkeypatch) -> None:
    at = _app(big_url, monkeypatch, page="Ticker", ticker="IWM")
    assert at.selectbox(key="ticker_symbol").value == "IWM"
    at = _app(big_url, monkeypatch, ticker="^RUT")  # no page: a ticker opens the Ticker page
    assert at.title[0].value == "Ticker" and at.selectbox(key="ticker_symbol").value == "^RUT"
    at = _app(big_url, monkeypatch, page="Ticker")
    counts = uq.subject_claim_counts(get_engine(big_url))
    names = uq.instrument_names(get_engine(big_url), list(counts))
    busiest = max((s for s in counts if s in names), key=lambda s: counts[s])
    assert at.selectbox(key="ticker_symbol").value == busiest
    assert at.query_params["ticker"] == busiest
    at.text_input(key="ticker_symbol_find").input("filler holdings 4321").run()
    assert at.selectbox(key="ticker_symbol").value == "A4321" and not at.exception


def test_article_page_highlights_every_claim(big_url: str, monkeypatch) -> None:
    engine = get_engine(big_url)
    view = next(
        v for v in (uq.article_view(engine, i) for i in range(1, 20)) if v is not None and v.claims
    )
    claim = view.claims[0]
    at = _app(
        big_url,
        monkeypatch,
        page="Article",
        article=str(view.article_id),
        claim=str(claim.claim_id),
    )
    md = "\n".join(m.value for m in at.markdown)
    assert ":blue-background[" in md  # the claim the reader came for
    assert md.count("-badge[") == len(view.claims)
    assert at.title[0].value == (view.title or "(untitled)")
    assert any("Claims in this article" in h.value for h in at.subheader)
    at = _app(big_url, monkeypatch, page="Article", article="999999")
    assert any("No article 999999" in e.value for e in at.error)
    at = _app(big_url, monkeypatch, page="Article")
    assert "page=Article&article=" in "\n".join(m.value for m in at.markdown)
