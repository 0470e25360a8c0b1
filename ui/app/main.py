"""thesisdesk's Streamlit app: ``thesisdesk ui`` runs this file with ``streamlit run``.

The store URL comes from ``THESISDESK_DB``. Pages are plain functions chosen in the sidebar
(or with ``?page=Flags``); an empty store gets the first-run page instead.
"""

from __future__ import annotations

import importlib

import streamlit as st

from ui.app import data

#: page name -> module with a ``page(url)``; imported when chosen, so a cold first paint
#: loads only its own page (charts, crosscheck and the other pages cost ~0.3 s of imports).
PAGES = {
    "Digest": "ui.app.page_digest",
    "Claims": "ui.app.page_claims",
    "Flags": "ui.app.page_flags",
    "Ticker": "ui.app.page_ticker",
    "Sources": "ui.app.page_sources",
    "Alerts": "ui.app.page_alerts",
    "Article": "ui.app.page_article",
}


def first_run(url: str) -> None:
    """What an empty store shows: how to get the demo in."""
    st.title("Welcome to thesisdesk")
    st.markdown(
        "The store is empty: there are no articles yet. Ingest the bundled demo to see the "
        "digest, the claims and the flags:"
    )
    st.code("bash scripts/demo.sh", language="bash")
    st.markdown("or, with the environment already set up:")
    st.code("thesisdesk demo run", language="bash")
    st.markdown("Then reload this page. Your own feeds can be added on the **Sources** page.")
    st.caption(f"Store: {url}")


def main() -> None:
    st.set_page_config(page_title="thesisdesk", page_icon="📈", layout="wide")
    url = data.db_url()
    try:
        counts = data.store_counts(url)
    except Exception as exc:  # an unreachable store gets a message, not a trace
        st.error(f"Cannot open the store {url}: {exc}")
        return
    names = list(PAGES) if counts["articles"] else ["Welcome", "Sources"]
    wanted = st.query_params.get("page")
    if wanted is None and "article" in st.query_params:
        wanted = "Article"
    elif wanted is None and "ticker" in st.query_params:
        wanted = "Ticker"
    index = names.index(wanted) if wanted in names else 0
    choice = st.sidebar.radio("Page", names, index=index, key="page")
    if wanted is None:
        st.query_params["page"] = choice
    elif choice != wanted:  # another page: the previous page's URL state does not apply
        st.query_params.from_dict({"page": choice})
    st.sidebar.caption(f"{counts['articles']:,} articles · {counts['claims']:,} claims")
    if choice == "Welcome":
        first_run(url)
        return
    try:
        importlib.import_module(PAGES[choice]).page(url)
    except Exception as exc:  # keep the app up; say what failed
        st.error(f"This page failed: {exc}")
        st.exception(exc)


main()
