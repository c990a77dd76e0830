"""The cached loaders of the Patterns page: analyst tables and exports, per date and options.

One :class:`~data_model.patterns.inputs.PatternInputs` is kept per (database, data generation,
as-of date, options), so the linked-risk graph and the gap trend are worked out once and shared by
every report and every export made from them. Everything here is already pseudonymised and
suppressed: the page never holds identifiable pattern rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from dashboard import data
from dashboard.identity import current_user
from data_model.exports import export_files, zip_bytes
from data_model.exports.analyst import ExportTable, analyst_tables
from data_model.page_access import Page, require_page
from data_model.patterns.inputs import PatternInputs, PatternOptions
from data_model.pseudonymise import Pseudonymiser, load_key
from data_model.store import database_url

CACHE_ENTRIES = 8


@st.cache_resource(show_spinner=False)
def _pseudonymiser() -> Pseudonymiser:
    return Pseudonymiser(load_key())


@st.cache_resource(show_spinner="Working out the patterns…", max_entries=CACHE_ENTRIES)
def _inputs(url: str, gen: int, as_of: dt.date, options: PatternOptions) -> PatternInputs:
    return PatternInputs(data.partnership(), as_of, options)


def inputs(as_of: dt.date, options: PatternOptions) -> PatternInputs:
    """The pattern inputs (refused unless the signed-in user's role opens the Patterns page)."""
    require_page(current_user(), Page.PATTERNS)
    return _inputs(database_url(), data.generation(), as_of, options)


@st.cache_resource(show_spinner="Working out the patterns…", max_entries=CACHE_ENTRIES * 4)
def _tables(url: str, gen: int, as_of: dt.date, options: PatternOptions, report: str) -> tuple[ExportTable, ...]:
    return tuple(analyst_tables(_inputs(url, gen, as_of, options), _pseudonymiser(), [report]))


def report_tables(as_of: dt.date, options: PatternOptions, report: str) -> tuple[ExportTable, ...]:
    """The tables of one report, made safe for analysts (tokens, months, suppression)."""
    require_page(current_user(), Page.PATTERNS)
    return _tables(database_url(), data.generation(), as_of, options, report)


def export_zip(found: PatternInputs, formats: Sequence[str], reports: Sequence[str] | None,
               aggregates_only: bool = False) -> bytes:
    """An analyst export as one ZIP (manifest included), exactly as ``linkedrisk export`` writes it.

    ``found`` comes from :func:`inputs` (which checks the role); this runs when the file is asked
    for, outside the page's run, so it reads nothing from the session.
    """
    return zip_bytes(export_files(found, formats, _pseudonymiser(), reports, aggregates_only))
