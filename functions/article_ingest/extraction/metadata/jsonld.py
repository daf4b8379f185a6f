"""schema.org JSON-LD: find the article node among the page's scripts (graphs, arrays, @id references)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from article_ingest.extraction.metadata.text import clean_text
from article_ingest.extraction.tree import HtmlElement

JsonObject = dict[str, Any]

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "techarticle",
        "scholarlyarticle",
        "report",
        "review",
        "satiricalarticle",
        "medicalscholarlyarticle",
        "howto",
        "recipe",
    }
)
_PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "medicalwebpage", "aboutpage"})
_ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "localbusiness"})
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_SCRIPT_CHARS = 500_000


@dataclass
class JsonLdArticle:
    """The fields we read from the page's main schema.org node, still raw (cleaned by the callers)."""

    headline: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    date_published: str | None = None
    date_created: str | None = None
    date_modified: str | None = None
    image: list[str] = field(default_factory=list)
    url: str | None = None
    publisher: str | None = None
    site_name: str | None = None
    section: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    language: str | None = None
    is_article: bool = False
    publisher_is_person: bool = False  # a blog whose publisher is its author: that name is a person, not a house


def read_jsonld(root: HtmlElement) -> JsonLdArticle:
    nodes = list(_nodes(root))
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    found = JsonLdArticle()
    article = _pick_article(nodes)
    if article is not None:
        found.is_article = _has_type(article, _ARTICLE_TYPES)
        _fill_from_article(found, article, by_id)
    for node in nodes:
        if found.site_name is None and _has_type(node, {"website"}):
            found.site_name = clean_text(node.get("name"))
        if found.publisher is None and _has_type(node, _ORG_TYPES) and node is not article:
            found.publisher = clean_text(node.get("name"))
            found.publisher_is_person = _has_type(node, {"person"})
    return found


def _fill_from_article(found: JsonLdArticle, node: JsonObject, by_id: dict[str, JsonObject]) -> None:
    found.headline = _first_text(node.get("headline")) or _first_text(node.get("name"))
    found.description = _first_text(node.get("description"))
    found.date_published = _first_text(node.get("datePublished"))
    found.date_created = _first_text(node.get("dateCreated"))
    found.date_modified = _first_text(node.get("dateModified"))
    found.url = _first_text(node.get("url")) or _main_entity_url(node.get("mainEntityOfPage"))
    found.language = _first_text(node.get("inLanguage"))
    found.authors = _names(node.get("author"), by_id) or _names(node.get("creator"), by_id)
    publishers = _names(node.get("publisher"), by_id)
    found.publisher = publishers[0] if publishers else None
    publisher = node.get("publisher")
    publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
    if isinstance(publisher, dict):
        found.publisher_is_person = _has_type(_resolve(publisher, by_id), {"person"})
    found.image = _image_urls(node.get("image"), by_id) or _image_urls(node.get("thumbnailUrl"), by_id)
    found.section = _texts(node.get("articleSection"))
    found.keywords = _keywords(node.get("keywords"))
    if isinstance(node.get("isPartOf"), dict):
        found.site_name = _first_text(_resolve(node["isPartOf"], by_id).get("name"))


def _nodes(root: HtmlElement) -> Iterator[JsonObject]:
    repairs = _MAX_REPAIRS_PER_PAGE
    for script in root.iterfind(".//script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" not in kind or not script.text:
            continue
        text = unwrapped_jsonld(script.text)
        data = parse_jsonld(text)
        if data is None and repairs and _repairable(text):
            repairs -= 1
            data = _repaired(text)
        if data is not None:
            yield from _walk(data, depth=0)


def unwrapped_jsonld(text: str) -> str:
    """A script's JSON without the comment or CDATA lines some templates wrap it in."""
    text = text.strip()
    if text.startswith(("<!--", "//<![CDATA[", "<![CDATA[")):
        text = text.split("\n", 1)[-1].rsplit("\n", 1)[0]
    return text


def parse_jsonld(text: str) -> Any:
    """JSON as the standard parser reads it, allowing raw control characters in strings (a newline or a tab in an
    `articleBody` is common) and a trailing ";"; None when it is no JSON."""
    if len(text) > _MAX_SCRIPT_CHARS:
        return None
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):  # RecursionError: a few KB of nested arrays is enough
        try:
            return json.loads(_CONTROL_RE.sub(" ", text).rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            return None


# json-repair's time grows with a block's nesting times its length (a crafted 8 KB block of 100 braces takes
# ~1.7 s): it reads only blocks of the size and shape of the metadata blocks it is for (on the dev pages, those the
# standard parser refuses hold under 5 KB and 35 braces), and at most twice a page.
_REPAIRABLE_CHARS = 6000
_REPAIRABLE_NESTING = 40
_MAX_REPAIRS_PER_PAGE = 2


def _repairable(text: str) -> bool:
    return len(text) <= _REPAIRABLE_CHARS and text.count("{") + text.count("[") <= _REPAIRABLE_NESTING


def _repaired(text: str) -> Any:
    """JSON-LD as sites write it by hand or by template: single quotes, `//` comments, trailing commas, a quote
    left open, one brace too many, two objects side by side. json-repair reads what a lenient reader would."""
    import json_repair  # here: only a block the standard parser refuses pays its import

    try:
        return json_repair.loads(text)
    except (ValueError, RecursionError):
        return None


def _walk(data: Any, depth: int) -> Iterator[JsonObject]:
    """Every typed object, top level first: arrays, @graph and mainEntity are flattened."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data or "@id" in data:
            yield data
        if "@graph" in data:
            yield from _walk(data["@graph"], depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _walk(main, depth + 1)


def _types(node: JsonObject) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower().rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _has_type(node: JsonObject, wanted: set[str] | frozenset[str]) -> bool:
    return bool(_types(node) & wanted)


def _pick_article(nodes: list[JsonObject]) -> JsonObject | None:
    """The article node with the most content wins; a WebPage stands in when no article is declared."""
    articles = [node for node in nodes if _has_type(node, _ARTICLE_TYPES)]
    if articles:
        return max(articles, key=_richness)
    pages = [node for node in nodes if _has_type(node, _PAGE_TYPES)]
    return max(pages, key=_richness) if pages else None


def _richness(node: JsonObject) -> int:
    keys = ("headline", "datePublished", "author", "articleBody", "image", "description")
    return sum(1 for key in keys if node.get(key))


def _resolve(value: JsonObject, by_id: dict[str, JsonObject]) -> JsonObject:
    ref = value.get("@id")
    if isinstance(ref, str) and len(value) <= 2 and ref in by_id:
        return by_id[ref]
    return value


def _first_text(value: Any) -> str | None:
    if isinstance(value, list):
        for item in value:
            text = _first_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return _first_text(value.get("@value"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return clean_text(value)


def _texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [text for item in items if (text := _first_text(item))]


def _keywords(value: Any) -> list[str]:
    out: list[str] = []
    for text in _texts(value):
        out.extend(part for part in (clean_text(p) for p in text.split(",")) if part)
    return out


def _names(value: Any, by_id: dict[str, JsonObject]) -> list[str]:
    """Author/publisher names from a string, an object, an @id reference or a list of those."""
    items = value if isinstance(value, list) else [value]
    nodes = [_resolve(item, by_id) if isinstance(item, dict) else item for item in items[:20]]
    if any(isinstance(n, dict) and _has_type(n, {"person"}) for n in nodes):
        nodes = [n for n in nodes if not (isinstance(n, dict) and _has_type(n, _ORG_TYPES))]  # people, not the house
    names: list[str] = []
    for item in nodes:
        if isinstance(item, dict):
            node = item
            name = _first_text(node.get("name"))
            if not name and (node.get("givenName") or node.get("familyName")):
                given, family = _first_text(node.get("givenName")) or "", _first_text(node.get("familyName")) or ""
                name = clean_text(f"{given} {family}")
            if name:
                names.append(_full_name(name, node))
        elif isinstance(item, str) and (name := clean_text(item)):
            names.append(name)
    return names


def _full_name(name: str, person: JsonObject) -> str:
    """A one-word display name ("Nils") completed by the bio that opens with the full one ("Nils Pickert ist ..."):
    blog platforms publish the login's display name, while the person's description names them in full."""
    if " " in name or not name[:1].isupper():
        return name
    bio = _first_text(person.get("description")) or ""
    match = _BIO_NAME_RE.match(bio)
    return f"{name} {match[1]}" if match and bio.startswith(name + " ") and match[0].startswith(name) else name


_BIO_NAME_RE = re.compile(r"^\w+ ((?:[A-ZÀ-Ý][\w'’-]+)(?: [A-ZÀ-Ý][\w'’-]+)?)(?=$|\s*[,(]|\s+[-–—]|\s+[a-zà-ÿ])")


def _image_urls(value: Any, by_id: dict[str, JsonObject]) -> list[str]:
    items = value if isinstance(value, list) else [value]
    urls: list[str] = []
    for item in items[:10]:
        if isinstance(item, dict):
            node = _resolve(item, by_id)
            url = _first_text(node.get("url")) or _first_text(node.get("contentUrl"))
            if url:
                urls.append(url)
        elif isinstance(item, str) and (url := clean_text(item)):
            urls.append(url)
    return urls


def _main_entity_url(value: Any) -> str | None:
    if isinstance(value, dict):
        return _first_text(value.get("@id")) or _first_text(value.get("url"))
    return _first_text(value)
