"""Small-number suppression for aggregate tables, primary and secondary.

Primary: a count from 1 to ``threshold - 1`` is hidden (zeros are shown: a zero tells nothing
about a person). Secondary: counts that add up along a dimension form a *line* (e.g. one row of a
cross-table, across its columns), whose total a reader may know or be shown; a line with exactly
one hidden cell would give it away, so the smallest other cell of that line is hidden too
(preferring non-zero cells, and inner cells over a total cell), repeating until every line hides
none or at least two. This is the usual heuristic, not an optimal (linear-programming) cell
suppression: it protects against totals along each additive dimension, one at a time.

A hidden count becomes ``<NA>``; a rate is hidden whenever a count it is made from is.

Examples
--------
>>> t = pd.DataFrame({"area": ["A", "B", "C"], "people": [12, 3, 9]})
>>> suppress(t, counts=["people"], dims=["area"])["people"].tolist()
[12, <NA>, <NA>]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

THRESHOLD = 5
TOTAL = "Total"


def primary_mask(values: pd.Series, threshold: int = THRESHOLD) -> pd.Series:
    """True where a count is small enough to identify someone: from 1 to ``threshold - 1``."""
    numbers = pd.to_numeric(values).astype("Float64")
    return ((numbers > 0) & (numbers < threshold)).fillna(False).astype(bool)


def _lines(frame: pd.DataFrame, dims: Sequence[str], additive: Sequence[str]) -> list[np.ndarray]:
    """Positions of the cells of every line: for each additive dimension, the other dims held fixed."""
    found: list[np.ndarray] = []
    for along in additive:
        fixed = [d for d in dims if d != along]
        if not fixed:
            found.append(np.arange(len(frame)))
            continue
        groups = frame.reset_index(drop=True).groupby(fixed, sort=False, dropna=False).indices
        found.extend(np.asarray(v) for v in groups.values())
    return [line for line in found if len(line) > 1]


def _complement(line: np.ndarray, values: np.ndarray, hidden: np.ndarray, is_total: np.ndarray) -> int:
    """The cell of ``line`` to hide with a lone hidden cell: inner, non-zero, smallest first."""
    open_cells = [i for i in line if not hidden[i]]
    return min(open_cells, key=lambda i: (is_total[i], values[i] == 0, values[i], i))


def secondary_mask(
    frame: pd.DataFrame,
    count: str,
    dims: Sequence[str],
    hidden: pd.Series,
    additive: Sequence[str] | None = None,
    total_label: str = TOTAL,
) -> pd.Series:
    """``hidden`` grown so that no line along an ``additive`` dimension hides exactly one cell."""
    values = pd.to_numeric(frame[count]).astype("Float64").fillna(0).to_numpy()
    mask = hidden.to_numpy(dtype=bool).copy()
    is_total = np.zeros(len(frame), dtype=bool)
    for d in dims:
        is_total |= (frame[d].astype(object) == total_label).to_numpy()
    lines = _lines(frame, dims, dims if additive is None else additive)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if mask[line].sum() == 1:
                mask[_complement(line, values, mask, is_total)] = True
                changed = True
    return pd.Series(mask, index=frame.index)


def suppression_mask(
    frame: pd.DataFrame,
    count: str,
    dims: Sequence[str],
    additive: Sequence[str] | None = None,
    threshold: int = THRESHOLD,
    total_label: str = TOTAL,
) -> pd.Series:
    """True for every cell of ``count`` to hide: primary, then secondary."""
    first = primary_mask(frame[count], threshold)
    return secondary_mask(frame, count, dims, first, additive, total_label)


def suppress(
    frame: pd.DataFrame,
    counts: Sequence[str],
    dims: Sequence[str],
    additive: Sequence[str] | None = None,
    threshold: int = THRESHOLD,
    rates: Mapping[str, Sequence[str]] | None = None,
    total_label: str = TOTAL,
) -> pd.DataFrame:
    """A copy of ``frame`` with small counts, their complements and rates made from them hidden.

    Parameters
    ----------
    frame : DataFrame
        An aggregate table: one row per cell, its classification in ``dims``.
    counts : column names
        The count columns; each is suppressed on its own.
    dims : column names
        The columns that classify a cell (other columns are labels and are kept).
    additive : column names, optional
        The dims along which counts add up to a total (default: all of ``dims``); for example
        not a purpose when one event can name several, nor overlapping rolling periods.
    threshold : int
        Counts from 1 to ``threshold - 1`` are hidden; 0 or 1 turns suppression off.
    rates : mapping, optional
        Rate column -> the count columns it is made from.
    """
    masks = suppression_masks(frame, counts, dims, additive, threshold, rates, total_label)
    return apply_masks(frame, masks)


def suppression_masks(
    frame: pd.DataFrame,
    counts: Sequence[str],
    dims: Sequence[str],
    additive: Sequence[str] | None = None,
    threshold: int = THRESHOLD,
    rates: Mapping[str, Sequence[str]] | None = None,
    total_label: str = TOTAL,
) -> dict[str, pd.Series]:
    """For each count and rate column, True where :func:`suppress` hides the cell."""
    hidden = {c: suppression_mask(frame, c, dims, additive, threshold, total_label) for c in counts}
    for rate, sources in (rates or {}).items():
        hidden[rate] = pd.Series(np.logical_or.reduce([hidden[s].to_numpy() for s in sources]), index=frame.index)
    return hidden


def apply_masks(frame: pd.DataFrame, masks: Mapping[str, pd.Series]) -> pd.DataFrame:
    """A copy of ``frame`` with the masked cells empty (``<NA>``)."""
    out = frame.copy()
    for column, mask in masks.items():
        numbers = pd.to_numeric(out[column])
        typed = numbers.astype("Int64") if pd.api.types.is_integer_dtype(numbers) else numbers.astype("Float64")
        out[column] = typed.mask(mask.to_numpy())
    return out
