"""A progress bar on standard error for long command-line work (import, generation, analysis)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tqdm import tqdm

from data_model.contract import Progress


@contextmanager
def progress_bar(enabled: bool | None = None) -> Iterator[Progress]:
    """Yield a ``progress(label, fraction)`` callback drawing one bar on stderr.

    ``enabled=None`` draws only when stderr is a terminal, so logs and pipes stay clean.
    """
    bar = tqdm(
        total=1000,
        file=sys.stderr,
        disable=enabled is False or (enabled is None and not sys.stderr.isatty()),
        bar_format="{desc:<28} {percentage:3.0f}%|{bar}| {elapsed}",
        leave=False,
    )

    def update(label: str, fraction: float) -> None:
        bar.set_description_str(label, refresh=False)
        bar.n = int(max(0.0, min(1.0, fraction)) * 1000)
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()
