"""The cached loaders: the only place pages get data from.

The partnership is loaded once per database and *data generation*: an import through the Data
page starts a new generation, so every cached answer is worked out again from the new data.
(An import from the command line while the app runs shows after "Reload data" in the sidebar.)
Cached values are shared between sessions: pages read them and never change them.

Gap statuses are read fresh on every run: they are small, and a lead must see their own change.

Every loader a page calls answers for the signed-in user (:mod:`dashboard.identity`): what their
role may read on the as-of date (:func:`data_model.access.scope`), and nothing for a person or
plan outside it (:mod:`data_model.scoped_tables` refuses). Analyses that need the whole
partnership are worked out once and cut to each slice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.identity import current_user
from dashboard.network_view import network_html
from data_model import gap_status, gap_table, overview, person_profile, rules, scoped_tables, sharing_report
from data_model.access import Permission, Role, ScopedView, User, require, scope
from data_model.contract import Progress, Validated, validate
from data_model.findings import Gap
from data_model.graph import neighbourhood
from data_model.marac.action_states import with_local_actions
from data_model.marac.actions import load_changes
from data_model.partnership import Partnership
from data_model.rules.context import Context
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
    """One analysis per date: the joins the rules share are made once for every page.

    The rules judge the working picture: imported records with coordinators' action changes
    laid over them (an action edit starts a new data generation, see ``dashboard.audited``).
    """
    p = with_local_actions(_partnership(url, gen), load_changes(_store(url).engine))
    return rules.analyse(p, as_of)


@st.cache_resource(show_spinner="Finding gaps…", max_entries=CACHE_ENTRIES)
def _gaps(url: str, gen: int, as_of: dt.date) -> tuple[Gap, ...]:
    return tuple(_analysis(url, gen, as_of).gaps())


@st.cache_resource(show_spinner=False, max_entries=CACHE_ENTRIES)
def _gap_rows(url: str, gen: int, as_of: dt.date) -> pd.DataFrame:
    return gap_table.gaps_frame(_gaps(url, gen, as_of), _partnership(url, gen))


# --- the slice of it the signed-in user may read ---------------------------------------------------
# Cached per role and agency (everyone with the same role and agency reads the same slice), never
# per username: nothing one person may read can be served to a person of another role.


def _scope_key() -> tuple[str, str | None]:
    user = current_user()
    return user.role.value, user.agency_id


def scope_key() -> tuple[str, int, str, str | None]:
    """What a cached answer for the signed-in user depends on: database, data generation, role, agency."""
    return (*_key(), *_scope_key())


@st.cache_resource(show_spinner="Working out what you may see…", max_entries=CACHE_ENTRIES)
def _view(url: str, gen: int, as_of: dt.date, role: str, agency: str | None) -> ScopedView:
    return scope(_partnership(url, gen), User("(scope)", Role(role), agency), as_of)


def view(as_of: dt.date) -> ScopedView:
    """What the signed-in user may read on ``as_of`` (refused unless their role may view people)."""
    require(current_user(), Permission.VIEW_PEOPLE)
    return _view(*_key(), as_of, *_scope_key())


@st.cache_resource(show_spinner=False, max_entries=CACHE_ENTRIES)
def _context(url: str, gen: int, as_of: dt.date, role: str, agency: str | None) -> Context:
    scoped = _view(url, gen, as_of, role, agency)
    return _analysis(url, gen, as_of).context if scoped.everything else Context(scoped.partnership, as_of)


@st.cache_resource(show_spinner=False, max_entries=CACHE_ENTRIES)
def _scoped_gap_rows(url: str, gen: int, as_of: dt.date, role: str, agency: str | None) -> pd.DataFrame:
    people = _partnership(url, gen).people
    return scoped_tables.gap_rows(_view(url, gen, as_of, role, agency), _gap_rows(url, gen, as_of), people)


def gap_frame(as_of: dt.date) -> pd.DataFrame:
    """The gaps the user may read on ``as_of``, with their current status (see ``gap_table.gaps_frame``)."""
    view(as_of)
    rows = _scoped_gap_rows(*_key(), as_of, *_scope_key())
    return gap_table.apply_statuses(rows, gap_status.current_statuses(store().engine))


def headline(as_of: dt.date) -> overview.Headline:
    """The overview's figures for the user's slice of the partnership."""
    return overview.headline(view(as_of).partnership, as_of, gap_frame(as_of))


def facts(as_of: dt.date, person_ids: Collection[str] | None = None) -> pd.DataFrame:
    """Facts of concern about people the user may read: a plan around them, and whom to contact."""
    return scoped_tables.facts_frame(view(as_of), person_ids)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _sharing(url: str, gen: int, role: str, agency: str | None, name: str, as_of: dt.date,
             since: dt.date | None) -> pd.DataFrame:
    report: Callable[..., pd.DataFrame] = getattr(sharing_report, name)
    return report(_view(url, gen, as_of, role, agency).partnership, as_of, since)


def sharing(name: str, as_of: dt.date, since: dt.date | None = None) -> pd.DataFrame:
    """One of :mod:`data_model.sharing_report`'s frames, by function name, over the user's slice."""
    view(as_of)
    return _sharing(*_key(), *_scope_key(), name, as_of, since)


def purpose_flows(as_of: dt.date, since: dt.date | None, purposes: tuple[str, ...]) -> pd.DataFrame:
    return sharing_report.purpose_flows(view(as_of).partnership, as_of, since, purposes)


def flows_by_month(as_of: dt.date, since: dt.date | None, purposes: tuple[str, ...]) -> pd.DataFrame:
    return sharing_report.flows_by_month(view(as_of).partnership, as_of, since, purposes)


# --- one person: refused outside the user's slice ------------------------------------------------


def person(person_id: str, as_of: dt.date) -> ScopedView:
    """The user's view, once ``person_id`` is known to be in it."""
    scoped = view(as_of)
    scoped_tables.require_person(scoped, person_id)
    return scoped


@st.cache_data(show_spinner="Drawing the network…", max_entries=CACHE_ENTRIES)
def _network(url: str, gen: int, role: str, agency: str | None, person_id: str, depth: int,
             as_of: dt.date) -> tuple[str, int, int]:
    graph = neighbourhood(_view(url, gen, as_of, role, agency).partnership, person_id, depth, as_of)
    page, left_out = network_html(graph, f"person:{person_id}", as_of)
    return page, left_out, graph.number_of_nodes()


def network(person_id: str, depth: int, as_of: dt.date) -> tuple[str, int, int]:
    """(self-contained HTML, nodes left out, nodes in the neighbourhood) for the person."""
    person(person_id, as_of)
    return _network(*_key(), *_scope_key(), person_id, depth, as_of)


def plans_of(person_id: str, as_of: dt.date) -> pd.DataFrame:
    return person_profile.plans_of(person(person_id, as_of).partnership, person_id, as_of)


def practitioners_of(person_id: str, as_of: dt.date) -> pd.DataFrame:
    return person_profile.practitioners_of(person(person_id, as_of).partnership, person_id, as_of)


def person_age(person_id: str, as_of: dt.date) -> int | None:
    return person_profile.person_age(person(person_id, as_of).partnership, person_id, as_of)


# --- who needs to know -----------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _plan_choices(url: str, gen: int, as_of: dt.date, include_ended: bool, role: str,
                  agency: str | None) -> pd.DataFrame:
    not_informed = gap_table.plans_not_informed(_gap_rows(url, gen, as_of))
    return scoped_tables.plan_choices(_view(url, gen, as_of, role, agency), _context(url, gen, as_of, role, agency),
                                      include_ended, not_informed)


def plan_choices(as_of: dt.date, include_ended: bool = False) -> pd.DataFrame:
    """The plans in the user's slice to choose from."""
    view(as_of)
    return _plan_choices(*_key(), as_of, include_ended, *_scope_key())


@st.cache_data(show_spinner="Working out who needs to know…", max_entries=CACHE_ENTRIES)
def _need_to_know(url: str, gen: int, plan_id: str, as_of: dt.date, role: str, agency: str | None) -> pd.DataFrame:
    rows = _analysis(url, gen, as_of).who_needs_to_know(plan_id)
    return scoped_tables.need_to_know_frame(_view(url, gen, as_of, role, agency), rows,
                                            _context(url, gen, as_of, role, agency))


def need_to_know(plan_id: str, as_of: dt.date) -> pd.DataFrame:
    """Who needs to know about a plan in the user's slice, cut to the people they may read."""
    scoped_tables.require_plan(view(as_of), plan_id)
    return _need_to_know(*_key(), plan_id, as_of, *_scope_key())


# --- gap statuses and uploads -------------------------------------------------------------------------


def gap_history(key: str) -> pd.DataFrame:
    return gap_status.status_history(store().engine, key)


def check_upload(name: str, content: bytes, folder: str, progress: Progress | None = None) -> Validated:
    """Unpack (once it is checked as safe) and validate an upload against the contract and the stored ids."""
    require(current_user(), Permission.IMPORT)
    path = unpack_upload(name, content, Path(folder))
    return validate(read_source(path), known=store().known_ids(), progress=progress)


def stored_counts() -> dict[str, int]:
    return store().counts()
