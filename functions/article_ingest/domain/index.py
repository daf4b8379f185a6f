"""The index's key design, pure: which items one article version owns, their keys, and what each item holds.

One table, `pk`/`sk` strings, no GSI. Every access pattern is one GetItem or Query (the day pattern: one Query per
shard, merged). See `docs/index-design.md` for the why and the write cost.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SUMMARY_SK = "ARTICLE"
URL_SK = "URL"
# Separates the sort time from the article id in listing sort keys; sorts below every id character.
_SK_SEP = "#"

ListingKind = Literal["site", "tag", "author", "day", "story"]


class SortTimeSource(StrEnum):
    """Which timestamp orders an article in the listings."""

    PUBLISHED = "published"
    MODIFIED = "modified"  # the page gave no published date, only a modified one
    INDEXED = "indexed"  # neither: the time the index first saw the article (the event's time)


class CleanRef(BaseModel):
    """Where an article's clean JSON lives (the fields of the events' `ObjectRef` a reader needs)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    bucket: str
    key: str
    etag: str | None = None
    version_id: str | None = None


class ArticleSummary(BaseModel):
    """What every query returns per article: a projection of `ArticleReady`, never the body."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    url: str | None = None
    title: str
    site: str | None = None
    source_domain: str | None = None
    authors: list[str] = Field(default_factory=list)
    published_at: str | None = Field(None, description="As the page states it (ISO 8601, with its offset).")
    modified_at: str | None = None
    sort_at: str = Field(description="UTC instant that orders this article in listings (`sort_at_source`).")
    sort_at_source: SortTimeSource
    language: str | None = None
    tags: list[str] = Field(default_factory=list)
    description: str | None = None
    section: str | None = None
    version: int
    content_hash: str
    clean: CleanRef = Field(description="Where the full Article JSON lives in the clean bucket.")
    story_id: str | None = Field(None, description="The story: the id of its first article (issue 12).")
    duplicate_of: str | None = Field(None, description="The article this one is a near-copy of; null for the first.")
    similarity: float | None = Field(None, description="Estimated body similarity to `duplicate_of`.")


@dataclass(frozen=True, order=True)
class ItemKey:
    pk: str
    sk: str


# --- normalization of the values users query by -------------------------------------------------------------


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


def site_key(domain: str) -> str:
    host = _fold(domain).rstrip(".")
    return host.removeprefix("www.")


def tag_key(tag: str) -> str:
    return _fold(tag)


def author_key(author: str) -> str:
    return _fold(author)


def story_key(story_id: str) -> str:
    """Story ids are article ids (`u-<hex>`): kept as they are, only trimmed."""
    return story_id.strip()


def url_key(url: str) -> str:
    """The URL as identity sees it (scheme-free, normalized), hashed so the key stays short whatever the URL."""
    # Imported here: identity pulls in the Article model, which only the url lookup (and the writer) needs.
    from article_ingest.domain.identity import normalize_url

    scheme_free = normalize_url(url).split("://", 1)[-1]
    return hashlib.sha256(scheme_free.encode("utf-8")).hexdigest()[:40]


# --- keys ----------------------------------------------------------------------------------------------------


def article_pk(article_id: str) -> str:
    return f"ARTICLE#{article_id}"


def url_pk(url: str) -> str:
    return f"URL#{url_key(url)}"


def listing_pk(kind: ListingKind, value: str) -> str:
    """Partition of one listing; for `day`, `value` is `<yyyy-mm-dd>#<shard>` (see `day_pk`)."""
    return f"{kind.upper()}#{value}"


def day_pk(day: date, shard: int) -> str:
    return listing_pk("day", f"{day.isoformat()}#{shard}")


def day_shard(article_id: str, shards: int) -> int:
    """Stable spread of one day's articles over `shards` partitions (hash of the id, not of the time)."""
    return int(hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:8], 16) % shards


def listing_sk(sort_at: str, article_id: str) -> str:
    return f"{sort_at}{_SK_SEP}{article_id}"


# --- time ----------------------------------------------------------------------------------------------------


def parse_timestamp(value: str) -> datetime:
    """An ISO date (taken as midnight UTC: the page did not say more) or an offset datetime, as aware UTC."""
    if len(value) == 10:
        return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:  # the contract forbids naive times; be safe rather than guess a zone
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def sort_time(instant: datetime) -> str:
    """Fixed-width UTC text, so that string order is time order (DynamoDB compares sort keys as bytes)."""
    t = instant.astimezone(UTC)
    # Formatted by hand: strftime's %Y does not zero-pad years before 1000 on every platform.
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}.{t.microsecond:06d}Z"


def day_bounds(day: date) -> tuple[str, str]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=UTC)
    return sort_time(start), sort_time(start + timedelta(days=1))


# --- one version's items --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexLimits:
    """Caps that keep one version's items, plus the previous version's stale ones, within one transaction."""

    day_shards: int
    max_tags: int
    max_authors: int
    max_description_chars: int


@dataclass(frozen=True)
class VersionItems:
    """Everything one article version writes: the summary, its keys, and the listing keys it appears under."""

    summary: ArticleSummary
    url_key: ItemKey | None
    listing_keys: tuple[ItemKey, ...]

    @property
    def summary_key(self) -> ItemKey:
        return ItemKey(article_pk(self.summary.id), SUMMARY_SK)

    @property
    def keys(self) -> tuple[ItemKey, ...]:
        """Every item of this version, summary first."""
        pointer = (self.url_key,) if self.url_key else ()
        return (self.summary_key, *pointer, *self.listing_keys)


@dataclass(frozen=True)
class IndexedVersion:
    """What the table holds for an article now: its summary and the keys of every item of that version."""

    summary: ArticleSummary
    keys: tuple[ItemKey, ...]


@dataclass(frozen=True)
class ListingQuery:
    """One partition of a listing, read in sort-key order from just past `after`.

    `lower` is inclusive and `upper` exclusive, both sort times (`sort_time`): a listing sort key is
    `<sort time>#<id>`, so `BETWEEN lower AND upper` keeps exactly the articles sorted in [lower, upper).
    """

    pk: str
    descending: bool
    limit: int
    lower: str | None = None
    upper: str | None = None
    after: str | None = None


# --- what the query API returns ---------------------------------------------------------------------------------


class ArticleDetail(ArticleSummary):
    """One article; with `include=body`, also the full Article JSON from the clean bucket."""

    article: dict[str, Any] | None = Field(None, description="The full Article (see article.schema.json).")


class ArticlePage(BaseModel):
    """One page of a listing (or the url lookup's zero or one article). `next_cursor` is null on the last page."""

    items: list[ArticleDetail] = Field(description="`article` is null unless a url lookup asked for `include=body`.")
    next_cursor: str | None = Field(description="Opaque; pass back as `cursor` with the same query for the next page.")
