"""What the page says about its own locale: countries (for zone abbreviations) and date order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from article_ingest.extraction.metadata.dates import DateContext
from article_ingest.extraction.metadata.text import hostname

# Languages spoken mostly in one country: their pages' zone abbreviations are read there.
_LANGUAGE_COUNTRY = {
    "hi": "in", "bn": "in", "mr": "in", "ta": "in", "te": "in", "gu": "in", "kn": "in", "ml": "in", "pa": "in",
    "ja": "jp", "ko": "kr", "he": "il", "ga": "ie", "tr": "tr", "ru": "ru", "ur": "pk", "th": "th", "vi": "vn",
    "id": "id", "ms": "my", "de": "de", "pt": "br",
}  # fmt: skip
_TLD_ALIASES = {"uk": "gb"}
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
    return DateContext(countries=countries, day_first=not american, not_after=_latest_day(fetched_at))


def _latest_day(fetched_at: datetime | None) -> date:
    """Dates after the crawl are not publication dates; one day of slack absorbs zone differences."""
    moment = fetched_at or datetime.now(UTC)
    return moment.date() + timedelta(days=1)
