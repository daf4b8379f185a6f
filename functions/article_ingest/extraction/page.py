"""Intermediate results passed between extraction stages (decode -> tree -> metadata -> body)."""

from __future__ import annotations

from dataclasses import dataclass, field

from article_ingest.domain.article import ArticleImage, ProvenanceSource


@dataclass
class PageMetadata:
    """Everything about the page except the body text. Each set field records its provenance."""

    url: str | None = None
    site_name: str | None = None
    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    published_at_raw: str | None = None
    modified_at: str | None = None
    modified_at_raw: str | None = None
    dateline: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    image: ArticleImage | None = None
    provenance: dict[str, ProvenanceSource] = field(default_factory=dict)
    declares_article: bool = False  # og:type article or a JSON-LD article node: a short story is still a story


@dataclass
class BodyResult:
    paragraphs: list[str]
    provenance: ProvenanceSource = ProvenanceSource.HEURISTIC
