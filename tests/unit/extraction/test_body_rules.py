"""Body rules one at a time, on small pages: what stays, what goes, and the JSON-LD fallback."""

from __future__ import annotations

import json

import lxml.html

from article_ingest.domain.article import ArticleImage, ProvenanceSource
from article_ingest.extraction.body import extract_body
from article_ingest.extraction.page import PageMetadata
from tests.unit.extraction.story_pages import STORY, page_tree, story_html


def test_paragraphs_come_out_separated_by_a_blank_line_in_order() -> None:
    result = extract_body(page_tree(f"<article>{story_html()}</article>"), PageMetadata())

    assert result.paragraphs == STORY
    assert result.provenance is ProvenanceSource.HEURISTIC


def test_caption_and_alt_known_to_the_metadata_stage_are_not_repeated() -> None:
    caption = "Workers inspect the old reservoir wall near the village of Morn."
    metadata = PageMetadata(image=ArticleImage(url="https://example.org/a.jpg", caption=caption))
    root = page_tree(f'<article><div class="photo"><span>{caption}</span></div>{story_html()}</article>')

    assert extract_body(root, metadata).paragraphs == STORY


def test_title_and_a_standfirst_heading_are_not_part_of_the_body() -> None:
    title, standfirst = "Council approves water plan", "Three towns will share one treatment plant."
    metadata = PageMetadata(title=title, description=standfirst)
    root = page_tree(f"<article><h1>{title}</h1><h2>{standfirst}</h2>{story_html()}</article>")

    assert extract_body(root, metadata).paragraphs == STORY


def test_a_story_paragraph_that_the_description_was_derived_from_stays() -> None:
    metadata = PageMetadata(description=STORY[0])

    assert extract_body(page_tree(f"<article>{story_html()}</article>"), metadata).paragraphs == STORY


def test_a_lead_running_in_the_story_flow_stays_though_the_description_repeats_it() -> None:
    metadata = PageMetadata(description=STORY[0])
    flowing = page_tree(f"<div class='story'><img src='/a.jpg'>{STORY[0]}<p>{STORY[1]}</p><p>{STORY[2]}</p></div>")
    boxed = page_tree(f"<div class='story'><div class='lead'>{STORY[0]}</div><p>{STORY[1]}</p><p>{STORY[2]}</p></div>")

    assert extract_body(flowing, metadata).paragraphs == STORY
    assert extract_body(boxed, metadata).paragraphs == STORY[1:]


def test_link_list_inside_the_story_container_is_dropped() -> None:
    related = "".join(f'<li><a href="/n/{i}">Another headline number {i}</a></li>' for i in range(5))
    root = page_tree(f"<article>{story_html()}<ul>{related}</ul></article>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_teaser_cards_each_ending_in_read_more_are_dropped() -> None:
    teasers = [
        ("Bridge closed for repairs", "The old bridge on the river road will be closed for most of the summer."),
        ("New bus timetable", "From Monday, the evening buses to the villages will run every half hour."),
        ("Library reopens", "After two years of work, the town library opens its doors again this week."),
    ]
    cards = "".join(
        f'<li><h3>{title}</h3><p>{teaser} <a href="/news/{n}">Read more...</a></p></li>'
        for n, (title, teaser) in enumerate(teasers)
    )
    root = page_tree(f"<article>{story_html()}<div class='latest'><ul>{cards}</ul></div></article>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_a_list_of_linked_items_with_words_of_their_own_inside_the_story_is_kept() -> None:
    deals = [
        ("Solar water pump kit with a two kilowatt controller and cables", " for $1,200 at Pumps Direct (was $1,500)"),
        ("Rain barrel with a brass tap, a lid and a filter, 200 litres", " for $85 at Garden Hub (was $110)"),
        ("Drip irrigation set for forty plants with a battery timer", " for $49 at Garden Hub (was $65)"),
    ]
    listing = "<ul>" + "".join(f"<li><a href='/d/{i}'>{name}</a>{price}</li>" for i, (name, price) in enumerate(deals))
    root = page_tree(f"<article>{story_html()}{listing}</ul></article>")

    assert extract_body(root, PageMetadata()).paragraphs == [*STORY, *(name + price for name, price in deals)]


def test_linked_items_of_a_list_the_story_keeps_are_judged_with_their_list_not_alone() -> None:
    # Each item alone is mostly link with few words of its own (a link line); the list as a whole is under the
    # link-list bar, so it is the story's own list.
    results = [("Spring sale on rain barrels", " 22.6%"), ("Your garden in May", " 19.9%"), ("Bad news", " 16.2%")]
    items = "".join(f"<li><a href='/m/{i}'>{subject}</a> -{rate}</li>" for i, (subject, rate) in enumerate(results))
    note = "<li>Every other subject line we sent this year was opened by fewer than one reader in seven.</li>"
    root = page_tree(f"<article>{story_html()}<ul>{items}{note}</ul></article>")

    paragraphs = extract_body(root, PageMetadata()).paragraphs

    assert paragraphs[: len(STORY)] == STORY
    assert paragraphs[len(STORY) : len(STORY) + 3] == [f"{subject} -{rate}" for subject, rate in results]


def test_list_of_sentences_is_kept_item_by_item() -> None:
    items = ["Repair the old dams first.", "Build the shared plant second."]
    listing = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    root = page_tree(f"<article>{story_html()}{listing}</article>")

    assert extract_body(root, PageMetadata()).paragraphs == [*STORY, *items]


def test_stock_lines_between_paragraphs_are_dropped() -> None:
    first, rest = STORY[0], "".join(f"<p>{text}</p>" for text in STORY[1:])
    root = page_tree(f"<article><p>{first}</p><p>Advertisement</p><p>Story continues below</p>{rest}</article>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_an_embedded_post_in_a_widget_box_is_kept() -> None:
    tweet = (
        '<div class="article-widget"><blockquote class="twitter-tweet"><p>The water plan passed, finally.</p>'
        '— Morn Council (@morncouncil) <a href="https://x.example/1">March 3, 2026</a></blockquote></div>'
    )
    root = page_tree(f"<article>{story_html()}{tweet}</article>")

    paragraphs = extract_body(root, PageMetadata()).paragraphs

    assert "The water plan passed, finally." in paragraphs


def test_hover_card_inside_a_paragraph_is_dropped_but_the_name_stays() -> None:
    card = (
        '<span class="person"><a href="/p/ana">Ana Ruiz</a><span class="card"><img src="/a.jpg" alt="">'
        '<a href="/n/1">Ruiz wins vote</a> <a href="/n/2">Ruiz on water</a></span></span>'
    )
    root = page_tree(f"<article><p>Council leader {card} said the vote was close.</p>{story_html()}</article>")

    assert extract_body(root, PageMetadata()).paragraphs[0] == "Council leader Ana Ruiz said the vote was close."


def test_text_after_a_comment_node_is_kept() -> None:
    root = lxml.html.document_fromstring(f"<html><body><article><p>The council <!-- ad slot --> met.</p>{story_html()}")

    assert extract_body(root, PageMetadata()).paragraphs[0] == "The council met."


def test_date_stamps_go_but_bare_times_and_date_ranges_stay() -> None:
    lines = ["segunda-feira, 22 de janeiro de 2018 às 0:13", "4:14 p.m.", "29 November 2018 | 20 January 2019"]
    stamps = "".join(f"<p>{line}</p>" for line in lines)
    root = page_tree(f"<article>{stamps}{story_html()}</article>")

    assert extract_body(root, PageMetadata()).paragraphs == [*lines[1:], *STORY]


def test_paragraphs_each_wrapped_in_a_deep_div_stack_are_all_kept() -> None:
    wrap = "<div class='para-block'>" + "<div>" * 7
    unwrap = "</div>" * 8
    root = page_tree("".join(f"{wrap}<p>{text}</p>{unwrap}" for text in STORY))

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_link_lines_go_but_a_sentence_with_a_long_inline_link_stays() -> None:
    sentence = 'Australian-born Assange faces <a href="/x">a charge of conspiracy to commit computer intrusion</a>.'
    link_line = 'Read more: <a href="/y">How the extradition case unfolded over ten years</a>'
    root = page_tree(f"<article>{story_html()}<p>{sentence}</p><p>{link_line}</p><p>{STORY[0]}</p></article>")

    paragraphs = extract_body(root, PageMetadata()).paragraphs

    assert "Australian-born Assange faces a charge of conspiracy to commit computer intrusion." in paragraphs
    assert not any(paragraph.startswith("Read more") for paragraph in paragraphs)


def test_a_closing_pitch_goes_but_a_last_line_that_only_mentions_subscribers_or_an_address_stays() -> None:
    subscribers = "The video was made by two film students whose channel has three million subscribers."
    contact = "Jim Hale covers water policy for the Morn Courier. Write to him at jhale@courier.example."
    pitch = "Get the latest updates right in your inbox. Subscribe to the Morn Courier newsletters."

    for last in (subscribers, contact):
        root = page_tree(f"<article>{story_html()}<p>{last}</p></article>")
        assert extract_body(root, PageMetadata()).paragraphs == [*STORY, last]
    root = page_tree(f"<article>{story_html()}<p>{pitch}</p></article>")
    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_a_picture_credit_line_goes_but_a_wire_rights_line_stays() -> None:
    credit = "The new reservoir wall, seen from the dam, photos © Morn Water Board, 2026"
    rights = "© 2026 Associated Press. All rights reserved. This material may not be published or redistributed."
    root = page_tree(f"<article>{story_html()}<p>{credit}</p><p>{rights}</p></article>")

    assert extract_body(root, PageMetadata()).paragraphs == [*STORY, rights]


def test_story_paragraphs_marked_paywall_or_wrapped_in_share_boxes_are_kept() -> None:
    marked = "".join(f'<p class="body-paragraph paywall">{text}</p>' for text in STORY)
    wrapped = "".join(f'<div class="quote-share-wrapper"><p>{text}</p></div>' for text in STORY)

    assert extract_body(page_tree(f"<article>{marked}</article>"), PageMetadata()).paragraphs == STORY
    assert extract_body(page_tree(f"<article>{wrapped}</article>"), PageMetadata()).paragraphs == STORY


def test_a_comment_thread_longer_than_the_story_stays_out() -> None:
    comment = "I have lived by the reservoir for thirty years, and every summer the water level drops a little more."
    thread = "".join(
        f"<li class='comment'><div class='comment-content'><p>{comment} ({i})</p></div></li>" for i in range(15)
    )
    root = page_tree(
        f"<div class='post'><div class='entry'>{story_html()}</div></div><ol class='comments'>{thread}</ol>"
    )

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_comment_bodies_marked_as_story_containers_do_not_keep_the_thread_beside_a_list_post() -> None:
    comment = "I have lived by the reservoir for thirty years, and every summer the water level drops a little more."
    thread = "".join(
        f"<li class='comment'><div class='entry-content'><p>{comment} ({i})</p><p>{comment}</p></div></li>"
        for i in range(3)
    )
    items = "".join(f"<li>{text}</li>" for text in STORY)
    root = page_tree(f"<div class='post'><ul>{items}</ul></div><ol class='comments'>{thread}</ol>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_a_sidebar_longer_than_a_short_story_goes_when_the_story_container_is_marked() -> None:
    modules = [
        ABOUT_ME,
        "This section gathers posts from our network of blogs, and guest columns from readers, experts and staff.",
        "We accept unsolicited submissions, and we read every one of them, though we cannot answer them all.",
        "The section is edited by the opinion desk, with help from the night team, and it is updated every day.",
    ]
    sidebar = "".join(f"<div class='module'><p>{text}</p></div>" for text in modules)
    story = f"<div id='main'><div class='post'><div class='article-body'>{story_html()}</div></div></div>"
    root = page_tree(f"<div id='content'>{story}<div id='side'><div id='primary-sidebar'>{sidebar}</div></div></div>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_a_story_swallowed_by_an_unclosed_button_is_still_read() -> None:
    root = lxml.html.document_fromstring(
        f"<html><body><header><button class='menu-toggle'>Menu<div class='story'>{story_html()}</div></body></html>"
    )

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_a_blog_post_inside_a_widget_box_is_kept_and_the_sidebar_widgets_go() -> None:
    sidebar = "".join(
        f"<div class='widget HTML'><h2>Links {i}</h2><p>{STORY[0]} A sidebar note, number {i}.</p></div>"
        for i in range(6)
    )
    post = f"<div class='widget Blog' id='Blog1'><div class='post-body entry-content'>{story_html()}</div></div>"
    root = page_tree(f"<div class='main'>{post}</div><div class='sidebar-right section'>{sidebar}</div>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


MORE_STORY = [
    "Work on the first reservoir is due to start in May, once the engineers have checked the state of the old dam.",
    "The council will publish the tenders next month, and local firms have been invited to bid for the smaller lots.",
    "A public meeting on the plan is planned for the end of the month in the hall of the largest of the three towns.",
]
ABOUT_ME = (
    "I am a retired hydrologist who has written about the rivers and reservoirs of this valley for many years now. "
    "Before that I worked for the regional water board, where I spent two decades measuring how much rain falls "
    "on the hills and where it goes afterwards. This blog is where I keep my notes, photographs and the odd rant."
)
# More <p> text than any other element holds, less text than the story
PROFILE_SIDEBAR = f"<div class='sidebar'><p>{ABOUT_ME}</p><p>{ABOUT_ME[:120]}</p></div>"


def test_a_post_written_with_br_lines_in_a_widget_box_outweighs_a_sidebar_of_paragraphs() -> None:
    lines = [*STORY, *MORE_STORY]
    post = f"<div class='widget Blog'><div class='post-body'>{'<br><br>'.join(lines)}</div></div>"
    root = page_tree(post + PROFILE_SIDEBAR)

    assert extract_body(root, PageMetadata()).paragraphs == lines


def test_a_post_written_as_one_bold_run_split_by_br_lines_outweighs_a_box_of_paragraphs() -> None:
    lines = [*STORY, *MORE_STORY]
    run = f"<strong>{'<br><br>'.join(lines)}</strong>"
    post = f"<div class='post'><div class='post-body'><p></p>{run}<div class='clear'></div></div></div>"
    about = f"<div id='side'><div class='about'><p>{ABOUT_ME}</p><p>{ABOUT_ME[:120]}</p></div></div>"
    root = page_tree(f"<div id='main'>{post}</div>{about}")

    assert extract_body(root, PageMetadata()).paragraphs == lines


def test_a_post_made_of_list_items_in_a_widget_box_outweighs_a_sidebar_of_paragraphs() -> None:
    items = "".join(f"<li>{text}</li>" for text in [*STORY, *MORE_STORY])
    root = page_tree(f"<div class='widget Blog'><ul>{items}</ul></div>{PROFILE_SIDEBAR}")

    assert extract_body(root, PageMetadata()).paragraphs == [*STORY, *MORE_STORY]


def test_every_post_of_a_blog_front_page_is_read_not_only_the_longest() -> None:
    def post(number: int, paragraphs: list[str]) -> str:
        body = "".join(f"<p>{text}</p>" for text in paragraphs)
        title = f"<h3 class='post-title'>Notes {number}</h3>"
        return f"<div class='post post-{number}'>{title}<div class='post-body'>{body}</div></div>"

    # the others fall well short of it: no rivals (each post its own text: a story printed twice comes out once)
    longest = [
        f"{when}, {text[0].lower()}{text[1:]}" for when in ("Last year", "This year") for text in [*STORY, *MORE_STORY]
    ]
    root = page_tree(f"<div id='main'>{post(1, longest)}{post(2, STORY)}{post(3, MORE_STORY)}</div>{PROFILE_SIDEBAR}")

    assert extract_body(root, PageMetadata()).paragraphs == [
        "Notes 1",
        *longest,
        "Notes 2",
        *STORY,
        "Notes 3",
        *MORE_STORY,
    ]


def test_a_sibling_box_of_the_same_class_without_a_post_body_of_its_own_is_not_a_post() -> None:
    lines = [*STORY, *MORE_STORY]
    paragraphs = "".join(f"<p>{text}</p>" for text in lines)
    story = f"<div class='box'><h3>Water</h3><div class='post-body'>{paragraphs}</div></div>"
    aside = f"<div class='box'><h3>About</h3><div class='about'><p>{ABOUT_ME}</p></div></div>"
    root = page_tree(f"<div id='main'>{story}{aside}</div>")

    assert extract_body(root, PageMetadata()).paragraphs == lines


CAPTIONS = [
    f"Picture {i}: the old reservoir wall, seen from the north bank, with the pumping house, the sluice gates, "
    f"the overflow channel and, on the left, the road to the village of Morn, in spring, summer, autumn, winter."
    for i in range(8)
]


def _story_beside_gallery(box_class: str) -> lxml.html.HtmlElement:
    """The story, then a box of thumbnails and a list of long captions that outscores it."""
    gallery = "<ul class='legends'>" + "".join(f"<li><p>{caption}</p></li>" for caption in CAPTIONS) + "</ul>"
    thumbnails = "<div class='thumbnails'><img src='/1.jpg'><img src='/2.jpg'></div>"
    return page_tree(f"<div>{story_html()}<div class='{box_class}'>{thumbnails}{gallery}</div></div>")


def test_a_list_of_long_captions_that_outscores_the_story_around_it_comes_with_that_story() -> None:
    root = _story_beside_gallery("gallery")

    assert extract_body(root, PageMetadata()).paragraphs == [*STORY, *CAPTIONS]


def test_a_list_of_long_captions_in_a_promo_box_that_outscores_the_story_is_dropped() -> None:
    root = _story_beside_gallery("promo-gallery")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_page_builder_widget_blocks_inside_the_story_container_are_kept() -> None:
    blocks = "".join(
        f"<div class='elementor-widget elementor-widget-text-editor'><div class='elementor-widget-container'>"
        f"<p>{text}</p></div></div>"
        for text in STORY
    )
    root = page_tree(f"<div class='entry-content'>{blocks}</div>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_a_bem_named_story_container_marked_paywall_is_kept() -> None:
    comment = "I have lived by the reservoir for thirty years, and every summer the water level drops a little more."
    thread = "".join(f"<li class='comment'><p>{comment} ({i})</p></li>" for i in range(8))
    story = f"<div class='entry__content steady-paywall-container'>{story_html()}</div>"
    root = page_tree(f"<article>{story}<ol class='comment-list'>{thread}</ol></article>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_php_error_lines_printed_into_the_page_are_dropped() -> None:
    error = "Strict Standards: Only variables should be passed by reference in /www/wp-includes/wp-db.php on line 785"
    root = page_tree(f"<article><p>{error}</p>{story_html()}<p>{error}</p></article>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_hidden_elements_are_ignored() -> None:
    hidden = '<div style="display: none"><p>Sign up to our newsletter to get this every morning, for free.</p></div>'
    root = page_tree(f"<article>{story_html()}{hidden}</article>")

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_inline_markup_does_not_split_a_paragraph() -> None:
    root = page_tree(f"<article><p>The <b>council</b> met <a href='/x'>on Tuesday</a>.</p>{story_html()}</article>")

    assert extract_body(root, PageMetadata()).paragraphs[0] == "The council met on Tuesday."


def test_jsonld_article_body_is_used_when_the_markup_hides_the_story() -> None:
    full = [f"{sentence} " * 4 for sentence in STORY]
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": "\n\n".join(full)}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    root = page_tree(f"<div id='app'><p>{STORY[0]}</p></div>", head)

    result = extract_body(root, PageMetadata())

    assert result.provenance is ProvenanceSource.JSON_LD
    assert result.paragraphs == [" ".join(text.split()) for text in full]


def test_jsonld_article_body_entities_are_decoded() -> None:
    body = " ".join(["Smith &amp; Sons said the mill&#8217;s roof would be repaired this year."] * 12)
    head = f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "articleBody": body})}</script>'

    result = extract_body(page_tree("<div id='app'></div>", head), PageMetadata())

    assert result.paragraphs[0].startswith("Smith & Sons said the mill’s roof")


def test_jsonld_article_body_is_ignored_when_the_markup_has_the_story() -> None:
    data = {"@type": "NewsArticle", "articleBody": " ".join(STORY)}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'

    result = extract_body(page_tree(f"<article>{story_html()}</article>", head), PageMetadata())

    assert result.provenance is ProvenanceSource.HEURISTIC
    assert result.paragraphs == STORY


def test_jsonld_article_body_with_raw_line_breaks_in_its_string_is_read() -> None:
    """A CMS writes the story's line breaks into the JSON string as they are, which strict JSON forbids."""
    full = [f"{sentence} " * 4 for sentence in STORY]
    raw = json.dumps({"@type": "NewsArticle", "articleBody": "\n\n".join(full)}).replace("\\n", "\n")
    root = page_tree(f"<div id='app'><p>{STORY[0]}</p></div>", f'<script type="application/ld+json">{raw}</script>')

    result = extract_body(root, PageMetadata())

    assert "\n" in raw
    assert result.provenance is ProvenanceSource.JSON_LD
    assert result.paragraphs == [" ".join(text.split()) for text in full]


def test_broken_jsonld_is_ignored() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": </script>'

    assert extract_body(page_tree(f"<article>{story_html()}</article>", head), PageMetadata()).paragraphs == STORY


def test_page_without_text_gives_no_paragraphs() -> None:
    root = page_tree('<nav><a href="/">Home</a></nav><div class="menu"><a href="/a">A</a></div>')

    assert extract_body(root, PageMetadata()).paragraphs == []


def test_a_paragraph_written_as_a_div_that_links_a_third_of_its_words_is_kept_but_a_pager_goes() -> None:
    linked = (
        'Witnesses included <a href="/a">several former team-mates</a>, <a href="/b">two of the coaches</a> and'
        ' <a href="/c">the team doctor</a>, whose statements fill most of the report released on Wednesday.'
    )
    pager = "Pages: " + " - ".join(f'<a href="/{n}">{n}</a>' for n in ("Previous", 1, 2, 3, 4, "Next"))
    story = "".join(f"<div>{text}</div>" for text in STORY)
    root = page_tree(f"<div class='post-body'>{story}<div>{linked}</div><div>{pager}</div></div>")

    paragraphs = extract_body(root, PageMetadata()).paragraphs

    assert paragraphs == [*STORY, lxml.html.fromstring(f"<div>{linked}</div>").text_content()]


def test_a_sentence_whose_link_spans_indented_source_lines_is_not_a_link_line() -> None:
    indent = "\n" + " " * 24
    link = f'<a href="/report">the full{indent}report{indent}on the{indent}water plan</a>'
    root = page_tree(f"<article>{story_html()}<p>The council said on Tuesday that {link}.</p></article>")

    paragraphs = extract_body(root, PageMetadata()).paragraphs

    assert paragraphs == [*STORY, "The council said on Tuesday that the full report on the water plan."]


def test_a_lead_set_in_a_box_of_its_own_before_the_story_container_opens_the_story() -> None:
    lead = "Water rates in the valley will rise by a fifth next year, the council decided late on Tuesday evening."
    body = f"<div class='story-text'>{story_html()}</div>"
    boxed = page_tree(f"<div id='main'><h1>Water plan</h1><div class='firstpara'>{lead}</div><h3>Vote</h3>{body}</div>")
    caption = f"<div class='pic'><img src='/a.jpg'><br>Courtesy: the council<br>{lead}</div>"
    captioned = page_tree(f"<div id='main'>{caption}{body}</div>")

    assert extract_body(boxed, PageMetadata()).paragraphs == [lead, *STORY]
    assert extract_body(captioned, PageMetadata()).paragraphs == STORY


def test_a_post_written_in_divs_outweighs_a_sidebar_written_in_paragraphs() -> None:
    post = "".join(f'<div style="text-align: justify;"><span>{text}</span></div><div><br></div>' for text in STORY)
    sidebar = "".join(f"<p>{text.replace('council', 'author')}</p>" for text in STORY + STORY[:1])
    root = page_tree(
        f'<div class="main"><div class="widget Blog"><div class="post hentry">'
        f'<div class="post-body entry-content">{post}</div></div></div></div>'
        f'<div class="column-right"><div class="widget HTML"><h2>About me</h2>{sidebar}</div></div>'
    )

    result = extract_body(root, PageMetadata())

    assert result.paragraphs == STORY
    assert result.provenance is ProvenanceSource.HEURISTIC


def test_a_wordpress_posts_tag_classes_do_not_make_it_furniture() -> None:
    comments = "".join(f'<li class="comment"><p>{text} I disagree.</p></li>' for text in STORY + STORY)
    root = page_tree(
        '<div id="content"><div class="post type-post status-publish hentry tag-sidebar tag-ads category-news">'
        f'<div class="entry">{story_html()}</div></div><div id="comments"><ol>{comments}</ol></div></div>'
    )

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_a_link_inside_a_sentence_stays_whatever_its_class_and_a_share_link_after_it_goes() -> None:
    sentence = (
        'CAIRO — What is this? <a class="meta-loc" href="/topics/egypt">Egypt</a>’s new leaders want to raze the '
        'pyramids, the rumour goes, and it has spread far. <a class="share-link" href="/share">Share this</a>'
    )
    root = page_tree(f"<article><p>{sentence}</p>{story_html()}</article>")

    paragraphs = extract_body(root, PageMetadata()).paragraphs

    assert paragraphs[0] == (
        "CAIRO — What is this? Egypt’s new leaders want to raze the pyramids, the rumour goes, and it has spread far."
    )
    assert paragraphs[1:] == STORY


def test_a_link_for_screen_readers_only_inside_a_sentence_still_goes() -> None:
    sentence = (
        'The council published the full plan <a class="sr-only" href="/plan.pdf">(opens a PDF)</a> on its website '
        "on Tuesday evening, together with the answers to the questions residents had sent."
    )
    root = page_tree(f"<article><p>{sentence}</p>{story_html()}</article>")

    assert extract_body(root, PageMetadata()).paragraphs[0] == (
        "The council published the full plan on its website on Tuesday evening, together with the answers to the "
        "questions residents had sent."
    )


def test_a_story_printed_twice_comes_out_once() -> None:
    """A CMS that renders the intro box and the continuation box each with the whole story (ads between)."""
    ads = "<div class='advertisment'><div id='dfp-1'></div></div>"
    root = page_tree(
        f"<div class='content-body'>{story_html()}</div>{ads}"
        f"<article class='content-continued-body'>{story_html()}</article>"
    )

    assert extract_body(root, PageMetadata()).paragraphs == STORY


def test_a_refrain_of_short_lines_sung_twice_stays_twice() -> None:
    verse = ["I walked the river road at dawn and counted every stone", "The mill was quiet, the bells were gone"]
    chorus = ["Say you will, say you will", "Come home before the rain", "Say you will, say you will"]
    lines = [*STORY, *verse, *chorus, *verse, *chorus]
    root = page_tree("<article>" + "".join(f"<p>{line}</p>" for line in lines) + "</article>")

    assert extract_body(root, PageMetadata()).paragraphs == lines


def test_paragraphs_repeated_later_in_a_story_that_do_not_restart_it_stay() -> None:
    clause = [
        f"Clause {n}: the scout leader reads the promise aloud, the boys repeat it after him, and the den chief "
        f"hands each of them the badge they earned this month."
        for n in (1, 2, 3)
    ]
    lines = [*STORY, *clause, "The second ceremony follows the same words.", *clause]
    root = page_tree("<article>" + "".join(f"<p>{line}</p>" for line in lines) + "</article>")

    assert extract_body(root, PageMetadata()).paragraphs == lines


def test_the_label_over_a_list_of_links_goes_with_the_links() -> None:
    """A "Lesen Sie auch:" or "RELATED INFORMATION" line in the story's flow titles the links under it, which the
    link-line rule drops; left alone it dangles in the middle of the body."""
    related = (
        "<div>Lesen Sie auch:</div>"
        '<div><a href="/a">Neue Radwege für die Innenstadt geplant</a></div>'
        '<div><a href="/b">Stadtrat streitet über Parkgebühren</a></div>'
    )
    root = page_tree(f"<article>{story_html()}{related}<p>{STORY[0]} Later that day, more.</p></article>")

    paragraphs = extract_body(root, PageMetadata()).paragraphs

    assert "Lesen Sie auch:" not in paragraphs
    assert paragraphs[:3] == STORY


def test_the_items_of_a_listing_each_with_its_links_stay() -> None:
    """Concert dates, each followed by its ticket links: three or more such "labels" are a listing's items."""
    concerts = ["04.11.2022 - Sam Ryder - Flex", "12.11.2022 - Ina Müller - Stadthalle", "26.11.2022 - Kehlani"]
    listing = "".join(
        f'<div>{line}</div><div><a href="/t{n}">Tickets kaufen</a></div><div><a href="/i{n}">Mehr Infos</a></div>'
        for n, line in enumerate(concerts)
    )
    root = page_tree(f"<article>{story_html()}{listing}</article>")

    assert extract_body(root, PageMetadata()).paragraphs == [*STORY, *concerts]
