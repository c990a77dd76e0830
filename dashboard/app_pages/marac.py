"""MARAC meetings: the agenda, each case's research, who to invite, referral checks, actions, the pack."""

import streamlit as st

from dashboard import audited, data, marac_data
from dashboard.as_of import current_as_of
from dashboard.empty_states import stop_unless_data
from dashboard.identity import user_for
from dashboard.markdown_text import plain
from data_model.accountable import record_ids
from data_model.errors import UserError
from data_model.marac.action_states import changed_fields, editable
from data_model.marac.dash import QUESTIONS, Thresholds
from data_model.marac.invitations import invitation_text
from data_model.marac.pack import MARKING, case_facts, case_heading, shown
from data_model.marac.pack_pdf import pack_pdf
from data_model.marac.pack_xlsx import pack_xlsx
from data_model.page_access import Page
from data_model.tabular_export import CSV_MIME, XLSX_MIME, csv_bytes

user_for(Page.MARAC)
as_of = current_as_of()
st.title("MARAC meetings")
st.caption(f"As of {as_of:%d %B %Y}. Everything agencies hold on each case, gathered for the meeting.")
stop_unless_data()

listed = marac_data.meetings(as_of)
if listed.empty:
    st.info("No MARAC case with a meeting date was referred by this date. Choose a later as-of date in the sidebar.")
    st.stop()

dates = [d.date() for d in listed["meeting_date"]]
upcoming = sorted(d for d in dates if d >= as_of)
meeting = st.selectbox("Meeting", dates, index=dates.index(upcoming[0]) if upcoming else 0, key="marac_meeting",
                       format_func=lambda d: f"{d:%A %d %B %Y}" + (" (upcoming)" if d >= as_of else ""))
with st.expander("Meetings and local thresholds"):
    st.dataframe(shown(listed), hide_index=True, width="stretch")
    defaults = Thresholds()
    cols = st.columns(4)
    thresholds = Thresholds(
        int(cols[0].number_input("Yes answers for visible high risk", 1, 24, defaults.high_risk_yes,
                                 key="marac_high_risk_yes")),
        int(cols[1].number_input("Incidents for potential escalation", 1, 50, defaults.escalation_incidents,
                                 key="marac_escalation_incidents")),
        int(cols[2].number_input("...within days", 1, 3650, defaults.escalation_days, key="marac_escalation_days")),
        int(cols[3].number_input("Repeat: incident within days of a referral", 1, 3650, defaults.repeat_days,
                                 key="marac_repeat_days")),
    )

pack = marac_data.pack(meeting, as_of, thresholds)
agenda = pack.agenda
st.markdown(f"**{len(agenda)}** cases · **{int(agenda['is_repeat'].sum())}** flagged as repeats · "
            f"**{int(agenda['repeat_not_flagged'].sum())}** repeats the data shows but the referral did not flag")
held = sorted({*agenda["plan_id"], *record_ids([case.people for case in pack.cases])})  # the cases and people
audited.looked_at("marac_meeting", held, (meeting, as_of))
tabs = st.tabs(["Agenda", "Research", "Who to invite", "Referral check", "Actions", "Meeting pack"])

with tabs[0]:
    st.dataframe(shown(agenda).drop(columns=["Repeat the data shows"]), hide_index=True, width="stretch")
    for note in agenda.loc[agenda["repeat_not_flagged"], "repeat_note"]:
        st.warning(plain(note), icon="🔁")

with tabs[1]:
    for (_, row), research in zip(agenda.iterrows(), pack.cases, strict=True):
        with st.expander(plain(case_heading(row))):
            st.caption(plain(case_facts(row)))
            if row["repeat_note"]:
                st.warning(plain(row["repeat_note"]), icon="🔁")
            for summary in data.facts(as_of, set(research.people["person_id"]))["summary"]:
                st.warning(plain(summary), icon="🔒")
            for title, frame in research.sections():
                st.markdown(f"**{plain(title)}**")
                if frame.empty:
                    st.caption("None recorded.")
                    continue
                table = shown(frame)
                if "State" in table.columns:
                    table["State"] = table["State"].map(lambda s: "⚠️ overdue" if s == "overdue" else s)
                st.dataframe(table, hide_index=True, width="stretch")

with tabs[2]:
    rows = pack.invitation_rows
    st.dataframe(shown(pack.invitations), hide_index=True, width="stretch")
    if not rows.empty:
        names = dict(zip(rows["agency_id"], rows["agency"], strict=False))
        agency = st.selectbox("Invitation for", list(names), format_func=lambda a: names[a], key="marac_invite")
        st.code(invitation_text(rows, str(agency), meeting), language=None, wrap_lines=True)
        audited.download(st.container(), "Download the list (CSV)", "marac_invitations_csv",
                         lambda: csv_bytes(shown(rows)), f"marac-invitations-{meeting.isoformat()}.csv", CSV_MIME,
                         key="marac_invite_csv", records=record_ids([rows]))

with tabs[3]:
    st.caption("The DASH risk checklist by question number (the labels are Linked Risk's own short ones), "
               "and the four MARAC referral criteria for the victim.")
    victims = {str(r.person_id): f"{r.name} ({r.person_id})" for case in pack.cases
               for r in case.people[case.people["role"] == "victim"].itertuples()}
    with st.form("marac_dash"):
        chosen = st.selectbox("Victim on this agenda", list(victims), format_func=lambda v: victims[v],
                              key="marac_dash_victim")
        other = st.text_input("or another person's id", key="marac_dash_other")
        answers: dict[int, str] = {}
        thirds = st.columns(3)
        for number, label in QUESTIONS.items():
            answers[number] = thirds[(number - 1) // 8].radio(
                f"{number}. {label}", ["not known", "yes", "no"], horizontal=True, key=f"marac_dash_{number}")
        judgement = st.text_area("Professional judgement (why the case is high risk, if it is)",
                                 key="marac_dash_judgement")
        submitted = st.form_submit_button("Check the criteria", type="primary")
    if submitted:
        person = (other or chosen or "").strip()
        try:
            score, criteria = marac_data.check_referral(person, as_of, answers, judgement, thresholds)
        except UserError as exc:
            st.error(str(exc))
        else:
            st.metric("DASH score", f"{score} of 24")
            st.dataframe(shown(criteria), hide_index=True, width="stretch")
            met = criteria.loc[criteria["met"], "criterion"].tolist()
            (st.success if met else st.info)("Meets: " + ", ".join(met) if met else "Meets none of the criteria.")

with tabs[4]:
    labels = {str(r.plan_id): f"Item {r.item} · {r.plan_id} · {r.victim}" for r in agenda.itertuples()}
    plan_id = str(st.selectbox("Case", list(labels), format_func=lambda p: labels[p], key="marac_action_case"))
    if flash := st.session_state.pop("marac_flash", None):
        st.success(flash)
    case = marac_data.case_actions(plan_id, as_of)
    owners = marac_data.agency_names()
    table = case.assign(owner=case["owner_agency_id"].map(lambda a: owners.get(a, a) if a else "not assigned"))
    columns = ["action_id", "owner", "description", "due_date", "completed_date", "state", "days_overdue",
               "version", "last_changed_by", "last_changed_at"]
    if table.empty:
        st.caption("No actions for this case yet.")
    else:
        table["state"] = table["state"].map(lambda s: "⚠️ overdue" if s == "overdue" else s)
        st.dataframe(table[columns], hide_index=True, width="stretch")

    with st.form("marac_new_action", clear_on_submit=True):
        st.markdown("**Record an action**")
        description = st.text_area("What needs doing", key="marac_new_description")
        owner = st.selectbox("Owner agency", [None, *owners], format_func=lambda a: owners.get(a, "not assigned")
                             if a else "not assigned", key="marac_new_owner")
        due = st.date_input("Due", value=None, key="marac_new_due", format="YYYY-MM-DD")
        if st.form_submit_button("Record"):
            try:
                new_id = audited.new_action(as_of, plan_id, description, owner, due)
                st.session_state["marac_flash"] = f"Action {new_id} recorded."
                st.rerun()
            except UserError as exc:
                st.error(str(exc))

    if not case.empty:
        action_id = str(st.selectbox("Update an action", case["action_id"].tolist(), key="marac_edit_action"))
        action = case[case["action_id"] == action_id].iloc[0].to_dict()
        current, version = editable(action), int(action["version"])
        # The version the coordinator saw when they opened the action: a save is based on it, so a
        # change someone else made in between is reported, never overwritten.
        bases: dict[str, int] = st.session_state.setdefault("marac_edit_base", {})
        based_on = bases.setdefault(action_id, version)
        if based_on != version:
            st.warning(plain(f"{action['last_changed_by']} changed this action after you opened it. "
                             "Reload to see their change before you make yours."))
        if st.button("Reload this action", key="marac_edit_reload"):
            bases[action_id] = version
            st.rerun()
        suffix = f"{action_id}_{based_on}"  # fresh widgets for each action and each version opened
        with st.form("marac_edit"):
            owner_ids: list[str | None] = [None, *owners]
            new_owner = st.selectbox(
                "Owner agency", owner_ids, key=f"marac_edit_owner_{suffix}",
                index=owner_ids.index(current["owner_agency_id"]) if current["owner_agency_id"] in owner_ids else 0,
                format_func=lambda a: owners.get(a, a) if a else "not assigned")
            new_description = st.text_area("Description", current["description"], key=f"marac_edit_text_{suffix}")
            new_due = st.date_input("Due", current["due_date"], key=f"marac_edit_due_{suffix}", format="YYYY-MM-DD")
            done = st.checkbox("Completed", value=current["completed_date"] is not None,
                               key=f"marac_edit_done_{suffix}")
            done_on = st.date_input("Completed on", current["completed_date"] or as_of,
                                    key=f"marac_edit_done_on_{suffix}", format="YYYY-MM-DD")
            note = st.text_input("Note", key=f"marac_edit_note_{suffix}")
            if st.form_submit_button("Save", type="primary"):
                proposed = {"owner_agency_id": new_owner, "description": new_description, "due_date": new_due,
                            "completed_date": done_on if done else None}
                try:
                    bases[action_id] = audited.edit_action(as_of, plan_id, action_id, based_on,
                                                           changed_fields(action, proposed), note)
                    st.session_state["marac_flash"] = f"Action {action_id} saved."
                    st.rerun()
                except UserError as exc:  # a conflict with another coordinator's change, or a mistake
                    st.error(str(exc))
        with st.expander("History of this action"):
            history = marac_data.action_history(action_id)
            if history.empty:
                st.caption("No one has changed this action here: it is as imported.")
            else:
                st.dataframe(history, hide_index=True, width="stretch")

with tabs[5]:
    st.caption(f"The agenda with each case's research, for circulation. Every page is marked “{MARKING}”.")
    name = f"marac-pack-{meeting.isoformat()}"
    buttons = st.container(horizontal=True)
    audited.download(buttons, "Download PDF", "marac_pack_pdf", lambda: pack_pdf(pack), f"{name}.pdf",
                     "application/pdf", key="marac_pack_pdf", records=held, type="primary")
    audited.download(buttons, "Download XLSX", "marac_pack_xlsx", lambda: pack_xlsx(pack), f"{name}.xlsx", XLSX_MIME,
                     key="marac_pack_xlsx", records=held)
