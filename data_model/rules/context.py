"""What every rule sees at the as-of date D: the visible tables, built once and shared.

rules.md's "what is visible": rows dated after D are ignored (events, consents, plans and
involvements starting after D), and an ``end_date`` or ``completed_date`` after D counts as not yet
happened. :class:`Context` applies that once per (partnership, D); every rule reads its frames.
Each frame is built on first use, so a question that needs one table pays for one table.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from data_model.partnership import Day, Partnership, as_timestamp
from data_model.records import PlanType
from data_model.rules.dates import active_on

#: Event tables and the column that dates them; a row dated after D is not visible.
EVENT_DATES = {
    "concerns": "date",
    "referrals": "date",
    "consents": "date",
    "sharing_events": "date",
    "child_views": "date",
    "risk_assessments": "date",
    "incidents": "date",
}

T = TypeVar("T")

PLAN_WORDS = {
    PlanType.CP_PLAN.value: "child protection plan",
    PlanType.MARAC.value: "MARAC case",
    PlanType.MAPPA.value: "MAPPA plan",
}


def _not_yet(frame: pd.DataFrame, column: str, day: pd.Timestamp) -> pd.DataFrame:
    """``frame`` with dates in ``column`` after ``day`` emptied (they have not happened yet)."""
    if not (frame[column] > day).any():
        return frame
    out = frame.copy()
    out[column] = out[column].where(~(out[column] > day))
    return out


def _started(frame: pd.DataFrame, column: str, day: pd.Timestamp) -> pd.DataFrame:
    """Rows of ``frame`` whose ``column`` is empty or on/before ``day``."""
    keep = frame[column].isna() | (frame[column] <= day)
    return frame if keep.all() else frame[keep]


class Context:
    """The partnership as seen at the as-of date, with the joins the rules share.

    Parameters
    ----------
    p : Partnership
        The validated tables.
    as_of : date, str or Timestamp
        The as-of date D.
    """

    def __init__(self, p: Partnership, as_of: Day) -> None:
        self.p = p
        self.as_of = as_timestamp(as_of)
        self._shared: dict[Callable[..., Any], Any] = {}

    def shared(self, build: Callable[[Context], T]) -> T:
        """``build(self)``, computed once per context: for the joins several rules share."""
        if build not in self._shared:
            self._shared[build] = build(self)
        value: T = self._shared[build]
        return value

    # --- visible tables ---------------------------------------------------------------------

    def events(self, table: str) -> pd.DataFrame:
        """The rows of an event table dated on or before D."""
        return self._events[table]

    @cached_property
    def _events(self) -> _Lazy:
        return _Lazy(lambda t: self.p[t][self.p[t][EVENT_DATES[t]] <= self.as_of])

    @cached_property
    def plans(self) -> pd.DataFrame:
        """Plans started by D (ends after D emptied), with an ``active`` column (active on D)."""
        plans = _not_yet(self.p.plans[self.p.plans["start_date"] <= self.as_of], "end_date", self.as_of)
        return plans.assign(active=active_on(plans["start_date"], plans["end_date"], self.as_of))

    @cached_property
    def active_plans(self) -> pd.DataFrame:
        return self.plans[self.plans["active"]]

    @cached_property
    def plan_members(self) -> pd.DataFrame:
        """Members of visible plans, with the plan's type, start, end and ``active`` flag."""
        plans = self.plans[["plan_id", "plan_type", "start_date", "end_date", "active"]]
        return self.p.plan_members.merge(plans, on="plan_id", how="inner")

    @cached_property
    def plan_agencies(self) -> pd.DataFrame:
        """``plan_agencies`` rows whose ``since`` is empty or on/before D."""
        return _started(self.p.plan_agencies, "since", self.as_of)

    @cached_property
    def actions(self) -> pd.DataFrame:
        """Actions of visible plans, a completion after D emptied."""
        actions = self.p.actions[self.p.actions["plan_id"].isin(self.plans["plan_id"])]
        return _not_yet(actions, "completed_date", self.as_of)

    @cached_property
    def relationships(self) -> pd.DataFrame:
        """Relationships active on D."""
        rel = self.p.relationships
        return rel[active_on(rel["start_date"], rel["end_date"], self.as_of)]

    @cached_property
    def involvements(self) -> pd.DataFrame:
        """Involvements active on D, one per (practitioner, person), with the practitioner's agency."""
        return self.involvements_with(None)

    def involvements_with(self, people: pd.Index | None) -> pd.DataFrame:
        """Like :attr:`involvements`, for the given people only (all when None): cheaper when few."""
        inv = self.p.involvements
        if people is not None:
            inv = inv[inv["person_id"].isin(people)]
        inv = inv[active_on(inv["start_date"], inv["end_date"], self.as_of)]
        inv = inv[["practitioner_id", "person_id"]].drop_duplicates()
        agency = self.p.practitioners.set_index("practitioner_id")["agency_id"]
        return inv.assign(agency_id=agency.reindex(inv["practitioner_id"]).to_numpy())

    # --- people and names -------------------------------------------------------------------

    @cached_property
    def people(self) -> pd.DataFrame:
        """``people`` indexed by ``person_id``."""
        return self.p.people.set_index("person_id", drop=False)

    @cached_property
    def person_index(self) -> pd.Index:
        """Person ids in table order: a hash index, built once, to find people by position."""
        return pd.Index(self.p.people["person_id"])

    @cached_property
    def _born(self) -> np.ndarray:
        return self.p.people["date_of_birth"].to_numpy(dtype="datetime64[s]")

    def born(self, person_ids: pd.Series | Iterable[str]) -> pd.Series:
        """The date of birth of each person id, in the same order (``NaT`` when unknown)."""
        ids = pd.Series(person_ids) if not isinstance(person_ids, pd.Series) else person_ids
        at = self.person_index.get_indexer(pd.Index(ids.to_numpy(dtype=object), dtype=object))
        known = np.append(self._born, np.datetime64("NaT"))  # position -1 (not found) reads NaT
        values = known[np.where(at >= 0, at, len(known) - 1)]
        return pd.Series(values, index=ids.index, dtype="datetime64[s]")

    @cached_property
    def _names(self) -> tuple[np.ndarray, np.ndarray]:
        people = self.p.people
        return people["given_name"].to_numpy(dtype=object), people["family_name"].to_numpy(dtype=object)

    def person_name(self, person_id: str) -> str:
        """Given and family name, or ``person <id>`` when the record has neither."""
        given, family = self._names
        try:
            at = self.person_index.get_loc(person_id)
        except KeyError:
            return f"person {person_id}"
        name = f"{given[at] or ''} {family[at] or ''}".strip()
        return name or f"person {person_id}"

    @cached_property
    def _agency_names(self) -> dict[str, str]:
        agencies = self.p.agencies
        return {a: (n or a) for a, n in zip(agencies["agency_id"], agencies["name"], strict=True)}

    def agency_name(self, agency_id: str) -> str:
        return self._agency_names.get(agency_id, f"agency {agency_id}")

    @cached_property
    def agency_sectors(self) -> pd.Series:
        return self.p.agencies.set_index("agency_id")["sector"]

    def plan_words(self, plan_id: str) -> str:
        """e.g. ``child protection plan PL12``: the plan's kind and id."""
        return f"{PLAN_WORDS.get(self._plan_types.get(plan_id) or '', 'plan')} {plan_id}"

    def plan_label(self, plan_id: str) -> str:
        """e.g. ``child protection plan PL12 for Leo Smith``: the plan named by whom it protects."""
        label = self._plan_labels.get(plan_id)
        if label is None:
            words = self.plan_words(plan_id)
            people = self._plan_focus.get(plan_id, [])
            label = f"{words} for {name_list([self.person_name(x) for x in people])}" if people else words
            self._plan_labels[plan_id] = label
        return label

    @cached_property
    def _plan_labels(self) -> dict[str, str]:
        return {}

    @cached_property
    def _plan_types(self) -> dict[str, str]:
        return dict(zip(self.p.plans["plan_id"], self.p.plans["plan_type"], strict=True))

    @cached_property
    def _plan_focus(self) -> _Grouped:
        """Per plan, the members it protects or manages (role subject or victim), by id."""
        members = self.p.plan_members
        focus = members[members["role"].isin(["subject", "victim"])].sort_values("person_id")
        return _Grouped(focus, "plan_id", "person_id")


def rows_of(frame: pd.DataFrame) -> Iterator[Any]:
    """The rows of ``frame`` as named tuples (typed loosely: columns hold ids, dates and codes).

    Faster than ``itertuples`` on string columns: each column becomes one numpy array first.
    Dates come out as ``numpy.datetime64``, empty ids as ``None``.
    """
    row = namedtuple("row", list(frame.columns), rename=True)  # type: ignore[misc]
    columns = [frame[c].to_numpy(dtype=object) if frame[c].dtype.kind in "OUST" else frame[c].to_numpy()
               for c in frame.columns]
    return map(row._make, zip(*columns, strict=True))


def name_list(names: list[str], most: int = 3) -> str:
    """``A``, ``A and B``, ``A, B and C``, or ``A, B, C and 2 others``.

    Examples
    --------
    >>> name_list(["Ann", "Bo", "Cy", "Di", "Ed"])
    'Ann, Bo, Cy and 2 others'
    """
    if len(names) > most:
        shown, rest = names[:most], len(names) - most
        return f"{', '.join(shown)} and {rest} other{'s' if rest > 1 else ''}"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


class _Lazy(dict[str, pd.DataFrame]):
    """A dict that builds a value on first access with ``make(key)``."""

    def __init__(self, make: object) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> pd.DataFrame:
        value = self._make(key)  # type: ignore[operator]
        self[key] = value
        return value


class _Grouped:
    """Values of one column grouped by another, looked up per key without a Python loop per group."""

    def __init__(self, frame: pd.DataFrame, key: str, value: str) -> None:
        self._values = frame[value].to_numpy()
        self._positions = frame.groupby(key, sort=False).indices if len(frame) else {}

    def get(self, key: str, default: list[str]) -> list[str]:
        positions = self._positions.get(key)
        return default if positions is None else [str(v) for v in self._values[positions]]
