"""Publication and modification dates: candidates from every source, in order, then one choice.

Order for the publication date: JSON-LD, <meta> keys, microdata/RDFa, the visible byline, the URL, then short
texts (or a date leading a paragraph), the <title> and a summary that dates itself. The first candidate gives the
day and the earliest declared stamp on that day its time (a later one adds the time the first lacks); the byline's
day overrules stamps days apart from it unless the URL's day disagrees with it; a UTC stamp a day off the day the
page shows (byline, URL) is written on that shown day.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.byline import Byline, date_in_short_texts
from article_ingest.extraction.metadata.dates import (
    DateContext,
    ParsedDate,
    date_from_url,
    parse_date,
    told_in_prose,
)
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags, itemprop_value
from article_ingest.extraction.metadata.text import clean_text, element_text
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "article:published",
    "datepublished", "published_time", "published-date", "publish-date", "publish_date", "publishdate", "pubdate",
    "date_published", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
    "dcterms.date", "dc.created", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
    "article.published", "originalpublicationdate", "displaydate", "citation_publication_date", "citation_date",
    "rnews:datepublished", "bt:pubdate", "date", "created",
)  # fmt: skip
_MODIFIED_META = (
    "article:modified_time", "og:updated_time", "article:modified", "datemodified", "modified_time", "dc.date.modified",
    "dcterms.modified", "last-modified", "lastmod", "parsely-updated", "sailthru.lastmodified",
)  # fmt: skip


def choose_dates(
    meta: PageMetadata,
    tags: PageTags,
    ld: JsonLdArticle,
    byline: Byline,
    context: DateContext,
    url: str | None,
    root: HtmlElement,
    page_url: str | None = None,
) -> None:
    """published_at / modified_at with their raw text and provenance (see the module docstring for the order)."""
    published = _candidates(
        [(ld.date_published, Src.JSON_LD)],
        [(value, Src.META) for value in tags.all(*_PUBLISHED_META)],
        [(value, Src.MICRODATA) for n in tags.itemprops.get("datepublished", ()) for value in _date_values(n)],
        context=context,
    )
    declared = len(published)  # publication stamps proper; dateCreated also marks related items' teasers
    published += _candidates(
        [(itemprop_value(n), Src.MICRODATA) for n in tags.itemprops.get("datecreated", ())], context=context
    )
    if byline.published:
        published.append((byline.published, Src.BYLINE))
    # the canonical's path, else the fetched address's (a cross-site canonical may carry no date)
    url_date = date_from_url(url, context) or date_from_url(page_url, context)
    if url_date:
        published.append((url_date, Src.URL))
    if not published and (found := date_in_short_texts(root, context) or _date_in_summary(tags, context)):
        published.append((found, Src.HEURISTIC))
    chosen = _best(published, declared)
    if _visible_day_overrules(chosen, byline.published, url_date) and byline.published:
        same_day = [c for c in published if c[0].day == byline.published.day]
        chosen = _best(same_day, len(same_day))
    for shown in (byline.published, url_date):
        chosen = _prefer_visible_day(chosen, shown)
    modified = _candidates(
        [(ld.date_modified, Src.JSON_LD)],
        [(value, Src.META) for value in tags.all(*_MODIFIED_META)],
        [(itemprop_value(n), Src.MICRODATA) for n in tags.itemprops.get("datemodified", ())],
        context=context,
    )
    if byline.modified:
        modified.append((byline.modified, Src.BYLINE))
    chosen_modified = _best(modified, 1)
    if chosen and chosen_modified and _update_times_the_day(chosen[0], chosen_modified):
        chosen = chosen_modified
    if chosen:
        meta.published_at, meta.published_at_raw = chosen[0].iso, chosen[0].raw
        meta.provenance["published_at"] = chosen[1]
    if chosen_modified and (chosen is None or chosen_modified[0].day >= chosen[0].day):
        meta.modified_at, meta.modified_at_raw = chosen_modified[0].iso, chosen_modified[0].raw
        meta.provenance["modified_at"] = chosen_modified[1]


def _update_times_the_day(published: ParsedDate, update: tuple[ParsedDate, Src]) -> bool:
    """A page that dates its story to a day and shows one clock time, labelled "Updated", on that same day: many
    sites label their only stamp so from the first publication on, and it is the closest time the page gives."""
    return not published.has_time and update[0].has_time and update[0].day == published.day and update[1] is Src.BYLINE


def _date_in_summary(tags: PageTags, context: DateContext) -> ParsedDate | None:
    """Past the last resort: a summary that dates itself ("... (Notizia del 14 Gennaio 2020)"), unless the date is
    told in a sentence (an event the story reports)."""
    for summary in tags.all("description", "og:description")[:2]:
        found = parse_date(summary, context)
        if found is not None and not told_in_prose(summary, found):
            return found
    return None


def _visible_day_overrules(
    chosen: tuple[ParsedDate, Src] | None, shown: ParsedDate | None, url_date: ParsedDate | None
) -> bool:
    """The byline's day wins over declared stamps days apart from it, unless a URL day fails to back it:
    templates copy stale or build-time stamps into metadata, while the URL is written once, at publication."""
    if chosen is None or shown is None or abs((shown.day - chosen[0].day).days) <= 1:
        return False
    return url_date is None or abs((url_date.day - shown.day).days) <= 1


def _date_values(node: HtmlElement) -> list[str | None]:
    """A microdata date's machine value, then its visible text (which may add the zone the value lacks)."""
    values = [itemprop_value(node)]
    if node.tag != "meta" and (text := clean_text(element_text(node))) and len(text) <= 80:
        values.append(text)
    return values


def _candidates(*groups: list[tuple[str | None, Src]], context: DateContext) -> list[tuple[ParsedDate, Src]]:
    out: list[tuple[ParsedDate, Src]] = []
    for group in groups:
        for raw, source in group:
            parsed = parse_date(raw, context)
            if parsed is not None:
                out.append((parsed, source))
    return out


def _prefer_visible_day(
    chosen: tuple[ParsedDate, Src] | None, visible: ParsedDate | None
) -> tuple[ParsedDate, Src] | None:
    """A UTC stamp can fall a day off the one the page shows its readers (byline, else URL). The shown day wins;
    the instant is kept when a common zone puts it on that day (the page then evidently writes in it)."""
    if chosen is None or visible is None or chosen[0].moment is None:
        return chosen
    moment = chosen[0].moment
    if moment.utcoffset() != timedelta(0) or abs((visible.day - chosen[0].day).days) != 1:
        return chosen
    zones = _WESTERN_ZONES if visible.day < chosen[0].day else _EASTERN_ZONES
    for zone in zones:
        local = moment.astimezone(ZoneInfo(zone))
        if local.date() == visible.day:
            shown = ParsedDate(day=visible.day, iso=local.isoformat(), has_time=True, raw=chosen[0].raw, moment=local)
            return shown, chosen[1]
    return visible, Src.BYLINE


_WESTERN_ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
_EASTERN_ZONES = ("Europe/Berlin", "Europe/Helsinki", "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney")


def _best(candidates: list[tuple[ParsedDate, Src]], declared: int) -> tuple[ParsedDate, Src] | None:
    """The first candidate's day, with the earliest time among the first `declared` (publication stamps proper)
    on that day; when the first gives only a day, a later candidate with a time on that same day refines it.

    An update's time leaks into publication fields on the same day ("12:44 PM / Updated 1:00 PM" beside a
    published stamp of 13:00), never the other way round: the earliest declared time of that day is the publication.
    A stamp that states its zone goes before one read in the page's zone (a zoneless machine stamp may be UTC)."""
    if not candidates:
        return None
    first = candidates[0]
    if first[0].moment is not None:
        same_day = [c for c in candidates[:declared] if c[0].moment is not None and c[0].day == first[0].day]
        return min(same_day, key=lambda c: (not c[0].zone_stated, _utc(c[0]), same_day.index(c)), default=first)
    timed = [c for c in candidates[1:] if c[0].has_time and c[0].day == first[0].day]
    return min(timed, key=lambda c: not c[0].zone_stated, default=first)


def _utc(date: ParsedDate) -> datetime:
    return (date.moment or datetime.max.replace(tzinfo=UTC)).astimezone(UTC)
