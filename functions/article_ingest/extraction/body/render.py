"""Selected containers -> paragraphs: blocks become paragraphs; link lists and stock lines are dropped."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import lxml.etree
from lxml.html import HtmlElement

from article_ingest.extraction.body import patterns


@dataclass
class Block:
    tag: str
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    text: str = ""  # whitespace-collapsed, set when the block is closed
    # All the text of one element of its own (a box, a heading), not a run of text among others in its parent.
    whole_element: bool = False
    opened_by: HtmlElement | None = field(default=None, repr=False)
    separator_chars: int = 0  # " | " between the cells of a row read as one line: neither link nor words


def render_blocks(containers: list[HtmlElement]) -> list[Block]:
    """Walk the containers in document order, cutting a new block at every block-level tag and <br>."""
    blocks: list[Block] = []
    stack: list[str] = []  # enclosing block tags
    current = Block("p")
    in_link = 0

    def flush(next_tag: str) -> None:
        nonlocal current
        current.text = " ".join("".join(current.parts).split())
        if current.text:
            blocks.append(current)
        current = Block(next_tag)

    for container in containers:
        # iterwalk skips comments and PIs, and their tails with them: fold those tails into the text first.
        lxml.etree.strip_tags(container, lxml.etree.Comment, lxml.etree.ProcessingInstruction)
        flush(container.tag if isinstance(container.tag, str) else "p")
        cells = _cells_of_simple_rows(container)
        walk = lxml.etree.iterwalk(container, events=("start", "end"))
        for event, element in walk:
            tag = element.tag
            if not isinstance(tag, str):
                continue
            if cells and element in cells:  # a cell of a row read as one line: its text joins the row's, after a " | "
                if event == "end":
                    if element.tail:
                        current.parts.append(element.tail)
                elif cells[element] is _Cell.LINK:
                    walk.skip_subtree()  # what the link-line rule drops from a line of its own
                else:
                    if cells[element] is _Cell.NEXT:
                        current.parts.append(" | ")
                        current.separator_chars += _SEPARATOR_CHARS
                    if element.text:
                        current.parts.append(element.text)
                continue
            if event == "start":
                if tag in patterns.BLOCK_TAGS:
                    stack.append(tag)
                    flush(tag)
                    current.opened_by = element
                elif tag == "br":
                    flush(stack[-1] if stack else "p")
                elif tag == "a" and _is_link(element):
                    in_link += 1
                if element.text:
                    current.parts.append(element.text)
                    if in_link:
                        current.link_chars += _collapsed_length(element.text)
            else:
                if tag in patterns.BLOCK_TAGS:
                    if stack:
                        stack.pop()
                    current.whole_element = current.opened_by is element
                    flush(stack[-1] if stack else "p")
                elif tag == "a" and _is_link(element):
                    in_link = max(0, in_link - 1)
                if element is not container and element.tail:
                    current.parts.append(element.tail)
                    if in_link:
                        current.link_chars += _collapsed_length(element.tail)
        flush("p")
        stack.clear()
    return blocks


def _is_link(anchor: HtmlElement) -> bool:
    """An <a> the reader can follow. A named anchor (`<a name="news-nov06">`, no href) marks a place to jump to, often
    wrapping a whole paragraph; its text is no link, and a block made of it is no link line."""
    return anchor.get("href") is not None or (anchor.get("name") is None and anchor.get("id") is None)


class _Cell(Enum):
    FIRST = "first"  # the row's first cell with text
    NEXT = "next"  # a later one: " | " before it
    LINK = "link"  # mostly link: left out, as a line of its own would be (`patterns.is_link_line`)


_SEPARATOR_CHARS = 2  # "| " beyond the space that separates two words anyway
_ROW_CELLS = frozenset({"td", "th"})


def _cells_of_simple_rows(container: HtmlElement) -> dict[HtmlElement, _Cell]:
    """The cells of table rows that are one record each: two or more cells, none holding a block or a <br> (a
    layout table's cells hold paragraphs). Such a row is one line of the body, "Mittwoch, 9. Februar | 9 Uhr |
    Einzel", not one paragraph per cell. Empty cells add nothing."""
    cells: dict[HtmlElement, _Cell] = {}
    for row in container.iter("tr"):
        row_cells = [child for child in row if isinstance(child.tag, str)]
        if len(row_cells) < 2 or any(cell.tag not in _ROW_CELLS for cell in row_cells):
            continue
        if any(
            isinstance(inner.tag, str) and (inner.tag in patterns.BLOCK_TAGS or inner.tag == "br")
            for cell in row_cells
            for inner in cell.iterdescendants()
        ):
            continue
        measures = [_text_and_links(cell) for cell in row_cells]
        length, linked = sum(len(text) for text, _ in measures), sum(links for _, links in measures)
        if not length or patterns.is_link_line(length, linked):
            continue  # a row of links (a pager, a menu): its cells stay lines of their own for the link rules
        seen_text = False
        for cell, (text, links) in zip(row_cells, measures, strict=True):
            if text and patterns.is_link_line(len(text), links):
                cells[cell] = _Cell.LINK
            else:
                cells[cell] = _Cell.NEXT if seen_text and text else _Cell.FIRST
                seen_text = seen_text or bool(text)
    return cells


def _text_and_links(cell: HtmlElement) -> tuple[str, int]:
    text = " ".join(cell.text_content().split())
    return text, sum(_collapsed_length(link.text_content()) for link in cell.iter("a") if _is_link(link))


def _collapsed_length(text: str) -> int:
    """Length as the block's text counts it: a link's source line breaks and indentation are one space at most."""
    return len(" ".join(text.split()))
