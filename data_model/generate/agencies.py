"""The agencies of the Northbrook Safeguarding Partnership, and the practitioners' roles in each.

Caseloads are the number of people a practitioner works with at one time (assumptions in line
with published workforce figures: about 17 children per children's social worker, 300-400
children per health visitor, 40 cases per probation officer).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

CSC = "AG-CSC"
POLICE = "AG-POLICE"
PROBATION = "AG-PROBATION"
HOSPITAL = "AG-HOSPITAL"
COMMUNITY_HEALTH = "AG-COMMUNITY-HEALTH"
GP = "AG-GP"
MENTAL_HEALTH = "AG-MENTAL-HEALTH"
PRIMARY = "AG-PRIMARY"
ST_AIDANS = "AG-ST-AIDANS"
SECONDARY = "AG-SECONDARY"
HOUSING = "AG-HOUSING"
HOMES = "AG-HOMES"
ADULT_CARE = "AG-ASC"
DA_SERVICE = "AG-DA-SERVICE"
YOUTH_JUSTICE = "AG-YOUTH-JUSTICE"
RECOVERY = "AG-RECOVERY"
ADVICE = "AG-ADVICE"


@dataclass(frozen=True)
class Agency:
    """An agency of the partnership and the roles its practitioners hold."""
    agency_id: str
    name: str
    sector: str
    email_domain: str
    #: (practitioner role, people per practitioner)
    roles: tuple[tuple[str, int], ...]


AGENCIES: tuple[Agency, ...] = (
    Agency(CSC, "Northbrook Borough Council Children's Social Care", "children_social_care",
           "northbrook-council.example", (("Social worker", 17), ("Family support worker", 25))),
    Agency(POLICE, "Northbrook Police", "police", "northbrook-police.example",
           (("Public protection officer", 55), ("Domestic abuse officer", 45), ("Police constable", 60))),
    Agency(PROBATION, "Probation Service, Northbrook Probation Delivery Unit", "probation",
           "probation-northbrook.example", (("Probation officer", 40),)),
    Agency(HOSPITAL, "Northbrook General Hospital NHS Trust", "health", "nbgh-nhs.example",
           (("Safeguarding nurse", 120),)),
    Agency(COMMUNITY_HEALTH, "Northbrook Community Health NHS Trust", "health", "nbch-nhs.example",
           (("Health visitor", 350), ("School nurse", 600))),
    Agency(GP, "Northbrook GP Federation", "health", "northbrook-gps.example", (("GP", 300),)),
    Agency(MENTAL_HEALTH, "Northbrook and Weyside Mental Health NHS Foundation Trust", "mental_health",
           "nwmh-nhs.example", (("Community psychiatric nurse", 35),)),
    Agency(PRIMARY, "Northbrook Primary Learning Trust", "education", "northbrook-learning.example",
           (("Class teacher", 28),)),
    Agency(ST_AIDANS, "St Aidan's Catholic Academy Trust", "education", "st-aidans-trust.example",
           (("Class teacher", 28), ("Head of year", 180))),
    Agency(SECONDARY, "Kingsmere and Weyside Academies", "education", "kw-academies.example",
           (("Head of year", 180),)),
    Agency(HOUSING, "Northbrook Borough Council Housing Options", "housing", "northbrook-council.example",
           (("Housing options officer", 120),)),
    Agency(HOMES, "Northbrook Homes", "housing", "northbrook-homes.example",
           (("Tenancy sustainment officer", 100),)),
    Agency(ADULT_CARE, "Northbrook Borough Council Adult Social Care", "adult_social_care",
           "northbrook-council.example", (("Adult social worker", 25),)),
    Agency(DA_SERVICE, "Safe at Home Northbrook", "domestic_abuse_service", "safeathome-northbrook.example",
           (("IDVA", 25), ("Outreach worker", 40))),
    Agency(YOUTH_JUSTICE, "Northbrook Youth Justice Service", "youth_justice", "northbrook-council.example",
           (("Youth justice officer", 12),)),
    Agency(RECOVERY, "Northbrook Recovery Partnership", "substance_misuse", "northbrook-recovery.example",
           (("Recovery worker", 50),)),
    Agency(ADVICE, "Citizens Advice Northbrook", "other", "ca-northbrook.example", (("Adviser", 200),)),
)
BY_ID = {a.agency_id: a for a in AGENCIES}
SECTOR = {a.agency_id: a.sector for a in AGENCIES}


def agencies_frame() -> pd.DataFrame:
    """The agencies table."""
    return pd.DataFrame({
        "agency_id": [a.agency_id for a in AGENCIES],
        "name": [a.name for a in AGENCIES],
        "sector": [a.sector for a in AGENCIES],
    })
