"""A time budget for one step of a batch (reading one file, extracting one document): SIGALRM-based.

Only in the main thread of a POSIX process and when no other interval timer is running; elsewhere the
block runs unbounded (the size limits still bound it). The exception is a BaseException so that no
``except Exception`` in the guarded code swallows it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Overrun(BaseException):
    """Raised inside a ``deadline`` block when its time is up."""


def usable(seconds: float | None) -> bool:
    """Whether a deadline of ``seconds`` can be enforced here."""
    return bool(
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise Overrun in this block after ``seconds`` (no-op where it cannot be enforced)."""
    if not usable(seconds):
        yield
        return

    def on_alarm(_signum, _frame):
        raise Overrun

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
