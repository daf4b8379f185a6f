"""What became of each uploaded page, read from the events on the bus as any subscriber would read them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from article_ingest.domain.events import EVENT_SOURCE, ArticleReady, ArticleRejected, ArticleUpdated


class Status(StrEnum):
    READY = "ready"  # ArticleReady: a new article
    UPDATED = "updated"  # ArticleUpdated: an article already known (same id) came with changed content
    UNCHANGED = "unchanged"  # parsed, but identical to an article already known: by contract, no event
    STALE = "stale"  # fetched before the article's current version: recorded in the clean bucket, no event
    REJECTED = "rejected"  # ArticleRejected, with its reason
    UNDELIVERED = "undelivered"  # no outcome: still queued, in a dead-letter queue, or never uploaded

    @property
    def final(self) -> bool:
        return self is not Status.UNDELIVERED


@dataclass(frozen=True)
class Outcome:
    key: str
    status: Status
    article_id: str | None = None
    reason: str | None = None
    title: str | None = None
    event_id: str | None = None
    story_id: str | None = None  # ready/updated: the story (issue 12); its first article's id
    duplicate_of: str | None = None  # ready/updated: the article this one is a near-copy of, None for the first

    def as_json(self) -> dict[str, Any]:
        fields = asdict(self)
        fields["status"] = self.status.value
        return fields


def outcome_from_event(envelope: dict[str, Any]) -> Outcome | None:
    """The outcome an EventBridge event (as delivered to an SQS target) reports, or None if it is not ours."""
    if envelope.get("source") != EVENT_SOURCE:
        return None
    detail_type = envelope.get("detail-type")
    detail = envelope.get("detail")
    event_id = envelope.get("id")
    if detail_type == ArticleRejected.DETAIL_TYPE:
        rejected = ArticleRejected.model_validate(detail)
        return Outcome(rejected.key, Status.REJECTED, reason=rejected.reason.value, event_id=event_id)
    if detail_type in (ArticleUpdated.DETAIL_TYPE, ArticleReady.DETAIL_TYPE):
        updated = detail_type == ArticleUpdated.DETAIL_TYPE
        article = (ArticleUpdated if updated else ArticleReady).model_validate(detail)
        return Outcome(
            article.raw.key,
            Status.UPDATED if updated else Status.READY,
            article_id=article.id,
            title=article.title,
            event_id=event_id,
            story_id=article.story_id,
            duplicate_of=article.duplicate_of,
        )
    return None


def outcome_from_message(body: str) -> Outcome | None:
    envelope = json.loads(body)
    return outcome_from_event(envelope) if isinstance(envelope, dict) else None
