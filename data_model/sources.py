"""Reading a contract folder of CSVs, or a workbook with a sheet per table, into raw text rows.

Nothing is validated here: every cell is text, every row keeps the line a text editor would show
(for a workbook, the sheet's row number), so that errors can point at it.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from data_model.errors import UserError
from data_model.schema import TABLES_BY_NAME


class SourceError(UserError):
    """The input as a whole cannot be read (not a folder of CSVs or a workbook, no people, ...)."""


@dataclass
class RawTable:
    """One table's rows as text, with the source line of each row."""

    name: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class RawDataset:
    tables: dict[str, RawTable]
    #: Files or sheets that are not contract tables (reported, not read).
    ignored: list[str] = field(default_factory=list)


def normalise_header(cells: list[str]) -> list[str]:
    return [c.strip().lstrip("\ufeff").strip().lower() for c in cells]


#: The longest cell read (csv's default of 128 KiB is shorter than some case notes).
csv.field_size_limit(MAX_CELL_BYTES := 8 * 1024 * 1024)


def read_csv_table(name: str, path: Path) -> RawTable:
    """Read one CSV file; a record spanning lines is numbered by the line where it starts."""
    try:
        return _read_csv(name, path)
    except UnicodeDecodeError:
        raise SourceError(
            f"{path.name} is not UTF-8 text: save it as 'CSV UTF-8' and import it again."
        ) from None
    except csv.Error as exc:
        raise SourceError(f"{path.name} could not be read as CSV ({exc}).") from None


def _read_csv(name: str, path: Path) -> RawTable:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = normalise_header(next(reader))
        except StopIteration:
            return RawTable(name, [])
        table = RawTable(name, header)
        previous_end = reader.line_num
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            table.rows.append(cells)
            table.lines.append(start)
    return table


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_workbook(path: Path) -> RawDataset:
    """Read an ``.xlsx`` workbook whose sheets are named after the contract's tables."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise SourceError(f"{path.name} could not be opened as an .xlsx workbook ({exc}).") from exc
    tables: dict[str, RawTable] = {}
    ignored: list[str] = []
    try:
        for sheet in book.worksheets:
            name = sheet.title.strip().lower()
            if name not in TABLES_BY_NAME:
                ignored.append(f"sheet {sheet.title}")
                continue
            rows = sheet.iter_rows(values_only=True)
            first = next(rows, None)
            header = normalise_header([_cell_text(v) for v in first or ()])
            while header and header[-1] == "":
                header.pop()
            table = RawTable(name, header)
            for number, values in enumerate(rows, start=2):
                cells = [_cell_text(v) for v in values]
                if not any(c.strip() for c in cells):
                    continue
                table.rows.append(cells[: len(header)] + [""] * (len(header) - len(cells)))
                table.lines.append(number)
            tables[name] = table
    finally:
        book.close()
    return RawDataset(tables, ignored)


def read_folder(path: Path) -> RawDataset:
    """Read every ``<table>.csv`` in a folder (names matched in any case)."""
    tables: dict[str, RawTable] = {}
    ignored: list[str] = []
    for file in sorted(path.iterdir()):
        if file.is_dir():
            continue
        name = file.stem.strip().lower()
        if file.suffix.lower() == ".csv" and name in TABLES_BY_NAME:
            tables[name] = read_csv_table(name, file)
        else:
            ignored.append(f"file {file.name}")
    return RawDataset(tables, ignored)


def read_source(path: str | Path) -> RawDataset:
    """Read a contract folder or workbook, whichever ``path`` is."""
    path = Path(path)
    if path.is_dir():
        return read_folder(path)
    if path.suffix.lower() == ".xlsx" and path.is_file():
        return read_workbook(path)
    if not path.exists():
        raise SourceError(f"{path} does not exist.")
    raise SourceError(f"{path} is neither a folder of CSV files nor an .xlsx workbook.")
