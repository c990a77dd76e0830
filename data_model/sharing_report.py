"""Information sharing at a glance: the nine adult-safeguarding purposes, and consent for children.

Every function takes the partnership and the as-of date D and sees only sharing events and
consents dated on or before D (rules.md's "what is visible"). Whether a person is a child is judged
on the date of the event or decision, as the rules do. ``since`` narrows the period shown.
"""

from __future__ import annotations

import pandas as pd

from data_model.partnership import Day, Partnership, as_timestamp
from data_model.records import ADULT_PURPOSES, PURPOSE_LABELS, ConsentDecision
from data_model.rules.dates import adult_on, child_on

#: An as-of or event date, in any form :func:`~data_model.partnership.as_timestamp` reads.


DECISION_LABELS = {
    ConsentDecision.GIVEN.value: "given",
    ConsentDecision.REFUSED.value: "refused",
    ConsentDecision.WITHDRAWN.value: "withdrawn",
    ConsentDecision.NOT_SOUGHT.value: "not sought",
}
ADULT_CODES = [p.value for p in ADULT_PURPOSES]


def _visible(frame: pd.DataFrame, as_of: Day, since: Day | None) -> pd.DataFrame:
    day = as_timestamp(as_of)
    keep = frame["date"] <= day
    if since is not None:
        keep &= frame["date"] >= as_timestamp(since)
    return frame[keep]


def _born(p: Partnership, person_ids: pd.Series) -> pd.Series:
    born = p.people.set_index("person_id")["date_of_birth"]
    return pd.Series(born.reindex(person_ids.to_numpy()).to_numpy(), index=person_ids.index, dtype="datetime64[s]")


def sharing_events(p: Partnership, as_of: Day, since: Day | None = None) -> pd.DataFrame:
    """Visible sharing events with agency names, the month, and whether about a child or adult."""
    events = _visible(p.sharing_events, as_of, since)
    names = p.agencies.set_index("agency_id")["name"]
    born = _born(p, events["person_id"])
    return events.assign(
        from_agency=names.reindex(events["from_agency_id"]).fillna(events["from_agency_id"]).to_numpy(),
        to_agency=names.reindex(events["to_agency_id"]).fillna(events["to_agency_id"]).to_numpy(),
        month=events["date"].dt.to_period("M").dt.to_timestamp().astype("datetime64[s]"),
        about_child=child_on(born, events["date"]).to_numpy(),
        about_adult=adult_on(born, events["date"]).to_numpy(),
    )


def _by_purpose(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, adult purpose it names)."""
    codes = events["purposes"].str.split(";").explode()
    codes = codes[codes.isin(ADULT_CODES)]
    out = events.loc[codes.index].assign(purpose=codes.to_numpy())
    return out.assign(purpose_label=out["purpose"].map(lambda c: PURPOSE_LABELS[c]))


def volume_by_purpose(p: Partnership, as_of: Day, since: Day | None = None) -> pd.DataFrame:
    """For each of the nine purposes, in the guidance's order: how many sharing events name it."""
    counts = _by_purpose(sharing_events(p, as_of, since))["purpose"].value_counts()
    return pd.DataFrame({
        "purpose": ADULT_CODES,
        "purpose_label": [PURPOSE_LABELS[c] for c in ADULT_PURPOSES],
        "events": [int(counts.get(c, 0)) for c in ADULT_CODES],
    })


def purpose_by_month(p: Partnership, as_of: Day, since: Day | None = None) -> pd.DataFrame:
    """Sharing events per month and purpose (months with no sharing are absent)."""
    rows = _by_purpose(sharing_events(p, as_of, since))
    out = rows.groupby(["month", "purpose", "purpose_label"]).size().rename("events").reset_index()
    return out.sort_values(["month", "purpose"]).reset_index(drop=True)


def purpose_flows(
    p: Partnership, as_of: Day, since: Day | None = None, purposes: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Between which agencies information flowed, for the chosen purposes (all nine when none)."""
    rows = _by_purpose(sharing_events(p, as_of, since))
    if purposes:
        rows = rows[rows["purpose"].isin(list(purposes))]
    # An event naming two chosen purposes is still one disclosure between the two agencies.
    rows = rows.drop_duplicates("sharing_id")
    out = rows.groupby(["from_agency", "to_agency"]).size().rename("events").reset_index()
    return out.sort_values(["events", "from_agency", "to_agency"], ascending=[False, True, True]) \
        .reset_index(drop=True)


def flows_by_month(
    p: Partnership, as_of: Day, since: Day | None = None, purposes: tuple[str, ...] = (), top: int = 10
) -> pd.DataFrame:
    """Sharing events per month between the ``top`` busiest pairs of agencies, for the chosen purposes.

    Returns ``month``, ``flow`` (``"A → B"``) and ``events``; pairs are ranked by their total.
    """
    rows = _by_purpose(sharing_events(p, as_of, since))
    if purposes:
        rows = rows[rows["purpose"].isin(list(purposes))]
    rows = rows.drop_duplicates("sharing_id")
    rows = rows.assign(flow=rows["from_agency"] + " → " + rows["to_agency"])
    busiest = rows["flow"].value_counts().sort_index(ascending=True).sort_values(ascending=False, kind="stable")
    rows = rows[rows["flow"].isin(busiest.index[:top])]
    out = rows.groupby(["month", "flow"]).size().rename("events").reset_index()
    return out.sort_values(["month", "flow"]).reset_index(drop=True)


def adult_sharing_without_purpose(p: Partnership, as_of: Day, since: Day | None = None) -> pd.DataFrame:
    """Sharing about adults (on the event's date) that names none of the nine purposes."""
    events = sharing_events(p, as_of, since)
    adults = events[events["about_adult"]]
    named = adults["purposes"].str.split(";").map(lambda codes: any(c in ADULT_CODES for c in codes))
    out = adults[~named.astype(bool)]
    columns = ["sharing_id", "date", "from_agency", "to_agency", "person_id", "lawful_basis", "purposes"]
    return out[columns].sort_values(["date", "sharing_id"]).reset_index(drop=True)


def child_consent_decisions(p: Partnership, as_of: Day, since: Day | None = None) -> pd.DataFrame:
    """How many consent decisions about children (on the decision's date) were of each kind."""
    consents = _visible(p.consents, as_of, since)
    children = consents[child_on(_born(p, consents["person_id"]), consents["date"]).to_numpy()]
    counts = children["decision"].value_counts()
    return pd.DataFrame({
        "decision": list(DECISION_LABELS),
        "decision_label": list(DECISION_LABELS.values()),
        "consents": [int(counts.get(d, 0)) for d in DECISION_LABELS],
    })


def child_sharing_consent(p: Partnership, as_of: Day, since: Day | None = None) -> pd.DataFrame:
    """Sharing events about children, each with ``consent_recorded``: a consent decision about
    the child dated on or before the event (the complement of ``CONSENT_NOT_RECORDED``)."""
    events = sharing_events(p, as_of, since)
    events = events[events["about_child"]]
    consents = _visible(p.consents, as_of, None)
    first = consents.groupby("person_id")["date"].min()
    first_consent = pd.Series(first.reindex(events["person_id"].to_numpy()).to_numpy(), index=events.index)
    return events.assign(consent_recorded=(first_consent <= events["date"]).fillna(False).astype(bool))


def consent_recording_by_month(p: Partnership, as_of: Day, since: Day | None = None) -> pd.DataFrame:
    """Per month: sharing events about children, how many had consent recorded, and the share."""
    events = child_sharing_consent(p, as_of, since)
    out = events.groupby("month").agg(events=("sharing_id", "size"), recorded=("consent_recorded", "sum"))
    out = out.reset_index().astype({"events": "int64", "recorded": "int64"})
    return out.assign(share=out["recorded"] / out["events"])
