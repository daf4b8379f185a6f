"""S3 notifications -> raw object refs: keys decoded once, test events skipped, garbage refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from article_ingest.adapters.s3_notifications import MalformedNotificationError, raw_objects

EVENTS = Path(__file__).resolve().parents[3] / "events"


def _body(key: str) -> str:
    return json.dumps({"Records": [{"s3": {"bucket": {"name": "raw"}, "object": {"key": key, "eTag": "e1"}}}]})


@pytest.mark.parametrize(
    ("encoded", "real"),
    [
        ("dir%2Fwith+space.html", "dir/with space.html"),  # moto: quote_plus, `/` included
        ("dir/with+space.html", "dir/with space.html"),  # real S3: `/` kept
        ("a%2Bb.html", "a+b.html"),
        ("%C3%BCn%C3%AFc%C3%B6d%C3%A9.html", "ünïcödé.html"),
        ("100%25+sure.html", "100% sure.html"),
        ("already%2520encoded.html", "already%20encoded.html"),
    ],
)
def test_keys_are_decoded_once(encoded: str, real: str) -> None:
    [ref] = raw_objects(_body(encoded))
    assert (ref.bucket, ref.key, ref.etag) == ("raw", real, "e1")


def test_the_s3_test_event_names_no_object() -> None:
    body = json.dumps({"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": "raw"})
    assert raw_objects(body) == []


@pytest.mark.parametrize("body", ["not json", "[]", '{"Records": "x"}', '{"Records": [{"s3": "garbage"}]}', "{}"])
def test_garbage_is_refused(body: str) -> None:
    with pytest.raises(MalformedNotificationError):
        raw_objects(body)


def test_the_recorded_awkward_keys_event_decodes_to_the_real_keys() -> None:
    event = json.loads((EVENTS / "sqs-s3-awkward-keys.json").read_text(encoding="utf-8"))
    keys = [ref.key for record in event["Records"] for ref in raw_objects(record["body"])]
    assert keys == ["crawl/with space.html", "a+b.html", "新闻/página ünïcode.html", "100% done.html"]
