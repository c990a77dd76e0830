"""Who needs to know about an active plan: status, information level, path, link, lawful basis."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_model.errors import UserError
from data_model.findings import NeedToKnow
from data_model.rules import analyse, who_needs_to_know, who_needs_to_know_all
from tests.builders import AS_OF, World


def family() -> World:
    """A CP plan for KID (lead: CSC); KID lives with MUM; DAD is KID's parent and lives elsewhere."""
    w = World()
    w.adult("MUM", household="H1"), w.child("KID", household="H1"), w.adult("DAD")
    w.relate("DAD", "parent", "KID")
    w.plan("CP1", "CP_PLAN", "2026-06-01", members={"KID": "subject"}, lead="CSC")
    return w


def rows(w: World, plan: str = "CP1", as_of: str = AS_OF) -> dict[tuple[str, str], NeedToKnow]:
    return {(r.practitioner_id, r.person_id): r for r in who_needs_to_know(w.build(), plan, as_of)}


def test_a_practitioner_of_the_lead_agency_working_with_the_child_is_part_of_the_plan():
    w = family()
    w.works_with("SW", "KID", agency="CSC")
    row = rows(w)[("SW", "KID")]
    assert (row.status.value, row.information_level, row.path, row.link) == ("part_of_plan", "full", ("KID",),
                                                                             "member")


def test_an_agency_working_with_a_parent_elsewhere_is_not_informed_and_needs_the_fact_of_concern():
    w = family()
    w.works_with("PROBATION_OFFICER", "DAD", agency="PROBATION")
    row = rows(w)[("PROBATION_OFFICER", "DAD")]
    assert (row.agency_id, row.status.value, row.information_level) == ("PROBATION", "not_informed",
                                                                        "fact_of_concern")
    assert (row.path, row.link) == (("KID", "DAD"), "parent")


def test_someone_linked_only_by_the_household_shows_household_as_the_link():
    w = family()
    w.works_with("GP1", "MUM", agency="GP")
    assert rows(w)[("GP1", "MUM")].link == "household"


def test_an_informed_agency_is_informed():
    w = family()
    w.plan_agency("CP1", "GP", "informed", since="2026-07-01")
    w.works_with("GP1", "MUM", agency="GP")
    assert rows(w)[("GP1", "MUM")].status.value == "informed"


def test_an_involvement_that_ended_needs_no_row():
    w = family()
    w.works_with("GP1", "MUM", agency="GP", start="2025-01-01", end="2026-11-26")
    assert rows(w) == {}


def test_an_involvement_that_starts_after_the_as_of_date_needs_no_row():
    w = family()
    w.works_with("GP1", "MUM", agency="GP", start="2026-11-28")
    assert rows(w) == {}


def test_someone_two_hops_away_is_not_in_the_network():
    w = family()
    w.adult("UNCLE")
    w.relate("UNCLE", "sibling", "MUM")
    w.works_with("GP1", "UNCLE", agency="GP")
    assert rows(w) == {}


def test_an_associate_does_not_bring_their_practitioners_in():
    w = family()
    w.adult("PAL")
    w.relate("PAL", "associate", "KID")
    w.works_with("GP1", "PAL", agency="GP")
    assert rows(w) == {}


def test_the_lawful_basis_is_significant_harm_when_a_child_in_the_network_is_at_risk():
    w = family()
    w.works_with("GP1", "MUM", agency="GP")
    assert rows(w)[("GP1", "MUM")].lawful_basis == "significant_harm"


def test_the_lawful_basis_is_consent_when_no_child_in_the_network_is_at_risk():
    w = World()
    w.adult("OFFENDER", household="H9"), w.adult("PARTNER", household="H9")
    w.plan("MP1", "MAPPA", "2026-01-01", members={"OFFENDER": "subject"}, lead="PROBATION")
    w.works_with("GP1", "PARTNER", agency="GP")
    w.consent("PARTNER", "2026-02-01")
    row = rows(w, "MP1")[("GP1", "PARTNER")]
    assert (row.lawful_basis, row.consent_in_force) == ("consent", True)


def test_a_child_who_just_turned_18_does_not_make_the_basis_significant_harm():
    w = World()
    w.adult("OFFENDER", household="H9"), w.person("YOUNG", born="2008-11-27", household="H9")
    w.plan("MP1", "MAPPA", "2026-01-01", members={"OFFENDER": "subject", "YOUNG": "potential_victim"})
    w.works_with("GP1", "YOUNG", agency="GP")
    assert rows(w, "MP1")[("GP1", "YOUNG")].lawful_basis == "consent"


def test_consent_withdrawn_is_not_in_force():
    w = family()
    w.works_with("GP1", "MUM", agency="GP")
    w.consent("MUM", "2026-02-01")
    w.consent("MUM", "2026-09-01", decision="withdrawn")
    assert rows(w)[("GP1", "MUM")].consent_in_force is False


def test_two_involvements_of_one_practitioner_with_one_person_make_one_row():
    w = family()
    w.works_with("GP1", "MUM", agency="GP", start="2020-01-01")
    w.works_with("GP1", "MUM", agency="GP", start="2024-01-01")
    assert len(who_needs_to_know(w.build(), "CP1", AS_OF)) == 1


def test_an_unknown_plan_is_an_error():
    with pytest.raises(UserError, match="NOPE"):
        who_needs_to_know(family().build(), "NOPE", AS_OF)


def test_a_plan_that_ended_gives_no_rows():
    w = family()
    w.plan("OLD", "CP_PLAN", "2025-01-01", end="2026-01-01", members={"KID": "subject"})
    w.works_with("SW", "KID", agency="CSC")
    assert who_needs_to_know(w.build(), "OLD", AS_OF) == []
    assert not analyse(w.build(), AS_OF).is_active("OLD")


def test_a_plan_that_starts_after_the_as_of_date_gives_no_rows():
    w = family()
    w.works_with("SW", "KID", agency="CSC")
    assert who_needs_to_know(w.build(), "CP1", "2026-05-31") == []


def test_the_batch_form_answers_every_active_plan_as_the_single_form_does():
    w = family()
    w.plan("MP1", "MAPPA", "2026-01-01", members={"DAD": "subject"}, lead="PROBATION")
    w.works_with("SW", "KID", agency="CSC"), w.works_with("GP1", "MUM", agency="GP")
    p = w.build()
    everything = who_needs_to_know_all(p, AS_OF)
    assert set(everything) == {"CP1", "MP1"}
    for plan_id, answer in everything.items():
        assert answer == who_needs_to_know(p, plan_id, AS_OF)


# --- properties ---------------------------------------------------------------------------------

PEOPLE = ["KID", "MUM", "DAD", "GRAN"]
DATES = [None, "2025-06-01", "2026-11-26", AS_OF, "2026-11-28"]


@st.composite
def involvements(draw: st.DrawFn) -> tuple[World, list[tuple[str, str, str | None, str | None]]]:
    w = family()
    w.adult("GRAN")
    w.relate("GRAN", "grandparent", "KID", end=draw(st.sampled_from(DATES)))
    made = []
    for n, (person, start, end) in enumerate(draw(st.lists(st.tuples(
            st.sampled_from(PEOPLE), st.sampled_from(DATES), st.sampled_from(DATES)), max_size=6))):
        w.works_with(f"PR{n}", person, agency=f"AG{n % 3}", start=start, end=end)
        made.append((f"PR{n}", person, start, end))
    return w, made


def _active(start: str | None, end: str | None) -> bool:
    return (start is None or start <= AS_OF) and (end is None or end >= AS_OF)


@settings(max_examples=40, deadline=None)
@given(involvements(), st.randoms(use_true_random=False))
def test_rows_come_only_from_active_involvements_whatever_the_row_order(made, rnd: random.Random):
    w, involved = made
    got = who_needs_to_know(w.build(rnd), "CP1", AS_OF)
    assert got == who_needs_to_know(w.build(), "CP1", AS_OF)
    active = {(pr, person) for pr, person, start, end in involved if _active(start, end)}
    assert {(r.practitioner_id, r.person_id) for r in got} <= active
    assert {r.person_id for r in got if r.link == "member"} <= {"KID"}


def test_a_member_at_risk_with_no_date_of_birth_is_not_guessed_to_be_a_child():
    from data_model.rules import data_quality

    w = World()
    w.person("NOBIRTH", household="H1"), w.adult("MUM", household="H1")
    w.plan("CP1", "CP_PLAN", "2026-06-01", members={"NOBIRTH": "subject"}, lead="CSC")
    w.works_with("GP1", "MUM", agency="GP")
    assert rows(w)[("GP1", "MUM")].lawful_basis == "consent"
    findings = data_quality(w.build(), AS_OF)
    assert [(f.rule, f.record_id) for f in findings] == [("who_needs_to_know", "NOBIRTH")]


def test_asking_again_about_the_same_partnership_and_date_reuses_one_analysis():
    p = family().build()
    assert analyse(p, AS_OF) is analyse(p, "2026-11-27")
    assert analyse(p, "2026-11-26") is not analyse(p, AS_OF)
