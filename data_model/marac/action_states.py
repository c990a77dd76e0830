"""MARAC actions as a coordinator sees them: imported rows with every local change laid over them.

Pure functions over frames: :func:`effective_actions` (the overlay), :func:`action_states` (open,
overdue or completed on the as-of date), and :func:`editable` / :func:`changed_fields` for a form.
The changes themselves are stored and read by :mod:`data_model.marac.actions`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from data_model.errors import UserError
from data_model.marac import Day
from data_model.partnership import Partnership, as_timestamp

#: The fields of an action a coordinator can change.
EDITABLE = ("owner_agency_id", "description", "due_date", "completed_date")
ACTION_COLUMNS = ["action_id", "plan_id", "owner_agency_id", "description", "due_date", "completed_date"]
EFFECTIVE_COLUMNS = [*ACTION_COLUMNS, "version", "source", "last_changed_by", "last_changed_at"]


def as_day(value: object, what: str) -> dt.date | None:
    """A date from what a form or a frame holds (``date``, ``Timestamp``, ISO text; empty is None)."""
    if value is None or value is pd.NaT or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value != value:  # NaN: an empty cell
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UserError(f"The {what} '{value}' is not a date: write it as YYYY-MM-DD.") from None


def effective_actions(imported: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Imported actions with every local change laid over them, plus locally recorded actions.

    Returns :data:`EFFECTIVE_COLUMNS`, sorted by plan and action. ``source`` is ``imported`` or
    ``local``; an action changed locally whose imported row is gone (and which was not recorded
    locally) is left out: its history stays in the store.
    """
    base = {r["action_id"]: {**r, "version": 0, "source": "imported", "last_changed_by": "",
                             "last_changed_at": pd.NaT}
            for r in imported[ACTION_COLUMNS].to_dict("records")}
    for change in changes.sort_values(["action_id", "version"]).to_dict("records"):
        fields = [f for f in str(change["changed_fields"]).split(";") if f]
        action = base.get(change["action_id"])
        if action is None:
            if "plan_id" not in fields:
                continue
            action = base[change["action_id"]] = {"action_id": change["action_id"], "source": "local"}
        for name in fields:
            action[name] = change[name]
        action.update(version=change["version"], last_changed_by=change["changed_by"],
                      last_changed_at=change["changed_at"])
    frame = pd.DataFrame(list(base.values()), columns=EFFECTIVE_COLUMNS)
    for name in ("due_date", "completed_date", "last_changed_at"):
        frame[name] = pd.to_datetime(frame[name]).astype("datetime64[s]")
    for name in ("owner_agency_id", "plan_id"):
        frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    frame["description"] = frame["description"].fillna("").astype(object)
    frame["version"] = frame["version"].astype("int64")
    return frame.sort_values(["plan_id", "action_id"], ignore_index=True)


def with_local_actions(p: Partnership, changes: pd.DataFrame) -> Partnership:
    """``p`` whose ``actions`` table is the effective actions (so the rules see closed ones closed)."""
    if changes.empty:
        return p
    actions = effective_actions(p.actions, changes)[ACTION_COLUMNS]
    return Partnership({**p.tables, "actions": actions})



def action_states(actions: pd.DataFrame, as_of: Day) -> pd.DataFrame:
    """``actions`` with ``state`` on the as-of date D: ``completed``, ``overdue`` or ``open``.

    A completion dated after D has not happened yet; an action is overdue when due before D and
    not completed by D (rules.md's ACTION_OVERDUE). ``days_overdue`` is 0 unless overdue.

    Examples
    --------
    >>> a = pd.DataFrame({"due_date": pd.to_datetime(["2026-11-26", "2026-11-27", "2026-11-01"]),
    ...                   "completed_date": pd.to_datetime([None, None, "2026-11-28"])})
    >>> action_states(a, "2026-11-27")["state"].tolist()
    ['overdue', 'open', 'overdue']
    """
    day = as_timestamp(as_of)
    done = actions["completed_date"].notna() & (actions["completed_date"] <= day)
    late = ~done & actions["due_date"].notna() & (actions["due_date"] < day)
    state = pd.Series("open", index=actions.index).where(~late, "overdue").where(~done, "completed")
    days = ((day - actions["due_date"]).dt.days).where(late, 0).fillna(0).astype(int)
    return actions.assign(state=state, days_overdue=days)


def editable(action: Mapping[Any, Any]) -> dict[str, Any]:
    """The editable fields of an (effective) action as plain values: dates as ``date``, empty as None.

    Examples
    --------
    >>> editable({"owner_agency_id": "POL", "description": "Visit", "due_date": pd.Timestamp("2026-12-01"),
    ...           "completed_date": pd.NaT})
    {'owner_agency_id': 'POL', 'description': 'Visit', 'due_date': datetime.date(2026, 12, 1), 'completed_date': None}
    """
    out = {name: as_day(action.get(name), name) if name.endswith("_date") else action.get(name) for name in EDITABLE}
    out["owner_agency_id"] = out["owner_agency_id"] or None
    out["description"] = out["description"] or ""
    return out


def changed_fields(action: Mapping[Any, Any], proposed: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``proposed`` whose value differs from the action's (what a save should store)."""
    before = editable(action)
    return {name: value for name, value in proposed.items() if value != before.get(name)}
