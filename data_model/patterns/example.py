"""A small partnership whose patterns are known, for examples and tests (synthetic, never real).

As of 2025-06-30: Alan (P1) is a MAPPA subject living with Beth (P2) and their daughter Cara
(P3, on a CP plan). Alan was the perpetrator in Beth's MARAC case (closed) and then in Dina's
(P4, his ex-partner, who lives with her son Evan, P5). Finn (P6) is linked to nobody on a plan.
"""

from __future__ import annotations

from data_model.partnership import Partnership
from data_model.testing import partnership

EXAMPLE_AS_OF = "2025-06-30"

EXAMPLE_TABLES = {
    "agencies": """agency_id,name,sector
CSC,Children's Services,children_social_care
POL,Police,police
PRB,Probation,probation
HLT,Health,health""",
    "households": """household_id,address,postcode
H1,1 Elm Road,NB1 2AB
H2,2 Oak Lane,NB2 3CD
H3,3 Ash Close,NB12 4EF""",
    "people": """person_id,given_name,family_name,date_of_birth,gender,household_id,nhs_number
P1,Alan,Ashby,1980-05-01,male,H1,9434765919
P2,Beth,Ashby,1985-07-12,female,H1,9434765927
P3,Cara,Ashby,2015-03-03,female,H1,9434765935
P4,Dina,Dale,1990-11-20,female,H2,
P5,Evan,Dale,2012-08-08,male,H2,
P6,Finn,Frost,1970-01-15,male,H3,""",
    "relationships": """person_id,related_person_id,relationship,start_date,end_date
P1,P4,ex_partner,,
P2,P3,parent,,""",
    "plans": """plan_id,plan_type,lead_agency_id,start_date,end_date,mappa_category,mappa_level
MA1,MAPPA,PRB,2024-01-01,,1,2
CP1,CP_PLAN,CSC,2025-02-01,,,
MR1,MARAC,POL,2025-01-10,2025-02-01,,
MR2,MARAC,POL,2025-03-01,2025-05-01,,""",
    "plan_members": """plan_id,person_id,role
MA1,P1,subject
CP1,P3,subject
MR1,P2,victim
MR1,P1,perpetrator
MR2,P4,victim
MR2,P1,perpetrator""",
    "plan_agencies": """plan_id,agency_id,role,since
CP1,CSC,lead,2025-02-01
MA1,POL,duty_to_cooperate,2024-01-01""",
    "sharing_events": """sharing_id,date,from_agency_id,to_agency_id,person_id,lawful_basis,purposes
S1,2025-05-02,POL,CSC,P3,significant_harm,child_protection
S2,2025-05-03,PRB,POL,P1,public_interest,reduce_offending_risk;coordinate_responses""",
}


def example_partnership() -> Partnership:
    """The partnership described in this module's docstring."""
    return partnership(**EXAMPLE_TABLES)
