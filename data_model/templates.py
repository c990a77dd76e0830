"""Files to hand to the people who export data: blank templates, and the quarantined rows.

A blank template has the contract's columns and no rows, one per table: a zip of CSV files or one
workbook with a sheet per table. The quarantine download is the quarantine folder of
:mod:`data_model.quarantine` as a zip, so a person can fix the cells and upload it again.

Examples
--------
>>> import zipfile, io
>>> names = zipfile.ZipFile(io.BytesIO(blank_csv_zip())).namelist()
>>> names[:3]
['linkedrisk-template/agencies.csv', 'linkedrisk-template/households.csv', 'linkedrisk-template/people.csv']
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

import pandas as pd

from data_model.contract import Rejection
from data_model.quarantine import quarantine_csv
from data_model.schema import TABLES, Table
from data_model.tabular_export import xlsx_bytes

TEMPLATE_FOLDER = "linkedrisk-template"
QUARANTINE_FOLDER = "quarantine"
#: Fixed timestamp inside zips, so the same content always gives the same bytes.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def blank_csv(table: Table) -> str:
    """The header line of ``table``: its contract columns, in order."""
    return ",".join(table.column_names) + "\n"


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_TIME), text.encode("utf-8"))
    return buffer.getvalue()


def blank_csv_zip() -> bytes:
    """A zip holding a folder with a header-only CSV for every contract table."""
    return _zip({f"{TEMPLATE_FOLDER}/{t.name}.csv": blank_csv(t) for t in TABLES})


def blank_workbook() -> bytes:
    """An ``.xlsx`` workbook with a header-only sheet for every contract table."""
    return xlsx_bytes({t.name: pd.DataFrame(columns=list(t.column_names)) for t in TABLES})


def quarantine_zip(rejections: Iterable[Rejection]) -> bytes:
    """The rejected rows, one CSV per table with the reasons, zipped (empty zip when none)."""
    files = quarantine_csv(rejections)
    return _zip({f"{QUARANTINE_FOLDER}/{table}.csv": text for table, text in files.items()})
