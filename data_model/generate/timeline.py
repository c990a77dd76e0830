"""Dates for the generator: numpy ``datetime64[D]`` arrays, whole-year ages, ISO text.

Missing dates are ``NaT``. Working in whole days keeps every draw vectorised and exact.

Examples
--------
>>> born = np.array(["2008-02-29", "2010-06-01", "NaT"], dtype="datetime64[D]")
>>> age_years(born, np.datetime64("2026-03-01")).tolist()
[18, 15, -1]
>>> iso(born).tolist()
['2008-02-29', '2010-06-01', '']
"""

from __future__ import annotations

import datetime as dt

import numpy as np

NAT = np.datetime64("NaT", "D")
DAYS_PER_YEAR = 365.25


def day(value: dt.date | str | np.datetime64) -> np.datetime64:
    """One date as ``datetime64[D]``."""
    return np.datetime64(str(value)[:10], "D")


def _month_day(values: np.ndarray) -> np.ndarray:
    months = values.astype("datetime64[M]")
    return (months.astype(np.int64) % 12 + 1) * 100 + (values - months.astype("datetime64[D]")).astype(np.int64)


def age_years(born: np.ndarray, on: np.datetime64 | np.ndarray) -> np.ndarray:
    """Whole years between ``born`` and ``on`` (someone born on 29 February ages on 1 March);
    -1 where the date of birth is unknown."""
    born, on_arr = np.broadcast_arrays(np.asarray(born, dtype="datetime64[D]"), np.asarray(on, dtype="datetime64[D]"))
    years = on_arr.astype("datetime64[Y]").astype(np.int64) - born.astype("datetime64[Y]").astype(np.int64)
    years -= (_month_day(on_arr) < _month_day(born)).astype(np.int64)
    return np.where(np.isnat(born), -1, years)


def add_years(days: np.ndarray, years: int) -> np.ndarray:
    """The same day ``years`` later (29 February becomes 1 March in other years)."""
    shifted = days.astype("datetime64[M]") + np.timedelta64(12 * years, "M")
    offset = days - days.astype("datetime64[M]").astype("datetime64[D]")
    return shifted.astype("datetime64[D]") + offset


def september_first(years: np.ndarray) -> np.ndarray:
    """1 September of each calendar year: when children start a school."""
    return ((years - 1970).astype("datetime64[Y]").astype("datetime64[M]") + 8).astype("datetime64[D]")


def year_of(days: np.ndarray) -> np.ndarray:
    """The calendar year of each day."""
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def weekday(days: np.ndarray | np.datetime64) -> np.ndarray:
    """Monday is 0 (1 January 1970 was a Thursday)."""
    return (np.asarray(days, dtype="datetime64[D]").astype(np.int64) + 3) % 7


def iso(values: np.ndarray) -> np.ndarray:
    """``YYYY-MM-DD`` text, empty where the date is missing."""
    text = np.datetime_as_string(np.asarray(values, dtype="datetime64[D]"), unit="D")
    return np.where(np.isnat(values), "", text).astype(object)


def uniform_days(rng: np.random.Generator, low: np.ndarray | np.datetime64, high: np.ndarray | np.datetime64,
                 size: int | None = None) -> np.ndarray:
    """Days drawn uniformly from ``low`` to ``high`` inclusive (``high`` is raised to ``low``)."""
    low_i = np.asarray(low, dtype="datetime64[D]").astype(np.int64)
    high_i = np.maximum(np.asarray(high, dtype="datetime64[D]").astype(np.int64), low_i)
    drawn = rng.integers(low_i, high_i + 1, size=size)
    return np.asarray(drawn).astype("datetime64[D]")


def days(column: object) -> np.ndarray:
    """A column of dates (pandas keeps seconds) as whole days, so that adding integers adds days."""
    return np.asarray(column).astype("datetime64[D]")
