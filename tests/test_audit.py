"""The audit trail: append-only, and `verify` names the first entry altered, removed or reordered."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from data_model.access import Role, User
from data_model.audit import AuditAction, audit_log, entry_hash, head, record, verify
from data_model.audit_report import AuditFilter, audit_entries
from data_model.errors import UserError
from data_model.store import Store, open_store

LEAD = User("sam", Role.SAFEGUARDING_LEAD)
PAT = User("pat", Role.PRACTITIONER, "HEALTH")


@pytest.fixture
def store(db_url: str) -> Store:
    store = open_store(db_url)
    record(store, LEAD, AuditAction.SIGN_IN, ["sam"])
    record(store, LEAD, AuditAction.SEARCH, ["P1", "P2"], detail={"results": 2})
    record(store, LEAD, AuditAction.VIEW_PERSON, ["P9"], reason="Strategy meeting tomorrow")
    record(store, PAT, AuditAction.EXPORT, ["P1"], detail={"what": "caseload", "format": "csv"})
    record(store, LEAD, AuditAction.GAP_STATUS_CHANGE, ["CP_REVIEW_OVERDUE|PL1"], detail={"status": "resolved"})
    return store


def without_guards(store: Store) -> sa.engine.Engine:
    """What someone who can drop the append-only triggers could do next."""
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "postgresql":
            conn.execute(sa.text("DROP TRIGGER audit_log_no_change ON audit_log"))
        else:
            conn.execute(sa.text("DROP TRIGGER audit_log_no_update"))
            conn.execute(sa.text("DROP TRIGGER audit_log_no_delete"))
    return store.engine


def tamper(store: Store, *statements: str) -> None:
    with without_guards(store).begin() as conn:
        for statement in statements:
            conn.execute(sa.text(statement))


def test_an_untouched_trail_checks_out(store: Store) -> None:
    result = verify(store)
    assert (result.ok, result.count, result.first_bad_seq) == (True, 5, None)
    assert str(result) == "The audit trail checks out: 5 entries, unbroken."


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3",
                                       "DELETE FROM audit_log WHERE seq = 3"])
def test_the_database_refuses_to_change_or_delete_an_entry(store: Store, statement: str) -> None:
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(sa.text(statement))
    assert verify(store).ok


def test_an_altered_reason_is_detected(store: Store) -> None:
    tamper(store, "UPDATE audit_log SET reason = 'Routine check' WHERE seq = 3")
    result = verify(store)
    assert (result.ok, result.first_bad_seq) == (False, 3)
    assert "entry 3 was altered" in str(result)


def test_an_altered_list_of_records_is_detected(store: Store) -> None:
    tamper(store, """UPDATE audit_log SET records = '["P1"]' WHERE seq = 2""")
    assert verify(store).first_bad_seq == 2


def test_a_removed_entry_is_detected(store: Store) -> None:
    tamper(store, "DELETE FROM audit_log WHERE seq = 3")
    result = verify(store)
    assert (result.first_bad_seq, result.problem) == (3, "entry 3 is missing (the log goes from 2 to 4).")


def test_a_removed_entry_is_detected_even_when_the_rest_are_renumbered(store: Store) -> None:
    tamper(store, "DELETE FROM audit_log WHERE seq = 3", "UPDATE audit_log SET seq = seq - 1 WHERE seq > 3")
    result = verify(store)
    assert result.first_bad_seq == 3 and "does not follow entry 2" in result.problem


def test_two_swapped_entries_are_detected(store: Store) -> None:
    tamper(store, "UPDATE audit_log SET seq = -2 WHERE seq = 2", "UPDATE audit_log SET seq = 2 WHERE seq = 3",
           "UPDATE audit_log SET seq = 3 WHERE seq = -2")
    assert verify(store).first_bad_seq == 2


def test_an_inserted_entry_is_detected(store: Store) -> None:
    tamper(store, "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3",
           "UPDATE audit_log SET seq = seq - 99 WHERE seq > 100")
    with store.engine.connect() as conn:
        prev = conn.execute(sa.select(audit_log.c.hash).where(audit_log.c.seq == 2)).scalar_one()
    fields = {"seq": 3, "at": "2026-11-27T10:00:00.000000Z", "username": "sam", "role": "safeguarding_lead",
              "action": "sign_out", "records": [], "reason": None, "detail": {}}
    forged = {**fields, "records": "[]", "detail": "{}", "prev_hash": prev, "hash": entry_hash(fields, prev)}
    with store.engine.begin() as conn:
        conn.execute(sa.insert(audit_log), [forged])
    result = verify(store)
    assert result.first_bad_seq == 4 and "does not follow entry 3" in result.problem


def test_a_cut_off_end_is_caught_by_the_head_kept_elsewhere(store: Store) -> None:
    kept = head(store)
    assert kept is not None and kept[0] == 5
    tamper(store, "DELETE FROM audit_log WHERE seq = 5")
    assert verify(store).ok  # the chain alone cannot tell
    result = verify(store, expect_head=kept)
    assert (result.ok, result.first_bad_seq) == (False, 5) and "removed from the end" in result.problem


def test_a_rewritten_chain_is_caught_by_the_head_kept_elsewhere(store: Store) -> None:
    kept = head(store)
    tamper(store, "DELETE FROM audit_log WHERE seq >= 3")
    record(store, LEAD, AuditAction.SIGN_OUT)
    record(store, LEAD, AuditAction.SIGN_OUT)
    record(store, LEAD, AuditAction.SIGN_OUT)
    assert verify(store).ok
    result = verify(store, expect_head=kept)
    assert (result.ok, result.first_bad_seq) == (False, 5) and "rewritten" in result.problem


def test_concurrent_writers_never_fork_the_chain(db_url: str) -> None:
    open_store(db_url)  # migrate once, before the writers start
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        store = open_store(db_url, migrate=False)
        try:
            for i in range(15):
                record(store, User(f"user{number}", Role.SAFEGUARDING_LEAD), AuditAction.VIEW_PERSON, [f"P{i}"])
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            store.engine.dispose()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = verify(open_store(db_url))
    assert (result.ok, result.count) == (True, 60)


def test_an_entry_holds_codes_and_ids_not_record_text(store: Store) -> None:
    with pytest.raises(ValueError, match="plain values"):
        record(store, LEAD, AuditAction.EXPORT, ["P1"], detail={"person": {"name": "Ann Smith"}})
    with pytest.raises(ValueError, match="too long"):
        record(store, LEAD, AuditAction.EXPORT, ["P1"], detail={"note": "x" * 500})
    with pytest.raises(UserError, match="keep it under"):
        record(store, LEAD, AuditAction.VIEW_PERSON, ["P1"], reason="x" * 3000)


def test_the_audit_page_filters_by_user_action_and_record(store: Store) -> None:
    assert audit_entries(store, AuditFilter(username="pat"))["action"].tolist() == ["export"]
    assert audit_entries(store, AuditFilter(action="view_person"))["reason"].tolist() == ["Strategy meeting tomorrow"]
    assert audit_entries(store, AuditFilter(record_id="P1"))["seq"].tolist() == [4, 2]
    assert audit_entries(store, AuditFilter(record_id="P_"))["seq"].tolist() == []  # LIKE wildcards are literal
    assert audit_entries(store)["seq"].tolist() == [5, 4, 3, 2, 1]


def test_opening_a_record_outside_ones_caseload_needs_a_stated_reason(store: Store) -> None:
    from data_model.audit import record_person_view

    with pytest.raises(UserError, match="Say why"):
        record_person_view(store, LEAD, "P7", "  ", reason_needed=True)
    entry = record_person_view(store, LEAD, "P7", "Child protection conference at 2pm", reason_needed=True)
    assert (entry.action, entry.records, entry.reason) == ("view_person", ("P7",), "Child protection conference at 2pm")
    assert record_person_view(store, PAT, "P1", None, reason_needed=False).reason is None
    assert verify(store).count == 7
