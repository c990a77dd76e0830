"""``linkedrisk gaps``, ``who-needs-to-know`` and ``data-quality``: the rules from the command line.

Each reads a contract folder (``--data``) or a database (``--db``), runs on the valid rows (every
rejected row is one line on standard error, ``table:line:column: reason``) and prints JSON (an
array of objects), CSV (formula-safe) or an aligned table.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Sequence
from typing import Any

from data_model.errors import UserError
from data_model.export_safety import safe_cell
from data_model.findings import KEY_FIELDS, Code
from data_model.partnership import Partnership, load_folder
from data_model.rules import Analysis, parse_codes

FORMATS = ("json", "csv", "table")
GAP_FIELDS = ("code", "severity", "summary", "evidence", *KEY_FIELDS)
#: A table is for reading: the evidence is in the JSON and CSV.
GAP_TABLE_FIELDS = ("code", "severity", *KEY_FIELDS, "summary")
NEED_FIELDS = ("plan_id", "agency_id", "practitioner_id", "person_id", "status", "information_level", "path",
               "link", "lawful_basis", "consent_in_force")
QUALITY_FIELDS = ("rule", "table", "record_id", "problem")


def register(subparsers: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    source = common.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", metavar="DIR", help="a contract folder of CSV files, or one .xlsx workbook")
    source.add_argument("--db", metavar="URL", help="a database imported with `linkedrisk import`")
    common.add_argument("--as-of", metavar="DATE", help="the date to judge on, YYYY-MM-DD (default: today)")
    common.add_argument("--format", choices=FORMATS, default="json", help="output format (default: json)")

    gaps = subparsers.add_parser(
        "gaps", parents=[common], help="list the information-sharing gaps",
        description="Every gap of the rule catalogue on the as-of date, in code order.")
    gaps.add_argument("--code", action="append", metavar="CODE",
                      help=f"only this gap code (repeat, or separate with commas): {', '.join(Code)}")
    gaps.set_defaults(run=run_gaps)

    need = subparsers.add_parser(
        "who-needs-to-know", parents=[common], help="who needs to know about a plan",
        description="Every practitioner working with someone in the plan's network, and whether "
                    "their agency is part of the plan, told of it, or not told.")
    need.add_argument("--plan", required=True, metavar="ID", help="the plan id")
    need.set_defaults(run=run_who_needs_to_know)

    quality = subparsers.add_parser(
        "data-quality", parents=[common], help="people the age rules could not judge",
        description="People whose empty date of birth kept a rule that needs an age from judging them.")
    quality.set_defaults(run=run_data_quality)


def as_of_date(text: str | None, today: dt.date | None = None) -> dt.date:
    """The ``--as-of`` date, or today when it is not given."""
    if not text:
        return today or dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"--as-of must be a date in YYYY-MM-DD form, not {text!r}.") from None


def load(args: argparse.Namespace) -> Partnership:
    """The partnership from ``--data`` (reporting rejected rows on stderr) or from ``--db``
    (with coordinators' action changes, see :mod:`data_model.working_data`)."""
    if args.data:
        p, validated = load_folder(args.data)
        for rejection in validated.rejections:
            print(rejection, file=sys.stderr)
        return p
    from data_model.store import open_store
    from data_model.working_data import working_partnership

    return working_partnership(open_store(args.db))


def _analysis(args: argparse.Namespace) -> Analysis:
    day = as_of_date(args.as_of)
    return Analysis(load(args), day)


def run_gaps(args: argparse.Namespace) -> int:
    codes = None if not args.code else parse_codes(c for item in args.code for c in item.split(",") if c.strip())
    analysis = _analysis(args)
    gaps = analysis.gaps(codes)
    write([g.to_dict() for g in gaps], GAP_TABLE_FIELDS if args.format == "table" else GAP_FIELDS, args.format)
    unjudged = {f.record_id for f in analysis.data_quality()}
    if unjudged:
        print(f"note: {len(unjudged)} people have no date of birth, so a rule that needs an age could not "
              "judge them; `linkedrisk data-quality` lists them.", file=sys.stderr)
    return 0


def run_who_needs_to_know(args: argparse.Namespace) -> int:
    analysis = _analysis(args)
    if not analysis.is_active(args.plan):
        print(f"note: plan {args.plan} is not active on {analysis.as_of.date().isoformat()}, so no one needs "
              "to be told of it now.", file=sys.stderr)
    write([r.to_dict() for r in analysis.who_needs_to_know(args.plan)], NEED_FIELDS, args.format)
    return 0


def run_data_quality(args: argparse.Namespace) -> int:
    findings = _analysis(args).data_quality()
    write([{f: getattr(x, f) for f in QUALITY_FIELDS} for x in findings], QUALITY_FIELDS, args.format)
    return 0


# --- output ---------------------------------------------------------------------------------------


def write(rows: list[dict[str, Any]], fields: Sequence[str], fmt: str, out: Any = None) -> None:
    """Print ``rows`` (dicts) as JSON, CSV or an aligned table."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        out.write(csv_text(rows, fields))
    else:
        out.write(table_text(rows, fields))


def _flat(value: Any, joiner: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return joiner.join(str(v) for v in value)
    return str(value)


def _joiner(field: str) -> str:
    return "->" if field == "path" else "; "


def csv_text(rows: list[dict[str, Any]], fields: Sequence[str]) -> str:
    """CSV with a header; every cell made safe against spreadsheet formula injection.

    Examples
    --------
    >>> print(csv_text([{"summary": "=1+1", "path": ["P1", "P2"]}], ["summary", "path"]), end="")
    summary,path
    '=1+1,P1->P2
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([safe_cell(_flat(row.get(f), _joiner(f))) for f in fields])
    return buffer.getvalue()


def table_text(rows: list[dict[str, Any]], fields: Sequence[str]) -> str:
    """An aligned plain-text table; columns empty in every row are left out.

    Examples
    --------
    >>> print(table_text([{"a": "x", "b": None, "c": "long"}, {"a": "yy", "b": None, "c": "z"}], "abc"), end="")
    a   c
    --  ----
    x   long
    yy  z
    """
    if not rows:
        return "(none)\n"
    cells = [[_flat(r.get(f), _joiner(f)).replace("\n", " ") for f in fields] for r in rows]
    shown = [i for i in range(len(fields)) if any(c[i] for c in cells)]
    widths = {i: max(len(fields[i]), *(len(c[i]) for c in cells)) for i in shown}

    def line(values: Sequence[str]) -> str:
        return "  ".join(values[i].ljust(widths[i]) for i in shown).rstrip() + "\n"

    rule = ["-" * widths.get(i, 0) for i in range(len(fields))]
    return line(list(fields)) + line(rule) + "".join(line(c) for c in cells)
