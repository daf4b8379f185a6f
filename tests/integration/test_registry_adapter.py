"""The DynamoDB article registry on the deployed table: conditional claims and the sent flag."""

from __future__ import annotations

import pytest

from article_ingest.adapters.dynamodb_registry import DynamoDBArticleRegistry
from article_ingest.domain.events import ObjectRef
from article_ingest.local import LocalStack
from article_ingest.ports import RegistryEntry

pytestmark = pytest.mark.integration

ENTRY = RegistryEntry(
    article_id="u-0123456789abcdef0123456789abcdef",
    version=1,
    content_hash="sha256:aa",
    fingerprint="f1",
    field_digests={"title": "t1", "content_hash": "b1"},
    changed_fields=(),
    claimed_by=ObjectRef(bucket="raw", key="dir/a b+c.html", etag="e1"),
    clean=ObjectRef(bucket="clean", key="articles/u-0123456789abcdef0123456789abcdef/v1.json"),
    event_sent=False,
)


@pytest.fixture
def registry(stack: LocalStack) -> DynamoDBArticleRegistry:
    return DynamoDBArticleRegistry(stack.client("dynamodb"), stack.resources.registry_table)


def test_a_claim_round_trips_and_only_one_first_claim_wins(registry: DynamoDBArticleRegistry) -> None:
    assert registry.get(ENTRY.article_id) is None
    assert registry.claim(ENTRY, None)
    assert not registry.claim(ENTRY._replace(fingerprint="other"), None)
    assert registry.get(ENTRY.article_id) == ENTRY


def test_the_next_version_needs_the_previous_one(registry: DynamoDBArticleRegistry) -> None:
    registry.claim(ENTRY, None)
    second = ENTRY._replace(version=2, fingerprint="f2", changed_fields=("body",))

    assert not registry.claim(second, 2)
    assert registry.claim(second, 1)
    assert not registry.claim(second._replace(fingerprint="f3"), 1)  # a racing writer that read version 1
    stored = registry.get(ENTRY.article_id)
    assert stored is not None
    assert (stored.version, stored.changed_fields) == (2, ("body",))


def test_sent_is_recorded_only_for_the_current_version(registry: DynamoDBArticleRegistry) -> None:
    registry.claim(ENTRY, None)
    registry.claim(ENTRY._replace(version=2, fingerprint="f2"), 1)
    clean = ObjectRef(bucket="clean", key="articles/x/v1.json", etag="c1")

    registry.mark_sent(ENTRY.article_id, 1, clean)  # a late mark for a superseded version: no-op
    stored = registry.get(ENTRY.article_id)
    assert stored is not None
    assert not stored.event_sent

    registry.mark_sent(ENTRY.article_id, 2, clean)
    stored = registry.get(ENTRY.article_id)
    assert stored is not None
    assert stored.event_sent
    assert stored.clean == clean
