"""The ``linkedrisk`` command: parse the arguments, call the core, print.

Each group of sub-commands lives in :mod:`data_model.commands` and registers itself here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import sqlalchemy as sa

from data_model.commands import COMMAND_MODULES
from data_model.db_errors import explain
from data_model.errors import UserError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="linkedrisk",
        description="Linked Risk: join up what agencies know about people at risk.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except sa.exc.DBAPIError as exc:
        # The driver's message holds SQL and its parameters (personal data): never print it.
        print(f"linkedrisk: {explain(exc, 'The command')}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"linkedrisk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("linkedrisk: interrupted; nothing was changed by the unfinished step.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
