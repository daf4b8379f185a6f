"""The lead image of a page that declares none: the first sizeable picture of the story, never a button, badge,
icon, analytics beacon or a picture from the page's menus, sidebars and footer (each test shows one class)."""

from __future__ import annotations

from article_ingest.domain.article import ProvenanceSource
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import extract_metadata
from article_ingest.extraction.metadata.image import first_content_image
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import parse_tree
from article_ingest.settings import ExtractionSettings

BASE = "https://blog.example.org/2021/05/harbour-walk"
STORY = (
    "<h1>A walk along the old harbour</h1>"
    "<p>We started at the lighthouse just after sunrise, when the fishing boats were coming back in and the gulls "
    "were loud enough to drown out the engines of the first ferries leaving for the islands.</p>"
)
PHOTO = "<p><img src='/uploads/2021/05/harbour-sunrise.jpg' alt='Boats at sunrise'></p>"
PHOTO_URL = "https://blog.example.org/uploads/2021/05/harbour-sunrise.jpg"


def lead_image(body: str) -> str | None:
    html = f"<!DOCTYPE html><html lang='en'><head><title>Harbour walk</title></head><body>{body}</body></html>"
    return first_content_image(parse_tree(html, ExtractionSettings()), BASE)


def metadata_of(body: str) -> PageMetadata:
    html = f"<!DOCTYPE html><html lang='en'><head><title>Harbour walk</title></head><body>{body}</body></html>"
    return extract_metadata(parse_tree(html, ExtractionSettings()), ExtractionHints(url=BASE))


def test_a_picture_in_a_sidebar_widget_is_not_the_lead_image() -> None:
    sidebar = (
        "<div id='sidebar'><ul><li class='widget widget_text'><div class='textwidget'>"
        "<a href='/feed'><img src='/uploads/2019/09/subscribe-today.png' alt=''></a></div></li></ul></div>"
    )
    meta = metadata_of(f"{sidebar}<div class='post'>{STORY}{PHOTO}</div>")
    assert meta.image is not None
    assert meta.image.url == PHOTO_URL
    assert meta.provenance["image"] is ProvenanceSource.HEURISTIC


def test_pictures_in_menus_footers_and_login_forms_are_not_lead_images() -> None:
    menu = (
        "<ul class='main-menu'><li><a href='/travel'><img src='/uploads/menu/travel-teaser.jpg' alt=''></a></li></ul>"
    )
    form = "<form class='login'><img src='/static/sign-in-with-mail.png' alt='Sign in'></form>"
    footer = "<div id='footer'><p><img src='/static/press-council-member.jpg' alt='Press council'></p></div>"
    assert lead_image(menu + form + STORY + footer) is None


def test_a_story_picture_counts_under_a_page_wide_wrapper_whose_class_names_a_nav() -> None:
    wrapper = "<div class='site site-nav-enabled'><div><div><div><div><div><div class='story-body'>{}</div></div>"
    assert lead_image(wrapper.format(STORY + PHOTO) + "</div></div></div></div></div>") == PHOTO_URL


def test_an_svg_is_an_icon_not_a_lead_image() -> None:
    icon = "<span class='reading-time'>4 min <img src='/static/design/reading-book.svg'></span>"
    assert lead_image(f"<article>{STORY}{icon}{PHOTO}</article>") == PHOTO_URL


def test_a_picture_sized_small_in_its_style_or_in_px_is_decoration() -> None:
    styled = "<img style='width:16px; height:auto' src='/static/clock-small.png'>"
    sized = "<img width='24px' height='24px' src='/static/arrow-small.gif'>"
    assert lead_image(f"<article>{STORY}{styled}{sized}{PHOTO}</article>") == PHOTO_URL


def test_a_file_named_for_a_badge_size_is_not_a_lead_image() -> None:
    badge = "<p><a href='https://licenses.example.org/'><img src='/static/license-80x15.png' alt='CC BY'></a></p>"
    assert lead_image(f"<div class='content'>{STORY}{badge}{PHOTO}</div>") == PHOTO_URL
    hero = "<p><img src='/uploads/2021/05/harbour-hero-16x9.jpg' alt='The harbour'></p>"
    assert (
        lead_image(f"<div class='content'>{STORY}{hero}</div>")
        == "https://blog.example.org/uploads/2021/05/harbour-hero-16x9.jpg"
    )


def test_an_analytics_beacon_in_noscript_is_skipped_but_a_lazy_picture_fallback_is_kept() -> None:
    beacon = "<noscript><p><img src='//stats.example.org/matomo.php?idsite=3&amp;rec=1' alt=''></p></noscript>"
    lazy = "<noscript><img src='/uploads/2021/05/harbour-sunrise.jpg' alt='Boats at sunrise'></noscript>"
    assert lead_image(f"{beacon}<div class='content'>{STORY}</div>") is None
    assert lead_image(f"{beacon}<div class='content'>{STORY}{lazy}</div>") == PHOTO_URL


def test_share_buttons_flags_feed_icons_and_sponsors_are_not_lead_images() -> None:
    furniture = (
        "<div class='share'><a class='twitter' href='#'><img src='/static/tw.png' alt='Tweet'></a></div>"
        "<div class='flags'><a href='/de/'><img src='/static/lang/de.png' alt='Deutsch'></a></div>"
        "<a href='/feed'><img src='/static/subscribe.png' alt='RSS feed'></a>"
        "<div id='partners'><a href='https://shop.example.com'><img src='/static/acme-safes.jpg' alt='Acme'></a></div>"
    )
    assert lead_image(f"<div class='content'>{furniture}{STORY}{PHOTO}</div>") == PHOTO_URL


def test_a_declared_placeholder_gives_way_to_the_next_declared_image() -> None:
    head = (
        "<meta property='og:image' content='https://s0.example.com/i/blank.jpg'>"
        "<meta name='twitter:image' content='https://blog.example.org/uploads/2021/05/harbour-sunrise.jpg'>"
    )
    html = f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{STORY}</body></html>"
    meta = extract_metadata(parse_tree(html, ExtractionSettings()), ExtractionHints(url=BASE))
    assert meta.image is not None
    assert meta.image.url == PHOTO_URL


def test_a_declared_default_user_picture_gives_way_to_the_story_picture() -> None:
    head = "<meta property='og:image' content='/wp-content/plugins/seo-pack/images/default-user-image.png'>"
    html = f"<!DOCTYPE html><html lang='en'><head>{head}</head><body><article>{STORY}{PHOTO}</article></body></html>"
    meta = extract_metadata(parse_tree(html, ExtractionSettings()), ExtractionHints(url=BASE))
    assert meta.image is not None
    assert meta.image.url == PHOTO_URL
