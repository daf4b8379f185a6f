"""The small interfaces the services depend on. Adapters (boto3) implement them; tests use in-memory fakes.

Sections are owned by the part of the system that uses them: raw/clean stores, the event publisher and the
version registry by the parse side; the index repository by the index/query side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from article_ingest.domain.events import ObjectRef

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
