"""Signing in: a local password checked against its argon2id hash, or an identity provider's claims.

:func:`authenticate` answers every failure (unknown user, wrong password, disabled or locked
account, an account with no local password) with the same exception and sentence, after the same
kind of work (a hash is always checked), so a failure tells an attacker nothing. Repeated
failures slow down, then lock the account for a while (:class:`Throttle`); the clock and the
sleep are parameters, so tests never wait. Every attempt goes in the audit trail, with the
outcome in the detail and never the password or a mistyped username.

:func:`user_for_oidc` maps an OpenID Connect identity (``st.user`` after ``st.login``) to our
user record: by subject, else by e-mail on first sign-in (then the subject is remembered, and
another identity with the same e-mail is refused). Unknown identities are refused.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from data_model.access import User
from data_model.accounts import (
    HASHER,
    MAX_PASSWORD,
    NOT_REGISTERED,
    SIGN_IN_FAILED,
    USERNAME,
    SignInFailed,
    account_from_row,
    users,
    utcnow,
)
from data_model.audit import AuditAction, record
from data_model.store import Store

#: Claims that may carry an e-mail address, in order of preference (Entra ID sends the UPN).
EMAIL_CLAIMS = ("email", "preferred_username", "upn")
DISABLED = "Your Linked Risk account does not allow sign-in at present: ask an administrator."
_UNKNOWN_LIMIT = 10_000
_unknown_failures: dict[str, int] = {}
_dummy_hashes: dict[int, str] = {}


@dataclass(frozen=True)
class Throttle:
    """How repeated failures slow down: a delay that doubles, then a lock that doubles."""

    free_attempts: int = 3
    base_delay: float = 0.5
    max_delay: float = 8.0
    lock_after: int = 10
    lock_minutes: float = 15.0
    max_lock_minutes: float = 24 * 60.0

    def delay(self, failures: int) -> float:
        """Seconds to wait after the ``failures``-th failure in a row.

        Examples
        --------
        >>> [Throttle().delay(n) for n in (1, 3, 4, 5, 9)]
        [0.0, 0.0, 0.5, 1.0, 8.0]
        """
        if failures <= self.free_attempts:
            return 0.0
        return float(min(self.base_delay * 2 ** (failures - self.free_attempts - 1), self.max_delay))

    def lock(self, failures: int) -> dt.timedelta | None:
        """How long to lock the account after the ``failures``-th failure in a row, if at all.

        Examples
        --------
        >>> [Throttle().lock(n) for n in (9, 10, 20)]
        [None, datetime.timedelta(seconds=900), datetime.timedelta(seconds=1800)]
        """
        if failures < self.lock_after:
            return None
        blocks = (failures - self.lock_after) // self.lock_after
        return dt.timedelta(minutes=min(self.lock_minutes * 2**blocks, self.max_lock_minutes))


def _matches(hasher: PasswordHasher, stored: str | None, password: str) -> bool:
    """Check ``password`` against ``stored``; with no stored hash, check a dummy (same work)."""
    if stored is None:
        stored = _dummy_hashes.setdefault(id(hasher), hasher.hash("not a password of anyone's"))
        password = password + "\x00never"
    try:
        return bool(hasher.verify(stored, password))
    except (VerificationError, InvalidHashError):
        return False


def _failed(store: Store, username: str | None, outcome: str) -> SignInFailed:
    record(store, None, AuditAction.SIGN_IN_FAILED, [username] if username else [], detail={"outcome": outcome})
    return SignInFailed(SIGN_IN_FAILED)


def _count_failure(store: Store, username: str, now: dt.datetime, throttle: Throttle) -> int:
    with store.engine.begin() as conn:
        conn.execute(sa.update(users).where(users.c.username == username)
                     .values(failed_attempts=users.c.failed_attempts + 1))
        query = sa.select(users.c.failed_attempts).where(users.c.username == username)
        failures = int(conn.execute(query).scalar_one())
        lock = throttle.lock(failures)
        if lock is not None:
            conn.execute(sa.update(users).where(users.c.username == username).values(locked_until=now + lock))
    return failures


def _unknown(name: str) -> int:
    if len(_unknown_failures) >= _UNKNOWN_LIMIT:
        _unknown_failures.clear()
    _unknown_failures[name] = _unknown_failures.get(name, 0) + 1
    return _unknown_failures[name]


def authenticate(
    store: Store,
    username: str,
    password: str,
    *,
    clock: Callable[[], dt.datetime] = utcnow,
    sleep: Callable[[float], None] = time.sleep,
    throttle: Throttle = Throttle(),
    hasher: PasswordHasher = HASHER,
) -> User:
    """The user whose username and password these are; :class:`SignInFailed` otherwise.

    The message is always :data:`~data_model.accounts.SIGN_IN_FAILED`. ``clock`` returns naive
    UTC times; ``sleep`` is how the growing delay after repeated failures is waited out.
    """
    name = username.strip().lower()
    now = clock()
    row = None
    if USERNAME.match(name) and len(password) <= MAX_PASSWORD:
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(users).where(users.c.username == name)).first()
    if row is None:
        _matches(hasher, None, password[:MAX_PASSWORD])
        sleep(throttle.delay(_unknown(name)))
        raise _failed(store, None, "unknown_user")
    if row.locked_until is not None and now < row.locked_until:
        sleep(throttle.delay(int(row.failed_attempts)))
        raise _failed(store, name, "locked")
    if not _matches(hasher, row.password_hash, password) or row.disabled or row.password_hash is None:
        outcome = "disabled" if row.disabled else "no_local_password" if row.password_hash is None else "wrong_password"
        sleep(throttle.delay(_count_failure(store, name, now, throttle)))
        raise _failed(store, name, outcome)
    values: dict[str, Any] = {"failed_attempts": 0, "locked_until": None}
    if hasher.check_needs_rehash(row.password_hash):
        values["password_hash"] = hasher.hash(password)
    with store.engine.begin() as conn:
        conn.execute(sa.update(users).where(users.c.username == name).values(**values))
    user = account_from_row(row).user
    record(store, user, AuditAction.SIGN_IN, [name], detail={"method": "password"})
    return user


def _emails(claims: Mapping[str, Any]) -> list[str]:
    if claims.get("email_verified") is False:
        return []
    found = [str(claims[c]).strip().lower() for c in EMAIL_CLAIMS if claims.get(c)]
    return [e for e in found if "@" in e]


def user_for_oidc(store: Store, claims: Mapping[str, Any]) -> User:
    """Our user for an identity provider's claims (``st.user``); :class:`SignInFailed` if none.

    Matched by ``sub``, else (first sign-in) by a verified e-mail; the subject is then kept, so a
    different identity later presenting the same e-mail is refused. Nothing is recorded here:
    the caller records one ``sign_in`` per session.
    """
    subject = str(claims.get("sub") or "").strip() or None
    emails = _emails(claims)
    with store.engine.begin() as conn:
        row = None
        if subject:
            row = conn.execute(sa.select(users).where(users.c.oidc_subject == subject)).first()
        if row is None and emails:
            row = conn.execute(sa.select(users).where(users.c.email.in_(emails)).order_by(users.c.username)).first()
            if row is not None and row.oidc_subject and row.oidc_subject != subject:
                row = None
            elif row is not None and subject:
                conn.execute(sa.update(users).where(users.c.username == row.username).values(oidc_subject=subject))
    if row is None:
        raise SignInFailed(NOT_REGISTERED)
    if row.disabled:
        raise SignInFailed(DISABLED)
    return account_from_row(row).user
