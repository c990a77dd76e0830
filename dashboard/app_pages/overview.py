"""Overview: where children and adults are at risk because agencies have not joined up."""

import streamlit as st

from dashboard import charts, data
from dashboard.as_of import current_as_of
from dashboard.empty_states import stop_unless_data
from dashboard.identity import user_for
from dashboard.navigation import page_link
from data_model.overview import gaps_by, percent
from data_model.page_access import Page

user = user_for(Page.OVERVIEW)
as_of = current_as_of()
st.title("Overview")
st.caption(f"As of {as_of:%A %d %B %Y}. Change the as-of date in the sidebar.")
stop_unless_data()
if not data.view(as_of).everything:
    st.caption("These figures are for the people and plans your role may see, not the whole partnership.")

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
    "no sharing yet" if share is None else percent(share),
    help=f"{figures.child_sharing_with_consent:,} of {figures.child_sharing_events:,} sharing events about "
    "children had a consent decision recorded on or before the day they happened.",
)

concerns = data.facts(as_of)
if not concerns.empty:
    with st.expander(f"Protection plans around people you may see, that you are not part of ({len(concerns):,})"):
        st.caption("Only the fact that there is a concern, and whom to contact: ask the contact before sharing more.")
        st.dataframe(concerns.drop(columns=["person_id", "summary"]), hide_index=True, width="stretch",
                     column_config={"person": "Person", "plan": "Plan around them", "link": "How they are linked",
                                    "contact": "Contact"})

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
page_link("gaps.py", "See every gap, with its evidence", "🚩", user)
