"""Benchmark steps, each run in its own process so its peak memory is its own.

``python -m bench.steps STEP DATASET DB_URL AS_OF`` prints one JSON object of timings (seconds)
and ``peak_rss_mb``. Steps: ``import`` (validate + store), ``graph`` (load from the store, build
the whole-partnership networkx graph, one family neighbourhood).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Step = Callable[[Path, str, str], dict[str, Any]]


def _timed(results: dict[str, Any], name: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    value = work()
    results[name] = round(time.perf_counter() - start, 3)
    return value


def import_step(dataset: Path, db_url: str, as_of: str) -> dict[str, Any]:
    from data_model.contract import validate
    from data_model.sources import read_source
    from data_model.store import open_store

    out: dict[str, Any] = {}
    raw = _timed(out, "read_s", lambda: read_source(dataset))
    validated = _timed(out, "validate_s", lambda: validate(raw))
    store = open_store(db_url)
    _timed(out, "store_s", lambda: store.write(validated))
    out["rows"] = sum(len(f) for f in validated.tables.values())
    out["rejected"] = len(validated.rejections)
    out["total_s"] = round(out["read_s"] + out["validate_s"] + out["store_s"], 3)
    return out


def graph_step(dataset: Path, db_url: str, as_of: str) -> dict[str, Any]:
    from data_model.graph import build_graph, neighbourhood
    from data_model.store import open_store

    out: dict[str, Any] = {}
    p = _timed(out, "load_s", lambda: open_store(db_url).load())
    G = _timed(out, "build_graph_s", lambda: build_graph(p, as_of))
    out["nodes"], out["edges"] = G.number_of_nodes(), G.number_of_edges()
    member = str(p.plan_members["person_id"].iloc[0]) if len(p.plan_members) else str(p.people["person_id"].iloc[0])
    _timed(out, "neighbourhood_depth2_s", lambda: neighbourhood(p, member, 2, as_of))
    return out


def _optional(module: str, function: str) -> Step | None:
    """Steps written by other parts of the project, when present."""
    try:
        mod = __import__(module, fromlist=[function])
    except ImportError:
        return None
    step: Step | None = getattr(mod, function, None)
    return step


STEPS: dict[str, Callable[[], Step | None]] = {
    "import": lambda: import_step,
    "graph": lambda: graph_step,
    "analysis": lambda: _optional("bench.analysis", "step"),
    "exports": lambda: _optional("bench.exports", "step"),
}


def main(argv: list[str]) -> int:
    name, dataset, db_url, as_of = argv
    step = STEPS[name]()
    if step is None:
        print(json.dumps({"skipped": f"step {name} is not available"}))
        return 0
    results = step(Path(dataset), db_url, as_of)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
