"""Item pipelines, one concern per module, ordered in ``crawler/settings.py``:
normalize (100) → districts (200) → validate (300) → dedup (400) → store (900)."""
