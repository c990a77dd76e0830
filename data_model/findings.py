"""What the analyses answer: gaps (rules.md's thirteen codes) and who-needs-to-know rows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Code(StrEnum):
    LINKED_PLAN_NOT_SHARED = "LINKED_PLAN_NOT_SHARED"
    SIGNIFICANT_HARM_NOT_REFERRED = "SIGNIFICANT_HARM_NOT_REFERRED"
    CONSENT_NOT_RECORDED = "CONSENT_NOT_RECORDED"
    SHARED_WITHOUT_CONSENT = "SHARED_WITHOUT_CONSENT"
    CONSENT_NOT_SOUGHT_NO_REASON = "CONSENT_NOT_SOUGHT_NO_REASON"
    CHILD_VOICE_NOT_RECORDED = "CHILD_VOICE_NOT_RECORDED"
    MARAC_CHILD_UNKNOWN_TO_CSC = "MARAC_CHILD_UNKNOWN_TO_CSC"
    MAPPA_CHILD_UNKNOWN_TO_CSC = "MAPPA_CHILD_UNKNOWN_TO_CSC"
    ADULT_SHARING_NO_PURPOSE = "ADULT_SHARING_NO_PURPOSE"
    CP_REVIEW_OVERDUE = "CP_REVIEW_OVERDUE"
    ACTION_OVERDUE = "ACTION_OVERDUE"
    MARAC_REPEAT_NOT_FLAGGED = "MARAC_REPEAT_NOT_FLAGGED"
    HIGH_RISK_NOT_REFERRED = "HIGH_RISK_NOT_REFERRED"


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


#: The key fields of every gap (rules.md); each gap fills those of its code, the rest are None.
KEY_FIELDS = ("plan_id", "agency_id", "person_id", "concern_id", "sharing_id", "consent_id", "action_id")


@dataclass(frozen=True)
class Gap:
    code: Code
    severity: Severity
    summary: str  # one sentence a practitioner can act on, naming people and agencies
    evidence: tuple[str, ...]  # the records (and path) that made it fire, e.g. "plans:PL1"
    plan_id: str | None = None
    agency_id: str | None = None
    person_id: str | None = None
    concern_id: str | None = None
    sharing_id: str | None = None
    consent_id: str | None = None
    action_id: str | None = None

    @property
    def key(self) -> tuple[str, ...]:
        """The code and its key fields: stable across runs and re-imports (for gap statuses)."""
        return (self.code.value, *(getattr(self, f) or "" for f in KEY_FIELDS))

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["code"] = self.code.value
        out["severity"] = self.severity.value
        out["evidence"] = list(self.evidence)
        return out


@dataclass(frozen=True)
class DataQualityFinding:
    """A record a rule could not judge (e.g. an age rule and no date of birth)."""

    rule: str
    table: str
    record_id: str
    problem: str


class Status(StrEnum):
    PART_OF_PLAN = "part_of_plan"
    INFORMED = "informed"
    NOT_INFORMED = "not_informed"


@dataclass(frozen=True)
class NeedToKnow:
    """One (practitioner, person) row of who-needs-to-know for a plan."""

    plan_id: str
    agency_id: str
    practitioner_id: str
    person_id: str
    status: Status
    information_level: str  # "full" | "fact_of_concern"
    path: tuple[str, ...]
    link: str  # "member", a relationship kind, or "household"
    lawful_basis: str  # "significant_harm" | "consent"
    consent_in_force: bool

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["status"] = self.status.value
        out["path"] = list(self.path)
        return out
