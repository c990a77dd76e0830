"""The audit trail: who looked at or changed what, when, and why; append-only and hash-chained.

Every entry holds its sequence number, time (UTC), user, role, action, the ids of the records it
touched, a stated reason (when one was needed) and a small detail mapping of codes and counts. Its
``hash`` is SHA-256 over the entry's canonical JSON and the previous entry's hash, so changing,
removing, inserting or reordering any entry breaks the chain from there on, and
:func:`verify` names the first entry that does not check out. Truncating the end of the log, or
rewriting the whole chain, is caught by comparing with a head (:func:`head`) kept somewhere else.

The database refuses ``UPDATE`` and ``DELETE`` on the table (triggers, migration 0004), so the
chain is the second line of defence, against someone who can drop the triggers.

Only ids go in an entry, never names, dates of birth or addresses: search terms (usually names)
are not stored, only the ids a search returned.

Examples
--------
>>> first = entry_hash({"seq": 1, "action": "sign_in"}, GENESIS)
>>> entry_hash({"seq": 2, "action": "search"}, first) == entry_hash({"seq": 2, "action": "search"}, GENESIS)
False
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from data_model.access import Role, User
from data_model.errors import UserError
from data_model.store import Store, metadata

GENESIS = "0" * 64
MAX_ATTEMPTS = 200
DETAIL_TEXT_LIMIT = 200
REASON_LIMIT = 2000
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class AuditAction(StrEnum):
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    VIEW_PERSON = "view_person"
    SEARCH = "search"
    EXPORT = "export"
    IMPORT = "import"
    GAP_STATUS_CHANGE = "gap_status_change"
    ACTION_EDIT = "action_edit"
    USER_CHANGE = "user_change"
    BACKUP = "backup"
    RESTORE = "restore"
    VIEW_AUDIT = "view_audit"


audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(32), nullable=False, index=True),
    sa.Column("username", sa.String(100), nullable=False, index=True),
    sa.Column("role", sa.String(40), nullable=False),
    sa.Column("action", sa.String(40), nullable=False, index=True),
    sa.Column("records", sa.Text, nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)
#: The fields an entry's hash covers, in the order they are shown.
HASHED = ("seq", "at", "username", "role", "action", "records", "reason", "detail")


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    username: str
    role: str
    action: str
    records: tuple[str, ...]
    reason: str | None
    detail: Mapping[str, Any]
    prev_hash: str
    hash: str


def canonical(value: Any) -> str:
    """JSON with sorted keys and no spaces: the same text for the same value, everywhere."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(fields: Mapping[str, Any], prev_hash: str) -> str:
    """SHA-256 of an entry's canonical JSON, a newline and the previous entry's hash."""
    return hashlib.sha256(f"{canonical(dict(fields))}\n{prev_hash}".encode()).hexdigest()


def _engine(store: Store | Engine) -> Engine:
    return store.engine if isinstance(store, Store) else store


def _checked_detail(detail: Mapping[str, Any] | None) -> dict[str, Any]:
    """Codes, counts and ids only: flat, short values (so nobody slips a record's text in)."""
    out: dict[str, Any] = {}
    for key, value in (detail or {}).items():
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if not (v is None or isinstance(v, bool | int | float | str)):
                raise ValueError(f"audit detail {key!r} must hold plain values, not {type(v).__name__}")
            if isinstance(v, str) and len(v) > DETAIL_TEXT_LIMIT:
                raise ValueError(f"audit detail {key!r} is too long for a code or id")
        out[str(key)] = list(value) if isinstance(value, list | tuple) else value
    return out


#: Who an entry names when nobody is signed in (a failed sign-in).
ANONYMOUS = User("(anonymous)", Role.ANALYST)


def _row(seq: int, at: str, user: User | None, action: AuditAction, records: tuple[str, ...], reason: str | None,
         detail: dict[str, Any], prev_hash: str) -> dict[str, Any]:
    fields = {"seq": seq, "at": at, "username": user.username if user else ANONYMOUS.username,
              "role": user.role.value if user else "none", "action": action.value,
              "records": list(records), "reason": reason, "detail": detail}
    row = {**fields, "records": canonical(list(records)), "detail": canonical(detail), "prev_hash": prev_hash}
    return {**row, "hash": entry_hash(fields, prev_hash)}


def record(
    store: Store | Engine,
    user: User | None,
    action: AuditAction | str,
    records: Iterable[str] = (),
    reason: str | None = None,
    detail: Mapping[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> Entry:
    """Append an entry; concurrent writers queue up rather than fork the chain.

    ``user`` is None when nobody is signed in (a failed sign-in): the entry names "(anonymous)".

    The sequence number is the table's primary key: two writers that read the same last entry
    both try to append the same number, one wins, and the other reads again and retries.
    """
    chosen = AuditAction(action)
    ids = tuple(sorted({str(r) for r in records}))
    note = reason.strip() if reason and reason.strip() else None
    if note and len(note) > REASON_LIMIT:
        raise UserError(f"The reason is {len(note)} characters long: keep it under {REASON_LIMIT}.")
    checked = _checked_detail(detail)
    when = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime(TIME_FORMAT)
    engine = _engine(store)
    last = sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    for attempt in range(MAX_ATTEMPTS):
        try:
            with engine.begin() as conn:
                previous = conn.execute(last).first()
                seq, prev = (previous.seq + 1, previous.hash) if previous else (1, GENESIS)
                row = _row(seq, when, user, chosen, ids, note, checked, prev)
                conn.execute(sa.insert(audit_log), [row])
            return Entry(seq, when, row["username"], row["role"], chosen.value, ids, note, checked, prev, row["hash"])
        except (sa.exc.IntegrityError, sa.exc.OperationalError) as exc:
            if isinstance(exc, sa.exc.OperationalError) and "locked" not in str(exc).lower():
                raise
            time.sleep(random.uniform(0, 0.002 * (attempt + 1)))
    raise UserError("The audit trail is too busy to record this action: try again in a moment.")


def record_person_view(store: Store | Engine, user: User, person_id: str, reason: str | None,
                       reason_needed: bool) -> Entry:
    """Record that ``user`` opened a person's record; refuse if a needed reason is missing.

    ``reason_needed`` comes from :func:`data_model.access.needs_reason` (the person is not on the
    user's own caseload).
    """
    if reason_needed and not (reason or "").strip():
        raise UserError("Say why you are opening this record: this person is not on your agency's caseload.")
    return record(store, user, AuditAction.VIEW_PERSON, [person_id], reason=reason,
                  detail={"outside_caseload": reason_needed})


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    first_bad_seq: int | None = None
    problem: str = ""
    head: tuple[int, str] | None = None

    def __str__(self) -> str:
        if self.ok:
            return f"The audit trail checks out: {self.count} entries, unbroken."
        return f"The audit trail has been tampered with: {self.problem}"


def _fields(row: sa.Row[Any]) -> dict[str, Any]:
    values = dict(row._mapping)
    return {name: json.loads(values[name]) if name in ("records", "detail") else values[name] for name in HASHED}


def verify(store: Store | Engine, expect_head: tuple[int, str] | None = None) -> VerifyResult:
    """Walk the chain from the first entry; name the first entry that does not check out.

    ``expect_head`` is a (seq, hash) kept outside the database (see :func:`head`): the log must
    still hold that entry, unchanged, which catches a truncated end or a rewritten chain.
    """
    expected_seq, prev, count, seen = 1, GENESIS, 0, {}
    query = sa.select(audit_log).order_by(audit_log.c.seq)
    with _engine(store).connect() as conn:
        for row in conn.execution_options(yield_per=1000).execute(query):
            problem = _problem(row, expected_seq, prev)
            if problem:
                return VerifyResult(False, count, problem[0], problem[1])
            count, expected_seq, prev = count + 1, row.seq + 1, row.hash
            if expect_head and row.seq == expect_head[0]:
                seen[row.seq] = row.hash
    last = (expected_seq - 1, prev) if count else None
    if expect_head:
        seq, hash_ = expect_head
        if seq not in seen:
            return VerifyResult(False, count, seq, f"entry {seq} was recorded but the log now ends at {count}: "
                                "entries were removed from the end.", last)
        if seen[seq] != hash_:
            return VerifyResult(False, count, seq, f"entry {seq} differs from the head kept elsewhere: "
                                "the chain was rewritten.", last)
    return VerifyResult(True, count, None, "", last)


def _problem(row: sa.Row[Any], expected_seq: int, prev: str) -> tuple[int, str] | None:
    if row.seq != expected_seq:
        return expected_seq, f"entry {expected_seq} is missing (the log goes from {expected_seq - 1} to {row.seq})."
    if row.prev_hash != prev:
        return row.seq, (f"entry {row.seq} does not follow entry {row.seq - 1}: "
                         "an entry was removed, inserted or reordered there.")
    try:
        fields = _fields(row)
    except (ValueError, TypeError):
        fields = {}
    if entry_hash(fields, prev) != row.hash:
        return row.seq, f"entry {row.seq} was altered after it was written."
    return None


def head(store: Store | Engine) -> tuple[int, str] | None:
    """The last entry's (seq, hash): keep it outside the database to check the log's end later."""
    query = sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    with _engine(store).connect() as conn:
        row = conn.execute(query).first()
    return (row.seq, row.hash) if row else None
