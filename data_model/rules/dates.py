"""The dates rules.md reasons with: ages, the 365-day window, "active", three months back.

Everything here is vectorised over pandas Series of ``datetime64`` values (``NaT`` when empty),
because these few definitions are the easy places to get wrong and every rule reuses them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: A date as callers give it: a ``date``, an ISO string or a Timestamp.

#: "Window of 365 days up to T": T - 365 days <= x <= T.
WINDOW = pd.Timedelta(days=365)
#: A child is under 18 on the date that matters.
ADULT_AGE = 18


def in_window(dates: pd.Series, upto: pd.Series | pd.Timestamp) -> pd.Series:
    """True where ``dates`` lie in the window of 365 days up to ``upto`` (both ends included).

    Examples
    --------
    >>> d = pd.Series(pd.to_datetime(["2025-11-26", "2025-11-27", "2026-11-27", "2026-11-28"]))
    >>> in_window(d, pd.Timestamp("2026-11-27")).tolist()
    [False, True, True, False]
    """
    return (dates >= upto - WINDOW) & (dates <= upto)


def active_on(start: pd.Series, end: pd.Series, day: pd.Series | pd.Timestamp) -> pd.Series:
    """Active on ``day``: start empty or on/before it, and end empty or on/after it.

    Examples
    --------
    >>> start = pd.Series(pd.to_datetime(["2026-01-01", None, "2026-12-01"]))
    >>> end = pd.Series(pd.to_datetime(["2026-11-27", "2026-11-26", None]))
    >>> active_on(start, end, pd.Timestamp("2026-11-27")).tolist()
    [True, False, False]
    """
    return (start.isna() | (start <= day)) & (end.isna() | (end >= day))


def age_on(born: pd.Series, day: pd.Series | pd.Timestamp) -> pd.Series:
    """Whole years from ``born`` to ``day`` (``<NA>`` where the date of birth is empty).

    Someone born on 29 February turns a year older on 1 March in non-leap years: the birthday
    has come when (month, day) of ``day`` is at or after (month, day) of ``born``.

    Examples
    --------
    >>> born = pd.Series(pd.to_datetime(["2008-02-29", "2008-02-29", "2008-02-29", None]))
    >>> on = pd.Series(pd.to_datetime(["2026-02-28", "2026-03-01", "2024-02-29", "2026-01-01"]))
    >>> age_on(born, on).tolist()
    [17, 18, 16, <NA>]
    """
    born = pd.Series(born)
    index = born.index
    born_dt = pd.DatetimeIndex(born)
    on = pd.DatetimeIndex(np.broadcast_to(np.asarray(day, dtype="datetime64[s]"), len(born)))
    not_yet = (on.month * 100 + on.day) < (born_dt.month * 100 + born_dt.day)
    years = np.asarray(on.year - born_dt.year, dtype="float64") - np.asarray(not_yet, dtype="float64")
    return pd.Series(pd.array(np.where(born_dt.isna(), np.nan, years), dtype="Int64"), index=index)


def child_on(born: pd.Series, day: pd.Series | pd.Timestamp) -> pd.Series:
    """True where known to be under 18 on ``day``; False for adults *and* for unknown births.

    Callers that must not guess check :func:`born_unknown` themselves.

    Examples
    --------
    >>> born = pd.Series(pd.to_datetime(["2008-11-27", "2008-11-28", None]))
    >>> child_on(born, pd.Timestamp("2026-11-27")).tolist()
    [False, True, False]
    """
    ages = age_on(born, day)
    return (ages < ADULT_AGE).fillna(False).astype(bool)


def adult_on(born: pd.Series, day: pd.Series | pd.Timestamp) -> pd.Series:
    """True where known to be 18 or over on ``day``; False for children and unknown births."""
    ages = age_on(born, day)
    return (ages >= ADULT_AGE).fillna(False).astype(bool)


def born_unknown(born: pd.Series) -> pd.Series:
    """True where the date of birth is empty."""
    return pd.Series(born).isna()


def months_before(day: pd.Timestamp, months: int) -> pd.Timestamp:
    """The same day ``months`` calendar months before, clamped to the month's end.

    Examples
    --------
    >>> str(months_before(pd.Timestamp("2026-05-31"), 3).date())
    '2026-02-28'
    >>> str(months_before(pd.Timestamp("2024-05-31"), 3).date())
    '2024-02-29'
    """
    return day - pd.DateOffset(months=months)


def day_after(day: pd.Series) -> pd.Series:
    """The next calendar day of each date."""
    return day + pd.Timedelta(days=1)


def as_bool(values: pd.Series | np.ndarray) -> np.ndarray:
    """A boolean array from a possibly nullable boolean Series (missing counts as False)."""
    return np.asarray(pd.Series(values).fillna(False), dtype=bool)
