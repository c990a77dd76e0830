"""What every page shares in the sidebar: who is signed in, the as-of date, and a way to read the database again."""

from __future__ import annotations

import streamlit as st

from dashboard import auth, data
from dashboard.as_of import as_of_picker
from data_model.access import User
from data_model.store import Store


def sidebar(store: Store, user: User) -> None:
    auth.sign_out_button(store, user)
    as_of_picker()
    if st.sidebar.button("Reload data", key="sidebar_reload",
                         help="Read the database again, e.g. after an import from the command line."):
        data.data_changed()
    st.sidebar.caption("Synthetic data only. Linked Risk shows where agencies have not joined up.")
