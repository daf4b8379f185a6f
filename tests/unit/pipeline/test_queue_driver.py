"""How the local event source mapping reads a handler's response, as Lambda does."""

from __future__ import annotations

from typing import Any

import pytest

from article_ingest.local.queues import failed_message_ids, lambda_sqs_event

MESSAGES: list[Any] = [
    {"MessageId": m, "ReceiptHandle": f"r-{m}", "Body": "{}", "MD5OfBody": "x", "Attributes": {}} for m in "abc"
]


@pytest.mark.parametrize(
    ("response", "failed"),
    [
        ({"batchItemFailures": []}, set()),
        ({"batchItemFailures": [{"itemIdentifier": "b"}]}, {"b"}),
        (None, set()),
        ({}, set()),
        ({"batchItemFailures": [{"itemIdentifier": ""}]}, {"a", "b", "c"}),  # malformed: the whole batch fails
        ({"batchItemFailures": [{"itemIdentifier": "zzz"}]}, {"a", "b", "c"}),
        ({"batchItemFailures": "b"}, {"a", "b", "c"}),
    ],
)
def test_partial_batch_responses(response: object, failed: set[str]) -> None:
    assert failed_message_ids(response, MESSAGES, partial=True) == failed


def test_without_report_batch_item_failures_the_response_is_ignored() -> None:
    assert failed_message_ids({"batchItemFailures": [{"itemIdentifier": "b"}]}, MESSAGES, partial=False) == set()


def test_the_lambda_event_has_the_sqs_record_shape() -> None:
    event = lambda_sqs_event(MESSAGES[:1], "arn:aws:sqs:eu-west-1:1:q", "eu-west-1")
    [record] = event["Records"]
    assert record["messageId"] == "a"
    assert record["eventSource"] == "aws:sqs"
    assert record["eventSourceARN"] == "arn:aws:sqs:eu-west-1:1:q"
