"""The as-of date: one date picker in the sidebar, kept in session state, read by every page."""

from __future__ import annotations

import datetime as dt

import streamlit as st

KEY = "as_of"


def as_of_picker() -> None:
    """Show the as-of date picker in the sidebar (today unless the user has chosen another day)."""
    st.session_state.setdefault(KEY, dt.date.today())
    st.sidebar.date_input(
        "As-of date",
        key=KEY,
        format="YYYY-MM-DD",
        help="Every figure, gap and network is worked out as things stood on this day.",
    )


def current_as_of() -> dt.date:
    """The as-of date chosen in the sidebar."""
    value = st.session_state.get(KEY) or dt.date.today()
    return value if isinstance(value, dt.date) else dt.date.today()
