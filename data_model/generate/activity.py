"""What happens around the cases: referrals, consent decisions, sharing, children's views,
incidents and risk assessments, and MARAC actions — every table after plan_agencies."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.generate import adult_sharing as adults
from data_model.generate import agencies as ag
from data_model.generate import casework, rates
from data_model.generate import consents as cons
from data_model.generate import referrals as refs
from data_model.generate import sharing as share
from data_model.generate.borough import Borough
from data_model.generate.marac import PARTNER_REFERRERS


def marac_referrers(rng: np.random.Generator, b: Borough) -> np.ndarray:
    """Who referred each MARAC case: the police mostly, else a partner agency."""
    plans = b.marac.plans
    victim = plans["victim"].to_numpy()
    partner = rng.random(len(plans)) < rates.MARAC_PARTNER_REFERRAL_SHARE
    which = rng.choice(len(PARTNER_REFERRERS), size=len(plans), p=[s for _, _, s in PARTNER_REFERRERS])
    agency = np.where(partner, np.array([a for a, _, _ in PARTNER_REFERRERS], dtype=object)[which], ag.POLICE)
    role = np.where(partner, np.array([r for _, r, _ in PARTNER_REFERRERS], dtype=object)[which],
                    "Domestic abuse officer")
    return b.staff.assign_each(victim, agency, role)


def _mappa_managers(b: Borough) -> np.ndarray:
    plans = b.mappa.plans
    police = plans["lead_agency_id"].to_numpy() == ag.POLICE
    subject = plans["subject"].to_numpy()
    return np.where(police, b.staff.assign(subject, ag.POLICE, "Public protection officer"),
                    b.staff.assign(subject, ag.PROBATION, "Probation officer"))


def referrals(rng: np.random.Generator, b: Borough, referrer: np.ndarray) -> pd.DataFrame:
    """Referrals to First Response, MARAC, MAPPA and adult social care."""
    cared = b.cared[rng.random(len(b.cared)) < 0.3]
    when = b.as_of - rng.integers(1, int((b.as_of - b.since).astype(np.int64)), len(cared))
    parts = [
        refs.first_response_referrals(rng, b.concerns, b.as_of),
        refs.marac_referrals(b.marac.plans.assign(referrer=referrer)),
        refs.mappa_referrals(b.mappa.plans, _mappa_managers(b), b.since),
        refs.care_referrals(cared, b.staff.assign(cared, ag.GP, "GP"), when),
    ]
    return refs.finish_referrals(rng, parts)


def consents(rng: np.random.Generator, b: Borough, referrer: np.ndarray,
             incidents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All consent decisions, and the concerns with what happened to consent for each."""
    about_concerns, outcome = cons.concern_consents(rng, b.pop, b.concerns)
    plans = b.marac.plans.assign(referrer=referrer).set_index("plan_id")
    kids = b.members[(b.members["role"] == "child_in_household") & b.members["plan_id"].isin(plans.index)]
    kids = kids.assign(date=plans.loc[kids["plan_id"], "start_date"].to_numpy(),
                       recorded_by=plans.loc[kids["plan_id"], "referrer"].to_numpy())
    asked = incidents[~incidents["in_marac"] & (rng.random(len(incidents)) < 0.5)]
    victims = asked["victim_person_id"].to_numpy()
    adult = cons.adult_consents(asked["incident_id"].to_numpy(), victims, asked["date"].to_numpy(),
                                b.staff.assign(victims, ag.POLICE, "Domestic abuse officer"))
    parts = [about_concerns, cons.children_at_risk_consents(kids), adult]
    return cons.finish_consents(rng, parts, b.as_of), outcome


def sharing(rng: np.random.Generator, b: Borough, referral_rows: pd.DataFrame, consent_rows: pd.DataFrame,
            outcome: pd.DataFrame, incidents: pd.DataFrame) -> pd.DataFrame:
    """Every sharing event, oldest first, with ids; a few about adults name no adult purpose."""
    by_incident = consent_rows[consent_rows["source"].astype(str).str.startswith("IN")]
    consent_of = by_incident.set_index("source")["consent_id"]
    background = incidents[~incidents["in_marac"]].rename(columns={"victim_person_id": "victim"})
    parts = [
        share.concern_sharing(rng, b.pop, b.staff, outcome, referral_rows, consent_rows),
        share.plan_sharing(rng, b.pop, b.staff, b.plans, b.members, b.plan_agencies, b.as_of, b.since),
        share.marac_children_sharing(rng, b.pop, b.staff, b.plans, b.members, b.plan_agencies, b.as_of),
        adults.abuse_sharing(rng, b.staff, background, consent_of),
        adults.care_sharing(rng, b.staff, b.cared, b.since, b.as_of),
    ]
    events = pd.concat(parts, ignore_index=True).sort_values("date", kind="stable").reset_index(drop=True)
    events = adults.drop_some_purposes(rng, b.pop, events, b.as_of)
    events.insert(0, "sharing_id", [f"SH{i:07d}" for i in range(1, len(events) + 1)])
    return events


def all_incidents(b: Borough) -> pd.DataFrame:
    """MARAC and background domestic-abuse incidents together."""
    marac = b.marac.incidents.assign(in_marac=True)
    return pd.concat([marac[["date", "victim", "perpetrator", "dash_score", "in_marac"]],
                      b.abuse.assign(in_marac=False)], ignore_index=True)


def activity(b: Borough) -> dict[str, pd.DataFrame]:
    """Every event table of the borough, in contract columns (people by row number)."""
    rng = b.rngs[14]
    referrer = marac_referrers(rng, b)
    incidents, assessments = casework.incidents_and_assessments(rng, b.staff, all_incidents(b))
    referral_rows = referrals(rng, b, referrer)
    consent_rows, outcome = consents(rng, b, referrer, incidents)
    return {
        "concerns": b.concerns.assign(person_id=b.concerns["person"]),
        "referrals": referral_rows,
        "consents": consent_rows,
        "sharing_events": sharing(rng, b, referral_rows, consent_rows, outcome, incidents),
        "child_views": casework.child_views(rng, b.staff, b.cp, b.as_of),
        "risk_assessments": assessments,
        "incidents": incidents,
        "actions": casework.marac_actions(rng, b.plans, b.plan_agencies, b.as_of),
    }

