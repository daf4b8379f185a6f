"""An in-memory `IndexRepository` with DynamoDB's semantics: sorted sort keys, inclusive BETWEEN, exclusive start."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from article_ingest.domain.index import (
    ArticleSummary,
    IndexedVersion,
    ItemKey,
    ListingQuery,
    VersionItems,
    url_pk,
)


@dataclass
class InMemoryIndexRepository:
    items: dict[ItemKey, ArticleSummary] = field(default_factory=dict)
    versions: dict[str, IndexedVersion] = field(default_factory=dict)
    writes: int = 0
    # Simulates writers that slip in between a read and a write: each entry is applied before the next replace.
    interleaved: list[VersionItems] = field(default_factory=list)

    def current(self, article_id: str) -> IndexedVersion | None:
        return self.versions.get(article_id)

    def replace(self, new: VersionItems, previous: IndexedVersion | None) -> bool:
        if self.interleaved:
            sneaky = self.interleaved.pop(0)
            self._store(sneaky, self.versions.get(sneaky.summary.id))
        stored = self.versions.get(new.summary.id)
        expected = previous.summary.version if previous else None
        if (stored.summary.version if stored else None) != expected:
            return False
        self._store(new, stored)
        return True

    def _store(self, new: VersionItems, previous: IndexedVersion | None) -> None:
        assert len(set(new.keys) | set(previous.keys if previous else ())) <= 100, "over one transaction"
        if previous:
            for key in previous.keys:
                self.items.pop(key, None)
        for key in new.keys:
            self.items[key] = new.summary
        self.versions[new.summary.id] = IndexedVersion(summary=new.summary, keys=new.keys)
        self.writes += 1

    def by_url(self, url: str) -> ArticleSummary | None:
        return self.items.get(ItemKey(url_pk(url), "URL"))

    def listing(self, query: ListingQuery) -> list[tuple[str, ArticleSummary]]:
        keys = sorted(key.sk for key in self.items if key.pk == query.pk)
        if query.lower is not None:
            keys = keys[bisect.bisect_left(keys, query.lower) :]
        if query.upper is not None:
            keys = keys[: bisect.bisect_right(keys, query.upper)]
        if query.descending:
            keys.reverse()
        if query.after is not None:
            keys = [k for k in keys if (k < query.after if query.descending else k > query.after)]
        return [(sk, self.items[ItemKey(query.pk, sk)]) for sk in keys[: query.limit]]

    def partition(self, pk: str) -> list[str]:
        return sorted(key.sk for key in self.items if key.pk == pk)
