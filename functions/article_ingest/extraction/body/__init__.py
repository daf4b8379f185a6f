"""Main content: the story paragraphs and nothing around them.

Pipeline: read JSON-LD `articleBody` (a fallback) -> strip boilerplate from the tree -> score containers ->
take the best one with the siblings that continue it -> clean inside it conditionally -> render paragraphs ->
drop stock lines, link lists, the title, standfirst and caption the metadata stage already holds, and a second
copy of the story.

`extract_body` mutates the tree it is given: call it after the metadata stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from article_ingest.domain.article import ProvenanceSource
from article_ingest.extraction.body.clean import clean_tree, drop
from article_ingest.extraction.body.filters import keep_story_blocks, prune_inside
from article_ingest.extraction.body.jsonld import jsonld_article_body
from article_ingest.extraction.body.render import Block, render_blocks
from article_ingest.extraction.body.score import Candidate, best_candidate, score_candidates, with_siblings
from article_ingest.extraction.page import BodyResult, PageMetadata
from article_ingest.extraction.tree import HtmlElement

__all__ = ["StoryPass", "extract_body", "story_pass"]

# The heuristic result must reach this share of the JSON-LD body's words, else JSON-LD wins.
_JSONLD_MIN_SHARE = 0.6
_JSONLD_MIN_WORDS = 80


@dataclass
class StoryPass:
    """What the main pass chose and rendered, before the block filters (benchmarks diagnose with it)."""

    candidate: Candidate | None
    containers: list[HtmlElement]
    blocks: list[Block]


def story_pass(root: HtmlElement) -> StoryPass:
    """Strip boilerplate, choose the story's containers, prune inside them and render their blocks."""
    body = root.find("body")
    if body is None:
        body = root
    clean_tree(body)
    scores = score_candidates(body)
    candidate = best_candidate(body, scores)
    containers = with_siblings(candidate, scores) if candidate else [body]
    for gallery in candidate.galleries if candidate else []:
        drop(gallery)
    for container in containers:
        prune_inside(container)
    return StoryPass(candidate, containers, render_blocks(containers))


def extract_body(root: HtmlElement, metadata: PageMetadata) -> BodyResult:
    jsonld = jsonld_article_body(root)
    paragraphs = keep_story_blocks(story_pass(root).blocks, metadata)

    jsonld_words = sum(len(p.split()) for p in jsonld)
    found_words = sum(len(p.split()) for p in paragraphs)
    if jsonld_words >= _JSONLD_MIN_WORDS and found_words < _JSONLD_MIN_SHARE * jsonld_words:
        return BodyResult(jsonld, ProvenanceSource.JSON_LD)
    return BodyResult(paragraphs, ProvenanceSource.HEURISTIC)
