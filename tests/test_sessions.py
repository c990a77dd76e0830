"""Session tokens survive a reload, end after inactivity, and cannot be forged or altered."""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_model.errors import UserError
from data_model.sessions import (
    IDLE_TIMEOUT,
    MAX_AGE,
    InvalidSession,
    SessionExpired,
    issue_session_token,
    refresh_session_token,
    session_secret,
    verify_session_token,
)

SECRET = b"a" * 32
T0 = 1_800_000_000.0


def test_a_token_read_back_names_the_user_and_session_version() -> None:
    claims = verify_session_token(issue_session_token("sam", 4, SECRET, T0), SECRET, T0 + 5)
    assert (claims.username, claims.version, claims.issued_at, claims.seen_at) == ("sam", 4, T0, T0)


def test_a_session_ends_after_thirty_idle_minutes() -> None:
    token = issue_session_token("sam", 0, SECRET, T0)
    verify_session_token(token, SECRET, T0 + IDLE_TIMEOUT)
    with pytest.raises(SessionExpired, match="30 minutes without activity"):
        verify_session_token(token, SECRET, T0 + IDLE_TIMEOUT + 1)


def test_activity_keeps_a_session_alive_but_not_past_its_maximum_age() -> None:
    token = issue_session_token("sam", 0, SECRET, T0)
    now = T0
    while now + 20 * 60 < T0 + MAX_AGE:
        now += 20 * 60
        token = refresh_session_token(verify_session_token(token, SECRET, now), SECRET, now)
    with pytest.raises(SessionExpired):
        verify_session_token(token, SECRET, T0 + MAX_AGE + 1)


def test_a_token_signed_with_another_secret_is_refused() -> None:
    token = issue_session_token("sam", 0, b"b" * 32, T0)
    with pytest.raises(InvalidSession):
        verify_session_token(token, SECRET, T0)


def test_changing_the_username_in_a_token_breaks_its_signature() -> None:
    version, body, signature = issue_session_token("pat", 0, SECRET, T0).split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=="))
    payload["u"] = "sam"
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    with pytest.raises(InvalidSession):
        verify_session_token(f"{version}.{forged}.{signature}", SECRET, T0)


def test_a_token_from_the_future_is_refused() -> None:
    token = issue_session_token("sam", 0, SECRET, T0 + 3600)
    with pytest.raises(SessionExpired):
        verify_session_token(token, SECRET, T0)


@given(st.text(max_size=300))
def test_any_cookie_text_is_either_a_session_or_refused_with_a_sentence(text: str) -> None:
    try:
        verify_session_token(text, SECRET, T0)
    except InvalidSession as exc:
        assert str(exc).endswith("sign in again.")


def test_the_secret_file_is_made_readable_only_by_its_owner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINKEDRISK_SESSION_SECRET", raising=False)
    first = session_secret(tmp_path)
    assert stat.S_IMODE((tmp_path / "session.key").stat().st_mode) == 0o600
    assert session_secret(tmp_path) == first and len(first) >= 32


def test_a_secret_file_others_can_read_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINKEDRISK_SESSION_SECRET", raising=False)
    session_secret(tmp_path)
    os.chmod(tmp_path / "session.key", 0o644)
    with pytest.raises(UserError, match="chmod 600"):
        session_secret(tmp_path)


def test_a_short_secret_in_the_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINKEDRISK_SESSION_SECRET", "too short")
    with pytest.raises(UserError, match="at least 32 characters"):
        session_secret()


def test_the_idle_time_can_be_set_for_a_deployment(monkeypatch: pytest.MonkeyPatch) -> None:
    from data_model.sessions import idle_timeout

    monkeypatch.setenv("LINKEDRISK_IDLE_MINUTES", "15")
    assert idle_timeout() == 900
    monkeypatch.setenv("LINKEDRISK_IDLE_MINUTES", "forever")
    with pytest.raises(UserError, match="number of minutes"):
        idle_timeout()
