"""Which agencies are part of each plan, or told of it (plan_agencies).

An open plan's network is its members and everyone linked to them (household, or a family
relationship: rules.md). Agencies working with someone in it usually join the plan or are told
of it; a few are left out, and a few MARAC and MAPPA cases with children never reach children's
social care. Those omissions are what LINKED_PLAN_NOT_SHARED and the *_CHILD_UNKNOWN_TO_CSC rules
find.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_model.generate import agencies as ag
from data_model.generate import rates
from data_model.generate.plans import active_on
from data_model.generate.population import Population
from data_model.generate.shares import pick
from data_model.generate.timeline import days
from data_model.records import LINKING_RELATIONSHIPS

LINKING = sorted(k.value for k in LINKING_RELATIONSHIPS)
#: Role of an agency working with a member of the plan, and with someone only linked to one.
ROLE_FOR_MEMBER = {"CP_PLAN": "core_group", "MARAC": "attendee", "MAPPA": "duty_to_cooperate"}
#: Agencies that usually sit on a plan whoever they work with: (agency, role, chance).
STANDING = {
    "CP_PLAN": ((ag.POLICE, "attendee", 0.4),),
    "MARAC": ((ag.POLICE, "attendee", 1.0), (ag.DA_SERVICE, "attendee", 1.0), (ag.HOSPITAL, "attendee", 0.5),
              (ag.HOUSING, "attendee", 0.4)),
    "MAPPA": ((ag.PROBATION, "duty_to_cooperate", 0.3), (ag.POLICE, "duty_to_cooperate", 0.3)),
}


class Adjacency:
    """Neighbours by row number, from pairs (both directions), as compressed rows."""

    def __init__(self, size: int, left: np.ndarray, right: np.ndarray, values: np.ndarray | None = None) -> None:
        order = np.argsort(left, kind="stable")
        self.targets = (right if values is None else values)[order]
        self.offsets = np.r_[0, np.cumsum(np.bincount(left, minlength=size))]

    def of(self, rows: np.ndarray) -> np.ndarray:
        """Everyone (or everything) next to any of ``rows``."""
        return np.concatenate([self.targets[self.offsets[r]:self.offsets[r + 1]] for r in rows]) if len(rows) \
            else np.empty(0, dtype=self.targets.dtype)


@dataclass
class Links:
    """Who is linked to whom, and which agencies work with whom, on the as-of date."""
    family: Adjacency  # linked by an active relationship
    services: Adjacency  # agencies (index in ag.AGENCIES) with an active involvement


def build_links(pop: Population, relationships: pd.DataFrame, involvements: pd.DataFrame,
                practitioner_agency: np.ndarray, as_of: np.datetime64) -> Links:
    """The links of rules.md on ``as_of``: active linking relationships and involvements."""
    rel = relationships[relationships["relationship"].isin(LINKING)]
    start, end = rel["start_date"].to_numpy(), rel["end_date"].to_numpy()
    live = (np.isnat(start) | (start <= as_of)) & (np.isnat(end) | (end >= as_of))
    a, b = rel["person_id"].to_numpy()[live], rel["related_person_id"].to_numpy()[live]
    family = Adjacency(pop.size, np.r_[a, b], np.r_[b, a])
    inv_start, inv_end = involvements["start_date"].to_numpy(), involvements["end_date"].to_numpy()
    working = (inv_start <= as_of) & (np.isnat(inv_end) | (inv_end >= as_of))
    index = {a.agency_id: i for i, a in enumerate(ag.AGENCIES)}
    agency = np.array([index[x] for x in practitioner_agency])[involvements["practitioner_id"].to_numpy()[working]]
    person = involvements["person_id"].to_numpy()[working]
    return Links(family, Adjacency(pop.size, person, person, agency))


def network(pop: Population, links: Links, members: np.ndarray) -> np.ndarray:
    """The plan's members and everyone linked to one of them."""
    homes = [pop.members(int(h)) for h in np.unique(pop.household[members]) if h >= 0]
    return np.unique(np.concatenate([members, links.family.of(members), *homes]))


def _agencies_of(links: Links, people: np.ndarray) -> set[str]:
    return {ag.AGENCIES[i].agency_id for i in np.unique(links.services.of(people))}


def plan_agencies(rng: np.random.Generator, pop: Population, plans: pd.DataFrame, members: pd.DataFrame,
                  links: Links, as_of: np.datetime64, known_to_csc: np.ndarray) -> pd.DataFrame:
    """Agencies part of or told of each plan, with the day they joined.

    Children's social care is left out only of cases none of whose members it knows otherwise
    (``known_to_csc``: on a plan, a concern, or a social worker's caseload), so that nothing
    else tells it of the case."""
    by_plan = members.groupby("plan_id")["person"].apply(np.asarray).to_dict()
    open_now = active_on(plans, as_of)
    rows: list[tuple[str, str, str, np.datetime64, bool]] = []  # plan, agency, role, since, may be left out
    csc_candidates: list[tuple[int, str]] = []
    columns = zip(plans["plan_id"].to_numpy(), plans["plan_type"].to_numpy(), plans["lead_agency_id"].to_numpy(),
                  days(plans["start_date"]), strict=True)
    for i, (plan_id, plan_type, lead, start) in enumerate(columns):
        joined = min(start + int(rng.integers(0, 22)), as_of) if open_now[i] else start
        rows.append((plan_id, lead, "lead", start, False))
        taken = {lead}
        for agency, role, chance in STANDING[plan_type]:
            if agency not in taken and rng.random() < chance:
                rows.append((plan_id, agency, role, joined, False))
                taken.add(agency)
        if not open_now[i]:
            continue
        people = by_plan.get(plan_id, np.empty(0, dtype=np.int64))
        linked = network(pop, links, people)
        children = linked[(pop.ages()[linked] < 18) & pop.known_age(linked)]
        if plan_type in ("MARAC", "MAPPA") and len(children):
            if not known_to_csc[people].any():
                csc_candidates.append((len(rows), plan_type))
            rows.append((plan_id, ag.CSC, "attendee" if plan_type == "MARAC" else "informed", joined, False))
            taken.add(ag.CSC)
        for_members = _agencies_of(links, people)
        for agency in sorted(_agencies_of(links, linked) - taken):
            role = ROLE_FOR_MEMBER[plan_type] if agency in for_members else "informed"
            rows.append((plan_id, agency, role, joined, True))
    frame = pd.DataFrame(rows, columns=["plan_id", "agency_id", "role", "since", "optional"])
    left_out = np.zeros(len(frame), dtype=bool)
    plan_type = frame["plan_id"].map(plans.set_index("plan_id")["plan_type"]).to_numpy()
    for kind, share in rates.AGENCY_LEFT_OUT_SHARE.items():
        left_out |= pick(rng, frame["optional"].to_numpy() & (plan_type == kind), share)
    for kind, share in (("MARAC", rates.MARAC_CSC_NOT_TOLD_SHARE), ("MAPPA", rates.MAPPA_CSC_NOT_TOLD_SHARE)):
        rows_of_kind = np.array([r for r, k in csc_candidates if k == kind], dtype=np.int64)
        chosen = rows_of_kind[pick(rng, np.ones(len(rows_of_kind), dtype=bool), share)]
        csc_out = frame["plan_id"].isin(frame.loc[chosen, "plan_id"]) & (frame["agency_id"] == ag.CSC)
        left_out |= csc_out.to_numpy()
    return frame[~left_out].drop(columns="optional").reset_index(drop=True)
