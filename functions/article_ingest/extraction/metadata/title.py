"""Title: candidates from the declared titles and the page's <h1>s, a few general features, one choice.

Declared titles (JSON-LD headline, og:title, twitter:title, microdata, Dublin Core, <title>) are proposed without
the " | Site" suffix that names the site; an <h1> (each part of an <h1> made of several, and the declared title
that follows a kicker opening the <h1>) is proposed with how far the declared titles confirm it: exactly, all of
its words, most of them. An <h1> is often a logo or a section name, a declared title often an SEO variant of the
headline: an <h1> the declared titles confirm is the headline readers see. Weights fitted on half A
(`benchmarks/fit_fields.py title`, conditional logit over these features, agreement included) scored 83.9-85.8 on
A and 81.5-83.3 on B against 87.2 / 86.5 for this strict order, so the order is kept, written as weights.
"""

from __future__ import annotations

import re

from lxml import etree

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.domain.identity import CJK_CHARACTER_RE
from article_ingest.extraction.metadata.candidates import Candidate, choose
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags
from article_ingest.extraction.metadata.text import PageScan, clean_text, element_text, hostname
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

_SUFFIX_RE = re.compile(r"^(.*\S)\s+(?:\||-|–|—|::|·|:|»|«|/)\s+(\S+(?:\s+\S+){0,5})$")
_PREFIX_RE = re.compile(r"^(\S+(?:\s+\S+){0,3})\s+(?:\||–|—|::|»)\s+(.*\S)$")

# Set by hand as a strict order (each level outweighs every level below it), because the order measured better
# than every weighting fitted on half A, on both halves (benchmarks/fit_fields.py title: see the module docstring).
# An <h1> the declared titles confirm exactly, then one after a kicker or equal to the longest part of a declared
# title ("Site - Section - Headline"; below an exact confirmation, as a long tagline may be the longest part), then
# one whose words they all (mostly) confirm; else the declared titles in this order; else an unconfirmed <h1>;
# never one naming the site.
WEIGHTS: dict[str, float] = {
    "confirmed_exact": 16.0,
    "confirmed_part": 8.0,
    "source=h1_after_kicker": 8.0,
    "confirmed_all": 4.0,
    "confirmed_most": 2.0,
    "source=h1_part": -6.0,  # a part of an <h1> only when it is exactly a declared title
    "source=entry_heading": 3.0,  # over an <h1> only "mostly" confirmed, under any other confirmation
    "source=shown_run": 1.5,  # over the declared titles, under any <h1> they confirm (`_shown_runs`)
    "source=jsonld": 1.0,
    "source=meta:og:title": 0.9,
    "source=meta:twitter:title": 0.8,
    "source=microdata": 0.7,
    "source=meta:dc.title": 0.6,
    "source=title": 0.5,
    "h1_index": -0.01,
    "names_site": -100.0,
}


def choose_title(
    meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle, scan: PageScan
) -> str | None:
    site_keys = site_keys_of(meta.site_name, meta.url)
    chosen = choose(title_candidates(root, tags, ld, site_keys, scan), WEIGHTS, key=title_key)
    if chosen is None:
        return None
    meta.provenance["title"] = chosen.provenance
    return chosen.value


def title_candidates(
    root: HtmlElement, tags: PageTags, ld: JsonLdArticle, site_keys: set[str], scan: PageScan
) -> list[Candidate[str]]:
    declared = [
        (title, source, provenance)
        for raw, source, provenance in (
            (ld.headline if ld.is_article else None, "jsonld", Src.JSON_LD),
            (_meta_value(tags, "og:title"), "meta:og:title", Src.META),
            (_meta_value(tags, "twitter:title"), "meta:twitter:title", Src.META),
            (_itemprop_headline(tags), "microdata", Src.MICRODATA),
            (_meta_value(tags, "dc.title"), "meta:dc.title", Src.META),
            (clean_text(root.findtext(".//title")), "title", Src.MARKUP),
        )
        if (title := _undecorated(clean_text(raw))) and not _names_the_site(title, site_keys)
    ]
    core = [_core_title(title, site_keys) for title, _, _ in declared]
    exact = {title_key(title) for title in core}
    declared_words = set(_WORD_RE.findall(" ".join(core).casefold()))
    headline_parts = {part for title, _, _ in declared if (part := _longest_part(title))}
    candidates = []
    for title, source, provenance in declared:
        stripped = _undecorated(strip_site_suffix(title, site_keys)) or title  # "Headline:: Site" leaves a ":"
        features = {"site_suffix": float(stripped != title), "names_site": float(title_key(stripped) in site_keys)}
        candidates.append(Candidate(stripped, provenance, source, raw=title, features=features))
    headings: list[Candidate[str]] = []
    for index, (text, parts, lead) in enumerate(_h1_texts(scan.headlines)):
        kicked = _declared_after_kicker(text, lead, core) if lead else None
        whole = None if kicked else text  # the kicker is not part of the headline
        for value, source in ((whole, "h1"), *((part, "h1_part") for part in parts), (kicked, "h1_after_kicker")):
            if value is None:
                continue
            words = _WORD_RE.findall(value.casefold())
            confirmed = sum(w in declared_words for w in words) / len(words) if len(words) >= 2 else 0.0
            features = {
                "confirmed_exact": float(title_key(value) in exact),
                "confirmed_part": float(title_key(value) in headline_parts),
                "confirmed_all": float(confirmed == 1.0),
                "confirmed_most": float(confirmed >= _MOSTLY),
                "h1_index": float(index),
                "names_site": float(title_key(value) in site_keys),
            }
            headings.append(Candidate(value, Src.MARKUP, source, features=features))
    if not any(_confirmed(heading) for heading in headings):  # a confirmed <h1> outranks these: not read then
        candidates += _shown_runs(declared, root) + _entry_heading(root, site_keys)
    return candidates + headings


def _entry_heading(root: HtmlElement, site_keys: set[str]) -> list[Candidate[str]]:
    """A blog post's own heading: the one <h2>/<h3> marked as an entry's or a post's title ("post-title",
    "entry-title", "entry-header"), where the <h1> is the blog's name. A page with several is a front page."""
    marked = [node for node in _CLASSED_SUBHEADINGS(root) if _ENTRY_TITLE_RE.search(node.get("class") or "")]
    if len(marked) != 1:
        return []
    text = clean_text(element_text(marked[0]))
    if not text or len(text.split()) < 2:
        return []
    return [Candidate(text, Src.MARKUP, "entry_heading", features={"names_site": float(title_key(text) in site_keys)})]


_CLASSED_SUBHEADINGS = etree.XPath("//body//h2[@class] | //body//h3[@class]")
_ENTRY_TITLE_RE = re.compile(r"\b(?:entry|post)[-_]?(?:title|header)\b", re.I)


def _confirmed(heading: Candidate[str]) -> bool:
    features = heading.features
    return not features["names_site"] and (
        heading.source == "h1_after_kicker"
        or any(features[name] for name in ("confirmed_exact", "confirmed_part", "confirmed_all", "confirmed_most"))
    )


def shown_headline(root: HtmlElement, title: str) -> HtmlElement | None:
    """The element of the body whose own text is the title: a heading first, else the first one."""
    key = title_key(title)
    if len(key) < _MIN_HEADLINE_KEY:
        return None
    shown = []
    for text in _BODY_TEXTS(root):
        if len(title) // 2 <= len(text) <= len(title) * 2 and title_key(text) == key:
            owner = text.getparent()
            if getattr(text, "is_tail", False) and owner is not None:
                owner = owner.getparent()
            if owner is not None and owner.tag not in ("script", "style"):
                shown.append(owner)
    return next((node for node in shown if node.tag in _HEADINGS), shown[0] if shown else None)


_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _shown_runs(declared: list[tuple[str, str, Src]], root: HtmlElement) -> list[Candidate[str]]:
    """The headline inside a declared title made of parts ("Site.com - Headline - Section - Site"), where the page
    shows it as a text of its own in any element (old templates have no <h1>; a blog's <h1> is its name): the
    longest run of parts that holds the longest part, has three words or more, holds any other declared title that
    is a run of this one ("Headline" beside "Headline - Site Name"), and is a text node of the body. Ranked over
    the declared titles, under every <h1> the declared titles confirm."""
    runs: dict[str, tuple[str, Src]] = {}
    for title, _, provenance in declared:
        others = {title_key(other) for other, _, _ in declared if other != title}
        for run in _runs_around_longest_part(title, others):
            runs.setdefault(title_key(run), (run, provenance))
    if not runs:
        return []
    shortest, longest = min(len(run) for run, _ in runs.values()), max(len(run) for run, _ in runs.values()) * 2
    shown = {
        key
        for text in _PLAIN_BODY_TEXTS(root)  # plain strings, lengths first: a page holds thousands of text nodes
        if shortest <= len(text) <= longest and (key := title_key(text)) in runs
    }
    if not shown:
        return []
    run, provenance = runs[max(shown, key=len)]
    return [Candidate(run, provenance, "shown_run")]


def _runs_around_longest_part(title: str, others: set[str]) -> list[str]:
    """The runs of a title's separator-delimited parts that hold its longest part, the whole title excepted."""
    cuts = list(_RUN_SEPARATOR_RE.finditer(title))
    if not cuts:
        return []
    starts = [0, *(cut.end() for cut in cuts)]
    ends = [*(cut.start() for cut in cuts), len(title)]
    parts = [title_key(title[start:end]) for start, end in zip(starts, ends, strict=True)]
    longest = max(range(len(parts)), key=lambda index: len(parts[index]))
    if len(parts[longest]) < _MIN_HEADLINE_KEY:
        return []
    whole = (0, len(parts) - 1)
    spans = {
        (i, j): title[starts[i] : ends[j]].strip()
        for i in range(len(parts))
        for j in range(i, len(parts))
        if (i, j) != whole
    }
    anchors = {title_key(span) for span in spans.values()} & others
    return [
        run
        for (i, j), run in spans.items()
        if i <= longest <= j
        and len(run.split()) + len(CJK_CHARACTER_RE.findall(run)) >= _MIN_RUN_WORDS  # a Han or kana character is a word
        and all(anchor in title_key(run) for anchor in anchors)
    ]


_MIN_RUN_WORDS = 3  # "Site Name" parts are shorter; a headline of one or two words stays with the declared title


_BODY_TEXTS = etree.XPath("//body//text()")
_PLAIN_BODY_TEXTS = etree.XPath("//body//text()", smart_strings=False)


def _undecorated(title: str | None) -> str | None:
    """Without the marks some templates put around a title ("» Headline :", "| Headline")."""
    return title.strip(_DECORATION) if title else title


_DECORATION = " »«|•·:-–—"


def _names_the_site(title: str, site_keys: set[str]) -> bool:
    """A site's name is not a headline: a site key, or the site's name and a word ("Brandon Sun Online",
    "Sportal > Golf > News": a host key of 5+ letters, the rest of the title at most a word's letters)."""
    key = title_key(title)
    if key in site_keys:
        return True
    return len(_WORD_RE.findall(title)) <= _MAX_SITE_TITLE_WORDS and any(
        len(site) >= _MIN_SITE_KEY and site in key and len(key) - len(site) <= _MAX_SITE_TITLE_REST
        for site in site_keys
    )


_MAX_SITE_TITLE_WORDS = 3
_MAX_SITE_TITLE_REST = 8


def _core_title(title: str, site_keys: set[str]) -> str:
    """A declared title without its site suffix, or without its last " | ..." part when that is short."""
    stripped = strip_site_suffix(title, site_keys)
    if stripped != title:
        return stripped
    match = _SUFFIX_RE.match(title)
    return match[1] if match and len(match[2].split()) <= _MAX_SUFFIX_WORDS else title


def _longest_part(title: str) -> str | None:
    """The key of the longest separator-delimited part of a declared title made of several ("Site - Section -
    Headline"): the part that may be the headline, the shorter ones name the site or section."""
    parts = [key for part in _TAIL_SEPARATOR_RE.split(title) if (key := title_key(part))]
    if len(parts) < 2:
        return None
    longest = max(parts, key=len)
    return longest if len(longest) >= _MIN_HEADLINE_KEY else None


def _declared_after_kicker(text: str, lead: str, declared: list[str]) -> str | None:
    """An <h1> that opens with an element of a few words ('<small>Tunesien</small><br> Headline') followed by a
    declared title, or by the rest of a declared title that opens with that element's text ('Tunesien – Headline'):
    that element is a kicker, and the (rest of the) declared title is the headline."""
    if len(lead.split()) > _MAX_KICKER_WORDS:
        return None
    for title in declared:
        if title_key(text) == title_key(lead) + title_key(title) and len(title_key(title)) >= _MIN_HEADLINE_KEY:
            return title
        kicker, *rest = _TAIL_SEPARATOR_RE.split(title, maxsplit=1)
        headline = rest[0].strip() if rest else ""
        opens_with_kicker = title_key(kicker) == title_key(lead) and title_key(text) == title_key(title)
        if opens_with_kicker and len(title_key(headline)) >= _MIN_HEADLINE_KEY:
            return headline
    return None


_MAX_KICKER_WORDS = 5
_MIN_HEADLINE_KEY = 12
_MAX_SUFFIX_WORDS = 4
_WORD_RE = re.compile(r"\w+")
_MOSTLY = 0.6  # share of an <h1>'s words found in the declared titles


def strip_site_suffix(title: str, site_keys: set[str]) -> str:
    """'Headline | The Site' -> 'Headline' when the end names the site (also 'Headline_Site', 'Headline：Site',
    and the prefix form 'Site | Headline', where the prefix may also hold the site's name: "Site's Blog | Headline")."""
    for separator in _TAIL_SEPARATOR_RE.finditer(title):
        head, tail = title[: separator.start()].strip(), title[separator.end() :].strip()
        if head and title_key(tail) in site_keys:
            return strip_site_suffix(head, site_keys)  # "Headline_Section_Site": strip again only if it names it
    glued = _GLUED_SUFFIX_RE.match(title)  # "Headline :site"
    if glued and title_key(glued[2]) in site_keys:
        return glued[1]
    prefix = _PREFIX_RE.match(title)
    if prefix and _prefix_names_site(prefix[1], prefix[2], site_keys):
        return prefix[2]
    return title


def _prefix_names_site(prefix: str, rest: str, site_keys: set[str]) -> bool:
    """A title's start that is a site key, or holds one before a headline ("Gregory Szorc's Digital Home | ...").
    Only the start: the same rule at the end also cut true suffixes but the headline they leave then equals a block
    of the story, which the body filters as the title, against wceb-dev's truth (README, title round)."""
    key = title_key(prefix)
    if key in site_keys:
        return True
    if len(title_key(rest)) < _MIN_HEADLINE_KEY:
        return False
    return any(len(site) >= _MIN_SITE_KEY and site in key for site in site_keys)


_GLUED_SUFFIX_RE = re.compile(r"^(.*\S)\s+[:»|·•]\s*(\S+)$")
_MIN_SITE_KEY = 5  # a shorter host label ("bbc", "ft") is found inside ordinary words


_TAIL_SEPARATOR_RE = re.compile(r"\s+(?:\||-|–|—|::|·|:|»|›|«|‹|/|•|│)\s+|\s*(?:_|｜|：|\|)\s*|(?<=\S)-(?=\S+$)")
_RUN_SEPARATOR_RE = re.compile(_TAIL_SEPARATOR_RE.pattern + r"|:\s+")  # runs also split "Blog Name: Headline"


def site_keys_of(site_name: str | None, url: str | None) -> set[str]:
    keys = set()
    if site_name:
        keys.add(title_key(site_name))
    host = hostname(url)
    if host:
        keys.add(title_key(host))
        labels = host.split(".")
        if len(labels) >= 2:
            keys.add(title_key(labels[-2]))
            keys.add(title_key(".".join(labels[-2:])))
    keys.discard("")
    return keys


def title_key(text: str) -> str:
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


def _h1_texts(headlines: list[HtmlElement]) -> list[tuple[str, list[str], str | None]]:
    """Texts of the first <h1>s without kickers and screen-reader labels, each with its children's texts
    (an unmarked kicker is a child of its own: "<h1><span>Tunesien</span> <span>Headline</span></h1>") and the
    text of the element it opens with, if it opens with one."""
    texts = []
    for node in headlines[:3]:
        parts = [piece for piece in _TEXTS(node) if not any(_is_kicker(el) for el in _owners(piece, node))]
        text = clean_text(" ".join(parts))
        if text:
            text = text.strip(" :|-–—")
        if text and 3 <= len(text) <= 300:
            children = [t for child in node if not _is_kicker(child) and (t := clean_text(element_text(child)))]
            opening = node[0] if len(node) and not (node.text or "").strip() else None
            lead = clean_text(element_text(opening)) if opening is not None and not _is_kicker(opening) else None
            texts.append((text, children if len(children) > 1 else [], lead))
    return texts


_TEXTS = etree.XPath(".//text()")


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
