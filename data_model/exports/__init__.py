"""Analyst exports: pseudonymised, suppressed pattern tables and the linked-risk graph, with a manifest.

:func:`export_files` renders an export as ``{path: bytes}`` (CSV, XLSX, Parquet, GraphML, GEXF
and ``manifest.json``); :func:`write_export` writes it to a folder and :func:`zip_bytes` packs it
for a download. What is made safe, and how, is :mod:`data_model.exports.analyst`.
"""

from data_model.exports.analyst import ExportTable, analyst_tables, data_dictionary
from data_model.exports.bundle import FORMATS, MANIFEST, export_files, write_export, zip_bytes

__all__ = ["FORMATS", "MANIFEST", "ExportTable", "analyst_tables", "data_dictionary", "export_files",
           "write_export", "zip_bytes"]
