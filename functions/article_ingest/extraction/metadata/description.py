"""The description: candidates from every source, a few general features, one choice (see candidates.py).

Sources: the declared summaries (og:description, the meta description, twitter:description, Dublin Core, JSON-LD,
microdata), a standfirst (a block under the headline whose class names a summary: dek, standfirst, teaser, ...)
and the story's lead paragraph. Features: the kind of source, agreement between sources, and whether a text runs on
past another complete candidate (an og:description that is the meta description continued by the story's first
lines). A one-word "description" (a motto, a section name) is no candidate. The weights were fitted on half A of
metadata-dev (`benchmarks/fit_fields.py description`) and checked on half B: declared summaries win (annotators
mostly keep the meta description as written); where none is declared, the lead paragraph, else the standfirst.
"""

from __future__ import annotations

import re
from itertools import islice

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.byline import inside_boilerplate
from article_ingest.extraction.metadata.candidates import Candidate, choose
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags, itemprop_value
from article_ingest.extraction.metadata.text import PageScan, bounded_text, clean_text, collapse_spaces
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

_DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description", "dcterms.abstract")
_MIN_LEAD_CHARS = 80  # shorter paragraphs are captions, bylines, share bars
_MAX_LEAD_CHARS = 400  # the annotations take a lead paragraph of three or four sentences whole, not cut at 300
_LEAD_PATH = ".//body//p"
_MIN_SUMMARY_WORDS = 2
_MIN_CJK_SUMMARY_CHARS = 16
_BLOCKS_UNDER_HEADLINE = 3  # a standfirst sits within the first few text blocks after the <h1>
_MIN_STANDFIRST_WORDS = 6  # shorter blocks under a headline are bylines, dates, kickers
_MAX_STANDFIRST_CHARS = 500

# Fitted on half A of metadata-dev (benchmarks/fit_fields.py description, l2 0.3) when unmarked blocks under the
# headline were candidates too; checked on half B without them (component 89.6 / 86.2 / 88.0 on A / B / all).
WEIGHTS: dict[str, float] = {
    "source=meta:og:description": 0.59,
    "source=meta:twitter:description": 0.51,
    "source=meta:description": 0.46,
    "source=jsonld": 0.39,
    "source=meta:dcterms.abstract": 0.1,
    "source=meta:dc.description": 0.08,
    "source=microdata": 0.02,
    "source=lead_paragraph": -0.8,
    "source=standfirst": -1.0,  # fitted +0.28 lost a page on A (B even); after the lead paragraph: +1 on each half
    "runs_on": -0.19,
    "agree": 0.34,
    "agree_structured": 0.62,
}


def choose_description(
    meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle, scan: PageScan | None = None
) -> None:
    chosen = choose(description_candidates(root, tags, ld, scan), WEIGHTS, key=comparable)
    if chosen is not None:
        meta.description, meta.provenance["description"] = chosen.value, chosen.provenance


def description_candidates(
    root: HtmlElement, tags: PageTags, ld: JsonLdArticle, scan: PageScan | None = None
) -> list[Candidate[str]]:
    """Every source's summary with its features (agreement is added by `choose`)."""
    standfirst = _standfirst(scan or PageScan(root))
    lead = lead_paragraph(root)
    proposals: list[tuple[str, Src, str, dict[str, float]]] = []
    for key in _DESCRIPTION_META:
        proposals += [(value, Src.META, f"meta:{key}", {}) for value in tags.meta.get(key, ())[:1] if value]
    if ld.description:
        proposals.append((ld.description, Src.JSON_LD, "jsonld", {}))
    microdata = [value for node in tags.itemprops.get("description", ())[:1] if (value := itemprop_value(node))]
    proposals += [(value, Src.MICRODATA, "microdata", {}) for value in microdata]
    if standfirst:
        proposals.append((standfirst, Src.HEURISTIC, "standfirst", {}))
    if lead:
        proposals.append((lead, Src.HEURISTIC, "lead_paragraph", {}))
    compared = {text: comparable(text) for text, *_ in proposals}
    complete = [compared[text] for text, *_ in proposals if not _ELLIPSIS_RE.search(text)]  # a cut text ends early
    candidates = []
    for text, provenance, source, features in proposals:
        if _is_summary(text):
            own = compared[text]
            runs_on = any(own != other and own.startswith(other) for other in complete if other)
            candidates.append(Candidate(text, provenance, source, features={**features, "runs_on": float(runs_on)}))
    return candidates


def _is_summary(value: str) -> bool:
    """Not a one-word motto or section name ("Raptastisch"); a CJK summary has no spaces but many characters."""
    return len(value.split()) >= _MIN_SUMMARY_WORDS or len(value) >= _MIN_CJK_SUMMARY_CHARS


def comparable(text: str) -> str:
    """Case, spacing, quotes, dashes and a closing ellipsis aside: how two copies of one text compare."""
    text = _ELLIPSIS_RE.sub("", text)
    return collapse_spaces(text.translate(_TYPOGRAPHY).casefold())


_ELLIPSIS_RE = re.compile(r"\s*(?:\.{3}|…|\[(?:…|\.{3})\]|\((?:…|\.{3})\))\s*$")
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-",
                             "—": "-", "\u00ad": None, "\u200b": None})  # fmt: skip
_SUMMARY_CLASS_RE = re.compile(
    r"dek|standfirst|summary|subhead|sub-?title|teaser|intro|lede|excerpt|abstract|description|strap|deck"
    r"|vorspann|chapeau|entradilla|sottotitolo",
    re.I,
)


def _markers(node: HtmlElement) -> str:
    return f"{node.get('class') or ''} {node.get('id') or ''}"


def _standfirst(scan: PageScan) -> str | None:
    """A block among the first text blocks after the first <h1> (paragraphs, subheadings, text-only boxes) whose
    class or id names a summary (dek, standfirst, teaser, ...): where a page shows its standfirst. Unmarked blocks
    are no candidates: they lost to the lead paragraph on dev, and a text-only box that is the story itself would
    then be dropped from the body as a repeated standfirst."""
    seen = 0
    for node in islice(filter(_holds_own_text, scan.after_headline()), _SCANNED_AFTER_HEADLINE):
        text, longer = bounded_text(node, _MAX_STANDFIRST_CHARS)
        if longer or inside_boilerplate(node):
            continue
        if len(text.split()) >= _MIN_STANDFIRST_WORDS or len(text) >= _MIN_CJK_SUMMARY_CHARS * 2:
            if _SUMMARY_CLASS_RE.search(_markers(node)):
                return clean_text(text)
            seen += 1
            if seen == _BLOCKS_UNDER_HEADLINE:
                break
    return None


def _holds_own_text(node: HtmlElement) -> bool:
    """A block holding text of its own: a paragraph, a subheading, or a box without block children whose first text
    is not blank (read in Python on the blocks under the headline, not by an XPath over the rest of the page)."""
    if node.tag in _TEXT_BLOCKS:
        return True
    if node.tag not in _TEXT_BOXES:
        return False
    first_text = node.text if node.text is not None else next((c.tail for c in node if c.tail is not None), None)
    if not (first_text or "").strip(_XML_SPACE):  # XPath's normalize-space(text()): only XML's four spaces
        return False
    return next(node.iterdescendants(*_BLOCK_CHILDREN), None) is None


_TEXT_BLOCKS = frozenset({"p", "h2", "h3", "h4"})
_TEXT_BOXES = frozenset({"div", "span"})
_BLOCK_CHILDREN = ("p", "div", "h2", "h3")
_XML_SPACE = " \t\r\n"
_SCANNED_AFTER_HEADLINE = 12


def lead_paragraph(root: HtmlElement) -> str | None:
    """The first paragraph of at least _MIN_LEAD_CHARS in document order, outside boilerplate; a long one is cut
    at the last sentence end (else word) within _MAX_LEAD_CHARS. (Preferring paragraphs after the <h1> or inside
    article/main measured worse on dev: a standfirst often sits above the headline or outside those.)"""
    for paragraph in islice(root.iterfind(_LEAD_PATH), 30):  # read lazily: the first long paragraph ends it
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
    text = collapse_spaces(" ".join(paragraph.xpath(_TEXT_WITHOUT_CODE_XPATH)))
    return text[: _MAX_LEAD_CHARS + 1], len(text) > _MAX_LEAD_CHARS


_TEXT_WITHOUT_CODE_XPATH = ".//text()[not(ancestor::style) and not(ancestor::script)]"
