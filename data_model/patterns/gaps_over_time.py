"""Information-sharing gaps by code and answerable agency, at a series of dates.

The rules are run afresh at each date (as if it were the as-of date), so a trend shows what the
partnership would have seen then. Each gap is counted against the agency answerable for it
(:func:`data_model.gap_table.gaps_frame`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from data_model.findings import Gap
from data_model.gap_table import gaps_frame
from data_model.partnership import Partnership
from data_model.patterns.active import AsOf, period_ends

#: Finds the gaps of a partnership on a date: :func:`data_model.rules.find_gaps` by default.
GapFinder = Callable[[Partnership, pd.Timestamp], Sequence[Gap]]
COLUMNS = ["as_of", "code", "agency_id", "agency", "gaps"]
POINTS = 6


def _default_finder() -> GapFinder:
    from data_model.rules import find_gaps

    return find_gaps


def gap_counts(p: Partnership, gaps: Sequence[Gap]) -> pd.DataFrame:
    """Gaps counted per (code, answerable agency): ``code``, ``agency_id``, ``agency``, ``gaps``."""
    frame = gaps_frame(gaps, p)
    frame["agency_id"] = frame["agency_id"].fillna("")
    out = frame.groupby(["code", "agency_id", "agency"]).size().rename("gaps").reset_index()
    return out.astype({"gaps": "Int64"})


def gaps_over_time(
    p: Partnership, as_of: AsOf, points: int = POINTS, find: GapFinder | None = None
) -> pd.DataFrame:
    """Gap counts per code and agency at ``as_of`` and the month ends before it (``points`` dates).

    ``agency_id`` is empty when no agency is answerable. Columns: ``as_of``, ``code``,
    ``agency_id``, ``agency``, ``gaps``; only non-zero counts appear.
    """
    finder = find or _default_finder()
    frames = [gap_counts(p, finder(p, day)).assign(as_of=day) for day in period_ends(as_of, points)]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    out["as_of"] = pd.to_datetime(out["as_of"]).astype("datetime64[s]")
    out["gaps"] = out["gaps"].astype("Int64")
    return out[COLUMNS].sort_values(["as_of", "code", "agency_id"]).reset_index(drop=True)
