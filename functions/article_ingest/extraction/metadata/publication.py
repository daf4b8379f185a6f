"""Publication and modification dates: one choice among every source's candidates (`date_candidates.py`).

The published date is the best-scoring candidate under `PUBLISHED_WEIGHTS`, a conditional logit fitted on half A
of metadata-dev (`benchmarks/fit_dates.py`) and kept because it also wins on half B. A winner that gives only a
day takes its time from the best-scoring candidate with a time on that same day (a byline "Dec. 2" and its
<time datetime>; a UTC stamp is already on the page's local day where that is certain: `page_clock`); a declared
modification stamp or a stamp in page furniture never gives the publication its time. The modified date is the
best candidate labelled modified; no benchmark annotates it, so its weights are set by hand in the order of trust
of the sources (structured stamps, then the visible "Updated" line).
`published_at_raw`/`modified_at_raw` and the provenance are those of the candidate whose value is written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from article_ingest.domain.article import ProvenanceSource as Src
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
        meta.provenance["published_at"] = _provenance(published)
    modified = choose(
        [c for c in candidates if c.features.get("label=modified")], MODIFIED_WEIGHTS, key=_day, minimum=0.0
    )
    if modified is not None and (published is None or modified.value.day >= published.value.day):
        meta.modified_at, meta.modified_at_raw = modified.value.iso, modified.raw
        meta.provenance["modified_at"] = _provenance(modified)


def _provenance(candidate: DateCandidate) -> Src:
    """Where the value was read; a zone we guessed (`page_clock`) makes part of it ours, not the page's."""
    return Src.HEURISTIC if candidate.value.zone_guessed else candidate.provenance


def choose_published(candidates: list[DateCandidate], weights: Weights = PUBLISHED_WEIGHTS) -> DateCandidate | None:
    """The best-scoring candidate; a bare day takes its time from the best-scoring candidate that can time it."""
    scored = [candidate for _, candidate in ranked(candidates, weights, key=_day)]
    if not scored:
        return None
    best = scored[0]
    timers = [candidate for candidate in scored if _may_time_publication(candidate)]
    # a zone we guessed never overrules a time whose zone the page gives (stated, or its clock's: `page_clock`)
    timers.sort(key=lambda candidate: candidate.value.zone_guessed)
    if timers and timers[0] is best:
        return _stated_twin(best, timers)
    if (timed := next((found for found in timers if found.value.day == best.value.day), None)) is not None:
        return _stated_twin(timed, timers)
    if not best.value.has_time:
        return best
    bare = replace(best.value, iso=best.value.day.isoformat(), has_time=False, moment=None)
    return replace(best, value=bare)  # the day it confirms, without the time of another event


def _may_time_publication(candidate: DateCandidate) -> bool:
    """A declared modification stamp, or a stamp in page furniture (a related item), dates another event: it may
    confirm the day, never give the publication its time."""
    return candidate.value.has_time and not candidate.features.get("furniture") and candidate.source not in _MODIFIED


def _stated_twin(chosen: DateCandidate, timers: list[DateCandidate]) -> DateCandidate:
    """A time read without a zone gives way to the same instant (to the minute) from a source that states its zone:
    it keeps the seconds, and its raw text says the zone."""
    if chosen.value.zone_stated or chosen.value.moment is None:
        return chosen
    minute = _minute(chosen.value.moment)
    return next(
        (
            candidate
            for candidate in timers
            if candidate.value.zone_stated and candidate.value.moment and _minute(candidate.value.moment) == minute
        ),
        chosen,
    )


def _minute(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


_MODIFIED = frozenset({"jsonld:modified", "meta:modified", "microdata:modified"})


def _day(value: ParsedDate) -> date:
    return value.day
