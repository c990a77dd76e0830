"""Referral checks: the DASH score, and the four MARAC referral criteria at their edges."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_model.errors import UserError
from data_model.marac.dash import QUESTIONS, Answer, DashChecklist, Thresholds, evaluate_referral
from data_model.records import ReferralCriterion
from tests.builders import World

DAY = pd.Timestamp("2026-11-27")


def _days_before(days: int) -> str:
    return (DAY - pd.Timedelta(days=days)).date().isoformat()


def _met(results: list, criterion: ReferralCriterion) -> bool:
    return next(r for r in results if r.criterion == criterion).met


def _victim() -> World:
    w = World()
    w.adult("V")
    return w


def _yes(n: int) -> DashChecklist:
    return DashChecklist.from_answers({q: "yes" if q <= n else "no" for q in QUESTIONS})


def test_the_checklist_has_24_questions_with_short_labels_of_our_own() -> None:
    assert sorted(QUESTIONS) == list(range(1, 25))
    assert all(0 < len(label) <= 32 for label in QUESTIONS.values())
    assert len(set(QUESTIONS.values())) == 24


def test_the_score_counts_yes_answers_only() -> None:
    checklist = DashChecklist.from_answers({1: "yes", 2: "Y", 3: "no", 4: "not known", "5": "YES"})
    assert checklist.score == 3
    assert checklist.answer(6) is Answer.NOT_KNOWN


@given(st.lists(st.sampled_from(list(Answer)), min_size=24, max_size=24))
def test_the_score_is_the_number_of_yes_answers_whatever_they_are(answers: list[Answer]) -> None:
    checklist = DashChecklist.from_answers(dict(zip(QUESTIONS, answers, strict=True)))
    assert checklist.score == answers.count(Answer.YES)
    assert checklist.frame()["answer"].tolist() == [a.value for a in answers]


@pytest.mark.parametrize("answers", [{25: "yes"}, {0: "no"}, {"one": "yes"}, {3: "maybe"}])
def test_a_question_number_or_answer_the_checklist_does_not_have_is_refused(answers: dict) -> None:
    with pytest.raises(UserError):
        DashChecklist.from_answers(answers)


def test_thirteen_yes_answers_are_not_visible_high_risk() -> None:
    results = evaluate_referral(_victim().build(), "V", DAY, checklist=_yes(13))
    assert not _met(results, ReferralCriterion.VISIBLE_HIGH_RISK)


def test_fourteen_yes_answers_are_visible_high_risk() -> None:
    results = evaluate_referral(_victim().build(), "V", DAY, checklist=_yes(14))
    assert _met(results, ReferralCriterion.VISIBLE_HIGH_RISK)


def test_without_a_checklist_the_latest_recorded_score_in_the_last_year_counts() -> None:
    w = _victim()
    w.assessment("V", _days_before(400), 20)
    w.assessment("V", _days_before(30), 14)
    assert _met(evaluate_referral(w.build(), "V", DAY), ReferralCriterion.VISIBLE_HIGH_RISK)
    w.assessment("V", _days_before(2), 13)
    assert not _met(evaluate_referral(w.build(), "V", DAY), ReferralCriterion.VISIBLE_HIGH_RISK)


def test_a_local_threshold_changes_what_counts_as_visible_high_risk() -> None:
    local = Thresholds(high_risk_yes=12)
    results = evaluate_referral(_victim().build(), "V", DAY, checklist=_yes(12), thresholds=local)
    assert _met(results, ReferralCriterion.VISIBLE_HIGH_RISK)


def test_professional_judgement_is_met_only_when_recorded() -> None:
    p = _victim().build()
    assert not _met(evaluate_referral(p, "V", DAY, professional_judgement="  "),
                    ReferralCriterion.PROFESSIONAL_JUDGEMENT)
    assert _met(evaluate_referral(p, "V", DAY, professional_judgement="Escalating threats"),
                ReferralCriterion.PROFESSIONAL_JUDGEMENT)


@pytest.mark.parametrize(("span", "met"), [(364, True), (365, True), (366, False)])
def test_three_incidents_escalate_only_within_365_days(span: int, met: bool) -> None:
    w = _victim()
    for days in (span, 100, 0):
        w.incident("V", _days_before(days))
    assert _met(evaluate_referral(w.build(), "V", DAY), ReferralCriterion.POTENTIAL_ESCALATION) is met


def test_two_incidents_are_not_potential_escalation() -> None:
    w = _victim()
    w.incident("V", _days_before(10))
    w.incident("V", _days_before(0))
    assert not _met(evaluate_referral(w.build(), "V", DAY), ReferralCriterion.POTENTIAL_ESCALATION)


def test_incidents_against_someone_else_or_after_the_check_do_not_count() -> None:
    w = _victim()
    w.adult("OTHER")
    w.incident("V", _days_before(10))
    w.incident("V", _days_before(5))
    w.incident("OTHER", _days_before(1))
    w.incident("V", "2026-11-28")
    assert not _met(evaluate_referral(w.build(), "V", DAY), ReferralCriterion.POTENTIAL_ESCALATION)


def test_a_local_rule_of_three_incidents_in_six_months_is_stricter() -> None:
    w = _victim()
    for days in (200, 100, 0):
        w.incident("V", _days_before(days))
    six_months = Thresholds(escalation_days=182)
    assert _met(evaluate_referral(w.build(), "V", DAY), ReferralCriterion.POTENTIAL_ESCALATION)
    assert not _met(evaluate_referral(w.build(), "V", DAY, thresholds=six_months),
                    ReferralCriterion.POTENTIAL_ESCALATION)


@pytest.mark.parametrize(("gap", "met"), [(364, True), (365, True), (366, False)])
def test_an_incident_within_a_year_of_a_previous_marac_referral_is_a_repeat(gap: int, met: bool) -> None:
    w = _victim()
    referred = DAY - pd.Timedelta(days=400)
    w.plan("MR1", "MARAC", referred.date().isoformat(), members={"V": "victim"})
    w.incident("V", (referred + pd.Timedelta(days=gap)).date().isoformat())
    assert _met(evaluate_referral(w.build(), "V", DAY), ReferralCriterion.REPEAT) is met


def test_a_referral_to_marac_in_the_referrals_table_counts_as_a_previous_referral() -> None:
    w = _victim()
    w.referral("V", _days_before(100), to="marac")
    w.incident("V", _days_before(50))
    assert _met(evaluate_referral(w.build(), "V", DAY), ReferralCriterion.REPEAT)


def test_the_incident_that_led_to_the_referral_does_not_make_it_a_repeat() -> None:
    w = _victim()
    w.incident("V", _days_before(100))
    w.plan("MR1", "MARAC", _days_before(100), members={"V": "victim"})
    results = evaluate_referral(w.build(), "V", DAY)
    assert not _met(results, ReferralCriterion.REPEAT)
    assert "plans:MR1" in next(r for r in results if r.criterion == ReferralCriterion.REPEAT).evidence


def test_being_the_perpetrator_in_a_previous_case_is_not_a_previous_referral_of_the_victim() -> None:
    w = _victim()
    w.adult("X")
    w.plan("MR1", "MARAC", _days_before(100), members={"X": "victim", "V": "perpetrator"})
    w.incident("V", _days_before(50))
    assert not _met(evaluate_referral(w.build(), "V", DAY), ReferralCriterion.REPEAT)


def test_every_criterion_is_answered_in_the_contracts_order_with_a_reason() -> None:
    results = evaluate_referral(_victim().build(), "V", DAY)
    assert [r.criterion for r in results] == list(ReferralCriterion)
    assert all(r.reason.endswith(".") for r in results)


def test_an_unknown_victim_or_a_nonsense_threshold_is_a_user_error() -> None:
    with pytest.raises(UserError, match="no person with id 'NOBODY'"):
        evaluate_referral(_victim().build(), "NOBODY", DAY)
    with pytest.raises(UserError):
        Thresholds(high_risk_yes=25)
    with pytest.raises(UserError):
        Thresholds(escalation_days=0)
