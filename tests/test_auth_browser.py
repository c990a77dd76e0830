"""Signing in through the real browser: a reload keeps the session, sign-out ends it, failures say little."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from data_model.access import Role
from data_model.accounts import add_user
from data_model.store import open_store
from tests import streamlit_server as server_module
from tests.streamlit_server import CHROMIUM, offline_browser, streamlit_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]
PROBE = Path(__file__).parent / "apps" / "auth_probe.py"
PASSWORD = "a long enough passphrase"
WAIT_MS = 30_000


@contextmanager
def probe_app(folder: Path, **env: str) -> Iterator[str]:
    """The probe app on a fresh database with one lead, ``sam``; yields its URL."""
    url = f"sqlite:///{folder / 'linkedrisk.db'}"
    add_user(open_store(url), "sam", Role.SAFEGUARDING_LEAD, password=PASSWORD)
    patch = pytest.MonkeyPatch()
    patch.setattr(server_module, "APP", PROBE)
    try:
        with streamlit_server(url, folder / "streamlit.log", env={"LINKEDRISK_DATA_DIR": str(folder), **env}) as server:
            yield server.url
    finally:
        patch.undo()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with probe_app(tmp_path_factory.mktemp("auth")) as url:
        yield url


def sign_in(page: Any, username: str, password: str) -> None:
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_reload_keeps_the_session_and_sign_out_ends_it(app: str) -> None:
    with offline_browser() as (context, guard):
        page = context.new_page()
        page.goto(app)
        page.get_by_text("Sign in to Linked Risk").wait_for(timeout=WAIT_MS)
        sign_in(page, "sam", PASSWORD)
        page.get_by_text("Signed in: sam (safeguarding_lead)").wait_for(timeout=WAIT_MS)
        cookie = next(c for c in context.cookies() if c["name"] == "linkedrisk_session")
        assert cookie["sameSite"] == "Strict"
        page.reload()
        page.get_by_text("Signed in: sam (safeguarding_lead)").wait_for(timeout=WAIT_MS)
        page.get_by_role("button", name="Sign out").click()
        page.get_by_text("You have signed out.").wait_for(timeout=WAIT_MS)
        page.reload()
        page.get_by_text("Sign in to Linked Risk").wait_for(timeout=WAIT_MS)
        assert page.get_by_text("Signed in:").count() == 0
        assert guard.attempted == []


def test_a_failed_sign_in_says_one_plain_sentence(app: str) -> None:
    with offline_browser() as (context, _):
        page = context.new_page()
        page.goto(app)
        sign_in(page, "sam", "not the password")
        page.get_by_text("Sign-in failed: check your username and password.").wait_for(timeout=WAIT_MS)
        sign_in(page, "nobody", PASSWORD)
        page.get_by_text("Sign-in failed: check your username and password.").wait_for(timeout=WAIT_MS)
        assert page.get_by_text("Signed in:").count() == 0


def test_a_session_left_idle_ends_with_a_message(tmp_path: Path) -> None:
    with probe_app(tmp_path, LINKEDRISK_IDLE_MINUTES="0.05") as url, offline_browser() as (context, _):
        page = context.new_page()
        page.goto(url)
        sign_in(page, "sam", PASSWORD)
        page.get_by_text("Signed in: sam").wait_for(timeout=WAIT_MS)
        page.wait_for_timeout(4_000)  # longer than the 3 s idle time set above
        page.reload()
        page.get_by_text("Your session ended after 1 minute without activity: sign in again.").wait_for(timeout=WAIT_MS)
        assert page.get_by_text("Signed in:").count() == 0
