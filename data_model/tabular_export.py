"""A table as a file to download: CSV or XLSX bytes, with every cell safe to open in a spreadsheet.

One renderer per format. Cells a spreadsheet would run as a formula are neutralised by
:func:`data_model.export_safety.safe_frame` first.

Examples
--------
>>> import pandas as pd
>>> csv_bytes(pd.DataFrame({"name": ["=1+1", "Ann"]})).decode()
"name\\n'=1+1\\nAnn\\n"
"""

from __future__ import annotations

import io

import pandas as pd

from data_model.export_safety import safe_frame

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
#: Excel's limit on a sheet name.
SHEET_NAME_LIMIT = 31


def _printable(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and tuples (paths, evidence) as ``; ``-joined text; dates without a time of day."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object:
            out[column] = values.map(lambda v: "; ".join(map(str, v)) if isinstance(v, list | tuple) else v)
        elif pd.api.types.is_datetime64_any_dtype(values) and (values.dropna().dt.normalize() == values.dropna()).all():
            out[column] = values.dt.strftime("%Y-%m-%d").astype(object).where(values.notna(), "")
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV (no index), safe to open in a spreadsheet."""
    return safe_frame(_printable(frame)).to_csv(index=False, lineterminator="\n").encode("utf-8")


def xlsx_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """One workbook with a sheet per frame (sheet names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    # strings_to_formulas off as well: a belt to safe_frame's braces.
    options = {"options": {"strings_to_formulas": False, "strings_to_urls": False}}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs=options) as writer:
        for name, frame in frames.items():
            safe_frame(_printable(frame)).to_excel(writer, sheet_name=name[:SHEET_NAME_LIMIT], index=False)
    return buffer.getvalue()
