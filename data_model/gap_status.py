"""What a safeguarding lead has done about each gap: acknowledged, resolved, or re-opened.

Statuses live in their own table, ``gap_statuses``, keyed by the gap's stable key (its code and
key fields, see :attr:`data_model.findings.Gap.key`), so that re-importing the contract tables,
even with ``replace``, never touches them. Every change is a new row: the current status of a gap
is its latest row, and the rows before it say who changed what, and when.

The time of a change is passed in (``changed_at``): nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from data_model.errors import UserError
from data_model.findings import Gap
from data_model.store import metadata

#: Longest note kept; longer notes are refused with a sentence, not cut.
NOTE_LIMIT = 2000
STATUS_COLUMNS = ("gap_key", "status", "note", "changed_by", "changed_at")


class GapStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


gap_statuses = sa.Table(
    "gap_statuses",
    metadata,
    sa.Column("status_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("gap_key", sa.String(1000), nullable=False, index=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("changed_by", sa.String(200), nullable=False),
    sa.Column("changed_at", sa.DateTime, nullable=False),
)


def gap_key(gap: Gap) -> str:
    """The text key a status is stored under: the gap's code and key fields joined by ``|``.

    Examples
    --------
    >>> from data_model.findings import Code, Severity
    >>> gap_key(Gap(Code.CP_REVIEW_OVERDUE, Severity.MEDIUM, "Review overdue.", (), plan_id="PL1"))
    'CP_REVIEW_OVERDUE|PL1||||||'
    """
    return "|".join(gap.key)


def _checked(status: str, note: str, changed_by: str) -> GapStatus:
    try:
        chosen = GapStatus(status)
    except ValueError:
        choices = ", ".join(s.value for s in GapStatus)
        raise UserError(f"'{status}' is not a gap status: choose one of {choices}.") from None
    if not changed_by.strip():
        raise UserError("Say who is making this change: the name field is empty.")
    if len(note) > NOTE_LIMIT:
        raise UserError(f"The note is {len(note)} characters long: keep it under {NOTE_LIMIT}.")
    return chosen


def record_status(
    engine: Engine,
    key: str,
    status: str,
    *,
    note: str = "",
    changed_by: str,
    changed_at: dt.datetime,
) -> None:
    """Append a status change for the gap with ``key``; the latest change is its status."""
    chosen = _checked(status, note, changed_by)
    row = {
        "gap_key": key,
        "status": chosen.value,
        "note": note.strip(),
        "changed_by": changed_by.strip(),
        "changed_at": changed_at.replace(microsecond=0, tzinfo=None),
    }
    with engine.begin() as conn:
        conn.execute(sa.insert(gap_statuses), [row])


def _frame(rows: Iterable[sa.Row]) -> pd.DataFrame:
    frame = pd.DataFrame([tuple(r) for r in rows], columns=list(STATUS_COLUMNS), dtype=object)
    frame["changed_at"] = pd.to_datetime(frame["changed_at"]).astype("datetime64[s]")
    return frame


def current_statuses(engine: Engine) -> pd.DataFrame:
    """The latest status of every gap that has one: a frame indexed by ``gap_key``."""
    latest = sa.select(sa.func.max(gap_statuses.c.status_id)).group_by(gap_statuses.c.gap_key)
    columns = [gap_statuses.c[name] for name in STATUS_COLUMNS]
    with engine.connect() as conn:
        rows = conn.execute(sa.select(*columns).where(gap_statuses.c.status_id.in_(latest)))
        return _frame(rows).set_index("gap_key")


def status_history(engine: Engine, key: str) -> pd.DataFrame:
    """Every change to the gap with ``key``, oldest first: who, when, what and why."""
    columns = [gap_statuses.c[name] for name in STATUS_COLUMNS]
    query = sa.select(*columns).where(gap_statuses.c.gap_key == key).order_by(gap_statuses.c.status_id)
    with engine.connect() as conn:
        return _frame(conn.execute(query))
