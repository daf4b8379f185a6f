"""Authors as candidates -> features -> choice.

Every source of `author_sources` proposes raw texts; the one name normaliser (`authors.clean_authors`) turns each
into a candidate list of names. The site's own names (site name, publisher, host, copyright holder) are dropped
beside a person and, named alone, kept as a candidate flagged `names_site` (a blog, a desk). Each candidate gets
general features (`author_features`): the kind of source, where it stands relative to the headline and the story,
inside page furniture or not, what the names look like (houses, logins), how many, and how far other sources agree.
One linear score with weights fitted on half A of metadata-dev (`benchmarks/fit_authors.py`, checked on half B)
picks a candidate, or none: the "none" option scores `WEIGHTS["none"]`, a wrong author costing as much as a
missing one.
"""

from __future__ import annotations

import re

from article_ingest.extraction.metadata.author_features import (
    PagePlaces,
    name_features,
    name_set_key,
    with_agreement_features,
)
from article_ingest.extraction.metadata.author_sources import propose_authors
from article_ingest.extraction.metadata.authors import clean_authors, looks_like_organization, same_name
from article_ingest.extraction.metadata.candidates import Candidate, choose
from article_ingest.extraction.metadata.jsonld import JsonLdArticle
from article_ingest.extraction.metadata.meta_tags import PageTags
from article_ingest.extraction.metadata.text import PageScan, clean_text, hostname
from article_ingest.extraction.page import PageMetadata
from article_ingest.extraction.tree import HtmlElement

AuthorCandidate = Candidate[tuple[str, ...]]

NONE = "none"
NAMES_SITE = "names_site"  # only the site's own names (site name, publisher, host, copyright holder)
# fitted on half A of metadata-dev by `benchmarks/fit_authors.py --drop agree_structured` (conditional logit, l2=1,
# rounded), checked on half B. `agree_structured` is left out: neutral on A, it lost on B (79.4 -> 78.7).
WEIGHTS: dict[str, float] = {
    "in_furniture": -1.03,
    "names_site": -0.79,
    "bias": 0.78,
    "none": -0.78,
    "agree": 0.63,
    "share_confirmed": 0.6,
    "place_before_story": 0.44,
    "place_after_story": -0.43,
    "source=credit": 0.35,
    "adds_co_authors": 0.3,
    "source=marked": -0.24,
    "source=rel_author": 0.24,
    "names_2": 0.22,
    "source=embedded_by": -0.2,
    "place_before_headline": 0.19,
    "share_houses": -0.19,
    "source=jsonld": 0.17,
    "source=meta": 0.17,
    "share_logins": 0.14,
    "source=meta_label": 0.12,
    "names_3plus": 0.11,
    "place_in_story": 0.1,
    "source=dated_line": 0.1,
    "source=microdata": 0.04,
    "source=by_line": 0.03,
}


def choose_authors(
    meta: PageMetadata, tags: PageTags, ld: JsonLdArticle, root: HtmlElement, url: str | None, scan: PageScan
) -> None:
    """The best-scoring candidate's names and provenance, or no authors when "none" scores higher."""
    chosen = choose(author_candidates(meta, tags, ld, root, url, scan), WEIGHTS, minimum=WEIGHTS.get(NONE))
    if chosen is not None:
        meta.authors, meta.provenance["authors"] = list(chosen.value), chosen.provenance


def author_candidates(
    meta: PageMetadata, tags: PageTags, ld: JsonLdArticle, root: HtmlElement, url: str | None, scan: PageScan
) -> list[AuthorCandidate]:
    """Each source's clean names with their features (agreement between sources included)."""
    reject = _site_names(meta, ld, url)
    holder = _copyright_holder(tags)
    page = PagePlaces(scan)
    candidates: list[AuthorCandidate] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for proposal in propose_authors(root, tags, ld, scan):
        names, names_site = _names(proposal.texts, reject, holder)
        key = (proposal.source, name_set_key(names))
        if not names or key in seen:
            continue
        seen.add(key)
        features = {**name_features(names), **page.features_of(proposal.node), NAMES_SITE: float(names_site)}
        raw = " | ".join(proposal.texts)
        candidates.append(Candidate(tuple(names), proposal.provenance, proposal.source, raw, features))
    return with_agreement_features(candidates)


def _site_names(meta: PageMetadata, ld: JsonLdArticle, url: str | None) -> list[str]:
    """The site's own names (site name, publisher, the host's main label): never its authors. A JSON-LD publisher
    typed Person is a blogger publishing their own site, whose name stays an author."""
    reject = [name for name in (meta.site_name, ld.publisher, ld.site_name) if name]
    host = hostname(url)
    if host:
        reject.append(host.split(".")[-2] if host.count(".") else host)
    if ld.publisher_is_person and ld.publisher:
        reject = [name for name in reject if not same_name(name, ld.publisher)]
    return reject


def _names(texts: tuple[str, ...], reject: list[str], holder: str | None) -> tuple[list[str], bool]:
    """Clean names, and whether they are the site's own: the site (or the copyright holder) named beside a person
    is the house; named alone it may be the blogger writing the page, a case the choice weighs (`NAMES_SITE`)."""
    if people := clean_authors(texts, [*reject, holder] if holder else reject):
        persons = [name for name in people if not looks_like_organization(name)]
        return persons or people, False
    return clean_authors(texts), True


def _copyright_holder(tags: PageTags) -> str | None:
    """ "Copyright (c) 2016 Condé Nast. All rights reserved." -> "Condé Nast": the house, not an author."""
    found = tags.first("copyright", "dc.rights", "dcterms.rights")
    if not found:
        return None
    holder = _COPYRIGHT_NOISE_RE.sub(" ", found[1]).split(".")[0]
    return clean_text(holder)


_COPYRIGHT_NOISE_RE = re.compile(r"copyright|\(c\)|©|\b(?:19|20)\d{2}\b|-|all rights reserved", re.I)
