"""Universal and everyday services: health visiting, schools, GPs, housing, adult social care,
mental health, recovery and youth justice, for people whatever their protection plans."""

from __future__ import annotations

import numpy as np

from data_model.generate import agencies as ag
from data_model.generate import rates
from data_model.generate.caseloads import Needs
from data_model.generate.population import CASE_ADULT_AGE, Population
from data_model.generate.timeline import NAT, add_years, september_first, uniform_days, year_of


def _first_september_after(days: np.ndarray) -> np.ndarray:
    same_year = september_first(year_of(days))
    return np.where(same_year >= days, same_year, september_first(year_of(days) + 1))


def health_visiting(pop: Population, needs: Needs, since: np.datetime64) -> None:
    """Every child from the new-birth visit to their fifth birthday."""
    fifth = add_years(pop.born, 5)
    children = np.flatnonzero((fifth >= since) & (pop.born + 10 <= pop.as_of))
    end = np.where(fifth[children] <= pop.as_of, fifth[children], NAT)
    needs.add(children, ag.COMMUNITY_HEALTH, "Health visitor", pop.born[children] + 10, end)


def schools(rng: np.random.Generator, pop: Population, needs: Needs, since: np.datetime64) -> np.ndarray:
    """Every pupil's primary and secondary school (a sibling group shares a trust); returns the
    school agency of each person (empty for people not at school on the as-of date)."""
    faith = rng.random(len(pop.hh_size) + 1) < 0.35
    household_faith = faith[pop.household]
    primary_start = _first_september_after(add_years(pop.born, 4))
    secondary_start = _first_september_after(add_years(pop.born, 11))
    leaving = _first_september_after(add_years(pop.born, 18))
    school = np.full(pop.size, "", dtype=object)
    in_primary = np.flatnonzero((primary_start <= pop.as_of) & (secondary_start > pop.as_of))
    in_secondary = np.flatnonzero((secondary_start <= pop.as_of) & (leaving > pop.as_of))
    left_primary = np.flatnonzero((secondary_start <= pop.as_of) & (secondary_start >= since))
    school[in_primary] = np.where(household_faith[in_primary], ag.ST_AIDANS, ag.PRIMARY)
    school[in_secondary] = np.where(household_faith[in_secondary], ag.ST_AIDANS, ag.SECONDARY)
    for agency in (ag.PRIMARY, ag.ST_AIDANS):
        rows = in_primary[school[in_primary] == agency]
        needs.add(rows, agency, "Class teacher", primary_start[rows])
        former = left_primary[np.where(household_faith[left_primary], ag.ST_AIDANS, ag.PRIMARY) == agency]
        needs.add(former, agency, "Class teacher", primary_start[former], secondary_start[former] - 46)
    for agency in (ag.SECONDARY, ag.ST_AIDANS):
        rows = in_secondary[school[in_secondary] == agency]
        needs.add(rows, agency, "Head of year", secondary_start[rows])
    return school


def _some(rng: np.random.Generator, candidates: np.ndarray, share: float) -> np.ndarray:
    return candidates[rng.random(len(candidates)) < share]


def adult_services(rng: np.random.Generator, pop: Population, needs: Needs, since: np.datetime64) -> np.ndarray:
    """GPs, housing, mental health, recovery, advice and youth justice for a share of people;
    returns the adults known to adult social care (whose sharing the generator records)."""
    ages = pop.ages()
    adults = np.flatnonzero(ages >= 18)
    everyone = np.arange(pop.size)

    def add(people: np.ndarray, agency: str, role: str, closed_share: float = 0.2) -> None:
        start = uniform_days(rng, since - 3 * 365, pop.as_of - 14, len(people))
        closed = rng.random(len(people)) < closed_share
        end = np.where(closed, uniform_days(rng, np.maximum(start + 30, since), pop.as_of - 1), NAT)
        needs.add(people, agency, role, start, end)

    add(_some(rng, everyone, 0.03), ag.GP, "GP")
    tenants = _some(rng, adults, 0.02)
    homes = rng.random(len(tenants)) < 0.6
    add(tenants[homes], ag.HOMES, "Tenancy sustainment officer")
    add(tenants[~homes], ag.HOUSING, "Housing options officer", closed_share=0.5)
    add(_some(rng, adults[ages[adults] <= 75], 0.015), ag.MENTAL_HEALTH, "Community psychiatric nurse")
    add(_some(rng, adults[ages[adults] <= 65], 0.008), ag.RECOVERY, "Recovery worker")
    add(_some(rng, adults, 0.01), ag.ADVICE, "Adviser", closed_share=0.6)
    teenagers = np.flatnonzero((ages >= 10) & (ages < 18))
    add(_some(rng, teenagers, 0.003), ag.YOUTH_JUSTICE, "Youth justice officer", closed_share=0.4)
    older = adults[ages[adults] >= 65]
    younger = adults[(ages[adults] < 65) & (ages[adults] >= CASE_ADULT_AGE)]
    share_older = rates.ADULT_CARE_PER_10K_ADULTS / 10_000 * 3.0
    cared = np.r_[_some(rng, older, share_older), _some(rng, younger, share_older / 6)]
    add(np.sort(cared), ag.ADULT_CARE, "Adult social worker", closed_share=0.3)
    return np.sort(cared)
