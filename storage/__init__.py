"""The archive: schema (SQLAlchemy 2.x typed ORM), engine/session factory and every SQL statement.

Nothing outside this package opens a session; pipelines, commands and the scheduler call
the repository functions exported here.
"""

from storage.db import Database, migrate

__all__ = ["Database", "migrate"]
