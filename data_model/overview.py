"""The Overview's numbers: headline figures, and open gaps counted by code and by agency.

Examples
--------
>>> gaps = pd.DataFrame({"code": ["A", "A", "B"], "severity": ["high", "low", "high"],
...                      "agency": ["Police", "Police", "Health"], "status": ["open", "open", "resolved"]})
>>> gaps_by(gaps, "code").to_dict("records")
[{'code': 'A', 'severity': 'high', 'gaps': 1}, {'code': 'A', 'severity': 'low', 'gaps': 1}]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from data_model.findings import Severity
from data_model.gap_table import SEVERITY_ORDER, open_gaps
from data_model.partnership import Day, Partnership, as_timestamp
from data_model.records import PlanType
from data_model.rules.dates import active_on
from data_model.sharing_report import child_sharing_consent

#: An as-of or event date, in any form :func:`~data_model.partnership.as_timestamp` reads.


@dataclass(frozen=True)
class Headline:
    """The figures a lead reads first, at one as-of date."""

    people: int
    active_cases: dict[str, int]  # by plan type: MAPPA, CP_PLAN, MARAC
    open_gaps: dict[str, int]  # by severity: high, medium, low
    child_sharing_events: int
    child_sharing_with_consent: int

    @property
    def consent_recorded_share(self) -> float | None:
        """Share of sharing events about children with consent recorded (None when there are none)."""
        if not self.child_sharing_events:
            return None
        return self.child_sharing_with_consent / self.child_sharing_events


def percent(share: float) -> str:
    """A share as a percentage that never rounds a shortfall away.

    Examples
    --------
    >>> percent(0.5), percent(1.0), percent(699 / 700), percent(0.0004)
    ('50%', '100%', '99.8%', '0.0%')
    """
    exact = share * 100
    if exact == int(exact):
        return f"{int(exact)}%"
    return f"{math.floor(exact * 10) / 10:.1f}%"


def active_cases(p: Partnership, as_of: Day) -> dict[str, int]:
    """How many plans of each type are active on the as-of date."""
    day = as_timestamp(as_of)
    plans = p.plans[p.plans["start_date"] <= day]
    active = plans[active_on(plans["start_date"], plans["end_date"], day)]
    counts = active["plan_type"].value_counts()
    return {t.value: int(counts.get(t.value, 0)) for t in PlanType}


def headline(p: Partnership, as_of: Day, gaps: pd.DataFrame) -> Headline:
    """The headline figures; ``gaps`` is :func:`data_model.gap_table.gaps_frame` at ``as_of``."""
    severities = open_gaps(gaps)["severity"].value_counts()
    sharing = child_sharing_consent(p, as_of)
    return Headline(
        people=len(p.people),
        active_cases=active_cases(p, as_of),
        open_gaps={s.value: int(severities.get(s.value, 0)) for s in Severity},
        child_sharing_events=len(sharing),
        child_sharing_with_consent=int(sharing["consent_recorded"].sum()),
    )


def gaps_by(gaps: pd.DataFrame, column: str) -> pd.DataFrame:
    """Open gaps counted by ``column`` (``code`` or ``agency``) and severity, for a stacked chart."""
    found = open_gaps(gaps)
    out = found.groupby([column, "severity"]).size().rename("gaps").reset_index()
    out = out.assign(_order=out["severity"].map(SEVERITY_ORDER))
    return out.sort_values([column, "_order"]).drop(columns="_order").reset_index(drop=True)
