"""Properties of the whole rule set: every code can fire, order of rows never matters, keys are right."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from data_model.findings import KEY_FIELDS, Code
from data_model.rules import find_gaps
from tests.builders import AS_OF, World

#: The key fields each code fills (rules.md); every other key field is None.
KEYS = {
    Code.LINKED_PLAN_NOT_SHARED: {"plan_id", "agency_id"},
    Code.SIGNIFICANT_HARM_NOT_REFERRED: {"concern_id"},
    Code.CONSENT_NOT_RECORDED: {"sharing_id"},
    Code.SHARED_WITHOUT_CONSENT: {"sharing_id"},
    Code.CONSENT_NOT_SOUGHT_NO_REASON: {"consent_id"},
    Code.CHILD_VOICE_NOT_RECORDED: {"plan_id", "person_id"},
    Code.MARAC_CHILD_UNKNOWN_TO_CSC: {"plan_id", "person_id"},
    Code.MAPPA_CHILD_UNKNOWN_TO_CSC: {"plan_id", "person_id"},
    Code.ADULT_SHARING_NO_PURPOSE: {"sharing_id"},
    Code.CP_REVIEW_OVERDUE: {"plan_id"},
    Code.ACTION_OVERDUE: {"action_id"},
    Code.MARAC_REPEAT_NOT_FLAGGED: {"plan_id"},
    Code.HIGH_RISK_NOT_REFERRED: {"person_id"},
}


def troubled_partnership() -> World:
    """Two families and an offender, with one of every gap."""
    w = World()
    w.agency("CSC", "children_social_care"), w.agency("POLICE", "police"), w.agency("SCHOOL", "education")
    w.adult("MUM", household="H1"), w.child("KID", household="H1"), w.child("SIS", household="H1")
    w.adult("DAD")
    w.relate("DAD", "parent", "KID")
    w.plan("CP1", "CP_PLAN", "2026-01-10", members={"KID": "subject"}, lead="CSC")
    w.works_with("TEACHER", "SIS", agency="SCHOOL")
    w.action("CP1", due="2026-10-01", owner="CSC")
    w.concern("SIS", "2026-09-01")
    w.share("SIS", "2026-10-05", basis="consent", sender="SCHOOL", receiver="POLICE")  # SIS at risk: no consent gap
    w.child("NEXT", household="H2"), w.adult("NEXTMUM", household="H2")
    w.share("NEXT", "2026-10-05", basis="consent", sender="SCHOOL", receiver="POLICE")
    w.consent("NEXTMUM", "2026-03-01", decision="not_sought")
    w.share("NEXTMUM", "2026-10-06", basis="public_interest", sender="POLICE", receiver="SCHOOL")
    w.plan("M1", "MARAC", "2026-02-01", members={"NEXTMUM": "victim"}, lead="POLICE")
    w.plan("M2", "MARAC", "2026-09-01", members={"NEXTMUM": "victim"}, lead="POLICE")
    w.adult("OFFENDER", household="H3"), w.child("H3KID", household="H3")
    w.plan("MP1", "MAPPA", "2026-03-01", members={"OFFENDER": "subject"}, lead="POLICE")
    w.adult("VIC")
    w.assessment("VIC", "2026-08-01", 17)
    return w


def test_the_troubled_partnership_shows_every_code_with_exactly_its_key_fields():
    gaps = find_gaps(troubled_partnership().build(), AS_OF)
    assert {g.code for g in gaps} == set(Code)
    for gap in gaps:
        filled = {f for f in KEY_FIELDS if getattr(gap, f) is not None}
        assert filled == KEYS[gap.code], gap
        assert gap.summary.endswith(".") and gap.evidence


def test_gaps_come_in_code_order_then_key_order():
    gaps = find_gaps(troubled_partnership().build(), AS_OF)
    order = list(Code)
    keys = [(order.index(g.code), *(getattr(g, f) or "" for f in KEY_FIELDS)) for g in gaps]
    assert keys == sorted(keys)


def test_asking_for_some_codes_gives_exactly_those_gaps():
    p = troubled_partnership().build()
    every = find_gaps(p, AS_OF)
    chosen = [Code.CP_REVIEW_OVERDUE, Code.LINKED_PLAN_NOT_SHARED]
    assert find_gaps(p, AS_OF, chosen) == [g for g in every if g.code in chosen]


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_gaps_do_not_depend_on_the_order_of_rows(rnd: random.Random):
    w = troubled_partnership()
    assert find_gaps(w.build(rnd), AS_OF) == find_gaps(w.build(), AS_OF)
