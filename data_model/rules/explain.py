"""Plain-English pieces the rules' summaries and evidence are made of.

Summaries are for practitioners with access to the records, so they name people (given and
family name) and agencies (by name). Evidence names records by table and id, e.g.
``plans:PL12``, ``involvements:PR3->P55``, ``path:P1->P7 (sibling)``.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from data_model.rules.context import Context

#: How a linked person stands to a plan member, in words true whichever way the record points.
LINK_WORDS = {
    "parent": "linked as parent and child to",
    "step_parent": "linked as step-parent and child to",
    "carer": "linked as carer and cared-for to",
    "sibling": "sibling of",
    "partner": "partner of",
    "ex_partner": "ex-partner of",
    "grandparent": "linked as grandparent and grandchild to",
    "other_family": "family of",
}

BASIS_WORDS = {
    "consent": "consent",
    "significant_harm": "risk of significant harm",
    "public_interest": "public interest",
    "legal_duty": "a legal duty",
    "vital_interests": "vital interests",
}


@lru_cache(maxsize=8192)
def day(value: object) -> str:
    """A date as people write it.

    Examples
    --------
    >>> day(pd.Timestamp("2026-03-01"))
    '1 March 2026'
    """
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts:%B %Y}"


@lru_cache(maxsize=8192)
def iso(value: object) -> str:
    """A date as ``YYYY-MM-DD`` (for evidence)."""
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def connection(ctx: Context, person_id: str, member_id: str, link: str) -> str:
    """Who a person is to a plan: on it, living with a member, or related to one.

    Examples
    --------
    >>> from tests.builders import World
    >>> w = World(); kid = w.child("KID", given="Leo", family="Smith")
    >>> ctx = Context(w.build(), "2026-11-27")
    >>> connection(ctx, "JO", "KID", "sibling")
    'person JO (sibling of Leo Smith)'
    """
    name = ctx.person_name(person_id)
    if link == "member":
        return f"{name} (on the plan)"
    if link == "household":
        return f"{name} (lives with {ctx.person_name(member_id)})"
    return f"{name} ({LINK_WORDS.get(link, 'linked to')} {ctx.person_name(member_id)})"


def path_evidence(person_id: str, member_id: str, link: str) -> str:
    """``path:M->Y (link)``, or ``path:Y (member)`` for a member."""
    if link == "member":
        return f"path:{person_id} (member)"
    return f"path:{member_id}->{person_id} ({link})"
