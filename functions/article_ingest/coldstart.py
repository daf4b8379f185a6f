"""Cold starts: Python's cyclic garbage collector kept out of the way while long-lived objects are built.

Importing a handler builds tens of thousands of objects that live as long as the process (modules, classes,
compiled patterns, pydantic validators), and building a boto3 client parses its service's botocore model (JSON, up
to a few MB). Those allocations keep setting off collections whose full passes walk the whole heap and find nothing
to free: about a sixth of a handler's import, and half of its clients' construction (benchmarks/cold_start.py),
paid on every cold start and billed as init duration. So the collector is paused while they are built, and what a
handler's imports built is then frozen (`gc.freeze`): kept out of every later collection, so the collections of each
invocation no longer walk it either; the same for the clients a handler builds on its first event and keeps.
Objects created afterwards are collected as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """For work that builds acyclic or permanent objects only: reference counting still frees what is dropped."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def building_for_good() -> Iterator[None]:
    """Around work whose objects live as long as the process: the collector paused, and what was built frozen.

    Frozen matters as much as paused: objects built with the collector off all wait in its youngest generation, and
    the first collections after it walk them all again (the parse clients' ~45k objects: ~25 ms of its first event
    on a quiet machine, 100-150 ms under load; benchmarks/README.md § Cold start). Whatever else is alive then is
    frozen too; reference counting still frees it, only a cycle among it would outlive its use.
    """
    with collector_paused():
        try:
            yield
        finally:
            gc.freeze()


@contextmanager
def loading_handler() -> Iterator[None]:
    """Around a handler module's imports: the collector paused, and what they built frozen."""
    with building_for_good():
        yield
