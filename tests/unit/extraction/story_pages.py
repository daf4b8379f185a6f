"""A small story and the page around it, for the body-rule tests: each rule is shown on a few hand-made lines."""

from __future__ import annotations

import lxml.html

STORY = [
    "The regional council approved the new water plan on Tuesday, after a debate that lasted most of the afternoon.",
    "Under the plan, the three largest towns will share a treatment plant, and the old reservoirs will be repaired.",
    "Opponents said the cost, estimated at forty million, would fall hardest on the smaller villages in the hills.",
]


def page_tree(inner: str, head: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head>{head}</head><body>{inner}</body></html>")


def story_html() -> str:
    return "".join(f"<p>{text}</p>" for text in STORY)
