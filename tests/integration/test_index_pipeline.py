"""The index function deployed from the template: events on the bus end as index items, newest version wins,
and a poison message parks in the index DLQ without costing its batch anything."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from article_ingest.local.moto_patches import item_level_transaction_rollback
from article_ingest.local.stack import LocalStack
from tests.integration.query_stack import publish
from tests.unit.index.factories import article_ready, article_updated, envelope

pytestmark = pytest.mark.integration


@pytest.fixture
def stack() -> Iterator[LocalStack]:
    with (
        mock_aws(config={"lambda": {"use_docker": False}}),
        item_level_transaction_rollback(),
    ):  # else moto copies the whole table per transaction item
        yield LocalStack.deploy(boto3.session.Session(region_name="us-east-1"), stack_name="index-test")


def _partition(stack: LocalStack, pk: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = stack.client("dynamodb").query(
        TableName=stack.resources.index_table,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": pk}},
    )["Items"]
    return items


def _version(stack: LocalStack, article_id: str) -> int:
    [summary] = _partition(stack, f"ARTICLE#{article_id}")
    return int(summary["version"]["N"])


def test_updates_replays_and_out_of_order_versions_converge_to_the_newest(stack: LocalStack) -> None:
    bucket = stack.resources.clean_bucket
    a1 = article_ready("https://worldwire.example/a", tags=["Niger", "Agriculture"], clean_bucket=bucket)
    a2 = article_updated(a1, changed=["tags"], version=2, tags=["Niger", "Water"])
    b1 = article_ready("https://harbourline.example/b", tags=["Ports"], clean_bucket=bucket)
    b2 = article_updated(b1, changed=["title"], version=2, title="Strike ends")
    b3 = article_updated(b2, changed=["authors"], version=3, authors=["Kofi Mensah"])
    publish(stack, [a1, b3])
    publish(stack, [a2, b1, b2, a1])  # b's older versions and a's v1 arrive after their newer ones
    assert (_version(stack, a1.id), _version(stack, b1.id)) == (2, 3)
    assert _partition(stack, "TAG#agriculture") == []
    assert [item["version"]["N"] for item in _partition(stack, "TAG#water")] == ["2"]
    assert [item["title"]["S"] for item in _partition(stack, "TAG#ports")] == ["Strike ends"]
    assert [item["id"]["S"] for item in _partition(stack, "AUTHOR#amina diallo")] == [a1.id]  # b moved on
    assert len(_partition(stack, "AUTHOR#kofi mensah")) == 1


def test_a_poison_message_goes_to_the_dlq_and_its_batch_is_indexed(stack: LocalStack) -> None:
    sqs = stack.client("sqs")
    good = [
        article_ready(f"https://worldwire.example/ok-{n}", clean_bucket=stack.resources.clean_bucket) for n in range(4)
    ]
    poison = envelope(article_ready("https://worldwire.example/poison"))
    poison["detail"]["version"] = 0  # versions start at 1: the model refuses it
    bodies = [json.dumps(envelope(event)) for event in good[:2]] + [json.dumps(poison)]
    bodies += [json.dumps(envelope(event)) for event in good[2:]]
    sqs.send_message_batch(
        QueueUrl=stack.resources.index_queue_url,
        Entries=[{"Id": str(n), "MessageBody": body} for n, body in enumerate(bodies)],
    )
    report = stack.drain()
    assert report.failed >= 1
    for event in good:
        assert _version(stack, event.id) == 1
    parked = sqs.receive_message(QueueUrl=stack.resources.index_dead_letter_queue_url, MaxNumberOfMessages=10)
    assert [json.loads(m["Body"])["detail"]["url"] for m in parked.get("Messages", [])] == [
        "https://worldwire.example/poison"
    ]
    assert _partition(stack, "SITE#worldwire.example") != []
