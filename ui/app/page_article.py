"""The Article page: one article's text with every extracted claim highlighted in place and
its verdict beside it (``?page=Article&article=12&claim=345``), or the newest articles.

Each claim, flag and digest line links here, so a reader can always see the sentence a
figure came from. Syndicated copies list the other outlets that ran the same story.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from digest.export import fmt_num
from store.ui_queries import ArticleClaim, ArticleView
from ui.app import data
from ui.app.render import article_href, internal_link, link, md_escape
from ui.labels import kind_label, reason

VERDICT_COLOURS = {"supported": "green", "contradicted": "red", "unverifiable": "orange"}
_PARAGRAPH = re.compile(r"\s*\n\s*")  # stored text keeps one line per paragraph or row


def spans(view: ArticleView) -> list[tuple[int, int, list[ArticleClaim]]]:
    """Claim spans in text order, overlapping ones merged (two claims, one sentence)."""
    out: list[tuple[int, int, list[ArticleClaim]]] = []
    n = len(view.text)
    for c in sorted(view.claims, key=lambda c: (c.start or 0, c.end or 0)):
        if c.start is None or c.end is None or not 0 <= c.start < c.end <= n:
            continue
        if out and c.start < out[-1][1]:
            a, b, group = out[-1]
            out[-1] = (a, max(b, c.end), [*group, c])
        else:
            out.append((c.start, c.end, [c]))
    return out


def _badge(c: ArticleClaim, number: int) -> str:
    colour = VERDICT_COLOURS.get(c.verdict or "", "gray")
    return f":{colour}-badge[{number} · {md_escape(c.verdict or 'unchecked')}]"


def highlighted_markdown(view: ArticleView, selected: int | None = None) -> list[str]:
    """The text as escaped Markdown paragraphs, each claim's sentence on a coloured
    background (the selected claim in blue) followed by numbered verdict badges."""
    numbers = {c.claim_id: i for i, c in enumerate(view.claims, start=1)}
    paragraphs: list[str] = [""]
    pos = 0

    def plain(chunk: str) -> None:
        parts = _PARAGRAPH.split(chunk)
        paragraphs[-1] += md_escape(parts[0])
        for part in parts[1:]:
            paragraphs.append(md_escape(part.lstrip()))

    for a, b, group in spans(view):
        plain(view.text[pos:a])
        badges = " ".join(_badge(c, numbers[c.claim_id]) for c in group)
        sentence = md_escape(view.text[a:b])
        if any(c.claim_id == selected for c in group):
            paragraphs[-1] += f":blue-background[**{sentence}**] {badges}"
        else:
            paragraphs[-1] += f":orange-background[{sentence}] {badges}"
        pos = b
    plain(view.text[pos:])
    return [p for p in paragraphs if p.strip()]


def _claims_table(view: ArticleView) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "#": i,
                "subject": c.subject,
                "kind": kind_label(c.kind),
                "figure": fmt_num(c.value, c.unit)
                if c.value is not None
                else f"{fmt_num(c.low, c.unit)} – {fmt_num(c.high, c.unit)}",
                "stance": c.stance,
                "verdict": c.verdict or "unchecked",
                "actual": fmt_num(c.actual, c.unit),
                "why": reason(c.reason),
            }
            for i, c in enumerate(view.claims, start=1)
        ]
    )


def _recent(url: str) -> None:
    st.caption("Open an article from a claim, a flag or the digest, or pick one here.")
    from store.articles import list_articles

    rows = list_articles(data.engine(url), limit=50, include_duplicates=False)
    copies = data.outlets(url, tuple(r["id"] for r in rows))
    for r in rows:
        also = copies.get(r["id"])
        outlets = f" (also {md_escape(', '.join(also))})" if also else ""
        st.markdown(
            f"{md_escape(r['published'] or 'undated')} · {md_escape(r['source'] or '?')}"
            f"{outlets} — "
            + internal_link(str(r["title"] or "(untitled)"), article_href(r["id"]))
        )


def page(url: str) -> None:
    raw = st.query_params.get("article")
    try:
        article_id = int(raw) if raw else None
    except ValueError:
        article_id = None
    if article_id is None:
        st.title("Articles")
        _recent(url)
        return
    view = data.article(url, article_id)
    if view is None:
        st.title("Article")
        st.error(f"No article {article_id} in the store.")
        return
    raw_claim = st.query_params.get("claim")
    selected = int(raw_claim) if raw_claim and raw_claim.isdigit() else None
    st.title(view.title or "(untitled)")
    web = view.link
    meta = [md_escape(view.source or "unknown source"), md_escape(view.published or "undated")]
    if web:
        meta.append(link(web, web))
    st.markdown(" · ".join(meta))
    if view.copies:
        st.markdown(
            "**Also published by** "
            + "; ".join(
                f"{md_escape(c.source or '?')} "
                + internal_link(f"({c.published or 'undated'})", article_href(c.article_id))
                for c in view.copies
            )
        )
    verdicts = [c.verdict or "unchecked" for c in view.claims]
    counts = ", ".join(f"{verdicts.count(v)} {v}" for v in sorted(set(verdicts)))
    st.caption(f"{len(view.claims)} claim(s) highlighted" + (f": {counts}" if counts else ""))
    chosen = next((c for c in view.claims if c.claim_id == selected), None)
    if chosen is not None:
        st.info(
            f"Claim about {chosen.subject} ({kind_label(chosen.kind)}), "
            f"{chosen.verdict or 'unchecked'}: “{chosen.quote}”",
        )
    with st.container(border=True):
        for paragraph in highlighted_markdown(view, selected):
            st.markdown(paragraph)
    if view.claims:
        st.subheader("Claims in this article")
        st.dataframe(_claims_table(view), hide_index=True, placeholder="—", width="stretch")
