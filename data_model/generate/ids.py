"""Ids of generated rows.

People, households and practitioners are referred to by their row number (``-1`` for none)
while the borough is built; they get their ids when the tables are written.

Examples
--------
>>> format_ids("CN", np.array([1, 12]), 4).tolist()
['CN0001', 'CN0012']
>>> numbered_ids("people", np.array([0, -1])).tolist()
['P0000001', '']
"""

from __future__ import annotations

import numpy as np

#: Prefix and width of the ids of rows referred to by number while building.
NUMBERED = {"people": ("P", 7), "households": ("H", 7), "practitioners": ("PR", 5)}


def format_ids(prefix: str, numbers: np.ndarray, width: int = 7) -> np.ndarray:
    """``prefix`` and each number, zero-padded to ``width`` digits."""
    numbers = np.asarray(numbers, dtype=np.int64)
    if not len(numbers):
        return np.empty(0, dtype=object)
    return np.char.add(prefix, np.char.zfill(numbers.astype(str), width)).astype(object)


def numbered_ids(table: str, rows: np.ndarray) -> np.ndarray:
    """The ids of people, households or practitioners by row number (empty for -1)."""
    prefix, width = NUMBERED[table]
    rows = np.asarray(rows, dtype=np.int64)
    return np.where(rows >= 0, format_ids(prefix, rows + 1, width), "").astype(object)


def sequential_ids(prefix: str, count: int, width: int = 7) -> np.ndarray:
    """``prefix`` numbered from 1 to ``count``."""
    return format_ids(prefix, np.arange(1, count + 1), width)
