"""Research for a realistic MARAC case, and who to invite to the meeting (tests/marac_world.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from data_model.gap_status import gap_key
from data_model.marac.invitations import invitation_rows, invitation_text, invitations
from data_model.marac.pack import MeetingPack, prepare_meeting
from data_model.marac.research import CaseResearch
from data_model.rules import find_gaps
from tests.marac_world import AS_OF, MEETING, marac_partnership


@pytest.fixture(scope="module")
def pack() -> MeetingPack:
    return prepare_meeting(marac_partnership(), MEETING, AS_OF)


@pytest.fixture(scope="module")
def zoe(pack: MeetingPack) -> CaseResearch:
    return pack.case("MR10")


def test_the_case_lists_victim_then_perpetrator_then_the_children(zoe: CaseResearch) -> None:
    assert zoe.people["person_id"].tolist() == ["V1", "P1", "C1", "C2"]
    assert zoe.people.set_index("person_id").loc["C1", "role"] == "lives with the victim"


def test_linked_plans_anywhere_in_the_family_network_are_found(zoe: CaseResearch) -> None:
    assert set(zoe.linked_plans["plan_id"]) == {"CP1", "MA1"}
    mappa = zoe.linked_plans.set_index("plan_id").loc["MA1"]
    assert (mappa["lead_agency"], mappa["details"]) == ("Probation Service North", "category 2, level 2")


def test_the_family_network_is_one_hop_and_an_associate_does_not_link(zoe: CaseResearch) -> None:
    # CP2 is the victim's sister's son (two hops); MA2 is her friend's (an associate).
    assert not {"CP2", "MA2"} & set(zoe.linked_plans["plan_id"])


def test_every_agency_working_with_the_victim_perpetrator_or_children_is_listed(zoe: CaseResearch) -> None:
    agencies = zoe.agencies.set_index("agency_id")
    assert set(agencies.index) == {"DAS", "GPS", "PRB", "SMS", "SCH", "HLT", "CSC"}
    assert agencies["part_of_marac"].to_dict() == {
        "CSC": False, "DAS": True, "GPS": False, "HLT": False, "PRB": True, "SCH": False, "SMS": False}


def test_an_involvement_that_has_ended_does_not_make_an_agency_work_with_the_case(zoe: CaseResearch) -> None:
    assert "HSG" not in set(zoe.agencies["agency_id"])  # the housing officer stopped in January


def test_incidents_and_risk_assessments_are_those_of_the_last_12_months(zoe: CaseResearch) -> None:
    assert zoe.incidents["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-10-30", "2026-06-15", "2026-02-20"]
    assert zoe.risk_assessments[["assessment_id", "dash_score"]].values.tolist() == [["RA2", 16], ["RA1", 11]]


def test_previous_marac_referrals_name_the_victims_earlier_case(zoe: CaseResearch) -> None:
    previous = zoe.previous_referrals
    assert previous["plan_id"].tolist() == ["MR1"]
    assert "Zoë Ó Briain (victim)" in previous.loc[0, "people"]


def test_open_actions_include_the_earlier_case_and_put_overdue_first(zoe: CaseResearch) -> None:
    actions = zoe.actions
    assert actions["action_id"].tolist() == ["ACT-OLD", "ACT-1", "ACT-2"]  # ACT-3 was completed
    assert actions["state"].tolist() == ["overdue", "overdue", "open"]
    assert actions.set_index("action_id").loc["ACT-1", "days_overdue"] == 7


def test_the_cases_open_gaps_come_from_the_rules_engine(zoe: CaseResearch) -> None:
    codes = set(zoe.gaps["code"])
    assert {"MARAC_REPEAT_NOT_FLAGGED", "MARAC_CHILD_UNKNOWN_TO_CSC", "ACTION_OVERDUE",
            "LINKED_PLAN_NOT_SHARED"} <= codes
    assert (zoe.gaps["status"] == "open").all()


def test_a_resolved_gap_is_left_out_of_the_research() -> None:
    p = marac_partnership()
    repeat = next(g for g in find_gaps(p, AS_OF) if g.code == "MARAC_REPEAT_NOT_FLAGGED")
    statuses = pd.DataFrame({"status": ["resolved"], "note": [""], "changed_by": ["Ann"],
                             "changed_at": [pd.Timestamp("2026-11-26")]},
                            index=pd.Index([gap_key(repeat)], name="gap_key"))
    zoe = prepare_meeting(p, MEETING, AS_OF, statuses=statuses).case("MR10")
    assert "MARAC_REPEAT_NOT_FLAGGED" not in set(zoe.gaps["code"])


def test_the_referral_criteria_are_checked_against_the_records_on_the_referral_date(zoe: CaseResearch) -> None:
    met = dict(zip(zoe.criteria["criterion"], zoe.criteria["met"], strict=True))
    assert met == {"visible_high_risk": True, "professional_judgement": False, "potential_escalation": True,
                   "repeat": True}


def test_a_case_without_a_perpetrator_or_children_still_has_research(pack: MeetingPack) -> None:
    hostile = pack.case("MR11")
    assert len(hostile.people) == 1 and hostile.linked_plans.empty and hostile.incidents.empty


def test_invitations_name_every_agency_holding_information_with_its_cases(pack: MeetingPack) -> None:
    summary = invitations(pack.invitation_rows).set_index("agency_id")
    assert set(summary.index) == {"CSC", "DAS", "GPS", "HLT", "POL", "PRB", "SCH", "SMS"}
    assert summary.loc["DAS", "items"] == "1 (MR10), 2 (MR11), 3 (MR12)"
    assert summary.loc["POL", "cases"] == 2  # the incidents it recorded, and the cases it leads


def test_an_agency_is_asked_to_bring_research_for_each_reason_it_holds_information(pack: MeetingPack) -> None:
    rows = pack.invitation_rows.set_index(["agency_id", "plan_id"])
    assert "recorded 3 incidents" in rows.loc[("POL", "MR10"), "reasons"]
    assert "linked MAPPA plan MA1" in rows.loc[("PRB", "MR10"), "reasons"]
    assert "linked child protection plan CP1" in rows.loc[("CSC", "MR10"), "reasons"]


def test_an_invitation_is_ready_to_send_and_marked_restricted(pack: MeetingPack) -> None:
    text = invitation_text(pack.invitation_rows, "SCH", MEETING)
    marking = "RESTRICTED – contains personal data"
    assert text.startswith(marking) and text.endswith(marking)
    assert "To: St Anne's Primary School (tch1@sch.example)" in text
    assert "Item 1 (MR10), victim Zoë Ó Briain" in text
    assert invitation_text(pack.invitation_rows, "NOBODY", MEETING) == ""


def test_invitations_for_a_meeting_follow_the_as_of_date() -> None:
    early = invitation_rows(marac_partnership(), MEETING, "2026-11-11")
    assert set(early["plan_id"]) == {"MR10"}
