"""Article events from an Article and its registry entry, kept under EventBridge's size limit."""

from __future__ import annotations

from article_ingest.domain.article import Article
from article_ingest.domain.events import MAX_DETAIL_BYTES, ArticleReady, ArticleRejected, ArticleUpdated, ObjectRef
from article_ingest.ports import OutgoingEvent, RegistryEntry

_MIN_TITLE_CHARS = 200


class EventTooLargeError(ValueError):
    """Even with every optional field trimmed, the detail is past the limit (only ids and refs are left)."""


def article_event(article: Article, entry: RegistryEntry, clean: ObjectRef) -> ArticleReady:
    fields = {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "site": article.site_name,
        "source_domain": article.source_domain,
        "language": article.language,
        "published_at": article.published_at,
        "modified_at": article.modified_at,
        "authors": article.authors,
        "description": article.description,
        "section": article.section,
        "tags": article.tags,
        "content_hash": article.content_hash,
        "version": entry.version,
        "clean": clean,
        "raw": entry.claimed_by,
        "story_id": entry.story_id,
        "duplicate_of": entry.duplicate_of,
        "similarity": entry.similarity,
    }
    if entry.version == 1:
        return ArticleReady.model_validate(fields)
    return ArticleUpdated.model_validate({**fields, "changed_fields": list(entry.changed_fields)})


def outgoing(event: ArticleReady | ArticleRejected, max_bytes: int = MAX_DETAIL_BYTES) -> OutgoingEvent:
    """The event as sent, trimmed to fit: optional text and lists shrink first; ids, hashes and refs never do."""
    detail = event.model_dump_json()
    if _size(detail) <= max_bytes:
        return OutgoingEvent(event.DETAIL_TYPE, detail)
    trimmed = _trim(event, max_bytes)
    return OutgoingEvent(event.DETAIL_TYPE, trimmed.model_dump_json())


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _trim(event: ArticleReady | ArticleRejected, max_bytes: int) -> ArticleReady | ArticleRejected:
    if isinstance(event, ArticleRejected):
        candidate: ArticleReady | ArticleRejected = event.model_copy(update={"message": event.message[:1000]})
        if _size(candidate.model_dump_json()) <= max_bytes:
            return candidate
        raise EventTooLargeError(f"ArticleRejected for {event.key!r} is over {max_bytes} bytes")
    steps: tuple[dict[str, object], ...] = (
        {"description": None},
        {"tags": event.tags[:50], "authors": event.authors[:20]},
        {"section": None, "tags": event.tags[:5], "authors": event.authors[:5]},
        {"title": event.title[:_MIN_TITLE_CHARS]},
        {"tags": [], "authors": []},
    )
    candidate = event
    for update in steps:
        candidate = candidate.model_copy(update=update)
        if _size(candidate.model_dump_json()) <= max_bytes:
            return candidate
    raise EventTooLargeError(f"{event.DETAIL_TYPE} for {event.id} is over {max_bytes} bytes with optional fields cut")
