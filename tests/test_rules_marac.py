"""MARAC_REPEAT_NOT_FLAGGED and HIGH_RISK_NOT_REFERRED."""

from __future__ import annotations

from tests.builders import World, found

REPEAT = "MARAC_REPEAT_NOT_FLAGGED"
HIGH_RISK = "HIGH_RISK_NOT_REFERRED"


def repeat_case(earlier: str, later: str = "2026-10-01", **flags: str) -> World:
    """MUM is the victim of MARAC case M1 (``earlier``) and of M2 (``later``)."""
    w = World()
    w.adult("MUM", given="Amy", family="Smith")
    w.plan("M1", "MARAC", earlier, members={"MUM": "victim"})
    w.plan("M2", "MARAC", later, members={"MUM": "victim"}, **flags)
    return w


def plans(w: World, code: str = REPEAT, as_of: str = "2026-11-27") -> list[str | None]:
    return [g.plan_id for g in found(w, code, as_of)]


def test_a_second_case_within_a_year_not_flagged_is_a_gap():
    gaps = found(repeat_case("2026-02-01"), REPEAT)
    assert [(g.plan_id, g.severity.value) for g in gaps] == [("M2", "medium")]
    assert "Amy Smith" in gaps[0].summary and "M1" in gaps[0].summary


def test_flagged_by_is_repeat_is_no_gap():
    assert plans(repeat_case("2026-02-01", is_repeat="true")) == []


def test_flagged_by_the_repeat_criterion_is_no_gap():
    assert plans(repeat_case("2026-02-01", referral_criterion="repeat")) == []


def test_an_earlier_case_exactly_365_days_before_is_a_repeat():
    assert plans(repeat_case("2025-10-01")) == ["M2"]


def test_an_earlier_case_366_days_before_is_not_a_repeat():
    assert plans(repeat_case("2025-09-30")) == []


def test_a_case_on_the_same_day_is_not_an_earlier_case():
    assert plans(repeat_case("2026-10-01")) == []


def test_a_repeat_that_started_more_than_365_days_before_the_as_of_date_is_not_judged():
    assert plans(repeat_case("2025-06-01", later="2025-11-26")) == []
    assert plans(repeat_case("2025-06-01", later="2025-11-27")) == ["M2"]


def test_an_earlier_case_about_someone_else_is_not_a_repeat():
    w = World()
    w.adult("MUM"), w.adult("AUNT")
    w.plan("M1", "MARAC", "2026-02-01", members={"AUNT": "victim"})
    w.plan("M2", "MARAC", "2026-10-01", members={"MUM": "victim"})
    assert plans(w) == []


def test_having_been_the_perpetrator_before_does_not_make_a_repeat_victim():
    w = World()
    w.adult("MUM"), w.adult("EX")
    w.plan("M1", "MARAC", "2026-02-01", members={"EX": "victim", "MUM": "perpetrator"})
    w.plan("M2", "MARAC", "2026-10-01", members={"MUM": "victim"})
    assert plans(w) == []


def test_a_cp_plan_before_is_not_an_earlier_marac_case():
    w = World()
    w.adult("MUM")
    w.plan("C1", "CP_PLAN", "2026-02-01", members={"MUM": "victim"})
    w.plan("M2", "MARAC", "2026-10-01", members={"MUM": "victim"})
    assert plans(w) == []


# --- HIGH_RISK_NOT_REFERRED -------------------------------------------------------------------------


def victim() -> World:
    w = World()
    w.adult("VIC", given="Ann", family="Jones")
    return w


def people(w: World, as_of: str = "2026-11-27") -> list[str | None]:
    return [g.person_id for g in found(w, HIGH_RISK, as_of)]


def test_a_dash_score_of_14_with_no_marac_referral_is_a_gap():
    w = victim()
    assessment = w.assessment("VIC", "2026-09-01", 14)
    gaps = found(w, HIGH_RISK)
    assert [(g.person_id, g.severity.value) for g in gaps] == [("VIC", "high")]
    assert "Ann Jones" in gaps[0].summary
    assert any(e.startswith(f"risk_assessments:{assessment}") for e in gaps[0].evidence)


def test_a_dash_score_of_13_is_not_visible_high_risk():
    w = victim()
    w.assessment("VIC", "2026-09-01", 13)
    assert people(w) == []


def test_an_assessment_more_than_365_days_ago_is_no_longer_a_trigger():
    w = victim()
    w.assessment("VIC", "2025-11-26", 20)
    assert people(w) == []
    w2 = victim()
    w2.assessment("VIC", "2025-11-27", 20)
    assert people(w2) == ["VIC"]


def test_a_marac_case_as_victim_from_the_trigger_date_answers_it():
    w = victim()
    w.assessment("VIC", "2026-09-01", 16)
    w.plan("M1", "MARAC", "2026-09-01", end="2026-10-01", members={"VIC": "victim"})
    assert people(w) == []


def test_a_marac_case_before_the_trigger_does_not_answer_it():
    w = victim()
    w.assessment("VIC", "2026-09-01", 16)
    w.plan("M1", "MARAC", "2026-08-31", members={"VIC": "victim"})
    assert people(w) == ["VIC"]


def test_a_marac_case_as_perpetrator_does_not_answer_it():
    w = victim()
    w.assessment("VIC", "2026-09-01", 16)
    w.plan("M1", "MARAC", "2026-09-02", members={"VIC": "perpetrator"})
    assert people(w) == ["VIC"]


def test_a_new_trigger_after_a_referral_needs_a_new_referral():
    w = victim()
    w.assessment("VIC", "2026-03-01", 16)
    w.plan("M1", "MARAC", "2026-03-02", members={"VIC": "victim"})
    w.assessment("VIC", "2026-10-01", 18)
    assert people(w) == ["VIC"]


def test_a_marac_case_starting_after_the_as_of_date_has_not_happened_yet():
    w = victim()
    w.assessment("VIC", "2026-09-01", 16)
    w.plan("M1", "MARAC", "2026-11-28", members={"VIC": "victim"})
    assert people(w) == ["VIC"]


def test_a_third_incident_within_365_days_is_a_trigger():
    w = victim()
    incidents = [w.incident("VIC", d) for d in ("2025-12-01", "2026-05-01", "2026-11-30")]
    assert people(w, as_of="2026-11-30") == ["VIC"]
    gap = found(w, HIGH_RISK, "2026-11-30")[0]
    assert any(all(i in e for i in incidents) for e in gap.evidence)


def test_three_incidents_spread_over_more_than_365_days_are_not_a_trigger():
    w = victim()
    for d in ("2025-11-29", "2026-05-01", "2026-11-30"):
        w.incident("VIC", d)
    assert people(w, as_of="2026-11-30") == []


def test_two_incidents_are_not_a_trigger():
    w = victim()
    for d in ("2026-05-01", "2026-11-01"):
        w.incident("VIC", d)
    assert people(w) == []


def test_incidents_as_perpetrator_are_not_a_victims_trigger():
    w = victim()
    w.adult("OTHER")
    for d in ("2026-03-01", "2026-05-01", "2026-11-01"):
        w.incident("OTHER", d, perpetrator="VIC")
    assert people(w) == ["OTHER"]


def test_the_third_incident_must_itself_be_in_the_last_365_days():
    w = victim()
    for d in ("2025-01-01", "2025-03-01", "2025-06-01"):
        w.incident("VIC", d)
    assert people(w) == []
