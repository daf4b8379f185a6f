"""Boilerplate removal on the tree, before scoring: junk tags, furniture, hidden and negative-class elements."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

import lxml.etree
from lxml.html import HtmlElement

from article_ingest.extraction.body import patterns

_NEVER_REMOVED = frozenset({"body", "html", "article", "main"})
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog", "alert", "search"})
# Holding more than this share of the page's paragraph text protects an element from wholesale removal.
_PROTECTED_SHARE = 0.5
_STORY_CONTAINER_SHARE = 0.1  # a marked story container holding this much of the story spares its ancestors
_CONTROL_TAGS = frozenset({"button", "label"})
_MAX_CONTROL_TEXT = 300
_MIN_P_TEXT = 400  # below this many characters of paragraph text, a page's story is not in paragraphs
_MIN_PARAGRAPH_CHARS = 40
_MAX_LINK_IN_SENTENCE = 60  # characters of a link's text: a longer one is a headline or a pitch, not a word or two
_FORM_LABEL_WORDS = 50  # words beside a form in the box around it that make the box the form's (its pitch, its label)
_FORM_BOX_LEVELS = 3  # how far above a removed form its box is looked for
_AFTER_FORM_WORDS = 5  # words after the form in its box ("No spam, ever"); more is content the form works on
_MIN_PROSE_CHARS = 80  # a paragraph this long, ending as a sentence does, is prose
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'»”)]*$")
_TYPED_INPUT_XPATH = lxml.etree.XPath(  # the fields of a form the reader types into (not its buttons)
    ".//textarea | .//input[not(@type) or @type='text' or @type='email' or @type='search']"
)
# <p>s, list items, and elements holding <br>s: the shapes a story's paragraphs take (see _StoryShare)
_PARAGRAPH_SHAPES_XPATH = lxml.etree.XPath(".//p | .//li | descendant-or-self::*[br]")
_SUSPECT_XPATH = lxml.etree.XPath(  # one traversal: a union of paths would walk the tree once per path
    ".//*[@class or @id or @role or @style or @hidden or @aria-hidden or "
    + " or ".join(f"self::{tag}" for tag in sorted(patterns.FURNITURE_TAGS))
    + "]"
)


def attr_words(element: HtmlElement) -> str:
    return _attr_words(element.get("class"), element.get("id"))


def _attr_words(class_words: str | None, id_words: str | None) -> str:
    return f"{class_words or ''} {id_words or ''}".lower()


def _own_words(class_words: str) -> str:
    """The class words that describe the element. A WordPress post lists its categories and tags among its classes
    ("hentry category-news tag-sidebar tag-comments"): those name the post's terms, not a kind of box."""
    if _POST_CLASS_RE.search(class_words):
        return _POST_TERM_RE.sub(" ", class_words)
    return class_words


_POST_CLASS_RE = re.compile(r"(?<!\S)(?:hentry|type-post|status-publish)(?!\S)")
_POST_TERM_RE = re.compile(r"(?<!\S)(?:category|tag)-\S+")


def is_negative(element: HtmlElement, verdicts: dict[str, bool]) -> bool:
    """Whether the class or id marks furniture. `verdicts` memoizes per call: class strings repeat a lot."""
    return any(_verdict(value.lower(), verdicts) for value in (element.get("class"), element.get("id")) if value)


def _verdict(words: str, verdicts: dict[str, bool]) -> bool:
    verdict = verdicts.get(words)
    if verdict is None:
        own = _own_words(words)
        verdict = bool(patterns.NEGATIVE_RE.search(own)) and not patterns.PROTECTING_RE.search(own)
        verdicts[words] = verdict
    return verdict


def is_hidden(element: HtmlElement) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    if not style:
        return False
    compact = style.replace(" ", "").lower()
    return "display:none" in compact or "visibility:hidden" in compact


def drop(element: HtmlElement) -> None:
    """Remove an element but keep its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


class _StoryShare:
    """How much of the page's story text an element holds: what removing it wholesale would cost.

    Measured on paragraphs: <p>s, and the other shapes a story's paragraphs take, list items (a post made of
    <li>s), the text of a block split by <br>s (a post written in one div) and a div with no block inside (a
    paragraph written as a div, as scoring reads it), all outside links and nested blocks. Short ones (labels,
    captions, "Advertisement") say nothing about where the story is. On pages with little paragraph text, all
    text counts.
    """

    def __init__(self, body: HtmlElement) -> None:
        self._held: dict[HtmlElement, int] = {}
        for element in chain(_PARAGRAPH_SHAPES_XPATH(body), _div_paragraphs(body)):
            if element.tag == "p":
                length = len(element.text_content().strip())
            elif element.tag in patterns.BLOCK_TAGS:  # a list item, a block split by <br>s
                length = _run_length(element)
            else:
                continue  # an inline element with a <br> inside: its block counts it
            if length >= _MIN_PARAGRAPH_CHARS:
                held = self._held
                for node in chain((element,), element.iterancestors()):
                    held[node] = held.get(node, 0) + length
        paragraph_text = self._held.get(body, 0)
        self._by_paragraphs = paragraph_text >= _MIN_P_TEXT
        self._total = (paragraph_text if self._by_paragraphs else len(" ".join(body.text_content().split()))) or 1

    def of(self, element: HtmlElement) -> float:
        if self._by_paragraphs:
            return self._held.get(element, 0) / self._total
        return len(" ".join(element.text_content().split())) / self._total


def _div_paragraphs(body: HtmlElement) -> Iterator[HtmlElement]:
    """Divs holding no block and no <br> (a div split by <br>s is among the XPath's shapes already)."""
    for div in body.iter("div"):
        for child in div:
            if child.tag in _NOT_IN_A_PARAGRAPH:
                break
        else:
            yield div


_NOT_IN_A_PARAGRAPH = patterns.BLOCK_TAGS | {"br"}


def _run_length(element: HtmlElement) -> int:
    """Characters of text an element holds itself: its text and its inline children's, outside links."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in patterns.BLOCK_TAGS and tag != "a":
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return len(" ".join(" ".join(parts).split()))


def clean_tree(body: HtmlElement) -> None:
    """Strip everything that is never story text. Mutates `body`."""
    typed_forms = {form for form in body.iter("form") if any(True for _ in _TYPED_INPUT_XPATH(form))}
    for element in list(body.iter(*patterns.JUNK_TAGS)):
        if element.tag in _CONTROL_TAGS and len(element.text_content()) > _MAX_CONTROL_TEXT:
            # Not a control: an unclosed <button> or <label> that libxml2 let swallow the page.
            element.drop_tag()
        else:
            drop(element)
    share = _StoryShare(body)
    verdicts: dict[str, bool] = {}
    kinds: dict[str, bool] = {}  # class and id words -> a story container's (the same classes repeat)
    suspects: list[HtmlElement] = []
    story_containers: list[HtmlElement] = []
    # Only elements with attributes or a furniture tag can be suspects; XPath picks them in C.
    for element in _SUSPECT_XPATH(body):
        tag = element.tag
        if not isinstance(tag, str) or tag in _NEVER_REMOVED:
            continue
        class_words, id_words = element.get("class"), element.get("id")  # read once: ~550 elements a page
        if class_words or id_words:
            if _is_story_container(_attr_words(class_words, id_words), kinds):
                story_containers.append(element)
            negative = bool(class_words and _verdict(class_words.lower(), verdicts)) or bool(
                id_words and _verdict(id_words.lower(), verdicts)
            )
        else:
            negative = False
        if tag in patterns.FURNITURE_TAGS or negative or element.get("role") in _FURNITURE_ROLES or is_hidden(element):
            suspects.append(element)
    # Elements sharing one class are judged together: a site that wraps every story paragraph in a "share" box or
    # marks them "paywall" holds its story in many small suspects, none of which is a large share alone.
    by_class: dict[str, float] = {}
    shares = [share.of(element) for element in suspects]
    for element, held in zip(suspects, shares, strict=True):
        if _may_hold_story_together(element.get("class")):
            by_class[element.get("class")] = by_class.get(element.get("class"), 0.0) + held
    # A box around a marked story container ("entry-content" inside a Blogger "widget Blog") is not furniture.
    marked = [
        container
        for container in story_containers
        if share.of(container) >= _STORY_CONTAINER_SHARE and not _inside_comment(container)
    ]
    holding_story = {ancestor for container in marked for ancestor in container.iterancestors()}
    # Page builders (Elementor, ...) call every block of the story a "widget": inside a marked story container,
    # that word alone does not make furniture.
    inside_story = {descendant for container in marked for descendant in container.iterdescendants()}
    # A form removed with the box around it holding its pitch: every element from the form up to that box.
    form_boxes: dict[HtmlElement, HtmlElement] = {}
    for form in typed_forms:
        box = _form_box(form, share, holding_story.union(marked))
        for node in chain((form,), form.iterancestors()):
            form_boxes[node] = box
            if node is box:
                break
    for element, held in zip(suspects, shares, strict=True):
        group = by_class.get(element.get("class") or "", 0.0)
        if element in inside_story and _only_generic_words(element, verdicts):
            continue
        if element in holding_story or _wraps_embedded_post(element):
            continue
        if _link_in_sentence(element) or _word_in_prose(element):
            continue
        # Size protects an element from removal because its words may mark a story wrongly; beside a marked story
        # container, furniture (a sidebar longer than a short story) is furniture whatever its size. A comment
        # thread keeps the size rule: on forum-like pages it is what readers came for (CleanEval's truth keeps it).
        beside_story = bool(marked) and element not in inside_story and not _is_comment_box(element)
        if max(held, group) <= _PROTECTED_SHARE or beside_story:
            element = form_boxes.get(element, element)
            drop(element)
    _drop_inline_widgets(body)


def _form_box(form: HtmlElement, share: _StoryShare, holding_story: set[HtmlElement]) -> HtmlElement:
    """A form the reader types into (a newsletter sign-up, a comment form, a search box), removed as furniture, takes
    the box around it when the box holds little besides the form and its pitch or label, which come before it ("Enter
    your email below to get free updates!"). Text after the form is what the form works on (a recipe's ingredients
    under a "Für 4 Portionen" field), not its label. The box stops short of a section (an element with a heading)
    and of the story. A form of buttons only ("Add to my wishlist") belongs to the item around it and goes alone."""
    form_words = len(form.text_content().split())
    box = form
    after = 0  # words after the form inside the box
    node = form.getparent()
    for _ in range(_FORM_BOX_LEVELS):
        if node is None:
            break
        after += len((box.tail or "").split()) + sum(
            len(sibling.text_content().split()) + len((sibling.tail or "").split()) for sibling in box.itersiblings()
        )
        if (
            node.tag in _NEVER_REMOVED
            or node in holding_story
            or share.of(node) > _PROTECTED_SHARE
            or any(True for _ in node.iter(*patterns.ALL_HEADING_TAGS))
            or after > _AFTER_FORM_WORDS
            or len(node.text_content().split()) - form_words > _FORM_LABEL_WORDS
        ):
            break
        box = node
        node = node.getparent()
    return box


def _link_in_sentence(element: HtmlElement) -> bool:
    """A short link inside a paragraph's sentence, text on both sides of it ("the Fed's <a class="meta-org">Open
    Market Committee</a> said"): words of the sentence, whatever its class says (topic links are classed "meta-...",
    "tag", "author")."""
    if element.tag != "a" or is_hidden(element) or patterns.HIDDEN_RE.search(attr_words(element)):
        return False  # text for screen readers only ("opens in a new window") is no part of the sentence
    parent = element.getparent()
    return parent is not None and parent.tag == "p" and _inside_the_text(element, parent)


def _word_in_prose(element: HtmlElement) -> bool:
    """A short inline element inside a sentence of prose ("L'<abbr class="has-tooltip">OSTA</abbr> attend ..."):
    a word of the sentence, whatever its class says. Only in a paragraph that reads as prose, 80 characters or more
    ending as a sentence does: a "by <span class="author">NAME</span> on DATE" line is a byline, not prose."""
    tag = element.tag
    if tag == "a" or tag in patterns.BLOCK_TAGS or tag in patterns.FURNITURE_TAGS:
        return False
    parent = element.getparent()
    if parent is None or parent.tag != "p" or is_hidden(element) or patterns.HIDDEN_RE.search(attr_words(element)):
        return False
    if element.find(".//img") is not None or not _inside_the_text(element, parent):
        return False
    text = " ".join(parent.text_content().split())
    return len(text) >= _MIN_PROSE_CHARS and bool(_SENTENCE_END_RE.search(text))


def _inside_the_text(element: HtmlElement, parent: HtmlElement) -> bool:
    """Short, with text on both sides of it in its parent."""
    previous = element.getprevious()
    before = (previous.tail if previous is not None else parent.text) or ""
    after = element.tail or ""
    return bool(before.strip()) and bool(after.strip()) and len(element.text_content()) < _MAX_LINK_IN_SENTENCE


def _only_generic_words(element: HtmlElement, verdicts: dict[str, bool]) -> bool:
    """Negative only for the word "widget", and not hidden or furniture by tag or role."""
    if element.tag in patterns.FURNITURE_TAGS or element.get("role") in _FURNITURE_ROLES or is_hidden(element):
        return False
    words = attr_words(element)
    return "widget" in words and not _verdict(words.replace("widget", " "), verdicts)


def _is_comment_box(element: HtmlElement) -> bool:
    return bool(patterns.COMMENT_RE.search(attr_words(element)))


def _inside_comment(element: HtmlElement) -> bool:
    """A story container inside a comment is that comment's text (themes mark comment bodies "entry-content")."""
    return any(patterns.COMMENT_RE.search(attr_words(ancestor)) for ancestor in element.iterancestors())


def _is_story_container(words: str, kinds: dict[str, bool]) -> bool:
    """Whether class and id words (`attr_words`) mark a story container; `kinds` memoizes per page."""
    kind = kinds.get(words)
    if kind is None:
        kind = bool(patterns.PROTECTING_RE.search(words)) and not patterns.CONTENT_KIND_RE.search(words)
        kinds[words] = kind
    return kind


def _may_hold_story_together(class_attr: str | None) -> bool:
    if not class_attr:
        return False
    words = class_attr.lower()
    return bool(patterns.ATTACHED_FEATURE_RE.search(words)) and not patterns.CONTENT_KIND_RE.search(words)


def _wraps_embedded_post(element: HtmlElement) -> bool:
    """A widget box around a quoted post (a tweet the story cites) is part of the story, not furniture."""
    if element.tag in patterns.FURNITURE_TAGS:
        return False
    quotes = [
        quote
        for quote in element.iter("blockquote")
        if patterns.EMBEDDED_POST_RE.search(quote.get("class", "").lower())
    ]
    if not quotes:
        return False
    quoted = sum(len(quote.text_content().strip()) for quote in quotes)
    return quoted >= 0.8 * len(element.text_content().strip())


def _drop_inline_widgets(body: HtmlElement) -> None:
    """Hover cards and the like: an inline element inside a paragraph holding an image and several links."""
    for paragraph in body.iter("p"):
        for span in reversed(list(paragraph.iter("span"))):  # innermost first, so the linked name itself stays
            if span.find(".//img") is not None and len(span.findall(".//a")) >= 2:
                drop(span)
