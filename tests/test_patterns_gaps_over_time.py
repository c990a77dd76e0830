"""Gaps by code and answerable agency, at the as-of date and the month ends before it."""

from __future__ import annotations

import pandas as pd

from data_model.findings import Code, Gap, Severity
from data_model.partnership import Partnership
from data_model.patterns.gaps_over_time import gaps_over_time
from tests.builders import AS_OF, World


class RecordingFinder:
    """A fake rule set: the same two gaps on every date, remembering the dates it was asked."""

    def __init__(self) -> None:
        self.dates: list[str] = []

    def __call__(self, p: Partnership, day: pd.Timestamp) -> list[Gap]:
        self.dates.append(day.date().isoformat())
        return [
            Gap(Code.CP_REVIEW_OVERDUE, Severity.MEDIUM, "Review overdue", ("plans:CP1",), plan_id="CP1"),
            Gap(Code.HIGH_RISK_NOT_REFERRED, Severity.HIGH, "Not referred", ("people:ANN",), person_id="ANN"),
        ]


def world() -> World:
    w = World()
    w.agency("CSC", "children_social_care", "Children's Services")
    w.child("KID"), w.adult("ANN")
    w.plan("CP1", "CP_PLAN", "2026-01-10", {"KID": "subject"}, lead="CSC")
    return w


def test_the_trend_runs_the_rules_at_the_as_of_date_and_the_month_ends_before_it():
    finder = RecordingFinder()
    gaps_over_time(world().build(), AS_OF, points=3, find=finder)
    assert finder.dates == ["2026-09-30", "2026-10-31", AS_OF]


def test_each_gap_is_counted_against_its_answerable_agency_or_none():
    found = gaps_over_time(world().build(), AS_OF, points=1, find=RecordingFinder())
    rows = {tuple(r) for r in found[["code", "agency_id", "agency"]].assign(gaps=found["gaps"].astype(int))
            .values.tolist()}
    assert rows == {("CP_REVIEW_OVERDUE", "CSC", "Children's Services", 1),
                    ("HIGH_RISK_NOT_REFERRED", "", "No agency named", 1)}


def test_with_the_rules_an_overdue_review_shows_from_the_first_date_after_it_was_due():
    w = world()
    w.add("plans", plan_id="CP2", plan_type="CP_PLAN", start_date="2026-05-01", next_review_date="2026-10-15",
          lead_agency_id="CSC")
    w.add("plan_members", plan_id="CP2", person_id="KID", role="subject")
    found = gaps_over_time(w.build(), AS_OF, points=3)
    overdue = found[found["code"] == Code.CP_REVIEW_OVERDUE.value]
    by_date = dict(zip(overdue["as_of"].dt.strftime("%Y-%m-%d"), overdue["gaps"], strict=True))
    assert by_date.get("2026-09-30", 0) < by_date["2026-10-31"]
