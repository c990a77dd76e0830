"""English names, streets and postcodes from Faker (en_GB), drawn once per seed into pools.

Faker is slow per call, so it is asked a bounded number of times; the million-person borough
then draws from these pools with numpy.

Examples
--------
>>> pools = make_pools(7, streets=3)
>>> len(pools.streets), pools.streets[0] == make_pools(7, streets=3).streets[0]
(3, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faker import Faker
from faker.providers.person.en_GB import Provider as PersonProvider

#: British street endings (Faker's en_GB street names include American ones such as "Canyon").
STREET_ENDINGS = (
    "Road", "Street", "Lane", "Close", "Avenue", "Crescent", "Drive", "Way", "Gardens", "Grove",
    "Place", "Terrace", "Court", "Mews", "Rise", "Walk", "Row", "Hill", "Green", "Park", "View",
)
#: The fictional borough of Northbrook and its neighbourhoods.
BOROUGH = "Northbrook"
LOCALITIES = (
    "Northbrook", "Northbrook Vale", "Kingsmere", "Hollins Cross", "Weyside", "Brackenford",
    "Oakhurst", "Saltley Green", "Fenwick", "Marlow End",
)
#: Telephone ranges Ofcom keeps for drama: never a real subscriber.
DRAMA_PHONE_RANGES = (
    "0113 496 0{:03d}", "0114 496 0{:03d}", "0115 496 0{:03d}", "0116 496 0{:03d}",
    "0117 496 0{:03d}", "0118 496 0{:03d}", "01632 960{:03d}", "020 7946 0{:03d}",
    "0121 496 0{:03d}", "0131 496 0{:03d}", "0141 496 0{:03d}", "0151 496 0{:03d}",
    "0161 496 0{:03d}", "07700 900{:03d}",
)


@dataclass(frozen=True)
class Pools:
    """Names, streets and postcode parts to draw from."""
    female_names: np.ndarray
    male_names: np.ndarray
    family_names: np.ndarray
    family_weights: np.ndarray
    streets: np.ndarray
    districts: np.ndarray  # postcode districts of the borough: one postcode area, numbered
    inward_codes: np.ndarray  # postcode inward codes


def _family_names() -> tuple[np.ndarray, np.ndarray]:
    names = PersonProvider.last_names
    keys = np.array(list(names), dtype=object)
    weights = np.array(list(names.values()), dtype=float)
    return keys, weights / weights.sum()


def make_pools(seed: int, streets: int, districts: int = 8, inward: int = 500) -> Pools:
    """Pools for one seed: ``streets`` street names, the borough's postcode districts, and
    inward codes to combine with them."""
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    family, weights = _family_names()
    endings = np.array(STREET_ENDINGS, dtype=object)
    street_names: list[str] = []
    seen: set[str] = set()
    for attempt in range(20 * streets):
        if len(street_names) == streets:
            break
        base = fake.last_name() if attempt % 3 else fake.first_name()
        name = f"{base} {endings[fake.random_int(0, len(endings) - 1)]}"
        if name not in seen:
            seen.add(name)
            street_names.append(name)
    area = "".join(c for c in fake.postcode().split()[0] if c.isalpha())[:2]
    outward = [f"{area}{number}" for number in range(1, districts + 1)]
    return Pools(
        female_names=np.array(PersonProvider.first_names_female, dtype=object),
        male_names=np.array(PersonProvider.first_names_male, dtype=object),
        family_names=family,
        family_weights=weights,
        streets=np.array(street_names, dtype=object),
        districts=np.array(outward, dtype=object),
        inward_codes=np.array([fake.postcode().split()[1] for _ in range(inward)], dtype=object),
    )


def phone_numbers(count: int) -> np.ndarray:
    """``count`` telephone numbers from Ofcom's drama ranges (reused beyond 14,000)."""
    index = np.arange(count)
    ranges = index // 1000 % len(DRAMA_PHONE_RANGES)
    return np.array([DRAMA_PHONE_RANGES[r].format(i % 1000) for r, i in zip(ranges, index, strict=True)], dtype=object)
