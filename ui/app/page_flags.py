"""The Flags page: each contradicted claim with its proof, and a reader's mark on it.

A flag accuses an author, so its card shows why: the claimed figure against EVERY reading
the checker computed (value, dates, series, basis; none fits), the tolerance and difference
in their units, the data source and how recent it is, and the price chart with the period
shaded. A reader marks it "not an error" (hidden from then on) or "confirmed".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from digest.export import fmt_num
from ui.app import charts, data
from ui.app.pickers import keep, parse_date, seed, subject_picker
from ui.app.render import (
    article_href,
    clean_quote,
    highlight_quote,
    internal_link,
    link,
    md_escape,
)
from ui.exports import flags_csv
from ui.labels import kind_label, reason

PAGE_SIZE = 10
CONFIDENCE = ("any", "high", "medium", "low")
#: what a difference or a tolerance is measured in, by the claim's unit
DIFF_UNIT = {"pct": "pp", "pp": "pp", "points": "points", "usd": "$", "bp": "bp"}


def with_unit(value: float | None, unit: str | None, *, sign: bool = True) -> str:
    """A difference or tolerance with its unit: '+2.87 pp', '±0.5 pp', '-$3.20', '12 points'."""
    if value is None:
        return "—"
    u = DIFF_UNIT.get(unit or "", "")
    if u == "$":
        text = f"${abs(value):,.2f}"
        return (("-" if value < 0 else "+") + text) if sign else text
    body = f"{value:+.4g}" if sign else f"{value:.4g}"
    return f"{body} {u}".strip()


def _range(low: float, high: float | None, unit: str | None) -> str:
    """'3.50–3.75%': a metric box cuts anything longer, so one sign and one unit."""
    lo, hi = fmt_num(low, unit), fmt_num(high, unit)
    if low >= 0 and (high is None or high >= 0):
        lo, hi = lo.lstrip("+"), hi.lstrip("+")
    if lo.endswith("%") and hi.endswith("%"):
        lo = lo[:-1]
    return f"{lo}–{hi}"


def _claimed(c: dict[str, Any]) -> str:
    if c["value"] is None and c["low"] is not None:
        return _range(c["low"], c["high"], c["unit"])
    cmp = {"gt": "over ", "gte": "at least ", "lt": "under ", "lte": "at most ", "approx": "~"}
    return cmp.get(c["comparator"], "") + fmt_num(c["value"], c["unit"])


def readings_table(c: dict[str, Any]) -> pd.DataFrame:
    """One row per reading: what was computed from which series and days, and how it fared."""
    rows = [
        {
            "reading": r["label"],
            "series": r["series"] + (f" (for {r['stand_in_for']})" if r["stand_in_for"] else ""),
            "from": r["date_start"],
            "to": r["date_end"],
            "basis": r["basis"].replace("_", " "),
            "value": fmt_num(r["actual"], c["unit"]),
            "difference": with_unit(r["difference"], c["unit"]),
            "tolerance": with_unit(r["tolerance"], c["unit"], sign=False),
            "fits": "yes" if r["fits"] else "no",
        }
        for r in c["readings"]
    ]
    return pd.DataFrame(rows)


def _marks(url: str, c: dict[str, Any]) -> None:
    key = f"flag_{c['claim_id']}"
    if c["review"]:
        why = f" — {md_escape(c['review_reason'])}" if c["review_reason"] else ""
        st.info(f"Marked **{c['review'].replace('_', ' ')}**{why}")
    with st.expander("Mark this flag"):
        reason = st.text_input("Reason (optional)", key=f"{key}_reason")
        b1, b2, b3 = st.columns(3)
        if b1.button("Not an error", key=f"{key}_dismiss"):
            data.mark_flag(url, c["claim_id"], "not_error", reason)
            st.rerun()
        if b2.button("Confirmed", key=f"{key}_confirm"):
            data.mark_flag(url, c["claim_id"], "confirmed", reason)
            st.rerun()
        if b3.button("Clear mark", key=f"{key}_clear", disabled=not c["review"]):
            data.mark_flag(url, c["claim_id"], None, None)
            st.rerun()


CHARTS_OPEN = 2  # cards whose chart is drawn up front; the rest draw theirs on request


RATE_KINDS = ("rate_decision", "rate_expectation")


def _claim_day(a: dict[str, Any], c: dict[str, Any]) -> dt.date | None:
    return a["published"] or c["date_end"] or c["period_end"]


def _rate_chart(url: str, a: dict[str, Any], c: dict[str, Any]) -> None:
    """A rate claim against the Fed's target range: the range over time, the claim's day
    marked, the period it talks about shaded, a claimed rate level as a rule."""
    day = _claim_day(a, c)
    start = c["date_start"] or c["period_start"]
    end = c["date_end"] or c["period_end"]
    first = min(d for d in (start, day) if d is not None) if (start or day) else None
    last = max(d for d in (end, day) if d is not None) if (end or day) else None
    if first is None or last is None:
        st.caption("no date to draw the target range around")
        return
    pad = dt.timedelta(days=max(45, (last - first).days // 5))
    upper = data.rate_series(url, "DFEDTARU", first - pad, last + pad)
    lower = data.rate_series(url, "DFEDTARL", first - pad, last + pad)
    levels = [v for v in (c["value"], c["low"], c["high"]) if v is not None]
    chart = charts.target_range(
        upper,
        lower,
        day=day,
        claimed=levels if c["unit"] == "pct" else None,
        start=start,
        end=end,
    )
    if chart is None:
        st.caption("no target range (DFEDTARU / DFEDTARL) stored around this date")
        return
    st.altair_chart(chart, width="stretch")
    if c["unit"] != "pct":
        st.caption(
            f"Claimed {_claimed(c)} against the range's move of "
            f"{fmt_num(c['actual'], c['unit'])} (the band: the Fed's target range)"
        )


def _proof_chart(url: str, a: dict[str, Any], c: dict[str, Any]) -> None:
    """The chart behind a flag: the target range for a rate claim; else the series over the
    claimed period, a point move drawn on the index itself (never its ETF's price)."""
    series_name = c["series"] or ""
    if c["kind"] in RATE_KINDS or series_name.upper().startswith("DFEDTAR"):
        _rate_chart(url, a, c)
        return
    start = c["date_start"] or c["period_start"]
    end = c["date_end"] or c["period_end"]
    if not (start and end and c["unit"] in ("pct", "usd", "points")):
        st.caption("nothing to chart for this claim")
        return
    series = c["stand_in"] or c["series"] or c["subject"]
    if c["unit"] == "points" and series.upper() != c["subject"].upper():
        series = c["subject"]  # a point move is drawn on the index, never its ETF
    pad = dt.timedelta(days=max(5, (end - start).days // 5))
    prices = data.price_series(url, series, start - pad, end + pad)
    chart = charts.claim_vs_actual(
        prices,
        claimed=c["value"],
        actual=c["actual"],
        unit=c["unit"],
        start=start,
        end=end,
        move=c["kind"] == "performance",
    )
    if chart is not None:
        st.altair_chart(chart, width="stretch")
        st.caption(f"{md_escape(series)}, the claimed period shaded")
    else:
        st.caption(f"no stored prices for {md_escape(series)} over {start} … {end}")


def _flag(url: str, a: dict[str, Any], c: dict[str, Any], chart_open: bool = True) -> None:
    conf = c["confidence"] or "?"
    color = {"high": "red", "medium": "orange", "low": "gray"}.get(conf, "gray")
    st.markdown(
        f":{color}[**flagged · {conf} confidence**] **{md_escape(c['subject'])}** · "
        f"{md_escape(kind_label(c['kind']))} · {md_escape(a['source'] or '?')}, "
        f"{md_escape(a['published'] or 'undated')} — {link(a['title'] or 'article', a['url'])}"
    )
    quote = highlight_quote(clean_quote(c["quote"]), [c["value"], c["low"], c["high"]])
    here = internal_link("see it in the article", article_href(a["article_id"], c["claim_id"]))
    st.markdown(f"“{quote}” — {here}")
    m = st.columns(4)
    m[0].metric("Claimed", _claimed(c))
    m[1].metric("Actual", fmt_num(c["actual"], c["unit"]))
    m[2].metric("Difference", with_unit(c["difference"], c["unit"]))
    m[3].metric("Tolerance", "±" + with_unit(c["tolerance"], c["unit"], sign=False))
    sev = "" if c["severity"] is None else f"{c['severity']:.1f}× its tolerance outside "
    n = len(c["readings"])
    st.caption(
        f"{sev}{'every one of ' + str(n) + ' readings' if n > 1 else 'the one reading'}"
        f"{'; ' + md_escape(c['tolerance_reason']) if c['tolerance_reason'] else ''}"
    )
    if c["readings"]:
        st.dataframe(readings_table(c), hide_index=True, width="stretch")
    through = c["data_through"] or "unknown"
    source = c["series"] or c["subject"]
    stand = f"; {c['stand_in']} stands in for {c['subject']}" if c["stand_in"] else ""
    st.caption(f"Data: {md_escape(source)} from the store's market data, through {through}{stand}")
    with st.expander("Why (checker's words)"):
        st.caption(md_escape(reason(c["reason"])))
    if st.toggle("Show the series", value=chart_open, key=f"flag_series_{c['claim_id']}"):
        _proof_chart(url, a, c)  # drawn when the card is opened, not for every card
    _marks(url, c)
    st.divider()


def page(url: str) -> None:
    st.title("Flags")
    st.caption(
        "Claims whose numbers disagree with EVERY fair reading of the market data, most "
        "severe first. Mark a flag 'not an error' to hide it, or 'confirmed'."
    )
    c0, c1, c2, c3, c4 = st.columns([1, 2, 1, 1, 1])
    subject = subject_picker(
        url, key="flags_ticker", label="Ticker", any_label="any subject", columns=(c0, c1)
    )
    seed("flags_since", "since", parse_date)
    since = c2.date_input("Published since", value=None, key="flags_since")
    keep("since", since)
    conf = c3.selectbox("Confidence at least", CONFIDENCE, key="flags_confidence")
    dismissed = c4.checkbox("Show dismissed", key="flags_dismissed")
    pg = int(st.session_state.get("flags_page", 0))
    flags = data.flags(
        url,
        subject or None,
        since if isinstance(since, dt.date) else None,
        None if conf == "any" else conf,
        dismissed,
    )
    st.download_button(
        "Download CSV",
        lambda: flags_csv(flags),
        "flags.csv",
        "text/csv",
        key="flags_csv",
        help="Every flag for these filters, with the checker's reason.",
    )
    n_articles = len({a["article_id"] for a, _ in flags})
    if n_articles >= data.FLAGS_SHOWN:
        st.caption(f"The {n_articles} most flagged articles; narrow the filters to see others.")
    shown = flags[pg * PAGE_SIZE : (pg + 1) * PAGE_SIZE]
    if not shown:
        st.success("Nothing flagged for these filters.")
    for i, (a, c) in enumerate(shown):
        try:
            _flag(url, a, c, chart_open=i < CHARTS_OPEN)
        except Exception as exc:  # one bad row never breaks a page
            st.warning(f"could not show claim {c['claim_id']}: {exc}")
    b1, b2 = st.columns(2)
    if b1.button("← Previous", disabled=pg == 0, key="flags_prev"):
        st.session_state["flags_page"] = pg - 1
        st.rerun()
    if b2.button("Next →", disabled=len(flags) <= (pg + 1) * PAGE_SIZE, key="flags_next"):
        st.session_state["flags_page"] = pg + 1
        st.rerun()
