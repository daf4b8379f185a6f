"""Re-parse raw objects already in the raw bucket, e.g. after a parser upgrade: one S3-shaped notification each.

The notifications go to the parse queue, so the deployed parse function does the work with its own settings,
retries and DLQ. It is idempotent per (object version, parser version): after an upgrade every object is parsed
again, and its article versioning sends `ArticleUpdated` only for articles whose content changed; the same parser
on the same bytes does nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote_plus

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import SendMessageBatchRequestEntryTypeDef

_SQS_BATCH = 10
_PRINCIPAL = "article-ingest-reprocess"


@dataclass(frozen=True)
class RawObject:
    key: str
    etag: str
    size: int


@dataclass
class ReprocessReport:
    bucket: str
    prefix: str
    queued: list[RawObject] = field(default_factory=list)
    failed: list[tuple[RawObject, str]] = field(default_factory=list)
    listed: list[RawObject] = field(default_factory=list)  # dry run: what would be queued


Progress = Callable[[ReprocessReport], None]


def notification(bucket: str, obj: RawObject, region: str) -> str:
    """The SQS body S3 itself would send for this object (keys URL-encoded as S3 does)."""
    record = {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": region,
        "eventTime": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "eventName": "ObjectCreated:Put",
        "userIdentity": {"principalId": _PRINCIPAL},
        "s3": {
            "s3SchemaVersion": "1.0",
            "bucket": {"name": bucket, "arn": f"arn:aws:s3:::{bucket}"},
            "object": {"key": quote_plus(obj.key, safe="/"), "size": obj.size, "eTag": obj.etag},
        },
    }
    return json.dumps({"Records": [record]})


def raw_objects(s3: S3Client, bucket: str, prefix: str) -> Iterator[RawObject]:
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            yield RawObject(item["Key"], item.get("ETag", "").strip('"'), item.get("Size", 0))


def reprocess(
    s3: S3Client,
    sqs: SQSClient,
    bucket: str,
    parse_queue_url: str,
    prefix: str,
    *,
    region: str,
    dry_run: bool = False,
    max_objects: int | None = None,
    progress: Progress | None = None,
) -> ReprocessReport:
    report = ReprocessReport(bucket, prefix)
    batch: list[RawObject] = []
    for count, obj in enumerate(raw_objects(s3, bucket, prefix), start=1):
        if max_objects is not None and count > max_objects:
            break
        batch.append(obj)
        if len(batch) == _SQS_BATCH:
            _queue(sqs, parse_queue_url, bucket, batch, region, report, dry_run, progress)
            batch = []
    if batch:
        _queue(sqs, parse_queue_url, bucket, batch, region, report, dry_run, progress)
    return report


def _queue(
    sqs: SQSClient,
    queue_url: str,
    bucket: str,
    batch: list[RawObject],
    region: str,
    report: ReprocessReport,
    dry_run: bool,
    progress: Progress | None,
) -> None:
    if dry_run:
        report.listed.extend(batch)
    else:
        entries: list[SendMessageBatchRequestEntryTypeDef] = [
            {"Id": str(i), "MessageBody": notification(bucket, obj, region)} for i, obj in enumerate(batch)
        ]
        response: Any = sqs.send_message_batch(QueueUrl=queue_url, Entries=entries)
        report.queued.extend(batch[int(ok["Id"])] for ok in response.get("Successful", []))
        report.failed.extend(
            (batch[int(bad["Id"])], f"{bad['Code']}: {bad.get('Message', '')}") for bad in response.get("Failed", [])
        )
    if progress is not None:
        progress(report)
