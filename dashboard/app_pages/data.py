"""Data: upload a contract folder or workbook, read the validation report, import; blank templates."""

import tempfile

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.uploaded_file_manager import UploadedFile

from dashboard import audited, data
from dashboard.identity import user_for
from data_model.access import Permission
from data_model.contract import Progress, Validated
from data_model.errors import UserError
from data_model.page_access import Page
from data_model.tabular_export import XLSX_MIME
from data_model.templates import blank_csv_zip, blank_workbook, quarantine_zip
from data_model.validation_report import check_summary, rejections_frame, valid_row_count


def progress_bar(text: str) -> tuple[DeltaGenerator, Progress]:
    """A progress bar, and the callback that moves it."""
    bar = st.progress(0.0, text=text)

    def move(step: str, done: float) -> None:
        bar.progress(min(max(done, 0.0), 1.0), text=step)

    return bar, move


def checked(upload: UploadedFile) -> Validated:
    """The upload's check, done once per file (kept in session state)."""
    kept = st.session_state.get("data_checked")
    if kept and kept[0] == upload.file_id:
        return kept[1]
    bar, move = progress_bar("Checking the upload…")
    try:
        with tempfile.TemporaryDirectory() as folder:
            validated = data.check_upload(upload.name, upload.getvalue(), folder, progress=move)
    finally:
        bar.empty()
    st.session_state["data_checked"] = (upload.file_id, validated)
    return validated


def report(upload: UploadedFile, validated: Validated) -> None:
    """The validation report, the quarantine download, and the import button."""
    st.dataframe(check_summary(validated), hide_index=True,
                 column_config={"table": "Table", "accepted": "Rows accepted", "rejected": "Rows rejected"})
    rejected = rejections_frame(validated.rejections)
    if rejected.empty:
        st.success("Every row meets the data contract.")
    else:
        st.error(f"{len(rejected):,} rows break the data contract and will not be imported. Each is listed with its "
                 "table, line, column and reason: fix them, then upload the quarantined rows again.")
        st.dataframe(rejected, hide_index=True, width="stretch",
                     column_config={"table": "Table", "line": "Line", "column": "Column",
                                    "reason": st.column_config.TextColumn("Reason", width="large"),
                                    "cells": "Row as uploaded"})
        audited.download(st.container(), "Download the quarantined rows (.zip)", "quarantine",
                         lambda: quarantine_zip(validated.rejections), "quarantine.zip", "application/zip",
                         key="data_quarantine", permission=Permission.IMPORT)
    if validated.ignored:
        st.caption("Not read (not a contract table): " + ", ".join(validated.ignored))
    rows = valid_row_count(validated)
    already = st.session_state.get("data_imported") == upload.file_id
    if st.button(f"Import {rows:,} valid rows", type="primary", disabled=already or not rows, key="data_import"):
        bar, move = progress_bar("Importing…")
        try:
            new = audited.import_checked(validated, progress=move)
        finally:
            bar.empty()
        st.session_state["data_imported"] = upload.file_id
        st.session_state["data_flash"] = f"Imported {rows:,} rows ({sum(new.values()):,} new). Every page now " \
            "shows the new data."
        st.rerun()
    if already:
        st.caption("This file has been imported.")


user_for(Page.DATA)
st.title("Data")
counts = data.stored_counts()
st.caption(f"The database holds {counts.get('people', 0):,} people, {counts.get('plans', 0):,} plans and "
           f"{counts.get('sharing_events', 0):,} sharing events. Uploads add to it: a row with a known id "
           "updates that row.")
if flash := st.session_state.pop("data_flash", None):
    st.success(flash)

st.subheader("Upload")
upload = st.file_uploader("A contract folder zipped (.zip), or a workbook with a sheet per table (.xlsx)",
                          type=["zip", "xlsx"], key="data_upload")
if upload is not None:
    try:
        report(upload, checked(upload))
    except UserError as exc:
        st.error(str(exc))

st.subheader("Blank templates")
st.caption("One file per table with the contract's columns and no rows: fill them in and upload the folder zipped.")
templates = st.container(horizontal=True)
templates.download_button("CSV templates (.zip)", blank_csv_zip, "linkedrisk-template.zip", "application/zip",
                          key="data_template_zip")
templates.download_button("Workbook template (.xlsx)", blank_workbook, "linkedrisk-template.xlsx", XLSX_MIME,
                          key="data_template_xlsx")
