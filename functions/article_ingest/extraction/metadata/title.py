"""Title: the headline as the page declares it, without the " | Site" suffix some declarations carry."""

from __future__ import annotations

import re

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags
from article_ingest.extraction.metadata.text import clean_text, element_text, hostname
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

_SUFFIX_RE = re.compile(r"^(.*\S)\s+(?:\||-|–|—|::|·|:|»|/)\s+(\S+(?:\s+\S+){0,5})$")
_PREFIX_RE = re.compile(r"^(\S+(?:\s+\S+){0,3})\s+(?:\||–|—|::|»)\s+(.*\S)$")


def choose_title(meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle) -> str | None:
    """The visible headline (<h1>) when the page's declared titles confirm it, else the declared title.

    Declared titles (og:title, <title>, JSON-LD) are often SEO variants of the headline; an <h1> is often a logo.
    An <h1> whose words mostly appear in a declared title is the headline readers see."""
    site_keys = _site_keys(meta.site_name, meta.url)
    declared: list[tuple[str, Src]] = [
        (title, source)
        for raw, source in (
            (ld.headline if ld.is_article else None, Src.JSON_LD),
            (_meta_value(tags, "og:title"), Src.META),
            (_meta_value(tags, "twitter:title"), Src.META),
            (_itemprop_headline(tags), Src.MICRODATA),
            (_meta_value(tags, "dc.title"), Src.META),
            (clean_text(root.findtext(".//title")), Src.MARKUP),
        )
        if (title := clean_text(raw)) and _key(title) not in site_keys  # a site name is not a headline
    ]
    core = [_core_title(title, site_keys) for title, _ in declared]
    headline = _confirmed_h1(root, core, site_keys)
    if headline:
        meta.provenance["title"] = Src.MARKUP
        return headline
    if declared:
        meta.provenance["title"] = declared[0][1]
        return strip_site_suffix(declared[0][0], site_keys)
    h1 = _h1_texts(root)
    if h1:
        meta.provenance["title"] = Src.MARKUP
        return h1[0][0]
    return None


def _core_title(title: str, site_keys: set[str]) -> str:
    """A declared title without its site suffix, or without its last " | ..." part when that is short."""
    stripped = strip_site_suffix(title, site_keys)
    if stripped != title:
        return stripped
    match = _SUFFIX_RE.match(title)
    return match[1] if match and len(match[2].split()) <= _MAX_SUFFIX_WORDS else title


def _confirmed_h1(root: HtmlElement, declared: list[str], site_keys: set[str]) -> str | None:
    """The <h1> (or its headline part, without a kicker) that a declared title confirms.

    Exact equality with a declared title wins; then an <h1> whose words all appear in one; then one whose words
    mostly do. An <h1> naming the site is a logo, not a headline."""
    if not declared:
        return None
    exact = {_key(title) for title in declared}
    declared_words = set(_WORD_RE.findall(" ".join(declared).casefold()))
    candidates = [h1 for h1 in _h1_texts(root) if _key(h1[0]) not in site_keys]
    for text, parts, _lead in candidates:
        for candidate in (text, *parts):
            if _key(candidate) in exact:
                return candidate
    for text, _parts, lead in candidates:
        if lead and (kicked := _declared_after_kicker(text, lead, declared)):
            return kicked
    mostly = None
    for text, _parts, _lead in candidates:
        words = _WORD_RE.findall(text.casefold())
        confirmed = sum(w in declared_words for w in words)
        if len(words) >= 2 and confirmed == len(words):
            return text
        if mostly is None and len(words) >= 2 and confirmed >= _H1_CONFIRMED_SHARE * len(words):
            mostly = text
    return mostly


def _declared_after_kicker(text: str, lead: str, declared: list[str]) -> str | None:
    """An <h1> that opens with an element of a few words ('<small>Tunesien</small><br> Headline') followed by a
    declared title: that element is a kicker, and the declared title is the headline."""
    if len(lead.split()) > _MAX_KICKER_WORDS:
        return None
    for title in declared:
        if _key(text) == _key(lead) + _key(title) and len(_key(title)) >= _MIN_HEADLINE_KEY:
            return title
    return None


_MAX_KICKER_WORDS = 5
_MIN_HEADLINE_KEY = 12
_MAX_SUFFIX_WORDS = 4
_WORD_RE = re.compile(r"\w+")
_H1_CONFIRMED_SHARE = 0.6


def strip_site_suffix(title: str, site_keys: set[str]) -> str:
    """'Headline | The Site' -> 'Headline' when the end names the site (also 'Headline_Site', 'Headline：Site',
    and the prefix form 'Site | Headline')."""
    for separator in _TAIL_SEPARATOR_RE.finditer(title):
        head, tail = title[: separator.start()].strip(), title[separator.end() :].strip()
        if head and _key(tail) in site_keys:
            return strip_site_suffix(head, site_keys)  # "Headline_Section_Site": strip again only if it names it
    prefix = _PREFIX_RE.match(title)
    if prefix and _key(prefix[1]) in site_keys:
        return prefix[2]
    return title


_TAIL_SEPARATOR_RE = re.compile(r"\s+(?:\||-|–|—|::|·|:|»|›|/|•|│)\s+|\s*(?:_|｜|：|\|)\s*|(?<=\S)-(?=\S+$)")


def _site_keys(site_name: str | None, url: str | None) -> set[str]:
    keys = set()
    if site_name:
        keys.add(_key(site_name))
    host = hostname(url)
    if host:
        keys.add(_key(host))
        labels = host.split(".")
        if len(labels) >= 2:
            keys.add(_key(labels[-2]))
            keys.add(_key(".".join(labels[-2:])))
    keys.discard("")
    return keys


def _key(text: str) -> str:
    """Letters and digits only, case-folded: how titles and site names are compared."""
    return _NOT_ALNUM_RE.sub("", text.casefold())


_NOT_ALNUM_RE = re.compile(r"[\W_]+")


def _meta_value(tags: PageTags, key: str) -> str | None:
    found = tags.first(key)
    return found[1] if found else None


def _itemprop_headline(tags: PageTags) -> str | None:
    """A microdata headline, unless it is marked on the <h1> itself: that one cannot confirm the <h1>."""
    for node in tags.itemprops.get("headline", ()):
        if node.tag == "h1" or next(node.iterancestors("h1"), None) is not None:
            continue
        text = clean_text(node.get("content") or element_text(node))
        if text:
            return text
    return None


def _h1_texts(root: HtmlElement) -> list[tuple[str, list[str], str | None]]:
    """Texts of the first <h1>s without kickers and screen-reader labels, each with its children's texts
    (an unmarked kicker is a child of its own: "<h1><span>Tunesien</span> <span>Headline</span></h1>") and the
    text of the element it opens with, if it opens with one."""
    texts = []
    for node in root.xpath("//body//h1")[:3]:
        parts = [piece for piece in node.xpath(".//text()") if not any(_is_kicker(el) for el in _owners(piece, node))]
        text = clean_text(" ".join(parts))
        if text:
            text = text.strip(" :|-–—")
        if text and 3 <= len(text) <= 300:
            children = [t for child in node if not _is_kicker(child) and (t := clean_text(element_text(child)))]
            opening = node[0] if len(node) and not (node.text or "").strip() else None
            lead = clean_text(element_text(opening)) if opening is not None and not _is_kicker(opening) else None
            texts.append((text, children if len(children) > 1 else [], lead))
    return texts


def _owners(piece: object, h1: HtmlElement) -> list[HtmlElement]:
    """The elements between a text node and its <h1>."""
    owners: list[HtmlElement] = []
    element = piece.getparent() if hasattr(piece, "getparent") else None
    if element is not None and getattr(piece, "is_tail", False):
        element = element.getparent()  # a tail belongs to the element around its preceding sibling
    while element is not None and element is not h1:
        owners.append(element)
        element = element.getparent()
    return owners


def _is_kicker(element: HtmlElement) -> bool:
    return bool(_KICKER_RE.search(f"{element.get('class') or ''} {element.get('id') or ''}"))


_KICKER_RE = re.compile(
    r"kicker|overline|dachzeile|topline|eyebrow|supertitle|roofline|spitzmarke|rubric|sr-only|visually-hidden"
    r"|screen-reader|hidden|label",
    re.I,
)
