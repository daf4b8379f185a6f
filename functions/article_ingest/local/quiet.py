"""Keep expected noise out of local runs' output."""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Iterator


@contextlib.contextmanager
def quiet_moto() -> Iterator[None]:
    """moto warns about each template resource its CloudFormation skips (alarms, policies, the HTTP API stage,
    the secret): expected locally (the harness applies what matters), and noise in a report."""
    moto_logger = logging.getLogger("moto")
    previous = moto_logger.level
    moto_logger.setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*not supported by moto.*", category=UserWarning)
        try:
            yield
        finally:
            moto_logger.setLevel(previous)


@contextlib.contextmanager
def unset_env(*names: str) -> Iterator[None]:
    """Remove variables for the duration (e.g. a profile or endpoint from the user's shell that would send the
    clients past the mock)."""
    saved = {name: os.environ.pop(name) for name in names if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)
