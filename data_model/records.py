"""The vocabulary of the data contract: an enum for every code, a typed record for every table.

Each record's fields carry their contract meaning in ``metadata`` (see :mod:`data_model.schema`),
so the importer, the store and the generator all read one definition.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Sector(StrEnum):
    CHILDREN_SOCIAL_CARE = "children_social_care"
    POLICE = "police"
    PROBATION = "probation"
    HEALTH = "health"
    EDUCATION = "education"
    HOUSING = "housing"
    ADULT_SOCIAL_CARE = "adult_social_care"
    DOMESTIC_ABUSE_SERVICE = "domestic_abuse_service"
    YOUTH_JUSTICE = "youth_justice"
    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_MISUSE = "substance_misuse"
    OTHER = "other"


class Relationship(StrEnum):
    """``person_id`` is the ___ of ``related_person_id``."""

    PARENT = "parent"
    STEP_PARENT = "step_parent"
    CARER = "carer"
    SIBLING = "sibling"
    PARTNER = "partner"
    EX_PARTNER = "ex_partner"
    GRANDPARENT = "grandparent"
    OTHER_FAMILY = "other_family"
    ASSOCIATE = "associate"


#: Relationship kinds that hold both ways.
SYMMETRIC_RELATIONSHIPS = frozenset(
    {
        Relationship.SIBLING,
        Relationship.PARTNER,
        Relationship.EX_PARTNER,
        Relationship.OTHER_FAMILY,
        Relationship.ASSOCIATE,
    }
)
#: Relationship kinds that make two people *linked* (rules.md): every kind but ``associate``.
LINKING_RELATIONSHIPS = frozenset(set(Relationship) - {Relationship.ASSOCIATE})


class PlanType(StrEnum):
    MAPPA = "MAPPA"
    CP_PLAN = "CP_PLAN"
    MARAC = "MARAC"


class MappaCategory(StrEnum):
    REGISTERED_SEX_OFFENDER = "1"
    VIOLENT_OFFENDER = "2"
    OTHER_DANGEROUS_OFFENDER = "3"
    TERRORISM = "4"


class MappaLevel(StrEnum):
    SINGLE_AGENCY = "1"
    MULTI_AGENCY = "2"
    MULTI_AGENCY_SENIOR = "3"


class CpCategory(StrEnum):
    NEGLECT = "neglect"
    PHYSICAL = "physical"
    SEXUAL = "sexual"
    EMOTIONAL = "emotional"
    MULTIPLE = "multiple"


class ReferralCriterion(StrEnum):
    VISIBLE_HIGH_RISK = "visible_high_risk"
    PROFESSIONAL_JUDGEMENT = "professional_judgement"
    POTENTIAL_ESCALATION = "potential_escalation"
    REPEAT = "repeat"


class MemberRole(StrEnum):
    SUBJECT = "subject"
    VICTIM = "victim"
    PERPETRATOR = "perpetrator"
    CHILD_IN_HOUSEHOLD = "child_in_household"
    POTENTIAL_VICTIM = "potential_victim"


class AgencyRole(StrEnum):
    LEAD = "lead"
    CORE_GROUP = "core_group"
    ATTENDEE = "attendee"
    DUTY_TO_COOPERATE = "duty_to_cooperate"
    INFORMED = "informed"


class ReferralTo(StrEnum):
    FIRST_RESPONSE = "first_response"
    MARAC = "marac"
    MAPPA = "mappa"
    ADULT_SOCIAL_CARE = "adult_social_care"


class ConsentDecision(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    NOT_SOUGHT = "not_sought"


class LawfulBasis(StrEnum):
    CONSENT = "consent"
    SIGNIFICANT_HARM = "significant_harm"
    PUBLIC_INTEREST = "public_interest"
    LEGAL_DUTY = "legal_duty"
    VITAL_INTERESTS = "vital_interests"


class Purpose(StrEnum):
    """Why information was shared: child protection, or one of the nine adult-safeguarding purposes."""

    CHILD_PROTECTION = "child_protection"
    PREVENT_DEATH_OR_SERIOUS_HARM = "prevent_death_or_serious_harm"
    COORDINATE_RESPONSES = "coordinate_responses"
    EARLY_INTERVENTION = "early_intervention"
    PREVENT_ESCALATING_CARE_NEEDS = "prevent_escalating_care_needs"
    MAINTAIN_GOOD_PRACTICE = "maintain_good_practice"
    REVEAL_PATTERNS_OF_ABUSE = "reveal_patterns_of_abuse"
    ACCESS_SUPPORT = "access_support"
    REDUCE_OFFENDING_RISK = "reduce_offending_risk"
    REDUCE_ORGANISATIONAL_RISK = "reduce_organisational_risk"


#: The nine adult-safeguarding purposes of the guidance, in its order.
ADULT_PURPOSES = tuple(p for p in Purpose if p is not Purpose.CHILD_PROTECTION)

#: Plain-English labels for the purposes, as the guidance words them.
PURPOSE_LABELS = {
    Purpose.CHILD_PROTECTION: "Protect a child",
    Purpose.PREVENT_DEATH_OR_SERIOUS_HARM: "Prevent death or serious harm",
    Purpose.COORDINATE_RESPONSES: "Coordinate effective and efficient responses",
    Purpose.EARLY_INTERVENTION: "Enable early interventions to prevent escalation of risk",
    Purpose.PREVENT_ESCALATING_CARE_NEEDS: "Prevent abuse that may increase care and support needs",
    Purpose.MAINTAIN_GOOD_PRACTICE: "Maintain and improve good practice",
    Purpose.REVEAL_PATTERNS_OF_ABUSE: "Reveal patterns of abuse previously undetected",
    Purpose.ACCESS_SUPPORT: "Help people access the right support",
    Purpose.REDUCE_OFFENDING_RISK: "Identify people who pose a risk and reduce offending",
    Purpose.REDUCE_ORGANISATIONAL_RISK: "Reduce organisational risk",
}


class InformationLevel(StrEnum):
    FACT_OF_CONCERN = "fact_of_concern"
    SUMMARY = "summary"
    FULL = "full"


# --- field declarations: what each column means in the contract -------------------------------


def _col(kind: str, *, required: bool = False, **extra: Any) -> Any:
    return field(default=None, metadata={"kind": kind, "required": required, **extra})


def ident() -> Any:
    """The table's own id: required and unique."""
    return field(metadata={"kind": "id", "required": True})


def ref(table: str, *, required: bool = False) -> Any:
    """An id of a row of ``table``."""
    return _col("ref", required=required, table=table)


def date(*, required: bool = False) -> Any:
    return _col("date", required=required)


def code(enum: type[StrEnum], *, required: bool = False) -> Any:
    return _col("code", required=required, enum=enum)


def codes(enum: type[StrEnum]) -> Any:
    """A ``;``-separated list of codes."""
    return field(default=frozenset(), metadata={"kind": "codes", "required": False, "enum": enum})


def boolean() -> Any:
    return field(default=False, metadata={"kind": "bool", "required": False})


def integer(low: int, high: int) -> Any:
    return _col("int", low=low, high=high)


def text() -> Any:
    return field(default="", metadata={"kind": "text", "required": False})


# --- records: one per contract table ------------------------------------------------------------


@dataclass(frozen=True)
class Agency:
    agency_id: str = ident()
    name: str = text()
    sector: Sector = code(Sector, required=True)


@dataclass(frozen=True)
class Practitioner:
    practitioner_id: str = ident()
    agency_id: str = ref("agencies", required=True)
    name: str = text()
    role: str = text()
    email: str = text()
    phone: str = text()


@dataclass(frozen=True)
class Household:
    household_id: str = ident()
    address: str = text()
    postcode: str = text()


@dataclass(frozen=True)
class Person:
    person_id: str = ident()
    given_name: str = text()
    family_name: str = text()
    date_of_birth: dt.date | None = date()
    gender: str = text()
    household_id: str | None = ref("households")
    nhs_number: str = text()


@dataclass(frozen=True)
class PersonRelationship:
    person_id: str = ref("people", required=True)
    related_person_id: str = ref("people", required=True)
    relationship: Relationship = code(Relationship, required=True)
    start_date: dt.date | None = date()
    end_date: dt.date | None = date()


@dataclass(frozen=True)
class Involvement:
    practitioner_id: str = ref("practitioners", required=True)
    person_id: str = ref("people", required=True)
    role: str = text()
    start_date: dt.date | None = date()
    end_date: dt.date | None = date()


@dataclass(frozen=True)
class Plan:
    plan_id: str = ident()
    plan_type: PlanType = code(PlanType, required=True)
    lead_agency_id: str | None = ref("agencies")
    start_date: dt.date = date(required=True)
    end_date: dt.date | None = date()
    mappa_category: MappaCategory | None = code(MappaCategory)
    mappa_level: MappaLevel | None = code(MappaLevel)
    cp_category: CpCategory | None = code(CpCategory)
    next_review_date: dt.date | None = date()
    meeting_date: dt.date | None = date()
    referral_criterion: ReferralCriterion | None = code(ReferralCriterion)
    dash_score: int | None = integer(0, 24)
    is_repeat: bool = boolean()


@dataclass(frozen=True)
class PlanMember:
    plan_id: str = ref("plans", required=True)
    person_id: str = ref("people", required=True)
    role: MemberRole = code(MemberRole, required=True)


@dataclass(frozen=True)
class PlanAgency:
    plan_id: str = ref("plans", required=True)
    agency_id: str = ref("agencies", required=True)
    role: AgencyRole = code(AgencyRole, required=True)
    since: dt.date | None = date()


@dataclass(frozen=True)
class Concern:
    concern_id: str = ident()
    person_id: str = ref("people", required=True)
    practitioner_id: str | None = ref("practitioners")
    date: dt.date = date(required=True)
    significant_harm_suspected: bool = boolean()
    summary: str = text()


@dataclass(frozen=True)
class Referral:
    referral_id: str = ident()
    person_id: str = ref("people", required=True)
    practitioner_id: str | None = ref("practitioners")
    date: dt.date = date(required=True)
    to: ReferralTo = code(ReferralTo, required=True)
    concern_id: str | None = ref("concerns")


@dataclass(frozen=True)
class Consent:
    consent_id: str = ident()
    person_id: str = ref("people", required=True)
    given_by_person_id: str | None = ref("people")
    decision: ConsentDecision = code(ConsentDecision, required=True)
    reason_not_sought: str = text()
    date: dt.date = date(required=True)
    recorded_by: str | None = ref("practitioners")


@dataclass(frozen=True)
class SharingEvent:
    sharing_id: str = ident()
    date: dt.date = date(required=True)
    from_agency_id: str = ref("agencies", required=True)
    to_agency_id: str = ref("agencies", required=True)
    person_id: str = ref("people", required=True)
    practitioner_id: str | None = ref("practitioners")
    lawful_basis: LawfulBasis = code(LawfulBasis, required=True)
    consent_id: str | None = ref("consents")
    plan_id: str | None = ref("plans")
    purposes: frozenset[Purpose] = codes(Purpose)
    information_level: InformationLevel | None = code(InformationLevel)


@dataclass(frozen=True)
class ChildView:
    person_id: str = ref("people", required=True)
    date: dt.date = date(required=True)
    practitioner_id: str | None = ref("practitioners")
    summary: str = text()


@dataclass(frozen=True)
class RiskAssessment:
    assessment_id: str = ident()
    person_id: str = ref("people", required=True)
    practitioner_id: str | None = ref("practitioners")
    date: dt.date = date(required=True)
    dash_score: int | None = integer(0, 24)


@dataclass(frozen=True)
class Incident:
    incident_id: str = ident()
    date: dt.date = date(required=True)
    victim_person_id: str = ref("people", required=True)
    perpetrator_person_id: str | None = ref("people")
    agency_id: str = ref("agencies", required=True)


@dataclass(frozen=True)
class Action:
    action_id: str = ident()
    plan_id: str = ref("plans", required=True)
    owner_agency_id: str | None = ref("agencies")
    description: str = text()
    due_date: dt.date | None = date()
    completed_date: dt.date | None = date()
