"""Which source names the authors: JSON-LD, author metas, microdata, the visible byline, author-marked elements,
"... by Name" in a short line after the headline, labelled credit lines in the story ("Text: Jane Doe"), then a
closing signature. Every source goes through `authors.clean_authors`, with the site's own names (site name,
publisher, host, and the copyright holder beside a person) rejected; a JSON-LD publisher typed Person is a blogger,
whose name is not rejected.

The first source that names anyone wins, with two exceptions: when it names only houses ("Acme Media GmbH") or
account logins ("jane_doe"), a later source naming a person replaces it; and when JSON-LD names one author, the
author meta listing them with co-authors completes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from article_ingest.domain.article import ProvenanceSource as Src
from article_ingest.extraction.metadata.author_credits import closing_signature, credit_lines
from article_ingest.extraction.metadata.authors import (
    clean_authors,
    looks_like_login,
    looks_like_organization,
    name_key,
    same_name,
)
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
    if ld.publisher_is_person and ld.publisher:  # a person publishing their own blog: their name is not the house's
        reject = [name for name in reject if not same_name(name, ld.publisher)]
    candidates = _candidates(tags, ld, byline, root, marked, reject, holder)
    first = next(candidates, None)
    if first is None:
        return
    if _only_houses(first[0]):
        # "Bund der Energieverbraucher e.V." in the author meta while the byline names the reporter: the person wins
        chosen = next((found for found in candidates if not _only_houses(found[0])), first)
    elif first[1] is Src.JSON_LD:
        chosen = _completed(first, _clean(_meta_authors(tags), reject, holder))
    else:
        chosen = first
    meta.authors, meta.provenance["authors"] = chosen


def _completed(first: tuple[list[str], Src], meta_names: list[str]) -> tuple[list[str], Src]:
    """JSON-LD names one author and the author meta names them with a co-author: the fuller list is the byline.
    (Only the meta: microdata also marks the authors of related stories, whose names would come along.)"""
    keys = {name_key(name) for name in first[0]}
    found = {name_key(name) for name in meta_names}
    added = [name for name in meta_names if name_key(name) not in keys]
    if found > keys and len(meta_names) <= _MAX_VISIBLE_AUTHORS and not _only_houses(added):
        return meta_names, Src.META  # (a publisher listed beside the author is not a co-author)
    return first


def _meta_authors(tags: PageTags) -> list[str]:
    return tags.all(*_AUTHOR_META) or _labelled_twitter_author(tags)


def _clean(raw: list[str], reject: list[str], holder: str | None) -> list[str]:
    """The copyright holder beside a person is the house; alone, it may be the blogger writing the page."""
    return clean_authors(raw, [*reject, holder] if holder else reject) or clean_authors(raw, reject)


def _only_houses(names: list[str]) -> bool:
    """Names a person's name from a later source should replace: houses and account logins."""
    return all(looks_like_organization(name) or looks_like_login(name) for name in names)


def _candidates(
    tags: PageTags,
    ld: JsonLdArticle,
    byline: Byline,
    root: HtmlElement,
    marked: MarkedElements,
    reject: list[str],
    holder: str | None,
) -> Iterator[tuple[list[str], Src]]:
    """Clean names from each source that gives any, in order of trust (read lazily: usually the first is taken)."""
    sources: list[tuple[Callable[[], list[str]], Src]] = [
        (lambda: ld.authors, Src.JSON_LD),
        (lambda: _meta_authors(tags), Src.META),
        (lambda: [name for node in tags.itemprops.get("author", ()) if (name := itemprop_name(node))], Src.MICRODATA),
        (lambda: byline.authors, Src.BYLINE),
    ]
    for read, source in sources:
        if names := _clean(read(), reject, holder):
            yield names, source
    visible: list[Callable[[], list[str]]] = [
        lambda: author_elements_text(root, marked)[:3],
        lambda: byline.embedded_authors,
        lambda: credit_lines(root),
        lambda: [signature] if (signature := closing_signature(root)) else [],
    ]
    for texts in visible:
        for text in texts():
            names = clean_authors([text], reject)
            if 0 < len(names) <= _MAX_VISIBLE_AUTHORS:  # more names in one marker is a list of topics or people
                yield names, Src.BYLINE


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
