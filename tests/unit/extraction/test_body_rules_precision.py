"""Body precision rules (set on wceb-dev half A, kept when half B agreed): surplus text that goes, and what stays."""

from __future__ import annotations

from article_ingest.extraction.body import extract_body
from article_ingest.extraction.page import PageMetadata
from tests.unit.extraction.story_pages import STORY, page_tree, story_html


def test_the_pitch_over_a_sign_up_form_goes_with_the_form() -> None:
    sign_up = (
        "<div id='aweber_post'><p>If you enjoyed this article, enter your email below to get free updates!</p>"
        "<form method='post'><input type='text' name='email' value='Enter your email'>"
        "<input type='submit' value='Subscribe'></form></div>"
    )
    root = page_tree(f"<div class='entry-content'>{story_html()}{sign_up}</div>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_text_after_a_typed_field_is_what_the_field_works_on_and_stays() -> None:
    ingredients = ["250 g flour", "3 eggs", "500 ml milk"]
    recipe = (
        "<section class='ingredients'><form><span>For <input type='text' name='servings' value='4'> servings</span>"
        "</form><ul>" + "".join(f"<li>{item}</li>" for item in ingredients) + "</ul></section>"
    )
    root = page_tree(f"<article>{story_html()}{recipe}</article>")

    assert extract_body(root, PageMetadata()).paragraphs == [*STORY, *ingredients]


def test_a_form_of_buttons_only_goes_alone() -> None:
    item = "A day in the old town with a guide, lunch at the market and the cathedral after the rain."
    listing = f"<div class='listing'><p>{item}</p><form><input type='submit' value='Add to my wishlist'></form></div>"
    root = page_tree(f"<article>{story_html()}{listing}</article>")

    assert extract_body(root, PageMetadata()).paragraphs == [*STORY, item]


def test_a_trackback_box_after_the_post_is_furniture() -> None:
    trackbacks = (
        "<div class='trackbacks'><h3>TrackBack</h3><p>TrackBack URL for this entry:</p>"
        "<p>http://www.typepad.com/services/trackback/6a00e552e53bd28833017ee3c922f7970d</p>"
        "<p class='trackbacks-info'>Listed below are links to weblogs that reference this post.</p>"
        "</div>"
    )
    root = page_tree(f"<div class='post'>{story_html()}{trackbacks}</div>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_a_post_meta_line_is_furniture_however_its_class_joins_the_words() -> None:
    for class_name in ("post-meta", "postmeta", "entry_meta", "articlemeta"):
        meta = f"<p class='{class_name}'>Posted in: <a href='/news'>News</a> | Filed on a rainy Tuesday</p>"
        root = page_tree(f"<div class='post'>{story_html()}{meta}</div>")

        assert extract_body(root, PageMetadata()).paragraphs == STORY, class_name


def test_a_paragraph_after_the_story_with_a_class_of_its_own_is_not_the_story_running_on() -> None:
    disclaimer = "Example.org is a personal website. Opinions expressed are not necessarily those of my employer."
    root = page_tree(f"<div class='post'>{story_html()}</div><p class='disclaim'>{disclaimer}</p>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_loose_paragraphs_beside_the_story_still_continue_it() -> None:
    more = "The council will meet again next month to set the rates, and the villages may ask for a lower share."
    story = "".join(f"<p class='body'>{text}</p>" for text in STORY)
    classed = page_tree(f"<div class='post'>{story}</div><p class='body'>{more}</p>")
    bold = "Councillors approved the extraordinary infrastructure settlement despite fierce opposition from villages."
    lead = page_tree(f"<p class='bold-text'>{bold}</p><div class='post'>{story_html()}</div>")

    assert extract_body(classed, PageMetadata()).paragraphs == [*STORY, more]
    assert extract_body(lead, PageMetadata()).paragraphs == [bold, *STORY]
