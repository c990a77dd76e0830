"""Local accounts: argon2id hashes, one failure message for every failure, slowing down, locking."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from data_model.access import Role, User
from data_model.accounts import (
    SIGN_IN_FAILED,
    SignInFailed,
    add_user,
    end_sessions,
    get_account,
    list_accounts,
    reset_password,
    session_user,
    set_disabled,
    set_role,
    users,
)
from data_model.audit import audit_log, verify
from data_model.errors import UserError
from data_model.sign_in import Throttle, authenticate
from data_model.store import Store, open_store

#: Cheap argon2id parameters: the same algorithm, so the tests stay quick.
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 11, 27, 9, 0, 0)


class Clock:
    """A clock the test moves by hand, and a sleep that only writes down what it was asked."""

    def __init__(self) -> None:
        self.now = T0
        self.slept: list[float] = []

    def __call__(self) -> dt.datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


@pytest.fixture
def store(sqlite_url: str) -> Store:
    return open_store(sqlite_url)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def sign_in(store: Store, clock: Clock, username: str, password: str) -> User:
    return authenticate(store, username, password, clock=clock, sleep=clock.sleep, hasher=FAST)


def failure(store: Store, clock: Clock, username: str, password: str) -> str:
    with pytest.raises(SignInFailed) as caught:
        sign_in(store, clock, username, password)
    return str(caught.value)


def test_a_password_is_stored_only_as_an_argon2id_hash(store: Store) -> None:
    add_user(store, "sam", Role.SAFEGUARDING_LEAD, password=PASSWORD, hasher=FAST)
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_the_right_password_signs_in_with_the_role_and_agency(store: Store, clock: Clock) -> None:
    add_user(store, "pat", Role.PRACTITIONER, password=PASSWORD, agency_id="HEALTH", hasher=FAST)
    assert sign_in(store, clock, "  PAT ", PASSWORD) == User("pat", Role.PRACTITIONER, "HEALTH")


def test_every_kind_of_failure_says_the_same_sentence(store: Store, clock: Clock) -> None:
    add_user(store, "sam", Role.SAFEGUARDING_LEAD, password=PASSWORD, hasher=FAST)
    add_user(store, "gone", Role.SAFEGUARDING_LEAD, password=PASSWORD, hasher=FAST)
    set_disabled(store, "gone")
    add_user(store, "sso", Role.ANALYST, email="sso@example.org", hasher=FAST)
    messages = {
        failure(store, clock, "sam", "wrong password!!"),
        failure(store, clock, "nobody", PASSWORD),
        failure(store, clock, "gone", PASSWORD),
        failure(store, clock, "sso", PASSWORD),
        failure(store, clock, "<script>", PASSWORD),
        failure(store, clock, "sam", "x" * 5000),
    }
    assert messages == {SIGN_IN_FAILED}


def test_repeated_failures_slow_down_then_lock_the_account(store: Store, clock: Clock) -> None:
    add_user(store, "sam", Role.SAFEGUARDING_LEAD, password=PASSWORD, hasher=FAST)
    for _ in range(10):
        failure(store, clock, "sam", "wrong password!!")
    assert clock.slept == [0.0, 0.0, 0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert failure(store, clock, "sam", PASSWORD) == SIGN_IN_FAILED  # locked: even the right password fails


def test_a_locked_account_opens_again_when_the_lock_ends(store: Store, clock: Clock) -> None:
    add_user(store, "sam", Role.SAFEGUARDING_LEAD, password=PASSWORD, hasher=FAST)
    for _ in range(Throttle().lock_after):
        failure(store, clock, "sam", "wrong password!!")
    clock.now = T0 + dt.timedelta(minutes=16)
    assert sign_in(store, clock, "sam", PASSWORD).username == "sam"
    assert get_account(store, "sam") is not None
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(users.c.failed_attempts)).scalar_one() == 0


def test_unknown_usernames_slow_down_too(store: Store, clock: Clock) -> None:
    for _ in range(5):
        failure(store, clock, "nobody-at-all", PASSWORD)
    assert clock.slept[-2:] == [0.5, 1.0]


def test_every_attempt_is_in_the_audit_trail_without_the_password(store: Store, clock: Clock) -> None:
    add_user(store, "sam", Role.SAFEGUARDING_LEAD, password=PASSWORD, hasher=FAST)
    failure(store, clock, "sam", "wrong password!!")
    failure(store, clock, "my secret typed as a username", PASSWORD)
    sign_in(store, clock, "sam", PASSWORD)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)).fetchall()
    assert [(r.action, r.records) for r in rows] == [
        ("sign_in_failed", '["sam"]'), ("sign_in_failed", "[]"), ("sign_in", '["sam"]')
    ]
    text = " ".join(str(tuple(r)) for r in rows)
    assert "wrong password" not in text and "my secret" not in text and PASSWORD not in text
    assert verify(store).ok


def test_a_weak_password_is_refused_with_a_reason(store: Store) -> None:
    with pytest.raises(UserError, match="12 to 1024 characters"):
        add_user(store, "sam", Role.SAFEGUARDING_LEAD, password="short", hasher=FAST)
    with pytest.raises(UserError, match="too easy to guess"):
        add_user(store, "sam", Role.SAFEGUARDING_LEAD, password="sam-is-my-password", hasher=FAST)
    assert list_accounts(store) == []


def test_a_practitioner_needs_an_agency(store: Store) -> None:
    with pytest.raises(UserError, match="must belong to an agency"):
        add_user(store, "pat", Role.PRACTITIONER, password=PASSWORD, hasher=FAST)


def test_a_second_user_with_the_same_name_is_refused(store: Store) -> None:
    add_user(store, "sam", Role.ANALYST, password=PASSWORD, hasher=FAST)
    with pytest.raises(UserError, match="already a user called sam"):
        add_user(store, "SAM", Role.ANALYST, password=PASSWORD, hasher=FAST)


def test_a_new_password_works_and_the_old_one_does_not(store: Store, clock: Clock) -> None:
    add_user(store, "sam", Role.ANALYST, password=PASSWORD, hasher=FAST)
    reset_password(store, "sam", "a brand new passphrase", hasher=FAST)
    assert failure(store, clock, "sam", PASSWORD) == SIGN_IN_FAILED
    assert sign_in(store, clock, "sam", "a brand new passphrase").username == "sam"


def test_a_role_change_takes_effect_at_the_next_sign_in(store: Store, clock: Clock) -> None:
    add_user(store, "sam", Role.ANALYST, password=PASSWORD, hasher=FAST)
    set_role(store, "sam", Role.PRACTITIONER, agency_id="POLICE")
    assert sign_in(store, clock, "sam", PASSWORD) == User("sam", Role.PRACTITIONER, "POLICE")


@pytest.mark.parametrize("change", [
    lambda s: set_disabled(s, "sam"),
    lambda s: reset_password(s, "sam", "another good passphrase", hasher=FAST),
    lambda s: set_role(s, "sam", Role.ANALYST),
    lambda s: end_sessions(s, "sam"),
], ids=["disabled", "password reset", "role change", "signed out everywhere"])
def test_changing_an_account_ends_its_sessions(store: Store, change) -> None:
    account = add_user(store, "sam", Role.SAFEGUARDING_LEAD, password=PASSWORD, hasher=FAST)
    assert session_user(store, "sam", account.session_version).username == "sam"
    change(store)
    with pytest.raises(SignInFailed):
        session_user(store, "sam", account.session_version)


def test_accounts_work_the_same_on_both_databases(db_url: str) -> None:
    store = open_store(db_url)
    clock = Clock()
    add_user(store, "sam", Role.SAFEGUARDING_LEAD, password=PASSWORD, hasher=FAST)
    failure(store, clock, "sam", "wrong password!!")
    assert sign_in(store, clock, "sam", PASSWORD).role is Role.SAFEGUARDING_LEAD
    assert verify(store).count == 2
