"""Canonical URL: candidates from <link rel=canonical>, og:url, the JSON-LD url and the fetched address.

A declared address pointing at the site's home page while the page itself has a path is a template bug, not a
candidate. A syndicated copy's rel=canonical names the original on another site: where the page's own site is
also declared, the other sites' addresses are no candidates (this page's own address wins). The order below is
the choice; dev has 32 annotated pages, all right with it, so no weight was fitted.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.candidates import Candidate, choose
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags
from article_ingest.extraction.metadata.text import absolute_http_url, hostname
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

WEIGHTS: dict[str, float] = {"source=link": 3.0, "source=meta:og:url": 2.0, "source=jsonld": 1.0, "source=hint": -10.0}


def choose_canonical(
    meta: PageMetadata, root: HtmlElement, tags: PageTags, ld: JsonLdArticle, page: str | None
) -> None:
    chosen = choose(canonical_candidates(root, tags, ld, page), WEIGHTS)
    if chosen is not None:
        meta.url, meta.provenance["url"] = chosen.value, chosen.provenance


def canonical_candidates(
    root: HtmlElement, tags: PageTags, ld: JsonLdArticle, page: str | None
) -> list[Candidate[str]]:
    declared = [
        (link.get("href"), Src.MARKUP, "link")
        for link in root.iterfind(".//head/link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    declared += [(value, Src.META, "meta:og:url") for value in tags.all("og:url")]
    declared.append((ld.url, Src.JSON_LD, "jsonld"))
    urls = [(url, provenance, source) for raw, provenance, source in declared if (url := absolute_http_url(raw, page))]
    urls = [item for item in urls if not _is_site_root_for_article(item[0], page)]
    page_site = registrable_domain(hostname(page))
    if page_site and any(registrable_domain(hostname(url)) == page_site for url, _, _ in urls):
        urls = [item for item in urls if registrable_domain(hostname(item[0])) == page_site]
    candidates = [Candidate(url, provenance, source) for url, provenance, source in urls]
    if page:
        candidates.append(Candidate(page, Src.HINT, "hint"))
    return candidates


def registrable_domain(host: str | None) -> str | None:
    """'edition.cnn.com' -> 'cnn.com', 'www.bbc.co.uk' -> 'bbc.co.uk' (close enough without a suffix list)."""
    if not host:
        return None
    labels = host.split(".")
    size = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-size:])


def _is_site_root_for_article(url: str, page_url: str | None) -> bool:
    if not page_url:
        return False
    return urlsplit(url).path.strip("/") == "" and urlsplit(page_url).path.strip("/") != ""
