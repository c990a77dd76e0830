"""The MARAC page's loaders and writes: the only place it gets data from (beside :mod:`dashboard.data`).

A meeting's pack is worked out once per database, data generation, meeting, as-of date and
thresholds, and again whenever a coordinator changes an action or a lead a gap's status (their
tables are small, so they are read fresh on every run and their content is part of the cache key).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard import data
from data_model import gap_status
from data_model.marac import action_states, actions
from data_model.marac.dash import DashChecklist, Thresholds, criteria_frame, evaluate_referral
from data_model.marac.meetings import meetings as meeting_list
from data_model.marac.pack import MeetingPack, prepare_meeting
from data_model.partnership import Partnership
from data_model.store import database_url

CACHE_ENTRIES = 8


def _token(frame: pd.DataFrame) -> int:
    """A cheap fingerprint of a small table, so a cached answer is redone when it changes."""
    return int(pd.util.hash_pandas_object(frame.astype(str), index=False).sum()) if len(frame) else 0


def _changes() -> pd.DataFrame:
    return actions.load_changes(data.store().engine)


def _statuses() -> pd.DataFrame:
    return gap_status.current_statuses(data.store().engine)


def partnership() -> Partnership:
    """The partnership with coordinators' action changes laid over the imported actions."""
    return action_states.with_local_actions(data.partnership(), _changes())


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _meetings(url: str, gen: int, as_of: dt.date, changes: int) -> pd.DataFrame:
    return meeting_list(partnership(), as_of)


def meetings(as_of: dt.date) -> pd.DataFrame:
    """The MARAC meetings with cases referred by ``as_of`` (newest first)."""
    return _meetings(database_url(), data.generation(), as_of, _token(_changes()))


@st.cache_resource(show_spinner="Preparing the meeting…", max_entries=CACHE_ENTRIES)
def _pack(url: str, gen: int, meeting: dt.date, as_of: dt.date, thresholds: Thresholds, changes: int,
          statuses: int) -> MeetingPack:
    return prepare_meeting(partnership(), meeting, as_of, statuses=_statuses(), thresholds=thresholds)


def pack(meeting: dt.date, as_of: dt.date, thresholds: Thresholds) -> MeetingPack:
    """The meeting's agenda, research and invitations (shared between sessions: read, never change)."""
    return _pack(database_url(), data.generation(), meeting, as_of, thresholds, _token(_changes()),
                 _token(_statuses()))


def case_actions(plan_id: str, as_of: dt.date) -> pd.DataFrame:
    """Every action of the case (open, overdue and completed), with who changed it last."""
    effective = action_states.effective_actions(data.partnership().actions, _changes())
    return action_states.action_states(effective[effective["plan_id"] == plan_id], as_of).reset_index(drop=True)


def agency_names() -> dict[str, str]:
    agencies = data.partnership().agencies.sort_values("name")
    return {str(a): str(n or a) for a, n in zip(agencies["agency_id"], agencies["name"], strict=True)}


def check_referral(person_id: str, as_of: dt.date, answers: Mapping[int, str], judgement: str,
                   thresholds: Thresholds) -> tuple[int, pd.DataFrame]:
    """The DASH score of ``answers`` and the four criteria for the person on ``as_of``."""
    checklist = DashChecklist.from_answers(answers)
    results = evaluate_referral(data.partnership(), person_id, as_of, checklist=checklist,
                                professional_judgement=judgement, thresholds=thresholds)
    return checklist.score, criteria_frame(results)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def record_action(plan_id: str, description: str, owner: str | None, due: dt.date | None, who: str) -> str:
    return actions.record_action(data.store().engine, plan_id, description=description, owner_agency_id=owner,
                                 due_date=due, changed_by=who, changed_at=_now())


def update_action(action_id: str, based_on: int, changes: Mapping[str, object], who: str, note: str = "") -> int:
    """Store a change made to the action as it was at ``based_on`` (ActionConflict if it has moved on)."""
    return actions.update_action(data.store().engine, action_id, based_on, changes, changed_by=who,
                                 changed_at=_now(), note=note)


def action_history(action_id: str) -> pd.DataFrame:
    return actions.action_history(data.store().engine, action_id)
