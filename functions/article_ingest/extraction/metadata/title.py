"""Title: the headline as the page declares it, without the " | Site" suffix some declarations carry."""

from __future__ import annotations

import re

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags
from article_ingest.extraction.metadata.text import clean_text, element_text, hostname
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

_SUFFIX_RE = re.compile(r"^(.*\S)\s+(?:\||-|–|—|::|·|:|»|/)\s+(\S+(?:\s+\S+){0,5})$")
_PREFIX_RE = re.compile(r"^(\S+(?:\s+\S+){0,3})\s+(?:\||–|—|::|»)\s+(.*\S)$")


def choose_title(meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle) -> str | None:
    site_keys = _site_keys(meta.site_name, meta.url)
    candidates: list[tuple[str | None, Src]] = [
        (ld.headline if ld.is_article else None, Src.JSON_LD),
        (_meta_value(tags, "og:title"), Src.META),
        (_meta_value(tags, "twitter:title"), Src.META),
        (_itemprop_headline(tags), Src.MICRODATA),
        (_h1(root), Src.MARKUP),
        (_meta_value(tags, "dc.title"), Src.META),
        (clean_text(root.findtext(".//title")), Src.MARKUP),
    ]
    for raw, source in candidates:
        title = clean_text(raw)
        if title:
            meta.provenance["title"] = source
            return strip_site_suffix(title, site_keys)
    return None


def strip_site_suffix(title: str, site_keys: set[str]) -> str:
    """'Headline | The Site' -> 'Headline' when the suffix names the site (or prefix 'Site | Headline')."""
    match = _SUFFIX_RE.match(title)
    if match and _key(match[2]) in site_keys:
        return match[1]
    match = _PREFIX_RE.match(title)
    if match and _key(match[1]) in site_keys:
        return match[2]
    return title


def _site_keys(site_name: str | None, url: str | None) -> set[str]:
    keys = set()
    if site_name:
        keys.add(_key(site_name))
    host = hostname(url)
    if host:
        keys.add(_key(host))
        labels = host.split(".")
        if len(labels) >= 2:
            keys.add(_key(labels[-2]))
            keys.add(_key(".".join(labels[-2:])))
    keys.discard("")
    return keys


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _meta_value(tags: PageTags, key: str) -> str | None:
    found = tags.first(key)
    return found[1] if found else None


def _itemprop_headline(tags: PageTags) -> str | None:
    for node in tags.itemprops.get("headline", ()):
        text = clean_text(node.get("content") or element_text(node))
        if text:
            return text
    return None


def _h1(root: HtmlElement) -> str | None:
    for node in root.xpath("//body//h1")[:1]:
        text = clean_text(element_text(node))
        if text and 3 <= len(text) <= 300:
            return text
    return None
