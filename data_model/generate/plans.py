"""All protection plans in the contract's shape: Child Protection Plans, MARAC and MAPPA cases
and their members."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_model.generate import agencies as ag
from data_model.generate.child_protection import CpPlans
from data_model.generate.mappa import MappaCases
from data_model.generate.marac import MaracCases
from data_model.schema import TABLES_BY_NAME

PLAN_COLUMNS = TABLES_BY_NAME["plans"].column_names


def _shape(frame: pd.DataFrame, plan_type: str) -> pd.DataFrame:
    out = frame.reindex(columns=[c for c in PLAN_COLUMNS if c in frame.columns]).copy()
    out["plan_type"] = plan_type
    for column in PLAN_COLUMNS:
        if column not in out.columns:
            out[column] = None
    return out[list(PLAN_COLUMNS)]


def combine_plans(rng: np.random.Generator, cp: CpPlans, marac: MaracCases, mappa: MappaCases) -> pd.DataFrame:
    """One frame of every plan, CP first, then MARAC, then MAPPA, in contract columns."""
    cp_frame = cp.plans.assign(lead_agency_id=ag.CSC)
    marac_frame = marac.plans.assign(
        lead_agency_id=np.where(rng.random(len(marac.plans)) < 0.7, ag.POLICE, ag.DA_SERVICE))
    frames = [_shape(cp_frame, "CP_PLAN"), _shape(marac_frame, "MARAC"), _shape(mappa.plans, "MAPPA")]
    plans = pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)
    for column in ("start_date", "end_date", "next_review_date", "meeting_date"):
        plans[column] = pd.to_datetime(plans[column]).to_numpy().astype("datetime64[D]")
    plans["is_repeat"] = plans["is_repeat"].fillna(False).astype(bool)
    return plans


def combine_members(cp: CpPlans, marac: MaracCases, mappa: MappaCases) -> pd.DataFrame:
    """Every plan's members: plan_id, person (row number), role; each (plan, person, role) once."""
    members = pd.concat([cp.members, marac.members, mappa.members], ignore_index=True)
    return members.drop_duplicates(["plan_id", "person", "role"]).reset_index(drop=True)


def active_on(plans: pd.DataFrame, day: np.datetime64) -> np.ndarray:
    """Plans that had started by ``day`` and not ended before it."""
    start = plans["start_date"].to_numpy()
    end = plans["end_date"].to_numpy()
    return (start <= day) & (np.isnat(end) | (end >= day))
