"""Hand-written page snippets for the metadata tests: a page around a head and a body, JSON-LD, and its metadata."""

from __future__ import annotations

import json

from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import extract_metadata
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import parse_tree
from article_ingest.settings import ExtractionSettings

STORY_URL = "https://news.example.com/story"


def metadata_of(html: str, url: str | None = STORY_URL, **hints: object) -> PageMetadata:
    root = parse_tree(html, ExtractionSettings())
    return extract_metadata(root, ExtractionHints(url=url, **hints))  # type: ignore[arg-type]


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'
