"""The parse handler on recorded events (events/), and put_events partial failures, against the deployed stack."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest
from moto.events.models import EventsBackend

from article_ingest.local import LocalStack
from article_ingest.local.subscriber import subscribe
from tests.integration.conftest import seed_html, seed_variant
from tests.integration.helpers import detail_types, events_of

EVENTS = Path(__file__).resolve().parents[2] / "events"
pytestmark = pytest.mark.integration


def _recorded(name: str, bucket: str) -> dict[str, Any]:
    """A recorded SQS event, pointed at this stack's raw bucket."""
    text = (EVENTS / name).read_text(encoding="utf-8")
    event: dict[str, Any] = json.loads(text.replace("article-ingest-raw-123456789012-eu-west-1", bucket))
    return event


def _invoke_parse(stack: LocalStack, event: dict[str, Any]) -> Any:
    return stack.function(stack.resources.parse_function).invoke(event, stack.runtime_environment())


def test_the_recorded_awkward_keys_event_is_processed_under_the_real_keys(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    event = _recorded("sqs-s3-awkward-keys.json", stack.resources.raw_bucket)
    s3 = stack.client("s3")
    keys = []
    for n, record in enumerate(event["Records"]):
        notification = json.loads(record["body"])
        key = unquote_plus(notification["Records"][0]["s3"]["object"]["key"])
        etag = s3.put_object(Bucket=stack.resources.raw_bucket, Key=key, Body=seed_variant(n))["ETag"].strip('"')
        notification["Records"][0]["s3"]["object"]["eTag"] = etag
        record["body"] = json.dumps(notification)
        keys.append(key)

    response = _invoke_parse(stack, event)

    assert response == {"batchItemFailures": []}
    received = events_of(everything)
    assert sorted(e["detail"]["raw"]["key"] for e in received) == sorted(keys)
    assert set(detail_types(received)) == {"ArticleReady"}


def test_the_s3_test_event_is_acknowledged_and_ignored(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")

    response = _invoke_parse(stack, _recorded("sqs-s3-test-event.json", stack.resources.raw_bucket))

    assert response == {"batchItemFailures": []}
    assert events_of(everything) == []


def test_a_notification_for_a_replaced_object_is_skipped_without_an_event(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    event = _recorded("sqs-s3-put.json", stack.resources.raw_bucket)  # names an ETag the bucket does not have
    stack.client("s3").put_object(Bucket=stack.resources.raw_bucket, Key="crawl/2026-02-27/seed.html", Body=b"new")

    response = _invoke_parse(stack, event)

    assert response == {"batchItemFailures": []}
    assert events_of(everything) == []


def _failing_put_events(monkeypatch: pytest.MonkeyPatch, should_fail: Callable[[dict[str, Any]], bool]) -> list[str]:
    """Make moto's PutEvents answer 200 with a failed entry wherever `should_fail` says so."""
    real = EventsBackend.put_events
    attempts: list[str] = []

    def put_events(self: EventsBackend, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = []
        for entry in events:
            attempts.append(entry["DetailType"])
            if should_fail(entry):
                results.append({"ErrorCode": "InternalFailure", "ErrorMessage": "injected"})
            else:
                results.extend(real(self, [entry]))
        return results

    monkeypatch.setattr(EventsBackend, "put_events", put_events)
    return attempts


def test_a_failed_entry_is_retried_alone_and_sent_once(stack: LocalStack, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = subscribe(stack, "all-events")
    failures = iter([True])
    attempts = _failing_put_events(monkeypatch, lambda _: next(failures, False))
    stack.client("s3").put_object(Bucket=stack.resources.raw_bucket, Key="seed.html", Body=seed_html())

    report = stack.drain()

    assert report.failed == 0
    assert attempts == ["ArticleReady", "ArticleReady"]
    assert detail_types(events_of(everything)) == ["ArticleReady"]


def test_an_event_that_cannot_be_sent_fails_only_its_record_and_goes_out_on_redelivery(
    stack: LocalStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = subscribe(stack, "all-events")
    # The first article's event fails every attempt of the first delivery (3 put_events), then the bus recovers.
    budget = {"failures": 3}

    def fail_first_article(entry: dict[str, Any]) -> bool:
        if budget["failures"] and json.loads(entry["Detail"]).get("raw", {}).get("key") == "first.html":
            budget["failures"] -= 1
            return True
        return False

    _failing_put_events(monkeypatch, fail_first_article)
    s3 = stack.client("s3")
    s3.put_object(Bucket=stack.resources.raw_bucket, Key="first.html", Body=seed_variant(1))
    s3.put_object(Bucket=stack.resources.raw_bucket, Key="second.html", Body=seed_variant(2))

    report = stack.drain()

    parse = report.by_function(stack.resources.parse_function)
    assert [(b.received, b.failed) for b in parse] == [(2, 1), (1, 0)]
    received = events_of(everything)
    assert sorted(e["detail"]["raw"]["key"] for e in received) == ["first.html", "second.html"]
    assert set(detail_types(received)) == {"ArticleReady"}
