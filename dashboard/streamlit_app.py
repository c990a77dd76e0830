"""Linked Risk: the entry file. Nobody gets past sign-in; then it routes to the pages their role may use."""

import streamlit as st

from dashboard import auth, data
from dashboard.friendly_errors import friendly_errors
from dashboard.navigation import pages, specs_for
from dashboard.sidebar import sidebar

st.set_page_config(page_title="Linked Risk", page_icon="🔗", layout="wide")
with friendly_errors("Sign in"):
    store = data.store()
    user = auth.require_user(store)
    page = st.navigation(pages(specs_for(user)))
    with friendly_errors(page.title):
        sidebar(store, user)
        page.run()
