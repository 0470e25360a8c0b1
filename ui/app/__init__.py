"""The Streamlit app (started by ``thesisdesk ui``)."""
