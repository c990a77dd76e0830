"""Users see sentences, never tracebacks; the log says where it failed, never what the data held."""

from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest


def page_with_a_fixable_error() -> None:
    from dashboard.friendly_errors import friendly_errors
    from data_model.errors import UserError

    with friendly_errors("Test page"):
        raise UserError("The plan PL9 does not exist: choose another plan.")


def page_with_a_bug() -> None:
    from dashboard.friendly_errors import friendly_errors

    with friendly_errors("Test page"):
        {"Ann Smith": 1}["Leo Smith"]  # a KeyError whose message is a name


def test_a_fixable_error_is_shown_as_its_sentence() -> None:
    at = AppTest.from_function(page_with_a_fixable_error).run()
    assert at.error[0].value == "The plan PL9 does not exist: choose another plan."
    assert not at.exception


def test_a_bug_shows_an_apology_and_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINKEDRISK_RAISE_ERRORS", raising=False)
    at = AppTest.from_function(page_with_a_bug).run()
    assert at.error[0].value.startswith("Sorry, this page could not be shown.")
    assert not at.exception


def test_the_log_names_where_it_failed_but_not_the_data(caplog: pytest.LogCaptureFixture) -> None:
    from dashboard.friendly_errors import friendly_errors

    with caplog.at_level(logging.ERROR, logger="linkedrisk.dashboard"), friendly_errors("Gaps"):
        {"Ann Smith": 1}["Leo Smith"]
    assert "KeyError" in caplog.text and "test_dashboard_errors.py" in caplog.text
    assert "Leo Smith" not in caplog.text
