"""One renderer per tabular format: CSV (a file per table), XLSX (a sheet per table), Parquet.

Every renderer returns ``{file name: bytes}``; writing them, zipping them and the manifest are
:mod:`data_model.exports.bundle`'s. CSV and XLSX cells pass :func:`data_model.export_safety.safe_frame`
(no cell runs as a formula); a suppressed count shows as ``[c]`` there, and is null in Parquet.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data_model.export_safety import safe_frame
from data_model.exports.analyst import ExportTable

SUPPRESSED = "[c]"
DICTIONARY = "data_dictionary"
SHEET_NAME_LIMIT = 31
#: Fixed workbook dates, so that the same export gives the same bytes.
WORKBOOK_DATE = dt.datetime(2000, 1, 1)


def printable(table: ExportTable) -> pd.DataFrame:
    """Text for a spreadsheet: suppressed cells ``[c]``, dates ``YYYY-MM-DD``, empty cells blank."""
    out = table.frame.copy()
    for name in out.columns:
        values = out[name]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[name] = values.dt.strftime("%Y-%m-%d").astype(object).where(values.notna(), "")
        else:
            out[name] = values.astype(object).where(values.notna(), "")
        if name in table.hidden:
            out.loc[table.hidden[name].to_numpy(), name] = SUPPRESSED
    return safe_frame(out)


def screen_frame(table: ExportTable) -> pd.DataFrame:
    """For a screen: a column with hidden cells becomes text, ``[c]`` in them; others keep their type
    (dates without a time of day)."""
    out = table.frame.copy()
    for name in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[name]):
            out[name] = out[name].dt.date
    for name, mask in table.hidden.items():
        if mask.any():
            text = out[name].astype(object).where(out[name].notna(), "").astype(str)
            out[name] = text.where(~mask.to_numpy(), SUPPRESSED)
    return out


def csv_files(tables: Sequence[ExportTable]) -> dict[str, bytes]:
    """``<table>.csv`` for each table (UTF-8, header row, ``\\n`` line ends)."""
    return {f"{t.name}.csv": printable(t).to_csv(index=False, lineterminator="\n").encode("utf-8") for t in tables}


def xlsx_files(tables: Sequence[ExportTable], name: str = "patterns.xlsx") -> dict[str, bytes]:
    """One workbook: the data dictionary sheet first, then a sheet per table."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        writer.book.strings_to_formulas = False  # a belt to safe_frame's braces
        writer.book.set_properties({"created": WORKBOOK_DATE})
        for table in tables:
            sheet = table.name[:SHEET_NAME_LIMIT]
            printable(table).to_excel(writer, sheet_name=sheet, index=False)
            writer.sheets[sheet].freeze_panes(1, 0)
    return {name: buffer.getvalue()}


def _arrow_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable columns as Arrow understands them (text stays text, with nulls)."""
    out = frame.copy()
    for name in out.columns:
        if out[name].dtype == object:
            out[name] = out[name].astype("string")
    return out


def parquet_files(tables: Sequence[ExportTable]) -> dict[str, bytes]:
    """``<table>.parquet`` for each table; a suppressed count is null."""
    files = {}
    for table in tables:
        buffer = io.BytesIO()
        arrow = pa.Table.from_pandas(_arrow_ready(table.frame), preserve_index=False)
        pq.write_table(arrow, buffer)
        files[f"{table.name}.parquet"] = buffer.getvalue()
    return files
