"""``make bench``: generate datasets at each size, then time each step in its own process.

Sizes come from ``BENCH_SIZES`` (default ``10000,100000,1000000``). Datasets are cached under
``var/bench/`` (same seed, same files). Results are printed as a Markdown table and saved as JSON
under ``bench/results/``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "bench"
AS_OF = "2026-11-27"
SEED = 1


def dataset(people: int) -> Path:
    out = WORK / f"people-{people}"
    if not (out / "people.csv").exists():
        print(f"generating {people:,} people ...", file=sys.stderr, flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "data_model.cli",
                "generate",
                "--people",
                str(people),
                "--seed",
                str(SEED),
                "--as-of",
                AS_OF,
                "--out",
                str(out),
            ],
            check=True,
        )
    return out


def run_step(step: str, data: Path, db_url: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.steps", step, str(data), db_url, AS_OF],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
    steps = os.environ.get("BENCH_STEPS", "import,graph,analysis,exports").split(",")
    results: dict[str, dict[str, object]] = {}
    for people in sizes:
        data = dataset(people)
        db = WORK / f"people-{people}.db"
        db.unlink(missing_ok=True)
        db_url = f"sqlite:///{db}"
        for step in steps:
            print(f"{people:>9,} people: {step} ...", file=sys.stderr, flush=True)
            results[f"{people}/{step}"] = run_step(step, data, db_url)
            print(f"           {results[f'{people}/{step}']}", file=sys.stderr, flush=True)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(results, indent=2))
    print("| people | step | figures |\n|---|---|---|")
    for key, figures in results.items():
        size, step = key.split("/")
        shown = ", ".join(f"{k} {v}" for k, v in figures.items())
        print(f"| {int(size):,} | {step} | {shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
