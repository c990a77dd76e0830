"""Rejected rows, kept aside with their reasons so they can be fixed and imported again.

A quarantine folder is itself a contract folder: each ``<table>.csv`` has the row's original
columns plus ``rejected_line``, ``rejected_column`` and ``rejected_reason`` (extra columns, which
the importer ignores), so a person can correct the cells and import the folder as it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

from data_model.contract import Rejection
from data_model.export_safety import safe_cell
from data_model.schema import TABLES_BY_NAME

REASON_COLUMNS = ("rejected_line", "rejected_column", "rejected_reason")


def quarantine_csv(rejections: Iterable[Rejection]) -> dict[str, str]:
    """One CSV text per table with rejected rows: original columns, then why it was rejected."""
    out: dict[str, str] = {}
    for table, group in groupby(sorted(rejections, key=lambda r: (r.table, r.line)), key=lambda r: r.table):
        rows = list(group)
        columns = list(TABLES_BY_NAME[table].column_names)
        for r in rows:
            columns += [c for c in r.cells if c and c not in columns]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns + list(REASON_COLUMNS))
        for r in rows:
            cells = [r.cells.get(c, "") for c in columns]
            # Reasons are ours; cells are the agency's own data, kept as they were so a fix
            # round-trips, but neutralised if a spreadsheet would run them as a formula.
            writer.writerow([safe_cell(c) for c in cells] + [str(r.line), r.column, r.reason])
        out[table] = buffer.getvalue()
    return out


def write_quarantine(rejections: Iterable[Rejection], folder: str | Path) -> list[Path]:
    """Write the quarantine folder; returns the files written (none when nothing was rejected)."""
    folder = Path(folder)
    written = []
    for table, text in quarantine_csv(rejections).items():
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{table}.csv"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
