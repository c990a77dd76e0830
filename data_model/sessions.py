"""Signed session tokens: a sign-in that survives a page reload, and ends after inactivity.

A token is ``v1.<payload>.<signature>``: the payload (base64url JSON) names the user, the
account's session version, when the session began and when it was last used; the signature is
HMAC-SHA256 under the deployment's session secret. Nothing secret is in the token, and nothing in
it can be changed without the secret. Each use re-issues it with a new "last used" time, so a
session ends :data:`IDLE_TIMEOUT` after the last activity, and in any case :data:`MAX_AGE` after
sign-in. Signing out, disabling the account, a password reset or a role change bump the account's
session version (:mod:`data_model.accounts`), which ends every token issued before.

The secret comes from ``LINKEDRISK_SESSION_SECRET`` (at least 32 characters), or else from the
file ``session.key`` in the data directory, created with owner-only (0600) permissions.

Examples
--------
>>> secret, t0 = b"s" * 32, 1_800_000_000.0
>>> token = issue_session_token("sam", 3, secret, now=t0)
>>> verify_session_token(token, secret, now=t0 + 60).username
'sam'
>>> verify_session_token(token, secret, now=t0 + 3600)
Traceback (most recent call last):
...
data_model.sessions.SessionExpired: Your session ended after 30 minutes without activity: sign in again.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from data_model.deployment_secrets import deployment_secret
from data_model.errors import UserError

SECRET_ENV = "LINKEDRISK_SESSION_SECRET"
IDLE_ENV = "LINKEDRISK_IDLE_MINUTES"
SECRET_FILE = "session.key"
IDLE_TIMEOUT = 30 * 60.0
MAX_AGE = 12 * 3600.0
VERSION = "v1"
#: The cookie the dashboard keeps the token in.
COOKIE_NAME = "linkedrisk_session"


class InvalidSession(UserError):
    """The token is not one of ours (forged, altered, or from another deployment)."""


class SessionExpired(InvalidSession):
    """The token was ours, but the session has ended."""


@dataclass(frozen=True)
class SessionClaims:
    username: str
    version: int
    issued_at: float
    seen_at: float


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(secret: bytes, signed: str) -> str:
    return _b64(hmac.digest(secret, signed.encode("ascii"), hashlib.sha256))


def issue_session_token(username: str, version: int, secret: bytes, now: float, issued_at: float | None = None) -> str:
    """A signed token for ``username`` (at session ``version``), last used ``now`` (epoch seconds)."""
    payload = {"u": username, "v": version, "iat": issued_at if issued_at is not None else now, "seen": now}
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8"))
    signed = f"{VERSION}.{body}"
    return f"{signed}.{_signature(secret, signed)}"


def refresh_session_token(claims: SessionClaims, secret: bytes, now: float) -> str:
    """The same session, marked as used ``now`` (the idle clock restarts; the maximum age does not)."""
    return issue_session_token(claims.username, claims.version, secret, now, issued_at=claims.issued_at)


def _claims(token: str, secret: bytes) -> SessionClaims:
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3 or parts[0] != VERSION:
        raise InvalidSession("This sign-in is not valid here: sign in again.")
    signed = f"{parts[0]}.{parts[1]}"
    if not hmac.compare_digest(_signature(secret, signed), parts[2]):
        raise InvalidSession("This sign-in is not valid here: sign in again.")
    try:
        payload = json.loads(_unb64(parts[1]))
        return SessionClaims(str(payload["u"]), int(payload["v"]), float(payload["iat"]), float(payload["seen"]))
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise InvalidSession("This sign-in is not valid here: sign in again.") from exc


def verify_session_token(
    token: str, secret: bytes, now: float, idle_timeout: float = IDLE_TIMEOUT, max_age: float = MAX_AGE
) -> SessionClaims:
    """The claims of a genuine, live token; :class:`InvalidSession` or :class:`SessionExpired` otherwise."""
    claims = _claims(token, secret)
    if now - claims.seen_at > idle_timeout:
        minutes = max(1, round(idle_timeout / 60))
        plural = "s" if minutes != 1 else ""
        raise SessionExpired(f"Your session ended after {minutes} minute{plural} without activity: sign in again.")
    if now - claims.issued_at > max_age or claims.seen_at > now + 60:
        raise SessionExpired("Your session has ended: sign in again.")
    return claims


def idle_timeout() -> float:
    """Seconds of inactivity that end a session: ``LINKEDRISK_IDLE_MINUTES``, else 30 minutes."""
    text = os.environ.get(IDLE_ENV, "").strip()
    try:
        minutes = float(text) if text else IDLE_TIMEOUT / 60
    except ValueError:
        raise UserError(f"{IDLE_ENV} must be a number of minutes, not {text!r}.") from None
    if not 0 < minutes <= 24 * 60:
        raise UserError(f"{IDLE_ENV} must be between 0 and 1440 minutes.")
    return minutes * 60


def session_secret(data_dir: Path | None = None) -> bytes:
    """The signing secret: ``LINKEDRISK_SESSION_SECRET``, else ``session.key`` (made 0600 if absent)."""
    return deployment_secret(SECRET_ENV, SECRET_FILE, "the session secret", data_dir,
                             if_short="delete it to make a new one")
