"""Pseudonymising: keyed tokens, the deployment key, age bands, areas and months."""

from __future__ import annotations

import stat
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_model.deployment_secrets import DATA_DIR_ENV
from data_model.errors import UserError
from data_model.pseudonymise import (
    KEY_ENV,
    KEY_FILE,
    Pseudonymiser,
    age_bands,
    areas,
    gender_groups,
    load_key,
    months,
    postcode_district,
)

KEY = b"a deployment secret of enough length"
ids = st.from_regex(r"[A-Z]{1,3}-?[0-9]{1,7}", fullmatch=True)


@pytest.fixture(autouse=True)
def no_environment_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)


@given(ids)
def test_the_same_id_gives_the_same_token_in_every_export(person_id: str):
    assert Pseudonymiser(KEY).token("person", person_id) == Pseudonymiser(KEY).token("person", person_id)


@given(ids)
def test_a_token_does_not_contain_the_id(person_id: str):
    prefix, digest = Pseudonymiser(KEY).token("person", person_id).split("-", 1)
    assert prefix == "PER" and person_id not in digest


def test_another_key_gives_other_tokens():
    assert Pseudonymiser(KEY).token("person", "P1") != Pseudonymiser(KEY + b"!").token("person", "P1")


def test_a_person_and_a_plan_with_the_same_id_get_different_tokens():
    pseud = Pseudonymiser(KEY)
    assert pseud.token("person", "X1")[4:] != pseud.token("plan", "X1")[4:]


def test_tokens_of_a_column_keep_empty_values_empty():
    out = Pseudonymiser(KEY).tokens("household", pd.Series(["H1", None, "H1", ""], dtype=object))
    assert out[0] == out[2] and out[0].startswith("HH-")
    assert out[1] is None and out[3] is None


def test_the_key_file_is_made_on_first_use_readable_by_its_owner_only(tmp_path: Path):
    key = load_key(tmp_path / "var")
    path = tmp_path / "var" / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) >= 32
    assert load_key(tmp_path / "var") == key


def test_the_data_directory_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    load_key()
    assert (tmp_path / KEY_FILE).exists()


def test_a_key_in_the_environment_is_used_and_no_file_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(KEY_ENV, "x" * 40)
    assert load_key(tmp_path) == b"x" * 40
    assert not (tmp_path / KEY_FILE).exists()


def test_a_key_file_others_can_read_is_refused(tmp_path: Path):
    load_key(tmp_path)
    (tmp_path / KEY_FILE).chmod(0o644)
    with pytest.raises(UserError, match="can be read by other users"):
        load_key(tmp_path)


def test_a_short_key_in_the_environment_is_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(KEY_ENV, "short")
    with pytest.raises(UserError, match=KEY_ENV):
        load_key()


def bands(born: list[str | None], on: str) -> list[str]:
    return age_bands(pd.Series(born, dtype=object).astype("datetime64[s]"), on).tolist()


def test_age_bands_split_children_at_sixteen_and_adults_at_eighteen():
    born = ["2010-11-28", "2010-11-27", "2008-11-28", "2008-11-27", None]
    assert bands(born, "2026-11-27") == ["10-15", "16-17", "16-17", "18-24", "unknown"]


def test_someone_born_on_29_february_moves_band_on_1_march_in_a_common_year():
    assert bands(["2008-02-29"], "2026-02-28") == ["16-17"]
    assert bands(["2008-02-29"], "2026-03-01") == ["18-24"]


def test_a_postcode_becomes_its_district():
    assert areas(pd.Series(["NB1 2AB", "nb12 4ef", "SW1A 1AA", None])).tolist() == ["NB1", "NB12", "SW1A", "unknown"]


@given(st.text(max_size=12))
def test_anything_that_is_not_a_postcode_never_passes_through_whole(text: str):
    district = postcode_district(text)
    assert district == "unknown" or (len(district) <= 4 and district.isalnum() and district.isupper())


def test_event_dates_become_months():
    dates = pd.Series(["2026-03-14", None], dtype=object).astype("datetime64[s]")
    assert months(dates).tolist() == ["2026-03", ""]


@given(st.lists(st.text(max_size=20), max_size=5))
def test_free_text_gender_becomes_one_of_four_groups(values: list[str]):
    assert set(gender_groups(pd.Series(values, dtype=object))) <= {"female", "male", "other", "unknown"}
