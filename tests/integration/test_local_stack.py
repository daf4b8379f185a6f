"""The harness itself: names come from each stack, what moto ignores is applied, moto's mappings are taken over."""

from __future__ import annotations

import boto3
import pytest

from article_ingest.local import LocalStack
from article_ingest.local.subscriber import subscribe
from tests.integration.conftest import seed_html
from tests.integration.helpers import detail_types, events_of

pytestmark = pytest.mark.integration


def test_two_stacks_side_by_side_share_no_resource(aws: boto3.session.Session) -> None:
    first = LocalStack.deploy(aws, stack_name="first")
    second = LocalStack.deploy(aws, stack_name="second")
    # (moto's CloudFormation cannot resolve the HTTP API's URL: that output stays a `${...}` template in both)
    resolved = [{v for v in stack.resources.outputs.values() if "${" not in v} for stack in (first, second)]
    assert resolved[0].isdisjoint(resolved[1])
    first_events, second_events = subscribe(first, "first-all"), subscribe(second, "second-all")

    first.client("s3").put_object(Bucket=first.resources.raw_bucket, Key="seed.html", Body=seed_html())
    first.drain()
    second.drain()

    assert detail_types(events_of(first_events)) == ["ArticleReady"]
    assert events_of(second_events) == []


def test_what_moto_ignores_is_applied_and_its_mappings_are_disabled(stack: LocalStack) -> None:
    s3, dynamodb, lambda_client = stack.client("s3"), stack.client("dynamodb"), stack.client("lambda")

    notification = s3.get_bucket_notification_configuration(Bucket=stack.resources.raw_bucket)
    [queue] = notification["QueueConfigurations"]
    assert queue["QueueArn"].endswith(stack.resources.parse_queue_url.rsplit("/", 1)[1])
    assert queue["Events"] == ["s3:ObjectCreated:*"]
    assert (
        s3.get_bucket_notification_configuration(Bucket=stack.resources.clean_bucket).get("QueueConfigurations", [])
        == []
    )
    ttl = dynamodb.describe_time_to_live(TableName=stack.resources.idempotency_table)["TimeToLiveDescription"]
    assert (ttl["TimeToLiveStatus"], ttl["AttributeName"]) == ("ENABLED", "expiration")
    assert {m.function.name for m in stack.mappings} >= {stack.resources.parse_function, stack.resources.index_function}
    for mapping in stack.mappings:
        assert lambda_client.get_event_source_mapping(UUID=mapping.uuid)["State"] == "Disabled"
        assert mapping.batch_size == 10
        assert mapping.report_batch_item_failures
        assert mapping.max_receive_count == 5
        assert mapping.visibility_timeout_s >= 6 * mapping.function.timeout_s


def test_handlers_run_with_the_deployed_environment(stack: LocalStack) -> None:
    parse = stack.function(stack.resources.parse_function)
    assert parse.handler == "article_ingest.handlers.parse.handler"
    assert parse.environment["CLEAN_BUCKET_NAME"] == stack.resources.clean_bucket
    assert parse.environment["EVENT_BUS_NAME"] == stack.resources.event_bus_name
    assert parse.environment["REGISTRY_TABLE_NAME"] == stack.resources.registry_table
    assert all(isinstance(value, str) for value in parse.environment.values())
    index = stack.function(stack.resources.index_function)
    assert index.environment["INDEX_TABLE_NAME"] == stack.resources.index_table


def test_attach_finds_a_stack_deployed_earlier(aws: boto3.session.Session, stack: LocalStack) -> None:
    again = LocalStack.attach(aws, stack_name=stack.resources.stack_name)
    assert again.resources == stack.resources
    assert [m.uuid for m in again.mappings] == [m.uuid for m in stack.mappings]


def test_without_fast_mode_a_failed_message_waits_out_its_visibility_timeout(aws: boto3.session.Session) -> None:
    stack = LocalStack.deploy(aws, stack_name="patient", fast=False)
    sqs = stack.client("sqs")
    sqs.send_message(QueueUrl=stack.resources.parse_queue_url, MessageBody="not a notification")

    report = stack.drain()

    assert [(batch.received, batch.failed) for batch in report.batches] == [(1, 1)]
    attributes = sqs.get_queue_attributes(QueueUrl=stack.resources.parse_queue_url, AttributeNames=["All"])
    assert attributes["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == "1"  # back in 360 s, as in Lambda
