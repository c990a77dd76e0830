"""Finding a person, and the Family network's side panel."""

from __future__ import annotations

from data_model.person_profile import find_people, person_age, plans_of, practitioners_of
from tests.builders import AS_OF, World


def _world() -> World:
    w = World()
    w.adult("P1", given="Ann", family="Smith")
    w.child("P2", given="Leo", family="Smith")
    w.adult("P12", given="Smithy", family="Jones")
    w.plan("CP1", "CP_PLAN", "2026-01-01", members={"P2": "subject"}, lead="CSC")
    w.plan("CP0", "CP_PLAN", "2020-01-01", end="2021-01-01", members={"P2": "subject"})
    w.plan("CP9", "CP_PLAN", "2027-01-01", members={"P2": "subject"})
    w.works_with("SW", "P2", agency="CSC", sector="children_social_care")
    w.works_with("OLD", "P2", agency="CSC", end="2025-01-01")
    return w


def test_every_word_of_the_search_must_be_in_the_name() -> None:
    assert find_people(_world().build(), "ann smith")["person_id"].tolist() == ["P1"]


def test_an_exact_id_comes_before_names_that_contain_it() -> None:
    w = _world()
    w.adult("X", given="P12", family="Zed")
    assert find_people(w.build(), "p12")["person_id"].tolist()[0] == "P12"


def test_a_search_that_matches_no_one_finds_no_one() -> None:
    assert find_people(_world().build(), "nobody").empty


def test_plans_of_a_person_show_the_active_first_and_not_future_ones() -> None:
    plans = plans_of(_world().build(), "P2", AS_OF)
    assert plans[["plan_id", "active"]].values.tolist() == [["CP1", True], ["CP0", False]]


def test_only_practitioners_still_involved_work_with_them() -> None:
    workers = practitioners_of(_world().build(), "P2", AS_OF)
    assert workers["practitioner"].tolist() == ["Practitioner SW"]


def test_age_is_unknown_without_a_date_of_birth() -> None:
    w = _world()
    w.person("NOBIRTH")
    assert person_age(w.build(), "NOBIRTH", AS_OF) is None
    assert person_age(w.build(), "P2", AS_OF) == 10
