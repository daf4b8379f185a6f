"""`articleBody` from JSON-LD: a fallback when the markup hides the story from the heuristics."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
from lxml.html import HtmlElement

from article_ingest.extraction.metadata.jsonld import parse_jsonld, unwrapped_jsonld

_MAX_NODES_VISITED = 10_000
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in `value`, breadth-first, with a visit cap against hostile nesting."""
    queue = [value]
    visited = 0
    while queue and visited < _MAX_NODES_VISITED:
        item = queue.pop(0)
        visited += 1
        if isinstance(item, dict):
            yield item
            queue.extend(item.values())
        elif isinstance(item, list):
            queue.extend(item)


def jsonld_article_body(root: HtmlElement) -> list[str]:
    """Paragraphs of the longest JSON-LD `articleBody` on the page, or []."""
    best = ""
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        data = parse_jsonld(unwrapped_jsonld(script.text or ""))
        if data is None:
            continue
        for node in _walk(data):
            body = node.get("articleBody")
            if isinstance(body, str) and len(body) > len(best):
                best = body
    best = _CONTROL_RE.sub("", best)  # JSON escapes (\u0000, \u001b) bring back what decoding removed from the page
    if not best:
        return []
    if "<" in best and re.search(r"<\s*(p|br|div)\b", best, re.IGNORECASE):
        fragment = lxml.html.fragment_fromstring(best, create_parent="div")
        for br in fragment.iter("br"):
            br.tail = "\n" + (br.tail or "")
        for block in fragment.iter("p", "div", "li", "h2", "h3", "h4"):
            block.tail = "\n" + (block.tail or "")
        best = fragment.text_content()
    elif "&" in best:
        best = html.unescape(best)  # CMSs often entity-encode the plain text they put in JSON-LD
    lines = (" ".join(line.split()) for line in re.split(r"\n+", best))
    return [line for line in lines if line]
