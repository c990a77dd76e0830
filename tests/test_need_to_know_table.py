"""The Who-needs-to-know page's table: plans to pick, names beside ids, not informed first."""

from __future__ import annotations

from data_model.findings import NeedToKnow, Status
from data_model.need_to_know_table import need_to_know_frame, plan_choices, status_counts
from data_model.rules.context import Context
from tests.builders import AS_OF, World


def _world() -> World:
    w = World()
    w.child("KID", given="Leo", family="Smith")
    w.adult("MUM", given="Ann", family="Smith")
    w.plan("CP1", "CP_PLAN", "2026-01-01", members={"KID": "subject"}, lead="CSC")
    w.plan("CP2", "CP_PLAN", "2026-02-01", members={"KID": "subject"}, lead="CSC")
    w.plan("OLD", "CP_PLAN", "2020-01-01", end="2021-01-01", members={"KID": "subject"})
    w.practitioner("GP", agency_id="HEALTH")
    return w


def test_plans_where_someone_is_not_informed_come_first_and_say_so() -> None:
    choices = plan_choices(Context(_world().build(), AS_OF), not_informed={"CP2"})
    assert choices["plan_id"].tolist() == ["CP2", "CP1"]
    assert choices["label"].iloc[0] == "Child protection plan CP2 for Leo Smith — agencies not informed"


def test_ended_plans_are_offered_only_when_asked() -> None:
    assert "OLD" not in plan_choices(Context(_world().build(), AS_OF))["plan_id"].tolist()
    assert plan_choices(Context(_world().build(), AS_OF), include_ended=True).set_index("plan_id").loc["OLD", "label"] \
        .endswith("(ended)")


def _row(status: Status, person: str = "MUM") -> NeedToKnow:
    return NeedToKnow("CP1", "HEALTH", "GP", person, status, "fact_of_concern", ("KID", person), "parent",
                      "significant_harm", False)


def test_rows_not_informed_come_first_with_the_path_in_names() -> None:
    frame = need_to_know_frame([_row(Status.PART_OF_PLAN), _row(Status.NOT_INFORMED)], Context(_world().build(), AS_OF))
    assert frame["status"].tolist() == ["not informed", "part of plan"]
    assert frame["path"].iloc[0] == "Leo Smith → Ann Smith"
    assert status_counts(frame) == {"not informed": 1, "informed": 0, "part of plan": 1}
