"""A realistic MARAC month in miniature, for the MARAC tests (synthetic people, never real).

As of 27 November 2026, the meeting on 3 December 2026 hears three cases:

- **MR10**: Zoë Ó Briain (V1) and her ex-partner Marek Wąsik (P1), a MAPPA offender (MA1). Her
  children Lily (C1, 7, on child protection plan CP1) and Noah (C2, 2, Marek's son) live with
  her. Zoë was the victim in MR1 (March 2026), so MR10 is a repeat the referral did not flag.
  Police recorded three incidents this year and one last year; an IDVA scored DASH 16. Her
  sister Ana (S1) has a son on a CP plan (CP2): two hops away, so not in the family network.
  Her friend Pat (an associate) is a MAPPA offender (MA2): associates do not link.
- **MR11**: a victim whose name is a spreadsheet formula and markup (hostile input).
- **MR12**: Łucja Nowak (V3), flagged as a repeat, with a child of unknown age in the household.

MR5 and MR6 were heard on 5 November 2026; MR99 is referred after the as-of date.
"""

from __future__ import annotations

import csv
from pathlib import Path

from data_model.partnership import Partnership
from tests.builders import World

AS_OF = "2026-11-27"
MEETING = "2026-12-03"
PAST_MEETING = "2026-11-05"
HOSTILE_GIVEN = '=HYPERLINK("http://x")'
HOSTILE_FAMILY = "<b>Bold</b> **star**"


def _agencies(w: World) -> None:
    for agency_id, sector, name in [
        ("POL", "police", "Northbrook Police"), ("CSC", "children_social_care", "Northbrook Children's Services"),
        ("PRB", "probation", "Probation Service North"), ("DAS", "domestic_abuse_service", "Safe Homes IDVA Service"),
        ("HLT", "health", "Northbrook Community Health"), ("GPS", "health", "Elm Street Surgery"),
        ("SCH", "education", "St Anne's Primary School"), ("HSG", "housing", "Northbrook Homes"),
        ("SMS", "substance_misuse", "Turning Point Recovery"),
    ]:
        w.agency(agency_id, sector, name)


def _people(w: World) -> None:
    w.adult("V1", "1992-03-14", household="H1", given="Zoë", family="Ó Briain")
    w.adult("P1", "1988-07-02", household="H2", given="Marek", family="Wąsik")
    w.child("C1", "2019-06-01", household="H1", given="Lily", family="Ó Briain")
    w.child("C2", "2024-01-10", household="H1", given="Noah", family="Wąsik")
    w.adult("S1", "1990-01-20", household="H3", given="Ana", family="Ó Briain")
    w.child("S1K", "2015-04-04", household="H3", given="Sam", family="Ó Briain")
    w.adult("PAL", "1985-05-05", household="H4", given="Pat", family="Reed")
    w.relate("V1", "parent", "C1")
    w.relate("V1", "parent", "C2")
    w.relate("P1", "parent", "C2")
    w.relate("P1", "ex_partner", "V1", start="2015-01-01", end="2026-01-31")
    w.relate("S1", "sibling", "V1")
    w.relate("PAL", "associate", "V1")
    w.adult("V2", "1979-09-09", household="H5", given=HOSTILE_GIVEN, family=HOSTILE_FAMILY)
    w.adult("V3", "1995-12-01", household="H6", given="Łucja", family="Nowak")
    w.adult("P3", "1993-02-02", household="H6", given="Dean", family="Cole")
    w.person("C3", None, household="H6", given="Baby", family="Nowak")
    w.adult("V4", "1970-10-10", household="H7", given="Mary", family="Hill")
    w.adult("V5", "1999-01-01", household="H8", given="Jo", family="King")
    w.adult("V9", "2000-02-02", household="H9", given="Late", family="Referral")


def _plans(w: World) -> None:
    w.plan("MA1", "MAPPA", "2025-05-01", members={"P1": "subject"}, lead="PRB", mappa_category="2", mappa_level="2")
    w.plan("CP1", "CP_PLAN", "2026-06-01", members={"C1": "subject"}, lead="CSC", cp_category="emotional",
           next_review_date="2026-12-01")
    w.plan("CP2", "CP_PLAN", "2026-02-01", members={"S1K": "subject"}, lead="CSC", cp_category="neglect")
    w.plan("MA2", "MAPPA", "2024-01-01", members={"PAL": "subject"}, lead="PRB", mappa_category="1", mappa_level="1")
    w.plan("MR1", "MARAC", "2026-03-01", members={"V1": "victim", "P1": "perpetrator"}, lead="POL",
           end="2026-04-01", meeting_date="2026-03-12", referral_criterion="visible_high_risk", dash_score=15)
    w.plan("MR10", "MARAC", "2026-11-10", members={"V1": "victim", "P1": "perpetrator", "C2": "child_in_household"},
           lead="POL", meeting_date=MEETING, referral_criterion="visible_high_risk", dash_score=16, is_repeat=False)
    w.plan("MR11", "MARAC", "2026-11-12", members={"V2": "victim"}, lead="DAS", meeting_date=MEETING,
           referral_criterion="professional_judgement", dash_score=9)
    w.plan("MR12", "MARAC", "2026-11-15", members={"V3": "victim", "P3": "perpetrator", "C3": "child_in_household"},
           lead="POL", meeting_date=MEETING, referral_criterion="potential_escalation", dash_score=12, is_repeat=True)
    w.plan("MR5", "MARAC", "2026-10-20", members={"V4": "victim"}, lead="POL", meeting_date=PAST_MEETING,
           referral_criterion="visible_high_risk", dash_score=18)
    w.plan("MR6", "MARAC", "2026-10-22", members={"V5": "victim"}, lead="DAS", meeting_date=PAST_MEETING,
           referral_criterion="repeat", dash_score=10)
    w.plan("MR99", "MARAC", "2026-11-30", members={"V9": "victim"}, lead="POL", meeting_date=MEETING,
           referral_criterion="visible_high_risk", dash_score=20)
    w.plan_agency("MR10", "DAS", "attendee", since="2026-11-10")
    w.plan_agency("MR10", "PRB", "attendee", since="2026-11-10")
    w.plan_agency("MR10", "HSG", "informed", since="2026-11-10")


def _work(w: World) -> None:
    w.works_with("IDVA1", "V1", agency="DAS", start="2026-03-02")
    w.works_with("GP1", "V1", agency="GPS", start="2010-01-01")
    w.works_with("HSG1", "V1", agency="HSG", start="2025-01-01", end="2026-01-01")
    w.works_with("OM1", "P1", agency="PRB", start="2025-05-01")
    w.works_with("SMS1", "P1", agency="SMS", start="2026-01-15")
    w.works_with("TCH1", "C1", agency="SCH", start="2023-09-01")
    w.works_with("HV1", "C2", agency="HLT", start="2024-01-12")
    w.works_with("SW1", "C1", agency="CSC", start="2026-05-20")
    w.works_with("SW2", "S1K", agency="CSC", start="2026-01-20")
    w.works_with("IDVA2", "V3", agency="DAS", start="2026-11-01")
    for row in w.rows["practitioners"]:  # contact details, for the invitations
        row["email"] = f"{row['practitioner_id'].lower()}@{row['agency_id'].lower()}.example"
    for when in ("2025-06-01", "2026-02-20", "2026-06-15", "2026-10-30"):
        w.incident("V1", when, perpetrator="P1", agency="POL")
    w.incident("V3", "2026-11-01", perpetrator="P3", agency="POL")
    w.add("risk_assessments", assessment_id="RA1", person_id="V1", practitioner_id="IDVA1", date="2026-02-25",
          dash_score=11)
    w.add("risk_assessments", assessment_id="RA2", person_id="V1", practitioner_id="IDVA1", date="2026-11-05",
          dash_score=16)
    w.add("actions", action_id="ACT-OLD", plan_id="MR1", owner_agency_id="HSG",
          description="Install target-hardening at the home", due_date="2026-05-01")
    w.add("actions", action_id="ACT-1", plan_id="MR10", owner_agency_id="PRB",
          description="Review licence conditions with the offender manager", due_date="2026-11-20")
    w.add("actions", action_id="ACT-2", plan_id="MR10", owner_agency_id="DAS",
          description="Safety plan with the victim", due_date="2026-12-10")
    w.add("actions", action_id="ACT-3", plan_id="MR10", owner_agency_id="POL",
          description="Flag the address for urgent response", due_date="2026-11-15", completed_date="2026-11-14")


def marac_world() -> World:
    """The world described in this module's docstring, ready to :meth:`~World.build`."""
    w = World()
    _agencies(w)
    _people(w)
    _plans(w)
    _work(w)
    return w


def marac_partnership() -> Partnership:
    return marac_world().build()


def write_marac_folder(folder: Path) -> Path:
    """The world as a contract folder of CSV files (as an agency export would arrive)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in marac_world().raw().tables.items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.header)
            writer.writerows(table.rows)
    return folder
