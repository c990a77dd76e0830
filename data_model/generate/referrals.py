"""Referrals: to First Response for significant-harm concerns (the same day, the next day, or —
a few — late or never), to MARAC, to MAPPA, and to adult social care."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.generate import rates
from data_model.generate.shares import pick
from data_model.generate.timeline import days

#: Share of referrals that name the concern they answer.
NAMES_CONCERN_SHARE = 0.9
EARLY_HELP_REFERRED_SHARE = 0.08


def _rows(person: np.ndarray, practitioner: np.ndarray, date: np.ndarray, to: str,
          concern: np.ndarray | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        "person_id": person, "practitioner_id": practitioner, "date": np.asarray(date).astype("datetime64[D]"),
        "to": to, "answers": concern if concern is not None else None,
    })


def first_response_referrals(rng: np.random.Generator, concerns: pd.DataFrame, as_of: np.datetime64) -> pd.DataFrame:
    """Referrals of concerns to First Response; ``answers`` is the concern each one follows."""
    count = len(concerns)
    kind = concerns["kind"].to_numpy()
    dates = concerns["date"].to_numpy().astype("datetime64[D]")
    lag = (rng.random(count) < rates.REFERRAL_NEXT_DAY_SHARE).astype(np.int64)
    background = (kind == "harm") & (dates <= as_of - 2)
    late = pick(rng, background, rates.REFERRAL_LATE_SHARE)
    missing = pick(rng, background & ~late, rates.REFERRAL_MISSING_SHARE)
    lag = np.where(late, rng.integers(2, 10, count), lag)
    early_help = kind == "early_help"
    referred = ~missing & (~early_help | (rng.random(count) < EARLY_HELP_REFERRED_SHARE))
    lag = np.where(early_help, rng.integers(3, 31, count), lag)
    rows = _rows(concerns["person"].to_numpy()[referred], concerns["practitioner_id"].to_numpy()[referred],
                 dates[referred] + lag[referred], "first_response", concerns["concern_id"].to_numpy()[referred])
    return rows


def marac_referrals(marac_plans: pd.DataFrame) -> pd.DataFrame:
    """Each MARAC case's referral, on its start date, by its referrer."""
    return _rows(marac_plans["victim"].to_numpy(), marac_plans["referrer"].to_numpy(),
                 marac_plans["start_date"].to_numpy(), "marac")


def mappa_referrals(mappa_plans: pd.DataFrame, practitioner: np.ndarray, since: np.datetime64) -> pd.DataFrame:
    """Referrals for management at level 2 or 3, for cases that began in the history."""
    chosen = (mappa_plans["mappa_level"].to_numpy() != "1") & (mappa_plans["start_date"].to_numpy() >= since)
    return _rows(mappa_plans["subject"].to_numpy()[chosen], practitioner[chosen],
                 days(mappa_plans["start_date"])[chosen] - 10, "mappa")


def care_referrals(person: np.ndarray, practitioner: np.ndarray, date: np.ndarray) -> pd.DataFrame:
    """Referrals to adult social care."""
    return _rows(person, practitioner, date, "adult_social_care")


def finish_referrals(rng: np.random.Generator, parts: list[pd.DataFrame]) -> pd.DataFrame:
    """All referrals, oldest first, with ids; most name the concern they answer."""
    referrals = pd.concat(parts, ignore_index=True).sort_values("date", kind="stable").reset_index(drop=True)
    names = referrals["answers"].notna().to_numpy() & (rng.random(len(referrals)) < NAMES_CONCERN_SHARE)
    referrals["concern_id"] = np.where(names, referrals["answers"], "")
    referrals.insert(0, "referral_id", [f"RF{i:07d}" for i in range(1, len(referrals) + 1)])
    return referrals
