"""The small interfaces the services depend on. Adapters (boto3) implement them; tests use in-memory fakes.

Sections are owned by the part of the system that uses them: raw/clean stores, the event publisher and the
version registry by the parse side; the index repository by the index/query side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from article_ingest.domain.events import ObjectRef
from article_ingest.domain.index import ArticleSummary, IndexedVersion, ListingQuery, VersionItems

# --- raw and clean object stores -------------------------------------------------------------------------


@dataclass(frozen=True)
class RawObjectHead:
    ref: ObjectRef
    size: int
    content_type: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)  # user metadata, without `x-amz-meta-`


class RawStore(Protocol):
    def head(self, ref: ObjectRef) -> RawObjectHead: ...

    def get(self, ref: ObjectRef) -> bytes: ...


class CleanStore(Protocol):
    def put_json(self, key: str, document: bytes) -> ObjectRef:
        """Write a JSON document; returns its location with the new ETag."""
        ...


# --- events -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutgoingEvent:
    detail_type: str
    detail: str  # JSON text of the detail model


class EventPublisher(Protocol):
    def publish(self, events: Sequence[OutgoingEvent]) -> list[str | None]:
        """Send events; retries failed entries only. Returns the event id per entry, None where it failed."""
        ...


# --- index (owned by the index/query side, issue 4) -------------------------------------------------------------


class IndexRepository(Protocol):
    """The article index. Every read is one GetItem or one Query; writes of one version are atomic."""

    def current(self, article_id: str) -> IndexedVersion | None:
        """The indexed version of an article (a strongly consistent read), or None."""
        ...

    def replace(self, new: VersionItems, previous: IndexedVersion | None) -> bool:
        """Write every item of `new` and delete the items of `previous` that `new` no longer has, in one
        transaction guarded on the stored version still being `previous`. False when that guard failed."""
        ...

    def by_url(self, url: str) -> ArticleSummary | None: ...

    def listing(self, query: ListingQuery) -> list[tuple[str, ArticleSummary]]:
        """Up to `query.limit` (sort key, summary) pairs of one partition, in the query's order."""
        ...


class ArticleBodies(Protocol):
    """Reads the full Article JSON a summary points to (the query API's `include=body`)."""

    def get(self, ref: ObjectRef) -> dict[str, object]: ...
