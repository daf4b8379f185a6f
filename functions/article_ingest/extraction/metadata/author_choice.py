"""Which source names the authors: JSON-LD, author metas, microdata, the visible byline, author-marked elements,
then "... by Name" in a short line after the headline. Every source goes through `authors.clean_authors`, with the
site's own names (site name, publisher, host, and the copyright holder beside a person) rejected.
"""

from __future__ import annotations

import re

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.authors import clean_authors
from article_ingest.extraction.metadata.byline import Byline, author_elements_text
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags, itemprop_name
from article_ingest.extraction.metadata.text import MarkedElements, clean_text, hostname
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

_AUTHOR_META = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl",
    "citation_author", "og:article:author", "author_name", "article.author", "cxenseparse:author",
)  # fmt: skip
_MAX_VISIBLE_AUTHORS = 4


def choose_authors(
    meta: PageMetadata,
    tags: PageTags,
    ld: JsonLdArticle,
    byline: Byline,
    root: HtmlElement,
    url: str | None,
    marked: MarkedElements,
) -> None:
    """Authors with their provenance: the first source that gives clean names (see the module docstring)."""
    reject = [name for name in (meta.site_name, ld.publisher, ld.site_name) if name]
    holder = _copyright_holder(tags)
    host = hostname(url)
    if host:
        reject.append(host.split(".")[-2] if host.count(".") else host)
    sources: list[tuple[list[str], Src]] = [
        (ld.authors, Src.JSON_LD),
        (tags.all(*_AUTHOR_META) or _labelled_twitter_author(tags), Src.META),
        ([name for node in tags.itemprops.get("author", ()) if (name := itemprop_name(node))], Src.MICRODATA),
        (byline.authors, Src.BYLINE),
    ]
    for raw, source in sources:
        # the copyright holder beside a person is the house; alone, it may be the blogger writing the page
        names = clean_authors(raw, [*reject, holder] if holder else reject) or clean_authors(raw, reject)
        if names:
            meta.authors, meta.provenance["authors"] = names, source
            return
    for text in [*author_elements_text(root, marked)[:3], *byline.embedded_authors]:
        names = clean_authors([text], reject)
        if 0 < len(names) <= _MAX_VISIBLE_AUTHORS:  # more names in one marker is a list of topics or people
            meta.authors, meta.provenance["authors"] = names, Src.BYLINE
            return


def _copyright_holder(tags: PageTags) -> str | None:
    """ "Copyright (c) 2016 Condé Nast. All rights reserved." -> "Condé Nast": the house, not an author."""
    found = tags.first("copyright", "dc.rights", "dcterms.rights")
    if not found:
        return None
    holder = _COPYRIGHT_NOISE_RE.sub(" ", found[1]).split(".")[0]
    return clean_text(holder)


_COPYRIGHT_NOISE_RE = re.compile(r"copyright|\(c\)|©|\b(?:19|20)\d{2}\b|-|all rights reserved", re.I)


def _labelled_twitter_author(tags: PageTags) -> list[str]:
    """twitter:label1 "Written by" + twitter:data1 "Jane Doe" (what WordPress SEO plugins emit)."""
    for index in ("1", "2"):
        label = tags.first(f"twitter:label{index}")
        data = tags.first(f"twitter:data{index}")
        if label and data and _WRITTEN_BY_RE.search(label[1]):
            return [data[1]]
    return []


_WRITTEN_BY_RE = re.compile(
    r"written by|verfasst von|geschrieben von|escrito por|écrit par|scritto da|auteur|autor", re.I
)
