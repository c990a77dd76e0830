"""Who is acting: the signed-in user that :func:`dashboard.auth.require_user` put in the session.

Every loader and every change reads the user from here, so a page cannot forget to pass it, and
nothing runs for someone who is not signed in.
"""

from __future__ import annotations

import streamlit as st

from data_model.access import AccessDenied, User
from data_model.page_access import Page, require_page

#: Where :mod:`dashboard.auth` keeps the signed-in user (see ``auth.USER_KEY``).
USER_KEY = "auth_user"
NOT_SIGNED_IN = "Sign in to Linked Risk first."


def current_user() -> User:
    """The signed-in user; :class:`~data_model.access.AccessDenied` when nobody is signed in."""
    user = st.session_state.get(USER_KEY)
    if not isinstance(user, User):
        raise AccessDenied(NOT_SIGNED_IN)
    return user


def acting_user() -> str:
    """The username recorded with a change (gap statuses, MARAC actions)."""
    return current_user().username


def user_for(page: Page) -> User:
    """The signed-in user, once their role is known to open ``page`` (refused with a sentence otherwise)."""
    user = current_user()
    require_page(user, page)
    return user
