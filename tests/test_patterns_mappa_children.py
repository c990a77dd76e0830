"""MAPPA subjects living with, or family of, children."""

from __future__ import annotations

from data_model.patterns.mappa_children import mappa_children_summary, mappa_subjects_with_children
from tests.builders import AS_OF, World


def subject_row(w: World) -> dict[str, int]:
    found = mappa_subjects_with_children(w.build(), AS_OF)
    assert len(found) <= 1
    if found.empty:
        return {}
    return {str(k): int(v) for k, v in found.iloc[0].items() if str(k).startswith(("children", "linked"))}


def mappa(w: World, subject: str = "DAD", household: str | None = "H1") -> None:
    w.adult(subject, household=household)
    w.plan("MP1", "MAPPA", "2026-01-01", {subject: "subject"}, mappa_category="1", mappa_level="1")


def test_a_mappa_subject_living_with_a_child_is_listed():
    w = World()
    mappa(w)
    w.child("KID", household="H1")
    assert subject_row(w) == {"children": 1, "children_in_household": 1, "children_related": 0,
                              "children_on_cp_plan": 0, "linked_unknown_age": 0}


def test_a_child_of_the_subject_living_elsewhere_counts_as_related():
    w = World()
    mappa(w)
    w.child("KID", household="H2")
    w.relate("DAD", "parent", "KID")
    row = subject_row(w)
    assert (row["children"], row["children_in_household"], row["children_related"]) == (1, 0, 1)


def test_a_child_who_is_both_family_and_at_home_counts_in_both_and_once_in_all():
    w = World()
    mappa(w)
    w.child("KID", household="H1")
    w.relate("DAD", "parent", "KID")
    row = subject_row(w)
    assert (row["children"], row["children_in_household"], row["children_related"]) == (1, 1, 1)


def test_an_associate_child_does_not_count():
    w = World()
    mappa(w)
    w.child("KID", household="H2")
    w.relate("DAD", "associate", "KID")
    assert subject_row(w) == {}


def test_a_child_linked_only_through_someone_else_does_not_count():
    w = World()
    mappa(w, household=None)
    w.adult("EX", household="H2"), w.child("KID", household="H2")
    w.relate("DAD", "ex_partner", "EX")
    assert subject_row(w) == {}


def test_someone_who_turned_18_on_the_as_of_date_is_not_a_child():
    w = World()
    mappa(w)
    w.person("TEEN", born="2008-11-27", household="H1")
    assert subject_row(w) == {}


def test_someone_turning_18_the_next_day_is_still_a_child():
    w = World()
    mappa(w)
    w.person("TEEN", born="2008-11-28", household="H1")
    assert subject_row(w)["children"] == 1


def test_a_linked_person_without_a_date_of_birth_is_counted_apart_not_as_a_child():
    w = World()
    mappa(w)
    w.person("UNKNOWN", household="H1")
    row = subject_row(w)
    assert (row["children"], row["linked_unknown_age"]) == (0, 1)


def test_a_linked_child_on_a_cp_plan_is_counted():
    w = World()
    mappa(w)
    w.child("KID", household="H1")
    w.plan("CP1", "CP_PLAN", "2026-02-01", {"KID": "subject"})
    assert subject_row(w)["children_on_cp_plan"] == 1


def test_a_mappa_plan_that_ended_is_not_reported():
    w = World()
    w.adult("DAD", household="H1"), w.child("KID", household="H1")
    w.plan("MP1", "MAPPA", "2025-01-01", {"DAD": "subject"}, end="2026-01-01")
    assert subject_row(w) == {}


def test_the_summary_counts_every_subject_and_those_with_children_by_category_and_level():
    w = World()
    mappa(w)
    w.child("KID", household="H1")
    w.adult("LONER")
    w.plan("MP2", "MAPPA", "2026-01-01", {"LONER": "subject"}, mappa_category="2", mappa_level="3")
    p = w.build()
    summary = mappa_children_summary(p, AS_OF, mappa_subjects_with_children(p, AS_OF))
    cells = {(c, lv): (int(s), int(k), int(n)) for c, lv, s, k, n in summary.itertuples(index=False)}
    assert cells[("1", "1")] == (1, 1, 1)
    assert cells[("2", "3")] == (1, 0, 0)
    assert len(cells) == 12 and sum(v[0] for v in cells.values()) == 2
