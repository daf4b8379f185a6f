"""The whole pipeline, deployed from the real template into moto, driven through the real handlers."""

from __future__ import annotations

import json

import pytest

from article_ingest.adapters.dynamodb_index import DynamoIndexRepository
from article_ingest.domain.article import SourceRef
from article_ingest.domain.events import ArticleReady, ArticleRejected, ArticleUpdated
from article_ingest.domain.identity import article_id
from article_ingest.local import LocalStack
from article_ingest.local.subscriber import subscribe
from tests.integration.conftest import PAGES, SEED_URL, gzipped, seed_html, seed_variant
from tests.integration.helpers import clean_article, clean_json, clean_keys, detail_types, events_of

SEED_ID = "u-5f51ca6fed7983c013a90f9979632301"
SEED_EXPECTED = PAGES / "seed_devdiscourse.expected.json"
pytestmark = pytest.mark.integration


def _put(stack: LocalStack, key: str, body: bytes, **extra: object) -> str:
    response = stack.client("s3").put_object(Bucket=stack.resources.raw_bucket, Key=key, Body=body, **extra)
    etag: str = response["ETag"].strip('"')
    return etag


def test_seed_page_becomes_clean_json_one_event_and_an_index_entry(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    senegal_desk = subscribe(
        stack, "senegal-desk", detail_types=(ArticleReady.DETAIL_TYPE,), detail_pattern={"tags": ["Senegal"]}
    )
    etag = _put(stack, "crawl/2026-02-27/seed.html", seed_html(), ContentType="text/html; charset=utf-8")

    stack.drain()

    [event] = events_of(everything)
    assert event["detail-type"] == "ArticleReady"
    ready = ArticleReady.model_validate(event["detail"])
    assert (ready.id, ready.version, ready.url, ready.tags) == (SEED_ID, 1, SEED_URL, ["Senegal"])
    assert ready.clean.key == f"articles/{SEED_ID}/v1.json"
    assert ready.raw.key == "crawl/2026-02-27/seed.html"
    assert ready.raw.etag == etag
    assert "body" not in event["detail"]
    assert [e["detail"]["id"] for e in events_of(senegal_desk)] == [SEED_ID]

    clean = clean_json(stack, ready.clean.key)
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    assert {name: clean[name] for name in expected} == expected  # the page's exact Article, through the pipeline
    assert clean["content_hash"] == ready.content_hash
    assert clean["source"] == {
        "bucket": stack.resources.raw_bucket,
        "key": "crawl/2026-02-27/seed.html",
        "etag": etag,
        "version_id": None,
        "size": len(seed_html()),
        "path": None,
    }

    indexed = DynamoIndexRepository(stack.client("dynamodb"), stack.resources.index_table).current(SEED_ID)
    assert indexed is not None
    assert indexed.summary.version == 1
    assert indexed.summary.clean.key == ready.clean.key


def test_the_country_subscriber_does_not_see_other_countries(stack: LocalStack) -> None:
    senegal_desk = subscribe(
        stack, "senegal-desk", detail_types=(ArticleReady.DETAIL_TYPE,), detail_pattern={"tags": ["Senegal"]}
    )
    other = seed_html().replace(b"Senegal", b"Mali").replace(SEED_URL.encode(), b"https://www.devdiscourse.com/mali")
    _put(stack, "mali.html", other)
    stack.drain()
    assert events_of(senegal_desk) == []


def test_a_duplicate_notification_produces_one_event(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    sqs = stack.client("sqs")
    _put(stack, "seed.html", seed_html())
    [message] = sqs.receive_message(QueueUrl=stack.resources.parse_queue_url, MaxNumberOfMessages=10)["Messages"]
    sqs.change_message_visibility(
        QueueUrl=stack.resources.parse_queue_url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
    )
    sqs.send_message(QueueUrl=stack.resources.parse_queue_url, MessageBody=message["Body"])  # S3 delivers twice

    report = stack.drain()

    assert report.failed == 0
    assert detail_types(events_of(everything)) == ["ArticleReady"]
    assert clean_keys(stack) == [f"articles/{SEED_ID}/v1.json"]


@pytest.mark.parametrize(
    "key",
    ["with space/and more spaces.html", "a+b=c&d.html", "ünïcödé/新闻 página.html", "100% sure%20not%2Fencoded.html"],
)
def test_awkward_keys_are_read_under_their_real_name(stack: LocalStack, key: str) -> None:
    everything = subscribe(stack, "all-events")
    _put(stack, key, seed_html())

    stack.drain()

    [event] = events_of(everything)
    assert event["detail-type"] == "ArticleReady"
    assert event["detail"]["raw"]["key"] == key
    assert clean_article(stack, event["detail"]["clean"]["key"]).source.key == key


def test_a_gzip_object_is_parsed(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    _put(stack, "seed.html.gz", gzipped(seed_html()), ContentType="text/html")

    stack.drain()

    [event] = events_of(everything)
    assert event["detail-type"] == "ArticleReady"
    assert event["detail"]["id"] == SEED_ID


def test_non_html_is_rejected_with_a_record_and_the_raw_object_untouched(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    etag = _put(stack, "images/photo.html", png, ContentType="text/html")

    stack.drain()

    [event] = events_of(everything)
    rejected = ArticleRejected.model_validate(event["detail"])
    assert (event["detail-type"], rejected.reason.value, rejected.key, rejected.etag) == (
        "ArticleRejected",
        "not_html",
        "images/photo.html",
        etag,
    )
    assert rejected.record is not None
    record = clean_json(stack, rejected.record.key)
    assert (record["key"], record["reason"]) == ("images/photo.html", "not_html")
    assert clean_keys(stack) == [rejected.record.key]
    raw = stack.client("s3").get_object(Bucket=stack.resources.raw_bucket, Key="images/photo.html")
    assert raw["Body"].read() == png
    assert raw["ETag"].strip('"') == etag


@pytest.mark.parametrize("stack_parameters", [{"MaxObjectBytes": 4096}])
def test_an_oversized_object_is_rejected_from_its_size_alone(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    _put(stack, "huge.html", seed_html())  # ~10 KB against a 4 KB limit deployed through the template parameter

    stack.drain()

    [event] = events_of(everything)
    assert event["detail-type"] == "ArticleRejected"
    assert event["detail"]["reason"] == "too_large"
    assert "4096" in event["detail"]["message"]


def test_a_reupload_with_edited_content_is_version_2_and_article_updated(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    _put(stack, "seed.html", seed_html())
    stack.drain()
    edited = seed_html().replace(b"three senior Malian officials", b"four senior Malian officials")
    _put(stack, "seed.html", edited)

    stack.drain()

    ready, updated = events_of(everything)
    assert ready["detail-type"] == "ArticleReady"
    assert updated["detail-type"] == "ArticleUpdated"
    change = ArticleUpdated.model_validate(updated["detail"])
    assert (change.id, change.version, change.changed_fields) == (SEED_ID, 2, ["body"])
    assert change.clean.key == f"articles/{SEED_ID}/v2.json"
    assert "four senior" in clean_article(stack, change.clean.key).body
    assert "three senior" in clean_article(stack, f"articles/{SEED_ID}/v1.json").body
    indexed = DynamoIndexRepository(stack.client("dynamodb"), stack.resources.index_table).current(SEED_ID)
    assert indexed is not None
    assert indexed.summary.version == 2


def test_an_identical_reupload_under_another_key_emits_nothing(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    _put(stack, "first.html", seed_html())
    stack.drain()
    _put(stack, "copy/of/first.html", seed_html())

    report = stack.drain()

    assert report.failed == 0
    assert detail_types(events_of(everything)) == ["ArticleReady"]
    assert clean_keys(stack) == [f"articles/{SEED_ID}/v1.json"]


def test_a_poison_message_goes_to_the_dlq_and_its_batch_mates_are_processed(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    sqs = stack.client("sqs")
    for n in range(3):
        _put(stack, f"good-{n}.html", seed_variant(n))
    sqs.send_message(QueueUrl=stack.resources.parse_queue_url, MessageBody='{"Records": [{"s3": "garbage"}]}')
    [mapping] = [m for m in stack.mappings if m.queue_url == stack.resources.parse_queue_url]

    report = stack.drain()

    parse_batches = report.by_function(stack.resources.parse_function)
    assert parse_batches[0].received == 4  # one batch: three good records and the poison one
    assert sum(batch.failed for batch in parse_batches) == mapping.max_receive_count
    assert sorted(detail_types(events_of(everything))) == ["ArticleReady"] * 3
    dead = sqs.receive_message(QueueUrl=stack.resources.parse_dead_letter_queue_url, MaxNumberOfMessages=10)
    assert [m["Body"] for m in dead["Messages"]] == ['{"Records": [{"s3": "garbage"}]}']
    attributes = sqs.get_queue_attributes(QueueUrl=stack.resources.parse_queue_url, AttributeNames=["All"])
    assert attributes["Attributes"]["ApproximateNumberOfMessages"] == "0"


def test_a_batch_of_mixed_pages_gives_one_outcome_each(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    for n in range(12):  # more than one batch of 10
        _put(stack, f"batch/{n:02}.html", seed_variant(n))
    _put(stack, "batch/empty.html", b"")

    stack.drain()

    events = events_of(everything)
    assert sorted(detail_types(events)) == ["ArticleReady"] * 12 + ["ArticleRejected"]
    assert len({e["detail"].get("id") for e in events if e["detail-type"] == "ArticleReady"}) == 12
    assert json.loads(json.dumps(events))  # every event is plain JSON


def test_the_uploaders_url_metadata_names_a_page_that_has_none(stack: LocalStack) -> None:
    everything = subscribe(stack, "all-events")
    html = seed_html().decode("utf-8")
    html = "\n".join(line for line in html.splitlines() if SEED_URL not in line)  # no canonical, no og:url
    crawler_url = "https://www.devdiscourse.com/article/politics/from-the-crawler"
    _put(stack, "no-canonical.html", html.encode("utf-8"), Metadata={"url": crawler_url})

    stack.drain()

    [event] = events_of(everything)
    assert event["detail"]["url"] == crawler_url
    assert event["detail"]["id"] == article_id(crawler_url, SourceRef())
