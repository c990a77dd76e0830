"""A chart per pattern report (Altair), in the one palette of :mod:`data_model.palette`.

Each takes the report's chart table as made for analysts (suppressed counts empty, so a hidden
cell draws as nothing) and returns a chart with a title, axis titles and tooltips in words.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from data_model import palette
from data_model.patterns import marac, plan_overlap
from data_model.patterns.catalogue import REPORTS_BY_NAME
from data_model.patterns.clusters import SIZE_BANDS

SUPPRESSED_NOTE = "Counts below the threshold, and cells that would reveal them, are hidden."
COUNT_AXIS = alt.Axis(format="d", tickMinStep=1)


def _colour(field: str, title: str, domain: list[str], colours: list[str] | None = None) -> alt.Color:
    return alt.Color(field, title=title, scale=alt.Scale(domain=domain, range=colours or palette.colours_for(domain)),
                     legend=alt.Legend(orient="bottom", labelLimit=palette.LABEL_LIMIT))


def _title(text: str) -> alt.TitleParams:
    return alt.TitleParams(text, subtitle=SUPPRESSED_NOTE)


def plan_overlap_chart(frame: pd.DataFrame) -> alt.Chart:
    units = [plan_overlap.HOUSEHOLD, plan_overlap.FAMILY_NETWORK]
    return alt.Chart(frame, title=_title("Households and family networks by plan types that meet")).mark_bar().encode(
        y=alt.Y("combination:N", title="Plan types", sort=list(plan_overlap.COMBINATIONS.values())),
        yOffset=alt.YOffset("unit:N", sort=units),
        x=alt.X("count:Q", title="How many", axis=COUNT_AXIS),
        color=_colour("unit:N", "Unit", units),
        tooltip=[alt.Tooltip("unit:N", title="Unit"), alt.Tooltip("combination:N", title="Plan types"),
                 alt.Tooltip("count:Q", title="How many")],
    )


def repeat_perpetrators_chart(frame: pd.DataFrame) -> alt.Chart:
    found = [marac.IN_CASES, marac.THROUGH_INCIDENTS]
    return alt.Chart(frame, title=_title("Perpetrators by number of MARAC victims")).mark_bar().encode(
        x=alt.X("victims:N", title="MARAC victims linked to the perpetrator", sort=[b for _, b in marac.VICTIM_BANDS],
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("perpetrators:Q", title="Perpetrators", axis=COUNT_AXIS),
        color=_colour("found:N", "How the victims were linked", found, [palette.BLUE, palette.VERMILLION]),
        tooltip=[alt.Tooltip("victims:N", title="Victims"), alt.Tooltip("found:N", title="Linked"),
                 alt.Tooltip("perpetrators:Q", title="Perpetrators")],
    )


def repeat_marac_chart(frame: pd.DataFrame) -> alt.LayerChart:
    title = _title("Repeat MARAC rate, 12 months to each date (dashed line: national rate)")
    base = alt.Chart(frame, title=title).encode(
        x=alt.X("period_end:T", title="12 months to", axis=alt.Axis(format="%b %Y")))
    local = base.mark_line(point=True, color=palette.BLUE).encode(
        y=alt.Y("rate:Q", title="Repeat rate", axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("period_end:T", title="12 months to", format="%d %B %Y"),
                 alt.Tooltip("cases:Q", title="Cases"), alt.Tooltip("repeats:Q", title="Repeats"),
                 alt.Tooltip("rate:Q", title="Repeat rate", format=".0%")])
    national = base.mark_line(strokeDash=[6, 4], color=palette.REFERENCE).encode(
        y=alt.Y("national_rate:Q", title="Repeat rate"),
        tooltip=[alt.Tooltip("national_rate:Q", title="National rate", format=".0%")])
    return alt.layer(local, national)


def mappa_children_chart(frame: pd.DataFrame) -> alt.Chart:
    levels = sorted(frame["mappa_level"].astype(str).unique())
    return alt.Chart(frame, title=_title("MAPPA subjects living with or related to children")).mark_bar().encode(
        x=alt.X("mappa_category:N", title="MAPPA category", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("subjects_with_children:Q", title="Subjects linked to children", axis=COUNT_AXIS),
        color=_colour("mappa_level:N", "MAPPA level", levels),
        tooltip=[alt.Tooltip("mappa_category:N", title="Category"), alt.Tooltip("mappa_level:N", title="Level"),
                 alt.Tooltip("subjects:Q", title="Subjects"),
                 alt.Tooltip("subjects_with_children:Q", title="Linked to children"),
                 alt.Tooltip("children:Q", title="Children")],
    )


def sharing_matrix_chart(frame: pd.DataFrame) -> alt.Chart:
    return alt.Chart(frame, title=_title("Sharing between agencies (events, by purpose named)")).mark_rect().encode(
        y=alt.Y("from_agency:N", title="Shared by", axis=alt.Axis(labelLimit=palette.LABEL_LIMIT)),
        x=alt.X("to_agency:N", title="Shared with", axis=alt.Axis(labelAngle=-35, labelLimit=200)),
        color=alt.Color("sum(events):Q", title="Events × purposes",
                        scale=alt.Scale(scheme=palette.SEQUENTIAL_SCHEME)),
        tooltip=[alt.Tooltip("from_agency:N", title="Shared by"), alt.Tooltip("to_agency:N", title="Shared with"),
                 alt.Tooltip("sum(events):Q", title="Events × purposes shown")],
    )


def gaps_over_time_chart(frame: pd.DataFrame) -> alt.Chart:
    return alt.Chart(frame, title=_title("Gaps by code at each date")).mark_rect().encode(
        x=alt.X("as_of:O", title="As of", timeUnit="yearmonthdate", axis=alt.Axis(format="%d %b %Y", labelAngle=0)),
        y=alt.Y("code:N", title="Gap code", axis=alt.Axis(labelLimit=palette.LABEL_LIMIT)),
        color=alt.Color("sum(gaps):Q", title="Gaps", scale=alt.Scale(scheme=palette.SEQUENTIAL_SCHEME)),
        tooltip=[alt.Tooltip("code:N", title="Code"), alt.Tooltip("as_of:T", title="As of", format="%d %B %Y"),
                 alt.Tooltip("sum(gaps):Q", title="Gaps shown")],
    )


def clusters_chart(frame: pd.DataFrame) -> alt.Chart:
    counts = ["1", "2", "3"]
    shown = frame.assign(plan_type_count=frame["plan_type_count"].astype(str))
    return alt.Chart(shown, title=_title("Clusters of linked risk by size")).mark_bar().encode(
        x=alt.X("size_band:N", title="People in the cluster", sort=[b[2] for b in SIZE_BANDS],
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("clusters:Q", title="Clusters", axis=COUNT_AXIS),
        color=_colour("plan_type_count:N", "Types of plan in it", counts,
                      [palette.SKY_BLUE, palette.ORANGE, palette.VERMILLION]),
        tooltip=[alt.Tooltip("size_band:N", title="People"), alt.Tooltip("plan_type_count:N", title="Plan types"),
                 alt.Tooltip("clusters:Q", title="Clusters")],
    )


#: The measure each chart draws, to tell whether there is anything to draw.
MEASURES = {
    "plan_overlap": "count", "repeat_perpetrators": "perpetrators", "repeat_marac": "rate",
    "mappa_children": "subjects_with_children", "sharing_matrix": "events", "gaps_over_time": "gaps",
    "clusters": "clusters",
}


def drawable(report: str, frame: pd.DataFrame) -> bool:
    """Whether the chart of ``report`` would show anything: some measure shown and above zero.

    Examples
    --------
    >>> drawable("clusters", pd.DataFrame({"clusters": [0, None]}))
    False
    """
    values = pd.to_numeric(frame[MEASURES[report]], errors="coerce")
    return bool((values.fillna(0) > 0).any())


CHARTS = {
    "plan_overlap": plan_overlap_chart, "repeat_perpetrators": repeat_perpetrators_chart,
    "repeat_marac": repeat_marac_chart, "mappa_children": mappa_children_chart,
    "sharing_matrix": sharing_matrix_chart, "gaps_over_time": gaps_over_time_chart, "clusters": clusters_chart,
}


def report_chart(report: str, frame: pd.DataFrame) -> alt.TopLevelMixin:
    """The chart of ``report`` (a name in the catalogue) over its chart table, in the palette."""
    if report not in REPORTS_BY_NAME:
        raise KeyError(report)
    return CHARTS[report](frame).configure(**palette.chart_config())
