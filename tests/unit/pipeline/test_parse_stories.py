"""Stories through the parse use case, on in-memory ports: copies, updates, retries, and two copies at once."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from article_ingest.domain.article import Article
from article_ingest.domain.events import ArticleReady, ArticleUpdated
from article_ingest.services.parse_service import ParseService, Status
from tests.unit.pipeline.fakes import (
    SETTINGS,
    FakeCleanStore,
    FakePublisher,
    FakeRawStore,
    FakeRegistry,
    FakeStoryIndex,
    fake_extract,
)
from tests.unit.pipeline.test_story import OTHER_STORY, STORY


def _page(title: str, url: str, paragraphs: list[str]) -> bytes:
    return f"{title}|{url}|{' '.join(paragraphs)}".encode()


def _copy(credit: str, paragraphs: list[str]) -> list[str]:
    return [credit + paragraphs[0], *paragraphs[1:-1]]


ORIGINAL = _page("Harwick strike ends", "https://wire.example/harwick", STORY)
COPY_B = _page("Dockers back at work", "https://coast.example/dockers", _copy("(Wire) ", STORY))
COPY_C = _page("Strike over in Harwick", "https://metro.example/strike", _copy("HARWICK: ", STORY[::-1]))
UNRELATED = _page("Calvary walkout", "https://south.example/calvary", OTHER_STORY)
ROOMY = SETTINGS.model_copy(update={"max_object_bytes": 100_000})  # these pages are over the shared 1,000 bytes


@dataclass
class Pipeline:
    raw: FakeRawStore
    clean: FakeCleanStore
    registry: FakeRegistry
    stories: FakeStoryIndex
    publisher: FakePublisher
    service: ParseService

    def events(self) -> list[ArticleReady]:
        models = {"ArticleReady": ArticleReady, "ArticleUpdated": ArticleUpdated}
        return [models[e.detail_type].model_validate(json.loads(e.detail)) for e in self.publisher.sent]

    def article(self, event: ArticleReady) -> Article:
        return Article.model_validate_json(self.clean.documents[event.clean.key])


def _pipeline(stories: FakeStoryIndex | None = None, registry: FakeRegistry | None = None) -> Pipeline:
    raw, clean, publisher = FakeRawStore(), FakeCleanStore(), FakePublisher()
    stories = stories if stories is not None else FakeStoryIndex()
    registry = registry if registry is not None else FakeRegistry()
    service = ParseService(
        raw=raw,
        clean=clean,
        registry=registry,
        stories=stories,
        publisher=publisher,
        settings=ROOMY,
        extract=fake_extract,
    )
    return Pipeline(raw, clean, registry, stories, publisher, service)


@pytest.fixture
def pipeline() -> Pipeline:
    return _pipeline()


def test_three_copies_are_one_story_and_an_unrelated_article_another(pipeline: Pipeline) -> None:
    for key, page in (("a.html", ORIGINAL), ("b.html", COPY_B), ("c.html", COPY_C), ("d.html", UNRELATED)):
        pipeline.service.process(pipeline.raw.put("raw", key, page))

    first, copy_b, copy_c, unrelated = pipeline.events()
    assert (first.story_id, first.duplicate_of, first.similarity) == (first.id, None, None)
    assert copy_b.story_id == copy_c.story_id == first.id
    assert copy_b.duplicate_of == first.id
    assert copy_c.duplicate_of in {first.id, copy_b.id}
    assert copy_b.similarity is not None
    assert 0.4 <= copy_b.similarity <= 1
    assert (unrelated.story_id, unrelated.duplicate_of) == (unrelated.id, None)
    # The clean Article says the same as its event.
    assert pipeline.article(copy_b).story_id == first.id
    assert pipeline.article(copy_b).duplicate_of == first.id


def test_each_article_reads_its_band_keys_once_and_claims_once(pipeline: Pipeline) -> None:
    pipeline.service.process(pipeline.raw.put("raw", "a.html", ORIGINAL))
    pipeline.service.process(pipeline.raw.put("raw", "b.html", COPY_B))

    assert (pipeline.stories.reads, pipeline.stories.claims) == (2, 2)


def test_an_identical_re_upload_stays_unchanged_and_touches_no_story(pipeline: Pipeline) -> None:
    pipeline.service.process(pipeline.raw.put("raw", "a.html", ORIGINAL))
    reads = pipeline.stories.reads

    outcome = pipeline.service.process(pipeline.raw.put("raw", "again/a.html", ORIGINAL))

    assert outcome.status is Status.UNCHANGED
    assert pipeline.stories.reads == reads
    assert len(pipeline.publisher.sent) == 1


def test_an_update_that_stays_close_keeps_its_story(pipeline: Pipeline) -> None:
    pipeline.service.process(pipeline.raw.put("raw", "a.html", ORIGINAL))
    pipeline.service.process(pipeline.raw.put("raw", "b.html", COPY_B))
    edited = COPY_B.replace(b"six percent", b"6 percent")

    outcome = pipeline.service.process(pipeline.raw.put("raw", "b.html", edited))

    assert outcome.status is Status.UPDATED
    first, copy_b, update = pipeline.events()
    assert (update.id, update.story_id, update.duplicate_of) == (copy_b.id, first.id, first.id)


def test_an_update_whose_body_became_another_story_leaves_it(pipeline: Pipeline) -> None:
    pipeline.service.process(pipeline.raw.put("raw", "a.html", ORIGINAL))
    pipeline.service.process(pipeline.raw.put("raw", "b.html", COPY_B))
    rewritten = _page("Dockers back at work", "https://coast.example/dockers", OTHER_STORY)

    pipeline.service.process(pipeline.raw.put("raw", "b.html", rewritten))

    update = pipeline.events()[-1]
    assert (update.story_id, update.duplicate_of) == (update.id, None)


def test_reprocessing_with_a_changed_parser_gives_the_same_stories() -> None:
    pages = (("a.html", ORIGINAL), ("b.html", COPY_B), ("c.html", COPY_C), ("d.html", UNRELATED))
    pipeline = _pipeline()
    for key, page in pages:
        pipeline.service.process(pipeline.raw.put("raw", key, page))
    before = {e.id: e.story_id for e in pipeline.events()}

    # A parser upgrade that trims every body's last words: each article comes again as an update.
    upgraded = _pipeline(pipeline.stories, pipeline.registry)
    for key, page in pages:
        upgraded.service.process(upgraded.raw.put("raw", key, page.rsplit(b" ", 3)[0]))

    assert {e.id: e.story_id for e in upgraded.events()} == before
    assert {type(e) for e in upgraded.events()} == {ArticleUpdated}


def test_a_short_body_is_a_story_of_its_own_and_is_never_indexed(pipeline: Pipeline) -> None:
    pipeline.service.process(pipeline.raw.put("raw", "s.html", _page("Brief", "https://x.example/b", ["Strike over."])))
    pipeline.service.process(pipeline.raw.put("raw", "t.html", _page("Brief", "https://y.example/b", ["Strike over."])))

    first, second = pipeline.events()
    assert (first.story_id, second.story_id) == (first.id, second.id)
    assert pipeline.stories.bands == {}


def test_two_copies_at_the_same_moment_end_in_one_story() -> None:
    # Both parses read the band keys before either claims: the first claim wins, the second finds it on re-reading.
    stories = FakeStoryIndex()
    pipeline = _pipeline(stories)
    copy_ref = pipeline.raw.put("raw", "b.html", COPY_B)
    stories.before_claim = lambda: pipeline.service.process(copy_ref) and None

    pipeline.service.process(pipeline.raw.put("raw", "a.html", ORIGINAL))

    copy_b, original = pipeline.events()  # the copy's claim slipped in first, so it started the story
    assert (copy_b.story_id, copy_b.duplicate_of) == (copy_b.id, None)
    assert (original.story_id, original.duplicate_of) == (copy_b.id, copy_b.id)
    assert stories.reads == 3  # the original read again after its lost claim


def test_a_resent_event_carries_the_story_its_first_attempt_chose(pipeline: Pipeline) -> None:
    pipeline.service.process(pipeline.raw.put("raw", "a.html", ORIGINAL))
    ref = pipeline.raw.put("raw", "b.html", COPY_B)
    pipeline.publisher.fail_next = 1
    with pytest.raises(RuntimeError):
        pipeline.service.process(ref)

    pipeline.service.process(ref)

    first, resent = pipeline.events()
    assert (resent.story_id, resent.duplicate_of) == (first.id, first.id)
