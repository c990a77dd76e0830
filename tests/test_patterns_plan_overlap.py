"""Households and family networks where more than one type of plan meets."""

from __future__ import annotations

from data_model.patterns.clusters import linked_risk_clusters
from data_model.patterns.plan_overlap import (
    family_networks_with_plan_types,
    households_with_plan_types,
    plan_type_combinations,
)
from tests.builders import AS_OF, World


def households(w: World) -> dict[str, str]:
    found = households_with_plan_types(w.build(), AS_OF)
    return dict(zip(found["household_id"], found["combination"], strict=True))


def networks(w: World) -> list[tuple[str, str]]:
    p = w.build()
    found = family_networks_with_plan_types(linked_risk_clusters(p, AS_OF))
    return list(zip(found["cluster"], found["combination"], strict=True))


def mappa_dad_and_cp_child(w: World, household: str = "H1") -> None:
    w.adult("DAD", household=household), w.child("KID", household=household)
    w.plan("MP1", "MAPPA", "2026-01-01", {"DAD": "subject"})
    w.plan("CP1", "CP_PLAN", "2026-02-01", {"KID": "subject"})


def test_a_mappa_subject_living_with_a_child_on_a_cp_plan_is_mappa_plus_cp():
    w = World()
    mappa_dad_and_cp_child(w)
    assert households(w) == {"H1": "MAPPA + CP"}


def test_a_household_with_plans_of_one_type_only_is_not_listed():
    w = World()
    w.child("KID", household="H1"), w.child("SIS", household="H1")
    w.plan("CP1", "CP_PLAN", "2026-02-01", {"KID": "subject"})
    w.plan("CP2", "CP_PLAN", "2026-02-01", {"SIS": "subject"})
    assert households(w) == {}


def test_a_plan_that_has_ended_does_not_count_towards_a_household():
    w = World()
    w.adult("DAD", household="H1"), w.child("KID", household="H1")
    w.plan("MP1", "MAPPA", "2025-01-01", {"DAD": "subject"}, end="2026-11-26")
    w.plan("CP1", "CP_PLAN", "2026-02-01", {"KID": "subject"})
    assert households(w) == {}


def test_a_plan_starting_after_the_as_of_date_does_not_count_yet():
    w = World()
    w.adult("DAD", household="H1"), w.child("KID", household="H1")
    w.plan("MP1", "MAPPA", "2026-11-28", {"DAD": "subject"})
    w.plan("CP1", "CP_PLAN", "2026-02-01", {"KID": "subject"})
    assert households(w) == {}


def test_a_household_with_marac_mappa_and_cp_members_is_all_three():
    w = World()
    mappa_dad_and_cp_child(w)
    w.adult("MUM", household="H1")
    w.plan("MR1", "MARAC", "2026-03-01", {"MUM": "victim", "DAD": "perpetrator"})
    assert households(w) == {"H1": "All three"}


def test_a_marac_victim_and_her_sisters_child_on_a_cp_plan_are_one_family_network():
    w = World()
    w.adult("AUNT", household="H1"), w.adult("MUM", household="H2"), w.child("KID", household="H2")
    w.relate("AUNT", "sibling", "MUM")
    w.plan("MR1", "MARAC", "2026-03-01", {"AUNT": "victim"})
    w.plan("CP1", "CP_PLAN", "2026-02-01", {"KID": "subject"})
    assert households(w) == {}
    assert networks(w) == [("AUNT", "MARAC + CP")]


def test_a_relative_linked_to_both_members_joins_them_in_one_network():
    w = World()
    w.adult("GRAN"), w.adult("MUM"), w.child("KID")
    w.relate("GRAN", "parent", "MUM")
    w.relate("MUM", "parent", "KID")
    w.plan("MP1", "MAPPA", "2026-01-01", {"GRAN": "subject"})
    w.plan("CP1", "CP_PLAN", "2026-02-01", {"KID": "subject"})
    assert networks(w) == [("GRAN", "MAPPA + CP")]


def test_members_whose_links_do_not_meet_are_not_one_network():
    w = World()
    w.adult("GRAN"), w.adult("MUM"), w.adult("UNCLE"), w.child("KID")
    w.relate("GRAN", "parent", "UNCLE")
    w.relate("UNCLE", "sibling", "MUM")
    w.relate("MUM", "parent", "KID")
    w.plan("MP1", "MAPPA", "2026-01-01", {"GRAN": "subject"})
    w.plan("CP1", "CP_PLAN", "2026-02-01", {"KID": "subject"})
    assert networks(w) == []


def test_every_combination_is_counted_for_households_and_networks_zeros_kept():
    w = World()
    mappa_dad_and_cp_child(w)
    p = w.build()
    table = plan_type_combinations(
        households_with_plan_types(p, AS_OF), family_networks_with_plan_types(linked_risk_clusters(p, AS_OF)))
    counts = {(u, c): int(n) for u, c, n in table.itertuples(index=False)}
    assert len(counts) == 8
    assert counts[("household", "MAPPA + CP")] == 1
    assert counts[("family network", "MAPPA + CP")] == 1
    assert sum(counts.values()) == 2
