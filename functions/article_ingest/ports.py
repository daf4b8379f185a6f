"""The small interfaces the services depend on. Adapters (boto3) implement them; tests use in-memory fakes.

Sections are owned by the part of the system that uses them: raw/clean stores, the event publisher and the
version registry by the parse side; the index repository by the index/query side.

The parse side's records are NamedTuples, not frozen dataclasses: every cold start creates these classes, and a
frozen dataclass costs ~0.5 ms to create against ~0.05 (benchmarks/README.md § Cold start).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, Protocol

from article_ingest.domain.events import ObjectRef

if TYPE_CHECKING:  # annotations only: the parse function never loads the index models (a cold-start cost)
    from article_ingest.domain.index import ArticleSummary, CleanRef, IndexedVersion, ListingQuery, VersionItems
    from article_ingest.domain.quality import SourceCounts
    from article_ingest.domain.story import StoryMember

# --- raw and clean object stores -------------------------------------------------------------------------


class RawObjectHead(NamedTuple):
    ref: ObjectRef
    size: int
    content_type: str | None = None
    metadata: Mapping[str, str] = MappingProxyType({})  # user metadata, without `x-amz-meta-`
    last_modified: datetime | None = None  # when the object was written: the page was fetched no later


class RawObject(NamedTuple):
    head: RawObjectHead
    data: bytes | None  # None: larger than the reader's limit, left unread


class RawStore(Protocol):
    def read(self, ref: ObjectRef, max_bytes: int) -> RawObject:
        """The object version `ref` names, in one request: its head, and its bytes unless it is larger than
        `max_bytes` (then they are never downloaded). Raises ObjectGone if that version no longer exists."""
        ...


class CleanStore(Protocol):
    def put_json(self, key: str, document: bytes) -> ObjectRef:
        """Write a JSON document; returns its location with the new ETag."""
        ...


# --- events -------------------------------------------------------------------------------------------------


class OutgoingEvent(NamedTuple):
    detail_type: str
    detail: str  # JSON text of the detail model


class EventPublisher(Protocol):
    def publish(self, events: Sequence[OutgoingEvent]) -> list[str | None]:
        """Send events; retries failed entries only. Returns the event id per entry, None where it failed."""
        ...


class ObjectGone(Exception):  # noqa: N818 - an outcome, not a bug
    """The raw object named by a notification was deleted or replaced (its ETag changed) before it was read."""


# --- article registry (the parse function's version decisions) ----------------------------------------------


class RegistryEntry(NamedTuple):
    """The current version of one article id, and which raw object claimed it."""

    article_id: str
    version: int
    content_hash: str
    fingerprint: str  # digest of every tracked field: equal fingerprints mean an identical article
    field_digests: Mapping[str, str]  # tracked field -> short digest, to name the fields a new version changed
    changed_fields: tuple[str, ...]  # what this version changed (kept to resend an ArticleUpdated as it was)
    claimed_by: ObjectRef  # the raw object whose parse created this version
    clean: ObjectRef  # where this version's clean JSON lives (the ETag is set once the object is written)
    event_sent: bool
    # The latest fetch time at which the page had this content: a copy fetched before it is stale. None for entries
    # written before fetch times were kept (then arrival order decides, as it did).
    fetched_at: datetime | None = None
    # This version's story (issue 12): kept so a resent event says what the first did, and so an update can tell
    # whether its body left the story. None on entries written before stories existed.
    story_id: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    body_signature: bytes | None = None  # `BodySignature.to_bytes()`; None for a body too short to judge


class ArticleRegistry(Protocol):
    def get(self, article_id: str) -> RegistryEntry | None:
        """The current entry (a strongly consistent read), or None for an unknown id."""
        ...

    def claim(self, entry: RegistryEntry, previous_version: int | None) -> bool:
        """Store `entry` if the stored version is still `previous_version` (None: no entry yet).
        False when another writer got there first."""
        ...

    def mark_sent(self, article_id: str, version: int, clean: ObjectRef) -> None:
        """Record that the event of `version` went out (no-op if the id has moved past that version)."""
        ...

    def note_fetch(self, article_id: str, version: int, fetched_at: datetime) -> None:
        """Record that `version` was still the page's content when fetched at `fetched_at` (no-op if the id has
        moved past that version or a later fetch is already recorded)."""
        ...


# --- per-source quality counts (issue 13: the parse function adds, `article-ingest report` reads) --------------


class SourceStatsStore(Protocol):
    """Counts per (UTC day, source domain): one small item each, however large the index grows."""

    def add(self, day: date, source_domain: str, counts: SourceCounts) -> None:
        """Add `counts` to the source's counts of `day` (atomic counters)."""
        ...

    def read_day(self, day: date) -> dict[str, SourceCounts]:
        """Every source's counts of `day`."""
        ...


# --- story index (the parse function's near-copy lookup, issue 12) -----------------------------------------------


class StoryIndex(Protocol):
    """Band key -> the first article that landed there. A fixed number of keys per article: no scan, no listing."""

    def members(self, band_keys: Sequence[str]) -> dict[str, StoryMember]:
        """The members stored under these keys (one batched, strongly consistent read); absent keys are left out."""
        ...

    def claim(self, band_keys: Sequence[str], member: StoryMember) -> bool:
        """Store `member` under every key, all or nothing, only if none of them is taken yet. False when another
        article took one first: the caller reads again and decides again (two copies at once end in one story)."""
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

    def get(self, ref: CleanRef) -> dict[str, object]: ...
