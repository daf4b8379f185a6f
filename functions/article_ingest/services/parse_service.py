"""The parse use case: one raw object -> a clean Article and exactly one article event, or one ArticleRejected."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from article_ingest.domain.article import Article, FoundMetadata, SourceRef
from article_ingest.domain.errors import ExtractionRefused, RejectReason
from article_ingest.domain.events import ArticleRejected, ObjectRef
from article_ingest.domain.identity import source_domain_of
from article_ingest.domain.quality import fields_found
from article_ingest.extraction import extract_article
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.parse_settings import ParseSettings
from article_ingest.ports import (
    ArticleRegistry,
    CleanStore,
    EventPublisher,
    ObjectGone,
    OutgoingEvent,
    RawObjectHead,
    RawStore,
    RegistryEntry,
    StoryIndex,
)
from article_ingest.services.article_events import article_event, outgoing
from article_ingest.services.story_service import StoryService
from article_ingest.services.versioning import Decision, plan_version

Extractor = Callable[..., Article]
_MARK_SENT_ATTEMPTS = 3
_log = logging.getLogger(__name__)


class Status(StrEnum):
    READY = "ready"  # ArticleReady sent
    UPDATED = "updated"  # ArticleUpdated sent
    UNCHANGED = "unchanged"  # identical to the current version: no event
    REJECTED = "rejected"  # ArticleRejected sent
    GONE = "gone"  # the object was deleted or replaced before it was read: its successor has its own notification
    STALE = "stale"  # fetched before the current version, with other content: recorded, no event, nothing replaced


class ParseOutcome(NamedTuple):  # not a frozen dataclass: a tenth of the cost at import
    status: Status
    article_id: str | None = None
    version: int | None = None
    reason: RejectReason | None = None
    event_id: str | None = None
    # What the record says about its source's extraction quality (`domain/quality.py`); no fields when no Article.
    source_domain: str | None = None
    fields_found: Mapping[str, bool] | None = None
    word_count: int | None = None

    def as_dict(self) -> dict[str, str | int | dict[str, int] | None]:
        return {
            "status": self.status.value,
            "article_id": self.article_id,
            "version": self.version,
            "reason": self.reason.value if self.reason else None,
            "event_id": self.event_id,
            "source_domain": self.source_domain,
            # 1/0 rather than true/false: Logs Insights averages numbers (the saved per-source coverage query).
            "fields_found": {k: int(v) for k, v in self.fields_found.items()}
            if self.fields_found is not None
            else None,
            "word_count": self.word_count,
        }


class EventNotSentError(RuntimeError):
    """put_events kept failing for this record's event: the record must be retried (SQS redelivers it)."""


class ConcurrentClaimsError(RuntimeError):
    """Other parses of the same article id kept moving its version while this one tried to claim the next."""


def rejection_key(raw: ObjectRef) -> str:
    """One record per raw object version; the hash keeps any raw key (`../`, unicode, 1 KB) out of the path."""
    return f"rejected/{_object_digest(raw)}.json"


def stale_key(raw: ObjectRef) -> str:
    """Where the record of a stale copy goes: one per raw object version, like rejections."""
    return f"stale/{_object_digest(raw)}.json"


def _object_digest(raw: ObjectRef) -> str:
    identity = f"{raw.bucket}/{raw.key}/{raw.etag or ''}/{raw.version_id or ''}"
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


class ParseService:
    def __init__(
        self,
        *,
        raw: RawStore,
        clean: CleanStore,
        registry: ArticleRegistry,
        stories: StoryIndex,
        publisher: EventPublisher,
        settings: ParseSettings,
        extract: Extractor = extract_article,
    ) -> None:
        self._raw = raw
        self._clean = clean
        self._registry = registry
        self._stories = StoryService(stories, max_attempts=settings.max_claim_attempts)
        self._publisher = publisher
        self._settings = settings
        self._extract = extract

    def process(self, raw: ObjectRef) -> ParseOutcome:
        try:
            fetched = self._raw.read(raw, self._settings.max_object_bytes)
        except ObjectGone:
            return ParseOutcome(Status.GONE)
        head, data = fetched.head, fetched.data
        domain = source_domain_of(head.metadata.get("url"))
        if data is None:
            message = f"object is {head.size} bytes, over the {self._settings.max_object_bytes}-byte limit"
            return self._reject(head.ref, RejectReason.TOO_LARGE, message, domain)
        try:
            article = self._extract(data, _hints(head), source=_source(head), settings=self._settings.extraction)
        except ExtractionRefused as refused:
            found = refused.found
            if found is not None and found.url:  # the page's own canonical, else the uploader's hint as above
                domain = source_domain_of(found.url) or domain
            return self._reject(head.ref, refused.reason, refused.message, domain, found)
        return self._publish_article(article, head.ref, _fetched_at(head))

    # --- articles -------------------------------------------------------------------------------------------

    def _publish_article(self, article: Article, raw: ObjectRef, fetched_at: datetime | None) -> ParseOutcome:
        for _ in range(self._settings.max_claim_attempts):
            current = self._registry.get(article.id)
            plan = plan_version(current, article, raw, self._settings.clean_bucket, fetched_at)
            if plan.decision is Decision.STALE and current is not None:
                return self._record_stale(article, raw, fetched_at, current)
            if plan.decision is Decision.UNCHANGED or plan.entry is None:
                if plan.note_fetch is not None and current is not None:
                    self._registry.note_fetch(article.id, current.version, plan.note_fetch)
                return _article_outcome(Status.UNCHANGED, article, current.version if current else None)
            if plan.decision is Decision.RESEND:  # the entry already holds the story its first attempt chose
                return self._write_and_announce(article, plan.entry)
            entry = self._stories.place(article.body, plan.entry, current)
            if not self._registry.claim(entry, current.version if current else None):
                continue  # another parse of this id claimed a version first: decide again against it
            return self._write_and_announce(article, entry)
        attempts = self._settings.max_claim_attempts
        raise ConcurrentClaimsError(f"{article.id}: version kept moving over {attempts} attempts")

    def _write_and_announce(self, article: Article, entry: RegistryEntry) -> ParseOutcome:
        article = article.model_copy(
            update={"story_id": entry.story_id, "duplicate_of": entry.duplicate_of, "similarity": entry.similarity}
        )
        # Claimed first, written second: two parses can never write different content under one version's key.
        clean = self._clean.put_json(entry.clean.key, article.model_dump_json().encode("utf-8"))
        event = article_event(article, entry, clean)
        event_id = self._send(outgoing(event), what=f"{event.DETAIL_TYPE} {article.id} v{entry.version}")
        self._record_sent(article.id, entry.version, clean)
        status = Status.READY if entry.version == 1 else Status.UPDATED
        return _article_outcome(status, article, entry.version, event_id)

    def _record_stale(
        self, article: Article, raw: ObjectRef, fetched_at: datetime | None, current: RegistryEntry
    ) -> ParseOutcome:
        # Kept beside the rejection records so an operator (and `run`) can see which copy lost, and to what.
        record = {
            **raw.model_dump(),  # bucket, key, etag, version_id: which copy
            "article_id": article.id,
            "fetched_at": fetched_at.isoformat() if fetched_at else None,
            "current_version": current.version,
            "current_fetched_at": current.fetched_at.isoformat() if current.fetched_at else None,
        }
        self._clean.put_json(stale_key(raw), json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8"))
        return _article_outcome(Status.STALE, article, current.version)

    def _record_sent(self, article_id: str, version: int, clean: ObjectRef) -> None:
        # The event is out. Until this write lands, a retry of the record would send it again (EventBridge does not
        # deduplicate), so try a few times; failing the record after that would only make the duplicate certain.
        for attempt in range(1, _MARK_SENT_ATTEMPTS + 1):
            try:
                self._registry.mark_sent(article_id, version, clean)
                return
            except Exception:  # noqa: BLE001 - any failure: try again, then log and go on
                if attempt == _MARK_SENT_ATTEMPTS:
                    _log.warning("event of %s v%d sent, but not recorded as sent", article_id, version, exc_info=True)

    # --- rejections ------------------------------------------------------------------------------------------

    def _reject(
        self,
        raw: ObjectRef,
        reason: RejectReason,
        message: str,
        source_domain: str | None,
        found: FoundMetadata | None = None,
    ) -> ParseOutcome:
        # Same object, same bytes: a retry rewrites the record identically (same ETag), so it resends the same event.
        record = {
            **raw.model_dump(),  # bucket, key, etag, version_id: which object
            "reason": reason.value,
            "message": message,
            "found": found.model_dump(mode="json") if found else None,
        }
        record_ref = self._clean.put_json(
            rejection_key(raw), json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")
        )
        event = ArticleRejected(
            bucket=raw.bucket,
            key=raw.key,
            etag=raw.etag,
            version_id=raw.version_id,
            reason=reason,
            message=message,
            record=record_ref,
            found=found,
        )
        event_id = self._send(outgoing(event), what=f"ArticleRejected {raw.key!r}")
        return ParseOutcome(Status.REJECTED, reason=reason, event_id=event_id, source_domain=source_domain)

    def _send(self, event: OutgoingEvent, *, what: str) -> str:
        [event_id] = self._publisher.publish([event])
        if event_id is None:
            raise EventNotSentError(f"{what} could not be put on the bus")
        return event_id


def _article_outcome(
    status: Status, article: Article, version: int | None, event_id: str | None = None
) -> ParseOutcome:
    return ParseOutcome(
        status,
        article.id,
        version,
        event_id=event_id,
        source_domain=article.source_domain,
        fields_found=fields_found(article),
        word_count=article.word_count,
    )


def _hints(head: RawObjectHead) -> ExtractionHints:
    return ExtractionHints(
        url=head.metadata.get("url"),
        content_type=head.content_type,
        metadata=head.metadata,
        fetched_at=_fetched_at(head),
    )


def _fetched_at(head: RawObjectHead) -> datetime | None:
    """The uploader's `fetched-at` metadata, else the upload time (the page cannot have been fetched later).

    Either way the value is fixed for the object, so a retry extracts exactly what the first attempt did.
    """
    declared = head.metadata.get("fetched-at")
    if declared:
        try:
            parsed = datetime.fromisoformat(declared)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            return parsed
    return head.last_modified


def _source(head: RawObjectHead) -> SourceRef:
    return SourceRef(
        bucket=head.ref.bucket,
        key=head.ref.key,
        etag=head.ref.etag,
        version_id=head.ref.version_id,
        size=head.size,
    )
