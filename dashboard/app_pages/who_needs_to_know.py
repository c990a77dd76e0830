"""Who needs to know: for a plan, every agency and practitioner working with its network."""

import streamlit as st

from dashboard import audited, data
from dashboard.as_of import current_as_of
from dashboard.empty_states import stop_unless_data
from dashboard.identity import user_for
from data_model.accountable import record_ids
from data_model.need_to_know_table import status_counts
from data_model.page_access import Page
from data_model.tabular_export import CSV_MIME, XLSX_MIME, csv_bytes, xlsx_bytes

user_for(Page.WHO_NEEDS_TO_KNOW)
as_of = current_as_of()
st.title("Who needs to know")
st.caption(f"As of {as_of:%d %B %Y}. Agencies not yet informed come first.")
stop_unless_data()

include_ended = st.toggle("Include plans that have ended", key="wntk_include_ended")
plans = data.plan_choices(as_of, include_ended)
if plans.empty:
    st.info("No plan you may see is active on this date. Choose another as-of date in the sidebar, or include ended "
            "plans.")
    st.stop()
labels = dict(zip(plans["plan_id"], plans["label"], strict=True))
plan_id = str(st.selectbox("Plan", list(labels), format_func=lambda key: labels[key], key="wntk_plan",
                           help="Type to search by plan id or by the name of the person it protects."))

rows = data.need_to_know(plan_id, as_of)
if rows.empty:
    active = bool(plans.set_index("plan_id").loc[plan_id, "active"])
    st.info("This plan is not active on the as-of date, so no one needs to be told of it now." if not active else
            "No practitioner has an active involvement with anyone you may see in this plan's network on this date.")
    st.stop()

audited.looked_at("who_needs_to_know", [plan_id, *rows["person_id"]], (plan_id, as_of))
counts = status_counts(rows)
columns = st.columns(len(counts))
for column, (status, number) in zip(columns, counts.items(), strict=True):
    column.metric(status.capitalize(), f"{number:,}")

shown = rows.drop(columns=["agency_id", "practitioner_id", "person_id"])
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_config={
        "status": "Status", "agency": "Agency", "practitioner": "Practitioner", "person": "Works with",
        "information_level": "Level", "link": "Link", "path": "Path", "lawful_basis": "Lawful basis",
        "consent_in_force": st.column_config.CheckboxColumn("Consent in force"),
    },
)
name = f"who-needs-to-know-{plan_id}-{as_of.isoformat()}"
downloads = st.container(horizontal=True)
ids = [plan_id, *record_ids([rows])]
audited.download(downloads, "Download CSV", "who_needs_to_know_csv", lambda: csv_bytes(rows), f"{name}.csv", CSV_MIME,
                 key="wntk_csv", records=ids)
audited.download(downloads, "Download XLSX", "who_needs_to_know_xlsx", lambda: xlsx_bytes({"who needs to know": rows}),
                 f"{name}.xlsx", XLSX_MIME, key="wntk_xlsx", records=ids)
