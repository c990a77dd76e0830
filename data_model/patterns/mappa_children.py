"""MAPPA subjects who live with, or are family of, children.

A child is linked to an active MAPPA plan's subject when they share the subject's household or
have an active family relationship with them (rules.md's *linked people*; ``associate`` does not
link), and is under 18 on the as-of date. People with no date of birth are counted apart, never
guessed.
"""

from __future__ import annotations

import pandas as pd

from data_model.links import HOUSEHOLD, linked_pairs
from data_model.partnership import Partnership
from data_model.patterns.active import AsOf, active_members, active_plans, children_on
from data_model.records import MappaCategory, MappaLevel, MemberRole, PlanType

UNKNOWN = "unknown"
COLUMNS = [
    "plan_id", "subject_id", "mappa_category", "mappa_level", "children", "children_in_household",
    "children_related", "children_on_cp_plan", "linked_unknown_age",
]


def _subjects(p: Partnership, as_of: AsOf) -> pd.DataFrame:
    members = active_members(p, as_of)
    subjects = members[(members["plan_type"] == PlanType.MAPPA.value) & (members["role"] == MemberRole.SUBJECT.value)]
    plans = active_plans(p, as_of)[["plan_id", "mappa_category", "mappa_level"]]
    return subjects[["plan_id", "person_id"]].rename(columns={"person_id": "subject_id"}).merge(plans, on="plan_id")


def _links(p: Partnership, as_of: AsOf, subject_ids: list[str]) -> pd.DataFrame:
    """(subject_id, linked_id, in_household, related): one row per linked person of a subject."""
    pairs = linked_pairs(p, as_of, of=subject_ids).rename(columns={"person_id": "subject_id"})
    home = p.people.set_index("person_id")["household_id"]
    same_home = home.reindex(pairs["subject_id"]).to_numpy() == home.reindex(pairs["linked_id"]).to_numpy()
    # A pair named by a relationship kind may share a household as well; one named household is not related.
    return pairs.assign(in_household=same_home & home.reindex(pairs["subject_id"]).notna().to_numpy(),
                        related=pairs["link"] != HOUSEHOLD)


def mappa_subjects_with_children(p: Partnership, as_of: AsOf) -> pd.DataFrame:
    """Active MAPPA subjects with at least one linked child (or linked person of unknown age).

    Columns: ``plan_id``, ``subject_id``, ``mappa_category``, ``mappa_level``, ``children``,
    ``children_in_household``, ``children_related``, ``children_on_cp_plan``,
    ``linked_unknown_age``; most children first.

    Examples
    --------
    >>> from data_model.patterns.example import EXAMPLE_AS_OF, example_partnership
    >>> row = mappa_subjects_with_children(example_partnership(), EXAMPLE_AS_OF).iloc[0]
    >>> row["subject_id"], int(row["children"]), int(row["children_on_cp_plan"])
    ('P1', 1, 1)
    """
    subjects = _subjects(p, as_of)
    links = _links(p, as_of, sorted(set(subjects["subject_id"])))
    linked = p.people[p.people["person_id"].isin(links["linked_id"])]
    children = children_on(p, as_of, among=linked["person_id"])
    unknown = pd.Index(linked.loc[linked["date_of_birth"].isna(), "person_id"])
    members = active_members(p, as_of)
    on_cp = pd.Index(members.loc[members["plan_type"] == PlanType.CP_PLAN.value, "person_id"])
    kids = links[links["linked_id"].isin(children)]
    per_subject = pd.DataFrame({
        "children": kids.groupby("subject_id")["linked_id"].nunique(),
        "children_in_household": kids[kids["in_household"]].groupby("subject_id")["linked_id"].nunique(),
        "children_related": kids[kids["related"]].groupby("subject_id")["linked_id"].nunique(),
        "children_on_cp_plan": kids[kids["linked_id"].isin(on_cp)].groupby("subject_id")["linked_id"].nunique(),
        "linked_unknown_age": links[links["linked_id"].isin(unknown)].groupby("subject_id")["linked_id"].nunique(),
    })
    out = subjects.merge(per_subject.rename_axis("subject_id").reset_index(), on="subject_id", how="inner")
    counts = COLUMNS[4:]
    out[counts] = out[counts].fillna(0).astype("Int64")
    out = out[(out["children"] > 0) | (out["linked_unknown_age"] > 0)]
    return out[COLUMNS].sort_values(["children", "plan_id", "subject_id"], ascending=[False, True, True]) \
        .reset_index(drop=True)


def _values(codes: type[MappaCategory] | type[MappaLevel], seen: pd.Series) -> list[str]:
    """Every code, then ``unknown`` when some subject's plan has none."""
    return [c.value for c in codes] + ([UNKNOWN] if (seen == UNKNOWN).any() else [])


def mappa_children_summary(p: Partnership, as_of: AsOf, found: pd.DataFrame) -> pd.DataFrame:
    """Active MAPPA subjects by category and level: all, those with linked children, and the children.

    ``found`` is :func:`mappa_subjects_with_children` for the same date. Every category and
    level is listed (zeros kept); a plan without one counts as ``unknown``.
    """
    keys = ["mappa_category", "mappa_level"]
    subjects = _subjects(p, as_of).drop_duplicates("subject_id")
    subjects[keys] = subjects[keys].fillna(UNKNOWN)
    with_kids = found[found["children"] > 0].drop_duplicates("subject_id").copy()
    with_kids[keys] = with_kids[keys].fillna(UNKNOWN)
    grid = pd.MultiIndex.from_product(
        [_values(MappaCategory, subjects["mappa_category"]), _values(MappaLevel, subjects["mappa_level"])], names=keys
    )
    out = pd.DataFrame({
        "subjects": subjects.groupby(keys).size(),
        "subjects_with_children": with_kids.groupby(keys).size(),
        "children": with_kids.groupby(keys)["children"].sum(),
    }).reindex(grid).fillna(0).astype("Int64")
    return out.reset_index()
