"""User accounts: local passwords (argon2id) or an identity provider's sign-in, mapped to a role.

Each person who may use Linked Risk has a row in ``users``: a role, an agency for practitioners,
and either a password hash (local accounts, the default for a standalone deployment) or the
e-mail / subject their identity provider signs them in with (OpenID Connect, e.g. Entra ID).

A failed sign-in always says the same sentence (:data:`SIGN_IN_FAILED`), whatever went wrong, so
it tells an attacker nothing; signing in lives in :mod:`data_model.sign_in`. Changing an account
(disabling it, a new password or role) ends its sessions: its session version goes up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher

from data_model.access import Role, User
from data_model.errors import UserError
from data_model.store import Store, metadata

SIGN_IN_FAILED = "Sign-in failed: check your username and password."
NOT_REGISTERED = "You are signed in with your organisation, but not registered with Linked Risk: ask an administrator."
MIN_PASSWORD = 12
MAX_PASSWORD = 1024
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,99}$")
HASHER = PasswordHasher()  # argon2id with the library's recommended cost

users = sa.Table(
    "users",
    metadata,
    sa.Column("username", sa.String(100), primary_key=True),
    sa.Column("display_name", sa.Text, nullable=False, default=""),
    sa.Column("role", sa.String(40), nullable=False),
    sa.Column("agency_id", sa.String(200)),
    sa.Column("password_hash", sa.Text),
    sa.Column("oidc_subject", sa.String(300), unique=True),
    sa.Column("email", sa.String(320), unique=True),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    sa.Column("failed_attempts", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.DateTime),
    sa.Column("session_version", sa.Integer, nullable=False, default=0),
    sa.Column("created_at", sa.DateTime, nullable=False),
)


class SignInFailed(UserError):
    """Sign-in refused; the message never says why."""


@dataclass(frozen=True)
class Account:
    """A user's row, without the password hash."""

    username: str
    display_name: str
    role: Role
    agency_id: str | None
    email: str | None
    oidc_subject: str | None
    disabled: bool
    has_password: bool
    session_version: int

    @property
    def user(self) -> User:
        return User(self.username, self.role, self.agency_id, self.display_name)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _naive(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


def account_from_row(row: sa.Row[Any]) -> Account:
    return Account(row.username, row.display_name or "", Role(row.role), row.agency_id, row.email,
                   row.oidc_subject, bool(row.disabled), row.password_hash is not None, int(row.session_version))


def normal_username(username: str) -> str:
    """A username as stored: trimmed, lower case; a :class:`UserError` if it has odd characters."""
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise UserError("A username is 1 to 100 letters, digits, dots, dashes, underscores or @, "
                        "starting with a letter or digit.")
    return name


def check_password(password: str, username: str) -> None:
    """Refuse a weak password with a sentence saying what a good one is."""
    if len(password) < MIN_PASSWORD or len(password) > MAX_PASSWORD:
        raise UserError(f"A password must be {MIN_PASSWORD} to {MAX_PASSWORD} characters long: "
                        "a few unrelated words make a good one.")
    if username.lower() in password.lower() or len(set(password)) < 4:
        raise UserError("That password is too easy to guess: do not use your username or repeat one character.")


def _checked_role(role: Role | str, agency_id: str | None) -> Role:
    try:
        chosen = Role(role)
    except ValueError:
        raise UserError(f"'{role}' is not a role: choose one of {', '.join(r.value for r in Role)}.") from None
    if chosen is Role.PRACTITIONER and not agency_id:
        raise UserError("A practitioner must belong to an agency: give its agency id.")
    return chosen


def add_user(
    store: Store,
    username: str,
    role: Role | str,
    *,
    password: str | None = None,
    agency_id: str | None = None,
    display_name: str = "",
    email: str | None = None,
    oidc_subject: str | None = None,
    hasher: PasswordHasher = HASHER,
    now: dt.datetime | None = None,
) -> Account:
    """Create an account; without a password it can only sign in through the identity provider."""
    name = normal_username(username)
    chosen = _checked_role(role, agency_id)
    if password is not None:
        check_password(password, name)
    row = {
        "username": name, "display_name": display_name.strip(), "role": chosen.value,
        "agency_id": agency_id or None, "password_hash": hasher.hash(password) if password is not None else None,
        "oidc_subject": oidc_subject or None, "email": email.strip().lower() if email else None,
        "disabled": False, "failed_attempts": 0, "locked_until": None, "session_version": 0,
        "created_at": _naive(now or utcnow()),
    }
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.insert(users), [row])
    except sa.exc.IntegrityError:
        raise UserError(f"There is already a user called {name}, or with that e-mail or subject.") from None
    return get_account(store, name)


def get_account(store: Store, username: str) -> Account:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username.strip().lower())).first()
    if row is None:
        raise UserError(f"There is no user called {username.strip().lower()}.")
    return account_from_row(row)


def list_accounts(store: Store) -> list[Account]:
    with store.engine.connect() as conn:
        return [account_from_row(r) for r in conn.execute(sa.select(users).order_by(users.c.username))]


def _update(store: Store, username: str, **values: Any) -> Account:
    """Change an account and end every session it has (the session version goes up)."""
    name = get_account(store, username).username
    with store.engine.begin() as conn:
        conn.execute(sa.update(users).where(users.c.username == name)
                     .values(session_version=users.c.session_version + 1, **values))
    return get_account(store, name)


def set_disabled(store: Store, username: str, disabled: bool = True) -> Account:
    return _update(store, username, disabled=disabled)


def reset_password(store: Store, username: str, password: str, hasher: PasswordHasher = HASHER) -> Account:
    check_password(password, username.strip().lower())
    return _update(store, username, password_hash=hasher.hash(password), failed_attempts=0, locked_until=None)


def set_role(store: Store, username: str, role: Role | str, agency_id: str | None = None) -> Account:
    chosen = _checked_role(role, agency_id)
    return _update(store, username, role=chosen.value, agency_id=agency_id or None)


def end_sessions(store: Store, username: str) -> Account:
    """Sign the user out everywhere: every session token issued so far stops working."""
    return _update(store, username)


def session_user(store: Store, username: str, version: int) -> User:
    """The user behind a live session token, if the account still allows it."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).first()
    if row is None or row.disabled or int(row.session_version) != version:
        raise SignInFailed("Your session has ended: sign in again.")
    return account_from_row(row).user


def __getattr__(name: str) -> Any:
    """``authenticate`` and ``user_for_oidc`` live in :mod:`data_model.sign_in`; found here too."""
    if name in ("authenticate", "user_for_oidc", "Throttle"):
        from data_model import sign_in

        return getattr(sign_in, name)
    raise AttributeError(name)
