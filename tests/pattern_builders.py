"""A partnership where every pattern report finds something, with personal data that must never
reach an analyst export; and a scan of export cells for that data.

As of 2026-11-27: Alaric Quixley (MAPPA) lives with Bronwen and their daughter Cordelia (CP plan).
Alaric was the perpetrator in Bronwen's MARAC case and then in Delphine Zebedee's (his
ex-partner, living with her son Evander), and police recorded him harming Gwenllian Ortolan, a
MARAC victim of Fenwick Ortolan. Bronwen came back to MARAC within the year, unflagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from data_model.partnership import Partnership
from tests.builders import World

AS_OF = "2026-11-27"
HOUSEHOLDS = {
    "HOUSE-ASH": ("14 Quarry Lane, Northbrook", "NB3 7QX"),
    "HOUSE-DALE": ("7 Wren Court, Northbrook", "NB5 2LP"),
    "HOUSE-FROST": ("99 Juniper Row, Northbrook", "NB8 4TT"),
}
PEOPLE = (  # id, given, family, born, gender, household, NHS number
    ("PERSON-ALARIC", "Alaric", "Quixley", "1979-04-17", "male", "HOUSE-ASH", "4857773456"),
    ("PERSON-BRONWEN", "Bronwen", "Quixley", "1986-09-23", "female", "HOUSE-ASH", "4857773464"),
    ("PERSON-CORDELIA", "Cordelia", "Quixley", "2014-06-05", "girl", "HOUSE-ASH", "4857773472"),
    ("PERSON-DELPHINE", "Delphine", "Zebedee", "1991-12-03", "Female", "HOUSE-DALE", ""),
    ("PERSON-EVANDER", "Evander", "Zebedee", "2016-10-13", "male", "HOUSE-DALE", "4857773480"),
    ("PERSON-FENWICK", "Fenwick", "Ortolan", "1968-02-22", "non-binary", "HOUSE-FROST", ""),
    ("PERSON-GWENLLIAN", "Gwenllian", "Ortolan", "1975-08-09", "", "HOUSE-FROST", ""),
)


def risky_world() -> World:
    """The partnership of this module's docstring, as a builder."""
    w = World()
    w.agency("POL", "police", "Northbrook Police")
    w.agency("CSC", "children_social_care", "Northbrook Children's Services")
    w.agency("PRB", "probation", "Probation Service")
    w.agency("SCH", "education", "Northbrook Academy")
    for household_id, (address, postcode) in HOUSEHOLDS.items():
        w.add("households", household_id=household_id, address=address, postcode=postcode)
    for pid, given, family, born, gender, home, nhs in PEOPLE:
        w.add("people", person_id=pid, given_name=given, family_name=family, date_of_birth=born, gender=gender,
              household_id=home, nhs_number=nhs)
    w.relate("PERSON-ALARIC", "ex_partner", "PERSON-DELPHINE")
    w.relate("PERSON-BRONWEN", "parent", "PERSON-CORDELIA")
    w.plan("MAPPA-7001", "MAPPA", "2025-03-14", {"PERSON-ALARIC": "subject"}, lead="PRB", mappa_category="2",
           mappa_level="2")
    w.plan("CPP-9001", "CP_PLAN", "2026-02-16", {"PERSON-CORDELIA": "subject"}, lead="CSC", cp_category="neglect",
           next_review_date="2026-08-16")
    w.plan("MARAC-A", "MARAC", "2026-01-09", {"PERSON-BRONWEN": "victim", "PERSON-ALARIC": "perpetrator"},
           lead="POL", end="2026-03-02")
    w.plan("MARAC-B", "MARAC", "2026-05-20", {"PERSON-DELPHINE": "victim", "PERSON-ALARIC": "perpetrator",
                                              "PERSON-EVANDER": "child_in_household"}, lead="POL")
    w.plan("MARAC-C", "MARAC", "2026-06-11", {"PERSON-BRONWEN": "victim"}, lead="POL")
    w.plan("MARAC-D", "MARAC", "2026-04-03", {"PERSON-GWENLLIAN": "victim", "PERSON-FENWICK": "perpetrator"},
           lead="POL")
    w.incident("PERSON-GWENLLIAN", "2026-07-19", perpetrator="PERSON-ALARIC", agency="POL")
    w.add("practitioners", practitioner_id="PRACT-HOLLIS", agency_id="SCH", name="Hollis Vantongeren",
          role="Head of Year", email="hollis.vantongeren@academy.example", phone="01632 960 117")
    w.add("involvements", practitioner_id="PRACT-HOLLIS", person_id="PERSON-CORDELIA", start_date="2025-09-01")
    w.add("concerns", concern_id="CONCERN-41", person_id="PERSON-CORDELIA", practitioner_id="PRACT-HOLLIS",
          date="2026-10-02", significant_harm_suspected="true", summary="Cordelia said Alaric frightens her")
    w.share("PERSON-CORDELIA", "2026-02-20", basis="significant_harm", purposes="child_protection",
            sender="POL", receiver="CSC")
    w.share("PERSON-ALARIC", "2026-05-21", basis="public_interest",
            purposes="reduce_offending_risk;coordinate_responses", sender="PRB", receiver="POL")
    w.share("PERSON-BRONWEN", "2026-06-12", basis="public_interest", sender="POL", receiver="SCH")
    w.add("actions", action_id="ACTION-77", plan_id="MARAC-B", owner_agency_id="POL",
          description="Visit Delphine Zebedee at 7 Wren Court", due_date="2026-06-30")
    return w


def risky_partnership() -> Partnership:
    return risky_world().build()


def sensitive_values(p: Partnership) -> set[str]:
    """Everything that identifies someone: names, dates of birth, addresses, postcodes, NHS numbers,
    contact details, free text, and the raw ids of people, households, practitioners, plans and events."""
    found: set[str] = set()
    people = p.people
    found |= set(people["given_name"]) | set(people["family_name"]) | set(people["nhs_number"])
    found |= {d.date().isoformat() for d in people["date_of_birth"].dropna()}
    found |= {d.strftime("%d/%m/%Y") for d in people["date_of_birth"].dropna()}
    found |= set(p.households["address"]) | set(p.households["postcode"])
    for column in ("name", "email", "phone"):
        found |= set(p.practitioners[column])
    for table, column in (("concerns", "summary"), ("actions", "description"), ("child_views", "summary"),
                          ("consents", "reason_not_sought")):
        found |= set(p[table][column])
    for table, column in (("people", "person_id"), ("households", "household_id"), ("plans", "plan_id"),
                          ("practitioners", "practitioner_id"), ("concerns", "concern_id"),
                          ("referrals", "referral_id"), ("consents", "consent_id"), ("sharing_events", "sharing_id"),
                          ("risk_assessments", "assessment_id"), ("incidents", "incident_id"),
                          ("actions", "action_id")):
        found |= set(p[table][column])
    return {str(v).strip() for v in found if str(v).strip()}


WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'./@\-]*")


def leaks(cells: Iterable[object], sensitive: set[str]) -> list[tuple[str, str]]:
    """(cell, what it gives away) for every cell holding a sensitive value: as the whole cell, as
    one of its words, or (for values of several words, like addresses) anywhere in it."""
    lowered = {s.lower() for s in sensitive}
    phrases = [s for s in lowered if " " in s or "," in s]
    found = []
    for cell in cells:
        text = str(cell).strip().lower()
        if not text:
            continue
        words = {w.strip(".'-") for w in WORD.findall(text)} | {text}
        hits = (words & lowered) | {ph for ph in phrases if ph in text}
        found += [(text, h) for h in sorted(hits)]
    return found
