"""Backing up and restoring the SQLite database of a standalone deployment.

A backup is made with SQLite's online backup API, so it is a consistent copy even while the
dashboard is in use; it is checked (``PRAGMA integrity_check``), made a single self-contained
file, and readable only by its owner. A restore checks the file first (a SQLite database, intact,
holding Linked Risk's tables at a schema this version knows) and then copies it into the live
database with the same API, in one step: a failed restore leaves the database as it was.

PostgreSQL deployments back up with the server's own tools (``pg_dump``), not with these.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from data_model.errors import UserError
from data_model.store import database_url

SQLITE_HEADER = b"SQLite format 3\x00"
#: Tables a file must hold to be a Linked Risk database.
EXPECTED_TABLES = frozenset({"alembic_version", "people", "agencies", "plans"})


def sqlite_path(url: str | None) -> Path:
    """The database file behind a ``sqlite:///`` URL; a :class:`UserError` for anything else."""
    url = database_url(url)
    if not url.startswith("sqlite:///") or url.startswith("sqlite:///:memory:"):
        raise UserError("Backup and restore work on the SQLite database of a standalone deployment: "
                        "back up PostgreSQL with pg_dump.")
    return Path(url.removeprefix("sqlite:///"))


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _integrity(conn: sqlite3.Connection) -> str:
    return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def backup(url: str | None, out: Path) -> Path:
    """Copy the live database to ``out`` (owner-only permissions); returns ``out``."""
    source = sqlite_path(url)
    if not source.is_file():
        raise UserError(f"There is no database at {source} to back up.")
    if out.exists() and out.is_dir():
        raise UserError(f"{out} is a folder: give a file name for the backup.")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        with contextlib.closing(_read_only(source)) as src, contextlib.closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            if _integrity(dst) != "ok":
                raise UserError("The backup copy did not check out: the database may be damaged; "
                                "run `PRAGMA integrity_check` on it.")
        os.replace(partial, out)
    except sqlite3.Error as exc:
        raise UserError(f"The backup could not be written to {out} ({exc}): check the disk and try again.") from exc
    finally:
        partial.unlink(missing_ok=True)
    return out


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def known_revisions() -> list[str]:
    """Every schema revision this version of Linked Risk knows, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(Path(__file__).parent / "migrations"))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def check_backup(file: Path) -> str:
    """The schema revision of a good backup; a :class:`UserError` naming what is wrong otherwise."""
    if not file.is_file():
        raise UserError(f"{file} does not exist.")
    with file.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise UserError(f"{file} is not a Linked Risk backup (not a SQLite database).")
    try:
        with contextlib.closing(_read_only(file)) as conn:
            if _integrity(conn) != "ok":
                raise UserError(f"{file} is damaged (its integrity check failed): use another backup.")
            if not EXPECTED_TABLES <= _tables(conn):
                raise UserError(f"{file} is not a Linked Risk backup (it lacks Linked Risk's tables).")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{file} is damaged or not a SQLite database ({exc}): use another backup.") from exc
    revision = str(row[0]) if row else ""
    if revision not in known_revisions():
        raise UserError(f"{file} was made by a different version of Linked Risk (schema {revision or 'unknown'}): "
                        "restore it with that version.")
    return revision


def holds_data(url: str | None) -> bool:
    """Whether the live database exists and has any people, users or audit entries."""
    path = sqlite_path(url)
    if not path.is_file():
        return False
    with contextlib.closing(_read_only(path)) as conn:
        tables = _tables(conn)
        return any(conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone()  # noqa: S608 - fixed names
                   for t in ("people", "users", "audit_log") if t in tables)


def restore(file: Path, url: str | None) -> str:
    """Replace the live database with the backup in ``file`` (checked first); returns its revision.

    The copy is one step of SQLite's backup API: if it fails, the database is as it was. The
    caller then migrates the restored database to the current schema (``open_store``).
    """
    revision = check_backup(file)
    target = sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with contextlib.closing(_read_only(file)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
    except sqlite3.Error as exc:
        raise UserError(f"The restore did not complete ({exc}); the database is as it was.") from exc
    return revision
