"""Who is acting, for the record of gap status changes.

Until sign-in arrives (issue 6) this is the name the person types, or their name from
``st.user`` when the app is configured to log people in. Issue 6 replaces only this module.
"""

from __future__ import annotations

import streamlit as st


def signed_in_name() -> str | None:
    """The signed-in user's name (or email), or None when nobody is signed in."""
    try:
        if not st.user.is_logged_in:
            return None
    except Exception:  # no [auth] configured: st.user has nothing to say
        return None
    name = st.user.get("name") or st.user.get("email")
    return str(name) if name else None


def acting_user(typed_name: str) -> str:
    """Who to record as making a change: the signed-in user, else the name typed in the form."""
    return signed_in_name() or typed_name.strip()
