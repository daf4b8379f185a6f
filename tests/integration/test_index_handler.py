"""The index handler on the recorded EventBridge-in-SQS events (events/), against the deployed stack."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from article_ingest.adapters.dynamodb_index import DynamoIndexRepository
from article_ingest.local import LocalStack

EVENTS = Path(__file__).resolve().parents[2] / "events"
ARTICLE_ID = "u-5f51ca6fed7983c013a90f9979632301"
pytestmark = pytest.mark.integration


def _invoke_index(stack: LocalStack, name: str) -> Any:
    event = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    return stack.function(stack.resources.index_function).invoke(event, stack.runtime_environment())


def _indexed_version(stack: LocalStack) -> int | None:
    current = DynamoIndexRepository(stack.client("dynamodb"), stack.resources.index_table).current(ARTICLE_ID)
    return current.summary.version if current else None


def test_recorded_ready_then_updated_events_index_the_newest_version(stack: LocalStack) -> None:
    assert _invoke_index(stack, "sqs-eventbridge-article-ready.json") == {"batchItemFailures": []}
    assert _indexed_version(stack) == 1

    assert _invoke_index(stack, "sqs-eventbridge-article-updated.json") == {"batchItemFailures": []}
    assert _indexed_version(stack) == 2


def test_a_replayed_older_event_leaves_the_newer_version(stack: LocalStack) -> None:
    _invoke_index(stack, "sqs-eventbridge-article-updated.json")

    assert _invoke_index(stack, "sqs-eventbridge-article-ready.json") == {"batchItemFailures": []}
    assert _indexed_version(stack) == 2
