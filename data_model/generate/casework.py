"""Casework records: children's views on their plans, police incidents and DASH risk
assessments, and MARAC actions with owners and due dates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.generate import agencies as ag
from data_model.generate import rates
from data_model.generate.caseloads import Staff
from data_model.generate.child_protection import CpPlans
from data_model.generate.plans import active_on
from data_model.generate.shares import pick
from data_model.generate.timeline import NAT, days

VIEWS = (
    "Says they feel safest at school and want to keep seeing their friends.",
    "Wants the shouting at home to stop.",
    "Would like to spend more time with their grandparents.",
    "Drew a picture of home; said the kitchen is 'scary at night'.",
    "Says things are better since the last meeting.",
    "Too young to say; observed relaxed and playful with their carer.",
    "Worried about their mum; wants her to be safe.",
)
ACTIONS = {
    "police": "Flag the address for an urgent response; review bail conditions.",
    "domestic_abuse_service": "IDVA to complete safety planning with the victim.",
    "children_social_care": "Check the children are safe; consider a strategy discussion.",
    "health": "Add a safeguarding alert to the health record; GP to be told.",
    "housing": "Fit additional locks; consider a management transfer.",
    "probation": "Review licence conditions with the perpetrator.",
    "education": "Designated safeguarding lead to be told; monitor attendance.",
    "mental_health": "Care coordinator to review the risk assessment.",
    "substance_misuse": "Offer an assessment for drug and alcohol support.",
    "adult_social_care": "Consider a care and support needs assessment.",
    "youth_justice": "Share the risk with the youth justice case manager.",
    "other": "Offer advice on benefits and debt.",
}


def child_views(rng: np.random.Generator, staff: Staff, cp: CpPlans, as_of: np.datetime64) -> pd.DataFrame:
    """The child's views soon after the plan starts and at each review — except for a few open
    plans where nobody has recorded them."""
    plans = cp.plans
    silent = pick(rng, plans["end_date"].isna().to_numpy(), rates.CHILD_VOICE_MISSING_SHARE)
    rows = []
    columns = zip(plans["child"].to_numpy(), plans["episode"].to_numpy(), days(plans["start_date"]),
                  days(plans["end_date"]), silent, strict=True)
    for child, episode, start, end, quiet in columns:
        if quiet:
            continue
        last = as_of if np.isnat(end) else min(end, as_of)
        dates = [start + int(rng.integers(0, 15)), *(cp.reviews[int(episode)] - rng.integers(0, 4))]
        rows += [(int(child), day) for day in dates if day <= last]
    views = pd.DataFrame(rows, columns=["person_id", "date"])
    views["practitioner_id"] = staff.assign(views["person_id"].to_numpy(), ag.CSC, "Social worker")
    views["summary"] = np.array(VIEWS, dtype=object)[rng.integers(0, len(VIEWS), len(views))]
    views["date"] = views["date"].to_numpy().astype("datetime64[D]")
    return views.drop_duplicates(["person_id", "date", "practitioner_id"]).sort_values(["date", "person_id"])


def incidents_and_assessments(rng: np.random.Generator, staff: Staff,
                              incidents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each incident with an id, and the police DASH risk assessment made at it.

    ``incidents`` has date, victim, perpetrator, dash_score and in_marac (whether it led to a
    MARAC referral); the incident rows keep the last two beside the contract's columns."""
    incidents = incidents.sort_values(["date", "victim"], kind="stable").reset_index(drop=True)
    ids = [f"IN{i:07d}" for i in range(1, len(incidents) + 1)]
    unknown = rng.random(len(incidents)) < 0.04
    rows = pd.DataFrame({
        "incident_id": ids, "date": incidents["date"].to_numpy().astype("datetime64[D]"),
        "victim_person_id": incidents["victim"].to_numpy(),
        "perpetrator_person_id": np.where(unknown, -1, incidents["perpetrator"].to_numpy()),
        "agency_id": ag.POLICE,
        "dash_score": incidents["dash_score"].to_numpy(), "in_marac": incidents["in_marac"].to_numpy(),
    })
    assessments = pd.DataFrame({
        "assessment_id": [f"RA{i:07d}" for i in range(1, len(incidents) + 1)],
        "person_id": rows["victim_person_id"],
        "practitioner_id": staff.assign(rows["victim_person_id"].to_numpy(), ag.POLICE, "Domestic abuse officer"),
        "date": rows["date"], "dash_score": incidents["dash_score"].to_numpy().astype(np.int64),
    })
    return rows, assessments


def marac_actions(rng: np.random.Generator, plans: pd.DataFrame, plan_agencies: pd.DataFrame,
                  as_of: np.datetime64) -> pd.DataFrame:
    """Two to five actions per case heard by the as-of date, owned by agencies at the meeting;
    most done on time, some late, a few overdue on open cases."""
    heard = plans[(plans["plan_type"] == "MARAC") & (plans["meeting_date"] <= as_of)].set_index("plan_id")
    owners = plan_agencies[(plan_agencies["role"] != "informed") & plan_agencies["plan_id"].isin(heard.index)]
    by_plan = owners.groupby("plan_id")["agency_id"].apply(list).to_dict()
    rows = []
    for plan_id, meeting in heard["meeting_date"].items():
        agencies = by_plan.get(plan_id, [])
        for owner in rng.choice(agencies, size=min(len(agencies), int(rng.integers(2, 6))), replace=False):
            rows.append((plan_id, owner, np.datetime64(meeting, "D")))
    actions = pd.DataFrame(rows, columns=["plan_id", "owner_agency_id", "meeting"])
    meeting = actions["meeting"].to_numpy().astype("datetime64[D]")
    due = meeting + rng.integers(7, 43, len(actions))
    late = rng.random(len(actions)) < 0.15
    done = np.where(late, due + rng.integers(1, 21, len(actions)), np.maximum(due - rng.integers(0, 11, len(actions)),
                                                                               meeting))
    done = np.where((due > as_of) & (rng.random(len(actions)) < 0.7), NAT, done)
    open_case = active_on(heard.loc[actions["plan_id"]].reset_index(), as_of)
    overdue = pick(rng, open_case & (due < as_of), rates.ACTION_OVERDUE_SHARE)
    done = np.where(overdue | (done > as_of), NAT, done)
    sector = actions["owner_agency_id"].map(ag.SECTOR)
    return pd.DataFrame({
        "action_id": [f"AC{i:07d}" for i in range(1, len(actions) + 1)], "plan_id": actions["plan_id"],
        "owner_agency_id": actions["owner_agency_id"], "description": sector.map(ACTIONS).to_numpy(),
        "due_date": due, "completed_date": done,
    })
