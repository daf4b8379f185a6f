"""Lambda's SQS event source mapping, emulated: receive a batch, invoke the handler, delete only what succeeded.

moto would consume the messages itself (without running any code), so the harness disables its mappings and
delivers the messages here, with the mapping's batch size and `ReportBatchItemFailures` setting. A failed message
stays on its queue; its receive count grows on each delivery and the queue's own redrive policy moves it to the DLQ.
Lambda would wait for the visibility timeout before a failed message comes back; in `fast` mode the driver makes it
visible again at once (the same sequence of deliveries, without the wait).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from article_ingest.local.lambda_runtime import LocalFunction

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import MessageTypeDef

_log = logging.getLogger(__name__)
_SQS_MAX_RECEIVE = 10


@dataclass(frozen=True)
class QueueMapping:
    """One SQS -> function event source mapping, with the settings the deployed stack gave it."""

    uuid: str
    function: LocalFunction
    queue_arn: str
    queue_url: str
    batch_size: int
    report_batch_item_failures: bool
    visibility_timeout_s: int
    max_receive_count: int | None
    dead_letter_queue_arn: str | None


@dataclass(frozen=True)
class BatchResult:
    queue_url: str
    function_name: str
    received: int
    succeeded: int
    failed: int
    error: str | None = None  # the whole invocation raised


def lambda_sqs_event(messages: Sequence[MessageTypeDef], queue_arn: str, region: str) -> dict[str, Any]:
    """The event Lambda builds from received SQS messages."""
    return {
        "Records": [
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": dict(message.get("Attributes", {})),
                "messageAttributes": {
                    name: _lambda_message_attribute(value)
                    for name, value in message.get("MessageAttributes", {}).items()
                },
                "md5OfBody": message["MD5OfBody"],
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
            for message in messages
        ]
    }


def _lambda_message_attribute(value: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "stringValue": value.get("StringValue"),
        "binaryValue": value.get("BinaryValue"),
        "stringListValues": [],
        "binaryListValues": [],
        "dataType": value["DataType"],
    }


def failed_message_ids(response: Any, messages: Sequence[MessageTypeDef], *, partial: bool) -> set[str]:
    """Which messages Lambda would keep, from the handler's response (as Lambda reads `batchItemFailures`)."""
    all_ids = {message["MessageId"] for message in messages}
    if not partial or not isinstance(response, Mapping) or "batchItemFailures" not in response:
        return set()  # no (or no partial) response: the whole batch succeeded
    failures = response["batchItemFailures"]
    if not isinstance(failures, list):
        return all_ids
    ids: set[str] = set()
    for failure in failures:
        identifier = failure.get("itemIdentifier") if isinstance(failure, Mapping) else None
        if not identifier or identifier not in all_ids:
            return all_ids  # Lambda treats a malformed failure list as a failure of the whole batch
        ids.add(identifier)
    return ids


class QueueDriver:
    """Delivers one mapping's messages to its function, batch by batch."""

    def __init__(
        self,
        mapping: QueueMapping,
        sqs: SQSClient,
        *,
        region: str,
        runtime_environment: Mapping[str, str],
        fast: bool = True,
    ) -> None:
        self.mapping = mapping
        self._sqs = sqs
        self._region = region
        self._runtime_environment = runtime_environment
        self._fast = fast

    def receive_batch(self) -> list[MessageTypeDef]:
        messages: list[MessageTypeDef] = []
        while len(messages) < self.mapping.batch_size:
            wanted = min(_SQS_MAX_RECEIVE, self.mapping.batch_size - len(messages))
            response = self._sqs.receive_message(
                QueueUrl=self.mapping.queue_url,
                MaxNumberOfMessages=wanted,
                AttributeNames=["All"],
                MessageAttributeNames=["All"],
                WaitTimeSeconds=0,
            )
            received = response.get("Messages", [])
            messages.extend(received)
            if len(received) < wanted:
                break
        return messages

    def deliver_once(self) -> BatchResult | None:
        """Receive one batch and run the function on it; None when the queue had nothing visible."""
        messages = self.receive_batch()
        if not messages:
            return None
        event = lambda_sqs_event(messages, self.mapping.queue_arn, self._region)
        error: str | None = None
        try:
            response = self.mapping.function.invoke(event, self._runtime_environment)
            failed = failed_message_ids(response, messages, partial=self.mapping.report_batch_item_failures)
        except Exception as exc:  # noqa: BLE001 - an invocation error fails the whole batch, as in Lambda
            _log.warning("%s raised %r: the whole batch of %d returns", self.mapping.function.name, exc, len(messages))
            error = repr(exc)
            failed = {message["MessageId"] for message in messages}
        succeeded = [message for message in messages if message["MessageId"] not in failed]
        self._delete(succeeded)
        if self._fast:
            self._release([message for message in messages if message["MessageId"] in failed])
        return BatchResult(
            queue_url=self.mapping.queue_url,
            function_name=self.mapping.function.name,
            received=len(messages),
            succeeded=len(succeeded),
            failed=len(failed),
            error=error,
        )

    def _delete(self, messages: Sequence[MessageTypeDef]) -> None:
        for start in range(0, len(messages), _SQS_MAX_RECEIVE):
            chunk = messages[start : start + _SQS_MAX_RECEIVE]
            response = self._sqs.delete_message_batch(
                QueueUrl=self.mapping.queue_url,
                Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(chunk)],
            )
            if response.get("Failed"):
                raise RuntimeError(f"could not delete processed messages: {json.dumps(response['Failed'])}")

    def _release(self, messages: Sequence[MessageTypeDef]) -> None:
        """Make failed messages visible again now, standing in for the end of their visibility timeout."""
        for message in messages:
            self._sqs.change_message_visibility(
                QueueUrl=self.mapping.queue_url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
            )
