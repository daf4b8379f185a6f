"""Page metadata: title, authors, dates, language, image, ... each with its provenance.

Sources are read once (JSON-LD, <meta>/microdata, visible byline) and each field takes the first source that
gives a clean value, in an order chosen per field (see the `_<field>` functions).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata.author_choice import choose_authors
from article_ingest.extraction.metadata.byline import read_byline
from article_ingest.extraction.metadata.description import choose_description
from article_ingest.extraction.metadata.image import first_content_image, image_details, is_placeholder
from article_ingest.extraction.metadata.jsonld import JsonLdArticle, read_jsonld
from article_ingest.extraction.metadata.language import choose_language, primary_subtag
from article_ingest.extraction.metadata.meta_tags import PageTags, itemprop_value, read_tags
from article_ingest.extraction.metadata.page_context import date_context, page_countries
from article_ingest.extraction.metadata.publication import choose_dates
from article_ingest.extraction.metadata.tags import visible_tags
from article_ingest.extraction.metadata.text import (
    MarkedElements,
    absolute_http_url,
    clean_text,
    element_text,
    hostname,
)
from article_ingest.extraction.metadata.title import choose_title
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

__all__ = ["extract_metadata"]

_SITE_NAME_META = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:app:name:iphone")
_IMAGE_META = ("og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src")
_LANGUAGE_META = ("content-language", "language", "dc.language", "og:locale", "lang")
_SECTION_META = ("article:section", "section", "parsely-section", "og:article:section", "article.section")
_TAG_META = ("article:tag", "news_keywords", "keywords", "parsely-tags", "og:article:tag")
_MAX_TAGS = 30


def extract_metadata(root: HtmlElement, hints: ExtractionHints) -> PageMetadata:
    page_url = absolute_http_url(hints.url or hints.metadata.get("url"), None)
    ld = read_jsonld(root)
    tags = read_tags(root)
    meta = PageMetadata()
    meta.declares_article = ld.is_article or any(value.lower().startswith("article") for value in tags.all("og:type"))
    _url(meta, root, tags, ld, page_url)
    base_url = meta.url or page_url
    _site_name(meta, root, tags, ld)
    choose_description(meta, root, tags, ld)
    meta.title = choose_title(meta, root, tags, ld)
    declared, locales = _declared_language(root, tags, ld)
    _language(meta, root, declared)
    context = date_context(page_countries(base_url, locales), declared or meta.language, hints.fetched_at)
    marked = MarkedElements(root)
    byline = read_byline(root, context, marked)
    choose_authors(meta, tags, ld, byline, root, base_url, marked)
    choose_dates(meta, tags, ld, byline, context, base_url, root, page_url)
    meta.dateline = byline.dateline
    if meta.dateline:
        meta.provenance["dateline"] = Src.BYLINE
    _section_and_tags(meta, root, tags, ld, marked)
    _image(meta, root, tags, ld, base_url)
    return meta


def _url(meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle, page_url: str | None) -> None:
    candidates = [
        (link.get("href"), Src.MARKUP)
        for link in root.iterfind(".//head/link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    candidates += [(value, Src.META) for value in tags.all("og:url")]
    candidates.append((ld.url, Src.JSON_LD))
    urls = [(url, source) for raw, source in candidates if (url := absolute_http_url(raw, page_url))]
    urls = [(url, source) for url, source in urls if not _is_site_root_for_article(url, page_url)]
    page_site = _registrable(hostname(page_url))
    if page_site and any(_registrable(hostname(url)) == page_site for url, _ in urls):
        # a syndicated copy's rel=canonical names the original on another site; this page's own address wins
        urls = [(url, source) for url, source in urls if _registrable(hostname(url)) == page_site]
    if urls:
        meta.url, meta.provenance["url"] = urls[0]
        return
    if page_url:
        meta.url, meta.provenance["url"] = page_url, Src.HINT


def _registrable(host: str | None) -> str | None:
    """'edition.cnn.com' -> 'cnn.com', 'www.bbc.co.uk' -> 'bbc.co.uk' (close enough without a suffix list)."""
    if not host:
        return None
    labels = host.split(".")
    size = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-size:])


def _is_site_root_for_article(url: str, page_url: str | None) -> bool:
    """A canonical pointing at the home page while the page itself has a path is a template bug."""
    if not page_url:
        return False
    return urlsplit(url).path.strip("/") == "" and urlsplit(page_url).path.strip("/") != ""


def _site_name(meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle) -> None:
    found = tags.first("og:site_name")
    if found and _DOMAIN_LIKE_RE.match(found[1]) and (ld.publisher or ld.site_name):
        # "NPR.org" is the address; the publisher's name is "NPR"
        meta.site_name, meta.provenance["site_name"] = ld.publisher or ld.site_name, Src.JSON_LD
    elif found:
        meta.site_name, meta.provenance["site_name"] = _DOMAIN_LIKE_RE.sub(r"\1", found[1]), Src.META
    elif ld.publisher or ld.site_name:
        meta.site_name, meta.provenance["site_name"] = ld.publisher or ld.site_name, Src.JSON_LD
    elif found := tags.first(*_SITE_NAME_META[1:]):
        meta.site_name, meta.provenance["site_name"] = found[1], Src.META
    elif name := _site_name_from_title(root, tags, meta.url):
        meta.site_name, meta.provenance["site_name"] = name, Src.HEURISTIC


def _site_name_from_title(root: HtmlElement, tags: PageTags, url: str | None) -> str | None:
    """The " | Site" end of the <title> (or the twitter:site handle) when it names the page's own host."""
    host_key = "".join(ch for ch in (hostname(url) or "") if ch.isalnum())
    if not host_key:
        return None
    title = clean_text(root.findtext(".//title")) or ""
    parts = [part.strip() for part in _TITLE_SEPARATOR_RE.split(title) if part.strip()]
    handle = tags.first("twitter:site")
    candidates = [*parts[1:][::-1], parts[0] if len(parts) > 1 else "", handle[1].lstrip("@") if handle else ""]
    for candidate in candidates:
        key = "".join(ch for ch in candidate.casefold() if ch.isalnum())
        if len(key) >= 3 and key in host_key and len(candidate) <= 40:
            return candidate
    return None


_DOMAIN_LIKE_RE = re.compile(r"^([\w-]+)\.(?:com|org|net|co\.uk|de|fr|es|it|in|info|news)$", re.I)
_TITLE_SEPARATOR_RE = re.compile(r"\s+[|\-–—·»:/]\s+|\s*::\s*")


def _section_and_tags(
    meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle, marked: MarkedElements
) -> None:
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
    visible = visible_tags(root, marked) if not declared else []  # declared topics are cleaner than any list
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
    size = 0
    for paragraph in root.iterfind(".//body//p"):
        text = element_text(paragraph)
        if len(text) > 40:
            parts.append(text)
            size += len(text)
            if size > 1500:
                break
    language, detected = choose_language(declared, " ".join(parts))
    if language:
        meta.language = language
        meta.provenance["language"] = Src.HEURISTIC if detected else Src.MARKUP


def _image(meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle, base: str | None) -> None:
    candidates: list[tuple[str | None, Src]] = [(value, Src.META) for value in tags.all(*_IMAGE_META)]
    candidates += [(value, Src.JSON_LD) for value in ld.image]
    candidates += [(itemprop_value(node), Src.MICRODATA) for node in tags.itemprops.get("image", ())]
    candidates += [
        (link.get("href"), Src.MARKUP)
        for link in root.iterfind(".//head/link")
        if (link.get("rel") or "").lower() == "image_src"
    ]
    for raw, source in candidates:
        url = absolute_http_url(raw, base)
        if url and not is_placeholder(url):
            meta.image, meta.provenance["image"] = image_details(root, url), source
            return
    if url := first_content_image(root, base):
        meta.image, meta.provenance["image"] = image_details(root, url), Src.HEURISTIC
