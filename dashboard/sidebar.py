"""What every page shares in the sidebar: the as-of date, and a way to read the database again."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.as_of import as_of_picker


def sidebar() -> None:
    as_of_picker()
    if st.sidebar.button("Reload data", key="sidebar_reload",
                         help="Read the database again, e.g. after an import from the command line."):
        data.data_changed()
    st.sidebar.caption("Synthetic data only. Linked Risk shows where agencies have not joined up.")
