"""Nothing gupress prints to a terminal can carry an escape sequence from a page.

Text fields are cleaned at normalization (``crawler.korean.strip_control_characters``), but
an archive written by an older version may still hold a title with ``ESC [ 31m``, an OSC
hyperlink or a bidi override. ``gupress`` therefore writes its standard output through
:class:`TerminalSafeStream`, which removes them again at print time (newlines and tabs stay,
so tables, JSON and SQL results print as before).
"""

from __future__ import annotations

from typing import TextIO

from crawler.korean.text import strip_control_characters


def terminal_safe(text: str) -> str:
    """``text`` without escape sequences, C0/C1 controls (but newline and tab) or bidi controls."""
    return strip_control_characters(text)


class TerminalSafeStream:
    """A text stream that sanitizes everything written to it, delegating the rest."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def install_on_stdout() -> None:
    """Make ``sys.stdout`` terminal-safe for the rest of the process (idempotent)."""
    import sys

    if not isinstance(sys.stdout, TerminalSafeStream):
        sys.stdout = TerminalSafeStream(sys.stdout)
