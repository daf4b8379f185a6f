"""The published minute: which clock time a page's publication gets, and in which zone (each test shows one class
of page). A zoneless time is read in the page's zone only where its country keeps one civil time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from article_ingest.domain.article import ProvenanceSource
from article_ingest.extraction.metadata.dates import DateContext, parse_date
from tests.unit.extraction.pages import jsonld, metadata_of, page

STORY = (
    "<p>The harbour authority approved the new ferry timetable on Tuesday after a long debate about night "
    "crossings, freight slots and the old pier, which will now stay open on Sundays for the first time in years.</p>"
    "<p>Opponents said the plan relies on optimistic passenger forecasts, but the authority defended it.</p>"
)
GERMAN_STORY = (
    "<p>Der Gemeinderat hat am Dienstag nach langer Debatte den neuen Fahrplan für die Fähre beschlossen. Die "
    "Nachtfahrten bleiben erhalten, und der alte Anleger wird erstmals seit Jahren auch sonntags geöffnet.</p>"
    "<p>Kritiker halten die Prognosen für zu optimistisch, die Verwaltung verteidigt den Plan als solide.</p>"
)
BERLIN = DateContext(countries=frozenset({"de"}), zone=ZoneInfo("Europe/Berlin"))


def test_a_zoneless_time_is_read_in_the_zone_of_a_single_zone_country_with_its_daylight_saving() -> None:
    summer, winter = parse_date("14.07.2021, 18:05 Uhr", BERLIN), parse_date("3. Februar 2022 um 9:15", BERLIN)
    assert summer is not None
    assert winter is not None
    assert (summer.iso, summer.zone_stated) == ("2021-07-14T18:05:00+02:00", False)
    assert (winter.iso, winter.zone_stated) == ("2022-02-03T09:15:00+01:00", False)


def test_a_duration_or_a_time_ahead_of_the_date_is_not_read_in_the_page_zone() -> None:
    for text in ("12.03.2021 | 3:20 Min.", "12.03.2021 | 03:20 minutes", "Video 2:45 - 12.03.2021"):
        parsed = parse_date(text, BERLIN)
        assert parsed is not None
        assert parsed.iso == "2021-03-12", text
    stated = parse_date("23:42 MEZ, 27.02.2026", BERLIN)  # a time ahead of its date that states its zone counts
    assert stated is not None
    assert stated.iso == "2026-02-27T23:42:00+01:00"


def test_a_zoneless_time_stays_a_plain_day_where_the_country_has_several_zones() -> None:
    parsed = parse_date("December 12, 2016 7:00 AM", DateContext(countries=frozenset({"us"}), day_first=False))
    assert parsed is not None
    assert (parsed.iso, parsed.raw) == ("2016-12-12", "December 12, 2016 7:00 AM")


def test_the_byline_time_of_a_german_page_gives_the_published_minute() -> None:
    body = f"<h1>Fähre fährt wieder nachts</h1><p class='meta'>Von Jana Berg · 19.10.2019, 18:05 Uhr</p>{GERMAN_STORY}"
    meta = metadata_of(page("", body, lang="de"), url="https://www.example.de/lokales/faehre-nachts-1234")
    assert meta.published_at == "2019-10-19T18:05:00+02:00"
    assert meta.published_at_raw == "19.10.2019, 18:05 Uhr"


def test_a_zoneless_time_on_a_japanese_page_is_japan_time() -> None:
    body = f"<h1>フェリーの夜間運航が再開</h1><p class='date'>2020/07/13 01:10</p>{STORY}"
    meta = metadata_of(page("", body, lang="ja"), url="https://news.example.jp/articles/20200713-ferry")
    assert meta.published_at == "2020-07-13T01:10:00+09:00"


def test_a_stamp_that_states_its_zone_goes_before_a_zoneless_one_read_in_the_page_zone() -> None:
    # the zoneless meta stamp is the same UTC instant written without its "Z": read as Berlin time it is an hour early
    head = '<meta property="article:published_time" content="2023-11-01 08:20:40">' + jsonld(
        {"@type": "NewsArticle", "headline": "Fähre", "datePublished": "2023-11-01T08:20:40+00:00"}
    )
    body = f"<h1>Fähre fährt wieder nachts</h1>{GERMAN_STORY}"
    meta = metadata_of(page(head, body, lang="de"), url="https://www.example.de/lokales/faehre-nachts-1234")
    assert meta.published_at == "2023-11-01T09:20:40+01:00"


def test_a_time_element_stating_its_zone_refines_the_zoneless_line_around_it() -> None:
    body = (
        "<h1>Fähre fährt wieder nachts</h1>"
        "<p class='submitted'>Gespeichert von redaktion am "
        "<time datetime='2019-07-07T18:44:31+0200'>7. Juli 2019 - 18:44</time></p>"
        f"{GERMAN_STORY}"
    )
    meta = metadata_of(page("", body, lang="de"), url="https://www.example.de/lokales/faehre-nachts-1234")
    assert meta.published_at == "2019-07-07T18:44:31+02:00"


def test_an_updated_time_on_the_publication_day_is_the_time_of_a_page_that_shows_no_other() -> None:
    body = (
        "<h1>Ferry night crossings return</h1>"
        "<div class='byline'><a href='/reporters/jane-roe'>Jane Roe</a> / <span>Updated: Oct 9, 2019, 11:05 IST</span>"
        f"</div>{STORY}"
    )
    meta = metadata_of(page("", body), url="https://news.example.in/city/2019/10/09/ferry-night-crossings")
    assert meta.published_at == "2019-10-09T11:05:00+05:30"
    assert meta.modified_at == "2019-10-09T11:05:00+05:30"
    assert meta.provenance["published_at"] is ProvenanceSource.BYLINE


def test_a_lone_updated_time_on_a_later_day_neither_dates_nor_times_the_publication() -> None:
    body = f"<h1>Ferry night crossings return</h1><div>Updated: Oct 10, 2019, 11:05 IST</div>{STORY}"
    meta = metadata_of(page("", body), url="https://news.example.in/city/2019/10/09/ferry-night-crossings")
    assert meta.published_at == "2019-10-09"


def test_a_declared_modified_time_does_not_time_a_publication_day() -> None:
    head = '<meta property="article:modified_time" content="2019-10-09T17:40:00+05:30">'
    meta = metadata_of(
        page(head, f"<h1>Ferry night crossings return</h1>{STORY}"),
        url="https://news.example.in/city/2019/10/09/ferry-night-crossings",
    )
    assert meta.published_at == "2019-10-09"


@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31)),
    zone_name=st.sampled_from(["Europe/Berlin", "Europe/London", "Asia/Tokyo", "Asia/Kolkata", "Pacific/Auckland"]),
)
def test_a_zoneless_time_keeps_its_wall_clock_and_takes_the_zone_offset_of_that_moment(
    moment: datetime, zone_name: str
) -> None:
    zone = ZoneInfo(zone_name)
    parsed = parse_date(moment.strftime("%d.%m.%Y %H:%M"), DateContext(zone=zone))
    assert parsed is not None
    assert parsed.moment is not None
    wall_clock = moment.replace(second=0, microsecond=0)
    assert parsed.moment.replace(tzinfo=None) == wall_clock
    assert parsed.moment.utcoffset() == wall_clock.replace(tzinfo=zone).utcoffset()
    assert not parsed.zone_stated
