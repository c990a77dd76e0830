"""The shared inputs of the pattern reports for one partnership, as-of date and set of options.

Several reports stand on the same intermediate answers (the linked-risk graph, its clusters, the
gaps on a date); :class:`PatternInputs` computes each once, on first use.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any

import networkx as nx
import pandas as pd

from data_model.findings import Gap
from data_model.gap_table import gaps_frame
from data_model.partnership import Partnership, as_timestamp
from data_model.patterns.active import AsOf
from data_model.patterns.clusters import linked_risk_clusters
from data_model.patterns.gaps_over_time import GapFinder
from data_model.patterns.linked_risk import linked_risk_graph


@dataclass(frozen=True)
class PatternOptions:
    """The choices behind a set of reports (the dashboard's controls and the CLI's options).

    gap_points: dates in the gap trend (the as-of date and the month ends before it).
    rate_points: dates in the repeat-MARAC trend. sharing_days: the period of the sharing
    matrix, in days up to the as-of date. community_size: clusters larger than this (in nodes)
    are also split into communities. threshold: counts below it are suppressed in aggregate
    tables for analysts.
    """

    gap_points: int = 6
    rate_points: int = 12
    sharing_days: int = 365
    community_size: int = 60
    threshold: int = 5

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _default_finder(p: Partnership, day: pd.Timestamp) -> list[Gap]:
    from data_model.rules import find_gaps

    return find_gaps(p, day)


class PatternInputs:
    """A partnership on an as-of date, with the intermediate answers the reports share."""

    def __init__(self, p: Partnership, as_of: AsOf, options: PatternOptions | None = None,
                 find: GapFinder | None = None) -> None:
        self.p = p
        self.as_of = as_timestamp(as_of)
        self.options = options or PatternOptions()
        self._find = find or _default_finder
        self._gaps: dict[pd.Timestamp, list[Gap]] = {}

    def find_gaps(self, p: Partnership, day: pd.Timestamp) -> list[Gap]:
        """The gaps on ``day``, found once per date (a :data:`GapFinder` for this partnership)."""
        when = as_timestamp(day)
        if when not in self._gaps:
            self._gaps[when] = list(self._find(p, when))
        return self._gaps[when]

    @cached_property
    def gaps(self) -> pd.DataFrame:
        """The gaps on the as-of date, as :func:`data_model.gap_table.gaps_frame`."""
        return gaps_frame(self.find_gaps(self.p, self.as_of), self.p)

    @cached_property
    def graph(self) -> nx.Graph:
        return linked_risk_graph(self.p, self.as_of)

    @cached_property
    def clusters(self) -> pd.DataFrame:
        return linked_risk_clusters(
            self.p, self.as_of, graph=self.graph, gaps=self.gaps, community_size=self.options.community_size
        )
