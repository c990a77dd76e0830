"""``linkedrisk import``, ``validate`` and ``db upgrade``: getting agencies' data in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data_model import audit
from data_model.audit import AuditAction
from data_model.commands.admin import cli_user
from data_model.commands.progress import progress_bar
from data_model.contract import Validated, validate
from data_model.db_errors import database_errors
from data_model.quarantine import write_quarantine
from data_model.schema import TABLES
from data_model.sources import read_source
from data_model.store import open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("path", help="a contract folder of CSV files, or one .xlsx workbook")
    common.add_argument(
        "--quarantine",
        default="quarantine",
        metavar="DIR",
        help="where rejected rows are kept, with their reasons (default: ./quarantine)",
    )
    common.add_argument("--no-progress", action="store_true", help="never draw a progress bar")

    imp = subparsers.add_parser(
        "import",
        parents=[common],
        help="validate and store a dataset",
        description="Validate a dataset and store every valid row in one transaction.",
    )
    imp.add_argument("--db", metavar="URL", help="database URL (default: $LINKEDRISK_DB_URL or a SQLite file)")
    imp.add_argument(
        "--replace",
        action="store_true",
        help="make the database hold exactly this dataset (default: add and update rows)",
    )
    imp.set_defaults(run=run_import)

    val = subparsers.add_parser("validate", parents=[common], help="check a dataset; exit 1 if any row is rejected")
    val.add_argument("--db", metavar="URL", help="also accept references to rows already stored there")
    val.set_defaults(run=run_validate)

    db = subparsers.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = db_sub.add_parser("upgrade", help="create or upgrade the database schema")
    up.add_argument("--db", metavar="URL")
    up.set_defaults(run=run_upgrade)


def _check(args: argparse.Namespace, known: dict[str, set[str]] | None) -> Validated:
    with progress_bar(False if args.no_progress else None) as progress:
        validated = validate(read_source(args.path), known=known, progress=progress)
    for rejection in validated.rejections:
        print(rejection, file=sys.stderr)
    for ignored in validated.ignored:
        print(f"note: {ignored} is not a contract table and was not read", file=sys.stderr)
    folder = Path(args.quarantine)
    if folder.is_dir():
        for table in TABLES:
            (folder / f"{table.name}.csv").unlink(missing_ok=True)
    if validated.rejections:
        write_quarantine(validated.rejections, folder)
    return validated


def _summary(validated: Validated) -> str:
    kept = sum(len(f) for f in validated.tables.values())
    rejected = len(validated.rejections)
    text = f"{kept} rows valid, {rejected} rejected"
    return text + (" (kept in the quarantine folder with their reasons)" if rejected else "")


def run_validate(args: argparse.Namespace) -> int:
    known = open_store(args.db).known_ids() if args.db else None
    validated = _check(args, known)
    print(_summary(validated))
    return 1 if validated.rejections else 0


def run_import(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    validated = _check(args, None if args.replace else store.known_ids())
    with progress_bar(False if args.no_progress else None) as progress, database_errors("The import"):
        new = store.write(validated, progress=progress, replace=args.replace)
    audit.record(store, cli_user(), AuditAction.IMPORT, [], detail={
        "rows_valid": sum(len(f) for f in validated.tables.values()),
        "rows_rejected": len(validated.rejections), "rows_new": sum(new.values()), "replace": bool(args.replace),
    })
    print(_summary(validated) + f"; {sum(new.values())} new rows stored.")
    return 0


def run_upgrade(args: argparse.Namespace) -> int:
    open_store(args.db)
    print("The database schema is up to date.")
    return 0
