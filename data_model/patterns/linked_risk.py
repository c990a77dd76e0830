"""The linked-risk graph: plan members, the people linked to them, and the plans that join them.

Built only around active plans (members plus their linked people, one hop, as rules.md defines
*linked*), so that a million-person partnership gives a graph of tens of thousands of nodes, not a
million. Nodes are named as in :mod:`data_model.graph` (``person:P1``, ``plan:PL1``) with a
``kind``; person-person edges carry ``link`` (:func:`data_model.links.linked_pairs`), person-plan
edges carry ``role``.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from data_model.graph import node, record_id
from data_model.links import linked_pairs
from data_model.partnership import Partnership
from data_model.patterns.active import AsOf, active_members, active_plans


def linked_risk_graph(p: Partnership, as_of: AsOf) -> nx.Graph:
    """Active plans, their members and the members' linked people, as one undirected graph.

    Plan nodes carry ``plan_type``; person nodes carry ``member`` (True for plan members).

    Examples
    --------
    >>> from data_model.patterns.example import EXAMPLE_AS_OF, example_partnership
    >>> G = linked_risk_graph(example_partnership(), EXAMPLE_AS_OF)
    >>> plan_ids(G), person_ids(G)
    (['CP1', 'MA1'], ['P1', 'P2', 'P3', 'P4'])
    """
    members = active_members(p, as_of)
    G = nx.Graph()
    for row in active_plans(p, as_of).itertuples(index=False):
        G.add_node(node("plan", str(row.plan_id)), kind="plan", plan_type=row.plan_type)
    member_ids = sorted(set(members["person_id"]))
    G.add_nodes_from((node("person", pid) for pid in member_ids), kind="person", member=True)
    G.add_edges_from(
        (node("person", str(row.person_id)), node("plan", str(row.plan_id)), {"role": row.role})
        for row in members.itertuples(index=False)
    )
    pairs = linked_pairs(p, as_of, of=member_ids)
    for pid, other, link in pairs.itertuples(index=False):
        if node("person", other) not in G:
            G.add_node(node("person", other), kind="person", member=False)
        G.add_edge(node("person", pid), node("person", other), link=link)
    return G


def _ids(nodes: Iterable[str], kind: str) -> list[str]:
    prefix = kind + ":"
    return sorted(record_id(n) for n in nodes if n.startswith(prefix))


def person_ids(nodes: Iterable[str]) -> list[str]:
    """The person ids among graph nodes, sorted."""
    return _ids(nodes, "person")


def plan_ids(nodes: Iterable[str]) -> list[str]:
    """The plan ids among graph nodes, sorted."""
    return _ids(nodes, "plan")
