"""The synthetic borough before it is written: its people, families, services and cases.

Each stage draws from its own random stream (spawned from the seed), so one stage's changes do
not reshuffle the others and the same arguments always give the same borough.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_model.contract import Progress
from data_model.generate import agencies as ag
from data_model.generate import case_services as cs
from data_model.generate.caseloads import Needs, Staff, build_staff, involvements
from data_model.generate.child_protection import CpPlans, make_cp_plans
from data_model.generate.concerns import make_concerns
from data_model.generate.domestic_abuse import make_background_abuse
from data_model.generate.families import Relationships, family_relationships
from data_model.generate.identity import addresses, genders, names, nhs_numbers, recorded_birth_dates
from data_model.generate.ids import numbered_ids
from data_model.generate.mappa import MappaCases, make_mappa_cases
from data_model.generate.marac import MaracCases, make_marac_cases
from data_model.generate.networks import build_links, plan_agencies
from data_model.generate.plans import combine_members, combine_plans
from data_model.generate.pools import Pools, make_pools
from data_model.generate.population import Population, make_population
from data_model.generate.services import adult_services, health_visiting, schools

STREAMS = 20
MONTH_DAYS = 30.44


@dataclass
class Borough:
    """The borough as built: people, families, services, cases and who is part of them."""
    as_of: np.datetime64
    since: np.datetime64
    rngs: list[np.random.Generator]
    pop: Population
    pools: Pools
    people: pd.DataFrame
    households: pd.DataFrame
    relationships: Relationships
    cp: CpPlans
    marac: MaracCases
    mappa: MappaCases
    abuse: pd.DataFrame
    school: np.ndarray
    cared: np.ndarray
    concerns: pd.DataFrame
    staff: Staff
    involvements: pd.DataFrame
    plans: pd.DataFrame
    members: pd.DataFrame
    plan_agencies: pd.DataFrame


def _identities(rng: np.random.Generator, pop: Population, pools: Pools) -> tuple[pd.DataFrame, pd.DataFrame]:
    given, family = names(rng, pop, pools)
    born = recorded_birth_dates(rng, pop)
    pop.dob_known = ~np.isnat(born)
    people = pd.DataFrame({
        "person_id": numbered_ids("people", np.arange(pop.size)), "given_name": given, "family_name": family,
        "date_of_birth": born, "gender": genders(rng, pop), "household_id": pop.household,
        "nhs_number": nhs_numbers(rng, pop.size),
    })
    households = addresses(rng, pop, pools)
    households.insert(0, "household_id", numbered_ids("households", np.arange(len(households))))
    return people, households


def _family_weights(pop: Population, marac: MaracCases) -> np.ndarray:
    """How likely each household is to have children on a plan: domestic abuse weighs heavily."""
    weight = np.ones(len(pop.hh_size) + 1)
    households = pop.household[marac.victims]
    weight[households[households >= 0]] += 5.0
    return weight


def build_borough(people: int, seed: int, as_of: np.datetime64, density: float, history_months: float,
                  progress: Progress) -> Borough:
    """Everything up to the plans and who is part of them; events are added from this."""
    since = as_of - round(float(history_months * MONTH_DAYS))
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(STREAMS)]
    progress("Building households", 0.02)
    pop = make_population(rngs[0], people, as_of)
    homes = len(pop.hh_size)
    pools = make_pools(seed, streets=min(6000, max(20, homes // 25)), inward=min(4000, 200 + homes // 5))
    people_frame, households = _identities(rngs[1], pop, pools)
    rel = family_relationships(rngs[2], pop)
    progress("Creating MARAC cases", 0.15)
    marac = make_marac_cases(rngs[3], pop, rel, as_of, since, density)
    progress("Creating CP and MAPPA cases", 0.25)
    cp = make_cp_plans(rngs[4], pop, as_of, since, density, _family_weights(pop, marac))
    mappa = make_mappa_cases(rngs[5], pop, as_of, since, density, marac.plans["perpetrator"].to_numpy())
    abuse = make_background_abuse(rngs[6], pop, rel, as_of, since, marac.victims)
    progress("Assigning caseloads", 0.35)
    needs = Needs()
    health_visiting(pop, needs, since)
    school = schools(rngs[7], pop, needs, since)
    cared = adult_services(rngs[8], pop, needs, since)
    cs.cp_services(rngs[9], needs, cp, cs.parents(pop), as_of)
    cs.marac_services(rngs[9], needs, marac, as_of)
    cs.mappa_services(rngs[9], needs, mappa)
    cs.abuse_services(rngs[9], needs, abuse, as_of)
    members = combine_members(cp, marac, mappa)
    concerns = make_concerns(rngs[10], pop, as_of, since, cp.plans, school, members["person"].unique())
    cs.concern_services(rngs[10], needs, concerns, as_of)
    need_rows = needs.frame()
    staff = build_staff(rngs[11], need_rows, as_of, pools)
    concerns["practitioner_id"] = staff.assign_each(concerns["person"].to_numpy(), concerns["agency_id"].to_numpy(),
                                                    concerns["role"].to_numpy())
    caseloads = involvements(staff, need_rows)
    progress("Working out who is told of each plan", 0.5)
    plans = combine_plans(rngs[12], cp, marac, mappa)
    links = build_links(pop, rel.frame(), caseloads, staff.practitioners["agency_id"].to_numpy(), as_of)
    known_to_csc = np.zeros(pop.size, dtype=bool)
    known_to_csc[need_rows.loc[need_rows["agency_id"] == ag.CSC, "person"].to_numpy()] = True
    known_to_csc[concerns.loc[concerns["significant_harm_suspected"], "person"].to_numpy()] = True
    joined = plan_agencies(rngs[13], pop, plans, members, links, as_of, known_to_csc)
    return Borough(as_of, since, rngs, pop, pools, people_frame, households, rel, cp, marac, mappa, abuse, school,
                   cared, concerns, staff, caseloads, plans, members, joined)
