"""Publication and modification dates: one choice among every source's candidates (`date_candidates.py`).

The published date is the best-scoring candidate under `PUBLISHED_WEIGHTS`, a conditional logit fitted on half A
of metadata-dev (`benchmarks/fit_dates.py`) and kept because it also wins on half B. A winner that gives only a
day takes its time from the best-scoring candidate with a time on that same day (a byline "Dec. 2" and its
<time datetime>). The modified date is the best candidate labelled modified; no benchmark annotates it, so its
weights keep the order of trust of the sources (structured stamps, then the visible "Updated" line).
`published_at_raw`/`modified_at_raw` and the provenance are those of the candidate whose value is written.
"""

from __future__ import annotations

from datetime import date

from article_ingest.extraction.metadata.byline import Byline
from article_ingest.extraction.metadata.candidates import Weights, choose, ranked
from article_ingest.extraction.metadata.date_candidates import DateCandidate, date_candidates
from article_ingest.extraction.metadata.dates import DateContext, ParsedDate
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

# fitted on half A of metadata-dev by benchmarks/fit_dates.py (l2 0.1, 3000 steps); see its docstring
PUBLISHED_WEIGHTS: Weights = {
    "agree": 2.38, "agree_structured": -1.07, "embedded": -1.13, "furniture": -0.28, "label=modified": -0.24,
    "label=published": 0.14, "rank": -0.24, "later": 0.06, "zone": 0.04, "timed": -0.02,
    "source=shown:above": 0.79, "source=shown:below": 0.79, "source=shown:element": 0.79, "source=url": 0.75,
    "source=meta:other": -0.66, "source=jsonld:created": -0.43, "source=microdata:published": -0.42,
    "source=meta:og": -0.4, "source=jsonld:published": -0.37, "source=microdata:created": -0.23,
    "source=microdata:modified": -0.23, "source=jsonld:modified": -0.19, "source=meta:modified": -0.18,
    "source=meta:dc": -0.02,
}  # fmt: skip
MODIFIED_WEIGHTS: Weights = {
    "source=jsonld:modified": 3.0, "source=meta:modified": 2.5, "source=microdata:modified": 2.0,
    "source=shown:below": 1.0, "source=shown:above": 0.5, "source=shown:element": 0.5,
    "later": -0.5, "furniture": -2.0, "embedded": -2.0, "timed": 0.2,
}  # fmt: skip


def choose_dates(
    meta: PageMetadata,
    tags: PageTags,
    ld: JsonLdArticle,
    byline: Byline,
    context: DateContext,
    url: str | None,
    root: HtmlElement,
    page_url: str | None = None,
) -> None:
    """published_at / modified_at with their raw text and provenance."""
    candidates = date_candidates(tags, ld, byline, context, root, (url, page_url))
    published = choose_published(candidates)
    if published is not None:
        meta.published_at, meta.published_at_raw = published.value.iso, published.raw
        meta.provenance["published_at"] = published.provenance
    modified = choose(
        [c for c in candidates if c.features.get("label=modified")], MODIFIED_WEIGHTS, key=_day, minimum=0.0
    )
    if modified is not None and (published is None or modified.value.day >= published.value.day):
        meta.modified_at, meta.modified_at_raw = modified.value.iso, modified.raw
        meta.provenance["modified_at"] = modified.provenance


def choose_published(candidates: list[DateCandidate], weights: Weights = PUBLISHED_WEIGHTS) -> DateCandidate | None:
    """The best-scoring candidate; a bare day takes the time of the best-scoring timed candidate on that day."""
    scored = ranked(candidates, weights, key=_day)
    if not scored:
        return None
    best = scored[0][1]
    if best.value.has_time:
        return best
    return next((c for _, c in scored if c.value.has_time and c.value.day == best.value.day), best)


def _day(value: ParsedDate) -> date:
    return value.day
