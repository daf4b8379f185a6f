"""In-memory fakes of the parse side's ports, with the failure modes the tests need."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from article_ingest.domain.article import Article, ParserInfo, SourceRef
from article_ingest.domain.errors import ExtractionRefused, RejectReason
from article_ingest.domain.events import ObjectRef
from article_ingest.domain.identity import content_hash, word_count
from article_ingest.domain.story import StoryMember
from article_ingest.parse_settings import ParseSettings
from article_ingest.ports import ObjectGone, OutgoingEvent, RawObject, RawObjectHead, RegistryEntry

SETTINGS = ParseSettings(
    clean_bucket="clean-bucket",
    event_bus_name="bus",
    registry_table="registry",
    story_table="stories",
    idempotency_table="idempotency",
    max_object_bytes=1000,
)


@dataclass
class FakeRawStore:
    objects: dict[tuple[str, str], tuple[bytes, dict[str, str]]] = field(default_factory=dict)
    gets: list[ObjectRef] = field(default_factory=list)

    def put(self, bucket: str, key: str, data: bytes, metadata: dict[str, str] | None = None) -> ObjectRef:
        self.objects[(bucket, key)] = (data, metadata or {})
        return ObjectRef(bucket=bucket, key=key, etag=hashlib.md5(data).hexdigest())

    def head(self, ref: ObjectRef) -> RawObjectHead:
        if (ref.bucket, ref.key) not in self.objects:
            raise ObjectGone(ref.key)
        data, metadata = self.objects[(ref.bucket, ref.key)]
        return RawObjectHead(ref=ref, size=len(data), content_type="text/html", metadata=metadata)

    def read(self, ref: ObjectRef, max_bytes: int) -> RawObject:
        head = self.head(ref)
        if head.size > max_bytes:
            return RawObject(head, None)
        self.gets.append(ref)  # the bytes were downloaded
        return RawObject(head, self.objects[(ref.bucket, ref.key)][0])


@dataclass
class FakeCleanStore:
    documents: dict[str, bytes] = field(default_factory=dict)

    def put_json(self, key: str, document: bytes) -> ObjectRef:
        self.documents[key] = document
        return ObjectRef(bucket=SETTINGS.clean_bucket, key=key, etag=hashlib.md5(document).hexdigest())


@dataclass
class FakeRegistry:
    entries: dict[str, RegistryEntry] = field(default_factory=dict)
    before_claim: Callable[[RegistryEntry], None] | None = None  # runs once, as if another writer slipped in

    def get(self, article_id: str) -> RegistryEntry | None:
        return self.entries.get(article_id)

    def claim(self, entry: RegistryEntry, previous_version: int | None) -> bool:
        if self.before_claim is not None:
            hook, self.before_claim = self.before_claim, None
            hook(entry)
        current = self.entries.get(entry.article_id)
        if (current.version if current else None) != previous_version:
            return False
        self.entries[entry.article_id] = entry
        return True

    def mark_sent(self, article_id: str, version: int, clean: ObjectRef) -> None:
        current = self.entries[article_id]
        if current.version == version:
            self.entries[article_id] = current._replace(event_sent=True, clean=clean)

    def note_fetch(self, article_id: str, version: int, fetched_at: datetime) -> None:
        current = self.entries[article_id]
        if current.version == version and (current.fetched_at is None or current.fetched_at < fetched_at):
            self.entries[article_id] = current._replace(fetched_at=fetched_at)


@dataclass
class FakeStoryIndex:
    """Band key -> first member, with the same all-or-nothing conditional claim as the DynamoDB adapter."""

    bands: dict[str, StoryMember] = field(default_factory=dict)
    before_claim: Callable[[], None] | None = None  # runs once, as if another copy's claim slipped in
    reads: int = 0
    claims: int = 0

    def members(self, band_keys: Sequence[str]) -> dict[str, StoryMember]:
        self.reads += 1
        return {key: self.bands[key] for key in band_keys if key in self.bands}

    def claim(self, band_keys: Sequence[str], member: StoryMember) -> bool:
        if self.before_claim is not None:
            hook, self.before_claim = self.before_claim, None
            hook()
        if any(key in self.bands for key in band_keys):
            return False
        self.claims += 1
        self.bands.update(dict.fromkeys(band_keys, member))
        return True


@dataclass
class FakePublisher:
    fail_next: int = 0
    sent: list[OutgoingEvent] = field(default_factory=list)

    def publish(self, events: Sequence[OutgoingEvent]) -> list[str | None]:
        ids: list[str | None] = []
        for event in events:
            if self.fail_next:
                self.fail_next -= 1
                ids.append(None)
            else:
                self.sent.append(event)
                ids.append(f"event-{len(self.sent)}")
        return ids


def make_article(data: bytes, source: SourceRef | None = None, **overrides: Any) -> Article:
    """A tiny 'extractor' for service tests: the page bytes are `title|url|body` text."""
    title, url, body = data.decode("utf-8").split("|")
    fields: dict[str, Any] = {
        "id": "u-" + hashlib.sha256(url.encode()).hexdigest()[:32],
        "url": url,
        "title": title,
        "body": body,
        "word_count": word_count(body),
        "content_hash": content_hash(body),
        "tags": ["Senegal"],
        "parser": ParserInfo(name="fake", version="0"),
        "source": source or SourceRef(),
    }
    fields.update(overrides)
    return Article.model_validate(fields)


def fake_extract(
    data: bytes, hints: object = None, *, source: SourceRef | None = None, settings: object = None
) -> Article:
    if data.startswith(b"\x89PNG"):
        raise ExtractionRefused(RejectReason.NOT_HTML, "the bytes are a PNG image, not HTML")
    return make_article(data, source)
