"""Signing in to the real dashboard in a browser, and waiting for its runs: shared by the browser tests."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from data_model.demo_users import DEMO_USERS

#: username -> password of the demo users (``linkedrisk demo-users``).
DEMO_PASSWORDS = {username: password for username, password, _, _ in DEMO_USERS}


def settle(page: Any) -> None:
    """Wait for the run an action started (if it has not already finished), then for its end."""
    try:
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=running]", timeout=1500)
    except PlaywrightTimeout:
        pass
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")


def fill_sign_in(page: Any, username: str, password: str) -> None:
    """Type a username and password into the sign-in form and press Sign in."""
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in(page: Any, base: str, username: str, password: str | None = None) -> None:
    """Open the dashboard and sign in (a demo user's published password by default), until signed in."""
    page.goto(base)
    page.get_by_text("Sign in to Linked Risk").wait_for()
    fill_sign_in(page, username, password or DEMO_PASSWORDS[username])
    page.get_by_role("button", name="Sign out").wait_for()
    settle(page)
