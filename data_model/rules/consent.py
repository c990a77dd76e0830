"""Consent: whether it is in force, and the three consent gaps.

**Consent in force for X on date T**: among the ``consents`` rows about X dated on or before T,
those on the latest date all have decision ``given`` (on one date, any other decision wins).
The ``consent_id`` a sharing event cites does not override a later decision.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from data_model.findings import Code, DataQualityFinding, Gap, Severity
from data_model.records import ConsentDecision, LawfulBasis
from data_model.rules.context import Context, rows_of
from data_model.rules.explain import BASIS_WORDS, day
from data_model.rules.harm import at_risk_on
from data_model.rules.sharing import about_children, sharing_ages, unknown_age_findings

#: Lawful bases under which sharing about a child needs neither consent nor a risk of harm.
BASES_WITHOUT_CONSENT = frozenset({LawfulBasis.LEGAL_DUTY.value, LawfulBasis.VITAL_INTERESTS.value})


def consent_days(ctx: Context) -> pd.DataFrame:
    """One row per (person, date) with consent decisions: person_id, date, all_given, latest_id.

    ``latest_id`` is the id of a decision on that date that is not ``given`` if there is one
    (it is what decided the day), else the smallest id. Sorted by date.
    """
    return ctx.shared(_consent_days)


def _consent_days(ctx: Context) -> pd.DataFrame:
    consents = ctx.events("consents")
    given = consents["decision"] == ConsentDecision.GIVEN.value
    ranked = consents.assign(given=given).sort_values(["person_id", "date", "given", "consent_id"])
    days = ranked.groupby(["person_id", "date"], sort=False).agg(
        all_given=("given", "all"), latest_id=("consent_id", "first"), decision=("decision", "first")
    )
    return days.reset_index().sort_values("date", kind="stable", ignore_index=True)


def consent_on(ctx: Context, person_ids: pd.Series, days: pd.Series) -> pd.DataFrame:
    """For each (person, day) pair: the deciding consent day on or before it, if any.

    Returns a frame aligned by position with columns ``in_force`` (bool), ``consent_id`` and
    ``decision`` (of the deciding decision; None when there is none).
    """
    pairs = pd.DataFrame({"row": np.arange(len(person_ids)),
                          "person_id": pd.Series(person_ids.to_numpy(), dtype=object),
                          "day": days.to_numpy().astype("datetime64[s]")})
    recorded = consent_days(ctx).rename(columns={"date": "consent_date"})
    recorded["person_id"] = recorded["person_id"].astype(object)  # merge_asof wants one key dtype
    found = pd.merge_asof(pairs.sort_values("day"), recorded, left_on="day", right_on="consent_date",
                          by="person_id", direction="backward").sort_values("row")
    in_force = found["all_given"].fillna(False).astype(bool).to_numpy()
    return pd.DataFrame({"in_force": in_force, "consent_id": found["latest_id"].to_numpy(),
                         "decision": found["decision"].to_numpy()})


def consent_in_force_today(ctx: Context) -> pd.Index:
    """People with consent in force on D."""
    return ctx.shared(_consent_in_force_today)


def _consent_in_force_today(ctx: Context) -> pd.Index:
    latest = consent_days(ctx).drop_duplicates("person_id", keep="last")
    return pd.Index(latest.loc[latest["all_given"], "person_id"].to_numpy())


def first_consent_dates(ctx: Context, person_ids: pd.Series) -> pd.Series:
    """The date of the first consent decision about each person (NaT when none)."""
    first = ctx.events("consents").groupby("person_id")["date"].min()
    return pd.Series(first.reindex(person_ids.to_numpy()).to_numpy(), index=person_ids.index)


# --- the gaps -----------------------------------------------------------------------------------


def _without_consent_record(ctx: Context, sharing: pd.DataFrame) -> pd.DataFrame:
    first = first_consent_dates(ctx, sharing["person_id"])
    return sharing[~(first <= sharing["date"]).to_numpy()]


def consent_not_recorded(ctx: Context) -> list[Gap]:
    """Sharing about a child with no consent decision about that child recorded on or before it."""
    sharing = _without_consent_record(ctx, about_children(ctx))
    return [
        Gap(Code.CONSENT_NOT_RECORDED, Severity.MEDIUM,
            f"{ctx.agency_name(s.from_agency_id)} shared information about {ctx.person_name(s.person_id)} "
            f"with {ctx.agency_name(s.to_agency_id)} on {day(s.date)}, but no decision about consent "
            f"(given, refused or not sought) had been recorded for this child.",
            (f"sharing_events:{s.sharing_id}", f"people:{s.person_id} (a child on {day(s.date)})",
             f"consents: none about {s.person_id} on or before {day(s.date)}"),
            sharing_id=s.sharing_id)
        for s in rows_of(sharing)
    ]


def _shared_without_consent_candidates(ctx: Context, sharing: pd.DataFrame) -> pd.DataFrame:
    """Sharing events whose basis needs consent, not at risk of harm, and no consent in force."""
    sharing = sharing[~sharing["lawful_basis"].isin(BASES_WITHOUT_CONSENT)]
    sharing = sharing[~at_risk_on(ctx, sharing["person_id"], sharing["date"])]
    consent = consent_on(ctx, sharing["person_id"], sharing["date"])
    keep = ~consent["in_force"].to_numpy()
    return sharing[keep].assign(consent_id=consent.loc[keep, "consent_id"].to_numpy(),
                                decision=consent.loc[keep, "decision"].to_numpy())


def _consent_state(s: Any) -> str:
    if not isinstance(s.consent_id, str):
        return "no consent decision had been recorded"
    return f"the latest consent decision was {s.decision}"


def shared_without_consent(ctx: Context) -> list[Gap]:
    """Sharing about a child not at risk of significant harm, needing consent, without it in force."""
    sharing = _shared_without_consent_candidates(ctx, about_children(ctx))
    gaps = []
    for s in rows_of(sharing):
        evidence = [f"sharing_events:{s.sharing_id} (basis {s.lawful_basis})",
                    f"people:{s.person_id} (a child on {day(s.date)}, not at risk of significant harm)"]
        if isinstance(s.consent_id, str):
            evidence.append(f"consents:{s.consent_id} ({s.decision})")
        gaps.append(Gap(
            Code.SHARED_WITHOUT_CONSENT, Severity.MEDIUM,
            f"{ctx.agency_name(s.from_agency_id)} shared information about {ctx.person_name(s.person_id)} "
            f"with {ctx.agency_name(s.to_agency_id)} on {day(s.date)} on the basis of "
            f"{BASIS_WORDS.get(s.lawful_basis, s.lawful_basis)}, but {_consent_state(s)} and nothing "
            f"recorded shows the child at risk of significant harm.",
            tuple(evidence), sharing_id=s.sharing_id))
    return gaps


def consent_not_sought_no_reason(ctx: Context) -> list[Gap]:
    """Consent recorded as not sought with no reason given (blank after trimming)."""
    consents = ctx.events("consents")
    bare = consents[(consents["decision"] == ConsentDecision.NOT_SOUGHT.value)
                    & (consents["reason_not_sought"].fillna("").astype(str).str.strip() == "")]
    return [
        Gap(Code.CONSENT_NOT_SOUGHT_NO_REASON, Severity.LOW,
            f"Consent to share information about {ctx.person_name(c.person_id)} was recorded as not "
            f"sought on {day(c.date)} without a reason (for example, that asking would increase the "
            f"risk to a child).",
            (f"consents:{c.consent_id} (not_sought, no reason)",), consent_id=c.consent_id)
        for c in rows_of(bare)
    ]


def unknown_ages(ctx: Context) -> list[DataQualityFinding]:
    """People whose missing date of birth kept the two child-consent rules from judging a sharing."""
    sharing = sharing_ages(ctx)
    unknown = sharing[sharing["age_unknown"]]
    return (unknown_age_findings(Code.CONSENT_NOT_RECORDED, _without_consent_record(ctx, unknown))
            + unknown_age_findings(Code.SHARED_WITHOUT_CONSENT,
                                   _shared_without_consent_candidates(ctx, unknown)))
