"""The pure extraction domain: `bytes + hints -> Article`, or an `ExtractionRefused`. No AWS here.

Stages: decode (gzip, charset, binary refusal) -> tree (parse within node/depth limits) -> metadata (reads the
untouched tree) -> body (mutates the tree; when it finds no story, a second, differently built extractor reads the
page) -> assembly, where lists and long fields are capped so a hostile page cannot blow up the events built from
the Article. A page with no story is refused with the kind of page it is and the metadata that was found.
"""

from __future__ import annotations

import re
import time
import unicodedata

from article_ingest import PARSER_NAME, __version__
from article_ingest.domain.article import Article, ArticleImage, FoundMetadata, ParserInfo, ProvenanceSource, SourceRef
from article_ingest.domain.errors import ExtractionRefused, RejectReason
from article_ingest.domain.identity import article_id, content_hash, source_domain_of, word_count
from article_ingest.extraction.body import extract_body
from article_ingest.extraction.decode import decode_html
from article_ingest.extraction.hints import ExtractionHints
from article_ingest.extraction.metadata import extract_metadata
from article_ingest.extraction.metadata.byline import dateline_at_start
from article_ingest.extraction.metadata.language import SAMPLE_CHARS, detect_language
from article_ingest.extraction.page import BodyResult, PageMetadata
from article_ingest.extraction.refusal import BLOCKED_MAX_WORDS, blocked_phrase, refusal_reason
from article_ingest.extraction.tree import parse_tree
from article_ingest.settings import ExtractionSettings

__all__ = ["ExtractionHints", "ExtractionRefused", "RejectReason", "extract_article"]

_FALLBACK_TITLE_CHARS = 200
# A "<" that a browser would read as the start of a tag (followed by a letter, "/", "!" or "?"). Text fields are
# text: a page's literal "<b>" or a broken tag's leftover must not become markup in a subscriber's HTML.
_TAG_START_RE = re.compile(r"<(?=[A-Za-z/!?])")
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")  # soft hyphen, zero-width space, word joiner, BOM
# UTF-8 read as windows-1252 or Latin-1 ("Â£", "Ã©", "â€™"): the letter of a lead byte followed by what a
# continuation byte (0x80-0xBF) reads as in those charsets. A cheap gate: only text that shows it meets ftfy.
_CONTINUATION_AS_CP1252 = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE_RE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION_AS_CP1252}]")


def extract_article(
    data: bytes,
    hints: ExtractionHints | None = None,
    *,
    source: SourceRef | None = None,
    settings: ExtractionSettings | None = None,
) -> Article:
    """Extract one Article from raw page bytes. Raises `ExtractionRefused` with a typed reason."""
    hints = hints or ExtractionHints()
    source = source or SourceRef()
    settings = settings or ExtractionSettings()
    started = time.monotonic()

    page = decode_html(data, hints, settings)
    root = parse_tree(page.text, settings)
    _check_budget(started, settings)
    metadata = extract_metadata(root, hints)
    _check_budget(started, settings)
    body = extract_body(root, metadata)
    _check_budget(started, settings)
    minimum = settings.min_declared_article_words if metadata.declares_article else settings.min_body_words
    if _words(body) < minimum:
        # imported here: only the few pages our pass leaves empty (~3%) take the fallback
        from article_ingest.extraction.body.fallback import second_opinion

        body = BodyResult(second_opinion(page.text, metadata), ProvenanceSource.FALLBACK)
        _check_budget(started, settings)
    words = _words(body)
    if words < minimum:
        # the body stage cut `root` apart: the kind of page is read from a new parse (on this rare path only)
        reason, seen = refusal_reason(page.text, parse_tree(page.text, settings))
        message = f"no story in the page: {seen}"  # the few story words found are in `found.words`
        raise ExtractionRefused(reason, message, _found(metadata, words))
    if words <= BLOCKED_MAX_WORDS and (found := blocked_phrase(f"{metadata.title} {' '.join(body.paragraphs)}")):
        # a challenge page whose few lines read like text ("Request unsuccessful. Incapsula incident ID ...")
        message = f"a bot wall or denial page ({found!r})"
        raise ExtractionRefused(RejectReason.BLOCKED, message, _found(metadata, 0))  # its lines are no story
    if metadata.language is None:
        _language_from_story(metadata, body)
    if metadata.dateline is None and (place := dateline_at_start(body.paragraphs[0])):
        # the story's first paragraph as the body found it (the page marks no <article> or <main> around it)
        metadata.dateline, metadata.provenance["dateline"] = place, ProvenanceSource.HEURISTIC
    return _assemble(metadata, body, source, settings)


def _language_from_story(metadata: PageMetadata, body: BodyResult) -> None:
    """A page that declares no language and has too few <p> paragraphs to tell it (tables, <br>-separated text):
    the story text the body stage found tells it."""
    text, size = [], 0
    for paragraph in body.paragraphs:
        text.append(paragraph)
        size += len(paragraph) + 1
        if size >= SAMPLE_CHARS:
            break
    if (language := detect_language(" ".join(text))) is not None:
        metadata.language, metadata.provenance["language"] = language, ProvenanceSource.HEURISTIC


def _words(body: BodyResult) -> int:
    return sum(word_count(paragraph) for paragraph in body.paragraphs)


def _found(metadata: PageMetadata, words: int) -> FoundMetadata:
    return FoundMetadata(
        url=metadata.url,
        title=metadata.title,
        site_name=metadata.site_name,
        language=metadata.language,
        published_at=metadata.published_at,
        modified_at=metadata.modified_at,
        words=words,
    )


def _assemble(metadata: PageMetadata, body: BodyResult, source: SourceRef, settings: ExtractionSettings) -> Article:
    text = _cap_body(body.paragraphs, settings.max_body_chars)
    words = word_count(text)
    provenance = dict(metadata.provenance)
    provenance["body"] = body.provenance
    title = _cap(metadata.title, settings.max_field_chars)
    if not title:
        title = _cap(body.paragraphs[0], _FALLBACK_TITLE_CHARS) or "Untitled"
        provenance["title"] = body.provenance
    limit = settings.max_field_chars
    return Article(
        id=article_id(metadata.url, source),
        url=metadata.url,
        source_domain=source_domain_of(metadata.url),
        site_name=_cap(metadata.site_name, limit),
        title=title,
        description=_cap(metadata.description, limit),
        authors=_cap_list(metadata.authors, settings.max_authors, limit),
        published_at=metadata.published_at,
        published_at_raw=_cap(metadata.published_at_raw, limit),
        modified_at=metadata.modified_at,
        modified_at_raw=_cap(metadata.modified_at_raw, limit),
        dateline=_cap(metadata.dateline, limit),
        section=_cap(metadata.section, limit),
        tags=_cap_list(metadata.tags, settings.max_tags, limit),
        language=metadata.language,
        image=_cap_image(metadata.image, limit),
        body=text,
        word_count=words,
        content_hash=content_hash(text),
        provenance=provenance,
        parser=ParserInfo(name=PARSER_NAME, version=__version__),
        source=source,
    )


def _plain(text: str) -> str:
    """Text that no HTML parser reads as markup: a tag-like "<" gets a space after it ("< b>"), words unchanged.
    Without the invisible characters that only hint where a line may break (a soft hyphen in "réac&shy;tion", a
    zero-width space): left in, they split one word in two for every reader (search, the story's fingerprint). And
    with doubly decoded UTF-8 repaired ("Â£790million" -> "£790million"), and in NFC: an accent typed as a
    combining mark ("re\u0301sonne", text pasted from macOS) is one character with its letter, as in every other copy
    of the story, so search, word counts and the story's fingerprint see one word."""
    if _MOJIBAKE_RE.search(text):
        text = _repaired(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _INVISIBLE_RE.search(text):
        text = " ".join(_INVISIBLE_RE.sub("", text).split())  # one-line fields: a space left beside one goes too
    return _TAG_START_RE.sub("< ", text) if "<" in text else text


def _repaired(text: str) -> str:
    """Text whose UTF-8 was decoded twice (a CMS that stored a page's text as Latin-1 and served it as UTF-8), put
    right by ftfy where its measure of how unlikely the text is says it is mojibake."""
    import ftfy  # here: only the rare field that shows mojibake pays its import

    return ftfy.fix_encoding(text)


def _cap(value: str | None, limit: int) -> str | None:
    """Trim to `limit` characters at a word boundary when there is one; empty strings become None."""
    if value is None:
        return None
    value = _plain(value).strip()
    if len(value) <= limit:
        return value or None
    cut = value[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def _cap_list(values: list[str], count: int, limit: int) -> list[str]:
    """First `count` distinct non-empty values, each capped, in page order."""
    kept: list[str] = []
    seen: set[str] = set()
    for value in values:
        capped = _cap(value, limit)
        if capped and capped.casefold() not in seen:
            seen.add(capped.casefold())
            kept.append(capped)
            if len(kept) == count:
                break
    return kept


def _cap_image(image: ArticleImage | None, limit: int) -> ArticleImage | None:
    if image is None:
        return None
    return image.model_copy(
        update={
            "caption": _cap(image.caption, limit),
            "credit": _cap(image.credit, limit),
            "alt": _cap(image.alt, limit),
        }
    )


def _cap_body(paragraphs: list[str], limit: int) -> str:
    """Paragraphs joined by a blank line, cut after the last whole paragraph that fits in `limit`."""
    kept: list[str] = []
    size = 0
    for paragraph in map(_plain, paragraphs):  # made plain first: the space it adds counts against `limit`
        if not paragraph.strip():
            continue  # a paragraph of invisible characters only
        size += len(paragraph) + 2
        if size > limit and kept:
            break
        kept.append(paragraph[:limit])
    return "\n\n".join(kept)


def _check_budget(started: float, settings: ExtractionSettings) -> None:
    elapsed = time.monotonic() - started
    if elapsed > settings.time_budget_s:
        raise ExtractionRefused(RejectReason.TIMEOUT, f"extraction took {elapsed:.1f}s > {settings.time_budget_s}s")
