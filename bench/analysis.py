"""Timing the rules: every gap code, and who-needs-to-know for every active plan and for one.

``step(dataset, db_url, as_of)`` is the ``analysis`` step of ``make bench`` (loaded from the
store). ``python -m bench.analysis FOLDER [AS_OF]`` times the same from a contract folder and
prints one JSON object, with the peak memory of the process.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from data_model.partnership import Partnership
from data_model.rules import Analysis, who_needs_to_know
from data_model.rules.who_needs_to_know import need_to_know

#: How many plans the one-plan timing is averaged over.
SAMPLE_PLANS = 50


def _timed(out: dict[str, Any], name: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    value = work()
    out[name] = round(time.perf_counter() - start, 3)
    return value


def time_analysis(p: Partnership, as_of: str) -> dict[str, Any]:
    """Run and time the whole analysis of ``p`` on ``as_of``.

    Steps: ``prepare_s`` (the shared joins: visible tables, plan networks, agency standing, the
    need-to-know table for every active plan), ``gaps_s`` (all thirteen codes),
    ``who_needs_to_know_all_s`` (rows for every active plan), ``one_plan_ms`` (one plan, once
    prepared, averaged over a sample) and ``one_plan_cold_s`` (one plan from nothing).
    """
    out: dict[str, Any] = {"people": len(p.people)}
    analysis = Analysis(p, as_of)
    _timed(out, "prepare_s", lambda: need_to_know(analysis.context))
    gaps = _timed(out, "gaps_s", analysis.gaps)
    answers = _timed(out, "who_needs_to_know_all_s", analysis.who_needs_to_know_all)
    out["total_s"] = round(out["prepare_s"] + out["gaps_s"] + out["who_needs_to_know_all_s"], 3)
    plans = sorted(answers)
    sample = random.Random(1).sample(plans, min(SAMPLE_PLANS, len(plans)))
    if sample:
        start = time.perf_counter()
        for plan_id in sample:
            analysis.who_needs_to_know(plan_id)
        out["one_plan_ms"] = round(1000 * (time.perf_counter() - start) / len(sample), 2)
        _timed(out, "one_plan_cold_s", lambda: who_needs_to_know(p, sample[0], as_of))
    out["active_plans"] = len(plans)
    out["need_to_know_rows"] = sum(len(rows) for rows in answers.values())
    out["gaps"] = len(gaps)
    out["gaps_by_code"] = dict(sorted(Counter(g.code.value for g in gaps).items()))
    return out


def step(dataset: Path, db_url: str, as_of: str) -> dict[str, Any]:
    """The ``analysis`` step of ``make bench``: load from the store, then :func:`time_analysis`."""
    from data_model.store import open_store

    out: dict[str, Any] = {}
    p = _timed(out, "load_s", lambda: open_store(db_url).load())
    out.update(time_analysis(p, as_of))
    return out


def main(argv: list[str]) -> int:
    from data_model.partnership import load_folder

    folder, as_of = argv[0], (argv[1] if len(argv) > 1 else "2026-11-27")
    out: dict[str, Any] = {}
    p, _ = _timed(out, "load_folder_s", lambda: load_folder(folder))
    out.update(time_analysis(p, as_of))
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
