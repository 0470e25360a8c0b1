"""The Claims page: search by ticker or name, filters, free text; keyset pages of 25."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from store.claims import VERDICT_CHOICES
from thesisdesk.records import ClaimKind, Stance
from ui.app import data
from ui.app.render import claim_markdown

PAGE_SIZE = 25


def page(url: str) -> None:
    st.title("Claims")
    options = data.subject_options(url)
    labels = {sym: label for sym, label in options}
    c1, c2 = st.columns([1, 1])
    picked = c1.selectbox(
        "Ticker or name",
        [""] + [s for s, _ in options],
        key="claims_ticker",
        format_func=lambda s: labels.get(s, "any subject") if s else "any subject",
        help="Type to filter the instrument list.",
    )
    typed = c2.text_input(
        "…or any subject / name",
        key="claims_subject_text",
        placeholder="e.g. Russell 2000, small caps",
    )
    text = st.text_input("Words in the quote", key="claims_text", placeholder="e.g. third quarter")
    f1, f2, f3 = st.columns(3)
    kinds = f1.multiselect("Kind", [k.value for k in ClaimKind], key="claims_kinds")
    verdicts = f2.multiselect("Verdict", list(VERDICT_CHOICES), key="claims_verdicts")
    stances = f3.multiselect("Stance", [s.value for s in Stance], key="claims_stances")
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
    if since and until and since > until:
        st.error("“From” is after “To”.")
        return
    filters = {
        "ticker": (typed.strip() or picked or None),
        "kinds": tuple(kinds) or None,
        "verdicts": tuple(verdicts) or None,
        "stances": tuple(stances) or None,
        "since": since if isinstance(since, dt.date) else None,
        "until": until if isinstance(until, dt.date) else None,
        "source_ids": tuple(source_ids) or None,
        "text": text.strip() or None,
    }
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
    st.caption(f"Page {len(cursors)} · {len(hits)} claim(s) shown, newest first")
    if not hits:
        st.info("No claim matches these filters.")
    for h in hits:
        try:
            st.markdown(claim_markdown(h))
        except Exception as exc:  # one bad row never breaks a page
            st.warning(f"could not show claim {h.claim_id}: {exc}")
    b1, b2 = st.columns(2)
    if b1.button("← Newer", disabled=len(cursors) == 1, key="claims_prev"):
        cursors.pop()
        st.rerun()
    if b2.button("Older →", disabled=not more, key="claims_next"):
        cursors.append(hits[-1].cursor)
        st.rerun()
