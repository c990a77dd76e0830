"""When the MARAC meets and how many cases each meeting hears.

A MARAC meets on Tuesdays: every four weeks when that gives at most 30 cases a meeting, else
fortnightly, weekly, or on several days a week. The next meeting after the as-of date is within
a week of it, and referrals close a week before each meeting, so every case it will hear has
already been referred by the as-of date.

Examples
--------
>>> dates, expected = meeting_dates(260.0, np.datetime64("2026-11-27"), np.datetime64("2026-06-01"))
>>> str(dates[-1]), int(weekday(dates[-1])), round(expected, 1)
('2026-12-01', 1, 19.9)
>>> counts = cases_per_meeting(np.random.default_rng(0), expected, len(dates))
>>> bool(counts.min() >= 15 and counts.max() <= 30)
True
"""

from __future__ import annotations

import math

import numpy as np

from data_model.generate import rates
from data_model.generate.timeline import weekday

TUESDAY = 1
#: Days of the week added as a big MARAC needs more meetings: Tuesday, Thursday, Monday, ...
MEETING_DAY_OFFSETS = (0, 2, -1, 1, 3)
REFERRAL_CUTOFF_DAYS = 7


def cadence(annual_cases: float) -> tuple[int, int]:
    """(days between meeting weeks, meetings in such a week) for this many cases a year."""
    most = rates.MARAC_CASES_PER_MEETING[1]
    for interval in (28, 14, 7):
        if annual_cases * interval / 365 <= most:
            return interval, 1
    per_week = min(len(MEETING_DAY_OFFSETS), math.ceil(annual_cases * 7 / 365 / (most * 0.75)))
    return 7, per_week


def meeting_dates(annual_cases: float, as_of: np.datetime64, since: np.datetime64) -> tuple[np.ndarray, float]:
    """Every meeting from ``since`` to the first one after ``as_of``; and the cases a meeting
    is expected to hear."""
    interval, per_week = cadence(annual_cases)
    next_tuesday = as_of + 1 + int((TUESDAY - weekday(as_of + 1)) % 7)
    weeks = np.arange(next_tuesday, since - 1, -interval)[::-1]
    offsets = np.array(MEETING_DAY_OFFSETS[:per_week])
    dates = np.sort((weeks[:, None] + offsets[None, :]).ravel())
    dates = dates[(dates >= since) & (dates <= next_tuesday + offsets.max())]
    return dates.astype("datetime64[D]"), annual_cases * interval / 365 / per_week


def cases_per_meeting(rng: np.random.Generator, expected: float, meetings: int) -> np.ndarray:
    """How many cases each meeting hears: the expected number give or take a fifth, allotted so
    that the total over any run of meetings is close to the expected total."""
    wanted = expected * rng.uniform(0.8, 1.2, meetings)
    running = np.floor(np.cumsum(wanted) + rng.uniform())
    return np.diff(np.r_[0.0, running]).astype(np.int64)
