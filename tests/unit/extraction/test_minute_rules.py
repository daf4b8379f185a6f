"""The published minute: which clock time a page's publication gets, and in which zone (each test shows one class
of page). A zoneless time is placed by the page's clock (`page_clock`): the zone another stamp states for that very
time, the country's single zone, the offset the page's other stamps state, else (a guess, flagged) Eastern on an
American page."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from article_ingest.domain.article import ProvenanceSource
from article_ingest.extraction.metadata.dates import DateContext, ParsedDate, in_zone, parse_date
from article_ingest.extraction.metadata.page_clock import page_clock
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
EASTERN = ZoneInfo("America/New_York")
AMERICAN = DateContext(countries=frozenset({"us"}), day_first=False, default_zone=EASTERN)
US_URL = "https://www.example.com/news/2016/12/01/ferry-night-crossings"


def parsed(text: str, context: DateContext = AMERICAN) -> ParsedDate:
    found = parse_date(text, context)
    assert found is not None, text
    return found


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


def test_the_normalizer_keeps_a_zoneless_time_as_a_day_with_its_wall_clock_where_a_country_has_several_zones() -> None:
    found = parsed("December 12, 2016 7:00 PM")
    assert (found.iso, found.raw, found.has_time) == ("2016-12-12", "December 12, 2016 7:00 PM", False)
    assert found.wall_clock == datetime(2016, 12, 12, 19, 0)
    assert in_zone(found, EASTERN).iso == "2016-12-12T19:00:00-05:00"
    assert parsed("2016-12-12T19:00:00Z").wall_clock is None  # a stated zone leaves nothing to place
    assert parsed("12.03.2021 | 3:20 Min.", BERLIN).wall_clock is None  # a duration is no clock time


# --- the page's clock: where a zoneless time is placed ------------------------------------------------------------


def test_a_zoneless_stamp_takes_the_zone_another_source_states_for_the_same_clock_time() -> None:
    zoneless, shown = parsed("2016-11-29T03:33:08"), parsed("November 29, 2016: 3:33 AM ET")
    placed = page_clock([(zoneless, True), (shown, True)], AMERICAN).place(zoneless)
    assert (placed.iso, placed.zone_stated, placed.zone_guessed) == ("2016-11-29T03:33:08-05:00", False, False)


def test_a_zoneless_time_showing_the_utc_clock_of_a_stamp_is_utc_not_the_countrys_usual_zone() -> None:
    shown, stamp = parsed("Dec 12, 2016 2:00 PM"), parsed("2016-12-12T14:00:00.000Z")
    assert page_clock([(shown, True), (stamp, True)], AMERICAN).place(shown).iso == "2016-12-12T14:00:00+00:00"


def test_a_zoneless_time_takes_the_offset_most_of_the_pages_other_stamps_state() -> None:
    shown = parsed("December 14, 2016 2:24 pm")
    stamps = [parsed("2016-12-14T16:10:00-06:00"), parsed("2016-12-15T09:00:00-06:00"), parsed("2016-12-14T20:00Z")]
    clock = page_clock([(shown, True), *((stamp, True) for stamp in stamps)], AMERICAN)
    placed = clock.place(shown)
    assert (placed.iso, placed.zone_guessed) == ("2016-12-14T14:24:00-06:00", False)


def test_an_embedded_posts_zone_says_nothing_about_the_site_and_an_american_page_is_placed_on_eastern_time() -> None:
    shown, tweet = parsed("July 4, 2021 1:01 PM"), parsed("2021-07-04T09:00:00-07:00")
    placed = page_clock([(shown, True), (tweet, False)], AMERICAN).place(shown)
    assert (placed.iso, placed.zone_stated, placed.zone_guessed) == ("2021-07-04T13:01:00-04:00", False, True)


def test_a_single_zone_country_goes_before_the_offset_of_other_stamps() -> None:
    shown, stamp = parsed("14.07.2021, 18:05 Uhr", BERLIN), parsed("2021-07-14T10:00:00-05:00", BERLIN)
    assert page_clock([(shown, True), (stamp, True)], BERLIN).place(shown).iso == "2021-07-14T18:05:00+02:00"


def test_a_utc_instant_placed_by_its_twin_is_written_in_the_single_zone_of_the_page() -> None:
    zoneless, stamp = parsed("2023-11-01 08:20:40", BERLIN), parsed("2023-11-01T08:20:40+00:00", BERLIN)
    assert page_clock([(zoneless, True), (stamp, True)], BERLIN).place(zoneless).iso == "2023-11-01T09:20:40+01:00"


def test_a_zoneless_time_stays_a_plain_day_on_a_page_of_no_known_zone() -> None:
    unknown = DateContext()
    shown = parsed("December 12, 2016 7:00 AM", unknown)
    assert page_clock([(shown, True)], unknown).place(shown).iso == "2016-12-12"


# --- whole pages ----------------------------------------------------------------------------------------------------


def test_an_american_pages_zoneless_byline_time_is_eastern_and_says_its_zone_was_guessed() -> None:
    body = f"<h1>Ferry night crossings return</h1><p class='byline'>By Jane Roe | Dec 1st 2016 1:01PM</p>{STORY}"
    meta = metadata_of(page("", body), url=US_URL)
    assert meta.published_at == "2016-12-01T13:01:00-05:00"
    assert meta.published_at_raw == "Dec 1st 2016 1:01PM"
    assert meta.provenance["published_at"] is ProvenanceSource.HEURISTIC


def test_a_guessed_zone_gives_way_to_a_time_whose_zone_the_page_states() -> None:
    head = '<meta name="pubdate" content="2016-12-01T18:45:00Z">'
    body = f"<h1>Ferry night crossings return</h1><p class='byline'>By Jane Roe | Dec 1st 2016 1:01PM</p>{STORY}"
    meta = metadata_of(page(head, body), url=US_URL)
    assert meta.published_at == "2016-12-01T18:45:00+00:00"
    assert meta.provenance["published_at"] is ProvenanceSource.META


def test_the_pages_updated_stamp_tells_the_zone_of_its_zoneless_byline() -> None:
    head = '<meta property="article:modified_time" content="2016-12-01T15:20:00-06:00">'
    body = f"<h1>Ferry night crossings return</h1><p class='byline'>By Jane Roe | Dec 1st 2016 1:01PM</p>{STORY}"
    meta = metadata_of(page(head, body), url=US_URL)
    assert meta.published_at == "2016-12-01T13:01:00-06:00"
    assert meta.provenance["published_at"] is ProvenanceSource.BYLINE


def test_a_zoneless_winner_gives_way_to_the_same_instant_from_a_stamp_that_states_its_zone_and_seconds() -> None:
    head = (
        '<meta name="pubdate" content="2016-12-01T21:56:18Z">'
        '<meta property="article:modified_time" content="2016-12-01T18:30:00-05:00">'  # places the byline: -05:00
    )
    body = f"<h1>Ferry night crossings return</h1><p class='byline'>By Jane Roe | Dec 1st 2016 4:56 p.m.</p>{STORY}"
    meta = metadata_of(page(head, body), url=US_URL)
    assert (meta.published_at, meta.published_at_raw) == ("2016-12-01T21:56:18+00:00", "2016-12-01T21:56:18Z")


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
    wall_clock = moment.replace(second=0, microsecond=0, fold=0)  # an ambiguous clock time reads as the first
    assert parsed.moment.replace(tzinfo=None) == wall_clock
    assert parsed.moment.utcoffset() == wall_clock.replace(tzinfo=zone).utcoffset()
    assert not parsed.zone_stated


@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31)),
    zone_name=st.sampled_from(["America/New_York", "America/Chicago", "Australia/Sydney", "Europe/London"]),
)
def test_a_placed_zoneless_time_keeps_its_wall_clock_and_takes_the_offset_of_its_zone_at_that_moment(
    moment: datetime, zone_name: str
) -> None:
    zone = ZoneInfo(zone_name)
    found = parse_date(moment.strftime("%Y-%m-%d %H:%M"), DateContext())
    assert found is not None
    placed = in_zone(found, zone)
    assert placed.moment is not None
    wall_clock = moment.replace(second=0, microsecond=0, fold=0)  # an ambiguous clock time reads as the first
    assert placed.moment.replace(tzinfo=None) == wall_clock
    assert placed.moment.utcoffset() == wall_clock.replace(tzinfo=zone).utcoffset()
    assert placed.iso == placed.moment.isoformat()
    assert placed.has_time
    assert not placed.zone_stated
    assert placed.moment.tzinfo == timezone(placed.moment.utcoffset() or timedelta(0))  # a fixed offset, as written


def test_a_page_declaring_no_language_is_read_in_the_language_its_text_is_in() -> None:
    body = f"<h1>Ferry night crossings return</h1><p class='byline'>By Jane Roe | March 9 2017 4:21 PM</p>{STORY}"
    undeclared = page("", body).replace(' lang="en"', "")
    meta = metadata_of(undeclared, url="https://www.example.com/news/politics/ferry-night-crossings.html")
    assert meta.published_at == "2017-03-09T16:21:00-05:00"  # English on a .com: an American page


# --- a UTC instant on the local day of a country with several zones ---------------------------------------------------

US_ZONES = tuple(ZoneInfo(name) for name in ("America/New_York", "America/Chicago", "America/Los_Angeles"))
US_PAGE = DateContext(countries=frozenset({"us"}), day_first=False, default_zone=EASTERN, country_zones=US_ZONES)
UTC_STAMP = '<meta property="article:published_time" content="2020-05-02T02:54:29.000Z">'
UNDATED_US_URL = "https://www.example.com/news/ferry-night-crossings"


def test_a_utc_instant_is_written_on_the_local_day_every_zone_of_the_country_agrees_on() -> None:
    stamp = parsed("2020-05-02T02:54:29.000Z", US_PAGE)
    placed = page_clock([(stamp, True)], US_PAGE).place(stamp)
    assert (placed.iso, placed.day.isoformat(), placed.zone_guessed) == (
        "2020-05-01T22:54:29-04:00",
        "2020-05-01",
        True,
    )
    assert placed.moment == stamp.moment  # the same instant, re-expressed


def test_a_utc_instant_stays_in_utc_where_the_countrys_zones_put_it_on_different_days() -> None:
    stamp = parsed("2020-05-02T05:30:00Z", US_PAGE)  # 01:30 in New York, 22:30 the day before in Los Angeles
    assert page_clock([(stamp, True)], US_PAGE).place(stamp).iso == "2020-05-02T05:30:00+00:00"


def test_a_utc_instant_stays_in_utc_when_the_page_shows_its_readers_the_utc_day() -> None:
    stamp = parsed("2020-05-02T02:54:29.000Z", US_PAGE)
    clock = page_clock([(stamp, True)], US_PAGE, shown_days=frozenset({date(2020, 5, 2)}))
    assert clock.place(stamp).iso == "2020-05-02T02:54:29+00:00"


def test_a_us_pages_utc_stamp_is_published_on_the_local_day_and_says_its_offset_was_ours() -> None:
    body = f"<h1>Ferry night crossings return</h1>{STORY}"
    meta = metadata_of(page(UTC_STAMP, body, lang="en-US"), url=UNDATED_US_URL)
    assert meta.published_at == "2020-05-01T22:54:29-04:00"
    assert meta.published_at_raw == "2020-05-02T02:54:29.000Z"
    assert meta.provenance["published_at"] is ProvenanceSource.HEURISTIC


def test_a_pages_visible_utc_day_keeps_its_utc_stamp() -> None:
    body = f"<h1>Ferry night crossings return</h1><p class='byline'>By Jane Roe | May 2, 2020</p>{STORY}"
    meta = metadata_of(page(UTC_STAMP, body, lang="en-US"), url=UNDATED_US_URL)
    assert meta.published_at == "2020-05-02T02:54:29+00:00"


def test_a_zoneless_stamp_placed_in_utc_by_its_twin_is_written_on_the_local_day_too() -> None:
    zoneless, stamp = parsed("2020-05-02 02:54:29", US_PAGE), parsed("2020-05-02T02:54:29Z", US_PAGE)
    assert page_clock([(zoneless, True), (stamp, True)], US_PAGE).place(zoneless).iso == "2020-05-01T22:54:29-04:00"
