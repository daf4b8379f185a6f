"""The S3 adapters against moto's S3: what one GET reports, and reads pinned to the notified object version."""

from __future__ import annotations

import boto3
import pytest
from mypy_boto3_s3 import S3Client

from article_ingest.adapters.s3_objects import S3CleanStore, S3RawStore
from article_ingest.domain.events import ObjectRef
from article_ingest.ports import ObjectGone

BUCKET = "raw-adapter-test"


@pytest.fixture
def s3(aws: boto3.session.Session) -> S3Client:
    client: S3Client = aws.client("s3")
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    return client


def _put(s3: S3Client, key: str, body: bytes, content_type: str = "text/html", url: str | None = None) -> ObjectRef:
    metadata = {"url": url} if url else {}
    etag = s3.put_object(Bucket=BUCKET, Key=key, Body=body, ContentType=content_type, Metadata=metadata)["ETag"]
    return ObjectRef(bucket=BUCKET, key=key, etag=etag.strip('"'))


def test_a_read_reports_size_type_metadata_and_upload_time(s3: S3Client) -> None:
    ref = _put(s3, "dir/a b+c.html", b"<html>hi</html>", "text/html; charset=utf-8", url="https://x.example/a")

    fetched = S3RawStore(s3).read(ref, max_bytes=1000)

    head = fetched.head
    assert fetched.data == b"<html>hi</html>"
    assert (head.ref, head.size, head.content_type) == (ref, 15, "text/html; charset=utf-8")
    assert head.metadata == {"url": "https://x.example/a"}
    assert head.last_modified is not None
    assert head.last_modified.tzinfo is not None


def test_a_replaced_or_deleted_object_is_gone(s3: S3Client) -> None:
    old = _put(s3, "a.html", b"first")
    _put(s3, "a.html", b"second")
    store = S3RawStore(s3)

    with pytest.raises(ObjectGone):
        store.read(old, max_bytes=1000)
    with pytest.raises(ObjectGone):
        store.read(ObjectRef(bucket=BUCKET, key="never-written.html", etag="abc"), max_bytes=1000)


def test_an_object_over_the_limit_is_reported_by_size_and_left_unread(s3: S3Client) -> None:
    ref = _put(s3, "big.html", b"x" * 2000)

    fetched = S3RawStore(s3).read(ref, max_bytes=1999)

    assert (fetched.head.size, fetched.data) == (2000, None)
    assert S3RawStore(s3).read(ref, max_bytes=2000).data == b"x" * 2000


def test_a_read_takes_the_bytes_as_stored_and_clean_writes_return_their_etag(s3: S3Client) -> None:
    ref = _put(s3, "a.html", b"\x1f\x8b gzip-ish bytes")
    assert S3RawStore(s3).read(ref, max_bytes=1000).data == b"\x1f\x8b gzip-ish bytes"

    written = S3CleanStore(s3, BUCKET).put_json("articles/u-1/v1.json", b'{"a": 1}')

    stored = s3.head_object(Bucket=BUCKET, Key="articles/u-1/v1.json")
    assert written.etag == stored["ETag"].strip('"')
    assert stored["ContentType"] == "application/json; charset=utf-8"
