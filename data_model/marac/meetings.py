"""MARAC meetings and their agendas: which cases each meeting hears, and what the coordinator
needs on one line per case.

A case is a MARAC plan (data-contract.md): its ``start_date`` is the referral date and its
``meeting_date`` the meeting that hears it. Only cases referred by the as-of date D are seen
(rules.md, "What is visible"); the meeting itself may be after D, since preparing for it is the
point. Ages are whole years on D, as the rules judge children.

"Repeats the data shows but the referral did not flag" are exactly the rules engine's
``MARAC_REPEAT_NOT_FLAGGED`` gaps on D (:func:`data_model.rules.marac.marac_repeat_not_flagged`),
so the agenda and the gaps page never disagree.

Examples
--------
>>> from tests.builders import World
>>> w = World()
>>> _ = w.adult("V", household="H1", given="Vi", family="Ray"), w.child("K", household="H1", given="Kit")
>>> _ = w.plan("MR1", "MARAC", "2026-11-02", members={"V": "victim"}, meeting_date="2026-11-12",
...            referral_criterion="visible_high_risk", dash_score=15)
>>> row = agenda(w.build(), "2026-11-12", "2026-11-27").iloc[0]
>>> row["victim"], row["children"], int(row["dash_score"])
('Vi Ray', 'Kit (10)', 15)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from data_model.errors import UserError
from data_model.marac import Day
from data_model.partnership import Partnership, as_timestamp
from data_model.records import MemberRole, PlanType
from data_model.rules.context import Context
from data_model.rules.dates import age_on, child_on
from data_model.rules.marac import marac_repeat_not_flagged

AGENDA_COLUMNS = [
    "item", "plan_id", "referred", "victim_id", "victim", "perpetrator_id", "perpetrator", "children",
    "referral_criterion", "dash_score", "is_repeat", "repeat_not_flagged", "repeat_note", "lead_agency",
]
CHILD_COLUMNS = ["plan_id", "person_id", "name", "age", "how"]
MEETING_COLUMNS = ["meeting_date", "cases", "repeats_flagged", "repeats_not_flagged", "children_count", "upcoming"]


def marac_cases(ctx: Context) -> pd.DataFrame:
    """Visible MARAC plans (referred by D), with their meeting date."""
    plans = ctx.plans
    return plans[plans["plan_type"] == PlanType.MARAC.value]


def _members(ctx: Context, plan_ids: pd.Series, role: MemberRole) -> pd.DataFrame:
    m = ctx.p.plan_members
    return m[m["plan_id"].isin(plan_ids) & (m["role"] == role.value)].sort_values(["plan_id", "person_id"])


def case_children(ctx: Context, plan_ids: pd.Series) -> pd.DataFrame:
    """The children of each case: plan_id, person_id, name, age (on D), how they are in it.

    A child of a case is a member with role ``child_in_household``; a member with role
    ``potential_victim`` who is under 18 on D; or anyone under 18 on D who lives in a victim's
    current household. A member's unknown date of birth gives an empty age, never a guess.
    """
    m = ctx.p.plan_members[ctx.p.plan_members["plan_id"].isin(plan_ids)]
    listed = m[m["role"].isin([MemberRole.CHILD_IN_HOUSEHOLD.value, MemberRole.POTENTIAL_VICTIM.value])]
    listed = listed.assign(how=listed["role"].str.replace("_", " "))
    people = ctx.p.people[["person_id", "household_id"]]
    victims = m[m["role"] == MemberRole.VICTIM.value]
    homes = people[people["person_id"].isin(victims["person_id"])].dropna(subset=["household_id"])
    homes = homes[homes["household_id"] != ""]
    victims = victims.merge(homes, on="person_id")
    housemates = people[people["household_id"].isin(homes["household_id"])]  # a few rows, not everyone
    home = victims[["plan_id", "household_id"]].merge(housemates, on="household_id")
    home = home.assign(how="lives with the victim")
    found = pd.concat([listed[["plan_id", "person_id", "how"]], home[["plan_id", "person_id", "how"]]])
    found = found[~found["person_id"].isin(m.loc[m["role"] == MemberRole.VICTIM.value, "person_id"])]
    found = found.assign(age=age_on(ctx.born(found["person_id"]), ctx.as_of).to_numpy(),
                         child=child_on(ctx.born(found["person_id"]), ctx.as_of).to_numpy())
    keep = found["child"] | ((found["how"] == "child in household") & found["age"].isna())
    found = found[keep].drop_duplicates(["plan_id", "person_id"])
    found = found.assign(name=[ctx.person_name(x) for x in found["person_id"]])
    return found.sort_values(["plan_id", "age", "person_id"], na_position="last")[CHILD_COLUMNS] \
        .reset_index(drop=True)


def child_label(name: str, age: Any) -> str:
    """``Kit (10)``, or ``Kit (age unknown)``."""
    return f"{name} (age unknown)" if pd.isna(age) else f"{name} ({int(age)})"


def unflagged_repeats(ctx: Context) -> dict[str, str]:
    """Per plan id, the rules engine's sentence for each MARAC_REPEAT_NOT_FLAGGED gap on D."""
    return {str(g.plan_id): g.summary for g in marac_repeat_not_flagged(ctx)}


def meetings(p: Partnership, as_of: Day) -> pd.DataFrame:
    """Every MARAC meeting date with the number of cases referred to it by D, newest first.

    ``upcoming`` is true for a meeting on or after D.
    """
    ctx = Context(p, as_of)
    cases = marac_cases(ctx)
    cases = cases[cases["meeting_date"].notna()]
    if cases.empty:
        return pd.DataFrame(columns=MEETING_COLUMNS)
    unflagged = set(unflagged_repeats(ctx))
    children = case_children(ctx, cases["plan_id"]).groupby("plan_id").size()
    frame = cases.assign(
        flagged=cases["is_repeat"] | (cases["referral_criterion"] == "repeat"),
        unflagged=cases["plan_id"].isin(unflagged),
        children=children.reindex(cases["plan_id"]).fillna(0).astype(int).to_numpy(),
    )
    out = frame.groupby("meeting_date").agg(
        cases=("plan_id", "size"), repeats_flagged=("flagged", "sum"),
        repeats_not_flagged=("unflagged", "sum"), children_count=("children", "sum"),
    ).reset_index()
    out["upcoming"] = out["meeting_date"] >= ctx.as_of
    return out.sort_values("meeting_date", ascending=False, ignore_index=True)[MEETING_COLUMNS]


def meeting_plan_ids(ctx: Context, meeting_date: Day) -> list[str]:
    """The cases heard at the meeting, in referral order; an unknown meeting is a UserError."""
    day = as_timestamp(meeting_date)
    cases = marac_cases(ctx)
    cases = cases[cases["meeting_date"] == day].sort_values(["start_date", "plan_id"])
    if cases.empty:
        known = sorted({d.date().isoformat() for d in marac_cases(ctx)["meeting_date"].dropna()})[-6:]
        hint = f" The latest meetings are {', '.join(known)}." if known else " No meetings are recorded."
        raise UserError(f"No MARAC meeting on {day.date().isoformat()} has cases referred by "
                        f"{ctx.as_of.date().isoformat()}.{hint}")
    return list(cases["plan_id"])


def _names(ctx: Context, members: pd.DataFrame, plan_id: str) -> tuple[str, str]:
    ids = members.loc[members["plan_id"] == plan_id, "person_id"].tolist()
    return "; ".join(ids), "; ".join(ctx.person_name(x) for x in ids)


def agenda(p: Partnership, meeting_date: Day, as_of: Day, ctx: Context | None = None) -> pd.DataFrame:
    """The meeting's agenda: one row per case, in referral order (see :data:`AGENDA_COLUMNS`).

    ``children`` is ``Name (age)`` per child, ``; ``-joined; ``repeat_not_flagged`` and
    ``repeat_note`` come from the rules engine's MARAC_REPEAT_NOT_FLAGGED gaps on D.
    """
    ctx = ctx or Context(p, as_of)
    plan_ids = pd.Series(meeting_plan_ids(ctx, meeting_date))
    plans = ctx.plans.set_index("plan_id").reindex(plan_ids.tolist())
    victims = _members(ctx, plan_ids, MemberRole.VICTIM)
    perpetrators = _members(ctx, plan_ids, MemberRole.PERPETRATOR)
    children = case_children(ctx, plan_ids)
    unflagged = unflagged_repeats(ctx)
    rows = []
    for item, (plan_id, plan) in enumerate(plans.iterrows(), start=1):
        kids = children[children["plan_id"] == plan_id]
        victim_ids, victim_names = _names(ctx, victims, str(plan_id))
        perp_ids, perp_names = _names(ctx, perpetrators, str(plan_id))
        lead = plan["lead_agency_id"]
        rows.append({
            "item": item, "plan_id": plan_id, "referred": plan["start_date"],
            "victim_id": victim_ids, "victim": victim_names, "perpetrator_id": perp_ids, "perpetrator": perp_names,
            "children": "; ".join(child_label(n, a) for n, a in zip(kids["name"], kids["age"], strict=True)),
            "referral_criterion": plan["referral_criterion"] or "", "dash_score": plan["dash_score"],
            "is_repeat": bool(plan["is_repeat"]), "repeat_not_flagged": plan_id in unflagged,
            "repeat_note": unflagged.get(str(plan_id), ""),
            "lead_agency": ctx.agency_name(lead) if isinstance(lead, str) else "",
        })
    frame = pd.DataFrame(rows, columns=AGENDA_COLUMNS)
    frame["dash_score"] = frame["dash_score"].astype("Int64")
    return frame
