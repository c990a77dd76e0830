"""``linkedrisk generate``: a synthetic, realistic partnership dataset in the contract format.

The fictional borough of Northbrook: households and families with English names and addresses
(Faker, en_GB), the agencies of a real safeguarding partnership and their practitioners'
caseloads, Child Protection Plans, MARAC and MAPPA cases at national rates per head
(:mod:`data_model.generate.rates`, times ``density``), and the concerns, referrals, consents,
sharing, incidents, risk assessments and actions around them — with the imperfections the gap
rules exist to find. The same arguments always write the same bytes.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     counts = generate(300, seed=1, as_of="2026-11-27", out_dir=folder)
>>> counts["people"], counts["agencies"]
(300, 17)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from data_model.contract import Progress
from data_model.generate.activity import activity
from data_model.generate.agencies import agencies_frame
from data_model.generate.borough import Borough, build_borough
from data_model.generate.ids import numbered_ids
from data_model.generate.timeline import day
from data_model.generate.writer import write_tables

DEFAULT_HISTORY_MONTHS = 36


def _quiet(label: str, fraction: float) -> None:
    """A progress callback that reports nothing."""


def _tables(b: Borough) -> dict[str, pd.DataFrame]:
    """The tables known once the borough is built."""
    members = b.members.rename(columns={"person": "person_id"})
    practitioners = b.staff.practitioners
    return {
        "agencies": agencies_frame(),
        "households": b.households,
        "people": b.people,
        "practitioners": practitioners.assign(
            practitioner_id=numbered_ids("practitioners", np.arange(len(practitioners)))),
        "relationships": b.relationships.frame(),
        "involvements": b.involvements,
        "plans": b.plans,
        "plan_members": members,
        "plan_agencies": b.plan_agencies,
    }


def build(people: int, seed: int, as_of: dt.date | str, density: float = 1.0,
          history_months: float = DEFAULT_HISTORY_MONTHS, progress: Progress | None = None) -> dict[str, pd.DataFrame]:
    """Every contract table of a synthetic borough, as frames (people by row number)."""
    if people < 1:
        raise ValueError("people must be at least 1")
    if density <= 0:
        raise ValueError("density must be positive")
    report = progress or _quiet
    borough = build_borough(people, seed, day(as_of), density, history_months, report)
    report("Recording referrals, consents and sharing", 0.6)
    tables = _tables(borough)
    tables.update(activity(borough))
    return tables


def generate(people: int, seed: int, as_of: dt.date | str, out_dir: str | Path, density: float = 1.0,
             progress: Progress | None = None, history_months: float = DEFAULT_HISTORY_MONTHS) -> dict[str, int]:
    """Write a synthetic borough of ``people`` people to ``out_dir``; returns rows per table.

    ``density`` multiplies the rates of protection-plan cases (1.0: national rates per head);
    ``history_months`` is how far back the records go before ``as_of``.
    """
    report = progress or _quiet
    tables = build(people, seed, as_of, density, history_months, report)
    report("Writing CSV files", 0.85)
    counts = write_tables(tables, Path(out_dir))
    report("Done", 1.0)
    return counts
