"""The linked-risk graph: plan members, the people linked to them, and the plans that join them.

Built only around active plans (members plus their linked people, one hop as rules.md defines
*linked*), so that a million-person partnership gives a graph of tens of thousands of nodes.
Nodes are ``("person", id)`` and ``("plan", id)`` tuples; person-person edges carry ``link``
(the relationship kinds or ``household``), person-plan edges carry ``role``.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pandas as pd

from data_model.partnership import Partnership, as_timestamp
from data_model.patterns.active import AsOf, active_members, active_plans
from data_model.records import LINKING_RELATIONSHIPS
from data_model.rules.dates import active_on

PAIR_COLUMNS = ["person_id", "linked_id", "link"]
HOUSEHOLD = "household"


def _household_pairs(p: Partnership, seeds: pd.Index) -> pd.DataFrame:
    people = p.people[["person_id", "household_id"]].dropna(subset=["household_id"])
    homes = people[people["person_id"].isin(seeds)]
    pairs = homes.merge(people, on="household_id", suffixes=("", "_other"))
    pairs = pairs[pairs["person_id"] != pairs["person_id_other"]]
    return pd.DataFrame(
        {"person_id": pairs["person_id"], "linked_id": pairs["person_id_other"], "link": HOUSEHOLD}
    )


def _relationship_pairs(p: Partnership, as_of: AsOf, seeds: pd.Index) -> pd.DataFrame:
    rel = p.relationships
    keep = (
        active_on(rel["start_date"], rel["end_date"], as_timestamp(as_of))
        & rel["relationship"].isin([k.value for k in LINKING_RELATIONSHIPS])
        & (rel["person_id"] != rel["related_person_id"])
        & (rel["person_id"].isin(seeds) | rel["related_person_id"].isin(seeds))
    )
    rel = rel[keep]
    both = pd.concat(
        [
            pd.DataFrame({"person_id": rel["person_id"], "linked_id": rel["related_person_id"]}),
            pd.DataFrame({"person_id": rel["related_person_id"], "linked_id": rel["person_id"]}),
        ]
    )
    both["link"] = pd.concat([rel["relationship"], rel["relationship"]]).astype(object).to_numpy()
    return both[both["person_id"].isin(seeds)]


def linked_pairs_of(p: Partnership, as_of: AsOf, seeds: Iterable[str]) -> pd.DataFrame:
    """People linked to each of ``seeds`` on ``as_of``: ``person_id`` (a seed), ``linked_id``, ``link``.

    Linked means rules.md's *linked people*: the same non-empty household, or an active
    relationship of a linking kind in either direction (not ``associate``, never oneself). A pair
    linked in two ways has a row per way. Rows are sorted and unique.
    """
    index = pd.Index(sorted(set(seeds)))
    pairs = pd.concat([_household_pairs(p, index), _relationship_pairs(p, as_of, index)])
    pairs = pairs.astype(object).drop_duplicates()
    return pairs.sort_values(PAIR_COLUMNS).reset_index(drop=True)[PAIR_COLUMNS]


def person(person_id: str) -> tuple[str, str]:
    return ("person", person_id)


def plan(plan_id: str) -> tuple[str, str]:
    return ("plan", plan_id)


def linked_risk_graph(p: Partnership, as_of: AsOf) -> nx.Graph:
    """Active plans, their members and the members' linked people, as one undirected graph.

    Plan nodes carry ``plan_type``; person nodes carry ``member`` (True for plan members).

    Examples
    --------
    >>> from data_model.patterns.example import EXAMPLE_AS_OF, example_partnership
    >>> G = linked_risk_graph(example_partnership(), EXAMPLE_AS_OF)
    >>> sorted(n for n in G if n[0] == "plan")
    [('plan', 'CP1'), ('plan', 'MA1')]
    """
    members = active_members(p, as_of)
    G = nx.Graph()
    for row in active_plans(p, as_of).itertuples(index=False):
        G.add_node(plan(row.plan_id), kind="plan", plan_type=row.plan_type)
    member_ids = sorted(set(members["person_id"]))
    G.add_nodes_from((person(pid) for pid in member_ids), kind="person", member=True)
    for row in members.itertuples(index=False):
        G.add_edge(person(row.person_id), plan(row.plan_id), role=row.role)
    pairs = linked_pairs_of(p, as_of, member_ids)
    links = pairs.groupby(["person_id", "linked_id"], sort=True)["link"].agg(lambda s: ";".join(sorted(s)))
    for (pid, other), link in links.items():
        if person(other) not in G:
            G.add_node(person(other), kind="person", member=False)
        G.add_edge(person(pid), person(other), link=link)
    return G


def person_ids(nodes: Iterable[tuple[str, str]]) -> list[str]:
    """The person ids among graph nodes, sorted."""
    return sorted(n[1] for n in nodes if n[0] == "person")


def plan_ids(nodes: Iterable[tuple[str, str]]) -> list[str]:
    """The plan ids among graph nodes, sorted."""
    return sorted(n[1] for n in nodes if n[0] == "plan")
