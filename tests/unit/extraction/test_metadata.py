"""extract_metadata on hand-written pages: JSON-LD forms, meta variants, bylines, dates, language, image."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from article_ingest.domain.article import ProvenanceSource
from article_ingest.extraction.metadata.jsonld import _nodes as jsonld_nodes
from article_ingest.extraction.metadata.language import primary_subtag
from article_ingest.extraction.tree import parse_tree
from article_ingest.settings import ExtractionSettings
from tests.unit.extraction.pages import jsonld, metadata_of, page

PAGES = Path(__file__).parents[2] / "fixtures" / "pages"
STORY = (
    "<p>The city council approved the new budget on Tuesday after a long debate about schools, roads and the "
    "public library, which will now stay open on Sundays for the first time in a decade.</p>"
    "<p>Opponents said the plan relies on optimistic revenue forecasts, but the mayor defended it as prudent.</p>"
)
GERMAN_STORY = (
    "<p>Der Stadtrat hat am Dienstag nach einer langen Debatte über Schulen, Straßen und die Stadtbibliothek den "
    "neuen Haushalt beschlossen. Die Bibliothek bleibt künftig auch sonntags geöffnet.</p>"
    "<p>Kritiker bemängeln, der Plan beruhe auf zu optimistischen Steuerschätzungen und sei nicht solide.</p>"
)


def test_seed_page_metadata_matches_its_expected_article() -> None:
    html = (PAGES / "seed_devdiscourse.html").read_text(encoding="utf-8")
    expected = json.loads((PAGES / "seed_devdiscourse.expected.json").read_text(encoding="utf-8"))
    meta = metadata_of(html, url=None)
    for name in ("url", "site_name", "title", "description", "authors", "published_at", "published_at_raw"):
        assert getattr(meta, name) == expected[name], name
    for name in ("modified_at", "modified_at_raw", "dateline", "tags", "language"):
        assert getattr(meta, name) == expected[name], name
    assert meta.image is not None
    assert meta.image.model_dump() == expected["image"]
    assert meta.provenance["authors"] is ProvenanceSource.BYLINE
    assert meta.provenance["published_at"] is ProvenanceSource.BYLINE


def test_jsonld_graph_with_id_references_and_type_arrays() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "https://example.org/#site", "name": "Harbour Line"},
            {"@type": "Person", "@id": "https://example.org/#/person/1", "name": "Mara Okafor"},
            {
                "@type": ["NewsArticle", "Article"],
                "headline": "Port workers strike over night shifts",
                "author": [{"@id": "https://example.org/#/person/1"}, {"@type": "Person", "name": "Tom Reyes"}],
                "publisher": {"@type": "Organization", "name": "Harbour Line"},
                "datePublished": "2025-03-04T06:30:00+01:00",
                "dateModified": "2025-03-04T09:00:00+01:00",
                "image": {"@type": "ImageObject", "url": "/img/strike.jpg"},
                "inLanguage": "en-GB",
                "keywords": "ports, strikes",
                "articleSection": "Business",
            },
        ],
    }
    meta = metadata_of(page(jsonld(graph), STORY), url="https://example.org/business/strike")
    assert meta.title == "Port workers strike over night shifts"
    assert meta.authors == ["Mara Okafor", "Tom Reyes"]
    assert meta.published_at == "2025-03-04T06:30:00+01:00"
    assert meta.modified_at == "2025-03-04T09:00:00+01:00"
    assert meta.image is not None
    assert meta.image.url == "https://example.org/img/strike.jpg"
    assert meta.site_name == "Harbour Line"
    assert meta.section == "Business"
    assert meta.tags == ["ports", "strikes"]
    assert meta.provenance["authors"] is ProvenanceSource.JSON_LD
    assert meta.provenance["published_at"] is ProvenanceSource.JSON_LD


def test_organisation_authors_give_way_to_people() -> None:
    data = {
        "@type": "NewsArticle",
        "headline": "Storm closes schools",
        "author": [{"@type": "Organization", "name": "Daily Example"}, {"@type": "Person", "name": "Ana Ruiz"}],
    }
    assert metadata_of(page(jsonld(data), STORY)).authors == ["Ana Ruiz"]


@pytest.mark.parametrize("kind", ["HowTo", "Recipe"])
def test_a_how_to_or_recipe_page_is_dated_and_credited_from_its_jsonld(kind: str) -> None:
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": "Sourdough in three days",
        "datePublished": "2022-01-10T22:06:08+01:00",
        "author": {"@type": "Person", "name": "Robert Stitz"},
    }
    meta = metadata_of(page(jsonld(data), STORY), url="https://kitchen.example.de/sourdough")
    assert meta.published_at == "2022-01-10T22:06:08+01:00"
    assert meta.authors == ["Robert Stitz"]


def test_broken_jsonld_is_ignored_and_meta_tags_are_used() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        '<meta property="og:title" content="Storm closes schools">'
        '<meta name="author" content="By Ana Ruiz and Luis Gómez">'
        '<meta property="article:published_time" content="2024-11-02T08:15:00-04:00">'
    )
    meta = metadata_of(page(head, STORY))
    assert meta.title == "Storm closes schools"
    assert meta.authors == ["Ana Ruiz", "Luis Gómez"]
    assert meta.published_at == "2024-11-02T08:15:00-04:00"
    assert meta.provenance["published_at"] is ProvenanceSource.META


_LOOSE_JSONLD = {
    "single quotes": "{'@type': 'NewsArticle', 'datePublished': '2024-11-02T08:15:00-04:00', "
    "'author': {'@type': 'Person', 'name': 'Ana Ruiz'}}",
    "a // comment line": '{"@type": "NewsArticle",\n  // "mainEntityOfPage": {},\n  '
    '"datePublished": "2024-11-02T08:15:00-04:00", "author": {"@type": "Person", "name": "Ana Ruiz"}}',
    "trailing commas": '{"@type": "NewsArticle", "datePublished": "2024-11-02T08:15:00-04:00", '
    '"author": [{"@type": "Person", "name": "Ana Ruiz"},],}',
    "a brace too many": '{"@type": "NewsArticle", "datePublished": "2024-11-02T08:15:00-04:00", '
    '"author": {"@type": "Person", "name": "Ana Ruiz"}}}',
    "a CDATA wrapper": '<![CDATA[\n{"@type": "NewsArticle", "datePublished": "2024-11-02T08:15:00-04:00", '
    '"author": {"@type": "Person", "name": "Ana Ruiz"}}\n]]>',
}


@pytest.mark.parametrize("block", _LOOSE_JSONLD.values(), ids=_LOOSE_JSONLD.keys())
def test_jsonld_written_loosely_is_still_read(block: str) -> None:
    """Templates write JSON-LD with single quotes, comments, trailing commas or a brace too many, which the
    standard parser refuses and a browser-side consumer (Google's) reads; so do we."""
    meta = metadata_of(page(f'<script type="application/ld+json">{block}</script>', STORY))

    assert meta.published_at == "2024-11-02T08:15:00-04:00"
    assert meta.authors == ["Ana Ruiz"]
    assert meta.provenance["published_at"] is ProvenanceSource.JSON_LD


def test_at_most_two_unreadable_jsonld_blocks_of_a_page_are_repaired() -> None:
    """Repairing costs time that grows with a block's nesting times its length: a page gets two repairs."""
    broken = "".join(
        f"<script type='application/ld+json'>{{'@type': 'Thing', 'name': 'n{index}',}}</script>" for index in range(3)
    )
    root = parse_tree(page(broken, STORY), ExtractionSettings())

    assert [node["name"] for node in jsonld_nodes(root)] == ["n0", "n1"]


def test_written_by_twitter_label_gives_the_author() -> None:
    head = '<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Redaktion">'
    meta = metadata_of(page(head, GERMAN_STORY, lang="de"))
    assert meta.authors == ["Redaktion"]


def test_the_copyright_holder_beside_a_person_is_not_an_author() -> None:
    head = (
        '<meta name="copyright" content="Copyright (c) 2016 Condé Nast. All rights reserved.">'
        '<meta name="author" content="Condé Nast"><meta property="article:author" content="Larry Fitzmaurice">'
    )
    assert metadata_of(page(head, STORY)).authors == ["Larry Fitzmaurice"]
    blog = '<meta name="copyright" content="© 2020 Jane Doe"><meta name="author" content="Jane Doe">'
    assert metadata_of(page(blog, STORY)).authors == ["Jane Doe"]


def test_microdata_article_without_jsonld() -> None:
    body = (
        '<article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Bridge reopens</h1>'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Kai Berg</span>'
        '</span><time itemprop="datePublished" datetime="2023-05-06T10:00:00+02:00">6. Mai 2023</time>'
        f"{STORY}</article>"
    )
    meta = metadata_of(page("", body))
    assert meta.authors == ["Kai Berg"]
    assert meta.published_at == "2023-05-06T10:00:00+02:00"
    assert meta.provenance["authors"] is ProvenanceSource.MICRODATA


def test_visible_byline_with_and_and_email_the_author() -> None:
    body = (
        "<article><h1>Bridge reopens after repairs</h1>"
        '<div class="byline">By <a href="/a/1">Jane Doe</a> and <a href="/a/2">John Smith</a> '
        '<a href="mailto:desk@example.com">Email the author</a></div>'
        f'<p class="date">March 3, 2020</p>{STORY}</article>'
    )
    meta = metadata_of(page("<title>Bridge reopens after repairs | Example News</title>", body))
    assert meta.authors == ["Jane Doe", "John Smith"]
    assert meta.published_at == "2020-03-03"
    assert meta.title == "Bridge reopens after repairs"


def test_by_inside_a_short_line_after_the_headline() -> None:
    body = f"<h1>Neue Liebe für Amira</h1><h2>06.11.2023 13:30 von Olga</h2><p>Symbolbild imago</p>{GERMAN_STORY}"
    meta = metadata_of(page("", body, lang="de"))
    assert meta.authors == ["Olga"]
    assert meta.published_at == "2023-11-06T13:30:00+01:00"  # a German page's zoneless time is Berlin time


def test_date_line_above_the_headline_sets_the_shown_day() -> None:
    head = '<meta property="article:published_time" content="2020-08-25T00:23:33Z">'
    body = f"<header><p class='date'>24 août 2020 - 21:15:30 (Montréal)</p><h1>Transport scolaire</h1></header>{STORY}"
    meta = metadata_of(page(head, body, lang="fr"), url="https://ici.example.ca/nouvelle/1728875")
    assert meta.published_at == "2020-08-24T20:23:33-04:00"


def test_photo_by_is_not_a_byline() -> None:
    body = f"<h1>Bridge reopens</h1><p>Photo by Jane Doe</p>{STORY}"
    assert metadata_of(page("", body)).authors == []


def test_byline_time_with_abbreviation_on_an_indian_site() -> None:
    body = f"<h1>Monsoon arrives early</h1><p>PTI | New Delhi | Updated: 02-06-2025 18:05 IST</p>{STORY}"
    meta = metadata_of(page("", body, lang="en-IN"), url="https://news.example.in/monsoon")
    assert meta.modified_at == "2025-06-02T18:05:00+05:30"


def test_a_declared_day_takes_its_time_from_a_stamp_on_that_day_over_a_lone_url_day() -> None:
    head = jsonld({"@type": "NewsArticle", "headline": "Budget passes", "datePublished": "2024-01-10"})
    head += '<meta property="article:published_time" content="2024-01-10T07:45:00+00:00">'
    body = f"<h1>Budget passes</h1>{STORY}"
    meta = metadata_of(page(head, body), url="https://example.com/2024/01/05/budget")
    assert meta.published_at == "2024-01-10T07:45:00+00:00"
    assert (meta.published_at_raw, meta.provenance["published_at"]) == (
        "2024-01-10T07:45:00+00:00",
        ProvenanceSource.META,
    )


def test_a_utc_stamp_a_day_after_the_shown_day_is_written_on_the_local_day_of_the_pages_country() -> None:
    head = '<meta property="article:published_time" content="2023-11-09T01:09:55Z">'
    body = f"<h1>Playoffs: second weekend</h1><p class='byline'>November 8, 2023</p>{STORY}"
    meta = metadata_of(page(head, body, lang="en-US"), url="https://news.example.com/sports/playoffs")
    assert meta.published_at == "2023-11-08T20:09:55-05:00"  # the same instant as the stamp
    unplaced = metadata_of(page(head, body), url="https://news.example.com/sports/playoffs")
    assert unplaced.published_at == "2023-11-08"  # no country: the shown day, without another zone's time


def test_dates_after_the_crawl_are_not_publication_dates() -> None:
    head = '<meta property="article:published_time" content="2031-01-01T00:00:00Z">'
    body = f"<h1>Budget passes in council</h1>{STORY}"
    fetched = datetime(2024, 6, 1, tzinfo=UTC)
    meta = metadata_of(page(head, body), url="https://example.com/2024/05/30/budget", fetched_at=fetched)
    assert meta.published_at == "2024-05-30"
    assert meta.provenance["published_at"] is ProvenanceSource.URL


def test_a_data_attribute_gives_the_time_and_zone_the_visible_date_lacks() -> None:
    body = (
        "<h1>约会软件新功能</h1><div class='author'><span class='name'>谢若含</span>"
        "<span class='date smart-date' data-origindate='2017-03-01 14:27:02 +0800'></span>"
        f"<span class='date'>2017-03-01 14:27:02</span></div>{STORY}"
    )
    assert metadata_of(page("", body, lang="zh")).published_at == "2017-03-01T14:27:02+08:00"


def test_a_date_in_the_title_is_the_last_resort() -> None:
    meta = metadata_of(page("<title>08.11.2021 | Online-Fachtag zum Intersex Day</title>", GERMAN_STORY, lang="de"))
    assert meta.published_at == "2021-11-08"
    assert meta.provenance["published_at"] is ProvenanceSource.HEURISTIC


def test_a_sidebar_inside_the_article_holds_its_date_but_the_page_sidebar_does_not() -> None:
    long_paragraph = " ".join(GERMAN_STORY.replace("<p>", "").split("</p>"))  # the story starts: no byline after it
    body = (
        "<div class='sidebar'><h3>Meistgelesen</h3><p><time datetime='2021-12-01'>1. Dezember 2021</time> "
        "Winterwanderungen im Allgäu</p></div>"
        f"<main><article><h1>Burgenland: Best of Ruster Ausbruch</h1><p>{long_paragraph}</p>"
        "<div class='row'><div class='sidebar js-copypaste'><div class='sidebar__item'><p class='time'>"
        "<time datetime='2022-01-28'>28. Januar 2022</time></p></div></div></div></article></main>"
    )
    meta = metadata_of(page("", body, lang="de"), url="https://wein.example.de/nd/burgenland-best-of")
    assert meta.published_at == "2022-01-28"


def test_a_date_in_a_photo_caption_does_not_overrule_the_declared_day() -> None:
    head = '<meta property="article:published_time" content="2020-01-13T13:37:49+00:00">'
    body = (
        "<h1>Volkswagen China sales fall</h1><figure><img src='/vw.jpg' alt=''><figcaption>"
        "<div class='Image_caption'>A Volkswagen plant in Anting, March 5, 2019. REUTERS/Aly Song</div>"
        f"</figcaption></figure>{STORY}"
    )
    assert metadata_of(page(head, body), url="https://news.example.com/business/vw-china").published_at == (
        "2020-01-13T13:37:49+00:00"
    )


def test_naive_meta_time_on_a_page_of_no_known_zone_keeps_the_day_and_the_raw_text() -> None:
    # a French page on a .com: no country, no single zone, no zone its country mostly publishes in
    head = '<meta property="article:published_time" content="2024-01-10 07:45:00">'
    meta = metadata_of(page(head, STORY, lang="fr"))
    assert (meta.published_at, meta.published_at_raw) == ("2024-01-10", "2024-01-10 07:45:00")


def test_declared_language_contradicted_by_the_text_loses() -> None:
    meta = metadata_of(page("<title>Haushalt beschlossen</title>", GERMAN_STORY, lang="en"))
    assert meta.language == "de"
    assert meta.provenance["language"] is ProvenanceSource.HEURISTIC


def test_declared_language_confirmed_by_the_text_is_kept() -> None:
    meta = metadata_of(page("", STORY, lang="en-US"))
    assert meta.language == "en"
    assert meta.provenance["language"] is ProvenanceSource.MARKUP


def test_right_to_left_page() -> None:
    story = (
        "<p>أعلنت الحكومة يوم الثلاثاء عن خطة جديدة لدعم المزارعين في المناطق الريفية بعد موسم جفاف طويل أثر على "
        "المحاصيل والمراعي في عدة محافظات.</p><p>وقال وزير الزراعة إن الخطة تشمل قروضا ميسرة وتوزيع البذور.</p>"
    )
    html = (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        '<meta property="og:title" content="خطة جديدة لدعم المزارعين"></head>'
        f'<body><h1>خطة جديدة لدعم المزارعين</h1><span class="date">12 مارس 2024</span>{story}</body></html>'
    )
    meta = metadata_of(html)
    assert meta.title == "خطة جديدة لدعم المزارعين"
    assert meta.language == "ar"


def test_image_details_relative_url_caption_credit_and_ai_flag() -> None:
    head = '<meta property="og:image" content="/media/pumps.jpg">'
    body = (
        '<h1>Solar pumps reach farms</h1><figure><img src="/media/pumps.jpg" alt="Solar pumps in a field">'
        '<figcaption>Pumps near Maradi. <span class="credit">Photo: A. Diallo</span></figcaption>'
        "<p>This image was generated by AI for illustration.</p></figure>" + STORY
    )
    meta = metadata_of(page(head, body), url="https://worldwire.example.com/niger/solar")
    assert meta.image is not None
    assert meta.image.url == "https://worldwire.example.com/media/pumps.jpg"
    assert meta.image.alt == "Solar pumps in a field"
    assert meta.image.caption == "Pumps near Maradi."
    assert meta.image.credit == "Photo: A. Diallo"
    assert meta.image.ai_generated is True


def test_non_http_image_and_canonical_urls_are_ignored() -> None:
    head = (
        '<meta property="og:image" content="data:image/png;base64,AAAA">'
        '<link rel="canonical" href="javascript:void(0)">'
    )
    meta = metadata_of(page(head, STORY), url="https://example.com/a/story")
    assert meta.image is None
    assert meta.url == "https://example.com/a/story"
    assert meta.provenance["url"] is ProvenanceSource.HINT


def test_relative_canonical_is_resolved_and_a_home_page_canonical_is_ignored() -> None:
    relative = metadata_of(page('<link rel="canonical" href="/a/story-1">', STORY), url="https://example.com/x?y=1")
    assert relative.url == "https://example.com/a/story-1"
    home = metadata_of(page('<link rel="canonical" href="https://example.com/">', STORY), url="https://example.com/a/1")
    assert home.url == "https://example.com/a/1"


def test_a_syndicated_copy_keeps_its_own_address() -> None:
    head = (
        '<link rel="canonical" href="https://wire.example.org/article/robots-idUS123">'
        '<meta property="og:url" content="https://www.magazine.example.com/article/275188">'
    )
    meta = metadata_of(page(head, STORY), url="https://magazine.example.com/article/275188?utm=x")
    assert meta.url == "https://www.magazine.example.com/article/275188"
    same_site = metadata_of(
        page('<link rel="canonical" href="https://www.example.com/a/1">', STORY), url="https://edition.example.com/a/1"
    )
    assert same_site.url == "https://www.example.com/a/1"


def test_text_fields_never_carry_markup() -> None:
    head = (
        '<meta property="og:title" content="Budget &lt;b&gt;passes&lt;/b&gt; in council">'
        '<meta name="description" content="The &lt;i&gt;new&lt;/i&gt; budget   keeps the library open.">'
    )
    meta = metadata_of(page(head, STORY))
    assert meta.title == "Budget passes in council"
    assert meta.description == "The new budget keeps the library open."


def test_site_name_in_the_title_suffix_is_removed() -> None:
    head = '<meta property="og:site_name" content="Example News"><title>Budget passes - Example News</title>'
    assert metadata_of(page(head, STORY)).title == "Budget passes"


def test_kicker_in_the_headline_is_not_part_of_the_title() -> None:
    head = '<meta property="og:title" content="Bohren, bis es heiß wird | Zeitung">'
    body = '<h1><span class="kicker">Klimaschutz</span>: <span>Bohren, bis es heiß wird</span></h1>' + GERMAN_STORY
    assert metadata_of(page(head, body, lang="de")).title == "Bohren, bis es heiß wird"


def test_dateline_from_the_first_paragraph() -> None:
    body = (
        "<article><h1>Sanctions lifted</h1><p>DAKAR, Feb 27 (Reuters) - The United States has lifted sanctions on "
        "three senior officials, a statement said on Friday.</p></article>"
    )
    assert metadata_of(page("", body)).dateline == "Dakar"


def test_empty_page_gives_empty_metadata_without_errors() -> None:
    meta = metadata_of("<html><body></body></html>", url=None)
    assert meta.title is None
    assert meta.authors == []
    assert meta.published_at is None
    assert meta.image is None


def test_domain_like_site_name_gives_way_to_the_publisher_name() -> None:
    head = '<meta property="og:site_name" content="Example.org">' + jsonld(
        {"@type": "NewsArticle", "headline": "Budget passes", "publisher": {"@type": "Organization", "name": "EXN"}}
    )
    assert metadata_of(page(head, STORY)).site_name == "EXN"
    assert metadata_of(page('<meta property="og:site_name" content="Example.org">', STORY)).site_name == "Example"


def test_site_name_from_the_title_suffix_when_it_names_the_host() -> None:
    meta = metadata_of(page("<title>Budget passes | Pluralsight</title>", STORY), url="https://www.pluralsight.com/x")
    assert meta.site_name == "Pluralsight"
    assert meta.provenance["site_name"] is ProvenanceSource.HEURISTIC


def test_without_a_declared_image_the_first_story_picture_is_used() -> None:
    body = (
        '<article><img class="author-avatar" src="/u/jane.jpg" width="60"><h1>Bridge reopens</h1>'
        '<figure><a href="/media/bridge-full.jpg"><img src="/media/bridge-640.jpg" alt="The bridge"></a></figure>'
        f"{STORY}</article>"
    )
    meta = metadata_of(page("", body), url="https://example.com/a/bridge")
    assert meta.image is not None
    assert meta.image.url == "https://example.com/media/bridge-full.jpg"
    assert meta.provenance["image"] is ProvenanceSource.HEURISTIC


def test_rdfa_and_abbr_publication_stamps() -> None:
    rdfa = f'<h1>Wine sales grow</h1>{STORY}<span property="schema:dateCreated" content="2022-01-28T12:45:46+01:00">'
    assert metadata_of(page("", rdfa)).published_at == "2022-01-28T12:45:46+01:00"
    abbr = f"<h1>Wine sales grow</h1>{STORY}<abbr class='published' title='2019-10-16T14:33:00-07:00'>2:33 PM</abbr>"
    assert metadata_of(page("", abbr)).published_at == "2019-10-16T14:33:00-07:00"


def test_unmarked_kicker_child_of_the_headline_is_dropped_when_a_declared_title_confirms_it() -> None:
    head = '<meta property="og:title" content="Große Aufgaben für die neue Regierung">'
    body = "<h1><span>Tunesien</span> <span>Große Aufgaben für die neue Regierung</span></h1>" + GERMAN_STORY
    assert metadata_of(page(head, body, lang="de")).title == "Große Aufgaben für die neue Regierung"


def test_an_h1_opening_with_a_kicker_element_before_the_declared_title_gives_the_declared_title() -> None:
    head = '<meta property="og:title" content="Klimavorreiter Oberland?">'
    body = (
        '<h1 itemprop="headline"><small>Energiewende Oberland:</small><br> Klimavorreiter Oberland?</h1>' + GERMAN_STORY
    )
    assert metadata_of(page(head, body, lang="de")).title == "Klimavorreiter Oberland?"


def test_a_kicker_element_opening_the_h1_is_dropped_when_the_declared_title_separates_it() -> None:
    head = '<meta property="og:title" content="Klimaschutz – Bohren, bis es heiß wird">'
    body = "<h1><span>Klimaschutz</span> <span>Bohren, bis es heiß wird</span></h1>" + GERMAN_STORY
    assert metadata_of(page(head, body, lang="de")).title == "Bohren, bis es heiß wird"


def test_words_before_the_declared_title_in_the_h1_text_itself_stay_in_the_headline() -> None:
    head = '<meta property="og:title" content="Marita Kramer verpasst Olympische Spiele in Peking">'
    body = '<h1>"Pure Leere": Marita Kramer verpasst Olympische Spiele in Peking</h1>' + GERMAN_STORY
    title = metadata_of(page(head, body, lang="de")).title
    assert title == '"Pure Leere": Marita Kramer verpasst Olympische Spiele in Peking'


def test_a_logo_h1_naming_the_site_is_not_the_headline() -> None:
    head = '<meta property="og:site_name" content="Harbour Line"><title>Port strike ends | Harbour Line</title>'
    body = "<h1>Harbour Line</h1><h2>Port strike ends</h2>" + STORY
    assert metadata_of(page(head, body)).title == "Port strike ends"


def test_an_h1_equal_to_the_longest_part_of_the_title_is_the_headline() -> None:
    head = "<title>Harbour Online - Notices - Port strike ends</title>"
    body = "<h1>Harbour</h1><h1>Notices</h1><h1>Port strike ends</h1>" + STORY
    assert metadata_of(page(head, body)).title == "Port strike ends"


def test_an_h1_equal_to_a_long_site_tagline_in_the_title_does_not_beat_the_confirmed_headline() -> None:
    head = (
        '<meta property="og:title" content="Port strike ends">'
        "<title>Port strike ends | News for a better harbour</title>"
    )
    body = "<h1>News for a better harbour</h1><h1>Port strike ends</h1>" + STORY
    assert metadata_of(page(head, body)).title == "Port strike ends"


def test_a_title_prefix_holding_the_site_name_is_removed() -> None:
    head = "<title>Harbourline's Digital Home | Port strike ends after three weeks</title>"
    url = "https://www.harbourline.com/2024/port-strike"
    assert metadata_of(page(head, STORY), url=url).title == "Port strike ends after three weeks"


def test_a_title_prefix_holding_the_site_name_stays_before_a_short_rest() -> None:
    head = "<title>Harbourline Awards | Jobs</title>"
    url = "https://www.harbourline.com/awards"
    assert metadata_of(page(head, STORY), url=url).title == "Harbourline Awards | Jobs"


def test_site_suffix_without_spaces_is_removed() -> None:
    head = '<meta property="og:site_name" content="新华网"><title>武汉的声音：有英勇的你-新华网</title>'
    assert metadata_of(page(head, STORY, lang="zh")).title == "武汉的声音：有英勇的你"


def test_undeclared_language_is_detected_from_the_text() -> None:
    html = f"<html><head><title>Haushalt beschlossen</title></head><body>{GERMAN_STORY}</body></html>"
    meta = metadata_of(html)
    assert meta.language == "de"
    assert meta.provenance["language"] is ProvenanceSource.HEURISTIC


def test_page_locale_decides_what_ist_means() -> None:
    body = f"<h1>Budget passes in the Dáil</h1><p class='date'>Published: 14 July 2024 09:15 IST</p>{STORY}"
    head = '<meta property="og:locale" content="en_IE">'
    meta = metadata_of(page(head, body, lang="en"), url="https://news.example.com/budget")
    assert meta.published_at == "2024-07-14T09:15:00+01:00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en-US", "en"),
        ("EN", "en"),
        ("pt_BR", "pt"),
        ("x-default", None),
        ("", None),
        (None, None),
        ("zh-Hant-TW", "zh"),
    ],
)
def test_language_primary_subtag(value: str | None, expected: str | None) -> None:
    assert primary_subtag(value) == expected


def test_related_items_created_earlier_that_day_do_not_move_the_publication_time() -> None:
    head = '<meta property="article:published_time" content="2016-12-19T12:55:00-08:00">'
    related = "".join(
        f"<li>Other story <time itemprop='dateCreated' datetime='2016-12-19T{h}:00:00-08:00'>1 hour ago</time></li>"
        for h in ("09", "11")
    )
    body = f"<h1>Decorating mistakes</h1>{STORY}<ul class='related'>{related}</ul>"
    assert metadata_of(page(head, body)).published_at == "2016-12-19T12:55:00-08:00"


def test_the_fetched_address_gives_the_url_date_when_a_cross_site_canonical_has_none() -> None:
    head = '<link rel="canonical" href="https://partner.example.org/4603308/gadgets/">'
    body = f"<h1>Gadgets for the assistant</h1>{STORY}"
    meta = metadata_of(page(head, body), url="https://news.example.com/2016/12/15/gadgets/")
    assert meta.published_at == "2016-12-15"
    assert meta.provenance["published_at"] is ProvenanceSource.URL


def test_a_date_after_a_label_leading_the_first_paragraph_is_the_publication_day() -> None:
    body = f"<h1>Neue Zusammenarbeit</h1><p>Pressemitteilung vom 25. Januar 2022 | Berlin – {GERMAN_STORY[3:]}"
    assert metadata_of(page("", body, lang="de"), url="https://ministerium.example.de/meldung").published_at == (
        "2022-01-25"
    )


def test_without_a_declared_description_the_lead_paragraph_stands_in() -> None:
    body = f"<h1>Budget passes</h1><p class='byline'>By Jane Doe</p>{STORY}"
    meta = metadata_of(page("", body))
    assert meta.description is not None
    assert meta.description.startswith("The city council approved the new budget on Tuesday")
    assert meta.provenance["description"] is ProvenanceSource.HEURISTIC


def test_a_declared_description_beats_the_lead_paragraph() -> None:
    head = '<meta name="description" content="Council approves budget; library opens Sundays.">'
    meta = metadata_of(page(head, f"<h1>Budget passes</h1>{STORY}"))
    assert meta.description == "Council approves budget; library opens Sundays."


def test_a_lead_paragraph_in_boilerplate_is_not_a_description() -> None:
    body = f"<div class='cookie-banner'><p>{'We use cookies to improve your experience on our website. ' * 2}</p></div>"
    assert metadata_of(page("", body)).description is None


def test_the_secure_og_image_is_preferred() -> None:
    head = (
        '<meta property="og:image" content="http://books.example.jp/images/picture978.gif">'
        '<meta property="og:image:secure_url" content="https://books.example.jp/images/picture_large978.jpeg">'
    )
    meta = metadata_of(page(head, STORY))
    assert meta.image is not None
    assert meta.image.url == "https://books.example.jp/images/picture_large978.jpeg"


def test_a_one_word_jsonld_author_is_completed_by_the_bio_naming_them_in_full() -> None:
    person = {"@type": "Person", "@id": "#nils", "name": "Nils", "description": "Nils Pickert ist freier Autor."}
    article = {"@type": "BlogPosting", "headline": "Patriarchat", "author": {"@id": "#nils"}}
    meta = metadata_of(page(jsonld({"@graph": [article, person]}), GERMAN_STORY, lang="de"))
    assert meta.authors == ["Nils Pickert"]


def test_a_one_word_jsonld_author_with_a_bio_about_something_else_stays_as_written() -> None:
    person = {"@type": "Person", "name": "Lynn", "description": "Lynn loves Healthy Food and travel."}
    article = {"@type": "BlogPosting", "headline": "Swimwear", "author": person}
    assert metadata_of(page(jsonld(article), STORY)).authors == ["Lynn"]


def test_the_byline_day_overrules_declared_stamps_days_apart_from_it() -> None:
    head = jsonld({"@type": "NewsArticle", "headline": "Lockdown extended", "datePublished": "2021-03-16T16:16:10Z"})
    body = f"<h1>Lockdown extended</h1><p class='date'>20.03.2021, 15:00 Uhr</p>{GERMAN_STORY}"
    meta = metadata_of(page(head, body, lang="de"), url="https://www.example.de/cms/lockdown-4725")
    assert meta.published_at == "2021-03-20T15:00:00+01:00"
    assert meta.provenance["published_at"] is ProvenanceSource.BYLINE


def test_a_url_day_backing_the_declared_stamp_keeps_it_against_a_lone_shown_date() -> None:
    head = '<meta property="article:published_time" content="2023-11-08T14:00:00-07:00">'
    body = f"<h1>Playoffs: second weekend</h1><p>September 29, 2023</p>{STORY}"
    meta = metadata_of(page(head, body), url="https://news.example.com/2023/11/08/playoffs/")
    assert meta.published_at == "2023-11-08T14:00:00-07:00"
