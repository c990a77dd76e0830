"""The cached loaders: the only place pages get data from.

The partnership is loaded once per database and *data generation*: an import through the Data
page starts a new generation, so every cached answer is worked out again from the new data.
(An import from the command line while the app runs shows after "Reload data" in the sidebar.)
Cached values are shared between sessions: pages read them and never change them.

Gap statuses are read fresh on every run: they are small, and a lead must see their own change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.network_view import network_html
from data_model import gap_status, gap_table, need_to_know_table, overview, person_profile, rules, sharing_report
from data_model.contract import Progress, Validated, validate
from data_model.findings import Gap
from data_model.graph import neighbourhood
from data_model.partnership import Partnership
from data_model.sources import read_source
from data_model.store import Store, database_url, open_store
from data_model.uploads import unpack_upload

CACHE_ENTRIES = 16


def _url() -> str:
    return database_url()


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return open_store(url)


def store() -> Store:
    """The migrated database named by ``LINKEDRISK_DB_URL`` (a SQLite file under var/ by default)."""
    return _store(_url())


@st.cache_resource(show_spinner=False)
def _generations() -> dict[str, int]:
    return {}


def generation() -> int:
    """How many times this database's data has changed since the app started."""
    return _generations().get(_url(), 0)


def data_changed() -> None:
    """Start a new data generation: every cached answer is recomputed on next use."""
    url = _url()
    _generations()[url] = _generations().get(url, 0) + 1


def _key() -> tuple[str, int]:
    return _url(), generation()


# --- the partnership and the analyses over it ----------------------------------------------------


@st.cache_resource(show_spinner="Loading the partnership's data…", max_entries=4)
def _partnership(url: str, gen: int) -> Partnership:
    return _store(url).load()


def partnership() -> Partnership:
    return _partnership(*_key())


def has_data() -> bool:
    """Whether the database holds anyone at all (pages show what to do when it does not)."""
    return not partnership().people.empty


@st.cache_resource(show_spinner=False, max_entries=CACHE_ENTRIES)
def _analysis(url: str, gen: int, as_of: dt.date) -> rules.Analysis:
    """One analysis per date: the joins the rules share are made once for every page."""
    return rules.analyse(_partnership(url, gen), as_of)


@st.cache_resource(show_spinner="Finding gaps…", max_entries=CACHE_ENTRIES)
def _gaps(url: str, gen: int, as_of: dt.date) -> tuple[Gap, ...]:
    return tuple(_analysis(url, gen, as_of).gaps())


@st.cache_resource(show_spinner=False, max_entries=CACHE_ENTRIES)
def _gap_rows(url: str, gen: int, as_of: dt.date) -> pd.DataFrame:
    return gap_table.gaps_frame(_gaps(url, gen, as_of), _partnership(url, gen))


def gap_frame(as_of: dt.date) -> pd.DataFrame:
    """Every gap on ``as_of`` with its current status (see :func:`data_model.gap_table.gaps_frame`)."""
    return gap_table.apply_statuses(_gap_rows(*_key(), as_of), gap_status.current_statuses(store().engine))


def headline(as_of: dt.date) -> overview.Headline:
    return overview.headline(partnership(), as_of, gap_frame(as_of))


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _sharing(url: str, gen: int, name: str, as_of: dt.date, since: dt.date | None) -> pd.DataFrame:
    report: Callable[..., pd.DataFrame] = getattr(sharing_report, name)
    return report(_partnership(url, gen), as_of, since)


def sharing(name: str, as_of: dt.date, since: dt.date | None = None) -> pd.DataFrame:
    """One of :mod:`data_model.sharing_report`'s frames, by function name."""
    return _sharing(*_key(), name, as_of, since)


def purpose_flows(as_of: dt.date, since: dt.date | None, purposes: tuple[str, ...]) -> pd.DataFrame:
    return sharing_report.purpose_flows(partnership(), as_of, since, purposes)


def flows_by_month(as_of: dt.date, since: dt.date | None, purposes: tuple[str, ...]) -> pd.DataFrame:
    return sharing_report.flows_by_month(partnership(), as_of, since, purposes)


# --- people and their network --------------------------------------------------------------------


def find_people(query: str) -> pd.DataFrame:
    return person_profile.find_people(partnership(), query)


@st.cache_data(show_spinner="Drawing the network…", max_entries=CACHE_ENTRIES)
def _network(url: str, gen: int, person_id: str, depth: int, as_of: dt.date) -> tuple[str, int, int]:
    graph = neighbourhood(_partnership(url, gen), person_id, depth, as_of)
    page, left_out = network_html(graph, f"person:{person_id}", as_of)
    return page, left_out, graph.number_of_nodes()


def network(person_id: str, depth: int, as_of: dt.date) -> tuple[str, int, int]:
    """(self-contained HTML, nodes left out, nodes in the neighbourhood) for the person."""
    return _network(*_key(), person_id, depth, as_of)


def plans_of(person_id: str, as_of: dt.date) -> pd.DataFrame:
    return person_profile.plans_of(partnership(), person_id, as_of)


def practitioners_of(person_id: str, as_of: dt.date) -> pd.DataFrame:
    return person_profile.practitioners_of(partnership(), person_id, as_of)


def person_age(person_id: str, as_of: dt.date) -> int | None:
    return person_profile.person_age(partnership(), person_id, as_of)


# --- who needs to know -----------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _plan_choices(url: str, gen: int, as_of: dt.date, include_ended: bool) -> pd.DataFrame:
    not_informed = gap_table.plans_not_informed(_gap_rows(url, gen, as_of))
    return need_to_know_table.plan_choices(_analysis(url, gen, as_of).context, include_ended, not_informed)


def plan_choices(as_of: dt.date, include_ended: bool = False) -> pd.DataFrame:
    return _plan_choices(*_key(), as_of, include_ended)


@st.cache_data(show_spinner="Working out who needs to know…", max_entries=CACHE_ENTRIES)
def _need_to_know(url: str, gen: int, plan_id: str, as_of: dt.date) -> pd.DataFrame:
    analysis = _analysis(url, gen, as_of)
    return need_to_know_table.need_to_know_frame(analysis.who_needs_to_know(plan_id), analysis.context)


def need_to_know(plan_id: str, as_of: dt.date) -> pd.DataFrame:
    return _need_to_know(*_key(), plan_id, as_of)


# --- writing: gap statuses and imports --------------------------------------------------------------


def record_gap_status(key: str, status: str, note: str, changed_by: str) -> None:
    """Store a status change for a gap, stamped with the current time (UTC)."""
    now = dt.datetime.now(dt.UTC)
    gap_status.record_status(store().engine, key, status, note=note, changed_by=changed_by, changed_at=now)


def gap_history(key: str) -> pd.DataFrame:
    return gap_status.status_history(store().engine, key)


def check_upload(name: str, content: bytes, folder: str, progress: Progress | None = None) -> Validated:
    """Unpack and validate an uploaded zip or workbook against the contract and the stored ids."""
    from pathlib import Path

    path = unpack_upload(name, content, Path(folder))
    return validate(read_source(path), known=store().known_ids(), progress=progress)


def import_checked(validated: Validated, progress: Progress | None = None) -> dict[str, int]:
    """Store the valid rows of a checked upload, then start a new data generation."""
    counts = store().write(validated, progress=progress)
    data_changed()
    return counts


def stored_counts() -> dict[str, int]:
    return store().counts()
