"""The meeting pack as a PDF for circulation: agenda, invitations, then each case's research.

Drawn with fpdf2 in DejaVu Sans, embedded from ``fonts/`` (shipped in the package, so names with
accents print the same on any machine). Every page carries the "RESTRICTED – contains personal
data" marking in its header and footer. Text is drawn as text: tables have markdown off, and
control characters are replaced, so a name like ``**<script>`` prints as those characters.
The PDF's metadata hold no personal data: only the meeting date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pandas as pd
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import FontFace

from data_model.marac.pack import MARKING, MeetingPack, case_facts, case_heading, shown

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
BODY_PT = 8
RED = (160, 0, 0)
HEADING_FILL = (225, 229, 236)
OVERDUE_FILL = (255, 221, 214)
#: The agenda's columns on paper (the repeat sentence is printed under each case instead).
AGENDA_COLUMNS = ["item", "plan_id", "referred", "victim", "perpetrator", "children", "referral_criterion",
                  "dash_score", "is_repeat", "repeat_not_flagged", "lead_agency"]
#: Control characters, and the invisible ones that reorder text (bidirectional overrides).
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MISSING = "\ufffd"  # drawn for a character the font has no glyph for
WIDEST = 90.0  # mm: a column grows to fit its longest text up to this, then wraps


@cache
def _glyphs() -> frozenset[int]:
    """The characters the embedded fonts can draw (both faces hold the same set)."""
    return frozenset(TTFont(FONTS / "DejaVuSans.ttf").getBestCmap())


def clean(text: object) -> str:
    r"""Text safe to draw: control characters become spaces (newlines stay), and a character the
    font cannot draw becomes U+FFFD, so nothing is silently dropped or logged by the PDF library.

    Examples
    --------
    >>> clean("Zoë\u202e Ó\tBriain 李")
    'Zoë  Ó Briain �'
    """
    glyphs = _glyphs()
    text = CONTROL.sub(" ", str(text))
    return "".join(c if ord(c) in glyphs or c == "\n" else MISSING for c in text)


class PackPDF(FPDF):
    """An A4 landscape page with the marking and the meeting in the header, and page numbers."""

    def __init__(self, title: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.pack_title = title
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=15)
        self.alias_nb_pages()

    def header(self) -> None:
        self.set_font(FAMILY, "B", 9)
        self.set_text_color(*RED)
        self.cell(0, 6, MARKING.upper(), new_x="LMARGIN", new_y="TOP", align="L")
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, "", 9)
        self.cell(0, 6, self.pack_title, new_x="LMARGIN", new_y="NEXT", align="R")
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "B", 8)
        self.set_text_color(*RED)
        self.cell(0, 6, MARKING.upper(), align="L")
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="R")


def _widths(pdf: PackPDF, frame: pd.DataFrame) -> tuple[float, ...]:
    """Column widths (mm) that fit the page: each column gets its longest word (so words are not
    broken), then the room left goes to columns whose text would wrap, in proportion to it."""
    pad = 2.5
    need, want = [], []
    for column in frame.columns:
        cells = [clean(column), *(clean(v) for v in frame[column])]
        pdf.set_font(FAMILY, "B" if column == frame.columns[0] else "", BODY_PT)
        words = [w for cell in cells for w in cell.split()] or [""]
        need.append(max(pdf.get_string_width(w) for w in words) + pad)
        longest = max(cells, key=len)
        want.append(max(need[-1], min(pdf.get_string_width(longest) + pad, WIDEST)))
    room = pdf.epw - sum(need)
    if room <= 0:
        return tuple(n * pdf.epw / sum(need) for n in need)
    extra = [w - n for w, n in zip(want, need, strict=True)]
    share = sum(extra) or 1.0
    grow = min(1.0, room / share)
    widths = [n + e * grow for n, e in zip(need, extra, strict=True)]
    spare = pdf.epw - sum(widths)
    return tuple(w + spare * w / sum(widths) for w in widths)


def _heading(pdf: PackPDF, text: str, size: int = 11) -> None:
    if pdf.will_page_break(20):
        pdf.add_page()
    pdf.set_font(FAMILY, "B", size)
    pdf.multi_cell(0, 6, clean(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", BODY_PT)


def _paragraph(pdf: PackPDF, text: str) -> None:
    pdf.set_font(FAMILY, "", 9)
    pdf.multi_cell(0, 5, clean(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _table(pdf: PackPDF, frame: pd.DataFrame, empty: str = "None recorded.", flag: str | None = None,
           flag_value: str = "") -> None:
    """``frame`` (already text) as a table with a repeated heading row; rows with ``flag`` ==
    ``flag_value`` shaded (e.g. overdue actions)."""
    if frame.empty:
        _paragraph(pdf, empty)
        return
    pdf.set_font(FAMILY, "", BODY_PT)
    headings = FontFace(emphasis="BOLD", fill_color=HEADING_FILL)
    widths = _widths(pdf, frame)
    pdf.set_font(FAMILY, "", BODY_PT)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4, headings_style=headings,
                   markdown=False, width=pdf.epw, padding=0.8) as table:
        table.row([clean(c) for c in frame.columns])
        for values in frame.itertuples(index=False):
            shade = flag is not None and values[list(frame.columns).index(flag)] == flag_value
            style = FontFace(fill_color=OVERDUE_FILL) if shade else None
            row = table.row(style=style)
            for value in values:
                row.cell(clean(value))
    pdf.ln(3)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _cover(pdf: PackPDF, pack: MeetingPack) -> None:
    pdf.add_page()
    _heading(pdf, f"{pack.title}: meeting pack", 16)
    agenda = pack.agenda
    _paragraph(pdf, f"Prepared from Linked Risk as things stood on {pack.as_of.date().isoformat()}. "
               f"{_count(len(agenda), 'case')}; {int(agenda['is_repeat'].sum())} flagged as repeats; "
               f"{_count(int(agenda['repeat_not_flagged'].sum()), 'repeat')} the data shows but the referral did "
               "not flag.")
    _paragraph(pdf, "This pack holds personal data shared for the MARAC under your information-sharing "
               "agreement. Keep it secure, share it only with those attending, and destroy it after the meeting.")
    _heading(pdf, "Agenda")
    _table(pdf, shown(agenda[AGENDA_COLUMNS]))
    _heading(pdf, "Agencies to invite")
    _table(pdf, shown(pack.invitations[["agency", "sector", "cases", "items"]]))


def _case(pdf: PackPDF, pack: MeetingPack, row: pd.Series) -> None:
    pdf.add_page()
    _heading(pdf, case_heading(row), 12)
    _paragraph(pdf, case_facts(row))
    if row["repeat_note"]:
        _paragraph(pdf, f"Repeat not flagged: {row['repeat_note']}")
    research = pack.case(str(row["plan_id"]))
    for title, frame in research.sections():
        _heading(pdf, title, 10)
        if title.startswith("Open actions"):
            _table(pdf, shown(frame), empty="No open actions.", flag="State", flag_value="overdue")
        else:
            _table(pdf, shown(frame))


def pack_pdf(pack: MeetingPack) -> bytes:
    """The whole pack as PDF bytes: a cover with the agenda and invitations, then a page per case."""
    pdf = PackPDF(pack.title)
    pdf.set_title(f"{pack.title} pack")
    pdf.set_subject(MARKING)
    pdf.set_creator("Linked Risk")
    when = pack.as_of.to_pydatetime().replace(tzinfo=dt.UTC)
    pdf.set_creation_date(when)
    _cover(pdf, pack)
    for _, row in pack.agenda.iterrows():
        _case(pdf, pack, row)
    return bytes(pdf.output())
