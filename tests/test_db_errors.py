"""Database failures reach people as one sentence, never with the SQL or the personal data in it."""

from __future__ import annotations

import errno
import sqlite3

import pytest
import sqlalchemy as sa

from data_model.db_errors import DatabaseUnavailable, database_errors, explain
from data_model.errors import UserError


def driver_error(message: str) -> sa.exc.OperationalError:
    return sa.exc.OperationalError("INSERT INTO people (given_name) VALUES (?)", {"given_name": "Ann Smith"},
                                   sqlite3.OperationalError(message))


@pytest.mark.parametrize(("message", "start"), [
    ("database or disk is full", "The disk is full"),
    ("terminating connection due to administrator command", "The connection to the database was lost"),
    ("server closed the connection unexpectedly", "The connection to the database was lost"),
    ("database is locked", "The database is busy"),
    ("PostgreSQL text fields cannot contain NUL (0x00) bytes", "A cell holds a NUL character"),
    ("something nobody foresaw", "The database refused the import (OperationalError)"),
])
def test_each_kind_of_failure_has_its_own_sentence(message: str, start: str) -> None:
    assert explain(driver_error(message), "The import").startswith(start)


def test_the_sentence_never_carries_the_statement_or_its_values() -> None:
    with pytest.raises(UserError) as caught, database_errors("The import"):
        raise driver_error("database or disk is full")
    text = str(caught.value)
    assert "INSERT" not in text and "Ann Smith" not in text
    assert caught.value.__suppress_context__ and caught.value.__cause__ is None


def test_a_lost_connection_is_reported_as_the_database_being_unavailable() -> None:
    with pytest.raises(DatabaseUnavailable), database_errors():
        raise driver_error("could not connect to server: Connection refused")


def test_a_full_disk_while_writing_a_file_is_explained_too() -> None:
    with pytest.raises(UserError, match="The disk is full"), database_errors("The backup"):
        raise OSError(errno.ENOSPC, "No space left on device")


def test_other_file_errors_pass_through() -> None:
    with pytest.raises(PermissionError), database_errors():
        raise PermissionError(errno.EACCES, "Permission denied")
