"""Stale copies through the deployed pipeline: versions follow the page's fetch time, never arrival order."""

from __future__ import annotations

import time
from typing import Any

import pytest

from article_ingest.adapters.dynamodb_index import DynamoIndexRepository
from article_ingest.local import LocalStack
from article_ingest.local.faults import FaultInjector, FaultKind, FaultPlan
from article_ingest.local.subscriber import subscribe
from article_ingest.ops.redrive import redrive
from tests.integration.conftest import seed_html
from tests.integration.helpers import clean_article, clean_json, clean_keys, detail_types, events_of, queue_depth

SEED_ID = "u-5f51ca6fed7983c013a90f9979632301"
OLDER = seed_html()
NEWER = seed_html().replace(b"three senior Malian officials", b"four senior Malian officials")
pytestmark = pytest.mark.integration


def _put(stack: LocalStack, key: str, body: bytes, fetched_at: str | None = None) -> None:
    extra: dict[str, Any] = {"Metadata": {"fetched-at": fetched_at}} if fetched_at else {}
    stack.client("s3").put_object(Bucket=stack.resources.raw_bucket, Key=key, Body=body, **extra)


def _current(stack: LocalStack) -> tuple[int, str]:
    indexed = DynamoIndexRepository(stack.client("dynamodb"), stack.resources.index_table).current(SEED_ID)
    assert indexed is not None
    body = clean_article(stack, indexed.summary.clean.key).body
    return indexed.summary.version, "four senior" if "four senior" in body else "three senior"


def _stale_records(stack: LocalStack) -> list[str]:
    return [key for key in clean_keys(stack) if key.startswith("stale/")]


def _fail_parse_until_dead_lettered(stack: LocalStack) -> None:
    """Every raw read fails until the parse queue's redrive policy moves the message to its DLQ."""
    with FaultInjector(FaultPlan(rate=1.0, kinds=frozenset({FaultKind.S3_READ_ERROR})), stack).active():
        stack.drain()
    assert queue_depth(stack, stack.resources.parse_dead_letter_queue_url) == 1


def _redrive_parse_dlq(stack: LocalStack) -> None:
    resources = stack.resources
    moved = redrive(
        stack.client("sqs"), resources.parse_dead_letter_queue_url, resources.parse_queue_url, wait_seconds=0
    ).moved
    assert len(moved) == 1
    stack.drain()


def test_an_older_copy_arriving_after_a_newer_one_is_stale_and_the_newer_content_stays(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    _put(stack, "crawl/2/page.html", NEWER, "2026-02-28T12:00:00+00:00")
    stack.drain()
    _put(stack, "crawl/1/page.html", OLDER, "2026-02-28T11:00:00+01:00")  # 10:00 UTC: fetched first, arrives last

    report = stack.drain()

    assert report.failed == 0
    assert detail_types(events_of(everything)) == ["ArticleReady"]
    assert _current(stack) == (1, "four senior")
    [record_key] = _stale_records(stack)
    record = clean_json(stack, record_key)
    assert (record["key"], record["article_id"], record["current_version"]) == ("crawl/1/page.html", SEED_ID, 1)
    assert [k for k in clean_keys(stack) if k.startswith("articles/")] == [f"articles/{SEED_ID}/v1.json"]


def test_an_older_copy_then_a_newer_one_is_an_update(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    _put(stack, "crawl/1/page.html", OLDER, "2026-02-28T10:00:00+00:00")
    stack.drain()
    _put(stack, "crawl/2/page.html", NEWER, "2026-02-28T12:00:00+00:00")

    stack.drain()

    assert detail_types(events_of(everything)) == ["ArticleReady", "ArticleUpdated"]
    assert _current(stack) == (2, "four senior")
    assert _stale_records(stack) == []


def test_a_redriven_older_copy_is_stale_behind_the_newer_one(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    _put(stack, "crawl/1/page.html", OLDER, "2026-02-28T10:00:00+00:00")
    _fail_parse_until_dead_lettered(stack)
    _put(stack, "crawl/2/page.html", NEWER, "2026-02-28T12:00:00+00:00")
    stack.drain()

    _redrive_parse_dlq(stack)

    assert detail_types(events_of(everything)) == ["ArticleReady"]
    assert _current(stack) == (1, "four senior")
    assert len(_stale_records(stack)) == 1


def test_a_redriven_newer_copy_updates_the_older_one(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    _put(stack, "crawl/2/page.html", NEWER, "2026-02-28T12:00:00+00:00")
    _fail_parse_until_dead_lettered(stack)
    _put(stack, "crawl/1/page.html", OLDER, "2026-02-28T10:00:00+00:00")
    stack.drain()

    _redrive_parse_dlq(stack)

    assert detail_types(events_of(everything)) == ["ArticleReady", "ArticleUpdated"]
    assert _current(stack) == (2, "four senior")
    assert _stale_records(stack) == []


def test_without_fetched_at_the_upload_time_orders_a_redriven_copy(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    _put(stack, "first.html", OLDER)
    _fail_parse_until_dead_lettered(stack)
    time.sleep(1.1)  # S3 upload times have whole seconds: the second upload must be visibly later
    _put(stack, "second.html", NEWER)
    stack.drain()

    _redrive_parse_dlq(stack)

    assert detail_types(events_of(everything)) == ["ArticleReady"]
    assert _current(stack) == (1, "four senior")
    assert len(_stale_records(stack)) == 1
