"""Which date a page's publication day comes from: the rules that choose among JSON-LD, meta tags, microdata,
the lines after the headline and the URL (each test shows one class of page)."""

from __future__ import annotations

from article_ingest.extraction.metadata.dates import parse_date, told_in_prose
from tests.unit.extraction.pages import jsonld, metadata_of, page

STORY = (
    "<p>The city council approved the new budget on Tuesday after a long debate about schools, roads and the "
    "public library, which will now stay open on Sundays for the first time in a decade.</p>"
    "<p>Opponents said the plan relies on optimistic revenue forecasts, but the mayor defended it as prudent.</p>"
)


def test_a_date_told_in_the_standfirst_is_not_the_publication_day() -> None:
    body = (
        "<h1>Missing man's father has given up hope</h1>"
        "<p class='standfirst'>Allan Brodie vanished in Kirkcaldy in the early hours of Sunday morning, "
        "November 3, 2013, after leaving a nightclub.</p>"
        "<div class='meta'><span class='author'>By Jane Roe</span> <span>04:30, 3 NOV 2023</span></div>"
        f"{STORY}"
    )
    assert metadata_of(page("", body)).published_at == "2023-11-03"


def test_an_event_date_in_the_standfirst_does_not_overrule_the_declared_day() -> None:
    head = jsonld({"@type": "NewsArticle", "headline": "Angelmesse", "datePublished": "2022-01-11T09:50:50+01:00"})
    body = (
        "<h1>Angelmesse kommt zurück</h1>"
        "<p>Der Termin für die nächste Messe in Rostock steht fest: Am 21. und 22. Mai 2022 dreht sich im Park "
        "alles ums Angeln.</p>"
        "<p>Die Veranstalter erwarten mehrere tausend Besucher und zahlreiche Aussteller aus ganz Europa, dazu "
        "Vorführungen, Vorträge und ein Programm für Familien mit Kindern an beiden Tagen der Messe.</p>"
    )
    assert metadata_of(page(head, body, lang="de")).published_at == "2022-01-11T09:50:50+01:00"


def test_a_caption_outside_figcaption_gives_way_to_the_date_line_after_it() -> None:
    body = (
        "<h1>Protesters try to enter theater where Macron watched a show</h1>"
        "<div class='photo'><img src='/m.jpg' alt=''><p class='credit'>FILE PHOTO: The president speaks during a "
        "ceremony at an air base near Orleans, France, January 16, 2020. Pool via REUTERS</p></div>"
        f"<p class='date'>January 18, 2020</p>{STORY}"
    )
    assert metadata_of(page("", body)).published_at == "2020-01-18"


def test_a_date_line_with_a_label_name_and_place_is_not_prose() -> None:
    for line in (
        "Von Heike Buchter 19. Oktober 2019, 19:08 Uhr",
        "Published by the Desk in Dakar on 3 March 2020",
        "By John Smith and Jane Doe, Staff Writers for The Daily Planet Updated March 3, 2020",
    ):
        parsed = parse_date(line)
        assert parsed is not None
        assert not told_in_prose(line, parsed)
    sentence = "The council first met in the old town hall on a cold morning, March 3, 2009, to vote on it."
    parsed = parse_date(sentence)
    assert parsed is not None
    assert told_in_prose(sentence, parsed)


def test_an_embedded_posts_date_does_not_overrule_the_declared_day() -> None:
    head = jsonld({"@type": "Article", "headline": "Must every picture be labelled?", "datePublished": "2018-05-23"})
    body = (
        "<div class='hero'><h2>Must every picture on Instagram be labelled?</h2></div>"
        "<div class='section-html'><blockquote class='instagram-media'><div><p><a href='https://example.org/p/1'>"
        "A post shared by Jane (@jane)</a> on <time datetime='2018-03-27T07:08:52+00:00'>Mar 27, 2018 at 12:08 "
        f"PDT</time></p></div></blockquote></div>{STORY}"
    )
    assert metadata_of(page(head, body)).published_at == "2018-05-23"


def test_a_time_elements_shown_day_wins_over_a_machine_stamp_days_away() -> None:
    body = (
        "<article><header><h1>Quand on comprend les grenades</h1><div class='time'>"
        "<time datetime='2019-07-03T10:18:46Z'>Publié le 29 juin 2019</time></div></header>"
        f"{STORY}</article>"
    )
    assert metadata_of(page("", body, lang="fr"), url="https://infos.example.org/spip.php?article42").published_at == (
        "2019-06-29"
    )


def test_a_time_element_a_zone_apart_from_its_text_keeps_its_instant() -> None:
    body = f"<h1>Budget passes</h1><p class='meta'><time datetime='2020-03-05T01:30:00Z'>03/04/2020</time></p>{STORY}"
    assert metadata_of(page("", body)).published_at == "2020-03-05T01:30:00+00:00"


GERMAN_STORY = (
    "Energieverbraucher erhalten eine Preiserhöhung nach der nächsten, und viele wissen nicht, welche Rechte sie "
    "gegenüber ihrem Versorger haben und welche Entlastungen ihnen der Staat in diesem Winter gewährt."
)


def test_a_date_leading_a_paragraph_is_the_last_resort() -> None:
    body = (
        "<div class='content'><h6>Energiepreiskrise: Entlastungen und Rechte</h6><h5><em>Von Leonora Holl</em></h5>"
        f"<p>(21. November 2022) {GERMAN_STORY}</p><p>{GERMAN_STORY}</p></div>"
    )
    meta = metadata_of(page("", body, lang="de"), url="https://verband.example.de/preise/NewsDetail__18725/")
    assert meta.published_at == "2022-11-21"


def test_a_last_updated_line_dates_a_page_that_shows_nothing_else_as_its_modification() -> None:
    """An old news template (BBC News, 2007): no headline element, no meta date, no date in the URL; its one date
    is the "Last Updated" line over the story. Both dates come from it, flagged as our reading."""
    body = (
        "<table><tr><td><a name='startcontent'></a><span class='ds'><span class='lu'>Last Updated: </span>"
        "Monday, 26 November 2007, 15:30 GMT</span><div class='sh'>Olmert in US for peace conference</div>"
        f"{STORY}</td></tr></table>"
    )
    meta = metadata_of(page("", body), url="http://news.example.co.uk/2/hi/middle_east/7113419.stm")
    assert meta.published_at == meta.modified_at == "2007-11-26T15:30:00+00:00"
    assert meta.provenance["published_at"] == meta.provenance["modified_at"] == "heuristic"


def test_an_undated_line_wins_over_a_last_updated_line_as_the_last_resort() -> None:
    body = f"<p><i>Last updated: Dec 28, 2004</i></p><h6>Cribs and sleep</h6><p>Posted 3 March 2004</p>{STORY}"
    meta = metadata_of(page("", body), url="http://parents.example.edu/advice/sleep/crib.html")
    assert meta.published_at == "2004-03-03"


def test_a_layout_class_naming_a_sidebar_does_not_make_the_story_a_sidebar() -> None:
    body = (
        "<aside class='sidebar'><p class='date'>3. Oktober 2022</p><p>Termine im Herbst</p></aside>"
        "<div class='main-content has-double-sidebar'><div class='article-content'>"
        "<h6>Energiepreiskrise: Entlastungen und Rechte</h6><p class='date'>21.11.2022</p>"
        f"<p>{GERMAN_STORY}</p></div></div>"
    )
    meta = metadata_of(page("", body, lang="de"), url="https://verband.example.de/preise/NewsDetail__18725/")
    assert meta.published_at == "2022-11-21"


ITALIAN_STORY = (
    "<p>Nel corso dell'anno appena concluso i guardiaparco hanno contato un numero di cuccioli mai visto prima, "
    "segno che le misure di tutela adottate negli ultimi dieci anni cominciano a dare i loro frutti.</p>"
)


def test_a_summary_that_dates_itself_is_read_when_nothing_else_gives_a_day() -> None:
    head = '<meta name="description" content="ORSO MARSICANO: 2019 UN ANNO DA RECORD (Notizia del 14 Gennaio 2020)">'
    body = f"<h3>ORSO MARSICANO: 2019 UN ANNO DA RECORD</h3>{ITALIAN_STORY}"
    meta = metadata_of(page(head, body, lang="it"), url="http://parco.example.it/dettaglio.php?id=58354")
    assert meta.published_at == "2020-01-14"


def test_a_summary_telling_an_event_date_in_a_sentence_gives_no_day() -> None:
    head = (
        '<meta name="description" content="Rangers counted a record number of cubs in the park after the '
        'reserve was enlarged on 3 March 2009 by a vote of the regional council.">'
    )
    body = f"<h3>Record year for the bears</h3>{STORY}"
    assert metadata_of(page(head, body), url="http://parco.example.it/dettaglio.php?id=58355").published_at is None
