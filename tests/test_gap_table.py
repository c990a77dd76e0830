"""Gaps as a table: the agency answerable for each, statuses, filters and order."""

from __future__ import annotations

import pandas as pd

from data_model.findings import Code, Gap, Severity
from data_model.gap_table import filter_gaps, gaps_about_person, gaps_frame, open_gaps
from tests.builders import World


def _world() -> World:
    w = World()
    w.agency("SCHOOL", "education", "Northbrook Primary")
    w.agency("CSC", "children_social_care", "Children's Services")
    w.child("KID")
    w.plan("CP1", "CP_PLAN", "2026-01-01", members={"KID": "subject"}, lead="CSC")
    w.share("KID", "2026-02-01", sender="SCHOOL", receiver="CSC")  # SH1
    return w


def _gap(code: Code, severity: Severity = Severity.HIGH, **keys: str) -> Gap:
    return Gap(code, severity, f"{code} happened.", ("plans:CP1",), **keys)


def test_a_sharing_gap_is_answerable_by_the_agency_that_shared() -> None:
    frame = gaps_frame([_gap(Code.CONSENT_NOT_RECORDED, sharing_id="SH1")], _world().build())
    assert frame.loc[0, ["agency", "about_person_id"]].tolist() == ["Northbrook Primary", "KID"]


def test_a_plan_gap_is_answerable_by_the_plan_lead() -> None:
    frame = gaps_frame([_gap(Code.CP_REVIEW_OVERDUE, plan_id="CP1")], _world().build())
    assert frame.loc[0, "agency"] == "Children's Services"


def test_high_severity_comes_first_then_the_rules_order() -> None:
    gaps = [_gap(Code.ACTION_OVERDUE, Severity.HIGH, action_id="X"), _gap(Code.CP_REVIEW_OVERDUE, plan_id="CP1"),
            _gap(Code.CONSENT_NOT_SOUGHT_NO_REASON, Severity.LOW, consent_id="C")]
    assert gaps_frame(gaps, _world().build())["code"].tolist() == [
        "CP_REVIEW_OVERDUE", "ACTION_OVERDUE", "CONSENT_NOT_SOUGHT_NO_REASON"]


def test_a_resolved_gap_is_no_longer_open_but_an_acknowledged_one_is() -> None:
    gaps = [_gap(Code.CP_REVIEW_OVERDUE, plan_id="CP1"), _gap(Code.CHILD_VOICE_NOT_RECORDED, plan_id="CP1",
                                                                person_id="KID")]
    statuses = pd.DataFrame({"status": ["resolved", "acknowledged"], "note": ["", ""], "changed_by": ["A", "A"],
                             "changed_at": pd.to_datetime(["2026-11-27", "2026-11-27"])},
                            index=pd.Index(["CP_REVIEW_OVERDUE|CP1||||||", "CHILD_VOICE_NOT_RECORDED|CP1||KID||||"],
                                           name="gap_key"))
    frame = gaps_frame(gaps, _world().build(), statuses)
    assert open_gaps(frame)["code"].tolist() == ["CHILD_VOICE_NOT_RECORDED"]


def test_filters_combine_and_an_empty_filter_lets_everything_through() -> None:
    gaps = [_gap(Code.CP_REVIEW_OVERDUE, plan_id="CP1"), _gap(Code.CONSENT_NOT_RECORDED, Severity.MEDIUM,
                                                             sharing_id="SH1")]
    frame = gaps_frame(gaps, _world().build())
    assert len(filter_gaps(frame)) == 2
    assert filter_gaps(frame, severities=["medium"], agencies=["Northbrook Primary"])["code"].tolist() == [
        "CONSENT_NOT_RECORDED"]
    assert filter_gaps(frame, severities=["medium"], plans=["CP1"]).empty


def test_a_persons_gaps_include_those_about_their_plans() -> None:
    gaps = [_gap(Code.CP_REVIEW_OVERDUE, plan_id="CP1"), _gap(Code.CONSENT_NOT_RECORDED, sharing_id="SH1")]
    frame = gaps_frame(gaps, _world().build())
    assert len(gaps_about_person(frame, "KID", ["CP1"])) == 2
    assert gaps_about_person(frame, "SOMEONE", [])["code"].tolist() == []
