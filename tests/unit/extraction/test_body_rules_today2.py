"""Body rules from reading today's pages beside trafilatura (second round), one at a time on small pages."""

from __future__ import annotations

from article_ingest.extraction.body import extract_body
from article_ingest.extraction.page import PageMetadata
from tests.unit.extraction.story_pages import STORY, page_tree


def _paragraphs(inner: str) -> list[str]:
    return extract_body(page_tree(inner), PageMetadata()).paragraphs


def test_a_teaser_of_another_story_set_into_the_story_as_an_embed_goes() -> None:
    teaser = (
        '<div class="teaser teaser--embed regwalled"><h3><a href="/other-story">Dam repairs delayed again</a></h3>'
        "<div class='teaser__lead'>The repairs to the northern dam will not start before spring, the water board "
        "said on Monday, citing a shortage of engineers and a dispute over the contract.</div></div>"
    )
    page = f"<article><p>{STORY[0]}</p>{teaser}<p>{STORY[1]}</p><p>{STORY[2]}</p></article>"

    assert _paragraphs(page) == STORY


def test_a_post_the_story_quotes_stays_in_its_social_embed_box() -> None:
    tweet = (
        '<div class="social-embed"><blockquote class="twitter-tweet"><p>The water plan passed, finally, after '
        "a long afternoon.</p>— Morn Council (@morncouncil) March 3, 2026</blockquote></div>"
    )
    page = f"<article><p>{STORY[0]}</p>{tweet}<p>{STORY[1]}</p><p>{STORY[2]}</p></article>"

    assert "The water plan passed, finally, after a long afternoon." in _paragraphs(page)


def test_a_word_classed_as_furniture_inside_a_sentence_of_prose_stays() -> None:
    sentence = (
        "The <abbr class='m-abbreviation has-tooltip'>MWB</abbr> will wait for the towns' figures before it "
        "assigns the new routes to its engineers."
    )
    page = f"<article><p>{STORY[0]}</p><p>{sentence}</p><p>{STORY[1]}</p><p>{STORY[2]}</p></article>"

    assert _paragraphs(page)[1] == (
        "The MWB will wait for the towns' figures before it assigns the new routes to its engineers."
    )


def test_a_name_classed_author_in_a_byline_line_still_goes() -> None:
    byline = "<p>by <span class='author vcard'>Ana Ruiz</span> on March 3, 2026 · 4 comments</p>"
    page = f"<article>{byline}<p>{STORY[0]}</p><p>{STORY[1]}</p><p>{STORY[2]}</p></article>"

    assert not any("Ana Ruiz" in paragraph for paragraph in _paragraphs(page))
