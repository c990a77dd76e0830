"""Every pattern chart: drawn from the one colour-blind-safe palette, with titles in words."""

from __future__ import annotations

from typing import Any

import pytest

from data_model import palette
from data_model.exports.analyst import analyst_tables
from data_model.patterns.catalogue import REPORTS
from data_model.patterns.charts import report_chart
from data_model.patterns.inputs import PatternInputs
from data_model.pseudonymise import Pseudonymiser
from tests.pattern_builders import AS_OF, risky_partnership

ALLOWED = {c.lower() for c in (*palette.CATEGORICAL, palette.REFERENCE)}


@pytest.fixture(scope="module")
def charts() -> dict[str, dict[str, Any]]:
    tables = {t.name: t for t in analyst_tables(PatternInputs(risky_partnership(), AS_OF), Pseudonymiser(b"k" * 32))}
    return {r.name: report_chart(r.name, tables[r.chart_table.name].frame).to_dict() for r in REPORTS}


def walk(spec: object, key: str) -> list[Any]:
    """Every value under ``key`` anywhere in a Vega-Lite spec."""
    found = []
    if isinstance(spec, dict):
        for k, v in spec.items():
            found += [v] if k == key else []
            found += walk(v, key)
    elif isinstance(spec, list):
        for v in spec:
            found += walk(v, key)
    return found


def test_every_report_has_a_chart(charts):
    assert set(charts) == {r.name for r in REPORTS}


@pytest.mark.parametrize("report", [r.name for r in REPORTS])
def test_every_colour_a_chart_names_is_from_the_palette(charts, report):
    spec = charts[report]
    named = [c for r in walk(spec, "range") if isinstance(r, list) for c in r] + \
        [c for c in walk(spec, "color") if isinstance(c, str)]
    assert named and {c.lower() for c in named} <= ALLOWED
    schemes = {s for s in walk(spec, "scheme") if isinstance(s, str)}
    assert schemes <= {palette.SEQUENTIAL_SCHEME}


@pytest.mark.parametrize("report", [r.name for r in REPORTS])
def test_every_axis_and_legend_has_a_title_in_words(charts, report):
    spec = charts[report]
    encodings = walk(spec, "encoding")
    for encoding in encodings:
        for channel in ("x", "y", "color"):
            field = encoding.get(channel)
            if isinstance(field, dict) and "field" in field:
                assert field.get("title") and "_" not in field["title"], (channel, field)
    assert walk(spec, "title")
