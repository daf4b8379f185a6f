"""Page metadata: title, authors, dates, language, image, ... each with its provenance.

Sources are read once (JSON-LD, <meta>/microdata, the visible byline, one shared scan of the page); each field's
sources propose candidates and one choice function per field picks (`candidates.py`; the field modules hold the
weights). Section and tags take the declared values, else a visible tag list; the language, the declaration when
the text confirms it, else the detector.
"""

from __future__ import annotations

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata.author_choice import choose_authors
from article_ingest.extraction.metadata.byline import read_byline
from article_ingest.extraction.metadata.canonical import choose_canonical
from article_ingest.extraction.metadata.description import choose_description
from article_ingest.extraction.metadata.image import choose_image
from article_ingest.extraction.metadata.jsonld import JsonLdArticle, read_jsonld
from article_ingest.extraction.metadata.language import SAMPLE_CHARS, choose_language, primary_subtag
from article_ingest.extraction.metadata.meta_tags import PageTags, read_tags
from article_ingest.extraction.metadata.page_context import date_context, page_countries
from article_ingest.extraction.metadata.publication import choose_dates
from article_ingest.extraction.metadata.site_name import choose_site_name
from article_ingest.extraction.metadata.tags import visible_tags
from article_ingest.extraction.metadata.text import (
    PageScan,
    absolute_http_url,
    clean_text,
    element_text,
)
from article_ingest.extraction.metadata.title import choose_title, shown_headline
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

__all__ = ["extract_metadata"]

_LANGUAGE_META = ("content-language", "language", "dc.language", "og:locale", "lang")
_SECTION_META = ("article:section", "section", "parsely-section", "og:article:section", "article.section")
_TAG_META = ("article:tag", "news_keywords", "keywords", "parsely-tags", "og:article:tag")
_MAX_TAGS = 30


def extract_metadata(root: HtmlElement, hints: ExtractionHints) -> PageMetadata:
    page_url = absolute_http_url(hints.url or hints.metadata.get("url"), None)
    ld = read_jsonld(root)
    scan = PageScan(root)  # what several readers look at, found once for this page
    tags = read_tags(root, scan)
    meta = PageMetadata()
    meta.declares_article = ld.is_article or any(value.lower().startswith("article") for value in tags.all("og:type"))
    choose_canonical(meta, root, tags, ld, page_url)
    base_url = meta.url or page_url
    choose_site_name(meta, root, tags, ld)
    choose_description(meta, root, tags, ld, scan)
    meta.title = choose_title(meta, root, tags, ld, scan)
    if not scan.headlines and meta.title and (shown := shown_headline(root, meta.title)) is not None:
        scan.adopt_headline(shown)  # no <h1>: the bylines and dates are read around the element showing the title
    declared, locales = _declared_language(root, tags, ld)
    _language(meta, root, declared)
    context = date_context(page_countries(base_url, locales), declared or meta.language, hints.fetched_at)
    byline = read_byline(root, context, scan)
    choose_authors(meta, tags, ld, root, base_url, scan)
    choose_dates(meta, tags, ld, byline, context, base_url, root, page_url)
    meta.dateline = byline.dateline
    if meta.dateline:
        meta.provenance["dateline"] = Src.BYLINE
    _section_and_tags(meta, root, tags, ld, scan)
    choose_image(meta, root, tags, ld, base_url)
    return meta


def _section_and_tags(meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle, scan: PageScan) -> None:
    section = tags.first(*_SECTION_META)
    if section:
        meta.section, meta.provenance["section"] = section[1], Src.META
    elif ld.section:
        meta.section, meta.provenance["section"] = ld.section[0], Src.JSON_LD
    declared: list[str] = []
    for value in tags.all(*_TAG_META):
        declared.extend(value.split(","))
    declared.extend(ld.keywords)
    source = Src.META if tags.all(*_TAG_META) else Src.JSON_LD
    visible = visible_tags(root, scan) if not declared else []  # declared topics are cleaner than any list
    seen: set[str] = set()
    for raw in [*declared, *visible]:
        tag = clean_text(raw)
        if tag and len(tag) <= 80 and tag.casefold() not in seen:
            seen.add(tag.casefold())
            meta.tags.append(tag)
    meta.tags = meta.tags[:_MAX_TAGS]
    if meta.tags:
        meta.provenance["tags"] = Src.MARKUP if visible else source


def _declared_language(root: HtmlElement, tags: PageTags, ld: JsonLdArticle) -> tuple[str | None, list[str]]:
    """The declared primary subtag and every locale string seen (they also tell the country)."""
    locales = [value for value in (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")) if value]
    locales += tags.all(*_LANGUAGE_META)
    if ld.language:
        locales.append(ld.language)
    for locale in locales:
        if subtag := primary_subtag(locale):
            return subtag, locales
    return None, locales


def _language(meta: PageMetadata, root: HtmlElement, declared: str | None) -> None:
    parts = [meta.title or "", meta.description or ""]
    joined = len(parts[0]) + 1 + len(parts[1])
    for paragraph in root.iterfind(".//body//p"):
        if joined >= SAMPLE_CHARS:
            break  # the language is told from the first SAMPLE_CHARS characters: more paragraphs change nothing
        text = element_text(paragraph)
        if len(text) > 40:
            parts.append(text)
            joined += 1 + len(text)
    language, detected = choose_language(declared, " ".join(parts))
    if language:
        meta.language = language
        meta.provenance["language"] = Src.HEURISTIC if detected else Src.MARKUP
