"""The meeting pack: a PDF and an XLSX workbook, marked restricted on every page and sheet.

The PDF is opened with pypdf and its text checked; a page is rendered to PNG with poppler's
pdftoppm (skipped, with the reason, where poppler-utils is not installed).
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from data_model.marac.pack import MARKING, MeetingPack, prepare_meeting
from data_model.marac.pack_pdf import pack_pdf
from data_model.marac.pack_xlsx import pack_xlsx
from tests.builders import World
from tests.marac_world import AS_OF, HOSTILE_FAMILY, HOSTILE_GIVEN, MEETING, marac_partnership

HOSTILE_NAME = f"{HOSTILE_GIVEN} {HOSTILE_FAMILY}"


@pytest.fixture(scope="module")
def pack() -> MeetingPack:
    return prepare_meeting(marac_partnership(), MEETING, AS_OF)


@pytest.fixture(scope="module")
def pdf(pack: MeetingPack) -> bytes:
    return pack_pdf(pack)


@pytest.fixture(scope="module")
def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_every_page_of_the_pdf_is_marked_restricted(pages: list[str]) -> None:
    assert len(pages) >= 4  # a cover, then at least a page per case
    for number, text in enumerate(pages, start=1):
        assert text.count(MARKING.upper()) >= 2, f"page {number} lacks the marking in its header or footer"
        assert f"Page {number} of {len(pages)}" in text


def test_the_pdf_opens_with_the_agenda_and_the_agencies_to_invite(pages: list[str]) -> None:
    cover = pages[0]
    assert "MARAC meeting 2026-12-03: meeting pack" in cover
    assert "3 cases; 1 flagged as repeats; 1 repeat the data shows" in cover
    for expected in ("Agenda", "Zoë Ó Briain", "Marek Wąsik", "Łucja Nowak", "Agencies to invite",
                     "St Anne's Primary School"):
        assert expected in cover


def test_each_case_has_its_research_in_the_pdf(pages: list[str]) -> None:
    text = "\n".join(pages)
    zoe = text[text.index("Item 1 · MR10"):text.index("Item 2 · MR11")]
    for expected in ("Repeat not flagged: The MARAC case MR10", "MAPPA and child protection plans in the family",
                     "category 2, level 2", "Probation Service North", "Turning Point Recovery", "INC4",
                     "Previous MARAC referrals", "ACT-OLD", "overdue", "MARAC_CHILD_UNKNOWN_TO_CSC",
                     "Referral criteria on the referral date"):
        assert expected in zoe, expected
    assert "CP2" not in zoe and "ACT-3" not in zoe


def test_a_hostile_name_prints_as_plain_text(pages: list[str]) -> None:
    text = "\n".join(pages).replace("\n", " ")
    assert HOSTILE_GIVEN in text and "<b>Bold</b>" in text and "**star**" in text


def test_the_pdf_embeds_its_own_unicode_font_and_no_personal_data_in_its_metadata(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert any("DejaVu" in f for f in fonts)
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "2026-12-03" in metadata and "Zoë" not in metadata


def test_a_page_renders_to_an_image(pdf: bytes, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils) so the page cannot be rendered")
    (tmp_path / "pack.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(tmp_path / "pack.pdf"),
                    str(tmp_path / "page")], check=True, timeout=60)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 2
    for image in images:
        content = image.read_bytes()
        assert content.startswith(b"\x89PNG") and len(content) > 10_000  # a page with text, not a blank


@pytest.fixture(scope="module")
def workbook(pack: MeetingPack) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(pack_xlsx(pack)))


def test_every_sheet_of_the_workbook_is_marked_restricted(workbook: openpyxl.Workbook) -> None:
    expected = {"Agenda", "Invitations", "Linked plans", "Agencies", "Open actions", "Open gaps"}
    assert expected <= set(workbook.sheetnames)
    for sheet in workbook.worksheets:
        assert sheet["A1"].value == MARKING, sheet.title
        assert MARKING in sheet.oddHeader.left.text and MARKING in sheet.oddFooter.left.text, sheet.title


def test_the_workbook_holds_the_agenda_and_each_cases_research(workbook: openpyxl.Workbook) -> None:
    agenda = list(workbook["Agenda"].iter_rows(min_row=4, values_only=True))
    header = agenda[0]
    rows = [dict(zip(header, r, strict=True)) for r in agenda[1:]]
    assert [r["Case"] for r in rows] == ["MR10", "MR11", "MR12"]
    assert rows[0]["DASH"] == 16 and rows[0]["Repeat not flagged"] == "yes"
    linked = [r for r in workbook["Linked plans"].iter_rows(min_row=5, values_only=True)]
    assert {(r[1], r[2]) for r in linked} == {("MR10", "CP1"), ("MR10", "MA1")}


def test_a_hostile_name_is_text_in_the_workbook_not_a_formula(workbook: openpyxl.Workbook) -> None:
    victims = [c for c in workbook["Agenda"]["D"] if c.value and "HYPERLINK" in str(c.value)]
    assert victims and all(c.data_type == "s" and str(c.value).startswith("'=") for c in victims)
    formulas = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_characters_the_font_cannot_draw_are_replaced_and_never_logged(caplog: pytest.LogCaptureFixture,
                                                                       recwarn: pytest.WarningsRecorder) -> None:
    w = World()
    w.adult("V", given="李 😀", family="Ngô\u202eEvil")
    w.plan("MR1", "MARAC", "2026-11-02", members={"V": "victim"}, meeting_date=MEETING)
    with caplog.at_level(logging.DEBUG):
        pdf = pack_pdf(prepare_meeting(w.build(), MEETING, AS_OF))
    logged = caplog.text + " ".join(str(w.message) for w in recwarn)
    assert "李" not in logged and "Ngô" not in logged
    text = PdfReader(io.BytesIO(pdf)).pages[1].extract_text()
    assert "Victim \ufffd \ufffd Ngô Evil" in text  # the reordering mark is gone too
