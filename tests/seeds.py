"""Seed texts (real article text kept beside the repository, in ``../shared/seeds``).

Found relative to this checkout, never by an absolute path, so a clone anywhere reads the
seeds beside it. Missing seeds skip a test on a developer machine but fail it under
``CI=true``: CI must never go green by not running a test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def seed_path(name: str, *, seeds: Path = SEEDS) -> Path:
    path = seeds / name
    if not path.is_file():
        reason = f"seed text {path} is missing (expected in ../shared/seeds beside the repository)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + "; seeds are required under CI=true")
        pytest.skip(reason)
    return path


def seed_text(name: str) -> str:
    return seed_path(name).read_text(encoding="utf-8")
