"""Consent decisions about sharing: sought from parents for children (or not sought, with the
reason, where seeking it would put a child at risk), and from adults for themselves."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.generate import rates
from data_model.generate.population import Population
from data_model.generate.shares import pick
from data_model.generate.timeline import days

HARM_DECISIONS = {"not_sought": 0.45, "given": 0.35, "refused": 0.20}
EARLY_HELP_DECISIONS = {"given": 0.82, "refused": 0.10, "not_sought": 0.08}
HARM_REASONS = ("increased_risk_to_child", "would_prejudice_enquiries")
WITHDRAWN_SHARE = 0.06


def parent_of(pop: Population, children: np.ndarray) -> np.ndarray:
    """The first adult of each child's household (-1 for none)."""
    household = pop.household[children]
    head = np.where(household >= 0, pop.hh_first[np.maximum(household, 0)], -1)
    return np.where(head == children, -1, head)


def _rows(consent_of: np.ndarray, person: np.ndarray, given_by: np.ndarray, decision: np.ndarray,
          reason: np.ndarray, date: np.ndarray, recorded_by: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"source": consent_of, "person_id": person, "given_by_person_id": given_by,
                         "decision": decision, "reason_not_sought": reason, "date": date.astype("datetime64[D]"),
                         "recorded_by": recorded_by})


def _decide(rng: np.random.Generator, shares: dict[str, float], count: int) -> np.ndarray:
    return rng.choice(np.array(list(shares), dtype=object), size=count, p=list(shares.values()))


def concern_consents(rng: np.random.Generator, pop: Population,
                     concerns: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A decision at every concern; returns (consents, concerns with what happened to consent).

    Early-help concerns are where consent matters: a few are shared with no decision recorded,
    and a few are shared although the parent refused or later withdrew consent.
    """
    harm = concerns["significant_harm_suspected"].to_numpy()
    decision = np.where(harm, _decide(rng, HARM_DECISIONS, len(concerns)),
                        _decide(rng, EARLY_HELP_DECISIONS, len(concerns)))
    person = concerns["person"].to_numpy()
    reason = np.where(decision != "not_sought", "",
                      np.where(harm, rng.choice(np.array(HARM_REASONS, dtype=object), len(concerns)),
                               "could_not_contact_parent"))
    given_by = np.where(decision == "not_sought", -1, parent_of(pop, person))
    dates = days(concerns["date"])
    consents = _rows(concerns["concern_id"].to_numpy(), person, given_by, decision, reason, dates,
                     concerns["practitioner_id"].to_numpy())
    early = ~harm
    withdrawn = early & (decision == "given") & (rng.random(len(concerns)) < WITHDRAWN_SHARE)
    withdrawal_date = dates + rng.integers(14, 91, len(concerns))
    single = ~concerns["person"].duplicated(keep=False).to_numpy() & pop.known_age(person)
    unrecorded = pick(rng, early & single & (decision == "given") & ~withdrawn, rates.CONSENT_NOT_RECORDED_SHARE)
    overridden = pick(rng, early & single & ((decision == "refused") | withdrawn) & (dates < pop.as_of - 100),
                      rates.SHARED_AFTER_REFUSAL_SHARE)
    later = _rows(concerns["concern_id"].to_numpy()[withdrawn], person[withdrawn], given_by[withdrawn],
                  np.full(withdrawn.sum(), "withdrawn", dtype=object), np.full(withdrawn.sum(), "", dtype=object),
                  withdrawal_date[withdrawn], concerns["practitioner_id"].to_numpy()[withdrawn])
    outcome = concerns.assign(consent=np.where(unrecorded, "unrecorded", decision),
                              withdrawn_on=np.where(withdrawn, withdrawal_date, np.datetime64("NaT", "D")),
                              shared_anyway=overridden)
    return pd.concat([consents[~unrecorded], later], ignore_index=True), outcome


def children_at_risk_consents(children: pd.DataFrame) -> pd.DataFrame:
    """Consent not sought for the children of MARAC cases: seeking it could increase the risk.

    ``children`` has plan_id, person, date (the referral) and recorded_by."""
    count = len(children)
    return _rows(children["plan_id"].to_numpy(), children["person"].to_numpy(), np.full(count, -1),
                 np.full(count, "not_sought", dtype=object), np.full(count, "increased_risk_to_child", dtype=object),
                 children["date"].to_numpy(), children["recorded_by"].to_numpy())


def adult_consents(source: np.ndarray, person: np.ndarray, date: np.ndarray, recorded_by: np.ndarray) -> pd.DataFrame:
    """Adults agreeing to their own information being shared."""
    count = len(person)
    return _rows(source, person, person, np.full(count, "given", dtype=object), np.full(count, "", dtype=object),
                 date, recorded_by)


def finish_consents(rng: np.random.Generator, parts: list[pd.DataFrame], as_of: np.datetime64) -> pd.DataFrame:
    """All decisions, oldest first, with ids; a few 'not sought' with no reason given."""
    consents = pd.concat(parts, ignore_index=True).sort_values("date", kind="stable").reset_index(drop=True)
    not_sought = (consents["decision"] == "not_sought").to_numpy() & (consents["date"].to_numpy() <= as_of)
    consents.loc[pick(rng, not_sought, rates.CONSENT_NOT_SOUGHT_NO_REASON_SHARE), "reason_not_sought"] = ""
    consents.insert(0, "consent_id", [f"CS{i:07d}" for i in range(1, len(consents) + 1)])
    return consents
