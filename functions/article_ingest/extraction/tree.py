"""Text -> lxml tree, within the node and depth limits."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from article_ingest.domain.errors import ExtractionRefused, RejectReason
from article_ingest.settings import ExtractionSettings

__all__ = ["HtmlElement", "parse_tree"]

_XML_DECLARATION_RE = re.compile(r"^<\?xml[^>]*>")


def parse_tree(text: str, settings: ExtractionSettings) -> HtmlElement:
    """Parse markup with libxml2's forgiving HTML parser; refuse trees past the limits."""
    parser = lxml.html.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        # Without it libxml2 silently stops at depth 256 and drops the rest of the page; our own node and depth
        # limits (and the decompressed-size cap) are the bounds instead.
        huge_tree=True,
        default_doctype=False,
    )
    if text.startswith("<?xml"):
        # lxml refuses str input that declares an encoding; the text is already decoded, so drop the declaration.
        text = _XML_DECLARATION_RE.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionRefused(RejectReason.NOT_HTML, f"the markup could not be parsed: {exc}") from exc
    _check_size(root, settings)
    return root


def _check_size(root: HtmlElement, settings: ExtractionSettings) -> None:
    for count, _element in enumerate(root.iter(), start=1):
        if count > settings.max_nodes:
            raise ExtractionRefused(RejectReason.TOO_COMPLEX, f"more than {settings.max_nodes} elements")
    # An explicit stack: recursion would overflow on the very trees this guards against.
    stack: list[tuple[HtmlElement, int]] = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > settings.max_depth:
            raise ExtractionRefused(RejectReason.TOO_COMPLEX, f"nesting deeper than {settings.max_depth}")
        stack.extend((child, depth + 1) for child in element)
