"""Looking at, changing and exporting records as a signed-in user: checked, done, and recorded.

The dashboard goes through these functions, never straight to the writers below them, so that
nothing is opened, searched, changed, imported or exported without the role's permission being
checked here (not only by hiding a button) and an entry going into the audit trail
(:mod:`data_model.audit`): who, when, what, the ids of the records, and the stated reason for
opening a record off one's own caseload. Entries hold ids, codes and counts only: never a search
term, a name or a note.

Exports are generated when the person asks for the file: :func:`export` returns a function that
makes the bytes and records the export, and refuses up front when the role may not export.

Examples
--------
>>> import pandas as pd
>>> record_ids([pd.DataFrame({"plan_id": ["PL1", None], "about_person_id": ["P2", "P1"]})])
['P1', 'P2', 'PL1']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

import pandas as pd

from data_model import gap_status, person_profile
from data_model.access import Permission, ScopedView, User, can, needs_reason, require
from data_model.audit import AuditAction, Entry, record, record_person_view
from data_model.audit_report import AuditFilter, audit_entries
from data_model.contract import Progress, Validated
from data_model.db_errors import database_errors
from data_model.marac import actions
from data_model.page_access import Page, require_any, require_page
from data_model.partnership import Day, Partnership
from data_model.scoped_tables import require_person, require_plan
from data_model.store import Store

#: Columns whose values are the ids of people, plans, actions or gaps (what an entry lists).
ID_COLUMNS = ("person_id", "about_person_id", "member_id", "plan_id", "action_id", "gap_key")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def record_ids(frames: Iterable[pd.DataFrame], columns: Collection[str] = ID_COLUMNS) -> list[str]:
    """Every filled id in ``columns`` of ``frames``, sorted: the records an export or a view holds."""
    found: set[str] = set()
    for frame in frames:
        for column in columns:
            if column in frame.columns:
                found |= {str(v) for v in frame[column].dropna() if str(v)}
    return sorted(found)


# --- looking -----------------------------------------------------------------------------------


def search_people(store: Store, user: User, view: ScopedView, query: str, record_search: bool = True) -> pd.DataFrame:
    """People in the scope matching ``query``; the ids found are recorded, never the words typed.

    ``record_search`` is False when the same search is shown again (a page rerun).
    """
    require(user, Permission.VIEW_PEOPLE)
    found = person_profile.find_people(view.partnership, query)
    if record_search:
        record(store, user, AuditAction.SEARCH, found["person_id"], detail={"results": len(found)})
    return found


def reason_needed(whole: Partnership, user: User, view: ScopedView, person_id: str, as_of: Day) -> bool:
    """Whether opening ``person_id`` needs a stated reason (refused outright when outside the scope)."""
    require(user, Permission.VIEW_PEOPLE)
    require_person(view, person_id)
    return needs_reason(whole, user, person_id, as_of)


def open_person(store: Store, user: User, view: ScopedView, person_id: str, reason: str | None,
                needed: bool) -> Entry:
    """Record that ``user`` opened a person's record; refuse outside the scope, or without a needed reason."""
    require(user, Permission.VIEW_PEOPLE)
    require_person(view, person_id)
    return record_person_view(store, user, person_id, reason, needed)


def record_look(store: Store, user: User, what: str, records: Iterable[str]) -> Entry:
    """Record that ``user`` was shown the records of a case or plan (``what``: the page) at once.

    A MARAC meeting's research or a plan's who-needs-to-know table shows many people at a
    time; it is recorded as one look at all of them (the pages show only the user's scope).
    """
    require(user, Permission.VIEW_PEOPLE)
    return record(store, user, AuditAction.VIEW_PERSON, records, detail={"page": what})


def read_audit(store: Store, user: User, f: AuditFilter, record_view: bool) -> pd.DataFrame:
    """Audit entries matching ``f`` (leads only); ``record_view`` records this look at the trail."""
    require(user, Permission.VIEW_AUDIT)
    entries = audit_entries(store, f)
    if record_view:
        detail = {"action": f.action, "user": f.username, "record": f.record_id, "results": len(entries)}
        record(store, user, AuditAction.VIEW_AUDIT, [], detail={k: v for k, v in detail.items() if v is not None})
    return entries


# --- changing ----------------------------------------------------------------------------------


def change_gap_status(store: Store, user: User, key: str, status: str, note: str) -> None:
    """Store a gap's new status as changed by ``user``, and record the change (not the note)."""
    require(user, Permission.CHANGE_GAP_STATUS)
    gap_status.record_status(store.engine, key, status, note=note, changed_by=user.username, changed_at=_now())
    record(store, user, AuditAction.GAP_STATUS_CHANGE, [key], detail={"status": status, "code": key.split("|")[0]})


def new_action(store: Store, user: User, view: ScopedView, plan_id: str, description: str,
               owner: str | None, due: dt.date | None) -> str:
    """Record a new action on a case in the scope; returns its id."""
    require(user, Permission.EDIT_ACTIONS)
    require_plan(view, plan_id)
    action_id = actions.record_action(store.engine, plan_id, description=description, owner_agency_id=owner,
                                      due_date=due, changed_by=user.username, changed_at=_now())
    record(store, user, AuditAction.ACTION_EDIT, [plan_id, action_id], detail={"change": "new"})
    return action_id


def edit_action(store: Store, user: User, view: ScopedView, plan_id: str, action_id: str, based_on: int,
                changes: Mapping[str, Any], note: str = "") -> int:
    """Change an action of a case in the scope, as seen at version ``based_on``; returns the new version."""
    require(user, Permission.EDIT_ACTIONS)
    require_plan(view, plan_id)
    version = actions.update_action(store.engine, action_id, based_on, changes, changed_by=user.username,
                                    changed_at=_now(), note=note)
    record(store, user, AuditAction.ACTION_EDIT, [plan_id, action_id],
           detail={"change": "update", "fields": sorted(changes), "version": version})
    return version


def import_checked(store: Store, user: User, validated: Validated, progress: Progress | None = None) -> dict[str, int]:
    """Store the valid rows of a checked upload (administrators only), in one transaction; recorded."""
    require(user, Permission.IMPORT)
    with database_errors("The import"):
        new = store.write(validated, progress=progress)
    record(store, user, AuditAction.IMPORT, [], detail={
        "rows_valid": sum(len(f) for f in validated.tables.values()),
        "rows_rejected": len(validated.rejections), "rows_new": sum(new.values()), "source": "dashboard"})
    return new


# --- exporting ---------------------------------------------------------------------------------


def export(store: Store, user: User, what: str, make: Callable[[], bytes], records: Iterable[str] = (),
           permission: Permission = Permission.EXPORT_IDENTIFIABLE) -> Callable[[], bytes]:
    """A function making the file ``what`` and recording the export; refused now if the role may not.

    ``records`` are the ids the file holds (see :func:`record_ids`).
    """
    require(user, permission)
    ids = list(records)

    def make_and_record() -> bytes:
        data = make()
        record(store, user, AuditAction.EXPORT, ids, detail={"export": what, "bytes": len(data)})
        return data

    return make_and_record


def analyst_export(store: Store, user: User, what: str, make: Callable[[], bytes]) -> Callable[[], bytes]:
    """An export of pseudonymised tables (the Patterns page): analysts and leads; no ids are recorded."""
    require_page(user, Page.PATTERNS)
    require_any(user, Permission.EXPORT_PSEUDONYMISED, Permission.EXPORT_IDENTIFIABLE)
    permission = Permission.EXPORT_PSEUDONYMISED if can(user, Permission.EXPORT_PSEUDONYMISED) \
        else Permission.EXPORT_IDENTIFIABLE
    return export(store, user, what, make, (), permission)
