"""Information sharing: the nine adult-safeguarding purposes, and consent for children."""

import datetime as dt

import streamlit as st

from dashboard import audited, charts, data
from dashboard.as_of import current_as_of
from dashboard.empty_states import stop_unless_data
from dashboard.identity import user_for
from data_model.accountable import record_ids
from data_model.page_access import Page
from data_model.records import ADULT_PURPOSES, PURPOSE_LABELS
from data_model.tabular_export import CSV_MIME, csv_bytes

PERIODS = {"Last 12 months": 12, "Last 24 months": 24, "All time": None}

user_for(Page.SHARING)
as_of = current_as_of()
st.title("Information sharing")
st.caption(f"As of {as_of:%d %B %Y}: sharing events and consent decisions recorded up to that day, about the people "
           "your role may see.")
stop_unless_data()

period = st.segmented_control("Period", list(PERIODS), default="Last 12 months", key="sharing_period") \
    or "Last 12 months"
months = PERIODS[period]
since = None if months is None else (as_of - dt.timedelta(days=round(months * 365.25 / 12)))

purposes_tab, consent_tab, no_purpose_tab = st.tabs(
    ["Adult-safeguarding purposes", "Consent for children", "Adults: no purpose named"])

with purposes_tab:
    volume = data.sharing("volume_by_purpose", as_of, since)
    if volume["events"].sum() == 0:
        st.info("No sharing event in this period names an adult-safeguarding purpose. Choose a longer period.")
    else:
        st.altair_chart(charts.bars(volume, "purpose_label", "events", title="Sharing events by purpose",
                                    category_title="Purpose", value_title="Sharing events"), width="stretch")
        monthly = data.sharing("purpose_by_month", as_of, since)
        st.altair_chart(charts.month_heatmap(monthly, "purpose_label", "events", title="Sharing by purpose, month by "
                                             "month", category_title="Purpose", value_title="Sharing events",
                                             order=volume["purpose_label"].tolist()), width="stretch")
        chosen = st.multiselect("Purposes for the flows between agencies", [p.value for p in ADULT_PURPOSES],
                                format_func=lambda code: PURPOSE_LABELS[code], key="sharing_flow_purposes",
                                placeholder="All nine purposes")
        flows = data.purpose_flows(as_of, since, tuple(chosen))
        if flows.empty:
            st.info("No sharing for these purposes in this period.")
        else:
            st.altair_chart(charts.flow_heatmap(flows, title="Between which agencies (sharing events)"),
                            width="stretch")
            over_time = data.flows_by_month(as_of, since, tuple(chosen))
            st.altair_chart(charts.month_heatmap(over_time, "flow", "events", title="The ten busiest flows between "
                                                 "agencies, month by month", category_title="Shared by → with",
                                                 value_title="Sharing events"), width="stretch")

with consent_tab:
    decisions = data.sharing("child_consent_decisions", as_of, since)
    recording = data.sharing("consent_recording_by_month", as_of, since)
    events, recorded = int(recording["events"].sum()), int(recording["recorded"].sum())
    left, right = st.columns(2)
    left.metric("Consent decisions about children", f"{int(decisions['consents'].sum()):,}")
    right.metric("Child sharing with consent recorded", f"{recorded / events:.0%}" if events else "no sharing",
                 help=f"{recorded:,} of {events:,} sharing events about children had a consent decision "
                 "recorded on or before the day.")
    if decisions["consents"].sum():
        st.altair_chart(charts.bars(decisions, "decision_label", "consents", title="Consent decisions about "
                                    "children", category_title="Decision", value_title="Decisions"), width="stretch")
    else:
        st.info("No consent decision about a child was recorded in this period.")
    if events:
        st.altair_chart(charts.lines_by_month(recording, "share", None, title="Share of child sharing events with "
                                              "consent recorded", value_title="Consent recorded", percent=True),
                        width="stretch")

with no_purpose_tab:
    missing = data.sharing("adult_sharing_without_purpose", as_of, since)
    st.metric("Sharing about adults naming no purpose", f"{len(missing):,}")
    if missing.empty:
        st.success("Every sharing event about an adult in this period names at least one of the nine purposes.")
    else:
        st.caption("The guidance asks that sharing about adults says why: name one of the nine purposes.")
        st.dataframe(missing, hide_index=True, width="stretch",
                     column_config={"date": st.column_config.DateColumn("Date"), "sharing_id": "Sharing",
                                    "from_agency": "Shared by", "to_agency": "Shared with", "person_id": "About",
                                    "lawful_basis": "Lawful basis", "purposes": "Purposes named"})
        audited.download(st.container(), "Download CSV", "adult_sharing_no_purpose_csv", lambda: csv_bytes(missing),
                         f"adult-sharing-no-purpose-{as_of}.csv", CSV_MIME, key="sharing_no_purpose_csv",
                         records=record_ids([missing]))
