"""The `Article` contract: what every subscriber receives. Field names are public API."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, NonNegativeInt

SCHEMA_VERSION: Literal["1.0"] = "1.0"

_DATE = r"\d{4}-\d{2}-\d{2}"
_DATETIME = _DATE + r"T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})"
_TIMESTAMP_RE = re.compile(rf"^(?:{_DATE}|{_DATETIME})$")


def _check_timestamp(value: str | None) -> str | None:
    """A plain day (`2026-02-27`) or a datetime that carries its offset; never a naive time."""
    if value is not None and not _TIMESTAMP_RE.match(value):
        raise ValueError(f"not an ISO 8601 date or offset datetime: {value!r}")
    return value


def _check_http_url(value: str | None) -> str | None:
    if value is not None and not value.lower().startswith(("http://", "https://")):
        raise ValueError("only http(s) URLs are allowed")
    return value


Timestamp = Annotated[
    str | None,
    AfterValidator(_check_timestamp),
    Field(
        description="ISO 8601: a date (YYYY-MM-DD) when the page gives only a day, "
        "else a datetime with its UTC offset as the page states it (a time stated without a zone is read in the "
        "zone the page or its country gives; where that zone is a guess, the field's provenance is `heuristic`).",
        examples=["2026-02-27T23:42:00+05:30", "2026-02-27"],
    ),
]
HttpUrl = Annotated[str | None, AfterValidator(_check_http_url)]

# Stories (issue 12): syndicated copies of one body share a story. Null only outside the pipeline (`extract`).
STORY_ID_DOC = "The story this article belongs to: the id of the story's first article (its own id when it is first)."
DUPLICATE_OF_DOC = "The indexed article whose body this one is a near-copy of; null for a story's first article."
Similarity = Annotated[
    float | None,
    Field(ge=0, le=1, description="Estimated similarity of the body to `duplicate_of`'s (Jaccard of word 4-grams)."),
]


class ProvenanceSource(StrEnum):
    """Where a field's value was read from."""

    JSON_LD = "json-ld"
    MICRODATA = "microdata"
    META = "meta"  # <meta> tags: OpenGraph, Dublin Core, article:*, twitter:*
    MARKUP = "markup"  # structural HTML: <title>, <h1>, <time>, <link rel=canonical>, <html lang>
    BYLINE = "byline"  # visible byline / dateline text near the headline
    URL = "url"  # the page URL (e.g. a date in the path)
    HINT = "hint"  # given by the caller (uploader metadata, Content-Type)
    HEURISTIC = "heuristic"  # content scoring, text statistics
    FALLBACK = "fallback"  # the body by the second extractor (trafilatura), read where our own pass found no story


class ArticleImage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: HttpUrl
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None
    ai_generated: bool = Field(False, description="True when the page says the picture is AI-generated.")


class ParserInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: str


class SourceRef(BaseModel):
    """Where the raw bytes came from: an S3 object or a local file. Filled by the caller."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bucket: str | None = None
    key: str | None = None
    etag: str | None = None
    version_id: str | None = None
    size: NonNegativeInt | None = None
    path: str | None = None


class Article(BaseModel):
    """One clean news article. Serialized to JSON in the clean bucket."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str = Field(description="Stable across re-uploads: from the canonical URL, else the source object.")
    url: HttpUrl = Field(None, description="Canonical URL.")
    source_domain: str | None = None
    site_name: str | None = None
    title: str
    description: str | None = None
    authors: list[str] = Field(default_factory=list)
    published_at: Timestamp = None
    published_at_raw: str | None = None
    modified_at: Timestamp = None
    modified_at_raw: str | None = None
    dateline: str | None = None
    section: str | None = None
    tags: list[str] = Field(default_factory=list)
    language: str | None = Field(None, description="BCP 47 primary subtag, e.g. 'en'.")
    image: ArticleImage | None = None
    body: str = Field(min_length=1, description="Story text; paragraphs separated by a blank line.")
    word_count: NonNegativeInt
    content_hash: str = Field(description="sha256 of the normalized body, as 'sha256:<hex>'.")
    story_id: str | None = Field(None, description=STORY_ID_DOC)
    duplicate_of: str | None = Field(None, description=DUPLICATE_OF_DOC)
    similarity: Similarity = None
    provenance: dict[str, ProvenanceSource] = Field(default_factory=dict)
    parser: ParserInfo
    source: SourceRef = Field(default_factory=SourceRef)


class FoundMetadata(BaseModel):
    """What the extractor read on a page it refused: an operator sees what was turned away, not only why."""

    # Built on the first refusal, not at import: refusals are the rare path, and the schema is ~1 ms of cold start.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    url: HttpUrl = None
    title: str | None = None
    site_name: str | None = None
    language: str | None = None
    published_at: Timestamp = None
    modified_at: Timestamp = None
    words: NonNegativeInt = Field(0, description="Words of story text found (too few to make an article).")
