"""The version decision, pure: given the registry's current entry and a freshly parsed article, what happens.

- unknown id                                   -> version 1, `ArticleReady`
- known id, any tracked field changed          -> version n+1, `ArticleUpdated` naming the changed fields
- known id, identical, claimed by this object,
  its event not sent yet (a retry)             -> send that version's event again
- known id, identical otherwise                -> nothing: no event, no new clean object
- known id, changed, but fetched before the
  current version's fetch time                 -> stale: nothing, the current version stays

Versions follow the page's fetch time, not arrival order: an old copy retried, redriven or uploaded late never
replaces newer content. An identical copy fetched later moves the current version's fetch time forward (the page
still had that content then), so a copy fetched in between is stale too.

"Identical" compares every tracked field (the body through its content hash, and title, dates, authors, tags...),
so a corrected headline is a new version too. The raw object's location and the parser's version are not tracked:
the same page uploaded under another key is the same article.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

from article_ingest.domain.article import Article
from article_ingest.domain.events import ObjectRef
from article_ingest.ports import RegistryEntry

TRACKED_FIELDS: tuple[str, ...] = (
    "url",
    "source_domain",
    "site_name",
    "title",
    "description",
    "authors",
    "published_at",
    "modified_at",
    "dateline",
    "section",
    "tags",
    "language",
    "image",
    "content_hash",  # stands for the body
)
_ARTICLE_ID_RE = re.compile(r"[us]-[0-9a-f]{16,64}")
_FIELD_NAMES = {"content_hash": "body"}  # how a changed field is named in `ArticleUpdated.changed_fields`


class Decision(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    RESEND = "resend"
    UNCHANGED = "unchanged"
    STALE = "stale"


class VersionPlan(NamedTuple):  # not a frozen dataclass: a tenth of the cost at import
    decision: Decision
    entry: RegistryEntry | None  # the entry to claim (NEW/UPDATED) or to resend (RESEND); None when UNCHANGED
    note_fetch: datetime | None = None  # UNCHANGED by a later fetch: the current version's new fetch time


def field_digests(article: Article) -> dict[str, str]:
    values: dict[str, Any] = article.model_dump(mode="json", include=set(TRACKED_FIELDS))
    return {
        name: hashlib.sha256(json.dumps(values.get(name), sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
        for name in TRACKED_FIELDS
    }


def fingerprint(digests: dict[str, str]) -> str:
    joined = "\n".join(f"{name}={digests[name]}" for name in sorted(digests))
    return hashlib.sha256(joined.encode()).hexdigest()


def clean_key(article_id: str, version: int) -> str:
    """Derived from the id only (`u-<hex>`/`s-<hex>`): whatever the raw key was, this cannot leave its prefix."""
    if not _ARTICLE_ID_RE.fullmatch(article_id):
        raise ValueError(f"not an article id: {article_id!r}")
    return f"articles/{article_id}/v{version}.json"


def same_object(a: ObjectRef, b: ObjectRef) -> bool:
    return (a.bucket, a.key, a.etag, a.version_id) == (b.bucket, b.key, b.etag, b.version_id)


def plan_version(
    current: RegistryEntry | None,
    article: Article,
    raw: ObjectRef,
    clean_bucket: str,
    fetched_at: datetime | None = None,
) -> VersionPlan:
    digests = field_digests(article)
    print_ = fingerprint(digests)

    def entry(version: int, changed: tuple[str, ...]) -> RegistryEntry:
        return RegistryEntry(
            article_id=article.id,
            version=version,
            content_hash=article.content_hash,
            fingerprint=print_,
            field_digests=digests,
            changed_fields=changed,
            claimed_by=raw,
            clean=ObjectRef(bucket=clean_bucket, key=clean_key(article.id, version)),
            event_sent=False,
            fetched_at=fetched_at,
        )

    if current is None:
        return VersionPlan(Decision.NEW, entry(1, ()))
    if current.fingerprint != print_:
        if fetched_before(fetched_at, current.fetched_at):
            return VersionPlan(Decision.STALE, None)
        changed = tuple(
            _FIELD_NAMES.get(name, name) for name in TRACKED_FIELDS if current.field_digests.get(name) != digests[name]
        )
        return VersionPlan(Decision.UPDATED, entry(current.version + 1, changed))
    if same_object(current.claimed_by, raw) and not current.event_sent:
        return VersionPlan(Decision.RESEND, current)
    later = fetched_at if fetched_before(current.fetched_at, fetched_at) else None
    return VersionPlan(Decision.UNCHANGED, None, note_fetch=later)


def fetched_before(copy: datetime | None, current: datetime | None) -> bool:
    """Whether `copy` was fetched strictly before `current`; an unknown time on either side decides nothing."""
    return copy is not None and current is not None and copy < current
