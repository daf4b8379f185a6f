"""The index's read side: one article, or one page of a listing, each from GetItem or Query only."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from article_ingest.domain.index import (
    ArticleSummary,
    ListingKind,
    ListingQuery,
    author_key,
    day_bounds,
    day_pk,
    listing_pk,
    site_key,
    sort_time,
    story_key,
    tag_key,
)
from article_ingest.services.cursor import CursorCodec, query_digest

if TYPE_CHECKING:  # the ports module imports every contract model; the query function needs none of them
    from article_ingest.ports import ArticleBodies, IndexRepository

DEFAULT_LIMIT = 20
MAX_LIMIT = 100

_KEY_OF: dict[ListingKind, Callable[[str], str]] = {
    "site": site_key,
    "tag": tag_key,
    "author": author_key,
    "story": story_key,
}


class InvalidQueryError(ValueError):
    """A parameter is wrong in a way its type cannot say (e.g. an empty range). Names the parameter."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


@dataclass(frozen=True)
class Listing:
    """A listing request: `value` is a site domain, tag, author, story id or (for `day`) an ISO date."""

    kind: ListingKind
    value: str
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class Page:
    items: list[ArticleSummary]
    next_cursor: str | None


@dataclass(frozen=True)
class _Plan:
    """How one listing is read: the partitions (one, or one per day shard), direction and time bounds."""

    partitions: list[str]
    descending: bool
    lower: str | None
    upper: str | None
    binding: dict[str, str | None]


class QueryService:
    def __init__(
        self,
        repository: IndexRepository,
        cursors: CursorCodec,
        *,
        day_shards: int,
        bodies: ArticleBodies | None = None,
    ) -> None:
        self._repository = repository
        self._cursors = cursors
        self._day_shards = day_shards
        self._bodies = bodies

    def article(self, article_id: str) -> ArticleSummary | None:
        current = self._repository.current(article_id)
        return current.summary if current else None

    def by_url(self, url: str) -> ArticleSummary | None:
        return self._repository.by_url(url)

    def body(self, summary: ArticleSummary) -> dict[str, Any]:
        if self._bodies is None:
            raise RuntimeError("this query service has no access to article bodies")
        return self._bodies.get(summary.clean)

    def listing(self, listing: Listing, *, limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> Page:
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidQueryError("limit", f"must be between 1 and {MAX_LIMIT}")
        plan = self._plan(listing)
        query = query_digest(plan.binding)
        after = self._cursors.decode(cursor, query=query) if cursor else None
        if plan.lower is not None and plan.upper is not None and plan.lower >= plan.upper:
            return Page(items=[], next_cursor=None)
        # One more than asked tells whether another page exists, so the last page has no cursor.
        reads = [
            self._repository.listing(
                ListingQuery(
                    pk=pk,
                    descending=plan.descending,
                    limit=limit + 1,
                    lower=plan.lower,
                    upper=plan.upper,
                    after=after,
                )
            )
            for pk in plan.partitions
        ]
        merged = heapq.merge(*reads, key=lambda pair: pair[0], reverse=plan.descending) if len(reads) > 1 else reads[0]
        window = list(itertools.islice(merged, limit + 1))
        items = window[:limit]
        next_cursor = None
        if len(window) > limit:
            next_cursor = self._cursors.encode(query=query, position=items[-1][0])
        return Page(items=[summary for _, summary in items], next_cursor=next_cursor)

    def _plan(self, listing: Listing) -> _Plan:
        since = sort_time(listing.since) if listing.since else None
        until = sort_time(listing.until) if listing.until else None
        if since is not None and until is not None and since >= until:
            raise InvalidQueryError("until", "must be later than since")
        if listing.kind == "day":
            try:
                day = date.fromisoformat(listing.value)
            except ValueError as exc:
                raise InvalidQueryError("day", "must be a date, YYYY-MM-DD") from exc
            start, end = day_bounds(day)
            return _Plan(
                partitions=[day_pk(day, shard) for shard in range(self._day_shards)],
                descending=False,  # a day reads in time order, as a timeline
                lower=max(start, since) if since else start,
                upper=min(end, until) if until else end,
                binding={"kind": "day", "value": day.isoformat(), "since": since, "until": until},
            )
        key = _KEY_OF[listing.kind](listing.value)
        if not key:
            raise InvalidQueryError(listing.kind, "must not be empty")
        return _Plan(
            partitions=[listing_pk(listing.kind, key)],
            descending=True,  # newest first
            lower=since,
            upper=until,
            binding={"kind": listing.kind, "value": key, "since": since, "until": until},
        )
