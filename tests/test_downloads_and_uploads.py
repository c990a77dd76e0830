"""Files in and out of the Data, Gaps and Who-needs-to-know pages."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.markdown_text import plain
from data_model.contract import Rejection, validate
from data_model.schema import TABLES
from data_model.sources import SourceError, read_source
from data_model.tabular_export import csv_bytes, xlsx_bytes
from data_model.templates import blank_csv_zip, blank_workbook, quarantine_zip
from data_model.uploads import unpack_upload
from data_model.validation_report import check_summary


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_formula_in_a_name_is_neutralised_in_csv_and_xlsx() -> None:
    frame = pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "Ann"], "path": [("A", "B"), ("C",)]})
    assert csv_bytes(frame).decode().splitlines()[1].startswith("\"'=HYPERLINK")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"gaps": frame})))["gaps"]
    assert sheet["A2"].value.startswith("'=") and sheet["B2"].value == "A; B"


def test_blank_templates_have_every_table_with_its_columns_and_no_rows() -> None:
    names = zipfile.ZipFile(io.BytesIO(blank_csv_zip())).namelist()
    assert len(names) == len(TABLES)
    book = openpyxl.load_workbook(io.BytesIO(blank_workbook()))
    assert book.sheetnames == [t.name for t in TABLES]
    assert [c.value for c in book["people"][1]] == list(TABLES[2].column_names)
    assert book["people"].max_row == 1


def test_a_filled_in_template_reads_back_as_a_contract_folder(tmp_path: Path) -> None:
    archive = zipfile.ZipFile(io.BytesIO(blank_csv_zip()))
    files = {name: archive.read(name).decode() for name in archive.namelist()}
    files["linkedrisk-template/people.csv"] += "P1,Ann,Smith,1990-01-01,,,\n"
    files["linkedrisk-template/agencies.csv"] += "A1,Police,police\n"
    folder = unpack_upload("filled.zip", _zip(files), tmp_path)
    validated = validate(read_source(folder))
    assert not validated.rejections and len(validated.tables["people"]) == 1


def test_the_quarantine_zip_keeps_the_rows_and_says_why() -> None:
    rejection = Rejection("people", 3, "date_of_birth", "'x' is not a date", {"person_id": "P9", "date_of_birth": "x"})
    archive = zipfile.ZipFile(io.BytesIO(quarantine_zip([rejection])))
    text = archive.read("quarantine/people.csv").decode()
    assert "rejected_reason" in text.splitlines()[0] and "P9" in text and "'x' is not a date" in text


def test_a_zip_of_the_folder_or_of_its_contents_both_unpack(tmp_path: Path) -> None:
    people = "person_id\nP1\n"
    nested = unpack_upload("a.zip", _zip({"export/people.csv": people, "export/notes.txt": "hi"}), tmp_path / "a")
    flat = unpack_upload("b.zip", _zip({"people.csv": people}), tmp_path / "b")
    assert (nested / "people.csv").exists() and (flat / "people.csv").exists()


@pytest.mark.parametrize(("name", "content", "words"), [
    ("evil.zip", _zip({"../../etc/people.csv": "person_id\n"}), "outside its folder"),
    ("broken.zip", b"PK not really", "not a readable zip"),
    ("notes.txt", b"hello", "neither a .zip"),
    ("empty.zip", _zip({"readme.md": "hello"}), "no contract CSV files"),
])
def test_an_upload_that_cannot_be_a_contract_folder_is_refused_with_a_sentence(
        tmp_path: Path, name: str, content: bytes, words: str) -> None:
    with pytest.raises(SourceError, match=words):
        unpack_upload(name, content, tmp_path)
    assert not (tmp_path.parent / "etc").exists()


def test_the_check_summary_counts_accepted_and_rejected_rows_per_table(tmp_path: Path) -> None:
    files = {"agencies.csv": "agency_id,name,sector\nA1,P,police\n",
             "people.csv": "person_id,date_of_birth\nP1,1990-01-01\nP2,yesterday\n"}
    validated = validate(read_source(unpack_upload("x.zip", _zip(files), tmp_path)))
    summary = check_summary(validated)
    assert summary.values.tolist() == [["agencies", 1, 0], ["people", 1, 1]]


@given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
def test_no_downloaded_cell_can_start_a_formula(names: list[str]) -> None:
    text = csv_bytes(pd.DataFrame({"name": names})).decode()
    cells = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)["name"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


@given(st.text())
def test_data_in_markdown_reads_back_as_it_was(text: str) -> None:
    assert re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", plain(text)) == text
