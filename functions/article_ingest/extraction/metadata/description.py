"""The description: the page's declared summary, else the story's lead paragraph.

Declared sources, in the order that agrees best with annotated descriptions on dev (og:description beats the meta
description and JSON-LD where they differ): og:description, description, twitter:description, Dublin Core, JSON-LD,
microdata. A page that declares none usually opens its story with the summary a reader sees first: the first
substantial paragraph of the page, outside boilerplate (cookie banners, menus, footers), stands in for it.
"""

from __future__ import annotations

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.byline import inside_boilerplate
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags, itemprop_value
from article_ingest.extraction.metadata.text import bounded_text
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

_DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description", "dcterms.abstract")
_MIN_LEAD_CHARS = 80  # shorter paragraphs are captions, bylines, share bars
_MAX_LEAD_CHARS = 300
_LEAD_XPATH = "//body//p"


def choose_description(meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle) -> None:
    found = tags.first(*_DESCRIPTION_META)
    if found:
        meta.description, meta.provenance["description"] = found[1], Src.META
    elif ld.description:
        meta.description, meta.provenance["description"] = ld.description, Src.JSON_LD
    elif value := next(filter(None, (itemprop_value(n) for n in tags.itemprops.get("description", ()))), None):
        meta.description, meta.provenance["description"] = value, Src.MICRODATA
    elif lead := lead_paragraph(root):
        meta.description, meta.provenance["description"] = lead, Src.HEURISTIC


def lead_paragraph(root: HtmlElement) -> str | None:
    """The first paragraph of at least _MIN_LEAD_CHARS in document order, outside boilerplate; a long one is cut
    at the last sentence end (else word) within _MAX_LEAD_CHARS. (Preferring paragraphs after the <h1> or inside
    article/main measured worse on dev: a standfirst often sits above the headline or outside those.)"""
    for paragraph in root.xpath(_LEAD_XPATH)[:30]:
        text, longer = bounded_text(paragraph, _MAX_LEAD_CHARS)
        if len(text) < _MIN_LEAD_CHARS or inside_boilerplate(paragraph):
            continue
        if longer:
            cut = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
            text = text[: cut + 1] if cut >= _MIN_LEAD_CHARS else text.rsplit(" ", 1)[0]
        return text
    return None
