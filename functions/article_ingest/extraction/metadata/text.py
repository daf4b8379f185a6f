"""Small text helpers shared by the metadata readers: markup-free, whitespace-collapsed strings."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

from article_ingest.extraction.tree import HtmlElement

_SPACE_RE = re.compile(r"\s+")
# C0 controls and DEL, e.g. from JSON-LD escapes (\u0000): never part of a name or a title.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_TAG_RE = re.compile(r"<[^>]{0,500}>")
# Script and style bodies are code, not text: dropped with their tags, not just unwrapped.
_CODE_BLOCK_RE = re.compile(r"<(script|style)\b[^>]{0,500}>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)


def clean_text(value: object) -> str | None:
    """A one-line, markup-free string, or None when nothing is left."""
    if not isinstance(value, str):
        return None
    text = value
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG_RE.sub(" ", _CODE_BLOCK_RE.sub(" ", text))
        if "&" in text:
            text = html.unescape(text)
    text = _SPACE_RE.sub(" ", _CONTROL_RE.sub("", text)).strip()
    return text or None


def element_text(element: HtmlElement) -> str:
    """Visible text of an element, with block boundaries turned into spaces."""
    return _SPACE_RE.sub(" ", " ".join(element.itertext())).strip()


def absolute_http_url(value: object, base: str | None) -> str | None:
    """Resolve a possibly relative URL against the page URL; only http(s) results are kept."""
    if not isinstance(value, str):
        return None
    raw = html.unescape(value.strip())
    if not raw or raw.startswith(("data:", "javascript:", "mailto:", "#")):
        return None
    if raw.startswith("//"):
        scheme = urlsplit(base).scheme if base else ""
        raw = f"{scheme or 'https'}:{raw}"
    elif base and not raw.lower().startswith(("http://", "https://")):
        try:
            raw = urljoin(base, raw)
        except ValueError:
            return None
    if not raw.lower().startswith(("http://", "https://")) or " " in raw:
        return None
    try:
        if not urlsplit(raw).hostname:
            return None
    except ValueError:
        return None
    return raw


def hostname(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def bounded_text(element: HtmlElement, limit: int) -> tuple[str, bool]:
    """The element's text up to about `limit` characters, and whether it was longer (stops reading early)."""
    pieces: list[str] = []
    size = 0
    for piece in element.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > 2 * limit + 200:  # whitespace collapses later, so read a little past the limit
            break
    text = _SPACE_RE.sub(" ", " ".join(pieces)).strip()
    return text[: limit + 1], len(text) > limit


class MarkedElements:
    """Elements of the body whose class or id holds one of `WORDS`, listed once per page and shared by the
    readers that look for bylines, dates and tag lists (one tree scan instead of one XPath scan each)."""

    # matched against the lower-cased marker: a case-insensitive alternation is several times slower
    WORDS = re.compile(
        r"date|time|publish|posted|meta|info|datum|fecha|stamp|updated|author|byline|by-line|writer|autor|auteur"
        r"|reporter|journalist|creator|tag|topic|keyword|countr|schlagw|themen"
    )

    def __init__(self, root: HtmlElement) -> None:
        self._root = root
        self._nodes: list[tuple[HtmlElement, str]] | None = None

    def matching(self, pattern: re.Pattern[str]) -> list[HtmlElement]:
        """Elements whose class/id matches `pattern` (which must only match markers that `WORDS` matches)."""
        if self._nodes is None:
            self._nodes = []
            for node in self._root.xpath("//body//*[@class or @id]"):
                marker = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
                if self.WORDS.search(marker):
                    self._nodes.append((node, marker))
        return [node for node, marker in self._nodes if pattern.search(marker)]
