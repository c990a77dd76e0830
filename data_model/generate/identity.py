"""What is recorded about each person and household: names, gender, NHS number, address.

NHS numbers come from the range NHS England keeps for testing (starting 999), with a valid
modulus-11 check digit, so that they look real and can never be anyone's.

Examples
--------
>>> nhs_check_digit(np.array([943476591, 999000000])).tolist()  # 943 476 5919 is valid
[9, 10]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.generate import rates
from data_model.generate.pools import LOCALITIES, Pools
from data_model.generate.population import ADULT_CHILD, CHILD, GRANDPARENT, PARTNER, SHARER, Population

NHS_TEST_RANGE = 999_000_000
#: People per postcode: a unit postcode covers about 15 addresses.
ADDRESSES_PER_POSTCODE = 15


def nhs_check_digit(bases: np.ndarray) -> np.ndarray:
    """The modulus-11 check digit of nine-digit bases; 10 means the base is not a valid number."""
    digits = (bases[:, None] // 10 ** np.arange(8, -1, -1)) % 10
    remainder = (digits * np.arange(10, 1, -1)).sum(axis=1) % 11
    return np.where(remainder == 0, 0, 11 - remainder)


def nhs_numbers(rng: np.random.Generator, count: int) -> np.ndarray:
    """``count`` distinct valid test-range NHS numbers of ten digits (repeats only beyond the
    range's 900,000 or so valid numbers); a share of people have none recorded."""
    wanted = min(1_000_000, int(count * 1.15) + 20)  # about 9% of bases have no valid check digit
    bases = NHS_TEST_RANGE + rng.choice(1_000_000, size=wanted, replace=False)
    check = nhs_check_digit(bases)
    valid = bases[check < 10] * 10 + check[check < 10]
    chosen = valid[:count] if len(valid) >= count else rng.choice(valid, size=count)
    text = chosen.astype(str).astype(object)
    missing = rng.random(count) >= rates.NHS_NUMBER_SHARE
    return np.where(missing, "", text).astype(object)


def names(rng: np.random.Generator, pop: Population, pools: Pools) -> tuple[np.ndarray, np.ndarray]:
    """Given and family names: a household shares a surname, but partners, grandparents and
    sharers often keep their own."""
    n = pop.size
    surname_of_household = rng.choice(pools.family_names, size=len(pop.hh_size), p=pools.family_weights)
    own = rng.choice(pools.family_names, size=n, p=pools.family_weights)
    keeps_own = np.select(
        [pop.kind == PARTNER, pop.kind == GRANDPARENT, pop.kind == SHARER, pop.household < 0],
        [rng.random(n) < 0.3, rng.random(n) < 0.5, True, True], False)
    family = np.where(keeps_own, own, surname_of_household[np.maximum(pop.household, 0)])
    female_names = rng.choice(pools.female_names, size=n)
    male_names = rng.choice(pools.male_names, size=n)
    given = np.where(pop.female, female_names, male_names)
    return given.astype(object), family.astype(object)


def genders(rng: np.random.Generator, pop: Population) -> np.ndarray:
    """Free text as agencies record it; a few adults are recorded as non-binary."""
    gender = np.where(pop.female, "Female", "Male").astype(object)
    adult_not_parent = ~np.isin(pop.kind, [CHILD, ADULT_CHILD]) & (pop.ages() < 40)
    return np.where(adult_not_parent & (rng.random(pop.size) < 0.003), "Non-binary", gender)


def recorded_birth_dates(rng: np.random.Generator, pop: Population) -> np.ndarray:
    """Dates of birth as recorded: a few are unknown."""
    unknown = rng.random(pop.size) < rates.UNKNOWN_BIRTH_DATE_SHARE
    return np.where(unknown, np.datetime64("NaT", "D"), pop.born)


def addresses(rng: np.random.Generator, pop: Population, pools: Pools) -> pd.DataFrame:
    """One address and postcode per household: numbered along streets of the borough."""
    count = len(pop.hh_size)
    street = rng.integers(0, len(pools.streets), size=count)
    order = np.argsort(street, kind="stable")
    first_of_street = np.r_[True, street[order][1:] != street[order][:-1]]
    position = np.arange(count) - np.maximum.accumulate(np.where(first_of_street, np.arange(count), 0))
    number = np.empty(count, dtype=np.int64)
    number[order] = position + 1
    locality = rng.integers(0, len(LOCALITIES), size=len(pools.streets))
    district = rng.integers(0, len(pools.districts), size=len(pools.streets))
    unit = (street * 7919 + number // ADDRESSES_PER_POSTCODE) % len(pools.inward_codes)
    postcode = np.char.add(np.char.add(pools.districts[district[street]].astype(str), " "),
                           pools.inward_codes[unit].astype(str))
    text = [f"{n} {s}, {LOCALITIES[loc]}" for n, s, loc in
            zip(number.tolist(), pools.streets[street].tolist(), locality[street].tolist(), strict=True)]
    return pd.DataFrame({"address": text, "postcode": postcode.astype(object)})
