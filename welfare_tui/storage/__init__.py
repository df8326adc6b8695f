"""Storage: SQLModel tables, engine and migrations, repository functions and meeting documents.

Nothing is imported here on purpose: `import welfare_tui.storage.engine` must not pay for the
repository, and no engine exists until a front end asks for one with `open_database(url)`.
"""
