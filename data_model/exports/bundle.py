"""An analyst export: the pattern tables and the graph in the chosen formats, with a manifest.

``manifest.json`` records what the export holds so that it can be checked and cited: the as-of
date, the options (filters) it was made with, the reports, the rows in each table, the
suppression threshold, the key fingerprint (equal fingerprints: tokens link across exports), and
the size and SHA-256 of every file, plus one SHA-256 over them all.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from data_model.errors import UserError
from data_model.exports.analyst import ExportTable, analyst_tables, chosen_reports, data_dictionary
from data_model.exports.files import DICTIONARY, csv_files, parquet_files, xlsx_files
from data_model.exports.graph_files import analyst_graph, gexf_bytes, graphml_bytes
from data_model.patterns.inputs import PatternInputs
from data_model.pseudonymise import Pseudonymiser

FORMATS = ("csv", "xlsx", "parquet", "graphml", "gexf")
GRAPH_NAME = "linked_risk"
MANIFEST = "manifest.json"
#: Where each format's files go inside the export folder.
FOLDERS = {"csv": "csv", "parquet": "parquet", "xlsx": "", "graphml": "", "gexf": ""}


def check_formats(formats: Sequence[str]) -> list[str]:
    """The formats asked for, in :data:`FORMATS` order; an unknown one is a :class:`UserError`."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UserError(f"{unknown[0]!r} is not an export format; choose from: {', '.join(FORMATS)}.")
    if not formats:
        raise UserError(f"Choose at least one export format: {', '.join(FORMATS)}.")
    return [f for f in FORMATS if f in formats]


def _dictionary_table(reports: Sequence[str] | None, aggregates_only: bool) -> ExportTable:
    return ExportTable(DICTIONARY, "What every column holds and how it was made safe",
                       data_dictionary(reports, aggregates_only))


def export_files(
    inputs: PatternInputs,
    formats: Sequence[str],
    pseud: Pseudonymiser,
    reports: Sequence[str] | None = None,
    aggregates_only: bool = False,
) -> dict[str, bytes]:
    """Every file of the export, by path inside the export folder, ``manifest.json`` last.

    ``aggregates_only`` leaves out the record-level tables and the graph (see
    :func:`data_model.exports.analyst.analyst_tables`).
    """
    chosen = check_formats(formats)
    graphs = [f for f in chosen if f in ("graphml", "gexf")]
    if aggregates_only and graphs:
        raise UserError(f"The graph has a node per person: leave out {' and '.join(graphs)} for an "
                        "export of aggregate tables only.")
    tables = analyst_tables(inputs, pseud, reports, aggregates_only)
    with_dictionary = [_dictionary_table(reports, aggregates_only), *tables]
    files: dict[str, bytes] = {}
    renderers = {"csv": csv_files, "xlsx": xlsx_files, "parquet": parquet_files}
    for fmt in chosen:
        if fmt in renderers:
            rendered = renderers[fmt](with_dictionary)
        else:
            graph = analyst_graph(inputs, pseud)
            rendered = {f"{GRAPH_NAME}.{fmt}": (graphml_bytes if fmt == "graphml" else gexf_bytes)(graph)}
        folder = FOLDERS[fmt]
        files.update({f"{folder}/{name}" if folder else name: data for name, data in rendered.items()})
    filters = {**inputs.options.as_dict(), "reports": [r.name for r in chosen_reports(reports)],
               "aggregates_only": aggregates_only}
    manifest = build_manifest(inputs, pseud, filters, tables, files)
    files[MANIFEST] = (json.dumps(manifest, indent=2, sort_keys=False) + "\n").encode("utf-8")
    return files


def build_manifest(
    inputs: PatternInputs, pseud: Pseudonymiser, filters: dict[str, Any], tables: Sequence[ExportTable],
    files: dict[str, bytes],
) -> dict[str, Any]:
    """The manifest of an export (no personal data: dates, options, counts and hashes)."""
    entries = [
        {"path": path, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for path, data in sorted(files.items())
    ]
    overall = hashlib.sha256("".join(f"{e['path']}:{e['sha256']}\n" for e in entries).encode()).hexdigest()
    return {
        "product": "Linked Risk analyst export",
        "audience": "analyst",
        "as_of": inputs.as_of.date().isoformat(),
        "filters": filters,
        "suppression": {"threshold": inputs.options.threshold, "marker": "[c] in CSV/XLSX, null in Parquet"},
        "pseudonymisation": {"method": "HMAC-SHA256, 80-bit tokens", "key_fingerprint": pseud.fingerprint,
                             "event_dates": "month (YYYY-MM)", "dates_of_birth": "age bands",
                             "addresses": "postcode district"},
        "row_counts": {t.name: len(t.frame) for t in tables},
        "files": entries,
        "sha256": overall,
    }


def write_export(files: dict[str, bytes], out: Path) -> list[Path]:
    """Write the export's files under ``out`` (made if absent); returns the paths written."""
    written = []
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """The export as one ZIP archive (for a download button), with fixed timestamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
