"""Import: every bad-input kind is reported with table, line, column and reason; nothing valid is lost."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from data_model.cli import main
from data_model.contract import validate
from data_model.sources import SourceError, read_source
from data_model.store import open_store
from tests.contract_files import write_folder


def rejections(folder: Path) -> list[str]:
    return [str(r) for r in validate(read_source(folder)).rejections]


def test_unknown_code_is_rejected_naming_table_line_and_column(tmp_path: Path) -> None:
    write_folder(tmp_path, agencies="agency_id,name,sector\nA1,Police,police\nA2,Ambulance,ambulance\n")
    [message] = rejections(tmp_path)
    assert message.startswith("agencies:3:sector: 'ambulance' is not a known sector")


def test_codes_match_in_any_case_after_trimming(tmp_path: Path) -> None:
    write_folder(tmp_path, plans="plan_id,plan_type,start_date\nPL1, marac ,2024-01-01\nPL2,Cp_Plan,2024-01-01\n")
    validated = validate(read_source(tmp_path))
    assert validated.rejections == []
    assert list(validated.tables["plans"]["plan_type"]) == ["MARAC", "CP_PLAN"]


def test_bad_date_is_rejected(tmp_path: Path) -> None:
    write_folder(tmp_path, people="person_id,date_of_birth\nP1,2015-02-30\nP2,03/02/2015\nP3,\n")
    assert rejections(tmp_path) == [
        "people:2:date_of_birth: '2015-02-30' is not a date in YYYY-MM-DD form",
        "people:3:date_of_birth: '03/02/2015' is not a date in YYYY-MM-DD form",
    ]


def test_missing_required_value_is_rejected(tmp_path: Path) -> None:
    write_folder(tmp_path, plans="plan_id,plan_type,start_date\nPL1,MAPPA,\n")
    assert rejections(tmp_path) == ["plans:2:start_date: start_date is required but empty"]


def test_missing_required_column_rejects_every_row_of_that_table(tmp_path: Path) -> None:
    write_folder(tmp_path, concerns="concern_id,person_id\nC1,P1\nC2,P2\n")
    assert rejections(tmp_path) == [
        "concerns:2:date: the required column date is missing from the header",
        "concerns:3:date: the required column date is missing from the header",
    ]


def test_reference_to_unknown_person_is_rejected(tmp_path: Path) -> None:
    write_folder(tmp_path, relationships="person_id,related_person_id,relationship\nP1,P2,parent\nP1,P99,parent\n")
    assert rejections(tmp_path) == [
        "relationships:3:related_person_id: refers to a person that does not exist (related_person_id 'P99')"
    ]


def test_duplicate_id_keeps_the_first_and_names_its_line(tmp_path: Path) -> None:
    write_folder(tmp_path, people="person_id,given_name\nP1,Ann\nP2,Ben\nP1,Anne\n")
    validated = validate(read_source(tmp_path))
    assert [str(r) for r in validated.rejections] == [
        "people:4:person_id: duplicate person_id 'P1': line 2 already has it"
    ]
    assert list(validated.tables["people"]["given_name"]) == ["Ann", "Ben"]


def test_row_referring_to_a_rejected_row_is_rejected_naming_it(tmp_path: Path) -> None:
    write_folder(
        tmp_path,
        plans="plan_id,plan_type,start_date\nPL1,MARAC,2024-01-01\nPL2,MARAC,someday\n",
        plan_members="plan_id,person_id,role\nPL1,P1,victim\nPL2,P1,victim\n",
    )
    assert rejections(tmp_path) == [
        "plans:3:start_date: 'someday' is not a date in YYYY-MM-DD form",
        "plan_members:3:plan_id: refers to plans line 3 (plan_id 'PL2'), which was rejected",
    ]


def test_wrong_number_of_values_is_rejected(tmp_path: Path) -> None:
    write_folder(tmp_path, agencies="agency_id,name,sector\nA1,Police,police,extra\nA2,CSC,children_social_care\n")
    assert rejections(tmp_path) == ["agencies:2:*: has 4 values but the header names 3 columns"]


def test_record_spanning_lines_is_reported_where_it_starts(tmp_path: Path) -> None:
    write_folder(
        tmp_path,
        concerns='concern_id,person_id,date,summary\nC1,P1,2024-01-01,"line one\nline two"\nC2,P1,not-a-date,x\n',
    )
    assert rejections(tmp_path) == ["concerns:4:date: 'not-a-date' is not a date in YYYY-MM-DD form"]


def test_booleans_accept_yes_no_one_zero_and_empty(tmp_path: Path) -> None:
    write_folder(
        tmp_path,
        concerns="concern_id,person_id,date,significant_harm_suspected\n"
        "C1,P2,2024-01-01,YES\nC2,P2,2024-01-01,0\nC3,P2,2024-01-01,\nC4,P2,2024-01-01,maybe\n",
    )
    validated = validate(read_source(tmp_path))
    assert [str(r) for r in validated.rejections] == [
        "concerns:5:significant_harm_suspected: 'maybe' is not true or false"
    ]
    assert list(validated.tables["concerns"]["significant_harm_suspected"]) == [True, False, False]


def test_without_a_households_table_household_id_is_a_grouping_key(tmp_path: Path) -> None:
    write_folder(tmp_path)  # people refer to H1, and there is no households.csv
    assert rejections(tmp_path) == []
    write_folder(tmp_path, households="household_id,address\nH2,1 High Street\n")
    assert [r.split(": ")[0] for r in rejections(tmp_path)] == ["people:2:household_id", "people:3:household_id"]


def test_a_dataset_without_people_is_refused_as_a_whole(tmp_path: Path) -> None:
    write_folder(tmp_path)
    (tmp_path / "people.csv").unlink()
    with pytest.raises(SourceError, match="no people table"):
        validate(read_source(tmp_path))


def test_workbook_errors_name_the_sheet_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "agencies"
    for row in [["agency_id", "name", "sector"], ["A1", "Police", "police"], [], ["A2", "X", "nowhere"]]:
        sheet.append(row)
    people = book.create_sheet("People")
    people.append(["person_id", "date_of_birth"])
    people.append(["P1", None])
    path = tmp_path / "partnership.xlsx"
    book.save(path)
    validated = validate(read_source(path))
    assert [str(r).split(": ")[0] for r in validated.rejections] == ["agencies:4:sector"]
    assert list(validated.tables["people"]["person_id"]) == ["P1"]


def test_reimporting_the_same_files_changes_nothing(tmp_path: Path, db_url: str) -> None:
    folder = write_folder(tmp_path / "in", relationships="person_id,related_person_id,relationship\nP1,P2,parent\n")
    store = open_store(db_url)
    first = store.write(validate(read_source(folder)))
    before = store.load()
    again = store.write(validate(read_source(folder), known=store.known_ids()))
    assert first["people"] == 2 and sum(again.values()) == 0
    assert store.counts() == {**store.counts(), "people": 2, "relationships": 1}
    for name, frame in store.load().tables.items():
        assert frame.equals(before.tables[name]), name


def test_quarantined_rows_can_be_fixed_and_imported(tmp_path: Path, sqlite_url: str) -> None:
    folder = write_folder(
        tmp_path / "in", people="person_id,given_name,date_of_birth\nP1,Ann,1990-01-01\nP2,Ben,2015-13-01\n"
    )
    quarantine = tmp_path / "q"
    assert main(["import", str(folder), "--db", sqlite_url, "--quarantine", str(quarantine), "--no-progress"]) == 0
    fixed = (quarantine / "people.csv").read_text().replace("2015-13-01", "2015-12-01")
    (quarantine / "people.csv").write_text(fixed)
    (quarantine / "agencies.csv").write_text("agency_id,name,sector\n")  # people need agencies present
    assert (
        main(["import", str(quarantine), "--db", sqlite_url, "--quarantine", str(tmp_path / "q2"), "--no-progress"])
        == 0
    )
    people = open_store(sqlite_url).load().people
    assert sorted(people["person_id"]) == ["P1", "P2"]
    assert str(people.set_index("person_id").loc["P2", "date_of_birth"].date()) == "2015-12-01"


def test_validate_exits_1_when_anything_was_rejected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_folder(tmp_path / "good")
    bad = write_folder(tmp_path / "bad", people="person_id,date_of_birth\nP1,yesterday\n")
    assert main(["validate", str(good), "--quarantine", str(tmp_path / "q"), "--no-progress"]) == 0
    assert main(["validate", str(bad), "--quarantine", str(tmp_path / "q"), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "people:2:date_of_birth: 'yesterday' is not a date in YYYY-MM-DD form" in err


def test_a_missing_path_is_one_sentence_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.strip().endswith("does not exist.")


def test_a_long_import_reports_progress_from_start_to_finish(tmp_path: Path, sqlite_url: str) -> None:
    people = "person_id,given_name\n" + "".join(f"P{i},Name{i}\n" for i in range(50_000))
    folder = write_folder(tmp_path / "in", people=people)
    checking: list[tuple[str, float]] = []
    storing: list[tuple[str, float]] = []
    validated = validate(read_source(folder), progress=lambda label, done: checking.append((label, done)))
    open_store(sqlite_url).write(validated, progress=lambda label, done: storing.append((label, done)))
    for seen in (checking, storing):
        fractions = [done for _, done in seen]
        assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert "Checking people" in {label for label, _ in checking}
    assert len([label for label, _ in storing if label == "Storing people"]) >= 2  # in batches


def test_empty_numbers_dates_and_codes_are_stored_as_empty(tmp_path: Path, db_url: str) -> None:
    folder = write_folder(
        tmp_path / "in",
        plans="plan_id,plan_type,start_date,end_date,dash_score,referral_criterion\n"
        "PL1,MARAC,2024-01-01,,,\nPL2,MARAC,2024-01-01,2024-06-01,15,repeat\n",
    )
    store = open_store(db_url)
    store.write(validate(read_source(folder)))
    plans = store.load().plans.set_index("plan_id")
    assert plans.loc["PL1", "dash_score"] is pd.NA and pd.isna(plans.loc["PL1", "end_date"])
    assert plans.loc["PL1", "referral_criterion"] is None
    assert plans.loc["PL2", "dash_score"] == 15 and plans.loc["PL2", "referral_criterion"] == "repeat"


def test_every_import_is_in_the_audit_trail_without_personal_data(tmp_path: Path, sqlite_url: str) -> None:
    from data_model.audit import verify
    from data_model.audit_report import audit_entries

    folder = write_folder(tmp_path / "in")
    main(["import", str(folder), "--db", sqlite_url, "--quarantine", str(tmp_path / "q"), "--no-progress"])
    store = open_store(sqlite_url)
    entries = audit_entries(store)
    assert list(entries["action"]) == ["import"]
    assert "rows_new=4" in entries["detail"].iloc[0]
    assert "Ann" not in entries.to_csv() and verify(store).ok
