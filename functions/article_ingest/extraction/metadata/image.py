"""Lead image: candidates from og/twitter meta tags, JSON-LD, microdata, <link rel=image_src> and the story's
first sizeable picture, one choice; then alt, caption, credit and an AI-generated flag read from the matching <img>
and its figure.

A declared placeholder (blank.jpg, a default user picture) is no candidate. The order below is the choice: dev has
82 annotated pages (96.2 / 100.0 on halves A / B as components), and weights fitted on half A did not beat it
(`benchmarks/fit_fields.py image`).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from article_ingest.domain.article import ArticleImage
from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.candidates import Candidate, choose
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags, itemprop_value
from article_ingest.extraction.metadata.text import absolute_http_url, clean_text, element_text
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

_IMAGE_META = ("og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src")
WEIGHTS: dict[str, float] = {
    "source=meta:og:image:secure_url": 5.0,
    "source=meta:og:image": 4.9,
    "source=meta:og:image:url": 4.8,
    "source=meta:twitter:image": 4.7,
    "source=meta:twitter:image:src": 4.6,
    "source=jsonld": 4.0,
    "source=microdata": 3.0,
    "source=link": 2.0,
    "source=story_picture": 1.0,
}


def choose_image(meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle, base: str | None) -> None:
    chosen = choose(image_candidates(root, tags, ld, base), WEIGHTS, key=image_key)
    if chosen is not None:
        meta.image, meta.provenance["image"] = image_details(root, chosen.value), chosen.provenance


def image_candidates(root: HtmlElement, tags: PageTags, ld: JsonLdArticle, base: str | None) -> list[Candidate[str]]:
    declared: list[tuple[str | None, Src, str]] = [
        (value, Src.META, f"meta:{key}") for key in _IMAGE_META for value in tags.meta.get(key, ())
    ]
    declared += [(value, Src.JSON_LD, "jsonld") for value in ld.image]
    declared += [(itemprop_value(node), Src.MICRODATA, "microdata") for node in tags.itemprops.get("image", ())]
    declared += [
        (link.get("href"), Src.MARKUP, "link")
        for link in root.iterfind(".//head/link")
        if (link.get("rel") or "").lower() == "image_src"
    ]
    candidates = [
        Candidate(url, provenance, source)
        for raw, provenance, source in declared
        if (url := absolute_http_url(raw, base)) and not is_placeholder(url)
    ]
    if not candidates and (url := first_content_image(root, base)):
        candidates.append(Candidate(url, Src.HEURISTIC, "story_picture"))  # scanned only when nothing is declared
    return candidates


def image_key(url: str) -> str:
    """Scheme, 'www.', query and fragment aside: how two addresses of one picture compare."""
    host_and_path = urlsplit(url)._replace(scheme="", query="", fragment="").geturl().lstrip("/")
    return host_and_path.removeprefix("www.").rstrip("/").lower()


_AI_RE = re.compile(
    r"\b(?:AI|A\.I\.)[- ]generated\b"
    r"|(?:created|made|produced|generated)\s+(?:by|with|using|through)\s+(?:an?\s+)?"
    r"(?:AI|A\.I\.|generative AI|artificial intelligence)"
    r"|\bKI[- ]generiert|mit\s+(?:Hilfe\s+(?:von|einer)\s+)?KI\s+(?:erstellt|generiert)|générée?\s+par\s+(?:l'|l’)?IA"
    r"|generad[ao]\s+(?:con|por)\s+(?:la\s+)?IA",
    re.I,
)
_CREDIT_RE = re.compile(
    r"(?:^|[\s(\[|])((?:photo|image|picture|foto|bild|credit|source|quelle)s?\s*:|©|\(c\))\s*([^)\]|]{2,80})", re.I
)
_CREDIT_CLASS_RE = re.compile(r"credit|copyright|photographer|byline|source|attribution", re.I)
_CAPTION_CLASS_RE = re.compile(r"caption|legend|description|disclaimer|figcaption", re.I)
_MAX_FIGURE_TEXT = 600


def image_details(root: HtmlElement, url: str) -> ArticleImage:
    """Alt, caption, credit and the AI flag for the image at `url` (looked up among the page's <img>)."""
    img = _find_img(root, url)
    if img is None:
        return ArticleImage(url=url)
    alt = clean_text(img.get("alt"))
    container = _figure_of(img)
    caption = credit = None
    ai_generated = bool(alt and _AI_RE.search(alt))
    if container is not None:
        caption, credit = _caption_and_credit(container, img)
        ai_generated = ai_generated or bool(_AI_RE.search(element_text(container)))
    return ArticleImage(url=url, caption=caption, credit=credit, alt=alt, ai_generated=ai_generated)


def is_placeholder(url: str) -> bool:
    """A declared image that stands for 'no image' (a CMS's blank.jpg, a default user picture, a spacer)."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return bool(_PLACEHOLDER_FILE_RE.match(name))


def first_content_image(root: HtmlElement, base: str | None) -> str | None:
    """When the page declares no image: the first sizeable picture of the story (not a logo, icon, avatar, button,
    vector graphic or tracking pixel, nor one in the page's menus, sidebars or footer).
    A picture wrapped in a link to an image file gives that file (the full-size original)."""
    images = root.xpath("//article//img | //main//img")[:_MAX_SCANNED] or root.xpath("//body//img")[:_MAX_SCANNED]
    for img in images:
        if _is_decoration(img) or _in_page_furniture(img):
            continue
        parent = img.getparent()
        href = parent.get("href") if parent is not None and parent.tag == "a" else None
        for raw in (href if href and _IMAGE_FILE_RE.search(href) else None, *(img.get(a) for a in _SRC_ATTRS)):
            url = absolute_http_url(raw, base) if raw else None
            if url and " " not in url and "%20" not in url and not _is_unfit_file(img, url) and not is_placeholder(url):
                return url
    return None


def _is_decoration(img: HtmlElement) -> bool:
    style = img.get("style") or ""
    sizes = [img.get("width"), img.get("height"), *_STYLE_SIZE_RE.findall(style)]
    if any(_pixels(size) < _MIN_SIDE for size in sizes if size):
        return True
    markers = [img.get("class"), img.get("id"), img.get("alt"), img.get("src")]
    markers += [f"{a.get('class') or ''} {a.get('id') or ''}" for a in list(img.iterancestors())[:3]]
    return any(m and _DECORATION_RE.search(m) for m in markers)


def _in_page_furniture(img: HtmlElement) -> bool:
    """Inside a menu, sidebar, widget, footer or form near the picture (and outside the story's own container).
    Only close ancestors count: page-wide wrappers carry classes such as 'site-nav-enabled'."""
    for depth, ancestor in enumerate(img.iterancestors()):
        if depth >= _FURNITURE_DEPTH or ancestor.tag in ("article", "main", "body"):
            return False
        marker = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if ancestor.tag in ("nav", "aside", "footer", "form") or _FURNITURE_RE.search(marker):
            return True
    return False


def _pixels(size: str) -> int:
    """'24', '24px' -> 24; a relative size ('100%', 'auto', '2em') counts as large."""
    digits = size.strip().removesuffix("px")
    return int(digits) if digits.isdigit() else _MIN_SIDE


def _is_unfit_file(img: HtmlElement, url: str) -> bool:
    """An SVG is a logo or an interface icon; a file named for a small size ('badge-88x31.png') is a badge; a
    non-image address inside <noscript> is an analytics beacon."""
    path = urlsplit(url).path.lower()
    if path.endswith(".svg"):
        return True
    if (size := _NAMED_SIZE_RE.search(path.rsplit("/", 1)[-1])) and max(int(size[1]), int(size[2])) < _MIN_SIDE:
        return True  # a one-digit side is an aspect ratio ('hero-16x9.jpg'), not a size
    return not _IMAGE_FILE_RE.search(path) and any(a.tag == "noscript" for a in img.iterancestors())


_SRC_ATTRS = ("data-src", "data-original", "data-lazy-src", "src")
_IMAGE_FILE_RE = re.compile(r"\.(?:jpe?g|png|webp|gif|avif)(?:$|\?)", re.I)
_DECORATION_RE = re.compile(
    r"avatar|logo|icon|sprite|badge|emoji|author|profile|spinner|placeholder|pixel|1x1|rss|btn|button|partner|sponsor"
    r"|(?<![a-z])(?:share|flags?)(?![a-z])",
    re.I,
)
_STYLE_SIZE_RE = re.compile(r"(?:^|[;\s])(?:max-)?(?:width|height)\s*:\s*(\d+px)")
_FURNITURE_RE = re.compile(r"(?:^|[-_\s])(?:nav|menu|sidebar|widget|footer|related|promo)(?:$|[-_\s])", re.I)
_FURNITURE_DEPTH = 6
_NAMED_SIZE_RE = re.compile(r"(?<!\d)(\d{2,4})x(\d{2,4})(?!\d)")
_PLACEHOLDER_FILE_RE = re.compile(
    r"(?:blank|spacer|transparent|pixel|1x1|placeholder|dummy|no-?image|default-user-image)(?:[-_.]|$)", re.I
)
_MIN_SIDE = 100
_MAX_SCANNED = 15


def _find_img(root: HtmlElement, url: str) -> HtmlElement | None:
    wanted = _file_key(url)
    if not wanted:
        return None
    for img in root.iterfind(".//body//img"):
        for attr in ("src", "data-src", "data-original", "data-lazy-src", "srcset", "data-srcset"):
            value = img.get(attr)
            if value and any(_file_key(part.split()[0]) == wanted for part in value.split(",") if part.strip()):
                return img
    return None


def _file_key(url: str) -> str:
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return ""
    name = unquote(path.rsplit("/", 1)[-1]).lower()
    return name if len(name) > 4 else ""


def _figure_of(img: HtmlElement) -> HtmlElement | None:
    """The <figure> around the image, else the closest small ancestor that holds a caption-like text."""
    best = None
    node = img.getparent()
    for _ in range(4):
        if node is None or node.tag in ("body", "article", "main"):
            break
        if node.tag == "figure":
            return node
        if len(element_text(node)) > _MAX_FIGURE_TEXT:
            break
        best = node
        node = node.getparent()
    return best


def _caption_and_credit(container: HtmlElement, img: HtmlElement) -> tuple[str | None, str | None]:
    caption = credit = None
    for node in container.iter():
        if node is img or not isinstance(node.tag, str):
            continue
        cls = f"{node.get('class') or ''} {node.get('id') or ''}"
        if credit is None and _CREDIT_CLASS_RE.search(cls):
            credit = clean_text(element_text(node))
        elif caption is None and (node.tag == "figcaption" or _CAPTION_CLASS_RE.search(cls)):
            caption = clean_text(element_text(node))
    if caption and credit and caption.endswith(credit):
        caption = caption[: -len(credit)].strip() or None
    if caption and credit is None:
        match = _CREDIT_RE.search(caption)
        if match:
            credit = clean_text(match[2])
    return caption, credit
