"""Who may be at risk of significant harm on a date (rules.md), and which plans hold such a child.

**Child at risk of significant harm on date T**: the child is a member (any role) of a CP_PLAN
active on T; or a member with role ``victim``, ``child_in_household`` or ``potential_victim`` of a
MAPPA or MARAC plan active on T; or the subject of a concern with ``significant_harm_suspected``
dated in the window of 365 days up to T.

The functions here answer the "at risk" half for (person, date) pairs; whether the person is a
child on that date is :mod:`data_model.rules.dates`' question, asked by the caller, so that an
unknown date of birth is never guessed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.records import MemberRole, PlanType
from data_model.rules.context import Context
from data_model.rules.dates import active_on, born_unknown, child_on, in_window
from data_model.rules.networks import plan_networks

#: Member roles of a MAPPA or MARAC plan that put a child at risk of significant harm.
ROLES_AT_RISK = frozenset({MemberRole.VICTIM.value, MemberRole.CHILD_IN_HOUSEHOLD.value,
                           MemberRole.POTENTIAL_VICTIM.value})


def protecting_memberships(ctx: Context) -> pd.DataFrame:
    """Plan memberships that put a child at risk: person_id, plan_id, start_date, end_date."""
    m = ctx.plan_members
    cp = m["plan_type"] == PlanType.CP_PLAN.value
    other = m["plan_type"].isin([PlanType.MAPPA.value, PlanType.MARAC.value]) & m["role"].isin(ROLES_AT_RISK)
    return m.loc[cp | other, ["person_id", "plan_id", "start_date", "end_date"]]


def harm_concerns(ctx: Context) -> pd.DataFrame:
    """Visible concerns with significant harm suspected."""
    concerns = ctx.events("concerns")
    return concerns[concerns["significant_harm_suspected"]]


def at_risk_on(ctx: Context, person_ids: pd.Series, days: pd.Series) -> np.ndarray:
    """For each (person, day) pair: is the person at risk of significant harm on that day?

    Parameters
    ----------
    ctx : Context
    person_ids, days : Series
        Aligned by position: person_ids[i] on days[i] (each day on or before D).

    Returns
    -------
    ndarray of bool
    """
    pairs = pd.DataFrame({"row": np.arange(len(person_ids)), "person_id": person_ids.to_numpy(),
                          "day": days.to_numpy()})
    out = np.zeros(len(pairs), dtype=bool)
    on_plan = pairs.merge(protecting_memberships(ctx), on="person_id")
    out[on_plan.loc[active_on(on_plan["start_date"], on_plan["end_date"], on_plan["day"]), "row"]] = True
    concerned = pairs.merge(harm_concerns(ctx)[["person_id", "date"]], on="person_id")
    out[concerned.loc[in_window(concerned["date"], concerned["day"]), "row"]] = True
    return out


def at_risk_today(ctx: Context) -> pd.Index:
    """Everyone (of any age) at risk of significant harm on D, by person id."""
    return ctx.shared(_at_risk_today)


def _at_risk_today(ctx: Context) -> pd.Index:
    m = protecting_memberships(ctx)
    on_plan = m.loc[active_on(m["start_date"], m["end_date"], ctx.as_of), "person_id"]
    c = harm_concerns(ctx)
    concerned = c.loc[in_window(c["date"], ctx.as_of), "person_id"]
    return pd.Index(pd.unique(pd.concat([on_plan, concerned]).to_numpy()))


def children_at_risk_today(ctx: Context) -> pd.Index:
    """Children (known to be under 18 on D) at risk of significant harm on D."""
    people = at_risk_today(ctx).to_series()
    return pd.Index(people[child_on(ctx.born(people), ctx.as_of).to_numpy()].to_numpy())


def at_risk_today_age_unknown(ctx: Context) -> pd.Index:
    """People at risk of significant harm on D whose date of birth is empty."""
    people = at_risk_today(ctx).to_series()
    return pd.Index(people[born_unknown(ctx.born(people)).to_numpy()].to_numpy())


def plans_with_child_at_risk(ctx: Context) -> set[str]:
    """Visible plans with a child at risk of significant harm on D somewhere in their network."""
    return ctx.shared(_plans_with_child_at_risk)


def _plans_with_child_at_risk(ctx: Context) -> set[str]:
    network = plan_networks(ctx)
    return set(network.loc[network["person_id"].isin(children_at_risk_today(ctx)), "plan_id"])
