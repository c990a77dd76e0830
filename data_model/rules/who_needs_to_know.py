"""Who needs to know about a plan (rules.md), for one active plan or all of them at once.

For an active plan P: one row per (practitioner, person) for every active involvement of a
practitioner (of agency A) with a person Y in P's network, saying

- ``status``: ``part_of_plan`` if A is part of P, else ``informed`` if A is told of P, else
  ``not_informed``;
- ``information_level``: ``full`` when Y is a member of P, ``fact_of_concern`` when Y is only
  linked (the guidance: it may be proportionate to share only the fact that there are concerns);
- ``path`` ``[Y]`` for a member, else ``[M, Y]`` through the member M (smallest id) Y is linked
  to, and ``link``: ``member``, the relationship kind, or ``household``;
- ``lawful_basis``: ``significant_harm`` when some child in P's network is at risk of significant
  harm on D, else ``consent``; and ``consent_in_force`` for Y on D.

The table for every active plan is built once per :class:`Context` with joins; one plan is then a
slice of it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.errors import UserError
from data_model.findings import NeedToKnow, Status
from data_model.records import InformationLevel, LawfulBasis
from data_model.rules.context import Context
from data_model.rules.networks import MEMBER, agency_standing, plan_networks

COLUMNS = ["plan_id", "agency_id", "practitioner_id", "person_id", "status", "information_level",
           "member_id", "link", "lawful_basis", "consent_in_force"]
ORDER = ["plan_id", "agency_id", "practitioner_id", "person_id"]


def need_to_know(ctx: Context) -> pd.DataFrame:
    """Who needs to know, for every active plan: one row per (plan, practitioner, person).

    Columns are :data:`COLUMNS`; ``member_id`` is the member the path runs through (the person
    themself for a member). Sorted by plan, agency, practitioner, person.
    """
    return ctx.shared(_need_to_know)


def _need_to_know(ctx: Context) -> pd.DataFrame:
    # Imported here: harm and consent sit above this module in the rules' layering.
    from data_model.rules.consent import consent_in_force_today
    from data_model.rules.harm import plans_with_child_at_risk

    network = plan_networks(ctx)
    network = network[network["plan_id"].isin(ctx.active_plans["plan_id"])]
    rows = network.merge(ctx.involvements_with(pd.Index(network["person_id"].unique())), on="person_id")
    rows = rows.merge(agency_standing(ctx), on=["plan_id", "agency_id"], how="left")
    member = (rows["link"] == MEMBER).to_numpy()
    harmed = rows["plan_id"].isin(plans_with_child_at_risk(ctx)).to_numpy()
    rows = rows.assign(
        status=rows["status"].fillna(Status.NOT_INFORMED.value),
        information_level=np.where(member, InformationLevel.FULL.value, InformationLevel.FACT_OF_CONCERN.value),
        lawful_basis=np.where(harmed, LawfulBasis.SIGNIFICANT_HARM.value, LawfulBasis.CONSENT.value),
        consent_in_force=rows["person_id"].isin(consent_in_force_today(ctx)).to_numpy(),
    )
    return rows[COLUMNS].sort_values(ORDER, ignore_index=True)


class _ByPlan:
    """The need-to-know table as column arrays, sliced by plan without scanning the table."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.columns = {c: frame[c].to_numpy(dtype=object) for c in COLUMNS}
        ids = self.columns["plan_id"]
        self.slices: dict[str, tuple[int, int]] = {}
        if len(ids):
            starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
            ends = np.r_[starts[1:], len(ids)]
            self.slices = {ids[s]: (int(s), int(e)) for s, e in zip(starts, ends, strict=True)}

    def rows(self, plan_id: str) -> list[NeedToKnow]:
        start, end = self.slices.get(plan_id, (0, 0))
        part = [self.columns[c][start:end] for c in COLUMNS]
        return [
            NeedToKnow(plan_id=plan, agency_id=agency, practitioner_id=practitioner, person_id=person,
                       status=Status(status), information_level=level,
                       path=(person,) if link == MEMBER else (member, person), link=link,
                       lawful_basis=basis, consent_in_force=bool(consent))
            for plan, agency, practitioner, person, status, level, member, link, basis, consent
            in zip(*part, strict=True)
        ]


def _by_plan(ctx: Context) -> _ByPlan:
    return _ByPlan(need_to_know(ctx))


def check_plan(ctx: Context, plan_id: str) -> bool:
    """Whether ``plan_id`` is active on D; an id no plan has is a :class:`UserError`."""
    if plan_id not in ctx.shared(_plan_ids):
        raise UserError(f"There is no plan with id {plan_id!r}: check the id against the plans table.")
    return plan_id in ctx.shared(_active_plan_ids)


def _plan_ids(ctx: Context) -> set[str]:
    return set(ctx.p.plans["plan_id"])


def _active_plan_ids(ctx: Context) -> set[str]:
    return set(ctx.active_plans["plan_id"])


def plan_rows(ctx: Context, plan_id: str) -> list[NeedToKnow]:
    """Who needs to know about one plan: [] when it is not active on D."""
    if not check_plan(ctx, plan_id):
        return []
    return ctx.shared(_by_plan).rows(plan_id)


def all_plan_rows(ctx: Context) -> dict[str, list[NeedToKnow]]:
    """Who needs to know about every active plan, by plan id (a plan with no rows maps to [])."""
    by_plan = ctx.shared(_by_plan)
    return {plan_id: by_plan.rows(plan_id) for plan_id in sorted(ctx.shared(_active_plan_ids))}
