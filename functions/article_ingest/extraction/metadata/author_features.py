"""General features of an author candidate: where its element stands, what its names look like, who agrees.

- place (visible sources only): before the headline, between the headline and the story, in the story, after it;
  inside page furniture (related lists, footers, menus, sidebars outside the story's container).
- names: how many, the share that look like houses ("Acme Media GmbH") or account logins ("jane_doe").
- agreement: how many other sources give the same set of names, the share of its names another source also gives,
  and whether it adds co-authors to another source's names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lxml import etree

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.authors import looks_like_login, looks_like_organization, name_key
from article_ingest.extraction.metadata.byline import inside_boilerplate
from article_ingest.extraction.metadata.candidates import Candidate, with_agreement
from article_ingest.extraction.metadata.text import PageScan
from article_ingest.extraction.tree import HtmlElement

BEFORE_HEADLINE = "place_before_headline"
BEFORE_STORY = "place_before_story"  # after the headline (or with no headline), before the story's first paragraph
IN_STORY = "place_in_story"
AFTER_STORY = "place_after_story"
IN_FURNITURE = "in_furniture"
NAMES_TWO = "names_2"
NAMES_MANY = "names_3plus"
HOUSES = "share_houses"
LOGINS = "share_logins"
CONFIRMED = "share_confirmed"  # of its names, the share another source also names
ADDS_CO_AUTHORS = "adds_co_authors"  # names everyone another source names, and more

_STORY_CHARS = 150  # a paragraph this long is the story's, not a caption or a byline
_ORDER = etree.XPath("count(preceding::*) + count(ancestor::*)")
_FIRST_LONG_AFTER = etree.XPath(f"following::p[string-length(normalize-space(.)) > {_STORY_CHARS}][1]")
_LONG_PARAGRAPHS = etree.XPath(f"//body/descendant::p[string-length(normalize-space(.)) > {_STORY_CHARS}]")


class PagePlaces:
    """Where the headline and the story are in document order, computed once per page on first need."""

    def __init__(self, scan: PageScan) -> None:
        self._scan = scan
        self._marks: tuple[float | None, float | None, float | None] | None = None

    def features_of(self, node: HtmlElement | None) -> dict[str, float]:
        if node is None:
            return {}
        headline, story_start, story_end = self._page_marks()
        at = _position(node)
        if headline is not None and at < headline:
            place = BEFORE_HEADLINE
        elif story_start is None or at < story_start:
            place = BEFORE_STORY
        elif story_end is not None and at <= story_end:
            place = IN_STORY
        else:
            place = AFTER_STORY
        return {place: 1.0, IN_FURNITURE: float(inside_boilerplate(node, entry_is_story=True))}

    def _page_marks(self) -> tuple[float | None, float | None, float | None]:
        if self._marks is None:
            headline = self._scan.headline
            long_paragraphs = _LONG_PARAGRAPHS(self._scan.root)
            first = _FIRST_LONG_AFTER(headline) if headline is not None else long_paragraphs[:1]
            self._marks = (
                _position(headline) if headline is not None else None,
                _position(first[0]) if first else None,
                _position(long_paragraphs[-1]) if long_paragraphs else None,
            )
        return self._marks


def _position(node: HtmlElement) -> float:
    return float(_ORDER(node))


def name_features(names: Sequence[str]) -> dict[str, float]:
    count = len(names)
    return {
        NAMES_TWO: float(count == 2),
        NAMES_MANY: float(count >= 3),
        HOUSES: sum(looks_like_organization(name) for name in names) / count,
        LOGINS: sum(looks_like_login(name) for name in names) / count,
    }


def name_set_key(names: Sequence[str]) -> frozenset[str]:
    return frozenset(name_key(name) for name in names)


def origin(candidate: Candidate[tuple[str, ...]]) -> str:
    """What agreement counts as one source: JSON-LD, the meta tags, and the page's text (every visible reader, and
    microdata, may read the same byline element)."""
    if candidate.provenance in (Src.JSON_LD, Src.META):
        return candidate.provenance.value
    return "page"


def with_agreement_features(candidates: Sequence[Candidate[tuple[str, ...]]]) -> list[Candidate[tuple[str, ...]]]:
    """Agreement on the whole set of names (`candidates.with_agreement`) and on single names, between origins."""
    agreed = with_agreement(candidates, name_set_key, origin)
    keys = [name_set_key(candidate.value) for candidate in agreed]
    out: list[Candidate[tuple[str, ...]]] = []
    for candidate, key in zip(agreed, keys, strict=True):
        others = [other for other, c in zip(keys, agreed, strict=True) if origin(c) != origin(candidate)]
        named_elsewhere = set().union(*others) if others else set()
        features = {
            **candidate.features,
            CONFIRMED: len(key & named_elsewhere) / len(key),
            ADDS_CO_AUTHORS: float(any(other < key for other in others)),
        }
        out.append(replace(candidate, features=features))
    return out
