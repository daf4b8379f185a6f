"""Page metadata: title, authors, dates, language, image, ... each with its provenance."""

from __future__ import annotations

from article_ingest.domain.article import ProvenanceSource
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement


def extract_metadata(root: HtmlElement, hints: ExtractionHints) -> PageMetadata:
    meta = PageMetadata()
    for node in root.iterfind(".//meta[@property='og:title']"):
        meta.title = (node.get("content") or "").strip() or None
        meta.provenance["title"] = ProvenanceSource.META
        break
    if meta.title is None:
        title = root.findtext(".//title")
        if title and title.strip():
            meta.title = title.strip()
            meta.provenance["title"] = ProvenanceSource.MARKUP
    for link in root.iterfind(".//link[@rel='canonical']"):
        href = (link.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            meta.url = href
            meta.provenance["url"] = ProvenanceSource.MARKUP
        break
    if meta.url is None and hints.url:
        meta.url = hints.url
        meta.provenance["url"] = ProvenanceSource.HINT
    return meta
