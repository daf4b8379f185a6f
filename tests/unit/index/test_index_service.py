"""The version guard: a newer version wins, an older or identical one changes nothing, whatever the order."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from article_ingest.domain.events import ArticleReady
from article_ingest.domain.index import IndexLimits, ItemKey
from article_ingest.domain.index_items import version_items
from article_ingest.services.index_service import ConcurrentIndexWriteError, IndexOutcome, IndexService
from tests.unit.index.factories import article_ready, article_updated
from tests.unit.index.fakes import InMemoryIndexRepository

LIMITS = IndexLimits(day_shards=4, max_tags=30, max_authors=15, max_description_chars=1000)
RECEIVED = datetime(2026, 2, 28, 6, 0, tzinfo=UTC)
URL = "https://worldwire.example/niger-solar-pumps"


def _service(repository: InMemoryIndexRepository) -> IndexService:
    return IndexService(repository, LIMITS, max_attempts=3)


def _versions() -> list[ArticleReady]:
    v1 = article_ready(URL, tags=["Niger", "Agriculture"], version=1)
    v2 = article_updated(v1, changed=["tags", "title"], version=2, tags=["Niger", "Water"], title="Pumps, revised")
    v3 = article_updated(v2, changed=["authors"], version=3, authors=["Amina Diallo", "Kofi Mensah"])
    return [v1, v2, v3]


def test_first_version_is_indexed() -> None:
    repository = InMemoryIndexRepository()
    v1 = _versions()[0]
    assert _service(repository).apply(v1, received_at=RECEIVED) is IndexOutcome.INDEXED
    assert repository.current(v1.id).summary.version == 1


def test_newer_version_replaces_and_drops_listings_it_no_longer_has() -> None:
    repository = InMemoryIndexRepository()
    v1, v2, _ = _versions()
    service = _service(repository)
    service.apply(v1, received_at=RECEIVED)
    assert service.apply(v2, received_at=RECEIVED) is IndexOutcome.REPLACED
    assert repository.partition("TAG#agriculture") == []
    assert len(repository.partition("TAG#water")) == 1
    assert repository.current(v1.id).summary.title == "Pumps, revised"
    niger = repository.items[ItemKey("TAG#niger", repository.partition("TAG#niger")[0])]
    assert niger.version == 2, "listings carry the newest projection"


def test_identical_version_is_a_no_op() -> None:
    repository = InMemoryIndexRepository()
    v1 = _versions()[0]
    service = _service(repository)
    service.apply(v1, received_at=RECEIVED)
    assert service.apply(v1, received_at=RECEIVED) is IndexOutcome.DUPLICATE
    assert repository.writes == 1


def test_older_version_is_a_no_op() -> None:
    repository = InMemoryIndexRepository()
    v1, v2, _ = _versions()
    service = _service(repository)
    service.apply(v2, received_at=RECEIVED)
    assert service.apply(v1, received_at=RECEIVED) is IndexOutcome.STALE
    assert repository.current(v1.id).summary.version == 2
    assert repository.partition("TAG#agriculture") == []


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_any_delivery_order_with_replays_converges_to_the_newest_version(order: tuple[int, ...]) -> None:
    versions = _versions()
    in_order = InMemoryIndexRepository()
    for event in versions:
        _service(in_order).apply(event, received_at=RECEIVED)
    shuffled = InMemoryIndexRepository()
    for position in (*order, *order):  # every event delivered twice
        _service(shuffled).apply(versions[position], received_at=RECEIVED)
    assert shuffled.items == in_order.items


def test_a_write_that_loses_a_race_reads_again_and_respects_the_winner() -> None:
    v1, v2, v3 = _versions()
    repository = InMemoryIndexRepository()
    _service(repository).apply(v1, received_at=RECEIVED)
    # v3 lands between our read of v1 and our write of v2: the guard fails, the re-read shows v3, v2 is stale.
    repository.interleaved.append(version_items(v3, limits=LIMITS, received_at=RECEIVED))
    assert _service(repository).apply(v2, received_at=RECEIVED) is IndexOutcome.STALE
    assert repository.current(v1.id).summary.version == 3


def test_a_guard_that_keeps_failing_raises_so_the_queue_retries() -> None:
    v1 = _versions()[0]

    class AlwaysRaced(InMemoryIndexRepository):
        def replace(self, new, previous):  # type: ignore[no-untyped-def]
            return False

    with pytest.raises(ConcurrentIndexWriteError):
        _service(AlwaysRaced()).apply(v1, received_at=RECEIVED)


def test_an_article_is_listed_under_its_story_and_moves_when_its_story_changes() -> None:
    repository = InMemoryIndexRepository()
    service = _service(repository)
    v1 = article_ready(URL, version=1).model_copy(update={"story_id": "u-first", "duplicate_of": "u-first"})
    v2 = article_updated(v1, changed=["body"], version=2, story_id=v1.id, duplicate_of=None)
    service.apply(v1, received_at=RECEIVED)
    assert len(repository.partition("STORY#u-first")) == 1
    assert repository.current(v1.id).summary.duplicate_of == "u-first"

    service.apply(v2, received_at=RECEIVED)

    assert repository.partition("STORY#u-first") == []
    assert len(repository.partition(f"STORY#{v1.id}")) == 1
    assert repository.current(v1.id).summary.story_id == v1.id
