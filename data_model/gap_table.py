"""Gaps as a table a lead can filter and act on: one row per gap, with its agency and status.

A gap names an agency only when its rule keys on one (``LINKED_PLAN_NOT_SHARED``). To filter and
count gaps by agency, each gap is given the agency answerable for it, read off the record that
made it fire: the agency that shared (sharing events), the agency of the practitioner who raised
the concern or recorded the consent, an action's owner, or a plan's lead agency.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pandas as pd

from data_model.findings import Code, Gap, Severity
from data_model.gap_status import GapStatus, gap_key
from data_model.partnership import Partnership

GAP_COLUMNS = (
    "gap_key", "code", "severity", "agency_id", "agency", "plan_id", "person_id", "about_person_id",
    "summary", "evidence", "status", "note", "changed_by", "changed_at",
)
SEVERITY_ORDER = {s.value: n for n, s in enumerate(Severity)}
#: rules.md's order of the codes.
CODE_ORDER = {c.value: n for n, c in enumerate(Code)}
NO_AGENCY = "No agency named"


def _lookup(frame: pd.DataFrame, key: str, value: str) -> dict[str, str]:
    pairs = frame[[key, value]].dropna()
    return dict(zip(pairs[key], pairs[value], strict=True))


def _answerable_agency(gap: Gap, lookups: dict[str, dict[str, str]]) -> str | None:
    """The agency answerable for ``gap``: named by the rule, else read off its record."""
    if gap.agency_id:
        return gap.agency_id
    if gap.sharing_id:
        return lookups["sharing"].get(gap.sharing_id)
    if gap.concern_id:
        return lookups["practitioner_agency"].get(lookups["concern_by"].get(gap.concern_id, ""))
    if gap.consent_id:
        return lookups["practitioner_agency"].get(lookups["consent_by"].get(gap.consent_id, ""))
    if gap.action_id:
        return lookups["action_owner"].get(gap.action_id)
    if gap.plan_id:
        return lookups["plan_lead"].get(gap.plan_id)
    return None


def _about_person(gap: Gap, lookups: dict[str, dict[str, str]]) -> str | None:
    """The person a gap is about: its own person, or the subject of its event record."""
    if gap.person_id:
        return gap.person_id
    for field, table in (("sharing_id", "sharing_person"), ("concern_id", "concern_person"),
                         ("consent_id", "consent_person")):
        record = getattr(gap, field)
        if record:
            return lookups[table].get(record)
    return None


def _lookups(p: Partnership) -> dict[str, dict[str, str]]:
    return {
        "sharing": _lookup(p.sharing_events, "sharing_id", "from_agency_id"),
        "sharing_person": _lookup(p.sharing_events, "sharing_id", "person_id"),
        "concern_by": _lookup(p.concerns, "concern_id", "practitioner_id"),
        "concern_person": _lookup(p.concerns, "concern_id", "person_id"),
        "consent_by": _lookup(p.consents, "consent_id", "recorded_by"),
        "consent_person": _lookup(p.consents, "consent_id", "person_id"),
        "practitioner_agency": _lookup(p.practitioners, "practitioner_id", "agency_id"),
        "action_owner": _lookup(p.actions, "action_id", "owner_agency_id"),
        "plan_lead": _lookup(p.plans, "plan_id", "lead_agency_id"),
    }


def gaps_frame(gaps: Iterable[Gap], p: Partnership, statuses: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every gap as a row: key, code, severity, answerable agency, summary, evidence and status.

    ``statuses`` is :func:`data_model.gap_status.current_statuses` (indexed by gap key); a gap
    without one is ``open``. Rows come high severity first, then in rules.md's code order, then by key.
    """
    lookups = _lookups(p)
    names = _lookup(p.agencies, "agency_id", "name")
    rows = []
    for gap in gaps:
        agency = _answerable_agency(gap, lookups)
        rows.append({
            "gap_key": gap_key(gap), "code": gap.code.value, "severity": gap.severity.value,
            "agency_id": agency, "agency": (names.get(agency) or agency) if agency else NO_AGENCY,
            "plan_id": gap.plan_id, "person_id": gap.person_id, "about_person_id": _about_person(gap, lookups),
            "summary": gap.summary, "evidence": "; ".join(gap.evidence),
        })
    frame = pd.DataFrame(rows, columns=list(GAP_COLUMNS[:10]))
    frame = apply_statuses(frame, statuses)
    frame = frame.assign(_severity=frame["severity"].map(SEVERITY_ORDER), _code=frame["code"].map(CODE_ORDER))
    frame = frame.sort_values(["_severity", "_code", "gap_key"]).drop(columns=["_severity", "_code"])
    return frame.reset_index(drop=True)


def apply_statuses(frame: pd.DataFrame, statuses: pd.DataFrame | None) -> pd.DataFrame:
    """``frame`` with each gap's latest status, note, who and when (``open`` when it has none)."""
    if statuses is None or statuses.empty:
        out = frame.assign(status=GapStatus.OPEN.value, note="", changed_by="", changed_at=None)
    else:
        found = statuses.reindex(frame["gap_key"])
        out = frame.assign(
            status=found["status"].fillna(GapStatus.OPEN.value).to_numpy(),
            note=found["note"].fillna("").to_numpy(),
            changed_by=found["changed_by"].fillna("").to_numpy(),
            changed_at=found["changed_at"].to_numpy(),
        )
    out["changed_at"] = pd.to_datetime(out["changed_at"]).astype("datetime64[s]")
    return out


def open_gaps(frame: pd.DataFrame) -> pd.DataFrame:
    """Gaps not marked resolved (acknowledged ones are still open: known, not yet fixed)."""
    return frame[frame["status"] != GapStatus.RESOLVED.value]


def filter_gaps(
    frame: pd.DataFrame,
    *,
    codes: Collection[str] = (),
    severities: Collection[str] = (),
    agencies: Collection[str] = (),
    plans: Collection[str] = (),
    statuses: Collection[str] = (),
) -> pd.DataFrame:
    """The gaps matching every filter given; an empty filter lets every value through.

    ``agencies`` are agency names as shown in the ``agency`` column.
    """
    keep = pd.Series(True, index=frame.index)
    for column, chosen in (("code", codes), ("severity", severities), ("agency", agencies),
                           ("plan_id", plans), ("status", statuses)):
        if chosen:
            keep &= frame[column].isin(list(chosen))
    return frame[keep]


def choices(frame: pd.DataFrame, column: str) -> list[str]:
    """The distinct values of ``column`` to offer in a filter, sorted (severity: high first)."""
    values = {v for v in frame[column].dropna() if v != ""}
    if column == "severity":
        return sorted(values, key=lambda v: SEVERITY_ORDER.get(v, len(SEVERITY_ORDER)))
    return sorted(values)


def gaps_about_person(frame: pd.DataFrame, person_id: str, plan_ids: Collection[str]) -> pd.DataFrame:
    """Gaps about ``person_id``, and gaps about the plans they are a member of."""
    return frame[(frame["about_person_id"] == person_id) | frame["plan_id"].isin(list(plan_ids))]


def plans_not_informed(frame: pd.DataFrame) -> set[str]:
    """Plans with a ``LINKED_PLAN_NOT_SHARED`` gap: some agency that needs to know has not been told."""
    return set(frame.loc[frame["code"] == Code.LINKED_PLAN_NOT_SHARED.value, "plan_id"].dropna())


def download_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns a lead downloads, in reading order (no internal key)."""
    columns = ["severity", "code", "summary", "agency", "plan_id", "person_id", "evidence",
               "status", "note", "changed_by", "changed_at"]
    out = frame[columns].copy()
    out[["plan_id", "person_id"]] = out[["plan_id", "person_id"]].fillna("")
    return out
