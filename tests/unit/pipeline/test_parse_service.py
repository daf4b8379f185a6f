"""The parse use case against in-memory ports: versions, events, rejections, retries and races."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from article_ingest.domain.article import Article
from article_ingest.domain.errors import RejectReason
from article_ingest.domain.events import ArticleReady, ArticleRejected, ArticleUpdated, ObjectRef
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.ports import ArticleRegistry, RawObjectHead, RegistryEntry
from article_ingest.services.parse_service import (
    ConcurrentClaimsError,
    EventNotSentError,
    ParseService,
    Status,
    rejection_key,
    stale_key,
)
from article_ingest.services.versioning import plan_version
from tests.unit.pipeline.fakes import (
    SETTINGS,
    FakeCleanStore,
    FakePublisher,
    FakeRawStore,
    FakeRegistry,
    FakeStoryIndex,
    fake_extract,
    make_article,
)

PAGE = b"Sahel talks|https://news.example/sahel|The envoy met officials in Bamako on Tuesday."
EDITED = b"Sahel talks|https://news.example/sahel|The envoy met officials in Bamako on Wednesday."


@dataclass
class World:
    raw: FakeRawStore
    clean: FakeCleanStore
    registry: FakeRegistry
    publisher: FakePublisher
    service: ParseService
    stories: FakeStoryIndex


@pytest.fixture
def world() -> World:
    raw, clean, registry, publisher = FakeRawStore(), FakeCleanStore(), FakeRegistry(), FakePublisher()
    stories = FakeStoryIndex()
    service = ParseService(
        raw=raw,
        clean=clean,
        registry=registry,
        stories=stories,
        publisher=publisher,
        settings=SETTINGS,
        extract=fake_extract,
    )
    return World(raw, clean, registry, publisher, service, stories)


def _service_with_registry(world: World, registry: ArticleRegistry) -> ParseService:
    return ParseService(
        raw=world.raw,
        clean=world.clean,
        registry=registry,
        stories=world.stories,
        publisher=world.publisher,
        settings=SETTINGS,
        extract=fake_extract,
    )


def _details(world: World) -> list[tuple[str, dict[str, object]]]:
    return [(event.detail_type, json.loads(event.detail)) for event in world.publisher.sent]


def test_a_new_article_is_version_1_with_one_article_ready(world: World) -> None:
    ref = world.raw.put("raw", "a.html", PAGE)

    outcome = world.service.process(ref)

    assert (outcome.status, outcome.version) == (Status.READY, 1)
    [(kind, detail)] = _details(world)
    ready = ArticleReady.model_validate(detail)
    assert kind == "ArticleReady"
    assert ready.clean.key == f"articles/{ready.id}/v1.json"
    assert ready.clean.etag is not None
    assert ready.raw == ref
    assert list(world.clean.documents) == [ready.clean.key]
    assert world.registry.entries[ready.id].event_sent


def test_the_same_article_from_another_object_sends_nothing(world: World) -> None:
    world.service.process(world.raw.put("raw", "a.html", PAGE))

    outcome = world.service.process(world.raw.put("raw", "copy/a.html", PAGE))

    assert outcome.status is Status.UNCHANGED
    assert len(world.publisher.sent) == 1
    assert len(world.clean.documents) == 1


def test_changed_content_is_the_next_version_naming_what_changed(world: World) -> None:
    world.service.process(world.raw.put("raw", "a.html", PAGE))

    outcome = world.service.process(world.raw.put("raw", "a.html", EDITED))

    assert (outcome.status, outcome.version) == (Status.UPDATED, 2)
    kind, detail = _details(world)[-1]
    updated = ArticleUpdated.model_validate(detail)
    assert (kind, updated.version, updated.changed_fields) == ("ArticleUpdated", 2, ["body"])
    assert sorted(world.clean.documents) == [f"articles/{updated.id}/v1.json", f"articles/{updated.id}/v2.json"]


def test_a_corrected_headline_alone_is_a_new_version(world: World) -> None:
    world.service.process(world.raw.put("raw", "a.html", PAGE))

    outcome = world.service.process(world.raw.put("raw", "a.html", PAGE.replace(b"Sahel talks", b"Sahel peace talks")))

    assert outcome.status is Status.UPDATED
    assert json.loads(world.publisher.sent[-1].detail)["changed_fields"] == ["title"]


def test_an_event_that_could_not_be_sent_is_sent_by_the_retry_of_the_same_object(world: World) -> None:
    ref = world.raw.put("raw", "a.html", PAGE)
    world.publisher.fail_next = 1

    with pytest.raises(EventNotSentError):
        world.service.process(ref)
    [entry] = world.registry.entries.values()
    assert not entry.event_sent
    retried = world.service.process(ref)

    assert (retried.status, retried.version) == (Status.READY, 1)
    assert [kind for kind, _ in _details(world)] == ["ArticleReady"]
    assert world.registry.entries[entry.article_id].event_sent


def test_another_object_does_not_resend_an_event_it_did_not_claim(world: World) -> None:
    world.publisher.fail_next = 1
    with pytest.raises(EventNotSentError):
        world.service.process(world.raw.put("raw", "a.html", PAGE))

    outcome = world.service.process(world.raw.put("raw", "copy.html", PAGE))

    assert outcome.status is Status.UNCHANGED
    assert world.publisher.sent == []


def test_a_resent_update_keeps_its_changed_fields(world: World) -> None:
    world.service.process(world.raw.put("raw", "a.html", PAGE))
    edited = world.raw.put("raw", "a.html", EDITED)
    world.publisher.fail_next = 1
    with pytest.raises(EventNotSentError):
        world.service.process(edited)

    world.service.process(edited)

    kind, detail = _details(world)[-1]
    assert (kind, detail["version"], detail["changed_fields"]) == ("ArticleUpdated", 2, ["body"])


def test_a_claim_lost_to_an_identical_concurrent_parse_sends_nothing(world: World) -> None:
    winner_ref = world.raw.put("raw", "winner.html", PAGE)
    loser_ref = world.raw.put("raw", "loser.html", PAGE)
    winner_plan = plan_version(None, make_article(PAGE), winner_ref, SETTINGS.clean_bucket)
    assert winner_plan.entry is not None
    winner_entry: RegistryEntry = winner_plan.entry

    def other_writer(_: RegistryEntry) -> None:
        world.registry.entries[winner_entry.article_id] = winner_entry

    world.registry.before_claim = other_writer

    outcome = world.service.process(loser_ref)

    assert outcome.status is Status.UNCHANGED
    assert world.publisher.sent == []
    assert world.registry.entries[winner_entry.article_id].claimed_by == winner_ref


def test_a_claim_lost_to_different_content_becomes_the_version_after_it(world: World) -> None:
    other = plan_version(None, make_article(EDITED), world.raw.put("raw", "b.html", EDITED), SETTINGS.clean_bucket)
    assert other.entry is not None
    other_entry = other.entry
    world.registry.before_claim = lambda _: world.registry.entries.__setitem__(other_entry.article_id, other_entry)

    outcome = world.service.process(world.raw.put("raw", "a.html", PAGE))

    assert (outcome.status, outcome.version) == (Status.UPDATED, 2)


def test_a_version_that_never_settles_fails_the_record(world: World) -> None:
    class AlwaysLosing(FakeRegistry):
        def claim(self, entry: RegistryEntry, previous_version: int | None) -> bool:
            return False

    service = _service_with_registry(world, AlwaysLosing())
    with pytest.raises(ConcurrentClaimsError):
        service.process(world.raw.put("raw", "a.html", PAGE))
    assert world.clean.documents == {}


def test_an_oversized_object_is_rejected_from_its_size_without_a_download(world: World) -> None:
    ref = world.raw.put("raw", "big.html", b"x" * (SETTINGS.max_object_bytes + 1))

    outcome = world.service.process(ref)

    assert (outcome.status, outcome.reason and outcome.reason.value) == (Status.REJECTED, "too_large")
    assert world.raw.gets == []
    kind, detail = _details(world)[0]
    assert kind == "ArticleRejected"
    assert detail["reason"] == "too_large"


def test_a_refused_page_gets_a_rejection_record_and_event(world: World) -> None:
    ref = world.raw.put("raw", "../../etc/passwd.html", b"\x89PNG\r\n\x1a\n")

    outcome = world.service.process(ref)

    assert outcome.status is Status.REJECTED
    [(kind, detail)] = _details(world)
    assert kind == "ArticleRejected"
    rejected = ArticleRejected.model_validate(detail)
    assert rejected.record is not None
    assert rejected.record.key == rejection_key(ref)
    assert rejected.record.key.startswith("rejected/")
    assert ".." not in rejected.record.key
    record = json.loads(world.clean.documents[rejected.record.key])
    assert (record["key"], record["reason"]) == ("../../etc/passwd.html", "not_html")


def test_a_deleted_object_is_gone_without_an_event(world: World) -> None:
    outcome = world.service.process(ObjectRef(bucket="raw", key="deleted.html", etag="abc"))

    assert outcome.status is Status.GONE
    assert world.publisher.sent == []


def test_rejection_keys_differ_per_object_version() -> None:
    a = rejection_key(ObjectRef(bucket="raw", key="a.html", etag="1"))
    b = rejection_key(ObjectRef(bucket="raw", key="a.html", etag="2"))
    assert a != b
    assert a == rejection_key(ObjectRef(bucket="raw", key="a.html", etag="1"))


def test_a_failure_to_record_the_sent_event_does_not_fail_the_record(world: World) -> None:
    class ForgetfulRegistry(FakeRegistry):
        def mark_sent(self, article_id: str, version: int, clean: ObjectRef) -> None:
            raise ConnectionError("registry unreachable")

    service = _service_with_registry(world, ForgetfulRegistry())

    outcome = service.process(world.raw.put("raw", "a.html", PAGE))

    assert outcome.status is Status.READY
    assert len(world.publisher.sent) == 1


def test_a_transient_failure_to_record_the_sent_event_is_retried_so_a_redelivery_sends_nothing(world: World) -> None:
    class FlakyRegistry(FakeRegistry):
        failures_left = 2

        def mark_sent(self, article_id: str, version: int, clean: ObjectRef) -> None:
            if self.failures_left:
                self.failures_left -= 1
                raise ConnectionError("throttled")
            super().mark_sent(article_id, version, clean)

    service = _service_with_registry(world, FlakyRegistry())
    ref = world.raw.put("raw", "a.html", PAGE)

    first = service.process(ref)
    redelivered = service.process(ref)  # as if the idempotency record had been lost

    assert first.status is Status.READY
    assert redelivered.status is Status.UNCHANGED
    assert len(world.publisher.sent) == 1


def test_a_retried_rejection_rewrites_the_same_record_and_resends_the_same_event(world: World) -> None:
    ref = world.raw.put("raw", "photo.html", b"\x89PNG\r\n\x1a\n")
    world.publisher.fail_next = 1
    with pytest.raises(EventNotSentError):
        world.service.process(ref)
    first_record = dict(world.clean.documents)

    world.service.process(ref)

    assert world.clean.documents == first_record
    [sent] = world.publisher.sent
    assert json.loads(sent.detail)["record"]["key"] == rejection_key(ref)


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ({"fetched-at": "2026-02-27T18:00:00+00:00"}, datetime(2026, 2, 27, 18, 0, tzinfo=UTC)),
        ({"fetched-at": "yesterday"}, datetime(2026, 2, 28, 9, 30, tzinfo=UTC)),  # unreadable: the upload time
        ({"fetched-at": "2026-02-27T18:00:00"}, datetime(2026, 2, 28, 9, 30, tzinfo=UTC)),  # naive: ambiguous
        ({}, datetime(2026, 2, 28, 9, 30, tzinfo=UTC)),
    ],
)
def test_the_extractor_gets_the_fetch_time_and_the_uploaders_url(
    world: World, metadata: dict[str, str], expected: datetime
) -> None:
    seen: list[ExtractionHints] = []

    def spy(data: bytes, hints: ExtractionHints, **kwargs: Any) -> Article:
        seen.append(hints)
        return fake_extract(data, hints, **kwargs)

    class DatedRawStore(FakeRawStore):
        def head(self, ref: ObjectRef) -> RawObjectHead:
            head = super().head(ref)
            return head._replace(last_modified=datetime(2026, 2, 28, 9, 30, tzinfo=UTC))

    raw = DatedRawStore()
    service = ParseService(
        raw=raw,
        clean=world.clean,
        registry=world.registry,
        stories=world.stories,
        publisher=world.publisher,
        settings=SETTINGS,
        extract=spy,
    )
    service.process(raw.put("raw", "a.html", PAGE, {"url": "https://news.example/from-crawler", **metadata}))

    [hints] = seen
    assert hints.fetched_at == expected
    assert hints.url == "https://news.example/from-crawler"
    assert hints.content_type == "text/html"


def _fetched(hour: int) -> dict[str, str]:
    return {"fetched-at": f"2026-03-14T{hour:02d}:00:00+00:00"}


def test_a_copy_fetched_before_the_current_version_is_stale_and_changes_nothing(world: World) -> None:
    world.service.process(world.raw.put("raw", "new.html", EDITED, _fetched(10)))
    older = world.raw.put("raw", "old.html", PAGE, _fetched(9))

    outcome = world.service.process(older)

    [entry] = world.registry.entries.values()
    assert (outcome.status, outcome.article_id, outcome.version, outcome.event_id) == (
        Status.STALE,
        entry.article_id,
        1,
        None,
    )
    assert [kind for kind, _ in _details(world)] == ["ArticleReady"]
    assert (entry.version, entry.claimed_by.key) == (1, "new.html")
    record = json.loads(world.clean.documents[stale_key(older)])
    assert record["key"] == "old.html"
    assert (record["fetched_at"], record["current_version"]) == ("2026-03-14T09:00:00+00:00", 1)
    assert record["current_fetched_at"] == "2026-03-14T10:00:00+00:00"


def test_a_copy_fetched_after_the_current_version_updates_it(world: World) -> None:
    world.service.process(world.raw.put("raw", "old.html", PAGE, _fetched(9)))

    outcome = world.service.process(world.raw.put("raw", "new.html", EDITED, _fetched(10)))

    assert (outcome.status, outcome.version) == (Status.UPDATED, 2)
    assert [entry.fetched_at for entry in world.registry.entries.values()] == [datetime(2026, 3, 14, 10, tzinfo=UTC)]


def test_a_copy_fetched_between_two_identical_fetches_is_stale(world: World) -> None:
    world.service.process(world.raw.put("raw", "first.html", PAGE, _fetched(8)))
    world.service.process(world.raw.put("raw", "again.html", PAGE, _fetched(10)))  # still the same page at 10:00

    outcome = world.service.process(world.raw.put("raw", "between.html", EDITED, _fetched(9)))

    assert outcome.status is Status.STALE
    assert len(world.publisher.sent) == 1


def test_each_outcome_says_what_it_found_about_its_source(world: World) -> None:
    article = world.service.process(world.raw.put("raw", "a.html", PAGE))
    refused = world.service.process(
        world.raw.put("raw", "b.html", b"\x89PNG\r\n", {"url": "https://www.News.example/b"})
    )

    assert (article.source_domain, article.word_count) == (None, 8)  # the fake extractor sets no domain
    assert article.fields_found == {
        "published_at": False,
        "published_time": False,
        "authors": False,
        "image": False,
        "description": False,
        "language": False,
    }
    assert (refused.source_domain, refused.fields_found, refused.reason) == (
        "news.example",
        None,
        RejectReason.NOT_HTML,
    )
    assert refused.as_dict()["source_domain"] == "news.example"
