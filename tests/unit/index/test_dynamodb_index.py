"""The DynamoDB repository against moto: it answers like the in-memory model the property tests use, reads
only with GetItem/Query, and reports a lost version race as a failed guard, not an error."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from moto import mock_aws

from article_ingest.adapters.dynamodb_index import DynamoIndexRepository
from article_ingest.domain.index import IndexLimits
from article_ingest.domain.index_items import version_items
from article_ingest.local.moto_patches import item_level_transaction_rollback
from article_ingest.services.cursor import CursorCodec
from article_ingest.services.index_service import IndexOutcome, IndexService
from article_ingest.services.query_service import Listing, QueryService
from tests.unit.index.factories import article_ready, article_updated
from tests.unit.index.fakes import InMemoryIndexRepository
from tests.unit.query.test_query_service import LIMITS, LISTINGS, RECEIVED, SHARDS, _corpus, _page_through

TABLE = "index-adapter-test"


@pytest.fixture
def client() -> Iterator[Any]:
    with mock_aws(), item_level_transaction_rollback():  # else moto copies the whole table per transaction item
        dynamodb = boto3.client("dynamodb", region_name="us-east-1")
        dynamodb.create_table(
            TableName=TABLE,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk")],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        )
        yield dynamodb


def _record_operations(client: Any) -> list[str]:
    operations: list[str] = []
    client.meta.events.register("before-call.dynamodb.*", lambda model, **_: operations.append(model.name))
    return operations


def _queries(repository: Any) -> QueryService:
    return QueryService(repository, CursorCodec(b"a" * 32, ttl=timedelta(hours=1)), day_shards=SHARDS)


def test_the_table_answers_every_listing_like_the_in_memory_model(client: Any) -> None:
    operations = _record_operations(client)
    table = DynamoIndexRepository(client, TABLE)
    model = InMemoryIndexRepository()
    events = _corpus(24)
    for repository in (table, model):
        service = IndexService(repository, LIMITS)
        for event in events:
            assert service.apply(event, received_at=RECEIVED) is IndexOutcome.INDEXED
    assert set(operations) == {"GetItem", "TransactWriteItems"}
    operations.clear()
    for listing in LISTINGS:
        for limit in (1, 7):
            assert _page_through(_queries(table), listing, limit) == _page_through(_queries(model), listing, limit)
    some = events[3]
    assert some.url is not None
    assert _queries(table).by_url(some.url) == _queries(model).by_url(some.url)
    assert _queries(table).article(some.id) == _queries(model).article(some.id)
    assert set(operations) == {"GetItem", "Query"}, "never a Scan"


def test_an_update_leaves_no_item_of_the_previous_version_behind(client: Any) -> None:
    table = DynamoIndexRepository(client, TABLE)
    v1 = article_ready("https://worldwire.example/a", tags=["Niger", "Agriculture"], authors=["Amina Diallo"])
    v2 = article_updated(
        v1,
        changed=["tags", "authors", "published_at"],
        version=2,
        tags=["Niger"],
        authors=["Kofi Mensah"],
        published_at="2026-03-02T08:00:00Z",
    )
    service = IndexService(table, LIMITS)
    service.apply(v1, received_at=RECEIVED)
    service.apply(v2, received_at=RECEIVED)
    items = client.scan(TableName=TABLE)["Items"]  # the test may look at everything; the code never scans
    assert {item["pk"]["S"] for item in items} == {key.pk for key in table.current(v1.id).keys}
    assert all(item["version"]["N"] == "2" for item in items)


def test_a_lost_race_is_a_failed_guard_and_the_service_respects_the_winner(client: Any) -> None:
    table = DynamoIndexRepository(client, TABLE)
    v1 = article_ready("https://worldwire.example/race")
    v2 = article_updated(v1, changed=["title"], version=2, title="Second")
    v3 = article_updated(v2, changed=["title"], version=3, title="Third")
    service = IndexService(table, LIMITS)
    service.apply(v1, received_at=RECEIVED)
    stale_read = table.current(v1.id)
    limits = IndexLimits(day_shards=SHARDS, max_tags=30, max_authors=15, max_description_chars=1000)
    assert table.replace(version_items(v3, limits=limits, received_at=RECEIVED), stale_read) is True
    # A writer still holding the v1 read loses: the guard fails, nothing is written.
    assert table.replace(version_items(v2, limits=limits, received_at=RECEIVED), stale_read) is False
    assert service.apply(v2, received_at=datetime.now(UTC)) is IndexOutcome.STALE
    current = table.current(v1.id)
    assert current is not None
    assert current.summary.title == "Third"
    assert _queries(table).listing(Listing("site", "worldwire.example")).items[0].title == "Third"


# --- property: random article sets through the real adapter ----------------------------------------------------

_SITES = ["www.worldwire.example", "harbourline.example"]
_TAGS = ["Niger", "Water", "Ports"]
_times = st.integers(min_value=0, max_value=3 * 24 * 60).map(
    lambda m: datetime(2026, 2, 26, tzinfo=UTC) + timedelta(minutes=m)
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    articles=st.lists(
        st.tuples(st.sampled_from(_SITES), st.lists(st.sampled_from(_TAGS), max_size=2), st.one_of(st.none(), _times)),
        max_size=12,
    ),
    listing=st.one_of(
        st.builds(Listing, st.just("site"), st.sampled_from(_SITES)),
        st.builds(Listing, st.just("tag"), st.sampled_from(_TAGS)),
        st.builds(Listing, st.just("day"), st.sampled_from(["2026-02-26", "2026-02-27", "2026-02-28"])),
    ),
    limit=st.sampled_from([1, 2, 7]),
)
def test_property_the_table_pages_any_article_set_like_the_model(
    client: Any, articles: list[tuple[str, list[str], datetime | None]], listing: Listing, limit: int
) -> None:
    table_name = f"prop-{uuid.uuid4().hex[:8]}"  # one table per example: the fixture's moto lives across examples
    client.create_table(
        TableName=table_name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk")],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    )
    table, model = DynamoIndexRepository(client, table_name), InMemoryIndexRepository()
    for n, (site, tags, published) in enumerate(articles):
        event = article_ready(
            f"https://{site}/p/{n}",
            source_domain=site,
            tags=tags,
            published_at=published.isoformat() if published else None,
        )
        for repository in (table, model):
            IndexService(repository, LIMITS).apply(event, received_at=RECEIVED)
    assert _page_through(_queries(table), listing, limit) == _page_through(_queries(model), listing, limit)
