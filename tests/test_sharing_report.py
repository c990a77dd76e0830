"""The Information sharing page's numbers: purposes, flows, consent for children, adults with no purpose."""

from __future__ import annotations

from data_model import sharing_report as report
from data_model.overview import active_cases, headline
from data_model.records import ADULT_PURPOSES
from tests.builders import AS_OF, World


def _world() -> World:
    w = World()
    w.adult("MUM")
    w.child("KID")
    w.person("TEEN", born="2008-11-28")  # 18 on 2026-11-28: a child the day before
    w.share("MUM", "2026-03-01", purposes="coordinate_responses;early_intervention", sender="POL", receiver="HEA")
    w.share("MUM", "2026-04-01", purposes="coordinate_responses", sender="POL", receiver="CSC")
    w.share("MUM", "2026-05-01", purposes="", sender="HEA", receiver="POL")
    w.share("MUM", "2027-01-01", purposes="", sender="HEA", receiver="POL")  # after the as-of date
    w.consent("KID", "2026-02-01", "given")
    w.share("KID", "2026-02-01", purposes="child_protection")  # consent the same day: recorded
    w.share("TEEN", "2026-11-27", purposes="child_protection")  # no consent at all
    w.consent("TEEN", "2026-11-28", "refused")  # after the as-of date: not visible
    return w


def test_volume_by_purpose_lists_all_nine_in_the_guidances_order() -> None:
    volume = report.volume_by_purpose(_world().build(), AS_OF)
    assert volume["purpose"].tolist() == [p.value for p in ADULT_PURPOSES]
    assert dict(zip(volume["purpose"], volume["events"], strict=True))["coordinate_responses"] == 2


def test_flows_count_each_disclosure_once_between_two_agencies() -> None:
    flows = report.purpose_flows(_world().build(), AS_OF)
    assert flows[["from_agency", "to_agency", "events"]].values.tolist() == [
        ["Agency POL", "Agency CSC", 1], ["Agency POL", "Agency HEA", 1]]


def test_flows_for_one_purpose_leave_out_the_others() -> None:
    flows = report.purpose_flows(_world().build(), AS_OF, purposes=("early_intervention",))
    assert flows["to_agency"].tolist() == ["Agency HEA"]


def test_sharing_about_an_adult_with_no_purpose_is_listed_once_it_has_happened() -> None:
    missing = report.adult_sharing_without_purpose(_world().build(), AS_OF)
    assert missing["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-05-01"]


def test_consent_recorded_on_the_day_of_sharing_counts_as_recorded() -> None:
    events = report.child_sharing_consent(_world().build(), AS_OF)
    assert dict(zip(events["person_id"], events["consent_recorded"], strict=True)) == {"KID": True, "TEEN": False}


def test_child_consent_decisions_count_only_decisions_made_by_the_as_of_date() -> None:
    decisions = report.child_consent_decisions(_world().build(), AS_OF)
    assert dict(zip(decisions["decision"], decisions["consents"], strict=True)) == {
        "given": 1, "refused": 0, "withdrawn": 0, "not_sought": 0}


def test_the_recording_rate_by_month_is_recorded_over_events() -> None:
    monthly = report.consent_recording_by_month(_world().build(), AS_OF)
    assert monthly["share"].tolist() == [1.0, 0.0]


def test_headline_share_of_child_sharing_with_consent_recorded() -> None:
    from data_model.gap_table import gaps_frame

    p = _world().build()
    figures = headline(p, AS_OF, gaps_frame([], p))
    assert (figures.people, figures.child_sharing_events, figures.consent_recorded_share) == (3, 2, 0.5)
    assert figures.open_gaps == {"high": 0, "medium": 0, "low": 0}


def test_a_plan_ending_on_the_as_of_date_is_still_active_that_day() -> None:
    w = World()
    w.plan("M1", "MARAC", "2026-01-01", end=AS_OF)
    w.plan("M2", "MARAC", "2026-01-01", end="2026-11-26")
    w.plan("M3", "MAPPA", "2026-11-28")
    assert active_cases(w.build(), AS_OF) == {"MAPPA": 0, "CP_PLAN": 0, "MARAC": 1}


def test_flows_by_month_name_each_pair_of_agencies_and_leave_out_the_quiet_ones() -> None:
    flows = report.flows_by_month(_world().build(), AS_OF, top=1)
    assert flows["flow"].unique().tolist() == ["Agency POL → Agency CSC"]
