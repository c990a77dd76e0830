"""The MARAC page's loaders: the only place it gets data from (beside :mod:`dashboard.data`).

Everything is read from the signed-in user's slice of the partnership (a MARAC coordinator's:
the MARAC cases and their networks; a lead's: everything), refused for anyone whose role does
not open the page. A meeting's pack is worked out once per slice, data generation, meeting,
as-of date and thresholds, and again whenever a coordinator changes an action or a lead a gap's
status (their tables are small, so they are read fresh on every run and their content is part
of the cache key). The slice itself is passed unhashed (``_view``): its role and agency are in
the key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.identity import user_for
from data_model import gap_status, scoped_tables
from data_model.access import ScopedView
from data_model.marac import action_states, actions
from data_model.marac.dash import DashChecklist, Thresholds, criteria_frame, evaluate_referral
from data_model.marac.meetings import meetings as meeting_list
from data_model.marac.pack import MeetingPack, prepare_meeting
from data_model.page_access import Page

CACHE_ENTRIES = 8


def _token(frame: pd.DataFrame) -> int:
    """A cheap fingerprint of a small table, so a cached answer is redone when it changes."""
    return int(pd.util.hash_pandas_object(frame.astype(str), index=False).sum()) if len(frame) else 0


def _changes() -> pd.DataFrame:
    return actions.load_changes(data.store().engine)


def _statuses() -> pd.DataFrame:
    return gap_status.current_statuses(data.store().engine)


def view(as_of: dt.date) -> ScopedView:
    """The user's slice on ``as_of``, once their role is known to open the MARAC page."""
    user_for(Page.MARAC)
    return data.view(as_of)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _meetings(key: tuple[str, int, str, str | None], as_of: dt.date, changes: int, _view: ScopedView) -> pd.DataFrame:
    return meeting_list(scoped_tables.marac_partnership(_view, _changes()), as_of)


def meetings(as_of: dt.date) -> pd.DataFrame:
    """The MARAC meetings with cases referred by ``as_of`` (newest first)."""
    return _meetings(data.scope_key(), as_of, _token(_changes()), view(as_of))


@st.cache_resource(show_spinner="Preparing the meeting…", max_entries=CACHE_ENTRIES)
def _pack(key: tuple[str, int, str, str | None], meeting: dt.date, as_of: dt.date, thresholds: Thresholds,
          changes: int, statuses: int, _view: ScopedView) -> MeetingPack:
    p = scoped_tables.marac_partnership(_view, _changes())
    return prepare_meeting(p, meeting, as_of, statuses=_statuses(), thresholds=thresholds)


def pack(meeting: dt.date, as_of: dt.date, thresholds: Thresholds) -> MeetingPack:
    """The meeting's agenda, research and invitations (shared between sessions: read, never change)."""
    return _pack(data.scope_key(), meeting, as_of, thresholds, _token(_changes()), _token(_statuses()), view(as_of))


def case_actions(plan_id: str, as_of: dt.date) -> pd.DataFrame:
    """Every action of the case (open, overdue and completed), with who changed it last."""
    scoped = view(as_of)
    scoped_tables.require_plan(scoped, plan_id)
    effective = action_states.effective_actions(scoped.partnership.actions, _changes())
    return action_states.action_states(effective[effective["plan_id"] == plan_id], as_of).reset_index(drop=True)


def agency_names() -> dict[str, str]:
    agencies = data.partnership().agencies.sort_values("name")
    return {str(a): str(n or a) for a, n in zip(agencies["agency_id"], agencies["name"], strict=True)}


def check_referral(person_id: str, as_of: dt.date, answers: Mapping[int, str], judgement: str,
                   thresholds: Thresholds) -> tuple[int, pd.DataFrame]:
    """The DASH score of ``answers`` and the four criteria for a person in the user's slice on ``as_of``."""
    scoped = view(as_of)
    scoped_tables.require_person(scoped, person_id)
    checklist = DashChecklist.from_answers(answers)
    results = evaluate_referral(scoped.partnership, person_id, as_of, checklist=checklist,
                                professional_judgement=judgement, thresholds=thresholds)
    return checklist.score, criteria_frame(results)


def action_history(action_id: str) -> pd.DataFrame:
    return actions.action_history(data.store().engine, action_id)
