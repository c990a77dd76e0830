"""The partnership as a networkx graph: people, households, practitioners, agencies and plans.

Nodes are ``"<kind>:<id>"`` (``person:P1``, ``household:H1``, ``practitioner:X1``, ``agency:A1``,
``plan:PL1``) with a ``kind`` attribute and the record's fields. Edges carry a ``kind``
(``relationship``, ``household_member``, ``involvement``, ``employed_by``, ``plan_member``,
``plan_agency``), their dates and codes, and ``active`` on the as-of date. Only what had happened
by the as-of date is in the graph (rules.md, "What is visible").

The whole-partnership graph is for analysis and export at modest size; for a person's family
network use :func:`neighbourhood`, which touches only the rows around them.

Examples
--------
>>> from data_model.testing import partnership
>>> p = partnership(people="person_id,household_id\\nM,H1\\nC,H1\\nU,H2",
...                 relationships="person_id,related_person_id,relationship\\nU,M,sibling")
>>> G = build_graph(p, "2024-06-30")
>>> sorted(linked_people(G, "M"))
['C', 'U']
>>> sorted(linked_people(G, "C"))  # the mother's brother is not linked to her child
['M']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import pandas as pd

from data_model.partnership import Day, Partnership, as_timestamp
from data_model.records import LINKING_RELATIONSHIPS

LINKING = {r.value for r in LINKING_RELATIONSHIPS}


def node(kind: str, ident: str) -> str:
    """The graph node for a record, e.g. ``node("person", "P1") == "person:P1"``."""
    return f"{kind}:{ident}"


def record_id(graph_node: str) -> str:
    """The record id of a node: ``record_id("person:P1") == "P1"``."""
    return graph_node.split(":", 1)[1]


def _plain(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def _attributes(row: dict[str, Any]) -> dict[str, Any]:
    """A row as graph attributes: dates as ``date``, empty values (None, NaT, NA) left out, since
    GraphML and GEXF have no null."""
    return {k: _plain(v) for k, v in row.items() if v is not None and not pd.isna(v)}


def _visible(frame: pd.DataFrame, column: str, day: pd.Timestamp) -> pd.DataFrame:
    """Rows that had started by ``day`` (an empty start counts as started)."""
    return frame[frame[column].isna() | (frame[column] <= day)]


def _active(frame: pd.DataFrame, day: pd.Timestamp, start: str = "start_date", end: str = "end_date") -> pd.Series:
    return (frame[start].isna() | (frame[start] <= day)) & (frame[end].isna() | (frame[end] >= day))


def _add_people(G: nx.MultiDiGraph, people: pd.DataFrame) -> None:
    for row in people.to_dict("records"):
        G.add_node(node("person", row["person_id"]), kind="person", **_attributes(row))
        if row["household_id"]:
            G.add_node(node("household", row["household_id"]), kind="household", household_id=row["household_id"])
            G.add_edge(
                node("person", row["person_id"]), node("household", row["household_id"]), kind="household_member"
            )


def _add_plans(G: nx.MultiDiGraph, p: Partnership, day: pd.Timestamp, plan_ids: Iterable[str] | None = None) -> None:
    plans = p.plans[p.plans["start_date"] <= day]
    if plan_ids is not None:
        plans = plans[plans["plan_id"].isin(set(plan_ids))]
    plans = plans.assign(active=_active(plans, day))
    for row in plans.to_dict("records"):
        G.add_node(node("plan", row["plan_id"]), kind="plan", **_attributes(row))
    kept = set(plans["plan_id"])
    members = p.plan_members[p.plan_members["plan_id"].isin(kept)]
    for row in members.to_dict("records"):
        G.add_node(node("person", row["person_id"]), kind="person")
        G.add_edge(node("person", row["person_id"]), node("plan", row["plan_id"]), kind="plan_member", role=row["role"])
    agencies = _visible(p.plan_agencies[p.plan_agencies["plan_id"].isin(kept)], "since", day)
    for row in agencies.to_dict("records"):
        G.add_edge(
            node("agency", row["agency_id"]),
            node("plan", row["plan_id"]),
            kind="plan_agency",
            **_attributes({"role": row["role"], "since": row["since"]}),
        )
    for row in plans[plans["lead_agency_id"].notna()].to_dict("records"):
        G.add_edge(node("agency", row["lead_agency_id"]), node("plan", row["plan_id"]), kind="plan_agency", role="lead")


def _add_relationships(G: nx.MultiDiGraph, relationships: pd.DataFrame, day: pd.Timestamp) -> None:
    rows = _visible(relationships, "start_date", day)
    rows = rows.assign(active=_active(rows, day))
    for row in rows.to_dict("records"):
        G.add_edge(
            node("person", row["person_id"]),
            node("person", row["related_person_id"]),
            kind="relationship",
            **_attributes({k: row[k] for k in ("relationship", "start_date", "end_date", "active")}),
        )


def _add_involvements(G: nx.MultiDiGraph, p: Partnership, involvements: pd.DataFrame, day: pd.Timestamp) -> None:
    rows = _visible(involvements, "start_date", day)
    rows = rows.assign(active=_active(rows, day))
    practitioners = p.practitioners[p.practitioners["practitioner_id"].isin(set(rows["practitioner_id"]))]
    for row in practitioners.to_dict("records"):
        G.add_node(node("practitioner", row["practitioner_id"]), kind="practitioner", **_attributes(row))
        G.add_edge(node("practitioner", row["practitioner_id"]), node("agency", row["agency_id"]), kind="employed_by")
    for row in rows.to_dict("records"):
        G.add_edge(
            node("practitioner", row["practitioner_id"]),
            node("person", row["person_id"]),
            kind="involvement",
            **_attributes({k: row[k] for k in ("role", "start_date", "end_date", "active")}),
        )


def _add_agencies(G: nx.MultiDiGraph, agencies: pd.DataFrame) -> None:
    present = {record_id(n) for n in G if n.startswith("agency:")}
    for row in agencies[agencies["agency_id"].isin(present)].to_dict("records"):
        G.add_node(node("agency", row["agency_id"]), kind="agency", **_attributes(row))


def build_graph(p: Partnership, as_of: Day) -> nx.MultiDiGraph:
    """The whole partnership on ``as_of``: every person, and what was visible by that date."""
    day = as_timestamp(as_of)
    G = nx.MultiDiGraph(as_of=day.date())
    _add_people(G, p.people)
    _add_relationships(G, p.relationships, day)
    _add_involvements(G, p, p.involvements, day)
    _add_plans(G, p, day)
    for row in p.agencies.to_dict("records"):
        G.add_node(node("agency", row["agency_id"]), kind="agency", **_attributes(row))
    return G


def linked_people(G: nx.MultiDiGraph, person_id: str) -> set[str]:
    """People linked to ``person_id`` (rules.md): same current household, or an active relationship
    of a linking kind either way (``associate`` does not link). One hop; never the person themself.
    """
    me = node("person", person_id)
    if me not in G:
        return set()
    linked: set[str] = set()
    for _, other, data in G.out_edges(me, data=True):
        if data["kind"] == "household_member":
            linked.update(record_id(n) for n, _ in G.in_edges(other) if n != me)
    for u, v, data in [*G.out_edges(me, data=True), *G.in_edges(me, data=True)]:
        if data["kind"] == "relationship" and data.get("active") and data["relationship"] in LINKING:
            linked.add(record_id(v if u == me else u))
    linked.discard(person_id)
    return linked


def plan_members(G: nx.MultiDiGraph, plan_id: str) -> set[str]:
    return {record_id(u) for u, _, kind in G.in_edges(node("plan", plan_id), data="kind") if kind == "plan_member"}


def plan_network(G: nx.MultiDiGraph, plan_id: str) -> set[str]:
    """The members of the plan, plus the people linked to any member (rules.md)."""
    members = plan_members(G, plan_id)
    network = set(members)
    for member in members:
        network |= linked_people(G, member)
    return network


def neighbourhood(p: Partnership, person_id: str, depth: int, as_of: Day) -> nx.MultiDiGraph:
    """A person's family network to ``depth`` hops of family and household links, with the
    practitioners (and their agencies) working with anyone in it and the plans they belong to.

    Only rows around those people are read, so it stays quick on the largest partnership.
    """
    day = as_timestamp(as_of)
    people = p.people.set_index("person_id", drop=False)
    if person_id not in people.index:
        return nx.MultiDiGraph(as_of=day.date())
    relationships = _visible(p.relationships, "start_date", day)
    reached = {person_id}
    frontier = {person_id}
    for _ in range(depth):
        households = set(people.loc[list(frontier), "household_id"].dropna())
        near = set(people.index[people["household_id"].isin(households)]) if households else set()
        rel = relationships[
            relationships["person_id"].isin(frontier) | relationships["related_person_id"].isin(frontier)
        ]
        near |= set(rel["person_id"]) | set(rel["related_person_id"])
        frontier = near - reached
        reached |= near
    G = nx.MultiDiGraph(as_of=day.date(), centre=person_id)
    _add_people(G, people.loc[sorted(reached)].reset_index(drop=True))
    _add_relationships(
        G,
        relationships[relationships["person_id"].isin(reached) & relationships["related_person_id"].isin(reached)],
        day,
    )
    _add_involvements(G, p, p.involvements[p.involvements["person_id"].isin(reached)], day)
    _add_plans(G, p, day, plan_ids=p.plan_members.loc[p.plan_members["person_id"].isin(reached), "plan_id"])
    _add_agencies(G, p.agencies)
    # Plan members from outside the family (a perpetrator elsewhere) get their own details too.
    strangers = [record_id(n) for n, data in G.nodes(data=True) if n.startswith("person:") and "person_id" not in data]
    for row in people.loc[[s for s in strangers if s in people.index]].to_dict("records"):
        G.nodes[node("person", row["person_id"])].update(_attributes(row))
    return G
