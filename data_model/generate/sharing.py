"""Sharing about children and about plans: concerns passed to children's social care, early-help
sharing on consent, and the sharing that goes with every protection plan."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.generate import agencies as ag
from data_model.generate.caseloads import Staff
from data_model.generate.plans import active_on
from data_model.generate.population import Population
from data_model.generate.timeline import age_years

MARAC_PURPOSES = ("prevent_death_or_serious_harm", "coordinate_responses", "reveal_patterns_of_abuse",
                  "access_support", "early_intervention")
MAPPA_PURPOSES = ("reduce_offending_risk", "prevent_death_or_serious_harm", "coordinate_responses")
EARLY_HELP_PARTNERS = (ag.CSC, ag.COMMUNITY_HEALTH, ag.GP, ag.HOMES, ag.ADVICE)


def roles_for(agency: np.ndarray, ages: np.ndarray, police_role: str = "Police constable") -> np.ndarray:
    """The practitioner role that would share for ``agency`` about someone of ``ages``."""
    first = {a.agency_id: a.roles[0][0] for a in ag.AGENCIES}
    role = np.array([first[a] for a in agency], dtype=object)
    role[agency == ag.POLICE] = police_role
    role[(agency == ag.COMMUNITY_HEALTH) & (ages >= 5)] = "School nurse"
    role[(agency == ag.ST_AIDANS) & (ages >= 11)] = "Head of year"
    role[(agency == ag.DA_SERVICE)] = "IDVA"
    return role


def purposes(rng: np.random.Generator, choices: tuple[str, ...], count: int, first: str | None = None) -> np.ndarray:
    """One to three purposes per event, ``;``-joined (``first`` always among them when given)."""
    sizes = rng.integers(1, min(3, len(choices)) + 1, count)
    out = []
    for size in sizes:
        chosen = set(rng.choice(choices, size=int(size), replace=False).tolist())
        if first:
            chosen.add(first)
        out.append(";".join(sorted(chosen)))
    return np.array(out, dtype=object)


def events(date: np.ndarray, sender: np.ndarray, receiver: np.ndarray, person: np.ndarray, practitioner: np.ndarray,
           basis: np.ndarray | str, purpose: np.ndarray | str, level: np.ndarray | str,
           consent_id: np.ndarray | None = None, plan_id: np.ndarray | None = None) -> pd.DataFrame:
    """Sharing events in contract columns (people and practitioners by row number)."""
    return pd.DataFrame({
        "date": np.asarray(date).astype("datetime64[D]"), "from_agency_id": sender, "to_agency_id": receiver,
        "person_id": person, "practitioner_id": practitioner, "lawful_basis": basis,
        "consent_id": "" if consent_id is None else consent_id, "plan_id": "" if plan_id is None else plan_id,
        "purposes": purpose, "information_level": level,
    })


def no_events() -> pd.DataFrame:
    """An empty sharing table."""
    empty = np.empty(0, dtype=object)
    return events(np.empty(0, "datetime64[D]"), empty, empty, np.empty(0, np.int64), np.empty(0, np.int64),
                  empty, empty, empty)


def _sent(staff: Staff, pop: Population, sender: np.ndarray, person: np.ndarray, date: np.ndarray,
          police_role: str = "Police constable") -> np.ndarray:
    return staff.assign_each(person, sender, roles_for(sender, age_years(pop.born[person], date), police_role))


def concern_sharing(rng: np.random.Generator, pop: Population, staff: Staff, concerns: pd.DataFrame,
                    referrals: pd.DataFrame, consents: pd.DataFrame) -> pd.DataFrame:
    """Significant-harm concerns sent to children's social care with the referral; early-help
    concerns shared with a partner agency on consent (and a few despite a refusal)."""
    given = consents[consents["decision"] == "given"].drop_duplicates("source").set_index("source")["consent_id"]
    refs = referrals[referrals["to"] == "first_response"].drop_duplicates("answers").set_index("answers")["date"]
    harm = concerns[concerns["significant_harm_suspected"] & concerns["concern_id"].isin(refs.index)]
    person = harm["person"].to_numpy()
    parts = [events(refs[harm["concern_id"]].to_numpy(), harm["agency_id"].to_numpy(), np.full(len(harm), ag.CSC),
                    person, harm["practitioner_id"].to_numpy(), "significant_harm", "child_protection", "summary",
                    harm["concern_id"].map(given).fillna("").to_numpy())]
    back = rng.random(len(harm)) < 0.3
    when = refs[harm["concern_id"]].to_numpy().astype("datetime64[D]")[back] + rng.integers(3, 21, back.sum())
    csc = np.full(back.sum(), ag.CSC)
    parts.append(events(when, csc, harm["agency_id"].to_numpy()[back], person[back],
                        _sent(staff, pop, csc, person[back], when), "significant_harm", "child_protection",
                        "fact_of_concern"))
    parts.append(_early_help(rng, pop, staff, concerns, given))
    return pd.concat(parts, ignore_index=True)


def _early_help(rng: np.random.Generator, pop: Population, staff: Staff, concerns: pd.DataFrame,
                given: pd.Series) -> pd.DataFrame:
    early = concerns[~concerns["significant_harm_suspected"]]
    shared = early[early["consent"].isin(["given", "unrecorded"]) | early["shared_anyway"]]
    dates = shared["date"].to_numpy().astype("datetime64[D]")
    withdrawn = shared["withdrawn_on"].to_numpy().astype("datetime64[D]")
    late = shared["shared_anyway"].to_numpy()
    after_refusal = np.where(np.isnat(withdrawn), dates + rng.integers(5, 31, len(shared)),
                             withdrawn + rng.integers(1, 10, len(shared)))
    in_time = np.where(np.isnat(withdrawn), dates + rng.integers(1, 21, len(shared)),
                       dates + (rng.random(len(shared)) * (withdrawn - dates).astype(np.int64)).astype(np.int64))
    when = np.where(late, after_refusal, in_time)
    sender = shared["agency_id"].to_numpy()
    receiver = rng.choice(np.array(EARLY_HELP_PARTNERS, dtype=object), len(shared))
    receiver = np.where(receiver == sender, ag.CSC, receiver)
    consent_id = shared["concern_id"].map(given).fillna("").to_numpy()
    return events(when, sender, receiver, shared["person"].to_numpy(), shared["practitioner_id"].to_numpy(),
                  "consent", "child_protection", "summary", consent_id)


def plan_sharing(rng: np.random.Generator, pop: Population, staff: Staff, plans: pd.DataFrame, members: pd.DataFrame,
                 plan_agencies: pd.DataFrame, as_of: np.datetime64, since: np.datetime64) -> pd.DataFrame:
    """Agencies of a plan sharing with its lead about its members, and the lead telling the
    agencies informed of it."""
    if plans.empty or members.empty:
        return no_events()
    info = plans.set_index("plan_id")
    main_role = {"CP_PLAN": "subject", "MARAC": "victim", "MAPPA": "subject"}
    main = members.merge(info[["plan_type"]], left_on="plan_id", right_index=True)
    main = main[main["role"] == main["plan_type"].map(main_role)].drop_duplicates("plan_id").set_index("plan_id")
    rows = plan_agencies[plan_agencies["role"] != "lead"].merge(info, left_on="plan_id", right_index=True)
    rows = rows[rows["plan_id"].isin(main.index)]
    start = np.maximum(rows["start_date"].to_numpy().astype("datetime64[D]"), since)
    stop = rows["end_date"].to_numpy().astype("datetime64[D]")
    stop = np.where(np.isnat(stop), as_of, np.minimum(stop, as_of))
    meeting = rows["meeting_date"].to_numpy().astype("datetime64[D]")
    stop = np.where(~np.isnat(meeting), np.minimum(stop, np.maximum(meeting, start)), stop)
    keep = stop >= start
    rows, start, stop = rows[keep], start[keep], stop[keep]
    when = start + (rng.random(len(rows)) * ((stop - start).astype(np.int64) + 1)).astype(np.int64)
    informed = rows["role"].to_numpy() == "informed"
    lead = rows["lead_agency_id"].to_numpy()
    agency = rows["agency_id"].to_numpy()
    sender = np.where(informed, lead, agency)
    receiver = np.where(informed, agency, lead)
    person = main.loc[rows["plan_id"], "person"].to_numpy()
    kind = rows["plan_type"].to_numpy()
    police_role = np.where(kind == "MAPPA", "Public protection officer", "Domestic abuse officer")
    practitioner = np.concatenate([_sent(staff, pop, sender[kind == k], person[kind == k], when[kind == k],
                                         str(police_role[kind == k][0])) if (kind == k).any()
                                   else np.empty(0, np.int64) for k in ("CP_PLAN", "MARAC", "MAPPA")])
    order = np.concatenate([np.flatnonzero(kind == k) for k in ("CP_PLAN", "MARAC", "MAPPA")])
    sender, receiver, person, when, kind = (a[order] for a in (sender, receiver, person, when, kind))
    plan_id = rows["plan_id"].to_numpy()[order]
    level = np.where(informed[order], "fact_of_concern", np.where(rng.random(len(order)) < 0.5, "full", "summary"))
    basis = np.select([kind == "CP_PLAN", kind == "MAPPA"], ["significant_harm", "legal_duty"],
                      np.where(rng.random(len(order)) < 0.8, "public_interest", "vital_interests")).astype(object)
    purpose = np.select([kind == "CP_PLAN", kind == "MAPPA"],
                        ["child_protection", purposes(rng, MAPPA_PURPOSES, len(order), "reduce_offending_risk")],
                        purposes(rng, MARAC_PURPOSES, len(order)))
    cited = np.where(rng.random(len(order)) < 0.85, plan_id, "")
    return events(when, sender, receiver, person, practitioner, basis, purpose, level, plan_id=cited)


def marac_children_sharing(rng: np.random.Generator, pop: Population, staff: Staff, plans: pd.DataFrame,
                           members: pd.DataFrame, plan_agencies: pd.DataFrame, as_of: np.datetime64) -> pd.DataFrame:
    """The MARAC lead telling children's social care about each child of a case it is part of."""
    if plans.empty or members.empty:
        return no_events()
    marac = plans[(plans["plan_type"] == "MARAC") & active_on(plans, as_of)].set_index("plan_id")
    with_csc = set(plan_agencies.loc[plan_agencies["agency_id"] == ag.CSC, "plan_id"])
    kids = members[(members["role"] == "child_in_household") & members["plan_id"].isin(marac.index)
                   & members["plan_id"].isin(with_csc)]
    start = marac.loc[kids["plan_id"], "start_date"].to_numpy().astype("datetime64[D]")
    when = np.minimum(start + rng.integers(0, 8, len(kids)), as_of)
    sender = marac.loc[kids["plan_id"], "lead_agency_id"].to_numpy()
    person = kids["person"].to_numpy()
    practitioner = _sent(staff, pop, sender, person, when, "Domestic abuse officer")
    return events(when, sender, np.full(len(kids), ag.CSC), person, practitioner, "significant_harm",
                  "child_protection", "summary", plan_id=kids["plan_id"].to_numpy())
