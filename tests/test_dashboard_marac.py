"""The MARAC meetings page, driven through Streamlit's AppTest over tests/marac_world.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_model.access import Role
from data_model.audit_report import AuditFilter, audit_entries
from data_model.contract import validate
from data_model.marac.actions import action_history, update_action
from data_model.store import open_store
from tests.marac_world import AS_OF, marac_world
from tests.signed_in import sign_in, username_for

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "streamlit_app.py")
PAGE = "app_pages/marac.py"


@pytest.fixture
def db_file(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'marac.db'}"
    open_store(url).write(validate(marac_world().raw()))
    return url


@pytest.fixture
def app(db_file: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The MARAC page, signed in as a MARAC coordinator."""
    monkeypatch.setenv("LINKEDRISK_DB_URL", db_file)
    monkeypatch.setenv("LINKEDRISK_RAISE_ERRORS", "1")
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["as_of"] = dt.date.fromisoformat(AS_OF)
    sign_in(at, db_file, Role.MARAC_COORDINATOR).run()
    yield at.switch_page(PAGE).run()


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "warning", "success", "error", "code")
                     for e in at.get(kind))


def test_the_page_opens_on_the_next_meeting_with_its_agenda(app: AppTest) -> None:
    assert not app.exception and not app.error
    assert app.title[0].value == "MARAC meetings"
    assert app.selectbox(key="marac_meeting").value == dt.date(2026, 12, 3)
    agenda = app.dataframe[1].value
    assert agenda["Case"].tolist() == ["MR10", "MR11", "MR12"]
    assert agenda.loc[0, "Children (age)"] == "Noah Wąsik (2); Lily Ó Briain (7)"
    assert any("MR10" in w.value and "repeat" in w.value for w in app.warning)


def test_each_case_has_an_expander_of_research_and_a_hostile_name_is_plain(app: AppTest) -> None:
    labels = [e.label for e in app.expander]
    cases = [label for label in labels if label.startswith("Item")]
    assert len(cases) == 3
    assert "\\*\\*star\\*\\*" in cases[1]  # escaped: shown as asterisks, not bold
    assert "Probation Service North" in str([d.value.to_dict() for d in app.dataframe])


def test_an_invitation_is_ready_to_copy(app: AppTest) -> None:
    app.selectbox(key="marac_invite").set_value("SCH").run()
    text = app.code[0].value
    assert "To: St Anne's Primary School (tch1@sch.example)" in text
    assert text.startswith("RESTRICTED – contains personal data")


def test_the_dash_form_scores_answers_and_checks_the_criteria(app: AppTest) -> None:
    for number in range(1, 15):
        app.radio(key=f"marac_dash_{number}").set_value("yes")
    app.button(key="FormSubmitter:marac_dash-Check the criteria").click().run()
    assert not app.exception
    assert app.metric[0].value == "14 of 24"
    assert "visible_high_risk" in app.success[0].value


def test_a_coordinator_records_an_action_with_their_name(app: AppTest, db_file: str) -> None:
    app.text_area(key="marac_new_description").input("Refer to the perpetrator programme")
    app.button(key="FormSubmitter:marac_new_action-Record").click().run()
    assert not app.exception and not app.error
    assert any("recorded" in s.value for s in app.success)
    frames = [d.value for d in app.dataframe if "description" in d.value.columns]
    assert "Refer to the perpetrator programme" in frames[0]["description"].tolist()
    coordinator = username_for(Role.MARAC_COORDINATOR)
    assert frames[0].set_index("description").loc["Refer to the perpetrator programme", "last_changed_by"] \
        == coordinator
    edits = audit_entries(open_store(db_file), AuditFilter(action="action_edit"))
    assert edits["username"].tolist() == [coordinator] and edits["detail"].tolist() == ["change=new"]


def test_saving_over_another_coordinators_change_is_refused_and_nothing_is_written(
        app: AppTest, db_file: str) -> None:
    app.selectbox(key="marac_edit_action").set_value("ACT-2").run()  # Ann opens ACT-2 at version 0
    engine = open_store(db_file).engine
    update_action(engine, "ACT-2", 0, {"due_date": "2026-12-12"}, changed_by="Bob Other",
                  changed_at=dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC))
    app.text_area(key="marac_edit_text_ACT-2_0").input("Safety plan, with interpreter")
    app.button(key="FormSubmitter:marac_edit-Save").click().run()
    assert any("changed by Bob Other" in e.value for e in app.error)
    assert action_history(engine, "ACT-2")["changed_by"].tolist() == ["Bob Other"]


def test_the_pack_can_be_downloaded_as_pdf_and_xlsx(app: AppTest) -> None:
    labels = [b.proto.label for b in app.get("download_button")]
    assert {"Download PDF", "Download XLSX"} <= set(labels)


def test_opening_a_meeting_records_one_look_at_its_cases_and_people(app: AppTest, db_file: str) -> None:
    looks = audit_entries(open_store(db_file), AuditFilter(action="view_person"))
    assert looks["detail"].tolist() == ["page=marac_meeting"]
    assert {"MR10", "MR11", "MR12", "V1"} <= set(looks["records"].iloc[0].split("; "))
    app.selectbox(key="marac_meeting").set_value(dt.date(2026, 11, 5)).run()
    assert len(audit_entries(open_store(db_file), AuditFilter(action="view_person"))) == 2


def _overdue_actions(at: AppTest) -> set[str]:
    """Action ids with an ACTION_OVERDUE gap on the Gaps page."""
    at.switch_page("app_pages/gaps.py").run()
    assert not at.exception and not at.error
    [gaps] = [d.value for d in at.dataframe if "code" in d.value.columns]
    overdue = gaps[gaps["code"] == "ACTION_OVERDUE"]
    return {action for action in ("ACT-OLD", "ACT-1", "ACT-2") if overdue["evidence"].str.contains(action).any()}


def test_an_overdue_action_closed_at_the_meeting_is_no_longer_a_gap(app: AppTest) -> None:
    assert "ACT-1" in _overdue_actions(app)
    app.switch_page(PAGE).run()
    app.selectbox(key="marac_action_case").set_value("MR10").run()
    app.selectbox(key="marac_edit_action").set_value("ACT-1").run()
    app.checkbox(key="marac_edit_done_ACT-1_0").check()
    app.button(key="FormSubmitter:marac_edit-Save").click().run()
    assert not app.exception and not app.error
    assert "ACT-1" not in _overdue_actions(app)
