"""Plan networks, and which agencies are part of or told of each plan (rules.md definitions).

- **Plan network of P**: the members of P, plus the linked people of every member (one hop).
- **Agency part of P**: P's lead agency, or a ``plan_agencies`` row for P with a role other than
  ``informed`` and ``since`` empty or on/before D.
- **Agency told of P**: a ``plan_agencies`` row with role ``informed`` (since empty or <= D); the
  owner of any action of P; or the *receiving* agency of a sharing event dated from P's start to
  D that names P or is about a member of P. The sending agency is not thereby told.

Both are answered for every visible plan at once with joins, and kept on the :class:`Context`.
"""

from __future__ import annotations

import pandas as pd

from data_model import links  # a module import: links itself imports rules.dates
from data_model.findings import Status
from data_model.records import AgencyRole
from data_model.rules.context import Context

MEMBER = "member"
NETWORK_COLUMNS = ["plan_id", "person_id", "member_id", "link"]
STANDING_COLUMNS = ["plan_id", "agency_id", "status"]


def member_links(ctx: Context) -> pd.DataFrame:
    """Linked pairs (person_id, linked_id, link) whose person_id is a member of a visible plan."""
    return ctx.shared(_member_links)


def _member_links(ctx: Context) -> pd.DataFrame:
    return links.linked_pairs(ctx.p, ctx.as_of, of=ctx.plan_members["person_id"].unique())


def plan_networks(ctx: Context) -> pd.DataFrame:
    """The network of every visible plan: plan_id, person_id, member_id, link.

    A member is in the network as itself (``member_id`` = ``person_id``, ``link`` = ``member``).
    Anyone else is there through the member with the smallest id they are linked to, and
    ``link`` is what links them (a relationship kind, or ``household``). Sorted by plan, person.
    """
    return ctx.shared(_plan_networks)


def _plan_networks(ctx: Context) -> pd.DataFrame:
    members = ctx.plan_members[["plan_id", "person_id"]].drop_duplicates()
    as_members = members.assign(member_id=members["person_id"], link=MEMBER)
    pairs = member_links(ctx).rename(columns={"person_id": "member_id", "linked_id": "person_id"})
    linked = members.rename(columns={"person_id": "member_id"}).merge(pairs, on="member_id")
    linked = linked.merge(members.assign(is_member=True), on=["plan_id", "person_id"], how="left")
    linked = linked[linked["is_member"].isna()].drop(columns="is_member")
    linked = linked.sort_values(["plan_id", "person_id", "member_id"]).drop_duplicates(["plan_id", "person_id"])
    network = pd.concat([as_members[NETWORK_COLUMNS], linked[NETWORK_COLUMNS]], ignore_index=True)
    return network.sort_values(["plan_id", "person_id"], ignore_index=True)


def agency_standing(ctx: Context) -> pd.DataFrame:
    """Per visible plan, each agency part of it or told of it: plan_id, agency_id, status.

    ``status`` is ``part_of_plan`` or ``informed`` (part wins). An agency with no row is
    neither: ``not_informed``.
    """
    return ctx.shared(_agency_standing)


def _agency_standing(ctx: Context) -> pd.DataFrame:
    plans = ctx.plans
    lead = pd.DataFrame({"plan_id": plans["plan_id"], "agency_id": plans["lead_agency_id"]}).dropna()
    pa = ctx.plan_agencies[ctx.plan_agencies["plan_id"].isin(plans["plan_id"])]
    informed = pa["role"] == AgencyRole.INFORMED.value
    part = pd.concat([lead, pa.loc[~informed, ["plan_id", "agency_id"]]]).assign(status=Status.PART_OF_PLAN.value)
    owners = ctx.actions[["plan_id", "owner_agency_id"]].dropna().rename(columns={"owner_agency_id": "agency_id"})
    told = pd.concat([pa.loc[informed, ["plan_id", "agency_id"]], owners, sharing_receivers(ctx)])
    told = told.assign(status=Status.INFORMED.value)
    standing = pd.concat([part, told], ignore_index=True)
    standing = standing.sort_values(["plan_id", "agency_id", "status"], ascending=[True, True, False])
    return standing.drop_duplicates(["plan_id", "agency_id"])[STANDING_COLUMNS].reset_index(drop=True)


def sharing_receivers(ctx: Context) -> pd.DataFrame:
    """(plan_id, agency_id) for each agency that received a sharing event naming the plan, or
    about one of its members, dated from the plan's start to D."""
    sharing = ctx.events("sharing_events")
    starts = ctx.plans[["plan_id", "start_date"]]
    named = sharing[["plan_id", "to_agency_id", "date"]].dropna(subset=["plan_id"])
    about = sharing[["person_id", "to_agency_id", "date"]].merge(
        ctx.plan_members[["person_id", "plan_id"]].drop_duplicates(), on="person_id"
    )
    both = pd.concat([named, about[["plan_id", "to_agency_id", "date"]]]).merge(starts, on="plan_id")
    told = both[both["date"] >= both["start_date"]]
    return told[["plan_id", "to_agency_id"]].rename(columns={"to_agency_id": "agency_id"}).drop_duplicates()


def plans_with_agency_of_sector(ctx: Context, sector: str) -> set[str]:
    """Plans that an agency of ``sector`` is part of or told of."""
    standing = agency_standing(ctx)
    sectors = ctx.agency_sectors.reindex(standing["agency_id"].to_numpy()).to_numpy()
    return set(standing.loc[sectors == sector, "plan_id"])
