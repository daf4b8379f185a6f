"""Selected containers -> paragraphs: blocks become paragraphs; link lists and stock lines are dropped."""

from __future__ import annotations

from dataclasses import dataclass, field

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
        for event, element in lxml.etree.iterwalk(container, events=("start", "end")):
            tag = element.tag
            if not isinstance(tag, str):
                continue
            if event == "start":
                if tag in patterns.BLOCK_TAGS:
                    stack.append(tag)
                    flush(tag)
                    current.opened_by = element
                elif tag == "br":
                    flush(stack[-1] if stack else "p")
                elif tag == "a":
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
                elif tag == "a":
                    in_link = max(0, in_link - 1)
                if element is not container and element.tail:
                    current.parts.append(element.tail)
                    if in_link:
                        current.link_chars += _collapsed_length(element.tail)
        flush("p")
        stack.clear()
    return blocks


def _collapsed_length(text: str) -> int:
    """Length as the block's text counts it: a link's source line breaks and indentation are one space at most."""
    return len(" ".join(text.split()))
