"""The Ticker page: price with targets, levels and claimed moves; claims timeline; sources."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from digest.export import fmt_num
from digest.levels import LevelMention, cluster_levels
from ui.app import charts, data
from ui.app.pickers import subject_picker
from ui.app.render import claim_markdown
from ui.labels import kind_label

CLAIMS_LIMIT = 500  # the newest claims drawn on the charts


def page(url: str) -> None:
    st.title("Ticker")
    default_day, _ = data.default_digest_day(url)
    end_default = default_day or dt.date.today()
    c0, c1, c2 = st.columns([1, 2, 1])
    subject = subject_picker(
        url, key="ticker_symbol", label="Ticker", default=data.top_instrument(url), columns=(c0, c1)
    )
    if subject is None:
        st.info("No subject matches; try a symbol, a company name or an alias.")
        return
    span = c2.selectbox(
        "Period",
        [30, 90, 180, 365],
        index=2,
        key="ticker_span",
        format_func=lambda d: f"last {d} days",
    )
    start = end_default - dt.timedelta(days=int(span))
    hits = data.claims(
        url,
        ticker=subject,
        since=start,
        until=end_default,
        limit=CLAIMS_LIMIT,
        include_copies=False,
    )
    hits = [h for h in hits if h.subject == subject]
    prices = data.price_series(url, subject, start, end_default)
    targets = [
        {"value": h.value, "source": h.source or "?", "stance": h.stance}
        for h in hits
        if h.kind == "price_target" and h.value is not None and h.unit in ("usd", "points")
    ]
    mentions = [
        LevelMention(h.role or "support", float(lo), float(hi), h.source or "?")
        for h in hits
        if h.kind == "price_level"
        and h.role in ("support", "resistance")
        and (lo := h.low if h.low is not None else h.value) is not None
        and (hi := h.high if h.high is not None else h.value) is not None
    ]
    levels = [z.model_dump() for z in cluster_levels(mentions)]
    closes = dict(prices)
    moves = []
    for h in hits:
        if h.kind == "performance" and h.period_end and h.unit == "pct":
            day = max((d for d in closes if d <= h.period_end), default=None)
            if day is not None:
                moves.append(
                    {
                        "date": day,
                        "close": closes[day],
                        "claimed": fmt_num(h.value, h.unit),
                        "verdict": h.verdict or "unchecked",
                        "source": h.source or "?",
                    }
                )
    st.subheader("Price with targets, levels and claimed moves")
    chart = charts.price_with_marks(prices, targets=targets, levels=levels, moves=moves)
    if chart is not None:
        st.altair_chart(chart, width="stretch")
    else:
        st.caption(f"no prices stored for {subject}")
    st.subheader("Claims timeline")
    if hits:
        df = pd.DataFrame(
            [
                {
                    "published": pd.Timestamp(h.published) if h.published else None,
                    "kind": kind_label(h.kind),
                    "stance": h.stance,
                    "value": fmt_num(h.value, h.unit),
                    "source": h.source or "?",
                    "verdict": h.verdict or "unchecked",
                }
                for h in hits
            ]
        ).dropna(subset=["published"])
        if len(df):
            st.altair_chart(
                alt.Chart(df)
                .mark_circle(size=80)
                .encode(
                    x=alt.X("published:T", title=None),
                    y=alt.Y("kind:N", title=None),
                    color=alt.Color("stance:N", scale=charts.STANCE_COLORS),
                    tooltip=["published:T", "kind:N", "value:N", "source:N", "verdict:N"],
                )
                .properties(height=220),
                width="stretch",
            )
        with st.expander(f"Newest claims ({min(len(hits), 20)} of {len(hits)})"):
            copies = data.outlets(url, tuple(h.article_id for h in hits[:20]))
            for h in hits[:20]:
                st.markdown(claim_markdown(h, copies.get(h.article_id)))
    else:
        st.caption("no claims about it in this period")
    st.subheader("Sources covering it")
    rows = data.subject_sources(url, subject, start)
    if rows:
        st.dataframe(
            pd.DataFrame(rows).drop(columns=["source_id"]),
            hide_index=True,
            placeholder="—",
            width="stretch",
        )
    else:
        st.caption("nobody in this period")
