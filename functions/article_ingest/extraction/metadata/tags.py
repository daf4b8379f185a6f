"""Topics the page shows as tags: rel=tag links and tag/topic/country lists ("Country: Senegal")."""

from __future__ import annotations

import re

from article_ingest.extraction.metadata.byline import inside_boilerplate
from article_ingest.extraction.metadata.text import PageScan, clean_text, element_text
from article_ingest.extraction.tree import HtmlElement

_TAG_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:tags?|tag-list|keywords?|topics?|countr(?:y|ies)|schlagw\w*|themen)(?:$|[\s_-])", re.I
)
_LABEL_RE = re.compile(r"^[^:]{1,30}:$")
_MAX_TAG_CHARS = 60


def visible_tags(root: HtmlElement, scan: PageScan) -> list[str]:
    """rel=tag links, then the items of tag/topic/country lists, outside menus, sidebars and comment forms."""
    links = [a for a in root.iterfind(".//body//a[@rel]") if "tag" in (a.get("rel") or "").lower().split()][:30]
    found = [text for link in links if not inside_boilerplate(link) and (text := _tag_text(link))]
    containers = [
        node
        for node in scan.matching(_TAG_CLASS_RE)
        if node.tag in _CONTAINER_TAGS and not _NOT_TAGS_RE.search(node.get("class") or "")
    ]
    for container in containers[:5]:
        if inside_boilerplate(container):
            continue
        items = container.xpath(".//li | .//a") or [container]
        found.extend(text for item in items[:30] if (text := _tag_text(item)))
    return found


def _tag_text(element: HtmlElement) -> str | None:
    text = clean_text(element_text(element))
    if not text or len(text) > _MAX_TAG_CHARS or _LABEL_RE.match(text):
        return None
    text = _LEADING_LABEL_RE.sub("", text).lstrip("#").strip()  # "Category: Politics", "#Privacy"
    return text or None


_CONTAINER_TAGS = frozenset({"ul", "ol", "div", "p", "section"})
_NOT_TAGS_RE = re.compile(r"allowed|form|cloud|widget|menu|nav", re.I)
_LEADING_LABEL_RE = re.compile(r"^\w+(?:\s\w+)?:\s+")
