"""Gap statuses: appended, latest wins, kept apart from imported data."""

from __future__ import annotations

import datetime as dt

import pytest

from data_model.contract import validate
from data_model.errors import UserError
from data_model.gap_status import current_statuses, record_status, status_history
from data_model.store import open_store
from tests.dashboard_world import family_world, import_world

MORNING = dt.datetime(2026, 11, 27, 9, 0)
NOON = dt.datetime(2026, 11, 27, 12, 0)


def test_the_latest_change_is_the_status_and_earlier_ones_stay_in_the_history(db_url: str) -> None:
    engine = open_store(db_url).engine
    record_status(engine, "CP_REVIEW_OVERDUE|CP1", "acknowledged", note="Booked", changed_by="Ann", changed_at=MORNING)
    record_status(engine, "CP_REVIEW_OVERDUE|CP1", "resolved", note="Held", changed_by="Bo", changed_at=NOON)
    latest = current_statuses(engine).loc["CP_REVIEW_OVERDUE|CP1"]
    assert (latest["status"], latest["changed_by"], latest["note"]) == ("resolved", "Bo", "Held")
    history = status_history(engine, "CP_REVIEW_OVERDUE|CP1")
    assert history[["status", "changed_by"]].values.tolist() == [["acknowledged", "Ann"], ["resolved", "Bo"]]
    assert history["changed_at"].tolist() == [MORNING, NOON]


def test_statuses_survive_a_reimport_that_replaces_every_contract_table(sqlite_url: str) -> None:
    import_world(family_world(), sqlite_url)
    store = open_store(sqlite_url)
    record_status(store.engine, "K", "resolved", changed_by="Ann", changed_at=NOON)
    store.write(validate(family_world().raw()), replace=True)
    assert current_statuses(store.engine).loc["K", "status"] == "resolved"


@pytest.mark.parametrize(("status", "who", "words"), [("done", "Ann", "not a gap status"),
                                                       ("resolved", "  ", "Say who")])
def test_a_change_without_a_known_status_or_a_name_is_refused(sqlite_url: str, status: str, who: str,
                                                              words: str) -> None:
    engine = open_store(sqlite_url).engine
    with pytest.raises(UserError, match=words):
        record_status(engine, "K", status, changed_by=who, changed_at=NOON)
    assert current_statuses(engine).empty
