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
_HTML_START_TAG_RE = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_LOST_CONTENT_CHARS = 1000  # markup this long that parses to an empty document lost its content to a broken tag
# lxml.html's own class lookup calls a Python function for every element object made (thousands a page); this one
# answers in C with the same classes, except that <form>, <input>, <select>, <textarea> and <label> become plain
# HtmlElement (nothing here uses their form API)
_ELEMENT_CLASSES = lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


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
    parser.set_element_class_lookup(_ELEMENT_CLASSES)
    if text.startswith("<?xml"):
        # lxml refuses str input that declares an encoding; the text is already decoded, so drop the declaration.
        text = _XML_DECLARATION_RE.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
        if len(root) == 0 and len(text) > _LOST_CONTENT_CHARS and _HTML_START_TAG_RE.search(text):
            # A broken <html> start tag ('<html xmogo.jpg" ... />', a mangled save) closes the document for
            # libxml2, which then drops everything after it. Without the tag the parser rebuilds html/head/body.
            root = lxml.html.document_fromstring(_HTML_START_TAG_RE.sub("", text, count=1), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionRefused(RejectReason.NOT_HTML, f"the markup could not be parsed: {exc}") from exc
    _check_size(root, settings)
    return root


def _check_size(root: HtmlElement, settings: ExtractionSettings) -> None:
    # XPath runs in C: counting ~1000 elements costs ~0.1 ms where a Python walk costs ~2 ms. The depth test asks
    # whether any element sits max_depth + 1 levels down (`/*/*/...`), without a Python stack.
    if root.xpath("count(//*)") > settings.max_nodes:
        raise ExtractionRefused(RejectReason.TOO_COMPLEX, f"more than {settings.max_nodes} elements")
    if root.xpath("boolean(" + "/*" * (settings.max_depth + 1) + ")"):
        raise ExtractionRefused(RejectReason.TOO_COMPLEX, f"nesting deeper than {settings.max_depth}")
