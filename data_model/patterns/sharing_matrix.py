"""Who shares with whom, and why: sharing events by sending agency, receiving agency and purpose.

An event naming two purposes counts once under each; an event naming none counts under
``none``. So the counts add up across agencies (for one purpose), not across purposes.
"""

from __future__ import annotations

import pandas as pd

from data_model.partnership import Partnership, as_timestamp
from data_model.patterns.active import AsOf
from data_model.records import Purpose
from data_model.sharing_report import sharing_events

NO_PURPOSE = "none"
#: Purposes in the guidance's order (child protection first), then ``none``.
PURPOSE_ORDER = [p.value for p in Purpose] + [NO_PURPOSE]
COLUMNS = ["from_agency_id", "from_agency", "to_agency_id", "to_agency", "purpose", "events"]


def sharing_matrix(p: Partnership, as_of: AsOf, days: int = 365) -> pd.DataFrame:
    """Sharing events dated in the ``days`` days up to ``as_of``, counted per (from, to, purpose).

    Only pairs that shared appear (absent means none). Sorted by from, to and purpose order.

    Examples
    --------
    >>> from data_model.patterns.example import EXAMPLE_AS_OF, example_partnership
    >>> sharing_matrix(example_partnership(), EXAMPLE_AS_OF)[["from_agency_id", "to_agency_id", "purpose", "events"]]
      from_agency_id to_agency_id                purpose  events
    0            POL          CSC       child_protection       1
    1            PRB          POL   coordinate_responses       1
    2            PRB          POL  reduce_offending_risk       1
    """
    since = as_timestamp(as_of) - pd.Timedelta(days=days)
    events = sharing_events(p, as_of, since)
    purposes = events["purposes"].replace("", NO_PURPOSE).str.split(";")
    rows = events.assign(purpose=purposes).explode("purpose")
    keys = ["from_agency_id", "from_agency", "to_agency_id", "to_agency", "purpose"]
    out = rows.groupby(keys, sort=False).size().rename("events").reset_index()
    order = {code: n for n, code in enumerate(PURPOSE_ORDER)}
    out = out.assign(_order=out["purpose"].map(order)).sort_values(["from_agency_id", "to_agency_id", "_order"])
    out["events"] = out["events"].astype("Int64")
    return out[COLUMNS].reset_index(drop=True)
