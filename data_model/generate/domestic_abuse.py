"""Police-recorded domestic abuse below the MARAC threshold: one or two incidents, a DASH score
under 14 — except for a few victims at high risk whom nobody referred to MARAC."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.generate import rates
from data_model.generate.families import Relationships
from data_model.generate.population import CASE_ADULT_AGE, HEAD, PARTNER, Population
from data_model.generate.shares import pick
from data_model.generate.timeline import uniform_days

INCIDENTS_PER_VICTIM_SHARES = (0.72, 0.24, 0.04)
#: Incidents may be recorded up to a week after the as-of date (rows the analyses must ignore).
LATE_DAYS = 7


def partners_at_home(pop: Population, people: np.ndarray) -> np.ndarray:
    """The partner each person lives with, or -1."""
    household = pop.household[people]
    head = pop.hh_first[np.maximum(household, 0)]
    second = np.minimum(head + 1, pop.size - 1)
    couple = (household >= 0) & (pop.hh_size[np.maximum(household, 0)] >= 2) & (pop.kind[second] == PARTNER)
    couple &= np.isin(pop.kind[people], [HEAD, PARTNER])
    return np.where(couple, np.where(people == head, head + 1, head), -1)


def _victims(rng: np.random.Generator, pop: Population, count: int, exclude: np.ndarray) -> np.ndarray:
    ages = pop.ages()
    adult = (ages >= CASE_ADULT_AGE) & (ages <= 75)
    adult[exclude] = False
    women, men = np.flatnonzero(adult & pop.female), np.flatnonzero(adult & ~pop.female)
    female_count = min(len(women), round(float(count * rates.DA_FEMALE_VICTIM_SHARE)))
    chosen = np.r_[rng.choice(women, female_count, replace=False),
                   rng.choice(men, min(len(men), count - female_count), replace=False)]
    return rng.permutation(chosen)


def _perpetrators(rng: np.random.Generator, pop: Population, rel: Relationships, victims: np.ndarray,
                  first: np.ndarray) -> np.ndarray:
    """The partner at home (60% of those who have one), else an ex-partner living elsewhere."""
    partner = partners_at_home(pop, victims)
    use_partner = (partner >= 0) & (rng.random(len(victims)) < 0.6)
    ages = pop.ages()
    adults = (ages >= CASE_ADULT_AGE) & (ages <= 75)
    pools = {True: np.flatnonzero(adults & pop.female), False: np.flatnonzero(adults & ~pop.female)}
    opposite = ~pop.female[victims]
    ex = np.where(opposite, rng.choice(pools[True], len(victims)), rng.choice(pools[False], len(victims)))
    ex = np.where(ex == victims, rng.choice(pools[False], len(victims)), ex)
    separated = ~use_partner
    rel.add(victims[separated], ex[separated], "ex_partner", first[separated] - rng.integers(30, 1200, separated.sum()))
    return np.where(use_partner, partner, ex)


def _dates(rng: np.random.Generator, counts: np.ndarray, as_of: np.datetime64,
           since: np.datetime64) -> list[np.ndarray]:
    """Incident dates per victim: never three within a year."""
    last = as_of + LATE_DAYS
    span = int((last - since).astype(np.int64))
    out = []
    for n in counts:
        if n >= 3 and span > 420:
            first = since + int(rng.integers(0, span - 400))
            third = first + 366 + int(rng.integers(0, int((last - first).astype(np.int64)) - 365))
            out.append(np.array([first, first + int(rng.integers(20, 300)), third], dtype="datetime64[D]"))
        else:
            out.append(np.sort(uniform_days(rng, since, last, min(int(n), 2))))
    return out


def make_background_abuse(rng: np.random.Generator, pop: Population, rel: Relationships, as_of: np.datetime64,
                          since: np.datetime64, exclude: np.ndarray) -> pd.DataFrame:
    """Incidents (date, victim, perpetrator, dash_score) at the national rate per head."""
    years = (as_of - since).astype(np.int64) / 365.25
    incidents = rates.DA_INCIDENTS_PER_10K_PEOPLE * pop.size / 10_000 * years
    shares = np.array(INCIDENTS_PER_VICTIM_SHARES)
    victims = _victims(rng, pop, round(float(incidents / (shares * [1, 2, 3]).sum())), exclude)
    counts = rng.choice([1, 2, 3], size=len(victims), p=shares)
    dates = _dates(rng, counts, as_of, since)
    first = np.array([d[0] for d in dates], dtype="datetime64[D]") if dates else np.empty(0, "datetime64[D]")
    perpetrators = _perpetrators(rng, pop, rel, victims, first)
    lengths = np.array([len(d) for d in dates], dtype=np.int64)
    frame = pd.DataFrame({
        "date": np.concatenate(dates) if dates else np.empty(0, "datetime64[D]"),
        "victim": np.repeat(victims, lengths), "perpetrator": np.repeat(perpetrators, lengths),
        "dash_score": np.minimum(rng.binomial(13, 0.4, lengths.sum()), rates.DASH_HIGH_RISK - 1),
    })
    return _leave_high_risk_unreferred(rng, frame, as_of)


def _leave_high_risk_unreferred(rng: np.random.Generator, frame: pd.DataFrame, as_of: np.datetime64) -> pd.DataFrame:
    """A few victims whose latest incident scored 14+, and a few with a third incident within a
    year; none of them is referred to MARAC."""
    frame = frame.sort_values(["victim", "date"], kind="stable").reset_index(drop=True)
    latest = ~frame["victim"].duplicated(keep="last").to_numpy()
    recent = latest & (frame["date"].to_numpy() <= as_of) & (frame["date"].to_numpy() > as_of - 300)
    high = pick(rng, recent, rates.HIGH_RISK_DASH_UNREFERRED_SHARE)
    frame.loc[high, "dash_score"] = rng.integers(rates.DASH_HIGH_RISK, 19, int(high.sum()))
    escalating = pick(rng, recent & ~high, rates.THREE_INCIDENTS_UNREFERRED_SHARE)
    extra = frame[escalating]
    earlier = [extra.assign(date=extra["date"] - rng.integers(lo, hi, len(extra)).astype("timedelta64[D]"))
               for lo, hi in ((150, 200), (20, 120))]
    frame = pd.concat([frame[~frame["victim"].isin(extra["victim"])], extra, *earlier], ignore_index=True)
    return frame.sort_values(["victim", "date"], kind="stable").reset_index(drop=True)
