"""The meeting pack's content: the agenda, each case's research and the invitations, gathered once
and shown as plain text tables by the PDF and XLSX renderers, the command line and the dashboard.

Examples
--------
>>> from tests.builders import World
>>> w = World()
>>> _ = w.adult("V", given="Zoë", family="Ó Briain"), w.adult("P")
>>> _ = w.plan("MR1", "MARAC", "2026-11-02", members={"V": "victim", "P": "perpetrator"},
...            meeting_date="2026-12-03", referral_criterion="repeat", dash_score=12)
>>> pack = prepare_meeting(w.build(), "2026-12-03", "2026-11-27")
>>> shown(pack.agenda)[["Item", "Victim", "Criterion", "DASH"]].values.tolist()
[['1', 'Zoë Ó Briain', 'repeat', '12']]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data_model.gap_table import gaps_frame
from data_model.marac import Day
from data_model.marac.dash import Thresholds
from data_model.marac.invitations import invitation_rows, invitations
from data_model.marac.meetings import agenda
from data_model.marac.research import CaseResearch, case_research
from data_model.partnership import Partnership, as_timestamp
from data_model.rules import Analysis

MARKING = "RESTRICTED – contains personal data"

#: Column headers as the pack prints them; a column not named here keeps its own name.
HEADERS = {
    "item": "Item", "plan_id": "Case", "referred": "Referred", "victim": "Victim", "perpetrator": "Perpetrator",
    "children": "Children (age)", "referral_criterion": "Criterion", "dash_score": "DASH",
    "is_repeat": "Repeat flagged", "repeat_not_flagged": "Repeat not flagged", "repeat_note": "Repeat the data shows",
    "lead_agency": "Lead agency",
    "victim_id": "Victim id", "perpetrator_id": "Perpetrator id", "person_id": "Person id", "name": "Name",
    "role": "Role", "date_of_birth": "Born", "age": "Age", "plan_type": "Plan", "person": "Person",
    "details": "Details", "since": "Since", "agency_id": "Agency id", "agency": "Agency", "sector": "Sector",
    "working_with": "Working with", "practitioners": "Practitioners", "part_of_marac": "Part of MARAC",
    "status": "Status", "incident_id": "Incident", "date": "Date", "recorded_by": "Recorded by",
    "assessment_id": "Assessment", "assessed_by": "Assessed by", "meeting_date": "Meeting", "action_id": "Action",
    "owner": "Owner", "description": "Description", "due_date": "Due", "state": "State",
    "days_overdue": "Days overdue", "version": "Version", "code": "Gap", "severity": "Severity",
    "summary": "Summary", "criterion": "Criterion", "met": "Met", "reason": "Reason", "evidence": "Evidence",
    "reasons": "Why", "people": "People",
    "repeats_flagged": "Repeats flagged", "repeats_not_flagged": "Repeats not flagged", "children_count": "Children",
    "upcoming": "Upcoming", "contacts": "Contacts", "cases": "Cases", "items": "Agenda items",
}
#: Columns a pack leaves out: ids repeated elsewhere, and bookkeeping.
HIDDEN = {"victim_id", "perpetrator_id", "version", "agency_id", "roles"}


@dataclass(frozen=True)
class MeetingPack:
    """Everything circulated before one meeting, as seen on the as-of date."""

    meeting_date: pd.Timestamp
    as_of: pd.Timestamp
    agenda: pd.DataFrame
    cases: tuple[CaseResearch, ...]
    invitation_rows: pd.DataFrame

    @property
    def invitations(self) -> pd.DataFrame:
        return invitations(self.invitation_rows)

    def case(self, plan_id: str) -> CaseResearch:
        return next(c for c in self.cases if c.plan_id == plan_id)

    @property
    def title(self) -> str:
        return f"MARAC meeting {self.meeting_date.date().isoformat()}"


def prepare_meeting(p: Partnership, meeting_date: Day, as_of: Day, *, statuses: pd.DataFrame | None = None,
                    thresholds: Thresholds | None = None) -> MeetingPack:
    """Gather the pack for the meeting on ``meeting_date`` as things stood on ``as_of``.

    ``p`` should hold the effective actions (:func:`data_model.marac.action_states.with_local_actions`);
    ``statuses`` are the gap statuses (:func:`data_model.gap_status.current_statuses`), so that
    resolved gaps are left out.
    """
    analysis = Analysis(p, as_of)
    ctx = analysis.context
    items = agenda(p, meeting_date, as_of, ctx=ctx)
    gap_rows = gaps_frame(analysis.gaps(), p, statuses)
    cases = tuple(case_research(ctx, str(plan_id), gap_rows, thresholds) for plan_id in items["plan_id"])
    return MeetingPack(as_timestamp(meeting_date), ctx.as_of, items, cases,
                       invitation_rows(p, meeting_date, as_of, ctx=ctx, items=items))


def _cell(value: object) -> str:
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def shown(frame: pd.DataFrame, hidden: set[str] = HIDDEN) -> pd.DataFrame:
    """``frame`` as text for a reader: dates ISO, yes/no, empty for missing, headers in words."""
    keep = [c for c in frame.columns if c not in hidden]
    out = pd.DataFrame({HEADERS.get(c, c): [_cell(v) for v in frame[c].astype(object)] for c in keep},
                       columns=[HEADERS.get(c, c) for c in keep])
    return out.astype(object)


def case_heading(row: pd.Series) -> str:
    """``Item 3 · MR12 · Victim Ann Smith · Perpetrator Bob Jones``."""
    victim, perpetrator = row["victim"] or "not recorded", row["perpetrator"] or "not recorded"
    return f"Item {row['item']} · {row['plan_id']} · Victim {victim} · Perpetrator {perpetrator}"


def case_facts(row: pd.Series) -> str:
    """One sentence of the agenda row's facts: referral date, criterion, DASH, repeat, lead."""
    text = shown(row.to_frame().T).iloc[0]
    return (f"Referred {text['Referred']}; criterion {text['Criterion'] or 'not recorded'}; "
            f"DASH {text['DASH'] or 'not recorded'}; repeat flagged: {text['Repeat flagged']}; "
            f"lead agency {text['Lead agency'] or 'not recorded'}.")
