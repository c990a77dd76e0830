"""The people of the borough: households of one to six, their ages, sexes and names.

Households are built by type (living alone, couples, families, lone parents, three generations,
sharers); everyone in a household is stored next to each other, so a household's members are one
range of row numbers. A few adults have no household (no fixed abode, or an unknown address).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from data_model.generate import rates
from data_model.generate.timeline import DAYS_PER_YEAR, add_years, age_years

HEAD, PARTNER, CHILD, ADULT_CHILD, GRANDPARENT, SHARER, NO_HOUSEHOLD = range(7)
#: Youngest age (on the as-of date) of adults in cases: adults throughout three years of history.
CASE_ADULT_AGE = 22
TYPES = tuple(rates.HOUSEHOLD_TYPE_SHARES)
#: Chance that a household's first adult is female, by household type.
HEAD_FEMALE = {"single": 0.52, "couple": 0.97, "couple_children": 0.97, "lone_parent": 0.9,
               "couple_adult_children": 0.97, "three_generation": 0.85, "sharers": 0.5}


@dataclass
class Population:
    """Everyone, by row number; households by number, each a contiguous range of people."""

    as_of: np.datetime64
    household: np.ndarray  # household of each person, -1 for none
    kind: np.ndarray  # HEAD, PARTNER, CHILD, ...
    born: np.ndarray  # true date of birth (the recorded one may be unknown: see ``born_known``)
    female: np.ndarray
    hh_first: np.ndarray
    hh_size: np.ndarray
    hh_type: np.ndarray  # index into TYPES
    #: Whether each person's date of birth is recorded (set once identities are drawn).
    dob_known: np.ndarray | None = None

    def known_age(self, people: np.ndarray) -> np.ndarray:
        """Whether the records show each person's age (the rules cannot judge an unknown one)."""
        return np.ones(len(people), dtype=bool) if self.dob_known is None else self.dob_known[people]

    @property
    def size(self) -> int:
        """How many people."""
        return len(self.household)

    @cached_property
    def _ages_now(self) -> np.ndarray:
        return age_years(self.born, self.as_of)

    @cached_property
    def eighteenth(self) -> np.ndarray:
        """Each person's 18th birthday."""
        return add_years(self.born, 18)

    def ages(self, on: np.datetime64 | None = None) -> np.ndarray:
        """Whole years on ``on`` (default: the as-of date)."""
        return self._ages_now if on is None else age_years(self.born, on)

    def members(self, household: int) -> np.ndarray:
        """The people of a household (none for -1)."""
        if household < 0:
            return np.empty(0, dtype=np.int64)
        first = self.hh_first[household]
        return np.arange(first, first + self.hh_size[household])

    def children_at_home(self, person: int, on: np.datetime64) -> np.ndarray:
        """Under-18s born by ``on`` in ``person``'s household, other than ``person``."""
        others = self.members(int(self.household[person]))
        others = others[others != person]
        return others[(self.born[others] <= on) & (self.eighteenth[others] > on)]


def _draw_bands(rng: np.random.Generator, bands: tuple[tuple[float, float, float], ...], n: int) -> np.ndarray:
    shares = np.array([b[2] for b in bands])
    pick = rng.choice(len(bands), size=n, p=shares / shares.sum())
    low = np.array([b[0] for b in bands])[pick]
    high = np.array([b[1] for b in bands])[pick]
    return rng.uniform(low, high)


def _compositions(rng: np.random.Generator, count: int) -> dict[str, np.ndarray]:
    """Per household: its type and how many heads/partners, children, adult children,
    grandparents and sharers it holds."""
    shares = np.array(list(rates.HOUSEHOLD_TYPE_SHARES.values()))
    kind = rng.choice(len(TYPES), size=count, p=shares / shares.sum())
    name = np.array(TYPES)[kind]
    adults = np.select([name == "single", name == "lone_parent", name == "sharers", name == "three_generation"],
                       [1, 1, 0, rng.integers(1, 3, count)], 2)
    couple_kids = rng.choice(5, size=count, p=rates.COUPLE_CHILDREN_SHARES) + 1
    lone_kids = rng.choice(5, size=count, p=rates.LONE_PARENT_CHILDREN_SHARES) + 1
    children = np.select(
        [name == "couple_children", name == "lone_parent", name == "three_generation",
         name == "couple_adult_children"],
        [couple_kids, lone_kids, rng.integers(1, 4, count), (rng.random(count) < 0.3).astype(int)], 0)
    grown = np.where(name == "couple_adult_children", rng.choice([1, 2, 3], size=count, p=[0.7, 0.25, 0.05]), 0)
    sharers = np.where(name == "sharers", rng.choice([2, 3, 4], size=count, p=[0.55, 0.3, 0.15]), 0)
    grand = (name == "three_generation").astype(int)
    return {"type": kind, "parts": np.stack([adults, children, grown, grand, sharers], axis=1)}


def _trim(parts: np.ndarray, target: int) -> np.ndarray:
    """Keep whole households up to ``target`` people; trim the last one from its end."""
    sizes = parts.sum(axis=1)
    last = int(np.searchsorted(np.cumsum(sizes), target))
    parts = parts[: last + 1].copy()
    excess = int(parts.sum()) - target
    for column in (4, 3, 2, 1, 0):
        cut = min(excess, int(parts[last, column]))
        parts[last, column] -= cut
        excess -= cut
    return parts


def _kinds(parts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    sizes = parts.sum(axis=1)
    household = np.repeat(np.arange(len(parts)), sizes)
    first = np.cumsum(sizes) - sizes
    pos = np.arange(sizes.sum()) - np.repeat(first, sizes)
    bounds = np.repeat(np.cumsum(parts, axis=1), sizes, axis=0)
    kind = np.select(
        [pos < bounds[:, 0], pos < bounds[:, 1], pos < bounds[:, 2], pos < bounds[:, 3]],
        [np.where(pos == 0, HEAD, PARTNER), CHILD, ADULT_CHILD, GRANDPARENT], SHARER)
    return household, kind


def _offspring_ages(rng: np.random.Generator, household: np.ndarray, mask: np.ndarray,
                    low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
    """Ages of a household's children (or grown-up children), eldest first, 1-3.5 years apart
    (2% twins), all from ``low`` to ``high``; and each household's eldest age."""
    rows = np.flatnonzero(mask)
    if not len(rows):
        return np.zeros(len(household)), np.full(household.max() + 1 if len(household) else 0, np.nan)
    gaps = np.where(rng.random(len(rows)) < 0.02, 0.0, rng.uniform(1.0, 3.5, len(rows)))
    hh = household[rows]
    starts = np.r_[True, hh[1:] != hh[:-1]]
    gaps[starts] = 0.0
    total = np.cumsum(gaps)
    group_base = np.maximum.accumulate(np.where(starts, total, 0.0))
    within = total - group_base
    span = np.zeros(household.max() + 1 if len(household) else 0)
    np.maximum.at(span, hh, within)
    eldest = span + rng.uniform(low, np.maximum(low, high - span))
    ages = np.zeros(len(household))
    ages[rows] = eldest[hh] - within
    return ages, np.where(np.isin(np.arange(len(span)), hh), eldest, np.nan)


def _ages(rng: np.random.Generator, household: np.ndarray, kind: np.ndarray, type_name: np.ndarray) -> np.ndarray:
    n = len(kind)
    kid_ages, eldest_kid = _offspring_ages(rng, household, kind == CHILD, 0.0, 17.95)
    grown_ages, eldest_grown = _offspring_ages(rng, household, kind == ADULT_CHILD, 18.0, 34.0)
    eldest = np.fmax(eldest_kid, eldest_grown)
    mean, spread = rates.MOTHER_AGE_AT_FIRST_BIRTH
    head_of = np.where(np.isnan(eldest), np.nan, eldest + np.clip(rng.normal(mean, spread, len(eldest)), 17, 46))
    own = np.where(np.isin(type_name, ["couple", "three_generation"]),
                   _draw_bands(rng, rates.COUPLE_AGE_BANDS, len(eldest)),
                   _draw_bands(rng, rates.SINGLE_AGE_BANDS, len(eldest)))
    head = np.where(np.isnan(head_of), own, head_of)
    partner = np.clip(head + rng.normal(1.5, 3.5, len(head)), np.fmax(18.0, np.nan_to_num(eldest) + 16), 100)
    ages = np.select(
        [kind == CHILD, kind == ADULT_CHILD, kind == HEAD, kind == PARTNER, kind == GRANDPARENT],
        [kid_ages, grown_ages, head[household], partner[household],
         np.minimum(head[household] + rng.normal(27, 4.5, n), 101)],
        rng.uniform(19, 40, n))
    return np.asarray(ages)


def _female(rng: np.random.Generator, household: np.ndarray, kind: np.ndarray, types: np.ndarray) -> np.ndarray:
    n = len(kind)
    head_female = rng.random(len(types)) < np.array([HEAD_FEMALE[t] for t in TYPES])[types]
    same_sex = rng.random(len(types)) < 0.03
    chance = np.select([kind == CHILD, kind == ADULT_CHILD, kind == GRANDPARENT], [0.49, 0.49, 0.65], 0.5)
    female = rng.random(n) < chance
    female = np.where(kind == HEAD, head_female[household], female)
    return np.where(kind == PARTNER, head_female[household] == same_sex[household], female)


def make_population(rng: np.random.Generator, people: int, as_of: np.datetime64) -> Population:
    """``people`` people in households, plus a few with none; their true dates of birth."""
    homeless = round(float(people * rates.NO_HOUSEHOLD_SHARE)) if people > 20 else 0
    housed = people - homeless
    made = _compositions(rng, int(housed / 2.0) + 20)
    parts = _trim(made["parts"], housed)
    types = made["type"][: len(parts)]
    household, kind = _kinds(parts)
    ages = _ages(rng, household, kind, np.array(TYPES)[types])
    female = _female(rng, household, kind, types)
    household = np.r_[household, np.full(homeless, -1)]
    kind = np.r_[kind, np.full(homeless, NO_HOUSEHOLD)]
    ages = np.r_[ages, rng.uniform(18, 60, homeless)]
    female = np.r_[female, rng.random(homeless) < 0.3]
    born = as_of - np.round(ages * DAYS_PER_YEAR + rng.uniform(0, 1, len(ages))).astype(np.int64)
    sizes = parts.sum(axis=1)
    return Population(
        as_of=as_of, household=household.astype(np.int64), kind=kind.astype(np.int8),
        born=born.astype("datetime64[D]"), female=female.astype(bool),
        hh_first=np.cumsum(sizes) - sizes, hh_size=sizes, hh_type=types)
