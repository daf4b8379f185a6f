"""Text -> lxml tree, within the node and depth limits."""

from __future__ import annotations

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from article_ingest.domain.errors import ExtractionRefused, RejectReason
from article_ingest.settings import ExtractionSettings

__all__ = ["HtmlElement", "parse_tree"]


def parse_tree(text: str, settings: ExtractionSettings) -> HtmlElement:
    """Parse markup with libxml2's forgiving HTML parser; refuse trees past the limits."""
    parser = lxml.html.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        default_doctype=False,
    )
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
