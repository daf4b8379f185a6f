"""One article version's index items, from its `ArticleReady` / `ArticleUpdated` detail (the write side, pure)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from article_ingest.domain.events import ArticleReady
from article_ingest.domain.index import (
    URL_SK,
    ArticleSummary,
    CleanRef,
    IndexLimits,
    ItemKey,
    SortTimeSource,
    VersionItems,
    author_key,
    day_pk,
    day_shard,
    listing_pk,
    listing_sk,
    parse_timestamp,
    site_key,
    sort_time,
    story_key,
    tag_key,
    url_pk,
)


def _instant(value: str | None) -> str | None:
    """The sort time of a contract timestamp; None when absent or not a real date (e.g. 2026-02-30)."""
    if not value:
        return None
    try:
        return sort_time(parse_timestamp(value))
    except ValueError:
        return None


def sort_position(
    event: ArticleReady, *, received_at: datetime, previous: ArticleSummary | None
) -> tuple[str, SortTimeSource]:
    """The published time; else modified; else when the index first saw the article (kept across versions)."""
    if published := _instant(event.published_at):
        return published, SortTimeSource.PUBLISHED
    if modified := _instant(event.modified_at):
        return modified, SortTimeSource.MODIFIED
    if previous is not None and previous.sort_at_source is SortTimeSource.INDEXED:
        return previous.sort_at, SortTimeSource.INDEXED
    return sort_time(received_at), SortTimeSource.INDEXED


def version_items(
    event: ArticleReady, *, limits: IndexLimits, received_at: datetime, previous: ArticleSummary | None = None
) -> VersionItems:
    """The items of one article version. Tags and authors beyond the caps stay in the summary only."""
    sort_at, source = sort_position(event, received_at=received_at, previous=previous)
    description = event.description
    if description and len(description) > limits.max_description_chars:
        description = description[: limits.max_description_chars - 1].rstrip() + "…"
    summary = ArticleSummary(
        id=event.id,
        url=event.url,
        title=event.title,
        site=event.site,
        source_domain=event.source_domain,
        authors=list(event.authors),
        published_at=event.published_at,
        modified_at=event.modified_at,
        sort_at=sort_at,
        sort_at_source=source,
        language=event.language,
        tags=list(event.tags),
        description=description,
        section=event.section,
        version=event.version,
        content_hash=event.content_hash,
        clean=CleanRef.model_validate(event.clean.model_dump()),
        story_id=event.story_id,
        duplicate_of=event.duplicate_of,
        similarity=event.similarity,
    )
    sk = listing_sk(sort_at, event.id)
    partitions: dict[str, None] = {}  # ordered set: one item per partition even when two values fold alike
    if event.source_domain and site_key(event.source_domain):
        partitions[listing_pk("site", site_key(event.source_domain))] = None
    for tag in _first_unique(event.tags, tag_key, limits.max_tags):
        partitions[listing_pk("tag", tag)] = None
    for author in _first_unique(event.authors, author_key, limits.max_authors):
        partitions[listing_pk("author", author)] = None
    if event.story_id and story_key(event.story_id):
        partitions[listing_pk("story", story_key(event.story_id))] = None
    day = date.fromisoformat(sort_at[:10])  # sort times are UTC, so this is the UTC day
    partitions[day_pk(day, day_shard(event.id, limits.day_shards))] = None
    return VersionItems(
        summary=summary,
        url_key=ItemKey(url_pk(event.url), URL_SK) if event.url else None,
        listing_keys=tuple(ItemKey(pk, sk) for pk in partitions),
    )


def _first_unique(values: list[str], normalize: Callable[[str], str], cap: int) -> list[str]:
    """Normalized keys of the first `cap` distinct values, in the article's order."""
    keys: dict[str, None] = {}
    for value in values:
        key = normalize(value)
        if key:
            keys[key] = None
        if len(keys) >= cap:
            break
    return list(keys)
