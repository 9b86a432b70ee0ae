"""Subcommands of ``gupress``; each module defines ``register(subparsers)``."""
