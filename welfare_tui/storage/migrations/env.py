"""Alembic environment: migrations run against `SQLModel.metadata` of welfare_tui.storage.models.

Normally `welfare_tui.storage.engine.migrate()` passes its own connection in `config.attributes`,
so the engine's PRAGMAs apply. Without one (the `alembic` command line, for developers) the URL
comes from `sqlalchemy.url`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from alembic import context
from sqlmodel import SQLModel

import welfare_tui.storage.models  # noqa: F401 - registers the tables on SQLModel.metadata

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

config = context.config
target_metadata = SQLModel.metadata


def configure(**where: Any) -> None:
    """Alembic's context for the tables, either on a connection or (offline) for a URL."""
    # SQLite cannot ALTER most things: batch mode copies the table. compare_type makes autogenerate
    # notice column type changes.
    context.configure(target_metadata=target_metadata, render_as_batch=True, compare_type=True, **where)


def run_migrations_offline() -> None:
    configure(
        url=config.get_main_option("sqlalchemy.url"),
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # A batch "move and copy" of a parent table would otherwise cascade-delete its children.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    from welfare_tui.storage.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url", ""))  # "": refused as no URL
    try:
        with engine.begin() as connection:
            run_on(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
