"""Pattern tables made safe for analysts: tokens for ids, months for dates, small numbers hidden.

Only the columns the catalogue declares are kept, each treated by its :class:`Kind`: people,
plans, households and clusters become keyed tokens (:mod:`data_model.pseudonymise`), the dates of
events become their month (``YYYY-MM``: a day of an event beside a small area can single someone
out), and in aggregate tables every count below the threshold is suppressed with its complements
(:mod:`data_model.suppression`). Names, dates of birth, addresses, free text and raw ids never
appear: no pattern table declares them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from data_model.errors import UserError
from data_model.patterns.catalogue import REPORTS, REPORTS_BY_NAME, TOKEN_KINDS, Kind, PatternTable, Report, build_table
from data_model.patterns.inputs import PatternInputs
from data_model.pseudonymise import Pseudonymiser, months
from data_model.suppression import apply_masks, suppression_masks

#: How each kind is treated for analysts, for the data dictionary.
TREATMENT = {
    Kind.PERSON: "keyed token (HMAC-SHA256)", Kind.PLAN: "keyed token (HMAC-SHA256)",
    Kind.HOUSEHOLD: "keyed token (HMAC-SHA256)", Kind.CLUSTER: "keyed token (HMAC-SHA256)",
    Kind.DATE: "month (YYYY-MM)", Kind.PERIOD: "as is", Kind.AGENCY: "as is", Kind.CATEGORY: "as is",
    Kind.AREA: "postcode district", Kind.COUNT: "suppressed in aggregate tables ([c])",
    Kind.RATE: "hidden when a count it is made from is ([c])", Kind.NUMBER: "as is",
}


@dataclass(frozen=True)
class ExportTable:
    """A table ready to render: its frame, and the columns where an empty cell means suppressed."""

    name: str
    description: str
    frame: pd.DataFrame
    #: Per suppressed column, True where a cell was hidden (an empty cell elsewhere is just empty).
    hidden: Mapping[str, pd.Series] = field(default_factory=dict)


def chosen_reports(names: Sequence[str] | None) -> list[Report]:
    """The reports named (all when none); an unknown name is a :class:`UserError`."""
    if not names:
        return list(REPORTS)
    unknown = [n for n in names if n not in REPORTS_BY_NAME]
    if unknown:
        raise UserError(f"{unknown[0]!r} is not a pattern report; the reports are: {', '.join(REPORTS_BY_NAME)}.")
    return [r for r in REPORTS if r.name in names]


def analyst_table(table: PatternTable, frame: pd.DataFrame, pseud: Pseudonymiser, threshold: int) -> ExportTable:
    """``frame`` (identifiable, from :func:`build_table`) made safe for analysts."""
    out = pd.DataFrame(index=frame.index)
    for col in table.columns:
        values = frame[col.name]
        if col.kind in TOKEN_KINDS:
            out[col.name] = pseud.tokens(TOKEN_KINDS[col.kind], values)
        elif col.kind is Kind.DATE:
            out[col.name] = months(values)
        else:
            out[col.name] = values
    out = out.reset_index(drop=True)
    masks: dict[str, pd.Series] = {}
    if table.aggregate:
        counts = [c.name for c in table.columns if c.kind is Kind.COUNT]
        rates = {c.name: c.of for c in table.columns if c.kind is Kind.RATE}
        masks = suppression_masks(out, counts, list(table.dims), list(table.additive), threshold, rates)
        out = apply_masks(out, masks)
    return ExportTable(table.name, table.description, out, masks)


def analyst_frame(table: PatternTable, frame: pd.DataFrame, pseud: Pseudonymiser, threshold: int) -> pd.DataFrame:
    """Just the frame of :func:`analyst_table`."""
    return analyst_table(table, frame, pseud, threshold).frame


def analyst_tables(
    inputs: PatternInputs, pseud: Pseudonymiser, reports: Sequence[str] | None = None, aggregates_only: bool = False
) -> list[ExportTable]:
    """Every table of the chosen reports, safe for analysts, in catalogue order.

    With ``aggregates_only``, only the aggregate (suppressed) tables: an export fit to publish.
    Record-level tables hold one row per household, person, plan or cluster (as tokens): they are
    for analysis inside the partnership, and counting their rows undoes suppression.
    """
    threshold = inputs.options.threshold
    tables = [t for r in chosen_reports(reports) for t in r.tables if t.aggregate or not aggregates_only]
    return [analyst_table(t, build_table(t, inputs), pseud, threshold) for t in tables]


def data_dictionary(reports: Sequence[str] | None = None, aggregates_only: bool = False) -> pd.DataFrame:
    """One row per column of every table exported: what it holds and how it was made safe."""
    tables = [t for r in chosen_reports(reports) for t in r.tables if t.aggregate or not aggregates_only]
    rows = [
        {"table": t.name, "column": c.name, "kind": c.kind.value,
         "treatment": TREATMENT[c.kind] if (t.aggregate or c.kind not in (Kind.COUNT, Kind.RATE)) else "as is",
         "description": c.description}
        for t in tables for c in t.columns
    ]
    return pd.DataFrame(rows, columns=["table", "column", "kind", "treatment", "description"])
