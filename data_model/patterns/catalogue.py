"""The pattern reports: what each one asks, its tables, and what every column holds.

Each column has a :class:`Kind` saying what it is, which decides how it is made safe for analysts
(:mod:`data_model.exports.analyst`): ids become keyed tokens, event dates become months, counts in
aggregate tables are suppressed; a column not declared here never leaves the system.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from data_model.patterns import mappa_children, marac, plan_overlap, sharing_matrix
from data_model.patterns.clusters import cluster_summary
from data_model.patterns.gaps_over_time import gaps_over_time
from data_model.patterns.inputs import PatternInputs
from data_model.pseudonymise import areas


class Kind(StrEnum):
    PERSON = "person"  # a person's id: a token for analysts
    PLAN = "plan"
    HOUSEHOLD = "household"
    CLUSTER = "cluster"
    DATE = "date"  # the date of an event: its month for analysts
    PERIOD = "period"  # a reporting date (as-of, period end): kept
    AGENCY = "agency"  # an agency's id or name: kept (organisations are not personal data)
    CATEGORY = "category"  # a code, band or label: kept
    AREA = "area"  # a postcode district
    COUNT = "count"  # suppressed in aggregate tables
    RATE = "rate"  # hidden when a count it is made from is
    NUMBER = "number"  # a rank, a constant: kept


#: Kinds replaced by keyed tokens for analysts, and the token kind each takes.
TOKEN_KINDS = {Kind.PERSON: "person", Kind.PLAN: "plan", Kind.HOUSEHOLD: "household", Kind.CLUSTER: "cluster"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str
    of: tuple[str, ...] = ()  # for a rate: the counts it is made from


@dataclass(frozen=True)
class PatternTable:
    """One table of a report. An aggregate table has ``dims``; counts add up along ``additive``."""

    name: str
    description: str
    columns: tuple[Column, ...]
    build: Callable[[PatternInputs], pd.DataFrame] = field(compare=False)
    dims: tuple[str, ...] = ()
    additive: tuple[str, ...] = ()

    @property
    def aggregate(self) -> bool:
        return bool(self.dims)

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    question: str
    tables: tuple[PatternTable, ...]

    @property
    def chart_table(self) -> PatternTable:
        """The table the report's chart draws: its first (aggregate) table."""
        return self.tables[0]


def C(name: str, kind: Kind, description: str, *of: str) -> Column:
    return Column(name, kind, description, tuple(of))


def _households(i: PatternInputs) -> pd.DataFrame:
    found = plan_overlap.households_with_plan_types(i.p, i.as_of)
    postcode = i.p.households.set_index("household_id")["postcode"]
    area = areas(postcode.reindex(found["household_id"]).fillna("")).to_numpy()
    return found.rename(columns={"household_id": "household"}).assign(area=area)


def _networks(i: PatternInputs) -> pd.DataFrame:
    return plan_overlap.family_networks_with_plan_types(i.clusters)


def _perpetrators(i: PatternInputs) -> pd.DataFrame:
    return marac.perpetrators_with_several_victims(i.p, i.as_of).rename(columns={"perpetrator_id": "perpetrator"})


def _mappa(i: PatternInputs) -> pd.DataFrame:
    found = mappa_children.mappa_subjects_with_children(i.p, i.as_of)
    return found.rename(columns={"plan_id": "plan", "subject_id": "subject"})


def _mappa_summary(i: PatternInputs) -> pd.DataFrame:
    found = mappa_children.mappa_subjects_with_children(i.p, i.as_of)
    return mappa_children.mappa_children_summary(i.p, i.as_of, found)


COMBINATION = C("combination", Kind.CATEGORY,
                "The plan types that meet: MAPPA + CP, MARAC + CP, MAPPA + MARAC or All three")
PLAN_TYPES = C("plan_types", Kind.CATEGORY, "The types of active plan among its members, ;-separated")

REPORTS: tuple[Report, ...] = (
    Report("plan_overlap", "Where plan types meet",
           "Which households and family networks have members on more than one type of plan?", (
        PatternTable("plan_overlap_summary", "Households and family networks by combination of plan types", (
            C("unit", Kind.CATEGORY, "household, or family network (a cluster of linked risk)"), COMBINATION,
            C("count", Kind.COUNT, "How many units have that combination")),
            lambda i: plan_overlap.plan_type_combinations(_households(i), _networks(i)),
            dims=("unit", "combination"), additive=("combination",)),
        PatternTable("plan_overlap_households", "Households with members on plans of two or more types", (
            C("household", Kind.HOUSEHOLD, "The household"), C("area", Kind.AREA, "Postcode district"),
            C("residents", Kind.COUNT, "People living there"), C("plans", Kind.COUNT, "Active plans of its residents"),
            PLAN_TYPES, COMBINATION), _households),
        PatternTable("plan_overlap_networks", "Family networks with members on plans of two or more types", (
            C("cluster", Kind.CLUSTER, "The family network (cluster of linked risk)"),
            C("people", Kind.COUNT, "People in it"), C("households", Kind.COUNT, "Households among them"),
            C("plans", Kind.COUNT, "Active plans in it"), PLAN_TYPES, COMBINATION), _networks),
    )),
    Report("repeat_perpetrators", "Perpetrators with several MARAC victims",
           "Which perpetrators are linked to more than one MARAC victim over time?", (
        PatternTable("repeat_perpetrators_summary", "Perpetrators by number of MARAC victims", (
            C("victims", Kind.CATEGORY, "Number of MARAC victims linked to the perpetrator (5+ for five or more)"),
            C("found", Kind.CATEGORY,
              "Whether every victim was linked through a MARAC case, or some only through police incidents"),
            C("perpetrators", Kind.COUNT, "How many perpetrators")),
            lambda i: marac.victim_count_summary(_perpetrators(i)), dims=("victims", "found"),
            additive=("victims", "found")),
        PatternTable("repeat_perpetrators", "Perpetrators linked to two or more MARAC victims", (
            C("perpetrator", Kind.PERSON, "The perpetrator"), C("victims", Kind.COUNT, "MARAC victims linked to them"),
            C("victims_only_in_incidents", Kind.COUNT, "Of those, victims linked only through police incidents"),
            C("marac_cases", Kind.COUNT, "MARAC cases naming them as perpetrator"),
            C("first_case", Kind.DATE, "Start of the first such case"),
            C("latest_case", Kind.DATE, "Start of the latest such case")), _perpetrators),
    )),
    Report("repeat_marac", "Repeat MARAC rate",
           "How often do MARAC cases come back within 12 months, against the national rate?", (
        PatternTable("repeat_marac_rate", "Repeat MARAC cases in the 12 months to each date", (
            C("period_end", Kind.PERIOD, "The last day of the 12 months counted"),
            C("cases", Kind.COUNT, "MARAC cases starting in those 12 months"),
            C("repeats", Kind.COUNT,
              "Of those, repeats: the victim had a case in the 12 months before, or the referrer flagged it"),
            C("unflagged_repeats", Kind.COUNT, "Repeats found in the data that the referrer did not flag"),
            C("rate", Kind.RATE, "repeats / cases", "repeats", "cases"),
            C("national_rate", Kind.NUMBER, f"National repeat rate ({marac.NATIONAL_SOURCE})")),
            lambda i: marac.repeat_marac_rate(i.p, i.as_of, i.options.rate_points), dims=("period_end",)),
    )),
    Report("mappa_children", "MAPPA subjects and children",
           "Which MAPPA subjects live with, or are family of, children?", (
        PatternTable("mappa_children_summary", "Active MAPPA subjects by category and level", (
            C("mappa_category", Kind.CATEGORY,
              "MAPPA category (1 registered sex offender, 2 violent, 3 other, 4 terrorism)"),
            C("mappa_level", Kind.CATEGORY, "MAPPA management level"),
            C("subjects", Kind.COUNT, "Active MAPPA subjects"),
            C("subjects_with_children", Kind.COUNT, "Of those, living with or family of a child"),
            C("children", Kind.COUNT, "Children linked to them (a child linked to two subjects counts twice)")),
            _mappa_summary, dims=("mappa_category", "mappa_level"), additive=("mappa_category", "mappa_level")),
        PatternTable("mappa_children", "MAPPA subjects living with or related to children", (
            C("plan", Kind.PLAN, "The MAPPA plan"), C("subject", Kind.PERSON, "Its subject"),
            C("mappa_category", Kind.CATEGORY, "MAPPA category"), C("mappa_level", Kind.CATEGORY, "MAPPA level"),
            C("children", Kind.COUNT, "Children linked to the subject"),
            C("children_in_household", Kind.COUNT, "Of those, living in the subject's household"),
            C("children_related", Kind.COUNT, "Of those, with a family relationship to the subject"),
            C("children_on_cp_plan", Kind.COUNT, "Of those, on an active child protection plan"),
            C("linked_unknown_age", Kind.COUNT, "Linked people with no date of birth (not counted as children)")),
            _mappa),
    )),
    Report("sharing_matrix", "Sharing between agencies",
           "Which agencies share with which, and for what purpose?", (
        PatternTable("sharing_matrix", "Sharing events by sending agency, receiving agency and purpose", (
            C("from_agency_id", Kind.AGENCY, "Sending agency"), C("from_agency", Kind.AGENCY, "Its name"),
            C("to_agency_id", Kind.AGENCY, "Receiving agency"), C("to_agency", Kind.AGENCY, "Its name"),
            C("purpose", Kind.CATEGORY,
              "Purpose named (an event naming two counts under each; none when it names none)"),
            C("events", Kind.COUNT, "Sharing events")),
            lambda i: sharing_matrix.sharing_matrix(i.p, i.as_of, i.options.sharing_days),
            dims=("from_agency_id", "to_agency_id", "purpose"), additive=("from_agency_id", "to_agency_id")),
    )),
    Report("gaps_over_time", "Gaps over time",
           "Where are the information-sharing gaps, by code and agency, and how are they changing?", (
        PatternTable("gaps_over_time", "Gaps by code and answerable agency at each date", (
            C("as_of", Kind.PERIOD, "The date the rules were run as of"),
            C("code", Kind.CATEGORY, "Gap code (rules.md)"),
            C("agency_id", Kind.AGENCY, "Agency answerable for the gap (empty when none)"),
            C("agency", Kind.AGENCY, "Its name"), C("gaps", Kind.COUNT, "Gaps")),
            lambda i: gaps_over_time(i.p, i.as_of, i.options.gap_points, i.find_gaps),
            dims=("as_of", "code", "agency_id"), additive=("code", "agency_id")),
    )),
    Report("clusters", "Clusters of linked risk",
           "Where does risk cluster: which connected groups of people on plans are largest and most severe?", (
        PatternTable("clusters_summary", "Clusters by size and number of plan types", (
            C("size_band", Kind.CATEGORY, "People in the cluster"),
            C("plan_type_count", Kind.CATEGORY, "Types of active plan in it"),
            C("clusters", Kind.COUNT, "Clusters")),
            lambda i: cluster_summary(i.clusters), dims=("size_band", "plan_type_count"),
            additive=("size_band", "plan_type_count")),
        PatternTable("clusters", "Clusters of linked risk, most severe first", (
            C("cluster", Kind.CLUSTER, "The cluster (a connected component of the linked-risk graph)"),
            C("community", Kind.NUMBER, "0 for the whole cluster; 1, 2, ... for its communities when it is large"),
            C("rank", Kind.NUMBER, "Severity rank: plan types, then high-severity gaps, children, people"),
            C("people", Kind.COUNT, "People"), C("children", Kind.COUNT, "Children"),
            C("households", Kind.COUNT, "Households"), C("plans", Kind.COUNT, "Active plans"), PLAN_TYPES,
            C("plan_type_count", Kind.NUMBER, "Number of plan types"),
            C("high_gaps", Kind.COUNT, "Open high-severity gaps about its people or plans")),
            lambda i: i.clusters),
    )),
)

REPORTS_BY_NAME = {r.name: r for r in REPORTS}
TABLES_BY_NAME = {t.name: t for r in REPORTS for t in r.tables}


def build_table(table: PatternTable, inputs: PatternInputs) -> pd.DataFrame:
    """The table's frame with its declared columns only, in order (identifiable: raw ids)."""
    return table.build(inputs)[table.column_names()].reset_index(drop=True)
