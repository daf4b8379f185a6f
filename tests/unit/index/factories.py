"""Builders of realistic `ArticleReady` details and their EventBridge envelopes, for index and query tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from article_ingest.domain.events import EVENT_SOURCE, ArticleReady, ArticleUpdated, ObjectRef
from article_ingest.domain.identity import article_id

CLEAN_BUCKET = "article-ingest-clean-test"


def article_ready(
    url: str,
    *,
    title: str = "Solar pumps bring water back to Niger's farms",
    published_at: str | None = "2026-02-27T23:42:00+05:30",
    modified_at: str | None = None,
    source_domain: str | None = "www.worldwire.example",
    site: str | None = "WorldWire",
    tags: list[str] | None = None,
    authors: list[str] | None = None,
    version: int = 1,
    description: str | None = "Farmers in the Tillabéri region irrigate through the dry season.",
    clean_bucket: str = CLEAN_BUCKET,
) -> ArticleReady:
    from article_ingest.domain.article import SourceRef

    identifier = article_id(url, SourceRef())
    digest = f"sha256:{version:064x}"
    return ArticleReady(
        id=identifier,
        url=url,
        title=title,
        site=site,
        source_domain=source_domain,
        language="en",
        published_at=published_at,
        modified_at=modified_at,
        authors=["Amina Diallo"] if authors is None else authors,
        description=description,
        section="Environment",
        tags=["Niger", "Agriculture"] if tags is None else tags,
        content_hash=digest,
        version=version,
        clean=ObjectRef(bucket=clean_bucket, key=f"articles/{identifier}.json", etag=f'"{version:032x}"'),
        raw=ObjectRef(bucket="article-ingest-raw-test", key="worldwire/niger-solar-pumps.html", etag='"abc"'),
    )


def article_updated(ready: ArticleReady, *, changed: list[str], **changes: Any) -> ArticleUpdated:
    values = ready.model_dump(exclude={"changed_fields"}) | changes
    return ArticleUpdated(**values, changed_fields=changed)


def envelope(detail: ArticleReady, *, time: datetime | None = None) -> dict[str, Any]:
    """An EventBridge event as an SQS target receives it (no `account`, as moto delivers it)."""
    return {
        "version": "0",
        "id": f"evt-{detail.id}-{detail.version}",
        "detail-type": detail.DETAIL_TYPE,
        "source": EVENT_SOURCE,
        "time": (time or datetime(2026, 2, 28, 6, 0, tzinfo=UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": "us-east-1",
        "resources": [],
        "detail": json.loads(detail.model_dump_json()),
    }


def sqs_batch(*envelopes: dict[str, Any]) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": f"msg-{n}",
                "receiptHandle": f"handle-{n}",
                "body": json.dumps(body),
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:index-queue",
                "awsRegion": "us-east-1",
            }
            for n, body in enumerate(envelopes)
        ]
    }
