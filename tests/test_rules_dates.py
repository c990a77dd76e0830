"""The date definitions of rules.md: ages, the 365-day window, "active", three months back."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from data_model.rules.dates import active_on, adult_on, age_on, child_on, in_window, months_before


def ts(day: str) -> pd.Timestamp:
    return pd.Timestamp(day)


def series(*days: str | None) -> pd.Series:
    return pd.Series(pd.to_datetime(pd.Series(list(days), dtype=object))).astype("datetime64[s]")


def test_someone_born_on_29_february_turns_older_on_1_march_in_a_non_leap_year():
    born = series("2008-02-29", "2008-02-29")
    assert age_on(born, series("2026-02-28", "2026-03-01")).tolist() == [17, 18]


def test_someone_born_on_29_february_turns_older_on_the_day_in_a_leap_year():
    assert age_on(series("2008-02-29"), ts("2028-02-29")).tolist() == [20]


def test_a_child_who_just_turned_18_is_an_adult():
    born = series("2008-11-27")
    assert not child_on(born, ts("2026-11-27"))[0]
    assert adult_on(born, ts("2026-11-27"))[0]


def test_the_day_before_their_18th_birthday_they_are_a_child():
    assert child_on(series("2008-11-28"), ts("2026-11-27"))[0]


def test_an_unknown_date_of_birth_is_neither_child_nor_adult():
    born = series(None)
    assert not child_on(born, ts("2026-11-27"))[0]
    assert not adult_on(born, ts("2026-11-27"))[0]
    assert age_on(born, ts("2026-11-27")).isna().all()


def test_the_window_of_365_days_includes_both_ends():
    d = series("2025-11-26", "2025-11-27", "2026-11-27", "2026-11-28")
    assert in_window(d, ts("2026-11-27")).tolist() == [False, True, True, False]


def test_active_means_started_by_the_day_and_not_ended_before_it():
    start = series("2026-11-27", "2026-11-28", None, None)
    end = series(None, None, "2026-11-27", "2026-11-26")
    assert active_on(start, end, ts("2026-11-27")).tolist() == [True, False, True, False]


def test_three_months_before_31_may_is_the_end_of_february():
    assert months_before(ts("2026-05-31"), 3) == ts("2026-02-28")
    assert months_before(ts("2028-05-31"), 3) == ts("2028-02-29")
    assert months_before(ts("2026-11-27"), 3) == ts("2026-08-27")


@given(st.dates(dt.date(1920, 1, 1), dt.date(2030, 12, 31)), st.dates(dt.date(1920, 1, 1), dt.date(2030, 12, 31)))
def test_age_is_whole_years_as_people_count_them(born: dt.date, on: dt.date):
    expected = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    assert age_on(series(born.isoformat()), ts(on.isoformat())).tolist() == [expected]
