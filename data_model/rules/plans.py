"""Plan-keeping gaps: the child's voice, review conferences, and overdue actions."""

from __future__ import annotations

import pandas as pd

from data_model.findings import Code, Gap, Severity
from data_model.records import MemberRole, PlanType
from data_model.rules.context import Context, rows_of
from data_model.rules.dates import months_before
from data_model.rules.explain import day, iso
from data_model.rules.harm import plans_with_child_at_risk

#: A CP plan with no review date is overdue once it is older than this many calendar months.
FIRST_REVIEW_MONTHS = 3
DESCRIPTION_WORDS = 12


def active_cp_plans(ctx: Context) -> pd.DataFrame:
    plans = ctx.active_plans
    return plans[plans["plan_type"] == PlanType.CP_PLAN.value]


def child_voice_not_recorded(ctx: Context) -> list[Gap]:
    """Subject children of active CP plans with no wishes and feelings recorded since the plan began."""
    plans = active_cp_plans(ctx)
    m = ctx.plan_members
    subjects = m.loc[m["plan_id"].isin(plans["plan_id"]) & (m["role"] == MemberRole.SUBJECT.value),
                     ["plan_id", "person_id", "start_date"]]
    views = subjects.merge(ctx.events("child_views")[["person_id", "date"]], on="person_id")
    heard = views.loc[views["date"] >= views["start_date"], ["plan_id", "person_id"]].drop_duplicates()
    unheard = subjects.merge(heard.assign(heard=True), on=["plan_id", "person_id"], how="left")
    unheard = unheard[unheard["heard"].isna()]
    return [
        Gap(Code.CHILD_VOICE_NOT_RECORDED, Severity.HIGH,
            f"No wishes and feelings have been recorded for {ctx.person_name(r.person_id)} since the "
            f"{ctx.plan_words(r.plan_id)} began on {day(r.start_date)}.",
            (f"plans:{r.plan_id} (CP_PLAN from {iso(r.start_date)})",
             f"plan_members:{r.plan_id}/{r.person_id} (subject)",
             f"child_views: none for {r.person_id} from {iso(r.start_date)}"),
            plan_id=r.plan_id, person_id=r.person_id)
        for r in rows_of(unheard)
    ]


def cp_review_overdue(ctx: Context) -> list[Gap]:
    """Active CP plans past their review date, or with none and older than three calendar months."""
    plans = active_cp_plans(ctx)
    past_due = plans["next_review_date"].notna() & (plans["next_review_date"] < ctx.as_of)
    first_due = months_before(ctx.as_of, FIRST_REVIEW_MONTHS)
    never_set = plans["next_review_date"].isna() & (plans["start_date"] < first_due)
    gaps = []
    for r in rows_of(plans[past_due | never_set]):
        if pd.notna(r.next_review_date):
            said = f"the review conference for the {ctx.plan_label(r.plan_id)} was due on {day(r.next_review_date)}"
            evidence = f"plans:{r.plan_id} (next review {iso(r.next_review_date)})"
        else:
            said = (f"the {ctx.plan_label(r.plan_id)} began on {day(r.start_date)} and no review "
                    f"conference has been set, though the first was due within three months")
            evidence = f"plans:{r.plan_id} (started {iso(r.start_date)}, no next review date)"
        gaps.append(Gap(Code.CP_REVIEW_OVERDUE, Severity.HIGH, f"{said[0].upper()}{said[1:]}.",
                        (evidence,), plan_id=r.plan_id))
    return gaps


def _short(text: str) -> str:
    words = str(text or "").split()
    return " ".join(words[:DESCRIPTION_WORDS]) + (" ..." if len(words) > DESCRIPTION_WORDS else "")


def action_overdue(ctx: Context) -> list[Gap]:
    """Actions of active plans due before D and not completed by D."""
    actions = ctx.actions
    actions = actions[actions["plan_id"].isin(ctx.active_plans["plan_id"])
                      & (actions["due_date"] < ctx.as_of) & actions["completed_date"].isna()]
    harmed = plans_with_child_at_risk(ctx)
    gaps = []
    for a in rows_of(actions):
        owner = ctx.agency_name(a.owner_agency_id) if isinstance(a.owner_agency_id, str) else "No agency"
        what = f" ({_short(a.description)})" if _short(a.description) else ""
        gaps.append(Gap(
            Code.ACTION_OVERDUE, Severity.HIGH if a.plan_id in harmed else Severity.MEDIUM,
            f"{owner} has not completed an action{what} for the {ctx.plan_label(a.plan_id)}, "
            f"due on {day(a.due_date)}.",
            (f"actions:{a.action_id} (due {iso(a.due_date)}, not completed)", f"plans:{a.plan_id}"),
            action_id=a.action_id))
    return gaps
