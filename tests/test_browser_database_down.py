"""The database goes away while people use the dashboard, then comes back: a sentence, then recovery.

The dashboard reaches a throwaway PostgreSQL database on the local server through a small TCP
relay that the test cuts and restores, as a server restart or a network fault would (the shared
server itself is never stopped). While it is cut, every page says so in one sentence, with no
traceback and nothing from the driver; once it is back, "Try again" carries on where the person
was, still signed in.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from data_model.demo_users import add_demo_users
from tests.browser_session import settle, sign_in
from tests.dashboard_world import AS_OF, family_world, import_world
from tests.streamlit_server import CHROMIUM, free_port, offline_browser, streamlit_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]
SHOTS = Path(__file__).resolve().parent / "screenshots"
LOST = "The connection to the database was lost"
WAIT_MS = 60_000


class Relay:
    """Forwards TCP connections from a local port to the database server; :meth:`cut` drops them all."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target, self.port = target, free_port()
        self.sockets: set[socket.socket] = set()
        self.listener: socket.socket | None = None

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
                upstream = socket.create_connection(self.target)
            except OSError:
                return
            self.sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Refuse new connections and drop every open one, as a stopped server would."""
        if self.listener:
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread waiting in accept()
            self.listener.close()
            self.listener = None
        for end in list(self.sockets):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
                end.close()
        self.sockets.clear()


@pytest.fixture
def relayed(postgres_url: str, tmp_path: Path) -> Iterator[tuple[str, Relay]]:
    """(dashboard URL, relay) for the dashboard over a fresh PostgreSQL database, reached through the relay."""
    import_world(family_world(), postgres_url)
    from data_model.store import open_store

    add_demo_users(open_store(postgres_url))
    parsed = urlparse(postgres_url)
    relay = Relay((parsed.hostname or "127.0.0.1", parsed.port or 5432))
    relay.start()
    through = postgres_url.replace(f"@{parsed.hostname}:{parsed.port}", f"@127.0.0.1:{relay.port}")
    env = {"LINKEDRISK_DATA_DIR": str(tmp_path), "LINKEDRISK_AS_OF": AS_OF}
    try:
        with streamlit_server(through, tmp_path / "streamlit.log", env=env) as server:
            yield server.url, relay
    finally:
        relay.cut()


def test_the_database_going_away_is_said_in_a_sentence_and_the_page_recovers_when_it_is_back(
        relayed: tuple[str, Relay]) -> None:
    base, relay = relayed
    SHOTS.mkdir(exist_ok=True)
    with offline_browser() as (context, guard):
        page: Any = context.new_page()
        page.set_default_timeout(WAIT_MS)
        sign_in(page, base, "demo-lead")
        page.get_by_role("heading", name="Overview", level=1).wait_for()

        relay.cut()
        page.get_by_role("button", name="Reload data").click()
        message = page.get_by_text(LOST)
        message.wait_for()
        settle(page)
        page.screenshot(path=str(SHOTS / "database-down.png"), full_page=True)
        assert "Check that the database server is running" in message.inner_text()
        assert page.get_by_test_id("stException").count() == 0
        assert "psycopg" not in page.content().lower() and "select " not in page.content().lower()

        relay.start()
        page.get_by_role("button", name="Try again").click()
        page.get_by_role("heading", name="Overview", level=1).wait_for()
        settle(page)
        assert page.get_by_text(LOST).count() == 0
        page.get_by_text("Signed in as Demo safeguarding lead").wait_for()
        assert guard.attempted == []
