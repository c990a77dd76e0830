"""``linkedrisk generate``: write a synthetic partnership dataset in the contract format."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from data_model.commands.progress import progress_bar
from data_model.errors import UserError

#: The generator's default history (data_model.generate.DEFAULT_HISTORY_MONTHS); the generator
#: itself (Faker, numpy) is imported only when the command runs, so other commands start fast.
DEFAULT_HISTORY_MONTHS = 36


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in YYYY-MM-DD form") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``generate`` to the ``linkedrisk`` command."""
    gen = subparsers.add_parser(
        "generate",
        help="write a synthetic partnership dataset",
        description="Write a synthetic, realistic partnership dataset (a fictional borough) as contract CSV "
        "files. The same options always write the same files.",
    )
    gen.add_argument("--people", type=_positive_int, required=True, metavar="N", help="how many people")
    gen.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default: 0)")
    gen.add_argument("--out", required=True, metavar="DIR", help="folder to write the CSV files to")
    gen.add_argument("--as-of", type=_date, metavar="DATE", help="the dataset's reference date (default: today)")
    gen.add_argument(
        "--case-density", type=_positive_float, default=1.0, metavar="FACTOR",
        help="multiply the national rates of CP, MARAC and MAPPA cases (default: 1.0)",
    )
    gen.add_argument(
        "--history-months", type=_positive_float, default=DEFAULT_HISTORY_MONTHS, metavar="M",
        help=f"how far back the records go (default: {DEFAULT_HISTORY_MONTHS})",
    )
    gen.add_argument("--no-progress", action="store_true", help="never draw a progress bar")
    gen.set_defaults(run=run_generate)


def run_generate(args: argparse.Namespace) -> int:
    """Write the dataset the arguments describe; the exit code."""
    from data_model.generate import generate

    as_of = args.as_of or dt.date.today()
    try:
        with progress_bar(False if args.no_progress else None) as progress:
            counts = generate(args.people, args.seed, as_of, args.out, density=args.case_density,
                              progress=progress, history_months=args.history_months)
    except OSError as exc:
        raise UserError(f"Could not write to {args.out}: {exc.strerror or exc}.") from exc
    summary = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
    print(f"Wrote {args.out} (as of {as_of.isoformat()}): {summary}.", file=sys.stderr)
    return 0
