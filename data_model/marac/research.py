"""Research per MARAC case, drawn from the joined-up picture: what every agency knows, in one place.

For a case (a MARAC plan) on the as-of date D:

- **people**: its victim, perpetrator and other members, and the children of the case
  (:func:`data_model.marac.meetings.case_children`);
- **linked plans**: MAPPA and CP plans active on D with a member anywhere in the case's family
  network (rules.md's plan network: the case's members and the people linked to them, one hop);
- **agencies**: every agency with a practitioner actively working with the victim, perpetrator
  or a child, and whether it is part of the MARAC case (rules.md's "agency part of P");
- **incidents** (as victim or perpetrator) and **risk assessments** in the window of 365 days up to D;
- **previous MARAC referrals** of the victim (as victim) and the perpetrator (as perpetrator);
- **actions** still open on D of this case and of the victim's earlier cases, overdue ones marked;
- **gaps**: the rules engine's gaps about this case or its people that are not resolved.

Each part is a small DataFrame with plain columns; :data:`SECTIONS` names them for the pack.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data_model.findings import KEY_FIELDS
from data_model.gap_table import open_gaps
from data_model.marac.action_states import action_states
from data_model.marac.dash import Thresholds, criteria_frame, evaluate_referral
from data_model.marac.meetings import case_children
from data_model.records import MemberRole, PlanType, ReferralCriterion
from data_model.rules.context import Context
from data_model.rules.dates import age_on, in_window
from data_model.rules.explain import connection
from data_model.rules.networks import agency_standing, plan_networks

#: The research sections, in the order a pack prints them: (attribute, title).
SECTIONS = (
    ("people", "People in the case"),
    ("linked_plans", "MAPPA and child protection plans in the family network"),
    ("agencies", "Agencies working with the victim, perpetrator or children"),
    ("incidents", "Police-recorded incidents in the last 12 months"),
    ("risk_assessments", "Risk assessments in the last 12 months"),
    ("previous_referrals", "Previous MARAC referrals"),
    ("actions", "Open actions"),
    ("gaps", "Open information-sharing gaps"),
    ("criteria", "Referral criteria on the referral date"),
)
#: People are listed victim first, then perpetrator, then everyone else.
ROLE_ORDER = {"victim": 0, "perpetrator": 1}
ACTION_KEY = KEY_FIELDS.index("action_id") + 1  # position of action_id in a gap key


@dataclass(frozen=True)
class CaseResearch:
    """What the partnership knows about one MARAC case on the as-of date."""

    plan_id: str
    people: pd.DataFrame
    linked_plans: pd.DataFrame
    agencies: pd.DataFrame
    incidents: pd.DataFrame
    risk_assessments: pd.DataFrame
    previous_referrals: pd.DataFrame
    actions: pd.DataFrame
    gaps: pd.DataFrame
    criteria: pd.DataFrame = field(default_factory=pd.DataFrame)

    def sections(self) -> list[tuple[str, pd.DataFrame]]:
        """(title, frame) per section, in :data:`SECTIONS` order."""
        return [(title, getattr(self, name)) for name, title in SECTIONS]


def _members(ctx: Context, plan_id: str) -> pd.DataFrame:
    m = ctx.p.plan_members
    return m[m["plan_id"] == plan_id].sort_values(["role", "person_id"])


def _ids(members: pd.DataFrame, role: MemberRole) -> list[str]:
    return sorted(members.loc[members["role"] == role.value, "person_id"])


def case_people(ctx: Context, plan_id: str) -> pd.DataFrame:
    """Members and children of the case: person_id, name, role, date_of_birth, age (on D)."""
    members = _members(ctx, plan_id)
    kids = case_children(ctx, pd.Series([plan_id]))
    kids = kids[~kids["person_id"].isin(members["person_id"])]
    people = pd.concat([members[["person_id", "role"]].assign(role=members["role"].str.replace("_", " ")),
                        kids[["person_id", "how"]].rename(columns={"how": "role"})], ignore_index=True)
    order = people["role"].map(ROLE_ORDER).fillna(len(ROLE_ORDER))
    people = people.assign(_order=order).sort_values(["_order", "person_id"]).drop_duplicates("person_id")
    born = ctx.born(people["person_id"])
    return pd.DataFrame({
        "person_id": people["person_id"], "name": [ctx.person_name(x) for x in people["person_id"]],
        "role": people["role"], "date_of_birth": born, "age": age_on(born, ctx.as_of),
    }).reset_index(drop=True)


def linked_plans(ctx: Context, plan_id: str) -> pd.DataFrame:
    """MAPPA and CP plans active on D with a member in the case's family network."""
    network = plan_networks(ctx)
    network = network[network["plan_id"] == plan_id].drop(columns="plan_id")
    m = ctx.plan_members
    m = m[m["active"] & m["plan_type"].isin([PlanType.MAPPA.value, PlanType.CP_PLAN.value])]
    found = m.merge(network, on="person_id").sort_values(["plan_type", "plan_id", "person_id"])
    plans = ctx.plans.set_index("plan_id")
    return pd.DataFrame({
        "plan_id": found["plan_id"], "plan_type": found["plan_type"],
        "person": [connection(ctx, p, mem, link).replace("(on the plan)", "(in this case)")
                   for p, mem, link in zip(found["person_id"], found["member_id"], found["link"], strict=True)],
        "role": found["role"].str.replace("_", " "),
        "lead_agency": [_agency(ctx, plans.at[x, "lead_agency_id"]) for x in found["plan_id"]],
        "details": [_plan_details(plans.loc[x]) for x in found["plan_id"]],
        "since": found["start_date"],
    }).reset_index(drop=True)


def _agency(ctx: Context, agency_id: object) -> str:
    return ctx.agency_name(agency_id) if isinstance(agency_id, str) else ""


def _plan_details(plan: pd.Series) -> str:
    if plan["plan_type"] == PlanType.MAPPA.value:
        return f"category {plan['mappa_category'] or '?'}, level {plan['mappa_level'] or '?'}"
    return str(plan["cp_category"] or "")


def agencies(ctx: Context, plan_id: str, people: pd.DataFrame) -> pd.DataFrame:
    """Agencies actively working with the case's people, and their standing in the MARAC case."""
    inv = ctx.involvements[ctx.involvements["person_id"].isin(people["person_id"])]
    roles = dict(zip(people["person_id"], people["role"], strict=True))
    rows_of_plan = agency_standing(ctx)[lambda s: s["plan_id"] == plan_id]
    standing = dict(zip(rows_of_plan["agency_id"], rows_of_plan["status"], strict=True))
    practitioners = ctx.p.practitioners.set_index("practitioner_id")["name"]
    rows = []
    for agency_id, group in inv.groupby("agency_id", sort=True):
        who = sorted({f"{ctx.person_name(p)} ({roles[p]})" for p in group["person_id"]})
        names = sorted({practitioners.get(x) or x for x in group["practitioner_id"]})
        status = standing.get(agency_id, "not_informed")
        rows.append({"agency_id": agency_id, "agency": ctx.agency_name(str(agency_id)),
                     "sector": ctx.agency_sectors.get(agency_id, ""), "working_with": "; ".join(who),
                     "practitioners": "; ".join(names), "part_of_marac": status == "part_of_plan",
                     "status": status.replace("_", " ")})
    return pd.DataFrame(rows, columns=["agency_id", "agency", "sector", "working_with", "practitioners",
                                       "part_of_marac", "status"])


def incidents(ctx: Context, victims: list[str], perpetrators: list[str]) -> pd.DataFrame:
    """Incidents in the last 12 months with a victim as victim or a perpetrator as perpetrator."""
    inc = ctx.events("incidents")
    inc = inc[in_window(inc["date"], ctx.as_of)
              & (inc["victim_person_id"].isin(victims + perpetrators) | inc["perpetrator_person_id"].isin(
                  victims + perpetrators))].sort_values(["date", "incident_id"], ascending=[False, True])
    return pd.DataFrame({
        "incident_id": inc["incident_id"], "date": inc["date"],
        "victim": [ctx.person_name(x) for x in inc["victim_person_id"]],
        "perpetrator": [ctx.person_name(x) if isinstance(x, str) else "not recorded"
                        for x in inc["perpetrator_person_id"]],
        "recorded_by": [ctx.agency_name(x) for x in inc["agency_id"]],
    }).reset_index(drop=True)


def risk_assessments(ctx: Context, people: pd.DataFrame) -> pd.DataFrame:
    """Risk assessments of the case's people in the last 12 months, newest first."""
    ra = ctx.events("risk_assessments")
    ra = ra[in_window(ra["date"], ctx.as_of) & ra["person_id"].isin(people["person_id"])]
    ra = ra.sort_values(["date", "assessment_id"], ascending=[False, True])
    agency = ctx.p.practitioners.set_index("practitioner_id")["agency_id"]
    return pd.DataFrame({
        "assessment_id": ra["assessment_id"], "date": ra["date"],
        "person": [ctx.person_name(x) for x in ra["person_id"]], "dash_score": ra["dash_score"],
        "assessed_by": [_agency(ctx, agency.get(x)) if isinstance(x, str) else "" for x in ra["practitioner_id"]],
    }).reset_index(drop=True)


def previous_referrals(ctx: Context, plan_id: str, victims: list[str], perpetrators: list[str]) -> pd.DataFrame:
    """Earlier MARAC cases of the victim (as victim) or the perpetrator (as perpetrator)."""
    start = ctx.plans.set_index("plan_id").at[plan_id, "start_date"]
    m = ctx.plan_members
    m = m[(m["plan_type"] == PlanType.MARAC.value) & (m["plan_id"] != plan_id) & (m["start_date"] <= start)
          & (((m["role"] == MemberRole.VICTIM.value) & m["person_id"].isin(victims))
             | ((m["role"] == MemberRole.PERPETRATOR.value) & m["person_id"].isin(perpetrators)))]
    m = m.sort_values(["start_date", "plan_id", "role", "person_id"], ascending=[False, True, False, True])
    plans = ctx.plans.set_index("plan_id")
    rows = [{"plan_id": plan_id, "referred": group["start_date"].iloc[0],
             "meeting_date": plans.at[plan_id, "meeting_date"],
             "people": "; ".join(f"{ctx.person_name(p)} ({r})" for p, r in zip(group["person_id"], group["role"],
                                                                                  strict=True)),
             "roles": ";".join(sorted(set(group["role"]))),
             "referral_criterion": plans.at[plan_id, "referral_criterion"] or "",
             "dash_score": plans.at[plan_id, "dash_score"]}
            for plan_id, group in m.groupby("plan_id", sort=False)]
    return pd.DataFrame(rows, columns=["plan_id", "referred", "meeting_date", "people", "roles",
                                       "referral_criterion", "dash_score"])


def open_actions(ctx: Context, plan_ids: list[str]) -> pd.DataFrame:
    """Actions of the given plans not completed by D, overdue first (``ctx.p`` holds the effective actions)."""
    acts = action_states(ctx.actions[ctx.actions["plan_id"].isin(plan_ids)], ctx.as_of)
    acts = acts[acts["state"] != "completed"].sort_values(["days_overdue", "due_date", "action_id"],
                                                          ascending=[False, True, True])
    version = acts["version"] if "version" in acts else pd.Series(0, index=acts.index)
    return pd.DataFrame({
        "action_id": acts["action_id"], "plan_id": acts["plan_id"],
        "owner": [_agency(ctx, x) or "not assigned" for x in acts["owner_agency_id"]],
        "description": acts["description"], "due_date": acts["due_date"], "state": acts["state"],
        "days_overdue": acts["days_overdue"], "version": version,
    }).reset_index(drop=True)


def case_gaps(gap_rows: pd.DataFrame, plan_id: str, person_ids: list[str], action_ids: list[str]) -> pd.DataFrame:
    """Gaps (rows of :func:`data_model.gap_table.gaps_frame`) not resolved, about this case, one of
    its people, or one of its actions."""
    if gap_rows.empty:
        return pd.DataFrame(columns=["code", "severity", "summary", "status"])
    action = gap_rows["gap_key"].str.split("|").str[ACTION_KEY]
    mine = (gap_rows["plan_id"] == plan_id) | gap_rows["about_person_id"].isin(person_ids) | action.isin(action_ids)
    found = open_gaps(gap_rows[mine])
    return found[["code", "severity", "summary", "status"]].reset_index(drop=True)


def case_research(ctx: Context, plan_id: str, gap_rows: pd.DataFrame | None = None,
                  thresholds: Thresholds | None = None) -> CaseResearch:
    """Everything the partnership knows about the MARAC case ``plan_id`` on ``ctx.as_of``.

    ``gap_rows`` are the gaps on D with their statuses (:func:`data_model.gap_table.gaps_frame`);
    without them the gaps section is empty. ``ctx.p`` should hold the effective actions
    (:func:`data_model.marac.action_states.with_local_actions`).
    """
    members = _members(ctx, plan_id)
    victims, perps = _ids(members, MemberRole.VICTIM), _ids(members, MemberRole.PERPETRATOR)
    people = case_people(ctx, plan_id)
    previous = previous_referrals(ctx, plan_id, victims, perps)
    earlier_victim_cases = previous.loc[previous["roles"].str.contains(MemberRole.VICTIM.value), "plan_id"].tolist()
    actions = open_actions(ctx, [plan_id, *earlier_victim_cases])
    all_actions = ctx.actions.loc[ctx.actions["plan_id"] == plan_id, "action_id"].tolist()
    gaps = case_gaps(gap_rows if gap_rows is not None else pd.DataFrame(), plan_id,
                     people["person_id"].tolist(), all_actions)
    return CaseResearch(
        plan_id=plan_id, people=people, linked_plans=linked_plans(ctx, plan_id),
        agencies=agencies(ctx, plan_id, people), incidents=incidents(ctx, victims, perps),
        risk_assessments=risk_assessments(ctx, people), previous_referrals=previous, actions=actions,
        gaps=gaps, criteria=_criteria(ctx, plan_id, victims, thresholds),
    )


def _criteria(ctx: Context, plan_id: str, victims: list[str], thresholds: Thresholds | None) -> pd.DataFrame:
    """The four criteria for the (first) victim on the referral date, from the records alone."""
    if not victims:
        return criteria_frame([])
    plan = ctx.plans[ctx.plans["plan_id"] == plan_id].iloc[0].to_dict()
    score = None if pd.isna(plan["dash_score"]) else int(plan["dash_score"])
    judged = "on the referral" if plan["referral_criterion"] == ReferralCriterion.PROFESSIONAL_JUDGEMENT.value else ""
    return criteria_frame(evaluate_referral(ctx.p, victims[0], pd.Timestamp(plan["start_date"]), score=score,
                                            professional_judgement=judged, thresholds=thresholds))
