"""Sharing gaps: a linked plan an agency has not been told of, and adult sharing with no purpose.

Also the ages of the people sharing events are about, which the consent rules share: a sharing
event is about a child or an adult *on its date*, and never by guess when the date of birth is
empty (such people become data-quality findings).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from data_model.findings import Code, DataQualityFinding, Gap, Severity, Status
from data_model.records import ADULT_PURPOSES
from data_model.rules.context import Context, name_list, rows_of
from data_model.rules.dates import ADULT_AGE, age_on, born_unknown
from data_model.rules.explain import connection, day, path_evidence
from data_model.rules.harm import plans_with_child_at_risk
from data_model.rules.who_needs_to_know import need_to_know

_ADULT_PURPOSE = re.compile(r"(?:^|;)(?:" + "|".join(p.value for p in ADULT_PURPOSES) + r")(?:;|$)")
MOST_NAMED = 3


def sharing_ages(ctx: Context) -> pd.DataFrame:
    """Visible sharing events with ``child``, ``adult`` and ``age_unknown`` (on the event's date)."""
    return ctx.shared(_sharing_ages)


def _sharing_ages(ctx: Context) -> pd.DataFrame:
    sharing = ctx.events("sharing_events")
    born = ctx.born(sharing["person_id"])
    age = age_on(born, sharing["date"])
    return sharing.assign(child=(age < ADULT_AGE).fillna(False).to_numpy(dtype=bool),
                          adult=(age >= ADULT_AGE).fillna(False).to_numpy(dtype=bool),
                          age_unknown=born_unknown(born).to_numpy())


def about_children(ctx: Context) -> pd.DataFrame:
    sharing = sharing_ages(ctx)
    return sharing[sharing["child"]]


def unknown_age_findings(code: Code, sharing: pd.DataFrame) -> list[DataQualityFinding]:
    """One finding per person with no date of birth, naming the sharing events it left unjudged."""
    findings = []
    for person_id, ids in sharing.groupby("person_id")["sharing_id"]:
        listed = sorted(ids)
        which = f"sharing events {', '.join(listed)} were" if len(listed) > 1 else f"sharing event {listed[0]} was"
        findings.append(DataQualityFinding(
            code.value, "people", str(person_id),
            f"no date of birth, so {code.value} cannot tell whether {which} about a child or an adult"))
    return findings


def names_no_adult_purpose(purposes: pd.Series) -> np.ndarray:
    """True where a ``;``-joined purposes cell names none of the nine adult-safeguarding purposes.

    Examples
    --------
    >>> names_no_adult_purpose(pd.Series(["", "child_protection", "access_support;child_protection"]))
    array([ True,  True, False])
    """
    return ~purposes.fillna("").astype(str).str.contains(_ADULT_PURPOSE).to_numpy(dtype=bool)


def adult_sharing_no_purpose(ctx: Context) -> list[Gap]:
    """Sharing about an adult (on its date) that names none of the nine adult-safeguarding purposes."""
    sharing = sharing_ages(ctx)
    sharing = sharing[sharing["adult"].to_numpy() & names_no_adult_purpose(sharing["purposes"])]
    return [
        Gap(Code.ADULT_SHARING_NO_PURPOSE, Severity.LOW,
            f"{ctx.agency_name(s.from_agency_id)} shared information about {ctx.person_name(s.person_id)}, "
            f"an adult, with {ctx.agency_name(s.to_agency_id)} on {day(s.date)} without naming which "
            f"adult-safeguarding purpose it served.",
            (f"sharing_events:{s.sharing_id} (purposes: {s.purposes or 'none'})",
             f"people:{s.person_id} (an adult on {day(s.date)})"),
            sharing_id=s.sharing_id)
        for s in rows_of(sharing)
    ]


def adult_sharing_unknown_ages(ctx: Context) -> list[DataQualityFinding]:
    sharing = sharing_ages(ctx)
    sharing = sharing[sharing["age_unknown"].to_numpy() & names_no_adult_purpose(sharing["purposes"])]
    return unknown_age_findings(Code.ADULT_SHARING_NO_PURPOSE, sharing)


def linked_plan_not_shared(ctx: Context) -> list[Gap]:
    """Agencies working with someone in an active plan's network that are neither part of nor told of it.

    One gap per (plan, agency), naming the people the agency works with and how each is linked.
    High severity when a child in the plan's network is at risk of significant harm on D.
    """
    rows = need_to_know(ctx)
    rows = rows[rows["status"] == Status.NOT_INFORMED.value]
    rows = rows.sort_values(["plan_id", "agency_id", "person_id", "practitioner_id"], ignore_index=True)
    harmed = plans_with_child_at_risk(ctx)
    columns = {c: rows[c].to_numpy() for c in ("person_id", "member_id", "link", "practitioner_id")}
    gaps = []
    groups: dict[Any, Any] = rows.groupby(["plan_id", "agency_id"], sort=True).indices
    for (plan_id, agency_id), positions in sorted(groups.items()):
        people = dict.fromkeys(zip(*(columns[c][positions] for c in ("person_id", "member_id", "link")),
                                   strict=True))
        said = [connection(ctx, *who) for who in list(people)[:MOST_NAMED]]
        more = len(people) - len(said)
        who = f"{', '.join(said)} and {more} more" if more else name_list(said)
        evidence = [f"plans:{plan_id}"]
        evidence += [f"involvements:{pr}->{pid}" for pr, pid in
                     zip(columns["practitioner_id"][positions], columns["person_id"][positions], strict=True)]
        evidence += [path_evidence(*who) for who in people]
        gaps.append(Gap(
            Code.LINKED_PLAN_NOT_SHARED, Severity.HIGH if plan_id in harmed else Severity.MEDIUM,
            f"{ctx.agency_name(agency_id)} works with {who} "
            f"in the network of the {ctx.plan_label(plan_id)}, but is neither part of the plan nor told of it.",
            tuple(evidence), plan_id=plan_id, agency_id=agency_id))
    return gaps
