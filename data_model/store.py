"""Storage through SQLAlchemy 2: a SQLite file by default, PostgreSQL by URL.

The contract tables are SQLAlchemy Core tables derived from :mod:`data_model.schema`; the schema
itself is created and upgraded only by Alembic (``data_model/migrations``), so an existing
database follows every later change. Nothing else in the project writes SQL.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from data_model.contract import Progress, Validated, typed_frame
from data_model.errors import UserError
from data_model.partnership import Partnership
from data_model.schema import TABLES, Column, Table

DEFAULT_URL = "sqlite:///var/linkedrisk.db"
#: Surrogate primary key for tables whose rows are identified by several columns.
ROW_KEY = "row_key"
BATCH = 20_000

metadata = sa.MetaData()


def _sa_type(col: Column) -> Any:
    return {
        "date": sa.Date(),
        "bool": sa.Boolean(),
        "int": sa.Integer(),
        "text": sa.Text(),
        "codes": sa.Text(),
    }.get(col.kind, sa.String(200))


def _contract_table(table: Table) -> sa.Table:
    columns: list[sa.Column[Any]] = []
    if table.id_column is None:
        columns.append(sa.Column(ROW_KEY, sa.String(64), primary_key=True))
    for col in table.columns:
        columns.append(
            sa.Column(
                col.name,
                _sa_type(col),
                primary_key=col.kind == "id",
                nullable=col.kind != "id",
                index=col.kind == "ref" and col.required,
            )
        )
    return sa.Table(table.name, metadata, *columns)


#: The contract tables as SQLAlchemy tables, by name.
CONTRACT_TABLES: dict[str, sa.Table] = {t.name: _contract_table(t) for t in TABLES}


def database_url(url: str | None = None) -> str:
    """The URL given, else ``LINKEDRISK_DB_URL``, else a SQLite file under ``var/``."""
    return url or os.environ.get("LINKEDRISK_DB_URL") or DEFAULT_URL


def row_keys(table: Table, frame: pd.DataFrame) -> pd.Series:
    """The stable key of each row: its id, or a hash of its natural-key columns."""
    if table.id_column:
        return frame[table.id_column].astype(str)
    parts = []
    for name in table.key:
        values = frame[name]
        if table.column(name).kind == "date":
            parts.append(values.dt.strftime("%Y-%m-%d").fillna(""))
        else:
            parts.append(values.fillna("").astype(str))
    joined = parts[0].str.cat(parts[1:], sep="\x1f") if len(parts) > 1 else parts[0]
    return joined.map(lambda s: hashlib.sha256(s.encode()).hexdigest()[:32])


def _records(table: Table, frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Typed frame rows as plain Python values (None for empty) for the database driver.

    Built as plain lists, never through a DataFrame, which would turn None back into NaN.
    """
    columns: dict[str, list[Any]] = {}
    if table.id_column is None:
        columns[ROW_KEY] = row_keys(table, frame).tolist()
    for col in table.columns:
        values = frame[col.name]
        missing = values.isna().tolist()
        if col.kind == "date":
            plain = [v.date() if not m else None for v, m in zip(values, missing, strict=True)]
        elif col.kind == "int":
            plain = [int(v) if not m else None for v, m in zip(values, missing, strict=True)]
        elif col.kind == "bool":
            plain = values.astype(bool).tolist()
        else:
            plain = [v if not m else None for v, m in zip(values.tolist(), missing, strict=True)]
        columns[col.name] = plain
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]


class Store:
    """A migrated database holding the partnership's data (and, later, the app's own tables)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def _upsert(self, conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        insert: Any = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        key = next(iter(table.primary_key.columns)).name
        stmt = insert(table)
        update = {c.name: stmt.excluded[c.name] for c in table.columns if c.name != key}
        conn.execute(stmt.on_conflict_do_update(index_elements=[key], set_=update), rows)

    def known_ids(self) -> dict[str, set[str]]:
        """The ids already stored, per table with an id (for checking references on import)."""
        out: dict[str, set[str]] = {}
        with self.engine.connect() as conn:
            for table in TABLES:
                if table.id_column:
                    column = CONTRACT_TABLES[table.name].c[table.id_column]
                    out[table.name] = set(conn.execute(sa.select(column)).scalars())
        return out

    def write(self, validated: Validated, progress: Progress | None = None, replace: bool = False) -> dict[str, int]:
        """Store every valid row in one transaction: insert new keys, update existing ones.

        Re-writing the same rows changes nothing. With ``replace`` the contract tables are
        emptied first (inside the same transaction), so the store holds exactly this dataset.
        Returns the number of new rows per table.
        """
        total = sum(len(f) for f in validated.tables.values()) or 1
        done = 0
        new: dict[str, int] = {}
        with self.transaction() as conn:
            if replace:
                for table in reversed(TABLES):
                    conn.execute(sa.delete(CONTRACT_TABLES[table.name]))
            for table in TABLES:
                frame = validated.tables[table.name]
                sa_table = CONTRACT_TABLES[table.name]
                if frame.empty:
                    new[table.name] = 0
                    continue
                rows = _records(table, frame)
                key = next(iter(sa_table.primary_key.columns))
                stored = set(conn.execute(sa.select(key)).scalars())
                new[table.name] = sum(1 for r in rows if r[key.name] not in stored)
                for start in range(0, len(rows), BATCH):
                    if progress:
                        progress(f"Storing {table.name}", done / total)
                    chunk = rows[start : start + BATCH]
                    self._upsert(conn, sa_table, chunk)
                    done += len(chunk)
        if progress:
            progress("Stored", 1.0)
        return new

    def load(self, progress: Progress | None = None) -> Partnership:
        """Read every contract table back as the same typed frames the importer produces."""
        tables: dict[str, pd.DataFrame] = {}
        with self.engine.connect() as conn:
            for number, table in enumerate(TABLES):
                if progress:
                    progress(f"Loading {table.name}", number / len(TABLES))
                sa_table = CONTRACT_TABLES[table.name]
                # Dates travel as ISO text and are parsed a column at a time: far faster than
                # per-value conversion in the driver.
                select = sa.select(
                    *(
                        sa.cast(sa_table.c[c.name], sa.String).label(c.name)
                        if c.kind in ("date", "bool", "int")
                        else sa_table.c[c.name]
                        for c in table.columns
                    )
                )
                # Plain tuples from the driver: pandas probing SQLAlchemy Row objects costs more
                # than the query (every selected value is already text, so no type processing).
                result = conn.execute(select)
                rows = result.cursor.fetchall() if result.cursor is not None else []
                text = pd.DataFrame(rows, columns=list(table.column_names), dtype=object)
                tables[table.name] = typed_frame(table, _stored_text(table, text))
        if progress:
            progress("Loaded", 1.0)
        return Partnership(tables)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                t.name: int(conn.execute(sa.select(sa.func.count()).select_from(CONTRACT_TABLES[t.name])).scalar_one())
                for t in TABLES
            }


def _stored_text(table: Table, text: pd.DataFrame) -> pd.DataFrame:
    """Stored values as the text the contract parser reads (booleans as true/false)."""
    out = text.copy()
    for col in table.columns:
        values = out[col.name].fillna("").astype(str)
        if col.kind == "bool":
            values = values.str.lower().map({"1": "true", "true": "true"}).fillna("false")
        elif col.kind == "date":
            values = values.str.slice(0, 10)
        out[col.name] = values
    return out


def _engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema to ``revision`` with Alembic."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def open_store(url: str | None = None, migrate: bool = True) -> Store:
    """Open (and by default migrate) the database at ``url``; see :func:`database_url`."""
    url = database_url(url)
    shown = url.split("@")[-1] if "@" in url else url  # never print a password
    try:
        engine = _engine(url)
        if migrate:
            upgrade(engine)
    except (sa.exc.OperationalError, sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise UserError(
            f"The database at {shown} could not be opened ({type(exc).__name__}): "
            "check the URL and that the server is running."
        ) from exc
    return Store(engine)
