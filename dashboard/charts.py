"""Altair charts with titles, axis labels and colour-blind-safe colours (Okabe-Ito)."""

from __future__ import annotations

import altair as alt
import pandas as pd

SEVERITY_COLOURS = {"high": "#D55E00", "medium": "#E69F00", "low": "#56B4E9"}
#: Okabe-Ito, for series without a meaning of their own (purposes, decisions).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"]
LABEL_LIMIT = 320


def category_axis(limit: int = LABEL_LIMIT) -> alt.Axis:
    """A left axis of long category names, its title above them like a column heading.

    (Beside them, Vega can misjudge the width of the names and draw the title across them.)
    """
    return alt.Axis(labelLimit=limit, titleAngle=0, titleAlign="right", titleBaseline="bottom", titleX=-4,
                    titleY=-6, titleFontWeight="bold")


def _severity_colour() -> alt.Color:
    return alt.Color(
        "severity:N",
        title="Severity",
        scale=alt.Scale(domain=list(SEVERITY_COLOURS), range=list(SEVERITY_COLOURS.values())),
        sort=list(SEVERITY_COLOURS),
    )


def stacked_gaps(frame: pd.DataFrame, by: str, title: str, axis_title: str) -> alt.Chart:
    """Horizontal bars of open gaps per ``by`` value, stacked by severity, largest first."""
    order = frame.groupby(by)["gaps"].sum().sort_values(ascending=False).index.tolist()
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            y=alt.Y(f"{by}:N", title=axis_title, sort=order, axis=category_axis()),
            x=alt.X("sum(gaps):Q", title="Open gaps", axis=alt.Axis(format="d", tickMinStep=1)),
            color=_severity_colour(),
            order=alt.Order("severity_rank:Q"),
            tooltip=[alt.Tooltip(f"{by}:N", title=axis_title), alt.Tooltip("severity:N", title="Severity"),
                     alt.Tooltip("gaps:Q", title="Open gaps")],
        )
        .transform_calculate(severity_rank="indexof(['high','medium','low'], datum.severity)")
    )


def bars(frame: pd.DataFrame, category: str, value: str, *, title: str, category_title: str,
         value_title: str) -> alt.Chart:
    """Horizontal bars, one per category, in the frame's order."""
    return (
        alt.Chart(frame, title=title)
        .mark_bar(color=PALETTE[0])
        .encode(
            y=alt.Y(f"{category}:N", title=category_title, sort=None, axis=category_axis()),
            x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format="d", tickMinStep=1)),
            tooltip=[alt.Tooltip(f"{category}:N", title=category_title), alt.Tooltip(f"{value}:Q", title=value_title)],
        )
    )


def lines_by_month(frame: pd.DataFrame, value: str, series: str | None, *, title: str, value_title: str,
                   series_title: str = "", percent: bool = False) -> alt.Chart:
    """A line per series (or one line) over ``month``."""
    axis = alt.Axis(format="%") if percent else alt.Axis(format="d", tickMinStep=1)
    encoding = {
        "x": alt.X("month:T", title="Month", axis=alt.Axis(format="%b %Y")),
        "y": alt.Y(f"{value}:Q", title=value_title, axis=axis),
        "tooltip": [alt.Tooltip("month:T", title="Month", format="%B %Y"),
                    alt.Tooltip(f"{value}:Q", title=value_title, format=".0%" if percent else "d")],
    }
    chart = alt.Chart(frame, title=title).mark_line(point=True)
    if series:
        encoding["color"] = alt.Color(f"{series}:N", title=series_title, scale=alt.Scale(range=PALETTE),
                                      legend=alt.Legend(orient="bottom", columns=2, labelLimit=LABEL_LIMIT))
        encoding["tooltip"].insert(0, alt.Tooltip(f"{series}:N", title=series_title))
    return chart.encode(**encoding)


def month_heatmap(frame: pd.DataFrame, category: str, value: str, *, title: str, category_title: str,
                  value_title: str, order: list[str] | None = None) -> alt.Chart:
    """One row per category, one column per month, shaded by ``value`` (clearer than nine lines).

    Rows come in ``order``, or busiest first.
    """
    if order is None:
        order = frame.groupby(category)[value].sum().sort_values(ascending=False).index.tolist()
    return (
        alt.Chart(frame, title=title)
        .mark_rect()
        .encode(
            x=alt.X("yearmonth(month):O", title="Month", axis=alt.Axis(format="%b %Y", labelAngle=-35)),
            y=alt.Y(f"{category}:N", title=category_title, sort=order, axis=category_axis()),
            color=alt.Color(f"{value}:Q", title=value_title, scale=alt.Scale(scheme="blues")),
            tooltip=[alt.Tooltip("yearmonth(month):O", title="Month", format="%B %Y"),
                     alt.Tooltip(f"{category}:N", title=category_title), alt.Tooltip(f"{value}:Q", title=value_title)],
        )
    )


def flow_heatmap(frame: pd.DataFrame, *, title: str) -> alt.Chart:
    """Sharing events from one agency (rows) to another (columns), as shaded cells with counts."""
    base = alt.Chart(frame, title=title).encode(
        y=alt.Y("from_agency:N", title="Shared by", axis=category_axis()),
        x=alt.X("to_agency:N", title="Shared with", axis=alt.Axis(labelAngle=-55, labelLimit=200, labelOverlap=False)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("events:Q", title="Sharing events", scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip("from_agency:N", title="Shared by"), alt.Tooltip("to_agency:N", title="Shared with"),
                 alt.Tooltip("events:Q", title="Sharing events")],
    )
    text = base.mark_text(fontSize=11).encode(
        text="events:Q",
        color=alt.condition(alt.datum.events > frame["events"].max() / 2 if len(frame) else alt.datum.events > 0,
                            alt.value("white"), alt.value("black")),
    )
    return cells + text
