"""Referral checks: the DASH risk checklist's score, and the four MARAC referral criteria.

The DASH checklist's wording is SafeLives' and licensed, so Linked Risk never holds it: answers
are stored by question number (1-24) with the product's own short neutral labels, and the score
is the number of "yes" answers.

The criteria (rules.md and SafeLives; thresholds differ locally, see :class:`Thresholds`):

- **visible high risk**: 14 or more "yes" answers;
- **professional judgement**: a practitioner has recorded their judgement that the case is high risk;
- **potential escalation**: 3 or more police-recorded incidents with the person as victim in the
  window of 365 days up to the as-of date;
- **repeat**: an incident with the person as victim within 365 days after a previous MARAC
  referral (a MARAC case with them as victim, or a referral to MARAC about them).

Examples
--------
>>> checklist = DashChecklist.from_answers({1: "yes", 2: "yes", 14: "no", 24: "not known"})
>>> checklist.score
2
>>> checklist.answer(3).value
'not_known'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from data_model.errors import UserError
from data_model.marac import Day
from data_model.partnership import Partnership, as_timestamp
from data_model.records import MemberRole, PlanType, ReferralCriterion, ReferralTo
from data_model.rules.explain import day
from data_model.rules.marac import HIGH_RISK_DASH, INCIDENTS_TRIGGER

#: The 24 questions by number, with Linked Risk's own short labels (never the checklist's wording).
QUESTIONS: dict[int, str] = {
    1: "Current injury",
    2: "Very frightened",
    3: "Fears further harm",
    4: "Isolated",
    5: "Low mood or suicidal thoughts",
    6: "Recent or planned separation",
    7: "Conflict over child contact",
    8: "Stalking or harassment",
    9: "Pregnancy or new baby",
    10: "Abuse more frequent",
    11: "Abuse getting worse",
    12: "Controlling or jealous",
    13: "Weapon or object used",
    14: "Threats to kill",
    15: "Strangling or choking",
    16: "Sexual abuse",
    17: "Threats from others",
    18: "Has hurt others",
    19: "Has hurt animals",
    20: "Money or dependency issues",
    21: "Substance use or mental health",
    22: "Suicide threats by abuser",
    23: "Breached orders or bail",
    24: "Known to police",
}


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_KNOWN = "not_known"


#: Ways people write each answer (after trimming, in any case).
ANSWER_WORDS = {
    Answer.YES: ("yes", "y", "true", "1"),
    Answer.NO: ("no", "n", "false", "0"),
    Answer.NOT_KNOWN: ("not_known", "not known", "nk", "unknown", "don't know", "?", ""),
}


def parse_answer(value: str | Answer, number: int) -> Answer:
    """An answer from its text: yes/no/not known (and y, n, nk, true, false, blank)."""
    if isinstance(value, Answer):
        return value
    text = str(value).strip().lower()
    for answer, words in ANSWER_WORDS.items():
        if text in words:
            return answer
    raise UserError(f"'{value}' is not an answer to DASH question {number}: use yes, no or not known.")


@dataclass(frozen=True)
class Thresholds:
    """The local escalation rules: defaults are rules.md's (14 yes; 3 incidents in 365 days; 365 days)."""

    high_risk_yes: int = HIGH_RISK_DASH
    escalation_incidents: int = INCIDENTS_TRIGGER
    escalation_days: int = 365
    repeat_days: int = 365

    def __post_init__(self) -> None:
        if not 1 <= self.high_risk_yes <= len(QUESTIONS):
            raise UserError(f"The visible-high-risk threshold must be 1 to {len(QUESTIONS)} yes answers, "
                            f"not {self.high_risk_yes}.")
        for name in ("escalation_incidents", "escalation_days", "repeat_days"):
            if getattr(self, name) < 1:
                raise UserError(f"The threshold {name.replace('_', ' ')} must be at least 1.")


@dataclass(frozen=True)
class DashChecklist:
    """Answers to the 24 questions, in question order (unanswered questions are "not known")."""

    answers: tuple[Answer, ...]

    def __post_init__(self) -> None:
        if len(self.answers) != len(QUESTIONS):
            raise UserError(f"A DASH checklist has {len(QUESTIONS)} answers, not {len(self.answers)}.")

    @classmethod
    def from_answers(cls, answers: Mapping[int, str | Answer] | Mapping[str, str | Answer]) -> DashChecklist:
        """A checklist from ``{question number: answer}``; numbers 1-24, answers yes/no/not known."""
        chosen = dict.fromkeys(QUESTIONS, Answer.NOT_KNOWN)
        for number, answer in answers.items():
            try:
                key = int(number)
            except ValueError:
                raise UserError(f"'{number}' is not a DASH question number: use 1 to {len(QUESTIONS)}.") from None
            if key not in chosen:
                raise UserError(f"There is no DASH question {key}: use 1 to {len(QUESTIONS)}.")
            chosen[key] = parse_answer(answer, key)
        return cls(tuple(chosen[n] for n in QUESTIONS))

    def answer(self, number: int) -> Answer:
        return self.answers[number - 1]

    @property
    def score(self) -> int:
        """The number of "yes" answers (0-24): the DASH score."""
        return sum(a is Answer.YES for a in self.answers)

    def frame(self) -> pd.DataFrame:
        """One row per question: number, label (ours, not the checklist's wording), answer."""
        return pd.DataFrame({"number": list(QUESTIONS), "label": list(QUESTIONS.values()),
                             "answer": [a.value for a in self.answers]})


@dataclass(frozen=True)
class CriterionResult:
    """Whether one referral criterion is met, in a sentence, with the records that decided it."""

    criterion: ReferralCriterion
    met: bool
    reason: str
    evidence: tuple[str, ...] = ()


def _person_known(p: Partnership, person_id: str) -> None:
    if person_id not in set(p.people["person_id"]):
        raise UserError(f"There is no person with id '{person_id}': check the id.")


def _visible_high_risk(p: Partnership, person_id: str, day_: pd.Timestamp, checklist: DashChecklist | None,
                       score: int | None, t: Thresholds) -> CriterionResult:
    crit = ReferralCriterion.VISIBLE_HIGH_RISK
    evidence: tuple[str, ...] = ()
    if checklist is not None:
        score, source = checklist.score, "on this checklist"
    elif score is not None:
        source = "on the referral"
    else:
        ra = p.risk_assessments
        ra = ra[(ra["person_id"] == person_id) & (ra["date"] <= day_) & (ra["date"] >= day_ - pd.Timedelta(days=365))
                & ra["dash_score"].notna()].sort_values(["date", "assessment_id"])
        if ra.empty:
            return CriterionResult(crit, False, "No DASH checklist is recorded in the last 12 months.")
        last = ra.iloc[-1]
        score, source = int(last["dash_score"]), f"on the checklist of {day(last['date'])}"
        evidence = (f"risk_assessments:{last['assessment_id']}",)
    met = score >= t.high_risk_yes
    return CriterionResult(crit, met, f"{score} of {len(QUESTIONS)} answers are yes {source} "
                           f"(visible high risk at {t.high_risk_yes} or more).", evidence)


def _professional_judgement(reason: str) -> CriterionResult:
    crit = ReferralCriterion.PROFESSIONAL_JUDGEMENT
    if reason.strip():
        return CriterionResult(crit, True, "A practitioner has recorded their professional judgement "
                               "that the case is high risk.")
    return CriterionResult(crit, False, "No professional judgement is recorded.")


def _victim_incidents(p: Partnership, person_id: str, day_: pd.Timestamp) -> pd.DataFrame:
    inc = p.incidents
    inc = inc[(inc["victim_person_id"] == person_id) & (inc["date"] <= day_)]
    return inc.sort_values(["date", "incident_id"])


def _potential_escalation(p: Partnership, person_id: str, day_: pd.Timestamp, t: Thresholds) -> CriterionResult:
    inc = _victim_incidents(p, person_id, day_)
    recent = inc[inc["date"] >= day_ - pd.Timedelta(days=t.escalation_days)]
    met = len(recent) >= t.escalation_incidents
    return CriterionResult(
        ReferralCriterion.POTENTIAL_ESCALATION, met,
        f"{len(recent)} police-recorded incident{'s' if len(recent) != 1 else ''} as victim in the "
        f"{t.escalation_days} days up to {day(day_)} (escalation at {t.escalation_incidents} or more).",
        tuple(f"incidents:{i}" for i in recent["incident_id"]))


def previous_referrals(p: Partnership, person_id: str, day_: pd.Timestamp) -> pd.DataFrame:
    """MARAC referrals about the person dated before ``day_``: date and record, oldest first.

    (One dated ``day_`` itself could not yet have an incident after it.)

    A MARAC case with them as victim counts from its start (the referral date); so does a
    ``referrals`` row to ``marac`` about them.
    """
    members = p.plan_members[(p.plan_members["person_id"] == person_id)
                             & (p.plan_members["role"] == MemberRole.VICTIM.value)]
    plans = p.plans[p.plans["plan_id"].isin(members["plan_id"]) & (p.plans["plan_type"] == PlanType.MARAC.value)]
    ref = p.referrals[(p.referrals["person_id"] == person_id) & (p.referrals["to"] == ReferralTo.MARAC.value)]
    found = pd.concat([
        pd.DataFrame({"date": plans["start_date"], "record": "plans:" + plans["plan_id"].astype(str)}),
        pd.DataFrame({"date": ref["date"], "record": "referrals:" + ref["referral_id"].astype(str)}),
    ], ignore_index=True)
    return found[found["date"] < day_].sort_values(["date", "record"], ignore_index=True)


def _repeat(p: Partnership, person_id: str, day_: pd.Timestamp, t: Thresholds) -> CriterionResult:
    crit = ReferralCriterion.REPEAT
    referrals = previous_referrals(p, person_id, day_)
    incidents = _victim_incidents(p, person_id, day_)
    for referred, record in zip(referrals["date"], referrals["record"], strict=True):
        after = incidents[(incidents["date"] > referred)
                          & (incidents["date"] <= pd.Timestamp(referred) + pd.Timedelta(days=t.repeat_days))]
        if len(after):
            first = after.iloc[0]
            return CriterionResult(crit, True, f"An incident on {day(first['date'])} came within {t.repeat_days} "
                                   f"days of the MARAC referral of {day(referred)}.",
                                   (str(record), f"incidents:{first['incident_id']}"))
    if referrals.empty:
        return CriterionResult(crit, False, "There is no previous MARAC referral.")
    return CriterionResult(crit, False, f"No incident came within {t.repeat_days} days after a previous "
                           "MARAC referral.", tuple(referrals["record"]))


def evaluate_referral(p: Partnership, person_id: str, as_of: Day, *, checklist: DashChecklist | None = None,
                      score: int | None = None, professional_judgement: str = "",
                      thresholds: Thresholds | None = None) -> list[CriterionResult]:
    """Whether a victim meets each of the four MARAC referral criteria on ``as_of``.

    Parameters
    ----------
    p : Partnership
    person_id : str
        The victim.
    as_of : date, str or Timestamp
        The day of the check; nothing dated after it is seen.
    checklist : DashChecklist, optional
        A checklist just filled in; without one, ``score``, else the latest recorded DASH score
        in the last 12 months is used.
    score : int, optional
        A DASH score known without its answers (e.g. the one on a referral).
    professional_judgement : str
        The practitioner's recorded reasons; any text meets the criterion.
    thresholds : Thresholds, optional
        Local escalation rules (default: rules.md's).

    Returns
    -------
    list of CriterionResult
        One per criterion, in the contract's order.
    """
    t = thresholds or Thresholds()
    day_ = as_timestamp(as_of)
    _person_known(p, person_id)
    return [
        _visible_high_risk(p, person_id, day_, checklist, score, t),
        _professional_judgement(professional_judgement),
        _potential_escalation(p, person_id, day_, t),
        _repeat(p, person_id, day_, t),
    ]


def criteria_frame(results: list[CriterionResult]) -> pd.DataFrame:
    """The results as a table: criterion, met, reason, evidence."""
    return pd.DataFrame({
        "criterion": [r.criterion.value for r in results],
        "met": [r.met for r in results],
        "reason": [r.reason for r in results],
        "evidence": ["; ".join(r.evidence) for r in results],
    })
