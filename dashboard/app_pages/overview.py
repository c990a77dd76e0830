"""Overview: where children and adults are at risk because agencies have not joined up."""

import streamlit as st

from dashboard import charts, data
from dashboard.as_of import current_as_of
from dashboard.empty_states import stop_unless_data
from data_model.overview import gaps_by

as_of = current_as_of()
st.title("Overview")
st.caption(f"As of {as_of:%A %d %B %Y}. Change the as-of date in the sidebar.")
stop_unless_data()

figures = data.headline(as_of)
people, mappa, cp, marac = st.columns(4)
people.metric("People", f"{figures.people:,}")
mappa.metric("Active MAPPA cases", f"{figures.active_cases['MAPPA']:,}")
cp.metric("Active child protection plans", f"{figures.active_cases['CP_PLAN']:,}")
marac.metric("Active MARAC cases", f"{figures.active_cases['MARAC']:,}")

high, medium, low, consent = st.columns(4)
high.metric("Open gaps: high", f"{figures.open_gaps['high']:,}")
medium.metric("Open gaps: medium", f"{figures.open_gaps['medium']:,}")
low.metric("Open gaps: low", f"{figures.open_gaps['low']:,}")
share = figures.consent_recorded_share
consent.metric(
    "Child sharing with consent recorded",
    "no sharing yet" if share is None else f"{share:.0%}",
    help=f"{figures.child_sharing_with_consent:,} of {figures.child_sharing_events:,} sharing events about "
    "children had a consent decision recorded on or before the day they happened.",
)

gaps = data.gap_frame(as_of)
if gaps.empty:
    st.success("No gaps on this date: every plan's network is joined up, as far as the data shows.")
    st.stop()
by_code, by_agency = st.tabs(["Gaps by code", "Gaps by agency"])
with by_code:
    st.altair_chart(charts.stacked_gaps(gaps_by(gaps, "code"), "code", f"Open gaps by code, {as_of:%d %b %Y}",
                                        "Gap code"), width="stretch")
with by_agency:
    st.altair_chart(charts.stacked_gaps(gaps_by(gaps, "agency"), "agency",
                                        f"Open gaps by answerable agency, {as_of:%d %b %Y}", "Agency"),
                    width="stretch")
st.page_link("app_pages/gaps.py", label="See every gap, with its evidence", icon="🚩")
