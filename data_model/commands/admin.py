"""``linkedrisk users``, ``audit``, ``backup``, ``restore`` and ``demo-users``: running a deployment.

Passwords are never command-line arguments (they would sit in the shell history and the process
list): they are typed at a hidden prompt, or read from standard input with ``--password-stdin``.
Every change is recorded in the audit trail as the operating-system user who ran the command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path
from typing import TextIO

from data_model import accounts, audit, backup
from data_model.access import Role, User
from data_model.audit import AuditAction
from data_model.audit_report import AuditFilter, audit_entries
from data_model.demo_users import add_demo_users
from data_model.errors import UserError
from data_model.store import Store, open_store
from data_model.tabular_export import csv_bytes

ROLES = [r.value for r in Role]


def cli_user() -> User:
    """Who the command line acts as in the audit trail: ``cli:<login name>``."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        name = "unknown"
    return User(f"cli:{name}"[:100], Role.ADMIN)


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help="database URL (default: $LINKEDRISK_DB_URL or a SQLite file)")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    _register_users(subparsers)
    _register_audit(subparsers)
    back = subparsers.add_parser("backup", help="copy the SQLite database to a file",
                                 description="Make a consistent copy of the SQLite database, readable only by you.")
    back.add_argument("--out", required=True, metavar="FILE", help="where to write the backup")
    _db(back)
    back.set_defaults(run=run_backup)
    rest = subparsers.add_parser("restore", help="replace the SQLite database with a backup",
                                 description="Check a backup file, then make the database exactly that backup.")
    rest.add_argument("file", metavar="FILE")
    rest.add_argument("--yes", action="store_true", help="replace a database that already holds data")
    _db(rest)
    rest.set_defaults(run=run_restore)
    demo = subparsers.add_parser("demo-users", help="add one demo user per role (demonstrations only)",
                                 description="Add demo users with published passwords: never on real data.")
    demo.add_argument("--agency", metavar="ID", help="the demo practitioner's agency (default: the busiest)")
    _db(demo)
    demo.set_defaults(run=run_demo_users)


def _register_users(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    users = subparsers.add_parser("users", help="add, disable and change user accounts")
    sub = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="add a user")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--agency", metavar="ID", help="the agency a practitioner works for")
    add.add_argument("--name", default="", help="the name shown in the dashboard")
    add.add_argument("--email", help="the e-mail their identity provider signs them in with")
    add.add_argument("--oidc-subject", metavar="SUB", help="their identity provider's subject id")
    how = add.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    how.add_argument("--no-password", action="store_true", help="identity-provider sign-in only")
    add.set_defaults(run=run_add)
    for name, helptext, run in (("disable", "stop a user signing in", run_disable),
                                ("enable", "let a disabled user sign in again", run_enable)):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("username")
        p.set_defaults(run=run)
    reset = sub.add_parser("reset-password", help="set a new password (ends the user's sessions)")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    reset.set_defaults(run=run_reset)
    role = sub.add_parser("set-role", help="change a user's role (ends the user's sessions)")
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)
    role.add_argument("--agency", metavar="ID", help="the agency, for a practitioner")
    role.set_defaults(run=run_set_role)
    listing = sub.add_parser("list", help="list the users")
    listing.set_defaults(run=run_list)
    for p in (add, reset, role, listing, *(sub.choices[n] for n in ("disable", "enable"))):
        _db(p)


def _register_audit(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    audit_parser = subparsers.add_parser("audit", help="check and read the audit trail")
    sub = audit_parser.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    check = sub.add_parser("verify", help="check that no entry was altered, removed or reordered (exit 1 if so)")
    check.add_argument("--expect-head", metavar="SEQ:HASH", help="a head printed earlier by `audit head`")
    check.set_defaults(run=run_verify)
    show = sub.add_parser("show", help="list entries, newest first")
    show.add_argument("--user", help="only this user's entries")
    show.add_argument("--action", choices=[a.value for a in AuditAction])
    show.add_argument("--since", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    show.add_argument("--until", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    show.add_argument("--record", metavar="ID", help="only entries about this record id")
    show.add_argument("--limit", type=int, default=100)
    show.add_argument("--csv", metavar="FILE", help="write the entries to a CSV file instead")
    show.set_defaults(run=run_show)
    top = sub.add_parser("head", help="print the last entry's SEQ:HASH, to keep somewhere else")
    top.set_defaults(run=run_head)
    for p in (check, show, top):
        _db(p)


def read_password(from_stdin: bool, stdin: TextIO | None = None) -> str:
    """The new password: one line of standard input, or typed twice at a hidden prompt."""
    if from_stdin:
        return (stdin or sys.stdin).readline().rstrip("\r\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Same password again: ") != first:
        raise UserError("The two passwords differ: nothing was changed.")
    return first


def _changed(store: Store, username: str, change: str, **detail: object) -> None:
    audit.record(store, cli_user(), AuditAction.USER_CHANGE, [username], detail={"change": change, **detail})


def run_add(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    password = None if args.no_password else read_password(args.password_stdin)
    account = accounts.add_user(store, args.username, args.role, password=password, agency_id=args.agency,
                                display_name=args.name, email=args.email, oidc_subject=args.oidc_subject)
    _changed(store, account.username, "add", role=account.role.value)
    print(f"Added {account.username} ({account.role.value}).")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    account = accounts.set_disabled(store, args.username, True)
    _changed(store, account.username, "disable")
    print(f"{account.username} can no longer sign in; their sessions have ended.")
    return 0


def run_enable(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    account = accounts.set_disabled(store, args.username, False)
    _changed(store, account.username, "enable")
    print(f"{account.username} can sign in again.")
    return 0


def run_reset(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    name = accounts.get_account(store, args.username).username
    account = accounts.reset_password(store, name, read_password(args.password_stdin))
    _changed(store, account.username, "reset_password")
    print(f"{account.username} has a new password; their sessions have ended.")
    return 0


def run_set_role(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    account = accounts.set_role(store, args.username, args.role, args.agency)
    _changed(store, account.username, "set_role", role=account.role.value, agency=account.agency_id)
    print(f"{account.username} is now {account.role.value}; their sessions have ended.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    for a in accounts.list_accounts(open_store(args.db)):
        ways = (("password", a.has_password), ("organisation sign-in", a.email or a.oidc_subject),
                ("DISABLED", a.disabled))
        how = ", ".join(word for word, on in ways if on)
        print(f"{a.username}\t{a.role.value}\t{a.agency_id or '-'}\t{how}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    expected = None
    if args.expect_head:
        seq, _, hash_ = args.expect_head.partition(":")
        if not seq.isdigit() or len(hash_) != 64:
            raise UserError("--expect-head takes SEQ:HASH as printed by `linkedrisk audit head`.")
        expected = (int(seq), hash_)
    result = audit.verify(open_store(args.db), expected)
    print(result, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def run_show(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    f = AuditFilter(args.user, args.action, args.since, args.until, args.record, args.limit)
    frame = audit_entries(store, f)
    if args.csv:
        Path(args.csv).write_bytes(csv_bytes(frame))
        audit.record(store, cli_user(), AuditAction.EXPORT, [], detail={"what": "audit", "rows": len(frame)})
        print(f"{len(frame)} entries written to {args.csv}.")
        return 0
    for row in frame.itertuples(index=False):
        print("\t".join(str(v) for v in row))
    return 0


def run_head(args: argparse.Namespace) -> int:
    top = audit.head(open_store(args.db))
    print(f"{top[0]}:{top[1]}" if top else "The audit trail is empty.")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    backup.sqlite_path(args.db)  # a PostgreSQL URL is told about pg_dump before anything else
    store = open_store(args.db)  # migrated, so a backup always holds the current schema
    out = backup.backup(args.db, Path(args.out))
    audit.record(store, cli_user(), AuditAction.BACKUP, [], detail={"file": out.name[:200]})
    print(f"Backed up to {out} (readable only by you: keep it as safe as the database).")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    backup.sqlite_path(args.db)
    if backup.holds_data(args.db) and not args.yes:
        raise UserError("The database already holds data: add --yes to replace it with the backup.")
    revision = backup.restore(Path(args.file), args.db)
    store = open_store(args.db)
    audit.record(store, cli_user(), AuditAction.RESTORE, [], detail={"file": Path(args.file).name[:200],
                                                                    "schema": revision})
    print(f"Restored {args.file}. {audit.verify(store)}")
    return 0


def run_demo_users(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    for line in add_demo_users(store, args.agency):
        print(line)
    print("These passwords are published: use demo users only on synthetic data.")
    return 0
