"""<meta> tags (OpenGraph, article:*, twitter:*, Dublin Core, parsely, ...) and schema.org microdata."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from article_ingest.extraction.metadata.text import PageScan, clean_text, element_text
from article_ingest.extraction.tree import HtmlElement


@dataclass
class PageTags:
    """All <meta> values by lower-case key (name, property or http-equiv) and microdata by itemprop."""

    meta: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    itemprops: dict[str, list[HtmlElement]] = field(default_factory=lambda: defaultdict(list))

    def first(self, *keys: str) -> tuple[str, str] | None:
        """The first non-empty value among `keys`, in the order given, with the key it came from."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return key, value
        return None

    def all(self, *keys: str) -> list[str]:
        return [value for key in keys for value in self.meta.get(key, ()) if value]


def read_tags(root: HtmlElement, scan: PageScan | None = None) -> PageTags:
    tags = PageTags()
    for node in root.iterfind(".//meta"):
        content = clean_text(node.get("content"))
        if content is None:
            continue
        for attr in ("property", "name", "http-equiv"):
            key = node.get(attr)
            if key:
                tags.meta[key.strip().lower()].append(content)
        if (prop := node.get("itemprop")) is not None:
            tags.itemprops[prop.strip().lower()].append(node)
    for node in (scan or PageScan(root)).microdata():
        for prop in (node.get("itemprop") or "").lower().split():
            tags.itemprops[prop].append(node)
        for prop in (node.get("property") or "").lower().split():  # RDFa: property="schema:datePublished"
            tags.itemprops[prop.rsplit(":", 1)[-1]].append(node)
    return tags


def itemprop_value(node: HtmlElement) -> str | None:
    """The microdata value of an element: content/datetime/href/src attributes, else its text."""
    for attr in ("content", "datetime", "title" if node.tag == "abbr" else "content"):
        value = node.get(attr)
        if value and value.strip():
            return clean_text(value)
    if node.tag in ("a", "link") and node.get("href"):
        return clean_text(node.get("href"))
    if node.tag in ("img", "source") and node.get("src"):
        return clean_text(node.get("src"))
    return clean_text(element_text(node))


def itemprop_name(node: HtmlElement) -> str | None:
    """A person/organisation given by microdata: its nested itemprop=name, else its own text."""
    if node.get("itemscope") is not None:
        for child in node.iterdescendants():
            if (child.get("itemprop") or "").lower() == "name":
                return itemprop_value(child)
    if node.tag == "meta":
        return clean_text(node.get("content"))
    return clean_text(element_text(node))
