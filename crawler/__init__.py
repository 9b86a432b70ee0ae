"""gupress: crawler and versioned SQL archive of Korean district (자치구) press releases."""

__version__ = "0.1.0"
