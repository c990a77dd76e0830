"""Migration 0004 (users and the audit trail) goes down and up again cleanly on both databases."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from data_model import store as store_module
from data_model.access import Role, User
from data_model.audit import AuditAction, record, verify
from data_model.store import open_store, upgrade


def test_users_and_audit_tables_come_and_go_with_their_revision(db_url: str) -> None:
    store = open_store(db_url)
    record(store, User("sam", Role.SAFEGUARDING_LEAD), AuditAction.SIGN_IN, ["sam"])
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(store_module.__file__).parent / "migrations"))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
    assert not {"users", "audit_log"} & set(sa.inspect(store.engine).get_table_names())
    upgrade(store.engine)
    assert {"users", "audit_log"} <= set(sa.inspect(store.engine).get_table_names())
    assert verify(store).count == 0
    record(store, User("sam", Role.SAFEGUARDING_LEAD), AuditAction.SIGN_IN, ["sam"])
    assert verify(store).ok
