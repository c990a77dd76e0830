"""The real dashboard in headless Chromium: what a safeguarding lead would click, with no internet.

A session fixture imports the sample data (or, before it exists, the small test family) and the
demo users into a temporary SQLite file, starts ``streamlit run`` on a free port, and every
request that is not to this machine fails and is remembered. The browser signs in once as the
demo safeguarding lead (the Data page: as the demo administrator). Screenshots go to
tests/screenshots/.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from data_model.contract import validate
from data_model.demo_users import add_demo_users
from data_model.sources import read_source
from data_model.store import open_store
from tests.browser_session import settle, sign_in
from tests.dashboard_world import family_world, import_world
from tests.streamlit_server import CHROMIUM, offline_browser, streamlit_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium "
                       "(apt-get install chromium, or `make browser-deps`)"),
]

ROOT = Path(__file__).resolve().parents[1]
#: The contract folder to import: LINKEDRISK_BROWSER_DATA, else the committed sample data.
SAMPLE = Path(os.environ.get("LINKEDRISK_BROWSER_DATA") or ROOT / "sample_data")
SHOTS = ROOT / "tests" / "screenshots"
PAGES = {"": "Overview", "network": "Family network", "who-needs-to-know": "Who needs to know", "gaps": "Gaps",
         "sharing": "Information sharing", "audit": "Audit trail", "data": "Data"}
LEAD_PAGES = [path for path in PAGES if path != "data"]
AS_OF = "2026-11-27"
WAIT_MS = 60_000


def _import(url: str) -> str:
    """Import the sample data (the test family when there is none yet); returns the person to search."""
    if (SAMPLE / "people.csv").exists():
        store = open_store(url)
        store.write(validate(read_source(SAMPLE)))
        p = store.load()
        cp = p.plans[(p.plans["plan_type"] == "CP_PLAN") & p.plans["end_date"].isna()].sort_values("plan_id")
        members = p.plan_members[p.plan_members["plan_id"].isin(cp["plan_id"])]
        return str(members.sort_values(["plan_id", "person_id"])["person_id"].iloc[0])
    import_world(family_world(), url)
    return "LEO"


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """(base URL, a person id to search for, their name), with the server stopped afterwards."""
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'linkedrisk.db'}"
    person_id = _import(url)
    add_demo_users(open_store(url))
    people = open_store(url).load().people.set_index("person_id")
    name = f"{people.loc[person_id, 'given_name']} {people.loc[person_id, 'family_name']}".strip()
    with streamlit_server(url, folder / "streamlit.log") as server:
        yield server.url, person_id, name


@pytest.fixture(scope="module")
def browser_context(dashboard: tuple[str, str, str]) -> Iterator[tuple[Any, Any]]:
    """An offline browser signed in as the demo safeguarding lead (the cookie opens every page)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    with offline_browser(viewport=(1440, 1150)) as (context, guard):
        _sign_in(context, dashboard[0], "demo-lead")
        yield context, guard


@pytest.fixture(scope="module")
def admin_context(browser_context: tuple[Any, Any], dashboard: tuple[str, str, str]) -> Iterator[tuple[Any, Any]]:
    """A second context of the same browser (its own cookies), signed in as the demo administrator."""
    lead, guard = browser_context
    context = lead.browser.new_context(viewport={"width": 1440, "height": 1150}, accept_downloads=True)
    context.route("**/*", guard.route)
    _sign_in(context, dashboard[0], "demo-admin")
    yield context, guard
    context.close()


def _sign_in(context: Any, base: str, username: str) -> None:
    first = context.new_page()
    first.set_default_timeout(WAIT_MS)
    sign_in(first, base, username)
    first.close()


def _page(context: Any, guard: Any) -> Iterator[Any]:
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    yield page
    page.close()
    assert guard.attempted == [], f"the dashboard tried to reach the internet: {guard.attempted[:3]}"


@pytest.fixture
def page(browser_context: tuple[Any, Any]) -> Iterator[Any]:
    """A page of the browser signed in as the demo safeguarding lead."""
    yield from _page(*browser_context)


@pytest.fixture
def admin_page(admin_context: tuple[Any, Any]) -> Iterator[Any]:
    """A page of the browser signed in as the demo administrator."""
    yield from _page(*admin_context)


def open_page(page: Any, base: str, path: str) -> None:
    """Go to a page on the sample's as-of date and wait until it has finished running."""
    page.goto(f"{base}/{path}?as_of={AS_OF}")
    page.get_by_role("heading", name=PAGES[path], level=1).wait_for()
    settle(page)


def no_errors(page: Any) -> None:
    assert page.get_by_test_id("stException").count() == 0
    errors = page.get_by_test_id("stAlertContentError")
    assert errors.count() == 0, errors.first.inner_text()


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("path", LEAD_PAGES, ids=[PAGES[p] for p in LEAD_PAGES])
def test_every_page_opens_offline_without_an_error(dashboard: tuple[str, str, str], page: Any, path: str) -> None:
    base, _, _ = dashboard
    open_page(page, base, path)
    no_errors(page)
    shot(page, f"page-{path or 'overview'}")


def test_the_data_page_opens_offline_for_an_administrator(dashboard: tuple[str, str, str], admin_page: Any) -> None:
    base, _, _ = dashboard
    open_page(admin_page, base, "data")
    no_errors(admin_page)
    shot(admin_page, "page-data")


def test_overview_shows_the_headline_figures_and_a_chart(dashboard: tuple[str, str, str], page: Any) -> None:
    base, _, _ = dashboard
    open_page(page, base, "")
    page.get_by_test_id("stMetric").nth(7).wait_for()
    assert page.get_by_test_id("stMetric").count() == 8
    page.get_by_test_id("stVegaLiteChart").first.wait_for()
    page.get_by_text("Open gaps by code").first.wait_for()


def test_search_a_person_and_open_their_network(dashboard: tuple[str, str, str], page: Any) -> None:
    base, person_id, name = dashboard
    open_page(page, base, "network")
    page.get_by_label("Search a person by name or id").fill(name)
    page.keyboard.press("Enter")
    settle(page)
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=re.compile(re.escape(f"({person_id})"))).click()
    settle(page)
    page.get_by_label("Reason for opening this record").fill("Preparing the child protection review")
    page.get_by_role("button", name="Open the record").click()
    frame = page.frame_locator("iframe").first
    frame.locator("#mynetwork canvas").wait_for()
    graph = page.frames[-1]
    graph.wait_for_function("() => typeof network !== 'undefined' && network.body.data.nodes.length > 1")
    nodes = graph.evaluate("() => network.body.data.nodes.length")
    assert nodes > 1
    page.get_by_text("Who works with them").wait_for()
    page.wait_for_timeout(1500)  # let the layout settle for the picture
    shot(page, "family-network")
    no_errors(page)


def test_filter_gaps_then_mark_one_resolved(dashboard: tuple[str, str, str], page: Any) -> None:
    base, _, _ = dashboard
    open_page(page, base, "gaps")
    total = int(re.search(r"of ([\d,]+) gaps", page.get_by_text(re.compile(r"of [\d,]+ gaps")).inner_text())
                .group(1).replace(",", ""))
    page.get_by_test_id("stMultiSelect").first.click()
    page.get_by_role("option").filter(has_not_text="Select all").first.click()
    page.keyboard.press("Escape")
    fewer = page.get_by_text(re.compile(rf"^(?!{total:,} of)[\d,]+ of {total:,} gaps$"))
    try:
        fewer.wait_for()
    finally:
        shot(page, "gaps-filtered")
    settle(page)
    assert 0 < int(fewer.inner_text().split()[0].replace(",", "")) < total
    page.locator("table td").first.wait_for(state="attached")  # the accessible copy of the canvas-drawn table
    page.get_by_text("resolved", exact=True).click()
    page.get_by_label("Note").fill("Told the school on the phone today.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Gap marked resolved").wait_for()
    page.get_by_text("Status now: resolved, by demo-lead").wait_for()
    shot(page, "gap-resolved")


def _bad_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export/agencies.csv", "agency_id,name,sector\nA1,Police,police\nA2,Moon Base,spaceport\n")
        archive.writestr("export/people.csv", "person_id,given_name,date_of_birth\nN1,Ann,2001-02-30\nN2,Bo,\n")
    return buffer.getvalue()


def test_upload_a_bad_file_and_see_the_errors(dashboard: tuple[str, str, str], admin_page: Any) -> None:
    base, _, _ = dashboard
    page = admin_page
    open_page(page, base, "data")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "bad-export.zip", "mimeType": "application/zip", "buffer": _bad_zip()}])
    page.get_by_text("rows break the data contract").wait_for()
    page.locator("table td").first.wait_for(state="attached")
    report = page.locator("table").nth(1).inner_text()
    assert "spaceport" in report and "date_of_birth" in report
    page.get_by_role("button", name="Download the quarantined rows (.zip)").wait_for()
    shot(page, "upload-errors")


def test_upload_a_file_that_is_not_a_contract_says_why(dashboard: tuple[str, str, str], admin_page: Any) -> None:
    base, _, _ = dashboard
    page = admin_page
    open_page(page, base, "data")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "notes.zip", "mimeType": "application/zip", "buffer": b"just some notes"}])
    page.get_by_text("is not a readable zip file").wait_for()
    assert page.get_by_test_id("stException").count() == 0
