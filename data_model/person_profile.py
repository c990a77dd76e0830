"""Finding a person, and what the side panel says about them: their plans and who works with them.

Examples
--------
>>> import pandas as pd
>>> from data_model.partnership import Partnership
>>> people = pd.DataFrame({"person_id": ["P1", "P2"], "given_name": ["Ann", "Ben"],
...     "family_name": ["Smith", "Jones"], "date_of_birth": pd.to_datetime(["1990-05-01", None]),
...     "household_id": ["H1", None]})
>>> find_people(Partnership({"people": people}), "smi")["person_id"].tolist()
['P1']
"""

from __future__ import annotations

import pandas as pd

from data_model.partnership import Day, Partnership, as_timestamp
from data_model.rules.dates import active_on, age_on

#: An as-of or event date, in any form :func:`~data_model.partnership.as_timestamp` reads.


SEARCH_LIMIT = 50


def _names(people: pd.DataFrame) -> pd.Series:
    return (people["given_name"].fillna("") + " " + people["family_name"].fillna("")).str.strip()


def find_people(p: Partnership, query: str, limit: int = SEARCH_LIMIT) -> pd.DataFrame:
    """People whose id is ``query`` (any case) or whose name holds every word of it.

    Exact id matches come first, then by family name, given name and id. Returns ``person_id``,
    ``name``, ``date_of_birth`` and ``household_id``; nothing for an empty query.
    """
    words = query.strip().lower().split()
    people = p.people
    if not words:
        return pd.DataFrame(columns=["person_id", "name", "date_of_birth", "household_id"])
    names = _names(people).str.lower()
    by_name = pd.Series(True, index=people.index)
    for word in words:
        by_name &= names.str.contains(word, regex=False)
    by_id = people["person_id"].str.lower() == query.strip().lower()
    # Assign before filtering: assigning a Series to an empty frame would take the Series' index.
    found = people.assign(name=_names(people), _exact=~by_id)[by_name | by_id]
    found = found.sort_values(["_exact", "family_name", "given_name", "person_id"]).head(limit)
    return found[["person_id", "name", "date_of_birth", "household_id"]].reset_index(drop=True)


def person_label(row: pd.Series, as_of: Day | None = None) -> str:
    """``Ann Smith (P1), born 1990-05-01``: how a person is shown in a picker."""
    born = row.get("date_of_birth")
    when = f", born {pd.Timestamp(born).date().isoformat()}" if pd.notna(born) else ", date of birth unknown"
    return f"{row['name'] or 'Unnamed person'} ({row['person_id']}){when}"


def person_age(p: Partnership, person_id: str, as_of: Day) -> int | None:
    """The person's age in whole years on the as-of date, or None when the birth date is unknown."""
    born = p.people.loc[p.people["person_id"] == person_id, "date_of_birth"]
    ages = age_on(born, as_timestamp(as_of))
    return None if ages.empty or pd.isna(ages.iloc[0]) else int(ages.iloc[0])


def plans_of(p: Partnership, person_id: str, as_of: Day) -> pd.DataFrame:
    """The person's plans started by the as-of date: type, role, dates, and whether active."""
    day = as_timestamp(as_of)
    members = p.plan_members[p.plan_members["person_id"] == person_id]
    plans = members.merge(p.plans, on="plan_id", how="inner")
    plans = plans[plans["start_date"] <= day]
    ends = plans["end_date"].where(plans["end_date"] <= day)
    names = p.agencies.set_index("agency_id")["name"]
    out = pd.DataFrame({
        "plan_id": plans["plan_id"],
        "plan_type": plans["plan_type"],
        "role": plans["role"],
        "lead_agency": names.reindex(plans["lead_agency_id"]).to_numpy(),
        "start_date": plans["start_date"],
        "end_date": ends,
        "active": active_on(plans["start_date"], ends, day),
    })
    return out.sort_values(["active", "start_date", "plan_id"], ascending=[False, False, True]).reset_index(drop=True)


def practitioners_of(p: Partnership, person_id: str, as_of: Day) -> pd.DataFrame:
    """Practitioners actively involved with the person on the as-of date, with their agency."""
    day = as_timestamp(as_of)
    inv = p.involvements[p.involvements["person_id"] == person_id]
    inv = inv[active_on(inv["start_date"], inv["end_date"], day)]
    found = inv.merge(p.practitioners, on="practitioner_id", how="left", suffixes=("", "_job"))
    found = found.merge(p.agencies[["agency_id", "name", "sector"]], on="agency_id", how="left",
                        suffixes=("", "_agency"))
    out = pd.DataFrame({
        "practitioner": found["name"].where(found["name"].fillna("") != "", found["practitioner_id"]),
        "job": found["role_job"].fillna(""),
        "agency": found["name_agency"].fillna(found["agency_id"]),
        "sector": found["sector"],
        "involvement": found["role"].fillna(""),
        "since": found["start_date"],
    })
    return out.sort_values(["agency", "practitioner"]).reset_index(drop=True)
