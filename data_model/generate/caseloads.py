"""Practitioners and their caseloads (the involvements table).

Every part of the generator says which people need which service, and when (a *need*): health
visitors for under-fives, a school for every pupil, a social worker for a child on a plan, an
IDVA for a MARAC victim. Each agency then gets enough practitioners for the caseload of its role,
and a person always gets the same practitioner of a role, so that the practitioner who raises a
concern or shares information is the one who works with them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_model.generate.agencies import AGENCIES
from data_model.generate.pools import Pools, phone_numbers
from data_model.generate.timeline import NAT

NEED_COLUMNS = ("person", "agency_id", "role", "start_date", "end_date")


class Needs:
    """Who needs which agency's practitioner of which role, from when until when."""

    def __init__(self) -> None:
        self._batches: list[pd.DataFrame] = []

    def add(self, person: np.ndarray, agency: str | np.ndarray, role: str | np.ndarray, start: np.ndarray,
            end: np.ndarray | None = None) -> None:
        """Add needs: one row per person, the rest broadcast."""
        person = np.asarray(person, dtype=np.int64)
        if not len(person):
            return
        self._batches.append(pd.DataFrame({
            "person": person,
            "agency_id": np.broadcast_to(np.asarray(agency, dtype=object), person.shape),
            "role": np.broadcast_to(np.asarray(role, dtype=object), person.shape),
            "start_date": np.broadcast_to(np.asarray(start, dtype="datetime64[D]"), person.shape),
            "end_date": np.broadcast_to(np.asarray(NAT if end is None else end, dtype="datetime64[D]"), person.shape),
        }))

    def frame(self) -> pd.DataFrame:
        """Every need added, in the order added."""
        if not self._batches:
            return pd.DataFrame({"person": np.empty(0, np.int64), "agency_id": np.empty(0, object),
                                 "role": np.empty(0, object), "start_date": np.empty(0, "datetime64[s]"),
                                 "end_date": np.empty(0, "datetime64[s]")})
        return pd.concat(self._batches, ignore_index=True)


@dataclass(frozen=True)
class Team:
    """The practitioners of one role in one agency: consecutive row numbers."""
    first: int  # row number of the team's first practitioner
    size: int
    salt: int


@dataclass
class Staff:
    """The practitioners (by row number) and who works with whom."""

    practitioners: pd.DataFrame
    teams: dict[tuple[str, str], Team]

    def assign(self, person: np.ndarray, agency: str, role: str) -> np.ndarray:
        """The practitioner of ``agency`` in ``role`` for each person: always the same one."""
        team = self.teams[(agency, role)]
        mixed = (np.asarray(person, dtype=np.uint64) * np.uint64(2654435761) + np.uint64(team.salt)) >> np.uint64(7)
        return team.first + (mixed % np.uint64(team.size)).astype(np.int64)

    def assign_each(self, person: np.ndarray, agency: np.ndarray, role: np.ndarray) -> np.ndarray:
        """:meth:`assign` for rows of mixed agencies and roles."""
        out = np.full(len(person), -1, dtype=np.int64)
        keys = np.char.add(np.char.add(np.asarray(agency, dtype=str), "|"), np.asarray(role, dtype=str))
        for key in np.unique(keys):
            team_agency, team_role = str(key).split("|", 1)
            index = np.flatnonzero(keys == key)
            out[index] = self.assign(np.asarray(person)[index], team_agency, team_role)
        return out


def _team_sizes(needs: pd.DataFrame, as_of: np.datetime64) -> dict[tuple[str, str], int]:
    active = needs[(needs["start_date"] <= as_of) & (needs["end_date"].isna() | (needs["end_date"] >= as_of))]
    counts = active.drop_duplicates(["person", "agency_id", "role"]).groupby(["agency_id", "role"]).size()
    sizes = {}
    for agency in AGENCIES:
        for role, caseload in agency.roles:
            sizes[(agency.agency_id, role)] = max(1, math.ceil(int(counts.get((agency.agency_id, role), 0)) / caseload))
    return sizes


def _emails(given: np.ndarray, family: np.ndarray, domains: np.ndarray) -> list[str]:
    seen: dict[str, int] = {}
    emails = []
    for g, f, d in zip(given, family, domains, strict=True):
        local = "".join(c for c in f"{g}.{f}".lower() if c.isalnum() or c == ".")
        seen[local + d] = seen.get(local + d, 0) + 1
        suffix = "" if seen[local + d] == 1 else str(seen[local + d])
        emails.append(f"{local}{suffix}@{d}")
    return emails


def build_staff(rng: np.random.Generator, needs: pd.DataFrame, as_of: np.datetime64, pools: Pools) -> Staff:
    """Enough practitioners in every agency and role for the caseloads the needs add up to."""
    sizes = _team_sizes(needs, as_of)
    domain = {a.agency_id: a.email_domain for a in AGENCIES}
    teams: dict[tuple[str, str], Team] = {}
    agency_col: list[str] = []
    role_col: list[str] = []
    for (agency, role), size in sizes.items():
        teams[(agency, role)] = Team(len(agency_col), size, int(rng.integers(0, 2**31)))
        agency_col += [agency] * size
        role_col += [role] * size
    count = len(agency_col)
    female = rng.random(count) < 0.7
    given = np.where(female, rng.choice(pools.female_names, count), rng.choice(pools.male_names, count))
    family = rng.choice(pools.family_names, size=count, p=pools.family_weights)
    practitioners = pd.DataFrame({
        "agency_id": agency_col,
        "name": [f"{g} {f}" for g, f in zip(given, family, strict=True)],
        "role": role_col,
        "email": _emails(given, family, np.array([domain[a] for a in agency_col])),
        "phone": phone_numbers(count),
    })
    return Staff(practitioners, teams)


def involvements(staff: Staff, needs: pd.DataFrame) -> pd.DataFrame:
    """The caseloads: each need with its practitioner, one row per practitioner, person and start."""
    practitioner = staff.assign_each(needs["person"].to_numpy(), needs["agency_id"].to_numpy(),
                                     needs["role"].to_numpy())
    rows = pd.DataFrame({
        "practitioner_id": practitioner, "person_id": needs["person"].to_numpy(),
        "role": needs["role"].to_numpy(), "start_date": needs["start_date"].to_numpy(),
        "end_date": needs["end_date"].to_numpy(),
    })
    rows = rows.sort_values(["practitioner_id", "person_id", "start_date", "end_date"], kind="stable",
                            na_position="last")
    return rows.drop_duplicates(["practitioner_id", "person_id", "start_date"], keep="last").reset_index(drop=True)
