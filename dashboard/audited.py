"""What a signed-in person does in the dashboard, each recorded in the audit trail.

Thin wrappers over :mod:`data_model.accountable` (which checks the role and writes the entry),
adding what only the dashboard knows: who is signed in, and which look is new. A page reruns on
every click, so a search or the opening of a record is recorded when it changes, not on every
rerun; a download is recorded when the file is made, which is when the person clicks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import data
from dashboard.identity import current_user
from data_model import accountable
from data_model.access import Permission, can
from data_model.audit_report import AuditFilter
from data_model.contract import Progress, Validated

SEARCH_KEY = "audited_search"
OPENED_KEY = "audited_opened"
REASONS_KEY = "audited_reasons"
AUDIT_VIEW_KEY = "audited_audit_view"


def _new(key: str, value: object) -> bool:
    """Whether ``value`` differs from the one last seen under ``key`` (and remember it)."""
    if st.session_state.get(key) == value:
        return False
    st.session_state[key] = value
    return True


def find_people(query: str, as_of: dt.date) -> pd.DataFrame:
    """People the user may read matching ``query``; the ids found are recorded once per new search."""
    scoped = data.view(as_of)
    fresh = _new(SEARCH_KEY, (query.strip().lower(), as_of, data.generation()))
    return accountable.search_people(data.store(), current_user(), scoped, query, record_search=fresh)


def reason_needed(person_id: str, as_of: dt.date) -> bool:
    """Whether the user must say why they open this record (it is not on their agency's caseload)."""
    return accountable.reason_needed(data.partnership(), current_user(), data.person(person_id, as_of), person_id,
                                     as_of)


def stated_reason(person_id: str) -> str | None:
    """The reason the user gave for this person earlier in the session, if any."""
    reasons: dict[str, str] = st.session_state.get(REASONS_KEY, {})
    return reasons.get(person_id)


def open_person(person_id: str, as_of: dt.date, reason: str | None, needed: bool) -> None:
    """Record the look at a person's record, once each time the user turns to them."""
    if not _new(OPENED_KEY, person_id):
        return
    try:
        accountable.open_person(data.store(), current_user(), data.person(person_id, as_of), person_id, reason, needed)
    except Exception:
        st.session_state.pop(OPENED_KEY, None)  # not recorded: ask again on the next run
        raise
    if reason:
        st.session_state.setdefault(REASONS_KEY, {})[person_id] = reason.strip()


def looked_at(what: str, records: Iterable[str], seen: object) -> None:
    """Record a look at a case's or plan's records, once each time ``seen`` (what is on screen) changes."""
    ids = sorted(set(records))
    if ids and _new(f"audited_look_{what}", (seen, ids)):
        accountable.record_look(data.store(), current_user(), what, ids)


def change_gap_status(key: str, status: str, note: str) -> None:
    accountable.change_gap_status(data.store(), current_user(), key, status, note)


def new_action(as_of: dt.date, plan_id: str, description: str, owner: str | None, due: dt.date | None) -> str:
    return accountable.new_action(data.store(), current_user(), data.view(as_of), plan_id, description, owner, due)


def edit_action(as_of: dt.date, plan_id: str, action_id: str, based_on: int, changes: Mapping[str, Any],
                note: str = "") -> int:
    version = accountable.edit_action(data.store(), current_user(), data.view(as_of), plan_id, action_id, based_on,
                                      changes, note)
    data.data_changed()  # the rules see the change at once (an action closed is no longer overdue)
    return version


def import_checked(validated: Validated, progress: Progress | None = None) -> dict[str, int]:
    """Store a checked upload's valid rows (administrators only), then start a new data generation."""
    new = accountable.import_checked(data.store(), current_user(), validated, progress)
    data.data_changed()
    return new


def audit_entries(f: AuditFilter) -> pd.DataFrame:
    """Audit entries for a lead; each new choice of filters is itself recorded."""
    return accountable.read_audit(data.store(), current_user(), f, record_view=_new(AUDIT_VIEW_KEY, f))


def may(permission: Permission) -> bool:
    """Whether the signed-in user's role allows ``permission`` (to offer a form or a download at all)."""
    return can(current_user(), permission)


def download(where: DeltaGenerator, label: str, what: str, make: Callable[[], bytes], file_name: str, mime: str,
             key: str, records: Iterable[str] = (), permission: Permission = Permission.EXPORT_IDENTIFIABLE,
             **options: Any) -> None:
    """A download button that records the export when the file is made; not shown if the role may not export."""
    if not may(permission):
        return
    made = accountable.export(data.store(), current_user(), what, make, records, permission)
    where.download_button(label, made, file_name, mime, key=key, on_click="ignore", **options)


def analyst_download(where: DeltaGenerator, label: str, what: str, make: Callable[[], bytes], file_name: str,
                     mime: str, key: str) -> None:
    """A download of pseudonymised tables (Patterns), recorded when the file is made."""
    made = accountable.analyst_export(data.store(), current_user(), what, make)
    where.download_button(label, made, file_name, mime, key=key, on_click="ignore")
