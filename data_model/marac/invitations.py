"""Who to invite to a MARAC meeting: every agency that holds information on any of its cases,
with the cases each one must bring research on, ready to send.

An agency holds information on a case (on the as-of date D) when:

- one of its practitioners is actively working with the victim, the perpetrator or a child of
  the case (an involvement active on D);
- it recorded an incident in the last 12 months with the victim or the perpetrator involved;
- one of its practitioners made a risk assessment of someone in the case in the last 12 months;
- it leads, or is part of, a MAPPA or CP plan active on D in the case's family network; or
- it is part of the MARAC case itself (its lead agency, or a ``plan_agencies`` role other than
  ``informed``).

Examples
--------
>>> from tests.builders import World
>>> w = World()
>>> _ = w.adult("V", household="H1"), w.adult("P")
>>> _ = w.plan("MR1", "MARAC", "2026-11-02", members={"V": "victim", "P": "perpetrator"},
...            meeting_date="2026-12-03", lead="POL")
>>> _ = w.works_with("GP1", "P", agency="SURGERY", sector="health")
>>> invitation_rows(w.build(), "2026-12-03", "2026-11-27")[["agency_id", "plan_id", "reasons"]].values.tolist()
[['POL', 'MR1', 'leads the MARAC case'], ['SURGERY', 'MR1', 'works with P (perpetrator)']]
"""

from __future__ import annotations

import pandas as pd

from data_model.marac import Day
from data_model.marac.meetings import agenda
from data_model.marac.research import case_people
from data_model.partnership import Partnership
from data_model.records import MemberRole, PlanType
from data_model.rules.context import Context
from data_model.rules.dates import in_window
from data_model.rules.explain import day
from data_model.rules.networks import agency_standing, plan_networks

ROW_COLUMNS = ["agency_id", "agency", "sector", "item", "plan_id", "victim", "reasons", "contacts"]
SUMMARY_COLUMNS = ["agency_id", "agency", "sector", "cases", "items", "contacts"]
MARKING = "RESTRICTED – contains personal data"


def _holders(ctx: Context, plan_id: str) -> list[tuple[str, str, str]]:
    """(agency_id, reason, practitioner_id or "") for every way an agency holds information on the case."""
    people = case_people(ctx, plan_id)
    roles = dict(zip(people["person_id"], people["role"], strict=True))
    members = ctx.p.plan_members[ctx.p.plan_members["plan_id"] == plan_id]
    couple = set(members.loc[members["role"].isin([MemberRole.VICTIM.value, MemberRole.PERPETRATOR.value]),
                             "person_id"])
    found: list[tuple[str, str, str]] = []
    inv = ctx.involvements[ctx.involvements["person_id"].isin(people["person_id"])]
    for r in inv.sort_values(["agency_id", "person_id"]).itertuples():
        found.append((str(r.agency_id), f"works with {ctx.person_name(str(r.person_id))} ({roles[r.person_id]})",
                      str(r.practitioner_id)))
    inc = ctx.events("incidents")
    inc = inc[in_window(inc["date"], ctx.as_of)
              & (inc["victim_person_id"].isin(couple) | inc["perpetrator_person_id"].isin(couple))]
    for agency_id, group in inc.groupby("agency_id"):
        count = len(group)
        found.append((str(agency_id), f"recorded {count} incident{'s' if count > 1 else ''} in the last 12 months",
                      ""))
    ra = ctx.events("risk_assessments")
    ra = ra[in_window(ra["date"], ctx.as_of) & ra["person_id"].isin(people["person_id"])]
    by_agency = dict(zip(ctx.p.practitioners["practitioner_id"], ctx.p.practitioners["agency_id"], strict=True))
    ra = ra.assign(agency_id=ra["practitioner_id"].map(by_agency)).dropna(subset=["agency_id"])
    for agency_id, group in ra.groupby("agency_id"):
        times = f"{len(group)} times, latest" if len(group) > 1 else "on"
        found.append((str(agency_id), f"assessed risk {times} {day(group['date'].max())}", ""))
    found += _linked_plan_agencies(ctx, plan_id)
    standing = agency_standing(ctx)
    part = standing[(standing["plan_id"] == plan_id) & (standing["status"] == "part_of_plan")]
    lead = ctx.plans.set_index("plan_id").at[plan_id, "lead_agency_id"]
    for agency_id in part["agency_id"]:
        found.append((agency_id, "leads the MARAC case" if agency_id == lead else "is part of the MARAC case", ""))
    return found


def _linked_plan_agencies(ctx: Context, plan_id: str) -> list[tuple[str, str, str]]:
    network = plan_networks(ctx)
    people = network.loc[network["plan_id"] == plan_id, "person_id"]
    m = ctx.plan_members
    linked = m[m["active"] & m["plan_type"].isin([PlanType.MAPPA.value, PlanType.CP_PLAN.value])
               & m["person_id"].isin(people)]
    standing = agency_standing(ctx)
    part = standing[standing["plan_id"].isin(linked["plan_id"]) & (standing["status"] == "part_of_plan")]
    types = dict(zip(linked["plan_id"], linked["plan_type"], strict=False))
    words = {PlanType.MAPPA.value: "MAPPA plan", PlanType.CP_PLAN.value: "child protection plan"}
    return [(a, f"is part of the linked {words[types[p]]} {p}", "") for p, a in zip(part["plan_id"], part["agency_id"],
                                                                                     strict=True)]


def invitation_rows(p: Partnership, meeting_date: Day, as_of: Day, ctx: Context | None = None,
                    items: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (agency, case) the agency must bring research on: :data:`ROW_COLUMNS`.

    ``reasons`` says why the agency holds information on the case (``; ``-joined), and
    ``contacts`` the e-mail addresses of its practitioners working with the case's people.
    Sorted by agency name, then agenda item. ``items`` is the meeting's agenda, when already made.
    """
    ctx = ctx or Context(p, as_of)
    items = agenda(p, meeting_date, as_of, ctx=ctx) if items is None else items
    emails = ctx.p.practitioners.set_index("practitioner_id")["email"]
    rows = []
    for case in items.itertuples():
        holders = pd.DataFrame(_holders(ctx, str(case.plan_id)), columns=["agency_id", "reason", "practitioner_id"])
        for agency_id, group in holders.groupby("agency_id", sort=True):
            contacts = sorted({str(emails.get(x) or "") for x in group["practitioner_id"] if x} - {""})
            rows.append({"agency_id": agency_id, "agency": ctx.agency_name(str(agency_id)),
                         "sector": ctx.agency_sectors.get(agency_id) or "", "item": case.item,
                         "plan_id": case.plan_id, "victim": case.victim,
                         "reasons": "; ".join(dict.fromkeys(group["reason"])), "contacts": "; ".join(contacts)})
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    return frame.sort_values(["agency", "agency_id", "item"], ignore_index=True)


def invitations(rows: pd.DataFrame) -> pd.DataFrame:
    """Per agency: how many cases, which agenda items, and every contact (:data:`SUMMARY_COLUMNS`)."""
    out = []
    for (agency_id, agency, sector), group in rows.groupby(["agency_id", "agency", "sector"], sort=False):
        contacts = sorted({c for cell in group["contacts"] for c in cell.split("; ") if c})
        out.append({"agency_id": agency_id, "agency": agency, "sector": sector, "cases": len(group),
                    "items": ", ".join(f"{i} ({p})" for i, p in zip(group["item"], group["plan_id"], strict=True)),
                    "contacts": "; ".join(contacts)})
    return pd.DataFrame(out, columns=SUMMARY_COLUMNS)


def invitation_text(rows: pd.DataFrame, agency_id: str, meeting_date: Day) -> str:
    """The invitation to one agency as plain text, ready to paste into a secure e-mail."""
    mine = rows[rows["agency_id"] == agency_id]
    if mine.empty:
        return ""
    first = mine.iloc[0]
    lines = [MARKING, "", f"To: {first['agency']}" + (f" ({first['contacts']})" if first["contacts"] else ""),
             f"Subject: MARAC meeting on {day(pd.Timestamp(meeting_date))}: research requested", "",
             f"Please attend the MARAC meeting on {day(pd.Timestamp(meeting_date))} and bring what your agency "
             f"holds on these {len(mine)} case{'s' if len(mine) > 1 else ''}:", ""]
    for r in mine.itertuples():
        lines.append(f"- Item {r.item} ({r.plan_id}), victim {r.victim}: your agency {r.reasons}.")
    lines += ["", "Share only what is relevant and proportionate, through secure e-mail.", "", MARKING]
    return "\n".join(lines)
