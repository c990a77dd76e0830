"""Households and family networks where more than one kind of plan meets.

A household is the people sharing a ``household_id``; a family network is a cluster of the
linked-risk graph (:mod:`.clusters`): plan members, the people linked to them, joined through
shared people and plans. A unit counts when members of active plans of two or more types are in it.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from data_model.partnership import Partnership
from data_model.patterns.active import AsOf, active_members
from data_model.records import PlanType

HOUSEHOLD, FAMILY_NETWORK = "household", "family network"
#: The combinations reported, by the set of plan types that meet.
COMBINATIONS = {
    frozenset({PlanType.MAPPA, PlanType.CP_PLAN}): "MAPPA + CP",
    frozenset({PlanType.MARAC, PlanType.CP_PLAN}): "MARAC + CP",
    frozenset({PlanType.MAPPA, PlanType.MARAC}): "MAPPA + MARAC",
    frozenset(PlanType): "All three",
}


def combination(plan_types: Iterable[str]) -> str | None:
    """The name of a combination of plan types, or None for fewer than two types.

    Examples
    --------
    >>> combination(["CP_PLAN", "MAPPA"]), combination(["MARAC", "CP_PLAN", "MAPPA"]), combination(["MARAC"])
    ('MAPPA + CP', 'All three', None)
    """
    return COMBINATIONS.get(frozenset(PlanType(t) for t in plan_types))


def households_with_plan_types(p: Partnership, as_of: AsOf) -> pd.DataFrame:
    """Households whose residents are members of active plans of two or more types.

    Columns: ``household_id``, ``residents``, ``plans``, ``plan_types`` (``;``-joined),
    ``combination``; sorted by household.

    Examples
    --------
    >>> from data_model.patterns.example import EXAMPLE_AS_OF, example_partnership
    >>> households_with_plan_types(example_partnership(), EXAMPLE_AS_OF).to_dict("records")
    [{'household_id': 'H1', 'residents': 3, 'plans': 2, 'plan_types': 'CP_PLAN;MAPPA', 'combination': 'MAPPA + CP'}]
    """
    homes = p.people[["person_id", "household_id"]].dropna(subset=["household_id"])
    members = active_members(p, as_of).merge(homes, on="person_id")
    grouped = members.groupby("household_id").agg(
        plans=("plan_id", "nunique"), plan_types=("plan_type", lambda s: ";".join(sorted(set(s))))
    )
    residents = homes.groupby("household_id").size().rename("residents")
    out = grouped.join(residents).reset_index()
    out["combination"] = out["plan_types"].map(lambda t: combination(t.split(";")))
    out = out[out["combination"].notna()]
    out = out.astype({"residents": "Int64", "plans": "Int64"})
    columns = ["household_id", "residents", "plans", "plan_types", "combination"]
    return out[columns].sort_values("household_id").reset_index(drop=True)


def family_networks_with_plan_types(clusters: pd.DataFrame) -> pd.DataFrame:
    """Family networks (whole clusters from :func:`.clusters.linked_risk_clusters`) with 2+ plan types.

    Columns: ``cluster``, ``people``, ``households``, ``plans``, ``plan_types``, ``combination``.
    """
    whole = clusters[(clusters["community"] == 0) & (clusters["plan_type_count"] >= 2)]
    out = whole.assign(combination=whole["plan_types"].map(lambda t: combination(t.split(";"))))
    columns = ["cluster", "people", "households", "plans", "plan_types", "combination"]
    return out[columns].sort_values("cluster").reset_index(drop=True)


def plan_type_combinations(households: pd.DataFrame, networks: pd.DataFrame) -> pd.DataFrame:
    """How many households and family networks have each combination (zeros kept).

    Columns: ``unit`` (household / family network), ``combination``, ``count``.
    """
    names = list(COMBINATIONS.values())
    rows = []
    for unit, frame in ((HOUSEHOLD, households), (FAMILY_NETWORK, networks)):
        counts = frame["combination"].value_counts()
        rows += [{"unit": unit, "combination": c, "count": int(counts.get(c, 0))} for c in names]
    return pd.DataFrame(rows).astype({"count": "Int64"})
