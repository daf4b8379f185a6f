"""The pure version decision and the clean keys it names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from article_ingest.domain.events import ObjectRef
from article_ingest.services.versioning import Decision, clean_key, field_digests, plan_version
from tests.unit.pipeline.fakes import SETTINGS, make_article

PAGE = b"Title|https://news.example/a|Some story text."
RAW = ObjectRef(bucket="raw", key="a.html", etag="e1")


def test_clean_keys_are_derived_from_the_id_only() -> None:
    assert clean_key("u-0123456789abcdef0123456789abcdef", 3) == "articles/u-0123456789abcdef0123456789abcdef/v3.json"


@pytest.mark.parametrize("bad", ["../../x", "u-../../etc", "u-0123/../../x", "", "x-0123456789abcdef"])
def test_anything_but_an_article_id_is_refused_as_a_key(bad: str) -> None:
    with pytest.raises(ValueError, match="not an article id"):
        clean_key(bad, 1)


def test_digests_ignore_where_the_page_came_from() -> None:
    a = make_article(PAGE)
    b = a.model_copy(update={"source": a.source.model_copy(update={"key": "elsewhere.html"})})
    assert field_digests(a) == field_digests(b)


def test_the_plan_for_each_situation() -> None:
    article = make_article(PAGE)
    new = plan_version(None, article, RAW, SETTINGS.clean_bucket)
    assert new.decision is Decision.NEW
    assert new.entry is not None
    current = new.entry

    assert plan_version(current, article, RAW, SETTINGS.clean_bucket).decision is Decision.RESEND
    sent = current._replace(event_sent=True)
    assert plan_version(sent, article, RAW, SETTINGS.clean_bucket).decision is Decision.UNCHANGED
    other = ObjectRef(bucket="raw", key="b.html", etag="e2")
    assert plan_version(current, article, other, SETTINGS.clean_bucket).decision is Decision.UNCHANGED

    retitled = article.model_copy(update={"title": "Another title", "tags": ["Mali"]})
    updated = plan_version(sent, retitled, other, SETTINGS.clean_bucket)
    assert updated.decision is Decision.UPDATED
    assert updated.entry is not None
    assert (updated.entry.version, updated.entry.changed_fields) == (2, ("title", "tags"))
    assert updated.entry.clean.key.endswith("/v2.json")


EARLY = datetime(2026, 3, 14, 8, 0, tzinfo=UTC)
LATE = datetime(2026, 3, 14, 9, 0, tzinfo=timezone(timedelta(hours=2)))  # 07:00 UTC: before EARLY
LATER = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)


def test_changed_content_fetched_before_the_current_version_is_stale() -> None:
    article = make_article(PAGE)
    first = plan_version(None, article, RAW, SETTINGS.clean_bucket, EARLY).entry
    assert first is not None
    current = first._replace(event_sent=True)
    edited = article.model_copy(update={"title": "An older headline"})
    other = ObjectRef(bucket="raw", key="b.html", etag="e2")

    older = plan_version(current, edited, other, SETTINGS.clean_bucket, LATE)  # an earlier instant, another offset
    newer = plan_version(current, edited, other, SETTINGS.clean_bucket, LATER)

    assert (older.decision, older.entry) == (Decision.STALE, None)
    assert newer.decision is Decision.UPDATED
    assert newer.entry is not None
    assert newer.entry.fetched_at == LATER


def test_without_a_fetch_time_on_either_side_arrival_order_decides() -> None:
    article = make_article(PAGE)
    edited = article.model_copy(update={"title": "Another headline"})
    other = ObjectRef(bucket="raw", key="b.html", etag="e2")
    untimed = plan_version(None, article, RAW, SETTINGS.clean_bucket).entry
    timed = plan_version(None, article, RAW, SETTINGS.clean_bucket, LATER).entry
    assert untimed is not None
    assert timed is not None

    assert plan_version(untimed, edited, other, SETTINGS.clean_bucket, EARLY).decision is Decision.UPDATED
    assert plan_version(timed, edited, other, SETTINGS.clean_bucket, None).decision is Decision.UPDATED


def test_an_identical_copy_fetched_later_moves_the_current_fetch_time_forward() -> None:
    article = make_article(PAGE)
    current = plan_version(None, article, RAW, SETTINGS.clean_bucket, EARLY).entry
    assert current is not None
    sent = current._replace(event_sent=True)
    other = ObjectRef(bucket="raw", key="b.html", etag="e2")

    later = plan_version(sent, article, other, SETTINGS.clean_bucket, LATER)
    earlier = plan_version(sent, article, other, SETTINGS.clean_bucket, LATE)

    assert (later.decision, later.note_fetch) == (Decision.UNCHANGED, LATER)
    assert (earlier.decision, earlier.note_fetch) == (Decision.UNCHANGED, None)
