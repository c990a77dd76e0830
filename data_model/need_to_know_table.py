"""Who-needs-to-know rows as a table: names beside ids, and the agencies not yet told first."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pandas as pd

from data_model.findings import NeedToKnow, Status
from data_model.rules.context import Context

#: Not informed first: those are the rows that need someone to act.
STATUS_ORDER = {Status.NOT_INFORMED.value: 0, Status.INFORMED.value: 1, Status.PART_OF_PLAN.value: 2}
STATUS_LABELS = {
    Status.NOT_INFORMED.value: "not informed",
    Status.INFORMED.value: "informed",
    Status.PART_OF_PLAN.value: "part of plan",
}
COLUMNS = ["status", "agency", "practitioner", "person", "information_level", "link", "path",
           "lawful_basis", "consent_in_force", "agency_id", "practitioner_id", "person_id"]


def plan_choices(context: Context, include_ended: bool = False, not_informed: Collection[str] = ()) -> pd.DataFrame:
    """Plans to pick from: ``plan_id`` and a label naming the plan and whom it protects.

    ``context`` is the analysis context of the as-of date (built once, shared by every page).
    Active plans only, unless ``include_ended``. Plans in ``not_informed`` (those with a
    ``LINKED_PLAN_NOT_SHARED`` gap: someone needs telling) come first and say so; then by plan
    type and id.
    """
    plans = context.plans if include_ended else context.active_plans
    flagged = plans["plan_id"].isin(list(not_informed))
    plans = plans.assign(_flagged=~flagged).sort_values(["_flagged", "plan_type", "plan_id"])
    labels = [
        _capital(context.plan_label(pid)) + ("" if active else " (ended)")
        + (" — agencies not informed" if not unflagged else "")
        for pid, active, unflagged in zip(plans["plan_id"], plans["active"], plans["_flagged"], strict=True)
    ]
    return pd.DataFrame({"plan_id": plans["plan_id"].to_numpy(), "label": labels,
                         "active": plans["active"].to_numpy(dtype=bool)})


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def need_to_know_frame(rows: Iterable[NeedToKnow], context: Context) -> pd.DataFrame:
    """One row per (practitioner, person) with names, status in words, path as names."""
    rows = list(rows)
    practitioners = context.p.practitioners.set_index("practitioner_id")["name"]
    records = [
        {
            "status": STATUS_LABELS[r.status.value],
            "agency": context.agency_name(r.agency_id),
            "practitioner": practitioners.get(r.practitioner_id) or r.practitioner_id,
            "person": f"{context.person_name(r.person_id)} ({r.person_id})",
            "information_level": r.information_level.replace("_", " "),
            "link": r.link.replace("_", " "),
            "path": " → ".join(context.person_name(x) for x in r.path),
            "lawful_basis": r.lawful_basis.replace("_", " "),
            "consent_in_force": bool(r.consent_in_force),
            "agency_id": r.agency_id,
            "practitioner_id": r.practitioner_id,
            "person_id": r.person_id,
            "_order": STATUS_ORDER[r.status.value],
        }
        for r in rows
    ]
    frame = pd.DataFrame(records, columns=[*COLUMNS, "_order"])
    frame = frame.sort_values(["_order", "agency", "practitioner", "person_id"])
    return frame.drop(columns="_order").reset_index(drop=True)


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many rows have each status, in the order the table shows them."""
    counts = frame["status"].value_counts()
    return {label: int(counts.get(label, 0)) for label in STATUS_LABELS.values()}
