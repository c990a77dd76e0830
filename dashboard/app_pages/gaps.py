"""Gaps: every place agencies have not joined up, with evidence; a lead can acknowledge or resolve."""

import streamlit as st

from dashboard import audited, data
from dashboard.as_of import current_as_of
from dashboard.empty_states import stop_unless_data
from dashboard.identity import user_for
from dashboard.markdown_text import plain
from data_model.access import Permission
from data_model.accountable import record_ids
from data_model.gap_status import GapStatus
from data_model.gap_table import choices, download_frame, filter_gaps
from data_model.page_access import Page
from data_model.tabular_export import CSV_MIME, XLSX_MIME, csv_bytes, xlsx_bytes

user_for(Page.GAPS)
as_of = current_as_of()
st.title("Gaps")
st.caption(f"As of {as_of:%d %B %Y}. Each gap says what to do and which records show it.")
stop_unless_data()

gaps = data.gap_frame(as_of)
if gaps.empty:
    st.success("No gaps you may see on this date. Choose another as-of date in the sidebar to look back.")
    st.stop()

code_col, severity_col, agency_col, plan_col, status_col = st.columns([4, 2, 3, 2, 2])
codes = code_col.multiselect("Code", choices(gaps, "code"), key="gaps_codes", placeholder="All codes")
severities = severity_col.multiselect("Severity", choices(gaps, "severity"), key="gaps_severities",
                                      placeholder="All")
agencies = agency_col.multiselect("Agency", choices(gaps, "agency"), key="gaps_agencies", placeholder="All agencies")
plans = plan_col.multiselect("Plan", choices(gaps, "plan_id"), key="gaps_plans", placeholder="All plans")
statuses = status_col.multiselect("Status", [s.value for s in GapStatus], key="gaps_statuses", placeholder="All")
shown = filter_gaps(gaps, codes=codes, severities=severities, agencies=agencies, plans=plans, statuses=statuses)

st.markdown(f"**{len(shown):,}** of {len(gaps):,} gaps")
if shown.empty:
    st.info("No gap matches these filters. Remove a filter to see more.")
    st.stop()
st.dataframe(
    download_frame(shown),
    hide_index=True,
    width="stretch",
    column_config={
        "severity": "Severity", "code": "Code", "summary": st.column_config.TextColumn("Summary", width="large"),
        "agency": "Agency", "plan_id": "Plan", "person_id": "Person", "evidence": "Evidence",
        "status": "Status", "note": "Note", "changed_by": "Changed by",
        "changed_at": st.column_config.DatetimeColumn("Changed (UTC)", format="YYYY-MM-DD HH:mm"),
    },
)
name = f"gaps-{as_of.isoformat()}"
downloads = st.container(horizontal=True)
ids = record_ids([shown])
audited.download(downloads, "Download CSV", "gaps_csv", lambda: csv_bytes(download_frame(shown)), f"{name}.csv",
                 CSV_MIME, key="gaps_csv", records=ids)
audited.download(downloads, "Download XLSX", "gaps_xlsx", lambda: xlsx_bytes({"gaps": download_frame(shown)}),
                 f"{name}.xlsx", XLSX_MIME, key="gaps_xlsx", records=ids)

if not audited.may(Permission.CHANGE_GAP_STATUS):
    st.stop()
st.subheader("Acknowledge or resolve a gap")
if flash := st.session_state.pop("gaps_flash", None):
    st.success(flash)
labels = {key: f"{code} · {summary}" for key, code, summary in
          zip(shown["gap_key"], shown["code"], shown["summary"], strict=True)}
chosen = str(st.selectbox("Gap", list(labels), format_func=lambda key: labels[key], key="gaps_chosen"))
gap = shown.set_index("gap_key").loc[chosen]
st.markdown(f"**{plain(gap['severity'].capitalize())}** · {plain(gap['summary'])}")
st.caption("Evidence: " + plain(gap["evidence"] or "none recorded"))
changed = f", by {plain(gap['changed_by'])} on {gap['changed_at']:%Y-%m-%d %H:%M} UTC" if gap["changed_by"] else ""
st.caption(f"Status now: {plain(gap['status'])}{changed}")

with st.form("gaps_mark", clear_on_submit=True):
    status = st.radio("Mark as", [GapStatus.ACKNOWLEDGED.value, GapStatus.RESOLVED.value, GapStatus.OPEN.value],
                      horizontal=True, key="gaps_mark_status")
    note = st.text_area("Note", key="gaps_mark_note", placeholder="What was done, or why it is not a gap")
    if st.form_submit_button("Save", type="primary"):
        audited.change_gap_status(chosen, status, note)
        st.session_state["gaps_flash"] = f"Gap marked {status}. Its history below says who and when."
        st.rerun()

with st.expander("History of this gap"):
    history = data.gap_history(chosen)
    if history.empty:
        st.caption("No one has changed this gap's status yet.")
    else:
        st.dataframe(history.drop(columns="gap_key"), hide_index=True, width="stretch")
