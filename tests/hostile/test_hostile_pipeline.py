"""The hostile corpus and hostile keys through the deployed pipeline (template in moto, real parse function).

Every object ends as its one expected event (an `ArticleReady`, or an `ArticleRejected` with the corpus' reason),
no batch fails because of the poison around it, and no raw key can steer where the clean JSON is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from article_ingest.domain.article import Article
from article_ingest.local import LocalStack
from article_ingest.local.subscriber import Subscription, subscribe
from tests.hostile import pages
from tests.hostile.corpus import ARTICLE, CASES, HostileCase
from tests.hostile.safety import assert_safe

pytestmark = pytest.mark.integration

CLEAN_KEY_RE = re.compile(r"^(articles/[us]-[0-9a-f]{32}/v[1-9][0-9]*\.json|rejected/[0-9a-f]{64}\.json)$")
S3_METADATA_LIMIT = 2048  # bytes of user metadata S3 accepts: longer hints cannot reach the pipeline this way
# Through the pipeline: every light case whose hints an uploader can express, plus the gzip bomb and 100k nesting.
PIPELINE_CASES = [
    case
    for case in CASES
    if (not case.heavy or case.name in {"gzip_bomb_1gb", "deep_nesting_100k"})
    and case.hints.fetched_at is None
    and len(case.hints.url or "") < S3_METADATA_LIMIT
]
HOSTILE_KEYS = [
    "../../../etc/passwd.html",
    "articles/../../rejected/../escape.html",
    "/leading/slash.html",
    "a/./b/../../c.html",
    "..%2F..%2Fencoded.html",
    "spaces and + plus & ampersand.html",
    "unicode/日本語/ニュース.html",
    "percent%25/%00nul-looking.html",
    "k" * 1019 + ".html",  # 1,024 bytes: the longest key S3 allows
    "newline\nin-key.html",
]


@pytest.fixture
def stack(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalStack]:
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws(config={"lambda": {"use_docker": False}}):
        yield LocalStack.deploy(boto3.session.Session(region_name="eu-west-1"), stack_name="ai-hostile")


def _upload(stack: LocalStack, key: str, data: bytes, case: HostileCase | None = None) -> None:
    extra: dict[str, Any] = {}
    if case is not None and case.hints.content_type:
        extra["ContentType"] = case.hints.content_type
    if case is not None and case.hints.url:
        extra["Metadata"] = {"url": case.hints.url}
    stack.client("s3").put_object(Bucket=stack.resources.raw_bucket, Key=key, Body=data, **extra)


def _events_by_key(subscription: Subscription) -> dict[str, list[dict[str, Any]]]:
    by_key: dict[str, list[dict[str, Any]]] = {}
    for event in subscription.receive_all():
        detail = event["detail"]
        by_key.setdefault(detail["raw"]["key"] if "raw" in detail else detail["key"], []).append(event)
    return by_key


def test_every_hostile_object_ends_as_its_one_expected_event_without_failing_a_batch(
    stack: LocalStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without a canonical URL each page is its own article (id from its raw key), so each gets its own ArticleReady.
    monkeypatch.setattr(pages, "CANONICAL", "")
    observer = subscribe(stack, "hostile-observer")
    for case in PIPELINE_CASES:
        _upload(stack, f"hostile/{case.name}.html", case.build(), case)

    report = stack.drain()

    assert report.failed == 0, [b for b in report.batches if b.failed]  # poison never fails its batch
    events = _events_by_key(observer)
    for case in PIPELINE_CASES:
        [event] = events.pop(f"hostile/{case.name}.html")
        if case.expected == ARTICLE:
            assert event["detail-type"] == "ArticleReady", (case.name, event["detail"])
            clean = stack.client("s3").get_object(**_location(event["detail"]["clean"]))["Body"].read()
            assert_safe(Article.model_validate_json(clean))
        else:
            assert event["detail-type"] == "ArticleRejected", (case.name, event["detail"])
            assert event["detail"]["reason"] == case.expected.value, (case.name, event["detail"]["message"])
    assert events == {}


def test_no_raw_key_can_steer_the_clean_key_out_of_its_prefix(stack: LocalStack) -> None:
    observer = subscribe(stack, "hostile-keys-observer")
    story = pages.article_page().replace(pages.CANONICAL, "").encode()  # id from the raw key: one article per key
    for key in HOSTILE_KEYS:
        _upload(stack, key, story)
        _upload(stack, "rejected-" + key.lstrip("/") if len(key) < 1000 else key[:-5] + ".bin", b"")

    report = stack.drain()

    assert report.failed == 0
    events = _events_by_key(observer)
    for key in HOSTILE_KEYS:
        [event] = events[key]  # the key comes back exactly as uploaded, decoded once
        assert event["detail-type"] == "ArticleReady", key
    listed = stack.client("s3").list_objects_v2(Bucket=stack.resources.clean_bucket)["Contents"]
    written = [item["Key"] for item in listed]
    assert len(written) == 2 * len(HOSTILE_KEYS)
    assert all(CLEAN_KEY_RE.match(key) for key in written), [k for k in written if not CLEAN_KEY_RE.match(k)]


def _location(ref: dict[str, Any]) -> dict[str, str]:
    return {"Bucket": ref["bucket"], "Key": ref["key"]}
