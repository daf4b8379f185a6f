"""Body rules set on today's news pages (metadata-dev half A read beside trafilatura), one at a time."""

from __future__ import annotations

from article_ingest.extraction.body import extract_body
from article_ingest.extraction.page import PageMetadata
from tests.unit.extraction.story_pages import STORY, page_tree


def test_an_h1_between_paragraphs_of_the_story_is_a_subheading_and_stays() -> None:
    inner = (
        f"<h1>Council approves water plan</h1><div class='article'><p>{STORY[0]}</p>"
        f"<h1>Tip 1: Share the plant</h1><p>{STORY[1]}</p><h1>Tip 2: Mind the villages</h1><p>{STORY[2]}</p></div>"
    )
    paragraphs = extract_body(page_tree(inner), PageMetadata(title="Council approves water plan")).paragraphs

    assert paragraphs == [STORY[0], "Tip 1: Share the plant", STORY[1], "Tip 2: Mind the villages", STORY[2]]


def test_the_headline_h1_before_the_story_and_a_closing_h1_stay_out() -> None:
    inner = (
        f"<div class='article'><h1>Council approves water plan today</h1><p>{STORY[0]}</p><p>{STORY[1]}</p>"
        f"<p>{STORY[2]}</p><h1>More from the region</h1><p>Short teaser.</p></div>"
    )
    paragraphs = extract_body(page_tree(inner), PageMetadata()).paragraphs

    assert paragraphs == [*STORY, "Short teaser."]


def test_a_table_row_of_plain_cells_is_one_line_of_the_body() -> None:
    table = (
        "<table><tr><th>Day</th><th>Date</th><th>Event</th></tr>"
        "<tr><td>6</td><td>Wednesday, 9 February 2022</td><td>Normal hill</td></tr>"
        "<tr><td>12</td><td>Tuesday, 15 February 2022</td><td><a href='/l'>Large hill</a> team final</td></tr>"
        "<tr><td>Status: open</td><td>Rate: 30 to 32 an hour</td><td><a href='/j'>View and apply</a></td></tr>"
        "</table>"
    )
    inner = f"<div class='article'><p>{STORY[0]}</p><p>{STORY[1]}</p>{table}<p>{STORY[2]}</p></div>"

    assert extract_body(page_tree(inner), PageMetadata()).paragraphs == [
        STORY[0],
        STORY[1],
        "Day | Date | Event",
        "6 | Wednesday, 9 February 2022 | Normal hill",  # a date stamp alone, no longer dropped as one
        "12 | Tuesday, 15 February 2022 | Large hill team final",
        "Status: open | Rate: 30 to 32 an hour",  # a cell that is a link line goes, as it did alone
        STORY[2],
    ]


def test_a_pager_row_and_a_layout_table_keep_their_cells_apart() -> None:
    layout = f"<table><tr><td><p>{STORY[0]}</p><p>{STORY[1]}</p></td><td><p>{STORY[2]}</p></td></tr></table>"
    pager = "<table><tr><td>Page 1</td><td><a href='/2'>Page 2</a></td><td><a href='/3'>Page 3</a></td></tr></table>"
    inner = f"<div class='article'>{layout}{pager}</div>"

    assert extract_body(page_tree(inner), PageMetadata()).paragraphs == STORY
