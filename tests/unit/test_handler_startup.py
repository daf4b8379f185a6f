"""Handlers load with the garbage collector paused and leave it running, with what they imported frozen."""

from __future__ import annotations

import gc
import subprocess
import sys

from article_ingest.handlers.startup import loading_handler


def test_the_collector_is_paused_while_loading_and_running_afterwards() -> None:
    assert gc.isenabled()
    try:
        with loading_handler():
            assert not gc.isenabled()
            built = [[n] for n in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(built)
    finally:
        gc.unfreeze()


def test_a_collector_disabled_by_the_caller_stays_disabled() -> None:
    gc.disable()
    try:
        with loading_handler():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_importing_each_handler_leaves_the_collector_on_and_its_imports_frozen() -> None:
    script = (
        "import gc, importlib, sys; "
        "[importlib.import_module(f'article_ingest.handlers.{name}') for name in ('parse', 'index', 'query')]; "
        "print(gc.isenabled(), gc.get_freeze_count() > 10000)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"AWS_REGION": "eu-west-1", "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout.split() == ["True", "True"]
