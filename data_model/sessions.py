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
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from data_model.errors import UserError
from data_model.pseudonymise import data_directory

SECRET_ENV = "LINKEDRISK_SESSION_SECRET"
IDLE_ENV = "LINKEDRISK_IDLE_MINUTES"
SECRET_FILE = "session.key"
MIN_SECRET_CHARS = 32
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
    from_env = os.environ.get(SECRET_ENV)
    if from_env is not None:
        if len(from_env.strip()) < MIN_SECRET_CHARS:
            raise UserError(f"{SECRET_ENV} must be at least {MIN_SECRET_CHARS} characters: use a long random secret.")
        return from_env.strip().encode("utf-8")
    path = (data_dir or data_directory()) / SECRET_FILE
    if not path.exists():
        _create_secret_file(path)
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise UserError(f"{path} can be read by other users: run `chmod 600 {path}`.")
    secret = path.read_text(encoding="utf-8").strip()
    if len(secret) < MIN_SECRET_CHARS:
        raise UserError(f"The session secret in {path} is too short: delete it to make a new one.")
    return secret.encode("utf-8")


def _create_secret_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(secrets.token_hex(32) + "\n")
