"""The pure extraction domain: `bytes + hints -> Article`, or an `ExtractionRefused`. No AWS here."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from article_ingest import PARSER_NAME, __version__
from article_ingest.domain.article import Article, ParserInfo, SourceRef
from article_ingest.domain.errors import ExtractionRefused, RejectReason
from article_ingest.domain.identity import article_id, content_hash, word_count
from article_ingest.extraction.body import extract_body
from article_ingest.extraction.decode import decode_html
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import extract_metadata
from article_ingest.extraction.tree import parse_tree
from article_ingest.settings import ExtractionSettings

__all__ = ["ExtractionHints", "ExtractionRefused", "RejectReason", "extract_article"]


def extract_article(
    data: bytes,
    hints: ExtractionHints | None = None,
    *,
    source: SourceRef | None = None,
    settings: ExtractionSettings | None = None,
) -> Article:
    """Extract one Article from raw page bytes. Raises `ExtractionRefused` with a typed reason."""
    hints = hints or ExtractionHints()
    source = source or SourceRef()
    settings = settings or ExtractionSettings()
    started = time.monotonic()

    page = decode_html(data, hints, settings)
    root = parse_tree(page.text, settings)
    metadata = extract_metadata(root, hints)
    _check_budget(started, settings)
    body = extract_body(root, metadata)
    _check_budget(started, settings)

    text = "\n\n".join(body.paragraphs)
    words = word_count(text)
    if not text or words < settings.min_body_words:
        raise ExtractionRefused(RejectReason.NO_ARTICLE, f"no article text found ({words} words)")
    title = metadata.title or body.paragraphs[0][:200]
    provenance = dict(metadata.provenance)
    provenance["body"] = body.provenance
    if not metadata.title:
        provenance["title"] = body.provenance

    return Article(
        id=article_id(metadata.url, source),
        url=metadata.url,
        source_domain=_domain(metadata.url),
        site_name=metadata.site_name,
        title=title,
        description=metadata.description,
        authors=metadata.authors,
        published_at=metadata.published_at,
        published_at_raw=metadata.published_at_raw,
        modified_at=metadata.modified_at,
        modified_at_raw=metadata.modified_at_raw,
        dateline=metadata.dateline,
        section=metadata.section,
        tags=metadata.tags,
        language=metadata.language,
        image=metadata.image,
        body=text,
        word_count=words,
        content_hash=content_hash(text),
        provenance=provenance,
        parser=ParserInfo(name=PARSER_NAME, version=__version__),
        source=source,
    )


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _check_budget(started: float, settings: ExtractionSettings) -> None:
    elapsed = time.monotonic() - started
    if elapsed > settings.time_budget_s:
        raise ExtractionRefused(RejectReason.TIMEOUT, f"extraction took {elapsed:.1f}s > {settings.time_budget_s}s")
