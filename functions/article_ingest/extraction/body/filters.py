"""Precision rules applied inside the chosen containers and to the rendered blocks."""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml.html import HtmlElement

from article_ingest.extraction.body import patterns
from article_ingest.extraction.body.clean import drop
from article_ingest.extraction.body.render import Block
from article_ingest.extraction.body.score import class_weight, is_teaser_list, link_density, normalized_text
from article_ingest.extraction.page import PageMetadata

_PRUNABLE = ("div", "section", "ul", "ol", "dl", "table", "aside", "article")
_COMMA_RE = re.compile(r"[,，、،]")
_WORD_RE = re.compile(r"[^\W\d_]+")  # words, not numbers or separators ("Previous - 1 - 2 - Next")
_PROSE_OWN_WORDS = 10  # words outside links that make a div of inline content a paragraph of prose
_LINK_LIST_DENSITY = 0.8  # a list inside the story past this share of its text in links is a link list
_LABEL_WORDS = 6  # a line this short, with no sentence end, is a label
_LABEL_LIST = 2  # dropped link lines right under a label that make it the title of a link list
_H1_PROSE_WITHIN = 3  # blocks after an <h1> in which story prose must follow for it to be a subheading
_LISTING_ITEMS = 3  # this many such titles on a page are a listing's items (a date, then its ticket links), not titles


def prune_inside(container: HtmlElement) -> None:
    """Readability's conditional cleaning: drop link lists and widget boxes nested in the story container."""
    for element in reversed(list(container.iter(*_PRUNABLE))):
        if element is container or element.getparent() is None:
            continue
        if len(element) == 1 and not (element.text or "").strip() and not (element[0].tail or "").strip():
            continue  # a bare wrapper: same text and links as its child, which was judged already
        text = normalized_text(element)
        if len(_COMMA_RE.findall(text)) >= 10:
            continue
        if _looks_like_furniture(element, text):
            drop(element)


def _looks_like_furniture(element: HtmlElement, text: str) -> bool:
    if not text:
        return not any(True for _ in element.iter("img"))
    if is_teaser_list(element):
        return True
    density = link_density(element, len(text))
    weight = class_weight(element)
    tag = element.tag
    if tag in {"ul", "ol", "dl"}:
        return density > _LINK_LIST_DENSITY
    if density > 0.5:
        return True
    # Readability's lower bar is for boxes. A div holding only inline content is a paragraph written as a div: prose
    # may link a third of its words (a <p> is never pruned here at all).
    return density > 0.25 and weight < 25 and not _is_prose_paragraph(element, text)


def _is_prose_paragraph(element: HtmlElement, text: str) -> bool:
    """No block inside, and words of its own beside its links (not a pager, a "Categories: ..." line or a credit)."""
    if any(isinstance(node.tag, str) and node.tag in patterns.BLOCK_TAGS for node in element.iterdescendants()):
        return False
    linked = sum(len(_WORD_RE.findall(link.text_content())) for link in element.iter("a"))
    return len(_WORD_RE.findall(text)) - linked >= _PROSE_OWN_WORDS


def _is_date_stamp(text: str) -> bool:
    """A short line made only of numbers and date words, in any of the languages DATE_WORDS covers."""
    if len(text) > patterns.DATE_LINE_MAX or not re.search(r"\d", text):
        return False
    words = re.findall(r"[^\W\d_]+", text.casefold())
    if not all(word in patterns.DATE_WORDS for word in words):
        return False
    years = len(re.findall(r"(?<!\d)(19|20)\d\d(?!\d)", text))
    named = sum(1 for word in words if word in patterns.DAY_NAMES)
    # One full date: a year, or a month/weekday name. A bare time or a date range is content.
    return years <= 1 and (years == 1 or named >= 1) and "|" not in text and " - " not in text


def _is_byline(text: str) -> bool:
    """ "By Jane Doe and John Roe": short, no sentence punctuation, names capitalized."""
    if not patterns.BYLINE_RE.match(text) or re.search(r"[.!?]\s*$", text.rstrip(".").rstrip()) is not None:
        return False
    words = text.split()[1:]
    return bool(words) and sum(1 for word in words if word[:1].isupper()) >= len(words) / 2


def _in_kept_list(block: Block, densities: dict[HtmlElement, float]) -> bool:
    """A list item whose list is not a link list by `prune_inside`'s bar (trafilatura judges lists whole, too)."""
    item = block.opened_by
    if block.tag != "li" or item is None:
        return False
    parent = item.getparent()
    if parent is None:
        return False
    if parent not in densities:
        densities[parent] = link_density(parent)
    return densities[parent] <= _LINK_LIST_DENSITY


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def keep_story_blocks(blocks: list[Block], metadata: PageMetadata) -> list[str]:
    known = {_key(metadata.title)} if metadata.title else set()
    # A standfirst set as a heading or box of its own repeats the description; a <p> equal to it, or the same text
    # running in the story's flow, is the story's own lead (many CMSs derive the description from it), so it stays.
    standfirst = _key(metadata.description) if metadata.description else ""
    if metadata.image is not None:
        known.update(_key(value) for value in (metadata.image.caption, metadata.image.alt) if value)
    known.discard("")
    kept: list[_Kept] = []
    link_lines: set[int] = set()  # blocks dropped as link lines, by position
    list_densities: dict[HtmlElement, float] = {}  # one measure per list, however many items it has
    for position, block in enumerate(blocks):
        text = block.text
        if not text or (block.tag == "h1" and not _subheading_h1(blocks, position, kept)):
            continue
        if len(text) <= patterns.STOCK_LINE_MAX and patterns.STOCK_LINE_RE.match(text):
            continue
        if len(text) <= patterns.CREDIT_LINE_MAX and patterns.CREDIT_LINE_RE.search(text):
            continue
        if patterns.SERVER_ERROR_LINE_RE.match(text):
            continue
        if len(text) <= 100 and (
            patterns.DATE_LINE_RE.match(text)
            or patterns.TIME_LINE_RE.match(text)
            or _is_date_stamp(text)
            or _is_byline(text)
        ):
            continue
        # A link line. An item of a list the story keeps is judged with its list, not alone: a list of linked
        # titles each with a figure or a note ("Bad news! - 16.2%") is the story's own list. A table row's " | "
        # between cells counts neither way.
        if patterns.is_link_line(len(text) - block.separator_chars, block.link_chars) and not _in_kept_list(
            block, list_densities
        ):
            link_lines.add(position)
            continue
        if known or standfirst:
            key = _key(text)
            if key in known or (key == standfirst and block.whole_element and block.tag != "p"):
                continue
        kept.append(_Kept(position, block.tag, text))
    titles = {item.position for item in kept if _titles_link_list(item, link_lines)}
    if len(titles) < _LISTING_ITEMS:
        kept = [item for item in kept if item.position not in titles]
    while kept and (
        kept[-1].tag in patterns.HEADING_TAGS  # a heading with nothing after it titles a widget
        or (len(kept[-1].text) <= patterns.TRAILER_MAX and patterns.TRAILER_RE.search(kept[-1].text))
    ):
        kept.pop()
    return _without_second_copy([item.text for item in kept])


def _subheading_h1(blocks: list[Block], position: int, kept: list[_Kept]) -> bool:
    """An <h1> between paragraphs of the story is a subheading set in the wrong tag ("Tipp 1: ...", a section of a
    long post), not the page's headline: story prose is kept before it and follows it."""
    if not any(len(item.text) >= _PROSE_CHARS for item in kept):
        return False
    following = blocks[position + 1 : position + 1 + _H1_PROSE_WITHIN]
    return any(block.tag != "h1" and len(block.text) >= _PROSE_CHARS for block in following)


class _Kept(NamedTuple):
    position: int  # in the rendered blocks
    tag: str
    text: str


def _titles_link_list(item: _Kept, link_lines: set[int]) -> bool:
    """A label ("RELATED INFORMATION", "Lesen Sie auch:") directly over link lines that were dropped titles those
    links, not the story: it goes with them."""
    if len(item.text.split()) > _LABEL_WORDS or re.search(r"[.!?。]\s*$", item.text):
        return False
    return all(item.position + step in link_lines for step in range(1, _LABEL_LIST + 1))


_COPY_MIN_PROSE = 3  # prose paragraphs a repeated run must hold to be a second copy of the story
_PROSE_CHARS = 80  # a block this long is a paragraph of prose, not a label, heading or chorus line
_RESTART_WITHIN = 2  # the copy starts again from one of the story's first prose paragraphs


def _without_second_copy(texts: list[str]) -> list[str]:
    """A story printed twice, once: a later run of the same blocks in the same order, holding several paragraphs
    of prose and starting again from one of the story's first paragraphs (a print copy beside the shown one, a CMS
    that renders the intro and the full text, a teaser box and its continuation both holding the whole story).
    Repeated blocks elsewhere (a refrain, a boilerplate clause) are the story's own and stay. One pass: a copy is
    matched against the blocks before it, so a third copy goes too."""
    keys = [_key(text) for text in texts]
    prose = [index for index, text in enumerate(texts) if len(text) >= _PROSE_CHARS]
    starts = {keys[index]: index for index in reversed(prose[:_RESTART_WITHIN])}
    kept: list[str] = []
    at = 0
    while at < len(texts):
        origin = starts.get(keys[at], at)
        if origin < at:
            length = 0
            while at + length < len(keys) and origin + length < at and keys[origin + length] == keys[at + length]:
                length += 1
            if sum(1 for text in texts[at : at + length] if len(text) >= _PROSE_CHARS) >= _COPY_MIN_PROSE:
                at += length
                continue
        kept.append(texts[at])
        at += 1
    return kept
