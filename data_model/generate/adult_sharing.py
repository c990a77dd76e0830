"""Sharing about adults: domestic-abuse victims passed from the police to specialist services,
and adult social care working with health and housing; each for one or more of the nine
adult-safeguarding purposes — except a few that name none."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.generate import agencies as ag
from data_model.generate import rates
from data_model.generate.caseloads import Staff
from data_model.generate.population import Population
from data_model.generate.shares import pick
from data_model.generate.sharing import events, purposes
from data_model.generate.timeline import age_years, uniform_days
from data_model.records import ADULT_PURPOSES

ABUSE_PURPOSES = ("coordinate_responses", "access_support", "early_intervention", "reveal_patterns_of_abuse")
CARE_PURPOSES = ("prevent_escalating_care_needs", "access_support", "coordinate_responses",
                 "maintain_good_practice", "early_intervention", "reduce_organisational_risk")
CARE_PARTNERS = (ag.GP, ag.HOSPITAL, ag.HOMES, ag.MENTAL_HEALTH)
ADULT_CODES = frozenset(p.value for p in ADULT_PURPOSES)


def abuse_sharing(rng: np.random.Generator, staff: Staff, incidents: pd.DataFrame,
                  consent_of: pd.Series) -> pd.DataFrame:
    """Half the police-recorded incidents passed to the domestic abuse service (on the victim's
    consent where they gave it, else in the public interest)."""
    chosen = incidents[rng.random(len(incidents)) < 0.5]
    victim = chosen["victim"].to_numpy()
    when = chosen["date"].to_numpy().astype("datetime64[D]") + rng.integers(0, 4, len(chosen))
    police = staff.assign(victim, ag.POLICE, "Domestic abuse officer")
    consent_id = chosen["incident_id"].map(consent_of).fillna("").to_numpy()
    basis = np.where(consent_id != "", "consent", "public_interest")
    serious = chosen["dash_score"].to_numpy() >= 10
    purpose = np.where(serious, purposes(rng, ABUSE_PURPOSES, len(chosen), "prevent_death_or_serious_harm"),
                       purposes(rng, ABUSE_PURPOSES, len(chosen)))
    return events(when, np.full(len(chosen), ag.POLICE), np.full(len(chosen), ag.DA_SERVICE), victim, police,
                  basis, purpose, "summary", consent_id)


def care_sharing(rng: np.random.Generator, staff: Staff, cared: np.ndarray, since: np.datetime64,
                 as_of: np.datetime64) -> pd.DataFrame:
    """Adult social care and its partners sharing about the adults it works with."""
    count = rng.integers(1, 4, len(cared))
    person = np.repeat(cared, count)
    when = uniform_days(rng, since, as_of, len(person))
    partner = rng.choice(np.array(CARE_PARTNERS, dtype=object), len(person))
    outward = rng.random(len(person)) < 0.6
    sender = np.where(outward, ag.ADULT_CARE, partner)
    receiver = np.where(outward, partner, ag.ADULT_CARE)
    first = {a.agency_id: a.roles[0][0] for a in ag.AGENCIES}
    practitioner = staff.assign_each(person, sender, np.array([first[a] for a in sender], dtype=object))
    draw = rng.random(len(person))
    basis = np.where(draw < 0.7, "public_interest", np.where(draw < 0.9, "consent", "vital_interests"))
    return events(when, sender, receiver, person, practitioner, basis, purposes(rng, CARE_PURPOSES, len(person)),
                  np.where(rng.random(len(person)) < 0.5, "summary", "full"))


def drop_some_purposes(rng: np.random.Generator, pop: Population, sharing: pd.DataFrame,
                       as_of: np.datetime64) -> pd.DataFrame:
    """A few events about adults record no adult-safeguarding purpose (none, or only
    ``child_protection``)."""
    person = sharing["person_id"].to_numpy()
    dates = sharing["date"].to_numpy().astype("datetime64[D]")
    adult = (age_years(pop.born[person], dates) >= 18) & pop.known_age(person)
    named = np.array([bool(ADULT_CODES & set(p.split(";"))) for p in sharing["purposes"]], dtype=bool)
    chosen = pick(rng, adult & named & (dates <= as_of), rates.ADULT_SHARING_NO_PURPOSE_SHARE)
    sharing = sharing.copy()
    sharing.loc[chosen, "purposes"] = np.where(rng.random(int(chosen.sum())) < 0.6, "", "child_protection")
    return sharing
