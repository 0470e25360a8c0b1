"""The subject picker every page shares, and the URL as the view's state.

A picker offers the most-discussed subjects; typing in its search box searches the whole
instrument table (symbol, name, alias) and selects the best match. The chosen subject, the
day and the search words live in the URL (``?ticker=IWM&q=russell``), so a view can be
bookmarked and shared: a widget is seeded from the URL once per session, and every run
writes the current values back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from ui.app import data

CHOICES = 50


def seed(key: str, param: str, parse: Callable[[str], Any] = str) -> None:
    """Give widget ``key`` the URL's ``param`` value the first time the page runs."""
    seeded = st.session_state.setdefault("_seeded", set())
    if key in seeded:
        return
    seeded.add(key)
    raw = st.query_params.get(param)
    if raw in (None, ""):
        return
    with contextlib.suppress(ValueError):  # a hand-edited bad value: the widget's default
        st.session_state[key] = parse(raw)


def keep(param: str, value: object) -> None:
    """Write ``value`` to the URL (an empty value removes the parameter)."""
    if value in (None, "", [], ()):
        if param in st.query_params:
            del st.query_params[param]
        return
    if isinstance(value, list | tuple):
        text = ",".join(str(v) for v in value)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    if st.query_params.get(param) != text:
        st.query_params[param] = text


def parse_date(raw: str) -> dt.date:
    return dt.date.fromisoformat(raw)


def parse_list(raw: str) -> list[str]:
    return [p for p in raw.split(",") if p]


def subject_picker(
    url: str,
    *,
    key: str,
    label: str = "Subject",
    any_label: str | None = None,
    default: str | None = None,
    columns: tuple[Any, Any] | None = None,
) -> str | None:
    """Search box + selectbox; returns the chosen subject (None for "any" when allowed).

    ``any_label`` adds an "any subject" entry (the Claims page); ``default`` is the
    subject chosen when the URL names none (the Ticker page: the most-discussed one).
    """
    find_key = f"{key}_find"
    seed(find_key, "q")
    seed(key, "ticker")

    def pick_best() -> None:
        found = data.subject_choices(url, st.session_state.get(find_key) or None, CHOICES)
        if found:
            st.session_state[key] = found[0].symbol
        elif any_label is not None:
            st.session_state[key] = ""

    left, right = columns or st.columns([1, 2])
    query = left.text_input(
        "Find a subject",
        key=find_key,
        placeholder="symbol, name or alias: IWM, Russell 2000, R2K",
        on_change=pick_best,
        help="Searches every instrument; the most-discussed subjects come first.",
    )
    choices = data.subject_choices(url, query.strip() or None, CHOICES)
    labels = {c.symbol: c.label for c in choices}
    wanted = st.session_state.get(key)
    if wanted and wanted not in labels:  # from the URL or an earlier search
        exact = [c for c in data.subject_choices(url, wanted, 5) if c.symbol == wanted]
        if exact:
            labels = {exact[0].symbol: exact[0].label, **labels}
        else:
            wanted = None
    if not wanted:
        wanted = "" if any_label is not None else (default if default in labels else None)
    symbols = list(labels)
    if any_label is not None:
        symbols = ["", *symbols]
    if not symbols:
        right.selectbox(label, ["(no match)"], disabled=True, key=f"{key}_none")
        return None
    st.session_state[key] = wanted if wanted in symbols else symbols[0]
    picked = right.selectbox(
        label,
        symbols,
        key=key,
        format_func=lambda s: labels.get(s, s) if s else (any_label or "—"),
    )
    keep("q", query.strip())
    keep("ticker", picked or "")
    return picked or None
