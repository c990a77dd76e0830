"""``linkedrisk patterns`` and ``linkedrisk export`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data_model.cli import main
from data_model.pseudonymise import KEY_ENV
from tests.pattern_builders import AS_OF, risky_world


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(KEY_ENV, "k" * 40)
    return risky_world().write_csv(tmp_path / "data")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_patterns_prints_every_table_of_a_report_with_tokens_not_ids(data, capsys):
    code, out, _ = run(capsys, "patterns", "--data", str(data), "--as-of", AS_OF, "--report", "repeat_perpetrators")
    assert code == 0
    assert "repeat_perpetrators_summary:" in out and "repeat_perpetrators:" in out
    assert "PER-" in out and "PERSON-ALARIC" not in out


def test_patterns_as_json_suppresses_small_counts(data, capsys):
    code, out, _ = run(capsys, "patterns", "--data", str(data), "--as-of", AS_OF, "--report", "plan_overlap",
                       "--format", "json")
    tables = json.loads(out)
    assert code == 0 and set(tables) == {"plan_overlap_summary", "plan_overlap_households", "plan_overlap_networks"}
    assert {row["count"] for row in tables["plan_overlap_summary"]} == {0, "[c]"}


def test_identifiable_patterns_show_raw_ids_and_every_count(data, capsys):
    code, out, _ = run(capsys, "patterns", "--data", str(data), "--as-of", AS_OF, "--table", "repeat_perpetrators",
                       "--format", "csv", "--identifiable")
    assert code == 0
    assert out.splitlines()[1].startswith("PERSON-ALARIC,3,1,2,2026-01-09,2026-05-20")


def test_csv_output_asks_for_one_table(data, capsys):
    code, _, err = run(capsys, "patterns", "--data", str(data), "--format", "csv")
    assert code == 2 and "--table" in err


def test_an_unknown_report_is_named_with_the_choices(data, capsys):
    code, _, err = run(capsys, "patterns", "--data", str(data), "--report", "nope")
    assert code == 2 and "clusters" in err


def test_export_writes_the_chosen_formats_and_a_manifest(data, capsys, tmp_path):
    out_dir = tmp_path / "export"
    code, out, _ = run(capsys, "export", "--data", str(data), "--as-of", AS_OF, "--out", str(out_dir),
                       "--format", "csv", "graphml", "--threshold", "3", "--gap-points", "2")
    assert code == 0 and "manifest.json" in out
    manifest = json.loads((out_dir / "manifest.json").read_text())
    assert manifest["filters"]["threshold"] == 3 and manifest["filters"]["gap_points"] == 2
    assert (out_dir / "linked_risk.graphml").exists() and (out_dir / "csv" / "clusters.csv").exists()
    assert not (out_dir / "patterns.xlsx").exists()


def test_a_negative_option_is_refused(data, capsys, tmp_path):
    code, _, err = run(capsys, "export", "--data", str(data), "--out", str(tmp_path / "x"), "--gap-points", "0")
    assert code == 2 and "--gap-points" in err


def test_patterns_read_a_database_too(tmp_path, capsys, monkeypatch):
    from tests.dashboard_world import import_world

    monkeypatch.setenv(KEY_ENV, "k" * 40)
    url = f"sqlite:///{tmp_path / 'risky.db'}"
    import_world(risky_world(), url)
    code, out, _ = run(capsys, "patterns", "--db", url, "--as-of", AS_OF, "--table", "clusters", "--format", "json")
    assert code == 0 and [row["people"] for row in json.loads(out)["clusters"]] == [5, 2]
