"""`linkedrisk users`, `audit`, `backup`, `restore` and `demo-users`, as an administrator runs them."""

from __future__ import annotations

import io
import sqlite3
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_model.accounts import get_account, list_accounts
from data_model.audit import audit_log, verify
from data_model.cli import main
from data_model.demo_users import DEMO_USERS
from data_model.sign_in import authenticate
from data_model.store import open_store
from tests.contract_files import write_folder

PASSWORD = "a long enough passphrase"


def run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(sqlite_url: str, tmp_path: Path) -> str:
    folder = write_folder(tmp_path / "data", practitioners="practitioner_id,agency_id,name\nX1,A2,Jo Bloggs\n",
                          involvements="practitioner_id,person_id,start_date\nX1,P1,2024-01-01\nX1,P2,2024-01-01\n")
    assert main(["import", str(folder), "--db", sqlite_url, "--no-progress", "--quarantine", str(tmp_path / "q")]) == 0
    return sqlite_url


def test_an_administrator_adds_a_user_whose_password_comes_from_stdin(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "users", "add", "pat", "--role", "practitioner", "--agency", "A1",
                       "--password-stdin", "--db", db, stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    assert (code, out) == (0, "Added pat (practitioner).\n")
    assert authenticate(open_store(db), "pat", PASSWORD).agency_id == "A1"


def test_a_password_is_never_a_command_line_argument(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["users", "add", "pat", "--role", "analyst", "--password", PASSWORD, "--db", db])


def test_disable_reset_password_and_set_role_change_the_account(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "users", "add", "sam", "--role", "analyst", "--password-stdin", "--db", db,
        stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    assert run(capsys, "users", "set-role", "sam", "safeguarding_lead", "--db", db)[0] == 0
    assert run(capsys, "users", "reset-password", "sam", "--password-stdin", "--db", db,
               stdin="another long passphrase\n", monkeypatch=monkeypatch)[0] == 0
    assert run(capsys, "users", "disable", "sam", "--db", db)[0] == 0
    account = get_account(open_store(db), "sam")
    assert (account.role.value, account.disabled, account.session_version) == ("safeguarding_lead", True, 3)
    _, out, _ = run(capsys, "users", "list", "--db", db)
    assert out == "sam\tsafeguarding_lead\t-\tpassword, DISABLED\n"


def test_every_user_change_is_in_the_audit_trail(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "users", "add", "sam", "--role", "analyst", "--no-password", "--email", "sam@example.org",
        "--db", db)
    run(capsys, "users", "disable", "sam", "--db", db)
    with open_store(db).engine.connect() as conn:
        rows = conn.execute(sa.select(audit_log.c.username, audit_log.c.action, audit_log.c.detail)).fetchall()
    assert [(r.action, r.detail) for r in rows if r.action != "import"] == [
        ("user_change", '{"change":"add","role":"analyst"}'), ("user_change", '{"change":"disable"}')
    ]
    assert all(r.username.startswith("cli:") for r in rows)


def test_a_mistake_is_one_sentence_and_exit_code_2(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "users", "disable", "nobody", "--db", db)
    assert (code, out, err) == (2, "", "linkedrisk: There is no user called nobody.\n")


def test_audit_verify_passes_then_fails_after_tampering(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "users", "add", "sam", "--role", "analyst", "--no-password", "--db", db)
    code, out, _ = run(capsys, "audit", "verify", "--db", db)
    assert (code, out) == (0, "The audit trail checks out: 2 entries, unbroken.\n")  # the import, the user
    with sqlite3.connect(db.removeprefix("sqlite:///")) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET username = 'someone-else'")
    code, _, err = run(capsys, "audit", "verify", "--db", db)
    assert code == 1 and "entry 1 was altered" in err and "Traceback" not in err


def test_audit_head_then_verify_against_it(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "users", "add", "sam", "--role", "analyst", "--no-password", "--db", db)
    _, kept, _ = run(capsys, "audit", "head", "--db", db)
    assert run(capsys, "audit", "verify", "--expect-head", kept.strip(), "--db", db)[0] == 0
    assert run(capsys, "audit", "verify", "--expect-head", "9:" + "0" * 64, "--db", db)[0] == 1


def test_audit_show_writes_a_csv_and_records_that_export(db: str, capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    run(capsys, "users", "add", "sam", "--role", "analyst", "--no-password", "--db", db)
    code, out, _ = run(capsys, "audit", "show", "--csv", str(tmp_path / "audit.csv"), "--db", db)
    assert code == 0 and out.startswith("2 entries written")  # the import, the user
    assert (tmp_path / "audit.csv").read_text().splitlines()[0] == "seq,at,username,role,action,records,reason,detail"
    assert verify(open_store(db)).count == 3


def test_demo_users_get_one_account_per_role(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo-users", "--db", db)
    assert code == 0 and "published" in out
    store = open_store(db)
    assert {a.role.value for a in list_accounts(store)} == {
        "admin", "safeguarding_lead", "marac_coordinator", "practitioner", "analyst"}
    username, password, _, _ = DEMO_USERS[3]
    assert authenticate(store, username, password).agency_id == "A2"  # the agency with the most involvements
    assert run(capsys, "demo-users", "--db", db)[0] == 0  # running again changes nothing


def test_a_backup_restores_the_database_exactly(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "users", "add", "sam", "--role", "analyst", "--no-password", "--db", db)
    before = open_store(db).counts()
    assert run(capsys, "backup", "--out", str(tmp_path / "b.sqlite"), "--db", db)[0] == 0
    assert stat.S_IMODE((tmp_path / "b.sqlite").stat().st_mode) == 0o600
    other = write_folder(tmp_path / "other", people="person_id,given_name\nQ1,Zed\n")
    main(["import", str(other), "--replace", "--db", db, "--no-progress", "--quarantine", str(tmp_path / "q")])
    assert open_store(db).counts() != before
    code, out, _ = run(capsys, "restore", str(tmp_path / "b.sqlite"), "--yes", "--db", db)
    assert code == 0 and "checks out" in out
    store = open_store(db)
    assert store.counts() == before and [a.username for a in list_accounts(store)] == ["sam"]
    assert verify(store).ok


def test_restore_refuses_to_overwrite_data_without_yes(db: str, capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    run(capsys, "backup", "--out", str(tmp_path / "b.sqlite"), "--db", db)
    code, _, err = run(capsys, "restore", str(tmp_path / "b.sqlite"), "--db", db)
    assert code == 2 and "add --yes" in err


@pytest.mark.parametrize(("content", "message"), [
    (b"name,age\nAnn,3\n", "not a SQLite database"),
    (b"SQLite format 3\x00" + b"\x00" * 200, "damaged"),
])
def test_restore_refuses_a_file_that_is_not_a_good_backup(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    (tmp_path / "bad.sqlite").write_bytes(content)
    before = open_store(db).counts()
    code, _, err = run(capsys, "restore", str(tmp_path / "bad.sqlite"), "--yes", "--db", db)
    assert code == 2 and message in err and "Traceback" not in err
    assert open_store(db).counts() == before


def test_restore_refuses_another_applications_database(db: str, capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "other.sqlite") as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER, total REAL)")
    code, _, err = run(capsys, "restore", str(tmp_path / "other.sqlite"), "--yes", "--db", db)
    assert code == 2 and "lacks Linked Risk's tables" in err


def test_backup_of_postgresql_points_to_pg_dump(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "backup", "--out", str(tmp_path / "b"), "--db", "postgresql+psycopg://u@h/db")
    assert code == 2 and "pg_dump" in err
