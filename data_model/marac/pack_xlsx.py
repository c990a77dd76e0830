"""The meeting pack as an XLSX workbook: the agenda, the invitations, and one sheet per research
section with a row per finding and the case it belongs to.

Every sheet starts with the "RESTRICTED – contains personal data" marking in its first row and
carries it in the printed page header and footer. Every cell goes through
:func:`data_model.export_safety.safe_cell`, and XlsxWriter's formula and URL conversion is off,
so a name like ``=HYPERLINK(...)`` stays text.
"""

from __future__ import annotations

import io

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from data_model.export_safety import safe_cell
from data_model.marac.pack import MARKING, MeetingPack, shown
from data_model.marac.research import SECTIONS

#: Columns written as numbers (everything else is text, ids included).
NUMERIC = {"Item", "DASH", "Age", "Cases", "Days overdue"}
SHEET_NAMES = {
    "people": "People", "linked_plans": "Linked plans", "agencies": "Agencies", "incidents": "Incidents",
    "risk_assessments": "Risk assessments", "previous_referrals": "Previous MARAC", "actions": "Open actions",
    "gaps": "Open gaps", "criteria": "Referral criteria",
}
HEADER_ROW = 3  # 0-based: marking, title, blank, then the table
WIDEST = 60


def _formats(book: xlsxwriter.Workbook) -> dict[str, object]:
    return {
        "marking": book.add_format({"bold": True, "font_color": "#A00000"}),
        "title": book.add_format({"bold": True, "font_size": 13}),
        "head": book.add_format({"bold": True, "bg_color": "#E1E5EC", "border": 1, "text_wrap": True}),
        "cell": book.add_format({"text_wrap": True, "valign": "top"}),
    }


def _write_value(sheet: Worksheet, row: int, col: int, header: str, value: str, fmt: object) -> None:
    if header in NUMERIC and value.isdigit() and len(value) < 10:
        sheet.write_number(row, col, int(value), fmt)
    else:
        sheet.write_string(row, col, safe_cell(value), fmt)


def _sheet(book: xlsxwriter.Workbook, formats: dict[str, object], name: str, title: str,
           frame: pd.DataFrame) -> Worksheet:
    """A marked sheet holding ``frame`` (already text) under a title."""
    sheet = book.add_worksheet(name)
    sheet.set_header(f"&L&B{MARKING}&R{title}")
    sheet.set_footer(f"&L&B{MARKING}&RPage &P of &N")
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.write_string(0, 0, MARKING, formats["marking"])
    sheet.write_string(1, 0, safe_cell(title), formats["title"])
    for col, header in enumerate(frame.columns):
        sheet.write_string(HEADER_ROW, col, safe_cell(str(header)), formats["head"])
        longest = max([len(str(header)), *(len(str(v)) for v in frame[header])])
        sheet.set_column(col, col, min(max(longest + 2, 6), WIDEST))
    for r, values in enumerate(frame.itertuples(index=False), start=HEADER_ROW + 1):
        for col, (header, value) in enumerate(zip(frame.columns, values, strict=True)):
            _write_value(sheet, r, col, str(header), str(value), formats["cell"])
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    if len(frame.columns):
        sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + max(len(frame), 1), len(frame.columns) - 1)
    sheet.repeat_rows(HEADER_ROW)
    return sheet


def section_frame(pack: MeetingPack, name: str) -> pd.DataFrame:
    """One research section for every case of the meeting, with the agenda item and case first."""
    parts = []
    for item, research in zip(pack.agenda["item"], pack.cases, strict=True):
        frame = shown(getattr(research, name))
        case = pd.DataFrame({"Item": [str(item)] * len(frame), "Case id": [research.plan_id] * len(frame)},
                            index=frame.index)
        parts.append(pd.concat([case, frame], axis=1))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["Item", "Case id"])


def pack_xlsx(pack: MeetingPack) -> bytes:
    """The whole pack as XLSX bytes."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    book.set_properties({"title": f"{pack.title} pack", "subject": MARKING, "author": "Linked Risk",
                         "created": pack.as_of.to_pydatetime()})
    formats = _formats(book)
    when = f"{pack.title}, as things stood on {pack.as_of.date().isoformat()}"
    _sheet(book, formats, "Agenda", f"Agenda: {when}", shown(pack.agenda))
    _sheet(book, formats, "Invitations", f"Agencies to invite: {when}", shown(pack.invitations))
    _sheet(book, formats, "Invitation details", f"What each agency must bring: {when}", shown(pack.invitation_rows))
    for name, title in SECTIONS:
        _sheet(book, formats, SHEET_NAMES[name], f"{title}: {when}", section_frame(pack, name))
    book.close()
    return buffer.getvalue()
