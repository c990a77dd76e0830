"""A corpus of hostile text, and a contract folder that carries it in every free-text field.

Names, addresses and summaries come from agencies' exports, so each may be crafted: markup that
would run in a browser, cells a spreadsheet would run as formulas, SQL, direction overrides,
characters databases choke on, and sheer length. Every test of escaping and storage reads from
here, so a new trick added once is tried everywhere.
"""

from __future__ import annotations

import csv
from pathlib import Path

#: Markup that runs script if it reaches a page unescaped.
MARKUP = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "</textarea><b>bold</b>",
    "<iframe src=javascript:alert(1)>",
    "javascript:alert(1)",
)
#: Cells a spreadsheet would run as formulas (OWASP CSV injection).
FORMULAS = (
    "=cmd|' /C calc'!A0",
    "+SUM(1)",
    "@import",
    "-2+3",
    '=HYPERLINK("http://evil.example","click")',
    "=1+1\t",
)
#: Everything else that has broken software before.
OTHER = (
    "Robert'); DROP TABLE people;--",
    "O'Brien",
    '"quoted" name',
    "back\\slash",
    "\u202eevil\u202c",  # right-to-left override
    "Zoë Ünïcødé 名前",
    "{{7*7}} ${7*7}",
    "&lt;already escaped&gt; &amp;",
    "**bold** _under_ [link](http://x)",
    "line\nbreak",
    "L" + "o" * 4000 + "ng",
)
HOSTILE = MARKUP + FORMULAS + OTHER
#: Short hostile strings that may also be ids (ids are keys, at most 200 characters).
HOSTILE_IDS = ("<script>x</script>", "=1+1", "Robert'); DROP TABLE people;--", "a'b\"c")
#: The MARAC meeting that hears the hostile case.
MEETING = "2026-03-10"


def stored(text: str) -> str:
    """What the importer keeps of a cell: the contract trims spaces at either end."""
    return text.strip()


def _write(folder: Path, name: str, header: list[str], rows: list[list[str]]) -> None:
    with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def hostile_folder(folder: Path) -> Path:
    """A valid contract folder whose names, addresses and summaries are all hostile text."""
    folder.mkdir(parents=True, exist_ok=True)
    n = len(HOSTILE)
    _write(folder, "agencies", ["agency_id", "name", "sector"],
           [["A1", HOSTILE[0], "police"], ["CSC", HOSTILE[1], "children_social_care"]])
    _write(folder, "households", ["household_id", "address", "postcode"],
           [[f"H{i}", text, "NB1 2AB"] for i, text in enumerate(HOSTILE)])
    people = [[f"P{i}", text, HOSTILE[(i + 1) % n], "1990-01-01", "female", f"H{i}"] for i, text in enumerate(HOSTILE)]
    people += [[pid, "Id", "Test", "2015-01-01", "", ""] for pid in HOSTILE_IDS]
    _write(folder, "people", ["person_id", "given_name", "family_name", "date_of_birth", "gender", "household_id"],
           people)
    _write(folder, "practitioners", ["practitioner_id", "agency_id", "name", "role", "email"],
           [[f"X{i}", "A1", text, HOSTILE[(i + 2) % n], "x@example.org"] for i, text in enumerate(HOSTILE)])
    _write(folder, "involvements", ["practitioner_id", "person_id", "role", "start_date"],
           [[f"X{i}", f"P{i}", "worker", "2024-01-01"] for i in range(n)])
    _write(folder, "relationships", ["person_id", "related_person_id", "relationship"],
           [["P0", HOSTILE_IDS[0], "parent"], ["P1", HOSTILE_IDS[1], "parent"]])
    _write(folder, "plans", ["plan_id", "plan_type", "lead_agency_id", "start_date", "meeting_date"],
           [["PL1", "CP_PLAN", "CSC", "2026-01-01", ""], [HOSTILE_IDS[0], "MARAC", "A1", "2026-02-01", MEETING]])
    _write(folder, "plan_members", ["plan_id", "person_id", "role"],
           [["PL1", HOSTILE_IDS[0], "subject"], [HOSTILE_IDS[0], "P0", "victim"]])
    _write(folder, "concerns", ["concern_id", "person_id", "date", "significant_harm_suspected", "summary"],
           [[f"C{i}", f"P{i}", "2026-03-01", "false", text] for i, text in enumerate(HOSTILE)])
    _write(folder, "actions", ["action_id", "plan_id", "owner_agency_id", "description", "due_date"],
           [[f"ACT{i}", HOSTILE_IDS[0] if i % 2 else "PL1", "A1", text, "2026-06-01"]
            for i, text in enumerate(HOSTILE)])
    return folder
