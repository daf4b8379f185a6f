"""What the page says about its own locale: countries (for zone abbreviations) and date order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from article_ingest.extraction.metadata.dates import DateContext
from article_ingest.extraction.metadata.text import hostname

# Languages spoken mostly in one country: their pages' zone abbreviations are read there.
_LANGUAGE_COUNTRY = {
    "hi": "in", "bn": "in", "mr": "in", "ta": "in", "te": "in", "gu": "in", "kn": "in", "ml": "in", "pa": "in",
    "ja": "jp", "ko": "kr", "he": "il", "ga": "ie", "tr": "tr", "ru": "ru", "ur": "pk", "th": "th", "vi": "vn",
    "id": "id", "ms": "my", "de": "de", "pt": "br",
}  # fmt: skip
_TLD_ALIASES = {"uk": "gb"}
# Countries with a single civil time zone: a UTC timestamp on their pages is shown in this zone.
_COUNTRY_ZONE = {
    "de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich", "fr": "Europe/Paris", "it": "Europe/Rome",
    "nl": "Europe/Amsterdam", "be": "Europe/Brussels", "lu": "Europe/Luxembourg", "pl": "Europe/Warsaw",
    "cz": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "si": "Europe/Ljubljana",
    "hr": "Europe/Zagreb", "rs": "Europe/Belgrade", "ro": "Europe/Bucharest", "bg": "Europe/Sofia",
    "gr": "Europe/Athens", "se": "Europe/Stockholm", "no": "Europe/Oslo", "dk": "Europe/Copenhagen",
    "fi": "Europe/Helsinki", "ee": "Europe/Tallinn", "lv": "Europe/Riga", "lt": "Europe/Vilnius",
    "ua": "Europe/Kyiv", "gb": "Europe/London", "ie": "Europe/Dublin", "tr": "Europe/Istanbul",
    "il": "Asia/Jerusalem", "in": "Asia/Kolkata", "pk": "Asia/Karachi", "bd": "Asia/Dhaka", "np": "Asia/Kathmandu",
    "lk": "Asia/Colombo", "th": "Asia/Bangkok", "vn": "Asia/Ho_Chi_Minh", "ph": "Asia/Manila", "sg": "Asia/Singapore",
    "my": "Asia/Kuala_Lumpur", "hk": "Asia/Hong_Kong", "tw": "Asia/Taipei", "cn": "Asia/Shanghai", "kr": "Asia/Seoul",
    "jp": "Asia/Tokyo", "ae": "Asia/Dubai", "sa": "Asia/Riyadh", "qa": "Asia/Qatar", "eg": "Africa/Cairo",
    "za": "Africa/Johannesburg", "ng": "Africa/Lagos", "ke": "Africa/Nairobi", "gh": "Africa/Accra",
    "nz": "Pacific/Auckland", "ar": "America/Argentina/Buenos_Aires", "co": "America/Bogota", "pe": "America/Lima",
    "cl": "America/Santiago", "ve": "America/Caracas",
}  # fmt: skip
_GENERIC_TLDS = frozenset({"com", "org", "net", "info", "biz", "news", "io", "co", "tv", "eu", "int", "edu", "gov"})


def page_countries(url: str | None, locales: list[str]) -> frozenset[str]:
    """Country codes from the URL's TLD ('.in', '.co.uk'), locale tags ('en_IN', 'en-GB') and languages."""
    countries: set[str] = set()
    host = hostname(url)
    if host:
        tld = host.rsplit(".", 1)[-1]
        if len(tld) == 2 and tld not in _GENERIC_TLDS:
            countries.add(tld)
            countries.add(_TLD_ALIASES.get(tld, tld))
        elif tld in ("edu", "gov"):
            countries.add("us")
    for locale in locales:
        parts = locale.replace("_", "-").lower().split("-")
        if len(parts) > 1 and len(parts[1]) == 2:
            countries.add(parts[1])
            if parts[1] == "gb":
                countries.add("uk")
        elif parts[0] in _LANGUAGE_COUNTRY:
            countries.add(_LANGUAGE_COUNTRY[parts[0]])
    return frozenset(countries)


def date_context(countries: frozenset[str], language: str | None, fetched_at: datetime | None) -> DateContext:
    """03/04/2020 is month-first on American pages (US locale, or English on a generic TLD without one)."""
    american = "us" in countries or (language == "en" and not countries)
    several = sorted(countries & _SEVERAL_ZONES.keys())
    return DateContext(
        countries=countries,
        day_first=not american,
        not_after=_latest_day(fetched_at),
        zone=_single_zone(countries),
        default_zone=ZoneInfo(_US_NEWS_ZONE) if american else None,
        # a page of one country with several zones (a page naming two countries is not placed)
        country_zones=_zones(several[0]) if len(several) == 1 and not countries & _COUNTRY_ZONE.keys() else (),
    )


# Countries with several civil times, the zone most of their news is published in first
_SEVERAL_ZONES = {
    "us": ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
           "America/Anchorage", "Pacific/Honolulu"),
    "ca": ("America/Toronto", "America/St_Johns", "America/Halifax", "America/Winnipeg", "America/Regina",
           "America/Edmonton", "America/Vancouver"),
    "au": ("Australia/Sydney", "Australia/Brisbane", "Australia/Adelaide", "Australia/Darwin", "Australia/Perth"),
    "mx": ("America/Mexico_City", "America/Cancun", "America/Chihuahua", "America/Hermosillo", "America/Tijuana"),
    "br": ("America/Sao_Paulo", "America/Manaus", "America/Rio_Branco", "America/Noronha"),
}  # fmt: skip


def _zones(country: str) -> tuple[ZoneInfo, ...]:
    return tuple(ZoneInfo(name) for name in _SEVERAL_ZONES[country])


# Most American news is published on Eastern time (New York, Washington, Atlanta, Miami, Boston newsrooms)
_US_NEWS_ZONE = _SEVERAL_ZONES["us"][0]


def _single_zone(countries: frozenset[str]) -> ZoneInfo | None:
    zones = {_COUNTRY_ZONE[c] for c in countries if c in _COUNTRY_ZONE}
    if len(zones) != 1 or (countries - set(_COUNTRY_ZONE) - {"uk"}):
        return None  # no country, several, or one with several zones (us, ru, br, au, ...)
    try:
        return ZoneInfo(zones.pop())
    except ZoneInfoNotFoundError:
        return None


def _latest_day(fetched_at: datetime | None) -> date:
    """Dates after the crawl are not publication dates; one day of slack absorbs zone differences."""
    moment = fetched_at or datetime.now(UTC)
    return moment.date() + timedelta(days=1)
