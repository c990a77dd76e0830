"""The as-of date: one date picker in the sidebar, kept in session state, read by every page.

It starts as today, unless the link says otherwise (``?as_of=2026-11-27``, so a view can be
shared) or the server was started with ``LINKEDRISK_AS_OF`` (e.g. the sample data's date).
"""

from __future__ import annotations

import datetime as dt
import os

import streamlit as st

KEY = "as_of"
DEFAULT_ENV = "LINKEDRISK_AS_OF"


def _parsed(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def initial_as_of() -> dt.date:
    """The link's ``as_of``, else ``LINKEDRISK_AS_OF``, else today."""
    return _parsed(st.query_params.get(KEY)) or _parsed(os.environ.get(DEFAULT_ENV)) or dt.date.today()


def as_of_picker() -> None:
    """Show the as-of date picker in the sidebar."""
    if KEY not in st.session_state:
        st.session_state[KEY] = initial_as_of()
    st.sidebar.date_input(
        "As-of date",
        key=KEY,
        format="YYYY-MM-DD",
        min_value=dt.date(1900, 1, 1),
        max_value=dt.date(2199, 12, 31),
        help="Every figure, gap and network is worked out as things stood on this day.",
    )


def current_as_of() -> dt.date:
    """The as-of date chosen in the sidebar."""
    value = st.session_state.get(KEY)
    return value if isinstance(value, dt.date) else initial_as_of()
