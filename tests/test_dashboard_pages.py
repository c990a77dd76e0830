"""Every dashboard page, driven through Streamlit's AppTest over a small family in a SQLite file."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.navigation import PAGES
from data_model.access import Role
from data_model.gap_status import current_statuses
from data_model.page_access import PAGE_ROLES
from data_model.store import open_store
from tests.dashboard_world import AS_OF, MARKUP_NAME, family_world, import_world
from tests.signed_in import sign_in, username_for

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "streamlit_app.py")
DAY = dt.date.fromisoformat(AS_OF)
EXTERNAL = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", re.IGNORECASE | re.DOTALL)


@pytest.fixture(scope="module")
def family_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('dashboard') / 'family.db'}"
    import_world(family_world(), url)
    return url


def signed_in_app(db_url: str, monkeypatch: pytest.MonkeyPatch, role: Role) -> AppTest:
    """The dashboard over ``db_url`` on the family's as-of date, signed in as ``role``, errors raised."""
    monkeypatch.setenv("LINKEDRISK_DB_URL", db_url)
    monkeypatch.setenv("LINKEDRISK_RAISE_ERRORS", "1")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["as_of"] = DAY
    return sign_in(at, db_url, role).run()


@pytest.fixture
def app(family_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The dashboard over the family, signed in as a safeguarding lead."""
    yield signed_in_app(family_db, monkeypatch, Role.SAFEGUARDING_LEAD)


@pytest.fixture
def admin_app(family_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The dashboard over the family, signed in as an administrator (the Data page)."""
    yield signed_in_app(family_db, monkeypatch, Role.ADMIN)


def open_page(at: AppTest, file: str) -> AppTest:
    return at.switch_page(f"app_pages/{file}").run()


def a_role_that_opens(spec) -> Role:  # type: ignore[no-untyped-def]
    roles = PAGE_ROLES[spec.url_path]
    return Role.SAFEGUARDING_LEAD if Role.SAFEGUARDING_LEAD in roles else sorted(roles)[0]


def give_reason(at: AppTest, reason: str = "Preparing the strategy meeting") -> AppTest:
    """Say why a record off the caseload is opened (leads are asked each time they turn to someone new)."""
    at.text_input(key="network_reason_text").input(reason)
    return at.button(key="FormSubmitter:network_reason-Open the record").click().run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("spec", PAGES, ids=[s.file for s in PAGES])
def test_every_page_opens_without_an_error(family_db: str, monkeypatch: pytest.MonkeyPatch, spec) -> None:
    at = open_page(signed_in_app(family_db, monkeypatch, a_role_that_opens(spec)), spec.file)
    assert not at.exception
    assert not at.error
    assert at.title[0].value == spec.title


def test_overview_counts_people_active_cases_and_open_gaps(app: AppTest) -> None:
    figures = metrics(app)
    assert figures["People"] == "5"
    assert figures["Active MAPPA cases"] == "1"
    assert figures["Active child protection plans"] == "1"
    assert figures["Active MARAC cases"] == "1"
    assert int(figures["Open gaps: high"]) > 0
    assert figures["Child sharing with consent recorded"] == "50%"


def test_overview_follows_the_as_of_date_chosen_in_the_sidebar(app: AppTest) -> None:
    app.sidebar.date_input(key="as_of").set_value(dt.date(2025, 1, 1)).run()
    figures = metrics(app)
    assert figures["Active MAPPA cases"] == "0"
    assert figures["Active child protection plans"] == "0"
    assert "1 January 2025" in app.main.caption[0].value


def test_the_as_of_date_stays_when_moving_to_another_page(app: AppTest) -> None:
    app.sidebar.date_input(key="as_of").set_value(dt.date(2026, 10, 1)).run()
    at = open_page(app, "gaps.py")
    assert "1 October 2026" in at.main.caption[0].value


def test_family_network_finds_a_family_by_name_and_draws_it_offline(app: AppTest) -> None:
    at = open_page(app, "network.py")
    at = give_reason(at.text_input(key="network_query").input("smith").run())
    assert at.selectbox(key="network_person").options[0].startswith("Ann Smith (ANN)")
    page = at.get("iframe")[0].proto.srcdoc
    assert "Leo Smith" in page and "Practitioner PC1" in page
    assert not EXTERNAL.search(page)
    assert not at.exception


def test_family_network_side_panel_lists_plans_workers_and_open_gaps(app: AppTest) -> None:
    at = open_page(app, "network.py")
    at = give_reason(at.text_input(key="network_query").input("LEO").run())
    plans, workers, gaps = (d.value for d in at.dataframe)
    assert plans["plan_id"].tolist() == ["CP1"]
    assert workers["agency"].tolist() == ["Northbrook Children's Services"]
    assert "CHILD_VOICE_NOT_RECORDED" in set(gaps["code"])


def test_family_network_depth_two_reaches_further(app: AppTest) -> None:
    at = open_page(app, "network.py")
    at = give_reason(at.text_input(key="network_query").input("ZED").run())  # an associate of Tom, Leo's father
    near = at.get("iframe")[0].proto.srcdoc
    at.button_group(key="network_depth").set_value(2).run()
    far = at.get("iframe")[0].proto.srcdoc
    assert "Leo Smith" not in near and "Leo Smith" in far


def test_family_network_says_when_no_one_matches(app: AppTest) -> None:
    at = open_page(app, "network.py")
    at.text_input(key="network_query").input("Nobody-by-that-name").run()
    assert "No one you may see matches" in at.warning[0].value


def test_markup_in_a_name_is_escaped_in_the_network_page(app: AppTest) -> None:
    at = open_page(app, "network.py")
    at = give_reason(at.text_input(key="network_query").input("ZED").run())
    page = at.get("iframe")[0].proto.srcdoc
    assert MARKUP_NAME not in page
    assert "<script>alert(1)</script>" not in page


def test_who_needs_to_know_lists_agencies_not_informed_first(app: AppTest) -> None:
    at = open_page(app, "who_needs_to_know.py")
    assert at.selectbox(key="wntk_plan").value == "CP1"
    table = at.dataframe[0].value
    statuses = table["status"].tolist()
    assert statuses[0] == "not informed"
    assert statuses == sorted(statuses, key=["not informed", "informed", "part of plan"].index)
    assert {"agency", "practitioner", "information_level", "path", "lawful_basis"} <= set(table.columns)


def test_who_needs_to_know_offers_ended_plans_only_when_asked(app: AppTest) -> None:
    at = open_page(app, "who_needs_to_know.py")
    assert not any("OLD" in option for option in at.selectbox(key="wntk_plan").options)
    at.toggle(key="wntk_include_ended").set_value(True).run()
    assert any("OLD" in option and "(ended)" in option for option in at.selectbox(key="wntk_plan").options)


def test_gaps_filter_by_code_shows_only_that_code(app: AppTest) -> None:
    at = open_page(app, "gaps.py")
    at.multiselect(key="gaps_codes").select("CP_REVIEW_OVERDUE").run()
    table = at.dataframe[0].value
    assert table["code"].tolist() == ["CP_REVIEW_OVERDUE"]
    assert "CP1" in table["summary"].iloc[0]


def test_marking_a_gap_resolved_stores_who_and_when(app: AppTest, family_db: str) -> None:
    at = open_page(app, "gaps.py")
    at.multiselect(key="gaps_codes").select("ACTION_OVERDUE").run()
    at.radio(key="gaps_mark_status").set_value("resolved")
    at.text_area(key="gaps_mark_note").input("Action done on the 2nd")
    at.get("form_submit_button")[0].click().run()  # type: ignore[attr-defined]
    assert "marked resolved" in at.success[0].value
    assert at.dataframe[0].value["status"].tolist() == ["resolved"]
    latest = current_statuses(open_store(family_db).engine)
    row = latest[latest.index.str.startswith("ACTION_OVERDUE")].iloc[0]
    lead = username_for(Role.SAFEGUARDING_LEAD)
    assert (row["status"], row["changed_by"], row["note"]) == ("resolved", lead, "Action done on the 2nd")


def test_a_gap_status_survives_a_reimport_of_the_same_data(app: AppTest, family_db: str) -> None:
    at = open_page(app, "gaps.py")
    at.multiselect(key="gaps_codes").select("CP_REVIEW_OVERDUE").run()
    at.radio(key="gaps_mark_status").set_value("acknowledged")
    at.get("form_submit_button")[0].click().run()
    import_world(family_world(), family_db)
    at.sidebar.button(key="sidebar_reload").click().run()
    assert at.dataframe[0].value["status"].tolist() == ["acknowledged"]


def test_sharing_page_shows_the_nine_purposes_and_adult_sharing_without_one(app: AppTest) -> None:
    at = open_page(app, "sharing.py")
    assert not at.exception
    assert metrics(at)["Sharing about adults naming no purpose"] == "1"
    assert any("Tom" in v or "TOM" in v for v in at.dataframe[0].value["person_id"])


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(f"contract/{name}", text)
    return buffer.getvalue()


BAD_UPLOAD = {
    "agencies.csv": "agency_id,name,sector\nA1,Police,police\nA2,Somewhere,spaceport\n",
    "people.csv": "person_id,given_name,family_name,date_of_birth\nN1,New,Person,2001-02-30\nN2,Good,Row,2001-02-03\n",
}


def test_data_page_reports_each_bad_row_with_table_line_column_and_reason(admin_app: AppTest) -> None:
    at = open_page(admin_app, "data.py")
    at.file_uploader(key="data_upload").set_value(("bad.zip", _zip(BAD_UPLOAD), "application/zip")).run()
    report = at.dataframe[1].value
    assert report[["table", "line", "column"]].values.tolist() == [["agencies", 3, "sector"],
                                                                    ["people", 2, "date_of_birth"]]
    assert "spaceport" in report["reason"].iloc[0]
    assert "break the data contract" in at.error[0].value


def test_data_page_says_why_a_file_cannot_be_read(admin_app: AppTest) -> None:
    at = open_page(admin_app, "data.py")
    at.file_uploader(key="data_upload").set_value(("notes.zip", b"not a zip at all", "application/zip")).run()
    assert "not a readable zip file" in at.error[0].value
    assert not at.exception


def test_data_page_imports_an_upload_into_an_empty_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    lead = signed_in_app(empty, monkeypatch, Role.SAFEGUARDING_LEAD)
    assert "no data in Linked Risk yet" in lead.info[0].value
    at = open_page(signed_in_app(empty, monkeypatch, Role.ADMIN), "data.py")
    at.file_uploader(key="data_upload").set_value(("good.zip", _zip(BAD_UPLOAD), "application/zip")).run()
    at.button(key="data_import").click().run()
    assert "Imported 2 rows" in at.success[0].value
    assert metrics(lead.run())["People"] == "1"


@pytest.mark.parametrize("spec", PAGES, ids=[s.file for s in PAGES])
def test_every_page_on_an_empty_database_says_what_to_do(spec, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    at = open_page(signed_in_app(empty, monkeypatch, a_role_that_opens(spec)), spec.file)
    assert not at.exception and not at.error
    if spec.file not in ("data.py", "audit.py"):
        assert any("Data page" in i.value for i in at.info)


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    agencies = book.active
    agencies.title = "agencies"
    agencies.append(["agency_id", "name", "sector"])
    agencies.append(["WB1", "Workbook Police", "police"])
    people = book.create_sheet("people")
    people.append(["person_id", "given_name", "family_name", "date_of_birth"])
    people.append(["WBP1", "Wendy", "Book", dt.date(1980, 1, 2)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_data_page_checks_a_workbook_too(admin_app: AppTest) -> None:
    at = open_page(admin_app, "data.py")
    at.file_uploader(key="data_upload").set_value(("export.xlsx", _workbook(), "application/vnd.ms-excel")).run()
    assert at.success[0].value == "Every row meets the data contract."
    assert at.button(key="data_import").label == "Import 2 valid rows"
