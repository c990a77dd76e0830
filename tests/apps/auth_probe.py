"""The smallest app behind the sign-in gate, for the browser tests of dashboard/auth.py.

Run by ``streamlit run`` (as ``__main__``); importing it (pytest's doctest collection) does nothing.
"""

import streamlit as st

from dashboard.auth import require_user, sign_out_button
from data_model.store import open_store

if __name__ == "__main__":
    store = open_store()
    user = require_user(store)
    sign_out_button(store, user)
    st.write(f"Signed in: {user.username} ({user.role.value})")
