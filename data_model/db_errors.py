"""Database failures as one sentence a person can act on, never a traceback or an SQL statement.

A driver's error message carries the statement and its parameters, which hold personal data, so
it is never shown or logged: :func:`explain` names what happened (the disk is full, the
connection was lost, the database is busy) and says that nothing was stored, which holds because
every write is one transaction.

Examples
--------
>>> import errno
>>> explain(OSError(errno.ENOSPC, "No space left on device"), "The import")
'The disk is full: nothing from the import was stored. Free some space and run it again.'
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from data_model.errors import UserError

#: Fragments of driver messages, and what they mean.
DISK_FULL = ("database or disk is full", "no space left on device", "could not extend file", "disk full")
CONNECTION_LOST = (
    "terminating connection", "server closed the connection", "connection is closed", "connection refused",
    "could not connect", "connection already closed", "consuming input failed", "the connection is lost",
    "connection timed out", "ssl connection has been closed", "connection was killed",
)
BUSY = ("database is locked", "database is busy")
NUL = ("cannot contain nul",)


class DatabaseUnavailable(UserError):
    """The database could not be reached or has gone away: try again once it is back."""


def _message(exc: BaseException) -> str:
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).lower()


def _kind(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "disk_full"
    text = _message(exc)
    if any(f in text for f in DISK_FULL):
        return "disk_full"
    if getattr(exc, "connection_invalidated", False) or any(f in text for f in CONNECTION_LOST):
        return "connection_lost"
    if any(f in text for f in BUSY):
        return "busy"
    if any(f in text for f in NUL):
        return "nul"
    return "other"


def explain(exc: BaseException, what: str = "The change") -> str:
    """One sentence for a database failure during ``what`` (e.g. "The import")."""
    thing = what[0].lower() + what[1:]
    return {
        "disk_full": f"The disk is full: nothing from {thing} was stored. Free some space and run it again.",
        "connection_lost": f"The connection to the database was lost: nothing from {thing} was stored. "
                           "Check that the database server is running, then run it again.",
        "busy": f"The database is busy (another import or a backup is running): nothing from {thing} was stored. "
                "Try again in a minute.",
        "nul": f"A cell holds a NUL character, which the database cannot store: nothing from {thing} was stored. "
               "Remove it from the file and run it again.",
        "other": f"The database refused {thing} ({type(exc).__name__}): nothing was stored. "
                 "Check the database's own log for the cause.",
    }[_kind(exc)]


@contextmanager
def database_errors(what: str = "The change") -> Iterator[None]:
    """Turn database and disk failures inside the block into a :class:`UserError` sentence.

    The driver's message (with its SQL and parameters) is dropped from the chain on purpose:
    ``from None`` keeps it out of any traceback or log.
    """
    try:
        yield
    except (sa.exc.DBAPIError, sa.exc.DisconnectionError) as exc:
        cls = DatabaseUnavailable if _kind(exc) == "connection_lost" else UserError
        raise cls(explain(exc, what)) from None
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        raise UserError(explain(exc, what)) from None
