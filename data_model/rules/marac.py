"""MARAC referral gaps: repeat cases not flagged, and high-risk victims not referred.

SafeLives: a repeat is a case referred again within 12 months of the last referral; a DASH
score of 14 or more is "visible high risk"; and rules.md adds three incidents as victim within
365 days of each other as an escalation trigger.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.findings import Code, Gap, Severity
from data_model.records import MemberRole, PlanType, ReferralCriterion
from data_model.rules.context import Context, rows_of
from data_model.rules.dates import WINDOW, in_window
from data_model.rules.explain import day, iso
from data_model.rules.harm import plans_with_child_at_risk

#: DASH "yes" answers that make a case visible high risk.
HIGH_RISK_DASH = 14
#: Incidents as victim within 365 days of each other that trigger a MARAC referral.
INCIDENTS_TRIGGER = 3


def marac_victims(ctx: Context) -> pd.DataFrame:
    """Victims of visible MARAC plans: plan_id, person_id, start_date."""
    m = ctx.plan_members
    victims = m[(m["plan_type"] == PlanType.MARAC.value) & (m["role"] == MemberRole.VICTIM.value)]
    return victims[["plan_id", "person_id", "start_date"]].drop_duplicates()


def marac_repeat_not_flagged(ctx: Context) -> list[Gap]:
    """MARAC cases starting in the last 365 days whose victim had another case in the 365 days
    before, not flagged as a repeat (neither ``is_repeat`` nor criterion ``repeat``)."""
    victims = marac_victims(ctx)
    recent = victims[in_window(victims["start_date"], ctx.as_of)]
    pairs = recent.merge(victims, on="person_id", suffixes=("", "_before"))
    pairs = pairs[(pairs["plan_id"] != pairs["plan_id_before"]) & (pairs["start_date_before"] < pairs["start_date"])
                  & (pairs["start_date_before"] >= pairs["start_date"] - WINDOW)]
    plans = ctx.plans.set_index("plan_id")
    flagged = plans["is_repeat"] | (plans["referral_criterion"] == ReferralCriterion.REPEAT.value)
    pairs = pairs[~flagged.reindex(pairs["plan_id"]).to_numpy(dtype=bool)]
    harmed = plans_with_child_at_risk(ctx)
    gaps = []
    for plan_id, group in pairs.sort_values(["plan_id", "start_date_before", "plan_id_before"]).groupby("plan_id"):
        previous = group.iloc[-1]
        gaps.append(Gap(
            Code.MARAC_REPEAT_NOT_FLAGGED, Severity.HIGH if plan_id in harmed else Severity.MEDIUM,
            f"The {ctx.plan_label(str(plan_id))}, referred on {day(previous['start_date'])}, is a repeat: "
            f"{ctx.person_name(previous['person_id'])} was the victim in MARAC case {previous['plan_id_before']} "
            f"referred on {day(previous['start_date_before'])}, but the case is not flagged as a repeat.",
            (f"plans:{plan_id} (MARAC from {iso(previous['start_date'])}, not flagged as repeat)",
             *(f"plans:{r.plan_id_before} (MARAC from {iso(r.start_date_before)}, victim {r.person_id})"
               for r in rows_of(group))),
            plan_id=str(plan_id)))
    return gaps


def high_risk_triggers(ctx: Context) -> pd.DataFrame:
    """Triggers in the window of 365 days up to D, one row each.

    Columns: person_id, date, what (in words), evidence.
    A risk assessment scoring 14 or more (dated as the assessment), or an incident as victim
    that is the latest of three such incidents within 365 days of each other (dated as it).
    """
    ra = ctx.events("risk_assessments")
    ra = ra[(ra["dash_score"] >= HIGH_RISK_DASH).fillna(False).to_numpy(dtype=bool)
            & in_window(ra["date"], ctx.as_of).to_numpy()]
    scored = pd.DataFrame({"person_id": ra["person_id"], "date": ra["date"],
                           "what": [f"a DASH risk assessment scoring {s}" for s in ra["dash_score"]],
                           "evidence": [f"risk_assessments:{a} (DASH {s} on {iso(d)})"
                                        for a, s, d in zip(ra["assessment_id"], ra["dash_score"], ra["date"],
                                                           strict=True)]})
    return pd.concat([scored, _third_incidents(ctx)], ignore_index=True)


def _third_incidents(ctx: Context) -> pd.DataFrame:
    inc = ctx.events("incidents").sort_values(["victim_person_id", "date", "incident_id"], ignore_index=True)
    victim, dates, ids = (inc[c].to_numpy() for c in ("victim_person_id", "date", "incident_id"))
    back = INCIDENTS_TRIGGER - 1
    if len(inc) <= back:
        return pd.DataFrame(columns=["person_id", "date", "what", "evidence"])
    same = np.r_[np.zeros(back, bool), victim[back:] == victim[:-back]]
    close = np.r_[np.zeros(back, bool), dates[:-back] >= dates[back:] - WINDOW.to_timedelta64()]
    at = np.flatnonzero(same & close & in_window(inc["date"], ctx.as_of).to_numpy())
    return pd.DataFrame({
        "person_id": victim[at], "date": dates[at],
        "what": "a third domestic-abuse incident as victim within 365 days",
        "evidence": [f"incidents:{', '.join(ids[i - back:i + 1])} (as victim, the last on {iso(dates[i])})"
                     for i in at],
    })


def high_risk_not_referred(ctx: Context) -> list[Gap]:
    """People with a high-risk trigger in the last 365 days and no MARAC case as victim since the latest."""
    triggers = high_risk_triggers(ctx).sort_values(["person_id", "date", "evidence"])
    latest = triggers.groupby("person_id")["date"].max()
    victims = marac_victims(ctx)
    since = victims.merge(latest.rename("latest").reset_index(), on="person_id")
    referred = set(since.loc[since["start_date"] >= since["latest"], "person_id"])
    gaps = []
    for person_id, group in triggers[~triggers["person_id"].isin(referred)].groupby("person_id"):
        last = group.iloc[-1]
        gaps.append(Gap(
            Code.HIGH_RISK_NOT_REFERRED, Severity.HIGH,
            f"{ctx.person_name(str(person_id))} had {last['what']} on {day(last['date'])} and has not been "
            f"referred to MARAC since.",
            (*group["evidence"], f"plans: no MARAC case with {person_id} as victim from {iso(last['date'])}"),
            person_id=str(person_id)))
    return gaps
