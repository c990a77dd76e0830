"""Choosing the people in domestic-abuse cases: victims with the right number of children at
home, and their partners or ex-partners as perpetrators."""

from __future__ import annotations

import numpy as np

from data_model.generate.families import Relationships
from data_model.generate.population import CASE_ADULT_AGE, HEAD, PARTNER, Population

MAX_CHILDREN = 4


class VictimPools:
    """Adults of working age not yet chosen, by sex and by children at home (4 meaning 4+)."""

    def __init__(self, rng: np.random.Generator, pop: Population, exclude: np.ndarray | None = None) -> None:
        self.rng = rng
        ages = pop.ages()
        kids = np.zeros(len(pop.hh_size) + 1, dtype=np.int64)
        np.add.at(kids, pop.household[ages < 18], 1)
        kids[-1] = 0  # people with no household have no children at home
        at_home = np.minimum(kids[pop.household], MAX_CHILDREN)
        eligible = (ages >= CASE_ADULT_AGE) & (ages <= 64)
        if exclude is not None:
            eligible[exclude] = False
        self.pools: dict[tuple[bool, int], list[int]] = {}
        for female in (True, False):
            for k in range(MAX_CHILDREN + 1):
                people = np.flatnonzero(eligible & (pop.female == female) & (at_home == k))
                self.pools[(female, k)] = rng.permutation(people).tolist()

    def take(self, female: bool, children: int) -> int:
        """A victim with ``children`` at home, or as close as remains; -1 when none is left."""
        for k in sorted(range(MAX_CHILDREN + 1), key=lambda k: (abs(k - children), -k)):
            pool = self.pools[(female, k)]
            if pool:
                return pool.pop()
        return -1


def cohabiting_partner(pop: Population, person: int) -> int:
    """The partner ``person`` lives with, or -1."""
    household = int(pop.household[person])
    if household < 0 or pop.hh_size[household] < 2:
        return -1
    head = int(pop.hh_first[household])
    if pop.kind[head + 1] != PARTNER or pop.kind[person] not in (HEAD, PARTNER):
        return -1
    return head + 1 if person == head else head


def ex_partner(rng: np.random.Generator, pop: Population, candidates: dict[bool, np.ndarray], victim: int) -> int:
    """Someone living elsewhere (or nowhere recorded) to be the victim's ex-partner."""
    female = bool(pop.female[victim]) if rng.random() < 0.1 else not bool(pop.female[victim])
    pool = candidates[female]
    for _ in range(20):
        chosen = int(pool[rng.integers(len(pool))])
        if pop.household[chosen] != pop.household[victim] or pop.household[chosen] < 0:
            return chosen
    return chosen


def perpetrator_candidates(pop: Population) -> dict[bool, np.ndarray]:
    """Adults of working age by sex (True: female)."""
    ages = pop.ages()
    adult = (ages >= CASE_ADULT_AGE) & (ages <= 64)
    return {True: np.flatnonzero(adult & pop.female), False: np.flatnonzero(adult & ~pop.female)}


def record_separation(rng: np.random.Generator, pop: Population, rows: list[tuple[int, int, str, np.datetime64]],
                      victim: int, perpetrator: int, when: np.datetime64, children: np.ndarray) -> None:
    """Note an ex-partner relationship in ``rows``; a lone parent's ex is often the children's
    father."""
    rows.append((victim, perpetrator, "ex_partner", when - int(rng.integers(60, 1500))))
    if len(children) and cohabiting_partner(pop, victim) < 0 and rng.random() < 0.6:
        old_enough = (pop.born[children] - pop.born[perpetrator]).astype(np.int64) >= 16 * 365
        rows += [(perpetrator, int(c), "parent", pop.born[c]) for c in children[old_enough]]


def add_rows(rel: Relationships, rows: list[tuple[int, int, str, np.datetime64]]) -> None:
    """Add relationships noted by :func:`record_separation`."""
    if rows:
        person, related, kind, start = zip(*rows, strict=True)
        rel.add(np.array(person), np.array(related), np.array(kind, dtype=object),
                np.array(start, dtype="datetime64[D]"))
