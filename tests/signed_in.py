"""Signing an AppTest session in as someone of a given role: a real account and a real session token.

The dashboard then goes through its own sign-in gate (``dashboard.auth.require_user``) exactly as
after a password or identity-provider sign-in; only the form is skipped.
"""

from __future__ import annotations

import time

from streamlit.testing.v1 import AppTest

from dashboard.auth import TOKEN_KEY
from data_model.access import Role
from data_model.accounts import add_user, get_account
from data_model.errors import UserError
from data_model.sessions import issue_session_token, session_secret
from data_model.store import open_store


def username_for(role: Role, agency: str | None = None) -> str:
    """``test-safeguarding-lead``, ``test-practitioner-health``: one account per role and agency."""
    return "-".join(["test", role.value.replace("_", "-"), *([agency.lower()] if agency else [])])


def sign_in(at: AppTest, db_url: str, role: Role, agency: str | None = None) -> AppTest:
    """Put a live session for a user of ``role`` (made if missing) in ``at``'s session state."""
    store = open_store(db_url)
    name = username_for(role, agency)
    try:
        account = get_account(store, name)
    except UserError:
        account = add_user(store, name, role, agency_id=agency)
    at.session_state[TOKEN_KEY] = issue_session_token(name, account.session_version, session_secret(), time.time())
    return at
