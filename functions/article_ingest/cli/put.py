"""`article-ingest put PATH... [--port 4566]`: upload pages to the raw bucket of a running `article-ingest up`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from article_ingest.local.inputs import InputError, collect_inputs, upload
from article_ingest.local.server import LOOPBACK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("put", help="upload files or folders to the raw bucket of a local stack (`up`)")
    parser.add_argument("paths", nargs="+", type=Path, help="files, or folders of .html / .html.gz files")
    parser.add_argument("--port", type=int, default=4566, help="the port `article-ingest up` serves moto on")
    parser.add_argument("--stack", help="stack name (default: the one `up` deploys)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from article_ingest.local.devstack import local_session
    from article_ingest.local.stack import DEFAULT_STACK_NAME
    from article_ingest.ops.target import StackNotFoundError, StackTarget

    try:
        inputs = collect_inputs(args.paths)
    except InputError as error:
        print(f"article-ingest put: {error}", file=sys.stderr)
        return 2
    target = StackTarget(local_session(), args.stack or DEFAULT_STACK_NAME, f"http://{LOOPBACK}:{args.port}")
    try:
        bucket = target.outputs()["RawBucketName"]
    except (StackNotFoundError, KeyError) as error:
        message = f"no raw bucket in {target.where} ({error}); start `article-ingest up`"
        print(f"article-ingest put: {message}", file=sys.stderr)
        return 1
    s3 = target.client("s3")
    for item in inputs:
        upload(s3, bucket, item)
        print(f"s3://{bucket}/{item.key}")
    return 0
