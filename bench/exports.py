"""Timing an analyst export: the pattern tables, each format, and the whole, at one dataset size.

``step(dataset, db_url, as_of)`` is the ``exports`` step of ``make bench`` (:mod:`bench.steps`):
it loads the partnership from the database the ``import`` step filled (or, when that is empty,
straight from the dataset folder) and reports seconds per part. ``BENCH_GAP_POINTS`` sets how
many dates the gaps trend runs the rules at (default 6: each one is a full run of the rules).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from data_model.exports.analyst import ExportTable, analyst_table, data_dictionary
from data_model.exports.bundle import FORMATS, export_files, write_export
from data_model.exports.files import DICTIONARY, csv_files, parquet_files, xlsx_files
from data_model.exports.graph_files import analyst_graph, gexf_bytes, graphml_bytes
from data_model.partnership import Partnership
from data_model.patterns.catalogue import REPORTS, Report, build_table
from data_model.patterns.inputs import PatternInputs, PatternOptions
from data_model.pseudonymise import Pseudonymiser

BENCH_KEY = b"benchmark key, not a deployment secret!"


def _timed(results: dict[str, Any], name: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    value = work()
    results[name] = round(time.perf_counter() - start, 3)
    return value


def time_export(
    p: Partnership, as_of: str, options: PatternOptions | None = None, formats: Sequence[str] = FORMATS
) -> dict[str, Any]:
    """Seconds for each part of an analyst export of ``p`` on ``as_of``, and their total.

    Parts: the linked-risk graph, the gaps at the as-of date, each report's tables (built and
    made safe), each format's rendering, and writing the files with the manifest.
    """
    out: dict[str, Any] = {}
    inputs = PatternInputs(p, as_of, options)
    pseud = Pseudonymiser(BENCH_KEY)
    graph = _timed(out, "linked_risk_graph_s", lambda: inputs.graph)
    out["graph_nodes"], out["graph_edges"] = graph.number_of_nodes(), graph.number_of_edges()
    _timed(out, "gaps_as_of_s", lambda: inputs.gaps)
    tables: list[ExportTable] = []
    def safe_tables(report: Report) -> list[ExportTable]:
        return [analyst_table(t, build_table(t, inputs), pseud, inputs.options.threshold) for t in report.tables]

    for report in REPORTS:
        tables += _timed(out, f"{report.name}_s", partial(safe_tables, report))
    out["table_rows"] = sum(len(t.frame) for t in tables)
    with_dictionary = [ExportTable(DICTIONARY, "", data_dictionary()), *tables]
    renderers: dict[str, Callable[[], dict[str, bytes]]] = {
        "csv": lambda: csv_files(with_dictionary), "xlsx": lambda: xlsx_files(with_dictionary),
        "parquet": lambda: parquet_files(with_dictionary),
    }
    if "graphml" in formats or "gexf" in formats:
        safe_graph = _timed(out, "analyst_graph_s", lambda: analyst_graph(inputs, pseud))
        renderers["graphml"] = lambda: {"g": graphml_bytes(safe_graph)}
        renderers["gexf"] = lambda: {"g": gexf_bytes(safe_graph)}
    for fmt in formats:
        _timed(out, f"render_{fmt}_s", renderers[fmt])
    with tempfile.TemporaryDirectory() as folder:
        # The whole export once more, end to end, now that the shared inputs are computed: this
        # adds the manifest and the disk writes, and checks that the parts add up.
        files = _timed(out, "export_files_cached_s", lambda: export_files(inputs, formats, pseud))
        _timed(out, "write_s", lambda: write_export(files, Path(folder)))
        out["export_mb"] = round(sum(len(b) for b in files.values()) / 1e6, 2)
    parts = [v for k, v in out.items() if k.endswith("_s") and k not in ("export_files_cached_s",)]
    out["total_s"] = round(sum(parts), 3)
    return out


def step(dataset: Path, db_url: str, as_of: str) -> dict[str, Any]:
    """The ``exports`` step of ``make bench``."""
    from data_model.partnership import load_folder
    from data_model.store import open_store

    out: dict[str, Any] = {}
    p = _timed(out, "load_s", lambda: open_store(db_url).load())
    if p.people.empty:
        p = _timed(out, "load_folder_s", lambda: load_folder(str(dataset))[0])
    options = PatternOptions(gap_points=int(os.environ.get("BENCH_GAP_POINTS", "6")))
    out["people"] = len(p.people)
    out.update(time_export(p, as_of, options))
    return out
