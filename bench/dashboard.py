"""Dashboard timings in a real browser: first paint and interactions, Overview and Family network.

For each scale (the committed sample data, then generated datasets of ``BENCH_DASHBOARD_SIZES``
people, default ``sample,100000``) the data is imported into a fresh SQLite file, the dashboard is
started with ``streamlit run``, and headless Chromium (offline) measures, in seconds:

* ``overview_first_paint_cold``: the first visit after start, from pressing Sign in as the demo
  lead to the Overview drawn (loads the data, finds the gaps);
* ``overview_first_paint``: a new visit once the server has the data (what most users see);
* ``overview_change_as_of``: moving the as-of date back a day (a date nobody has asked for yet);
* ``network_first_paint``: opening the Family network page;
* ``network_search_and_draw``: searching the largest household's first member (by id), until the
  graph is drawn in its frame;
* ``network_depth_3``: switching that network to depth 3, until it is drawn again.

Run with ``python -m bench.dashboard``; results are printed as Markdown and saved under
bench/results/.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from data_model.contract import validate
from data_model.demo_users import add_demo_users
from data_model.sources import read_source
from data_model.store import open_store
from tests.browser_session import DEMO_PASSWORDS, fill_sign_in
from tests.streamlit_server import offline_browser, streamlit_server

USER = "demo-lead"

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "bench"
SAMPLE = ROOT / "sample_data"
AS_OF = "2026-11-27"
TIMEOUT_MS = 600_000


def dataset(scale: str) -> Path:
    """The contract folder for ``scale``: the sample data, a generated dataset of that many people,
    or (for trying the bench on other data) a contract folder's path."""
    if Path(scale).is_dir():
        return Path(scale)
    if scale == "sample" and (SAMPLE / "people.csv").exists():
        return SAMPLE
    from bench.run import dataset as generated

    return generated(2000 if scale == "sample" else int(scale))


def load(folder: Path, db_url: str) -> tuple[str, int]:
    """Import ``folder``; returns the largest household's first member's id, and the people count."""
    store = open_store(db_url)
    store.write(validate(read_source(folder)))
    add_demo_users(store)
    people = store.load().people
    housed = people[people["household_id"].notna()]
    household = housed.groupby("household_id").size().sort_values(ascending=False).index[0]
    person = housed[housed["household_id"] == household].sort_values("person_id").iloc[0]
    store.engine.dispose()
    return str(person["person_id"]), len(people)


def timed(action: Callable[[], None], name: str = "") -> float:
    start = time.perf_counter()
    action()
    took = round(time.perf_counter() - start, 2)
    print(f"    {name or getattr(action, '__name__', 'step')}: {took} s", file=sys.stderr, flush=True)
    return took


def settled(page: Any) -> None:
    """Wait until Streamlit has finished running the script (callers first wait for what they expect)."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=TIMEOUT_MS)


def network_drawn(page: Any) -> None:
    """Wait until the network frame holds a drawn graph."""
    page.wait_for_function(
        "() => { const f = document.querySelector('iframe');"
        " return f && f.contentWindow && f.contentWindow.network"
        " && f.contentWindow.network.body.data.nodes.length > 0; }", timeout=TIMEOUT_MS)


def overview(context: Any, base: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for name in ("overview_first_paint_cold", "overview_first_paint"):
        page = context.new_page()

        if name == "overview_first_paint_cold":  # sign in first: the session cookie serves later pages
            page.goto(f"{base}/?as_of={AS_OF}")
            page.get_by_text("Sign in to Linked Risk").wait_for(timeout=TIMEOUT_MS)

        def first_paint(page: Any = page, cold: bool = name == "overview_first_paint_cold") -> None:
            if cold:
                fill_sign_in(page, USER, DEMO_PASSWORDS[USER])
            else:
                page.goto(f"{base}/?as_of={AS_OF}")
            page.get_by_text("Open gaps: high").wait_for(timeout=TIMEOUT_MS)
            settled(page)

        out[name] = timed(first_paint, name)
        if name == "overview_first_paint":

            def back_a_day(page: Any = page) -> None:
                page.get_by_role("spinbutton", name="day, As-of date").click()
                page.keyboard.press("ArrowDown")
                page.keyboard.press("Tab")  # leaves the field (opening the calendar), and
                page.keyboard.press("Escape")  # closing the calendar commits the new date
                page.get_by_text("As of Thursday 26 November 2026").wait_for(timeout=TIMEOUT_MS)
                page.get_by_text("Open gaps: high").wait_for(timeout=TIMEOUT_MS)
                settled(page)

            out["overview_change_as_of"] = timed(back_a_day, "overview_change_as_of")
        page.close()
    return out


def network(context: Any, base: str, person_id: str) -> dict[str, float]:
    page = context.new_page()
    search_box = page.get_by_label("Search a person by name or id")

    def first_paint() -> None:
        page.goto(f"{base}/network?as_of={AS_OF}")
        search_box.wait_for(timeout=TIMEOUT_MS)
        settled(page)

    def search_and_draw() -> None:
        search_box.fill(person_id)
        search_box.press("Enter")
        # The demo lead has no caseload: every record opened needs a stated reason (audited).
        page.get_by_label("Reason for opening this record").fill("Benchmark of the family network page")
        page.get_by_role("button", name="Open the record").click()
        network_drawn(page)
        settled(page)

    out = {"network_first_paint": timed(first_paint, "network_first_paint"),
           "network_search_and_draw": timed(search_and_draw, "network_search_and_draw")}

    def depth_3() -> None:
        page.get_by_test_id("stButtonGroup").get_by_text("3", exact=True).click()
        page.get_by_text("within 3 hops").wait_for(timeout=TIMEOUT_MS)
        network_drawn(page)
        settled(page)

    out["network_depth_3"] = timed(depth_3, "network_depth_3")
    page.close()
    return out


def measure(scale: str) -> dict[str, object]:
    folder = dataset(scale)
    WORK.mkdir(parents=True, exist_ok=True)
    label = Path(scale).name
    db = WORK / f"dashboard-{label}.db"
    for stale in WORK.glob(f"dashboard-{label}.db*"):
        stale.unlink()
    started = time.perf_counter()
    person_id, people = load(folder, f"sqlite:///{db}")
    results: dict[str, object] = {"people": people, "import_s": round(time.perf_counter() - started, 1)}
    with streamlit_server(f"sqlite:///{db}", WORK / f"dashboard-{label}.log") as server, \
            offline_browser() as (context, guard):
        results.update(overview(context, server.url))
        results.update(network(context, server.url, person_id))
        results["outside_requests"] = len(guard.attempted)
    return results


def main() -> int:
    scales = os.environ.get("BENCH_DASHBOARD_SIZES", "sample,100000").split(",")
    results = {}
    for scale in scales:
        print(f"dashboard bench at {scale} ...", file=sys.stderr, flush=True)
        results[scale] = measure(scale.strip())
        print(f"  {results[scale]}", file=sys.stderr, flush=True)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"dashboard-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(results, indent=2))
    names = [k for k in next(iter(results.values())) if k not in ("people",)]
    print("| scale | people | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for scale, figures in results.items():
        print(f"| {scale} | {figures['people']:,} | " + " | ".join(str(figures[n]) for n in names) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
