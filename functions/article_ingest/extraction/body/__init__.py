"""Main content: the story paragraphs and nothing around them."""

from __future__ import annotations

from article_ingest.extraction.page import BodyResult, PageMetadata
from article_ingest.extraction.tree import HtmlElement


def extract_body(root: HtmlElement, metadata: PageMetadata) -> BodyResult:
    paragraphs = [" ".join(p.text_content().split()) for p in root.iter("p")]
    return BodyResult([p for p in paragraphs if p])
