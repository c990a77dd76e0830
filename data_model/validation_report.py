"""What an upload's check found, as tables a person can read: rows accepted and rejected, and why.

Examples
--------
>>> report = rejections_frame([Rejection("people", 3, "gender", "too long", {"person_id": "P9"})])
>>> report.iloc[0].to_dict()
{'table': 'people', 'line': 3, 'column': 'gender', 'reason': 'too long', 'cells': 'person_id=P9'}
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from data_model.contract import Rejection, Validated
from data_model.schema import TABLES

REPORT_COLUMNS = ["table", "line", "column", "reason", "cells"]


def rejections_frame(rejections: Iterable[Rejection]) -> pd.DataFrame:
    """The validation report: table, line, column, reason, and the row's cells as ``name=value``."""
    rows = [
        {
            "table": r.table,
            "line": r.line,
            "column": r.column,
            "reason": r.reason,
            "cells": ", ".join(f"{k}={v}" for k, v in r.cells.items() if k),
        }
        for r in rejections
    ]
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)


def check_summary(validated: Validated, present: Iterable[str] | None = None) -> pd.DataFrame:
    """Rows accepted and rejected per table, for the tables the upload held (all with rows, if not told)."""
    rejected = pd.Series([r.table for r in validated.rejections], dtype=object).value_counts()
    wanted = set(present) if present is not None else None
    rows = []
    for table in TABLES:
        accepted = len(validated.tables.get(table.name, ()))
        refused = int(rejected.get(table.name, 0))
        if (wanted is None and (accepted or refused)) or (wanted is not None and table.name in wanted):
            rows.append({"table": table.name, "accepted": accepted, "rejected": refused})
    return pd.DataFrame(rows, columns=["table", "accepted", "rejected"])


def valid_row_count(validated: Validated) -> int:
    return sum(len(frame) for frame in validated.tables.values())
