"""What each Lambda entry point does while its module loads: nothing it imports is ever garbage.

Importing a handler builds tens of thousands of objects that live as long as the process (modules, classes,
compiled patterns, pydantic validators). Their allocation keeps setting off Python's cyclic garbage collector,
whose full passes walk that growing heap and find nothing to free: about a sixth of the import time
(benchmarks/cold_start.py), paid on every cold start and billed as init duration. So the collector is paused while
the handler's imports run, and what they built is then frozen (`gc.freeze`): kept out of every later collection,
so the collections of each invocation no longer walk it either. Objects created afterwards are collected as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def loading_handler() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
