"""Linked Risk: the entry file. It routes between pages; the pages live in ``app_pages/``."""

import streamlit as st

from dashboard.friendly_errors import friendly_errors
from dashboard.navigation import pages
from dashboard.sidebar import sidebar

st.set_page_config(page_title="Linked Risk", page_icon="🔗", layout="wide")
page = st.navigation(pages())
with friendly_errors(page.title):
    sidebar()
    page.run()
