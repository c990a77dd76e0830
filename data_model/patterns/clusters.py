"""Clusters of linked risk: connected groups of people on plans and the people linked to them.

A cluster is a connected component of the linked-risk graph (:mod:`.linked_risk`) that holds at
least one person. Clusters are ranked by severity (how many plan types meet in them, then open
high-severity gaps, children, people); a component larger than ``community_size`` is also split
into Louvain communities (fixed seed) so that a sprawling network reads as its parts.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def person_clusters(G: nx.Graph) -> list[set[tuple[str, str]]]:
    """Connected components of the linked-risk graph that hold a person, in a stable order."""
    found = [c for c in nx.connected_components(G) if person_ids(c)]
    return sorted(found, key=lambda c: person_ids(c)[0])


def _high_gaps(gaps: pd.DataFrame | None) -> pd.DataFrame:
    if gaps is None:
        return pd.DataFrame({"about_person_id": pd.Series([], dtype=object), "plan_id": pd.Series([], dtype=object)})
    return gaps[gaps["severity"] == Severity.HIGH.value].reset_index(drop=True)


def _unit(nodes: Iterable[tuple[str, str]], G: nx.Graph, facts: dict[str, object]) -> dict[str, object]:
    people, plans = person_ids(nodes), plan_ids(nodes)
    children: pd.Index = facts["children"]  # type: ignore[assignment]
    homes: pd.Series = facts["homes"]  # type: ignore[assignment]
    high: pd.DataFrame = facts["high"]  # type: ignore[assignment]
    types = sorted({G.nodes[node("plan", pid)]["plan_type"] for pid in plans})
    hit = high["about_person_id"].isin(people) | high["plan_id"].isin(plans)
    return {
        "people": len(people),
        "children": int(children.isin(people).sum()),
        "households": int(homes.reindex(people).dropna().nunique()),
        "plans": len(plans),
        "plan_types": ";".join(types),
        "plan_type_count": len(types),
        "high_gaps": int(hit.sum()),
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
    people = p.people.set_index("person_id")
    facts = {"children": children_on(p, as_of), "homes": people["household_id"], "high": _high_gaps(gaps)}
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
