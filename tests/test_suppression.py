"""Small-number suppression: primary below the threshold, secondary so totals give nothing away."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from data_model.suppression import primary_mask, suppress, suppression_mask


def cross_table(cells: dict[tuple[str, str], int]) -> pd.DataFrame:
    return pd.DataFrame([{"row": r, "col": c, "n": n} for (r, c), n in cells.items()])


def hidden(table: pd.DataFrame, **kwargs: object) -> set[tuple[str, str]]:
    mask = suppression_mask(table, "n", ["row", "col"], **kwargs)  # type: ignore[arg-type]
    return set(zip(table.loc[mask, "row"], table.loc[mask, "col"], strict=True))


def test_counts_below_the_threshold_are_hidden_and_zeros_are_shown():
    assert primary_mask(pd.Series([0, 1, 4, 5, 12])).tolist() == [False, True, True, False, False]


def test_the_threshold_can_be_raised():
    assert primary_mask(pd.Series([5, 9, 10]), threshold=10).tolist() == [True, True, False]


def test_a_threshold_of_zero_turns_suppression_off():
    table = cross_table({("a", "x"): 1, ("a", "y"): 2})
    assert hidden(table, threshold=0) == set()


def test_a_lone_small_cell_in_a_row_takes_the_next_smallest_cell_of_that_row_with_it():
    table = pd.DataFrame({"area": ["A", "B", "C", "D"], "n": [40, 3, 9, 7]})
    out = suppress(table, ["n"], ["area"])
    assert out["n"].isna().tolist() == [False, True, False, True]


def test_in_a_cross_table_no_row_or_column_hides_exactly_one_cell():
    table = cross_table({("a", "x"): 10, ("a", "y"): 2, ("b", "x"): 8, ("b", "y"): 9, ("c", "x"): 7, ("c", "y"): 20})
    found = hidden(table)
    assert ("a", "y") in found
    for key in (0, 1):
        for value in {k[key] for k in found}:
            assert sum(1 for k in found if k[key] == value) >= 2


def test_a_total_row_and_column_cannot_give_a_hidden_cell_away():
    inner = {("a", "x"): 3, ("a", "y"): 10, ("b", "x"): 12, ("b", "y"): 15}
    cells = dict(inner)
    for r in ("a", "b"):
        cells[(r, "Total")] = sum(v for (rr, _), v in inner.items() if rr == r)
    for c in ("x", "y"):
        cells[("Total", c)] = sum(v for (_, cc), v in inner.items() if cc == c)
    cells[("Total", "Total")] = sum(inner.values())
    found = hidden(cross_table(cells))
    for key in (0, 1):
        for value in {k[key] for k in cells}:
            in_line = [k for k in found if k[key] == value]
            assert len(in_line) != 1, f"line {value} hides only {in_line}"


def test_an_inner_cell_is_hidden_before_a_total():
    cells = {("a", "x"): 2, ("a", "y"): 30, ("a", "Total"): 32}
    table = pd.DataFrame([{"row": r, "col": c, "n": n} for (r, c), n in cells.items()])
    mask = suppression_mask(table, "n", ["row", "col"], additive=["col"])
    assert table.loc[mask, "col"].tolist() == ["x", "y"]


def test_cells_along_a_dimension_that_does_not_add_up_are_not_complemented():
    table = pd.DataFrame({"agency": ["A", "A"], "purpose": ["p1", "p2"], "n": [2, 30]})
    out = suppress(table, ["n"], ["agency", "purpose"], additive=["agency"])
    assert out["n"].isna().tolist() == [True, False]


def test_a_rate_is_hidden_with_a_count_it_is_made_from():
    table = pd.DataFrame({"period": ["p1", "p2"], "cases": [20, 30], "repeats": [3, 9], "rate": [0.15, 0.3]})
    out = suppress(table, ["cases", "repeats"], ["period"], additive=[], rates={"rate": ["repeats", "cases"]})
    assert out["rate"].isna().tolist() == [True, False]
    assert out["cases"].isna().tolist() == [False, False]


def test_labels_beside_the_cells_are_kept():
    table = pd.DataFrame({"agency_id": ["A", "B"], "agency": ["Police", "Health"], "n": [1, 50]})
    out = suppress(table, ["n"], ["agency_id"])
    assert out["agency"].tolist() == ["Police", "Health"]


tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda rows: st.integers(min_value=1, max_value=5).flatmap(
        lambda cols: st.lists(st.integers(min_value=0, max_value=30), min_size=rows * cols, max_size=rows * cols)
        .map(lambda values: cross_table({(f"r{i // cols}", f"c{i % cols}"): v for i, v in enumerate(values)}))))


@settings(max_examples=200, deadline=None)
@given(tables)
def test_every_small_count_is_hidden_and_every_line_hides_none_or_at_least_two(table: pd.DataFrame):
    mask = suppression_mask(table, "n", ["row", "col"])
    small = (table["n"] > 0) & (table["n"] < 5)
    assert mask[small].all()
    for along in ("row", "col"):
        for _, line in table.assign(hide=mask).groupby(along):
            if len(line) > 1:
                assert line["hide"].sum() != 1
