"""Which deployed stack an operations command acts on: on AWS, or the local one (`article-ingest up`).

Every name comes from the stack's outputs, read through CloudFormation, exactly as for the local harness.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import Any

import boto3

LOCAL_PORT = 4566  # `article-ingest up`'s moto port
DEFAULT_STACK_ENV = "ARTICLE_INGEST_STACK"


class StackNotFoundError(RuntimeError):
    pass


@dataclass(frozen=True)
class StackTarget:
    session: boto3.session.Session
    stack_name: str
    endpoint_url: str | None = None  # None: AWS itself

    def client(self, service: str) -> Any:
        return self.session.client(service, endpoint_url=self.endpoint_url)  # type: ignore[call-overload]

    def outputs(self) -> dict[str, str]:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            stack = self.client("cloudformation").describe_stacks(StackName=self.stack_name)["Stacks"][0]
        except (BotoCoreError, ClientError) as error:
            where = self.endpoint_url or f"AWS ({self.session.region_name})"
            raise StackNotFoundError(f"no stack {self.stack_name!r} at {where}: {error}") from error
        return {output["OutputKey"]: output["OutputValue"] for output in stack.get("Outputs", [])}

    @property
    def where(self) -> str:
        return f"{self.stack_name} at {self.endpoint_url or f'AWS ({self.session.region_name})'}"


def add_target_arguments(parser: argparse.ArgumentParser) -> None:
    from article_ingest.local.stack import DEFAULT_STACK_NAME

    parser.add_argument(
        "--stack",
        default=os.environ.get(DEFAULT_STACK_ENV, DEFAULT_STACK_NAME),
        help=f"stack name (default: ${DEFAULT_STACK_ENV}, else %(default)s, the one `up` deploys)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--local", action="store_true", help=f"the stack of a running `article-ingest up` (127.0.0.1:{LOCAL_PORT})"
    )
    where.add_argument("--endpoint-url", help="another AWS-compatible endpoint (default: AWS itself)")
    parser.add_argument("--port", type=int, default=LOCAL_PORT, help="with --local: moto's port")
    parser.add_argument("--region", help="AWS region (default: boto3's configuration)")


def target_from_args(args: argparse.Namespace) -> StackTarget:
    if args.local:
        from article_ingest.local.devstack import local_session
        from article_ingest.local.server import LOOPBACK

        return StackTarget(local_session(), args.stack, f"http://{LOOPBACK}:{args.port}")
    return StackTarget(boto3.session.Session(region_name=args.region), args.stack, args.endpoint_url)


def resolve_target(args: argparse.Namespace, command: str) -> tuple[StackTarget, dict[str, str]] | None:
    """The target stack and its outputs, or None after telling the user on stderr that the stack is not there."""
    target = target_from_args(args)
    try:
        return target, target.outputs()
    except StackNotFoundError as error:
        print(f"article-ingest {command}: {error}", file=sys.stderr)
        return None
