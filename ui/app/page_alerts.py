"""The Alerts page: the watchlist and what changed on it (flags, flips, target moves, new
voices, level crossings), newest first, with how each channel's delivery went."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from ui.app import data

RULE_LABELS = {
    "flag": "new flag",
    "flip": "consensus flip",
    "target_move": "target move",
    "new_voice": "new voice",
    "cross": "level crossed",
}


def _deliveries(row: dict) -> str:
    parts = []
    for d in row["deliveries"]:
        text = f"{d['channel']}: {d['status']}"
        if d["error"]:
            text += f" ({d['error']})"
        parts.append(text)
    return "; ".join(parts) or "not sent (no channel configured)"


def _watch_form(url: str) -> None:
    with st.form("watch_add", clear_on_submit=True):
        symbol = st.text_input("Watch a ticker", placeholder="IWM")
        if st.form_submit_button("Watch") and symbol.strip():
            from ingest.watch import TemplateError, watch_symbol
            from ops.alerts import initial_state
            from ops.config import ConfigError, load
            from store.alerts import record_alerts

            try:
                cfg = load()
                res = watch_symbol(data.engine(url), symbol, templates=cfg.ticker_feeds)
            except (ConfigError, TemplateError, ValueError) as exc:
                st.error(str(exc))
                return
            if res.created:
                base = initial_state(data.engine(url), res.symbol, cfg.alerts, dt.date.today())
                record_alerts(data.engine(url), [], [], {res.symbol: base})
            st.success(
                f"Watching {res.symbol}: {len(res.feeds_added)} headline feeds added. "
                "The next `thesisdesk run` polls them and alerts on what changes."
            )
            data.clear()


def page(url: str) -> None:
    st.title("Alerts")
    watched = data.watchlist(url)
    if watched:
        st.subheader("Watchlist")
        st.dataframe(pd.DataFrame(watched), hide_index=True, width="stretch")
    else:
        st.info(
            "Nothing is watched yet. Watch a ticker below (or `thesisdesk watch add IWM`); "
            "`thesisdesk run` then alerts on new flags, consensus flips, target moves, new "
            "voices with a target and crossings of levels several sources named."
        )
    _watch_form(url)
    symbols = ["all", *[w["symbol"] for w in watched]]
    choice = st.selectbox("Symbol", symbols, key="alerts_symbol")
    rows = data.alerts(url, None if choice == "all" else choice)
    if not rows:
        st.caption("No alerts yet.")
        return
    table = pd.DataFrame(
        {
            "when": [r["created_at"] for r in rows],
            "symbol": [r["subject"] for r in rows],
            "rule": [RULE_LABELS.get(r["rule"], r["rule"]) for r in rows],
            "alert": [r["title"] for r in rows],
            "delivery": [_deliveries(r) for r in rows],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
