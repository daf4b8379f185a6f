"""Keeps the index at the newest version of each article: newer wins, older or identical is a no-op."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from article_ingest.domain.events import ArticleReady
from article_ingest.domain.index import IndexLimits
from article_ingest.domain.index_items import version_items
from article_ingest.ports import IndexRepository


class IndexOutcome(StrEnum):
    INDEXED = "indexed"  # first version of this article
    REPLACED = "replaced"  # a newer version replaced the indexed one
    DUPLICATE = "duplicate"  # this version is already indexed (a replay)
    STALE = "stale"  # a newer version is already indexed (out-of-order delivery)


class ConcurrentIndexWriteError(RuntimeError):
    """Other writers kept moving this article's version; the message is retried by its queue."""


class IndexService:
    def __init__(self, repository: IndexRepository, limits: IndexLimits, *, max_attempts: int = 4) -> None:
        self._repository = repository
        self._limits = limits
        self._max_attempts = max_attempts

    def apply(self, event: ArticleReady, *, received_at: datetime) -> IndexOutcome:
        """Index `event` (an `ArticleReady` or `ArticleUpdated` detail). `received_at` is the event's time,
        used to order articles that carry no date at all."""
        for _ in range(self._max_attempts):
            current = self._repository.current(event.id)
            if current is not None and current.summary.version == event.version:
                return IndexOutcome.DUPLICATE
            if current is not None and current.summary.version > event.version:
                return IndexOutcome.STALE
            items = version_items(
                event,
                limits=self._limits,
                received_at=received_at,
                previous=current.summary if current else None,
            )
            if self._repository.replace(items, current):
                return IndexOutcome.INDEXED if current is None else IndexOutcome.REPLACED
            # The guard failed: another writer changed the article between our read and write. Read again.
        raise ConcurrentIndexWriteError(f"article {event.id}: version moved during {self._max_attempts} attempts")
