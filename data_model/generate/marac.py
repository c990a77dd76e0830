"""MARAC cases: meetings, victims and perpetrators, the incidents and DASH scores that led to
each referral, and repeat referrals (31% of cases, a few not flagged by the referrer)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data_model.generate import agencies as ag
from data_model.generate import rates
from data_model.generate.families import Relationships
from data_model.generate.marac_meetings import REFERRAL_CUTOFF_DAYS, cases_per_meeting, meeting_dates
from data_model.generate.population import Population
from data_model.generate.shares import pick
from data_model.generate.victims import (
    VictimPools,
    add_rows,
    cohabiting_partner,
    ex_partner,
    perpetrator_candidates,
    record_separation,
)

CRITERIA = tuple(rates.MARAC_CRITERION_SHARES)
#: Who refers when a partner agency does: (agency, practitioner role, share).
PARTNER_REFERRERS = (
    (ag.DA_SERVICE, "IDVA", 0.35), (ag.HOSPITAL, "Safeguarding nurse", 0.2), (ag.CSC, "Social worker", 0.2),
    (ag.HOMES, "Tenancy sustainment officer", 0.1), (ag.PROBATION, "Probation officer", 0.1),
    (ag.MENTAL_HEALTH, "Community psychiatric nurse", 0.05),
)


@dataclass
class MaracCases:
    """MARAC plans (with victim and perpetrator), members, the incidents before each referral."""
    plans: pd.DataFrame
    members: pd.DataFrame
    incidents: pd.DataFrame  # date, victim, perpetrator, dash_score (the police DASH at the incident)
    victims: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))


def annual_cases(pop: Population, density: float) -> float:
    """MARAC cases a year: the national rate per adult woman, times the density."""
    adult_women = int(((pop.ages() >= 18) & pop.female).sum())
    return rates.MARAC_CASES_PER_10K_ADULT_WOMEN * adult_women / 10_000 * density


def _referral_dates(rng: np.random.Generator, dates: np.ndarray, counts: np.ndarray, as_of: np.datetime64) -> tuple:
    meeting = np.repeat(dates, counts)
    cutoff = meeting - REFERRAL_CUTOFF_DAYS
    gap = np.diff(np.r_[dates[0] - 28, dates]) if len(dates) else np.empty(0)
    opens = cutoff - np.repeat(gap, counts) + 1
    span = (np.minimum(cutoff, as_of) - opens + 1).astype(np.int64)
    start = opens + (rng.random(len(meeting)) * span).astype(np.int64)
    order = np.argsort(start, kind="stable")
    return start[order], meeting[order]


def _dash(rng: np.random.Generator, criterion: str) -> int:
    if criterion == "visible_high_risk" or (criterion == "repeat" and rng.random() < 0.5):
        return int(min(24, rates.DASH_HIGH_RISK + rng.poisson(2.5)))
    return int(rng.integers(5, rates.DASH_HIGH_RISK))


def _incidents(rng: np.random.Generator, start: np.datetime64, previous: np.datetime64 | None, criterion: str,
               dash: int) -> list[tuple[np.datetime64, int]]:
    """The police-recorded incidents before a referral, latest last, all in the year before it
    (three or more within it for potential escalation) and after any earlier referral."""
    count = {"potential_escalation": 3 + int(rng.random() < 0.3), "professional_judgement": 1 + int(rng.random() < 0.5)}
    n = count.get(criterion, 1 + int(rng.binomial(2, 0.35)))
    day = int(start.astype(np.int64))
    floor = day - 330 if previous is None else max(day - 330, int(previous.astype(np.int64)) + 1)
    latest = max(day - int(rng.integers(0, 7)), floor)
    earlier = np.sort(floor + rng.integers(0, max(1, latest - floor), size=n - 1))
    scores = [int(rng.integers(2, max(3, dash - 1))) for _ in earlier]
    days = np.r_[earlier, latest].astype("datetime64[D]")
    return list(zip(days, [*scores, dash], strict=True))


class _Victims:
    """Each victim so far, with their latest referral and perpetrator."""

    def __init__(self, capacity: int) -> None:
        self.person = np.zeros(capacity, dtype=np.int64)
        self.last = np.zeros(capacity, dtype=np.int64)
        self.perpetrator = np.zeros(capacity, dtype=np.int64)
        self.count = 0

    def repeatable(self, start: np.datetime64) -> np.ndarray:
        """Victims referred from a year to four weeks before ``start``."""
        day = int(start.astype(np.int64))
        last = self.last[: self.count]
        return np.flatnonzero((last >= day - 365) & (last <= day - 28))

    def record(self, index: int, person: int, start: np.datetime64, perpetrator: int) -> None:
        if index < 0:
            index, self.count = self.count, self.count + 1
        self.person[index], self.last[index], self.perpetrator[index] = person, int(start.astype(np.int64)), perpetrator


def _choose_victim(rng: np.random.Generator, pools: VictimPools, candidates: dict[bool, np.ndarray],
                   victims: _Victims, start: np.datetime64, since: np.datetime64,
                   female: bool) -> tuple[int, int, str]:
    """(victim, their index among earlier victims or -1, 'in_data' / 'before_data' / 'new')."""
    if rng.random() < rates.MARAC_REPEAT_SHARE:
        eligible = victims.repeatable(start)
        if len(eligible):
            index = int(eligible[rng.integers(len(eligible))])
            return int(victims.person[index]), index, "in_data"
        if start < since + 365:
            return _new_victim(rng, pools, candidates, female), -1, "before_data"
    return _new_victim(rng, pools, candidates, female), -1, "new"


def _new_victim(rng: np.random.Generator, pools: VictimPools, candidates: dict[bool, np.ndarray], female: bool) -> int:
    children = int(rng.choice(len(rates.MARAC_CHILDREN_PER_CASE_SHARES), p=rates.MARAC_CHILDREN_PER_CASE_SHARES))
    victim = pools.take(female, children)
    return victim if victim >= 0 else int(rng.choice(candidates[female]))


def make_marac_cases(rng: np.random.Generator, pop: Population, rel: Relationships, as_of: np.datetime64,
                     since: np.datetime64, density: float) -> MaracCases:
    """Every MARAC case heard from ``since`` up to the first meeting after ``as_of``."""
    dates, expected = meeting_dates(annual_cases(pop, density), as_of, since)
    starts, meetings = _referral_dates(rng, dates, cases_per_meeting(rng, expected, len(dates)), as_of)
    pools, candidates = VictimPools(rng, pop), perpetrator_candidates(pop)
    victims = _Victims(len(starts))
    plans, members, incidents, separations = [], [], [], []  # type: ignore[var-annotated]
    # Exactly the national share of male victims, spread evenly through the cases.
    male = np.diff(np.floor(np.arange(len(starts) + 1) * rates.MARAC_MALE_VICTIM_SHARE + rng.uniform())) > 0
    for number, (start, meeting) in enumerate(zip(starts, meetings, strict=True), start=1):
        victim, index, kind = _choose_victim(rng, pools, candidates, victims, start, since, not male[number - 1])
        children = pop.children_at_home(victim, start)
        if kind == "in_data" and rng.random() < 0.85:
            perpetrator = int(victims.perpetrator[index])
        else:
            perpetrator = cohabiting_partner(pop, victim)
            if perpetrator < 0 or rng.random() >= rates.MARAC_PERPETRATOR_AT_HOME_SHARE:
                perpetrator = ex_partner(rng, pop, candidates, victim)
                record_separation(rng, pop, separations, victim, perpetrator, start, children)
        flagged = kind != "new"
        criterion = "repeat" if flagged and rng.random() < 0.5 else str(rng.choice(CRITERIA, p=list(
            rates.MARAC_CRITERION_SHARES.values())))
        dash = _dash(rng, criterion)
        previous = victims.last[index].astype("datetime64[D]") if kind == "in_data" else None
        plan_id = f"MARAC-{number:06d}"
        for day, score in _incidents(rng, start, previous, criterion, dash):
            incidents.append((plan_id, day, victim, perpetrator, score))
        end = meeting + int(rng.integers(42, 121))
        plans.append((plan_id, start, end if end <= as_of else np.datetime64("NaT"), meeting, criterion, dash,
                      flagged, kind == "in_data", victim, perpetrator))
        members += [(plan_id, victim, "victim"), (plan_id, perpetrator, "perpetrator")]
        members += [(plan_id, int(c), "child_in_household") for c in children if c != perpetrator]
        victims.record(index, victim, start, perpetrator)
    add_rows(rel, separations)
    frame = pd.DataFrame(plans, columns=["plan_id", "start_date", "end_date", "meeting_date", "referral_criterion",
                                         "dash_score", "is_repeat", "repeat_in_data", "victim", "perpetrator"])
    frame = frame.astype({"victim": np.int64, "perpetrator": np.int64, "is_repeat": bool, "repeat_in_data": bool})
    frame = _leave_some_repeats_unflagged(rng, frame, as_of)
    return MaracCases(
        plans=frame,
        members=pd.DataFrame(members, columns=["plan_id", "person", "role"]).astype({"person": np.int64}),
        incidents=pd.DataFrame(incidents, columns=["plan_id", "date", "victim", "perpetrator", "dash_score"]).astype(
            {"victim": np.int64, "perpetrator": np.int64, "dash_score": np.int64, "date": "datetime64[s]"}),
        victims=np.unique(frame["victim"].to_numpy()) if len(frame) else np.empty(0, dtype=np.int64),
    )


def _leave_some_repeats_unflagged(rng: np.random.Generator, plans: pd.DataFrame, as_of: np.datetime64) -> pd.DataFrame:
    """Repeats the referrer did not flag: neither ``is_repeat`` nor the ``repeat`` criterion."""
    recent = plans["repeat_in_data"].to_numpy() & (plans["start_date"].to_numpy() >= as_of - 365)
    unflag = pick(rng, recent, rates.MARAC_REPEAT_UNFLAGGED_SHARE)
    plans = plans.copy()
    plans.loc[unflag, "is_repeat"] = False
    relabel = unflag & (plans["referral_criterion"] == "repeat").to_numpy()
    plans.loc[relabel, "referral_criterion"] = [
        "visible_high_risk" if d >= rates.DASH_HIGH_RISK else "professional_judgement"
        for d in plans.loc[relabel, "dash_score"]
    ]
    return plans
