"""MARAC actions: recorded, assigned, updated and closed by coordinators, stored with who and when,
surviving re-imports, and never silently overwritten (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading

import pandas as pd
import pytest
import sqlalchemy as sa

from data_model.contract import validate
from data_model.errors import UserError
from data_model.marac.action_states import action_states, changed_fields, effective_actions, with_local_actions
from data_model.marac.actions import (
    ActionConflict,
    action_history,
    close_action,
    current_version,
    load_changes,
    marac_action_changes,
    record_action,
    reopen_action,
    update_action,
)
from data_model.rules import find_gaps
from data_model.schema import TABLES
from data_model.sources import RawDataset
from data_model.store import CONTRACT_TABLES, ROW_KEY, Store, open_store, row_keys
from tests.marac_world import AS_OF, marac_world

T0 = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)


def _import(store: Store, raw: RawDataset, replace: bool = False) -> None:
    """Store a dataset as `linkedrisk import` would.

    Rows go in through SQLAlchemy here rather than ``Store.write``, whose records turn an empty
    whole number (a plan's ``dash_score``) into NaN, which PostgreSQL refuses (reported to the lead).
    """
    validated = validate(raw)
    with store.engine.begin() as conn:
        if replace:
            for table in reversed(TABLES):
                conn.execute(sa.delete(CONTRACT_TABLES[table.name]))
        for table in TABLES:
            frame = validated.tables[table.name]
            if frame.empty:
                continue
            if table.id_column is None:
                frame = frame.assign(**{ROW_KEY: row_keys(table, frame)})
            rows = [{k: _plain(v) for k, v in r.items()} for r in frame.to_dict("records")]
            conn.execute(sa.insert(CONTRACT_TABLES[table.name]), rows)


def _plain(value: object) -> object:
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value  # numpy scalars as Python values


@pytest.fixture
def store(db_url: str) -> Store:
    s = open_store(db_url)
    _import(s, marac_world().raw())
    return s


def _effective(store: Store) -> pd.DataFrame:
    return effective_actions(store.load().actions, load_changes(store.engine)).set_index("action_id")


def _later(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def test_a_recorded_action_appears_beside_the_imported_ones(store: Store) -> None:
    action_id = record_action(store.engine, "MR10", description="Refer to the perpetrator programme",
                              owner_agency_id="PRB", due_date="2026-12-17", changed_by="Ann Coordinator", changed_at=T0)
    actions = _effective(store)
    assert action_id.startswith("LR-")
    assert {"ACT-1", "ACT-2", "ACT-3", action_id} <= set(actions.index)
    mine = actions.loc[action_id]
    assert (mine["plan_id"], mine["owner_agency_id"], mine["version"], mine["source"]) == ("MR10", "PRB", 1, "local")
    assert mine["due_date"] == pd.Timestamp("2026-12-17")


def test_each_change_is_stored_with_who_and_when(store: Store) -> None:
    update_action(store.engine, "ACT-2", 0, {"owner_agency_id": "POL"}, changed_by="Ann", changed_at=_later(1))
    close_action(store.engine, "ACT-2", 1, "2026-11-27", changed_by="Bob", changed_at=_later(2),
                 note="Done at home visit")
    history = action_history(store.engine, "ACT-2")
    assert history[["version", "changed_by", "what"]].values.tolist() == [
        [1, "Ann", "owner agency id set to POL"], [2, "Bob", "closed on 2026-11-27"]]
    assert history["changed_at"].tolist() == [pd.Timestamp("2026-11-27 09:31"), pd.Timestamp("2026-11-27 09:32")]
    assert history["note"].tolist() == ["", "Done at home visit"]


def test_the_effective_action_is_the_import_overlaid_by_every_local_change(store: Store) -> None:
    update_action(store.engine, "ACT-1", 0, {"description": "Review licence conditions today"}, changed_by="Ann",
                  changed_at=_later(1))
    close_action(store.engine, "ACT-1", 1, "2026-11-26", changed_by="Bob", changed_at=_later(2))
    act = _effective(store).loc["ACT-1"]
    assert act["description"] == "Review licence conditions today"  # an earlier change still holds
    assert act["owner_agency_id"] == "PRB"  # never changed: as imported
    assert (act["completed_date"], act["version"], act["last_changed_by"]) == (pd.Timestamp("2026-11-26"), 2, "Bob")
    reopen_action(store.engine, "ACT-1", 2, changed_by="Cy", changed_at=_later(3))
    assert pd.isna(_effective(store).loc["ACT-1", "completed_date"])


def test_coordinators_changes_survive_a_re_import_that_replaces_the_actions(store: Store) -> None:
    update_action(store.engine, "ACT-2", 0, {"description": "Safety plan, with interpreter"}, changed_by="Ann",
                  changed_at=_later(1))
    world = marac_world()
    for row in world.rows["actions"]:
        if row["action_id"] == "ACT-2":
            row["due_date"] = "2026-12-24"  # the agency moved the due date in its own system
    _import(store, world.raw(), replace=True)
    act = _effective(store).loc["ACT-2"]
    assert act["description"] == "Safety plan, with interpreter"
    assert act["due_date"] == pd.Timestamp("2026-12-24")


def test_an_update_based_on_an_old_version_is_refused_naming_who_changed_it(store: Store) -> None:
    seen = current_version(store.engine, "ACT-2")  # both coordinators open the action at version 0
    update_action(store.engine, "ACT-2", seen, {"due_date": "2026-12-12"}, changed_by="Ann Smith", changed_at=_later(5))
    with pytest.raises(ActionConflict) as caught:
        update_action(store.engine, "ACT-2", seen, {"due_date": "2026-12-31"}, changed_by="Bob", changed_at=_later(6))
    assert "changed by Ann Smith at 2026-11-27 09:35 UTC" in str(caught.value)
    assert isinstance(caught.value, UserError) and caught.value.version == 1
    assert _effective(store).loc["ACT-2", "due_date"] == pd.Timestamp("2026-12-12")  # Bob's change wrote nothing
    assert len(action_history(store.engine, "ACT-2")) == 1


def test_two_coordinators_saving_at_the_same_moment_never_both_win(store: Store) -> None:
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(name: str, due: str) -> None:
        barrier.wait()
        try:
            update_action(store.engine, "ACT-2", 0, {"due_date": due}, changed_by=name, changed_at=_later(1))
            outcomes[name] = "saved"
        except ActionConflict:
            outcomes[name] = "conflict"

    threads = [threading.Thread(target=save, args=(n, d)) for n, d in (("Ann", "2026-12-11"), ("Bob", "2026-12-12"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(n for n, o in outcomes.items() if o == "saved")
    history = action_history(store.engine, "ACT-2")
    assert history["changed_by"].tolist() == [winner]


def test_the_database_itself_refuses_a_second_change_to_the_same_version(store: Store) -> None:
    update_action(store.engine, "ACT-2", 0, {"due_date": "2026-12-11"}, changed_by="Ann", changed_at=_later(1))
    row = {"action_id": "ACT-2", "version": 1, "changed_fields": "due_date", "note": "", "changed_by": "Bob",
           "changed_at": _later(2).replace(tzinfo=None)}
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(sa.insert(marac_action_changes), [row])


@pytest.mark.parametrize(("changes", "message"), [
    ({}, "Nothing to change"),
    ({"due_date": "next week"}, "not a date"),
    ({"owner_agency_id": "NOPE"}, "no agency with id 'NOPE'"),
    ({"description": "   "}, "description is empty"),
    ({"plan_id": "MR11"}, "no field plan_id"),
])
def test_a_change_that_makes_no_sense_is_refused_with_a_sentence(store: Store, changes: dict, message: str) -> None:
    with pytest.raises(UserError, match=message):
        update_action(store.engine, "ACT-2", 0, changes, changed_by="Ann", changed_at=T0)
    assert load_changes(store.engine).empty


def test_unknown_actions_cases_and_anonymous_changes_are_refused(store: Store) -> None:
    with pytest.raises(UserError, match="no action with id 'ACT-404'"):
        update_action(store.engine, "ACT-404", 0, {"due_date": "2026-12-01"}, changed_by="Ann", changed_at=T0)
    with pytest.raises(UserError, match="no case with plan id 'MR404'"):
        record_action(store.engine, "MR404", description="x", changed_by="Ann", changed_at=T0)
    with pytest.raises(UserError, match="Say who"):
        update_action(store.engine, "ACT-2", 0, {"due_date": "2026-12-01"}, changed_by=" ", changed_at=T0)


def test_closing_an_overdue_action_closes_its_gap(store: Store) -> None:
    before = {g.action_id for g in find_gaps(store.load(), AS_OF, codes=["ACTION_OVERDUE"])}
    close_action(store.engine, "ACT-1", 0, "2026-11-26", changed_by="Ann", changed_at=T0)
    p = with_local_actions(store.load(), load_changes(store.engine))
    after = {g.action_id for g in find_gaps(p, AS_OF, codes=["ACTION_OVERDUE"])}
    assert "ACT-1" in before and "ACT-1" not in after


def test_an_action_overdue_stands_out_from_one_due_today() -> None:
    actions = pd.DataFrame({"due_date": pd.to_datetime(["2026-11-26", "2026-11-27", None]),
                            "completed_date": pd.to_datetime([None, None, None])})
    states = action_states(actions, AS_OF)
    assert states["state"].tolist() == ["overdue", "open", "open"]
    assert states["days_overdue"].tolist() == [1, 0, 0]


def test_a_form_saves_only_the_fields_the_coordinator_changed() -> None:
    action = {"owner_agency_id": "POL", "description": "Visit", "due_date": pd.Timestamp("2026-12-01"),
              "completed_date": pd.NaT}
    proposed = {"owner_agency_id": "POL", "description": "Visit", "due_date": dt.date(2026, 12, 8),
                "completed_date": None}
    assert changed_fields(action, proposed) == {"due_date": dt.date(2026, 12, 8)}
