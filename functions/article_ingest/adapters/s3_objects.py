"""S3 adapters of the parse side: the raw store (read-only, never modified) and the clean store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from article_ingest.domain.events import ObjectRef
from article_ingest.ports import ObjectGone, RawObject, RawObjectHead

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

_GONE_CODES = {"404", "NoSuchKey", "NotFound", "412", "PreconditionFailed", "NoSuchVersion"}


def _etag(value: str | None) -> str | None:
    return value.strip('"') if value else None


def _conditions(ref: ObjectRef) -> dict[str, Any]:
    """Read exactly the object version the notification named: a replaced object is another notification's job."""
    if ref.version_id:
        return {"VersionId": ref.version_id}
    if ref.etag:
        return {"IfMatch": f'"{ref.etag}"'}
    return {}


class S3RawStore:
    def __init__(self, client: S3Client) -> None:
        self._s3 = client

    def read(self, ref: ObjectRef, max_bytes: int) -> RawObject:
        # One GET, no HEAD first: the size arrives with the response headers, before the body is streamed, so an
        # oversized object is refused unread all the same, for one request instead of two.
        try:
            response = self._s3.get_object(Bucket=ref.bucket, Key=ref.key, **_conditions(ref))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in _GONE_CODES:
                raise ObjectGone(f"s3://{ref.bucket}/{ref.key}") from error
            raise
        head = RawObjectHead(
            ref=ref.model_copy(update={"etag": _etag(response.get("ETag")) or ref.etag}),
            size=response["ContentLength"],
            content_type=response.get("ContentType"),
            metadata=dict(response.get("Metadata", {})),
            last_modified=response.get("LastModified"),
        )
        body = response["Body"]
        if head.size > max_bytes:
            body.close()  # drops the connection rather than draining the body into it
            return RawObject(head, None)
        data: bytes = body.read()
        return RawObject(head, data)


class S3CleanStore:
    def __init__(self, client: S3Client, bucket: str) -> None:
        self._s3 = client
        self._bucket = bucket

    def put_json(self, key: str, document: bytes) -> ObjectRef:
        response = self._s3.put_object(
            Bucket=self._bucket,
            Key=key,
            Body=document,
            ContentType="application/json; charset=utf-8",
        )
        return ObjectRef(
            bucket=self._bucket, key=key, etag=_etag(response.get("ETag")), version_id=response.get("VersionId")
        )
