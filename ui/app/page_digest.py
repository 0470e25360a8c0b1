"""The Digest page: what the sources say for a day and the days before it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from digest.export import fmt_num, to_html, to_json, to_markdown
from digest.model import Digest, SubjectChange, SubjectDigest
from ui.app import charts, data
from ui.app.pickers import keep, parse_date, seed
from ui.app.render import article_href, claim_markdown, internal_link, link, md_escape
from ui.labels import percent, text

SUBJECTS_SHOWN = 25
SUBJECTS_OPEN = 2  # expanded, with their claims listed; the others list theirs on request


def _number(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def _levels_text(sd: SubjectDigest, n: int = 3) -> str:
    """The strongest zones as "support 2,400–2,420 · resistance 2,500"."""
    zones = sorted(sd.levels, key=lambda z: (-z.n_sources, -z.mentions))[:n]
    return " · ".join(
        f"{z.role} {_number(z.low)}" + (f"–{_number(z.high)}" if z.high != z.low else "")
        for z in zones
    )


def _change_text(ch: SubjectChange) -> str:
    """A change as a short phrase without the subject's name in front."""
    if ch.change == "new":
        return "new this window"
    if ch.change == "dropped":
        return "not discussed"
    text_ = ch.text.replace("->", "→")
    if ch.change == "stance" and ch.before == ch.after and "(" in text_:
        return text_[text_.index("(") + 1 :].rstrip(")")  # same side, share moved
    return text_[len(ch.subject) :].strip() if text_.startswith(ch.subject) else text_


def summary_frame(d: Digest) -> pd.DataFrame:
    """One row per subject: the digest at a glance (numbers stay numbers, so columns sort)."""
    changes: dict[str, list[str]] = {}
    for ch in d.changes:
        changes.setdefault(ch.subject, []).append(_change_text(ch))
    rows = []
    for sd in d.subjects:
        t = sd.targets
        rows.append(
            {
                "subject": sd.subject,
                "name": sd.name or "",
                "consensus": sd.consensus,
                "bull": sd.stance.bullish,
                "bear": sd.stance.bearish,
                "neutral": sd.stance.neutral,
                "median target": t.median if t else None,
                "target range": f"{_number(t.low)} – {_number(t.high)}" if t else "",
                "upside": t.upside_pct / 100 if t and t.upside_pct is not None else None,
                "key levels": _levels_text(sd),
                "flags": sd.flags,
                "change": "; ".join(changes.get(sd.subject, [])),
            }
        )
    return pd.DataFrame(rows)


def _summary(d: Digest) -> None:
    st.subheader("At a glance")
    df = summary_frame(d)
    if df.empty:
        return
    # the counts-first table and the whole one hold the same elements in the same places,
    # so the second replaces the first (a leftover would stay on the page)
    st.caption("" if d.complete else "Targets, levels and changes are on their way…")
    st.dataframe(
        df,
        hide_index=True,
        placeholder="—",
        width="stretch",
        key="digest_summary" if d.complete else None,
        column_config={
            "subject": st.column_config.TextColumn("subject", pinned=True),
            "name": st.column_config.TextColumn("name", width="small"),
            "key levels": st.column_config.TextColumn("key levels", width="medium"),
            "bull": st.column_config.NumberColumn("bull", help="bullish voices"),
            "bear": st.column_config.NumberColumn("bear", help="bearish voices"),
            "neutral": st.column_config.NumberColumn("neutral", help="neutral voices"),
            "median target": st.column_config.NumberColumn("median target", format="localized"),
            "upside": st.column_config.NumberColumn(
                "upside", format="percent", help="median target against the last close"
            ),
            "flags": st.column_config.NumberColumn(
                "flags", help="claims the market data contradicts"
            ),
            "change": st.column_config.TextColumn("change vs previous window", width="medium"),
        },
    )


def _subject(url: str, d: Digest, sd: SubjectDigest) -> None:
    cols = st.columns(4)
    cols[0].metric("Voices", sd.voices)
    cols[1].metric("Articles", sd.articles)
    cols[2].metric("Consensus", sd.consensus)
    st_ = sd.stance
    cols[3].metric("Bull / bear / neutral", f"{st_.bullish} / {st_.bearish} / {st_.neutral}")
    # a closed section draws its charts and tables when the reader asks (a page holds 25)
    if not sd.listed and not st.toggle("Show its details", key=f"digest_more_{sd.subject}"):
        return
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
        tc[2].metric("Low – high", f"{fmt_num(t.low, t.unit)} – {fmt_num(t.high, t.unit)}")
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
                        "target": fmt_num(it.value, it.unit),
                        "source": it.source,
                        "stance": it.stance,
                        "horizon": text(it.horizon),
                        "published": text(it.published),
                    }
                    for it in t.items
                ]
            ),
            hide_index=True,
            placeholder="—",
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
            placeholder="—",
            width="stretch",
        )
    if sd.rates:
        st.markdown("**Rate expectations**")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "meeting / horizon": text(r.horizon),
                        "size": fmt_num(r.size, r.unit),
                        "mean probability": percent(_share(r.mean_probability)),
                        "mentions": r.mentions,
                        "sources": ", ".join(r.sources),
                    }
                    for r in sd.rates
                ]
            ),
            hide_index=True,
            placeholder="—",
            width="stretch",
        )
    if not sd.listed and (sd.n_dissent or sum(sd.performance_verdicts.values())):
        performance, dissent = data.subject_claims(url, d, sd)
        sd = sd.model_copy(update={"performance": performance, "dissent": dissent})
    if sd.performance:
        counts = ", ".join(f"{v} {k}" for k, v in sorted(sd.performance_verdicts.items()))
        st.markdown(f"**Performance claims** ({md_escape(counts)})")
        for c in sd.performance:
            _safe_markdown(c)
    if sd.dissent:
        st.markdown(f"**Dissent** — {sd.n_dissent} claim(s) against the {sd.consensus} consensus")
        for c in sd.dissent:
            _safe_markdown(c)


def _share(p: float | None) -> float | None:
    """A probability as a 0..1 share whether it was stored as 0.8 or as 80."""
    if p is None:
        return None
    return p / 100 if p > 1 else p


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
        price_chart = charts.price_with_marks(prices, targets=targets)
        if price_chart is not None:
            st.altair_chart(price_chart, width="stretch")
        else:
            st.caption(f"no prices stored for {subject}")


def _head(d: Digest) -> None:
    """The window, its headline figures and the summary table."""
    st.caption(f"Window {d.start} … {d.end}, compared with {d.previous_start} … {d.previous_end}")
    m = st.columns(4)
    m[0].metric("Articles", f"{d.n_articles:,}")
    m[1].metric("Claims", f"{d.n_claims:,}")
    m[2].metric("Subjects", len(d.subjects))
    m[3].metric("Flagged articles", len(d.flagged) if d.complete else "…")
    _summary(d)
    if not d.subjects:
        st.info("No claims in this window. Pick another day, or widen the window.")


def page(url: str) -> None:
    st.title("Digest")
    busiest = data.busiest_day(url) or dt.date.today()
    seed("digest_day", "day", parse_date)
    seed("digest_days", "days", int)
    st.session_state.setdefault("digest_day", busiest)  # defaults as state: no double default
    st.session_state.setdefault("digest_days", 7)
    c1, c2 = st.columns([2, 1])
    day = c1.date_input("Day", key="digest_day") or busiest
    days = int(c2.number_input("Days before", min_value=0, max_value=60, key="digest_days"))
    keep("day", day if day != busiest else None)
    keep("days", days if days != 7 else None)
    if day == busiest:
        st.caption(f"Opened on {busiest}, the busiest recent day; pick any other day above.")
    # first paint: the counts from the per-day summary (a fraction of a second), replaced by
    # the whole digest (targets, levels, changes) once it is built
    head = st.empty()
    if not data.digest_ready(url, day, days, SUBJECTS_OPEN):
        with head.container():
            _head(data.digest_quick(url, day, days))
    d = data.digest(url, day, days, SUBJECTS_OPEN)
    head.empty()
    with head.container():
        _head(d)
    dl = st.columns(3)
    dl[0].download_button(
        "Download HTML",
        lambda: to_html(data.digest(url, day, days, SUBJECTS_SHOWN)),
        f"digest-{d.day}.html",
        "text/html",
        key="dl_html",
    )
    dl[1].download_button(
        "Download Markdown",
        lambda: to_markdown(data.digest(url, day, days, SUBJECTS_SHOWN)),
        f"digest-{d.day}.md",
        "text/markdown",
        key="dl_md",
    )
    dl[2].download_button(
        "Download JSON",
        lambda: to_json(data.digest(url, day, days, SUBJECTS_SHOWN)),
        f"digest-{d.day}.json",
        "application/json",
        key="dl_json",
    )
    if d.changes:
        st.subheader("What changed")
        for ch in d.changes:
            st.markdown(f"- **{md_escape(ch.subject)}**: {md_escape(_change_text(ch))}")
    _charts(url, d)
    st.subheader("Subjects")
    for i, sd in enumerate(d.subjects[:SUBJECTS_SHOWN]):
        label = f"{sd.subject} — {sd.consensus}, {sd.voices} voice(s)"
        if sd.name:
            label += f" — {sd.name}"
        with st.expander(md_escape(label), expanded=i < SUBJECTS_OPEN):
            try:
                _subject(url, d, sd)
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
        here = internal_link("open", article_href(f.article_id))
        st.markdown(
            f":red[**flagged**] {link(f.title or '(untitled)', f.url)} ({here}) — "
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
                        "hit rate": percent(r.hit_rate),
                        "avg error": "—" if r.avg_error_pct is None else f"{r.avg_error_pct:.1f}%",
                        "pending": r.pending,
                    }
                    for r in d.track_record
                ]
            ),
            hide_index=True,
            placeholder="—",
            width="stretch",
        )
