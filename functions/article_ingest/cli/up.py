"""`article-ingest up [--port 4566] [--api-port 3000]`: a local stack to develop against, on 127.0.0.1 only.

Prints the endpoints, bucket and bus names, then `ready` on a line of its own once moto and the query API both
answer. Ctrl-C (or SIGTERM) stops it cleanly.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import TextIO


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "up",
        help="start a local stack: moto server, the template deployed, queue pollers, the query API",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--port", type=int, default=4566, help="moto's port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--api-port", type=int, default=3000, help="the query API's port on 127.0.0.1 (0: any)")
    parser.add_argument("--verbose", action="store_true", help="the functions' INFO logs, on stderr")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from article_ingest.local.devstack import DevStack, local_environment

    out = sys.stdout  # stdout carries only what this command prints; the functions' logs go to stderr
    stop = threading.Event()
    with contextlib.ExitStack() as running:
        running.enter_context(_stop_on_signals(stop))
        running.enter_context(contextlib.redirect_stdout(sys.stderr))
        try:
            devstack = running.enter_context(DevStack(port=args.port, api_port=args.api_port, verbose=args.verbose))
        except OSError as error:
            print(f"article-ingest up: {error} (is a port taken? try --port / --api-port)", file=sys.stderr)
            return 1
        endpoints = devstack.endpoints
        for name, value in endpoints.lines():
            _say(out, f"{name + ':':<15} {value}")
        environment = {**local_environment(endpoints.moto), "ARTICLE_INGEST_API_URL": endpoints.query_api}
        exports = " ".join(f"{k}={v}" for k, v in environment.items())
        port = endpoints.moto.rsplit(":", 1)[1]
        _say(out, f"{'environment:':<15} export {exports}")
        _say(out, f"{'upload:':<15} article-ingest put PATH... --port {port}")
        _say(out, f"{'':<15} aws --endpoint-url {endpoints.moto} s3 cp page.html s3://{endpoints.raw_bucket}/")
        _say(out, f"{'query:':<15} article-ingest query site harbourline.example  (after the export above)")
        devstack.check_ready()
        _say(out, "ready")
        while not stop.wait(0.5):
            pass
    _say(out, "stopped")
    return 0


@contextlib.contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Ctrl-C and SIGTERM set `stop` (the main loop then unwinds everything in order) instead of raising."""

    def handler(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _say(out: TextIO, line: str) -> None:
    out.write(line + "\n")
    out.flush()
