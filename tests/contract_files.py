"""Write small contract datasets for tests: a table is a few lines of CSV text."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

AGENCIES = (
    "agency_id,name,sector\nA1,Northbrook Police,police\nA2,Northbrook Children's Services,children_social_care\n"
)
PEOPLE = (
    "person_id,given_name,family_name,date_of_birth,gender,household_id\n"
    "P1,Ann,Smith,1990-05-01,female,H1\nP2,Ben,Smith,2015-02-03,male,H1\n"
)


def write_folder(folder: Path, **tables: str) -> Path:
    """Write ``<table>.csv`` for each keyword (CSV text, dedented); agencies and people default."""
    folder.mkdir(parents=True, exist_ok=True)
    tables.setdefault("agencies", AGENCIES)
    tables.setdefault("people", PEOPLE)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return folder
