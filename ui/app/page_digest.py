"""The Digest page: what the sources say for a day and the days before it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from digest.export import fmt_num, to_html, to_json, to_markdown
from digest.model import Digest, SubjectDigest
from ui.app import charts, data
from ui.app.render import claim_markdown, link, md_escape

SUBJECTS_SHOWN = 25


def _subject(sd: SubjectDigest) -> None:
    cols = st.columns(4)
    cols[0].metric("Voices", sd.voices)
    cols[1].metric("Articles", sd.articles)
    cols[2].metric("Consensus", sd.consensus)
    st_ = sd.stance
    cols[3].metric("Bull / bear / neutral", f"{st_.bullish} / {st_.bearish} / {st_.neutral}")
    if st_.total:
        st.altair_chart(
            charts.stance_split_bar(st_.bullish, st_.neutral, st_.bearish),
            width="stretch",
        )
    if sd.targets:
        t = sd.targets
        tc = st.columns(4)
        tc[0].metric("Targets", t.count)
        tc[1].metric("Median target", fmt_num(t.median, t.unit))
        tc[2].metric("Low – high", f"{t.low:,.0f} – {t.high:,.0f}")
        if t.upside_pct is not None:
            tc[3].metric(
                "Implied upside",
                f"{t.upside_pct:+.1f}%",
                help=f"against the close of {fmt_num(t.latest_close, t.unit)} on {t.close_date}",
            )
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "target": it.value,
                        "source": it.source,
                        "stance": it.stance,
                        "horizon": it.horizon,
                        "published": it.published,
                    }
                    for it in t.items
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if sd.levels:
        st.markdown("**Key levels** (nearby levels merged into zones)")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "role": z.role,
                        "low": z.low,
                        "high": z.high,
                        "sources": z.n_sources,
                        "mentions": z.mentions,
                        "named by": ", ".join(z.sources),
                    }
                    for z in sd.levels
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if sd.rates:
        st.markdown("**Rate expectations**")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "meeting / horizon": r.horizon,
                        "size": fmt_num(r.size, r.unit),
                        "mean probability %": r.mean_probability,
                        "mentions": r.mentions,
                        "sources": ", ".join(r.sources),
                    }
                    for r in sd.rates
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if sd.performance:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(sd.performance_verdicts.items()))
        st.markdown(f"**Performance claims** ({md_escape(counts)})")
        for c in sd.performance:
            _safe_markdown(c)
    if sd.dissent:
        st.markdown(f"**Dissent** — {sd.n_dissent} claim(s) against the {sd.consensus} consensus")
        for c in sd.dissent:
            _safe_markdown(c)


def _safe_markdown(c: object) -> None:
    """One row; a malformed row shows a warning instead of breaking the page."""
    try:
        st.markdown(claim_markdown(c))
    except Exception as exc:  # one bad row never breaks a page
        st.warning(f"could not show claim {getattr(c, 'claim_id', '?')}: {exc}")


def _charts(url: str, d: Digest) -> None:
    if not d.subjects:
        return
    choices = [s.subject for s in d.subjects[:SUBJECTS_SHOWN]]
    subject = st.selectbox("Chart subject", choices, key="digest_chart_subject")
    sd = d.subject(subject)
    left, right = st.columns(2)
    with left:
        st.markdown("**Stance split over time** (claims per day)")
        chart = charts.stance_over_time(
            data.stance_timeline(url, subject, d.day - dt.timedelta(days=30), d.day)
        )
        if chart is not None:
            st.altair_chart(chart, width="stretch")
        else:
            st.caption("no dated claims")
    with right:
        st.markdown("**Targets against the price**")
        prices = data.price_series(url, subject, d.day - dt.timedelta(days=120), d.day)
        targets = (
            [{"value": t.value, "source": t.source, "stance": t.stance} for t in sd.targets.items]
            if sd and sd.targets
            else []
        )
        chart = charts.price_with_marks(prices, targets=targets)
        if chart is not None:
            st.altair_chart(chart, width="stretch")
        else:
            st.caption(f"no prices stored for {subject}")


def page(url: str) -> None:
    st.title("Digest")
    default, note = data.default_digest_day(url)
    default = default or dt.date.today()
    c1, c2 = st.columns([2, 1])
    day = c1.date_input("Day", value=default, key="digest_day")
    days = int(
        c2.number_input("Days before", min_value=0, max_value=60, value=7, key="digest_days")
    )
    if note and day == default:
        st.info(f"{note}: {default}")
    d = data.digest(url, day, days)
    st.caption(f"Window {d.start} … {d.end}, compared with {d.previous_start} … {d.previous_end}")
    m = st.columns(4)
    m[0].metric("Articles", f"{d.n_articles:,}")
    m[1].metric("Claims", f"{d.n_claims:,}")
    m[2].metric("Subjects", len(d.subjects))
    m[3].metric("Flagged articles", len(d.flagged))
    dl = st.columns(3)
    dl[0].download_button("HTML", to_html(d), f"digest-{d.day}.html", "text/html")
    dl[1].download_button("Markdown", to_markdown(d), f"digest-{d.day}.md", "text/markdown")
    dl[2].download_button("JSON", to_json(d), f"digest-{d.day}.json", "application/json")
    if not d.subjects:
        st.info("No claims in this window. Pick another day, or widen the window.")
    if d.changes:
        st.subheader("What changed")
        for ch in d.changes:
            st.markdown(f"- {md_escape(ch.text)}")
    _charts(url, d)
    st.subheader("Subjects")
    for i, sd in enumerate(d.subjects[:SUBJECTS_SHOWN]):
        label = f"{sd.subject} — {sd.consensus}, {sd.voices} voice(s)"
        if sd.name:
            label += f" — {sd.name}"
        with st.expander(md_escape(label), expanded=i < 2):
            try:
                _subject(sd)
            except Exception as exc:  # one bad subject never breaks the page
                st.warning(f"could not show {sd.subject}: {exc}")
    if len(d.subjects) > SUBJECTS_SHOWN:
        st.caption(
            f"{len(d.subjects) - SUBJECTS_SHOWN} more subjects: see the Ticker page or the exports"
        )
    st.subheader("Flagged articles")
    if not d.flagged:
        st.caption("No article in this window disagrees with the data.")
    for f in d.flagged:
        st.markdown(
            f":red[**flagged**] {link(f.title or '(untitled)', f.url)} — "
            f"{md_escape(f.source or '?')}, {md_escape(f.published)}: "
            f"{f.contradicted} contradicted"
        )
        for c in f.claims:
            _safe_markdown(c)
    if d.track_record:
        st.subheader("Source track record (resolved targets)")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "source": r.source,
                        "hits": r.hits,
                        "misses": r.misses,
                        "hit rate": r.hit_rate,
                        "avg error %": r.avg_error_pct,
                        "pending": r.pending,
                    }
                    for r in d.track_record
                ]
            ),
            hide_index=True,
            width="stretch",
        )
