"""Every step of the parse can fail once, for every object, duplicates included: still one outcome per object."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import pytest

from article_ingest.adapters.dynamodb_registry import DynamoDBArticleRegistry
from article_ingest.adapters.eventbridge import EventBridgePublisher
from article_ingest.adapters.s3_objects import S3CleanStore, S3RawStore
from article_ingest.local import LocalStack
from article_ingest.local.subscriber import subscribe
from article_ingest.ports import OutgoingEvent
from tests.integration.conftest import seed_variant
from tests.integration.helpers import events_of, queue_depth

pytestmark = pytest.mark.integration


def _fail_once_per_call_site(
    monkeypatch: pytest.MonkeyPatch, cls: type, method: str, key: Callable[..., str], failed: set[str]
) -> None:
    """The first call of `cls.method` for each key raises; the following ones run for real."""
    real = getattr(cls, method)

    @functools.wraps(real)
    def flaky(self: object, *args: Any, **kwargs: Any) -> Any:
        site = f"{method}:{key(*args, **kwargs)}"
        if site not in failed:
            failed.add(site)
            raise ConnectionError(f"injected failure at {site}")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cls, method, flaky)


def _subject(events: list[OutgoingEvent]) -> str:
    detail = json.loads(events[0].detail)
    return f"{events[0].detail_type}:{detail.get('id') or detail['key']}"


def test_one_failure_at_every_step_still_gives_one_event_per_article(
    stack: LocalStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = subscribe(stack, "all-events")
    failed: set[str] = set()
    _fail_once_per_call_site(monkeypatch, S3RawStore, "read", lambda ref, _: ref.key, failed)
    _fail_once_per_call_site(monkeypatch, S3CleanStore, "put_json", lambda key, _: key, failed)
    _fail_once_per_call_site(monkeypatch, EventBridgePublisher, "publish", _subject, failed)
    _fail_once_per_call_site(monkeypatch, DynamoDBArticleRegistry, "claim", lambda entry, _: entry.article_id, failed)
    _fail_once_per_call_site(
        monkeypatch, DynamoDBArticleRegistry, "mark_sent", lambda article_id, *_: article_id, failed
    )
    s3 = stack.client("s3")
    for n in range(3):
        s3.put_object(Bucket=stack.resources.raw_bucket, Key=f"page-{n}.html", Body=seed_variant(n))
        s3.put_object(Bucket=stack.resources.raw_bucket, Key=f"copy-of-page-{n}.html", Body=seed_variant(n))
    s3.put_object(Bucket=stack.resources.raw_bucket, Key="empty.html", Body=b"")

    report = stack.drain()

    assert report.failed > 0  # the injected failures did happen, and were retried
    events = events_of(everything)
    ready = sorted(e["detail"]["id"] for e in events if e["detail-type"] == "ArticleReady")
    rejected = [e["detail"]["key"] for e in events if e["detail-type"] == "ArticleRejected"]
    assert len(ready) == len(set(ready)) == 3
    assert rejected == ["empty.html"]
    assert [e["detail-type"] for e in events if e["detail-type"] == "ArticleUpdated"] == []
    assert queue_depth(stack, stack.resources.parse_dead_letter_queue_url) == 0
    assert queue_depth(stack, stack.resources.parse_queue_url) == 0
