"""MARAC patterns: perpetrators harming more than one victim, and how often cases come back.

Only what had happened by the as-of date counts: MARAC cases (plans) that started on or before
it, and police incidents dated on or before it.
"""

from __future__ import annotations

import pandas as pd

from data_model.partnership import Partnership, as_timestamp
from data_model.patterns.active import AsOf, period_ends
from data_model.records import MemberRole, PlanType, ReferralCriterion
from data_model.rules.dates import WINDOW, in_window

#: SafeLives national dataset, 12 months to 30 September 2024 (calibration.md): 31% repeats.
NATIONAL_REPEAT_RATE = 0.31
NATIONAL_SOURCE = "SafeLives national MARAC dataset, 12 months to 30 September 2024"
VICTIM_BANDS = ((2, "2"), (3, "3"), (4, "4"), (5, "5+"))
IN_CASES, THROUGH_INCIDENTS = "all in MARAC cases", "some only through police incidents"


def marac_roles(p: Partnership, as_of: AsOf, role: MemberRole) -> pd.DataFrame:
    """Members with ``role`` of MARAC cases started by ``as_of``: ``plan_id, person_id, start_date``."""
    plans = p.plans
    cases = plans[(plans["plan_type"] == PlanType.MARAC.value) & (plans["start_date"] <= as_timestamp(as_of))]
    members = p.plan_members[p.plan_members["role"] == role.value][["plan_id", "person_id"]]
    return members.merge(cases[["plan_id", "start_date"]], on="plan_id")


def _victim_links(p: Partnership, as_of: AsOf) -> pd.DataFrame:
    """(perpetrator_id, victim_id, plan_id, start_date) from cases, and from incidents (no plan)."""
    victims = marac_roles(p, as_of, MemberRole.VICTIM).rename(columns={"person_id": "victim_id"})
    perps = marac_roles(p, as_of, MemberRole.PERPETRATOR).rename(columns={"person_id": "perpetrator_id"})
    in_cases = perps.merge(victims[["plan_id", "victim_id"]], on="plan_id")
    incidents = p.incidents[p.incidents["date"] <= as_timestamp(as_of)].dropna(subset=["perpetrator_person_id"])
    incidents = incidents[incidents["victim_person_id"].isin(victims["victim_id"])]
    by_incident = pd.DataFrame({
        "perpetrator_id": incidents["perpetrator_person_id"], "victim_id": incidents["victim_person_id"],
        "plan_id": None, "start_date": pd.Series(pd.NaT, index=incidents.index, dtype="datetime64[s]"),
    })
    links = pd.concat([in_cases, by_incident], ignore_index=True)
    return links[links["perpetrator_id"] != links["victim_id"]]


def perpetrators_with_several_victims(p: Partnership, as_of: AsOf) -> pd.DataFrame:
    """Perpetrators linked to two or more MARAC victims over time, most victims first.

    A perpetrator is linked to a victim as the perpetrator in the victim's MARAC case, or (a
    pattern the cases may have missed) as the perpetrator of a police incident against someone
    who is a MARAC victim. Columns: ``perpetrator_id``, ``victims``, ``victims_only_in_incidents``,
    ``marac_cases``, ``first_case``, ``latest_case``.

    Examples
    --------
    >>> from data_model.patterns.example import EXAMPLE_AS_OF, example_partnership
    >>> perpetrators_with_several_victims(example_partnership(), EXAMPLE_AS_OF)[["perpetrator_id", "victims"]]
      perpetrator_id  victims
    0             P1        2
    """
    links = _victim_links(p, as_of)
    in_cases = links[links["plan_id"].notna()]
    grouped = links.groupby("perpetrator_id")
    case_victims = in_cases.groupby("perpetrator_id")["victim_id"].nunique()
    out = pd.DataFrame({"victims": grouped["victim_id"].nunique()})
    out["victims_only_in_incidents"] = out["victims"] - case_victims.reindex(out.index).fillna(0)
    out["marac_cases"] = in_cases.groupby("perpetrator_id")["plan_id"].nunique().reindex(out.index).fillna(0)
    out["first_case"] = in_cases.groupby("perpetrator_id")["start_date"].min().reindex(out.index)
    out["latest_case"] = in_cases.groupby("perpetrator_id")["start_date"].max().reindex(out.index)
    out = out[out["victims"] >= 2].reset_index().rename(columns={"index": "perpetrator_id"})
    for name in ("victims", "victims_only_in_incidents", "marac_cases"):
        out[name] = out[name].astype("Int64")
    for name in ("first_case", "latest_case"):
        out[name] = out[name].astype("datetime64[s]")
    return out.sort_values(["victims", "perpetrator_id"], ascending=[False, True]).reset_index(drop=True)


def victim_count_summary(perpetrators: pd.DataFrame) -> pd.DataFrame:
    """Perpetrators counted by number of victims (2, 3, 4, 5+) and how they were found (zeros kept)."""
    band = perpetrators["victims"].map(lambda n: next(lbl for low, lbl in reversed(VICTIM_BANDS) if n >= low))
    found = perpetrators["victims_only_in_incidents"].gt(0).map({True: THROUGH_INCIDENTS, False: IN_CASES})
    counts = pd.DataFrame({"victims": band, "found": found}).value_counts()
    grid = pd.MultiIndex.from_product([[b for _, b in VICTIM_BANDS], [IN_CASES, THROUGH_INCIDENTS]],
                                      names=["victims", "found"])
    out = counts.reindex(grid, fill_value=0).rename("perpetrators").reset_index()
    return out.astype({"perpetrators": "Int64"})


def _cases(p: Partnership, as_of: AsOf) -> pd.DataFrame:
    """MARAC cases started by ``as_of``: ``plan_id, start_date, detected, flagged``.

    ``detected``: a victim of the case was the victim of another case that started in the 365
    days before it (strictly earlier); ``flagged``: the referrer marked it a repeat.
    """
    victims = marac_roles(p, as_of, MemberRole.VICTIM)
    pairs = victims.merge(victims, on="person_id", suffixes=("", "_before"))
    earlier = (pairs["start_date_before"] < pairs["start_date"]) & (
        pairs["start_date_before"] >= pairs["start_date"] - WINDOW
    )
    detected = set(pairs.loc[earlier, "plan_id"])
    plans = p.plans
    cases = plans[(plans["plan_type"] == PlanType.MARAC.value) & (plans["start_date"] <= as_timestamp(as_of))]
    flagged = cases["is_repeat"] | (cases["referral_criterion"] == ReferralCriterion.REPEAT.value)
    return pd.DataFrame({
        "plan_id": cases["plan_id"], "start_date": cases["start_date"],
        "detected": cases["plan_id"].isin(detected), "flagged": flagged.astype(bool),
    })


def repeat_marac_rate(p: Partnership, as_of: AsOf, points: int = 12) -> pd.DataFrame:
    """The repeat rate of MARAC cases in the 12 months up to each period end, beside the national rate.

    A case is a repeat when it is ``detected`` or ``flagged`` (see :func:`_cases`);
    ``unflagged_repeats`` are detected but not flagged. Period ends are ``as_of`` and the
    month ends before it (``points`` in all). Columns: ``period_end``, ``cases``, ``repeats``,
    ``unflagged_repeats``, ``rate`` (empty without cases), ``national_rate``.
    """
    cases = _cases(p, as_of)
    rows = []
    for end in period_ends(as_of, points):
        now = cases[in_window(cases["start_date"], end)]
        repeats = int((now["detected"] | now["flagged"]).sum())
        rows.append({
            "period_end": end, "cases": len(now), "repeats": repeats,
            "unflagged_repeats": int((now["detected"] & ~now["flagged"]).sum()),
            "rate": round(repeats / len(now), 4) if len(now) else None, "national_rate": NATIONAL_REPEAT_RATE,
        })
    out = pd.DataFrame(rows, columns=["period_end", "cases", "repeats", "unflagged_repeats", "rate", "national_rate"])
    out["period_end"] = out["period_end"].astype("datetime64[s]")
    out = out.astype({"cases": "Int64", "repeats": "Int64", "unflagged_repeats": "Int64", "rate": "Float64"})
    return out
