"""LINKED_PLAN_NOT_SHARED and ADULT_SHARING_NO_PURPOSE, where they fire and their near misses."""

from __future__ import annotations

from tests.builders import AS_OF, World, found

LINKED = "LINKED_PLAN_NOT_SHARED"
NO_PURPOSE = "ADULT_SHARING_NO_PURPOSE"


def family() -> World:
    """A CP plan for KID (lead: CSC); KID lives with SIS; a school works with SIS."""
    w = World()
    w.child("KID", household="H1", given="Leo", family="Smith")
    w.child("SIS", household="H1", given="Jade", family="Smith")
    w.plan("CP1", "CP_PLAN", "2026-06-01", members={"KID": "subject"}, lead="CSC")
    w.agency("SCHOOL", "education", name="Castle Primary School")
    return w


def schools_gap(w: World, as_of: str = AS_OF) -> list[tuple[str | None, str | None]]:
    return [(g.plan_id, g.agency_id) for g in found(w, LINKED, as_of)]


def test_a_school_working_with_a_sibling_and_not_told_of_the_plan_is_a_gap():
    w = family()
    w.works_with("TEACHER", "SIS", agency="SCHOOL")
    gaps = found(w, LINKED)
    assert [(g.plan_id, g.agency_id, g.severity.value) for g in gaps] == [("CP1", "SCHOOL", "high")]
    assert "Castle Primary School" in gaps[0].summary and "Jade Smith" in gaps[0].summary
    assert "Leo Smith" in gaps[0].summary
    assert set(gaps[0].evidence) >= {"plans:CP1", "involvements:TEACHER->SIS", "path:KID->SIS (household)"}


def test_the_lead_agency_is_part_of_the_plan_so_no_gap():
    w = family()
    w.works_with("SW", "SIS", agency="CSC")
    assert schools_gap(w) == []


def test_an_agency_told_of_the_plan_is_no_gap():
    w = family()
    w.plan_agency("CP1", "SCHOOL", "informed", since="2026-07-01")
    w.works_with("TEACHER", "SIS", agency="SCHOOL")
    assert schools_gap(w) == []


def test_an_agency_told_only_after_the_as_of_date_is_still_a_gap():
    w = family()
    w.plan_agency("CP1", "SCHOOL", "informed", since="2026-11-28")
    w.works_with("TEACHER", "SIS", agency="SCHOOL")
    assert schools_gap(w) == [("CP1", "SCHOOL")]


def test_the_agency_that_sent_information_is_not_thereby_told():
    w = family()
    w.share("KID", "2026-07-01", basis="significant_harm", sender="SCHOOL", receiver="CSC")
    w.works_with("TEACHER", "SIS", agency="SCHOOL")
    assert schools_gap(w) == [("CP1", "SCHOOL")]


def test_an_agency_that_received_information_about_a_member_is_told():
    w = family()
    w.share("KID", "2026-07-01", basis="significant_harm", sender="CSC", receiver="SCHOOL")
    w.works_with("TEACHER", "SIS", agency="SCHOOL")
    assert schools_gap(w) == []


def test_an_involvement_that_ended_is_no_gap():
    w = family()
    w.works_with("TEACHER", "SIS", agency="SCHOOL", start="2024-09-01", end="2026-07-20")
    assert schools_gap(w) == []


def test_a_relationship_that_ended_takes_the_person_out_of_the_network():
    w = family()
    w.adult("DAD")
    w.relate("DAD", "parent", "KID", end="2026-10-01")
    w.works_with("OFFICER", "DAD", agency="PROBATION")
    assert schools_gap(w) == []


def test_an_associate_does_not_link_so_no_gap():
    w = family()
    w.adult("PAL")
    w.relate("PAL", "associate", "KID")
    w.works_with("OFFICER", "PAL", agency="PROBATION")
    assert schools_gap(w) == []


def test_a_plan_that_ended_needs_no_one_told():
    w = World()
    w.child("KID", household="H1"), w.child("SIS", household="H1")
    w.plan("CP1", "CP_PLAN", "2025-06-01", end="2026-11-26", members={"KID": "subject"}, lead="CSC")
    w.works_with("TEACHER", "SIS", agency="SCHOOL")
    assert schools_gap(w) == []


def test_someone_two_hops_from_the_plan_brings_no_gap():
    w = family()
    w.adult("MUM", household="H1"), w.adult("UNCLE")
    w.relate("UNCLE", "sibling", "MUM")
    w.works_with("OFFICER", "UNCLE", agency="PROBATION")
    assert schools_gap(w) == []


def test_a_plan_with_no_child_at_risk_is_a_medium_gap():
    w = World()
    w.adult("OFFENDER", household="H9"), w.adult("PARTNER", household="H9")
    w.plan("MP1", "MAPPA", "2026-01-01", members={"OFFENDER": "subject"}, lead="PROBATION")
    w.works_with("GP1", "PARTNER", agency="GP")
    assert [(g.agency_id, g.severity.value) for g in found(w, LINKED)] == [("GP", "medium")]


def test_one_gap_per_plan_and_agency_however_many_people_it_works_with():
    w = family()
    w.adult("MUM", household="H1")
    w.works_with("TEACHER", "SIS", agency="SCHOOL"), w.works_with("TEACHER2", "KID", agency="SCHOOL")
    gaps = found(w, LINKED)
    assert len(gaps) == 1
    assert {"involvements:TEACHER->SIS", "involvements:TEACHER2->KID", "path:KID (member)"} <= set(gaps[0].evidence)


# --- ADULT_SHARING_NO_PURPOSE ------------------------------------------------------------------


def sharing(born: str | None, purposes: str, date: str = "2026-10-01") -> World:
    w = World()
    w.person("VIC", born=born, given="Ann", family="Jones")
    w.share("VIC", date, basis="public_interest", purposes=purposes, sender="POLICE", receiver="ASC")
    return w


def test_sharing_about_an_adult_that_names_no_purpose_is_a_gap():
    gaps = found(sharing("1980-01-01", ""), NO_PURPOSE)
    assert [(g.sharing_id, g.severity.value) for g in gaps] == [("SH1", "low")]
    assert "Ann Jones" in gaps[0].summary


def test_child_protection_is_not_an_adult_safeguarding_purpose():
    assert len(found(sharing("1980-01-01", "child_protection"), NO_PURPOSE)) == 1


def test_sharing_about_an_adult_that_names_a_purpose_is_no_gap():
    assert found(sharing("1980-01-01", "coordinate_responses;child_protection"), NO_PURPOSE) == []


def test_sharing_about_a_child_needs_no_adult_purpose():
    assert found(sharing("2010-01-01", ""), NO_PURPOSE) == []


def test_sharing_on_their_18th_birthday_is_sharing_about_an_adult():
    assert len(found(sharing("2008-10-01", ""), NO_PURPOSE)) == 1
    assert found(sharing("2008-10-02", ""), NO_PURPOSE) == []


def test_sharing_after_the_as_of_date_is_not_judged_yet():
    assert found(sharing("1980-01-01", "", date="2026-11-28"), NO_PURPOSE) == []


def test_an_unknown_date_of_birth_is_a_data_quality_finding_not_a_gap():
    from data_model.rules import data_quality

    w = sharing(None, "")
    assert found(w, NO_PURPOSE) == []
    findings = data_quality(w.build(), AS_OF)
    assert [(f.rule, f.record_id) for f in findings if f.rule == NO_PURPOSE] == [(NO_PURPOSE, "VIC")]
