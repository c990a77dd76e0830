"""``linkedrisk patterns`` and ``linkedrisk export``: pattern reports and analyst exports.

Both read a contract folder (``--data``) or a database (``--db``) and take the dashboard's options.
By default every table is made safe for analysts (tokens, months, suppression; see
:mod:`data_model.exports.analyst`) with the key of :func:`data_model.pseudonymise.load_key`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from data_model.commands.analysis import as_of_date, csv_text, load, table_text
from data_model.errors import UserError
from data_model.exports.analyst import ExportTable, analyst_table, chosen_reports
from data_model.exports.bundle import FORMATS, MANIFEST, export_files, write_export
from data_model.exports.files import SUPPRESSED
from data_model.patterns.catalogue import REPORTS_BY_NAME, build_table
from data_model.patterns.inputs import PatternInputs, PatternOptions
from data_model.pseudonymise import Pseudonymiser, load_key

OUTPUTS = ("table", "csv", "json")
TABLE_FORMATS = ("csv", "xlsx", "parquet")


def _options(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", metavar="DIR", help="a contract folder of CSV files, or one .xlsx workbook")
    source.add_argument("--db", metavar="URL", help="a database imported with `linkedrisk import`")
    parser.add_argument("--as-of", metavar="DATE", help="the date to report on, YYYY-MM-DD (default: today)")
    parser.add_argument("--report", action="append", metavar="NAME",
                        help=f"only this report (repeat for more): {', '.join(REPORTS_BY_NAME)}")
    defaults = PatternOptions()
    parser.add_argument("--threshold", type=int, default=defaults.threshold, metavar="N",
                        help=f"suppress counts below N in aggregate tables (default: {defaults.threshold})")
    parser.add_argument("--gap-points", type=int, default=defaults.gap_points, metavar="N",
                        help=f"dates in the gaps trend: the as-of date and the month ends before (default: "
                             f"{defaults.gap_points}; each runs every rule)")
    parser.add_argument("--rate-points", type=int, default=defaults.rate_points, metavar="N",
                        help=f"dates in the repeat-MARAC trend (default: {defaults.rate_points})")
    parser.add_argument("--sharing-days", type=int, default=defaults.sharing_days, metavar="DAYS",
                        help=f"the sharing matrix covers this many days up to the as-of date (default: "
                             f"{defaults.sharing_days})")
    parser.add_argument("--community-size", type=int, default=defaults.community_size, metavar="N",
                            help="split clusters larger than N nodes into communities "
                             f"(default: {defaults.community_size})")


def register(subparsers: argparse._SubParsersAction) -> None:
    patterns = subparsers.add_parser(
        "patterns", help="pattern reports: where risk clusters, missed patterns, how agencies share",
        description="Pattern reports for analysts, safe by default: people and records as keyed tokens, "
                    "event dates as months, small numbers suppressed.")
    _options(patterns)
    patterns.add_argument("--table", metavar="NAME", help="only this table of the reports")
    patterns.add_argument("--format", choices=OUTPUTS, default="table", help="output format (default: table)")
    patterns.add_argument("--identifiable", action="store_true",
                          help="raw ids and no suppression, for the partnership's own leads: not for analysts")
    patterns.set_defaults(run=run_patterns)

    export = subparsers.add_parser(
        "export", help="write a pseudonymised analyst export (CSV, XLSX, Parquet, GraphML, GEXF)",
        description="Write the pattern tables and the linked-risk graph for analysts, with manifest.json "
                    "(as-of date, options, row counts, SHA-256 of every file).")
    _options(export)
    export.add_argument("--out", required=True, metavar="DIR", help="the folder to write (made if absent)")
    export.add_argument("--format", nargs="+", action="extend", choices=FORMATS, metavar="FORMAT",
                        help=f"one or more of: {', '.join(FORMATS)} (default: all; tables only with "
                             "--aggregates-only)")
    export.add_argument("--aggregates-only", action="store_true",
                        help="only the aggregate (suppressed) tables, fit to publish: no record-level tables, "
                             "no graph")
    export.set_defaults(run=run_export)


def _inputs(args: argparse.Namespace) -> PatternInputs:
    for name in ("threshold", "gap_points", "rate_points", "sharing_days", "community_size"):
        if getattr(args, name) < (0 if name == "threshold" else 1):
            raise UserError(f"--{name.replace('_', '-')} must be a positive whole number.")
    options = PatternOptions(gap_points=args.gap_points, rate_points=args.rate_points, sharing_days=args.sharing_days,
                             community_size=args.community_size, threshold=args.threshold)
    return PatternInputs(load(args), as_of_date(args.as_of), options)


def _tables(args: argparse.Namespace, inputs: PatternInputs) -> list[ExportTable]:
    chosen = [t for r in chosen_reports(args.report) for t in r.tables]
    if args.table:
        chosen = [t for t in chosen if t.name == args.table]
        if not chosen:
            names = ", ".join(t.name for r in chosen_reports(args.report) for t in r.tables)
            raise UserError(f"{args.table!r} is not a table of these reports; the tables are: {names}.")
    if args.format == "csv" and len(chosen) > 1:
        raise UserError("CSV holds one table: choose it with --table NAME (or use --format json or table).")
    if args.identifiable:
        return [ExportTable(t.name, t.description, build_table(t, inputs)) for t in chosen]
    pseud = Pseudonymiser(load_key())
    return [analyst_table(t, build_table(t, inputs), pseud, inputs.options.threshold) for t in chosen]


def plain_rows(table: ExportTable) -> list[dict[str, Any]]:
    """A table's rows as plain values: dates ISO, empty ``None``, suppressed ``[c]``."""
    frame = table.frame.astype(object).where(table.frame.notna(), None)
    rows: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
    for row_number, row in enumerate(rows):
        for name, value in row.items():
            if name in table.hidden and bool(table.hidden[name].iloc[row_number]):
                row[name] = SUPPRESSED
            elif isinstance(value, pd.Timestamp):
                row[name] = value.date().isoformat()
            elif hasattr(value, "item"):
                row[name] = value.item()
    return rows


def run_patterns(args: argparse.Namespace) -> int:
    inputs = _inputs(args)
    tables = _tables(args, inputs)
    if args.format == "json":
        sys.stdout.write(json.dumps({t.name: plain_rows(t) for t in tables}, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "csv":
        sys.stdout.write(csv_text(plain_rows(tables[0]), list(tables[0].frame.columns)))
    else:
        for number, table in enumerate(tables):
            heading = f"{table.name}: {table.description}"
            text = table_text(plain_rows(table), list(table.frame.columns))
            sys.stdout.write(("\n" if number else "") + heading + "\n" + text)
    return 0


def run_export(args: argparse.Namespace) -> int:
    inputs = _inputs(args)
    formats: Sequence[str] = args.format or (TABLE_FORMATS if args.aggregates_only else FORMATS)
    files = export_files(inputs, formats, Pseudonymiser(load_key()), args.report, args.aggregates_only)
    out = Path(args.out)
    write_export(files, out)
    print(f"Wrote {len(files)} files to {out} for analysts; {MANIFEST} lists them with their SHA-256.")
    return 0
