"""`article-ingest schemas`: regenerate the JSON Schemas in `events/` from the models."""

from __future__ import annotations

import argparse
from pathlib import Path

from article_ingest.contracts import write_schemas


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("schemas", help="write the contracts' JSON Schemas")
    parser.add_argument("--out", type=Path, default=Path("events"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for path in write_schemas(args.out):
        print(path)
    return 0
