"""Run the real dashboard (``streamlit run``) on a free local port, and a browser that stays offline.

Used by the browser tests and by ``bench/dashboard.py``. The server runs in its own process group,
so that stopping it stops every process it started; the browser fails every request that is not
to this machine, and remembers it, so a test can assert that the dashboard works offline.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "streamlit_app.py"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


def _wait_healthy(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {server.log}:\n{server.log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer within {START_TIMEOUT_S} s; see {server.log}")


@contextmanager
def streamlit_server(db_url: str, log: Path, env: dict[str, str] | None = None) -> Iterator[Server]:
    """``streamlit run`` the dashboard over ``db_url``; stopped (the whole group) on exit."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats",
               "false", "--server.fileWatcherType", "none"]
    environment = {**os.environ, "LINKEDRISK_DB_URL": db_url, **(env or {})}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_healthy(server)
        yield server
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@dataclass
class OfflineGuard:
    """Fails every request to another host, and keeps a list of them."""

    attempted: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in LOOPBACK:
            route.continue_()
        else:
            self.attempted.append(route.request.url)
            route.abort("internetdisconnected")


@contextmanager
def offline_browser(viewport: tuple[int, int] = (1440, 1000)) -> Iterator[tuple[Any, OfflineGuard]]:
    """A Playwright browser context on Debian's chromium with every outside request refused."""
    from playwright.sync_api import sync_playwright

    guard = OfflineGuard()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                      accept_downloads=True)
        context.route("**/*", guard.route)
        try:
            yield context, guard
        finally:
            context.close()
            browser.close()
