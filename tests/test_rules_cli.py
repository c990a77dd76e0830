"""``linkedrisk gaps`` and ``linkedrisk who-needs-to-know`` from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from data_model.cli import main
from data_model.findings import KEY_FIELDS
from tests.builders import AS_OF, World

NEED_KEYS = {"agency_id", "practitioner_id", "person_id", "status", "information_level", "path", "link",
             "lawful_basis", "consent_in_force"}


def family(folder: Path, school_name: str = "Castle Primary School") -> Path:
    w = World()
    w.agency("SCHOOL", "education", name=school_name)
    w.child("KID", household="H1", given="Leo", family="Smith"), w.child("SIS", household="H1")
    w.plan("CP1", "CP_PLAN", "2026-06-01", members={"KID": "subject"}, lead="CSC", next_review_date="2026-12-01")
    w.plan("OLD", "CP_PLAN", "2024-06-01", end="2025-06-01", members={"KID": "subject"}, lead="CSC")
    w.child_view("KID", "2026-06-10")
    w.works_with("TEACHER", "SIS", agency="SCHOOL")
    return w.write_csv(folder)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_gaps_as_json_are_objects_with_code_severity_summary_evidence_and_every_key_field(tmp_path, capsys):
    code, out, err = run(capsys, "gaps", "--data", str(family(tmp_path)), "--as-of", AS_OF, "--format", "json")
    gaps = json.loads(out)
    assert code == 0 and err == ""
    assert [(g["code"], g["plan_id"], g["agency_id"]) for g in gaps] == [("LINKED_PLAN_NOT_SHARED", "CP1", "SCHOOL")]
    assert set(gaps[0]) == {"code", "severity", "summary", "evidence", *KEY_FIELDS}
    assert gaps[0]["person_id"] is None and isinstance(gaps[0]["evidence"], list)


def test_gaps_can_be_limited_to_one_code(tmp_path, capsys):
    _, out, _ = run(capsys, "gaps", "--data", str(family(tmp_path)), "--as-of", AS_OF, "--code", "CP_REVIEW_OVERDUE")
    assert json.loads(out) == []


def test_an_unknown_code_is_a_sentence_not_a_traceback(tmp_path, capsys):
    code, _, err = run(capsys, "gaps", "--data", str(family(tmp_path)), "--code", "NOT_A_CODE")
    assert code == 2 and "NOT_A_CODE" in err and "Traceback" not in err


def test_a_bad_as_of_date_is_explained(tmp_path, capsys):
    code, _, err = run(capsys, "gaps", "--data", str(family(tmp_path)), "--as-of", "27/11/2026")
    assert code == 2 and "YYYY-MM-DD" in err


def test_rejected_rows_go_to_stderr_and_the_analysis_runs_on_the_rest(tmp_path, capsys):
    folder = family(tmp_path)
    with (folder / "concerns.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["concern_id", "person_id", "date", "significant_harm_suspected"])
        writer.writerow(["C1", "KID", "2026-13-01", "true"])
        writer.writerow(["C2", "KID", "2026-10-01", "true"])
    code, out, err = run(capsys, "gaps", "--data", str(folder), "--as-of", AS_OF)
    assert code == 0
    assert err.splitlines()[0].startswith("concerns:2:date: ")
    assert {g["concern_id"] for g in json.loads(out)} == {None, "C2"}


def test_csv_output_guards_against_formula_injection(tmp_path, capsys):
    folder = family(tmp_path, school_name="=HYPERLINK(\"http://evil\")")
    _, out, _ = run(capsys, "gaps", "--data", str(folder), "--as-of", AS_OF, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["summary"].startswith("'=HYPERLINK")
    assert list(rows[0]) == ["code", "severity", "summary", "evidence", *KEY_FIELDS]


def test_table_output_is_aligned_with_a_header(tmp_path, capsys):
    _, out, _ = run(capsys, "gaps", "--data", str(family(tmp_path)), "--as-of", AS_OF, "--format", "table")
    header, rule, first = out.splitlines()[:3]
    assert header.split()[:2] == ["code", "severity"] and set(rule) <= {"-", " "}
    assert first.startswith("LINKED_PLAN_NOT_SHARED")
    assert first.index("high") == header.index("severity")


def test_who_needs_to_know_as_json(tmp_path, capsys):
    code, out, err = run(capsys, "who-needs-to-know", "--data", str(family(tmp_path)), "--plan", "CP1",
                         "--as-of", AS_OF)
    rows = json.loads(out)
    assert code == 0 and err == ""
    assert NEED_KEYS <= set(rows[0])
    assert (rows[0]["person_id"], rows[0]["status"], rows[0]["path"], rows[0]["link"]) == (
        "SIS", "not_informed", ["KID", "SIS"], "household")


def test_who_needs_to_know_for_an_unknown_plan_is_an_error(tmp_path, capsys):
    code, out, err = run(capsys, "who-needs-to-know", "--data", str(family(tmp_path)), "--plan", "NOPE")
    assert code == 2 and "NOPE" in err and out == ""


def test_who_needs_to_know_for_a_plan_that_ended_says_so_and_lists_no_one(tmp_path, capsys):
    code, out, err = run(capsys, "who-needs-to-know", "--data", str(family(tmp_path)), "--plan", "OLD",
                         "--as-of", AS_OF)
    assert code == 0 and json.loads(out) == []
    assert "OLD" in err and "not active" in err


def test_who_needs_to_know_as_csv_joins_the_path(tmp_path, capsys):
    _, out, _ = run(capsys, "who-needs-to-know", "--data", str(family(tmp_path)), "--plan", "CP1",
                    "--as-of", AS_OF, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["path"] == "KID->SIS" and rows[0]["consent_in_force"] == "false"


def test_the_database_gives_the_same_answers_as_the_folder(tmp_path, capsys):
    pytest.importorskip("data_model.store")
    folder = family(tmp_path / "data")
    url = f"sqlite:///{tmp_path / 'lr.db'}"
    assert main(["import", str(folder), "--db", url, "--no-progress", "--quarantine", str(tmp_path / "q")]) == 0
    capsys.readouterr()
    _, from_db, _ = run(capsys, "gaps", "--db", url, "--as-of", AS_OF)
    _, from_folder, _ = run(capsys, "gaps", "--data", str(folder), "--as-of", AS_OF)
    assert json.loads(from_db) == json.loads(from_folder)


def test_data_quality_lists_people_with_no_date_of_birth(tmp_path, capsys):
    w = World()
    w.person("NOBIRTH")
    w.share("NOBIRTH", "2026-10-01", basis="consent")
    code, out, err = run(capsys, "gaps", "--data", str(w.write_csv(tmp_path)), "--as-of", AS_OF)
    assert code == 0 and "data-quality" in err
    _, out, _ = run(capsys, "data-quality", "--data", str(tmp_path), "--as-of", AS_OF)
    assert {f["record_id"] for f in json.loads(out)} == {"NOBIRTH"}


def test_an_action_closed_in_linked_risk_is_not_overdue_for_the_rules(tmp_path, capsys):
    import datetime as dt

    from data_model.marac.actions import close_action, current_version
    from data_model.store import open_store

    w = World()
    w.child("KID", household="H1")
    w.plan("MA1", "MARAC", "2026-09-01", members={"KID": "victim"}, lead="CSC")
    action = w.action("MA1", due="2026-10-01")
    db = f"sqlite:///{tmp_path / 'lr.db'}"
    assert main(["import", str(w.write_csv(tmp_path / "in")), "--db", db, "--no-progress",
                 "--quarantine", str(tmp_path / "q")]) == 0
    capsys.readouterr()
    overdue = ["gaps", "--db", db, "--as-of", AS_OF, "--code", "ACTION_OVERDUE"]
    assert [g["action_id"] for g in json.loads(run(capsys, *overdue)[1])] == [action]
    engine = open_store(db).engine
    close_action(engine, action, current_version(engine, action), "2026-10-05", changed_by="coordinator",
                 changed_at=dt.datetime(2026, 10, 5, 12, 0))
    assert json.loads(run(capsys, *overdue)[1]) == []
