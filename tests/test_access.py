"""Need to know: each role reads only what it must, proved by scanning every cell it is given."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_model.access import (
    PERMISSIONS,
    AccessDenied,
    FactOfConcern,
    Permission,
    Role,
    User,
    can,
    needs_reason,
    require,
    scope,
)
from data_model.partnership import Partnership
from data_model.pseudonymise import Pseudonymiser
from data_model.tabular_export import csv_bytes
from tests.builders import AS_OF, World

KEY = b"k" * 32
#: person id -> (given name, family name, date of birth, household)
PEOPLE = {
    "PX-MUM": ("Marnie", "Quell", "1991-01-11", "HX-1"),
    "PX-DAD": ("Dorian", "Quell", "1989-02-12", None),
    "PX-KID": ("Kit", "Quell", "2016-03-13", "HX-1"),
    "PX-OFF": ("Osric", "Vane", "1980-04-14", None),
    "PX-GF": ("Gemma", "Ryle", "1993-05-15", "HX-2"),
    "PX-TOT": ("Toby", "Ryle", "2022-06-16", "HX-2"),
    "PX-LONE": ("Lorcan", "Stray", "1970-07-17", "HX-3"),
}
ADDRESSES = {"HX-1": "1 Quell Lane", "HX-2": "2 Ryle Road", "HX-3": "3 Stray Street"}


def family() -> Partnership:
    """A MARAC family, a MAPPA offender's partner and child, and someone on nobody's plan."""
    w = World()
    for agency, sector in (("HEALTH", "health"), ("POLICE", "police"), ("CSC", "children_social_care"),
                           ("PROBATION", "probation")):
        w.agency(agency, sector)
    for household, address in ADDRESSES.items():
        w.add("households", household_id=household, address=address, postcode="NB1 2AB")
    for pid, (given, family_name, born, home) in PEOPLE.items():
        w.person(pid, born, household=home, given=given, family=family_name)
        w.add("concerns", concern_id=f"CON-{pid}", person_id=pid, date="2026-01-05", summary=f"About {given}")
    w.plan("PL-MARAC", "MARAC", "2026-02-01", {"PX-MUM": "victim", "PX-DAD": "perpetrator"}, lead="POLICE")
    w.plan("PL-CP", "CP_PLAN", "2026-03-01", {"PX-KID": "subject"}, lead="CSC")
    w.plan("PL-MAPPA", "MAPPA", "2026-01-01", {"PX-OFF": "subject"}, lead="PROBATION")
    w.relate("PX-OFF", "partner", "PX-GF")
    w.works_with("HV1", "PX-GF", agency="HEALTH", start="2025-01-01")
    w.works_with("HV1", "PX-MUM", agency="HEALTH", start="2025-01-01")
    w.works_with("HV2", "PX-LONE", agency="HEALTH", start="2020-01-01", end="2024-01-01")  # ended
    w.works_with("PC1", "PX-LONE", agency="POLICE", start="2025-01-01")
    w.works_with("PO1", "PX-OFF", agency="PROBATION", start="2025-01-01")
    return w.build()


def cells(p: Partnership) -> list[object]:
    return [v for name in p.tables for v in p[name].astype(object).to_numpy().ravel()]


def texts(p: Partnership) -> str:
    """Every table of a view as the CSV an export would write."""
    return "\n".join(csv_bytes(p[name]).decode() for name in p.tables)


def assert_cannot_read(p: Partnership, people: set[str]) -> None:
    """No id, name, date of birth or address of ``people`` anywhere in ``p`` or its exports."""
    values, exported = set(map(str, cells(p))), texts(p)
    for pid in people:
        given, _, born, home = PEOPLE[pid]
        assert pid not in values, pid
        assert given not in exported, given
        assert dt.date.fromisoformat(born) not in {v.date() for v in cells(p) if isinstance(v, pd.Timestamp)}, born
        if home and not any(PEOPLE[q][3] == home for q in set(PEOPLE) - people):
            assert ADDRESSES[home] not in exported and home not in values, home


@pytest.fixture(scope="module")
def p() -> Partnership:
    return family()


def test_a_safeguarding_lead_sees_everyone(p: Partnership) -> None:
    view = scope(p, User("sam", Role.SAFEGUARDING_LEAD), AS_OF)
    assert view.people == set(PEOPLE) and view.partnership is p


def test_a_practitioner_sees_only_their_agencys_caseload_in_full(p: Partnership) -> None:
    view = scope(p, User("pat", Role.PRACTITIONER, "HEALTH"), AS_OF)
    assert view.people == {"PX-GF", "PX-MUM"}
    assert set(view.partnership.people["given_name"]) == {"Gemma", "Marnie"}
    assert_cannot_read(view.partnership, set(PEOPLE) - {"PX-GF", "PX-MUM"})


def test_a_practitioner_sees_a_plan_their_client_is_on_but_not_its_other_members(p: Partnership) -> None:
    view = scope(p, User("pat", Role.PRACTITIONER, "HEALTH"), AS_OF)
    assert view.plans == {"PL-MARAC"}
    assert view.partnership.plan_members.values.tolist() == [["PL-MARAC", "PX-MUM", "victim"]]


def test_a_practitioner_gets_only_the_fact_of_concern_for_plans_around_their_clients(p: Partnership) -> None:
    view = scope(p, User("pat", Role.PRACTITIONER, "HEALTH"), AS_OF)
    assert view.facts == (
        FactOfConcern("PX-GF", "MAPPA", "partner", "PROBATION", "Agency PROBATION"),
        FactOfConcern("PX-MUM", "CP_PLAN", "household", "CSC", "Agency CSC"),
    )
    assert view.facts[0].summary == (
        "PX-GF is linked (partner) to an active MAPPA plan: contact Agency PROBATION before sharing more."
    )
    assert "PL-MAPPA" not in view.plans and "PL-CP" not in view.plans


def test_a_practitioner_no_longer_sees_someone_whose_involvement_has_ended(p: Partnership) -> None:
    police = scope(p, User("pc", Role.PRACTITIONER, "POLICE"), AS_OF)
    assert police.people == {"PX-LONE"}
    assert_cannot_read(scope(p, User("pat", Role.PRACTITIONER, "HEALTH"), AS_OF).partnership, {"PX-LONE"})


def test_a_practitioner_of_an_agency_with_no_caseload_sees_nobody(p: Partnership) -> None:
    view = scope(p, User("cw", Role.PRACTITIONER, "CSC"), AS_OF)
    assert view.people == set() and view.facts == ()
    assert_cannot_read(view.partnership, set(PEOPLE))


def test_a_marac_coordinator_sees_marac_cases_and_their_networks_only(p: Partnership) -> None:
    view = scope(p, User("mo", Role.MARAC_COORDINATOR), AS_OF)
    assert view.people == {"PX-MUM", "PX-DAD", "PX-KID"}
    assert view.plans == {"PL-MARAC"}
    assert_cannot_read(view.partnership, {"PX-OFF", "PX-GF", "PX-TOT", "PX-LONE"})
    assert view.facts == (
        FactOfConcern("PX-KID", "CP_PLAN", "member", "CSC", "Agency CSC"),
        FactOfConcern("PX-MUM", "CP_PLAN", "household", "CSC", "Agency CSC"),
    )


def test_an_analyst_sees_no_names_birth_dates_addresses_or_ids(p: Partnership) -> None:
    view = scope(p, User("ana", Role.ANALYST), AS_OF, pseudonym_key=KEY)
    assert view.pseudonymised and len(view.partnership.people) == len(PEOPLE)
    assert_cannot_read(view.partnership, set(PEOPLE))
    assert "Quell" not in texts(view.partnership) and "CON-PX-MUM" not in set(map(str, cells(view.partnership)))
    assert view.partnership.people["date_of_birth"].isna().all()


def test_an_analysts_tokens_are_the_ones_every_analyst_export_uses(p: Partnership) -> None:
    view = scope(p, User("ana", Role.ANALYST), AS_OF, pseudonym_key=KEY)
    token = Pseudonymiser(KEY).token("person", "PX-MUM")
    row = view.partnership.people.set_index("person_id").loc[token]
    assert (row["age_band"], row["gender"]) == ("35-44", "unknown")
    assert set(view.partnership.plans["plan_type"]) == {"MARAC", "CP_PLAN", "MAPPA"}


def test_an_administrator_sees_agencies_and_no_personal_data(p: Partnership) -> None:
    view = scope(p, User("root", Role.ADMIN), AS_OF)
    assert view.people == set() and len(view.partnership.agencies) == 4
    assert_cannot_read(view.partnership, set(PEOPLE))
    assert all(len(view.partnership[t]) == 0 for t in view.partnership.tables if t != "agencies")


def test_tables_computed_on_the_whole_partnership_are_cut_to_the_scope(p: Partnership) -> None:
    gaps = pd.DataFrame({"plan_id": ["PL-MARAC", "PL-MAPPA", None], "person_id": ["PX-MUM", "PX-OFF", "PX-GF"],
                         "victim_person_id": [None, None, "PX-LONE"]})
    practitioner = scope(p, User("pat", Role.PRACTITIONER, "HEALTH"), AS_OF)
    assert practitioner.restrict(gaps).index.tolist() == [0]
    assert len(scope(p, User("ana", Role.ANALYST), AS_OF, pseudonym_key=KEY).restrict(gaps)) == 0
    assert len(scope(p, User("sam", Role.SAFEGUARDING_LEAD), AS_OF).restrict(gaps)) == 3


def test_a_path_or_evidence_naming_someone_out_of_scope_drops_the_row(p: Partnership) -> None:
    rows = pd.DataFrame({"person_id": ["PX-GF", "PX-GF", "PX-MUM", "PX-MUM"],
                         "path": [("PX-GF",), ("PX-OFF", "PX-GF"), (), ()],
                         "evidence": [(), (), ("plans:PL-MARAC", "path:PX-MUM (member)"),
                                      ("plans:PL-CP", "path:PX-KID->PX-MUM (household)")]})
    practitioner = scope(p, User("pat", Role.PRACTITIONER, "HEALTH"), AS_OF)
    assert practitioner.restrict(rows).index.tolist() == [0, 2]


def test_a_practitioner_without_an_agency_is_told_to_ask_for_one(p: Partnership) -> None:
    with pytest.raises(AccessDenied.__mro__[1], match="no agency"):
        scope(p, User("pat", Role.PRACTITIONER), AS_OF)


@pytest.mark.parametrize(("role", "allowed"), [
    (Role.ADMIN, {"import", "manage_users"}),
    (Role.SAFEGUARDING_LEAD, {"view_people", "change_gap_status", "edit_actions", "export_identifiable", "view_audit"}),
    (Role.MARAC_COORDINATOR, {"view_people", "change_gap_status", "edit_actions", "export_identifiable"}),
    (Role.PRACTITIONER, {"view_people"}),
    (Role.ANALYST, {"export_pseudonymised"}),
])
def test_each_role_may_do_only_its_own_actions(role: Role, allowed: set[str]) -> None:
    user = User("u", role, "A1")
    assert {p.value for p in Permission if can(user, p)} == allowed == {p.value for p in PERMISSIONS[role]}
    for permission in set(Permission) - {Permission(a) for a in allowed}:
        with pytest.raises(AccessDenied, match="does not allow"):
            require(user, permission)


def test_opening_a_record_off_ones_own_caseload_needs_a_reason(p: Partnership) -> None:
    assert needs_reason(p, User("mo", Role.MARAC_COORDINATOR), "PX-MUM", AS_OF)
    assert needs_reason(p, User("sam", Role.SAFEGUARDING_LEAD, "POLICE"), "PX-MUM", AS_OF)
    assert not needs_reason(p, User("sam", Role.SAFEGUARDING_LEAD, "HEALTH"), "PX-MUM", AS_OF)
    assert not needs_reason(p, User("pat", Role.PRACTITIONER, "HEALTH"), "PX-MUM", AS_OF)
