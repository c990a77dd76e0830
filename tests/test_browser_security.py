"""Sign-in, need to know and the audit trail in the real dashboard, in headless Chromium, offline.

The server runs over tests/roles_world.py with the demo users (`linkedrisk demo-users`; the demo
practitioner works for Northbrook Health, whose GP sees Tom). Screenshots go to tests/screenshots/.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from data_model.audit_report import AuditFilter, audit_entries
from data_model.demo_users import add_demo_users
from data_model.store import open_store
from tests.browser_session import DEMO_PASSWORDS, fill_sign_in, settle, sign_in
from tests.dashboard_world import AS_OF, import_world
from tests.roles_world import PRACTITIONER_AGENCY, roles_world
from tests.streamlit_server import CHROMIUM, offline_browser, streamlit_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]
SHOTS = Path(__file__).resolve().parent / "screenshots"
WAIT_MS = 60_000
FAILED = "Sign-in failed: check your username and password."


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(dashboard URL, database URL) over the roles world, with the demo users."""
    folder = tmp_path_factory.mktemp("security")
    db = f"sqlite:///{folder / 'linkedrisk.db'}"
    import_world(roles_world(), db)
    add_demo_users(open_store(db), PRACTITIONER_AGENCY)
    env = {"LINKEDRISK_DATA_DIR": str(folder), "LINKEDRISK_AS_OF": AS_OF}
    with streamlit_server(db, folder / "streamlit.log", env=env) as server:
        yield server.url, db


@pytest.fixture
def browser() -> Iterator[Any]:
    """A fresh offline browser (no cookie from another test); asserts nothing left the machine."""
    SHOTS.mkdir(exist_ok=True)
    with offline_browser() as (context, guard):
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        yield page
        assert guard.attempted == [], guard.attempted[:3]


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def heading(page: Any, title: str) -> None:
    page.get_by_role("heading", name=title, level=1).wait_for()
    settle(page)


def test_a_demo_lead_signs_in_stays_signed_in_on_reload_and_signs_out(app: tuple[str, str], browser: Any) -> None:
    base, _ = app
    browser.goto(base)
    browser.get_by_text("Sign in to Linked Risk").wait_for()
    shot(browser, "sign-in")
    fill_sign_in(browser, "demo-lead", DEMO_PASSWORDS["demo-lead"])
    heading(browser, "Overview")
    browser.get_by_text("Signed in as Demo safeguarding lead (Safeguarding lead)").wait_for()
    assert browser.get_by_role("link", name=re.compile("Audit trail")).count() == 1
    browser.goto(f"{base}/gaps")
    heading(browser, "Gaps")  # a reload, on another page: still signed in
    browser.get_by_role("button", name="Sign out").click()
    browser.get_by_text("You have signed out.").wait_for()
    browser.reload()
    browser.get_by_text("Sign in to Linked Risk").wait_for()
    assert browser.get_by_role("heading", name="Gaps").count() == 0


def test_a_wrong_password_gets_one_plain_sentence_and_no_way_in(app: tuple[str, str], browser: Any) -> None:
    base, db = app
    browser.goto(base)
    fill_sign_in(browser, "demo-lead", "not-the-password-at-all")
    browser.get_by_text(FAILED).wait_for()
    fill_sign_in(browser, "nobody-here", "not-the-password-at-all")
    settle(browser)
    browser.get_by_text(FAILED).wait_for()
    shot(browser, "sign-in-failed")
    assert browser.get_by_role("button", name="Sign out").count() == 0
    assert browser.get_by_test_id("stException").count() == 0
    failures = audit_entries(open_store(db), AuditFilter(action="sign_in_failed"))["detail"].tolist()
    assert {"outcome=wrong_password", "outcome=unknown_user"} <= set(failures)


def test_a_practitioner_sees_only_the_fact_of_concern_about_a_linked_plan(app: tuple[str, str], browser: Any) -> None:
    base, _ = app
    sign_in(browser, base, "demo-practitioner")
    links = browser.get_by_test_id("stSidebarNav").inner_text()
    assert "Gaps" in links and not {"Audit trail", "MARAC meetings", "Patterns", "Data"} & set(links.splitlines())
    browser.goto(f"{base}/network")
    heading(browser, "Family network")
    browser.get_by_label("Search a person by name or id").fill("Tom")
    browser.keyboard.press("Enter")
    fact = browser.get_by_text(re.compile(r"TOM is linked \(parent\) to an active child protection plan"))
    fact.wait_for()
    assert "contact Northbrook Children's Services before sharing more" in fact.inner_text()
    settle(browser)
    shot(browser, "practitioner-fact-of-concern")
    text = browser.locator("[data-testid=stMain]").inner_text()
    assert "CP1" not in text and "Leo" not in text and "Ann" not in text
    browser.get_by_label("Search a person by name or id").fill("Smith")
    browser.keyboard.press("Enter")
    browser.get_by_text("No one you may see matches").wait_for()


def test_a_lead_says_why_they_open_a_record_and_finds_it_in_the_audit_trail(app: tuple[str, str], browser: Any) -> None:
    base, _ = app
    sign_in(browser, base, "demo-lead")
    browser.goto(f"{base}/network")
    heading(browser, "Family network")
    browser.get_by_label("Search a person by name or id").fill("Mia")
    browser.keyboard.press("Enter")
    browser.get_by_label("Reason for opening this record").fill("Section 47 enquiry for Mia")
    browser.get_by_role("button", name="Open the record").click()
    browser.frame_locator("iframe").first.locator("#mynetwork canvas").wait_for()
    browser.goto(f"{base}/audit")
    heading(browser, "Audit trail")
    browser.get_by_text(re.compile(r"^The audit trail checks out: \d+ entries, unbroken\.$")).wait_for()
    browser.get_by_test_id("stSelectbox").first.click()
    browser.get_by_role("option", name="view person").click()
    settle(browser)
    browser.locator("table td").first.wait_for(state="attached")
    table = browser.locator("table").first.inner_text()
    assert "Section 47 enquiry for Mia" in table and "demo-lead" in table and "MIA" in table
    shot(browser, "audit-trail")
    with browser.expect_download() as download:
        browser.get_by_role("button", name="Download CSV").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert "view_person" in exported and "Section 47 enquiry for Mia" in exported


def test_a_name_carrying_script_is_shown_as_text_and_never_runs(app: tuple[str, str], browser: Any) -> None:
    base, _ = app
    dialogs: list[str] = []
    browser.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(browser, base, "demo-lead")
    browser.goto(f"{base}/network")
    heading(browser, "Family network")
    browser.get_by_label("Search a person by name or id").fill("ZED")
    browser.keyboard.press("Enter")
    browser.get_by_label("Reason for opening this record").fill("Checking the associate")
    browser.get_by_role("button", name="Open the record").click()
    graph = browser.frame_locator("iframe").first
    graph.locator("#mynetwork canvas").wait_for()
    browser.get_by_role("heading", name="<b>Zed</b> & <script>alert(1)</script>").wait_for()  # markup as text
    browser.wait_for_timeout(1500)
    assert dialogs == []
    assert browser.locator("b", has_text="Zed").count() == 0 and graph.locator("b", has_text="Zed").count() == 0


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export/people.csv", b"0" * 5_000_000)
    return buffer.getvalue()


def test_an_administrator_uploading_a_zip_bomb_is_refused_with_a_sentence(app: tuple[str, str], browser: Any) -> None:
    base, _ = app
    sign_in(browser, base, "demo-admin")
    heading(browser, "Data")  # an administrator's only page
    browser.locator("input[type=file]").set_input_files(
        files=[{"name": "bomb.zip", "mimeType": "application/zip", "buffer": _zip_bomb()}])
    browser.get_by_text(re.compile(r"bomb\.zip was refused: .* times its size \(a zip bomb\?\)")).wait_for()
    assert browser.get_by_test_id("stException").count() == 0
    assert browser.get_by_role("button", name=re.compile("^Import")).count() == 0
    shot(browser, "upload-bomb-refused")
