"""The slices of the partnership behind :func:`data_model.access.scope`: caseloads, MARAC networks.

- A **caseload** of agency A on D: the people with an involvement active on D of a practitioner
  of A. Plans in scope are those with a caseload person as a member.
- A **MARAC scope** on D: every MARAC case started by D, and the people in their plan networks
  (members and their linked people, rules.md).
- **Facts of concern**: for an active plan outside the scope whose network holds someone in
  scope, only that there is a plan, its kind, how the person is connected, and the lead agency.

:func:`restrict` cuts every table to the people and plans in scope, following the contract's
references: a row about someone out of scope goes; an optional reference to someone or
something out of scope is emptied, so no id outside the scope is left behind.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from data_model.access import FactOfConcern
from data_model.partnership import Day, Partnership
from data_model.records import PlanType
from data_model.rules.context import Context
from data_model.rules.networks import plan_networks
from data_model.schema import TABLES, Column

#: Tables whose rows are kept or dropped by id, and the id column that decides.
SCOPED_BY_ID = {"people": "person_id", "plans": "plan_id"}


def caseload(p: Partnership, agency_id: str, as_of: Day) -> set[str]:
    """People with an involvement active on ``as_of`` of a practitioner of ``agency_id``.

    Examples
    --------
    >>> from tests.builders import World
    >>> w = World()
    >>> _ = w.adult("MUM"), w.adult("DAD"), w.works_with("HV1", "MUM", agency="HEALTH")
    >>> sorted(caseload(w.build(), "HEALTH", "2026-11-27"))
    ['MUM']
    """
    involvements = Context(p, as_of).involvements
    return set(involvements.loc[involvements["agency_id"] == agency_id, "person_id"])


def caseload_scope(p: Partnership, agency_id: str, as_of: Day) -> tuple[set[str], set[str]]:
    """A practitioner's scope: their agency's caseload, and the plans those people are members of."""
    people = caseload(p, agency_id, as_of)
    members = Context(p, as_of).plan_members
    plans = set(members.loc[members["person_id"].isin(people), "plan_id"])
    return people, plans


def marac_scope(p: Partnership, as_of: Day) -> tuple[set[str], set[str]]:
    """A MARAC coordinator's scope: every MARAC case started by ``as_of`` and its plan network."""
    ctx = Context(p, as_of)
    plans = set(ctx.plans.loc[ctx.plans["plan_type"] == PlanType.MARAC.value, "plan_id"])
    network = plan_networks(ctx)
    people = set(network.loc[network["plan_id"].isin(plans), "person_id"])
    return people, plans


def facts_of_concern(
    p: Partnership, people: Iterable[str], plans: Iterable[str], as_of: Day
) -> tuple[FactOfConcern, ...]:
    """For each person in scope, the active plans outside ``plans`` whose network holds them.

    Returns
    -------
    tuple of FactOfConcern
        Sorted by person, plan type, link and contact; one per distinct fact.
    """
    ctx = Context(p, as_of)
    active = ctx.active_plans
    outside = active[~active["plan_id"].isin(set(plans))]
    network = plan_networks(ctx)
    near = network[network["plan_id"].isin(outside["plan_id"]) & network["person_id"].isin(set(people))]
    near = near.merge(outside[["plan_id", "plan_type", "lead_agency_id"]], on="plan_id")
    facts = {
        FactOfConcern(
            person_id=str(person),
            plan_type=str(plan_type),
            link=str(link),
            contact_agency_id=str(lead) if lead else None,
            contact_agency_name=ctx.agency_name(str(lead)) if lead else "",
        )
        for person, plan_type, link, lead in zip(
            near["person_id"], near["plan_type"], near["link"], near["lead_agency_id"], strict=True
        )
    }
    return tuple(sorted(facts, key=lambda f: (f.person_id, f.plan_type, f.link, f.contact_agency_name)))


def _inside(values: pd.Series, allowed: set[str]) -> pd.Series:
    return values.isin(allowed)


def restrict(p: Partnership, people: set[str], plans: set[str], practitioners: Iterable[str] = ()) -> Partnership:
    """Every table cut to ``people`` and ``plans``, following the contract's references.

    Agencies are kept whole (they are organisations, not people). Practitioners are kept when a
    remaining row names them, or when listed in ``practitioners`` (a user's own colleagues).
    Households are kept for the people in scope.
    """
    kept: dict[str, set[str]] = {"people": set(people), "plans": set(plans)}
    out: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        frame = p[table.name]
        if table.name in SCOPED_BY_ID:
            frame = frame[_inside(frame[SCOPED_BY_ID[table.name]], kept[table.name])]
        elif table.name == "households":
            homes = set(p.people.loc[_inside(p.people["person_id"], kept["people"]), "household_id"].dropna())
            frame = frame[_inside(frame["household_id"], homes)]
        elif table.name not in ("agencies", "practitioners"):
            frame = _follow_references(table.columns, frame, kept)
        if table.id_column and table.name not in ("agencies", "practitioners", "households"):
            kept.setdefault(table.name, set(frame[table.id_column]))
        out[table.name] = frame.reset_index(drop=True)
    out["practitioners"] = _named_practitioners(out, set(practitioners))
    return Partnership(out)


def _follow_references(columns: Iterable[Column], frame: pd.DataFrame, kept: dict[str, set[str]]) -> pd.DataFrame:
    """Drop rows whose required reference leaves the scope; empty optional ones that do."""
    for col in columns:
        if col.kind != "ref" or col.table not in kept:
            continue
        inside = _inside(frame[col.name], kept[col.table])
        if col.required:
            frame = frame[inside]
        else:
            frame = frame.assign(**{col.name: frame[col.name].where(inside, None)})
    return frame


def _named_practitioners(tables: dict[str, pd.DataFrame], colleagues: set[str]) -> pd.DataFrame:
    named = set(colleagues)
    for table in TABLES:
        for col in table.columns:
            if col.kind == "ref" and col.table == "practitioners":
                named |= set(tables[table.name][col.name].dropna())
    practitioners = tables["practitioners"]
    return practitioners[practitioners["practitioner_id"].isin(named)].reset_index(drop=True)
