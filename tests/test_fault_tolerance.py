"""An import interrupted midway (killed, disk full, connection dropped) leaves the database as it was."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_model.cli import main
from data_model.store import open_store
from tests.contract_files import write_folder

ROOT = Path(__file__).resolve().parents[1]
#: Runs `linkedrisk` with a pause inside the write transaction, once two tables have been written:
#: it reports its database session (file LR_MARKER) and waits for the file LR_GO.
PAUSING_IMPORT = """
import os, sys, time, pathlib
import data_model.store as store
original, written = store.Store._upsert, []
def pausing(self, conn, table, rows):
    original(self, conn, table, rows)
    written.append(table.name)
    if len(written) == 2:
        pg = self.engine.dialect.name == "postgresql"
        session = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar() if pg else os.getpid()
        pathlib.Path(os.environ["LR_MARKER"]).write_text(str(session))
        while not pathlib.Path(os.environ["LR_GO"]).exists():
            time.sleep(0.02)
store.Store._upsert = pausing
from data_model.cli import main
sys.exit(main(sys.argv[1:]))
"""


def baseline(tmp_path: Path, url: str) -> dict[str, int]:
    assert main(["import", str(write_folder(tmp_path / "a")), "--db", url, "--no-progress",
                 "--quarantine", str(tmp_path / "q")]) == 0
    return open_store(url).counts()


def second_dataset(tmp_path: Path) -> Path:
    people = "person_id,given_name\n" + "".join(f"N{i},Name{i}\n" for i in range(500))
    return write_folder(tmp_path / "b", people=people, agencies="agency_id,name,sector\nB1,Other,health\n",
                        practitioners="practitioner_id,agency_id\nX1,B1\n",
                        involvements="practitioner_id,person_id\n" + "".join(f"X1,N{i}\n" for i in range(500)))


def paused_import(tmp_path: Path, url: str) -> tuple[subprocess.Popen[str], int]:
    """Start `linkedrisk import --replace` of another dataset; return once it is mid-transaction."""
    env = {**os.environ, "LR_MARKER": str(tmp_path / "marker"), "LR_GO": str(tmp_path / "go"),
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", PAUSING_IMPORT, "import", str(second_dataset(tmp_path)), "--replace", "--db", url,
         "--no-progress", "--quarantine", str(tmp_path / "q2")],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not (tmp_path / "marker").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the import never reached its write: {proc.communicate()[1][-2000:]}")
        time.sleep(0.05)
    time.sleep(0.1)  # the marker is written; let the file system settle
    return proc, int((tmp_path / "marker").read_text())


def integrity(url: str) -> str:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def test_an_import_killed_midway_leaves_the_database_as_it_was(db_url: str, tmp_path: Path) -> None:
    before = baseline(tmp_path, db_url)
    proc, _ = paused_import(tmp_path, db_url)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    store = open_store(db_url)
    assert store.counts() == before
    assert set(store.load().people["person_id"]) == {"P1", "P2"}
    if db_url.startswith("sqlite"):
        assert integrity(db_url) == "ok"


def _drop_connection(tmp_path: Path, url: str) -> subprocess.CompletedProcess[str]:
    proc, backend = paused_import(tmp_path, url)
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        assert conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": backend}).scalar() is True
    admin.dispose()
    (tmp_path / "go").touch()
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_a_dropped_database_connection_midway_leaves_nothing_half_written(postgres_url: str, tmp_path: Path) -> None:
    before = baseline(tmp_path, postgres_url)
    result = _drop_connection(tmp_path, postgres_url)
    assert result.returncode != 0
    assert open_store(postgres_url).counts() == before


def test_a_dropped_database_connection_is_explained_in_one_sentence(postgres_url: str, tmp_path: Path) -> None:
    baseline(tmp_path, postgres_url)
    result = _drop_connection(tmp_path, postgres_url)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("linkedrisk: The connection to the database was lost")


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new connection may not grow the database file: SQLite then reports a full disk."""
    from data_model import store as store_module

    original = store_module._engine

    def small_disk(url: str) -> sa.engine.Engine:
        engine = original(url)

        @sa.event.listens_for(engine, "connect")
        def _no_room(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 1}")

        return engine

    monkeypatch.setattr(store_module, "_engine", small_disk)


def test_a_full_disk_midway_leaves_the_database_as_it_was(sqlite_url: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    before = baseline(tmp_path, sqlite_url)
    _full_disk(monkeypatch)
    with contextlib.suppress(Exception):  # today the driver's error escapes; once wired, exit code 2
        main(["import", str(second_dataset(tmp_path)), "--replace", "--db", sqlite_url, "--no-progress",
              "--quarantine", str(tmp_path / "q2")])
    monkeypatch.undo()
    assert open_store(sqlite_url).counts() == before
    assert integrity(sqlite_url) == "ok"


def test_a_full_disk_is_explained_in_one_sentence(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    baseline(tmp_path, sqlite_url)
    capsys.readouterr()
    _full_disk(monkeypatch)
    code = main(["import", str(second_dataset(tmp_path)), "--replace", "--db", sqlite_url, "--no-progress",
                 "--quarantine", str(tmp_path / "q2")])
    err = capsys.readouterr().err
    assert code == 2 and err.strip().splitlines()[-1].startswith("linkedrisk: The disk is full")
