"""The screens: the ``thesisdesk`` command line and the Streamlit app."""
