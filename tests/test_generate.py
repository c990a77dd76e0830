"""``linkedrisk generate``: a synthetic borough that passes the contract, matches national rates,
is the same for the same seed, and holds the imperfections the gap rules exist to find."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data_model.cli import main
from data_model.contract import validate
from data_model.findings import Code
from data_model.generate import generate, rates
from data_model.generate.identity import nhs_check_digit
from data_model.generate.marac_meetings import cadence, cases_per_meeting, meeting_dates
from data_model.partnership import Partnership, load_folder
from data_model.records import ADULT_PURPOSES
from data_model.schema import TABLES
from data_model.sources import read_source
from tests.conftest import SAMPLE

AS_OF = "2026-11-27"
D = pd.Timestamp(AS_OF)
#: The committed sample's command line (sample_data/README.md and the Makefile say the same).
SAMPLE_ARGS = ["--people", "2000", "--seed", "7", "--as-of", AS_OF, "--case-density", "65", "--history-months", "15"]


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small, case-dense borough: like the sample, smaller."""
    folder = tmp_path_factory.mktemp("dense")
    generate(1500, seed=11, as_of=AS_OF, out_dir=folder, density=60, history_months=15)
    return folder


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    """Twenty thousand people at national rates over three years."""
    folder = tmp_path_factory.mktemp("national")
    generate(20_000, seed=3, as_of=AS_OF, out_dir=folder)
    return load_folder(str(folder))[0]


@pytest.fixture(scope="module")
def sample() -> Partnership:
    if not (SAMPLE / "people.csv").exists():
        pytest.skip("no sample_data folder: `make sample` writes it")
    return load_folder(str(SAMPLE))[0]


def ages(p: Partnership, on: pd.Timestamp = D) -> pd.Series:
    return ((on - p.people["date_of_birth"]).dt.days / 365.25).set_axis(p.people["person_id"])


def active(plans: pd.DataFrame, on: pd.Timestamp = D) -> pd.DataFrame:
    return plans[(plans["start_date"] <= on) & (plans["end_date"].isna() | (plans["end_date"] >= on))]


# --- the contract -------------------------------------------------------------------------------

def test_every_generated_row_passes_the_contract(dense: Path) -> None:
    validated = validate(read_source(dense))
    assert [str(r) for r in validated.rejections] == []
    assert all(len(validated.tables[t.name]) for t in TABLES)


def test_each_file_has_the_contracts_columns_in_order(dense: Path) -> None:
    for table in TABLES:
        with (dense / f"{table.name}.csv").open(encoding="utf-8") as handle:
            assert tuple(next(csv.reader(handle))) == table.column_names


def test_a_tiny_borough_still_passes_the_contract(tmp_path: Path) -> None:
    for people in (1, 7, 40):
        generate(people, seed=people, as_of=AS_OF, out_dir=tmp_path / str(people))
        assert validate(read_source(tmp_path / str(people))).rejections == []


# --- determinism --------------------------------------------------------------------------------

def _files(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.glob("*.csv"))}


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    generate(600, seed=5, as_of=AS_OF, out_dir=tmp_path / "a", density=10)
    generate(600, seed=5, as_of=AS_OF, out_dir=tmp_path / "b", density=10)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_another_seed_makes_another_borough(tmp_path: Path) -> None:
    generate(600, seed=5, as_of=AS_OF, out_dir=tmp_path / "a")
    generate(600, seed=6, as_of=AS_OF, out_dir=tmp_path / "b")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first["people.csv"] != second["people.csv"]
    assert first["agencies.csv"] == second["agencies.csv"]


def test_the_command_writes_a_dataset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["generate", "--people", "80", "--seed", "2", "--as-of", AS_OF, "--out", str(tmp_path),
                 "--no-progress"])
    assert code == 0
    assert (tmp_path / "people.csv").read_text(encoding="utf-8").count("\n") == 81
    assert "80 people" in capsys.readouterr().err


def test_the_command_and_the_generator_default_to_the_same_history() -> None:
    from data_model.commands import generating
    from data_model.generate import DEFAULT_HISTORY_MONTHS

    assert generating.DEFAULT_HISTORY_MONTHS == DEFAULT_HISTORY_MONTHS


def test_the_command_refuses_a_density_of_zero(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["generate", "--people", "10", "--out", str(tmp_path), "--case-density", "0"])


# --- the borough's people -------------------------------------------------------------------------

def test_households_hold_one_to_six_people(national: Partnership) -> None:
    sizes = national.people["household_id"].dropna().value_counts()
    assert sizes.min() == 1 and sizes.max() <= 6
    assert 2.1 < sizes.mean() < 2.6


def test_ages_are_shaped_like_englands(national: Partnership) -> None:
    age = ages(national).dropna()
    assert 0.18 < (age < 18).mean() < 0.26
    assert 0.14 < (age >= 65).mean() < 0.24


def test_children_live_with_a_parent(national: Partnership) -> None:
    rel = national.relationships
    parents = rel[rel["relationship"].isin(["parent", "step_parent"])]["related_person_id"]
    age = ages(national)
    housed_children = national.people[(age < 18).to_numpy() & national.people["household_id"].notna().to_numpy()]
    assert housed_children["person_id"].isin(parents).mean() > 0.97


def test_nhs_numbers_are_valid_and_from_the_test_range(national: Partnership) -> None:
    numbers = national.people["nhs_number"]
    numbers = numbers[numbers != ""]
    assert numbers.str.fullmatch(r"999\d{7}").all()
    digits = numbers.astype(np.int64).to_numpy()
    assert (nhs_check_digit(digits // 10) == digits % 10).all()
    assert numbers.is_unique


def test_some_dates_of_birth_are_unknown(national: Partnership) -> None:
    assert 0 < national.people["date_of_birth"].isna().sum() < 0.02 * len(national.people)


# --- calibration --------------------------------------------------------------------------------

def test_children_on_a_plan_match_the_national_rate(national: Partnership) -> None:
    children = (ages(national) < 18).sum()
    cp = active(national.plans[national.plans["plan_type"] == "CP_PLAN"])
    assert 35 <= len(cp) / children * 10_000 <= 50


def test_marac_cases_per_adult_woman_match_the_national_rate(national: Partnership) -> None:
    women = ((ages(national) >= 18).to_numpy() & (national.people["gender"] == "Female").to_numpy()).sum()
    plans = national.plans
    year = plans[(plans["plan_type"] == "MARAC") & (plans["start_date"] > D - pd.Timedelta(days=365))
                 & (plans["start_date"] <= D)]
    assert 35 <= len(year) / women * 10_000 <= 60


def test_three_quarters_of_mappa_cases_are_category_one(national: Partnership) -> None:
    mappa = active(national.plans[national.plans["plan_type"] == "MAPPA"])
    assert 13 <= len(mappa) / len(national.people) * 10_000 <= 18
    assert 0.7 <= (mappa["mappa_category"] == "1").mean() <= 0.8
    assert (mappa["mappa_level"] == "1").mean() > 0.9


def test_the_child_shares_of_marac_cases_average_one_and_a_quarter() -> None:
    shares = np.array(rates.MARAC_CHILDREN_PER_CASE_SHARES)
    assert shares.sum() == pytest.approx(1.0)
    assert (shares * np.arange(len(shares))).sum() == pytest.approx(1.24, abs=0.01)


def test_about_a_third_of_marac_cases_are_repeats(national: Partnership) -> None:
    marac = national.plans[national.plans["plan_type"] == "MARAC"]
    victims = national.plan_members[national.plan_members["role"] == "victim"].merge(marac, on="plan_id")
    victims = victims.sort_values("start_date")
    earlier = victims.groupby("person_id")["start_date"].shift()
    in_data = (victims["start_date"] - earlier).dt.days <= 365
    assert 0.2 <= (in_data | victims["is_repeat"]).mean() <= 0.4


# --- MARAC meetings -------------------------------------------------------------------------------

def test_a_big_marac_meets_more_often_to_keep_agendas_short() -> None:
    assert cadence(200) == (28, 1)
    assert cadence(600) == (14, 1)
    interval, per_week = cadence(4000)
    assert interval == 7 and 4000 * 7 / 365 / per_week <= 30


def test_the_next_meeting_is_within_a_week_of_the_as_of_date() -> None:
    dates, _ = meeting_dates(250, np.datetime64(AS_OF), np.datetime64("2026-01-01"))
    assert np.datetime64(AS_OF) < dates[-1] <= np.datetime64(AS_OF) + 7


def test_agendas_stay_within_a_fifth_of_the_usual_load() -> None:
    counts = cases_per_meeting(np.random.default_rng(1), 20.0, 500)
    assert counts.min() >= 16 and counts.max() <= 24
    assert counts.sum() == pytest.approx(20 * 500, rel=0.02)


# --- the committed sample -------------------------------------------------------------------------

def test_the_committed_sample_is_what_its_documented_command_writes(tmp_path: Path) -> None:
    if not (SAMPLE / "people.csv").exists():
        pytest.skip("no sample_data folder: `make sample` writes it")
    assert main(["generate", *SAMPLE_ARGS, "--out", str(tmp_path), "--no-progress"]) == 0
    assert _files(tmp_path) == _files(SAMPLE), "sample_data is stale: run `make sample`"
    command = " ".join(SAMPLE_ARGS)
    assert command in (SAMPLE.parent / "Makefile").read_text(encoding="utf-8")
    assert command in (SAMPLE / "README.md").read_text(encoding="utf-8")


def test_every_sample_marac_meeting_hears_15_to_30_cases(sample: Partnership) -> None:
    marac = sample.plans[sample.plans["plan_type"] == "MARAC"]
    per_meeting = marac.groupby("meeting_date").size()
    assert per_meeting.between(15, 30).all()
    assert (per_meeting.index > D).sum() == 1  # the next meeting, to prepare


def test_sample_visible_high_risk_cases_score_14_or_more(sample: Partnership) -> None:
    plans = sample.plans
    assert (plans.loc[plans["referral_criterion"] == "visible_high_risk", "dash_score"] >= 14).all()


def test_sample_holds_every_imperfection_a_rule_looks_for(sample: Partnership) -> None:
    from data_model.rules import find_gaps

    found = Counter(g.code for g in find_gaps(sample, AS_OF))
    assert set(found) == set(Code)


def test_sample_has_significant_harm_referrals_in_time_the_next_day(sample: Partnership) -> None:
    concerns = sample.concerns[sample.concerns["significant_harm_suspected"]]
    referrals = sample.referrals[sample.referrals["to"] == "first_response"]
    pairs = concerns.merge(referrals, on="person_id", suffixes=("", "_referral"))
    lag = (pairs["date_referral"] - pairs["date"]).dt.days
    assert (lag == 1).any()


def test_sample_has_not_sought_consents_with_no_reason(sample: Partnership) -> None:
    c = sample.consents
    assert ((c["decision"] == "not_sought") & (c["reason_not_sought"].str.strip() == "")).any()
    assert ((c["decision"] == "not_sought") & (c["reason_not_sought"] == "increased_risk_to_child")).any()


def test_sample_adult_sharing_usually_names_a_purpose(sample: Partnership) -> None:
    s = sample.sharing_events.merge(sample.people[["person_id", "date_of_birth"]], on="person_id")
    adult = s[((s["date"] - s["date_of_birth"]).dt.days / 365.25) >= 18.5]
    named = adult["purposes"].map(lambda p: bool(set(p.split(";")) & {x.value for x in ADULT_PURPOSES}))
    assert 0.9 < named.mean() < 1.0


def test_sample_practitioners_have_caseloads(sample: Partnership) -> None:
    caseload = sample.involvements.groupby("practitioner_id").size()
    assert caseload.median() >= 10
    assert sample.practitioners["practitioner_id"].isin(caseload.index).mean() > 0.8


def test_sample_plans_name_the_agencies_in_them(sample: Partnership) -> None:
    roles = set(sample.plan_agencies["role"])
    assert roles == {"lead", "core_group", "attendee", "duty_to_cooperate", "informed"}
    assert sample.sharing_events["plan_id"].notna().any()
