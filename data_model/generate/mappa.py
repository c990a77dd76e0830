"""MAPPA cases: registered sex offenders (category 1), violent offenders (2, some of them MARAC
perpetrators), other dangerous offenders (3) and terrorism (4), mostly managed at level 1."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_model.generate import agencies as ag
from data_model.generate import rates
from data_model.generate.population import CASE_ADULT_AGE, Population
from data_model.generate.shares import allocate
from data_model.generate.timeline import NAT, uniform_days

#: How long a case has been open on the as-of date, at most, by category (days; assumption:
#: registration lasts years, licences one or two).
LONGEST_OPEN = {"1": 3650, "2": 730, "3": 730, "4": 1825}
LEAD = {"1": ag.POLICE, "2": ag.PROBATION, "3": ag.PROBATION, "4": ag.POLICE}


@dataclass
class MappaCases:
    """MAPPA plans (with their subject) and members."""
    plans: pd.DataFrame
    members: pd.DataFrame


def _subjects(rng: np.random.Generator, pop: Population, category: np.ndarray,
              perpetrators: np.ndarray) -> np.ndarray:
    """Mostly men; some violent offenders are perpetrators of MARAC cases."""
    ages = pop.ages()
    men = np.flatnonzero((ages >= CASE_ADULT_AGE) & (ages <= 80) & ~pop.female)
    women = np.flatnonzero((ages >= CASE_ADULT_AGE) & (ages <= 70) & pop.female)
    pool = rng.permutation(np.r_[men, women[rng.random(len(women)) < 0.05]])
    subjects = pool[: len(category)].copy()
    if len(subjects) < len(category):
        subjects = rng.choice(pool, size=len(category))
    violent = np.flatnonzero(category == "2")
    from_marac = violent[rng.random(len(violent)) < 0.4][: len(perpetrators)]
    subjects[from_marac] = rng.choice(perpetrators, size=len(from_marac), replace=False) if len(perpetrators) else \
        subjects[from_marac]
    return subjects


def make_mappa_cases(rng: np.random.Generator, pop: Population, as_of: np.datetime64, since: np.datetime64,
                     density: float, marac_perpetrators: np.ndarray) -> MappaCases:
    """Cases open on the as-of date (the national rate times the density) and cases that closed
    since ``since``."""
    open_count = round(float(rates.MAPPA_PER_10K_PEOPLE * pop.size / 10_000 * density))
    years = (as_of - since).astype(np.int64) / 365.25
    closed_count = round(float(open_count * rates.MAPPA_ENDED_PER_YEAR_SHARE * years))
    count = open_count + closed_count
    category = allocate(rng, count, rates.MAPPA_CATEGORY_SHARES)
    level = allocate(rng, count, rates.MAPPA_LEVEL_SHARES)
    longest = np.array([LONGEST_OPEN[c] for c in category])
    is_open = np.arange(count) < open_count
    end = np.where(is_open, NAT, uniform_days(rng, since, as_of - 1, count))
    start = np.where(is_open, as_of - rng.integers(1, longest + 1),
                     end - rng.integers(180, np.maximum(181, longest) + 1))
    subject = _subjects(rng, pop, category, np.unique(marac_perpetrators))
    plans = pd.DataFrame({
        "plan_id": [f"MAPPA-{i:06d}" for i in range(1, count + 1)],
        "lead_agency_id": [LEAD[c] for c in category],
        "start_date": start.astype("datetime64[D]"),
        "end_date": end.astype("datetime64[D]"),
        "mappa_category": category, "mappa_level": level, "subject": subject,
    })
    members = [pd.DataFrame({"plan_id": plans["plan_id"], "person": subject, "role": "subject"})]
    seen_on = np.where(is_open, as_of, end).astype("datetime64[D]")
    children = [(plan_id, int(child)) for plan_id, person, day in zip(plans["plan_id"], subject, seen_on, strict=True)
                for child in pop.children_at_home(int(person), day) if rng.random() < 0.6]
    if children:
        listed = pd.DataFrame(children, columns=["plan_id", "person"])
        members.append(listed.assign(role="child_in_household"))
    return MappaCases(plans, pd.concat(members, ignore_index=True))
