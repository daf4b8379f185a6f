"""The date normalizer: formats, zone abbreviations by locale, naive times, crawl-date rejection, URL dates."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from article_ingest.extraction.metadata.dates import DateContext, date_from_url, normalize_date, parse_date
from article_ingest.extraction.metadata.timezones import resolve_abbreviation

_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}:\d{2})?$")
INDIA = DateContext(countries=frozenset({"in"}))
IRELAND = DateContext(countries=frozenset({"ie"}))
US = DateContext(countries=frozenset({"us"}), day_first=False)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-02-27T23:42:00+05:30", "2026-02-27T23:42:00+05:30"),
        ("2020-02-24T10:00:00Z", "2020-02-24T10:00:00+00:00"),
        ("2020-02-24T10:00:00.000-0500", "2020-02-24T10:00:00-05:00"),
        ("Sat, 27 Feb 2026 23:42:00 GMT", "2026-02-27T23:42:00+00:00"),
        ("Feb. 27, 2026", "2026-02-27"),
        ("February 27th, 2026", "2026-02-27"),
        ("27 de febrero de 2026", "2026-02-27"),
        ("27. Februar 2026", "2026-02-27"),
        ("le 27 février 2026", "2026-02-27"),
        ("27 marzo 2026", "2026-03-27"),
        ("27 февраля 2026", "2026-02-27"),
        ("2023年11月2日", "2023-11-02"),
        ("Posted on 2019/04/13", "2019-04-13"),
        ("27.02.2026", "2026-02-27"),
    ],
)
def test_common_formats_are_normalized(raw: str, expected: str) -> None:
    assert normalize_date(raw) == expected


def test_ist_on_an_indian_page_is_india_standard_time() -> None:
    parsed = parse_date("Updated: 27-02-2026 23:42 IST", INDIA)
    assert parsed is not None
    assert parsed.iso == "2026-02-27T23:42:00+05:30"
    assert parsed.raw == "27-02-2026 23:42 IST"


def test_ist_on_an_irish_page_is_irish_summer_time() -> None:
    assert normalize_date("14 July 2024 09:15 IST", IRELAND) == "2024-07-14T09:15:00+01:00"


def test_ist_without_any_locale_takes_its_most_common_meaning_not_utc() -> None:
    assert normalize_date("27-02-2026 23:42 IST") == "2026-02-27T23:42:00+05:30"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("February 27, 2026 11:42 PM EST", "2026-02-27T23:42:00-05:00"),
        ("March 3, 2020 at 9:05 a.m. EDT", "2020-03-03T09:05:00-04:00"),
        ("27. Juli 2025, 14:30 CEST", "2025-07-27T14:30:00+02:00"),
        ("27.01.2025 14:30 MEZ", "2025-01-27T14:30:00+01:00"),
        ("2025-01-27 14:30 (UTC+3)", "2025-01-27T14:30:00+03:00"),
    ],
)
def test_zone_abbreviations_and_offsets_become_utc_offsets(raw: str, expected: str) -> None:
    assert normalize_date(raw, US) == expected


def test_generic_eastern_time_follows_daylight_saving() -> None:
    assert normalize_date("November 29, 2016: 3:33 AM ET") == "2016-11-29T03:33:00-05:00"
    assert normalize_date("July 4, 2020 3:33 PM ET") == "2020-07-04T15:33:00-04:00"


def test_cst_is_china_standard_time_on_a_chinese_page() -> None:
    assert resolve_abbreviation("CST", frozenset({"cn"})) is not None
    assert normalize_date("2024-05-01 08:00 CST", DateContext(countries=frozenset({"cn"}))) == (
        "2024-05-01T08:00:00+08:00"
    )


def test_a_naive_time_keeps_only_the_day() -> None:
    parsed = parse_date("2019-06-28 10:00:00")
    assert parsed is not None
    assert (parsed.iso, parsed.has_time) == ("2019-06-28", False)


def test_unknown_words_after_a_time_are_not_taken_as_zones() -> None:
    assert normalize_date("27. Februar 2026, 14:30 Uhr") == "2026-02-27"


def test_a_utc_stamp_is_shown_in_the_page_zone_when_its_country_has_one() -> None:
    from zoneinfo import ZoneInfo

    context = DateContext(countries=frozenset({"de"}), zone=ZoneInfo("Europe/Berlin"))
    assert normalize_date("2022-11-06T23:00:00Z", context) == "2022-11-07T00:00:00+01:00"


def test_a_stamp_with_unpadded_seconds_keeps_its_zone() -> None:
    # some templates print seconds without the leading zero: the Z still makes it an instant
    assert normalize_date("2020-12-05T23:15:0Z") == "2020-12-05T23:15:00+00:00"
    assert normalize_date("2020-12-05T23:15:7+01:00") == "2020-12-05T23:15:07+01:00"


def test_numeric_dates_follow_the_page_order_of_day_and_month() -> None:
    assert normalize_date("03/04/2020", DateContext(day_first=True)) == "2020-04-03"
    assert normalize_date("03/04/2020", US) == "2020-03-04"
    assert normalize_date("13/04/2020", US) == "2020-04-13"


def test_two_digit_years_only_where_the_text_is_a_date_line() -> None:
    assert normalize_date("28.01.22") is None  # could be a version or a score anywhere else
    assert normalize_date("28.01.22", DateContext(short_years=True, not_after=date(2024, 1, 1))) == "2022-01-28"
    assert normalize_date("28.01.99", DateContext(short_years=True, not_after=date(2024, 1, 1))) == "1999-01-28"


def test_dates_after_the_crawl_are_rejected() -> None:
    context = DateContext(not_after=date(2024, 1, 2))
    assert normalize_date("2024-01-02", context) == "2024-01-02"
    assert normalize_date("2031-05-05", context) is None


def test_implausible_dates_are_rejected() -> None:
    assert normalize_date("1970-01-01") is None
    assert normalize_date("2024-02-30") is None
    assert normalize_date("1582230000") is None
    assert normalize_date("") is None
    assert normalize_date(None) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2020/02/24/some-story/", "2020-02-24"),
        ("https://example.com/news/2020-02-24-some-story.html", "2020-02-24"),
        ("https://buzz.example.jp/news/20190302-tax-rate/", "2019-03-02"),
        ("https://example.com/article/politics/3812345-us-lifts", None),
        ("https://example.com/2020/13/45/not-a-day", None),
    ],
)
def test_dates_in_urls(url: str, expected: str | None) -> None:
    parsed = date_from_url(url)
    assert (parsed.iso if parsed else None) == expected


@given(st.text(max_size=120))
def test_normalizer_never_raises_and_returns_iso_or_none(raw: str) -> None:
    result = normalize_date(raw, INDIA)
    assert result is None or _ISO_RE.match(result)


@given(
    st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from(["IST", "EST", "CEST", "GMT", "Z", "+05:30", "-0800", "PM", ""]),
)
def test_generated_timestamps_normalize_to_iso(day: date, hour: int, minute: int, zone: str) -> None:
    raw = f"{day:%d %B %Y} {hour:02d}:{minute:02d} {zone}".strip()
    result = normalize_date(raw, INDIA)
    assert result is not None
    assert _ISO_RE.match(result)
    assert result.startswith(day.isoformat())


def test_a_text_that_lower_casing_lengthens_keeps_its_date_and_raw_span() -> None:
    parsed = parse_date("İSTANBUL, 14 MARCH 2021 09:30 GMT")
    assert parsed is not None
    assert parsed.iso == "2021-03-14T09:30:00+00:00"
    assert parsed.raw == "14 MARCH 2021 09:30 GMT"
