"""Small readers of the deployed stack's state, shared by the pipeline tests."""

from __future__ import annotations

import json
from typing import Any

from article_ingest.domain.article import Article
from article_ingest.local import LocalStack
from article_ingest.local.subscriber import Subscription


def events_of(subscription: Subscription) -> list[dict[str, Any]]:
    return list(subscription.receive_all())


def detail_types(events: list[dict[str, Any]]) -> list[str]:
    return [event["detail-type"] for event in events]


def clean_keys(stack: LocalStack) -> list[str]:
    s3 = stack.client("s3")
    response = s3.list_objects_v2(Bucket=stack.resources.clean_bucket)
    return sorted(item["Key"] for item in response.get("Contents", []))


def clean_article(stack: LocalStack, key: str) -> Article:
    body = stack.client("s3").get_object(Bucket=stack.resources.clean_bucket, Key=key)["Body"].read()
    return Article.model_validate_json(body)


def clean_json(stack: LocalStack, key: str) -> dict[str, Any]:
    body = stack.client("s3").get_object(Bucket=stack.resources.clean_bucket, Key=key)["Body"].read()
    document: dict[str, Any] = json.loads(body)
    return document


def queue_depth(stack: LocalStack, queue_url: str) -> int:
    attributes = stack.client("sqs").get_queue_attributes(
        QueueUrl=queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])


def dead_letters(stack: LocalStack, queue_url: str) -> list[str]:
    messages = stack.client("sqs").receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)
    return [message["Body"] for message in messages.get("Messages", [])]
