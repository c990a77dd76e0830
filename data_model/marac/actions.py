"""MARAC actions that coordinators record, assign, update and close, without losing an edit.

The contract's ``actions`` table is imported data: an import may replace it at any time. So a
coordinator's change is never written there but appended to ``marac_action_changes``, one row per
change, numbered per action (its *version*: 0 for an imported action nobody has changed, 1 for a
new action). A change names only the fields it sets (``changed_fields``); the **effective**
action (:mod:`data_model.marac.action_states`) is the imported row with every local change laid
over it in version order, so a re-import refreshes the fields no coordinator has touched and keeps
every field one has.

Two coordinators never silently overwrite each other (optimistic concurrency): an update states
the version it was based on; if the action has moved on since, :class:`ActionConflict` says who
changed it and when, and nothing is written. The unique (action_id, version) pair makes this hold
even when two updates race: the database stores one and refuses the other.

Times are passed in (``changed_at``); nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from data_model.errors import UserError
from data_model.marac.action_states import EDITABLE, as_day
from data_model.store import CONTRACT_TABLES, metadata

CHANGE_COLUMNS = ["action_id", "version", "plan_id", *EDITABLE, "changed_fields", "note", "changed_by",
                  "changed_at"]
TEXT_LIMIT = 2000
LOCAL_PREFIX = "LR-"

marac_action_changes = sa.Table(
    "marac_action_changes",
    metadata,
    sa.Column("change_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action_id", sa.String(200), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("plan_id", sa.String(200), nullable=True, index=True),
    sa.Column("owner_agency_id", sa.String(200), nullable=True),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("due_date", sa.Date, nullable=True),
    sa.Column("completed_date", sa.Date, nullable=True),
    sa.Column("changed_fields", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("changed_by", sa.String(200), nullable=False),
    sa.Column("changed_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("action_id", "version", name="uq_marac_action_changes_version"),
)


class ActionConflict(UserError):
    """Someone changed the action after the version this change was based on; nothing was written."""

    def __init__(self, action_id: str, changed_by: str, changed_at: dt.datetime, version: int) -> None:
        self.action_id, self.changed_by, self.changed_at, self.version = action_id, changed_by, changed_at, version
        super().__init__(
            f"Action {action_id} was changed by {changed_by} at {changed_at:%Y-%m-%d %H:%M} UTC after you "
            "opened it; your change was not saved. Reload the action to see theirs, then make yours again.")


# --- checking what a coordinator typed ------------------------------------------------------------


def _text(value: object, what: str, required: bool = False) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise UserError(f"The {what} is empty: say what needs doing.")
    if len(text) > TEXT_LIMIT:
        raise UserError(f"The {what} is {len(text)} characters long: keep it under {TEXT_LIMIT}.")
    return text


def _who(changed_by: str) -> str:
    name = (changed_by or "").strip()
    if not name:
        raise UserError("Say who is making this change: the name is empty.")
    return name[:200]


def _when(changed_at: dt.datetime) -> dt.datetime:
    """A naive UTC time to the second (an aware time is converted to UTC first)."""
    if changed_at.tzinfo is not None:
        changed_at = changed_at.astimezone(dt.UTC)
    return changed_at.replace(microsecond=0, tzinfo=None)


def _exists(engine: Engine, table: str, column: str, value: str) -> bool:
    t = CONTRACT_TABLES[table]
    with engine.connect() as conn:
        return conn.execute(sa.select(t.c[column]).where(t.c[column] == value).limit(1)).first() is not None


def _checked_fields(engine: Engine, fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise UserError(f"An action has no field {', '.join(sorted(unknown))}: change {', '.join(EDITABLE)}.")
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name in ("due_date", "completed_date"):
            out[name] = as_day(value, name.replace("_", " "))
        elif name == "description":
            out[name] = _text(value, "description", required=True)
        else:
            owner = _text(value, "owner agency") or None
            if owner and not _exists(engine, "agencies", "agency_id", owner):
                raise UserError(f"There is no agency with id '{owner}': choose an agency of the partnership.")
            out[name] = owner
    return out


# --- reading -----------------------------------------------------------------------------------------


def _latest(engine: Engine, action_id: str) -> dict[str, Any] | None:
    c = marac_action_changes.c
    query = sa.select(c.version, c.changed_by, c.changed_at).where(c.action_id == action_id) \
        .order_by(c.version.desc()).limit(1)
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return None if row is None else dict(row._mapping)


def current_version(engine: Engine, action_id: str) -> int:
    """The action's version: how many local changes it has had (0 for an untouched import)."""
    latest = _latest(engine, action_id)
    return 0 if latest is None else int(latest["version"])


def load_changes(engine: Engine, action_id: str | None = None) -> pd.DataFrame:
    """Every stored change (or one action's), oldest first: :data:`CHANGE_COLUMNS`."""
    c = marac_action_changes.c
    query = sa.select(*(c[name] for name in CHANGE_COLUMNS)).order_by(c.action_id, c.version)
    if action_id is not None:
        query = query.where(c.action_id == action_id)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(query)]
    frame = pd.DataFrame(rows, columns=CHANGE_COLUMNS, dtype=object)
    for name in ("due_date", "completed_date", "changed_at"):
        frame[name] = pd.to_datetime(frame[name]).astype("datetime64[s]")
    frame["version"] = frame["version"].astype("int64")
    return frame


def action_history(engine: Engine, action_id: str) -> pd.DataFrame:
    """Who changed what on the action, and when: version, changed_by, changed_at, what, note."""
    changes = load_changes(engine, action_id)
    what = [_describe(row) for row in changes.to_dict("records")]
    return pd.DataFrame({"version": changes["version"], "changed_by": changes["changed_by"],
                         "changed_at": changes["changed_at"], "what": what, "note": changes["note"]})


def _describe(change: Mapping[Any, Any]) -> str:
    fields = [f for f in str(change["changed_fields"]).split(";") if f]
    if "plan_id" in fields:
        return f"recorded for {change['plan_id']}"
    parts = []
    for name in fields:
        value = change[name]
        shown = "" if value is None or value is pd.NaT else (
            value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value))
        if name == "completed_date":
            parts.append(f"closed on {shown}" if shown else "reopened")
        else:
            parts.append(f"{name.replace('_', ' ')} set to {shown or 'nothing'}")
    return "; ".join(parts)


# --- writing ------------------------------------------------------------------------------------------------


def _insert(engine: Engine, action_id: str, version: int, fields: dict[str, Any], note: str, changed_by: str,
            changed_at: dt.datetime) -> None:
    row = {name: None for name in ("plan_id", *EDITABLE)} | fields | {
        "action_id": action_id, "version": version, "changed_fields": ";".join(sorted(fields)),
        "note": _text(note, "note"), "changed_by": _who(changed_by), "changed_at": _when(changed_at)}
    try:
        with engine.begin() as conn:
            conn.execute(sa.insert(marac_action_changes), [row])
    except sa.exc.IntegrityError:
        # Another change to this version was stored first: report theirs, write nothing.
        latest = _latest(engine, action_id)
        if latest is None:
            raise
        raise ActionConflict(action_id, latest["changed_by"], latest["changed_at"], int(latest["version"])) from None


def record_action(engine: Engine, plan_id: str, *, description: str, owner_agency_id: str | None = None,
                  due_date: object = None, changed_by: str, changed_at: dt.datetime, note: str = "",
                  action_id: str | None = None) -> str:
    """Record a new action for a case and return its id (version 1); ``LR-`` ids are local ones."""
    if not _exists(engine, "plans", "plan_id", plan_id):
        raise UserError(f"There is no case with plan id '{plan_id}': choose a case of the meeting.")
    fields = _checked_fields(engine, {"owner_agency_id": owner_agency_id, "description": description,
                                      "due_date": due_date})
    new_id = action_id or f"{LOCAL_PREFIX}{uuid.uuid4().hex[:10].upper()}"
    if _exists(engine, "actions", "action_id", new_id) or _latest(engine, new_id) is not None:
        raise UserError(f"An action with id '{new_id}' already exists.")
    _insert(engine, new_id, 1, {"plan_id": plan_id, **fields}, note, changed_by, changed_at)
    return new_id


def update_action(engine: Engine, action_id: str, based_on: int, changes: Mapping[str, Any], *,
                  changed_by: str, changed_at: dt.datetime, note: str = "") -> int:
    """Change some fields of an action, as seen at version ``based_on``; returns the new version.

    Raises :class:`ActionConflict` (writing nothing) when the action is no longer at
    ``based_on``; a :class:`UserError` for an unknown action or an empty or invalid change.
    """
    if not changes:
        raise UserError("Nothing to change: choose at least one field.")
    fields = _checked_fields(engine, changes)
    latest = _latest(engine, action_id)
    if latest is None and not _exists(engine, "actions", "action_id", action_id):
        raise UserError(f"There is no action with id '{action_id}'.")
    current = 0 if latest is None else int(latest["version"])
    if latest is not None and based_on != current:
        raise ActionConflict(action_id, latest["changed_by"], latest["changed_at"], current)
    if based_on != current:
        raise UserError(f"Action {action_id} is at version {current}, not {based_on}: reload it.")
    _insert(engine, action_id, based_on + 1, fields, note, changed_by, changed_at)
    return based_on + 1


def close_action(engine: Engine, action_id: str, based_on: int, completed_on: object, *, changed_by: str,
                 changed_at: dt.datetime, note: str = "") -> int:
    """Mark the action done on ``completed_on`` (see :func:`update_action`)."""
    if as_day(completed_on, "completion date") is None:
        raise UserError("Say on which day the action was completed.")
    return update_action(engine, action_id, based_on, {"completed_date": completed_on},
                         changed_by=changed_by, changed_at=changed_at, note=note)


def reopen_action(engine: Engine, action_id: str, based_on: int, *, changed_by: str, changed_at: dt.datetime,
                  note: str = "") -> int:
    """Open a closed action again (its completion date emptied)."""
    return update_action(engine, action_id, based_on, {"completed_date": None},
                         changed_by=changed_by, changed_at=changed_at, note=note)
