"""The practitioners a case brings: a social worker for a child on a plan, an IDVA for a MARAC
victim, an offender manager for a MAPPA subject, a police officer after an incident, and the
health, housing, mental-health and recovery services adults in these families often have."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.generate import agencies as ag
from data_model.generate.caseloads import Needs
from data_model.generate.child_protection import CpPlans
from data_model.generate.consents import parent_of
from data_model.generate.mappa import MappaCases
from data_model.generate.marac import MaracCases
from data_model.generate.population import Population
from data_model.generate.timeline import NAT

#: Services adults in a case's family often have: (agency, role, chance) by who they are.
ADULT_SERVICES = {
    "parent": ((ag.GP, "GP", 0.3), (ag.MENTAL_HEALTH, "Community psychiatric nurse", 0.12),
               (ag.RECOVERY, "Recovery worker", 0.12), (ag.HOMES, "Tenancy sustainment officer", 0.15)),
    "victim": ((ag.GP, "GP", 0.5), (ag.MENTAL_HEALTH, "Community psychiatric nurse", 0.15),
               (ag.HOMES, "Tenancy sustainment officer", 0.25), (ag.RECOVERY, "Recovery worker", 0.08)),
    "perpetrator": ((ag.PROBATION, "Probation officer", 0.35), (ag.RECOVERY, "Recovery worker", 0.2),
                    (ag.MENTAL_HEALTH, "Community psychiatric nurse", 0.1)),
    "offender": ((ag.GP, "GP", 0.3), (ag.HOMES, "Tenancy sustainment officer", 0.2)),
}


def _closes(end: np.ndarray, as_of: np.datetime64) -> np.ndarray:
    return np.where(end > as_of, NAT, end)


def _family_services(rng: np.random.Generator, needs: Needs, people: np.ndarray, start: np.ndarray, who: str) -> None:
    for agency, role, chance in ADULT_SERVICES[who]:
        chosen = rng.random(len(people)) < chance
        needs.add(people[chosen], agency, role, start[chosen] - rng.integers(0, 400, chosen.sum()))


def cp_services(rng: np.random.Generator, needs: Needs, cp: CpPlans, pop_parent: np.ndarray,
                as_of: np.datetime64) -> None:
    """A social worker (and sometimes a family support worker) for each child on a plan."""
    plans = cp.plans
    start = plans["start_date"].to_numpy().astype("datetime64[D]")
    end = plans["end_date"].to_numpy().astype("datetime64[D]")
    children = plans["child"].to_numpy().astype(np.int64)
    finish = _closes(end + rng.integers(14, 91, len(plans)), as_of)
    needs.add(children, ag.CSC, "Social worker", start - rng.integers(10, 41, len(plans)), finish)
    support = rng.random(len(plans)) < 0.3
    needs.add(children[support], ag.CSC, "Family support worker", start[support], finish[support])
    parents = pop_parent[children]
    has = parents >= 0
    _family_services(rng, needs, parents[has], start[has], "parent")


def marac_services(rng: np.random.Generator, needs: Needs, marac: MaracCases, as_of: np.datetime64) -> None:
    """An IDVA and a police officer for each MARAC victim; services for both parties."""
    plans = marac.plans
    start = plans["start_date"].to_numpy().astype("datetime64[D]")
    meeting = plans["meeting_date"].to_numpy().astype("datetime64[D]")
    victim, perpetrator = plans["victim"].to_numpy(), plans["perpetrator"].to_numpy()
    needs.add(victim, ag.DA_SERVICE, "IDVA", start - rng.integers(0, 8, len(plans)),
              _closes(meeting + rng.integers(30, 151, len(plans)), as_of))
    needs.add(victim, ag.POLICE, "Domestic abuse officer", start - 20, _closes(start + 60, as_of))
    _family_services(rng, needs, victim, start, "victim")
    _family_services(rng, needs, perpetrator, start, "perpetrator")


def mappa_services(rng: np.random.Generator, needs: Needs, mappa: MappaCases) -> None:
    """The offender manager of each MAPPA case: police, probation, or both above level 1."""
    plans = mappa.plans
    subject = plans["subject"].to_numpy()
    start = plans["start_date"].to_numpy().astype("datetime64[D]")
    end = plans["end_date"].to_numpy().astype("datetime64[D]")
    category, level = plans["mappa_category"].to_numpy(), plans["mappa_level"].to_numpy()
    police = np.isin(category, ["1", "4"]) | (level != "1")
    probation = ~np.isin(category, ["1", "4"]) | (level != "1")
    needs.add(subject[police], ag.POLICE, "Public protection officer", start[police], end[police])
    needs.add(subject[probation], ag.PROBATION, "Probation officer", start[probation], end[probation])
    _family_services(rng, needs, subject, start, "offender")


def abuse_services(rng: np.random.Generator, needs: Needs, incidents: pd.DataFrame, as_of: np.datetime64) -> None:
    """A police officer for each victim after an incident; outreach for some."""
    first = incidents.groupby("victim")["date"].min()
    victims = first.index.to_numpy()
    day = first.to_numpy().astype("datetime64[D]")
    needs.add(victims, ag.POLICE, "Domestic abuse officer", day, _closes(day + 60, as_of))
    outreach = rng.random(len(victims)) < 0.4
    begin = day[outreach] + rng.integers(2, 11, outreach.sum())
    needs.add(victims[outreach], ag.DA_SERVICE, "Outreach worker", begin,
              _closes(begin + rng.integers(90, 241, outreach.sum()), as_of))


def concern_services(rng: np.random.Generator, needs: Needs, concerns: pd.DataFrame, as_of: np.datetime64) -> None:
    """A social worker assesses most significant-harm concerns; a GP, hospital or police officer
    who raised a concern is working with the child."""
    harm = concerns[concerns["kind"] == "harm"]
    assessed = harm[rng.random(len(harm)) < 0.6]
    day = assessed["date"].to_numpy().astype("datetime64[D]") + 1
    needs.add(assessed["person"].to_numpy(), ag.CSC, "Social worker", day,
              _closes(day + rng.integers(20, 61, len(assessed)), as_of))
    raised = concerns[concerns["agency_id"].isin([ag.GP, ag.HOSPITAL, ag.POLICE])]
    day = raised["date"].to_numpy().astype("datetime64[D]")
    needs.add(raised["person"].to_numpy(), raised["agency_id"].to_numpy(), raised["role"].to_numpy(), day,
              _closes(day + rng.integers(1, 61, len(raised)), as_of))


def parents(pop: Population) -> np.ndarray:
    """Each person's first household adult (-1 for none or themselves)."""
    return parent_of(pop, np.arange(pop.size))
