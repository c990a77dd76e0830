"""Children around MARAC and MAPPA plans that children's social care does not know of.

A child (on D) who is a member of an active MARAC plan, or linked to one of its ``victim`` or
``perpetrator`` members — or a member of an active MAPPA plan, or linked to its ``subject`` —
when no agency of sector ``children_social_care`` is part of or told of the plan. The guidance:
practitioners should be made aware of protection plans around family members.
"""

from __future__ import annotations

import pandas as pd

from data_model.findings import Code, DataQualityFinding, Gap, Severity
from data_model.records import MemberRole, PlanType, Sector
from data_model.rules.context import Context, rows_of
from data_model.rules.dates import born_unknown, child_on
from data_model.rules.explain import connection, day, path_evidence
from data_model.rules.networks import MEMBER, member_links, plans_with_agency_of_sector

#: Per code: the plan type, and the members whose linked people are in scope.
SCOPE = {
    Code.MARAC_CHILD_UNKNOWN_TO_CSC: (PlanType.MARAC.value,
                                      {MemberRole.VICTIM.value, MemberRole.PERPETRATOR.value}),
    Code.MAPPA_CHILD_UNKNOWN_TO_CSC: (PlanType.MAPPA.value, {MemberRole.SUBJECT.value}),
}


def people_in_scope(ctx: Context, code: Code) -> pd.DataFrame:
    """Members and linked people of active plans of the code's type that no CSC agency knows of.

    Columns: plan_id, person_id, member_id, link, child, age_unknown (child and age on D).
    A member is in scope as itself; anyone else through the anchor member with the smallest id.
    """
    plan_type, anchors = SCOPE[code]
    plans = ctx.active_plans
    plans = plans[(plans["plan_type"] == plan_type)]
    plans = plans[~plans["plan_id"].isin(plans_with_agency_of_sector(ctx, Sector.CHILDREN_SOCIAL_CARE.value))]
    m = ctx.plan_members[ctx.plan_members["plan_id"].isin(plans["plan_id"])]
    members = m[["plan_id", "person_id"]].drop_duplicates()
    members = members.assign(member_id=members["person_id"], link=MEMBER, rank=0)
    anchor = m.loc[m["role"].isin(anchors), ["plan_id", "person_id"]].rename(columns={"person_id": "member_id"})
    links = member_links(ctx).rename(columns={"person_id": "member_id", "linked_id": "person_id"})
    linked = anchor.drop_duplicates().merge(links, on="member_id").assign(rank=1)
    scope = pd.concat([members, linked], ignore_index=True)
    scope = scope.sort_values(["plan_id", "person_id", "rank", "member_id"]).drop_duplicates(["plan_id", "person_id"])
    born = ctx.born(scope["person_id"])
    return scope.drop(columns="rank").assign(child=child_on(born, ctx.as_of).to_numpy(),
                                             age_unknown=born_unknown(born).to_numpy())


def _children_unknown_to_csc(ctx: Context, code: Code) -> list[Gap]:
    scope = people_in_scope(ctx, code)
    return [
        Gap(code, Severity.HIGH,
            f"No children's social care agency is part of or told of the {ctx.plan_label(r.plan_id)}, "
            f"though {connection(ctx, r.person_id, r.member_id, r.link)} is a child.",
            (f"plans:{r.plan_id}", path_evidence(r.person_id, r.member_id, r.link),
             f"people:{r.person_id} (a child on {day(ctx.as_of)})",
             f"plan_agencies: no children_social_care agency part of or told of {r.plan_id}"),
            plan_id=r.plan_id, person_id=r.person_id)
        for r in rows_of(scope[scope["child"]])
    ]


def marac_child_unknown_to_csc(ctx: Context) -> list[Gap]:
    """Children in or linked to the victim or perpetrator of an active MARAC case CSC does not know of."""
    return _children_unknown_to_csc(ctx, Code.MARAC_CHILD_UNKNOWN_TO_CSC)


def mappa_child_unknown_to_csc(ctx: Context) -> list[Gap]:
    """Children in or linked to the subject of an active MAPPA plan CSC does not know of."""
    return _children_unknown_to_csc(ctx, Code.MAPPA_CHILD_UNKNOWN_TO_CSC)


def unknown_ages(ctx: Context) -> list[DataQualityFinding]:
    """People in scope of either rule whose missing date of birth kept it from judging them."""
    findings = []
    for code in SCOPE:
        scope = people_in_scope(ctx, code)
        for person_id, plans in scope[scope["age_unknown"]].groupby("person_id")["plan_id"]:
            findings.append(DataQualityFinding(
                code.value, "people", str(person_id),
                f"no date of birth, so {code.value} cannot tell whether they are a child "
                f"(connected to {'plans' if len(plans) > 1 else 'plan'} {', '.join(sorted(plans))})"))
    return findings
