"""Linked people (rules.md), as one vectorised table of pairs.

Two people are *linked* on the as-of date D when they share a non-empty ``household_id``, or when
a relationship between them is active on D and of a linking kind (every kind but ``associate``),
in either direction. A relationship of a person to themself is ignored. One hop only.

The table holds both directions: a row ``(X, Y, link)`` for every Y linked to X, where ``link`` is
the relationship kind, or ``household`` when X and Y are linked only by sharing a household.
When several relationship kinds link the same pair, the one earliest in :data:`LINK_ORDER` is
kept (closest family first: ``parent`` before ``step_parent`` ... before ``other_family``), so
the answer never depends on row order.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from data_model.partnership import Day, Partnership, as_timestamp
from data_model.records import LINKING_RELATIONSHIPS, Relationship
from data_model.rules.dates import active_on

#: Relationship kinds that link, in the order that decides which one names a pair.
LINK_ORDER: tuple[str, ...] = tuple(r.value for r in Relationship if r in LINKING_RELATIONSHIPS)
#: The link of two people who share a household and no linking relationship.
HOUSEHOLD = "household"
COLUMNS = ["person_id", "linked_id", "link"]


def relationship_pairs(p: Partnership, as_of: Day, of: pd.Index | None = None) -> pd.DataFrame:
    """Active linking relationships on ``as_of`` as (person_id, linked_id, link), both directions.

    With ``of``, only the rows whose ``person_id`` is in ``of``.
    """
    day = as_timestamp(as_of)
    rel = p.relationships
    if of is not None:  # narrow first: the checks below then touch only a few rows
        rel = rel[rel["person_id"].isin(of) | rel["related_person_id"].isin(of)]
    keep = (
        active_on(rel["start_date"], rel["end_date"], day)
        & rel["relationship"].isin(LINK_ORDER)
        & (rel["person_id"] != rel["related_person_id"])
    )
    rel = rel[keep]
    forward = pd.DataFrame(
        {"person_id": rel["person_id"], "linked_id": rel["related_person_id"], "link": rel["relationship"]}
    )
    backward = forward.rename(columns={"person_id": "linked_id", "linked_id": "person_id"})
    both = pd.concat([forward, backward[COLUMNS]], ignore_index=True)
    return both if of is None else both[both["person_id"].isin(of)]


def household_pairs(p: Partnership, of: pd.Index | None = None) -> pd.DataFrame:
    """People sharing a non-empty household_id, as (person_id, linked_id, 'household'), both ways.

    With ``of``, only the rows whose ``person_id`` is in ``of``.
    """
    people = p.people[["person_id", "household_id"]]
    left = people if of is None else people[people["person_id"].isin(of)]
    left = left[left["household_id"].notna() & (left["household_id"] != "")]
    right = people if of is None else people[people["household_id"].isin(left["household_id"])]
    pairs = left.merge(right, on="household_id", suffixes=("", "_other"))
    pairs = pairs[pairs["person_id"] != pairs["person_id_other"]]
    return pd.DataFrame(
        {"person_id": pairs["person_id"], "linked_id": pairs["person_id_other"], "link": HOUSEHOLD}
    )


def linked_pairs(p: Partnership, as_of: Day, of: Iterable[str] | None = None) -> pd.DataFrame:
    """Every linked pair on ``as_of``: columns person_id, linked_id, link (both directions).

    Parameters
    ----------
    p : Partnership
    as_of : date, str or Timestamp
        The as-of date D: relationships must be active on D.
    of : iterable of person ids, optional
        Only the pairs whose ``person_id`` is one of these (the linked people *of* them);
        much cheaper than the whole partnership when a question starts from a few people.

    Returns
    -------
    DataFrame
        Sorted by person_id then linked_id; one row per ordered pair.

    Examples
    --------
    >>> from tests.builders import World
    >>> w = World()
    >>> people = [w.person("MUM", household="H1"), w.person("KID", household="H1"), w.person("GRAN")]
    >>> w.relate("GRAN", "grandparent", "KID")
    >>> linked_pairs(w.build(), "2026-11-27").values.tolist()
    [['GRAN', 'KID', 'grandparent'], ['KID', 'GRAN', 'grandparent'], ['KID', 'MUM', 'household'], \
['MUM', 'KID', 'household']]
    """
    seeds = None if of is None else pd.Index(pd.unique(np.asarray(list(of), dtype=object)))
    rel = relationship_pairs(p, as_of, seeds)
    rel = rel.assign(rank=pd.Categorical(rel["link"], categories=LINK_ORDER).codes)
    home = household_pairs(p, seeds).assign(rank=len(LINK_ORDER))
    pairs = pd.concat([rel, home], ignore_index=True)
    return _closest_first(pairs)


def _closest_first(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per (person_id, linked_id), the lowest ``rank``; sorted by person_id, linked_id.

    Ids are replaced by their rank in sorted order, so the sort and the de-duplication run on
    integers (a string sort of millions of pairs is slow).
    """
    n = len(pairs)
    codes, _ = pd.factorize(np.concatenate([pairs["person_id"].to_numpy(dtype=object),
                                            pairs["linked_id"].to_numpy(dtype=object)]), sort=True)
    key = codes[:n].astype(np.int64) * (int(codes.max(initial=0)) + 1) + codes[n:]
    order = np.lexsort((pairs["rank"].to_numpy(), key))
    first = np.r_[True, key[order][1:] != key[order][:-1]] if n else np.zeros(0, dtype=bool)
    out = pairs.iloc[order[first]][COLUMNS].reset_index(drop=True)
    return out.astype(dict.fromkeys(COLUMNS, object))
