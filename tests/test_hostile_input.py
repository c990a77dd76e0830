"""Hostile names and text are stored as they came, and shown as text in every page and export."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from data_model.cli import main
from data_model.export_safety import DANGEROUS_STARTS
from data_model.partnership import Partnership
from data_model.store import open_store
from data_model.tabular_export import csv_bytes, xlsx_bytes
from tests.hostile import HOSTILE, HOSTILE_IDS, MARKUP, MEETING, hostile_folder, stored

AS_OF = "2026-03-05"


def shown_as_text(text: str, page: str) -> bool:
    """Whether ``text`` is in the page escaped (pyvis writes ``&`` as ``\\u0026`` in its JSON)."""
    escaped = html.escape(text)
    return escaped in page or escaped.replace("&", "\\u0026") in page


def imported(db_url: str, tmp_path: Path) -> Partnership:
    folder = hostile_folder(tmp_path / "hostile")
    assert main(["import", str(folder), "--db", db_url, "--no-progress", "--quarantine", str(tmp_path / "q")]) == 0
    return open_store(db_url).load()


@pytest.fixture(scope="module")
def p(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    tmp = tmp_path_factory.mktemp("hostile")
    return imported(f"sqlite:///{tmp / 'h.db'}", tmp)


def test_hostile_names_are_stored_and_read_back_unchanged(db_url: str, tmp_path: Path) -> None:
    p = imported(db_url, tmp_path)
    people = p.people.set_index("person_id")
    for i, text in enumerate(HOSTILE):
        assert people.loc[f"P{i}", "given_name"] == stored(text)
    assert set(HOSTILE_IDS) <= set(people.index)
    assert sorted(p.households["address"]) == sorted(stored(t) for t in HOSTILE)
    assert sorted(p.concerns["summary"]) == sorted(stored(t) for t in HOSTILE)
    assert list(p.agencies["name"]) == [stored(HOSTILE[0]), stored(HOSTILE[1])]


def test_sql_in_a_name_is_data_not_a_command(db_url: str, tmp_path: Path) -> None:
    p = imported(db_url, tmp_path)
    assert open_store(db_url).counts()["people"] == len(HOSTILE) + len(HOSTILE_IDS) == len(p.people)
    assert "Robert'); DROP TABLE people;--" in set(p.people["given_name"])


def test_a_csv_export_neutralises_every_formula_cell(p: Partnership) -> None:
    for table in ("people", "households", "practitioners", "concerns", "actions"):
        rows = list(csv.reader(io.StringIO(csv_bytes(p[table]).decode("utf-8"))))
        assert not [cell for row in rows for cell in row if cell.startswith(DANGEROUS_STARTS)], table
    assert "'=cmd|' /C calc'!A0" in csv_bytes(p.people).decode()


def test_an_xlsx_export_holds_no_formula_and_no_cell_that_starts_one(p: Partnership) -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes({t: p[t] for t in ("people", "practitioners", "actions")})))
    values = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in values if c.data_type == "f"]
    assert not [c.value for c in values if isinstance(c.value, str) and c.value.startswith(DANGEROUS_STARTS)]


def test_the_network_page_shows_hostile_names_as_text(p: Partnership) -> None:
    network_view = pytest.importorskip("dashboard.network_view")
    from data_model.graph import neighbourhood

    graph = neighbourhood(p, "P0", 2, AS_OF)
    page, _ = network_view.network_html(graph, "person:P0", AS_OF)
    for markup in MARKUP:
        if "<" in markup:
            assert markup not in page, markup
    assert shown_as_text(stored(HOSTILE[0]), page)  # the name is there, as text
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert all(s in ("<script>", '<script type="text/javascript">') for s in scripts), scripts


def test_hostile_ids_never_become_graph_ids_in_the_page(p: Partnership) -> None:
    network_view = pytest.importorskip("dashboard.network_view")
    from data_model.graph import neighbourhood

    page, _ = network_view.network_html(neighbourhood(p, HOSTILE_IDS[0], 2, AS_OF), f"person:{HOSTILE_IDS[0]}", AS_OF)
    assert HOSTILE_IDS[0] not in page and shown_as_text(HOSTILE_IDS[0], page)


def test_the_marac_meeting_pack_pdf_draws_hostile_names_as_text(p: Partnership) -> None:
    pack_pdf = pytest.importorskip("data_model.marac.pack_pdf")
    from data_model.marac.pack import prepare_meeting

    pypdf = pytest.importorskip("pypdf")

    pack = prepare_meeting(p, MEETING, AS_OF)
    assert [c.plan_id for c in pack.cases] == [HOSTILE_IDS[0]]
    reader = pypdf.PdfReader(io.BytesIO(pack_pdf.pack_pdf(pack)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "<script>alert(1)</script>" in " ".join(text.split())  # drawn as the characters themselves


def test_a_nul_character_in_a_cell_is_rejected_with_a_reason(db_url: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "nul"
    folder.mkdir()
    (folder / "agencies.csv").write_text("agency_id,name,sector\nA1,Pol\x00ice,police\n", encoding="utf-8")
    (folder / "people.csv").write_text("person_id,given_name\nP1,An\x00n\nP2,Ben\n", encoding="utf-8")
    try:
        code = main(["import", str(folder), "--db", db_url, "--no-progress", "--quarantine", str(tmp_path / "q")])
    except Exception as exc:  # the point of the test
        pytest.fail(f"the import raised {type(exc).__name__} instead of explaining itself")
    assert code == 0
    assert set(open_store(db_url).load().people["person_id"]) == {"P2"}
    assert "people:2:given_name: given_name contains a NUL character" in capsys.readouterr().err
