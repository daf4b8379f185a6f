"""Event details stay under EventBridge's limit: optional fields shrink, ids and refs never do."""

from __future__ import annotations

import json

import pytest

from article_ingest.domain.errors import RejectReason
from article_ingest.domain.events import MAX_DETAIL_BYTES, ArticleRejected, ObjectRef
from article_ingest.services.article_events import EventTooLargeError, article_event, outgoing
from article_ingest.services.versioning import plan_version
from tests.unit.pipeline.fakes import SETTINGS, make_article

PAGE = b"Title|https://news.example/a|Some story text that is long enough."
RAW = ObjectRef(bucket="raw", key="a.html", etag="e")
CLEAN = ObjectRef(bucket="clean", key="articles/x/v1.json", etag="c")


def _event(**overrides: object) -> object:
    article = make_article(PAGE, **overrides)
    plan = plan_version(None, article, RAW, SETTINGS.clean_bucket)
    assert plan.entry is not None
    return article_event(article, plan.entry, CLEAN)


def test_a_normal_detail_is_sent_whole() -> None:
    event = _event(description="short")
    sent = outgoing(event)  # type: ignore[arg-type]
    assert json.loads(sent.detail)["description"] == "short"
    assert sent.detail_type == "ArticleReady"


def test_a_huge_detail_is_trimmed_under_the_limit_keeping_ids_and_refs() -> None:
    event = _event(description="d" * 200_000, tags=[f"tag-{n}-" + "t" * 500 for n in range(400)])

    sent = outgoing(event)  # type: ignore[arg-type]

    detail = json.loads(sent.detail)
    assert len(sent.detail.encode()) <= MAX_DETAIL_BYTES
    assert detail["description"] is None
    assert detail["id"].startswith("u-")
    assert detail["clean"] == CLEAN.model_dump()
    assert detail["raw"] == RAW.model_dump()
    assert detail["content_hash"].startswith("sha256:")


def test_a_small_limit_that_cannot_be_met_is_an_error() -> None:
    with pytest.raises(EventTooLargeError):
        outgoing(_event(), max_bytes=100)  # type: ignore[arg-type]


def test_a_rejection_message_is_cut_when_too_long() -> None:
    event = ArticleRejected(bucket="raw", key="k", reason=RejectReason.NO_TEXT, message="m" * 300_000)
    sent = outgoing(event)
    assert len(sent.detail.encode()) <= MAX_DETAIL_BYTES
