"""Properties of the importer: no input crashes it, and every row is either kept or explained."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_model.contract import validate
from data_model.sources import RawDataset, RawTable
from data_model.store import open_store

cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "P1", "P2", "A1", "2024-02-29", "2023-02-29", "police", "MARAC", "true", "=1+1", "  "]),
)
row = st.lists(cell, min_size=0, max_size=8)


def dataset(people_rows: list[list[str]], plan_rows: list[list[str]]) -> RawDataset:
    return RawDataset(
        {
            "agencies": RawTable("agencies", ["agency_id", "name", "sector"], [["A1", "Police", "police"]], [2]),
            "people": RawTable(
                "people",
                ["person_id", "given_name", "date_of_birth", "household_id"],
                people_rows,
                list(range(2, len(people_rows) + 2)),
            ),
            "plans": RawTable(
                "plans",
                ["plan_id", "plan_type", "start_date", "lead_agency_id", "dash_score", "is_repeat"],
                plan_rows,
                list(range(2, len(plan_rows) + 2)),
            ),
        }
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(row, max_size=12), st.lists(row, max_size=12))
def test_every_row_is_either_kept_or_rejected_with_a_reason(people: list[list[str]], plans: list[list[str]]) -> None:
    validated = validate(dataset(people, plans))
    for name, rows in (("people", people), ("plans", plans)):
        rejected = [r for r in validated.rejections if r.table == name]
        assert len(validated.tables[name]) + len(rejected) == len(rows)
        assert all(r.reason and r.column and r.line >= 2 for r in rejected)
        assert len({r.line for r in rejected}) == len(rejected)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.text(string.ascii_letters + string.digits, min_size=1, max_size=6), st.text(max_size=20)),
        max_size=8,
    )
)
def test_what_is_stored_is_what_was_valid(
    tmp_path_factory: pytest.TempPathFactory, people: list[tuple[str, str]]
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'p.db'}"
    validated = validate(dataset([[pid, name.strip(), "", ""] for pid, name in people], []))
    store = open_store(url)
    store.write(validated)
    stored = store.load().people.sort_values("person_id").reset_index(drop=True)
    expected = validated.tables["people"].sort_values("person_id").reset_index(drop=True)
    assert stored.equals(expected)


def test_a_failed_write_leaves_the_database_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from data_model import store as store_module

    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    validated = validate(dataset([["P1", "Ann", "", ""]], [["PL1", "MARAC", "2024-01-01", "A1", "15", "no"]]))
    calls = []
    original = store_module.Store._upsert

    def fail_on_plans(self: store_module.Store, conn, table, rows):
        calls.append(table.name)
        if table.name == "plans":
            raise OSError("disk full")
        return original(self, conn, table, rows)

    monkeypatch.setattr(store_module.Store, "_upsert", fail_on_plans)
    with pytest.raises(OSError):
        store.write(validated)
    assert calls == ["agencies", "people", "plans"]
    assert sum(store.counts().values()) == 0
