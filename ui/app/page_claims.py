"""The Claims page: search by ticker or name, filters, free text; keyset pages of 25.

Every filter lives in the URL (``?ticker=IWM&text=record+close&kind=performance``), so a
search can be bookmarked. Syndicated copies collapse into their first copy's row, which
lists the other outlets.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from store.claims import MAX_LIMIT, VERDICT_CHOICES
from thesisdesk.records import ClaimKind, Stance
from ui.app import data
from ui.app.pickers import keep, parse_date, parse_list, seed, subject_picker
from ui.app.render import claim_markdown
from ui.exports import claims_csv
from ui.labels import kind_label

PAGE_SIZE = 25
KINDS = [k.value for k in ClaimKind]
VERDICTS = list(VERDICT_CHOICES)
STANCES = [s.value for s in Stance]


def _filters(url: str) -> dict[str, object] | None:
    seed("claims_text", "text")
    seed("claims_kinds", "kind", lambda raw: [k for k in parse_list(raw) if k in KINDS])
    seed("claims_verdicts", "verdict", lambda r: [v for v in parse_list(r) if v in VERDICTS])
    seed("claims_stances", "stance", lambda raw: [s for s in parse_list(raw) if s in STANCES])
    seed("claims_since", "since", parse_date)
    seed("claims_until", "until", parse_date)
    ticker = subject_picker(
        url, key="claims_ticker", label="Ticker or name", any_label="any subject"
    )
    text = st.text_input(
        "Words in the quote", key="claims_text", placeholder="e.g. record close, third quarter"
    )
    f1, f2, f3 = st.columns(3)
    kinds = f1.multiselect("Kind", KINDS, key="claims_kinds", format_func=kind_label)
    verdicts = f2.multiselect("Verdict", VERDICTS, key="claims_verdicts")
    stances = f3.multiselect("Stance", STANCES, key="claims_stances")
    d1, d2, d3 = st.columns(3)
    since = d1.date_input("From", value=None, key="claims_since")
    until = d2.date_input("To", value=None, key="claims_until")
    sources = data.source_options(url)
    source_names = dict(sources)
    source_ids = d3.multiselect(
        "Source",
        [sid for sid, _ in sources],
        key="claims_sources",
        format_func=lambda sid: source_names.get(sid, str(sid)),
    )
    since = since if isinstance(since, dt.date) else None
    until = until if isinstance(until, dt.date) else None
    for param, value in (
        ("text", text.strip()),
        ("kind", kinds),
        ("verdict", verdicts),
        ("stance", stances),
        ("since", since),
        ("until", until),
    ):
        keep(param, value)
    if since and until and since > until:
        st.error("“From” is after “To”.")
        return None
    return {
        "ticker": ticker,
        "kinds": tuple(kinds) or None,
        "verdicts": tuple(verdicts) or None,
        "stances": tuple(stances) or None,
        "since": since,
        "until": until,
        "source_ids": tuple(source_ids) or None,
        "text": text.strip() or None,
        "include_copies": False,
    }


def page(url: str) -> None:
    st.title("Claims")
    filters = _filters(url)
    if filters is None:
        return
    key = repr(sorted(filters.items(), key=lambda kv: kv[0]))
    if st.session_state.get("claims_filter_key") != key:  # new search: back to page 1
        st.session_state["claims_filter_key"] = key
        st.session_state["claims_cursors"] = [None]
    cursors: list = st.session_state["claims_cursors"]
    try:
        hits = data.claims(url, **filters, limit=PAGE_SIZE + 1, before=cursors[-1])
    except ValueError as exc:
        st.error(str(exc))
        return
    more = len(hits) > PAGE_SIZE
    hits = hits[:PAGE_SIZE]
    top = st.columns([3, 1])
    top[0].caption(f"Page {len(cursors)} · {len(hits)} claim(s) shown, newest first")
    top[1].download_button(
        "Download CSV",
        lambda: claims_csv(data.claims(url, **filters, limit=MAX_LIMIT)),
        "claims.csv",
        "text/csv",
        key="claims_csv",
        help=f"The whole search, up to {MAX_LIMIT:,} claims.",
    )
    if not hits:
        st.info("No claim matches these filters.")
    copies = data.outlets(url, tuple(h.article_id for h in hits))
    for h in hits:
        try:
            st.markdown(claim_markdown(h, copies.get(h.article_id)))
        except Exception as exc:  # one bad row never breaks a page
            st.warning(f"could not show claim {h.claim_id}: {exc}")
    b1, b2 = st.columns(2)
    if b1.button("← Newer", disabled=len(cursors) == 1, key="claims_prev"):
        cursors.pop()
        st.rerun()
    if b2.button("Older →", disabled=not more, key="claims_next"):
        cursors.append(hits[-1].cursor)
        st.rerun()
