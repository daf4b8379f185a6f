"""Where a page names its authors: every source proposes raw texts, each with the element it was read from.

Structured sources (JSON-LD author/creator, author metas, the "Written by" twitter label) have no element; the
visible ones (microdata, rel=author links, author/byline-classed elements, "By ..." lines and dated lines after the
headline, labelled credit lines, a closing signature) keep theirs, so the choice can weigh where on the page they
stand (`author_features`). Nothing here decides: a reader proposes, the choice picks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.author_credits import closing_signature, credit_lines
from article_ingest.extraction.metadata.byline import byline_segments
from article_ingest.extraction.metadata.dates import DateContext, parse_date
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags, itemprop_name
from article_ingest.extraction.metadata.text import PageScan
from article_ingest.extraction.tree import HtmlElement

AUTHOR_META = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl",
    "citation_author", "og:article:author", "author_name", "article.author", "cxenseparse:author",
)  # fmt: skip

_AUTHOR_CLASS_RE = re.compile(r"byline|by-line|author|writer|autor|auteur|reporter|journalist|creator", re.I)
# pictures, bios and "follow" boxes of the author name no one, or more than the author
_AUTHOR_CLASS_EXCLUDE_RE = re.compile(
    r"avatar|image|img|photo|pic|bio|desc|about|social|follow|twitter|mail|more|comment|box|(?<!v)card|list|thumb", re.I
)
_BY_RE = re.compile(r"^(?:by|von|par|por|door|af|av|written by|text:|texto:|autor:|author:)\s+\S", re.I)
_EMBEDDED_BY_RE = re.compile(r"(?:^|[\s|,·•:])(?:by|von|par|por|door)\s+(\S.{1,60})$", re.I)
_CREDITED_NOT_WRITTEN_RE = re.compile(
    r"(?:photo|image|picture|foto|bild|illustration|video|graphic|grafik)s?\W*$"
    r"|(?:powered|hosted|designed|developed|sponsored|presented|supported|provided|operated|maintained|funded)\W*$",
    re.I,
)  # what is credited before "by" is a picture, or a service: no author
_WRITTEN_BY_RE = re.compile(
    r"written by|verfasst von|geschrieben von|escrito por|écrit par|scritto da|auteur|autor", re.I
)
_MAX_MARKER_CHARS = 250
_MAX_LINE_CHARS = 120
_MAX_MARKED = 6
_FOLLOWING_WINDOW = 60  # elements after the headline where its byline lives
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "img", "a", "svg", "path", "h1", "button", "time"})
_DATE_LINE = DateContext(short_years=True)


@dataclass(frozen=True)
class Proposal:
    """Raw author text from one source, before the name normaliser."""

    texts: tuple[str, ...]
    source: str  # the kind of source, a feature of the choice: "jsonld", "meta", "by_line", "credit", ...
    provenance: Src
    node: HtmlElement | None = None  # where a visible source stands on the page


def propose_authors(root: HtmlElement, tags: PageTags, ld: JsonLdArticle, scan: PageScan) -> list[Proposal]:
    """Every source's raw proposal, structured sources first (the order only breaks ties)."""
    proposals: list[Proposal] = []
    if ld.authors:
        proposals.append(Proposal(tuple(ld.authors), "jsonld", Src.JSON_LD))
    if names := tags.all(*AUTHOR_META):
        proposals.append(Proposal(tuple(names), "meta", Src.META))
    if label := _labelled_twitter_author(tags):
        proposals.append(Proposal((label,), "meta_label", Src.META))
    proposals += [
        Proposal((name,), "microdata", Src.MICRODATA, None if node.tag == "meta" else node)
        for node in tags.itemprops.get("author", ())[:_MAX_MARKED]
        if (name := itemprop_name(node))
    ]
    proposals += _marked_elements(root, scan)
    proposals += _lines_after_headline(scan)
    proposals += [Proposal((text,), "credit", Src.BYLINE, node) for text, node in credit_lines(root)]
    if signature := closing_signature(root):
        proposals.append(Proposal((signature[0],), "signature", Src.BYLINE, signature[1]))
    return proposals


def _labelled_twitter_author(tags: PageTags) -> str | None:
    """twitter:label1 "Written by" + twitter:data1 "Jane Doe" (what WordPress SEO plugins emit)."""
    for index in ("1", "2"):
        label = tags.first(f"twitter:label{index}")
        data = tags.first(f"twitter:data{index}")
        if label and data and _WRITTEN_BY_RE.search(label[1]):
            return data[1]
    return None


def _marked_elements(root: HtmlElement, scan: PageScan) -> list[Proposal]:
    """rel=author links and author/byline-classed elements (not their pictures, bios or follow boxes)."""
    found: list[Proposal] = []
    seen: set[str] = set()
    nodes = [*root.iterfind(".//body//a[@rel='author']"), *scan.matching(_AUTHOR_CLASS_RE)]
    for node in nodes[:40]:
        rel_author = node.get("rel") == "author"
        marker = f"{node.get('class') or ''} {node.get('id') or ''}"
        if not rel_author and _AUTHOR_CLASS_EXCLUDE_RE.search(marker):
            continue
        if node.tag in ("script", "style", "meta", "link"):
            continue
        text, longer = scan.bounded_text(node, _MAX_MARKER_CHARS)
        if len(text) > 1 and not longer and text not in seen:
            seen.add(text)
            found.append(Proposal((text,), "rel_author" if rel_author else "marked", Src.BYLINE, node))
            if len(found) == _MAX_MARKED:
                break
    return found


def _lines_after_headline(scan: PageScan) -> list[Proposal]:
    """Short lines between the first <h1> and the story's first paragraph: "By Jane Doe", "... von Olga", and the
    name segment of a dated line ("Desk | Dakar | Updated: 27-02-2026 23:42 IST", "Accueil | Par Jane | 30 sept.")."""
    window = (
        node
        for node in islice(scan.after_headline(), _FOLLOWING_WINDOW)
        if isinstance(node.tag, str) and node.tag not in _SKIP_TAGS and node.tag != "figcaption"
    )
    found: list[Proposal] = []
    for node in window:
        # each element read once on the page: a container's children follow it, and the byline reader read most
        text, longer = scan.bounded_text(node, _MAX_MARKER_CHARS)
        if longer and node.tag == "p":
            break  # the story starts: names further down belong to quotes and related items
        if not text or longer or any(scan.bounded_text(child, _MAX_MARKER_CHARS)[0] == text for child in node):
            continue  # empty, a container, or its child carries the same line (read it there)
        if proposal := _line_proposal(text, node):
            found.append(proposal)
    return found


def _line_proposal(text: str, node: HtmlElement) -> Proposal | None:
    segments = byline_segments(text)
    plain = [segment for segment in segments if parse_date(segment, _DATE_LINE) is None] if len(segments) > 1 else []
    if plain and len(plain) < len(segments):  # a dated line: some segment is a date, another names someone
        named = next((segment for segment in plain if _BY_RE.match(segment)), plain[0])
        return Proposal((named,), "dated_line", Src.BYLINE, node)
    if _BY_RE.match(text):
        return Proposal((text,), "by_line", Src.BYLINE, node)
    found = _EMBEDDED_BY_RE.search(text) if len(text) <= _MAX_LINE_CHARS else None
    if found and found[1][0].isupper() and not _CREDITED_NOT_WRITTEN_RE.search(text[: found.start() + 1]):
        return Proposal((found[1],), "embedded_by", Src.BYLINE, node)  # "06.11.2023 13:30 von Olga"
    return None
