"""Stable identities: article ids, URL normalization, content hashes."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from article_ingest.domain.article import SourceRef

_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|src)$", re.IGNORECASE)
# Chinese and Japanese are written without spaces: each Han or kana character counts as one word (the usual
# convention of word counters for these scripts); any other run of word characters is one word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+", re.UNICODE)
CJK_CHARACTER_RE = re.compile(f"[{_CJK}]")


def source_domain_of(url: str | None) -> str | None:
    """The host of a URL, lower-cased, without `www.`: how `Article.source_domain` is written."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:  # e.g. an unbalanced IPv6 bracket in an uploader's URL
        return None
    return host.removeprefix("www.") or None


def normalize_url(url: str) -> str:
    """Canonical form for identity: lower-case scheme/host, no fragment, no tracking params, no default port."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # "example.com:::/a": a port that is no number names no other server
        port = None
    if port and not ((parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)]
    )
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def _digest(text: str, length: int = 32) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def article_id(url: str | None, source: SourceRef) -> str:
    """`u-<hash>` from the canonical URL when there is one, else `s-<hash>` from the source object."""
    if url:
        scheme_free = normalize_url(url).split("://", 1)[-1]
        return "u-" + _digest(scheme_free)
    origin = f"s3://{source.bucket}/{source.key}" if source.bucket else f"file:{source.path or ''}"
    return "s-" + _digest(origin)


def normalize_body(body: str) -> str:
    """The form the content hash is taken of: NFC, collapsed whitespace, paragraph breaks kept."""
    text = unicodedata.normalize("NFC", body)
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def content_hash(body: str) -> str:
    return "sha256:" + hashlib.sha256(normalize_body(body).encode("utf-8")).hexdigest()


def word_count(body: str) -> int:
    return len(_WORD_RE.findall(body))
