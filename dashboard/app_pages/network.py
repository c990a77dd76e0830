"""Family network: a person's family, household, practitioners and plans, drawn as a network."""

import streamlit as st

from dashboard import audited, data
from dashboard.as_of import current_as_of
from dashboard.empty_states import stop_unless_data
from dashboard.identity import user_for
from dashboard.markdown_text import plain
from dashboard.network_view import HEIGHT_PX
from data_model.gap_table import gaps_about_person, open_gaps
from data_model.page_access import Page
from data_model.person_profile import person_label

user_for(Page.NETWORK)
as_of = current_as_of()
st.title("Family network")
st.caption(f"As of {as_of:%d %B %Y}: family, household, practitioners and plans around one person.")
stop_unless_data()

query = st.text_input("Search a person by name or id", key="network_query",
                      placeholder="A given or family name, or a person's id")
if not query.strip():
    st.info("Type part of a name (given or family) or a person's id, then press Enter.")
    st.stop()
found = audited.find_people(query, as_of)
if found.empty:
    st.warning(f"No one you may see matches “{plain(query.strip())}”. Check the spelling, or try the family "
               "name alone.")
    st.stop()
labels = {row["person_id"]: person_label(row) for _, row in found.iterrows()}
names = dict(zip(found["person_id"], found["name"], strict=True))
pick_col, depth_col = st.columns([3, 1])
person_id = str(pick_col.selectbox(f"Person ({len(found)} found)", list(labels), format_func=lambda key: labels[key],
                                   key="network_person"))
depth = depth_col.segmented_control("Depth", [1, 2, 3], default=1, key="network_depth",
                                    help="Hops of family and household links: 1 is the person's own family.") or 1

needed = audited.reason_needed(person_id, as_of)
reason = audited.stated_reason(person_id)
if needed and not reason:
    st.info("This person is not on your agency's caseload. Say why you need to open their record: the reason is "
            "kept in the audit trail with your name.")
    with st.form("network_reason"):
        typed = st.text_input("Reason for opening this record", key="network_reason_text",
                              placeholder="e.g. preparing the MARAC meeting of 3 December")
        submitted = st.form_submit_button("Open the record", type="primary")
    if not submitted:
        st.stop()
    audited.open_person(person_id, as_of, typed, needed)  # an empty reason is refused with a sentence
    st.rerun()
audited.open_person(person_id, as_of, reason, needed)

graph_col, side_col = st.columns([3, 2], gap="medium")
with graph_col:
    page, left_out, total = data.network(person_id, depth, as_of)
    st.iframe(page, height=HEIGHT_PX + 8)
    hops = "hop" if depth == 1 else "hops"
    st.caption(f"{total:,} people, households, practitioners, agencies and plans within {depth} {hops}. Drag to "
               "move a node, scroll to zoom, hover for dates and roles. Dashed lines have ended.")
    if left_out:
        st.warning(f"Showing the {total - left_out} nodes nearest {plain(names[person_id])}; {left_out} further "
                   "away are left out to keep the page quick. Choose a smaller depth to see them all.")

with side_col:
    age = data.person_age(person_id, as_of)
    st.subheader(plain(names[person_id] or person_id))
    st.caption(f"{plain(person_id)} · " + ("age unknown" if age is None else
                                          f"{'child' if age < 18 else 'adult'}, {age}"))
    plans = data.plans_of(person_id, as_of)
    st.markdown("**Plans**")
    if plans.empty:
        st.caption("Not a member of any plan you may see by this date.")
    else:
        st.dataframe(plans, hide_index=True, column_order=["plan_id", "plan_type", "role", "active", "start_date"],
                     column_config={"plan_id": "Plan", "plan_type": "Type", "role": "Role", "active": "Active",
                                    "start_date": st.column_config.DateColumn("Started")})
    concerns = data.facts(as_of, [person_id])
    for summary in concerns["summary"]:
        st.warning(plain(summary), icon="🔒")
    st.markdown("**Who works with them**")
    workers = data.practitioners_of(person_id, as_of)
    if workers.empty:
        st.caption("No practitioner has an active involvement on this date.")
    else:
        st.dataframe(workers, hide_index=True, column_order=["practitioner", "agency", "involvement"],
                     column_config={"practitioner": "Practitioner", "agency": "Agency", "involvement": "Role"})
    st.markdown("**Open gaps**")
    gaps = open_gaps(gaps_about_person(data.gap_frame(as_of), person_id, plans["plan_id"].tolist()))
    if gaps.empty:
        st.caption("No open gaps you may see about them or their plans.")
    else:
        st.dataframe(gaps, hide_index=True, column_order=["severity", "code", "summary"],
                     column_config={"severity": "Severity", "code": "Gap",
                                    "summary": st.column_config.TextColumn("What to do", width="large")})
