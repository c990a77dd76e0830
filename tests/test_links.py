"""Linked people (rules.md): household or an active linking relationship, either way, one hop."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from data_model.graph import build_graph, linked_people
from data_model.links import LINK_ORDER, linked_pairs
from tests.builders import AS_OF, World


def links(w: World, of: list[str] | None = None, as_of: str = AS_OF) -> set[tuple[str, str, str]]:
    return {tuple(r) for r in linked_pairs(w.build(), as_of, of=of).itertuples(index=False)}


def test_people_sharing_a_household_are_linked_both_ways():
    w = World()
    w.adult("MUM", household="H1"), w.child("KID", household="H1"), w.adult("NEXTDOOR", household="H2")
    assert links(w) == {("MUM", "KID", "household"), ("KID", "MUM", "household")}


def test_people_with_no_household_are_not_linked_by_it():
    w = World()
    w.adult("A"), w.adult("B")
    assert links(w) == set()


def test_a_parent_relationship_links_both_ways():
    w = World()
    w.adult("MUM"), w.child("KID")
    w.relate("MUM", "parent", "KID")
    assert links(w) == {("MUM", "KID", "parent"), ("KID", "MUM", "parent")}


def test_an_associate_does_not_link():
    w = World()
    w.adult("MUM"), w.adult("PAL")
    w.relate("PAL", "associate", "MUM")
    assert links(w) == set()


def test_a_relationship_that_ended_does_not_link():
    w = World()
    w.adult("MUM"), w.adult("EX")
    w.relate("EX", "partner", "MUM", start="2020-01-01", end="2026-11-26")
    assert links(w) == set()


def test_a_relationship_ending_on_the_as_of_date_still_links():
    w = World()
    w.adult("MUM"), w.adult("EX")
    w.relate("EX", "partner", "MUM", end=AS_OF)
    assert ("MUM", "EX", "partner") in links(w)


def test_a_relationship_that_starts_after_the_as_of_date_does_not_link_yet():
    w = World()
    w.adult("MUM"), w.adult("NEW")
    w.relate("NEW", "partner", "MUM", start="2026-11-28")
    assert links(w) == set()


def test_a_relationship_ending_after_the_as_of_date_has_not_ended_yet():
    w = World()
    w.adult("MUM"), w.adult("EX")
    w.relate("EX", "partner", "MUM", end="2027-01-01")
    assert ("MUM", "EX", "partner") in links(w)


def test_a_relationship_to_oneself_is_ignored():
    w = World()
    w.adult("ME")
    w.relate("ME", "sibling", "ME")
    assert links(w) == set()


def test_a_relationship_names_the_link_even_when_they_share_a_household():
    w = World()
    w.adult("DAD", household="H1"), w.child("KID", household="H1")
    w.relate("DAD", "step_parent", "KID")
    assert links(w) == {("DAD", "KID", "step_parent"), ("KID", "DAD", "step_parent")}


def test_the_closest_kind_names_a_pair_linked_twice_whatever_the_row_order():
    w = World()
    w.adult("NAN"), w.child("KID")
    w.relate("NAN", "carer", "KID")
    w.relate("KID", "grandparent", "NAN")  # recorded the wrong way round, but still a link
    for seed in range(5):
        got = {tuple(r) for r in linked_pairs(w.build(random.Random(seed)), AS_OF).itertuples(index=False)}
        assert got == {("NAN", "KID", "carer"), ("KID", "NAN", "carer")}
    assert LINK_ORDER.index("carer") < LINK_ORDER.index("grandparent")


def test_a_mothers_brother_is_not_linked_to_her_child():
    w = World()
    w.adult("MUM", household="H1"), w.child("KID", household="H1"), w.adult("UNCLE")
    w.relate("UNCLE", "sibling", "MUM")
    assert {(a, b) for a, b, _ in links(w) if "KID" in (a, b)} == {("KID", "MUM"), ("MUM", "KID")}


def test_of_gives_only_the_linked_people_of_those_named():
    w = World()
    w.adult("MUM", household="H1"), w.child("KID", household="H1"), w.adult("GRAN")
    w.relate("GRAN", "grandparent", "KID")
    assert links(w, of=["KID"]) == {("KID", "MUM", "household"), ("KID", "GRAN", "grandparent")}


# --- properties --------------------------------------------------------------------------------

PEOPLE = [f"P{i}" for i in range(6)]
KINDS = ["parent", "step_parent", "carer", "sibling", "partner", "ex_partner", "grandparent", "other_family",
         "associate"]
DATES = [None, "2025-01-01", "2026-11-26", AS_OF, "2026-11-28"]


@st.composite
def worlds(draw: st.DrawFn) -> World:
    w = World()
    for person in PEOPLE:
        w.person(person, household=draw(st.sampled_from([None, "H1", "H2"])))
    rows = draw(st.lists(st.tuples(st.sampled_from(PEOPLE), st.sampled_from(KINDS), st.sampled_from(PEOPLE),
                                   st.sampled_from(DATES), st.sampled_from(DATES)), max_size=8))
    seen = set()
    for a, kind, b, start, end in rows:
        if (a, b, kind, start) not in seen:  # the contract's key for a relationship
            seen.add((a, b, kind, start))
            w.relate(a, kind, b, start=start, end=end)
    return w


@settings(max_examples=60, deadline=None)
@given(worlds())
def test_linking_is_symmetric_and_names_a_pair_the_same_both_ways(w: World):
    pairs = links(w)
    assert {(b, a, link) for a, b, link in pairs} == pairs
    assert len({(a, b) for a, b, _ in pairs}) == len(pairs)


@settings(max_examples=60, deadline=None)
@given(worlds())
def test_linked_pairs_agree_with_the_partnership_graph(w: World):
    p = w.build()
    G = build_graph(p, AS_OF)
    table = linked_pairs(p, AS_OF)
    for person in PEOPLE:
        assert set(table.loc[table["person_id"] == person, "linked_id"]) == linked_people(G, person)


@settings(max_examples=30, deadline=None)
@given(worlds(), st.randoms(use_true_random=False))
def test_linked_pairs_do_not_depend_on_row_order(w: World, rnd: random.Random):
    assert linked_pairs(w.build(rnd), AS_OF).equals(linked_pairs(w.build(), AS_OF))
