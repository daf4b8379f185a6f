"""Event contracts on the bus. The `detail` of each EventBridge event is one of these models."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveInt

from article_ingest.domain.article import DUPLICATE_OF_DOC, STORY_ID_DOC, FoundMetadata, Similarity, Timestamp
from article_ingest.domain.errors import RejectReason

EVENT_SOURCE = "article-ingest"
# EventBridge refuses entries over 256 KiB (moto does not): we enforce it ourselves, with room for the envelope.
MAX_EVENT_BYTES = 256 * 1024
MAX_DETAIL_BYTES = MAX_EVENT_BYTES - 4 * 1024


class ObjectRef(BaseModel):
    """An S3 object: where a clean Article or a rejection record lives, or the raw input."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bucket: str
    key: str
    etag: str | None = None
    version_id: str | None = None


class ArticleReady(BaseModel):
    """A new article is in the clean bucket. Small on purpose: never the body."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    DETAIL_TYPE: ClassVar[str] = "ArticleReady"

    id: str
    url: str | None = None
    title: str
    site: str | None = Field(None, description="Site name, e.g. 'Devdiscourse'.")
    source_domain: str | None = None
    language: str | None = None
    published_at: Timestamp = None
    modified_at: Timestamp = None
    authors: list[str] = Field(default_factory=list)
    description: str | None = None
    section: str | None = None
    tags: list[str] = Field(default_factory=list)
    content_hash: str
    version: PositiveInt
    clean: ObjectRef
    raw: ObjectRef
    story_id: str | None = Field(None, description=STORY_ID_DOC)
    duplicate_of: str | None = Field(None, description=DUPLICATE_OF_DOC)
    similarity: Similarity = None


class ArticleUpdated(ArticleReady):
    """An article already known came again with changed content; `version` went up."""

    # Built on the first update, not at import: most records are new articles (ArticleReady); ~1 ms of cold start.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    DETAIL_TYPE: ClassVar[str] = "ArticleUpdated"

    changed_fields: list[str] = Field(description="Article fields whose value changed since the previous version.")


class ArticleRejected(BaseModel):
    """A raw object did not become an Article. The raw object is left untouched."""

    # Built on the first rejection, not at import (the rare path; ~1 ms of the parse function's cold start).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    DETAIL_TYPE: ClassVar[str] = "ArticleRejected"

    bucket: str
    key: str
    etag: str | None = None
    version_id: str | None = None
    reason: RejectReason
    message: str
    record: ObjectRef | None = Field(None, description="The rejection record in the clean bucket.")
    found: FoundMetadata | None = Field(
        None, description="What the page declared (URL, title, dates) when it was HTML that got as far as metadata."
    )


ArticleEvent = ArticleReady | ArticleUpdated | ArticleRejected
DetailType = Literal["ArticleReady", "ArticleUpdated", "ArticleRejected"]
