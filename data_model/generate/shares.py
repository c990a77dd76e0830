"""Exact shares: splitting a count into categories, and choosing which records the synthetic
borough gets wrong.

Each imperfection has a share (:mod:`data_model.generate.rates`); at least one eligible record is
always chosen, so that even a small borough shows every kind of gap.

Examples
--------
>>> rng = np.random.default_rng(0)
>>> int(pick(rng, np.ones(10, dtype=bool), 0.01).sum())  # a share of 1% of ten still picks one
1
>>> int(pick(rng, np.ones(1000, dtype=bool), 0.05).sum())
50
>>> int(pick(rng, np.zeros(5, dtype=bool), 0.5).sum())
0
"""

from __future__ import annotations

import numpy as np


def pick(rng: np.random.Generator, eligible: np.ndarray, share: float, at_least: int = 1) -> np.ndarray:
    """A mask choosing ``share`` of the ``eligible`` rows (at least ``at_least``, if there are any)."""
    eligible = np.asarray(eligible, dtype=bool)
    rows = np.flatnonzero(eligible)
    count = min(len(rows), max(at_least, round(float(share * len(rows)))))
    chosen = np.zeros(len(eligible), dtype=bool)
    chosen[rng.choice(rows, size=count, replace=False)] = True
    return chosen


def allocate(rng: np.random.Generator, count: int, shares: dict[str, float]) -> np.ndarray:
    """``count`` labels in exactly these shares (largest remainders), in random order.

    Examples
    --------
    >>> sorted(allocate(np.random.default_rng(0), 8, {"a": 0.75, "b": 0.25}).tolist())
    ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b']
    """
    labels = list(shares)
    exact = np.array(list(shares.values())) / sum(shares.values()) * count
    whole = np.floor(exact).astype(int)
    whole[np.argsort(-(exact - whole), kind="stable")[: count - whole.sum()]] += 1
    return rng.permutation(np.repeat(np.array(labels, dtype=object), whole))
