"""Concerns of significant harm that were not referred to First Response.

The guidance: where practitioners have reasonable cause to suspect that a child may be suffering,
or at risk of suffering, significant harm, they should always refer their concerns to First
Response. rules.md gives the referral the day of the concern and the next day.
"""

from __future__ import annotations

import pandas as pd

from data_model.findings import Code, Gap, Severity
from data_model.records import ReferralTo
from data_model.rules.context import Context, rows_of
from data_model.rules.dates import adult_on, day_after
from data_model.rules.explain import day, iso
from data_model.rules.harm import harm_concerns


def unreferred_harm_concerns(ctx: Context) -> pd.DataFrame:
    """Significant-harm concerns about someone not known to be an adult on the concern's date,
    at least a day before D, with no First Response referral for that person that day or the next.

    An empty date of birth counts as a child here: concerns are about children.
    """
    concerns = harm_concerns(ctx)
    concerns = concerns[day_after(concerns["date"]) <= ctx.as_of]
    concerns = concerns[~adult_on(ctx.born(concerns["person_id"]), concerns["date"]).to_numpy()]
    referrals = ctx.events("referrals")
    referrals = referrals.loc[referrals["to"] == ReferralTo.FIRST_RESPONSE.value, ["person_id", "date"]]
    answered = concerns[["concern_id", "person_id", "date"]].merge(
        referrals.rename(columns={"date": "referred"}), on="person_id")
    in_time = answered.loc[(answered["referred"] >= answered["date"])
                           & (answered["referred"] <= day_after(answered["date"])), "concern_id"]
    return concerns[~concerns["concern_id"].isin(in_time)]


def significant_harm_not_referred(ctx: Context) -> list[Gap]:
    """A concern that a child may be suffering significant harm, not referred to First Response in time."""
    return [
        Gap(Code.SIGNIFICANT_HARM_NOT_REFERRED, Severity.HIGH,
            f"A concern recorded on {day(c.date)} that {ctx.person_name(c.person_id)} may be suffering "
            f"significant harm was not referred to First Response that day or the next.",
            (f"concerns:{c.concern_id} (significant harm suspected, {iso(c.date)})",
             f"referrals: none to first_response for {c.person_id} on {iso(c.date)} or the day after"),
            concern_id=c.concern_id)
        for c in rows_of(unreferred_harm_concerns(ctx))
    ]
