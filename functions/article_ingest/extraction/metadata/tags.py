"""Topics the page shows as tags: rel=tag links and tag/topic/country lists ("Country: Senegal")."""

from __future__ import annotations

import re

from article_ingest.extraction.metadata.text import clean_text, element_text
from article_ingest.extraction.tree import HtmlElement

_TAG_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:tags?|tag-list|keywords?|topics?|countr(?:y|ies)|schlagw\w*|themen)(?:$|[\s_-])", re.I
)
_LABEL_RE = re.compile(r"^[^:]{1,30}:$")
_MAX_TAG_CHARS = 60


def visible_tags(root: HtmlElement) -> list[str]:
    links = root.xpath("//body//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')]")[:30]
    found = [text for link in links if (text := clean_text(element_text(link)))]
    containers = root.xpath(
        "//body//*[self::ul or self::ol or self::div or self::p or self::section]"
        "[contains(@class,'tag') or contains(@class,'ountr') or contains(@class,'topic') or contains(@class,'eyword')]"
    )
    for container in containers[:5]:
        if not _TAG_CLASS_RE.search(container.get("class") or ""):
            continue
        items = container.xpath(".//li | .//a") or [container]
        for item in items[:30]:
            text = clean_text(element_text(item))
            if text and len(text) <= _MAX_TAG_CHARS and not _LABEL_RE.match(text):
                found.append(text.rstrip(":"))
    return found
