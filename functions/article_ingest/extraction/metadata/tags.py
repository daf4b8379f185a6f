"""Topics the page shows as tags: rel=tag links and tag/topic/country lists ("Country: Senegal")."""

from __future__ import annotations

import re

from article_ingest.extraction.metadata.text import MarkedElements, clean_text, element_text
from article_ingest.extraction.tree import HtmlElement

_TAG_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:tags?|tag-list|keywords?|topics?|countr(?:y|ies)|schlagw\w*|themen)(?:$|[\s_-])", re.I
)
_LABEL_RE = re.compile(r"^[^:]{1,30}:$")
_MAX_TAG_CHARS = 60


def visible_tags(root: HtmlElement, marked: MarkedElements) -> list[str]:
    links = [a for a in root.iterfind(".//body//a[@rel]") if "tag" in (a.get("rel") or "").lower().split()][:30]
    found = [text for link in links if (text := clean_text(element_text(link)))]
    containers = [node for node in marked.matching(_TAG_CLASS_RE) if node.tag in _CONTAINER_TAGS]
    for container in containers[:5]:
        items = container.xpath(".//li | .//a") or [container]
        for item in items[:30]:
            text = clean_text(element_text(item))
            if text and len(text) <= _MAX_TAG_CHARS and not _LABEL_RE.match(text):
                found.append(text.rstrip(":"))
    return found


_CONTAINER_TAGS = frozenset({"ul", "ol", "div", "p", "section"})
