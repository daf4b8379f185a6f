"""`article-ingest redrive` and `reprocess` against a stack deployed from the template into moto.

The commands run in their AWS mode (`--stack`, `--region`): inside `mock_aws` their boto3 calls reach moto.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import pytest
from moto import mock_aws

import article_ingest
import article_ingest.extraction
from article_ingest.cli import main
from article_ingest.extraction.page import BodyResult, PageMetadata
from article_ingest.local import LocalStack
from article_ingest.local.faults import FaultInjector, FaultKind, FaultPlan
from article_ingest.local.queues import lambda_sqs_event
from article_ingest.local.subscriber import Subscription, subscribe
from tests.faults.scenario import REGION, article_pages

pytestmark = pytest.mark.integration
STACK = "ai-ops"


@pytest.fixture
def stack(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalStack]:
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "ARTICLE_INGEST_STACK"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws(config={"lambda": {"use_docker": False}}):
        yield LocalStack.deploy(boto3.session.Session(region_name=REGION), stack_name=STACK)


def _cli(*args: str) -> int:
    return main([*args, "--stack", STACK, "--region", REGION])


def _events(subscription: Subscription) -> list[dict[str, Any]]:
    return list(subscription.receive_all())


def _depth(stack: LocalStack, queue_url: str) -> int:
    attributes = stack.client("sqs").get_queue_attributes(QueueUrl=queue_url, AttributeNames=["All"])["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])


def test_redrive_lists_then_moves_dead_letters_back_and_they_are_processed(
    stack: LocalStack, capsys: pytest.CaptureFixture[str]
) -> None:
    observer = subscribe(stack, "ops-observer")
    [(key, page)] = list(article_pages(1).items())
    stack.client("s3").put_object(Bucket=stack.resources.raw_bucket, Key=key, Body=page)
    outage = FaultPlan(rate=1.0, kinds=frozenset({FaultKind.S3_READ_ERROR}))  # S3 reads fail on every attempt
    with _parse_function_logs(stack) as function_logs, FaultInjector(outage, stack).active():
        stack.drain()
    assert _depth(stack, stack.resources.parse_dead_letter_queue_url) == 1
    assert _events(observer) == []

    assert _cli("redrive", "--dry-run") == 0
    listed = capsys.readouterr().out
    assert "parse: would move 1 message(s)" in listed
    assert f"s3://{stack.resources.raw_bucket}/{key}" in listed
    assert _depth(stack, stack.resources.parse_dead_letter_queue_url) == 1  # a dry run moves nothing

    # The parse function logged each failed attempt under the message id; locally its logs go to stdout, so the
    # lines it wrote are put in its log group, as CloudWatch would hold them on AWS.
    _to_log_group(stack, function_logs)
    assert _cli("redrive", "--dry-run", "--reasons") == 0
    reported = capsys.readouterr().out
    assert "reason: botocore.exceptions.ClientError: An error occurred (InternalError)" in reported

    assert _cli("redrive", "--queue", "parse") == 0
    assert "parse: moved 1 message(s)" in capsys.readouterr().out
    assert _depth(stack, stack.resources.parse_dead_letter_queue_url) == 0

    stack.drain()  # the outage is over
    events = _events(observer)
    assert [(e["detail-type"], e["detail"]["raw"]["key"]) for e in events] == [("ArticleReady", key)]


@contextmanager
def _parse_function_logs(stack: LocalStack) -> Iterator[list[str]]:
    """The JSON lines the parse function logs meanwhile (its powertools formatter, our own stream)."""
    # One invocation (S3's test event, acknowledged and ignored) imports the handler in its own environment.
    test_event = {"MessageId": "warm-up", "ReceiptHandle": "-", "Body": '{"Event": "s3:TestEvent"}', "MD5OfBody": "-"}
    event = lambda_sqs_event([test_event], "arn:aws:sqs:eu-west-1:123456789012:parse", REGION)  # type: ignore[list-item]
    stack.function(stack.resources.parse_function).invoke(event, stack.runtime_environment())
    from article_ingest.handlers import parse as parse_handler

    stream = io.StringIO()
    capture = logging.StreamHandler(stream)
    capture.setFormatter(parse_handler.logger.registered_formatter)
    std_logger = logging.getLogger(parse_handler.logger.name)
    std_logger.addHandler(capture)
    lines: list[str] = []
    try:
        yield lines
    finally:
        std_logger.removeHandler(capture)
        lines.extend(line for line in stream.getvalue().splitlines() if line.startswith("{"))


def _to_log_group(stack: LocalStack, lines: list[str]) -> None:
    name = stack.resources.parse_function
    function = stack.client("lambda").get_function_configuration(FunctionName=name)
    group = function.get("LoggingConfig", {}).get("LogGroup") or f"/aws/lambda/{name}"  # moto drops LoggingConfig
    stream = "2026/11/27/[$LATEST]local"
    logs = stack.client("logs")
    if not logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]:
        logs.create_log_group(logGroupName=group)
    logs.create_log_stream(logGroupName=group, logStreamName=stream)
    now = int(time.time() * 1000)
    logs.put_log_events(
        logGroupName=group, logStreamName=stream, logEvents=[{"timestamp": now, "message": line} for line in lines]
    )


def test_reprocess_after_a_parser_upgrade_updates_only_changed_articles_under_the_prefix(
    stack: LocalStack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    observer = subscribe(stack, "ops-observer")
    pages = article_pages(4)
    keys = list(pages)
    layout = {keys[0]: f"news/{keys[0]}", keys[1]: f"news/{keys[1]}", keys[2]: f"news/{keys[2]}", keys[3]: "other.html"}
    for original, key in layout.items():
        stack.client("s3").put_object(Bucket=stack.resources.raw_bucket, Key=key, Body=pages[original])
    stack.drain()
    assert len(_events(observer)) == 4

    # The same parser again: every object is skipped by idempotency, nothing is sent.
    assert _cli("reprocess", "--prefix", "news/") == 0
    assert "queued 3 object(s)" in capsys.readouterr().out
    stack.drain()
    assert _events(observer) == []

    # A parser upgrade that changes two stories (one under the prefix, one outside it).
    real_extract_body = article_ingest.extraction.extract_body

    def upgraded(root: Any, metadata: PageMetadata) -> BodyResult:
        body = real_extract_body(root, metadata)
        if metadata.url and metadata.url.endswith(("-1", "-3")):
            return BodyResult([*body.paragraphs, "Corrected: the vote took place on Thursday night."], body.provenance)
        return body

    monkeypatch.setattr(article_ingest.extraction, "extract_body", upgraded)
    monkeypatch.setattr(article_ingest, "__version__", article_ingest.__version__ + "+upgrade")

    assert _cli("reprocess", "--prefix", "news/") == 0
    stack.drain()
    events = _events(observer)
    assert [(e["detail-type"], e["detail"]["raw"]["key"], e["detail"]["version"]) for e in events] == [
        ("ArticleUpdated", f"news/{keys[1]}", 2)
    ]
    assert "body" in events[0]["detail"]["changed_fields"]


def test_reprocess_dry_run_lists_the_objects_and_queues_nothing(
    stack: LocalStack, capsys: pytest.CaptureFixture[str]
) -> None:
    for key, page in article_pages(2).items():
        stack.client("s3").put_object(Bucket=stack.resources.raw_bucket, Key=f"a/{key}", Body=page)
    stack.drain()

    assert _cli("reprocess", "--prefix", "a/", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would queue 2 object(s)" in out
    assert _depth(stack, stack.resources.parse_queue_url) == 0


def test_operations_report_a_missing_stack_clearly(stack: LocalStack, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["redrive", "--stack", "no-such-stack", "--region", REGION]) == 1
    assert "no stack 'no-such-stack'" in capsys.readouterr().err
