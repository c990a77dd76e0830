"""The contract's tables as data: column kinds, keys and load order, read off :mod:`records`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from data_model import records as r


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id | ref | date | code | codes | bool | int | text
    required: bool = False
    table: str | None = None  # for refs: the table referred to
    enum: type[StrEnum] | None = None  # for code(s)
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True)
class Table:
    name: str
    record: type
    #: Columns that identify a row: the own id, or (for tables without one) a natural key.
    key: tuple[str, ...]

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        return tuple(Column(name=f.name, **f.metadata) for f in dataclasses.fields(self.record))

    @cached_property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def id_column(self) -> str | None:
        """The table's own id column, if it has one."""
        first = self.columns[0]
        return first.name if first.kind == "id" else None

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


#: Every table of the contract, in an order where a table comes after every table it refers to.
TABLES: tuple[Table, ...] = (
    Table("agencies", r.Agency, ("agency_id",)),
    Table("households", r.Household, ("household_id",)),
    Table("people", r.Person, ("person_id",)),
    Table("practitioners", r.Practitioner, ("practitioner_id",)),
    Table(
        "relationships",
        r.PersonRelationship,
        ("person_id", "related_person_id", "relationship", "start_date"),
    ),
    Table("involvements", r.Involvement, ("practitioner_id", "person_id", "start_date")),
    Table("plans", r.Plan, ("plan_id",)),
    Table("plan_members", r.PlanMember, ("plan_id", "person_id", "role")),
    Table("plan_agencies", r.PlanAgency, ("plan_id", "agency_id", "role")),
    Table("concerns", r.Concern, ("concern_id",)),
    Table("referrals", r.Referral, ("referral_id",)),
    Table("consents", r.Consent, ("consent_id",)),
    Table("sharing_events", r.SharingEvent, ("sharing_id",)),
    Table("child_views", r.ChildView, ("person_id", "date", "practitioner_id")),
    Table("risk_assessments", r.RiskAssessment, ("assessment_id",)),
    Table("incidents", r.Incident, ("incident_id",)),
    Table("actions", r.Action, ("action_id",)),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
#: Tables that must be present in every dataset.
REQUIRED_TABLES = ("people", "agencies")
