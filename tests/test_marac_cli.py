"""``linkedrisk marac``: meetings, agenda, invitations, referral checks and the pack, from the command line."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from data_model.cli import main
from data_model.contract import validate
from data_model.marac.actions import close_action
from data_model.marac.pack import MARKING
from data_model.store import open_store
from tests.marac_world import AS_OF, MEETING, marac_world, write_marac_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_marac_folder(tmp_path_factory.mktemp("marac") / "data")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["marac", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_meetings_lists_each_meeting_with_its_cases(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "meetings", "--data", str(folder), "--as-of", AS_OF)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Meeting", "Cases"]
    assert lines[2].split()[:2] == [MEETING, "3"]


def test_agenda_prints_one_line_per_case_and_notes_the_unflagged_repeat(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "agenda", "--meeting", MEETING, "--data", str(folder), "--as-of", AS_OF)
    assert code == 0
    assert "Zoë Ó Briain" in out and "Noah Wąsik (2); Lily Ó Briain (7)" in out and "MR12" in out
    assert "note: The MARAC case MR10" in err


def test_invite_prints_each_agencys_invitation(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "invite", "--meeting", MEETING, "--data", str(folder), "--as-of", AS_OF)
    assert code == 0
    assert out.count("Subject: MARAC meeting on 3 December 2026") == 8
    code, out, _ = _run(capsys, "invite", "--meeting", MEETING, "--data", str(folder), "--as-of", AS_OF,
                        "--agency", "SMS")
    assert "To: Turning Point Recovery (sms1@sms.example)" in out and out.count("Subject:") == 1


def test_check_scores_a_checklist_and_evaluates_the_four_criteria(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = ",".join(f"{n}=yes" for n in range(1, 15))
    code, out, _ = _run(capsys, "check", "--victim", "V1", "--answers", answers, "--data", str(folder),
                        "--as-of", AS_OF)
    assert code == 0
    assert "DASH score: 14 of 24" in out
    assert "Meets: visible_high_risk, potential_escalation, repeat" in out
    code, out, _ = _run(capsys, "check", "--victim", "V1", "--answers", answers, "--high-risk-yes", "15",
                        "--escalation-incidents", "4", "--data", str(folder), "--as-of", AS_OF)
    assert "Meets: repeat" in out


def test_pack_writes_a_marked_pdf_by_default(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, "pack", "--meeting", MEETING, "--data", str(folder), "--as-of", AS_OF)
    assert code == 0 and "marac-pack-2026-12-03.pdf" in out
    reader = PdfReader(tmp_path / "marac-pack-2026-12-03.pdf")
    assert all(MARKING.upper() in page.extract_text() for page in reader.pages)


def test_pack_writes_an_xlsx_when_asked(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "pack.xlsx"
    code, _, _ = _run(capsys, "pack", "--meeting", MEETING, "--data", str(folder), "--as-of", AS_OF,
                      "--out", str(out_file))
    assert code == 0
    book = openpyxl.load_workbook(io.BytesIO(out_file.read_bytes()))
    assert book["Agenda"]["A1"].value == MARKING


def test_pack_from_a_database_counts_coordinators_closed_actions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'lr.db'}"
    store = open_store(url)
    store.write(validate(marac_world().raw()))
    close_action(store.engine, "ACT-1", 0, "2026-11-25", changed_by="Ann",
                 changed_at=dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC))
    code, _, _ = _run(capsys, "pack", "--meeting", MEETING, "--db", url, "--as-of", AS_OF,
                      "--out", str(tmp_path / "pack.pdf"))
    assert code == 0
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "pack.pdf").pages)
    assert "ACT-OLD" in text and "Review licence conditions" not in text  # ACT-1, closed by a coordinator


@pytest.mark.parametrize(("args", "message"), [
    (["pack", "--meeting", "2026-12-10"], "No MARAC meeting on 2026-12-10"),
    (["pack", "--meeting", MEETING, "--format", "docx"], "invalid choice"),
    (["pack", "--meeting", MEETING, "--out", "pack.docx"], "pdf or xlsx"),
    (["agenda", "--meeting", "3rd December"], "YYYY-MM-DD"),
    (["check", "--victim", "V1", "--answers", "1:yes"], "NUMBER=yes"),
])
def test_mistakes_are_reported_in_a_sentence(folder: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                             message: str) -> None:
    try:
        code, _, err = _run(capsys, *args, "--data", str(folder), "--as-of", AS_OF)
    except SystemExit as exc:  # argparse refuses a bad choice itself
        code, err = int(exc.code or 0), capsys.readouterr().err
    assert code == 2
    assert message in err
