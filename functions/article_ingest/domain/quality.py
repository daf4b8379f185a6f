"""Per-source extraction quality, pure: what one processed record says about its source, and how counts add up.

Each record the parse function processes gives its source domain, outcome, refusal reason, which fields its
Article has and the body's word count. The parse function logs that as one structured line and adds it to its
source's counts of the day; `article-ingest report` sums the days it is asked about.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from article_ingest.domain.article import Article

# The fields whose absence the report measures. `published_time`: a published date that has a time of day.
QUALITY_FIELDS: tuple[str, ...] = ("published_at", "published_time", "authors", "image", "description", "language")
# Records with no URL to take a domain from (a refused page uploaded without `x-amz-meta-url`).
UNKNOWN_SOURCE = "(unknown)"


def fields_found(article: Article) -> dict[str, bool]:
    """Which of `QUALITY_FIELDS` the article has; a plain day (`2026-03-14`) is a date without a time."""
    return {
        "published_at": article.published_at is not None,
        "published_time": article.published_at is not None and "T" in article.published_at,
        "authors": bool(article.authors),
        "image": article.image is not None,
        "description": bool(article.description),
        "language": article.language is not None,
    }


@dataclass(frozen=True)
class SourceCounts:
    """What one source's records added up to (over a day, or any sum of days)."""

    pages: int = 0  # processed records that read the page: every outcome except `gone`
    outcomes: Mapping[str, int] = field(default_factory=dict)  # status -> records
    reasons: Mapping[str, int] = field(default_factory=dict)  # refusal reason -> records
    articles: int = 0  # records that produced an Article (ready, updated, unchanged, stale)
    missing: Mapping[str, int] = field(default_factory=dict)  # quality field -> articles without it
    words: int = 0  # body words over those articles

    @classmethod
    def of_record(
        cls, status: str, reason: str | None, found: Mapping[str, bool] | None, word_count: int | None
    ) -> SourceCounts:
        return cls(
            pages=1,
            outcomes={status: 1},
            reasons={reason: 1} if reason else {},
            articles=1 if found is not None else 0,
            missing={name: 1 for name in QUALITY_FIELDS if found is not None and not found.get(name, False)},
            words=word_count or 0,
        )

    def __add__(self, other: SourceCounts) -> SourceCounts:
        return SourceCounts(
            pages=self.pages + other.pages,
            outcomes=_added(self.outcomes, other.outcomes),
            reasons=_added(self.reasons, other.reasons),
            articles=self.articles + other.articles,
            missing=_added(self.missing, other.missing),
            words=self.words + other.words,
        )

    @property
    def rejection_rate(self) -> float | None:
        return self.outcomes.get("rejected", 0) / self.pages if self.pages else None

    def missing_share(self, name: str) -> float | None:
        """Share of this source's articles without the field; None when it produced no article."""
        return self.missing.get(name, 0) / self.articles if self.articles else None


def _added(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    total = Counter(a)
    total.update(b)
    return {name: total[name] for name in sorted(total) if total[name]}
