"""Date candidates: every date a page gives about itself, with where it came from and a few general features.

Sources: JSON-LD (datePublished, dateCreated, dateModified), the <meta> key families, microdata/RDFa, the dates
shown near the headline and in <time>/date-classed elements (`byline.read_byline`), the URL's path and, when
nothing else dates the page, a short text, the <title> or a summary that dates itself. Features say what kind of
source proposed the date, what its label says (published/modified), where it was shown, whether it sits in page
furniture or an embedded post, how far down its source's dates it comes, and whether it carries a time and a
stated zone; `candidates.with_agreement` adds how many other sources give the same day. (Whether a day is the
page's earliest or latest was tried as a feature and dropped: it lost on both halves.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.byline import Byline, Label, Shown, date_in_short_texts, inside_boilerplate
from article_ingest.extraction.metadata.candidates import Candidate
from article_ingest.extraction.metadata.dates import DateContext, ParsedDate, date_from_url, parse_date, told_in_prose
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags, itemprop_value
from article_ingest.extraction.metadata.page_clock import page_clock
from article_ingest.extraction.metadata.text import clean_text, element_text
from article_ingest.extraction.tree import HtmlElement

DateCandidate = Candidate[ParsedDate]

# <meta> keys by family: the family is the candidate's source (one vote in the agreement between sources)
_META_FAMILIES: dict[str, tuple[tuple[str, ...], Label]] = {
    "meta:og": (("article:published_time", "og:published_time", "og:article:published_time", "article:published"),
                Label.PUBLISHED),
    "meta:dc": (("dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
                 "dc.created"), Label.PUBLISHED),
    "meta:other": (("datepublished", "published_time", "published-date", "publish-date", "publish_date",
                    "publishdate", "pubdate", "date_published", "sailthru.date", "parsely-pub-date",
                    "cxenseparse:recs:publishtime", "article.published", "originalpublicationdate", "displaydate",
                    "citation_publication_date", "citation_date", "rnews:datepublished", "bt:pubdate", "date",
                    "created"), Label.PUBLISHED),
    "meta:modified": (("article:modified_time", "og:updated_time", "article:modified", "datemodified",
                       "modified_time", "dc.date.modified", "dcterms.modified", "last-modified", "lastmod",
                       "parsely-updated", "sailthru.lastmodified"), Label.MODIFIED),
}  # fmt: skip
_RANKS = 4
# a machine stamp (an ISO "2020-05-02T02:54:29Z", a script's "Tue Aug 25 2020 00:23:33 GMT+0000") read from an
# attribute, not a date the page's readers see
_MACHINE_STAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2}T|GMT[+-]\d{4}")
_MICRODATA = (("datepublished", Label.PUBLISHED), ("datecreated", Label.PUBLISHED), ("datemodified", Label.MODIFIED))


def date_candidates(
    tags: PageTags,
    ld: JsonLdArticle,
    byline: Byline,
    context: DateContext,
    root: HtmlElement,
    urls: Iterable[str | None],
) -> list[DateCandidate]:
    """Every date the page proposes for itself, in source order, with its features (agreement excepted); a zoneless
    clock time is placed in the zone the page's clock gives it (`page_clock`)."""
    found: list[_Proposal] = []
    for raw, source, label in (
        (ld.date_published, "jsonld:published", Label.PUBLISHED),
        (ld.date_created, "jsonld:created", Label.PUBLISHED),
        (ld.date_modified, "jsonld:modified", Label.MODIFIED),
    ):
        _add(found, parse_date(raw, context), Src.JSON_LD, source, label)
    for source, (keys, label) in _META_FAMILIES.items():
        for rank, value in enumerate(tags.all(*keys)):
            _add(found, parse_date(value, context), Src.META, source, label, rank=rank)
    for prop, label in _MICRODATA:
        values = [(raw, node) for node in tags.itemprops.get(prop, ()) for raw in _microdata_values(node)]
        for rank, (raw, node) in enumerate(values):
            flags = {"furniture": float(inside_boilerplate(node))}
            _add(found, parse_date(raw, context), Src.MICRODATA, f"microdata:{prop[4:]}", label, rank=rank, **flags)
    for shown in byline.dates:
        provenance = Src.MARKUP if shown.shown is Shown.ELEMENT else Src.BYLINE
        flags = {"furniture": float(shown.furniture), "embedded": float(shown.embedded)}
        _add(found, shown.date, provenance, f"shown:{shown.shown}", shown.label, rank=shown.rank, **flags)
    # the canonical's path, else the fetched address's (a cross-site canonical may carry no date)
    url_date = next((found_date for url in urls if (found_date := date_from_url(url, context))), None)
    _add(found, url_date, Src.URL, "url", Label.NONE)
    if not found:  # the last resorts, read only when nothing else dates the page
        if (short := date_in_short_texts(root, context)) is not None:
            _add(found, short[0], Src.HEURISTIC, "short_text", short[1])
        _add(found, _date_in_title(root, context), Src.HEURISTIC, "title", Label.NONE)
        _add(found, _date_in_summary(tags, context), Src.HEURISTIC, "summary", Label.NONE)
    # an embedded post (a tweet) states its author's zone; the page's related lists state the site's
    shown_days = frozenset(  # read only where a UTC instant may be shown on its local day (`page_clock`)
        proposal.date.day
        for proposal in found
        if context.country_zones
        and proposal.source.startswith("shown:")
        and not proposal.flags.get("furniture")
        and not proposal.flags.get("embedded")
        and not _MACHINE_STAMP_RE.search(proposal.date.raw)
    )
    clock = page_clock(
        ((proposal.date, not proposal.flags.get("embedded")) for proposal in found), context, shown_days=shown_days
    )
    return [_candidate(replace(proposal, date=clock.place(proposal.date))) for proposal in found]


@dataclass(frozen=True)
class _Proposal:
    """A date as a source proposed it, before the page's clock places a zoneless time and features are set."""

    date: ParsedDate
    provenance: Src
    source: str
    label: Label
    rank: int
    flags: dict[str, float]


def _add(
    found: list[_Proposal],
    date: ParsedDate | None,
    provenance: Src,
    source: str,
    label: Label,
    *,
    rank: int = 0,
    **flags: float,
) -> None:
    if date is not None:
        found.append(_Proposal(date, provenance, source, label, rank, flags))


def _candidate(proposal: _Proposal) -> DateCandidate:
    date, rank = proposal.date, proposal.rank
    features = {
        f"label={proposal.label}": 1.0,
        "timed": float(date.has_time),
        "zone": float(date.has_time and date.zone_stated),
        "later": float(rank > 0),  # not the first date its source gives
        "rank": min(rank, _RANKS) / _RANKS,  # how far down its source's dates (the first date line, the 5th, ...)
        **{name: value for name, value in proposal.flags.items() if value},
    }
    features.pop("label=none", None)
    return Candidate(date, proposal.provenance, proposal.source, date.raw, features)


def _microdata_values(node: HtmlElement) -> list[str | None]:
    """A microdata date's machine value, then its visible text (which may add the zone the value lacks)."""
    values = [itemprop_value(node)]
    if node.tag != "meta" and (text := clean_text(element_text(node))) and len(text) <= 80:
        values.append(text)
    return values


def _date_in_title(root: HtmlElement, context: DateContext) -> ParsedDate | None:
    """ "08.11.2021 | Online-Fachtag ..." """
    return parse_date(root.findtext(".//head/title"), context)


def _date_in_summary(tags: PageTags, context: DateContext) -> ParsedDate | None:
    """A summary that dates itself ("... (Notizia del 14 Gennaio 2020)"), unless the date is told in a sentence
    (an event the story reports)."""
    for summary in tags.all("description", "og:description")[:2]:
        found = parse_date(summary, context)
        if found is not None and not told_in_prose(summary, found):
            return found
    return None
