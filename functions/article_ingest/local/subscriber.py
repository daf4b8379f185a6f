"""A subscriber of the article bus, as any consumer would be: its own queue, its own rule, its own pattern."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from article_ingest.domain.events import EVENT_SOURCE, ArticleReady, ArticleRejected, ArticleUpdated
from article_ingest.local.stack import LocalStack

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient

ALL_ARTICLE_EVENTS = (ArticleReady.DETAIL_TYPE, ArticleUpdated.DETAIL_TYPE, ArticleRejected.DETAIL_TYPE)


@dataclass(frozen=True)
class Subscription:
    queue_url: str
    queue_arn: str
    rule_name: str
    sqs: SQSClient

    def receive_all(self) -> Iterator[dict[str, Any]]:
        """Every event waiting on the queue (each read once: deleted as soon as it is taken), then stop."""
        while True:
            messages = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get(
                "Messages", []
            )
            if not messages:
                return
            for message in messages:
                yield json.loads(message["Body"])
            response = self.sqs.delete_message_batch(
                QueueUrl=self.queue_url,
                Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)],
            )
            if response.get("Failed"):
                raise RuntimeError(f"could not delete events read from {self.queue_url}: {response['Failed']}")


def subscribe(
    stack: LocalStack,
    name: str,
    *,
    detail_types: tuple[str, ...] = ALL_ARTICLE_EVENTS,
    detail_pattern: Mapping[str, Any] | None = None,
) -> Subscription:
    """Create a queue and a rule on the stack's bus sending it the matching article events."""
    sqs: SQSClient = stack.client("sqs")
    events = stack.client("events")
    queue_url = sqs.create_queue(QueueName=name)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    pattern: dict[str, Any] = {"source": [EVENT_SOURCE], "detail-type": list(detail_types)}
    if detail_pattern:
        pattern["detail"] = dict(detail_pattern)
    bus = stack.resources.event_bus_name
    events.put_rule(Name=name, EventBusName=bus, EventPattern=json.dumps(pattern), State="ENABLED")
    response = events.put_targets(Rule=name, EventBusName=bus, Targets=[{"Id": "queue", "Arn": queue_arn}])
    if response.get("FailedEntryCount"):
        raise RuntimeError(f"could not subscribe {name}: {response['FailedEntries']}")
    return Subscription(queue_url, queue_arn, name, sqs)
