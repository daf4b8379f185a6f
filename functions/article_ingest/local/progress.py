"""A one-line progress bar for terminals; silent everywhere else."""

from __future__ import annotations

import time
from typing import TextIO

_WIDTH = 30
_REDRAW_EVERY_S = 0.1


class ProgressBar:
    """Redraws `[#####.....] done/total label` in place on `stream`, at most ten times a second."""

    def __init__(self, total: int, stream: TextIO, *, enabled: bool) -> None:
        self._total = total
        self._stream = stream
        self._enabled = enabled and total > 0
        self._last_draw = 0.0
        self._drawn = False

    def update(self, done: int, label: str = "", *, force: bool = False) -> None:
        if not self._enabled:
            return
        now = time.monotonic()
        if not force and now - self._last_draw < _REDRAW_EVERY_S:
            return
        self._last_draw = now
        filled = _WIDTH * min(done, self._total) // self._total
        bar = "#" * filled + "." * (_WIDTH - filled)
        self._stream.write(f"\r[{bar}] {done}/{self._total} {label}\x1b[K")
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Erase the bar so that what is printed next starts on a clean line."""
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._drawn = False
