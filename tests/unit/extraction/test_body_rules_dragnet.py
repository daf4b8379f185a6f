"""Body rules set on wceb-dev half A's Dragnet surplus, each shown on a few hand-made lines."""

from __future__ import annotations

from article_ingest.extraction.body import extract_body
from article_ingest.extraction.page import PageMetadata
from tests.unit.extraction.story_pages import STORY, page_tree, story_html


def test_neighbour_post_lines_and_an_empty_related_box_are_stock_lines() -> None:
    # A blog's "Previous Article" / "Next Article" left as plain text, and a related-posts plugin with nothing to show.
    tail = "<div>Previous Article</div><div>Next Article</div><p>No related posts.</p>"
    result = extract_body(page_tree(f"<article>{story_html()}{tail}</article>"), PageMetadata())
    assert result.paragraphs == STORY


def test_a_sentence_about_the_next_story_stays() -> None:
    # Only the bare label is a stock line: a sentence that starts the same way is story text.
    line = "Next article in this series: how the smaller villages plan to pay their share of the cost."
    result = extract_body(page_tree(f"<article>{story_html()}<p>{line}</p></article>"), PageMetadata())
    assert result.paragraphs == [*STORY, line]
