"""One colour-blind-safe palette for every chart: Okabe & Ito's eight colours, and fixed meanings.

Okabe, M. and Ito, K. (2008) *Color Universal Design*: colours that stay distinct for the common
forms of colour blindness. Categories take :data:`CATEGORICAL` in order (yellow late: it is faint
on white); plan types and severities always take the same colour; ordered quantities (counts in
a heat map) use :data:`SEQUENTIAL_SCHEME`, one hue from light to dark, which is safe too.
Charts read these names, never their own hex codes. No plotting library is imported here.
"""

from __future__ import annotations

from typing import Any

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"

#: Colours for categories without a meaning of their own, in the order to use them.
CATEGORICAL = (BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION, YELLOW, BLACK, GREY)
#: One colour for one series.
SINGLE = BLUE
#: A reference line (a national figure, a target).
REFERENCE = BLACK

PLAN_TYPE_COLOURS = {"MAPPA": VERMILLION, "CP_PLAN": BLUE, "MARAC": REDDISH_PURPLE}
SEVERITY_COLOURS = {"high": VERMILLION, "medium": ORANGE, "low": SKY_BLUE}
#: Vega's name for the sequential scheme used for heat maps.
SEQUENTIAL_SCHEME = "blues"

FONT_SIZE = 13
LABEL_LIMIT = 320


def colours_for(values: list[str]) -> list[str]:
    """A colour per value, in order: the categorical colours, repeating after nine.

    Examples
    --------
    >>> colours_for(["a", "b"])
    ['#0072B2', '#E69F00']
    """
    return [CATEGORICAL[n % len(CATEGORICAL)] for n in range(len(values))]


def chart_config() -> dict[str, Any]:
    """A Vega-Lite ``config``: the palette as default ranges, and labels large enough to read."""
    return {
        "range": {"category": list(CATEGORICAL), "heatmap": {"scheme": SEQUENTIAL_SCHEME}},
        "axis": {"labelFontSize": FONT_SIZE - 1, "titleFontSize": FONT_SIZE, "labelLimit": LABEL_LIMIT},
        "legend": {"labelFontSize": FONT_SIZE - 1, "titleFontSize": FONT_SIZE, "labelLimit": LABEL_LIMIT},
        "title": {"fontSize": FONT_SIZE + 2, "anchor": "start"},
        "mark": {"color": SINGLE},
    }
