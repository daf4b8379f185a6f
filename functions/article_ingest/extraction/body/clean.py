"""Boilerplate removal on the tree, before scoring: junk tags, furniture, hidden and negative-class elements."""

from __future__ import annotations

from lxml.html import HtmlElement

from article_ingest.extraction.body import patterns


def attr_words(element: HtmlElement) -> str:
    return f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"


def is_hidden(element: HtmlElement) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    if not style:
        return False
    compact = style.replace(" ", "").lower()
    return "display:none" in compact or "visibility:hidden" in compact


def drop(element: HtmlElement) -> None:
    """Remove an element but keep its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def paragraph_chars(root: HtmlElement) -> dict[HtmlElement, int]:
    """Characters of <p> text under each element: what a removal would cost."""
    chars: dict[HtmlElement, int] = {}
    for p in root.iter("p"):
        length = len(p.text_content().strip())
        if length < 40:
            continue
        node: HtmlElement | None = p
        while node is not None:
            chars[node] = chars.get(node, 0) + length
            node = node.getparent()
    return chars


def clean_tree(body: HtmlElement) -> None:
    """Strip everything that is never story text. Mutates `body`."""
    for element in list(body.iter(*patterns.JUNK_TAGS)):
        drop(element)
    chars = paragraph_chars(body)
    total = chars.get(body, 0) or 1
    doomed: list[HtmlElement] = []
    for element in body.iter():
        tag = element.tag
        if not isinstance(tag, str) or tag in {"body", "html", "article", "main"}:
            continue
        holds = chars.get(element, 0)
        if holds > 0.5 * total:  # holds most of the story: never remove wholesale
            continue
        if tag in patterns.FURNITURE_TAGS or is_hidden(element) or element.get("role") in _FURNITURE_ROLES:
            doomed.append(element)
            continue
        words = attr_words(element)
        if words.strip() and patterns.NEGATIVE_RE.search(words) and not patterns.PROTECTING_RE.search(words):
            doomed.append(element)
    for element in doomed:
        drop(element)


_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog", "alert", "search"})
