"""Small text helpers shared by the metadata readers: markup-free, whitespace-collapsed strings."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from lxml import etree

from article_ingest.extraction.tree import HtmlElement

# C0 controls and DEL, e.g. from JSON-LD escapes (\u0000): never part of a name or a title.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_TAG_RE = re.compile(r"<[^>]{0,500}>")
# A tag cut off by the end of the value ("Harbour wall</templ"): what is left of broken markup, not text.
_CUT_TAG_RE = re.compile(r"<[/!]?[A-Za-z][^<>]{0,500}$")
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
        text = _CUT_TAG_RE.sub(" ", _TAG_RE.sub(" ", _CODE_BLOCK_RE.sub(" ", text)))
        if "&" in text:
            text = html.unescape(text)
    text = collapse_spaces(_CONTROL_RE.sub("", text))
    return text or None


def element_text(element: HtmlElement) -> str:
    """Visible text of an element, with block boundaries turned into spaces."""
    return collapse_spaces(" ".join(element.itertext()))


def collapse_spaces(text: str) -> str:
    r"""Every run of whitespace one space, none at the ends: what `re.sub(r"\s+", " ", text).strip()` gives (str.split
    and `\s` know the same whitespace), several times faster."""
    return " ".join(text.split())


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
        parts = urlsplit(raw)
        if not parts.hostname:
            return None
        parts.port  # noqa: B018 - raises on a port that is not a number ("example.com:::/a"): no address
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
    text = collapse_spaces(" ".join(pieces))
    return text[: limit + 1], len(text) > limit


def following_elements(node: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after `node` in document order, its own descendants excepted: XPath's `following::*`, read
    lazily (readers that stop after a few blocks under the headline never walk the rest of the page)."""
    current: HtmlElement | None = node
    while current is not None:
        for sibling in current.itersiblings(etree.Element):
            yield from sibling.iter(etree.Element)
        current = current.getparent()


class PageScan:
    """What several readers look at on one page, found once and shared between them, for that page only: the
    elements whose class or id holds one of `WORDS` (bylines, dates, tag lists), the microdata, the headline, the
    elements after it and the short texts read there."""

    # matched against the lower-cased marker: a case-insensitive alternation is several times slower
    WORDS = re.compile(
        r"date|time|publish|posted|meta|info|datum|fecha|stamp|updated|author|byline|by-line|writer|autor|auteur"
        r"|reporter|journalist|creator|tag|topic|keyword|countr|schlagw|themen"
    )

    def __init__(self, root: HtmlElement) -> None:
        self.root = root
        self._nodes: list[tuple[HtmlElement, str]] | None = None
        self._microdata: list[HtmlElement] | None = None
        self._headlines: list[HtmlElement] | None = None
        self._after_headline: list[HtmlElement] = []
        self._walk: Iterator[HtmlElement] | None = None
        self._texts: dict[tuple[HtmlElement, int], tuple[str, bool]] = {}

    def microdata(self) -> list[HtmlElement]:
        """The body's elements with an itemprop or property attribute (<meta> aside), in document order."""
        if self._microdata is None:
            self._nodes, self._microdata = self._read_attributes()
        return self._microdata

    def matching(self, pattern: re.Pattern[str]) -> list[HtmlElement]:
        """Elements whose class/id matches `pattern` (which must only match markers that `WORDS` matches)."""
        if self._nodes is None:
            self._nodes, self._microdata = self._read_attributes()
        return [node for node, marker in self._nodes if pattern.search(marker)]

    def _read_attributes(self) -> tuple[list[tuple[HtmlElement, str]], list[HtmlElement]]:
        """One XPath for two readers: the elements marked by class or id (with their marker), and the microdata."""
        nodes: list[tuple[HtmlElement, str]] = []
        microdata: list[HtmlElement] = []
        marks: dict[str, bool] = {}  # class names repeat down a page (menus, lists): most are searched once
        for node in _MARKED_OR_MICRODATA(self.root):
            classes, ident = node.get("class"), node.get("id")
            if classes is not None or ident is not None:
                marker = f"{classes or ''} {ident or ''}".lower()
                if (marked := marks.get(marker)) is None:
                    marked = self.WORDS.search(marker) is not None
                    if len(marks) < _MAX_REMEMBERED_MARKERS:
                        marks[marker] = marked
                if marked:
                    nodes.append((node, marker))
            # the tag last: lxml keeps it on the element object once read (thousands of strings on a large page)
            if (node.get("itemprop") is not None or node.get("property") is not None) and node.tag != "meta":
                microdata.append(node)
        return nodes, microdata

    @property
    def headlines(self) -> list[HtmlElement]:
        """The body's <h1> elements, in document order."""
        if self._headlines is None:
            self._headlines = _HEADLINES(self.root)
        return self._headlines

    @property
    def headline(self) -> HtmlElement | None:
        """The first <h1> of the body (or the element adopted as the headline on a page without one)."""
        return self.headlines[0] if self.headlines else None

    def adopt_headline(self, element: HtmlElement) -> None:
        """On a page without an <h1>, the element that shows the title is where the readers look from."""
        if not self.headlines:
            self._headlines = [element]
            self._after_headline, self._walk = [], None

    def after_headline(self) -> Iterator[HtmlElement]:
        """The elements after the headline (`following_elements`): one walk shared by every reader, that goes only
        as far as the furthest reader reads."""
        index = 0
        while index < len(self._after_headline) or self._walk_on():
            yield self._after_headline[index]
            index += 1

    def _walk_on(self) -> bool:
        if self._walk is None:
            headline = self.headline
            self._walk = following_elements(headline) if headline is not None else iter(())
        node = next(self._walk, None)
        if node is not None:
            self._after_headline.append(node)
        return node is not None

    def bounded_text(self, element: HtmlElement, limit: int) -> tuple[str, bool]:
        """`bounded_text`, read once per element and limit on this page."""
        key = (element, limit)
        if key not in self._texts:
            self._texts[key] = bounded_text(element, limit)
        return self._texts[key]


_MAX_REMEMBERED_MARKERS = 256  # a typical page has under 200; past this, unique ids would only fill memory
# `/descendant::` is `//` without its descendant-or-self::node() step: the same elements, a third faster in libxml2
_MARKED_OR_MICRODATA = etree.XPath("//body/descendant::*[@class or @id or @itemprop or @property]")
_HEADLINES = etree.XPath("//body//h1")
