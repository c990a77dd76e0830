"""Fuzzing the importer: whatever the file holds, the answer is rows, rejections or one sentence."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from data_model.cli import main
from data_model.contract import validate
from data_model.errors import UserError
from data_model.schema import TABLES
from data_model.sources import read_source

AGENCIES = "agency_id,name,sector\nA1,Police,police\n"
COLUMNS = sorted({c for t in TABLES for c in t.column_names})
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cell_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "P1", "A1", "2024-02-29", "2024-13-01", "true", "yes", "MARAC", "police", "=1+1", "-1",
                     "24", "25", "1e400", "NaN", "\ufeffperson_id", "a;b;;c", " marac "]),
)
header = st.lists(st.one_of(st.sampled_from(COLUMNS), st.text(max_size=12)), min_size=0, max_size=8)


@contextlib.contextmanager
def folder(**files: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, data in files.items():
            (root / name).write_bytes(data)
        yield root


def read_and_validate(path: Path) -> None:
    """Read and validate ``path``: a typed result, or a :class:`UserError`, and nothing else."""
    try:
        validated = validate(read_source(path))
    except UserError as exc:
        assert str(exc).strip() and "\n" not in str(exc).strip()
        return
    for rejection in validated.rejections:
        assert rejection.reason


def csv_text(columns: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_as_a_people_file_are_read_or_refused_with_a_sentence(data: bytes) -> None:
    with folder(**{"agencies.csv": AGENCIES.encode(), "people.csv": data}) as root:
        read_and_validate(root)


@FUZZ
@given(st.sampled_from([t.name for t in TABLES]), header, st.lists(st.lists(cell_text, max_size=9), max_size=8))
def test_any_csv_table_is_read_or_refused_with_a_sentence(table: str, columns: list[str],
                                                           rows: list[list[str]]) -> None:
    files = {"agencies.csv": AGENCIES.encode(), "people.csv": b"person_id\nP1\n",
             f"{table}.csv": csv_text(columns, rows)}
    with folder(**files) as root:
        read_and_validate(root)


workbook_cell = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 1, 2), dt.datetime(9999, 1, 1)),
    st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20), cell_text.filter(str.isprintable),
)


@FUZZ
@given(st.dictionaries(st.one_of(st.sampled_from([t.name for t in TABLES]), st.text("abc", min_size=1, max_size=5)),
                       st.lists(st.lists(workbook_cell, max_size=7), max_size=6), min_size=1, max_size=4))
def test_any_workbook_is_read_or_refused_with_a_sentence(sheets: dict[str, list[list[object]]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name[:31])
        for row in rows:
            sheet.append(row)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.xlsx"
        book.save(path)
        read_and_validate(path)


@FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes_as_a_workbook_are_refused_with_a_sentence(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.xlsx"
        path.write_bytes(data)
        with pytest.raises(UserError):
            validate(read_source(path))


@settings(max_examples=25, deadline=None)
@given(st.binary(max_size=1000), st.text(max_size=200))
def test_the_command_line_never_prints_a_traceback(data: bytes, text: str) -> None:
    plans = text.encode("utf-8", "surrogatepass")
    with folder(**{"agencies.csv": AGENCIES.encode(), "people.csv": data, "plans.csv": plans}) as root:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["validate", str(root), "--no-progress", "--quarantine", str(root / "q")])
        assert code in (0, 1, 2) and "Traceback" not in err.getvalue()


@FUZZ
@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=600).map(str.encode))
def test_any_utf8_bytes_as_a_people_file_are_read_or_refused_with_a_sentence(data: bytes) -> None:
    with folder(**{"agencies.csv": AGENCIES.encode(), "people.csv": data}) as root:
        read_and_validate(root)


def test_a_cell_longer_than_the_csv_field_limit_is_read_or_refused_with_a_sentence() -> None:
    long_cell = b"person_id,given_name\nP1," + b"a" * 200_000
    with folder(**{"agencies.csv": AGENCIES.encode(), "people.csv": long_cell}) as root:
        read_and_validate(root)
