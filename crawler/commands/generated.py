"""Files that are generated from a declaration (README tables, the env example): write them, or
``--check`` that they are current (CI runs the check through the tests)."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, current: str, wanted: str, *, check: bool, command: str, what: str = "") -> int:
    """Exit status: 0 written or current, 1 stale under ``check``."""
    if check:
        if current != wanted:
            print(f"gupress: {what or path} is stale; run {command}", file=sys.stderr)
            return 1
        return 0
    path.write_text(wanted, encoding="utf-8")
    print(f"wrote {what or path}")
    return 0
