"""What a page says when there is nothing to show: always what to do next."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.identity import current_user
from dashboard.navigation import page_link

NO_DATA = (
    "There is no data in Linked Risk yet. An administrator uploads the partnership's contract folder (as a .zip) "
    "or workbook on the Data page, or runs `make run`, which imports the sample data first."
)


def stop_unless_data() -> None:
    """Stop the page with directions to the Data page when the database holds no one."""
    if data.has_data():
        return
    st.info(NO_DATA)
    page_link("data.py", "Go to the Data page", "📥", current_user())
    st.stop()
