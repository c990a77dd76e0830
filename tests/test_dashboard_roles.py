"""Need to know, through the dashboard: each role opens every page it may, clicks through what a person
would, makes every download, and is never shown a name, id, birth date or address it must not read.

The scan (tests/page_scan.py) reads every text, option, table cell, chart spec and embedded network
page, and every downloaded file (CSV, XLSX, PDF, ZIP). A safeguarding lead, who may read everything,
is the control: the same scan finds every one of those things in what the lead is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.identity import USER_KEY
from dashboard.markdown_text import plain
from dashboard.navigation import PAGES, PAGES_DIR, specs_for
from data_model.access import ROLE_LABELS, Role, User
from data_model.page_access import PAGE_WORDS, Page
from data_model.pseudonymise import KEY_ENV
from tests.dashboard_world import AS_OF, import_world
from tests.page_scan import Downloads, capture_downloads, downloaded_text, shown_text
from tests.roles_world import BORN, NAMES, PRACTITIONER_AGENCY, READS, forbidden, roles_world
from tests.signed_in import sign_in, username_for

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "streamlit_app.py")
SEARCHES = [*BORN, *{n for pair in NAMES.values() for n in pair}]


@pytest.fixture(scope="module")
def roles_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('roles') / 'roles.db'}"
    import_world(roles_world(), url)
    return url


def agency_of(role: Role) -> str | None:
    return PRACTITIONER_AGENCY if role is Role.PRACTITIONER else None


def signed_in(db_url: str, role: Role, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("LINKEDRISK_DB_URL", db_url)
    monkeypatch.setenv("LINKEDRISK_RAISE_ERRORS", "1")
    monkeypatch.setenv(KEY_ENV, "a key for the role tests, long enough to use")
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["as_of"] = dt.date.fromisoformat(AS_OF)
    return sign_in(at, db_url, role, agency_of(role)).run()


class Explorer:
    """Clicks through a page as a person would, keeping everything it was shown."""

    def __init__(self, at: AppTest, downloads: Downloads) -> None:
        self.at, self.downloads = at, downloads
        self.seen: list[str] = []
        self.typed = ""

    def take(self) -> None:
        assert not self.at.exception, self.at.exception
        echo = f"“{plain(self.typed)}”"  # "No one you may see matches “...”" repeats what was typed
        self.seen += [shown_text(self.at).replace(echo, "“”"), downloaded_text(self.at, self.downloads)]

    def run(self) -> None:
        self.at.run()
        self.take()

    def every_option(self, key: str) -> None:
        for index in range(len(self.at.selectbox(key=key).options)):
            self.at.selectbox(key=key).select_index(index)
            self.run()

    def network(self) -> None:
        for query in SEARCHES:
            self.typed = query
            self.at.text_input(key="network_query").input(query)
            self.run()
            if self.at.get("selectbox"):
                for index in range(len(self.at.selectbox(key="network_person").options)):
                    self.at.selectbox(key="network_person").select_index(index)
                    self.run()
                    if self.at.get("text_input") and any(t.key == "network_reason_text" for t in self.at.text_input):
                        self.at.text_input(key="network_reason_text").input("Checking what my role shows")
                        self.at.button(key="FormSubmitter:network_reason-Open the record").click()
                        self.run()

    def who_needs_to_know(self) -> None:
        self.at.toggle(key="wntk_include_ended").set_value(True)
        self.run()
        if self.at.get("selectbox"):
            self.every_option("wntk_plan")

    def marac(self) -> None:
        if self.at.get("selectbox"):
            self.every_option("marac_meeting")

    def patterns(self) -> None:
        self.at.number_input(key="patterns_threshold").set_value(0)
        self.run()
        self.every_option("patterns_report")

    def sharing(self) -> None:
        self.at.button_group(key="sharing_period").set_value("All time")
        self.run()

    def page(self, file: str) -> str:
        self.at.switch_page(f"app_pages/{file}")
        self.run()
        explore = {"network.py": self.network, "who_needs_to_know.py": self.who_needs_to_know,
                   "marac.py": self.marac, "patterns.py": self.patterns, "sharing.py": self.sharing}.get(file)
        if explore:
            explore()
        return "\n".join(self.seen)


def everything_shown(db_url: str, role: Role, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """(page file, all it showed and gave for download) for every page ``role`` may open."""
    downloads = capture_downloads(monkeypatch)
    at = signed_in(db_url, role, monkeypatch)
    for spec in specs_for(User("someone", role, agency_of(role))):
        explorer = Explorer(at, downloads)
        yield spec.file, explorer.page(spec.file)


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.MARAC_COORDINATOR, Role.ANALYST, Role.ADMIN])
def test_no_page_or_download_shows_a_role_what_it_must_not_read(
        roles_db: str, role: Role, monkeypatch: pytest.MonkeyPatch) -> None:
    hidden = forbidden(role)
    leaks = {file: hidden.found_in(text) for file, text in everything_shown(roles_db, role, monkeypatch)}
    assert {file: found for file, found in leaks.items() if found} == {}


def test_a_lead_is_shown_everything_the_others_must_not_see(roles_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: the scan does find names, ids, birth dates, addresses and plans where they are."""
    shown = "\n".join(text for _, text in everything_shown(roles_db, Role.SAFEGUARDING_LEAD, monkeypatch))
    everyone = forbidden(Role.ADMIN)
    found = set(everyone.found_in(shown))
    assert everyone.words <= found
    assert set(BORN.values()) <= found  # (no page shows an address yet; they stay in the forbidden list)


def test_each_role_is_offered_only_its_own_pages(roles_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    offered = {}
    for role in Role:
        at = signed_in(roles_db, role, monkeypatch)
        offered[role] = [s.title for s in specs_for(User("x", role, agency_of(role)))]
        assert at.title[0].value == offered[role][0]
    assert offered[Role.ANALYST] == ["Patterns"]
    assert offered[Role.ADMIN] == ["Data"]
    assert "Audit trail" in offered[Role.SAFEGUARDING_LEAD] and "Data" not in offered[Role.SAFEGUARDING_LEAD]
    assert "MARAC meetings" in offered[Role.MARAC_COORDINATOR] and "Audit trail" not in offered[Role.MARAC_COORDINATOR]
    assert {"Patterns", "MARAC meetings", "Audit trail", "Data"}.isdisjoint(offered[Role.PRACTITIONER])


@pytest.mark.parametrize("spec", PAGES, ids=[s.file for s in PAGES])
def test_a_page_outside_the_role_is_neither_offered_nor_willing(
        roles_db: str, spec, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not in the role's navigation; and the page itself, run anyway, refuses before showing anything."""
    monkeypatch.setenv("LINKEDRISK_DB_URL", roles_db)
    for role in Role:
        user = User(username_for(role, agency_of(role)), role, agency_of(role))
        if spec in specs_for(user):
            continue
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            signed_in(roles_db, role, monkeypatch).switch_page(f"app_pages/{spec.file}")
        page = AppTest.from_function(run_page_file, args=(str(PAGES_DIR / spec.file),), default_timeout=60)
        page.session_state[USER_KEY] = user
        page.session_state["as_of"] = dt.date.fromisoformat(AS_OF)
        page.run()
        assert [e.value for e in page.error] == [f"Your role ({ROLE_LABELS[role]}) does not open "
                                                 f"{PAGE_WORDS[Page(spec.url_path)]}."]
        assert not page.title and not page.dataframe, (role, spec.file)


def run_page_file(path: str) -> None:
    """A page file run on its own, as if reached without the navigation (errors shown as the app shows them)."""
    import runpy

    from dashboard.friendly_errors import friendly_errors

    with friendly_errors("page"):
        runpy.run_path(path)


def test_a_practitioner_sees_only_the_fact_of_concern_about_a_linked_plan(
        roles_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = signed_in(roles_db, Role.PRACTITIONER, monkeypatch)
    at = at.switch_page("app_pages/network.py").run()
    at.text_input(key="network_query").input("Tom").run()
    warnings = [w.value for w in at.warning]
    assert any("TOM is linked \\(parent\\) to an active child protection plan" in w and "Children\\'s Services" in w
               for w in warnings), warnings
    assert READS[Role.PRACTITIONER][0] == {"TOM"} and not forbidden(Role.PRACTITIONER).found_in(shown_text(at))
