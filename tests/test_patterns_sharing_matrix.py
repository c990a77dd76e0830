"""The sharing matrix: events from agency to agency, by purpose."""

from __future__ import annotations

from data_model.patterns.sharing_matrix import NO_PURPOSE, sharing_matrix
from tests.builders import AS_OF, World


def matrix(w: World, days: int = 365) -> dict[tuple[str, str, str], int]:
    found = sharing_matrix(w.build(), AS_OF, days)
    keys = zip(found["from_agency_id"], found["to_agency_id"], found["purpose"], strict=True)
    return {(str(a), str(b), str(c)): int(n) for (a, b, c), n in zip(keys, found["events"], strict=True)}


def test_an_event_naming_two_purposes_counts_once_under_each():
    w = World()
    w.adult("ANN")
    w.share("ANN", "2026-10-01", purposes="coordinate_responses;access_support", sender="POL", receiver="ASC")
    assert matrix(w) == {("POL", "ASC", "access_support"): 1, ("POL", "ASC", "coordinate_responses"): 1}


def test_an_event_naming_no_purpose_counts_under_none():
    w = World()
    w.adult("ANN")
    w.share("ANN", "2026-10-01", sender="POL", receiver="ASC")
    assert matrix(w) == {("POL", "ASC", NO_PURPOSE): 1}


def test_events_between_the_same_agencies_for_the_same_purpose_add_up_by_direction():
    w = World()
    w.adult("ANN"), w.child("KID")
    w.share("KID", "2026-10-01", purposes="child_protection", sender="POL", receiver="CSC")
    w.share("KID", "2026-10-02", purposes="child_protection", sender="POL", receiver="CSC")
    w.share("KID", "2026-10-03", purposes="child_protection", sender="CSC", receiver="POL")
    assert matrix(w) == {("POL", "CSC", "child_protection"): 2, ("CSC", "POL", "child_protection"): 1}


def test_events_before_the_period_or_after_the_as_of_date_are_left_out():
    w = World()
    w.adult("ANN")
    w.share("ANN", "2026-08-29", purposes="access_support", sender="POL", receiver="ASC")
    w.share("ANN", "2026-08-30", purposes="access_support", sender="POL", receiver="ASC")
    w.share("ANN", "2026-11-28", purposes="access_support", sender="POL", receiver="ASC")
    assert matrix(w, days=89) == {("POL", "ASC", "access_support"): 1}


def test_the_matrix_names_the_agencies():
    w = World()
    w.agency("POL", "police", "Northbrook Police")
    w.agency("CSC", "children_social_care", "Children's Services")
    w.child("KID")
    w.share("KID", "2026-10-01", purposes="child_protection", sender="POL", receiver="CSC")
    row = sharing_matrix(w.build(), AS_OF).iloc[0]
    assert (row["from_agency"], row["to_agency"]) == ("Northbrook Police", "Children's Services")
