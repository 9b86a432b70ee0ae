"""Column types that behave the same on SQLite and PostgreSQL, and the helpers of time the archive
keeps: UTC when stored, KST when shown or filtered by day."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

#: Korean time, in which the views show dates and export windows are days (the crawler's
#: ``crawler.korean.KST`` is the same zone; storage does not import the crawler).
KST = ZoneInfo("Asia/Seoul")


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes stored as UTC.

    PostgreSQL keeps ``timestamptz`` natively, but SQLite drops the offset; storing UTC and
    re-attaching it on load makes comparisons and ``gupress parse`` output identical on both.
    Naive values are refused: a naive time in this archive would be a silent 9-hour error.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column; attach a timezone first")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
