"""MARAC patterns: perpetrators with several victims, and the repeat rate against the national one."""

from __future__ import annotations

import pandas as pd

from data_model.patterns.marac import (
    NATIONAL_REPEAT_RATE,
    THROUGH_INCIDENTS,
    perpetrators_with_several_victims,
    repeat_marac_rate,
    victim_count_summary,
)
from tests.builders import AS_OF, World


def perpetrators(w: World, as_of: str = AS_OF) -> dict[str, tuple[int, int, int]]:
    found = perpetrators_with_several_victims(w.build(), as_of)
    counts = found[["victims", "victims_only_in_incidents", "marac_cases"]].astype(int).values.tolist()
    return {str(pid): (a, b, c) for pid, (a, b, c) in zip(found["perpetrator_id"], counts, strict=True)}


def two_victims(w: World) -> None:
    for pid in ("ABUSER", "ANN", "BEA"):
        w.adult(pid)
    w.plan("MR1", "MARAC", "2025-02-01", {"ANN": "victim", "ABUSER": "perpetrator"}, end="2025-04-01")
    w.plan("MR2", "MARAC", "2026-06-01", {"BEA": "victim", "ABUSER": "perpetrator"})


def test_a_perpetrator_in_two_victims_marac_cases_is_listed_with_both():
    w = World()
    two_victims(w)
    assert perpetrators(w) == {"ABUSER": (2, 0, 2)}


def test_the_first_and_latest_case_dates_span_the_perpetrators_history():
    w = World()
    two_victims(w)
    row = perpetrators_with_several_victims(w.build(), AS_OF).iloc[0]
    assert (row["first_case"], row["latest_case"]) == (pd.Timestamp("2025-02-01"), pd.Timestamp("2026-06-01"))


def test_a_perpetrator_with_one_victim_in_two_cases_is_not_listed():
    w = World()
    w.adult("ABUSER"), w.adult("ANN")
    w.plan("MR1", "MARAC", "2025-02-01", {"ANN": "victim", "ABUSER": "perpetrator"})
    w.plan("MR2", "MARAC", "2026-02-01", {"ANN": "victim", "ABUSER": "perpetrator"})
    assert perpetrators(w) == {}


def test_a_police_incident_against_another_marac_victim_links_the_perpetrator_to_her():
    w = World()
    for pid in ("ABUSER", "ANN", "BEA", "OTHER"):
        w.adult(pid)
    w.plan("MR1", "MARAC", "2026-02-01", {"ANN": "victim", "ABUSER": "perpetrator"})
    w.plan("MR2", "MARAC", "2026-03-01", {"BEA": "victim", "OTHER": "perpetrator"})
    w.incident("BEA", "2026-05-05", perpetrator="ABUSER")
    assert perpetrators(w)["ABUSER"] == (2, 1, 1)


def test_an_incident_against_someone_never_heard_at_marac_does_not_count():
    w = World()
    for pid in ("ABUSER", "ANN", "CAT"):
        w.adult(pid)
    w.plan("MR1", "MARAC", "2026-02-01", {"ANN": "victim", "ABUSER": "perpetrator"})
    w.incident("CAT", "2026-05-05", perpetrator="ABUSER")
    assert perpetrators(w) == {}


def test_a_case_starting_after_the_as_of_date_is_not_seen():
    w = World()
    two_victims(w)
    assert perpetrators(w, as_of="2026-05-31") == {}


def test_the_summary_counts_perpetrators_found_only_through_incidents_apart():
    w = World()
    for pid in ("ABUSER", "ANN", "BEA", "OTHER"):
        w.adult(pid)
    w.plan("MR1", "MARAC", "2026-02-01", {"ANN": "victim", "ABUSER": "perpetrator"})
    w.plan("MR2", "MARAC", "2026-03-01", {"BEA": "victim", "OTHER": "perpetrator"})
    w.incident("BEA", "2026-05-05", perpetrator="ABUSER")
    summary = victim_count_summary(perpetrators_with_several_victims(w.build(), AS_OF))
    hits = summary[summary["perpetrators"] > 0]
    assert hits[["victims", "found", "perpetrators"]].values.tolist() == [["2", THROUGH_INCIDENTS, 1]]
    assert len(summary) == 8


def marac(w: World, plan_id: str, victim: str, start: str, **extra: str) -> None:
    if victim not in {r["person_id"] for r in w.rows["people"]}:
        w.adult(victim)
    w.plan(plan_id, "MARAC", start, {victim: "victim"}, **extra)


def latest(w: World, as_of: str = AS_OF) -> dict[str, object]:
    return {str(k): v for k, v in repeat_marac_rate(w.build(), as_of, points=1).iloc[-1].items()}


def test_a_victims_second_case_within_a_year_is_an_unflagged_repeat():
    w = World()
    marac(w, "MR1", "ANN", "2026-01-10")
    marac(w, "MR2", "ANN", "2026-07-01")
    row = latest(w)
    assert (row["cases"], row["repeats"], row["unflagged_repeats"]) == (2, 1, 1)
    assert row["rate"] == 0.5


def test_a_case_more_than_365_days_after_the_last_is_not_a_repeat():
    w = World()
    marac(w, "MR1", "ANN", "2025-01-01")
    marac(w, "MR2", "ANN", "2026-01-02")
    assert latest(w)["repeats"] == 0


def test_a_case_exactly_365_days_after_the_last_is_a_repeat():
    w = World()
    marac(w, "MR1", "ANN", "2025-01-02")
    marac(w, "MR2", "ANN", "2026-01-02")
    assert latest(w)["repeats"] == 1


def test_a_case_the_referrer_flagged_counts_as_a_repeat_but_not_as_unflagged():
    w = World()
    marac(w, "MR1", "ANN", "2026-03-01", is_repeat="true")
    marac(w, "MR2", "BEA", "2026-04-01", referral_criterion="repeat")
    row = latest(w)
    assert (row["repeats"], row["unflagged_repeats"]) == (2, 0)


def test_only_cases_starting_in_the_12_months_to_each_date_are_counted():
    w = World()
    marac(w, "MR1", "ANN", "2025-06-01")
    marac(w, "MR2", "BEA", "2026-06-01")
    trend = repeat_marac_rate(w.build(), AS_OF, points=2)
    assert trend["period_end"].dt.strftime("%Y-%m-%d").tolist() == ["2026-10-31", AS_OF]
    assert trend["cases"].tolist() == [1, 1]


def test_the_national_rate_is_beside_every_date_and_the_rate_is_empty_without_cases():
    trend = repeat_marac_rate(World().build(), AS_OF, points=3)
    assert trend["national_rate"].tolist() == [NATIONAL_REPEAT_RATE] * 3
    assert trend["rate"].isna().all()
