"""Author credits outside the byline: a labelled credit line ("Text: Jane Doe", "Autorin: Jana Roth", "责任编辑：焦鹏")
anywhere in the story, and the signature that closes it (a last paragraph holding only an emphasised name).
Both are author sources like any other (`author_sources`): the choice weighs them against the rest."""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from lxml import etree

from article_ingest.extraction.metadata.byline import inside_boilerplate
from article_ingest.extraction.metadata.text import bounded_text, clean_text
from article_ingest.extraction.tree import HtmlElement

_CREDIT_LABELS = (
    "Text:", "Texte :", "Texte:", "Texto:", "Autor:", "Autorin:", "Autoren:", "Author:", "Auteur :", "Auteur:",
    "Written by", "Text von", "责任编辑", "作者：", "作者:", "記者：",
)  # fmt: skip
# The label must open a text node of the body ("Autor: Jane Doe"); the name follows in the same text ("责任编辑：焦鹏")
# or, when the label is an element of its own (<b>Text:</b> Jane Doe, Autor: <a>Jane Doe</a>), after it. A text is
# read only when it holds a colon, "Written by" or "Text von".
_MAY_HOLD_LABEL = etree.XPath(
    "//body/descendant::text()"
    "[contains(., ':') or contains(., '：') or contains(., 'Written by') or contains(., 'Text von')]"
)
_BODY_TEXTS = etree.XPath("//body//text()", smart_strings=False)
_BODY_TEXT_COUNT = etree.XPath("count(//body//text())")
_PLAIN_TEXTS_LIMIT = 5000  # a page's texts listed at once as plain strings: a few hundred kB at most
_MAX_CREDIT_CHARS = 80
_MAX_CREDITS = 3


def credit_lines(root: HtmlElement) -> list[tuple[str, HtmlElement]]:
    """Short labelled credit lines outside boilerplate, in document order, with the element holding each."""
    found: list[tuple[str, HtmlElement]] = []
    for text in islice(_labelled_texts(root), 10):
        node = text.getparent()
        if node is None or node.tag in ("script", "style", "option", "title", "a") or inside_boilerplate(node):
            continue
        line = clean_text(str(text)) or ""
        if line.rstrip(" :：") in _LABEL_TEXTS:  # <b>Text:</b> Jane Doe, Autor: <a>Jane Doe</a>: read on in the line
            own = line if text.is_tail else f"{bounded_text(node, _MAX_CREDIT_CHARS)[0]} {node.tail or ''}"
            line = _read_on(node, own)
        if len(line) <= _MAX_CREDIT_CHARS and line.rstrip(" :：") not in _LABEL_TEXTS:
            found.append((line, node))
        if len(found) == _MAX_CREDITS:
            break
    return found


def _labelled_texts(root: HtmlElement) -> list[Any]:
    """The body's text nodes that open with a credit label, in document order (lxml's text results that know their
    element). Most pages have none, which their texts read as plain strings tell several times faster than the
    XPath that selects the texts that may hold one (its four `contains` copy every text four times)."""
    if _BODY_TEXT_COUNT(root) <= _PLAIN_TEXTS_LIMIT and not any(
        (":" in text or "：" in text or "Written by" in text or "Text von" in text)
        and text.lstrip().startswith(_CREDIT_LABELS)
        for text in _BODY_TEXTS(root)
    ):
        return []
    return [text for text in _MAY_HOLD_LABEL(root) if text.lstrip().startswith(_CREDIT_LABELS)]


def _read_on(node: HtmlElement, start: str) -> str:
    """The credit line from its label on: the siblings after `node` up to the next line break or block."""
    pieces = [start]
    size = len(start)
    for sibling in node.itersiblings():
        if not isinstance(sibling.tag, str) or sibling.tag in _LINE_BREAKS or size > _MAX_CREDIT_CHARS:
            break
        piece = f"{' '.join(sibling.itertext())} {sibling.tail or ''}"
        pieces.append(piece)
        size += len(piece)
    return clean_text(" ".join(pieces)) or ""


_LINE_BREAKS = frozenset({"br", "p", "div", "li", "ul", "ol", "h2", "h3", "h4", "table", "section", "figure"})
_LABEL_TEXTS = frozenset(label.rstrip(" :：") for label in _CREDIT_LABELS)


def closing_signature(root: HtmlElement) -> tuple[str, HtmlElement] | None:
    """ "<p><b><i>Jane Doe</i></b></p>" or a right-aligned name right after the story's last long paragraph."""
    for paragraph in _SIGNATURE_XPATH(root)[:5]:
        text = clean_text(" ".join(paragraph.itertext())) or ""
        words = text.split()
        if (
            not 2 <= len(words) <= 4
            or not all(_NAME_WORD_RE.match(word) and word[0].isupper() for word in words)
            or inside_boilerplate(paragraph)
        ):
            continue
        emphasised = any(
            child.tag in _EMPHASIS and clean_text(" ".join(child.itertext())) == text for child in paragraph
        )
        right = (paragraph.get("align") or "").lower() == "right" or bool(
            _ALIGN_RIGHT_RE.search(paragraph.get("style") or "")
        )
        if right or (emphasised and _LAST_WORDS_XPATH(paragraph)):  # a bold line further up is a subheading
            return text, paragraph
    return None


_NAME_WORD_RE = re.compile(r"^[^\W\d_][\w'’.-]*$")  # no "Übung," nor "Vorlage:"
_LAST_WORDS_XPATH = etree.XPath("not(following-sibling::p[string-length(normalize-space(.)) > 40])")
_EMPHASIS = frozenset({"b", "strong", "i", "em"})
_ALIGN_RIGHT_RE = re.compile(r"text-align\s*:\s*right", re.I)  # not "margin-right"
# a short paragraph (no digits, no link) whose previous sibling is a long paragraph of the story
_SIGNATURE_XPATH = etree.XPath(
    "//body/descendant::p[string-length(normalize-space(.)) < 40]"  # `descendant::`: `//` with fewer steps
    "[not(contains(translate(., '0123456789', '##########'), '#'))]"
    "[not(descendant::a)]"  # a short linked line is navigation ("Mehr Informationen"), not a signature
    "[preceding-sibling::*[1][self::p][string-length(normalize-space(.)) > 150]]"
)
