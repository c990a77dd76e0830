"""Clusters of linked risk: connected groups of people on plans and the people linked to them.

A cluster is a connected component of the linked-risk graph (:mod:`.linked_risk`) that holds at
least one person. Clusters are ranked by severity (how many plan types meet in them, then open
high-severity gaps, children, people); a component larger than ``community_size`` is also split
into Louvain communities (fixed seed) so that a sprawling network reads as its parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd
from networkx.algorithms.community import louvain_communities

from data_model.findings import Severity
from data_model.graph import node
from data_model.partnership import Partnership
from data_model.patterns.active import AsOf, children_on
from data_model.patterns.linked_risk import linked_risk_graph, person_ids, plan_ids

COLUMNS = [
    "cluster", "community", "rank", "people", "children", "households", "plans",
    "plan_types", "plan_type_count", "high_gaps",
]
#: Size bands of the cluster summary, in people.
SIZE_BANDS = ((1, 1, "1"), (2, 3, "2-3"), (4, 6, "4-6"), (7, 10, "7-10"), (11, None, "11+"))
COMMUNITY_SIZE = 60
SEED = 7


def person_clusters(G: nx.Graph) -> list[set[str]]:
    """Connected components of the linked-risk graph that hold a person, in a stable order."""
    found = [c for c in nx.connected_components(G) if person_ids(c)]
    return sorted(found, key=lambda c: person_ids(c)[0])


@dataclass(frozen=True)
class _Facts:
    """What a cluster's row counts, looked up per person and plan of the graph (not the partnership)."""

    children: frozenset[str]  # people under 18 on the as-of date
    homes: dict[str, str]  # household_id by person_id
    gaps_of_person: dict[str, set[int]]  # high-severity gaps (row numbers) about each person
    gaps_of_plan: dict[str, set[int]]  # ... and about each plan


def _facts(p: Partnership, as_of: AsOf, G: nx.Graph, gaps: pd.DataFrame | None) -> _Facts:
    people = pd.Index(person_ids(G))
    homes = p.people.set_index("person_id")["household_id"].reindex(people).dropna()
    high = pd.DataFrame(columns=["about_person_id", "plan_id"]) if gaps is None else \
        gaps[gaps["severity"] == Severity.HIGH.value].reset_index(drop=True)
    of_person: dict[str, set[int]] = {}
    of_plan: dict[str, set[int]] = {}
    for number, (person_id, plan_id) in enumerate(zip(high["about_person_id"], high["plan_id"], strict=True)):
        if isinstance(person_id, str):
            of_person.setdefault(person_id, set()).add(number)
        if isinstance(plan_id, str):
            of_plan.setdefault(plan_id, set()).add(number)
    return _Facts(frozenset(children_on(p, as_of, among=people)), {str(k): str(v) for k, v in homes.items()},
                  of_person, of_plan)


def _unit(nodes: Iterable[str], G: nx.Graph, facts: _Facts) -> dict[str, object]:
    nodes = list(nodes)
    people, plans = person_ids(nodes), plan_ids(nodes)
    types = sorted({G.nodes[node("plan", pid)]["plan_type"] for pid in plans})
    gaps = set().union(*(facts.gaps_of_person.get(x, set()) for x in people),
                       *(facts.gaps_of_plan.get(x, set()) for x in plans))
    return {
        "people": len(people),
        "children": sum(1 for x in people if x in facts.children),
        "households": len({facts.homes[x] for x in people if x in facts.homes}),
        "plans": len(plans),
        "plan_types": ";".join(types),
        "plan_type_count": len(types),
        "high_gaps": len(gaps),
    }


def linked_risk_clusters(
    p: Partnership,
    as_of: AsOf,
    *,
    graph: nx.Graph | None = None,
    gaps: pd.DataFrame | None = None,
    community_size: int = COMMUNITY_SIZE,
    seed: int = SEED,
) -> pd.DataFrame:
    """One row per cluster (``community`` 0) and per community of a large one (1, 2, ...).

    ``cluster`` is the smallest person id in it; ``rank`` 1 is the most severe. ``gaps`` (the open
    gaps on ``as_of``, as :func:`data_model.gap_table.gaps_frame` gives them) feed ``high_gaps``, a
    count of high-severity gaps about its people or plans; without them it is 0.

    Examples
    --------
    >>> from data_model.patterns.example import EXAMPLE_AS_OF, example_partnership
    >>> linked_risk_clusters(example_partnership(), EXAMPLE_AS_OF)[["cluster", "people", "plan_types"]]
      cluster  people     plan_types
    0      P1       4  CP_PLAN;MAPPA
    """
    G = linked_risk_graph(p, as_of) if graph is None else graph
    facts = _facts(p, as_of, G, gaps)
    rows = []
    for nodes in person_clusters(G):
        key = person_ids(nodes)[0]
        rows.append({"cluster": key, "community": 0, **_unit(nodes, G, facts)})
        if len(nodes) > community_size:
            parts = louvain_communities(G.subgraph(nodes), seed=seed)
            parts = sorted(parts, key=lambda c: (-len(c), sorted(map(str, c))))
            rows += [{"cluster": key, "community": k, **_unit(c, G, facts)} for k, c in enumerate(parts, 1)]
    return _ranked(pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "rank"]))


def _ranked(frame: pd.DataFrame) -> pd.DataFrame:
    whole = frame[frame["community"] == 0].sort_values(
        ["plan_type_count", "high_gaps", "children", "people", "cluster"],
        ascending=[False, False, False, False, True],
    )
    ranks = pd.Series(range(1, len(whole) + 1), index=whole["cluster"].to_numpy())
    frame = frame.assign(rank=frame["cluster"].map(ranks).astype("Int64"))
    frame = frame.sort_values(["rank", "community"]).reset_index(drop=True)
    for name in ("community", "people", "children", "households", "plans", "plan_type_count", "high_gaps"):
        frame[name] = frame[name].astype("Int64")
    return frame[COLUMNS]


def size_band(people: int) -> str:
    """The summary band a cluster of ``people`` falls in.

    Examples
    --------
    >>> [size_band(n) for n in (1, 3, 4, 10, 11)]
    ['1', '2-3', '4-6', '7-10', '11+']
    """
    for low, high, label in SIZE_BANDS:
        if people >= low and (high is None or people <= high):
            return label
    raise ValueError(f"{people} is not a number of people")


def cluster_summary(clusters: pd.DataFrame) -> pd.DataFrame:
    """Clusters counted by size band and number of plan types (every combination, zeros kept)."""
    whole = clusters[clusters["community"] == 0]
    bands = whole["people"].map(lambda n: size_band(int(n)))
    counts = whole.groupby([bands.rename("size_band"), whole["plan_type_count"]]).size()
    grid = pd.MultiIndex.from_product(
        [[b[2] for b in SIZE_BANDS], [1, 2, 3]], names=["size_band", "plan_type_count"]
    )
    out = counts.reindex(grid, fill_value=0).rename("clusters").reset_index()
    out["plan_type_count"] = out["plan_type_count"].astype("Int64")
    out["clusters"] = out["clusters"].astype("Int64")
    return out
