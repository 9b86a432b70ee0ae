"""Alembic revisions; every one runs on SQLite (batch mode) and PostgreSQL."""
