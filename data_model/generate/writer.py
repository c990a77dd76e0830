"""Writing the generated tables as the contract's CSV files.

One ``<table>.csv`` per contract table, the contract's columns in order, UTF-8, ISO dates, booleans
``true``/``false``, empty cells for missing values, ``\\n`` line endings: the same tables always
give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data_model.generate.ids import NUMBERED, numbered_ids
from data_model.generate.timeline import iso
from data_model.schema import TABLES, Column


def _text(column: Column, values: pd.Series) -> np.ndarray:
    """A column's cells as contract text."""
    if column.kind == "date":
        return iso(pd.to_datetime(values).to_numpy().astype("datetime64[D]"))
    if column.kind == "bool":
        return np.where(values.fillna(False).astype(bool), "true", "false").astype(object)
    if column.kind == "int":
        number = pd.to_numeric(values, errors="coerce")
        return np.where(number.isna(), "", number.fillna(0).astype(np.int64).astype(str)).astype(object)
    if column.kind in ("ref", "id") and (column.table or "") in NUMBERED and pd.api.types.is_numeric_dtype(values):
        return numbered_ids(column.table or "", values.fillna(-1).astype(np.int64).to_numpy())
    return values.fillna("").astype(str).to_numpy(dtype=object)


def contract_frame(table_name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as the text of ``table_name``'s contract columns, in order."""
    table = next(t for t in TABLES if t.name == table_name)
    out = {}
    for column in table.columns:
        values = frame[column.name] if column.name in frame.columns else pd.Series("", index=frame.index)
        out[column.name] = _text(column, values)
    return pd.DataFrame(out, columns=list(table.column_names))


def write_tables(frames: dict[str, pd.DataFrame], out_dir: Path) -> dict[str, int]:
    """Write every contract table to ``out_dir`` (absent ones as a header only); rows per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        frame = contract_frame(table.name, frames.get(table.name, pd.DataFrame()))
        frame.to_csv(out_dir / f"{table.name}.csv", index=False, lineterminator="\n", encoding="utf-8")
        counts[table.name] = len(frame)
    return counts
