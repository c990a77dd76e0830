"""The ``linkedrisk`` command: parse the arguments, call the core, print.

Each group of sub-commands lives in :mod:`data_model.commands` and registers itself here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from data_model.commands import COMMAND_MODULES
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
    except UserError as exc:
        print(f"linkedrisk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("linkedrisk: interrupted; nothing was changed by the unfinished step.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
