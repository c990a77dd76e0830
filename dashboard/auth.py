"""The sign-in gate: nobody sees a page until they are signed in, and then only what their role allows.

Two ways in, both ending in our own user record (role, agency) from :mod:`data_model.accounts`:

* **The organisation's identity provider** (OpenID Connect through ``st.login``; Entra ID in most
  councils and NHS bodies) when ``.streamlit/secrets.toml`` has an ``[auth]`` section. The
  identity is mapped to a user by :func:`data_model.sign_in.user_for_oidc`; unknown people are
  refused even though their organisation signed them in.
* **Local accounts** (argon2id passwords), the default for a standalone deployment.

Either way the session is a signed token (:mod:`data_model.sessions`) kept in ``session_state``
and in a cookie, so a page reload keeps the person signed in; it ends after 30 minutes without
activity, at sign-out, or when an administrator changes the account. Streamlit can read cookies
(``st.context.cookies``, sent with the page's first request) but has no call to set one, so the
cookie is written by a two-line script through ``st.html(..., unsafe_allow_javascript=True)``:
the script holds only our own token (base64url and dots, JSON-quoted), never user input. The
cookie is ``SameSite=Strict`` (and ``Secure`` over HTTPS); it cannot be ``HttpOnly`` when set from
script, which is one more reason every name is escaped before it reaches HTML.

Wiring (for ``dashboard/streamlit_app.py``)::

    user = require_user(store)            # before st.navigation; stops the run if signed out
    sign_out_button(store, user)          # in the sidebar
    view = scope(load_partnership(), user, as_of)   # every page reads view.partnership

and on a page that needs a permission: ``require_permission(user, Permission.VIEW_AUDIT)``.
"""

from __future__ import annotations

import json
import time

import streamlit as st

from dashboard.markdown_text import plain
from data_model import accounts, audit, sessions, sign_in
from data_model.access import Permission, User, can, require
from data_model.audit import AuditAction
from data_model.errors import UserError
from data_model.store import Store

TOKEN_KEY = "auth_token"
USER_KEY = "auth_user"
COOKIE_KEY = "auth_cookie_written"
WANTED_KEY = "auth_cookie_wanted"
MESSAGE_KEY = "auth_message"
#: Re-issue the token (restarting the idle clock) at most this often, in seconds.
REFRESH_EVERY = 60.0


def oidc_configured() -> bool:
    """Whether the deployment signs people in through an identity provider (secrets ``[auth]``)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _cookie_script(value: str, max_age: int) -> str:
    secure = "; Secure" if str(st.context.url or "").startswith("https://") else ""
    cookie = f"{sessions.COOKIE_NAME}={value}; Path=/; Max-Age={max_age}; SameSite=Strict{secure}"
    return f"<script>document.cookie = {json.dumps(cookie)};</script>"


def _want_cookie(token: str | None) -> None:
    """Ask for the browser's cookie to hold ``token`` (deleted when None); safe in callbacks."""
    st.session_state[WANTED_KEY] = token


def _sync_cookie() -> None:
    """Write the cookie if it differs from what was last written (in the script run, not a callback)."""
    wanted = st.session_state.get(WANTED_KEY)
    if WANTED_KEY not in st.session_state or st.session_state.get(COOKIE_KEY, "") == wanted:
        return
    st.html(_cookie_script(wanted or "", int(sessions.MAX_AGE) if wanted else 0), unsafe_allow_javascript=True)
    st.session_state[COOKIE_KEY] = wanted


def _start_session(store: Store, user: User) -> None:
    version = accounts.get_account(store, user.username).session_version
    token = sessions.issue_session_token(user.username, version, sessions.session_secret(), time.time())
    st.session_state[TOKEN_KEY] = token
    st.session_state[USER_KEY] = user
    _want_cookie(token)


def _end_session(message: str | None = None) -> None:
    for key in (TOKEN_KEY, USER_KEY):
        st.session_state.pop(key, None)
    if message:
        st.session_state[MESSAGE_KEY] = message
    _want_cookie(None)


def _resume(store: Store) -> tuple[User | None, bool]:
    """The user of a live session token (session state first, then the cookie), and whether one expired.

    After sign-out the cookie the page was loaded with may still hold the old token; it no longer
    verifies, because signing out raised the account's session version.
    """
    token = st.session_state.get(TOKEN_KEY) or st.context.cookies.get(sessions.COOKIE_NAME)
    if not token:
        return None, False
    now, secret = time.time(), sessions.session_secret()
    try:
        claims = sessions.verify_session_token(token, secret, now, idle_timeout=sessions.idle_timeout())
        user = accounts.session_user(store, claims.username, claims.version)
    except sessions.SessionExpired as exc:
        _end_session(str(exc))
        return None, True
    except (sessions.InvalidSession, accounts.SignInFailed):
        _end_session()
        return None, False
    if now - claims.seen_at > REFRESH_EVERY:
        token = sessions.refresh_session_token(claims, secret, now)
    st.session_state[TOKEN_KEY] = token
    st.session_state[USER_KEY] = user
    _want_cookie(token)
    return user, False


def _oidc_user(store: Store) -> User | None:
    """Map a fresh identity-provider sign-in to our user, once per session."""
    if not oidc_configured() or not st.user.is_logged_in:
        return None
    try:
        user = sign_in.user_for_oidc(store, st.user.to_dict())
    except accounts.SignInFailed as exc:
        st.error(str(exc))
        st.button("Sign out of your organisation's account", on_click=st.logout, key="auth_oidc_out")
        st.stop()
    audit.record(store, user, AuditAction.SIGN_IN, [user.username], detail={"method": "oidc"})
    _start_session(store, user)
    return user


def _sign_in_form(store: Store) -> None:
    st.title("Sign in to Linked Risk")
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.info(message)
    if oidc_configured():
        st.button("Sign in with your organisation's account", on_click=st.login, type="primary", key="auth_oidc")
    with st.form("auth_sign_in"):
        username = st.text_input("Username", key="auth_username")
        password = st.text_input("Password", type="password", key="auth_password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        try:
            user = sign_in.authenticate(store, username, password)
        except UserError as exc:
            st.error(str(exc))
            return
        _start_session(store, user)
        st.rerun()


def require_user(store: Store) -> User:
    """The signed-in user; otherwise show the sign-in page and stop this run.

    An identity-provider session outlives ours: when ours has ended for inactivity, the provider
    session is ended too (``st.logout``), so idleness signs people out whichever way they came in.
    """
    user, expired = _resume(store)
    if expired and oidc_configured() and st.user.is_logged_in:
        st.logout()
    user = user or _oidc_user(store)
    _sync_cookie()
    if user is None:
        _sign_in_form(store)
        st.stop()
    return user


def sign_out(store: Store, user: User) -> None:
    """End the session everywhere (every token of this user stops working), and record it."""
    accounts.end_sessions(store, user.username)
    audit.record(store, user, AuditAction.SIGN_OUT, [user.username])
    _end_session("You have signed out.")
    if oidc_configured() and st.user.is_logged_in:
        st.logout()


def sign_out_button(store: Store, user: User) -> None:
    """The signed-in person's name and role, and a sign-out button, in the sidebar."""
    st.sidebar.caption(f"Signed in as {plain(user.label)}")
    st.sidebar.button("Sign out", on_click=sign_out, args=(store, user), key="auth_sign_out")


def require_permission(user: User, permission: Permission) -> None:
    """Stop the page with one sentence unless the user's role allows ``permission``."""
    if not can(user, permission):
        try:
            require(user, permission)
        except UserError as exc:
            st.error(str(exc))
        st.stop()
