"""Entry point of a crawl started by the daemon: ``python -m crawler.daemon.child crawl ...``.

A crawl runs in its own session (so a terminal's Ctrl-C or a stray process-group signal
reaches the daemon only, and the daemon decides). The price: when the daemon is SIGKILLed
nothing would stop its crawls, and they would run on unsupervised. So before doing anything
else the child asks Linux for a parent-death signal (``prctl(PR_SET_PDEATHSIG, SIGTERM)``):
when the daemon dies, the crawl gets SIGTERM and closes its run as ``interrupted``, as on
any SIGTERM. The daemon passes its pid in ``GUPRESS_DAEMON_PID``; if the parent is already a
different process once the signal is armed, the daemon died in between and the crawl exits
without starting.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

from crawler.daemon.config import PARENT_PID_ENV

PR_SET_PDEATHSIG = 1
ORPHANED_EXIT = 3
PARENT_DEATH_SIGNAL = signal.SIGUSR1


class _TermOnce:
    """The parent-death handler: one SIGTERM to ourselves, however often the kernel signals."""

    def __init__(self) -> None:
        self.fired = False

    def __call__(self, _signum, _frame) -> None:
        if not self.fired:
            self.fired = True
            signal.raise_signal(signal.SIGTERM)


def arm_parent_death_signal(signum: int = PARENT_DEATH_SIGNAL) -> None:
    """Linux only; raises OSError when the kernel refuses. The handler is installed first, so
    the signal never meets its default action (terminate)."""
    signal.signal(signum, _TermOnce())
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"prctl(PR_SET_PDEATHSIG) failed: {os.strerror(errno)}")


def orphaned(expected_parent: str | None) -> bool:
    """Arm the signal, then check the parent is still the daemon (closes the race between
    the daemon's fork and the prctl call)."""
    if not expected_parent or not sys.platform.startswith("linux"):
        return False
    arm_parent_death_signal()
    return os.getppid() != int(expected_parent)


def main(argv: list[str]) -> int:
    if orphaned(os.environ.get(PARENT_PID_ENV)):
        print(f"gupress: the daemon (pid {os.environ[PARENT_PID_ENV]}) that started this crawl is gone; "
              "not crawling", file=sys.stderr)
        return ORPHANED_EXIT
    from crawler.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
