"""Looking, changing and exporting as a signed-in user: refused outside the role, recorded inside it.

These are the functions every dashboard page goes through (data_model/accountable.py), tested
without Streamlit: the role is enforced here, not by hiding a button.
"""

from __future__ import annotations

import datetime as dt

import pytest

from data_model import accountable, scoped_tables
from data_model.access import AccessDenied, Permission, Role, User, scope
from data_model.audit import verify
from data_model.audit_report import AuditFilter, audit_entries
from data_model.contract import validate
from data_model.errors import UserError
from data_model.gap_table import gaps_frame
from data_model.page_access import PAGE_ROLES, Page, may_open, pages_for, require_page
from data_model.partnership import Partnership
from data_model.rules import analyse
from data_model.store import Store, open_store
from tests.builders import AS_OF
from tests.roles_world import roles_world

LEAD = User("sam", Role.SAFEGUARDING_LEAD)
COORDINATOR = User("cora", Role.MARAC_COORDINATOR)
PRACTITIONER = User("pat", Role.PRACTITIONER, "HEALTH")
ANALYST = User("ana", Role.ANALYST)
ADMIN = User("root", Role.ADMIN)


@pytest.fixture
def store(sqlite_url: str) -> Store:
    s = open_store(sqlite_url)
    s.write(validate(roles_world().raw()))
    return s


@pytest.fixture(scope="module")
def p() -> Partnership:
    return roles_world().build()


def entries(store: Store, action: str) -> list[dict[str, object]]:
    return audit_entries(store, AuditFilter(action=action)).to_dict("records")


def test_a_search_records_the_ids_found_and_never_the_words_typed(store: Store, p: Partnership) -> None:
    found = accountable.search_people(store, LEAD, scope(p, LEAD, AS_OF), "smith")
    assert sorted(found["person_id"]) == ["ANN", "LEO", "MIA"]
    [entry] = entries(store, "search")
    assert entry["records"] == "ANN; LEO; MIA" and entry["detail"] == "results=3"
    assert "smith" not in str(entry).lower()


def test_a_practitioner_finds_only_their_agencys_caseload(store: Store, p: Partnership) -> None:
    view = scope(p, PRACTITIONER, AS_OF)
    assert accountable.search_people(store, PRACTITIONER, view, "smith").empty
    assert accountable.search_people(store, PRACTITIONER, view, "jones")["person_id"].tolist() == ["TOM"]


def test_an_analyst_cannot_search_for_people(store: Store, p: Partnership) -> None:
    with pytest.raises(AccessDenied):
        accountable.search_people(store, ANALYST, scope(p, ANALYST, AS_OF, pseudonym_key=b"k" * 32), "smith")
    assert entries(store, "search") == []


def test_opening_a_record_outside_the_scope_is_refused_and_not_recorded(store: Store, p: Partnership) -> None:
    view = scope(p, PRACTITIONER, AS_OF)
    with pytest.raises(AccessDenied, match="outside what your role may see"):
        accountable.reason_needed(p, PRACTITIONER, view, "LEO", AS_OF)
    with pytest.raises(AccessDenied):
        accountable.open_person(store, PRACTITIONER, view, "LEO", None, False)
    assert entries(store, "view_person") == []


def test_a_lead_opening_a_record_off_their_caseload_must_say_why(store: Store, p: Partnership) -> None:
    view = scope(p, LEAD, AS_OF)
    assert accountable.reason_needed(p, LEAD, view, "ZED", AS_OF)
    with pytest.raises(UserError, match="Say why"):
        accountable.open_person(store, LEAD, view, "ZED", "  ", True)
    accountable.open_person(store, LEAD, view, "ZED", "Strategy meeting for Leo", True)
    [entry] = entries(store, "view_person")
    assert (entry["username"], entry["records"], entry["reason"]) == ("sam", "ZED", "Strategy meeting for Leo")


def test_a_practitioner_opens_their_own_client_without_a_reason(store: Store, p: Partnership) -> None:
    view = scope(p, PRACTITIONER, AS_OF)
    assert not accountable.reason_needed(p, PRACTITIONER, view, "TOM", AS_OF)
    accountable.open_person(store, PRACTITIONER, view, "TOM", None, False)
    assert entries(store, "view_person")[0]["detail"] == "outside_caseload=False"


def test_a_look_at_a_cases_people_is_for_roles_that_may_view_people(store: Store) -> None:
    accountable.record_look(store, COORDINATOR, "marac_meeting", ["MR1", "ANN", "TOM"])
    with pytest.raises(AccessDenied):
        accountable.record_look(store, ANALYST, "marac_meeting", ["MR1"])
    assert [(e["records"], e["detail"]) for e in entries(store, "view_person")] == [
        ("ANN; MR1; TOM", "page=marac_meeting")]


def test_an_export_is_refused_up_front_for_a_role_that_may_not_export(store: Store) -> None:
    for user in (PRACTITIONER, ANALYST, ADMIN):
        with pytest.raises(AccessDenied):
            accountable.export(store, user, "gaps_csv", lambda: b"x", ["P1"])


def test_an_export_is_recorded_when_the_file_is_made_with_the_ids_it_holds(store: Store) -> None:
    make = accountable.export(store, LEAD, "gaps_csv", lambda: b"severity,code\n", ["PL1", "P2"])
    assert entries(store, "export") == []  # offering the button is not an export
    assert make() == b"severity,code\n"
    [entry] = entries(store, "export")
    assert entry["records"] == "P2; PL1" and entry["detail"] == "bytes=14, export=gaps_csv"


def test_the_analyst_export_is_for_analysts_and_leads_only(store: Store) -> None:
    assert accountable.analyst_export(store, ANALYST, "analyst_export", lambda: b"zip")() == b"zip"
    assert accountable.analyst_export(store, LEAD, "analyst_export", lambda: b"zip")() == b"zip"
    for user in (COORDINATOR, PRACTITIONER, ADMIN):
        with pytest.raises(AccessDenied):
            accountable.analyst_export(store, user, "analyst_export", lambda: b"zip")
    assert [e["username"] for e in entries(store, "export")] == ["sam", "ana"]


def test_a_gap_status_change_needs_the_permission_and_is_recorded_without_its_note(store: Store) -> None:
    for user in (PRACTITIONER, ANALYST, ADMIN):
        with pytest.raises(AccessDenied):
            accountable.change_gap_status(store, user, "CP_REVIEW_OVERDUE|CP1||||||", "resolved", "done")
    accountable.change_gap_status(store, COORDINATOR, "CP_REVIEW_OVERDUE|CP1||||||", "resolved", "Rang Leo's mum")
    [entry] = entries(store, "gap_status_change")
    assert entry["records"] == "CP_REVIEW_OVERDUE|CP1||||||" and "Leo" not in str(entry)


def test_a_coordinator_edits_actions_only_on_cases_in_their_scope(store: Store, p: Partnership) -> None:
    view = scope(p, COORDINATOR, AS_OF)
    with pytest.raises(AccessDenied):
        accountable.new_action(store, COORDINATOR, view, "CP1", "Visit", None, None)
    new = accountable.new_action(store, COORDINATOR, view, "MR1", "Safety plan", "POLICE", dt.date(2026, 12, 1))
    accountable.edit_action(store, COORDINATOR, view, "MR1", new, 1, {"description": "Safety plan, reviewed"})
    recorded = entries(store, "action_edit")
    assert [e["detail"] for e in recorded] == ["change=update, fields=['description'], version=2", "change=new"]
    assert all(set(e["records"].split("; ")) == {"MR1", new} for e in recorded)
    with pytest.raises(AccessDenied):
        accountable.new_action(store, PRACTITIONER, scope(p, PRACTITIONER, AS_OF), "MR1", "Visit", None, None)


def test_only_an_administrator_imports_and_the_import_is_recorded(store: Store) -> None:
    validated = validate(roles_world().raw())
    with pytest.raises(AccessDenied):
        accountable.import_checked(store, LEAD, validated)
    accountable.import_checked(store, ADMIN, validated)
    assert "source=dashboard" in entries(store, "import")[0]["detail"]


def test_only_a_lead_reads_the_audit_trail_and_the_look_is_recorded(store: Store) -> None:
    for user in (COORDINATOR, PRACTITIONER, ANALYST, ADMIN):
        with pytest.raises(AccessDenied):
            accountable.read_audit(store, user, AuditFilter(), record_view=True)
    accountable.read_audit(store, LEAD, AuditFilter(action="search"), record_view=True)
    accountable.read_audit(store, LEAD, AuditFilter(action="search"), record_view=False)
    assert [e["detail"] for e in entries(store, "view_audit")] == ["action=search, results=0"]
    assert verify(store).ok


def test_a_gap_summary_never_names_someone_outside_the_scope(p: Partnership) -> None:
    """MR1 is on a practitioner's caseload through Tom, but its victim Ann is not: her name is blanked."""
    frame = gaps_frame(analyse(p, AS_OF).gaps(), p)
    rows = scoped_tables.gap_rows(scope(p, PRACTITIONER, AS_OF), frame, p.people)
    overdue = rows.loc[rows["code"] == "ACTION_OVERDUE", "summary"].tolist()
    assert overdue == [s.replace("Ann Smith", "[not shown]") for s in
                       frame.loc[frame["code"] == "ACTION_OVERDUE", "summary"]]
    assert "[not shown]" in overdue[0]
    assert not rows["summary"].str.contains("Ann|Leo|Mia|Zed|Smith").any()


def test_a_practitioner_gets_the_fact_of_concern_and_whom_to_contact_not_the_plan(p: Partnership) -> None:
    facts = scoped_tables.facts_frame(scope(p, PRACTITIONER, AS_OF))
    assert facts[["person_id", "plan", "link"]].values.tolist() == [["TOM", "child protection plan", "parent"]]
    assert facts["contact"].tolist() == ["Northbrook Children's Services"]
    assert "CP1" not in " ".join(facts.astype(str).to_numpy().ravel())


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_exactly_its_pages(role: Role) -> None:
    user = User("someone", role, "HEALTH" if role is Role.PRACTITIONER else None)
    assert pages_for(user) == [page.value for page in Page if role in PAGE_ROLES[page]]
    for page in Page:
        if not may_open(user, page):
            with pytest.raises(AccessDenied, match="does not open"):
                require_page(user, page)


def test_the_pages_a_role_opens_agree_with_what_it_may_do() -> None:
    from data_model.access import can

    for page in (Page.OVERVIEW, Page.NETWORK, Page.WHO_NEEDS_TO_KNOW, Page.GAPS, Page.SHARING):
        assert PAGE_ROLES[page] == {r for r in Role if can(User("x", r, "A"), Permission.VIEW_PEOPLE)}
    assert PAGE_ROLES[Page.DATA] == {r for r in Role if can(User("x", r), Permission.IMPORT)}
    assert PAGE_ROLES[Page.AUDIT] == {r for r in Role if can(User("x", r), Permission.VIEW_AUDIT)}
    assert PAGE_ROLES[Page.MARAC] == {r for r in Role if can(User("x", r), Permission.EDIT_ACTIONS)}
