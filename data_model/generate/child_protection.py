"""Child Protection Plans: brothers and sisters go on plans together, after a significant-harm
concern; plans last as long as national figures say, and are reviewed at three months and then
every six.

The number of children on a plan on the as-of date is the national rate (times the case
density) exactly; plans that ended during the history are as many as that stock turns over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_model.generate import rates
from data_model.generate.population import Population
from data_model.generate.shares import allocate, pick
from data_model.generate.timeline import NAT

MONTH_DAYS = 30.44


@dataclass
class CpPlans:
    """Child Protection Plans, their subjects and the reviews held."""
    plans: pd.DataFrame  # one row per child's plan, with the episode its family's plans share
    members: pd.DataFrame
    reviews: dict[int, np.ndarray]  # review conferences held, per episode


def _durations(rng: np.random.Generator, count: int, length_biased: bool) -> np.ndarray:
    """Plan lengths in days; ``length_biased`` for plans seen open on one day (long plans are
    more likely to be open)."""
    bands = np.array(rates.CP_DURATION_BANDS)
    weights = bands[:, 2] * ((bands[:, 0] + bands[:, 1]) / 2 if length_biased else 1)
    band = rng.choice(len(bands), size=count, p=weights / weights.sum())
    months = rng.uniform(bands[band, 0], bands[band, 1])
    return np.maximum(np.round(months * MONTH_DAYS), 14).astype(np.int64)


def mean_duration_days() -> float:
    """Mean length of a plan, in days, from the published duration bands."""
    bands = np.array(rates.CP_DURATION_BANDS)
    return float((bands[:, 2] * (bands[:, 0] + bands[:, 1]) / 2).sum() / bands[:, 2].sum() * MONTH_DAYS)


def _family_order(rng: np.random.Generator, pop: Population, weight_of: np.ndarray) -> np.ndarray:
    """Households with children, in a weighted random order (no household twice)."""
    families = np.unique(pop.household[(pop.ages() < 18) & (pop.household >= 0)])
    keys = -np.log(rng.random(len(families))) / weight_of[families]
    return families[np.argsort(keys, kind="stable")]


Episode = tuple[np.datetime64, np.datetime64, np.ndarray]


def _episodes(rng: np.random.Generator, pop: Population, order: np.ndarray, wanted: int, open_on: np.datetime64,
              since: np.datetime64, active: bool) -> tuple[list[Episode], int]:
    """(start, end, children) per family until ``wanted`` children have plans; and how many
    families of ``order`` were looked at."""
    episodes: list[Episode] = []
    count = position = 0
    while count < wanted and position < len(order):
        household = int(order[position])
        position += 1
        length = int(_durations(rng, 1, length_biased=active)[0])
        if active:
            start = open_on - int(rng.integers(1, length))
            end = start + length
        else:
            end = since + int(rng.integers(0, max(1, int((open_on - since).astype(np.int64)))))
            start = end - length
        members = pop.members(household)
        still_child_on = open_on if active else end
        children = members[(pop.born[members] <= start) & (pop.eighteenth[members] > still_child_on)]
        children = children[: wanted - count]
        if len(children):
            episodes.append((start, end, children))
            count += len(children)
    return episodes, position


def _reviews(start: np.datetime64, as_of: np.datetime64) -> np.ndarray:
    """Review conferences due up to and including the first one on or after ``as_of``."""
    first = start + rates.CP_FIRST_REVIEW_DAYS
    count = max(1, int(np.ceil((as_of - first).astype(np.int64) / rates.CP_REVIEW_INTERVAL_DAYS)) + 1)
    return first + np.arange(count) * rates.CP_REVIEW_INTERVAL_DAYS


def make_cp_plans(rng: np.random.Generator, pop: Population, as_of: np.datetime64, since: np.datetime64,
                  density: float, family_weight: np.ndarray) -> CpPlans:
    """Every plan open on the as-of date, or ended since ``since``."""
    children_now = int((pop.ages() < 18).sum())
    active = round(float(rates.CP_CHILDREN_PER_10K * children_now / 10_000 * density))
    ended = round(float(active * (as_of - since).astype(np.int64) / mean_duration_days()))
    order = _family_order(rng, pop, family_weight)
    open_episodes, used = _episodes(rng, pop, order, active, as_of, since, active=True)
    closed_episodes, _ = _episodes(rng, pop, order[used:], ended, as_of, since, active=False)
    rows, reviews = [], {}
    episodes = open_episodes + closed_episodes
    categories = allocate(rng, len(episodes), rates.CP_CATEGORY_SHARES)
    for episode, (start, end, children) in enumerate(episodes):
        category = str(categories[episode])
        is_open = end > as_of
        due = _reviews(start, as_of)
        reviews[episode] = due[due < min(end, as_of)]
        next_review = due[due >= as_of][0] if is_open else NAT
        for child in children:
            rows.append((episode, int(child), start, NAT if is_open else end, category, next_review))
    plans = pd.DataFrame(rows, columns=["episode", "child", "start_date", "end_date", "cp_category",
                                        "next_review_date"]).astype({"episode": np.int64, "child": np.int64})
    plans.insert(0, "plan_id", [f"CP-{i:06d}" for i in range(1, len(plans) + 1)])
    _miss_some_reviews(rng, plans, reviews, as_of)
    members = pd.DataFrame({"plan_id": plans["plan_id"], "person": plans["child"], "role": "subject"})
    return CpPlans(plans, members, reviews)


def _miss_some_reviews(rng: np.random.Generator, plans: pd.DataFrame, reviews: dict[int, np.ndarray],
                       as_of: np.datetime64) -> None:
    """Open plans whose review conference was missed (a past date) or never booked (empty)."""
    episodes = plans.drop_duplicates("episode")
    eligible = episodes["end_date"].isna().to_numpy() & (
        episodes["start_date"].to_numpy() < as_of - rates.CP_FIRST_REVIEW_DAYS - 7)
    for episode in sorted(episodes.loc[pick(rng, eligible, rates.CP_REVIEW_MISSED_SHARE), "episode"]):
        held = reviews[episode]
        rows = plans["episode"] == episode
        never_booked = rng.random() < 0.3 or not len(held)
        plans.loc[rows, "next_review_date"] = NAT if never_booked else held[-1]
        reviews[episode] = held[:-1]
