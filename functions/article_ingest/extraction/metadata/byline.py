"""Visible bylines near the headline: "Desk | Dakar | Updated: 27-02-2026 23:42 IST | Created: ...",
"By A and B, March 3, 2020", <time> elements, and the body's "DAKAR (Reuters) -" dateline. (The names in them are
read by `author_sources`.)

Every date seen there is kept as a `ShownDate` with where it was shown and its label ("Updated", "Published");
which one is the publication is decided with the other sources' dates in `publication.py`."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import islice

from lxml import etree

from article_ingest.extraction.metadata.dates import DateContext, ParsedDate, parse_date, told_in_prose
from article_ingest.extraction.metadata.text import PageScan, bounded_text, clean_text, element_text
from article_ingest.extraction.tree import HtmlElement

_DATE_CLASS_RE = re.compile(r"date|time|publish|posted|byline|meta|updated|stamp|datum|fecha|zeit|info", re.I)
_BOILERPLATE_RE = re.compile(
    r"(?:^|[-_\s])(?:related|comments?|footer|recommend\w*|trending|popular|most-?read"
    r"|newsletter|promo|nav|navigation|menu|cookie\w*|outbrain|taboola|more-stories|read-more)(?:$|[-_\s])",
    re.I,
)
# a sidebar is page furniture, but one inside the story's <article>/<main> holds its meta line ("28. Januar 2022")
# ("has-sidebar", "with-double-sidebar" describe the layout of the block that holds the story, not a sidebar)
_ENTRY_RE = re.compile(r"(?:^|\s)h-?entry(?:\s|$)")
_SIDEBAR_RE = re.compile(r"(?:^|\s)(?!(?:has|with|no)-)(?:[\w-]*[-_])?sidebar(?:$|[-_\s])", re.I)
_MODIFIED_LABEL_RE = re.compile(
    r"updated|modified|edited|revised|aktualisiert|geändert|änderung|stand:|mis\s+à\s+jour|modifié|actualizad[oa]|atualizad[oa]"
    r"|aggiornat[oa]|bijgewerkt|更新",
    re.I,
)
_PUBLISHED_LABEL_RE = re.compile(
    r"published|created|posted|first\s+published|veröffentlicht|erschienen|publié|publicad[oa]|pubblicat[oa]"
    r"|gepubliceerd|公開|发布",
    re.I,
)
_SEGMENT_SPLIT_RE = re.compile(r"\s+[|•·]\s+|\s+[|•·]|[|•·]\s+|\n")
_PLACE_RE = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")
_BODY_DATELINE_RE = re.compile(
    r"^([A-Z][A-Z.'’\- ]{1,30}[A-Z])(?:\s*/[^,(–—-]{1,30})?(?:,\s*[^–—(\-]{1,40})?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s"
)
_MAX_BYLINE_CHARS = 250
_MAX_BY_LINE_CHARS = 120  # a part of a byline split across elements
_FOLLOWING_WINDOW = 60
_LEAD_DATE_CHARS = 48


class Shown(StrEnum):
    """Where a visible date was read."""

    BELOW = "below"  # the short lines between the headline and the story's first paragraph
    ABOVE = "above"  # a date line over the headline, inside the headline's own block
    ELEMENT = "element"  # a <time> or date-classed element anywhere in the body


class Label(StrEnum):
    """What the text around a date says it is."""

    PUBLISHED = "published"  # "Published", "Created", "Veröffentlicht", ...
    MODIFIED = "modified"  # "Updated", "Aktualisiert", ...
    NONE = "none"


@dataclass(frozen=True)
class ShownDate:
    date: ParsedDate
    shown: Shown
    label: Label
    rank: int  # order among the dates shown in the same place
    furniture: bool = False  # inside page furniture (related lists, footers, menus, a page sidebar)
    embedded: bool = False  # inside an embedded post (a tweet's or Instagram post's <blockquote>)


@dataclass
class Byline:
    dates: list[ShownDate] = field(default_factory=list)
    dateline: str | None = None

    def add(self, date: ParsedDate, text: str, shown: Shown, **flags: bool) -> None:
        rank = sum(1 for seen in self.dates if seen.shown is shown)
        self.dates.append(ShownDate(date, shown, label_of(text), rank, **flags))


def label_of(text: str) -> Label:
    if _PUBLISHED_LABEL_RE.search(text):
        return Label.PUBLISHED
    return Label.MODIFIED if _MODIFIED_LABEL_RE.search(text) else Label.NONE


def read_byline(root: HtmlElement, context: DateContext, scan: PageScan) -> Byline:
    """Dates and the place line from the short lines after the headline and from date-like elements."""
    byline = Byline()
    context = replace(context, short_years=True)  # these texts are date lines: "28.01.22" is a day here
    # a date line is often read twice (a <time> and its dated parent, a line and its own element): parsed once
    read_date: DateReader = functools.cache(lambda text: parse_date(text, context))
    below, above = _lines_near_headline(scan)
    for text, node in below:
        _read_line(text, byline, read_date, Shown.BELOW, node)
    above_byline = Byline()  # a date line over the headline; names up there belong to menus and teasers
    for text, node in above:
        _read_line(text, above_byline, read_date, Shown.ABOVE, node)
    byline.dates += above_byline.dates
    flags: dict[HtmlElement, dict[str, bool]] = {}  # ancestor walks only for elements that show a date
    for text, node in _date_element_texts(root, scan):
        if (date := read_date(text)) is not None:
            if node not in flags:
                flags[node] = {"furniture": inside_boilerplate(node), "embedded": _in_embedded_post(node)}
            byline.add(date, text, Shown.ELEMENT, **flags[node])
    if byline.dateline is None:
        byline.dateline = _body_dateline(root)
    return byline


def date_in_short_texts(root: HtmlElement, context: DateContext) -> tuple[ParsedDate, Label] | None:
    """Last resort: the first short text holding a full date, anywhere outside boilerplate; failing that, the first
    "Last updated" line (old news templates show nothing else: "Last Updated: Monday, 26 November 2007, 15:30 GMT"),
    labelled as the modification it says it is."""
    updated: ParsedDate | None = None
    for node in root.xpath(_YEAR_TEXT_XPATH)[:40]:
        if node.tag in ("script", "style", "option", "a"):
            continue
        text, longer = bounded_text(node, 80)
        if longer and node.tag == "p":
            text, longer = text[:_LEAD_DATE_CHARS], False  # a date leading a paragraph: "(21. November 2022) ..."
        if longer or inside_boilerplate(node):
            continue
        date = parse_date(text, context)
        if date is None:
            continue
        if not _MODIFIED_LABEL_RE.search(text):
            return date, Label.NONE
        updated = updated or date
    return (updated, Label.MODIFIED) if updated is not None else None


# an element whose own text holds four digits in a row (a year): cheap to select in C, parsed in Python
_YEAR_TEXT_XPATH = "//body//*[text()[contains(translate(., '0123456789', '##########'), '####')]]"


def _where(node: HtmlElement) -> dict[str, bool]:
    """Whether a line sits in page furniture or in an embedded post (a quoted tweet between short paragraphs)."""
    return {"furniture": inside_boilerplate(node), "embedded": node.tag == "blockquote" or _in_embedded_post(node)}


def byline_segments(text: str) -> list[str]:
    """The parts of a byline line: "Desk | Dakar | Updated: ..." -> ["Desk", "Dakar", "Updated: ..."]."""
    return [segment.strip() for segment in _SEGMENT_SPLIT_RE.split(text) if segment and segment.strip()]


def _read_line(text: str, byline: Byline, read_date: DateReader, shown: Shown, node: HtmlElement) -> None:
    segments = byline_segments(text)
    if len(segments) > 1:
        plain: list[str] = []
        where: dict[str, bool] | None = None  # the ancestor walks, only once a segment shows a date
        for segment in segments:
            date = read_date(segment)
            if date is None:
                plain.append(segment)
            elif not told_in_prose(segment, date):
                where = where or _where(node)
                byline.add(date, segment, shown, **where)
        # "Desk | Dakar | Updated: ..." : the segment after the author is the place line.
        if byline.dates and byline.dateline is None and len(plain) >= 2 and _PLACE_RE.match(plain[1]):
            byline.dateline = plain[1]
        return
    date = read_date(text)
    if date is not None and not told_in_prose(text, date):
        byline.add(date, text, shown, **_where(node))


Line = tuple[str, HtmlElement]  # a short text and the element it was read from
DateReader = Callable[[str], ParsedDate | None]


def _lines_near_headline(scan: PageScan) -> tuple[list[Line], list[Line]]:
    """Short leaf-ish texts between the first <h1> and the story's first paragraph (where bylines live), then
    those just above the headline inside its own header block (a date line over the headline).

    A <time datetime=...> gives its machine-readable value (it usually carries the time and zone)."""
    headline = scan.headline
    if headline is None:
        return [], []
    lines: list[Line] = []
    above: list[Line] = []
    in_caption: set[HtmlElement] = set()  # a photo's date ("Anting, March 5, 2019. REUTERS/..."), not the story's
    joined: set[HtmlElement] = set()
    for node in islice(scan.after_headline(), _FOLLOWING_WINDOW):
        if node.tag == "figcaption":
            in_caption.update(node.iterdescendants())
        if node.tag == "figcaption" or node in in_caption:
            continue
        if (parent := node.getparent()) is not None and parent not in joined and _is_separator(node):
            joined.add(parent)
            lines.append((_joined_parts(node), node))
        if _read_line_of(node, lines, scan) == _STORY_STARTS:
            break  # dates further down belong to quotes, embeds, related items
    block = headline.getparent()
    block = block.getparent() if block is not None and block.getparent() is not None else block
    if block is not None and block.tag not in ("body", "html"):
        for node in block.iterdescendants():
            if node is headline:
                break
            _read_line_of(node, above, scan)
    return lines, above


_STORY_STARTS = "story"
_SEPARATOR_RE = re.compile(r"^\s*[|•·/]\s*$")
_PART_STOP_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "figure", "ul", "ol", "table", "form"})


def _is_separator(node: HtmlElement) -> bool:
    return isinstance(node.tag, str) and not len(node) and bool(_SEPARATOR_RE.match(node.text or ""))


def _joined_parts(separator: HtmlElement) -> str:
    """A byline whose parts each sit in an element of their own, the pipes too, with no element holding just them
    ("<a>Desk</a><span>|</span><span>Dakar</span><span>|</span><span>Updated: ...</span>" beside the headline):
    the run of short siblings around the pipe, read as the one line a reader sees."""
    before = list(separator.itersiblings(preceding=True))[::-1]
    siblings = [*before, separator, *separator.itersiblings()]
    start = end = len(before)
    while start > 0 and _is_part(siblings[start - 1]):
        start -= 1
    while end + 1 < len(siblings) and _is_part(siblings[end + 1]):
        end += 1
    pieces = [f"{element_text(node)} {node.tail or ''}" for node in siblings[start : end + 1]]
    return clean_text(" ".join(pieces)) or ""


def _is_part(node: HtmlElement) -> bool:
    if not isinstance(node.tag, str) or node.tag in _PART_STOP_TAGS or node.tag in _SKIP_TAGS - {"a"}:
        return False
    text, longer = bounded_text(node, _MAX_BY_LINE_CHARS)
    return bool(text) and not longer


def _read_line_of(node: HtmlElement, lines: list[Line], scan: PageScan) -> str | None:
    if not isinstance(node.tag, str) or node.tag in _SKIP_TAGS:
        return None
    text, longer = scan.bounded_text(node, _MAX_BYLINE_CHARS)
    if node.tag == "time" and (stamp := node.get("datetime")) and len(stamp) <= 40:
        lines.append((f"{text} {stamp}" if _MODIFIED_LABEL_RE.search(text) else stamp, node))
        if text and not longer:
            lines.append((text, node))  # a naive datetime attribute may be completed by the zone in the text
        return None
    if longer and node.tag == "p":
        lines.append((text[:_LEAD_DATE_CHARS], node))  # "27.1.2022 - Story text ..." : a date leading the story
        return _STORY_STARTS
    if not text or longer:
        return None
    if any(scan.bounded_text(child, _MAX_BYLINE_CHARS)[0] == text for child in node):
        return None  # its child carries the same line; read it there
    lines.append((text, node))
    return None


_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "img", "a", "svg", "path", "h1", "button"})


def _date_element_texts(root: HtmlElement, scan: PageScan) -> list[Line]:
    """Texts of <time> elements, then date-classed elements, each with the element it was read from."""
    texts: list[Line] = []
    nodes = [*list(root.iterfind(".//body//time"))[:20], *scan.matching(_DATE_CLASS_RE)[:60]]
    for node in nodes:
        if node.tag in ("script", "style"):
            continue
        value = node.get("datetime") or node.get("content") or (node.get("title") if node.tag == "abbr" else None)
        value = value or _data_date(node)
        text, longer = bounded_text(node, 120)
        if value and len(value) <= 40:
            texts.append((f"{text} {value}" if _MODIFIED_LABEL_RE.search(text) else value, node))
        if text and not longer:
            texts.append((text, node))
    return texts


def _in_embedded_post(node: HtmlElement) -> bool:
    """An embedded tweet or Instagram post (a <blockquote>) carries the date it was posted, not the story's."""
    return any(ancestor.tag == "blockquote" for ancestor in node.iterancestors())


def _data_date(node: HtmlElement) -> str | None:
    """data-date / data-origindate / data-published attributes: machine dates some templates keep there."""
    for name, value in node.attrib.items():
        if name.startswith("data-") and ("date" in name or "publish" in name) and 8 <= len(value) <= 40:
            return str(value)
    return None


def inside_boilerplate(node: HtmlElement, *, entry_is_story: bool = False) -> bool:
    """Whether `node` sits in page furniture (related lists, footers, menus, ...) rather than in the story.
    With `entry_is_story`, a microformat entry (`hentry`, `h-entry`: a blog post's own box) counts as the story's
    container like <article>, so its "post-footer" credit line is the story's."""
    if entry_is_story and any(_ENTRY_RE.search(ancestor.get("class") or "") for ancestor in node.iterancestors()):
        return False
    in_footer = False
    for ancestor in node.iterancestors():
        if ancestor.tag in ("article", "main"):
            return False  # inside the story's own container (its footer or aside holds the story's meta line)
        if ancestor.tag in ("body", "html"):
            return in_footer
        in_footer = in_footer or ancestor.tag in ("footer", "aside", "nav")
        classes, ident = ancestor.get("class"), ancestor.get("id")
        if not classes and not ident:
            continue  # no class or id: names neither a sidebar nor boilerplate (spares the two searches)
        marker = f"{classes or ''} {ident or ''}"
        in_footer = in_footer or bool(_SIDEBAR_RE.search(marker))
        if marker.strip() and _BOILERPLATE_RE.search(marker):
            return True
    return False


_STORY_PARAGRAPHS = etree.XPath("//body//article//p | //body//main//p")


def _body_dateline(root: HtmlElement) -> str | None:
    """'DAKAR, Feb 27 (Reuters) - ...' at the start of the story's first paragraph."""
    for paragraph in _STORY_PARAGRAPHS(root)[:5]:
        text = element_text(paragraph)
        if len(text) < 60:
            continue
        return dateline_at_start(text)
    return None


def dateline_at_start(text: str) -> str | None:
    """The place of a 'DAKAR, Feb 27 (Reuters) -' dateline opening a paragraph, title-cased, or None."""
    match = _BODY_DATELINE_RE.match(text)
    place = clean_text(match[1]) if match else None
    return place.title() if place else None
