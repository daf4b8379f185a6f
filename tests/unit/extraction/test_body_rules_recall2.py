"""Body rules of the second recall round, on small pages: story text the extractor lost under every convention."""

from __future__ import annotations

from article_ingest.extraction.body import extract_body
from article_ingest.extraction.page import PageMetadata
from tests.unit.extraction.story_pages import STORY, page_tree, story_html


def test_text_inside_a_named_anchor_is_no_link_line() -> None:
    # A document's section headings and paragraphs wrapped in the anchors its table of contents jumps to.
    heading = '<p><a name="shaping">Shaping of Christmas Trees</a></p>'
    sentence = '<p><a id="firs">When the trees reach four feet, bottom branches may be cut to give a handle.</a></p>'
    root = page_tree(f"<article>{story_html()}{heading}{sentence}<p>{STORY[0]}</p></article>")

    paragraphs = extract_body(root, PageMetadata()).paragraphs

    assert "Shaping of Christmas Trees" in paragraphs
    assert "When the trees reach four feet, bottom branches may be cut to give a handle." in paragraphs


def test_a_link_line_still_goes_whatever_anchor_names_it_carries() -> None:
    # An <a> with an href is a link, named or not; an <a> with neither href nor name is read as a link, as before.
    named_link = '<p><a name="more" href="/y">How the extradition case unfolded over ten years</a></p>'
    bare_link = "<p><a>Ten things to know about the water plan this week</a></p>"
    root = page_tree(f"<article>{story_html()}{named_link}{bare_link}<p>{STORY[0]}</p></article>")

    paragraphs = extract_body(root, PageMetadata()).paragraphs

    assert paragraphs == [*STORY, STORY[0]]
