"""The Flags page: each contradicted claim, claimed vs actual, and the series it was read from."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from digest.export import fmt_num
from digest.model import ClaimBrief
from ui.app import charts, data
from ui.app.pickers import keep, parse_date, seed, subject_picker
from ui.app.render import (
    article_href,
    best_url,
    clean_quote,
    highlight_quote,
    internal_link,
    link,
    md_escape,
)
from ui.exports import claims_csv
from ui.labels import kind_label, reason, signed, tolerance

PAGE_SIZE = 10


def _flag(url: str, c: ClaimBrief) -> None:
    st.markdown(
        f":red[**flagged**] **{md_escape(c.subject)}** · {md_escape(kind_label(c.kind))} · "
        f"{md_escape(c.source or '?')}, {md_escape(c.published or 'undated')} — "
        f"{link(c.title or 'article', best_url(c))}"
    )
    quote = highlight_quote(clean_quote(c.quote), [c.value, c.low, c.high, c.probability])
    here = internal_link("see it in the article", article_href(c.article_id, c.claim_id))
    st.markdown(f"“{quote}” — {here}")
    m = st.columns(4)
    m[0].metric("Claimed", fmt_num(c.value, c.unit))
    m[1].metric("Actual", fmt_num(c.actual, c.unit))
    m[2].metric("Difference", signed(c.difference, c.value))
    m[3].metric("Tolerance", tolerance(c.tolerance, c.value))
    if c.reason:
        st.caption(md_escape(reason(c.reason)))
    series = c.series or c.subject
    start = c.date_start or c.period_start
    end = c.date_end or c.period_end
    if start and end:
        pad = dt.timedelta(days=max(5, (end - start).days // 5))
        prices = data.price_series(url, series, start - pad, end + pad)
        chart = charts.claim_vs_actual(
            prices, claimed=c.value, actual=c.actual, unit=c.unit, start=start
        )
        if chart is not None:
            st.altair_chart(chart, width="stretch")
        else:
            st.caption(f"no stored prices for {md_escape(series)} over {start} … {end}")
    st.divider()


def page(url: str) -> None:
    st.title("Flags")
    st.caption("Claims whose numbers disagree with the market data, newest first.")
    c0, c1, c2 = st.columns([1, 2, 1])
    subject = subject_picker(
        url, key="flags_ticker", label="Ticker", any_label="any subject", columns=(c0, c1)
    )
    seed("flags_since", "since", parse_date)
    since = c2.date_input("Published since", value=None, key="flags_since")
    keep("since", since)
    pg = int(st.session_state.get("flags_page", 0))
    flags = data.contradicted(
        url,
        subject or None,
        since if isinstance(since, dt.date) else None,
        None,
        PAGE_SIZE + 1,
        pg * PAGE_SIZE,
    )
    more = len(flags) > PAGE_SIZE
    since_day = since if isinstance(since, dt.date) else None
    st.download_button(
        "Download CSV",
        lambda: claims_csv(data.contradicted(url, subject or None, since_day, None, 1000, 0)),
        "flags.csv",
        "text/csv",
        key="flags_csv",
        help="Every flag for these filters (up to 1,000).",
    )
    if not flags:
        st.success("Nothing flagged for these filters.")
    for c in flags[:PAGE_SIZE]:
        try:
            _flag(url, c)
        except Exception as exc:  # one bad row never breaks a page
            st.warning(f"could not show claim {c.claim_id}: {exc}")
    b1, b2 = st.columns(2)
    if b1.button("← Newer", disabled=pg == 0, key="flags_prev"):
        st.session_state["flags_page"] = pg - 1
        st.rerun()
    if b2.button("Older →", disabled=not more, key="flags_next"):
        st.session_state["flags_page"] = pg + 1
        st.rerun()
