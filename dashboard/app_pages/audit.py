"""Audit trail: who looked at or changed what, when and why; filters, a chain check, and a CSV export."""

import datetime as dt

import streamlit as st

from dashboard import audited, data
from dashboard.identity import user_for
from data_model.audit import AuditAction, verify
from data_model.audit_report import AuditFilter
from data_model.page_access import Page
from data_model.tabular_export import CSV_MIME, csv_bytes

LIMIT = 1000

user_for(Page.AUDIT)
st.title("Audit trail")
st.caption("Every sign-in, person view, search, export, import, gap status change and action edit: who, when (UTC), "
           "the ids of the records, and the reason given for opening a record off one's own caseload. Entries are "
           "never changed or removed; each is chained to the one before by its hash.")

check = verify(data.store())
(st.success if check.ok else st.error)(str(check))

user_col, action_col, record_col, since_col, until_col = st.columns([2, 2, 2, 1, 1])
username = user_col.text_input("User", key="audit_user", placeholder="All users")
action = action_col.selectbox("Action", [None, *(a.value for a in AuditAction)], key="audit_action",
                              format_func=lambda a: "All actions" if a is None else a.replace("_", " "))
record_id = record_col.text_input("Record id", key="audit_record", placeholder="e.g. a person or plan id")
since = since_col.date_input("From", value=None, key="audit_since", format="YYYY-MM-DD")
until = until_col.date_input("To", value=None, key="audit_until", format="YYYY-MM-DD")
chosen = AuditFilter(username=username.strip() or None, action=action, record_id=record_id.strip() or None,
                     since=since if isinstance(since, dt.date) else None,
                     until=until if isinstance(until, dt.date) else None, limit=LIMIT)

entries = audited.audit_entries(chosen)
st.markdown(f"**{len(entries):,}** entries" + (f" (the newest {LIMIT:,})" if len(entries) == LIMIT else ""))
if entries.empty:
    st.info("No entry matches these filters. Clear a filter to see more.")
    st.stop()
st.dataframe(entries, hide_index=True, width="stretch",
             column_config={"seq": "No.", "at": "When (UTC)", "username": "User", "role": "Role", "action": "Action",
                            "records": st.column_config.TextColumn("Records", width="medium"),
                            "reason": st.column_config.TextColumn("Reason given", width="medium"),
                            "detail": "Detail"})
audited.download(st.container(), "Download CSV", "audit_csv", lambda: csv_bytes(entries),
                 f"audit-trail-{dt.date.today().isoformat()}.csv", CSV_MIME, key="audit_csv",
                 records=[str(s) for s in entries["seq"]])
