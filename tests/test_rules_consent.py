"""CONSENT_NOT_RECORDED, SHARED_WITHOUT_CONSENT and CONSENT_NOT_SOUGHT_NO_REASON."""

from __future__ import annotations

from data_model.rules import data_quality
from tests.builders import AS_OF, World, found

NOT_RECORDED = "CONSENT_NOT_RECORDED"
WITHOUT = "SHARED_WITHOUT_CONSENT"
NO_REASON = "CONSENT_NOT_SOUGHT_NO_REASON"
SHARED_ON = "2026-10-01"


def child_shared(born: str | None = "2016-05-01", basis: str = "consent") -> World:
    """A school shares information about KID with a GP on 1 October 2026."""
    w = World()
    w.person("KID", born=born, given="Leo", family="Smith")
    w.agency("SCHOOL", name="Castle Primary School"), w.agency("GP", name="Hill Surgery")
    w.share("KID", SHARED_ON, basis=basis, sender="SCHOOL", receiver="GP")
    return w


def ids(w: World, code: str) -> list[str | None]:
    return [g.sharing_id or g.consent_id for g in found(w, code)]


# --- CONSENT_NOT_RECORDED ------------------------------------------------------------------------


def test_sharing_about_a_child_with_no_consent_decision_recorded_is_a_gap():
    gaps = found(child_shared(), NOT_RECORDED)
    assert [(g.sharing_id, g.severity.value) for g in gaps] == [("SH1", "medium")]
    assert "Castle Primary School" in gaps[0].summary and "Leo Smith" in gaps[0].summary
    assert "Hill Surgery" in gaps[0].summary


def test_a_refusal_recorded_on_the_sharing_date_is_a_record_of_consent():
    w = child_shared()
    w.consent("KID", SHARED_ON, decision="refused")
    assert ids(w, NOT_RECORDED) == []


def test_a_decision_recorded_only_after_the_sharing_is_too_late():
    w = child_shared()
    w.consent("KID", "2026-10-02")
    assert ids(w, NOT_RECORDED) == ["SH1"]


def test_consent_recorded_for_a_sibling_does_not_count():
    w = child_shared()
    w.child("SIS")
    w.consent("SIS", "2026-01-01")
    assert ids(w, NOT_RECORDED) == ["SH1"]


def test_sharing_about_someone_who_just_turned_18_needs_no_child_consent_record():
    assert ids(child_shared(born="2008-10-01"), NOT_RECORDED) == []
    assert ids(child_shared(born="2008-10-02"), NOT_RECORDED) == ["SH1"]


def test_an_unknown_date_of_birth_is_listed_for_data_quality_instead():
    w = child_shared(born=None)
    assert ids(w, NOT_RECORDED) == []
    assert (NOT_RECORDED, "KID") in [(f.rule, f.record_id) for f in data_quality(w.build(), AS_OF)]


# --- SHARED_WITHOUT_CONSENT ----------------------------------------------------------------------


def test_sharing_about_a_child_not_at_risk_without_consent_is_a_gap():
    gaps = found(child_shared(), WITHOUT)
    assert [(g.sharing_id, g.severity.value) for g in gaps] == [("SH1", "medium")]
    assert "Leo Smith" in gaps[0].summary


def test_sharing_with_consent_in_force_is_no_gap():
    w = child_shared()
    w.consent("KID", "2026-09-01")
    assert ids(w, WITHOUT) == []


def test_consent_withdrawn_before_the_sharing_date_is_a_gap():
    w = child_shared()
    w.consent("KID", "2026-01-01")
    withdrawn = w.consent("KID", "2026-09-30", decision="withdrawn")
    gaps = found(w, WITHOUT)
    assert [g.sharing_id for g in gaps] == ["SH1"]
    assert f"consents:{withdrawn} (withdrawn)" in gaps[0].evidence


def test_consent_withdrawn_after_the_sharing_date_is_no_gap():
    w = child_shared()
    w.consent("KID", "2026-01-01")
    w.consent("KID", "2026-10-02", decision="withdrawn")
    assert ids(w, WITHOUT) == []


def test_the_consent_a_sharing_cites_does_not_override_a_later_withdrawal():
    w = World()
    w.child("KID")
    given = w.consent("KID", "2026-01-01")
    w.consent("KID", "2026-05-01", decision="withdrawn")
    w.share("KID", SHARED_ON, basis="consent", consent=given)
    assert ids(w, WITHOUT) == ["SH3"]


def test_consent_and_refusal_on_the_same_date_is_not_consent():
    w = child_shared()
    w.consent("KID", "2026-09-01")
    w.consent("KID", "2026-09-01", decision="refused")
    assert ids(w, WITHOUT) == ["SH1"]


def test_a_legal_duty_or_vital_interests_needs_no_consent():
    assert ids(child_shared(basis="legal_duty"), WITHOUT) == []
    assert ids(child_shared(basis="vital_interests"), WITHOUT) == []


def test_public_interest_about_a_child_not_at_risk_still_needs_consent():
    assert ids(child_shared(basis="public_interest"), WITHOUT) == ["SH1"]


def test_a_child_on_an_active_cp_plan_may_be_shared_about_without_consent():
    w = child_shared()
    w.plan("CP1", "CP_PLAN", "2026-06-01", members={"KID": "subject"})
    assert ids(w, WITHOUT) == []


def test_a_cp_plan_that_ended_before_the_sharing_no_longer_excuses_it():
    w = child_shared()
    w.plan("CP1", "CP_PLAN", "2025-06-01", end="2026-09-30", members={"KID": "subject"})
    assert ids(w, WITHOUT) == ["SH1"]


def test_a_significant_harm_concern_within_365_days_excuses_it_but_not_one_older():
    recent = child_shared()
    recent.concern("KID", "2025-10-01")
    assert ids(recent, WITHOUT) == []
    old = child_shared()
    old.concern("KID", "2025-09-30")
    assert ids(old, WITHOUT) == ["SH1"]


def test_sharing_about_an_adult_is_not_judged_by_the_child_consent_rule():
    assert ids(child_shared(born="2008-10-01"), WITHOUT) == []


def test_an_unknown_date_of_birth_is_a_data_quality_finding_for_consent_too():
    w = child_shared(born=None)
    assert ids(w, WITHOUT) == []
    assert (WITHOUT, "KID") in [(f.rule, f.record_id) for f in data_quality(w.build(), AS_OF)]


# --- CONSENT_NOT_SOUGHT_NO_REASON ------------------------------------------------------------------


def test_consent_not_sought_without_a_reason_is_a_gap():
    w = World()
    w.adult("MUM", given="Amy", family="Smith")
    consent = w.consent("MUM", "2026-02-01", decision="not_sought", reason="   ")
    gaps = found(w, NO_REASON)
    assert [(g.consent_id, g.severity.value) for g in gaps] == [(consent, "low")]
    assert "Amy Smith" in gaps[0].summary


def test_consent_not_sought_with_a_reason_is_no_gap():
    w = World()
    w.adult("MUM")
    w.consent("MUM", "2026-02-01", decision="not_sought", reason="increased_risk_to_child")
    assert ids(w, NO_REASON) == []


def test_a_refusal_needs_no_reason_for_not_seeking():
    w = World()
    w.adult("MUM")
    w.consent("MUM", "2026-02-01", decision="refused")
    assert ids(w, NO_REASON) == []


def test_a_decision_after_the_as_of_date_is_not_judged_yet():
    w = World()
    w.adult("MUM")
    w.consent("MUM", "2026-11-28", decision="not_sought")
    assert ids(w, NO_REASON) == []
