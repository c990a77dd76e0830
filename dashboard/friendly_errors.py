"""Errors as sentences, never tracebacks.

A :class:`~data_model.errors.UserError` is something the user can fix: its sentence is shown as
it is. A database that cannot be reached, or goes away, is said in one sentence
(:func:`data_model.db_errors.database_errors`), with a button to try again: nothing is cached from a
failed read, so the next run recovers as soon as the database is back. Anything else is our
fault: the user sees a short apology, and the server log gets the exception's type and where it
happened, but not its message or values, which may hold personal data (a name in a ``KeyError``).
"""

from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from data_model.db_errors import DatabaseUnavailable, database_errors
from data_model.errors import UserError

log = logging.getLogger("linkedrisk.dashboard")
#: Set to 1 (tests do) to let unexpected errors through, so that they fail loudly.
RAISE_ENV = "LINKEDRISK_RAISE_ERRORS"
APOLOGY = (
    "Sorry, this page could not be shown. Try again, or choose another as-of date; if it keeps "
    "happening, tell your Linked Risk administrator (the server log says where it failed)."
)


def where_it_failed(exc: BaseException) -> str:
    """The files, lines and functions of the traceback, without any message or value."""
    frames = traceback.extract_tb(exc.__traceback__)
    return " <- ".join(f"{os.path.basename(f.filename)}:{f.lineno} {f.name}" for f in reversed(frames))


@contextmanager
def friendly_errors(page: str) -> Iterator[None]:
    """Run a page body, showing a fixable error's sentence, or an apology for anything else."""
    try:
        with database_errors("your last step"):
            yield
    except DatabaseUnavailable as exc:
        log.error("Page %r could not reach the database", page)
        st.error(str(exc))
        st.button("Try again", key="friendly_errors_retry", type="primary")
    except UserError as exc:
        st.error(str(exc))
    except Exception as exc:
        if os.environ.get(RAISE_ENV) == "1":
            raise
        log.error("Page %r failed with %s at %s", page, type(exc).__name__, where_it_failed(exc))
        st.error(APOLOGY)
