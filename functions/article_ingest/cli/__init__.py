"""`article-ingest` command line. Each subcommand lives in its own module and registers itself here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from article_ingest import __version__
from article_ingest.cli import extract, put, query, redrive, report, reprocess, run, schemas, up

# Each module exposes `register(subparsers) -> None`, setting `func` on its parser.
_COMMANDS: Sequence[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = (
    extract.register,
    schemas.register,
    run.register,
    up.register,
    put.register,
    query.register,
    redrive.register,
    reprocess.register,
    report.register,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="article-ingest", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for register in _COMMANDS:
        register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
