"""Two halves of every dev set, by site: a rule is set on half A and kept only if it also wins on half B.

A page's site is its host without `www.` (the registrable part is not needed: one site's pages share a host);
pages without a URL are split by their id. The half is a bit of the SHA-256 of that key, so it never changes
and a site never sits in both halves.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

HALVES = ("A", "B")


def site_key(page_id: str, url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.lower().removeprefix("www.") or f"id:{page_id}"


def half_of(page_id: str, url: str | None) -> str:
    digest = hashlib.sha256(site_key(page_id, url).encode("utf-8")).digest()
    return HALVES[digest[0] & 1]
