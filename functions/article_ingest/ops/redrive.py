"""Dead-letter queue -> the queue it serves: receive, send, and delete only what was sent.

SQS's own `start_message_move_task` does this on AWS, but moto lacks it; one code path for both keeps the local
stack an honest rehearsal of the real thing. Messages keep their body and attributes; the receive count starts over
on the source queue, so a redriven message gets the full `maxReceiveCount` again. The original message id is
reported: the functions log it as their correlation id, so the reason a message failed is one log search away.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import MessageTypeDef, SendMessageBatchRequestEntryTypeDef

_SQS_BATCH = 10


@dataclass(frozen=True)
class DeadLetter:
    message_id: str
    subject: str  # what the message is about: the raw object, or the article event
    receive_count: int  # receives on the dead-letter queue itself, this one included

    def line(self) -> str:
        return f"{self.message_id}  {self.subject}"


@dataclass
class RedriveReport:
    dead_letter_queue_url: str
    source_queue_url: str
    moved: list[DeadLetter] = field(default_factory=list)
    failed: list[tuple[DeadLetter, str]] = field(default_factory=list)  # (message, why it could not be sent)
    listed: list[DeadLetter] = field(default_factory=list)  # dry run: what would move


Progress = Callable[[RedriveReport], None]


def describe(body: str) -> str:
    """A one-line summary of a parse-queue (S3 notification) or index-queue (EventBridge event) message."""
    try:
        document = json.loads(body)
    except ValueError:
        return f"unreadable body: {body[:80]!r}"
    if not isinstance(document, dict):
        return f"unexpected body: {body[:80]!r}"
    if "Records" in document:
        keys = [_s3_uri(record) for record in document["Records"] if isinstance(record, dict)]
        return ", ".join(keys) or "S3 notification without records"
    if "detail-type" in document:
        detail = document.get("detail") or {}
        version = f" v{detail['version']}" if "version" in detail else ""
        return f"{document['detail-type']} {detail.get('id') or detail.get('key')}{version}"
    if document.get("Event") == "s3:TestEvent":
        return "s3:TestEvent"
    return f"unexpected body: {body[:80]!r}"


def _s3_uri(record: dict[str, Any]) -> str:
    s3 = record.get("s3") or {}
    bucket = (s3.get("bucket") or {}).get("name")
    key = unquote_plus((s3.get("object") or {}).get("key", ""))  # S3 notifications carry keys URL-encoded
    return f"s3://{bucket}/{key}"


def failure_reasons(logs: Any, log_group: str, message_ids: Iterable[str], *, since_ms: int) -> dict[str, str]:
    """Why each message failed, from the function's logs: its last failure line (the functions log failed records
    as warnings with the exception, under the SQS message id as correlation id). Messages not found are left out."""
    reasons: dict[str, str] = {}
    for message_id in message_ids:
        last: dict[str, Any] | None = None
        pages = logs.get_paginator("filter_log_events").paginate(
            logGroupName=log_group, filterPattern=f'"{message_id}"', startTime=since_ms
        )
        for page in pages:
            for event in page.get("events", []):
                try:
                    line = json.loads(event.get("message", ""))
                except ValueError:
                    continue
                if isinstance(line, dict) and line.get("correlation_id") == message_id and line.get("exception"):
                    last = line
        if last is not None:
            detail = str(last["exception"]).strip().splitlines()[-1]
            reasons[message_id] = f"{detail} (logged {last.get('timestamp', '?')})"
    return reasons


def redrive(
    sqs: SQSClient,
    dead_letter_queue_url: str,
    source_queue_url: str,
    *,
    dry_run: bool = False,
    max_messages: int | None = None,
    wait_seconds: int = 1,
    visibility_timeout_s: int = 60,
    progress: Progress | None = None,
) -> RedriveReport:
    """Move (or, with `dry_run`, list) the dead letters. Safe to interrupt: a message is deleted only once sent."""
    report = RedriveReport(dead_letter_queue_url, source_queue_url)
    listed: list[MessageTypeDef] = []
    for batch in _receive_all(sqs, dead_letter_queue_url, max_messages, wait_seconds, visibility_timeout_s):
        letters = [_letter(message) for message in batch]
        if dry_run:
            report.listed.extend(letters)
            listed.extend(batch)
        else:
            _move(sqs, batch, letters, source_queue_url, dead_letter_queue_url, report)
        if progress is not None:
            progress(report)
    _make_visible(sqs, dead_letter_queue_url, listed)  # a dry run leaves the queue as it found it
    return report


def _receive_all(
    sqs: SQSClient, queue_url: str, max_messages: int | None, wait_seconds: int, visibility_timeout_s: int
) -> Iterator[list[MessageTypeDef]]:
    """Batches until the queue has nothing visible. Taken messages stay hidden, so none is seen twice."""
    taken = 0
    while max_messages is None or taken < max_messages:
        wanted = _SQS_BATCH if max_messages is None else min(_SQS_BATCH, max_messages - taken)
        messages = sqs.receive_message(
            QueueUrl=queue_url,
            MaxNumberOfMessages=wanted,
            WaitTimeSeconds=wait_seconds,
            VisibilityTimeout=visibility_timeout_s,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not messages:
            return
        taken += len(messages)
        yield messages


def _letter(message: MessageTypeDef) -> DeadLetter:
    count = int(message.get("Attributes", {}).get("ApproximateReceiveCount", "1"))
    return DeadLetter(message["MessageId"], describe(message["Body"]), count)


def _move(
    sqs: SQSClient,
    batch: Sequence[MessageTypeDef],
    letters: Sequence[DeadLetter],
    source_queue_url: str,
    dead_letter_queue_url: str,
    report: RedriveReport,
) -> None:
    entries: list[SendMessageBatchRequestEntryTypeDef] = []
    for i, message in enumerate(batch):
        entry: SendMessageBatchRequestEntryTypeDef = {"Id": str(i), "MessageBody": message["Body"]}
        attributes = _sendable_attributes(message.get("MessageAttributes", {}))
        if attributes:
            entry["MessageAttributes"] = attributes
        entries.append(entry)
    response = sqs.send_message_batch(QueueUrl=source_queue_url, Entries=entries)
    sent = [int(entry["Id"]) for entry in response.get("Successful", [])]
    for failure in response.get("Failed", []):
        report.failed.append((letters[int(failure["Id"])], f"{failure['Code']}: {failure.get('Message', '')}"))
    if sent:
        deleted = sqs.delete_message_batch(
            QueueUrl=dead_letter_queue_url,
            Entries=[{"Id": str(i), "ReceiptHandle": batch[i]["ReceiptHandle"]} for i in sent],
        )
        for failure in deleted.get("Failed", []):
            # Sent but still on the DLQ: it would be delivered twice. The functions are idempotent; say so anyway.
            letter = letters[int(failure["Id"])]
            report.failed.append((letter, f"sent, but not deleted from the DLQ: {failure['Code']}"))
        failed_ids = {int(failure["Id"]) for failure in deleted.get("Failed", [])}
        report.moved.extend(letters[i] for i in sent if i not in failed_ids)
    unsent = [batch[int(failure["Id"])] for failure in response.get("Failed", [])]
    _make_visible(sqs, dead_letter_queue_url, unsent)


def _sendable_attributes(attributes: dict[str, Any]) -> dict[str, Any]:
    """Received message attributes, in the shape send_message accepts (no empty list values)."""
    sendable: dict[str, Any] = {}
    for name, value in attributes.items():
        kept = {k: v for k, v in value.items() if k in {"DataType", "StringValue", "BinaryValue"} and v is not None}
        sendable[name] = kept
    return sendable


def _make_visible(sqs: SQSClient, queue_url: str, messages: Sequence[MessageTypeDef]) -> None:
    for start in range(0, len(messages), _SQS_BATCH):
        chunk = messages[start : start + _SQS_BATCH]
        sqs.change_message_visibility_batch(
            QueueUrl=queue_url,
            Entries=[
                {"Id": str(i), "ReceiptHandle": message["ReceiptHandle"], "VisibilityTimeout": 0}
                for i, message in enumerate(chunk)
            ],
        )
