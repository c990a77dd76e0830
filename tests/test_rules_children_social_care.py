"""MARAC_CHILD_UNKNOWN_TO_CSC and MAPPA_CHILD_UNKNOWN_TO_CSC."""

from __future__ import annotations

from data_model.rules import data_quality
from tests.builders import AS_OF, World, found

MARAC = "MARAC_CHILD_UNKNOWN_TO_CSC"
MAPPA = "MAPPA_CHILD_UNKNOWN_TO_CSC"


def marac_case(kid_born: str | None = "2016-05-01", end: str | None = None) -> World:
    """A MARAC case for MUM (victim) led by the police; MUM's child KID lives with her."""
    w = World()
    w.agency("CSC", "children_social_care", name="Northbrook Children's Services")
    w.agency("POLICE", "police", name="Northbrook Police")
    w.adult("MUM", household="H1", given="Amy", family="Smith")
    w.person("KID", born=kid_born, household="H1", given="Leo", family="Smith")
    w.plan("M1", "MARAC", "2026-09-01", end=end, members={"MUM": "victim"}, lead="POLICE")
    return w


def children(w: World, code: str = MARAC) -> list[tuple[str | None, str | None]]:
    return [(g.plan_id, g.person_id) for g in found(w, code)]


def test_a_child_living_with_a_marac_victim_unknown_to_csc_is_a_gap():
    gaps = found(marac_case(), MARAC)
    assert [(g.plan_id, g.person_id, g.severity.value) for g in gaps] == [("M1", "KID", "high")]
    assert "Leo Smith" in gaps[0].summary and "Amy Smith" in gaps[0].summary
    assert "path:MUM->KID (household)" in gaps[0].evidence


def test_csc_told_of_the_case_closes_the_gap():
    w = marac_case()
    w.plan_agency("M1", "CSC", "informed", since="2026-09-10")
    assert children(w) == []


def test_csc_told_only_after_the_as_of_date_leaves_the_gap_open():
    w = marac_case()
    w.plan_agency("M1", "CSC", "informed", since="2026-11-28")
    assert children(w) == [("M1", "KID")]


def test_csc_receiving_sharing_about_the_victim_is_told():
    w = marac_case()
    w.share("MUM", "2026-09-02", basis="significant_harm", sender="POLICE", receiver="CSC")
    assert children(w) == []


def test_another_agency_told_does_not_stand_in_for_csc():
    w = marac_case()
    w.plan_agency("M1", "SCHOOL", "informed", sector="education")
    assert children(w) == [("M1", "KID")]


def test_a_child_who_just_turned_18_is_not_a_child():
    assert children(marac_case(kid_born="2008-11-27")) == []
    assert children(marac_case(kid_born="2008-11-28")) == [("M1", "KID")]


def test_a_child_linked_to_the_perpetrator_counts():
    w = marac_case()
    w.adult("EX"), w.child("HIS")
    w.add("plan_members", plan_id="M1", person_id="EX", role="perpetrator")
    w.relate("EX", "parent", "HIS")
    assert children(w) == [("M1", "HIS"), ("M1", "KID")]


def test_a_child_linked_only_to_a_member_who_is_neither_victim_nor_perpetrator_does_not_count():
    w = marac_case()
    w.adult("AUNT"), w.child("COUSIN")
    w.add("plan_members", plan_id="M1", person_id="AUNT", role="potential_victim")
    w.relate("AUNT", "parent", "COUSIN")
    assert children(w) == [("M1", "KID")]


def test_a_child_who_is_a_member_counts_whatever_the_role():
    w = marac_case()
    w.child("TEEN")
    w.add("plan_members", plan_id="M1", person_id="TEEN", role="child_in_household")
    assert children(w) == [("M1", "KID"), ("M1", "TEEN")]


def test_a_relationship_that_ended_does_not_link_a_child():
    w = marac_case()
    w.child("STEP")
    w.relate("MUM", "step_parent", "STEP", end="2026-10-01")
    assert children(w) == [("M1", "KID")]


def test_an_associates_child_does_not_link():
    w = marac_case()
    w.child("PALS_KID")
    w.relate("PALS_KID", "associate", "MUM")
    assert children(w) == [("M1", "KID")]


def test_a_marac_case_that_ended_needs_no_csc():
    assert children(marac_case(end="2026-11-26")) == []


def test_a_child_with_no_date_of_birth_is_a_data_quality_finding():
    w = marac_case(kid_born=None)
    assert children(w) == []
    assert (MARAC, "KID") in [(f.rule, f.record_id) for f in data_quality(w.build(), AS_OF)]


def mappa_case() -> World:
    """A MAPPA plan for OFFENDER, who lives with his partner and her child KID."""
    w = World()
    w.agency("CSC", "children_social_care")
    w.adult("OFFENDER", household="H2"), w.adult("PARTNER", household="H2"), w.child("KID", household="H2")
    w.plan("MP1", "MAPPA", "2026-01-01", members={"OFFENDER": "subject"}, lead="PROBATION")
    return w


def test_a_child_living_with_a_mappa_subject_unknown_to_csc_is_a_gap():
    assert children(mappa_case(), MAPPA) == [("MP1", "KID")]


def test_csc_part_of_the_mappa_plan_closes_the_gap():
    w = mappa_case()
    w.plan_agency("MP1", "CSC", "duty_to_cooperate")
    assert children(w, MAPPA) == []


def test_a_child_linked_only_to_a_mappa_victim_does_not_count():
    w = World()
    w.agency("CSC", "children_social_care")
    w.adult("OFFENDER"), w.adult("VICTIM", household="H3"), w.child("VKID", household="H3")
    w.plan("MP1", "MAPPA", "2026-01-01", members={"OFFENDER": "subject", "VICTIM": "victim"})
    assert children(w, MAPPA) == []


def test_a_marac_child_is_not_a_mappa_gap():
    assert children(marac_case(), MAPPA) == []
