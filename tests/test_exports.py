"""Analyst exports: no personal data in any cell of any format, suppression, graphs that round-trip,
and a manifest that accounts for every file."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from data_model.errors import UserError
from data_model.exports import FORMATS, MANIFEST, export_files, zip_bytes
from data_model.exports.analyst import analyst_tables, data_dictionary
from data_model.partnership import load_folder
from data_model.patterns.active import period_ends
from data_model.patterns.catalogue import REPORTS, TABLES_BY_NAME
from data_model.patterns.inputs import PatternInputs, PatternOptions
from data_model.pseudonymise import Pseudonymiser
from tests.conftest import SAMPLE
from tests.pattern_builders import AS_OF, WORD, leaks, risky_partnership, risky_world, sensitive_values

KEY = b"a deployment secret for the tests, long enough"


@pytest.fixture(scope="module")
def partnership():
    return risky_partnership()


@pytest.fixture(scope="module")
def files(partnership) -> dict[str, bytes]:
    return export_files(PatternInputs(partnership, AS_OF), FORMATS, Pseudonymiser(KEY))


def csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8"))) for cell in row]


def xlsx_cells(data: bytes) -> list[object]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    cells = [book.sheetnames]
    for sheet in book.worksheets:
        cells += [v for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    return cells


def parquet_cells(data: bytes) -> list[object]:
    table = pq.read_table(io.BytesIO(data))
    return list(table.column_names) + [v for col in table.columns for v in col.to_pylist() if v is not None]


def graph_cells(G: nx.Graph) -> list[object]:
    cells: list[object] = list(G.graph.values())
    for n, data in G.nodes(data=True):
        cells += [n, *data.values()]
    for a, b, data in G.edges(data=True):
        cells += [a, b, *data.values()]
    return cells


def every_cell(name: str, data: bytes) -> list[object]:
    if name.endswith(".csv"):
        return list(csv_cells(data))
    if name.endswith(".xlsx"):
        return xlsx_cells(data)
    if name.endswith(".parquet"):
        return parquet_cells(data)
    if name.endswith(".graphml"):
        return [*graph_cells(nx.read_graphml(io.BytesIO(data))), data.decode("utf-8")]
    if name.endswith(".gexf"):
        return [*graph_cells(nx.read_gexf(io.BytesIO(data))), data.decode("utf-8")]
    return [json.dumps(json.loads(data))]


def test_the_export_has_every_format_and_a_manifest(files):
    suffixes = {name.rsplit(".", 1)[1] for name in files}
    assert suffixes == {"csv", "xlsx", "parquet", "graphml", "gexf", "json"}
    assert MANIFEST in files


def test_no_cell_of_any_file_holds_a_name_birth_date_address_postcode_nhs_number_or_raw_id(files, partnership):
    sensitive = sensitive_values(partnership)
    assert {"Alaric", "1979-04-17", "14 Quarry Lane, Northbrook", "NB3 7QX", "4857773456", "PERSON-ALARIC",
            "HOUSE-ASH", "MAPPA-7001", "PRACT-HOLLIS", "CONCERN-41"} <= sensitive
    for name, data in files.items():
        assert leaks(every_cell(name, data), sensitive) == [], name


def test_the_scan_would_catch_a_leak(partnership):
    assert leaks(["PERSON-ALARIC", "14 quarry lane, northbrook x", "Met Alaric"], sensitive_values(partnership))


def test_every_report_table_is_in_every_tabular_format(files):
    for table in TABLES_BY_NAME:
        assert f"csv/{table}.csv" in files and f"parquet/{table}.parquet" in files


def test_the_workbook_opens_on_the_data_dictionary_then_a_sheet_per_table(files):
    book = load_workbook(io.BytesIO(files["patterns.xlsx"]), read_only=True)
    assert book.sheetnames == ["data_dictionary", *TABLES_BY_NAME]
    dictionary = pd.read_excel(io.BytesIO(files["patterns.xlsx"]), sheet_name="data_dictionary")
    described = set(zip(dictionary["table"], dictionary["column"], strict=True))
    assert described == {(t.name, c.name) for t in TABLES_BY_NAME.values() for c in t.columns}


def test_the_manifest_gives_the_size_and_sha256_of_every_other_file(files):
    manifest = json.loads(files[MANIFEST])
    listed = {e["path"]: e for e in manifest["files"]}
    assert set(listed) == set(files) - {MANIFEST}
    for path, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(files[path]).hexdigest()
        assert entry["bytes"] == len(files[path])


def test_the_manifest_records_the_as_of_date_filters_and_row_counts(files):
    manifest = json.loads(files[MANIFEST])
    assert manifest["as_of"] == AS_OF
    assert manifest["filters"]["threshold"] == 5
    assert manifest["filters"]["reports"] == [r.name for r in REPORTS]
    rows = pd.read_csv(io.BytesIO(files["csv/repeat_marac_rate.csv"]))
    assert manifest["row_counts"]["repeat_marac_rate"] == len(rows)


def test_the_same_data_exports_the_same_bytes(partnership, files):
    again = export_files(PatternInputs(partnership, AS_OF), ["csv", "xlsx", "parquet", "graphml"], Pseudonymiser(KEY))
    for name in ("csv/clusters.csv", "patterns.xlsx", "parquet/clusters.parquet", "linked_risk.graphml"):
        assert again[name] == files[name]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_graph_round_trips_through_networkx(partnership, fmt):
    from data_model.exports.graph_files import analyst_graph

    G = analyst_graph(PatternInputs(partnership, AS_OF), Pseudonymiser(KEY))
    data = export_files(PatternInputs(partnership, AS_OF), [fmt], Pseudonymiser(KEY))[f"linked_risk.{fmt}"]
    read = nx.read_graphml(io.BytesIO(data)) if fmt == "graphml" else nx.read_gexf(io.BytesIO(data))
    assert set(read.nodes) == set(G.nodes)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in G.edges}
    for node, attrs in G.nodes(data=True):
        assert {k: read.nodes[node][k] for k in attrs} == attrs


def test_the_graph_gives_people_age_bands_areas_and_their_cluster(partnership):
    data = export_files(PatternInputs(partnership, AS_OF), ["graphml"], Pseudonymiser(KEY))["linked_risk.graphml"]
    G = nx.read_graphml(io.BytesIO(data))
    people = [d for _, d in G.nodes(data=True) if d["kind"] == "person"]
    assert {d["area"] for d in people} == {"NB3", "NB5", "NB8"}
    assert "10-15" in {d["age_band"] for d in people}
    assert len({d["cluster"] for d in people}) == 2


def test_tokens_link_two_exports_made_with_the_same_key(partnership):
    def perpetrators(as_of: str, key: bytes) -> list[str]:
        table = analyst_tables(PatternInputs(partnership, as_of), Pseudonymiser(key), ["repeat_perpetrators"])[1]
        return table.frame["perpetrator"].tolist()

    assert perpetrators(AS_OF, KEY) == perpetrators("2026-10-31", KEY)
    assert perpetrators(AS_OF, KEY) != perpetrators(AS_OF, KEY + b"2")


def test_no_aggregate_table_shows_a_count_below_the_threshold(partnership):
    for threshold in (3, 5, 10):
        inputs = PatternInputs(partnership, AS_OF, PatternOptions(threshold=threshold))
        for table in analyst_tables(inputs, Pseudonymiser(KEY)):
            if not TABLES_BY_NAME[table.name].aggregate:
                continue
            for column in table.hidden:
                if column == "rate":
                    continue
                shown = pd.to_numeric(table.frame[column]).dropna()
                assert not ((shown > 0) & (shown < threshold)).any(), (table.name, column)


def test_a_suppressed_count_reads_c_in_csv_and_xlsx_and_null_in_parquet(files):
    rows = list(csv.DictReader(io.StringIO(files["csv/plan_overlap_summary.csv"].decode())))
    assert {r["count"] for r in rows} == {"0", "[c]"}
    sheet = pd.read_excel(io.BytesIO(files["patterns.xlsx"]), sheet_name="plan_overlap_summary")
    assert "[c]" in set(sheet["count"].astype(str))
    parquet = pq.read_table(io.BytesIO(files["parquet/plan_overlap_summary.parquet"])).to_pandas()
    assert parquet["count"].isna().sum() == sum(r["count"] == "[c]" for r in rows)


def test_event_dates_are_exported_as_months(files):
    rows = list(csv.DictReader(io.StringIO(files["csv/repeat_perpetrators.csv"].decode())))
    assert [(r["first_case"], r["latest_case"]) for r in rows] == [("2026-01", "2026-05")]


def test_an_agency_name_that_a_spreadsheet_would_run_is_neutralised():
    w = risky_world()
    w.agency("EVIL", "other", '=HYPERLINK("http://x","y")')
    w.share("PERSON-ALARIC", "2026-06-01", sender="PRB", receiver="EVIL", purposes="access_support")
    files = export_files(PatternInputs(w.build(), AS_OF), ["csv", "xlsx"], Pseudonymiser(KEY))
    assert all(not c.startswith("=") for c in csv_cells(files["csv/sharing_matrix.csv"]))
    assert all(not str(c).startswith("=") for c in xlsx_cells(files["patterns.xlsx"]))


def test_choosing_reports_exports_only_their_tables(partnership):
    files = export_files(PatternInputs(partnership, AS_OF), ["csv"], Pseudonymiser(KEY), ["clusters"])
    assert sorted(files) == ["csv/clusters.csv", "csv/clusters_summary.csv", "csv/data_dictionary.csv", MANIFEST]


def test_an_unknown_format_or_report_is_a_sentence_to_fix(partnership):
    with pytest.raises(UserError, match="export format"):
        export_files(PatternInputs(partnership, AS_OF), ["pdf"], Pseudonymiser(KEY))
    with pytest.raises(UserError, match="pattern report"):
        export_files(PatternInputs(partnership, AS_OF), ["csv"], Pseudonymiser(KEY), ["nope"])


def test_the_zip_holds_every_file(files):
    with zipfile.ZipFile(io.BytesIO(zip_bytes(files))) as archive:
        assert sorted(archive.namelist()) == sorted(files)


def test_an_aggregates_only_export_leaves_out_record_level_tables(partnership):
    files = export_files(PatternInputs(partnership, AS_OF), ["csv"], Pseudonymiser(KEY), aggregates_only=True)
    tables = {name.removeprefix("csv/").removesuffix(".csv") for name in files if name.endswith(".csv")}
    assert tables == {"data_dictionary"} | {t.name for t in TABLES_BY_NAME.values() if t.aggregate}
    assert json.loads(files[MANIFEST])["filters"]["aggregates_only"] is True


def test_an_aggregates_only_export_refuses_the_graph(partnership):
    with pytest.raises(UserError, match="graphml"):
        export_files(PatternInputs(partnership, AS_OF), ["graphml"], Pseudonymiser(KEY), aggregates_only=True)


def test_an_export_of_the_sample_data_gives_nothing_away():
    if not (SAMPLE / "people.csv").exists():
        pytest.skip("no sample_data folder: `make sample` writes it")
    p, _ = load_folder(str(SAMPLE))
    as_of = max(p.plans["start_date"].max(), p.sharing_events["date"].max()).date().isoformat()
    files = export_files(PatternInputs(p, as_of), FORMATS, Pseudonymiser(KEY))
    # Words that are ours, not anyone's (a family called Day meets "the last day" in the dictionary),
    # and the reporting dates (someone may be born on a month end): neither comes from a person.
    ours = {w.lower() for text in [*data_dictionary()["description"], *p.agencies["name"]] for w in WORD.findall(text)}
    reporting = {d.date().isoformat() for d in period_ends(as_of, 12)}
    sensitive = {s for s in sensitive_values(p) if s.lower() not in ours and s not in reporting}
    for name, data in files.items():
        assert leaks(every_cell(name, data), sensitive) == [], name
