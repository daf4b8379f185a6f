"""The description: the page's declared summary, else the story's lead paragraph.

Declared sources, in the order that agrees best with annotated descriptions on dev (og:description beats the meta
description and JSON-LD where they differ): og:description, description, twitter:description, Dublin Core, JSON-LD,
microdata. Where og:description is the meta description continued by the story's first lines, the meta description
is the summary. A one-word "description" (a site's motto, a section name) is no summary. (Completing a summary the
CMS cut off, "... the secret to its...", from the paragraph it came from measured worse on dev: annotators keep the
declared text as it is.) A page that declares none usually opens its story with the summary a reader sees first:
the first substantial paragraph of the page, outside boilerplate (cookie banners, menus, footers), stands in for it.
"""

from __future__ import annotations

import re

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.byline import inside_boilerplate
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags, itemprop_value
from article_ingest.extraction.metadata.text import bounded_text, clean_text
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

_DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description", "dcterms.abstract")
_MIN_LEAD_CHARS = 80  # shorter paragraphs are captions, bylines, share bars
_MAX_LEAD_CHARS = 300
_LEAD_XPATH = "//body//p"
_MIN_SUMMARY_WORDS = 2
_MIN_CJK_SUMMARY_CHARS = 16


def choose_description(meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle) -> None:
    declared = _declared(tags, ld)
    if declared:
        value, source = declared[0]
        if source is Src.META and (summary := _summary_before_story(value, tags)):
            value = summary
        meta.description, meta.provenance["description"] = value, source
    elif lead := lead_paragraph(root):
        meta.description, meta.provenance["description"] = lead, Src.HEURISTIC


def _declared(tags: PageTags, ld: JsonLdArticle) -> list[tuple[str, Src]]:
    found = [(value, Src.META) for key in _DESCRIPTION_META for value in tags.meta.get(key, ()) if value]
    if ld.description:
        found.append((ld.description, Src.JSON_LD))
    microdata = (itemprop_value(node) for node in tags.itemprops.get("description", ()))
    found += [(value, Src.MICRODATA) for value in microdata if value]
    return [(value, source) for value, source in found if _is_summary(value)]


def _is_summary(value: str) -> bool:
    """Not a one-word motto or section name ("Raptastisch"); a CJK summary has no spaces but many characters."""
    return len(value.split()) >= _MIN_SUMMARY_WORDS or len(value) >= _MIN_CJK_SUMMARY_CHARS


def _summary_before_story(og_value: str, tags: PageTags) -> str | None:
    """The meta description when og:description is that description continued by more text."""
    found = tags.first("description")
    if not found or found[1] == og_value or _ELLIPSIS_RE.search(found[1]):
        return None
    summary = found[1]
    if _is_summary(summary) and _comparable(og_value).startswith(_comparable(summary)):
        return summary
    return None


def _comparable(text: str) -> str:
    """Case, spacing, quotes and dashes aside: how two copies of one text compare."""
    return _SPACE_RE.sub(" ", text.translate(_TYPOGRAPHY).casefold()).strip()


_ELLIPSIS_RE = re.compile(r"\s*(?:\.{3}|…|\[(?:…|\.{3})\]|\((?:…|\.{3})\))\s*$")
_SPACE_RE = re.compile(r"\s+")
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-",
                             "—": "-", "\u00ad": None, "\u200b": None})  # fmt: skip


def lead_paragraph(root: HtmlElement) -> str | None:
    """The first paragraph of at least _MIN_LEAD_CHARS in document order, outside boilerplate; a long one is cut
    at the last sentence end (else word) within _MAX_LEAD_CHARS. (Preferring paragraphs after the <h1> or inside
    article/main measured worse on dev: a standfirst often sits above the headline or outside those.)"""
    for paragraph in root.xpath(_LEAD_XPATH)[:30]:
        text, longer = bounded_text(paragraph, _MAX_LEAD_CHARS)
        if paragraph.find(".//style") is not None or paragraph.find(".//script") is not None:
            text, longer = _text_without_code(paragraph)  # a share button's CSS inside the paragraph is not its text
        if len(text) < _MIN_LEAD_CHARS or inside_boilerplate(paragraph):
            continue
        if longer:
            cut = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
            text = text[: cut + 1] if cut >= _MIN_LEAD_CHARS else text.rsplit(" ", 1)[0]
        return clean_text(text)
    return None


def _text_without_code(paragraph: HtmlElement) -> tuple[str, bool]:
    text = _SPACE_RE.sub(" ", " ".join(paragraph.xpath(_TEXT_WITHOUT_CODE_XPATH))).strip()
    return text[: _MAX_LEAD_CHARS + 1], len(text) > _MAX_LEAD_CHARS


_TEXT_WITHOUT_CODE_XPATH = ".//text()[not(ancestor::style) and not(ancestor::script)]"
