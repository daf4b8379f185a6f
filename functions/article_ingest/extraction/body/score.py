"""Readability-style candidate scoring: which container holds the story, and which siblings belong to it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from article_ingest.extraction.body import patterns
from article_ingest.extraction.body.clean import attr_words, is_negative

_PARAGRAPH_LIKE = frozenset({"p", "pre", "td", "blockquote"})
_COMMA_RE = re.compile(r"[,，、،]")
_TAG_BIAS = {"div": 5.0, "article": 8.0, "main": 5.0, "section": 3.0, "pre": 3.0, "td": 3.0, "blockquote": 3.0}
_NEGATIVE_TAG_BIAS = -3.0  # lists, forms and the like
_MIN_PARAGRAPH_CHARS = 25
_DIV_LIKE = frozenset({"div", "section", "article"})
_MAX_ANCESTORS = 5
_TEASER_HEADINGS = 3
_RANKED_BY_DENSITY = 15  # raw candidates whose link density is computed to rank them
_LIST_TAGS = frozenset({"ul", "ol", "dl", "li", "dd", "dt"})
_OWN_PARAGRAPHS = 3  # paragraphs of its own that make the element around a list the story
_POST_WRAPPER_LEVELS = 3  # how far above the candidate a repeated post wrapper is looked for
_POST_SHARE = 0.2  # of the candidate's score, needed by the container in each copy (Readability's sibling share)
_LEAD_MIN_WORDS = 15  # a block before the story this long (and not links) is its lead, set apart from the body
_MIN_SECTION_SCORE = 10.0  # Readability's floor for a sibling that continues the story
_READ_MORE_RE = re.compile(
    r"\W*((read|see|view) more|continue reading|read the (full )?(story|article|post))\W*$", re.I
)


@dataclass
class Candidate:
    element: HtmlElement
    score: float
    # A list that outscored the story around it, in a box marked as furniture (a slideshow in a "promo" or
    # "widget" box, spared by clean_tree only because it holds most of the page's text): not the story.
    galleries: list[HtmlElement] = field(default_factory=list)


def normalized_text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def class_weight(element: HtmlElement) -> float:
    words = attr_words(element)
    if not words.strip():
        return 0.0
    weight = 0.0
    if patterns.NEGATIVE_RE.search(words) and not patterns.PROTECTING_RE.search(words):
        weight -= 25.0
    if patterns.POSITIVE_RE.search(words):
        weight += 25.0
    return weight


def link_density(element: HtmlElement, text_length: int | None = None) -> float:
    length = text_length if text_length is not None else len(normalized_text(element))
    if not length:
        return 0.0
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return min(1.0, linked / length)


def _direct_text(element: HtmlElement) -> str:
    parts = [element.text or ""]
    parts.extend(child.tail or "" for child in element)
    parts.extend(child.text_content() for child in element if child.tag not in patterns.BLOCK_TAGS)
    return " ".join(" ".join(parts).split())


def _inline_run(element: HtmlElement) -> bool | None:
    """For an inline element holding no block (a <strong> around a run of text): whether a <br> splits it.
    None for a block, or an inline element wrapping blocks. One walk, stopped at the first block."""
    if not isinstance(element.tag, str) or element.tag in patterns.BLOCK_TAGS:
        return None
    split = False
    for inner in element.iterdescendants():
        if inner.tag in patterns.BLOCK_TAGS:
            return None
        split = split or inner.tag == "br"
    return split


def _paragraphs(body: HtmlElement) -> list[tuple[HtmlElement, str, bool]]:
    """Elements that carry paragraph text, with whether they are their own container.

    <p>-like tags score their parent. A div holding text directly is a paragraph too (also when the text is
    wrapped whole in an inline element); when that text is split by <br>s, the div is the container of those
    paragraphs and scores itself.
    """
    found: list[tuple[HtmlElement, str, bool]] = []
    for element in body.iter():
        tag = element.tag
        own_container = False
        if tag in _PARAGRAPH_LIKE:
            text = normalized_text(element)
        elif tag in _DIV_LIKE:
            if not any(child.tag in patterns.BLOCK_TAGS for child in element):  # a div used as a <p>
                text = normalized_text(element)
            else:
                # Text of its own beside its blocks: loose text, or a run wrapped whole in an inline element (a
                # post written as one <strong> split by <br>s).
                runs = [(child, _inline_run(child)) for child in element]
                loose = (element.text and element.text.strip()) or any(
                    child.tail and child.tail.strip() for child in element
                )
                if not loose and not any(split is not None and child.text_content().strip() for child, split in runs):
                    continue
                text = _direct_text(element)
                own_container = any(split for _, split in runs)
            own_container = own_container or any(child.tag == "br" for child in element)
        else:
            continue
        if len(text) >= _MIN_PARAGRAPH_CHARS:
            found.append((element, text, own_container))
    return found


def _initial_score(element: HtmlElement) -> float:
    tag = element.tag
    bias = _TAG_BIAS.get(tag, 0.0) if isinstance(tag, str) else 0.0
    if tag in _LIST_TAGS or tag in {"form", "address"}:
        bias = _NEGATIVE_TAG_BIAS
    elif tag in {"h1", "h2", "h3", "h4", "h5", "h6", "th"}:
        bias = -5.0
    return bias + class_weight(element)


class CandidateScores:
    """Readability content scores. Link density (a subtree walk) is applied lazily, only where it is asked for."""

    def __init__(self, raw: dict[HtmlElement, float]) -> None:
        self.raw = raw
        self._final: dict[HtmlElement, float] = {}

    def final(self, element: HtmlElement) -> float | None:
        """Score after the link-density penalty; None for an element that holds no paragraph."""
        if element not in self.raw:
            return None
        if element not in self._final:
            self._final[element] = self.raw[element] * (1.0 - link_density(element))
        return self._final[element]

    def ranked(self) -> list[tuple[HtmlElement, float]]:
        """The best raw candidates, ordered by final score. Link density only lowers a score, so a candidate
        outside the raw top few would need most of their text in links to be overtaken: not a story."""
        top_raw = sorted(self.raw, key=self.raw.__getitem__, reverse=True)[:_RANKED_BY_DENSITY]
        finals = [(element, self.final(element) or 0.0) for element in top_raw]
        return sorted(finals, key=lambda item: item[1], reverse=True)


def score_candidates(body: HtmlElement) -> CandidateScores:
    scores: dict[HtmlElement, float] = {}
    for element, text, own_container in _paragraphs(body):
        points = 1.0 + len(_COMMA_RE.findall(text)) + min(len(text) / 100.0, 3.0)
        ancestor = element if own_container else element.getparent()
        level = 0
        while ancestor is not None and level < _MAX_ANCESTORS:
            if ancestor not in scores:
                scores[ancestor] = _initial_score(ancestor)
            divider = 1.0 if level == 0 else 2.0 if level == 1 else level * 3.0
            scores[ancestor] += points / divider
            ancestor = ancestor.getparent()
            level += 1
    return CandidateScores(scores)


def best_candidate(body: HtmlElement, scores: CandidateScores) -> Candidate | None:
    ranked = scores.ranked()
    if not ranked or ranked[0][1] <= 0:
        return None
    top, top_score = ranked[0]
    # Several strong candidates under one ancestor: the story is split; take the ancestor.
    rivals = [element for element, score in ranked[1:5] if score >= 0.75 * top_score]
    if len(rivals) >= 2:
        ancestor = top.getparent()
        while ancestor is not None and ancestor is not body:
            shared = sum(1 for rival in rivals if _is_ancestor(ancestor, rival))
            if shared >= 2:
                top = ancestor
                break
            ancestor = ancestor.getparent()
    else:
        top = _sections_around(top, top_score, scores)
    galleries: list[HtmlElement] = []
    if top.tag in _LIST_TAGS:
        story = _story_around_list(top, body)
        if story is not top and _in_furniture_box(top, story):
            galleries.append(top)
        top = story
    # A lone child says nothing about its parent: climb while the parent wraps only it.
    parent = top.getparent()
    while (
        parent is not None
        and parent is not body
        and len(parent) == 1
        and parent.tag != "html"
        and not (parent.text or "").strip()
        and not (top.tail or "").strip()
    ):
        top = parent
        parent = top.getparent()
    final = scores.final(top)
    return Candidate(top, top_score if final is None else final, galleries)


def _sections_around(top: HtmlElement, top_score: float, scores: CandidateScores) -> HtmlElement:
    """A story split into sections of one kind (a CMS's content elements, each a classed div) whose largest section
    (an appended interview) outscores each of the others: when two or more others of its kind, not inside it,
    outscore it together, the story is the nearest ancestor holding it and them."""
    if not _class_words(top):
        return top
    kin = [
        element
        for element in scores.raw
        if element is not top
        and element.tag == top.tag
        and _same_kind(element, top)
        and not _is_ancestor(element, top)
        and not _is_ancestor(top, element)
        and (scores.final(element) or 0.0) >= _MIN_SECTION_SCORE
    ]
    if len(kin) < 2 or sum(scores.final(element) or 0.0 for element in kin) < top_score:
        return top
    ancestor = top.getparent()
    while ancestor is not None and ancestor.tag not in {"body", "html"}:
        if sum(1 for element in kin if _is_ancestor(ancestor, element)) >= 2:
            return ancestor
        ancestor = ancestor.getparent()
    return top


def _story_around_list(top: HtmlElement, body: HtmlElement) -> HtmlElement:
    """A list whose items hold paragraphs (a gallery's captions, a listicle's entries) outscores the story it sits
    in: the nearest element around it holding paragraphs of its own is the story."""
    node = top.getparent()
    level = 0
    while node is not None and node is not body and level < _MAX_ANCESTORS:
        own = sum(1 for child in node if child.tag == "p" and len(normalized_text(child)) >= _MIN_PARAGRAPH_CHARS)
        if own >= _OWN_PARAGRAPHS:
            return node
        node = node.getparent()
        level += 1
    return top


def is_teaser_list(element: HtmlElement) -> bool:
    """Cards of other stories: several headings that are links, or several "Read more" links. A story's own
    subheadings almost never are links, and a story points to its continuation once, not three times."""
    linked = 0
    for heading in element.iter("h2", "h3", "h4", "h5", "h6"):
        text = normalized_text(heading)
        parent = heading.getparent()
        if text and ((parent is not None and parent.tag == "a") or link_density(heading, len(text)) > 0.8):
            linked += 1
            if linked >= _TEASER_HEADINGS:
                return True
    read_more = 0
    for link in element.iter("a"):
        if _READ_MORE_RE.match(link.text_content()):
            read_more += 1
            if read_more >= _TEASER_HEADINGS:
                return True
    return False


def _reads_like_story(element: HtmlElement) -> bool:
    text = normalized_text(element)
    return len(text) >= _MIN_PARAGRAPH_CHARS and link_density(element, len(text)) < 0.25


def _in_furniture_box(element: HtmlElement, container: HtmlElement) -> bool:
    """Whether `element` lies inside `container` with a furniture class on the way up (itself included)."""
    verdicts: dict[str, bool] = {}
    node: HtmlElement | None = element
    marked = False
    while node is not None and node is not container:
        marked = marked or is_negative(node, verdicts)
        node = node.getparent()
    return node is container and marked


def _is_ancestor(ancestor: HtmlElement, element: HtmlElement) -> bool:
    node = element.getparent()
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _class_words(element: HtmlElement) -> frozenset[str]:
    """Class words without digits: "post-6145 post type-post" and "post-6150 post type-post" are one kind."""
    return frozenset(word for word in (element.get("class") or "").split() if not any(c.isdigit() for c in word))


def _same_kind(a: HtmlElement, b: HtmlElement) -> bool:
    """Same tag and mostly the same class words: two copies of one template's element."""
    words_a, words_b = _class_words(a), _class_words(b)
    return a.tag == b.tag and len(words_a & words_b) * 2 >= len(words_a | words_b)


def _depth_below(ancestor: HtmlElement, element: HtmlElement) -> int:
    depth = 0
    node: HtmlElement | None = element
    while node is not None and node is not ancestor:
        node = node.getparent()
        depth += 1
    return depth


def _repeated_posts(candidate: Candidate, scores: CandidateScores) -> list[HtmlElement] | None:
    """A page of several posts (a blog's front page): the wrapper around the candidate repeats beside it, and each
    copy holds, in the same place, a story container of the same kind. The posts, in order, are the story.

    The candidate's own same-class siblings are `with_siblings`' business; the copies are looked for from the
    candidate's parent up to `_POST_WRAPPER_LEVELS` above it. The wrapper must carry a class, and the copy's
    container must be at the same depth and of the same kind as the candidate: the same template, not a column
    of the layout that happens to hold text.
    """
    story = candidate.element
    threshold = max(10.0, candidate.score * _POST_SHARE)
    element = story.getparent()
    for depth in range(1, _POST_WRAPPER_LEVELS + 1):
        parent = element.getparent() if element is not None else None
        if element is None or parent is None or element.tag in {"body", "html"}:
            return None
        if _class_words(element):
            copies = {
                sibling
                for sibling in parent
                if sibling is not element
                and isinstance(sibling.tag, str)
                and _same_kind(sibling, element)
                and any(
                    _same_kind(inner, story)
                    and (scores.final(inner) or 0.0) >= threshold
                    and _depth_below(sibling, inner) == depth
                    for inner in sibling.iter(story.tag)
                )
            }
            if copies:
                return [sibling for sibling in parent if sibling is element or sibling in copies]
        element = parent
    return None


def with_siblings(candidate: Candidate, scores: CandidateScores) -> list[HtmlElement]:
    """The candidate plus siblings that continue the story (articles split across containers)."""
    parent = candidate.element.getparent()
    if parent is None:
        return [candidate.element]
    posts = _repeated_posts(candidate, scores)
    if posts is not None:
        return posts
    threshold = max(10.0, candidate.score * 0.35)
    top_class = candidate.element.get("class", "")
    kept: list[HtmlElement] = []
    past_story = False
    story_words: set[str] | None = None  # class/id words of the story's own paragraphs, read once when needed
    for sibling in parent:
        if sibling is candidate.element:
            kept.append(sibling)
            past_story = True
            continue
        if not isinstance(sibling.tag, str):
            continue
        bonus = candidate.score * 0.2 if top_class and sibling.get("class", "") == top_class else 0.0
        sibling_score = scores.final(sibling)
        if is_teaser_list(sibling):
            continue
        if sibling_score is not None and sibling_score + bonus >= threshold and class_weight(sibling) >= 0:
            kept.append(sibling)
        elif bonus and sibling_score is None and _reads_like_story(sibling):
            kept.append(sibling)  # the same wrapper as the story, too deep for the scores to reach
        elif sibling.tag == "p":
            # After the story, a <p> with a class or id that no paragraph of the story carries is a page element set
            # as a paragraph (a footer line, a disclaimer), not the story running on. (Before the story, such a <p>
            # is often its lead, set in bold.)
            words = set(attr_words(sibling).split()) if past_story else set()
            if words:
                if story_words is None:
                    story_words = {word for inner in candidate.element.iter("p") for word in attr_words(inner).split()}
                if not words & story_words:
                    continue
            text = normalized_text(sibling)
            density = link_density(sibling, len(text))
            if (len(text) > 80 and density < 0.25) or (
                0 < len(text) <= 80 and density == 0 and re.search(r"[.!?。」\"”]\s*$", text)
            ):
                kept.append(sibling)
    lead = _lead_before(kept[0])
    return [lead, *kept] if lead is not None else kept


def _lead_before(first: HtmlElement) -> HtmlElement | None:
    """The story's first paragraph set in a box of its own before the body container (an "abstract", a
    "firstpara" div, a table cell above the story's cell): the nearest text before the story inside the story's
    parent, headings passed over. Taken when it is one paragraph of prose: long enough, no <br>-split lines (a
    caption, a list of links), not links."""
    for sibling in first.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str):
            continue
        for element in reversed(list(sibling.iter())):
            if not isinstance(element.tag, str) or element.tag not in patterns.BLOCK_TAGS:
                continue
            # Headings are passed over; a block with blocks inside was read through them (reverse document order
            # meets an element after everything inside it). Direct children only: one look per element.
            if element.tag in patterns.ALL_HEADING_TAGS or any(child.tag in patterns.BLOCK_TAGS for child in element):
                continue
            text = normalized_text(element)
            if not text:
                continue
            is_lead = (
                len(text.split()) >= _LEAD_MIN_WORDS
                and element.find(".//br") is None
                and link_density(element, len(text)) < 0.25
            )
            return element if is_lead else None
    return None
