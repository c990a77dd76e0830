"""Small partnerships for examples and tests, written as a few lines of CSV per table.

Examples
--------
>>> p = partnership(people="person_id,date_of_birth\\nC1,2015-03-01")
>>> p.people.loc[0, "date_of_birth"].year
2015
"""

from __future__ import annotations

from textwrap import dedent

from data_model.contract import validate
from data_model.partnership import Partnership
from data_model.sources import RawDataset, RawTable

DEFAULT_AGENCIES = (
    "agency_id,name,sector\nA1,Northbrook Police,police\nCSC,Northbrook Children's Services,children_social_care"
)


def raw_table(name: str, text: str) -> RawTable:
    import csv
    import io

    lines = list(csv.reader(io.StringIO(dedent(text).strip())))
    table = RawTable(name, [h.strip().lower() for h in lines[0]])
    for number, cells in enumerate(lines[1:], start=2):
        table.rows.append(cells)
        table.lines.append(number)
    return table


def partnership(**tables: str) -> Partnership:
    """A validated Partnership from CSV text per table; any rejected row is an error here.

    ``agencies`` defaults to a police force (``A1``) and a children's services (``CSC``).
    """
    tables.setdefault("agencies", DEFAULT_AGENCIES)
    tables.setdefault("people", "person_id")
    dataset = RawDataset({name: raw_table(name, text) for name, text in tables.items()})
    validated = validate(dataset)
    if validated.rejections:
        raise ValueError("; ".join(str(r) for r in validated.rejections))
    return Partnership(validated.tables)
