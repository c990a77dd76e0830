"""What is true on the as-of date: active plans, their members, children, month ends.

Shared by every pattern family, so that "active" and "child" mean what rules.md says everywhere
(the date arithmetic itself is :mod:`data_model.rules.dates`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeAlias

import pandas as pd

from data_model.partnership import Partnership, as_timestamp
from data_model.rules.dates import active_on, child_on

AsOf: TypeAlias = dt.date | str | pd.Timestamp


def active_plans(p: Partnership, as_of: AsOf) -> pd.DataFrame:
    """The plans active on ``as_of`` (every column of ``plans``)."""
    plans = p.plans
    return plans[active_on(plans["start_date"], plans["end_date"], as_timestamp(as_of))].reset_index(drop=True)


def active_members(p: Partnership, as_of: AsOf) -> pd.DataFrame:
    """Members of plans active on ``as_of``: ``plan_id, person_id, role, plan_type``."""
    plans = active_plans(p, as_of)[["plan_id", "plan_type"]]
    members = p.plan_members[["plan_id", "person_id", "role"]]
    return members.merge(plans, on="plan_id", how="inner").reset_index(drop=True)


def children_on(p: Partnership, as_of: AsOf, among: Iterable[str] | None = None) -> pd.Index:
    """Ids of people known to be under 18 on ``as_of`` (an empty date of birth is not a child).

    With ``among``, only those of these people (quicker than judging everyone).
    """
    people = p.people if among is None else p.people[p.people["person_id"].isin(pd.Index(list(among)))]
    child = child_on(people["date_of_birth"], as_timestamp(as_of))
    return pd.Index(people.loc[child.to_numpy(), "person_id"])


def period_ends(as_of: AsOf, points: int) -> list[pd.Timestamp]:
    """``as_of`` and the ``points - 1`` month ends before it, oldest first: the dates of a trend.

    Examples
    --------
    >>> [d.date().isoformat() for d in period_ends("2025-03-15", 3)]
    ['2025-01-31', '2025-02-28', '2025-03-15']
    >>> [d.date().isoformat() for d in period_ends("2025-03-31", 2)]
    ['2025-02-28', '2025-03-31']
    """
    day = as_timestamp(as_of)
    last_month_end = day - pd.offsets.MonthEnd(1)
    ends = [(last_month_end - pd.offsets.MonthEnd(k)).normalize() for k in range(points - 2, -1, -1)]
    return [*ends, day] if points > 0 else []
