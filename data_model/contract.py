"""Validating raw contract rows into typed tables, and explaining every row that is rejected.

``validate`` never drops a row silently: each row either becomes part of a typed table or a
:class:`Rejection` naming its table, line, column and a plain-English reason. Checks run a whole
column at a time (pandas), so that a million-person dataset validates in seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from data_model.schema import REQUIRED_TABLES, TABLES, Column, Table
from data_model.sources import RawDataset, RawTable, SourceError

TRUE_WORDS = {"true", "yes", "1"}
FALSE_WORDS = {"false", "no", "0", ""}
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
FIRST_YEAR, LAST_YEAR = 1900, 2199
DATE_DTYPE = "datetime64[s]"
MAX_ID_LENGTH = 200  # ids are keys in the database
ARTICLE = {
    "agencies": "an agency",
    "households": "a household",
    "people": "a person",
    "practitioners": "a practitioner",
    "plans": "a plan",
    "concerns": "a concern",
    "consents": "a consent decision",
}

#: Progress callback: (what is happening, fraction done from 0 to 1).
Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Rejection:
    """A row that breaks the contract, with the cells it had so that it can be fixed."""

    table: str
    line: int
    column: str
    reason: str
    cells: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"{self.table}:{self.line}:{self.column}: {self.reason}"


@dataclass
class Validated:
    """The typed tables (one DataFrame per contract table, absent ones empty) and the rejections."""

    tables: dict[str, pd.DataFrame]
    rejections: list[Rejection]
    ignored: list[str] = field(default_factory=list)

    def rejected_count(self, table: str) -> int:
        return sum(1 for r in self.rejections if r.table == table)


def empty_frame(table: Table) -> pd.DataFrame:
    return typed_frame(table, pd.DataFrame({c: pd.Series([], dtype=object) for c in table.column_names}))


def _text_frame(raw: RawTable, table: Table) -> tuple[pd.DataFrame, pd.Series]:
    """Raw rows as a frame of stripped text, every contract column present; and shape errors."""
    width = len(raw.header)
    counts = pd.Series([len(r) for r in raw.rows], dtype="int64")
    padded = [r if len(r) == width else (r + [""] * width)[:width] for r in raw.rows]
    frame = pd.DataFrame(padded, columns=raw.header, dtype=object)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    text = pd.DataFrame(index=frame.index)
    for name in table.column_names:
        if name in frame.columns:
            text[name] = frame[name].fillna("").astype(str).str.strip()
        else:
            text[name] = ""
    shape = pd.Series("", index=frame.index, dtype=object)
    wrong = counts != width
    shape[wrong.to_numpy()] = [f"has {n} values but the header names {width} columns" for n in counts[wrong]]
    return text, shape


def _column_reasons(col: Column, values: pd.Series, present: bool) -> pd.Series:
    """A reason for every cell of ``values`` that breaks the column's rule ('' where it is fine)."""
    reasons = pd.Series("", index=values.index, dtype=object)
    empty = values == ""
    if col.required:
        if not present:
            reasons[:] = f"the required column {col.name} is missing from the header"
            return reasons
        reasons[empty] = f"{col.name} is required but empty"
    filled = ~empty
    if col.kind in ("id", "ref"):
        long = values.str.len() > MAX_ID_LENGTH
        reasons[long] = f"{col.name} is longer than {MAX_ID_LENGTH} characters"
    if col.kind == "date":
        parsed = pd.to_datetime(values.where(filled), format="%Y-%m-%d", errors="coerce")
        bad = filled & (~values.str.fullmatch(ISO_DATE) | parsed.isna())
        reasons[bad] = [f"'{v}' is not a date in YYYY-MM-DD form" for v in values[bad]]
        year = parsed.dt.year
        odd = filled & ~bad & ((year < FIRST_YEAR) | (year > LAST_YEAR))
        reasons[odd] = [f"'{v}' is outside {FIRST_YEAR}-{LAST_YEAR}: check the year" for v in values[odd]]
    elif col.kind == "bool":
        bad = ~values.str.lower().isin(TRUE_WORDS | FALSE_WORDS)
        reasons[bad] = [f"'{v}' is not true or false" for v in values[bad]]
    elif col.kind == "code":
        assert col.enum is not None
        allowed = {m.value.lower() for m in col.enum}
        bad = filled & ~values.str.lower().isin(allowed)
        choices = ", ".join(m.value for m in col.enum)
        reasons[bad] = [f"'{v}' is not a known {col.name} (expected one of: {choices})" for v in values[bad]]
    elif col.kind == "codes":
        assert col.enum is not None
        allowed = {m.value.lower() for m in col.enum}
        for index, value in values[filled].items():
            unknown = [c for c in (p.strip().lower() for p in value.split(";")) if c and c not in allowed]
            if unknown:
                reasons[index] = f"'{unknown[0]}' is not a known {col.name} code"
    elif col.kind == "int":
        number = pd.to_numeric(values.where(filled), errors="coerce")
        whole = values.str.fullmatch(r"[+-]?\d+")
        bad = filled & (~whole | (number < col.low) | (number > col.high))
        reasons[bad] = [f"'{v}' is not a whole number from {col.low} to {col.high}" for v in values[bad]]
    return reasons


def _first_reasons(text: pd.DataFrame, shape: pd.Series, table: Table, header: list[str]):
    """Per row: the first column that breaks a rule, and why ('' where the row is fine)."""
    reason = shape.copy()
    column = pd.Series("", index=text.index, dtype=object)
    column[shape != ""] = "*"
    for col in table.columns:
        found = _column_reasons(col, text[col.name], col.name in header)
        nul = text[col.name].str.contains("\x00", regex=False)
        found[nul] = f"{col.name} contains a NUL character, which cannot be stored: remove it"
        new = (reason == "") & (found != "")
        reason[new] = found[new]
        column[new] = col.name
    return reason, column


def _canonical(col: Column, values: pd.Series) -> pd.Series:
    """Codes in their enum spelling, so ``marac`` and ``MARAC`` key and compare alike."""
    if col.kind == "code" and col.enum is not None:
        lookup = {m.value.lower(): m.value for m in col.enum}
        return values.str.lower().map(lookup).fillna("")
    return values


def typed_frame(table: Table, text: pd.DataFrame) -> pd.DataFrame:
    """Convert valid text cells to their types: dates, booleans, nullable ints, canonical codes."""
    out = pd.DataFrame(index=text.index)
    for col in table.columns:
        values = text[col.name].astype(object)
        if col.kind == "date":
            out[col.name] = pd.to_datetime(values.where(values != ""), format="%Y-%m-%d").astype(DATE_DTYPE)
        elif col.kind == "bool":
            out[col.name] = values.str.lower().isin(TRUE_WORDS).astype(bool)
        elif col.kind == "int":
            out[col.name] = pd.to_numeric(values.where(values != "")).astype("Int64")
        elif col.kind == "codes":
            assert col.enum is not None
            lookup = {m.value.lower(): m.value for m in col.enum}
            out[col.name] = [
                ";".join(sorted({lookup[p.strip().lower()] for p in v.split(";") if p.strip()})) for v in values
            ]
        elif col.kind in ("code", "ref"):
            canon = _canonical(col, values)
            out[col.name] = pd.Series([v or None for v in canon], index=canon.index, dtype=object)
        else:
            out[col.name] = values.astype(object)
    return out.reset_index(drop=True)


def _references(table: Table, dataset: RawDataset, known: Mapping[str, set[str]]) -> list[Column]:
    refs = []
    for col in table.columns:
        if col.kind != "ref":
            continue
        if col.name == "household_id" and "households" not in dataset.tables and not known.get("households"):
            continue  # without a households table, household_id is a plain grouping key
        refs.append(col)
    return refs


def validate(
    dataset: RawDataset,
    known: Mapping[str, set[str]] | None = None,
    progress: Progress | None = None,
) -> Validated:
    """Check every row against the contract; ``known`` holds ids already stored, per table.

    Rows are checked for shape, each column's rule, duplicate keys and references (to rows of
    this dataset that were accepted, or to ``known`` ids). A row referring to a rejected row is
    rejected too, naming it.
    """
    known = known or {}
    for name in REQUIRED_TABLES:
        if name not in dataset.tables and not known.get(name):
            raise SourceError(f"The dataset has no {name} table: a {name}.csv file or sheet is required.")
    tables: dict[str, pd.DataFrame] = {}
    rejections: list[Rejection] = []
    accepted_ids: dict[str, set[str]] = {}
    rejected_ids: dict[str, dict[str, int]] = {}
    total = sum(len(t) for t in dataset.tables.values()) or 1
    done = 0
    for table in TABLES:
        raw = dataset.tables.get(table.name)
        if raw is None:
            tables[table.name] = empty_frame(table)
            accepted_ids[table.name] = set()
            continue
        if progress:
            progress(f"Checking {table.name}", done / total)
        text, shape = _text_frame(raw, table)
        reason, column = _first_reasons(text, shape, table, raw.header)
        key = (
            pd.Series(
                list(zip(*(_canonical(table.column(k), text[k]) for k in table.key), strict=True)), index=text.index
            )
            if len(table.key) > 1
            else text[table.key[0]]
        )
        lines = pd.Series(raw.lines, index=text.index)
        has_key = text[table.key[0]] != "" if table.id_column else pd.Series(True, index=text.index)
        dup = key.duplicated(keep="first") & has_key
        if dup.any():
            first_line = lines[~key.duplicated(keep="first")].groupby(key[~key.duplicated(keep="first")]).first()
            new = dup & (reason == "")
            label = table.id_column or "key (" + ", ".join(table.key) + ")"
            reason[new] = [
                f"duplicate {label} {k if isinstance(k, str) else '/'.join(k)!r}: line {first_line[k]} already has it"
                for k in key[new]
            ]
            column[new] = table.key[0]
        for col in _references(table, dataset, known):
            target = col.table or ""
            # object dtype: pandas' Arrow-string isin converts a large id set one value at a time.
            values = text[col.name].astype(object)
            ok = (values == "") | values.isin(accepted_ids.get(target, set())) | values.isin(known.get(target, set()))
            new = (reason == "") & ~ok
            thing = ARTICLE.get(target, target)
            failed = rejected_ids.get(target, {})
            reason[new] = [
                f"refers to {target} line {failed[v]} ({col.name} {v!r}), which was rejected"
                if v in failed
                else f"refers to {thing} that does not exist ({col.name} {v!r})"
                for v in values[new]
            ]
            column[new] = col.name
        bad = reason != ""
        for index in bad[bad].index:
            cells = dict(zip(raw.header, raw.rows[index], strict=False))
            rejections.append(Rejection(table.name, int(lines[index]), column[index], reason[index], cells))
        if table.id_column:
            ids = text[table.id_column]
            accepted_ids[table.name] = set(ids[~bad])
            rejected_ids[table.name] = {
                i: int(n) for i, n in zip(ids[bad], lines[bad], strict=True) if i and i not in accepted_ids[table.name]
            }
        tables[table.name] = typed_frame(table, text[~bad])
        done += len(raw)
    if progress:
        progress("Checked", 1.0)
    rejections.sort(key=lambda r: ([t.name for t in TABLES].index(r.table), r.line))
    return Validated(tables, rejections, list(dataset.ignored))
