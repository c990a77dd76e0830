"""Clusters of linked risk: connected groups around active plans, ranked by severity."""

from __future__ import annotations

import pandas as pd

from data_model.patterns.clusters import cluster_summary, linked_risk_clusters
from data_model.patterns.linked_risk import linked_risk_graph, person_ids
from tests.builders import AS_OF, World


def clusters(w: World, **kwargs: object) -> pd.DataFrame:
    return linked_risk_clusters(w.build(), AS_OF, **kwargs)  # type: ignore[arg-type]


def family(w: World, tag: str, *plans: str) -> None:
    """A mother and child in household H<tag>; the child on each plan type given."""
    w.adult(f"MUM{tag}", household=f"H{tag}"), w.child(f"KID{tag}", household=f"H{tag}")
    for n, plan_type in enumerate(plans):
        member = {"CP_PLAN": {f"KID{tag}": "subject"}, "MARAC": {f"MUM{tag}": "victim"},
                  "MAPPA": {f"MUM{tag}": "subject"}}[plan_type]
        w.plan(f"PL{tag}{n}", plan_type, "2026-01-01", member)


def test_a_plan_members_household_forms_one_cluster_with_the_plan():
    w = World()
    family(w, "1", "CP_PLAN")
    w.adult("NEIGHBOUR", household="H9")
    G = linked_risk_graph(w.build(), AS_OF)
    assert person_ids(G) == ["KID1", "MUM1"]
    found = clusters(w)
    assert found[["cluster", "people", "children", "households", "plans"]].values.tolist() == [["KID1", 2, 1, 1, 1]]


def test_two_unconnected_families_are_two_clusters_ranked_by_plan_types():
    w = World()
    family(w, "1", "CP_PLAN")
    family(w, "2", "CP_PLAN", "MARAC")
    found = clusters(w)
    assert found[["cluster", "rank", "plan_type_count"]].values.tolist() == [["KID2", 1, 2], ["KID1", 2, 1]]


def test_a_victim_and_perpetrator_living_apart_are_joined_by_their_marac_case():
    w = World()
    w.adult("VIC", household="H1"), w.adult("PERP", household="H2")
    w.plan("MR1", "MARAC", "2026-01-01", {"VIC": "victim", "PERP": "perpetrator"})
    assert clusters(w)["people"].tolist() == [2]


def test_a_plan_that_ended_draws_no_cluster():
    w = World()
    w.child("KID", household="H1")
    w.plan("CP1", "CP_PLAN", "2025-01-01", {"KID": "subject"}, end="2026-01-01")
    assert clusters(w).empty


def test_open_high_severity_gaps_about_its_people_raise_a_clusters_rank():
    w = World()
    family(w, "1", "CP_PLAN")
    family(w, "2", "CP_PLAN")
    gaps = pd.DataFrame({"severity": ["high", "low"], "about_person_id": ["MUM2", "MUM1"], "plan_id": [None, None]})
    found = clusters(w, gaps=gaps)
    assert found[["cluster", "high_gaps"]].values.tolist() == [["KID2", 1], ["KID1", 0]]


def test_a_cluster_larger_than_the_community_size_is_also_split_into_communities():
    w = World()
    for tag in ("A", "B"):
        people = [f"{tag}{n}" for n in range(6)]
        for pid in people:
            w.adult(pid, household=f"H{tag}")
        w.plan(f"MR{tag}", "MARAC", "2026-01-01", {people[0]: "victim"})
    w.relate("A1", "sibling", "B1")
    w.plan("MRX", "MARAC", "2026-02-01", {"A1": "victim"})
    found = clusters(w, community_size=5)
    assert found["community"].tolist()[0] == 0 and found["people"].tolist()[0] == 12
    parts = found[found["community"] > 0]
    assert len(parts) >= 2 and parts["people"].sum() == 12


def test_the_community_split_is_the_same_on_every_run():
    w = World()
    for n in range(12):
        w.adult(f"P{n:02}", household="H1")
    w.plan("MR1", "MARAC", "2026-01-01", {"P00": "victim"})
    assert clusters(w, community_size=3).equals(clusters(w, community_size=3))


def test_the_summary_counts_whole_clusters_by_size_band_and_plan_types():
    w = World()
    family(w, "1", "CP_PLAN")
    family(w, "2", "CP_PLAN", "MARAC")
    summary = cluster_summary(clusters(w))
    hits = summary[summary["clusters"] > 0]
    assert hits.values.tolist() == [["2-3", 1, 1], ["2-3", 2, 1]]
    assert len(summary) == 15
