"""Alembic environment: run migrations on the connection handed over by data_model.store.upgrade."""

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through data_model.store.upgrade
    raise RuntimeError("Run migrations with `linkedrisk db upgrade` or data_model.store.upgrade().")

context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
