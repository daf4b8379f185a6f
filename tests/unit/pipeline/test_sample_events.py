"""The recorded sample events in events/ have the shape of their entry point and carry valid contracts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEventV2, EventBridgeEvent, SQSEvent

from article_ingest.adapters.s3_notifications import raw_objects
from article_ingest.domain.events import ArticleReady, ArticleRejected, ArticleUpdated

EVENTS = Path(__file__).resolve().parents[3] / "events"
DETAIL_MODELS = {m.DETAIL_TYPE: m for m in (ArticleReady, ArticleUpdated, ArticleRejected)}
SAMPLES = sorted(p.name for p in EVENTS.glob("*.json") if not p.name.endswith(".schema.json"))


def _load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    return document


def test_there_is_a_sample_for_every_entry_point() -> None:
    prefixes = {name.split("-", 2)[0] + "-" + name.split("-", 2)[1] for name in SAMPLES}
    assert {"sqs-s3", "sqs-eventbridge", "http-api", "eventbridge-article"} <= prefixes


@pytest.mark.parametrize("name", [n for n in SAMPLES if n.startswith("sqs-s3-")])
def test_s3_notifications_in_sqs_name_objects_or_are_the_test_event(name: str) -> None:
    event = SQSEvent(_load(name))
    refs = [ref for record in event.records for ref in raw_objects(record.body)]
    if "test-event" in name:
        assert refs == []
    else:
        assert refs
        assert all(ref.bucket and ref.key and ref.etag for ref in refs)


@pytest.mark.parametrize("name", [n for n in SAMPLES if n.startswith("sqs-eventbridge-")])
def test_eventbridge_envelopes_in_sqs_carry_a_valid_detail(name: str) -> None:
    for record in SQSEvent(_load(name)).records:
        envelope = EventBridgeEvent(json.loads(record.body))
        assert envelope.source == "article-ingest"
        DETAIL_MODELS[envelope.detail_type].model_validate(envelope.detail)


@pytest.mark.parametrize("name", [n for n in SAMPLES if n.startswith("eventbridge-")])
def test_eventbridge_envelopes_carry_a_valid_detail(name: str) -> None:
    envelope = EventBridgeEvent(_load(name))
    DETAIL_MODELS[envelope.detail_type].model_validate(envelope.detail)


@pytest.mark.parametrize("name", [n for n in SAMPLES if n.startswith("http-api-")])
def test_http_api_requests_are_iam_signed_v2_payloads(name: str) -> None:
    event = APIGatewayProxyEventV2(_load(name))
    assert event.version == "2.0"
    assert event.request_context.http.method == "GET"
    assert event.raw_path.startswith("/articles")
    assert event.request_context.authorizer.iam.user_arn
