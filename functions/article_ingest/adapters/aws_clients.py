"""boto3 clients, built once per execution environment and reused by every invocation.

Building a session and its clients costs 200-500 ms (botocore loads its service models each time): far too much
per warm invocation. Clients hold connections and configuration, never request data, so reusing them cannot leak
one invocation's state into the next. The cache key is what decides where a client talks to: region, endpoint
and credentials, read from the environment Lambda (or the local harness) sets.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

import boto3
from botocore.config import Config

from article_ingest.coldstart import building_for_good

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_events import EventBridgeClient
    from mypy_boto3_s3 import S3Client

_CLIENT_CONFIG = Config(retries={"max_attempts": 5, "mode": "adaptive"}, connect_timeout=5, read_timeout=20)


class AwsClients(NamedTuple):  # not a frozen dataclass: a tenth of the cost at import
    s3: S3Client
    dynamodb: DynamoDBClient
    events: EventBridgeClient


def clients_for(environ: Mapping[str, str] = os.environ) -> AwsClients:
    return _clients(
        environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION"),
        environ.get("AWS_ENDPOINT_URL"),
        environ.get("AWS_ACCESS_KEY_ID"),
    )


@functools.cache
def _clients(region: str | None, endpoint_url: str | None, access_key_id: str | None) -> AwsClients:
    with building_for_good():  # kept for the life of the execution environment
        session = boto3.session.Session(region_name=region)
        return AwsClients(
            s3=session.client("s3", endpoint_url=endpoint_url, config=_CLIENT_CONFIG),
            dynamodb=session.client("dynamodb", endpoint_url=endpoint_url, config=_CLIENT_CONFIG),
            events=session.client("events", endpoint_url=endpoint_url, config=_CLIENT_CONFIG),
        )
