"""The shared definitions of rules.md: plan networks, agencies part of or told of a plan, a child at
risk of significant harm, and consent in force."""

from __future__ import annotations

import pandas as pd

from data_model.rules.consent import consent_in_force_today, consent_on
from data_model.rules.context import Context
from data_model.rules.harm import at_risk_on, children_at_risk_today
from data_model.rules.networks import agency_standing, plan_networks
from tests.builders import AS_OF, World


def context(w: World, as_of: str = AS_OF) -> Context:
    return Context(w.build(), as_of)


def family() -> World:
    """A CP plan for KID, who lives with MUM; MUM's brother UNCLE; DAD lives elsewhere."""
    w = World()
    w.adult("MUM", household="H1"), w.child("KID", household="H1"), w.adult("UNCLE"), w.adult("DAD")
    w.relate("UNCLE", "sibling", "MUM")
    w.relate("DAD", "parent", "KID")
    w.plan("CP1", "CP_PLAN", "2026-06-01", members={"KID": "subject"}, lead="CSC")
    return w


def network(w: World, plan: str = "CP1") -> dict[str, tuple[str, str]]:
    net = plan_networks(context(w))
    net = net[net["plan_id"] == plan]
    return {str(r.person_id): (str(r.member_id), str(r.link)) for r in net.itertuples()}


def test_the_plan_network_is_members_and_their_linked_people():
    assert network(family()) == {"KID": ("KID", "member"), "MUM": ("KID", "household"), "DAD": ("KID", "parent")}


def test_the_plan_network_is_one_hop_so_a_mothers_brother_is_not_in_it():
    assert "UNCLE" not in network(family())


def test_a_linked_person_goes_through_the_member_with_the_smallest_id():
    w = World()
    w.child("K2", household="H1"), w.child("K1", household="H1"), w.adult("MUM", household="H1")
    w.plan("CP1", "CP_PLAN", "2026-06-01", members={"K2": "subject", "K1": "subject"})
    assert network(w)["MUM"] == ("K1", "household")


def status(w: World, agency: str, plan: str = "CP1") -> str | None:
    standing = agency_standing(context(w))
    hit = standing[(standing["plan_id"] == plan) & (standing["agency_id"] == agency)]
    return None if hit.empty else str(hit["status"].iloc[0])


def test_the_lead_agency_is_part_of_the_plan():
    assert status(family(), "CSC") == "part_of_plan"


def test_a_core_group_agency_is_part_of_the_plan_from_its_since_date():
    w = family()
    w.plan_agency("CP1", "SCHOOL", "core_group", since="2026-11-27")
    w.plan_agency("CP1", "GP", "core_group", since="2026-11-28")
    assert status(w, "SCHOOL") == "part_of_plan"
    assert status(w, "GP") is None


def test_an_informed_agency_is_told_of_the_plan():
    w = family()
    w.plan_agency("CP1", "SCHOOL", "informed")
    assert status(w, "SCHOOL") == "informed"


def test_being_part_of_a_plan_wins_over_being_told_of_it():
    w = family()
    w.plan_agency("CP1", "SCHOOL", "informed")
    w.plan_agency("CP1", "SCHOOL", "attendee")
    assert status(w, "SCHOOL") == "part_of_plan"


def test_the_owner_of_an_action_is_told_of_the_plan():
    w = family()
    w.action("CP1", due="2027-01-01", owner="HOUSING")
    assert status(w, "HOUSING") == "informed"


def test_the_receiver_of_sharing_about_a_member_since_the_plan_began_is_told_but_not_the_sender():
    w = family()
    w.share("KID", "2026-07-01", basis="significant_harm", sender="GP", receiver="SCHOOL")
    assert status(w, "SCHOOL") == "informed"
    assert status(w, "GP") is None


def test_sharing_before_the_plan_began_tells_no_one_of_it():
    w = family()
    w.share("KID", "2026-05-31", basis="significant_harm", sender="GP", receiver="SCHOOL")
    assert status(w, "SCHOOL") is None


def test_sharing_that_names_the_plan_tells_the_receiver_even_about_someone_only_linked():
    w = family()
    w.share("MUM", "2026-07-01", basis="consent", sender="GP", receiver="SCHOOL", plan="CP1")
    w.share("MUM", "2026-07-01", basis="consent", sender="GP", receiver="DENTIST")
    assert status(w, "SCHOOL") == "informed"
    assert status(w, "DENTIST") is None


def at_risk(w: World, person: str, day: str) -> bool:
    return bool(at_risk_on(context(w), pd.Series([person]), pd.Series([pd.Timestamp(day)]))[0])


def test_a_child_on_an_active_cp_plan_is_at_risk_of_significant_harm():
    w = family()
    assert at_risk(w, "KID", "2026-06-01")
    assert not at_risk(w, "KID", "2026-05-31")


def test_a_child_on_a_cp_plan_that_ended_is_no_longer_at_risk_by_it():
    w = World()
    w.child("KID")
    w.plan("CP1", "CP_PLAN", "2025-01-01", end="2026-01-01", members={"KID": "subject"})
    assert at_risk(w, "KID", "2026-01-01")
    assert not at_risk(w, "KID", "2026-01-02")


def test_a_child_in_the_household_of_a_marac_case_is_at_risk_but_a_perpetrator_is_not():
    w = World()
    w.child("KID"), w.child("TEEN")
    w.plan("M1", "MARAC", "2026-01-01", members={"KID": "child_in_household", "TEEN": "perpetrator"})
    assert at_risk(w, "KID", "2026-03-01")
    assert not at_risk(w, "TEEN", "2026-03-01")


def test_a_significant_harm_concern_counts_for_365_days():
    w = World()
    w.child("KID")
    w.concern("KID", "2025-11-27")
    assert at_risk(w, "KID", "2026-11-27")
    assert not at_risk(w, "KID", "2026-11-28")
    assert not at_risk(w, "KID", "2025-11-26")


def test_a_concern_without_significant_harm_does_not_put_a_child_at_risk():
    w = World()
    w.child("KID")
    w.concern("KID", "2026-11-01", harm=False)
    assert not at_risk(w, "KID", "2026-11-27")


def test_only_children_count_as_children_at_risk_today():
    w = World()
    w.child("KID"), w.adult("MUM"), w.person("NOBIRTH")
    w.plan("M1", "MARAC", "2026-01-01", members={"KID": "child_in_household", "MUM": "victim",
                                                  "NOBIRTH": "potential_victim"})
    assert list(children_at_risk_today(context(w))) == ["KID"]


def in_force(w: World, person: str, day: str) -> bool:
    return bool(consent_on(context(w), pd.Series([person]), pd.Series([pd.Timestamp(day)]))["in_force"][0])


def test_consent_given_is_in_force_from_its_date():
    w = World()
    w.child("KID")
    w.consent("KID", "2026-03-01")
    assert in_force(w, "KID", "2026-03-01")
    assert not in_force(w, "KID", "2026-02-28")


def test_consent_withdrawn_later_is_no_longer_in_force():
    w = World()
    w.child("KID")
    w.consent("KID", "2026-03-01")
    w.consent("KID", "2026-04-01", decision="withdrawn")
    assert in_force(w, "KID", "2026-03-31")
    assert not in_force(w, "KID", "2026-04-01")


def test_on_one_date_a_refusal_wins_over_consent_given():
    w = World()
    w.child("KID")
    w.consent("KID", "2026-03-01")
    w.consent("KID", "2026-03-01", decision="refused")
    assert not in_force(w, "KID", "2026-06-01")


def test_consent_in_force_today_ignores_decisions_after_the_as_of_date():
    w = World()
    w.child("KID"), w.child("SIS")
    w.consent("KID", "2026-03-01")
    w.consent("KID", "2026-12-01", decision="withdrawn")
    w.consent("SIS", "2026-03-01", decision="refused")
    assert list(consent_in_force_today(context(w))) == ["KID"]


def test_what_happens_after_the_as_of_date_is_not_visible():
    w = family()
    w.plan("CP2", "CP_PLAN", "2026-11-28", members={"KID": "subject"})
    w.plan("CP3", "CP_PLAN", "2026-01-01", end="2026-12-01", members={"KID": "subject"})
    w.concern("KID", "2026-11-28")
    ctx = context(w)
    assert set(ctx.plans["plan_id"]) == {"CP1", "CP3"}
    assert ctx.plans.set_index("plan_id").loc["CP3", "active"]
    assert ctx.events("concerns").empty
