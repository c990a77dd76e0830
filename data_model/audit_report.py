"""Reading the audit trail: entries filtered by user, action, time or record, as a table.

For the leads' audit page and ``linkedrisk audit show``. Filters are SQL conditions with bound
parameters (a record id is matched inside the JSON list with its LIKE wildcards escaped).

Examples
--------
>>> like_pattern('P_1%')
'%"P\\\\_1\\\\%"%'
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from data_model.audit import audit_log
from data_model.store import Store

COLUMNS = ["seq", "at", "username", "role", "action", "records", "reason", "detail"]


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; every field left empty matches everything."""

    username: str | None = None
    action: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    record_id: str | None = None
    limit: int | None = 1000


def like_pattern(record_id: str) -> str:
    """A LIKE pattern matching ``record_id`` as one quoted element of a JSON list."""
    quoted = json.dumps(record_id, ensure_ascii=False)
    escaped = quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(f: AuditFilter) -> list[Any]:
    c = audit_log.c
    where: list[Any] = []
    if f.username:
        where.append(c.username == f.username.strip().lower())
    if f.action:
        where.append(c.action == f.action)
    if f.since:
        where.append(c.at >= f.since.isoformat())
    if f.until:
        where.append(c.at < (f.until + dt.timedelta(days=1)).isoformat())
    if f.record_id:
        where.append(c.records.like(like_pattern(f.record_id), escape="\\"))
    return where


def audit_entries(store: Store | Engine, f: AuditFilter | None = None) -> pd.DataFrame:
    """Entries matching ``f``, newest first: seq, at, username, role, action, records, reason, detail.

    ``records`` is the list of ids (``; ``-joined), ``detail`` the entry's detail as ``key=value``
    pairs: ready to show in a table or export (through :mod:`data_model.tabular_export`).
    """
    f = f or AuditFilter()
    engine = store.engine if isinstance(store, Store) else store
    query = sa.select(*(audit_log.c[name] for name in COLUMNS)).where(*_conditions(f))
    query = query.order_by(audit_log.c.seq.desc())
    if f.limit:
        query = query.limit(f.limit)
    with engine.connect() as conn:
        rows = conn.execute(query).fetchall()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=COLUMNS, dtype=object)
    frame["records"] = frame["records"].map(lambda v: "; ".join(json.loads(v)))
    frame["detail"] = frame["detail"].map(lambda v: ", ".join(f"{k}={x}" for k, x in sorted(json.loads(v).items())))
    frame["reason"] = frame["reason"].fillna("")
    return frame.astype({"seq": "int64"}) if len(frame) else frame
