"""Family relationships: partners, parents and step-parents, siblings, grandparents, aunts and
uncles living elsewhere, and a few associates.

Each relationship is one row, read "person is the ___ of related person"; symmetric kinds
(sibling, partner, ex-partner, other family, associate) are stored once.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from data_model.generate import rates
from data_model.generate.population import ADULT_CHILD, CHILD, GRANDPARENT, HEAD, PARTNER, TYPES, Population
from data_model.generate.timeline import DAYS_PER_YEAR, NAT

COLUMNS = ("person_id", "related_person_id", "relationship", "start_date", "end_date")


class Relationships:
    """Relationship rows gathered in batches; people by row number."""

    def __init__(self) -> None:
        self._batches: list[pd.DataFrame] = []

    def add(self, person: np.ndarray, related: np.ndarray, kind: str | np.ndarray, start: np.ndarray,
            end: np.ndarray | None = None) -> None:
        """Add relationships (a row relating a person to themself is dropped)."""
        person = np.asarray(person, dtype=np.int64)
        keep = person != np.asarray(related)
        frame = pd.DataFrame({
            "person_id": person, "related_person_id": np.asarray(related, dtype=np.int64),
            "relationship": np.broadcast_to(np.asarray(kind, dtype=object), person.shape),
            "start_date": np.broadcast_to(np.asarray(start, dtype="datetime64[D]"), person.shape),
            "end_date": np.broadcast_to(np.asarray(NAT if end is None else end, dtype="datetime64[D]"), person.shape),
        })
        self._batches.append(frame[keep])

    def frame(self) -> pd.DataFrame:
        """Every row, each (person, related person, kind, start) once."""
        if not self._batches:
            return pd.DataFrame({"person_id": np.empty(0, np.int64), "related_person_id": np.empty(0, np.int64),
                                 "relationship": np.empty(0, object), "start_date": np.empty(0, "datetime64[s]"),
                                 "end_date": np.empty(0, "datetime64[s]")})
        rows = pd.concat(self._batches, ignore_index=True)
        return rows.drop_duplicates(["person_id", "related_person_id", "relationship", "start_date"])


def _partners(rng: np.random.Generator, pop: Population, rel: Relationships) -> np.ndarray:
    """Head and partner of each couple; returns whether each household has a partner."""
    partner = np.flatnonzero(pop.kind == PARTNER)
    head = pop.hh_first[pop.household[partner]]
    youngest = np.minimum(pop.ages()[partner], pop.ages()[head])
    years = np.minimum(rng.uniform(1, 25, len(partner)), np.maximum(youngest - 17.5, 0.5))
    rel.add(head, partner, "partner", pop.as_of - np.round(years * DAYS_PER_YEAR).astype(np.int64))
    has = np.zeros(len(pop.hh_size), dtype=bool)
    has[pop.household[partner]] = True
    return has


def _parents(rng: np.random.Generator, pop: Population, rel: Relationships, has_partner: np.ndarray) -> None:
    offspring = np.flatnonzero(np.isin(pop.kind, [CHILD, ADULT_CHILD]))
    hh = pop.household[offspring]
    head = pop.hh_first[hh]
    rel.add(head, offspring, "parent", pop.born[offspring])
    with_partner = has_partner[hh]
    families = np.array(TYPES)[pop.hh_type[hh]]
    step_household = rng.random(len(pop.hh_size)) < rates.STEP_PARENT_SHARE
    step = with_partner & (families == "couple_children") & step_household[hh]
    kind = np.where(step, "step_parent", "parent")
    start = np.where(step, pop.born[offspring] + rng.integers(180, 2000, len(offspring)), pop.born[offspring])
    rel.add(head[with_partner] + 1, offspring[with_partner], kind[with_partner],
            np.minimum(start, pop.as_of)[with_partner])
    grand = np.flatnonzero(pop.kind == GRANDPARENT)
    ghh = pop.household[grand]
    rel.add(grand, pop.hh_first[ghh], "parent", pop.born[pop.hh_first[ghh]])
    kids_with_grand = offspring[np.isin(hh, ghh)]
    grand_of = np.zeros(len(pop.hh_size), dtype=np.int64)
    grand_of[ghh] = grand
    rel.add(grand_of[pop.household[kids_with_grand]], kids_with_grand, "grandparent", pop.born[kids_with_grand])


def _siblings(pop: Population, rel: Relationships) -> None:
    offspring = np.flatnonzero(np.isin(pop.kind, [CHILD, ADULT_CHILD]))
    if not len(offspring):
        return
    hh = pop.household[offspring]
    starts = np.r_[True, hh[1:] != hh[:-1]]
    first = offspring[starts]
    count = np.diff(np.r_[np.flatnonzero(starts), len(offspring)])
    for k in range(2, int(count.max(initial=0)) + 1):
        group = first[count == k]
        for i, j in combinations(range(k), 2):
            rel.add(group + i, group + j, "sibling", np.maximum(pop.born[group + i], pop.born[group + j]))


def _relatives_elsewhere(rng: np.random.Generator, pop: Population, rel: Relationships) -> None:
    """Grandparents, and aunts or uncles, who live in another household of the borough."""
    ages = pop.ages()
    offspring = np.flatnonzero(pop.kind == CHILD)
    families = np.unique(pop.household[offspring])
    householders = np.flatnonzero(np.isin(pop.kind, [HEAD, PARTNER]) & (pop.household >= 0))
    older = householders[(ages[householders] >= 52) & (ages[householders] <= 92)]
    middle = householders[(ages[householders] >= 22) & (ages[householders] <= 60)]
    for pool, share, to_head, to_child in (
        (older, rates.GRANDPARENT_ELSEWHERE_SHARE, "parent", "grandparent"),
        (middle, rates.AUNT_OR_UNCLE_ELSEWHERE_SHARE, "sibling", "other_family"),
    ):
        if not len(pool) or not len(families):
            continue
        chosen = families[rng.random(len(families)) < share]
        relative = rng.choice(pool, size=len(chosen))
        elsewhere = pop.household[relative] != chosen
        chosen, relative = chosen[elsewhere], relative[elsewhere]
        heads = pop.hh_first[chosen]
        rel.add(relative, heads, to_head, pop.born[heads] if to_head == "parent" else pop.born[relative])
        of = np.full(len(pop.hh_size), -1, dtype=np.int64)
        of[chosen] = relative
        kids = offspring[of[pop.household[offspring]] >= 0]
        rel.add(of[pop.household[kids]], kids, to_child, pop.born[kids])


def _associates(rng: np.random.Generator, pop: Population, rel: Relationships) -> None:
    adults = np.flatnonzero(pop.ages() >= 18)
    if len(adults) < 2:
        return
    one = adults[rng.random(len(adults)) < rates.ASSOCIATE_SHARE]
    other = rng.choice(adults, size=len(one))
    rel.add(one, other, "associate", pop.as_of - rng.integers(30, 1500, len(one)))


def family_relationships(rng: np.random.Generator, pop: Population) -> Relationships:
    """Every family relationship of the borough's households."""
    rel = Relationships()
    has_partner = _partners(rng, pop, rel)
    _parents(rng, pop, rel, has_partner)
    _siblings(pop, rel)
    _relatives_elsewhere(rng, pop, rel)
    _associates(rng, pop, rel)
    return rel
