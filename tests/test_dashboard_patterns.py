"""The Patterns page, driven through AppTest over the risky partnership in a SQLite file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_model.access import Role
from data_model.pseudonymise import KEY_ENV
from tests.dashboard_world import import_world
from tests.pattern_builders import AS_OF, leaks, risky_partnership, risky_world, sensitive_values
from tests.signed_in import sign_in

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "streamlit_app.py")


@pytest.fixture(scope="module")
def risky_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('patterns') / 'risky.db'}"
    import_world(risky_world(), url)
    return url


@pytest.fixture
def page(risky_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("LINKEDRISK_DB_URL", risky_db)
    monkeypatch.setenv("LINKEDRISK_RAISE_ERRORS", "1")
    monkeypatch.setenv(KEY_ENV, "a key for the dashboard tests, long enough")
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["as_of"] = dt.date.fromisoformat(AS_OF)
    sign_in(at, risky_db, Role.ANALYST).run()
    yield at.switch_page("app_pages/patterns.py").run()


def shown_cells(at: AppTest) -> list[object]:
    cells: list[object] = [*(t.value for t in at.markdown), *(c.value for c in at.caption)]
    for frame in at.dataframe:
        cells += [*frame.value.columns, *frame.value.astype(str).to_numpy().ravel()]
    return cells


def test_the_page_opens_on_the_first_report_with_a_chart_and_its_tables(page: AppTest):
    assert not page.exception and not page.error
    assert page.title[0].value == "Patterns"
    assert page.subheader[0].value == "Where plan types meet"
    assert len(page.dataframe) == 3
    at = page.number_input(key="patterns_threshold").set_value(0).run()
    assert len(at.get("vega_lite_chart")) == 1


@pytest.mark.parametrize("report", ["repeat_perpetrators", "repeat_marac", "mappa_children", "sharing_matrix",
                                    "gaps_over_time", "clusters"])
def test_every_report_shows_without_an_error(page: AppTest, report: str):
    at = page.number_input(key="patterns_threshold").set_value(0).run()
    at = at.selectbox(key="patterns_report").set_value(report).run()
    assert not at.exception and not at.error
    assert len(at.get("vega_lite_chart")) == 1


def test_the_page_shows_tokens_and_no_personal_data(page: AppTest):
    at = page.selectbox(key="patterns_report").set_value("repeat_perpetrators").run()
    cells = shown_cells(at)
    assert any(str(c).startswith("PER-") for c in cells)
    assert leaks(cells, sensitive_values(risky_partnership())) == []


def test_small_counts_are_hidden_and_a_lower_threshold_shows_them(page: AppTest):
    at = page.selectbox(key="patterns_report").set_value("repeat_perpetrators").run()
    assert "[c]" in at.dataframe[0].value["perpetrators"].tolist()
    at = at.number_input(key="patterns_threshold").set_value(0).run()
    assert "[c]" not in at.dataframe[0].value["perpetrators"].tolist()


def test_a_chart_with_every_count_hidden_says_so_instead_of_drawing_nothing(page: AppTest):
    at = page.selectbox(key="patterns_report").set_value("clusters").run()
    assert not at.get("vega_lite_chart")
    assert "Nothing to draw" in at.info[0].value
    at = at.number_input(key="patterns_threshold").set_value(0).run()
    assert len(at.get("vega_lite_chart")) == 1


def test_the_export_download_is_offered_for_the_chosen_formats(page: AppTest):
    assert page.get("download_button")
    at = page.multiselect(key="patterns_formats").set_value([]).run()
    assert not at.get("download_button")
    assert any("Choose at least one format" in i.value for i in at.info)
