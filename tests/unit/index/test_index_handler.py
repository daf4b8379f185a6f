"""The index function's handler on recorded-shape SQS batches of EventBridge envelopes, against a moto table."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from article_ingest.handlers import index as index_handler
from tests.unit.index.factories import article_ready, article_updated, envelope, sqs_batch

TABLE = "index-handler-test"


@pytest.fixture
def table(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("INDEX_TABLE_NAME", TABLE)
    monkeypatch.setenv("DAY_SHARDS", "2")
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName=TABLE,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk")],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        )
        yield client


class _Context:
    function_name = "index"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:index"
    aws_request_id = "req-1"


def _handle(event: dict[str, Any]) -> dict[str, Any]:
    return dict(index_handler.handler(event, _Context()))  # type: ignore[arg-type]


def _partition(table: Any, pk: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = table.query(
        TableName=TABLE, KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": {"S": pk}}
    )["Items"]
    return items


def test_a_batch_is_indexed(table: Any) -> None:
    first = article_ready("https://worldwire.example/a", tags=["Niger"])
    second = article_ready("https://worldwire.example/b", tags=["Niger", "Water"])
    assert _handle(sqs_batch(envelope(first), envelope(second))) == {"batchItemFailures": []}
    assert len(_partition(table, "TAG#niger")) == 2
    assert len(_partition(table, "TAG#water")) == 1
    summary = _partition(table, f"ARTICLE#{first.id}")[0]
    assert summary["version"] == {"N": "1"}
    assert "body" not in summary


def test_each_outcome_is_logged(table: Any, caplog: pytest.LogCaptureFixture) -> None:
    v1 = article_ready("https://worldwire.example/a")
    with caplog.at_level("INFO"):
        _handle(sqs_batch(envelope(v1), envelope(v1)))
    outcomes = [record.outcome for record in caplog.records if record.getMessage() == "indexed"]
    assert outcomes == ["indexed", "duplicate"]


def test_only_the_bad_records_of_a_batch_fail(table: Any) -> None:
    good = envelope(article_ready("https://worldwire.example/good"))
    missing_title = envelope(article_ready("https://worldwire.example/bad"))
    del missing_title["detail"]["title"]
    foreign = envelope(article_ready("https://worldwire.example/foreign")) | {"source": "someone-else"}
    rejected = envelope(article_ready("https://worldwire.example/r")) | {"detail-type": "ArticleRejected"}
    batch = sqs_batch(good, missing_title, foreign, rejected)
    batch["Records"].append({**batch["Records"][0], "messageId": "msg-garbage", "body": "{not json"})
    response = _handle(batch)
    failed = {failure["itemIdentifier"] for failure in response["batchItemFailures"]}
    assert failed == {"msg-1", "msg-2", "msg-3", "msg-garbage"}
    assert len(_partition(table, "SITE#worldwire.example")) == 1


def test_an_update_replaces_and_a_replay_of_the_old_version_changes_nothing(table: Any) -> None:
    v1 = article_ready("https://worldwire.example/a", tags=["Niger", "Agriculture"])
    v2 = article_updated(v1, changed=["tags"], version=2, tags=["Niger", "Water"])
    _handle(sqs_batch(envelope(v1)))
    _handle(sqs_batch(envelope(v2)))
    _handle(sqs_batch(envelope(v1)))
    assert _partition(table, "TAG#agriculture") == []
    [water] = _partition(table, "TAG#water")
    assert water["version"] == {"N": "2"}
    [niger] = _partition(table, "TAG#niger")
    assert json.loads(json.dumps(niger["tags"])) == {"L": [{"S": "Niger"}, {"S": "Water"}]}
