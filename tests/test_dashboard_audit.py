"""Every look and every change made through the dashboard is in the audit trail; leads read it there.

Driven through AppTest over tests/roles_world.py; downloads are made as a click makes them
(tests/page_scan.py), so an export is recorded exactly when the file is.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from data_model.access import Role
from data_model.audit_report import AuditFilter, audit_entries
from data_model.store import Store, open_store
from tests.dashboard_world import AS_OF, import_world
from tests.page_scan import capture_downloads, file_text
from tests.roles_world import roles_world
from tests.signed_in import sign_in, username_for

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "streamlit_app.py")
LEAD = username_for(Role.SAFEGUARDING_LEAD)


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'audited.db'}"
    import_world(roles_world(), url)
    return url


def signed_in(db_url: str, role: Role, monkeypatch: pytest.MonkeyPatch, agency: str | None = None) -> AppTest:
    monkeypatch.setenv("LINKEDRISK_DB_URL", db_url)
    monkeypatch.setenv("LINKEDRISK_RAISE_ERRORS", "1")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["as_of"] = dt.date.fromisoformat(AS_OF)
    return sign_in(at, db_url, role, agency).run()


def trail(db_url: str, action: str) -> list[dict[str, object]]:
    return audit_entries(open_store(db_url), AuditFilter(action=action)).to_dict("records")[::-1]


def search(at: AppTest, query: str) -> AppTest:
    at = at.switch_page("app_pages/network.py").run()
    return at.text_input(key="network_query").input(query).run()


def test_a_lead_opening_a_record_says_why_and_both_search_and_view_are_recorded(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = search(signed_in(db, Role.SAFEGUARDING_LEAD, monkeypatch), "Leo")
    assert "not on your agency's caseload" in at.info[0].value and not at.get("iframe")
    at.text_input(key="network_reason_text").input("Strategy meeting for Leo today")
    at = at.button(key="FormSubmitter:network_reason-Open the record").click().run()
    assert at.get("iframe")
    at.button_group(key="network_depth").set_value(2).run()  # a rerun is not another look
    [found] = trail(db, "search")
    assert (found["username"], found["records"], found["detail"]) == (LEAD, "LEO", "results=1")
    [view] = trail(db, "view_person")
    assert (view["records"], view["reason"], view["detail"]) == ("LEO", "Strategy meeting for Leo today",
                                                                 "outside_caseload=True")


def test_opening_a_record_with_no_reason_is_refused_and_nothing_is_shown(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = search(signed_in(db, Role.SAFEGUARDING_LEAD, monkeypatch), "Leo")
    at = at.button(key="FormSubmitter:network_reason-Open the record").click().run()
    assert at.error[0].value.startswith("Say why you are opening this record")
    assert not at.get("iframe") and not at.dataframe
    assert trail(db, "view_person") == []


def test_turning_to_another_person_is_another_look_and_the_search_text_is_never_kept(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = search(signed_in(db, Role.PRACTITIONER, monkeypatch, agency="HEALTH"), "Jones")
    assert at.get("iframe") and not at.get("form")  # Tom is on Health's caseload: no reason asked
    search(at, "Tom Jones")
    assert [v["records"] for v in trail(db, "view_person")] == ["TOM"]  # the same person: one look
    assert [s["records"] for s in trail(db, "search")] == ["TOM", "TOM"]
    assert "Jones" not in str(audit_entries(open_store(db)).to_dict("records"))


def test_a_plans_who_needs_to_know_table_is_recorded_as_one_look_at_its_people(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = signed_in(db, Role.MARAC_COORDINATOR, monkeypatch).switch_page("app_pages/who_needs_to_know.py").run()
    assert at.selectbox(key="wntk_plan").value == "MR1"
    at.toggle(key="wntk_include_ended").set_value(True).run()  # the same table again: no new entry
    [look] = trail(db, "view_person")
    assert look["detail"] == "page=who_needs_to_know" and "MR1" in str(look["records"]).split("; ")
    assert set(str(look["records"]).split("; ")) <= {"MR1", "ANN", "TOM", "LEO", "MIA"}


def test_a_download_is_recorded_when_the_file_is_made_with_the_records_it_holds(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    downloads = capture_downloads(monkeypatch)
    at = signed_in(db, Role.SAFEGUARDING_LEAD, monkeypatch).switch_page("app_pages/gaps.py").run()
    assert trail(db, "export") == []
    button = at.get("download_button")[0]
    name, data = downloads.make(button)
    assert name.endswith(".csv") and "LINKED_PLAN_NOT_SHARED" in file_text(name, data)
    [export] = trail(db, "export")
    assert export["username"] == LEAD and "export=gaps_csv" in str(export["detail"])
    assert {"CP1", "MR1", "MIA"} <= set(str(export["records"]).split("; "))


def test_a_practitioner_is_offered_no_download_and_no_status_change(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = signed_in(db, Role.PRACTITIONER, monkeypatch, agency="HEALTH").switch_page("app_pages/gaps.py").run()
    assert at.dataframe and not at.get("download_button") and not at.get("form")


def test_a_gap_status_change_is_recorded(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = signed_in(db, Role.SAFEGUARDING_LEAD, monkeypatch).switch_page("app_pages/gaps.py").run()
    at.multiselect(key="gaps_codes").select("CP_REVIEW_OVERDUE").run()
    at.radio(key="gaps_mark_status").set_value("acknowledged")
    at.text_area(key="gaps_mark_note").input("Review booked")
    at.get("form_submit_button")[0].click().run()  # type: ignore[attr-defined]
    [change] = trail(db, "gap_status_change")
    assert change["records"].startswith("CP_REVIEW_OVERDUE|CP1") and "status=acknowledged" in change["detail"]


def test_the_audit_page_lists_filters_checks_and_exports_the_trail(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    downloads = capture_downloads(monkeypatch)
    at = search(signed_in(db, Role.SAFEGUARDING_LEAD, monkeypatch), "Zed")
    at = at.switch_page("app_pages/audit.py").run()
    assert at.title[0].value == "Audit trail"
    assert at.success[0].value.startswith("The audit trail checks out")
    at.selectbox(key="audit_action").set_value("search").run()
    shown = at.dataframe[0].value
    assert shown["action"].tolist() == ["search"] and shown["records"].tolist() == ["ZED"]
    name, data = downloads.make(at.get("download_button")[0])
    assert "ZED" in file_text(name, data)
    assert [e["detail"] for e in trail(db, "export")] == [f"bytes={len(data)}, export=audit_csv"]
    assert any("action=search" in str(e["detail"]) for e in trail(db, "view_audit"))


def test_the_audit_page_says_when_the_trail_has_been_tampered_with(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = search(signed_in(db, Role.SAFEGUARDING_LEAD, monkeypatch), "Zed")  # entry 1
    store: Store = open_store(db)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP TRIGGER audit_log_no_update"))
        conn.execute(sa.text("UPDATE audit_log SET username = 'someone-else' WHERE seq = 1"))
    at = at.switch_page("app_pages/audit.py").run()
    assert at.error[0].value == "The audit trail has been tampered with: entry 1 was altered after it was written."


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _workbook_with(member: str, content: bytes) -> bytes:
    book, buffer = Workbook(), io.BytesIO()
    book.active.title = "people"
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    return _zip({m: content if m == member else source.read(m) for m in source.namelist()})


ROW = b'<row><c t="inlineStr"><is><t>0</t></is></c></row>'
HOSTILE_UPLOADS = {
    "zip bomb": ("export.zip", _zip({"people.csv": b"0" * 5_000_000}), "times its size (a zip bomb?)"),
    "xlsx bomb": ("export.xlsx", _workbook_with("xl/worksheets/sheet1.xml",
                                                b"<worksheet><sheetData>" + ROW * 60_000 + b"</sheetData></worksheet>"),
                  "times its size (a zip bomb?)"),
    "entities": ("export.xlsx", _workbook_with("xl/worksheets/sheet1.xml",
                                               b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>'),
                 "declares a DOCTYPE or entities"),
    "traversal": ("export.zip", _zip({"../../evil/people.csv": b"person_id\nP1\n"}), "outside its folder"),
}


@pytest.mark.parametrize("kind", list(HOSTILE_UPLOADS))
def test_the_data_page_refuses_a_hostile_upload_before_reading_it(
        kind: str, db: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    name, content, words = HOSTILE_UPLOADS[kind]
    at = signed_in(db, Role.ADMIN, monkeypatch).switch_page("app_pages/data.py").run()
    at.file_uploader(key="data_upload").set_value((name, content, "application/octet-stream")).run()
    assert not at.exception and words in at.error[0].value and at.error[0].value.startswith(f"{name} was refused")
    assert not at.get("button") or all(b.key != "data_import" for b in at.button)
    assert not list(tmp_path.rglob("people.csv")) and not (tmp_path.parent / "evil").exists()
