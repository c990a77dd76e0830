"""The partnership dataset in memory: one typed DataFrame per contract table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

import pandas as pd

from data_model.contract import Progress, Validated, empty_frame, validate
from data_model.schema import TABLES, TABLES_BY_NAME
from data_model.sources import read_source


@dataclass(frozen=True)
class Partnership:
    """Every contract table as a typed DataFrame (absent tables are empty, with their columns).

    Dates are ``datetime64`` (``NaT`` when empty), booleans ``bool``, whole numbers ``Int64``,
    codes their enum value (``None`` when empty), multi-valued codes ``;``-joined and sorted.
    """

    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.tables) - set(TABLES_BY_NAME)
        if unknown:
            raise ValueError(f"Not contract tables: {sorted(unknown)}")

    def __getitem__(self, name: str) -> pd.DataFrame:
        frame = self.tables.get(name)
        return empty_frame(TABLES_BY_NAME[name]) if frame is None else frame

    # Named accessors, so analyses read in the contract's words.
    @property
    def agencies(self) -> pd.DataFrame:
        return self["agencies"]

    @property
    def practitioners(self) -> pd.DataFrame:
        return self["practitioners"]

    @property
    def households(self) -> pd.DataFrame:
        return self["households"]

    @property
    def people(self) -> pd.DataFrame:
        return self["people"]

    @property
    def relationships(self) -> pd.DataFrame:
        return self["relationships"]

    @property
    def involvements(self) -> pd.DataFrame:
        return self["involvements"]

    @property
    def plans(self) -> pd.DataFrame:
        return self["plans"]

    @property
    def plan_members(self) -> pd.DataFrame:
        return self["plan_members"]

    @property
    def plan_agencies(self) -> pd.DataFrame:
        return self["plan_agencies"]

    @property
    def concerns(self) -> pd.DataFrame:
        return self["concerns"]

    @property
    def referrals(self) -> pd.DataFrame:
        return self["referrals"]

    @property
    def consents(self) -> pd.DataFrame:
        return self["consents"]

    @property
    def sharing_events(self) -> pd.DataFrame:
        return self["sharing_events"]

    @property
    def child_views(self) -> pd.DataFrame:
        return self["child_views"]

    @property
    def risk_assessments(self) -> pd.DataFrame:
        return self["risk_assessments"]

    @property
    def incidents(self) -> pd.DataFrame:
        return self["incidents"]

    @property
    def actions(self) -> pd.DataFrame:
        return self["actions"]

    def counts(self) -> dict[str, int]:
        return {t.name: len(self[t.name]) for t in TABLES}


#: A date as analyses accept it: a ``date``, an ISO string or a Timestamp.
Day: TypeAlias = dt.date | str | pd.Timestamp


def as_timestamp(day: Day) -> pd.Timestamp:
    """An as-of or event date as a midnight Timestamp, comparable with the tables' date columns."""
    return pd.Timestamp(day).normalize()


def load_folder(path: str, progress: Progress | None = None) -> tuple[Partnership, Validated]:
    """Read and validate a contract folder or workbook straight into memory (no database)."""
    validated = validate(read_source(path), progress=progress)
    return Partnership(validated.tables), validated
