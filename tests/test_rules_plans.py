"""CHILD_VOICE_NOT_RECORDED, CP_REVIEW_OVERDUE and ACTION_OVERDUE."""

from __future__ import annotations

from tests.builders import AS_OF, World, found

VOICE = "CHILD_VOICE_NOT_RECORDED"
REVIEW = "CP_REVIEW_OVERDUE"
ACTION = "ACTION_OVERDUE"
START = "2026-06-01"


def cp_plan(end: str | None = None, start: str = START, **extra: object) -> World:
    w = World()
    w.child("KID", given="Leo", family="Smith", household="H1"), w.child("SIS", household="H1")
    w.plan("CP1", "CP_PLAN", start, end=end, members={"KID": "subject", "SIS": "child_in_household"},
           lead="CSC", **extra)
    return w


# --- CHILD_VOICE_NOT_RECORDED ---------------------------------------------------------------------


def test_a_subject_child_with_no_views_recorded_since_the_plan_began_is_a_gap():
    gaps = found(cp_plan(), VOICE)
    assert [(g.plan_id, g.person_id, g.severity.value) for g in gaps] == [("CP1", "KID", "high")]
    assert "Leo Smith" in gaps[0].summary


def test_views_recorded_on_the_day_the_plan_began_count():
    w = cp_plan()
    w.child_view("KID", START)
    assert found(w, VOICE) == []


def test_views_recorded_before_the_plan_began_do_not_count():
    w = cp_plan()
    w.child_view("KID", "2026-05-31")
    assert [g.person_id for g in found(w, VOICE)] == ["KID"]


def test_views_recorded_after_the_as_of_date_have_not_happened_yet():
    w = cp_plan()
    w.child_view("KID", "2026-11-28")
    assert [g.person_id for g in found(w, VOICE)] == ["KID"]


def test_a_siblings_views_do_not_count_for_the_subject():
    w = cp_plan()
    w.child_view("SIS", "2026-07-01")
    assert [g.person_id for g in found(w, VOICE)] == ["KID"]


def test_a_plan_that_ended_needs_no_views():
    assert found(cp_plan(end="2026-11-26"), VOICE) == []


def test_a_marac_child_needs_no_cp_views():
    w = World()
    w.child("KID")
    w.plan("M1", "MARAC", START, members={"KID": "subject"})
    assert found(w, VOICE) == []


# --- CP_REVIEW_OVERDUE -----------------------------------------------------------------------------


def test_a_review_date_before_the_as_of_date_is_overdue():
    gaps = found(cp_plan(next_review_date="2026-11-26"), REVIEW)
    assert [(g.plan_id, g.severity.value) for g in gaps] == [("CP1", "high")]
    assert "26 November 2026" in gaps[0].summary


def test_a_review_due_on_the_as_of_date_is_not_yet_overdue():
    assert found(cp_plan(next_review_date=AS_OF), REVIEW) == []


def test_a_plan_with_no_review_date_is_overdue_once_older_than_three_calendar_months():
    assert found(cp_plan(start="2026-08-27"), REVIEW) == []
    assert [g.plan_id for g in found(cp_plan(start="2026-08-26"), REVIEW)] == ["CP1"]


def test_three_months_before_31_may_is_clamped_to_the_end_of_february():
    assert found(cp_plan(start="2026-02-28"), REVIEW, as_of="2026-05-31") == []
    assert [g.plan_id for g in found(cp_plan(start="2026-02-27"), REVIEW, as_of="2026-05-31")] == ["CP1"]


def test_an_ended_plan_has_no_review_overdue():
    assert found(cp_plan(end="2026-11-26", next_review_date="2026-10-01"), REVIEW) == []


def test_a_marac_plan_has_no_cp_review():
    w = World()
    w.adult("VIC")
    w.plan("M1", "MARAC", "2026-01-01", members={"VIC": "victim"})
    assert found(w, REVIEW) == []


# --- ACTION_OVERDUE --------------------------------------------------------------------------------


def test_an_action_due_before_the_as_of_date_and_not_done_is_overdue():
    w = cp_plan()
    w.agency("HOUSING", name="Northbrook Housing")
    action = w.action("CP1", due="2026-11-26", owner="HOUSING")
    gaps = found(w, ACTION)
    assert [(g.action_id, g.plan_id, g.severity.value) for g in gaps] == [(action, None, "high")]
    assert "Northbrook Housing" in gaps[0].summary


def test_an_action_due_on_the_as_of_date_is_not_overdue():
    w = cp_plan()
    w.action("CP1", due=AS_OF)
    assert found(w, ACTION) == []


def test_an_action_completed_by_the_as_of_date_is_not_overdue():
    w = cp_plan()
    w.action("CP1", due="2026-10-01", completed=AS_OF)
    assert found(w, ACTION) == []


def test_an_action_completed_after_the_as_of_date_was_not_done_by_then():
    w = cp_plan()
    action = w.action("CP1", due="2026-10-01", completed="2026-11-28")
    assert [g.action_id for g in found(w, ACTION)] == [action]


def test_an_action_with_no_due_date_is_never_overdue():
    w = cp_plan()
    w.action("CP1", due=None)
    assert found(w, ACTION) == []


def test_an_action_of_a_plan_that_ended_is_not_chased():
    w = cp_plan(end="2026-11-26")
    w.action("CP1", due="2026-10-01")
    assert found(w, ACTION) == []


def test_an_action_of_any_plan_type_counts_and_an_adults_plan_is_medium():
    w = World()
    w.adult("OFFENDER")
    w.plan("MP1", "MAPPA", "2026-01-01", members={"OFFENDER": "subject"})
    action = w.action("MP1", due="2026-10-01")
    assert [(g.action_id, g.severity.value) for g in found(w, ACTION)] == [(action, "medium")]
