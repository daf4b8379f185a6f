"""A deployed local stack with a realistic article set indexed through the real index function."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from article_ingest.domain.events import ArticleReady
from article_ingest.local.stack import LocalStack
from tests.unit.index.factories import article_ready

SITES = ["www.worldwire.example", "harbourline.example", "morgenblatt.example"]
TAGS = ["Niger", "Agriculture", "Water", "Ports", "Strikes", "Germany"]
AUTHORS = ["Amina Diallo", "Kofi Mensah", "Lena Vogel"]
OFFSETS = ["+05:30", "Z", "-04:00", "+01:00"]
FIRST_DAY = datetime(2026, 2, 25, tzinfo=UTC)


def corpus(clean_bucket: str, count: int = 36) -> list[ArticleReady]:
    """Articles over three sites, six tags, three authors and four days, in assorted UTC offsets."""
    events = []
    for n in range(count):
        instant = FIRST_DAY + timedelta(hours=(n * 5) % 96, minutes=(n * 7) % 60)
        offset = OFFSETS[n % 4]
        local = instant.astimezone(datetime.fromisoformat(f"2026-01-01T00:00:00{offset}").tzinfo)
        site = SITES[n % 3]
        events.append(
            article_ready(
                f"https://{site.removeprefix('www.')}/news/{n}-story",
                title=f"Story {n} from {site}",
                source_domain=site,
                site=site.split(".")[-2].title(),
                published_at=local.isoformat(),
                tags=[TAGS[n % 6], TAGS[(n + 2) % 6]] + (["Niger"] if n % 4 == 0 else []),
                authors=[AUTHORS[n % 3]] + ([AUTHORS[(n + 1) % 3]] if n % 5 == 0 else []),
                clean_bucket=clean_bucket,
            )
        )
    # No date at all: ordered by when the index first saw it.
    events.append(
        article_ready(
            "https://harbourline.example/undated",
            title="Undated notice",
            source_domain="harbourline.example",
            published_at=None,
            tags=["Ports"],
            authors=[],
            clean_bucket=clean_bucket,
        )
    )
    return events


def publish(stack: LocalStack, events: Iterable[ArticleReady]) -> None:
    """Put events on the stack's bus (its rule routes them to the index queue), then drain the queues."""
    client = stack.client("events")
    batch = []
    for event in events:
        batch.append(
            {
                "Source": "article-ingest",
                "DetailType": event.DETAIL_TYPE,
                "Detail": event.model_dump_json(),
                "EventBusName": stack.resources.event_bus_name,
            }
        )
        if len(batch) == 10:
            assert client.put_events(Entries=batch)["FailedEntryCount"] == 0
            batch = []
    if batch:
        assert client.put_events(Entries=batch)["FailedEntryCount"] == 0
    report = stack.drain()
    assert report.failed == 0, report


def store_clean_article(stack: LocalStack, event: ArticleReady) -> dict[str, object]:
    """The clean Article JSON the summary points to, as the parse function would have written it."""
    document = {"id": event.id, "url": event.url, "title": event.title, "body": "Farmers irrigate at night."}
    stack.client("s3").put_object(
        Bucket=event.clean.bucket,
        Key=event.clean.key,
        Body=json.dumps(document).encode(),
        ContentType="application/json",
    )
    return document
