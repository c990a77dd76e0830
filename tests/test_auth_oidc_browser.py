"""Signing in through an identity provider (a local OpenID Connect mock), as a council's Entra ID would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_model.access import Role
from data_model.accounts import NOT_REGISTERED, add_user
from data_model.audit import audit_log
from data_model.store import open_store
from tests.streamlit_server import CHROMIUM, free_port, offline_browser

MOCK = Path(sys.executable).with_name("oidc-provider-mock")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
    pytest.mark.skipif(not MOCK.exists(), reason="pip install oidc-provider-mock Authlib"),
]
ROOT = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).parent / "apps" / "auth_probe.py"
PAT = {"sub": "pat-subject-1", "email": "pat.jones@northbrook.nhs.uk", "name": "Pat Jones"}
WAIT_MS = 30_000


def _wait(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server logging to {log} exited early:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered at {url}; see {log}")


@contextmanager
def running(command: list[str], ready_url: str, log: Path, env: dict[str, str] | None = None) -> Iterator[None]:
    """A server process in its own group, stopped (the whole group) afterwards."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait(ready_url, process, log)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(app URL, database URL): the probe app behind sign-in through the mock provider."""
    folder = tmp_path_factory.mktemp("oidc")
    db = f"sqlite:///{folder / 'linkedrisk.db'}"
    add_user(open_store(db), "pat", Role.PRACTITIONER, agency_id="HEALTH", email=PAT["email"])
    mock_port, app_port = free_port(), free_port()
    issuer = f"http://127.0.0.1:{mock_port}"
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{os.urandom(16).hex()}"\n'
        'client_id = "linkedrisk"\nclient_secret = "linkedrisk-test-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n', encoding="utf-8")
    mock = [str(MOCK), "--port", str(mock_port), "--user-claims", json.dumps(PAT)]
    streamlit = [sys.executable, "-m", "streamlit", "run", str(PROBE), "--server.headless", "true",
                 "--server.address", "127.0.0.1", "--server.port", str(app_port), "--browser.gatherUsageStats",
                 "false", "--server.fileWatcherType", "none", "--secrets.files", str(secrets)]
    env = {"LINKEDRISK_DB_URL": db, "LINKEDRISK_DATA_DIR": str(folder)}
    with running(mock, f"{issuer}/.well-known/openid-configuration", folder / "mock.log"), \
            running(streamlit, f"http://127.0.0.1:{app_port}/_stcore/health", folder / "streamlit.log", env):
        yield f"http://127.0.0.1:{app_port}", db


def through_provider(page: object, app_url: str, subject: str) -> None:
    page.goto(app_url)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in with your organisation's account").click()  # type: ignore[attr-defined]
    page.get_by_placeholder("sub").fill(subject)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Authorize").click()  # type: ignore[attr-defined]


def test_a_registered_person_signs_in_through_their_organisation_and_stays_signed_in(app: tuple[str, str]) -> None:
    url, db = app
    with offline_browser() as (context, guard):
        page = context.new_page()
        through_provider(page, url, PAT["sub"])
        page.get_by_text("Signed in: pat (practitioner)").wait_for(timeout=WAIT_MS)
        page.reload()
        page.get_by_text("Signed in: pat (practitioner)").wait_for(timeout=WAIT_MS)
        assert [u for u in guard.attempted if "picocss" not in u] == []  # the mock's own page styles itself from a CDN
    with open_store(db).engine.connect() as conn:
        rows = conn.execute(sa.select(audit_log.c.action, audit_log.c.detail)).fetchall()
    assert ("sign_in", '{"method":"oidc"}') in [tuple(r) for r in rows]


def test_someone_their_organisation_knows_but_we_do_not_is_refused(app: tuple[str, str]) -> None:
    url, _ = app
    with offline_browser() as (context, _):
        page = context.new_page()
        through_provider(page, url, "someone-else")
        page.get_by_text(NOT_REGISTERED).wait_for(timeout=WAIT_MS)
        assert page.get_by_text("Signed in:").count() == 0
