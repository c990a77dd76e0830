"""Practitioners' concerns about children: those that led to a Child Protection Plan, other
significant-harm concerns, and lower-level (early help) concerns; and who raised each one."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.generate import agencies as ag
from data_model.generate import rates
from data_model.generate.population import Population
from data_model.generate.timeline import age_years, uniform_days

LATE_DAYS = 7
HARM_SUMMARIES = (
    "Unexplained bruising seen on the child's arms.",
    "Child disclosed being hit at home.",
    "Home conditions very poor; child hungry and unkempt.",
    "Police called to a domestic incident; child present and distressed.",
    "Infant brought to A&E with an injury not consistent with the account given.",
    "Child left alone at home overnight.",
    "Child disclosed inappropriate touching by an adult.",
    "Parent under the influence while caring for a young child.",
)
EARLY_HELP_SUMMARIES = (
    "School attendance has fallen below 85% this term.",
    "Child often arrives late and tired; parent struggling with routines.",
    "Family facing eviction; child anxious at school.",
    "Missed health appointments and immunisations.",
    "Child withdrawn after parents separated.",
    "Young carer for a parent with poor mental health.",
)


def raised_by(rng: np.random.Generator, pop: Population, people: np.ndarray, dates: np.ndarray,
              school: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The agency and practitioner role raising a concern about each child on each date: their
    health visitor or school mostly, sometimes the police, a GP or the hospital."""
    ages = age_years(pop.born[people], dates)
    at_school = school[people]
    agency = np.where(ages < 5, ag.COMMUNITY_HEALTH, np.where(at_school != "", at_school, ag.POLICE)).astype(object)
    draw = rng.random(len(people))
    for low, high, agency_id in ((0.0, 0.2, ag.POLICE), (0.2, 0.3, ag.GP), (0.3, 0.35, ag.HOSPITAL)):
        agency[(draw >= low) & (draw < high)] = agency_id
    secondary = (agency == ag.SECONDARY) | ((agency == ag.ST_AIDANS) & (ages >= 11))
    role = np.select(
        [agency == ag.COMMUNITY_HEALTH, agency == ag.POLICE, agency == ag.GP, agency == ag.HOSPITAL, secondary],
        ["Health visitor", "Police constable", "GP", "Safeguarding nurse", "Head of year"], "Class teacher")
    return agency, role.astype(object)


def _frame(rng: np.random.Generator, pop: Population, people: np.ndarray, dates: np.ndarray, school: np.ndarray,
           harm: bool, kind: str, summaries: tuple[str, ...], plan_id: np.ndarray | None = None) -> pd.DataFrame:
    agency, role = raised_by(rng, pop, people, dates, school)
    return pd.DataFrame({
        "person": people, "date": dates.astype("datetime64[D]"), "agency_id": agency, "role": role,
        "significant_harm_suspected": harm, "summary": np.array(summaries, dtype=object)[
            rng.integers(0, len(summaries), len(people))],
        "kind": kind, "plan_id": plan_id if plan_id is not None else None,
    })


def make_concerns(rng: np.random.Generator, pop: Population, as_of: np.datetime64, since: np.datetime64,
                  cp_plans: pd.DataFrame, school: np.ndarray, in_cases: np.ndarray) -> pd.DataFrame:
    """Every concern, oldest first: one before each CP plan, and the others at national rates."""
    children = np.flatnonzero(pop.ages() < 18)
    years = (as_of - since).astype(np.int64) / 365.25
    cp_dates = cp_plans["start_date"].to_numpy().astype("datetime64[D]") - rng.integers(7, 41, len(cp_plans))
    parts = [_frame(rng, pop, cp_plans["child"].to_numpy(), cp_dates, school, True, "plan", HARM_SUMMARIES,
                    cp_plans["plan_id"].to_numpy())]
    harm_count = round(float(rates.SIGNIFICANT_HARM_CONCERNS_PER_10K_CHILDREN * len(children) / 10_000 * years))
    harmed = rng.choice(children, harm_count) if len(children) else children
    dates = uniform_days(rng, np.maximum(since, pop.born[harmed] + 1), as_of + LATE_DAYS)
    parts.append(_frame(rng, pop, harmed, dates, school, True, "harm", HARM_SUMMARIES))
    quiet = children[~np.isin(children, np.r_[in_cases, harmed])]
    help_count = round(float(rates.EARLY_HELP_CONCERNS_PER_10K_CHILDREN * len(children) / 10_000 * years))
    helped = rng.choice(quiet, min(help_count, len(quiet)), replace=False)  # one early-help episode each
    dates = uniform_days(rng, np.maximum(since, pop.born[helped] + 1), as_of + LATE_DAYS)
    parts.append(_frame(rng, pop, helped, dates, school, False, "early_help", EARLY_HELP_SUMMARIES))
    concerns = pd.concat(parts, ignore_index=True).sort_values("date", kind="stable").reset_index(drop=True)
    concerns.insert(0, "concern_id", [f"CN{i:07d}" for i in range(1, len(concerns) + 1)])
    return concerns
